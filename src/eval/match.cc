// Copyright dyad authors. The gold set's matching rules and scores
// (tests/gold/README.md, "Scoring").
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

#include "dyad/eval.h"

namespace dyad {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// CAMEO sector codes that may stand first in an actor code (no country).
bool IsSector(std::string_view g) {
  static const std::set<std::string_view> kSectors = {
      "GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY", "IGO", "MED", "EDU",
      "BUS", "CRM", "CVL", "REF", "HLH", "LAB", "LEG", "NGO", "AGR", "ELI", "ENV",
      "RAD", "SEP", "UAF", "INS", "REL", "MOD", "HRI", "IMG", "NGM", "UIS", "ETH"};
  return kSectors.count(g) > 0;
}

struct CodeParts {
  std::string country;  // "" when the code starts with a sector; "---" unknown
  std::string sector;   // first sector, or ""
};

CodeParts Split(std::string_view code) {
  CodeParts p;
  if (code.size() < 3) return p;
  std::string_view first = code.substr(0, 3);
  if (IsSector(first)) {
    p.sector = first;
    return p;
  }
  p.country = first;
  if (code.size() >= 6) p.sector = code.substr(3, 3);
  return p;
}

bool IsFunctionWord(std::string_view w) {
  static const std::set<std::string_view> kStop = {
      "the",  "and", "for",   "with",    "from", "its",   "their", "his",  "her", "of",  "other",
      "some", "two", "three", "several", "many", "least", "more",  "than", "who", "that"};
  return kStop.count(w) > 0;
}

std::set<std::string> Words(std::string_view s) {
  std::set<std::string> out;
  std::string w;
  for (char c : Lower(s) + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80)) {
      w += c;
    } else {
      if (w.size() >= 3 && !IsFunctionWord(w)) out.insert(w);
      w.clear();
    }
  }
  return out;
}

std::string CameoRoot(std::string_view code) { return std::string(code.substr(0, 2)); }

int DaysFromCivil(int y, unsigned m, unsigned d) {  // Howard Hinnant's algorithm
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

int Days(std::string_view ymd) {
  if (ymd.size() < 10) return 0;
  return DaysFromCivil(std::atoi(std::string(ymd.substr(0, 4)).c_str()),
                       static_cast<unsigned>(std::atoi(std::string(ymd.substr(5, 2)).c_str())),
                       static_cast<unsigned>(std::atoi(std::string(ymd.substr(8, 2)).c_str())));
}

}  // namespace

bool TypeMatches(const GoldEvent& gold, const Event& predicted) {
  if (!gold.plover_event.empty() && !predicted.plover_event.empty())
    return gold.plover_event == predicted.plover_event;
  return !predicted.cameo.empty() && CameoRoot(gold.cameo) == CameoRoot(predicted.cameo);
}

bool CodeMatches(std::string_view gold_code, std::string_view predicted_code) {
  CodeParts g = Split(gold_code), p = Split(predicted_code);
  if (g.country.empty() && g.sector.empty()) return false;
  if (p.country.empty() && p.sector.empty()) return false;
  bool country_ok =
      g.country == "---" || g.country == p.country || (g.country.empty() && p.country.empty());
  // A gold code that starts with a sector ("COP") leaves the country open.
  if (g.country.empty()) country_ok = true;
  bool sector_ok = g.sector.empty() || p.sector.empty() || g.sector == p.sector;
  return country_ok && sector_ok;
}

bool TextOverlaps(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  std::string la = Lower(a), lb = Lower(b);
  if (la.find(lb) != std::string::npos || lb.find(la) != std::string::npos) return true;
  auto wa = Words(la), wb = Words(lb);
  for (const auto& w : wa)
    if (wb.count(w)) return true;
  return false;
}

bool ActorMatches(const std::optional<GoldActor>& gold, const std::optional<Actor>& predicted) {
  bool pred_present = predicted && !(predicted->code.empty() && predicted->text.empty());
  if (!gold) return !pred_present;
  if (!pred_present) return false;
  if (gold->code.empty()) return TextOverlaps(gold->text, predicted->text);
  return CodeMatches(gold->code, predicted->code) && TextOverlaps(gold->text, predicted->text);
}

bool EventMatches(const GoldEvent& gold, const Event& predicted) {
  return TypeMatches(gold, predicted) && ActorMatches(gold.source, predicted.source) &&
         ActorMatches(gold.target, predicted.target);
}

bool DateMatches(std::string_view gold_value, std::string_view gold_precision,
                 std::string_view predicted_value) {
  if (gold_value.empty() || predicted_value.empty()) return false;
  std::size_t n = gold_precision == "year" ? 4 : gold_precision == "month" ? 7 : 10;
  if (gold_precision == "week") return std::abs(Days(gold_value) - Days(predicted_value)) <= 6;
  if (gold_value.size() < n || predicted_value.size() < n) return false;
  return gold_value.substr(0, n) == predicted_value.substr(0, n);
}

}  // namespace dyad
