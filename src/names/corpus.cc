// Copyright dyad authors. Readers for named-entity corpora: UNER .iob2, GUM
// CoNLL-U entity annotations and re3d CoNLL.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iterator>
#include <string>
#include <vector>

#include "dyad/names.h"
#include "tagger/conllu.h"

namespace dyad {
namespace {

// Splits `line` at tabs into at most `max` fields.
std::size_t SplitTabs(std::string_view line, std::string_view* fields, std::size_t max) {
  std::size_t n = 0;
  while (n < max) {
    std::size_t tab = line.find('\t');
    fields[n++] = line.substr(0, tab);
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return n;
}

// Line iterator that strips "\r" and counts lines.
struct Lines {
  std::string_view text;
  std::size_t pos = 0;
  std::size_t number = 0;
  bool Next(std::string_view* line) {
    if (pos >= text.size()) return false;
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    *line = text.substr(pos, nl - pos);
    if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
    pos = nl + 1;
    ++number;
    return true;
  }
};

bool MapType(std::string_view t, EntityType* out) {
  // UNER: PER/ORG/LOC; GUM: person/organization/place; re3d: Person,
  // Organisation, Location. re3d's Nationality ("Syrian", "Kurdish") is an
  // adjective, not the name of a place or group: dropped, as UNER does.
  if (t == "PER" || t == "person" || t == "Person") {
    *out = EntityType::kPerson;
  } else if (t == "ORG" || t == "organization" || t == "Organisation") {
    *out = EntityType::kOrg;
  } else if (t == "LOC" || t == "place" || t == "Location") {
    *out = EntityType::kPlace;
  } else {
    return false;
  }
  return true;
}

// Builds spans from per-word IOB2 tags. `tags[i]` is "O", "B-X" or "I-X"; an
// I- without a matching open name starts one (as conlleval does).
Status SpansFromIob(const std::vector<std::string_view>& tags,
                    const std::vector<std::size_t>& lines, std::string_view name,
                    std::vector<NameSpan>* out) {
  out->clear();
  std::string_view open_type;
  for (std::size_t i = 0; i <= tags.size(); ++i) {
    std::string_view t = i < tags.size() ? tags[i] : std::string_view("O");
    bool inside = t.size() > 2 && t[0] == 'I' && t[1] == '-' && t.substr(2) == open_type;
    if (!inside && !open_type.empty()) {
      EntityType et;
      if (MapType(open_type, &et))
        out->back().type = et, out->back().end = static_cast<std::uint32_t>(i);
      else
        out->pop_back();
      open_type = {};
    }
    if (i == tags.size() || t == "O" || inside) continue;
    if (t.size() < 3 || (t[0] != 'B' && t[0] != 'I') || t[1] != '-') {
      return ParseError(std::string(name) + ":" + std::to_string(lines[i]) + ": bad IOB2 tag '" +
                        std::string(t) + "' (want O, B-TYPE or I-TYPE)");
    }
    open_type = t.substr(2);
    out->push_back(
        {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1), EntityType::kOther});
  }
  return Status::Ok();
}

// UNER: "# ..." comments, "id TAB form TAB tag ..." lines, blank between sentences.
// re3d: "form TAB tag" (or space-separated) lines.
Status ParseTabular(std::string_view bytes, std::string_view name, NerFormat format,
                    std::vector<NerSentence>* out) {
  Lines lines{bytes};
  std::string_view line;
  NerSentence cur;
  std::vector<std::string_view> tags;
  std::vector<std::size_t> tag_lines;
  std::string doc;
  auto flush = [&]() -> Status {
    if (cur.words.empty()) return Status::Ok();
    DYAD_RETURN_IF_ERROR(SpansFromIob(tags, tag_lines, name, &cur.names));
    cur.doc = doc;
    out->push_back(std::move(cur));
    cur = NerSentence();
    tags.clear();
    tag_lines.clear();
    return Status::Ok();
  };
  while (lines.Next(&line)) {
    if (line.empty()) {
      DYAD_RETURN_IF_ERROR(flush());
      continue;
    }
    std::string_view f[4];
    if (format == NerFormat::kIob2) {
      if (line[0] == '#') {
        constexpr std::string_view kDoc = "# newdoc id = ";
        if (line.substr(0, kDoc.size()) == kDoc) doc = std::string(line.substr(kDoc.size()));
        continue;
      }
      std::size_t n = SplitTabs(line, f, 4);
      if (n < 3 || f[1].empty()) {
        return ParseError(std::string(name) + ":" + std::to_string(lines.number) +
                          ": want id, form and IOB2 tag separated by tabs");
      }
      cur.words.emplace_back(f[1]);
      tags.push_back(f[2]);
    } else {
      std::size_t sep = line.find_last_of("\t ");
      if (sep == std::string_view::npos || sep == 0) {
        return ParseError(std::string(name) + ":" + std::to_string(lines.number) +
                          ": want a word and an IOB2 tag separated by a tab");
      }
      std::string_view form = line.substr(0, sep);
      while (!form.empty() && (form.back() == ' ' || form.back() == '\t')) form.remove_suffix(1);
      if (form.empty()) {
        return ParseError(std::string(name) + ":" + std::to_string(lines.number) + ": empty word");
      }
      cur.words.emplace_back(form);
      tags.push_back(line.substr(sep + 1));
    }
    tag_lines.push_back(lines.number);
  }
  return flush();
}

// ---------------------------------------------------------------- GUM

struct GumWord {
  std::string_view form;
  std::string_view upos;
  std::uint32_t head = 0;
};
struct GumMention {
  std::uint32_t begin = 0, end = 0;  // words
  std::string_view type;
  std::string id;
};

// Parses "Entity=(1-person-...(2-place-...)|..." of word `w` into open/closed mentions.
Status ParseEntityField(std::string_view misc, std::uint32_t w, std::string_view where,
                        std::vector<GumMention>* open, std::vector<GumMention>* done) {
  std::size_t at = misc.find("Entity=");
  while (at != std::string_view::npos && at != 0 && misc[at - 1] != '|')
    at = misc.find("Entity=", at + 1);
  if (at == std::string_view::npos) return Status::Ok();
  std::string_view v = misc.substr(at + 7);
  v = v.substr(0, v.find('|'));
  std::size_t i = 0;
  while (i < v.size()) {
    if (v[i] == '(') {
      std::size_t j = i + 1;
      while (j < v.size() && v[j] != '(' && v[j] != ')') ++j;
      std::string_view body = v.substr(i + 1, j - i - 1);
      std::size_t d1 = body.find('-');
      if (d1 == std::string_view::npos) {
        return ParseError(std::string(where) + ": bad Entity annotation '" + std::string(v) + "'");
      }
      std::size_t d2 = body.find('-', d1 + 1);
      GumMention m{w, w + 1,
                   body.substr(d1 + 1, d2 == std::string_view::npos ? body.npos : d2 - d1 - 1),
                   std::string(body.substr(0, d1))};
      if (j < v.size() && v[j] == ')') {
        done->push_back(std::move(m));
        ++j;
      } else {
        open->push_back(std::move(m));
      }
      i = j;
    } else {
      std::size_t j = i;
      while (j < v.size() && v[j] != ')' && v[j] != '(') ++j;
      if (j == v.size() || v[j] != ')') {
        return ParseError(std::string(where) + ": bad Entity annotation '" + std::string(v) + "'");
      }
      std::string_view id = v.substr(i, j - i);
      auto it = std::find_if(open->rbegin(), open->rend(),
                             [&](const GumMention& m) { return m.id == id; });
      if (it == open->rend()) {
        return ParseError(std::string(where) + ": Entity closes " + std::string(id) +
                          ", which is not open");
      }
      it->end = w + 1;
      done->push_back(std::move(*it));
      open->erase(std::next(it).base());
      i = j + 1;
    }
  }
  return Status::Ok();
}

bool IsConnector(std::string_view /*upos*/, std::string_view form) {
  // Words inside names ("Bank of England", "Trinidad and Tobago", "Charles de
  // Gaulle"); not "in"/"at"/"from", which join a name to a place.
  static constexpr std::string_view kWords[] = {"of", "the", "and", "&",   "-",   "for", "de",
                                                "du", "la",  "von", "van", "der", "al",  "bin"};
  for (std::string_view w : kWords) {
    if (form == w) return true;
  }
  return false;
}

// Titles and honorifics: UNER leaves them out of person names ("Senator John
// Cornyn" -> "John Cornyn"), so GUM's person mentions lose them too.
bool IsTitle(std::string_view form) {
  static constexpr std::string_view kWords[] = {
      "Mr",         "Mrs",      "Ms",         "Dr",        "Gen",       "Sen",
      "Rep",        "Gov",      "Prof",       "Sir",       "Lord",      "Lady",
      "President",  "Senator",  "Governor",   "Minister",  "Secretary", "Administrator",
      "Chairman",   "Director", "Judge",      "Mayor",     "General",   "Colonel",
      "Captain",    "King",     "Queen",      "Prince",    "Princess",  "Pope",
      "Chancellor", "Premier",  "Ambassador", "Commander", "Chief",     "Representative",
      "Justice",    "Saint",    "St"};
  if (!form.empty() && form.back() == '.') form.remove_suffix(1);
  for (std::string_view w : kWords) {
    if (form == w) return true;
  }
  return false;
}

bool AllCaps(std::string_view form) {
  int upper = 0;
  for (char c : form) {
    if (c >= 'a' && c <= 'z') return false;
    upper += c >= 'A' && c <= 'Z';
  }
  return upper >= 2;
}

bool Capitalised(std::string_view form) {
  return !form.empty() &&
         ((form[0] >= 'A' && form[0] <= 'Z') || (form[0] >= '0' && form[0] <= '9'));
}

// A word that may be part of a name: a capitalised proper noun, adjective,
// noun or number ("National Library", "Apollo 11").
bool NameWord(const GumWord& w) {
  return Capitalised(w.form) && w.upos != "DET" && w.upos != "PRON" && w.upos != "VERB" &&
         w.upos != "AUX" && w.upos != "PUNCT" && w.upos != "ADP" && w.upos != "CCONJ";
}

// The named part of a mention: the run of capitalised words around its head
// word (the word whose head is outside the mention), with up to two
// lower-case connectors between capitalised words ("Bank of England",
// "National Library of the Netherlands"); determiners at the edges stay out.
// False if the head is not a proper noun.
bool NamedPart(const std::vector<GumWord>& ws, const GumMention& m, bool person, NameSpan* out) {
  std::uint32_t head = m.begin;
  for (std::uint32_t i = m.begin; i < m.end; ++i) {
    std::uint32_t h = ws[i].head;  // 1-based, 0 = root
    if (h == 0 || h - 1 < m.begin || h - 1 >= m.end) {
      head = i;
      break;
    }
  }
  if (ws[head].upos != "PROPN" || !NameWord(ws[head])) return false;
  std::uint32_t b = head, e = head + 1;
  while (b > m.begin) {
    if (person && (IsTitle(ws[b - 1].form) || AllCaps(ws[b - 1].form))) break;
    if (NameWord(ws[b - 1])) {
      --b;
      continue;
    }
    std::uint32_t j = b - 1, gap = 0;
    while (j > m.begin && gap < 2 && IsConnector(ws[j].upos, ws[j].form) &&
           !Capitalised(ws[j].form))
      --j, ++gap;
    if (gap == 0 || !NameWord(ws[j]) || j < m.begin) break;
    b = j;
  }
  while (e < m.end) {
    if (NameWord(ws[e])) {
      ++e;
      continue;
    }
    std::uint32_t j = e, gap = 0;
    while (j < m.end && gap < 2 && IsConnector(ws[j].upos, ws[j].form)) ++j, ++gap;
    if (gap == 0 || j >= m.end || !NameWord(ws[j])) break;
    e = j + 1;
  }
  out->begin = b;
  out->end = e;
  return true;
}

void GumNames(const std::vector<GumWord>& ws, std::vector<GumMention>& mentions,
              std::vector<NameSpan>* names) {
  // Outer (longer) mentions first; nested names inside a taken one are dropped.
  std::stable_sort(mentions.begin(), mentions.end(), [](const GumMention& a, const GumMention& b) {
    return a.end - a.begin > b.end - b.begin;
  });
  std::vector<bool> taken(ws.size(), false);
  for (const GumMention& m : mentions) {
    NameSpan s;
    if (!MapType(m.type, &s.type) || !NamedPart(ws, m, s.type == EntityType::kPerson, &s)) continue;
    bool clash = false;
    for (std::uint32_t i = s.begin; i < s.end; ++i) clash |= taken[i];
    if (clash) continue;
    for (std::uint32_t i = s.begin; i < s.end; ++i) taken[i] = true;
    names->push_back(s);
  }
  std::sort(names->begin(), names->end(),
            [](const NameSpan& a, const NameSpan& b) { return a.begin < b.begin; });
}

Status ParseGum(std::string_view bytes, std::string_view name, std::vector<NerSentence>* out) {
  Lines lines{bytes};
  std::string_view line;
  std::string doc;
  std::vector<GumWord> ws;
  std::vector<std::string> forms;
  std::vector<GumMention> open, done;
  auto flush = [&]() {
    if (ws.empty()) return;
    NerSentence s;
    s.words = std::move(forms);
    s.doc = doc;
    GumNames(ws, done, &s.names);
    out->push_back(std::move(s));
    ws.clear();
    forms.clear();
    done.clear();
    open.clear();  // mentions do not cross sentences in GUM
  };
  while (lines.Next(&line)) {
    if (line.empty()) {
      flush();
      continue;
    }
    if (line[0] == '#') {
      constexpr std::string_view kDoc = "# newdoc id = ";
      if (line.substr(0, kDoc.size()) == kDoc) doc = std::string(line.substr(kDoc.size()));
      continue;
    }
    std::string_view f[10];
    std::string where = std::string(name) + ":" + std::to_string(lines.number);
    if (SplitTabs(line, f, 10) != 10) return ParseError(where + ": want 10 tab-separated columns");
    if (f[0].find_first_of("-.") != std::string_view::npos) continue;  // ranges, empty nodes
    GumWord w{f[1], f[3], 0};
    for (char c : f[6]) {
      if (c < '0' || c > '9' || w.head > 100000) return ParseError(where + ": bad HEAD");
      w.head = w.head * 10 + static_cast<std::uint32_t>(c - '0');
    }
    const auto index = static_cast<std::uint32_t>(ws.size());
    ws.push_back(w);
    forms.emplace_back(f[1]);
    DYAD_RETURN_IF_ERROR(ParseEntityField(f[9], index, where, &open, &done));
  }
  flush();
  return Status::Ok();
}

}  // namespace

std::string_view NerFormatName(NerFormat f) {
  switch (f) {
    case NerFormat::kIob2:
      return "iob2";
    case NerFormat::kGum:
      return "gum";
    case NerFormat::kConll:
      return "conll";
    case NerFormat::kRe3dNames:
      return "re3d";
  }
  return "iob2";
}

Result<NerFormat> ParseNerFormat(std::string_view name) {
  for (NerFormat f :
       {NerFormat::kIob2, NerFormat::kGum, NerFormat::kConll, NerFormat::kRe3dNames}) {
    if (NerFormatName(f) == name) return f;
  }
  return InvalidArgument("unknown corpus format '" + std::string(name) +
                         "' (want iob2, gum, conll or re3d)");
}

namespace {

// A word that starts a name: capitalised, not a pronoun or determiner that
// is capitalised only at the start of a sentence.
bool NameWord(std::string_view w) {
  if (w.empty() || !(w[0] >= 'A' && w[0] <= 'Z')) return false;
  static constexpr std::string_view kNot[] = {
      "I",    "He",   "She",   "It",    "We",   "They", "You", "The",   "A",   "An",
      "This", "That", "These", "Those", "Its",  "His",  "Her", "Their", "Our", "My",
      "Your", "Mr",   "Mr.",   "Mrs",   "Mrs.", "Ms",   "Ms.", "Dr",    "Dr."};
  return std::find(std::begin(kNot), std::end(kNot), w) == std::end(kNot);
}

bool NameConnector(std::string_view w) {
  return w == "of" || w == "the" || w == "and" || w == "for" || w == "de" || w == "&";
}

// Cuts each mention to its name (NerFormat::kRe3dNames); false when the
// sentence holds a mention whose name cannot be told from its other words.
bool ReduceToNames(NerSentence* s) {
  std::vector<NameSpan> kept;
  for (NameSpan n : s->names) {
    while (n.begin < n.end && !NameWord(s->words[n.begin])) ++n.begin;
    if (n.begin == n.end) continue;  // no name in it: "families", "the regime"
    std::uint32_t last = n.end - 1;
    while (!NameWord(s->words[last])) --last;
    if (last + 1 != n.end) return false;  // "U.S. service members": a modifier
    for (std::uint32_t i = n.begin; i < n.end; ++i) {
      const std::string_view w = s->words[i];
      if (!NameWord(w) && !NameConnector(w) &&
          !(w.size() == 1 && !std::isalnum(static_cast<unsigned char>(w[0]))))
        return false;  // "Islamic State in Iraq": unsure where the name ends
    }
    kept.push_back(n);
  }
  s->names = std::move(kept);
  return true;
}

void KeepNameSentences(std::size_t first, std::vector<NerSentence>* out) {
  std::size_t w = first;
  for (std::size_t i = first; i < out->size(); ++i) {
    if (!ReduceToNames(&(*out)[i])) continue;
    if (w != i) (*out)[w] = std::move((*out)[i]);
    ++w;
  }
  out->resize(w);
}

}  // namespace

Status ParseNerCorpus(std::string_view bytes, std::string_view name, NerFormat format,
                      std::vector<NerSentence>* out) {
  if (format == NerFormat::kGum) return ParseGum(bytes, name, out);
  const std::size_t first = out->size();
  DYAD_RETURN_IF_ERROR(ParseTabular(bytes, name, format, out));
  if (format == NerFormat::kRe3dNames) KeepNameSentences(first, out);
  return Status::Ok();
}

Status ReadNerCorpus(const std::string& path, NerFormat format, std::vector<NerSentence>* out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const bool conll = format == NerFormat::kConll || format == NerFormat::kRe3dNames;
  if (conll && fs::is_directory(path, ec)) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(path, ec)) {
      if (e.is_regular_file() && e.path().extension() == ".conll") files.push_back(e.path());
    }
    if (ec) return IoError(path + ": cannot list: " + ec.message());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      std::string bytes;
      DYAD_RETURN_IF_ERROR(tagger::ReadFileBytes(f.string(), &bytes));
      std::size_t first = out->size();
      DYAD_RETURN_IF_ERROR(ParseNerCorpus(bytes, f.string(), format, out));
      for (std::size_t i = first; i < out->size(); ++i) (*out)[i].doc = f.stem().string();
    }
    return Status::Ok();
  }
  std::string bytes;
  DYAD_RETURN_IF_ERROR(tagger::ReadFileBytes(path, &bytes));
  return ParseNerCorpus(bytes, path, format, out);
}

}  // namespace dyad
