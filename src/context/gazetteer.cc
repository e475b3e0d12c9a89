// Copyright dyad authors.
#include "context/gazetteer.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "context/words.h"

namespace dyad {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t b = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == '\t') {
      out.push_back(line.substr(b, i - b));
      b = i + 1;
    }
  }
  return out;
}

bool ParseDouble(std::string_view s, double* v) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool ParseInt(std::string_view s, std::int64_t* v) {
  auto r = std::from_chars(s.data(), s.data() + s.size(), *v);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && *v >= 0;
}

}  // namespace

bool CountryEvidence::HasPlace(std::string_view c) const {
  return std::find(places.begin(), places.end(), c) != places.end();
}
bool CountryEvidence::HasActor(std::string_view c) const {
  return std::find(actors.begin(), actors.end(), c) != actors.end();
}
bool CountryEvidence::HasTown(std::string_view c) const {
  return std::find(towns.begin(), towns.end(), c) != towns.end();
}

void Gazetteer::Key(std::string_view s, std::string* out) {
  out->clear();
  bool caps = s.size() <= 4 && s.size() >= 2;
  for (char c : s)
    if (!(c >= 'A' && c <= 'Z')) caps = false;
  if (caps) {
    out->push_back('=');
    out->append(s);
    return;
  }
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out->empty()) out->push_back(' ');
    space = false;
    if (c == '\xE2' && i + 2 < s.size() && s[i + 1] == '\x80' &&
        (s[i + 2] == '\x98' || s[i + 2] == '\x99')) {
      out->push_back('\'');
      i += 2;
      continue;
    }
    out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
}

void Gazetteer::Add(std::string_view name, std::uint32_t id) {
  std::string key;
  Key(name, &key);
  if (key.empty()) return;
  std::uint32_t words = 1;
  for (char c : name)
    if (c == ' ' || c == ',') ++words;
  words = std::min<std::uint32_t>(words + (words > 1 ? 1 : 0), 8);  // +1: "St." splits
  max_words_ = std::max(max_words_, words);
  std::size_t cut = key.find_first_of(" ,.'-");
  std::string first = key.substr(0, cut == std::string::npos ? key.size() : cut);
  std::uint32_t& fw = first_words_[first];
  fw = std::max(fw, cut == std::string::npos ? 1u : words);
  auto& v = by_key_[key];
  if (std::find(v.begin(), v.end(), id) == v.end()) v.push_back(id);
}

Status Gazetteer::Parse(std::string_view text, std::string_view name, const DiagnosticSink& warn) {
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto where = [&](std::string_view field) {
      return std::string(name) + ":" + std::to_string(line_no) + ": " + std::string(field);
    };
    std::vector<std::string_view> f = SplitTabs(line);
    if (f.size() != 10)
      return ParseError(
          where("expected 10 tab-separated fields, found " + std::to_string(f.size())));
    GazetteerEntry e;
    if (f[0] == "country") {
      e.kind = PlaceKind::kCountry;
    } else if (f[0] == "admin1") {
      e.kind = PlaceKind::kAdmin1;
    } else if (f[0] == "city") {
      e.kind = PlaceKind::kCity;
    } else if (f[0] == "demonym") {
      e.kind = PlaceKind::kDemonym;
    } else {
      if (warn) warn({where("kind"), "unknown kind \"" + std::string(f[0]) + "\"; row skipped"});
      continue;
    }
    if (f[1].empty()) return ParseError(where("name: empty"));
    if (f[3].size() != 3)
      return ParseError(where("country: not an ISO alpha-3 code: \"" + std::string(f[3]) + "\""));
    e.place.name = std::string(f[1]);
    e.place.country = std::string(f[3]);
    e.place.admin1 = std::string(f[4]);
    if (!ParseDouble(f[5], &e.place.lat) || e.place.lat < -90 || e.place.lat > 90)
      return ParseError(where("lat: bad latitude \"" + std::string(f[5]) + "\""));
    if (!ParseDouble(f[6], &e.place.lon) || e.place.lon < -180 || e.place.lon > 180)
      return ParseError(where("lon: bad longitude \"" + std::string(f[6]) + "\""));
    e.place.has_coordinates = !(e.place.lat == 0 && e.place.lon == 0);
    if (!ParseInt(f[7], &e.place.geonames_id))
      return ParseError(where("geonames_id: not a number \"" + std::string(f[7]) + "\""));
    if (!ParseInt(f[8], &e.population))
      return ParseError(where("population: not a number \"" + std::string(f[8]) + "\""));
    e.capital = f[9] == "PPLC";
    e.region = e.kind == PlaceKind::kAdmin1 && e.place.admin1.empty();
    const auto id = static_cast<std::uint32_t>(entries_.size());
    entries_.push_back(std::move(e));
    Add(f[1], id);
    std::string_view aliases = f[2];
    while (!aliases.empty()) {
      std::size_t bar = aliases.find('|');
      std::string_view a = aliases.substr(0, bar);
      if (!a.empty()) Add(a, id);
      if (bar == std::string_view::npos) break;
      aliases.remove_prefix(bar + 1);
    }
  }
  if (entries_.empty()) return ParseError(std::string(name) + ": no places");
  return Status::Ok();
}

std::uint32_t Gazetteer::MaxWordsFrom(std::string_view first_word, std::string* scratch) const {
  Key(first_word, scratch);
  std::string_view k = *scratch;
  if (!k.empty() && k[0] == '=') {
    // Exact-case abbreviations are single words.
    if (by_key_.count(k)) return 1;
    scratch->erase(0, 1);
    for (char& c : *scratch) c = LowerAscii(c);
    k = *scratch;
  }
  std::size_t cut = k.find_first_of(" ,.'-");
  if (cut != std::string_view::npos) k = k.substr(0, cut);
  auto it = first_words_.find(k);
  return it == first_words_.end() ? 0 : it->second;
}

const std::vector<std::uint32_t>* Gazetteer::Find(std::string_view surface,
                                                  std::string* scratch) const {
  Key(surface, scratch);
  auto it = by_key_.find(std::string_view(*scratch));
  if (it != by_key_.end()) return &it->second;
  if (!scratch->empty() && (*scratch)[0] == '=') {
    // An all-capital word that is no abbreviation we know: try it as a name ("LIBYA").
    std::string lower;
    for (char c : surface) lower.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    it = by_key_.find(std::string_view(lower));
    if (it != by_key_.end()) return &it->second;
  }
  return nullptr;
}

std::int64_t Gazetteer::Choose(const std::vector<std::uint32_t>& ids,
                               const CountryEvidence& evidence,
                               std::string_view prefer_country) const {
  // Score: evidence first (a country named beside the place, then places of
  // the same country named elsewhere in the article, then coded actors), then
  // the kind of place (country > capital > city of a million > US state >
  // other cities > other countries' regions), then population. A US state
  // only takes evidence from places, so a US actor does not turn Georgia the
  // country into the state.
  std::int64_t best = -1;
  double best_score = -1;
  const bool country_named = std::any_of(ids.begin(), ids.end(), [&](std::uint32_t id) {
    return entries_[id].kind == PlaceKind::kCountry;
  });
  for (std::uint32_t id : ids) {
    const GazetteerEntry& e = entries_[id];
    if (e.kind == PlaceKind::kDemonym) continue;
    double score = static_cast<double>(e.population);
    switch (e.kind) {
      case PlaceKind::kCountry:
        score += 4e9;
        break;
      case PlaceKind::kAdmin1:
        // A US state ranks above ordinary cities; another country's region below.
        if (!e.region) score += 1.5e9;
        break;
      default:
        if (e.capital) {
          score += 3e9;
        } else if (e.population >= 1000000) {
          score += 2e9;
        }
    }
    const std::string& c = e.place.country;
    if (!prefer_country.empty() && c == prefer_country) score += 1e12;
    if (country_named && e.kind != PlaceKind::kCountry) {
      // Against a country of the same name only a US state, and only by towns.
      if (e.kind == PlaceKind::kAdmin1 && !e.region && evidence.HasTown(c)) score += 2e10;
    } else {
      if (evidence.HasPlace(c)) score += 2e10;
      if ((e.kind != PlaceKind::kAdmin1 || e.region) && evidence.HasActor(c)) score += 1e10;
    }
    if (score > best_score) {
      best_score = score;
      best = id;
    }
  }
  return best;
}

}  // namespace dyad
