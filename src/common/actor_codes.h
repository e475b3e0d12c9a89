// Splitting CAMEO actor codes into country and sectors.
#ifndef DYAD_COMMON_ACTOR_CODES_H_
#define DYAD_COMMON_ACTOR_CODES_H_

#include <string>
#include <string_view>
#include <vector>

namespace dyad {

// "USAGOV" -> country "USA", sectors {"GOV"}; "REF" -> country "", {"REF"};
// "IGOUNO" -> country "IGO", {"IGO", "UNO"}; "LBYREBMIL" -> "LBY", {"REB", "MIL"}.
// A code whose first three letters are a domestic sector code has no country;
// CAMEO's international codes (IGO, NGO, NGM, MNC, IMG, UIS) stand as the country.
void SplitActorCode(std::string_view code, std::string* country, std::vector<std::string>* sectors);

// CAMEO's international actor codes: IGO, NGO, NGM, MNC, IMG, UIS.
bool IsInternationalCode(std::string_view triple);

// True for CAMEO's three-letter domestic role/sector codes (GOV, MIL, REB, ...).
bool IsSectorCode(std::string_view triple);

}  // namespace dyad

#endif  // DYAD_COMMON_ACTOR_CODES_H_
