// Copyright dyad authors.
#include "names/gazetteer.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <string_view>
#include <vector>

#include "tagger/conllu.h"

namespace dyad::names {
namespace {

namespace fs = std::filesystem;

struct Entry {
  std::uint32_t fine = 0, mid = 0, coarse = 0, gaz = 0;
};
using Table = std::map<std::uint64_t, Entry>;

std::vector<std::string_view> Words(std::string_view s, std::string_view seps) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = s.find_first_of(seps, i);
    if (j == std::string_view::npos) j = s.size();
    std::string_view w = s.substr(i, j - i);
    while (!w.empty() && (w.back() == ',' || w.back() == '"' || w.back() == ')'))
      w.remove_suffix(1);
    while (!w.empty() && (w.front() == '"' || w.front() == '(')) w.remove_prefix(1);
    if (!w.empty()) out.push_back(w);
    i = j + 1;
  }
  return out;
}

bool Capitalised(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

// A person's name: first word a given name, last word a surname.
void AddPerson(std::string_view name, std::string_view seps, Table* t) {
  auto ws = Words(name, seps);
  if (ws.size() < 2) {
    if (ws.size() == 1) (*t)[tagger::WordHash(ws[0])].gaz |= kSurname;
    return;
  }
  (*t)[tagger::WordHash(ws.front())].gaz |= kGivenName;
  (*t)[tagger::WordHash(ws.back())].gaz |= kSurname;
}

void AddName(std::string_view name, std::string_view seps, std::uint32_t one_word,
             std::uint32_t part, Table* t) {
  auto ws = Words(name, seps);
  for (std::string_view w : ws) {
    if (ws.size() > 1 && !Capitalised(w) && seps == " ") continue;  // "of", "al-"
    (*t)[tagger::WordHash(w)].gaz |= ws.size() == 1 ? one_word : part;
  }
}

// Splits a CSV line (double quotes, no embedded newlines).
std::vector<std::string> Csv(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

template <typename F>
Status ForLines(const std::string& path, F f) {
  std::string text;
  DYAD_RETURN_IF_ERROR(tagger::ReadFileBytes(path, &text));
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    f(std::string_view(text).substr(pos, nl - pos));
    pos = nl + 1;
  }
  return Status::Ok();
}

// PETRARCH actor files: "NAME_WORDS_ [CODE]" and "+OTHER_NAME_" lines. In
// the institution and group files an entry coded "[---]" is a phrase that
// names no actor ("PUBLIC_OPINION_", "MILITARY_AID_"): it and its other
// spellings are skipped, so their common words get no organisation bit.
Status AddActors(const std::string& path, int kind, Table* t) {
  bool skip_entry = false;
  return ForLines(path, [&](std::string_view line) {
    if (line.empty() || line[0] == '#' || line[0] == '<' || line[0] == '\t' || line[0] == ' ')
      return;
    if (line[0] == '+') {
      if (kind == 3 || skip_entry) return;  // leaders' other spellings carry titles ("EMIR_...")
      line.remove_prefix(1);
    } else {
      skip_entry = kind == 1 && line.find("[---]") != std::string_view::npos;
      if (skip_entry) return;
    }
    std::size_t end = line.find_first_of(" \t[#");
    std::string_view name = line.substr(0, end);
    if (kind == 0 || kind == 3) {
      AddPerson(name, "_", t);
    } else {
      AddName(name, "_", kind == 1 ? kOrgWord : kCountryWord, kind == 1 ? kOrgWord : kCountryWord,
              t);
    }
  });
}

Status AddPlaces(const std::string& path, Table* t) {
  return ForLines(path, [&](std::string_view line) {
    if (line.empty() || line[0] == '#') return;
    std::vector<std::string_view> f;
    std::size_t i = 0;
    while (f.size() < 3) {
      std::size_t j = line.find('\t', i);
      f.push_back(line.substr(i, j == std::string_view::npos ? line.npos : j - i));
      if (j == std::string_view::npos) break;
      i = j + 1;
    }
    if (f.size() < 2 || f[0] == "demonym") return;
    const std::uint32_t one = f[0] == "country" ? (kPlaceWord | kCountryWord) : kPlaceWord;
    AddName(f[1], " ", one, kPlacePart, t);
    if (f.size() > 2) {
      for (std::string_view alias : Words(f[2], "|")) AddName(alias, " ", one, kPlacePart, t);
    }
  });
}

// Leader lists: names in the given CSV columns.
Status AddLeaders(const std::string& path, std::vector<std::string_view> columns, Table* t) {
  if (!fs::exists(path)) return Status::Ok();
  std::vector<int> idx;
  bool header = true;
  return ForLines(path, [&](std::string_view line) {
    auto cells = Csv(line);
    if (header) {
      for (std::size_t c = 0; c < cells.size(); ++c) {
        if (std::find(columns.begin(), columns.end(), cells[c]) != columns.end())
          idx.push_back(static_cast<int>(c));
      }
      header = false;
      return;
    }
    for (int c : idx) {
      if (static_cast<std::size_t>(c) < cells.size()) AddPerson(cells[c], " ", t);
    }
  });
}

Status AddClusters(const std::string& path, Table* t) {
  std::string bytes;
  DYAD_RETURN_IF_ERROR(tagger::ReadFileBytes(path, &bytes));
  ClusterTable c;
  DYAD_RETURN_IF_ERROR(ParseClusters(bytes, path, &c));
  for (std::size_t i = 0; i < c.words.size(); ++i) {
    Entry& e = (*t)[tagger::WordHash(c.words[i])];
    e.fine = c.fine[i] + 1u;
    e.mid = c.mid[i] + 1u;
    e.coarse = c.coarse[i] + 1u;
  }
  return Status::Ok();
}

// Head words of organisation and place names: the word that makes a
// capitalised run an organisation ("Ministry of Defence", "Labour Party",
// "Acme Inc") or a place ("Hudson River", "Orange County"), whatever its other
// words. Common English nouns, so they generalise beyond any list of names.
constexpr std::string_view kOrgHeads[] = {
    "academy",      "administration",
    "agency",       "airlines",
    "airways",      "alliance",
    "army",         "assembly",
    "association",  "authority",
    "bank",         "board",
    "brigade",      "brigades",
    "brotherhood",  "bureau",
    "cabinet",      "centre",
    "center",       "church",
    "club",         "co",
    "coalition",    "college",
    "command",      "commission",
    "committee",    "company",
    "congress",     "corp",
    "corporation",  "council",
    "court",        "department",
    "embassy",      "exchange",
    "federation",   "fc",
    "force",        "forces",
    "foundation",   "front",
    "fund",         "government",
    "group",        "guard",
    "holdings",     "hospital",
    "inc",          "industries",
    "institute",    "institution",
    "journal",      "league",
    "library",      "llc",
    "ltd",          "media",
    "militia",      "ministry",
    "mission",      "motors",
    "movement",     "museum",
    "navy",         "network",
    "news",         "office",
    "organisation", "organization",
    "parliament",   "partners",
    "party",        "plc",
    "police",       "post",
    "press",        "programme",
    "radio",        "railways",
    "school",       "secretariat",
    "senate",       "service",
    "services",     "society",
    "studios",      "systems",
    "technologies", "television",
    "times",        "tribunal",
    "trust",        "union",
    "university",
};
constexpr std::string_view kPlaceHeads[] = {
    "airport",  "avenue", "bay",      "beach",     "bridge",  "canyon", "city",      "coast",
    "county",   "desert", "district", "gulf",      "harbour", "hills",  "island",    "islands",
    "lake",     "mount",  "mountain", "mountains", "ocean",   "park",   "peninsula", "plaza",
    "province", "region", "river",    "road",      "sea",     "square", "street",    "valley",
};

void AddHeads(Table* t) {
  for (std::string_view w : kOrgHeads) (*t)[tagger::WordHash(w)].gaz |= kOrgHead;
  for (std::string_view w : kPlaceHeads) (*t)[tagger::WordHash(w)].gaz |= kPlaceHead;
}

}  // namespace

Status BuildWordTable(const std::string& clusters, const std::string& data_dir,
                      const std::string& leaders_dir, ModelData* m) {
  Table t;
  if (!clusters.empty()) DYAD_RETURN_IF_ERROR(AddClusters(clusters, &t));
  if (!data_dir.empty()) {
    const fs::path d(data_dir);
    DYAD_RETURN_IF_ERROR(AddActors((d / "dict" / "people.actors.txt").string(), 0, &t));
    DYAD_RETURN_IF_ERROR(AddActors((d / "dict" / "leaders.actors.txt").string(), 3, &t));
    DYAD_RETURN_IF_ERROR(AddActors((d / "dict" / "institutions.actors.txt").string(), 1, &t));
    DYAD_RETURN_IF_ERROR(AddActors((d / "dict" / "groups.actors.txt").string(), 1, &t));
    DYAD_RETURN_IF_ERROR(AddActors((d / "dict" / "countries.actors.txt").string(), 2, &t));
    DYAD_RETURN_IF_ERROR(AddPlaces((d / "places" / "gazetteer.tsv").string(), &t));
    AddHeads(&t);
  }
  if (!leaders_dir.empty()) {
    const fs::path l(leaders_dir);
    DYAD_RETURN_IF_ERROR(
        AddLeaders((l / "wikidata-2022" / "wikidata.csv").string(), {"officeholderLabel"}, &t));
    DYAD_RETURN_IF_ERROR(AddLeaders((l / "current-2026" / "all-leaders.csv").string(),
                                    {"Head of Government", "Head of State"}, &t));
    DYAD_RETURN_IF_ERROR(
        AddLeaders((l / "ifg-uk-ministers" / "person.csv").string(), {"name"}, &t));
  }
  m->words.clear();
  m->word_values.clear();
  for (const auto& [hash, e] : t) {
    std::uint64_t v = PackWordValue(e.fine, e.mid, e.coarse, e.gaz);
    if (v == 0) continue;
    m->words.push_back(hash);
    m->word_values.push_back(v);
  }
  return Status::Ok();
}

Status AddWordVectors(const std::string& path, ModelData* m) {
  std::string bytes;
  DYAD_RETURN_IF_ERROR(tagger::ReadFileBytes(path, &bytes));
  VectorTable v;
  DYAD_RETURN_IF_ERROR(ParseVectors(bytes, path, &v));
  std::map<std::uint64_t, std::size_t> order;  // first word of each hash
  for (std::size_t i = 0; i < v.words.size(); ++i) order.emplace(tagger::WordHash(v.words[i]), i);
  m->vec_dim = v.dim;
  m->vec_words.clear();
  m->vectors.clear();
  for (const auto& [hash, i] : order) {
    m->vec_words.push_back(hash);
    m->vectors.insert(m->vectors.end(), v.vectors.begin() + i * v.dim,
                      v.vectors.begin() + (i + 1) * v.dim);
  }
  return Status::Ok();
}

}  // namespace dyad::names
