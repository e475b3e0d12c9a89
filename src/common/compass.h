// Compass words for the stages that read places in text (context, coder):
// as adjectives ("eastern Congo", "in northeast Moscow"), as nouns
// ("north-east of Baghdad"), and the centre words of "in the heart of X".
#ifndef DYAD_COMMON_COMPASS_H_
#define DYAD_COMMON_COMPASS_H_

#include <string_view>

namespace dyad {

inline constexpr std::string_view kCompassWords[] = {
    "north",        "south",         "east",          "west",          "northern",
    "southern",     "eastern",       "western",       "central",       "northeast",
    "northwest",    "southeast",     "southwest",     "north-east",    "north-west",
    "south-east",   "south-west",    "northeastern",  "northwestern",  "southeastern",
    "southwestern", "north-eastern", "north-western", "south-eastern", "south-western",
    "heart",        "centre",        "center"};

}  // namespace dyad

#endif  // DYAD_COMMON_COMPASS_H_
