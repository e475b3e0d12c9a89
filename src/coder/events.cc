// Copyright dyad authors. Steps 5c and 6 of coding a sentence: events. A
// verb's source and target widen to their compound groups ("A and B met":
// each with the other); an event with a side missing passes a one-sided gate
// or is dropped; each source x target member gives an event. Events written
// as nouns are read from the tree after the verbs.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "steps.h"

namespace dyad::coder {
namespace {

constexpr const char* kNoSides = "no source or target found";
constexpr const char* kNoArmedSide =
    "no state or armed actor as a side (\"a takeover fight\", \"a pillow fight\")";
constexpr const char* kOnlyLight =
    "only as a light verb's object or between its owner and an actor (\"reiterated their "
    "support for\", \"Iran's support for the Houthis\")";

// The coded members of the compound group of unit `u` (none for kNoUnit).
std::vector<std::int32_t> GroupMembers(const SentenceView& s, std::int32_t u) {
  const auto& units = s.sc.units;
  std::vector<std::int32_t> m;
  if (u == kNoUnit) return m;
  std::uint32_t g = units[u].group;
  for (std::size_t k = 0; k < units.size(); ++k)
    if (units[k].group == g && !units[k].code.empty()) m.push_back(static_cast<std::int32_t>(k));
  return m;
}

// Whether unit `u` is a state or an armed actor: a bare country, an
// international body, or a code with an armed sector ("LKAREB", "IMGINS").
bool StateOrArmed(const SentenceView& s, std::int32_t u) {
  if (u == kNoUnit) return false;
  for (const std::string& c : s.sc.units[static_cast<std::size_t>(u)].codes) {
    // (A sector alone, "BUS" for a name known only as a businessman, is no state.)
    if (c.size() == 3 &&
        std::all_of(c.begin(), c.end(), [](char x) { return x >= 'A' && x <= 'Z'; }) &&
        !IsOneOf(c, {"gov", "mil", "cop", "jud", "leg", "opp", "pty", "reb", "ins", "sep",
                     "uaf", "crm", "cvl", "rel", "med", "edu", "bus", "lab", "agr", "hlh",
                     "env", "eli", "spy", "ref", "mod", "rad", "ngo", "igo", "res", "dev"}))
      return true;
    for (std::string_view sector : {"MIL", "COP", "REB", "INS", "SEP", "UAF", "IGO"})
      if (c.find(sector) != std::string::npos) return true;
  }
  return false;
}

// Whether the verb has a phrase to act on after it in its clause: a noun,
// pronoun or number, but not a bare time word ("said today").
bool HasObject(const SentenceView& s, std::uint32_t ve, std::uint32_t ce) {
  const auto& W = s.W;
  for (std::uint32_t p = ve; p < ce; ++p) {
    if (s.sc.hidden[p] || IsClausePunct(W[p])) continue;
    bool nominal = s.tagged ? (s.tags[p].upos == Upos::kNoun || s.tags[p].upos == Upos::kPropn ||
                               s.tags[p].upos == Upos::kPron || s.tags[p].upos == Upos::kNum)
                            : std::isalnum(static_cast<unsigned char>(W[p][0])) != 0;
    if (!nominal) continue;
    if (IsBareTimeWord(W[p]) && (p == ve || !IsPreposition(W[p - 1]))) continue;
    return true;
  }
  return false;
}

// Whether the verb's first word after the verb group, outside asides, is a
// direct object: a determiner or a nominal word, not a preposition ("ten
// countries have met its criteria", but "met with", "met on Friday").
bool HasDirectObject(const SentenceView& s, std::uint32_t ve, std::uint32_t ce) {
  std::uint32_t p = ve;
  while (p < ce && s.sc.hidden[p]) ++p;
  if (p >= ce || IsPreposition(s.W[p]) || IsClausePunct(s.W[p])) return false;
  return IsDeterminer(s.W[p]) || HasObject(s, p, p + 1);
}

// A statement's target is whom it is made to: the word after the verb group
// ("told Reuters", "said to the envoy"), not an actor of what was said
// ("officials state that Russia will send missiles to Syria").
bool IsAddressee(const SentenceView& s, std::uint32_t ve, std::int32_t u) {
  if (u == kNoUnit) return false;
  std::uint32_t p = ve;
  const std::uint32_t b = s.sc.units[u].begin;
  while (p < b && (s.sc.hidden[p] || IsOneOf(s.W[p], {"the", "a", "an", "to"}))) ++p;
  return p == b;
}

// Harm no actor did: nature or an accident ("killed in a helicopter crash",
// "a house fire kills five children", "struck by an earthquake"). A closed class
// of English nouns, like the determiners; "explosion" is not in it (a bomb
// explodes as often as a gas main).
bool IsNaturalCause(std::string_view lower) {
  return IsOneOf(
      lower, {"fire",       "fires",       "blaze",       "flood",      "floods",     "flooding",
              "earthquake", "earthquakes", "quake",       "tsunami",    "storm",      "storms",
              "typhoon",    "hurricane",   "cyclone",     "tornado",    "tornadoes",  "avalanche",
              "landslide",  "landslides",  "mudslide",    "eruption",   "crash",      "crashes",
              "collision",  "accident",    "accidents",   "derailment", "stampede",   "collapse",
              "heatwave",   "drought",     "lightning",   "epidemic",   "outbreak",   "disease",
              "famine",     "shipwreck",   "capsizing",   "wildfire",   "wildfires",  "bushfire",
              "bushfires",  "inferno",     "overdose",    "rain",       "rains",      "rainfall",
              "downpour",   "downpours",   "monsoon",     "snowstorm",  "blizzard",   "tremor",
              "aftershock", "volcano",     "floodwaters", "mudslides",  "avalanches", "hurricanes",
              "typhoons",   "cyclones",    "tsunamis",    "shark",      "sharks",     "crocodile",
              "crocodiles", "alligator",   "cave-in",     "hailstorm",  "hailstorms", "hail",
              "sandstorm",  "sandstorms",  "gales",       "heat",       "meteorite",  "meteorites",
              "meteor",     "meteors",     "asteroid",    "asteroids",  "comet"});
}

// A vehicle of the road or rail, whose harm "by" it is an accident: "dies
// after being struck by a pickup truck", "killed by a train".
bool IsRoadVehicle(std::string_view lower) {
  return IsOneOf(lower, {"car", "truck", "pickup", "train", "bus", "vehicle", "lorry", "van",
                         "motorcycle", "tram", "taxi", "cars", "trucks", "trains", "buses"});
}

// Whether the words [first, r] name a road or rail vehicle, determiners
// before it: "(by) a pickup truck", "(by) a train"; not "a car bomb", not
// "(by) police until his car".
bool VehicleAt(const CoderScratch& sc, std::uint32_t first, std::uint32_t r) {
  for (std::uint32_t p = first; p < r; ++p)
    if (!IsOneOf(sc.dict_words[p].text, {"a", "an", "the"}) &&
        !IsRoadVehicle(sc.dict_words[p].text))
      return false;
  return IsRoadVehicle(sc.dict_words[r].text) &&
         (r + 1 >= sc.dict_words.size() ||
          !IsOneOf(sc.dict_words[r + 1].text, {"bomb", "bombs", "bomber", "bombing"}));
}

// A disease as the subject of a harm verb: "plague has killed millions", "the
// Black Death pandemic that killed 25 million people". A closed class kept
// apart from IsNaturalCause, which is also read anywhere before a closing
// participle ("amid the pandemic, gunmen attacked ..., killing" is an attack).
bool IsDisease(std::string_view lower) {
  return IsOneOf(lower, {"plague",    "plagues",      "pandemic",   "pandemics", "diseases",
                         "epidemics", "outbreaks",    "virus",      "viruses",   "illness",
                         "illnesses", "infection",    "infections", "cancer",    "cancers",
                         "flu",       "influenza",    "malaria",    "cholera",   "measles",
                         "ebola",     "tuberculosis", "pneumonia",  "sepsis",    "bacteria"});
}

// A noun before an event noun that makes it no act of harm: "a heart
// attack", "a gas explosion", "a fireworks blast".
bool IsMedicalOrAccidental(std::string_view lower) {
  return IsOneOf(lower, {"heart", "panic", "asthma", "anxiety", "epileptic", "gas", "boiler",
                         "fireworks", "firework", "chemical", "factory", "pipeline", "mine",
                         "meteor", "meteorite", "asteroid"});
}

// A verb of accident: "the plane crashes, killing 16", "killed when their
// ship sinks", "a building collapses". A bomb's "explodes" is not one.
bool IsAccidentVerb(std::string_view lower) {
  return IsOneOf(
      lower,
      {"crash",      "crashes",  "crashed",  "sink",     "sinks",     "sank",      "sunk",
       "capsize",    "capsizes", "capsized", "collapse", "collapses", "collapsed", "derail",
       "derails",    "derailed", "plunge",   "plunges",  "plunged",   "overturn",  "overturns",
       "overturned", "collide",  "collides", "collided", "veer",      "veers",     "veered"});
}

// Whether actor unit `u` is one that fires weapons: a country ("Armenian") or
// an armed, police or government sector; not a building ("school", "church").
bool CanFire(const Unit& u) {
  for (const std::string& c : u.codes) {
    if (c.size() == 3 && !u.agent_only) return true;
    for (std::size_t i = 0; i + 3 <= c.size(); i += 3)
      if (IsOneOf(std::string_view(c).substr(i, 3),
                  {"MIL", "COP", "REB", "INS", "UAF", "SEP", "GOV", "SPY"}))
        return true;
  }
  return false;
}

// Whether word p is the fire of weapons, not a blaze: "after rocket fire",
// "in an exchange of fire", "under heavy fire", or the verb of the actor
// before it aiming at a target ("after gunmen fire upon a pilgrimage bus").
bool IsWeaponFire(const CoderScratch& sc, std::uint32_t p) {
  if (p == 0 || !IsOneOf(sc.dict_words[p].text, {"fire", "fires"})) return false;
  // "killed during Armenian fire", "under government fire": whose fire it is
  // (not "a school fire").
  if (const std::int32_t u = sc.unit_at[p - 1];
      u != kNoUnit && CanFire(sc.units[static_cast<std::size_t>(u)]))
    return true;
  // "in a fire fight between guards and protesters".
  if (p + 1 < sc.dict_words.size() && IsOneOf(sc.dict_words[p + 1].text, {"fight", "fights"}))
    return true;
  if (sc.unit_at[p - 1] != kNoUnit && p + 1 < sc.dict_words.size() &&
      IsOneOf(sc.dict_words[p + 1].text, {"on", "upon", "at", "into"}))
    return true;
  return IsOneOf(sc.dict_words[p - 1].text,
                 {"rocket",    "mortar", "gun",         "gunfire",   "artillery", "sniper",
                  "tank",      "heavy",  "machine-gun", "cross",     "friendly",  "enemy",
                  "return",    "of",     "small-arms",  "automatic", "live",      "anti-aircraft",
                  "naval",     "cannon", "missile",     "set",       "sets",      "open",
                  "opens",     "opened", "opening",     "exchange",  "exchanged", "exchanging",
                  "exchanges", "trade",  "traded",      "trading"});
}

// Whether word p is a verb of accident whose subject is no weapon: "the plane
// crashes", but not "a bomb derails a train" (an attack).
bool AccidentVerbAt(const SentenceView& s, std::uint32_t p) {
  return IsAccidentVerb(s.sc.dict_words[p].text) && (p == 0 || !IsInstrumentNoun(s, p - 1));
}

// Whether the harm verb at words [vb, ve) is the outcome of an accident in
// its sentence: an accident verb in the words before it ("crashes ...,
// killing") or in a when/after clause after it ("killed when ... sinks").
bool AccidentNearby(const SentenceView& s, std::uint32_t vb, std::uint32_t ve) {
  const auto& sc = s.sc;
  // ("Flight 139 crashes in Port Sudan, killing": "crashes" may be read as a
  // noun; "a crash" after a determiner is the subject rule's.)
  for (std::uint32_t p = vb > 24 ? vb - 24 : 0; p < vb; ++p)
    if (AccidentVerbAt(s, p) && (p == 0 || !IsDeterminer(s.W[p - 1]))) return true;
  for (std::uint32_t p = ve; p < s.n && p < ve + 10; ++p) {
    if (!IsOneOf(sc.dict_words[p].text, {"when", "after", "as"})) continue;
    for (std::uint32_t q = p + 1; q < s.n && q < p + 12; ++q)
      if (IsAccidentVerb(sc.dict_words[q].text) ||
          (IsNaturalCause(sc.dict_words[q].text) && !IsWeaponFire(sc, q)))
        return true;  // "killed when their ship sank", "when a tsunami hits"
  }
  return false;
}

// Whether the closing participle at `vb` (", killing 13 people") follows a
// main clause about an accident or nature: "A landslide pushes a bus into a
// ravine in Colombia, killing 13 people", "A four-story building under
// construction collapsed ..., killing eight workers", "catches fire while
// taking off ..., killing". The participle's subject is the main clause's.
bool AccidentBeforeParticiple(const SentenceView& s, std::uint32_t vb) {
  if (!s.tagged || vb == 0 || s.W[vb - 1] != "," || s.tags[vb].xpos != Xpos::kVBG) return false;
  for (std::uint32_t p = 0; p + 1 < vb; ++p) {
    std::string_view w = s.sc.dict_words[p].text;
    // (Right after an actor, "storm" is its verb: "Gunmen storm a hotel, killing".)
    if (p > 0 && s.sc.unit_at[p - 1] != kNoUnit) continue;
    if (AccidentVerbAt(s, p) || (IsNaturalCause(w) && !IsWeaponFire(s.sc, p))) return true;
    if (p > 0 && IsOneOf(w, {"explosion", "explosions", "blast"}) &&
        IsMedicalOrAccidental(s.sc.dict_words[p - 1].text))
      return true;  // "a pipeline explosion"
  }
  return false;
}

// Whether the harm verb in words [vb, ve), its clause opening at cb, names a natural
// cause: as its subject ("floods kill", "a fire that destroyed", "Typhoon Haiyan
// kills") or in a phrase after it ("killed in/by/after a car accident").
bool HarmedByNaturalCause(const CoderScratch& sc, std::uint32_t cb, std::uint32_t vb,
                          std::uint32_t ve) {
  auto lower = [&](std::uint32_t p) { return sc.dict_words[p].text; };
  std::uint32_t p = vb;
  // Past auxiliaries and adverbs: "plague has killed", "floods have already killed".
  while (p > cb + 1 && IsOneOf(lower(p - 1), {"has", "have", "had", "will", "would", "could", "may",
                                              "might", "already", "also", "reportedly"}))
    --p;
  if (p > cb && IsOneOf(lower(p - 1), {"that", "which"})) --p;
  if (p > cb && (IsNaturalCause(lower(p - 1)) || IsDisease(lower(p - 1)))) return true;
  if (p > cb + 1 && IsNaturalCause(lower(p - 2)) &&
      std::isupper(static_cast<unsigned char>(sc.words[p - 1].empty() ? 'a' : sc.words[p - 1][0])))
    return true;  // "Typhoon Haiyan kills"
  // (To the sentence's end: "13 people are killed and four others are
  // injured in a road accident"; not past a semicolon or "while"/"but".)
  const auto end = static_cast<std::uint32_t>(sc.dict_words.size());
  for (std::uint32_t q = ve; q < end; ++q) {
    if (IsOneOf(lower(q), {";", "while", "but", "whereas"})) break;
    if (!IsOneOf(lower(q), {"in", "by", "after", "during", "from", "amid", "following", "due",
                            "because", "at"}))
      continue;
    // "due to flooding", "because of the storm".
    const std::uint32_t first = IsOneOf(lower(q), {"due", "because"}) ? q + 2 : q + 1;
    for (std::uint32_t r = first; r < end && r <= first + 3; ++r) {
      if (IsNaturalCause(lower(r)) && !IsWeaponFire(sc, r)) return true;
      if (lower(q) == "by" && VehicleAt(sc, first, r)) return true;
      if (IsPreposition(lower(r))) break;
    }
  }
  return false;
}

// Which one-sided events are events: a bare "X said" (010) and a meeting
// with no one met (04x) are not, and verbal cooperation (roots 01-06: statements, appeals, intents,
// meetings) needs the actor who speaks or meets ("X is being discussed" is no event); material
// cooperation and every kind of conflict may name only its target
// ("five men were detained").
// Returns why not, or null.
const char* OneSidedWhyNot(std::string_view cameo, bool has_source, bool has_target) {
  if (cameo == "010") return "a bare statement (010) with one side is no event";
  // ("Faymann talks about security measures": no one is met.)
  if (!has_target && cameo.substr(0, 2) == "04")
    return "a meeting, talks or a visit (04x) needs the side met";
  if (has_source || cameo.substr(0, 2) >= "07") return nullptr;
  return "one-sided verbal cooperation (roots 01-06) needs a source";
}

// Meetings, talks, cooperation and agreements: "A and B met" codes A-B and B-A.
// Not visits or mediation: "A and B will tour together" visit no one of them
// (042, 043, 045).
bool Reciprocal(std::string_view cameo) {
  return (cameo.starts_with("04") && !IsOneOf(cameo, {"042", "043", "045"})) || cameo == "057" ||
         cameo.starts_with("06");
}

// Whether an event already coded has its predicate at document token `token`.
bool VerbCoded(const SentenceCoding& out, std::uint32_t token) {
  for (const CodedEvent& e : out.events)
    if (e.verb_first_token <= token && token < e.verb_end_token) return true;
  return false;
}

// Whether event noun `noun` belongs to a predicate that already coded an
// event: the object of "held a protest", the subject of "an explosion
// killed", or anything a coded verb governs ("claimed responsibility for the
// attack", "optimistic about talks with").
bool InCodedPhrase(const Clauses& cl, const SentenceCoding& out, std::uint32_t t0,
                   std::uint32_t noun) {
  for (std::int32_t h = cl.head(noun); h != kNoWord; h = cl.head(static_cast<std::uint32_t>(h)))
    if (VerbCoded(out, t0 + static_cast<std::uint32_t>(h))) return true;
  return false;
}

// Whether unit `u` acts in business or private life in an act of CAMEO root
// `root`: a company; for cooperation (roots 02-08) also people named by a
// common noun ("the public", "her boyfriend", "his doctor", "editors",
// "teachers"); for an investigation (09) researchers ("researchers examined
// how hibernation would affect"). A named person may be a politician the
// dictionaries do not know ("Mahinda Rajapaksa concedes defeat").
bool PrivateActor(const SentenceView& s, std::int32_t u, std::string_view root) {
  if (u == kNoUnit) return false;
  const Unit& unit = s.sc.units[static_cast<std::size_t>(u)];
  const bool people = root <= "08";
  return !unit.codes.empty() &&
         std::all_of(unit.codes.begin(), unit.codes.end(), [&](const std::string& c) {
           if (c.ends_with("BUS")) return true;
           if (!unit.agent_only) return false;
           if (people)
             return c.ends_with("CVL") || c.ends_with("HLH") || c.ends_with("EDU") ||
                    c.ends_with("MED");
           return root == "09" && c.ends_with("EDU");
         });
}

// Whether verb reading `r` acts on no one and only private actors act: no
// political event. Cooperation (roots 02-08) by a company or common people
// ("the company agreed to", "Audi fits the car with", "supports all ad units",
// "His wife accepts the apology", "his editors would ask him"); conflict (09-20)
// by a company ("Two shipping companies have ..."), research by researchers.
// Statements (01: "Big Machine denied") and protests (14: "residents protest")
// stay.
bool PrivateOneSided(const SentenceView& s, const VerbReading& r) {
  const std::string_view cameo = r.code->text;
  if (!r.targets.empty() || r.sources.empty() || cameo.size() < 2) return false;
  const std::string_view root = cameo.substr(0, 2);
  if (root < "02" || root == "14") return false;
  return std::all_of(r.sources.begin(), r.sources.end(),
                     [&](std::int32_t u) { return PrivateActor(s, u, root); });
}

constexpr const char* kPrivateOneSided =
    "acting on no one, by a company or private people only (\"the company agreed to\")";

// One-sided events from the tree: the side the clause states.
const char* TreeOneSidedGate(const SentenceView& s, const VerbReading& r) {
  if (s.options.require_dyad) return "one-sided and require_dyad is on";
  if (r.sources.empty() && r.targets.empty()) return kNoSides;
  if (PrivateOneSided(s, r)) return kPrivateOneSided;
  return OneSidedWhyNot(r.code->text, !r.sources.empty(), !r.targets.empty());
}

// Whether the sentence already coded an act of harm.
bool CodesHarm(const SentenceCoding& out) {
  return std::any_of(out.events.begin(), out.events.end(),
                     [](const CodedEvent& e) { return IsHarm(e.cameo); });
}

// Whether a coded act of harm in `out` already has unit `u`'s words as its
// target.
bool HarmsUnit(const SentenceView& s, const SentenceCoding& out, std::int32_t u) {
  const Unit& unit = s.sc.units[static_cast<std::size_t>(u)];
  return std::any_of(out.events.begin(), out.events.end(), [&](const CodedEvent& e) {
    return IsHarm(e.cameo) && e.has_target && e.target.first_token < s.t0 + unit.end &&
           s.t0 + unit.begin < e.target.end_token;
  });
}

// Whether the place `x` names a place noun's place: "in the Rabwah area of
// Damascus", "in the city of Mosul", "on the outskirts of Kabul".
bool OfAPlaceNoun(const SentenceView& s, const Unit& x) {
  if (x.agent_only || x.codes.empty() || x.codes.front().size() != 3 || x.begin < 2) return false;
  std::uint32_t b = x.begin;
  while (b > 2 && IsDeterminer(s.W[b - 1])) --b;
  return s.W[b - 1] == "of" &&
         IsOneOf(
             s.sc.dict_words[b - 2].text,
             {"area",   "city",    "town",    "province", "region",      "district", "outskirts",
              "suburb", "suburbs", "capital", "village",  "centre",      "center",   "north",
              "south",  "east",    "west",    "border",   "governorate", "state",    "county"});
}

// Whether a place ("in Baghdad", "near the Syrian border town of ...") stands
// in words [from, to): an attack or a bombing with no actor named is still an
// event when it has a place (ACLED's "unidentified armed group").
bool PlaceAfter(const SentenceView& s, std::uint32_t from, std::uint32_t to) {
  for (std::uint32_t p = from; p < to && p < s.n; ++p) {
    std::int32_t u = s.sc.unit_at[p];
    if (u == kNoUnit) continue;
    const Unit& x = s.sc.units[static_cast<std::size_t>(u)];
    if (IsLocativeUnit(x, s.W) || OfAPlaceNoun(s, x)) return true;
  }
  return false;
}

// Protest, unrest and force (CAMEO 14, 18-20): the acts that happen without
// a named actor ("riots", "clashes", "an explosion").
bool IsUnrestOrForce(std::string_view cameo) {
  return cameo.starts_with("14") || cameo.starts_with("18") || cameo.starts_with("19") ||
         cameo.starts_with("20");
}

// Whether a name no dictionary knows follows "in" or "near" at word `p` ("air
// strikes in Wadi Barada", "fighting near Deir Hafer"): capitalised, read as a
// proper noun, not a month or a day ("in March").
bool NamedPlaceAt(const SentenceView& s, std::uint32_t p) {
  if (!s.tagged || p + 1 >= s.n || !IsOneOf(s.W[p], {"in", "near"})) return false;
  const std::uint32_t q = p + 1;
  const std::string_view w = s.W[q];
  if (s.sc.unit_at[q] != kNoUnit || s.tags[q].upos != Upos::kPropn || w.empty() ||
      !std::isupper(static_cast<unsigned char>(w[0])) || IsBareTimeWord(w))
    return false;
  return !IsOneOf(
      w, {"january",   "february", "march",    "april",    "may",  "june", "july", "august",
          "september", "october",  "november", "december", "jan",  "feb",  "mar",  "apr",
          "jun",       "jul",      "aug",      "sep",      "sept", "oct",  "nov",  "dec"});
}

// Where a place after an act of harm written as a noun at word `i` may stand:
// after it, or after a second act of harm coordinated with it ("air strikes
// and fighting in Wadi Barada"). Whether one does, a known place or a name
// after "in" or "near" for an act of force (a seizure needs a known place).
bool PlaceAfterHarmNoun(const SentenceView& s, std::string_view cameo, std::uint32_t i) {
  std::uint32_t from = i + 1;
  if (from + 1 < s.n && s.W[from] == "and" && s.options.nouns) {
    int words = 1;
    const EventNoun* other = s.options.nouns->Find(
        s.sc.dict_words[from + 1].text,
        from + 2 < s.n ? s.sc.dict_words[from + 2].text : std::string_view(), &words);
    if (!other || words != 2)
      other = s.options.nouns->Find(std::string_view(), s.sc.dict_words[from + 1].text, &words);
    if (other && IsHarm(other->cameo)) from += 1 + static_cast<std::uint32_t>(words);
  }
  if (PlaceAfter(s, from, ClauseEnd(s, from))) return true;
  // (An explosion may be an accident or nature: "a meteor explosion in Earth's
  // atmosphere"; a crime charged or remembered is no report of it: "six counts
  // of murder in Kalamazoo County", "the anniversary of the mass shooting in".)
  std::uint32_t b = i;
  while (b > 0 && (IsDeterminer(s.W[b - 1]) || s.tags[b - 1].upos == Upos::kAdj ||
                   s.tags[b - 1].upos == Upos::kNoun || s.tags[b - 1].upos == Upos::kNum))
    --b;
  if (b > 0 && IsOneOf(s.sc.dict_words[b - 1].text, {"with", "for"})) return false;
  if (b > 1 && s.sc.dict_words[b - 1].text == "of" &&
      IsOneOf(s.sc.dict_words[b - 2].text,
              {"count", "counts", "charges", "anniversary", "convicted", "guilty", "accused",
               "suspected", "suspicion"}))
    return false;
  return IsUnrestOrForce(cameo) &&
         !IsOneOf(s.sc.dict_words[i].text, {"explosion", "explosions", "blast", "blasts"}) &&
         NamedPlaceAt(s, from);
}

// Whether actor unit `u` follows "members of", "representatives of", "the
// head of" ...: the people who act for it ("The Members of the Security
// Council urge all parties to remain calm"; not "Shares in Japanese
// carmakers").
bool MembersOf(const SentenceView& s, std::int32_t u) {
  const Unit& unit = s.sc.units[static_cast<std::size_t>(u)];
  // ("Members of prime minister Nakasone's ruling party": the party's.)
  if (unit.end < s.n && s.sc.dict_words[unit.end].text == "'s") return false;
  const std::uint32_t b = StartBeforeModifiers(s, unit.begin);
  if (b < 2 || s.sc.dict_words[b - 1].text != "of") return false;
  return IsOneOf(s.sc.dict_words[b - 2].text,
                 {"members", "member", "representatives", "representative", "delegates",
                  "delegation", "officials", "leaders", "leader", "head", "heads", "chief",
                  "spokesman", "spokeswoman", "spokesperson", "envoy", "envoys"});
}

std::int32_t OpeningNounHead(const SentenceView& s, std::uint32_t from, std::uint32_t to,
                             std::uint32_t* end);

// Whether the subject of verb reading `r` is a weapon, its verb group right
// after it: "A car bomb explodes beside a shopping centre", "A bomb is
// detonated outside a local government headquarters" (an attack whose sides
// the sentence does not name).
bool WeaponAsSubject(const SentenceView& s, const VerbReading& r) {
  if (!s.tagged) return false;
  std::uint32_t end = 0;
  const std::int32_t head = OpeningNounHead(s, r.cb, r.vm->begin, &end);
  if (head < 0 || !IsInstrumentNoun(s, static_cast<std::uint32_t>(head))) return false;
  for (std::uint32_t p = end; p < r.vm->begin; ++p)
    if (s.tags[p].upos != Upos::kAux && s.tags[p].upos != Upos::kAdv) return false;
  // (No place, no event: "A missile hits a house.")
  bool placed = PlaceAfter(s, r.vm->end, s.n);
  for (std::uint32_t p = r.vm->end; p < s.n && !placed; ++p) placed = NamedPlaceAt(s, p);
  if (!placed) return false;
  // ("A bomb hits a convoy, killing four": the closing participle is the event.)
  for (std::uint32_t p = r.vm->end + 1; p < s.n; ++p)
    if (s.W[p - 1] == "," && s.tags[p].xpos == Xpos::kVBG &&
        IsHarmVerbForm(s.sc.dict_words[p].text) && s.sc.dict_words[p].text.ends_with("ing"))
      return false;
  return true;
}

// One-sided events (require_dyad off) as PETRARCH codes them: only from a
// verb that acts on something ("said on Saturday" yes, "said today" no), and
// not from a later verb of a clause that already coded an event, or of a
// subordinate clause after it ("restored ties with B (,) after crowds burned
// its embassy").
// "He was hauled out of the embassy by British police and taken into
// custody": a personal pronoun right before a passive verb (its
// auxiliaries, or those of the passive it is joined to) is someone acted on,
// though no actor.
bool PronounPatient(const SentenceView& s, const VerbReading& r) {
  if (!r.passive || !s.tagged) return false;
  std::uint32_t b =
      r.first_conjunct >= 0 ? static_cast<std::uint32_t>(r.first_conjunct) : r.vm->begin;
  while (b > 0 && (s.tags[b - 1].upos == Upos::kAux || s.tags[b - 1].upos == Upos::kAdv ||
                   IsNegation(s.W[b - 1])))
    --b;
  return b > 0 && IsOneOf(s.W[b - 1], {"he", "she", "they", "we"});
}

const char* PositionalOneSidedGate(const SentenceView& s, const VerbLoop& loop,
                                   const VerbReading& r) {
  if (s.options.require_dyad) return "one-sided and require_dyad is on";
  if (loop.coded_clause == r.cb) return "its clause already coded an event";
  // (The subordinator may itself be the boundary that opens the clause:
  // MarkBoundaries' "after X kill Y".)
  if (loop.coded_clause < r.cb && [&] {
        std::uint32_t from = r.cb;
        if (from > 0 && !IsConjunction(s.W[from - 1]) && !IsClausePunct(s.W[from - 1])) --from;
        for (std::uint32_t p = from; p < r.vm->begin; ++p)
          if (IsSubordinator(s.W[p])) return true;
        return false;
      }())
    return "a subordinate clause after a coded one";
  // ("air strikes and fighting in Wadi Barada": a gerund of harm with a named
  // place; "a car bomb explodes beside a shopping centre": a weapon's harm.)
  const bool placed_harm =
      IsHarm(r.code->text) && (PlaceAfter(s, r.vm->end, r.ce) ||
                               (s.tagged && s.tags[r.vm->verb].xpos == Xpos::kVBG &&
                                IsUnrestOrForce(r.code->text) && NamedPlaceAt(s, r.vm->end)) ||
                               WeaponAsSubject(s, r));
  if (r.targets.empty() && !placed_harm && !HasObject(s, r.vm->end, r.ce) && !PronounPatient(s, r))
    return "nothing acted on after it";
  if (r.sources.empty() && r.targets.empty()) return placed_harm ? nullptr : kNoSides;
  if (const char* why = OneSidedWhyNot(r.code->text, !r.sources.empty(), !r.targets.empty()))
    return why;
  if (PrivateOneSided(s, r)) return kPrivateOneSided;
  // A source found only behind a preposition ("Shares in Japanese
  // carmakers rallied") is no subject of a one-sided event.
  if (r.targets.empty() && !r.passive && s.sc.units[r.src].after_preposition &&
      !MembersOf(s, r.src))
    return "the only source follows a preposition";
  return nullptr;
}

std::int32_t LightVerbSubject(const SentenceView& s, std::uint32_t p);

// The source and target of event noun `noun` (entry `e`). Returns why it
// gives no event, or null.
const char* NounArguments(const SentenceView& s, const Clauses& cl, const SentenceCoding& out,
                          std::uint32_t noun, const EventNoun& e, std::int32_t* src,
                          std::int32_t* tgt) {
  if (InCodedPhrase(cl, out, s.t0, noun)) return "inside a phrase a coded verb governs";
  if (e.light_only && LightVerbSubject(s, noun) == kNoUnit) return kOnlyLight;
  *src = NounAgent(cl, s.sc, noun);
  for (const std::string& prep : e.target_preps) {
    std::int32_t p = cl.PrepObject(noun, {std::string_view(prep)});
    if (p != kNoWord && (*tgt = UnitOfPhrase(cl, s.sc, p)) != kNoUnit) break;
  }
  if (*tgt == *src) *tgt = kNoUnit;
  if (*src == kNoUnit && *tgt == kNoUnit) return kNoSides;
  if (e.armed_only && !StateOrArmed(s, *src) && !StateOrArmed(s, *tgt)) return kNoArmedSide;
  if (s.options.require_dyad && (*src == kNoUnit || *tgt == kNoUnit))
    return "one-sided and require_dyad is on";
  return nullptr;
}

// Whether the event noun whose words start at `first` lies inside or after a
// coded verb of its clause (one of the first `verb_events` events), with no
// verb between: the verb's object or phrase ("claimed responsibility for the
// attack on", "eased sanctions on", "killed in Nigerian army airstrikes").
// Returns that event, or null.
const CodedEvent* AfterCodedVerb(const SentenceView& s, const SentenceCoding& out,
                                 std::size_t verb_events, std::uint32_t first) {
  for (std::size_t k = 0; k < verb_events; ++k) {
    const std::uint32_t vb = out.events[k].verb_first_token - s.t0;
    if (vb > first) continue;
    bool in_verb = true;
    // (A participle after a determiner modifies the noun: "escapes an
    // attempted assassination".)
    for (std::uint32_t q = out.events[k].verb_end_token - s.t0; q < first && in_verb; ++q)
      in_verb = (s.tags[q].upos != Upos::kVerb || IsDeterminer(s.W[q - 1])) && !s.sc.boundary[q];
    if (in_verb) return &out.events[k];
  }
  return nullptr;
}

// Whether the noun starting at word `first` is the object of a verb whose
// pattern named it as no event ([---]: "ISIS terrorists are planning attacks",
// "held prisoners") or of a meeting verb it is the topic of ("discuss new
// sanctions against"): no verb or clause boundary between them.
bool InNullPattern(const SentenceView& s, std::uint32_t first) {
  for (std::uint32_t vb : s.sc.no_event_object_verbs) {
    if (vb >= first) continue;
    bool in_object = true;
    for (std::uint32_t q = vb + 1; q < first && in_object; ++q)
      in_object = s.tags[q].upos != Upos::kVerb && !s.sc.boundary[q];
    if (in_object) return true;
  }
  return false;
}

// The actor who claims responsibility (015) for the act of harm `e` that is
// the object of the claim: "The Islamic State claims responsibility for last
// month's attack in Koure", "claimed the bombing". kNoUnit otherwise, and for a
// plea: "pleaded guilty to murder" names a charge, as "charged with murder" does.
std::int32_t ClaimantOf(const SentenceView& s, const CodedEvent* claim, const EventNoun& e) {
  if (!claim || claim->cameo != "015" || !claim->has_source || !IsHarm(e.cameo)) return kNoUnit;
  if (IsOneOf(s.sc.dict_words[claim->verb_first_token - s.t0].text,
              {"plead", "pleads", "pleaded", "pled", "pleading"}))
    return kNoUnit;
  return s.sc.unit_at[claim->source.first_token - s.t0];
}

// Why the act of harm a claim of responsibility governs gives no event of its
// own, or null, with the claimant `claimer` as its attacker (`*src`): a claim
// that already names the attack's target `tgt` ("claimed responsibility for
// the attack on Somali soldiers") is the one event; `why`: the noun's own
// reason, void once the claimant gives it a side.
const char* ClaimedAttack(const SentenceView& s, const CodedEvent& claim, std::int32_t claimer,
                          std::int32_t tgt, const char* why, std::int32_t* src) {
  if (*src != kNoUnit || tgt == claimer) return why;
  if (claim.has_target && tgt != kNoUnit && s.sc.unit_at[claim.target.first_token - s.t0] == tgt)
    return "the claim of responsibility names its target already";
  *src = claimer;
  return why == kNoSides || (why && tgt != kNoUnit) ? nullptr : why;
}

// The victims of a harm noun whose phrase (with its modifiers) starts at
// word `p`, when it is where they died or were hurt: "Eight people die in a
// car bomb explosion", "Two soldiers were wounded in a roadside bombing".
std::int32_t VictimsOfHarmNoun(const SentenceView& s, std::uint32_t p) {
  const auto& W = s.W;
  while (p > 0 && s.sc.unit_at[p - 1] == kNoUnit &&
         (IsDeterminer(W[p - 1]) || s.tags[p - 1].upos == Upos::kNoun ||
          s.tags[p - 1].upos == Upos::kAdj))
    --p;
  if (p < 2 || !IsOneOf(W[p - 1], {"in", "during", "by", "after"})) return kNoUnit;
  std::uint32_t v = p - 1;
  while (v > 0 && s.tags[v - 1].upos == Upos::kAdv) --v;  // "died instantly in"
  // "were injured at a campaign event in Yerevan after an explosion": where
  // they were hurt may stand between (prepositional phrases, no verb).
  for (std::uint32_t back = v, k = 0; back > 1 && k < 10; --back, ++k) {
    const Upos u = s.tags[back - 1].upos;
    if (u == Upos::kVerb || u == Upos::kAux || IsClausePunct(W[back - 1])) {
      if (IsOneOf(s.sc.dict_words[back - 1].text, {"killed", "wounded", "injured", "hurt"}) &&
          back < v)
        v = back;
      break;
    }
    if (s.sc.unit_at[back - 1] != kNoUnit && !s.sc.units[s.sc.unit_at[back - 1]].after_preposition)
      break;
  }
  if (v == 0) return kNoUnit;
  if (!IsOneOf(s.sc.dict_words[v - 1].text, {"die", "dies", "died", "killed", "wounded", "injured",
                                             "hurt", "dead", "perish", "perished"}))
    return kNoUnit;
  return SubjectBefore(s, v - 1);
}

// The subject of the light verb whose object is the event noun phrase
// starting at word `p` ("Ban Ki-moon makes a surprise visit to", "the
// Parliament of Moldova passes a no-confidence vote against", "the U.S.
// military announces the deployment of"), or kNoUnit.
std::int32_t LightVerbSubject(const SentenceView& s, std::uint32_t p) {
  const auto& tags = s.tags;
  while (p > 0 && s.sc.unit_at[p - 1] == kNoUnit && !s.sc.hidden[p - 1] &&
         (IsDeterminer(s.W[p - 1]) || tags[p - 1].upos == Upos::kNoun ||
          tags[p - 1].upos == Upos::kAdj || tags[p - 1].upos == Upos::kNum))
    --p;
  if (p == 0 || tags[p - 1].upos != Upos::kVerb || !IsLightVerb(s.sc.dict_words[p - 1].text))
    return kNoUnit;
  return SubjectBefore(s, p - 1);
}

// Whether word p is the state of a victim: "killed", "dead", "injured".
bool IsVictimState(std::string_view lower) {
  return IsOneOf(lower, {"killed", "dead", "injured", "wounded", "hurt"});
}

// The victims a harm noun at word `i` names after it as its outcome: "An
// explosion in the station results in three people killed", "Twin
// explosions ..., with at least three people killed", "an attack ... which
// resulted in the death of six French aid workers", "leaves six injured".
std::int32_t VictimsAfterHarmNoun(const SentenceView& s, std::uint32_t i) {
  const CoderScratch& sc = s.sc;
  auto coded = [&](std::uint32_t q) {
    std::int32_t u = q < s.n ? sc.unit_at[q] : kNoUnit;
    return u != kNoUnit && !sc.units[static_cast<std::size_t>(u)].code.empty() ? u : kNoUnit;
  };
  for (std::uint32_t p = i + 1; p < s.n && p <= i + 25; ++p) {
    std::string_view w = sc.dict_words[p].text;
    if (w == ";" || w == ":" || sc.hidden[p]) continue;
    if (IsOneOf(w, {"death", "deaths"}) && p + 1 < s.n && s.W[p + 1] == "of") {
      std::uint32_t q = p + 2;
      while (q < s.n && coded(q) == kNoUnit && IsModifierWord(s, q)) ++q;
      if (coded(q) != kNoUnit) return coded(q);
      continue;
    }
    if (!IsOneOf(
            w, {"result", "results", "resulted", "resulting", "leaves", "left", "leaving", "with"}))
      continue;
    std::uint32_t q = p + 1;
    if (q < s.n && s.sc.dict_words[q].text == "in") ++q;  // "results in"
    while (q < s.n && coded(q) == kNoUnit && q <= p + 5 &&
           (IsModifierWord(s, q) ||
            IsOneOf(sc.dict_words[q].text, {"at", "least", "more", "than", "up", "to", "another"})))
      ++q;
    std::int32_t u = coded(q);
    if (u == kNoUnit) continue;
    std::uint32_t after = sc.units[static_cast<std::size_t>(u)].end;
    if (after < s.n && IsVictimState(sc.dict_words[after].text)) return u;
  }
  return kNoUnit;
}

// The two sides of event noun `e` at word `i` named as "between A and B"
// ("a shootout between armed robbers and civilian bystanders", "clashes
// between police and protesters"), for fights, whose other side "with"
// introduces: A the source, B the target; and for meetings, talks and
// agreements ("talks between Israel and the Palestinians"), coded both ways.
// (A ceasefire "between" two sides may be ending or planned: "a ceasefire
// between ... ends".)
void BetweenSides(const SentenceView& s, const EventNoun& e, std::uint32_t i, std::int32_t* src,
                  std::int32_t* tgt) {
  // (Acts of force, consultations and agreements: "clashes between", "talks between".)
  if (i + 2 >= s.n || s.sc.dict_words[i + 1].text != "between" ||
      !(IsHarm(e.cameo) || e.cameo.starts_with("04") || e.cameo == "057") ||
      std::find(e.target_preps.begin(), e.target_preps.end(), "with") == e.target_preps.end())
    return;
  const auto& units = s.sc.units;
  std::uint32_t q = i + 2;
  while (q < s.n && s.sc.unit_at[q] == kNoUnit && IsModifierWord(s, q)) ++q;
  std::int32_t a = q < s.n ? s.sc.unit_at[q] : kNoUnit;
  if (a == kNoUnit || units[static_cast<std::size_t>(a)].code.empty()) return;
  const auto b = static_cast<std::size_t>(a) + 1;
  if (b >= units.size() || units[b].group != units[static_cast<std::size_t>(a)].group ||
      units[b].code.empty())
    return;
  *src = a;
  *tgt = static_cast<std::int32_t>(b);
}

// Whether word `i` lies in a topic label opening the sentence: a verbless
// phrase of at most ten words before a colon, then a sentence opening with a
// capital or a number
// ("2003 occupation of Iraq: 7 newly US-trained Iraqi policemen are killed",
// "Drone attacks in Pakistan: A U.S. drone attack kills ..."). The label
// names the story the sentence belongs to, not an event of its own.
bool InTopicLabel(const SentenceView& s, std::uint32_t i) {
  for (std::uint32_t c = i + 1; c < s.n && c <= 10; ++c) {
    if (s.tags[c].upos == Upos::kVerb || s.tags[c].upos == Upos::kAux) return false;
    if (s.W[c] != ":") continue;
    for (std::uint32_t p = 0; p < i; ++p)
      if (s.tags[p].upos == Upos::kVerb || s.tags[p].upos == Upos::kAux) return false;
    return c + 1 < s.n && (std::isupper(static_cast<unsigned char>(s.W[c + 1][0])) ||
                           std::isdigit(static_cast<unsigned char>(s.W[c + 1][0])));
  }
  return false;
}

// Whether the event noun opening at word `first` is the topic of a work or of
// a remembrance, not a report of it: "a novel inspired by the attempted
// assassination of Bob Marley", "a documentary depicting a gang rape", "the
// 100th anniversary of the assassination of Archduke Franz Ferdinand", "a
// memorial to the victims of the 1944 massacre". Read back to the nearest verb
// or clause mark.
bool TopicOfAWorkOrARemembrance(const SentenceView& s, std::uint32_t first) {
  const auto& w = s.sc.dict_words;
  // "inspired by" and "describing" need a work before them: "a march
  // inspired by the killing of seven people" reports the killing.
  auto work_before = [&](std::uint32_t p) {
    for (std::uint32_t q = 0; q < p; ++q)
      if (IsOneOf(w[q].text, {"novel", "book", "film", "movie", "song", "play", "opera", "album",
                              "poem", "painting", "documentary", "exhibition", "musical", "memoir",
                              "series", "episode", "sculpture", "artwork", "photograph"}))
        return true;
    return false;
  };
  std::uint32_t p = first;
  for (int k = 0; k < 8 && p > 0; ++k) {
    --p;
    const std::string_view x = w[p].text;
    if (IsOneOf(x,
                {"anniversary",  "anniversaries", "commemoration", "commemorating", "commemorate",
                 "commemorates", "memorial",      "memorials",     "depicting",     "depicts",
                 "depicted",     "portraying",    "portrays",      "portrayal",     "dramatizing",
                 "dramatising",  "dramatization", "dramatisation", "chronicling",   "chronicles",
                 "re-enactment", "reenactment",   "re-enacting"}))
      return true;
    if (IsOneOf(x, {"inspired", "describing", "describes"}) && work_before(p)) return true;
    // (A participle after a determiner modifies the noun: "the attempted".)
    const bool modifier = p > 0 && IsDeterminer(w[p - 1].text);
    if (IsClausePunct(s.W[p]) ||
        ((s.tags[p].upos == Upos::kVerb || s.tags[p].upos == Upos::kAux) && !modifier))
      return false;
  }
  return false;
}

// Whether the event noun opening at word `first` is a past happening named
// with its year: "during the 2003 invasion of Iraq", "the 2005 assassination
// of Rafic Hariri", "the 2011 Egyptian protests". The text refers to it; it
// does not report it.
bool NamedWithItsYear(const SentenceView& s, std::uint32_t first) {
  std::uint32_t p = first;
  while (p > 0 && p + 3 > first &&
         (s.tags[p - 1].upos == Upos::kAdj || s.tags[p - 1].upos == Upos::kPropn))
    --p;
  if (p == 0) return false;
  const std::string_view w = s.W[p - 1];
  return w.size() == 4 && (w.starts_with("19") || w.starts_with("20")) &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; }) && p >= 2 &&
         IsOneOf(s.sc.dict_words[p - 2].text, {"the", "'s"});
}

// Without a tree, the source and target of event noun `e` at words [first,
// i]: the actor right before the noun ("Israeli airstrikes", "the rebels'
// ambush"), the actor right after a preposition its row names ("the murder
// of Bryan Harvey"). Returns why it gives no event, or null.
// Whether the actor `u` after a cooperative event noun's preposition only
// modifies the thing the noun acts on: "the release of 1.7 million United
// States diplomatic documents", "the release of the British-French political
// satire film" (an adjective or a noun, outside actors, follows it). Acts of
// force keep such targets ("airstrikes on Houthi positions").
bool ModifiesAThing(const SentenceView& s, const Unit& u, std::string_view cameo) {
  if (cameo.size() < 2 || cameo.substr(0, 2) >= "10" || u.end >= s.n) return false;
  if (s.sc.unit_at[u.end] != kNoUnit) return false;
  Upos next = s.tags[u.end].upos;
  return s.tagged && (next == Upos::kNoun || next == Upos::kAdj);
}

// Whether event noun [first, i] is said to happen, so it is an event even
// with no actor named: the subject of a verb of occurring ("violent protests
// broke out", "clashes erupted", "riots spread across the country", "a suicide
// bombing occurs in Kabul") or the
// object of a verb of causing ("triggered the riots", "sparking violent
// protests"). A noun merely mentioned ("fears of protests") is not, nor a
// rally, which markets have too.
bool HappensOrIsCaused(const SentenceView& s, std::uint32_t first, std::uint32_t i) {
  const auto& w = s.sc.dict_words;
  // ("sparked a rally in Chicago futures": a market's rally.)
  if (IsOneOf(w[i].text, {"rally", "rallies"})) return false;
  std::uint32_t a = i + 1;
  // "Violent riots between Muslims and Buddhists rage in": past its sides.
  if (a < s.n && w[a].text == "between")
    while (a + 1 < s.n && a < i + 12 && !IsClausePunct(s.W[a]) &&
           !IsOneOf(w[a].text, {"broke", "break", "breaks", "erupted", "erupt", "erupts", "raged",
                                "rage", "rages", "flared", "escalated", "intensified"}))
      ++a;
  if (a < s.n && s.tags[a].upos == Upos::kAdv) ++a;
  if (a < s.n) {
    std::string_view v = w[a].text;
    std::string_view next = a + 1 < s.n ? w[a + 1].text : std::string_view();
    if (IsOneOf(v, {"broke", "break", "breaks", "erupted", "erupt", "erupts", "spread", "spreads",
                    "raged", "rage", "rages", "flared", "escalated", "intensified", "occurred",
                    "occurs", "occur", "happened", "happens"}) &&
        (!IsOneOf(v, {"broke", "break", "breaks"}) || next == "out"))
      return true;
    if (IsOneOf(v, {"took", "take", "takes"}) && next == "place") return true;
  }
  std::uint32_t b = first;
  while (b > 0 && (s.tags[b - 1].upos == Upos::kAdj || IsDeterminer(s.W[b - 1]))) --b;
  return b > 0 && IsOneOf(w[b - 1].text,
                          {"triggered", "trigger", "triggers", "triggering", "sparked", "spark",
                           "sparks", "sparking", "provoked", "provoking", "ignited", "igniting",
                           "prompted", "prompting", "fuelled", "fueled", "fuelling"});
}

// "Jamal Khashoggi's killing", "the journalist's murder", "Libby's pardon":
// the possessor of a noun (word `i`, singular) of what is done to a person,
// with no "of" phrase naming the patient, is that person when it is a person
// or a group of no state or armed sector ("Iran's execution" stays Iran's).
bool PossessorSuffers(const SentenceView& s, std::uint32_t i, const Unit& owner) {
  if (!IsOneOf(
          s.sc.dict_words[i].text,
          {"killing",    "murder",      "assassination", "execution",   "beheading",   "kidnapping",
           "abduction",  "arrest",      "detention",     "deportation", "extradition", "conviction",
           "sentencing", "indictment",  "prosecution",   "torture",     "rape",        "stabbing",
           "release",    "impeachment", "pardon"}))
    return false;
  if (owner.time_bounded || owner.code == kUncodedName) return true;
  if (owner.codes.size() != 1 || owner.code.size() < 3 ||
      (!owner.agent_only && owner.code.size() <= 3))
    return false;  // a state, or a compound code
  return !IsOneOf(std::string_view(owner.code).substr(owner.code.size() - 3),
                  {"gov", "mil", "cop", "jud", "leg", "spy", "reb", "ins", "uaf", "sep", "crm"});
}

// The word after the last member of unit `u`'s coordinated group ("the
// arrest of A and B| by police").
std::uint32_t GroupEnd(const SentenceView& s, std::int32_t u) {
  std::uint32_t end = s.sc.units[static_cast<std::size_t>(u)].end;
  for (std::int32_t m : GroupMembers(s, u))
    end = std::max(end, s.sc.units[static_cast<std::size_t>(m)].end);
  return end;
}

// The coded actor of a "by" phrase at word `p` ("by Turkish police"), or kNoUnit.
std::int32_t AgentByAfter(const SentenceView& s, std::uint32_t p) {
  if (p + 1 >= s.n || s.sc.dict_words[p].text != "by") return kNoUnit;
  return CodedUnitAfterModifiers(s, p + 1, ClauseEnd(s, p + 1));
}

const char* NounArgumentsByPosition(const SentenceView& s, std::uint32_t first, std::uint32_t i,
                                    const EventNoun& e, std::int32_t* src, std::int32_t* tgt) {
  const CoderScratch& sc = s.sc;
  const auto& tags = s.tags;
  auto coded_unit = [&](std::uint32_t p) -> std::int32_t {
    std::int32_t u = p < s.n ? sc.unit_at[p] : kNoUnit;
    return u != kNoUnit && !sc.units[static_cast<std::size_t>(u)].code.empty() ? u : kNoUnit;
  };
  if (first > 0 && IsMedicalOrAccidental(sc.dict_words[first - 1].text))
    return "a medical sense or an accident (\"a heart attack\", \"a gas explosion\")";
  std::uint32_t p = first;
  while (p > 0 && sc.unit_at[p - 1] == kNoUnit &&
         (tags[p - 1].upos == Upos::kAdj || tags[p - 1].upos == Upos::kNum))
    --p;
  const bool possessive = p > 0 && (sc.words[p - 1] == "'s" || sc.words[p - 1] == "'");
  if (possessive) --p;
  *src = p > 0 ? coded_unit(p - 1) : kNoUnit;
  if (*src != kNoUnit && sc.units[static_cast<std::size_t>(*src)].end != p) *src = kNoUnit;
  // "attacks by the Israeli Air Force on the Gaza Strip": the agent after
  // "by", then the target's preposition after it.
  std::uint32_t after = i + 1;
  if (*src == kNoUnit && after + 1 < s.n && sc.dict_words[after].text == "by") {
    std::uint32_t q = after + 1;
    while (q < s.n && sc.unit_at[q] == kNoUnit && IsModifierWord(s, q)) ++q;
    if ((*src = coded_unit(q)) != kNoUnit) after = sc.units[static_cast<std::size_t>(*src)].end;
  }
  // ("government support", "the administration's support for a second term":
  // no act; "Iran's support for the Houthis" names both sides.)
  std::int32_t light_owner = kNoUnit;
  if (e.light_only) {
    if (possessive) light_owner = *src;
    *src = LightVerbSubject(s, p);
    if (*src == kNoUnit) *src = light_owner;
    if (*src == kNoUnit) return kOnlyLight;
    if (*src != light_owner) light_owner = kNoUnit;
  }
  if (*src == kNoUnit) *src = LightVerbSubject(s, p);
  if (after < s.n && std::find(e.target_preps.begin(), e.target_preps.end(),
                               sc.dict_words[after].text) != e.target_preps.end()) {
    std::uint32_t q = after + 1;
    while (q < s.n && sc.unit_at[q] == kNoUnit && IsModifierWord(s, q)) ++q;
    *tgt = coded_unit(q);
    if (*tgt != kNoUnit && ModifiesAThing(s, sc.units[static_cast<std::size_t>(*tgt)], e.cameo))
      *tgt = kNoUnit;
    // "the arrest of two journalists by Turkish police", "a visit to Tokyo by a
    // senior State Department official": the agent after the target.
    if (*src == kNoUnit && *tgt != kNoUnit) *src = AgentByAfter(s, GroupEnd(s, *tgt));
  }
  if (possessive && *src != kNoUnit && *tgt == kNoUnit &&
      PossessorSuffers(s, i, sc.units[static_cast<std::size_t>(*src)])) {
    std::swap(*src, *tgt);
    *src = AgentByAfter(s, i + 1);  // "the journalist's arrest by police"
  }
  if (light_owner != kNoUnit && *tgt == kNoUnit) return kOnlyLight;
  if (*src == kNoUnit && *tgt == kNoUnit) BetweenSides(s, e, i, src, tgt);
  if (*tgt == kNoUnit && IsHarm(e.cameo)) *tgt = VictimsOfHarmNoun(s, p);
  if (*tgt == kNoUnit && IsHarm(e.cameo)) *tgt = VictimsAfterHarmNoun(s, i);
  if (*tgt == *src) *tgt = kNoUnit;
  if (s.options.require_dyad && (*src == kNoUnit || *tgt == kNoUnit))
    return "one-sided and require_dyad is on";
  if (*src == kNoUnit && *tgt == kNoUnit)
    return (IsHarm(e.cameo) && PlaceAfterHarmNoun(s, e.cameo, i)) ||
                   (IsUnrestOrForce(e.cameo) && HappensOrIsCaused(s, first, i))
               ? nullptr
               : kNoSides;
  return OneSidedWhyNot(e.cameo, *src != kNoUnit, *tgt != kNoUnit);
}

// The head of the noun phrase that opens words [from, to) (determiners,
// adjectives, numbers and nouns; asides passed over): its last common noun,
// or -1. `*end` is where the phrase ends.
std::int32_t OpeningNounHead(const SentenceView& s, std::uint32_t from, std::uint32_t to,
                             std::uint32_t* end) {
  std::int32_t head = -1;
  std::uint32_t p = from;
  for (; p < to; ++p) {
    if (s.sc.hidden[p]) continue;
    const Upos t = s.tags[p].upos;
    if (s.sc.unit_at[p] == kNoUnit && t == Upos::kNoun) {
      head = static_cast<std::int32_t>(p);
      continue;
    }
    if (t == Upos::kDet || t == Upos::kAdj || t == Upos::kNum || t == Upos::kNoun ||
        t == Upos::kPropn || s.W[p] == "-")
      continue;
    break;
  }
  *end = p;
  return head;
}

// The antecedent noun of a relative clause whose verb starts at `vb` ("a
// suicide bombing that killed 14 people"), or -1.
std::int32_t RelativeAntecedent(const SentenceView& s, std::uint32_t vb) {
  if (!s.tagged) return -1;
  std::uint32_t p = vb;
  while (p > 0 && s.tags[p - 1].upos == Upos::kAdv) --p;
  if (p < 2 || !IsOneOf(s.W[p - 1], {"that", "which"})) return -1;
  std::uint32_t a = p - 2;
  // A bare place names where the noun before it was ("an attack on a
  // village in Gaza that killed 10 people": the attack, not Gaza).
  if (const std::int32_t u = s.sc.unit_at[a];
      u != kNoUnit && IsLocativeUnit(s.sc.units[static_cast<std::size_t>(u)], s.W)) {
    std::uint32_t b = s.sc.units[static_cast<std::size_t>(u)].begin;
    while (b > 0 && IsDeterminer(s.W[b - 1])) --b;
    if (b < 3) return -1;
    a = b - 2;  // the word before the preposition
  }
  if (s.sc.unit_at[a] != kNoUnit ||
      (s.tags[a].upos != Upos::kNoun && s.tags[a].upos != Upos::kPropn))
    return -1;
  return static_cast<std::int32_t>(a);
}

// Whether the relative clause whose verb starts at `vb` hangs on a natural
// cause followed by the place it struck: "a powerful earthquake on a Gulf
// island that killed 10 people", "a storm off the coast of X that killed".
bool RelativeOnNaturalCause(const SentenceView& s, std::uint32_t vb) {
  const std::int32_t a = RelativeAntecedent(s, vb);
  if (a < 0) return false;
  auto nominal = [&](std::uint32_t p) {
    const Upos t = s.tags[p].upos;
    return t == Upos::kNoun || t == Upos::kPropn || t == Upos::kAdj || t == Upos::kNum ||
           IsDeterminer(s.W[p]);
  };
  std::uint32_t b = static_cast<std::uint32_t>(a);
  while (b > 0 && nominal(b - 1)) --b;
  if (b < 2 || !IsOneOf(s.W[b - 1], {"on", "in", "near", "off", "at", "across", "of"}))
    return false;
  return IsNaturalCause(s.sc.dict_words[b - 2].text) && !IsWeaponFire(s.sc, b - 2);
}

// The coded unit that ends right before the noun phrase whose head is `head`
// ("Israeli airstrikes", "the army's shelling"), or kNoUnit.
std::int32_t AgentBeforeHead(const SentenceView& s, std::uint32_t head) {
  std::uint32_t p = head;
  while (p > 0 && s.sc.unit_at[p - 1] == kNoUnit &&
         (s.tags[p - 1].upos == Upos::kNoun || s.tags[p - 1].upos == Upos::kAdj ||
          s.tags[p - 1].upos == Upos::kNum || s.W[p - 1] == "'s"))
    --p;
  if (p == 0) return kNoUnit;
  const std::int32_t u = s.sc.unit_at[p - 1];
  return u != kNoUnit && !s.sc.units[static_cast<std::size_t>(u)].code.empty() ? u : kNoUnit;
}

// Whether "responsibility for" stands in words [from, to): the subject who
// claims responsibility for an attack is its source ("X claims responsibility
// for the rocket attacks near the airport that killed 23 members of ...").
bool ClaimedBefore(const SentenceView& s, std::uint32_t from, std::uint32_t to) {
  for (std::uint32_t p = from; p + 1 < to; ++p)
    if (s.sc.dict_words[p].text == "responsibility" && s.sc.dict_words[p + 1].text == "for")
      return true;
  return false;
}

// Whether the sentence already codes an act of harm by unit `src` on a
// target: "A gunman shoots and kills three people and wounds four others"
// is one attack; the wounding with no actor named adds no one-sided event.
bool HarmedSomeone(const SentenceView& s, const SentenceCoding& out, std::int32_t src) {
  if (src == kNoUnit) return false;
  const Unit& u = s.sc.units[static_cast<std::size_t>(src)];
  for (const CodedEvent& e : out.events)
    if (e.has_source && e.has_target && IsHarm(e.cameo) &&
        std::find(u.codes.begin(), u.codes.end(), e.source.code) != u.codes.end())
      return true;
  return false;
}

// The word before actor unit `u`, modifiers passed over ("with the", "between
// the"), or "" at the sentence start.
std::string_view WordBeforeUnit(const SentenceView& s, std::int32_t u) {
  const std::uint32_t b = StartBeforeModifiers(s, s.sc.units[static_cast<std::size_t>(u)].begin);
  return b > 0 ? s.sc.dict_words[b - 1].text : std::string_view();
}

}  // namespace

// A weapon or an act of harm written as a noun: "a bomb", "a car bomb
// explosion", "a suicide bombing", "rocket attacks" (the event-noun table's
// acts of harm and a closed class of weapon nouns).
bool IsInstrumentNoun(const SentenceView& s, std::uint32_t p) {
  std::string_view w = s.sc.dict_words[p].text;
  if (IsOneOf(w,
              {"bomb",    "bombs",   "missile", "missiles", "rocket",    "rockets",    "shell",
               "shells",  "mortar",  "mortars", "grenade",  "grenades",  "landmine",   "landmines",
               "mine",    "mines",   "ied",     "ieds",     "explosive", "explosives", "device",
               "devices", "gunfire", "drone",   "drones"}))
    return true;
  if (!s.options.nouns) return false;
  int words = 1;
  const EventNoun* e =
      s.options.nouns->Find(p > 0 ? s.sc.dict_words[p - 1].text : std::string_view(), w, &words);
  return e && IsHarm(e->cameo);  // ("an air strike", not a labour strike)
}

bool MutualWith(const SentenceView& s, std::string_view cameo, std::int32_t src, std::int32_t tgt) {
  if (s.options.require_dyad || src == kNoUnit || tgt == kNoUnit) return false;
  if (cameo != "040" && cameo != "046" && cameo != "057") return false;
  // ("met with the ministers of Iran, Egypt and Jordan": each member of the
  // compound after "with".)
  std::int32_t first = tgt;
  const auto& units = s.sc.units;
  while (first > 0 && units[static_cast<std::size_t>(first) - 1].group ==
                          units[static_cast<std::size_t>(tgt)].group)
    --first;
  return WordBeforeUnit(s, first) == "with";
}

// With no subject found for a relative clause's harm verb, its antecedent's
// own agent ("Israeli airstrikes that killed"), or the actor who claims
// responsibility for it ("X claimed responsibility for the attack ... that
// killed"): the unit, or kNoUnit.
std::int32_t RelativeAgent(const SentenceView& s, std::uint32_t vb) {
  const std::int32_t a = RelativeAntecedent(s, vb);
  if (a < 0) return kNoUnit;
  if (const std::int32_t u = AgentBeforeHead(s, static_cast<std::uint32_t>(a)); u != kNoUnit)
    return u;
  for (std::uint32_t p = 0; p < static_cast<std::uint32_t>(a); ++p) {
    const std::int32_t u = s.sc.unit_at[p];
    if (u == kNoUnit || s.sc.units[static_cast<std::size_t>(u)].code.empty()) continue;
    const std::uint32_t end = s.sc.units[static_cast<std::size_t>(u)].end;
    return ClaimedBefore(s, end, static_cast<std::uint32_t>(a)) ? u : kNoUnit;
  }
  return kNoUnit;
}

const char* InstrumentSubject(const SentenceView& s, VerbReading* r) {
  if (s.tagged && !r->passive && r->src == kNoUnit && IsHarm(r->code->text))
    r->src = RelativeAgent(s, r->vm->begin);
  if (!s.tagged || r->passive || r->src == kNoUnit || !IsHarm(r->code->text)) return nullptr;
  const Unit& src = s.sc.units[static_cast<std::size_t>(r->src)];
  const std::uint32_t vb = r->vm->begin;
  // "in response to a suicide bombing that killed 14 people": the bombing
  // killed; the source is its own agent, never the main clause's subject.
  // (Any antecedent that is no actor: "a fire that destroyed 58 houses", "an
  // earthquake on a Gulf island that killed 10 people".)
  if (std::int32_t a = RelativeAntecedent(s, vb); a >= 0) {
    if (src.end <= static_cast<std::uint32_t>(a) &&
        (AgentBeforeHead(s, static_cast<std::uint32_t>(a)) == r->src ||
         ClaimedBefore(s, src.end, static_cast<std::uint32_t>(a))))
      return nullptr;
    r->src = kNoUnit;
    return "the subject is the noun a relative clause hangs on (\"a bombing that killed\")";
  }
  // "A bomb explosion among crowds of Shiite Muslims ... kills at least 12
  // people": an actor in the phrase after the weapon is where it struck.
  // A closing participle shares the sentence's subject: "An air strike
  // intended to target an al Qaeda convoy ... attacks a wedding procession,
  // killing 15 civilians".
  const bool participle =
      s.tags[vb].xpos == Xpos::kVBG && r->cb == vb && vb > 0 && s.W[vb - 1] == ",";
  std::uint32_t end = 0;
  const std::int32_t head = OpeningNounHead(s, participle ? 0 : r->cb, vb, &end);
  if (head < 0 || src.begin <= static_cast<std::uint32_t>(head) || src.begin >= vb ||
      !IsInstrumentNoun(s, static_cast<std::uint32_t>(head)))
    return nullptr;
  for (std::uint32_t p = end; p < vb && !participle; ++p)
    if (!s.sc.hidden[p] && (s.tags[p].upos == Upos::kAux || IsClausePunct(s.W[p]))) return nullptr;
  std::uint32_t b = src.begin;
  while (b > end && IsModifierWord(s, b - 1)) --b;
  if (b > 0 && s.sc.dict_words[b - 1].text == "by") return nullptr;  // "an attack by X kills"
  r->src = kNoUnit;
  return "the subject is a weapon or an attack (\"a bomb explosion among crowds kills\")";
}

void TraceOutcome(const SentenceView& s, bool with_sides, std::int32_t src, std::int32_t tgt,
                  const char* why, SentenceCoding* out) {
  auto code = [&](std::int32_t u) {
    return u == kNoUnit ? std::string_view("-") : std::string_view(s.sc.units[u].code);
  };
  Append(&out->trace, {"  -> no event: ", why});
  if (with_sides) Append(&out->trace, {" (source ", code(src), ", target ", code(tgt), ")"});
  out->trace += "\n";
}

void ExpandGroups(const SentenceView& s, VerbLoop* loop, VerbReading* r) {
  // The main clause's subject carries over ("X denied that Y ... and accused Z").
  // A subordinate clause's own subject carries over inside it instead ("after
  // separatists kill 29 Muslims and burn down homes").
  const bool subordinate = r->cb > 0 && IsSubordinator(s.W[r->cb - 1]) &&
                           !IsConjunction(s.W[r->cb - 1]) && s.sc.boundary[r->cb - 1];
  if (std::int32_t subject = r->passive ? r->tgt : r->src;
      subject != kNoUnit && (loop->last_subject == kNoUnit || subordinate))
    loop->last_subject = subject;
  r->sources = GroupMembers(s, r->src);
  r->targets = GroupMembers(s, r->tgt);
  // "Mali's government and Tuareg rebels agreed ... in Algiers": a compound
  // source with only a place after "in" acts on itself, not on the place.
  if (!r->a.compound && r->sources.size() > 1 && r->tgt != kNoUnit && r->a.target == kNoUnit &&
      IsLocativeUnit(s.sc.units[r->tgt], s.W))
    r->targets = r->sources;
  // "A and B met": each with the other (only for meeting, talks and
  // agreements; "A, B and C have not commented" is no event). Without a tree
  // a direct object is the first word after the verb group when it is nominal
  // ("ten countries have met its criteria" is no meeting); the object a fired
  // pattern names is part of the event ("A and B sign a free trade agreement").
  if (r->tgt == kNoUnit && r->sources.size() > 1 && Reciprocal(r->code->text) &&
      (loop->clauses ? loop->clauses->Object(r->vm->verb) == kNoWord
                     : r->fired || !HasDirectObject(s, r->vm->end, r->ce)))
    r->targets = r->sources;
}

const char* OneSidedGate(const SentenceView& s, const VerbLoop& loop, VerbReading* r) {
  if (!r->sources.empty() && !r->targets.empty()) return nullptr;
  const char* why = loop.clauses ? TreeOneSidedGate(s, *r) : PositionalOneSidedGate(s, loop, *r);
  if (why) return why;
  if (r->sources.empty()) r->sources.push_back(kNoUnit);
  if (r->targets.empty()) r->targets.push_back(kNoUnit);
  return nullptr;
}

// Whether a fight verb with no actor fought is a campaign, not force: its
// object a thing ("fight corruption", "fighting ebola", "combat
// antisemitism") or a cause after "for" ("fight for equality").
bool FightsAThing(const SentenceView& s, const VerbReading& r) {
  if (r.tgt != kNoUnit || r.passive) return false;
  if (!IsOneOf(s.sc.dict_words[r.vm->verb].text,
               {"fight", "fights", "fought", "fighting", "combat", "combats", "combating",
                "combatting", "battle", "battles", "battled", "battling"}))
    return false;
  std::uint32_t p = r.vm->end;
  while (p < s.n && s.sc.hidden[p]) ++p;
  if (p >= s.n) return false;
  if (s.sc.dict_words[p].text == "for") return true;
  if (s.sc.unit_at[p] != kNoUnit || IsPreposition(s.W[p]) || IsClausePunct(s.W[p])) return false;
  // The first noun of the object, past determiners and adjectives.
  while (p < s.n && (IsDeterminer(s.W[p]) || s.tags[p].upos == Upos::kAdj)) ++p;
  return p < s.n && s.sc.unit_at[p] == kNoUnit && s.tags[p].upos == Upos::kNoun;
}

// Whether a release verb's direct object is a thing, not its target actor:
// "Police released CCTV images of the suspect", "released a statement on the
// rebels" (the first noun after the verb, past determiners and modifiers, is
// no actor and comes before it).
bool ReleasesAThing(const SentenceView& s, const VerbReading& r) {
  std::uint32_t p = r.vm->end;
  while (p < s.n && s.sc.hidden[p]) ++p;
  if (p >= s.n || s.sc.unit_at[p] != kNoUnit || IsPreposition(s.W[p])) return false;
  while (p < s.n && s.sc.unit_at[p] == kNoUnit &&
         (IsDeterminer(s.W[p]) || s.tags[p].upos == Upos::kAdj || s.tags[p].upos == Upos::kNum ||
          (s.tags[p].upos == Upos::kPropn && p + 1 < s.n && s.tags[p + 1].upos == Upos::kNoun)))
    ++p;
  return p < s.n && s.sc.unit_at[p] == kNoUnit && s.tags[p].upos == Upos::kNoun &&
         p < s.sc.units[static_cast<std::size_t>(r.tgt)].begin;
}

namespace {

// Whether `w` is one or two digits.
bool ScoreSide(std::string_view w) {
  return !w.empty() && w.size() <= 2 &&
         std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether the noun after a score names the result it is ("a close 10-9
// score", "a 98-92 win"), so the numbers are no count of people.
bool IsResultNoun(std::string_view w) {
  return IsOneOf(w, {"score", "scoreline", "win", "victory", "defeat", "loss", "margin", "draw",
                     "aggregate", "result", "triumph"});
}

// Whether a game's score ("3-2", "7–6", "3 – 2") follows the verb in its
// clause, words [from, to): "Manchester United beat Southampton 3–2 at
// Wembley", "Djokovic beats Federer 7-6 (8-6), 7-5". A range before a noun
// ("kill 10-15 people") is a count, not a score.
bool ScoreAfter(const SentenceView& s, std::uint32_t from, std::uint32_t to) {
  for (std::uint32_t p = from; p < to && p < s.n; ++p) {
    std::uint32_t after = p + 1;
    const std::string_view w = s.W[p];
    bool score = false;
    for (std::string_view dash : {"-", "\u2013"}) {
      const std::size_t d = w.find(dash);
      if (d != std::string_view::npos && ScoreSide(w.substr(0, d)) &&
          ScoreSide(w.substr(d + dash.size())))
        score = true;
    }
    if (!score && p + 2 < s.n && ScoreSide(w) && IsOneOf(s.W[p + 1], {"-", "\u2013"}) &&
        ScoreSide(s.W[p + 2])) {
      score = true;
      after = p + 3;
    }
    if (!score) continue;
    const Upos next = after < s.n ? s.tags[after].upos : Upos::kPunct;
    return (next != Upos::kNoun && next != Upos::kAdj) || IsResultNoun(s.sc.dict_words[after].text);
  }
  return false;
}

// Whether verb `w` names a win over a side in a contest as well as a blow:
// "beat", "defeat", "edge".
bool IsContestVerb(std::string_view w) {
  return IsOneOf(
      w, {"beat",      "beats",     "beaten",  "beating",  "defeat",   "defeats",  "defeated",
          "defeating", "edge",      "edges",   "edged",    "edging",   "thrash",   "thrashes",
          "thrashed",  "thrashing", "trounce", "trounces", "trounced", "trouncing"});
}

// Whether the contest verb at word `vb` opens a participle clause after a
// clause that wins something: "X wins the Booker Prize, beating Y", "Swift
// wins four trophies, beating Whitney Houston". Beating the rival is how the
// prize was won.
// Whether `w` names a filmed or staged work: what is "shot" is filmed.
bool IsFilmedWork(std::string_view w) {
  return IsOneOf(w, {"film", "films", "movie", "movies", "episode", "episodes", "series",
                     "documentary", "documentaries", "sequel", "footage", "feature", "biopic",
                     "drama", "trilogy", "sitcom", "miniseries"});
}

// Whether the words right before word `q` (its modifiers read over) end in a
// verb other than a naming one: "directed the film" makes the film an object.
bool ObjectOfAVerb(const SentenceView& s, std::uint32_t q) {
  while (q > 0 && (IsDeterminer(s.sc.dict_words[q - 1].text) || s.tags[q - 1].upos == Upos::kAdj ||
                   s.tags[q - 1].upos == Upos::kPropn || s.tags[q - 1].upos == Upos::kNum ||
                   s.tags[q - 1].upos == Upos::kNoun))
    --q;
  return q > 0 && (s.tags[q - 1].upos == Upos::kVerb || IsPreposition(s.sc.dict_words[q - 1].text));
}

// Whether the shooting verb at word `vb` is a film being shot: a passive
// whose subject is a filmed work ("The Hobbit films will be shot in New
// Zealand", "A feature film, called South of Sanity, is shot in Antarctica").
// The first noun before the passive must be the work: "the man who directed
// the film was shot" and "a video shows soldiers being shot" stay.
bool FilmIsShot(const SentenceView& s, std::uint32_t vb) {
  if (!IsOneOf(s.sc.dict_words[vb].text, {"shot", "filmed"})) return false;
  std::uint32_t p = vb;
  while (p > 0 && (IsBeForm(s.sc.dict_words[p - 1].text) ||
                   IsOneOf(s.sc.dict_words[p - 1].text,
                           {"will", "would", "to", "entirely", "partly", "mostly", "also"})))
    --p;
  if (p == vb) return false;
  for (std::uint32_t k = 0; k < 12 && p > 0; ++k) {
    --p;
    const std::string_view w = s.sc.dict_words[p].text;
    if (s.tags[p].upos == Upos::kNoun) {
      const bool of_after = p + 1 < s.n && s.sc.dict_words[p + 1].text == "of";
      return IsFilmedWork(w) && !of_after && !ObjectOfAVerb(s, p);
    }
    if ((s.tags[p].upos == Upos::kVerb || s.tags[p].upos == Upos::kAux) &&
        !IsOneOf(w, {"called", "titled", "entitled", "named"}))
      return false;
  }
  return false;
}

// Whether the sentence opens with a natural cause as the subject of the
// harm verb at word `vb`, however long its modifiers: "A fire at a
// four-story warehouse under construction in Icheon, South Korea, kills 38
// workers", "Monsoon rains in Pakistan kill more than 40 people". Weapon fire
// ("Fire from Israeli tanks kills") is none, nor a cause before another verb
// ("a fire set by rebels kills").
bool OpensWithANaturalCause(const SentenceView& s, std::uint32_t vb) {
  const auto& w = s.sc.dict_words;
  std::uint32_t p = 0;
  while (p < vb &&
         (IsDeterminer(w[p].text) || s.tags[p].upos == Upos::kAdj || s.tags[p].upos == Upos::kNum))
    ++p;
  std::uint32_t head = p;
  while (p < vb && (s.tags[p].upos == Upos::kNoun || s.tags[p].upos == Upos::kPropn) &&
         s.sc.unit_at[p] == kNoUnit)
    head = p++;
  if (head >= vb || s.tags[head].upos != Upos::kNoun) return false;
  if (!IsNaturalCause(w[head].text) && !IsDisease(w[head].text)) return false;
  if (IsWeaponFire(s.sc, head)) return false;
  if (head + 1 < s.n && IsOneOf(w[head + 1].text, {"from", "by", "on", "at"}) &&
      IsOneOf(w[head].text, {"fire", "fires"}) && head + 2 < s.n && !IsDeterminer(w[head + 2].text))
    return false;  // "fire from/on troops", but "a fire at a warehouse"
  for (std::uint32_t q = head + 1; q < vb; ++q)
    if (s.tags[q].upos == Upos::kVerb || s.tags[q].upos == Upos::kAux ||
        IsOneOf(w[q].text, {";", "that", "which", "who", "while", "but", "and"}))
      return false;
  return true;
}

// Whether "storm" at word `vb` is a name or a noun, not storming: "Tropical
// Storm Henri", "Storm Ciara", "the Seattle Storm", a sentence's opening noun
// ("Storms in the US state of Michigan lead to ...").
bool StormIsAName(const SentenceView& s, std::uint32_t vb) {
  if (!IsOneOf(s.sc.dict_words[vb].text, {"storm", "storms"})) return false;
  if (vb == 0) return vb + 1 < s.n && IsPreposition(s.sc.dict_words[vb + 1].text);
  if (std::isupper(static_cast<unsigned char>(s.W[vb][0])) != 0) return true;
  // After a determiner or an adjective, with a name between: "A California
  // storm fells", "Extreme storms in Alabama cause".
  std::uint32_t p = vb;
  if (s.tags[p - 1].upos == Upos::kPropn && s.sc.unit_at[p - 1] == kNoUnit && p > 1) --p;
  return s.tags[p - 1].upos == Upos::kAdj || IsOneOf(s.sc.dict_words[p - 1].text, {"a", "the"});
}

// Whether a sinking verb has no object and is active: a boat that
// sinks ("An Indonesian ferry sinks off the coast"), not "the navy sinks a
// ship" nor "the ship was sunk by a torpedo".
bool SinksByItself(const SentenceView& s, const VerbReading& r) {
  if (!IsOneOf(s.sc.dict_words[r.vm->verb].text, {"sink", "sinks", "sank", "sinking"}))
    return false;
  return !r.passive && !HasDirectObject(s, r.vm->end, r.ce);
}

bool BeatsARivalToAWin(const SentenceView& s, std::uint32_t vb) {
  if (vb == 0 || s.W[vb - 1] != "," || !s.sc.dict_words[vb].text.ends_with("ing")) return false;
  for (std::uint32_t p = 0; p + 1 < vb; ++p)
    if (IsOneOf(s.sc.dict_words[p].text, {"win", "wins", "won", "winning"}) &&
        s.tags[p].upos == Upos::kVerb)
      return true;
  return false;
}

// Whether the target `tgt` of a meeting verb is a topic or a place of the
// meeting, not the side met: it follows against/on/about/in ... ("discuss new
// sanctions against North Korea", "meet in Istanbul"), not with/to or nothing.
// The place of a visit (042, 043) is its host ("arrives in Tehran for talks").
bool MeetingTopicOrPlace(const SentenceView& s, std::string_view cameo, std::int32_t tgt) {
  if (tgt == kNoUnit) return false;
  std::uint32_t b = s.sc.units[static_cast<std::size_t>(tgt)].begin;
  while (b > 0 && IsOneOf(s.W[b - 1], {"the", "a", "an"})) --b;
  if (b == 0) return false;
  const std::string_view before = s.W[b - 1];
  if (IsOneOf(before, {"in", "at"})) return cameo != "042" && cameo != "043";
  // ("of" and "from" name whom the person met stands for: "the leader of
  // Hamas", "envoys from the EU".)
  return IsOneOf(before,
                 {"against", "on", "over", "about", "for", "into", "regarding", "concerning"});
}

// Whether the verb starting at word `vb` is in a condition ("prepared to
// respond if North Korea launches an attack", "unless a partnership ... is
// approved"): "if" or "unless" before it, no comma, semicolon or colon
// between.
bool InCondition(const SentenceView& s, std::uint32_t vb) {
  constexpr std::uint32_t kMaxWords = 12;
  for (std::uint32_t p = vb; p > 0 && vb - p < kMaxWords; --p) {
    const std::string_view w = s.W[p - 1];
    if (w == "," || w == ";" || w == ":") return false;
    if (IsOneOf(w, {"if", "unless"})) return true;
  }
  return false;
}

// Whether the bare warning verb at words [vb, ve) warns of a danger, not of
// what the speaker will do: "that" follows it (or the one actor it warns) and
// no pronoun opens the warning ("warns that the Zika virus will continue to
// spread", "being warned that the levees could break"; but "warning that it
// will go its own way" threatens).
bool WarnsOfADanger(const SentenceView& s, std::uint32_t vb, std::uint32_t ve) {
  if (!IsOneOf(s.sc.dict_words[vb].text, {"warn", "warns", "warned", "warning"})) return false;
  std::uint32_t p = ve;
  if (p < s.n && s.sc.unit_at[p] != kNoUnit) p = s.sc.units[s.sc.unit_at[p]].end;
  if (p + 1 >= s.n || s.W[p] != "that") return false;
  return !IsOneOf(s.W[p + 1], {"it", "they", "he", "she", "we", "i"});
}

// Whether unit `u` is a bare state: a country code alone ("RUS"), no agent.
bool BareState(const SentenceView& s, std::int32_t u) {
  if (u == kNoUnit) return false;
  const Unit& x = s.sc.units[static_cast<std::size_t>(u)];
  return x.code.size() == 3 && x.agents.empty() &&
         std::all_of(x.code.begin(), x.code.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Whether a bare "beat" or "punch" (182, no pattern) of `r` is a game or a
// contest: one state "beats" or "punches" another only there ("Russia beat
// Croatia on Monday", "Austria punched its ticket by beating North
// Macedonia"); armies, police and mobs beat people.
bool StatesBeatingStates(const SentenceView& s, const VerbReading& r) {
  if (r.fired || r.code->text != "182" || r.sources.empty() || r.targets.empty()) return false;
  if (!IsOneOf(s.sc.dict_words[r.vm->verb].text,
               {"beat", "beats", "beaten", "beating", "punch", "punches", "punched", "punching"}))
    return false;
  auto bare = [&](std::int32_t u) { return BareState(s, u); };
  return std::all_of(r.sources.begin(), r.sources.end(), bare) &&
         std::all_of(r.targets.begin(), r.targets.end(), bare);
}

}  // namespace

// Whether a bare "offer" (no pattern: no aid, talks, truce ...) to no actor
// has a thing as its object: a seller's or a maker's offer ("Audi will offer
// the car in thirteen finishes", "the new bus offers processing power"), not
// an intent to cooperate ("offered to mediate" is one).
bool OffersAThing(const SentenceView& s, const VerbReading& r) {
  if (r.fired || r.tgt != kNoUnit ||
      !IsOneOf(s.sc.dict_words[r.vm->verb].text, {"offer", "offers", "offered", "offering"}))
    return false;
  std::uint32_t p = r.vm->end;
  while (p < r.ce && s.sc.hidden[p]) ++p;
  if (p >= r.ce || s.sc.unit_at[p] != kNoUnit) return false;
  return !IsPreposition(s.W[p]) && !IsClausePunct(s.W[p]) && s.W[p] != "to";
}

const char* OtherSense(const SentenceView& s, const VerbLoop& loop, const VerbReading& r) {
  const std::string_view cameo = r.code->text;
  // (A relative clause opens its own clause: "a fire that destroyed".)
  std::uint32_t cb = r.cb;
  if (cb > 0 && IsOneOf(s.W[cb - 1], {"that", "which"})) cb = cb > 3 ? cb - 3 : 0;
  if (IsHarm(cameo) && HarmedByNaturalCause(s.sc, cb, r.vm->begin, r.vm->end))
    return "harm done by nature or an accident (\"killed in a crash\")";
  if (IsHarm(cameo) && AccidentNearby(s, r.vm->begin, r.vm->end))
    return "harm in an accident (\"crashes, killing\", \"killed when their ship sank\")";
  if (IsHarm(cameo) && FightsAThing(s, r))
    return "fighting a thing or for a cause (\"fight corruption\", \"fight for equality\")";
  if (cameo.starts_with("084") && !r.fired && r.tgt != kNoUnit && ReleasesAThing(s, r))
    return "releasing a thing, not a person (\"released CCTV images of the suspect\")";
  if (cameo == "130" && !r.fired && WarnsOfADanger(s, r.vm->begin, r.vm->end))
    return "a warning of a danger, not a threat (\"warns that the virus will spread\")";
  if (InCondition(s, r.vm->begin)) {
    s.sc.no_event_object_verbs.push_back(r.vm->verb);  // "launches an attack" is its event
    return "a condition, not a report (\"if North Korea launches an attack\")";
  }
  if (IsHarm(cameo) && s.tagged && ScoreAfter(s, r.vm->end, r.ce))
    return "a game won by its score (\"beat Southampton 3-2\")";
  if (IsHarm(cameo) && s.tagged && IsContestVerb(s.sc.dict_words[r.vm->verb].text) &&
      ScoreAfter(s, r.vm->end, s.n))
    return "a game won by its score later in the sentence (\"defeat the Hurricanes in the final, "
           "21-14\")";
  if (IsHarm(cameo) && s.tagged && OpensWithANaturalCause(s, r.vm->begin))
    return "harm done by the natural cause the sentence opens with (\"A fire at a warehouse in "
           "Icheon kills 38\")";
  if (IsHarm(cameo) && StormIsAName(s, r.vm->begin))
    return "a storm's or a team's name, not storming (\"Tropical Storm Henri\")";
  if (IsHarm(cameo) && s.tagged && SinksByItself(s, r))
    return "a boat that sinks (\"a ferry sinks off the coast\")";
  if (IsHarm(cameo) && s.tagged && FilmIsShot(s, r.vm->begin))
    return "a film being shot (\"the films will be shot in New Zealand\")";
  if (IsHarm(cameo) && s.tagged && IsContestVerb(s.sc.dict_words[r.vm->verb].text) &&
      BeatsARivalToAWin(s, r.vm->begin))
    return "beating a rival to a prize (\"wins the Booker Prize, beating Donna Tartt\")";
  if (StatesBeatingStates(s, r))
    return "a state beating a state is a game won (\"Russia beat Croatia\")";
  if (cameo.starts_with("03") && OffersAThing(s, r)) {
    s.sc.no_event_object_verbs.push_back(r.vm->verb);  // "offering notes yielding 8.86 pct"
    return "a thing offered to no one is sold or provided (\"Audi will offer the car\")";
  }
  if (IsHarm(cameo) && RelativeOnNaturalCause(s, r.vm->begin))
    return "harm done by nature (\"an earthquake on a Gulf island that killed 10 people\")";
  if (IsHarm(cameo) && AccidentBeforeParticiple(s, r.vm->begin))
    return "a closing participle of an accident or nature (\"a landslide hits a bus, killing\")";
  // A bare meeting verb with a thing as its object is another sense ("ten
  // countries have met its criteria", "met the deadline"): no event.
  if (!r.fired && Reciprocal(cameo) && r.tgt == kNoUnit &&
      (loop.clauses ? loop.clauses->Object(r.vm->verb) != kNoWord
                    : HasDirectObject(s, r.vm->end, r.ce)))
    return "a meeting verb with a thing as its object (\"met its criteria\")";
  // (A pattern's own reading stays: "raised its voice for Bree" [043].)
  if (cameo.substr(0, 2) == "04" && !r.fired && !r.targets.empty() &&
      std::all_of(r.targets.begin(), r.targets.end(),
                  [&](std::int32_t t) { return MeetingTopicOrPlace(s, cameo, t); })) {
    s.sc.no_event_object_verbs.push_back(r.vm->verb);  // its topic is no event either
    return "a meeting's topic or place, not the side met (\"discuss sanctions against X\")";
  }
  if (cameo == "010" && std::none_of(r.targets.begin(), r.targets.end(),
                                     [&](std::int32_t t) { return IsAddressee(s, r.vm->end, t); }))
    return "a statement (010) to none of its targets (\"state that Russia will ...\")";
  return nullptr;
}

namespace {

// Whether block `b` codes harm only when its doer, written before the verb,
// is an attack or a weapon: a pattern "&SYNSET *" with a harm code.
bool HarmByItsDoer(const Dictionaries& dicts, const VerbBlock& b) {
  for (const VerbPattern& p : b.patterns) {
    if (p.code.code == kNone || p.verb_index != 1 || p.elements.size() != 2 ||
        p.elements[0].kind != PatternElementKind::kSynset)
      continue;
    const Code& c = dicts.code(p.code.code);
    if (c.kind == CodeKind::kNormal && IsHarm(c.text)) return true;
  }
  return false;
}

}  // namespace

const VerbCode* InheritedHarm(const SentenceView& s, const VerbLoop& loop, const VerbReading& r) {
  const VerbMatch& vm = *r.vm;
  if (!s.tagged || loop.harm.code == kNone || loop.harm_end > vm.begin ||
      s.tags[vm.verb].xpos != Xpos::kVBG)
    return nullptr;
  std::uint32_t p = vm.begin;
  while (p > 0 && s.tags[p - 1].upos == Upos::kAdv) --p;
  if (p == 0 || !IsOneOf(s.W[p - 1], {",", "and"})) return nullptr;
  for (std::uint32_t q = loop.harm_end; q < p; ++q) {
    const Xpos x = s.tags[q].xpos;
    if (x == Xpos::kVBD || x == Xpos::kVBZ || x == Xpos::kVBP || x == Xpos::kMD ||
        IsOneOf(s.W[q], {";", ":", "."}))
      return nullptr;
  }
  return HarmByItsDoer(s.dicts, s.dicts.Block(vm.form->block)) ? &loop.harm : nullptr;
}

namespace {

// Whether unit `tgt` is the target of an act of harm named as a noun between
// the verb (ending at word `verb_end`) and it, in one clause: "claimed
// responsibility for the attack on Somali soldiers", "denied responsibility for
// the missile strike on a market in eastern Ukraine".
bool TargetOfAHarmNoun(const SentenceView& s, std::uint32_t verb_end, std::int32_t tgt) {
  const std::uint32_t begin = s.sc.units[static_cast<std::size_t>(tgt)].begin;
  for (std::uint32_t q = verb_end; q + 1 < begin; ++q) {
    if (s.sc.boundary[q] || s.tags[q].upos == Upos::kVerb) return false;
    // (A weapon before the noun makes it harm: "the missile strike on".)
    const bool harm = IsInstrumentNoun(s, q) || (q > verb_end && IsInstrumentNoun(s, q - 1));
    if (harm && IsOneOf(s.sc.dict_words[q + 1].text, {"on", "against"})) return true;
  }
  return false;
}

// Whether an admission or denial (015, 016) is aimed at no one: "pleaded
// guilty at Cardiff Crown Court to killing a woman", "denied any contact with
// the Kadoorie family" have no target. The target of the harm it is about stays
// ("claimed responsibility for the attack on Somali soldiers"), and so does
// every target in the classic dyadic coding (require_dyad).
bool AimedAtNoOne(const SentenceView& s, const VerbReading& r, std::int32_t tgt) {
  if (s.options.require_dyad || tgt == kNoUnit) return false;
  if (r.code->text != "015" && r.code->text != "016") return false;
  return !TargetOfAHarmNoun(s, r.vm->end, tgt);
}

}  // namespace

void EmitVerbEvents(const SentenceView& s, const VerbReading& r, VerbLoop* loop,
                    SentenceCoding* out) {
  const std::size_t events_before = out->events.size();
  CodedEvent base;
  base.verb_first_token = s.t0 + r.vm->begin;
  base.verb_end_token = s.t0 + r.vm->end;
  base.rule = s.dicts.Where(r.fired ? r.fired->where : r.vm->form->where);
  base.passive = r.passive;
  base.negated = r.negated;
  auto emit = [&](std::int32_t src, std::int32_t tgt, std::string_view cameo) {
    base.cameo = std::string(cameo);
    EmitUnitEvents(s, src, tgt, base, out);
  };
  for (std::int32_t src : r.sources) {
    for (std::int32_t tgt : r.targets) {
      if (src != kNoUnit && AimedAtNoOne(s, r, tgt)) tgt = kNoUnit;
      if (src != kNoUnit && src == tgt) continue;  // "A and B met": A met B, not A
      if (r.code->text == "010" && !IsAddressee(s, r.vm->end, tgt)) continue;
      if (tgt == kNoUnit && IsHarm(r.code->text) && HarmedSomeone(s, *out, src)) continue;
      emit(src, tgt, r.code->text);
      if (r.vc.paired != kNone) {
        const Code& pc = s.dicts.code(r.vc.paired);
        if (pc.kind == CodeKind::kNormal) emit(tgt, src, pc.text);
      } else if (MutualWith(s, r.code->text, src, tgt)) {
        emit(tgt, src, r.code->text);
      }
    }
  }
  if (out->events.size() > events_before) loop->coded_clause = r.cb;
}

namespace {

// Whether unit `u` is the target of an act of harm coded before in the sentence.
bool HarmedBefore(const SentenceView& s, const SentenceCoding& out, const Unit& u) {
  for (const CodedEvent& e : out.events)
    if (IsHarm(e.cameo) && e.has_target && e.target.first_token == s.t0 + u.begin) return true;
  return false;
}

}  // namespace

void EmitUnitEvents(const SentenceView& s, std::int32_t src, std::int32_t tgt,
                    const CodedEvent& base, SentenceCoding* out) {
  static const std::vector<std::string> kNoCode = {std::string()};
  const CoderScratch& sc = s.sc;
  const Unit* su = src == kNoUnit ? nullptr : &sc.units[static_cast<std::size_t>(src)];
  const Unit* tu = tgt == kNoUnit ? nullptr : &sc.units[static_cast<std::size_t>(tgt)];
  for (const std::string& scode : su ? su->codes : kNoCode) {
    for (const std::string& tcode : tu ? tu->codes : kNoCode) {
      if (out->events.size() >= s.options.max_events_per_sentence) return;
      // (Harm to a group of one's own code is an event, "Two Turkish soldiers
      // are shot dead by a third soldier", unless the sides are states, one
      // compound ("seven people and 66 others") or the source a victim already.)
      if (su && tu && scode == tcode && scode != kUncodedName &&
          (su == tu ||
           (IsHarm(base.cameo) && (su->group == tu->group || HarmedBefore(s, *out, *su))) ||
           (!(su->agent_only && tu->agent_only) && (!IsHarm(base.cameo) || scode.size() <= 3))))
        continue;
      CodedEvent ev = base;
      if (su) {
        ev.has_source = true;
        ev.source = {s.t0 + su->begin, s.t0 + su->end, scode, su->rule, su->agent_only};
      }
      if (tu) {
        ev.has_target = true;
        ev.target = {s.t0 + tu->begin, s.t0 + tu->end, tcode, tu->rule, tu->agent_only};
      }
      bool repeat = false;
      // (Two names no dictionary knows share the code but are not the same.)
      auto same = [](const CodedActor& a, const CodedActor& b) {
        return a.code == b.code && (a.code != kUncodedName || a.first_token == b.first_token);
      };
      for (const CodedEvent& e : out->events)
        repeat |= e.cameo == ev.cameo && same(e.source, ev.source) && same(e.target, ev.target) &&
                  e.has_source == ev.has_source && e.has_target == ev.has_target;
      if (!repeat) out->events.push_back(std::move(ev));
    }
  }
}

namespace {

// The members of unit `u`'s coordinated group, or `u` alone (kNoUnit too).
// A list whose last member says something is no side of the noun but runs
// into its speakers: "wounded in clashes with police, unionists and hospital
// authorities said" (police alone).
std::vector<std::int32_t> MembersOrSelf(const SentenceView& s, std::int32_t u) {
  std::vector<std::int32_t> m = GroupMembers(s, u);
  if (!m.empty()) {
    const std::uint32_t after = s.sc.units[static_cast<std::size_t>(m.back())].end;
    if (after < s.n && IsOneOf(s.sc.dict_words[after].text, {"said", "says", "say", "told"}))
      m.clear();
  }
  if (m.empty()) m.push_back(u);
  return m;
}

// Whether only commas and "and" stand in words [from, to), at least one.
bool OnlyListJoins(const SentenceView& s, std::uint32_t from, std::uint32_t to) {
  if (from >= to) return false;
  for (std::uint32_t p = from; p < to; ++p)
    if (!IsOneOf(s.W[p], {",", "and"})) return false;
  return true;
}

// "talks between A and B", "clashes between police and protesters",
// "meetings between the EU and Iran, Turkey and Qatar", "talks between A and B,
// and C and D": in each coordinated group after "between" (the first starting
// at unit `first`; the next ones follow after commas and "and"), the first
// member with each other one; both ways for meetings, talks and agreements,
// the first as the source of a fight.
void EmitBetweenPairs(const SentenceView& s, const EventNoun& e, std::int32_t first,
                      const CodedEvent& ev, SentenceCoding* out) {
  const auto& units = s.sc.units;
  const bool mutual = !IsHarm(e.cameo);
  // ("the dividend agreement between the British company and its Dutch
  // partner": a business deal, no event.)
  auto business = [&](std::int32_t m) {
    const Unit& x = units[static_cast<std::size_t>(m)];
    return e.cameo == "057" && std::any_of(x.codes.begin(), x.codes.end(), [](const auto& c) {
             return c.find("BUS") != std::string::npos;
           });
  };
  for (std::int32_t u = first; u != kNoUnit;) {
    std::vector<std::int32_t> members = GroupMembers(s, u);
    if (members.size() < 2 || business(members[0])) return;
    // ("between the EU and Iran, Turkey and Qatar": a last member after a
    // second "and" is one more side of the first.)
    for (auto k = static_cast<std::size_t>(members.back()) + 1;
         k < units.size() && GroupMembers(s, static_cast<std::int32_t>(k)).size() == 1 &&
         OnlyListJoins(s, units[k - 1].end, units[k].begin) && s.W[units[k].begin - 1] == "and" &&
         !units[k].code.empty();
         ++k)
      members.push_back(static_cast<std::int32_t>(k));
    for (std::size_t k = 1; k < members.size(); ++k) {
      if (business(members[k])) continue;
      EmitUnitEvents(s, members[0], members[k], ev, out);
      if (mutual) EmitUnitEvents(s, members[k], members[0], ev, out);
    }
    const auto next = static_cast<std::size_t>(members.back()) + 1;
    u = next < units.size() && OnlyListJoins(s, units[static_cast<std::size_t>(members.back())].end,
                                             units[next].begin)
            ? static_cast<std::int32_t>(next)
            : kNoUnit;
  }
}

// Traces event noun `e` (words [first, last]) and, when `why` is null (it
// gives an event), emits its events between `src` and `tgt`.
void FinishNounEvent(const SentenceView& s, const EventNoun& e, std::uint32_t first,
                     std::uint32_t last, std::int32_t src, std::int32_t tgt, const char* why,
                     SentenceCoding* out) {
  const EventNouns& nouns = *s.options.nouns;
  if (s.options.trace) {
    Append(&out->trace,
           {"noun ", s.W[last], " [", nouns.name(), ":", std::to_string(e.line), "]\n"});
    if (why) TraceOutcome(s, src != kNoUnit || tgt != kNoUnit, src, tgt, why, out);
  }
  if (why) return;
  CodedEvent ev;
  ev.cameo = e.cameo;
  ev.verb_first_token = s.t0 + first;
  ev.verb_end_token = s.t0 + last + 1;
  ev.rule = nouns.name() + ":" + std::to_string(e.line);
  if (src != kNoUnit && tgt != kNoUnit && WordBeforeUnit(s, src) == "between" &&
      s.sc.units[static_cast<std::size_t>(src)].group ==
          s.sc.units[static_cast<std::size_t>(tgt)].group) {
    EmitBetweenPairs(s, e, src, ev, out);
    return;
  }
  // One event per member of a coordinated side ("the arrest of two
  // journalists and a lawyer", "talks with France, Italy and Spain").
  for (std::int32_t a : MembersOrSelf(s, src))
    for (std::int32_t b : MembersOrSelf(s, tgt)) {
      EmitUnitEvents(s, a, b, ev, out);
      if (MutualWith(s, e.cameo, a, b)) EmitUnitEvents(s, b, a, ev, out);
    }
}

}  // namespace

// Events written as nouns, read from the tree: the noun's agent (NounAgent)
// is the source, the phrase its table row names ("against X", "the arrest of
// X") the target. A noun whose light verb already coded it ("held a protest")
// or that is the subject of a coded verb ("an explosion killed") adds nothing.
void CodeNounEvents(const SentenceView& s, const Clauses& cl, SentenceCoding* out) {
  const CoderScratch& sc = s.sc;
  const EventNouns& nouns = *s.options.nouns;
  const std::uint32_t n = cl.size();
  for (std::uint32_t i = 0; i < n; ++i) {
    if (s.tags[i].upos != Upos::kNoun || sc.unit_at[i] != kNoUnit || sc.hidden[i]) continue;
    if (cl.rel(i) == Rel::kCompound) continue;  // "attack helicopter"
    int words = 1;
    const EventNoun* e = nouns.Find(i > 0 ? sc.dict_words[i - 1].text : std::string_view(),
                                    sc.dict_words[i].text, &words);
    if (!e || UnderAttackNoun(s, i)) continue;
    std::int32_t src = kNoUnit, tgt = kNoUnit;
    const char* why = NounArguments(s, cl, *out, i, *e, &src, &tgt);
    FinishNounEvent(s, *e, i + 1 - static_cast<std::uint32_t>(words), i, src, tgt, why, out);
  }
}

// Whether a verbal act (CAMEO 01-13: investigate, condemn, deny, accuse) is about
// a deed its object names as a noun (14-20): "Police are investigating the
// murder of Bryan Harvey", "The UN condemned the killing of 12 civilians". The
// deed is an event of its own, not part of the verb's.
bool SaysAboutADeed(const CodedEvent& verb, const EventNoun& e) {
  auto root = [](const std::string& c) {
    return c.size() >= 2 && c[0] >= '0' && c[0] <= '9' && c[1] >= '0' && c[1] <= '9'
               ? (c[0] - '0') * 10 + (c[1] - '0')
               : 0;
  };
  const int v = root(verb.cameo), n = root(e.cameo);
  return v >= 1 && v <= 13 && n >= 14 && verb.cameo != "015";
}

namespace {

// Who did the deed a conviction or an accusation names as a noun: "Four
// people are sentenced to death by hanging for the killing of an albino man",
// "charged two men with the murder of", "accused Israel of the killing of":
// whom the verb (CAMEO 11x: criticise, accuse, sue, find guilty; one of the
// first `verb_events` events) is aimed at is the harm's agent. The noun must
// follow that target in its clause, after "for", "of", "with", "over" or "in"
// and its modifiers ("for the brutal killing"). kNoUnit otherwise.
std::int32_t CulpritOf(const SentenceView& s, const SentenceCoding& out, std::size_t verb_events,
                       const EventNoun& e, std::uint32_t first) {
  if (!IsHarm(e.cameo)) return kNoUnit;
  std::uint32_t p = first;
  while (p > 0 && (IsDeterminer(s.W[p - 1]) || s.tags[p - 1].upos == Upos::kAdj ||
                   s.tags[p - 1].upos == Upos::kNum))
    --p;
  if (p == 0 || !IsOneOf(s.sc.dict_words[p - 1].text, {"for", "of", "with", "over", "in"}))
    return kNoUnit;
  for (std::size_t k = verb_events; k-- > 0;) {
    const CodedEvent& verb = out.events[k];
    if (!verb.cameo.starts_with("11") || !verb.has_target) continue;
    const std::uint32_t target_end = verb.target.end_token - s.t0;
    if (target_end > p - 1 || verb.verb_end_token - s.t0 > p - 1) continue;
    bool one_clause = true;
    for (std::uint32_t q = verb.verb_end_token - s.t0; q < p - 1 && one_clause; ++q)
      one_clause = !s.sc.boundary[q];
    if (one_clause) return s.sc.unit_at[verb.target.first_token - s.t0];
  }
  return kNoUnit;
}

}  // namespace

// Whether word `i` is a hyphenated noun the tagger reads as an adjective:
// after a determiner or a possessive, before a preposition ("the re-arrest of
// the opposition leader").
bool HyphenatedNounReadAsAdjective(const SentenceView& s, std::uint32_t i) {
  return s.tags[i].upos == Upos::kAdj && s.W[i].find('-') != std::string_view::npos && i > 0 &&
         i + 1 < s.n && (IsDeterminer(s.W[i - 1]) || IsOneOf(s.W[i - 1], {"'s", "'"})) &&
         IsPreposition(s.W[i + 1]);
}

// Whether the act of harm the noun at word `i` names is followed by another
// one coded already, joined by "and": "air strikes and shelling in Wadi
// Barada" are two acts, not one reported twice.
bool CoordinatedWithCodedAct(const SentenceView& s, const SentenceCoding& out, std::uint32_t i) {
  if (i + 2 >= s.n || s.W[i + 1] != "and") return false;
  return std::any_of(out.events.begin(), out.events.end(), [&](const CodedEvent& e) {
    return IsHarm(e.cameo) && e.verb_first_token == s.t0 + i + 2;
  });
}

// Events written as nouns, without a tree: the target is the actor right
// after a preposition the table names ("the murder of Bryan Harvey", "an
// attack on the U.S. Consulate"), the source the actor right before the noun
// ("Israeli airstrikes", "the rebels' ambush"). A noun inside the words of a
// coded verb pattern ("held a protest") or modifying another noun ("attack
// helicopter") adds nothing.
void CodeNounEventsByPosition(const SentenceView& s, SentenceCoding* out) {
  const CoderScratch& sc = s.sc;
  const EventNouns& nouns = *s.options.nouns;
  const auto& tags = s.tags;
  const std::size_t verb_events = out->events.size();
  for (std::uint32_t i = 0; i < s.n; ++i) {
    if ((tags[i].upos != Upos::kNoun && !HyphenatedNounReadAsAdjective(s, i)) ||
        sc.unit_at[i] != kNoUnit || sc.hidden[i])
      continue;
    // (A verb of occurring the tagger reads as a noun modifies nothing: "a
    // suicide bombing occurs/NOUN in Kabul", "heavy gunfire erupts/NOUN".)
    if (i + 1 < s.n && (tags[i + 1].upos == Upos::kNoun || tags[i + 1].upos == Upos::kPropn) &&
        !IsOneOf(sc.dict_words[i + 1].text, {"occurs", "happens", "erupts", "rages", "breaks",
                                             "flares", "escalates", "intensifies"}))
      continue;
    int words = 1;
    const EventNoun* e = nouns.Find(i > 0 ? sc.dict_words[i - 1].text : std::string_view(),
                                    sc.dict_words[i].text, &words);
    if (!e || UnderAttackNoun(s, i)) continue;
    const std::uint32_t first = i + 1 - static_cast<std::uint32_t>(words);
    std::int32_t src = kNoUnit, tgt = kNoUnit;
    const CodedEvent* governing = AfterCodedVerb(s, *out, verb_events, first);
    const std::int32_t culprit = CulpritOf(s, *out, verb_events, *e, first);
    if (governing && SaysAboutADeed(*governing, *e)) governing = nullptr;
    const std::int32_t claimer = ClaimantOf(s, governing, *e);
    const char* why = governing && claimer == kNoUnit
                          ? "inside the object or phrase of a coded verb"
                          : NounArgumentsByPosition(s, first, i, *e, &src, &tgt);
    if (!governing && InNullPattern(s, first))
      why = "the object of a verb that names it as no event (\"planning attacks\")";
    if (i + 1 < s.n && VerbCoded(*out, s.t0 + i + 1))
      why = "the subject of a coded verb (\"coalition airstrikes kill 20 civilians\")";
    if (InTopicLabel(s, i)) why = "in a topic label before a colon (\"2003 occupation of Iraq:\")";
    if (NamedWithItsYear(s, first))
      why = "a past happening named with its year (\"the 2003 invasion\")";
    if (TopicOfAWorkOrARemembrance(s, first))
      why = "the topic of a work or a remembrance (\"a film inspired by the assassination\")";
    if (claimer != kNoUnit) why = ClaimedAttack(s, *governing, claimer, tgt, why, &src);
    // (A crime with no victim named, "charged with murder", stays no event.)
    if (culprit != kNoUnit && src == kNoUnit && tgt != kNoUnit && culprit != tgt && !why)
      src = culprit;
    if (!why && src == kNoUnit && tgt != kNoUnit && IsHarm(e->cameo) && HarmsUnit(s, *out, tgt))
      why = "its victims are those of a harm verb coded already (\"killed after a bombing\")";
    if (!why && e->armed_only && !StateOrArmed(s, src) && !StateOrArmed(s, tgt)) why = kNoArmedSide;
    if (!why && src == kNoUnit && tgt == kNoUnit && !e->cameo.starts_with("14") &&
        CodesHarm(*out) && !CoordinatedWithCodedAct(s, *out, i))
      why = "an attack with no actor in a sentence that already codes harm";
    FinishNounEvent(s, *e, first, i, src, tgt, why, out);
  }
}

}  // namespace dyad::coder
