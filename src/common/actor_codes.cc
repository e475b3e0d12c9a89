#include "common/actor_codes.h"

#include <algorithm>
#include <array>

namespace dyad {
namespace {

// CAMEO 1.1b3 actor codebook, domestic roles and primary/secondary sectors.
// CAMEO's "IND" (indigenous) is left out: no dictionary uses it, and as a
// leading triple it is India (INDGOV), which must keep its country. Muslims
// are CAMEO's "MOS"; Phoenix's dictionaries write "MUS", kept for them.
constexpr std::array<std::string_view, 38> kSectors = {
    "AGR", "BUS", "CHR", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "HLH", "HRI",
    "INS", "JUD", "LAB", "LEG", "MED", "MIL", "MOD", "OPP", "PTY", "RAD", "REB", "REF", "REL",
    "SEP", "SPY", "UAF", "USR", "BUD", "HIN", "JEW", "MUS", "MOS", "SHI", "SUN", "CON"};

}  // namespace

bool IsInternationalCode(std::string_view triple) {
  return triple == "IGO" || triple == "NGO" || triple == "NGM" || triple == "MNC" ||
         triple == "IMG" || triple == "UIS";
}

bool IsSectorCode(std::string_view triple) {
  return std::find(kSectors.begin(), kSectors.end(), triple) != kSectors.end();
}

void SplitActorCode(std::string_view code, std::string* country,
                    std::vector<std::string>* sectors) {
  country->clear();
  sectors->clear();
  std::size_t i = 0;
  if (code.size() >= 3 && !IsSectorCode(code.substr(0, 3))) {
    country->assign(code.substr(0, 3));
    // International actors (IGO, NGO, ...) stand in the country slot and are
    // also their own first sector, so "human rights groups" (NGO) reads as an
    // NGO by either field.
    i = IsInternationalCode(*country) ? 0 : 3;
  }
  for (; i + 3 <= code.size(); i += 3) sectors->emplace_back(code.substr(i, 3));
  if (i < code.size()) {
    // A non-standard tail ("USAGOVX"): keep it rather than drop it.
    if (sectors->empty())
      sectors->emplace_back(code.substr(i));
    else
      sectors->back() += std::string(code.substr(i));
  }
}

}  // namespace dyad
