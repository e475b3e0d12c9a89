// Copyright dyad authors. Step 2 of coding a sentence: actors. Dictionary
// actor and agent phrases are found (FindMentions), composed into units
// ("Libyan police" -> LBYCOP), joined into compounds ("A, B and C"), and
// agents without a country are given one: the actor of a compound, an owner
// ("its army"), or the one country the sentence is about.
#include <algorithm>
#include <cctype>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/actor_codes.h"
#include "dict/fold.h"
#include "steps.h"

namespace dyad::coder {
namespace {

// Armed non-state sectors: an agent of the same kind adds nothing ("Hamas
// fighters" stays PSEINS, not PSEINSREB).
bool HasArmedSector(std::string_view code) {
  for (std::size_t i = 0; i + 3 <= code.size(); i += 3) {
    std::string_view t = code.substr(i, 3);
    if (t == "INS" || t == "REB" || t == "UAF" || t == "SEP" || t == "CRM") return true;
  }
  return false;
}

std::string ComposeCode(std::string_view actor, std::string_view agent, bool suffix) {
  if ((agent == "REB" || agent == "INS" || agent == "UAF" || agent == "SEP") &&
      HasArmedSector(actor))
    return std::string(actor);
  return Dictionaries::ComposeAgentCode(actor, agent, suffix);
}

// A word that may stand between an actor and its agent: "Dagolath's first
// deputy prime minister", "Ithilen's awful and evil minister".
bool IsModifier(const SentenceView& s, std::uint32_t k) {
  const auto& W = s.W;
  // ("told Reuters that the government would", "told AFP that militants
  // attacked": a conjunction, whatever the tagger says; no demonstrative
  // stands between an actor and its agent.)
  if (IsOneOf(s.sc.dict_words[k].text, {"that", "this", "these", "those"})) return false;
  if (W[k] == "'s" || W[k] == "'" || IsDeterminer(W[k])) return true;
  if (s.tagged) {
    Upos t = s.tags[k].upos;
    if (t == Upos::kAdj || t == Upos::kNum) return true;
    return IsOneOf(W[k], {"and"}) && k + 1 < s.n && s.tags[k + 1].upos == Upos::kAdj;
  }
  unsigned char c = W[k].empty() ? 0 : static_cast<unsigned char>(W[k][0]);
  return std::islower(c) && !IsPreposition(W[k]) && !IsConjunction(W[k]) && !IsBeForm(W[k]);
}

bool AllModifiers(const SentenceView& s, std::uint32_t a, std::uint32_t b) {
  for (std::uint32_t k = a; k < b; ++k) {
    if (!IsModifier(s, k)) return false;
    // "Russia's army massed troops": a verb form ends the actor phrase.
    VerbMatch vm;
    if (s.W[k] != "'s" && s.dicts.MatchVerb(s.sc.dict_words, k, &vm)) return false;
  }
  return true;
}

// "soldiers from Gondor", "lawmakers in the Shire": one linking preposition.
bool LinkingGap(const SentenceView& s, std::uint32_t a, std::uint32_t b) {
  if (b <= a || b - a > 3 || !IsOneOf(s.W[a], {"of", "from", "in", "at", "for"})) return false;
  for (std::uint32_t k = a + 1; k < b; ++k)
    if (!IsDeterminer(s.W[k])) return false;
  return true;
}

// Words of a title between a unit and a name ("presidential candidate",
// "Minister of State for Primary Care"): nouns and adjectives (capitalised
// words without tags), of/for/the/and.
bool TitleGap(const SentenceView& s, std::uint32_t a, std::uint32_t b) {
  const auto& W = s.W;
  if (b < a || b - a > 6) return false;
  for (std::uint32_t k = a; k < b; ++k) {
    if (IsOneOf(W[k], {"of", "for", "the", "and"})) continue;
    // "Police in Peru arrest Juan Perez": a verb of the dictionaries in
    // lower case (a noun to the tagger) ends the title.
    VerbMatch vm;
    if (!W[k].empty() && std::islower(static_cast<unsigned char>(W[k][0])) &&
        s.dicts.MatchVerb(s.sc.dict_words, k, &vm))
      return false;
    const bool title_word =
        s.tagged ? (s.tags[k].upos == Upos::kNoun || s.tags[k].upos == Upos::kPropn ||
                    s.tags[k].upos == Upos::kAdj)
                 : std::isupper(static_cast<unsigned char>(W[k].empty() ? 'a' : W[k][0])) != 0;
    if (!title_word) return false;
  }
  return true;
}

void SplitCodes(std::string_view code, std::vector<std::string>* out) {
  out->clear();
  std::size_t p = 0;
  while (p <= code.size()) {
    std::size_t q = code.find('/', p);
    if (q == std::string_view::npos) q = code.size();
    if (q > p) out->emplace_back(code.substr(p, q - p));
    p = q + 1;
  }
}

// Makes agent-only unit `u` the agents of `actor_code` ("Danish media and
// government" -> DNKGOV, "its army" -> AZEMIL).
void GiveActor(const std::string& actor_code, Unit* u) {
  std::vector<std::string> actor_codes, composed;
  SplitCodes(actor_code, &actor_codes);
  for (std::string c : actor_codes) {
    for (const auto& [a, suffix] : u->agents) c = ComposeCode(c, a, suffix);
    composed.push_back(std::move(c));
  }
  u->codes = std::move(composed);
  u->agent_only = false;
}

// "the Shi'ite Al-Mukhtar Army", "the Mahdi Army": "Army" written as the head
// of a name no dictionary knows (a capitalised word right before it that
// codes nothing and opens the unit) is an armed group of its own, not a
// state's army (which comes with its country: "Syrian Army").
bool NamedArmy(const SentenceView& s, std::uint32_t unit_start, const RawMention& g) {
  if (unit_start != g.begin || g.end != g.begin + 1 || g.begin < 2 || s.W[g.begin] != "Army")
    return false;
  // ("Army Medical Center" names a place; a "National Army" is a state's.)
  if (g.end < s.n && !s.W[g.end].empty() && std::isupper(static_cast<unsigned char>(s.W[g.end][0])))
    return false;
  const std::string_view prev = s.W[g.begin - 1];
  return !prev.empty() && std::isupper(static_cast<unsigned char>(prev[0])) &&
         !IsDeterminer(prev) && !IsOneOf(prev, {"national", "royal", "regular", "territorial"}) &&
         (!s.tagged || s.tags[g.begin - 1].upos != Upos::kVerb);
}

// "Social Democratic Party of Germany president", "ANC Youth League
// president": whether the capitalised name right before the title at word
// `title` (its words, with "of", "for", "the" and "'s" between them) is a
// party's or a movement's that no dictionary phrase of `raws` codes (the
// "Chinese Communist Party" is CHNGOV); the title is then the party's, not a
// state office. Not a party in power ("the ruling Liberal Party chairman"),
// nor its owner ("the Party of President Mubarak").
bool TitleOfAParty(const SentenceView& s, std::span<const RawMention> raws, std::uint32_t title) {
  if (title == 0 || IsOneOf(s.W[title - 1], {"of", "for"})) return false;
  bool party = false;
  std::uint32_t p = title;
  for (; p > 0 && title - p < 8; --p) {
    const std::string_view w = s.W[p - 1];
    if (w.empty()) break;
    if (IsOneOf(w, {"of", "for", "the", "'s", "'"})) continue;
    if (!std::isupper(static_cast<unsigned char>(w[0]))) break;
    if (!IsOneOf(w, {"party", "league", "movement"})) continue;
    for (const RawMention& r : raws)
      if (!r.agent && r.begin < p && r.end >= p) return false;
    party = true;
  }
  return party && (p == 0 || !IsOneOf(s.W[p - 1], {"ruling", "governing"}));
}

// The code of agent `g` of the unit starting at `unit_start`: "former
// officials" are elites (ELI), not the office; "pro-government militias",
// "regime-backed gunmen" are armed men on the state's side, its forces (MIL),
// not rebels.
std::string_view AgentCode(const SentenceView& s, std::span<const RawMention> raws,
                           std::uint32_t unit_start, const RawMention& g) {
  std::uint32_t from = unit_start >= 2 ? unit_start - 2 : 0;
  bool former = false, pro_state = false;
  for (std::uint32_t p = from; p < g.begin && p < s.n && !former; ++p) {
    former = IsOneOf(s.W[p], {"former", "ex"});
    pro_state |= IsOneOf(s.W[p], {"pro-government", "government-backed", "pro-regime",
                                  "regime-backed", "government-allied", "state-backed",
                                  "army-backed", "government-sponsored", "state-sponsored"});
  }
  if (former && g.suffix) return "ELI";
  if (g.code == "GOV" && g.suffix && TitleOfAParty(s, raws, g.begin)) return "OPP";
  if (g.code == "MIL" && NamedArmy(s, unit_start, g)) return "UAF";
  if (pro_state && (g.code == "REB" || g.code == "INS" || g.code == "UAF")) return "MIL";
  return g.code;
}

// "lawmakers in Fornost and Gondor": leave the compound to the distribution
// step (DistributeCompoundAgents) rather than bind the agent to Fornost alone.
bool StartsCompound(const SentenceView& s, std::span<const RawMention> raws, std::size_t a) {
  if (a + 1 >= raws.size() || raws[a + 1].agent) return false;
  std::uint32_t x = raws[a].end, y = raws[a + 1].begin;
  while (y > x && IsDeterminer(s.W[y - 1])) --y;
  return (y == x + 1 && (IsOneOf(s.W[x], {"and", "or"}) || s.W[x] == ",")) ||
         (y == x + 2 && s.W[x] == "," && IsOneOf(s.W[x + 1], {"and", "or"}));
}

using Agents = std::vector<std::pair<std::string_view, bool>>;

// The agents after the actor of unit `u` from mention `k` on ("Libyan
// police", "Gondor's new government") and an appositive name ("the minister
// Calimehtar"); composes the unit's codes. Returns the next mention.
std::size_t AddTrailingAgents(const SentenceView& s, std::span<const RawMention> raws,
                              std::size_t k, std::uint32_t unit_start, Agents* lead, Unit* u) {
  Agents trail;
  while (k < raws.size() && raws[k].agent && !raws[k].null_code && raws[k].begin - u->end <= 4 &&
         AllModifiers(s, u->end, raws[k].begin)) {
    trail.emplace_back(AgentCode(s, raws, unit_start, raws[k]), raws[k].suffix);
    u->end = raws[k].end;
    ++k;
  }
  bool person = false;
  if (!trail.empty() && k < raws.size() && !raws[k].agent && !raws[k].null_code &&
      raws[k].begin == u->end) {
    // A person's own dated entry wins over "place + title" ("Istanbul
    // Mayor Ekrem Imamoglu" is Imamoglu's code, not TURGOV).
    if (raws[k].time_bounded) {
      SplitCodes(raws[k].code, &u->codes);
      u->actor_begin = raws[k].begin;
      u->actor_end = raws[k].end;
      u->actor_code = std::string(raws[k].code);
      u->rule = raws[k].rule;
      u->time_bounded = true;
      person = true;
    }
    u->end = raws[k].end;
    ++k;
  }
  if (person) lead->clear(), trail.clear();
  for (std::string& c : u->codes) {
    for (const auto& [a, suffix] : *lead) c = ComposeCode(c, a, suffix);
    for (const auto& [a, suffix] : trail) c = ComposeCode(c, a, suffix);
  }
  return k;
}

// The unit that starts at mention `r`: leading agents (an adjacent chain:
// "MSF", "soldiers", "human rights activists"), the actor, trailing agents.
// Returns the first mention after it.
std::size_t ComposeUnit(const SentenceView& s, std::span<const RawMention> raws, std::size_t r,
                        Unit* u) {
  const auto& W = s.W;
  u->begin = raws[r].begin;
  u->end = raws[r].end;
  u->rule = raws[r].rule;
  std::size_t k = r;
  if (raws[k].null_code) return k + 1;  // null-coded phrase: occupies its words, codes nothing
  const std::uint32_t unit_start = u->begin;
  Agents lead;
  while (k < raws.size() && raws[k].agent && !raws[k].null_code &&
         (k == r || raws[k].begin == raws[k - 1].end)) {
    lead.emplace_back(AgentCode(s, raws, unit_start, raws[k]), raws[k].suffix);
    u->end = raws[k].end;
    ++k;
  }
  bool have_actor = false;
  // "recalled its ambassador from France": the ambassador is not France's.
  const bool owned =
      k != r && raws[r].begin > 0 && IsOneOf(W[raws[r].begin - 1], {"its", "their", "his", "her"});
  if (k < raws.size() && !raws[k].agent && !raws[k].null_code &&
      (k == r || raws[k].begin == u->end ||
       (!owned && LinkingGap(s, u->end, raws[k].begin) && !StartsCompound(s, raws, k)))) {
    SplitCodes(raws[k].code, &u->codes);
    have_actor = !u->codes.empty();
    u->actor_begin = raws[k].begin;
    u->actor_end = raws[k].end;
    u->actor_code = std::string(raws[k].code);
    u->end = raws[k].end;
    u->rule = raws[k].rule;
    u->time_bounded = raws[k].time_bounded;
    ++k;
  }
  if (have_actor) return AddTrailingAgents(s, raws, k, unit_start, &lead, u);
  std::string c;
  for (const auto& [a, suffix] : lead) c = ComposeCode(c, a, suffix);
  // A name no dictionary knows, without a title: an actor of its own.
  const bool bare_name = c.empty() && k > r && raws[k - 1].name;
  u->codes.push_back(bare_name ? std::string(kUncodedName) : std::move(c));
  u->agents = std::move(lead);
  u->agent_only = !bare_name;
  return k;
}

// How many words join unit k-1 to unit k in a compound: "and" / "," (1),
// ", and" (2), "as well as" (3); 0: not joined. Modifiers may stand before
// the next member ("and the evil Gondor").
int JoinBetween(const SentenceView& s, std::size_t k) {
  const auto& W = s.W;
  const auto& units = s.sc.units;
  std::uint32_t a = units[k - 1].end, b = units[k].begin;
  // Modifiers before the next member, even when the tagger calls them nouns
  // ("and the evil awful Gondor"); at most three.
  auto join_modifier = [&](std::uint32_t k2) {
    if (IsModifier(s, k2)) return true;
    // An unknown name before the member ("and Tuareg rebels").
    if (s.tagged && (s.tags[k2].upos == Upos::kPropn || s.tags[k2].upos == Upos::kNoun) &&
        !W[k2].empty() && std::isupper(static_cast<unsigned char>(W[k2][0])))
      return true;
    if (!s.tagged || W[k2].empty() || !std::islower(static_cast<unsigned char>(W[k2][0])))
      return false;
    return s.tags[k2].upos == Upos::kNoun || s.tags[k2].upos == Upos::kAdv;
  };
  while (b > a && b + 3 > units[k].begin && W[b - 1] != "," && !IsOneOf(W[b - 1], {"and", "or"}) &&
         join_modifier(b - 1))
    --b;
  if (b == a + 1 && (IsOneOf(W[a], {"and", "or"}) || W[a] == ",")) return 1;
  if (b == a + 2 && W[a] == "," && IsOneOf(W[a + 1], {"and", "or"})) return 2;
  if (b == a + 3 && IsOneOf(W[a], {"as"}) && IsOneOf(W[a + 1], {"well"}) &&
      IsOneOf(W[a + 2], {"as"}))
    return 3;
  return 0;
}

// A word of an apposition before its first dictionary phrase: "the",
// "former", "longtime", "chief", a place's comma (no verb, no clause word).
bool IsAppositionLead(const SentenceView& s, std::uint32_t k) {
  if (IsDeterminer(s.W[k]) || IsOneOf(s.W[k], {"former", "ex", "then"})) return true;
  if (s.W[k] == ",") return CommaInsidePlaceOfTitle(s, k);  // "the Fort Worth, Texas"
  if (!s.tagged) return false;
  const Upos t = s.tags[k].upos;
  return t == Upos::kAdj || t == Upos::kNoun || t == Upos::kPropn || t == Upos::kNum;
}

// The words [begin, end) of the apposition after a name ending at `name_end`:
// ", the Secretary General of NATO,", ", 63, former director of X," (an age
// first); ends at a comma, semicolon, parenthesis, a relative pronoun ("Aaron
// Dean, the Fort Worth, Texas police officer who shot ...") or the sentence's end.
bool FindApposition(const SentenceView& s, std::uint32_t name_end, std::uint32_t* begin,
                    std::uint32_t* end) {
  constexpr std::uint32_t kMaxWords = 10;
  const auto& W = s.W;
  std::uint32_t p = name_end;
  if (p + 1 >= s.n || W[p] != ",") return false;
  ++p;
  if (p + 2 < s.n && W[p + 1] == "," && !W[p].empty() &&
      std::isdigit(static_cast<unsigned char>(W[p][0])))
    p += 2;  // ", 63,"
  std::uint32_t q = p;
  while (q < s.n && q - p <= kMaxWords && !IsOneOf(W[q], {";", "(", ")", ".", "--"}) &&
         (W[q] != "," || CommaInsidePlaceOfTitle(s, q)) &&
         !(q > p && IsOneOf(W[q], {"who", "whose"})))
    ++q;
  if (q == p || q - p > kMaxWords) return false;
  *begin = p;
  *end = q;
  return true;
}

// "a white police officer, Betty Jo Shelby,": a title unit (with a sector:
// not "Uganda, Kizza Besigye") then a comma and a name no dictionary knows
// that ends its phrase (a comma, a semicolon or the sentence's end; not "the
// minister, Salemu and Okafor").
bool IsTitleBeforeName(const SentenceView& s, const Unit& u, const RawMention& name) {
  if (!name.name || u.codes.empty() || u.codes[0].empty() || u.codes[0] == kUncodedName)
    return false;
  if (u.agents.empty() && !u.agent_only && u.codes[0].size() <= 3) return false;
  if (u.end + 1 != name.begin || s.W[u.end] != ",") return false;
  return name.end == s.n || IsOneOf(s.W[name.end], {",", ";", "."});
}

}  // namespace

bool CommaInsidePlaceOfTitle(const SentenceView& s, std::uint32_t q) {
  auto capitalised = [&](std::uint32_t k) {
    return s.tags[k].upos == Upos::kPropn && std::isupper(static_cast<unsigned char>(s.W[k][0]));
  };
  if (!s.tagged || q == 0 || q + 2 >= s.n || !capitalised(q - 1) || !capitalised(q + 1))
    return false;
  std::uint32_t k = q + 2;
  while (k < s.n && k < q + 4 && capitalised(k)) ++k;
  AgentMatch title;
  return k < s.n && s.tags[k].upos == Upos::kNoun &&
         std::islower(static_cast<unsigned char>(s.W[k][0])) &&
         s.dicts.MatchAgent(s.sc.dict_words, k, &title) && title.length > 0;
}

// "Jaap de Hoop Scheffer, the Secretary General of NATO," -> the
// apposition's unit codes the name (IGONAT...): its title words are agents
// of the same dictionary the title rule reads, its "of X" the actor
// ("Takeshi Onaga, governor of Okinawa" -> JPNGOV). A title of an
// organisation no dictionary codes takes the organisation's sector ("former
// director of Santa Fe International Corp" -> BUS). The apposition's words
// then make no unit of their own. Returns the next mention.
std::size_t CodeByApposition(const SentenceView& s, std::span<const RawMention> raws, std::size_t r,
                             Unit* u) {
  std::uint32_t begin = 0, end = 0;
  if (r >= raws.size() || !FindApposition(s, u->end, &begin, &end)) return r;
  if (raws[r].begin < begin || raws[r].end > end || raws[r].name || raws[r].null_code ||
      raws[r].rule == "names")
    return r;
  // "former director of <X>": a title the dictionary lacks, then "of X"; X
  // must then be an organisation of a sector (not "a resident of Kabul").
  std::uint32_t lead_end = raws[r].begin;
  for (std::uint32_t gap = 1; gap <= 3 && lead_end > begin + gap; ++gap) {
    if (LinkingGap(s, raws[r].begin - gap, raws[r].begin)) {
      lead_end = raws[r].begin - gap;
      break;
    }
  }
  const bool unknown_title = lead_end < raws[r].begin;
  for (std::uint32_t k = begin; k < lead_end; ++k)
    if (!IsAppositionLead(s, k)) return r;
  Unit title;
  std::size_t next = ComposeUnit(s, raws, r, &title);
  if (title.end > end || title.codes.empty() || title.codes[0].empty()) return r;
  if (unknown_title && !title.agent_only) return r;
  // "director of <an organisation coded by its head word>": that sector.
  if (title.agent_only && next < raws.size() && raws[next].end <= end &&
      LinkingGap(s, title.end, raws[next].begin)) {
    Unit org;
    const std::size_t after = ComposeUnit(s, raws, next, &org);
    if (org.end <= end && !org.codes.empty() && !org.codes[0].empty() &&
        org.codes[0] != kUncodedName) {
      title = std::move(org);
      next = after;
    }
  }
  // "Zhao Yan, China," says where, not what: a title names a sector.
  if (title.codes[0] == kUncodedName || (!title.agent_only && title.codes[0].size() <= 3)) return r;
  u->codes = std::move(title.codes);
  u->agents = std::move(title.agents);
  u->agent_only = title.agent_only;
  u->actor_begin = title.actor_begin;
  u->actor_end = title.actor_end;
  u->actor_code = std::move(title.actor_code);
  u->time_bounded = false;
  u->rule = "apposition:" + title.rule;
  return next;
}

namespace {

// "criminal charges", "a criminal investigation", "the general setup", "a
// general strike": "criminal" or "general" read as an adjective before a noun
// that is no agent ("criminal gangs" is) describes a thing, not a criminal or
// an officer. (Other agent adjectives name people as often as not: "civilian
// bystanders", "military operations".)
bool AdjectiveOfAThing(const SentenceView& s, std::uint32_t i, std::uint32_t length) {
  if (!s.tagged || length != 1 || i + 1 >= s.n || s.tags[i].upos != Upos::kAdj ||
      s.tags[i + 1].upos != Upos::kNoun ||
      !IsOneOf(s.sc.dict_words[i].text, {"criminal", "general"}))
    return false;
  AgentMatch next;
  return !(s.dicts.MatchAgent(s.sc.dict_words, i + 1, &next) && next.length > 0);
}

// Whether the capitalised word i opens a company's name: capitalised words
// after it up to a company suffix ("General Electric Co", "General Binding
// Corp", "Union Pacific Corp").
bool InCompanyName(const SentenceView& s, std::uint32_t i) {
  auto capitalised = [&](std::uint32_t p) {
    return !s.W[p].empty() && std::isupper(static_cast<unsigned char>(s.W[p][0]));
  };
  if (!capitalised(i)) return false;
  for (std::uint32_t p = i + 1; p < s.n && p <= i + 4 && capitalised(p); ++p)
    if (IsOneOf(s.sc.dict_words[p].text, {"corp", "corp.", "co", "co.", "inc", "inc.", "ltd",
                                          "ltd.", "plc", "llc", "corporation"}))
      return true;
  return false;
}

// Whether the capitalised words from `end` close a facility's name: an
// "International" or a head such as "Airport", "Stadium", "Hospital",
// "University", "Street" ("Ninoy Aquino International Airport", "Lenin
// Stadium", "Gandhi Hospital").
bool InFacilityName(const SentenceView& s, std::uint32_t end) {
  if (end >= s.n || s.W[end].empty() || !std::isupper(static_cast<unsigned char>(s.W[end][0])))
    return false;
  std::string_view w = s.sc.dict_words[end].text;
  if (w == "international" && end + 1 < s.n) w = s.sc.dict_words[end + 1].text;
  return IsOneOf(w, {"airport", "stadium", "hospital", "university", "street", "avenue", "square",
                     "bridge", "boulevard", "station", "highway", "mosque", "cathedral"});
}

// Whether the sentence is written in capitals (a headline: "US TROOPS
// LEAVE"): three or more words of four capitals or more.
bool IsAllCapsText(const SentenceView& s) {
  int caps = 0;
  for (std::string_view w : s.W) {
    if (w.size() < 4) continue;
    bool upper = true;
    for (char c : w) upper &= !std::islower(static_cast<unsigned char>(c));
    caps += upper && std::isupper(static_cast<unsigned char>(w[0]));
  }
  return caps >= 3;
}

}  // namespace

// "Saudi-led coalition forces", "the US-led coalition", "Saudi-led
// airstrikes": the leading country of a "<country>-led" word, and a
// coalition after it as that country's military (CAMEO has no code for a
// coalition). Appends the mentions and returns the word after them, or `i`.
std::uint32_t LedCoalition(const SentenceView& s, std::uint32_t i, std::int32_t date,
                           std::vector<RawMention>* raws) {
  const std::string_view w = s.sc.dict_words[i].text;
  if (w.size() < 6 || !w.ends_with("-led")) return i;
  // (Only before a force or its acts: "Soviet-led Comecon", "Washington-led
  // protests" name no actor.)
  if (i + 1 >= s.n ||
      !IsOneOf(s.sc.dict_words[i + 1].text,
               {"coalition", "alliance", "forces", "troops", "airstrikes", "airstrike", "air",
                "offensive", "intervention", "invasion", "military", "mission", "operation",
                "bombing", "peacekeeping", "peacekeepers", "naval", "army"}))
    return i;
  const std::string_view prefix = w.substr(0, w.size() - 4);
  std::string_view code;
  if (prefix == "us" || prefix == "u.s.") {
    code = "USA";
  } else {
    DictWords one;
    s.dicts.Prepare(std::span<const std::string_view>(&prefix, 1), &one);
    ActorMatch am;
    if (!s.dicts.MatchActor(one, 0, date, &am) || am.length != 1 || am.code == kNone) return i;
    code = s.dicts.code(am.code).text;
    if (code.size() != 3 && !code.starts_with("IGO")) return i;
  }
  raws->push_back(RawMention{i, i + 1, false, false, code, true, "<country>-led"});
  std::uint32_t end = i + 1;
  if (end < s.n && IsOneOf(s.sc.dict_words[end].text, {"coalition", "alliance"})) {
    std::uint32_t e = end + 1;
    if (e < s.n && IsOneOf(s.sc.dict_words[e].text, {"forces", "troops"})) ++e;
    raws->push_back(RawMention{end, e, true, false, "MIL", true, "<country>-led coalition"});
    end = e;
  }
  return end;
}

void FindMentions(const SentenceView& s, std::int32_t date, std::vector<RawMention>* raws) {
  const auto& W = s.W;
  const bool all_caps = IsAllCapsText(s);
  for (std::uint32_t i = 0; i < s.n;) {
    if (const std::uint32_t next = LedCoalition(s, i, date, raws); next != i) {
      i = next;
      continue;
    }
    ActorMatch am;
    AgentMatch gm;
    bool has_actor = s.dicts.MatchActor(s.sc.dict_words, i, date, &am) && am.length > 0;
    bool has_agent = s.dicts.MatchAgent(s.sc.dict_words, i, &gm) && gm.length > 0;
    // "a US tourist", "US troops": the dictionaries, read without case, leave
    // "US" out (it would be "us"); written in capitals in ordinary text it is
    // the United States. (Not with require_dyad: TABARI's dictionaries
    // and suites read "US" as they always did.)
    if (!has_actor && !has_agent && W[i] == "US" && !all_caps && !s.options.require_dyad) {
      raws->push_back(RawMention{i, i + 1, false, false, "USA", true, "US (the United States)"});
      ++i;
      continue;
    }
    // A name of one word written in lower case and read as a verb ("drew",
    // a surname in the leaders file) is the verb.
    if (has_actor && am.length == 1 && s.tagged && s.tags[i].upos == Upos::kVerb &&
        std::islower(static_cast<unsigned char>(W[i][0])))
      has_actor = false;
    // Nor is a person with roles over time named by one word in lower case
    // ("HUNG_", a Vietnamese leader: "tear gas hung over the square").
    if (has_actor && am.length == 1 && am.entry && !am.entry->restrictions.empty() &&
        std::islower(static_cast<unsigned char>(W[i][0])))
      has_actor = false;
    // Nor a person inside a facility's name ("Ninoy Aquino International
    // Airport", "Lenin Stadium"); a city's name there still says the country
    // ("Kabul University").
    if (has_actor && am.code != kNone && s.dicts.code(am.code).text.size() > 3 &&
        InFacilityName(s, i + am.length)) {
      i += am.length;  // past the name's head too: "University" is no agent here
      if (s.sc.dict_words[i].text == "international") ++i;
      ++i;
      continue;
    }
    if (has_actor && (!has_agent || am.length >= gm.length)) {
      RawMention r{i, i + am.length, false, am.code == kNone, {}, true, {}};
      if (am.code != kNone) {
        const Code& c = s.dicts.code(am.code);
        if (c.kind != CodeKind::kNormal) r.null_code = true;
        r.code = c.text;
      }
      r.rule = s.dicts.Where(am.phrase ? am.phrase->where : am.entry->where);
      if (am.entry) r.root = am.entry->root;
      r.time_bounded = am.entry && !am.entry->restrictions.empty();
      raws->push_back(std::move(r));
      i += am.length;
    } else if (has_agent && (AdjectiveOfAThing(s, i, gm.length) || InCompanyName(s, i))) {
      i += gm.length;  // "criminal charges": no criminal; "General Electric Co": no general
    } else if (has_agent) {
      RawMention r{i, i + gm.length, true, gm.entry->code == kNone, {}, gm.entry->suffix, {}};
      if (gm.entry->code != kNone) r.code = s.dicts.code(gm.entry->code).text;
      r.rule = s.dicts.Where(gm.entry->where);
      raws->push_back(std::move(r));
      i += gm.length;
    } else {
      ++i;
    }
  }
}

namespace {

// "Kevin King", "Martin Luther King": an agent word after a person's first
// name is part of the name, not a king. Erases the agent mentions inside
// [b, e) that do not open it (a title before the name, "King Salman", stays
// with the dictionary), or all of them when the person is named in full
// elsewhere ("King and Weeks were abducted"); returns the first mention
// ending after b.
std::vector<RawMention>::iterator DropAgentWordsInsideName(std::uint32_t b, std::uint32_t e,
                                                           bool full_name,
                                                           std::vector<RawMention>::iterator at,
                                                           std::vector<RawMention>* raws) {
  const std::uint32_t from = full_name && e == b + 1 ? b : b + 1;
  auto inside = [&](const RawMention& x) { return x.agent && x.begin >= from && x.end <= e; };
  auto stop = std::find_if(at, raws->end(), [&](const RawMention& x) { return x.begin >= e; });
  for (auto it = at; it != stop; ++it)
    if (!inside(*it) && it->begin < e) return at;  // another phrase overlaps: leave all
  const auto first = at - raws->begin();
  raws->erase(std::remove_if(at, stop, inside), stop);
  return raws->begin() + first;
}

// The next letter of `w` at *i, lower-cased ASCII, with a Latin-1 accented
// letter written in UTF-8 read as its base letter ("á" -> 'a', dict/fold.h).
char NextFoldedLetter(std::string_view w, std::size_t* i) {
  const auto c = static_cast<unsigned char>(w[*i]);
  if (c == 0xC3 && *i + 1 < w.size()) {
    const auto d = static_cast<unsigned char>(w[*i + 1]);
    if (d >= 0x80 && d <= 0xBF) {
      *i += 2;
      return FoldLatin1(d);
    }
  }
  ++*i;
  return static_cast<char>(std::tolower(c));
}

// Whether two words are equal without case or accents ("Nicolás", "NICOLAS").
bool FoldedEquals(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size())
    if (NextFoldedLetter(a, &i) != NextFoldedLetter(b, &j)) return false;
  return i == a.size() && j == b.size();
}

// Whether `word` is one of the words of a dictionary phrase ("DONALD_J._TRUMP_").
bool IsWordOfPhrase(std::string_view word, std::string_view phrase) {
  while (!phrase.empty()) {
    const std::size_t cut = phrase.find('_');
    if (FoldedEquals(word, phrase.substr(0, cut))) return true;
    if (cut == std::string_view::npos) break;
    phrase.remove_prefix(cut + 1);
  }
  return false;
}

// Whether a word of [from, to) is a word of the dictionary phrase `root`.
bool SharesAWord(const SentenceView& s, std::uint32_t from, std::uint32_t to,
                 std::string_view root) {
  for (std::uint32_t k = from; k < to; ++k)
    if (IsWordOfPhrase(s.W[k], root)) return true;
  return false;
}

// Whether a dictionary phrase has two words or more ("DONALD_TRUMP_", not
// "IDRIS_"): only then does it say which given name its person has.
bool HasGivenName(std::string_view phrase) {
  const std::size_t cut = phrase.find('_');
  return cut != std::string_view::npos && cut + 1 < phrase.size();
}

// "Ivanka Trump", "Hunter Biden", "Dustin Johnson": a dictionary person
// matched by one word (the surname) inside a longer name none of whose other words is
// in the person's primary phrase ("DONALD_TRUMP_") is someone else, and so is a
// person whose primary phrase is the surname alone. Erases that mention (the
// name then stands as a name), as is a lone surname of a person the article
// names in full. A title right before the surname leaves it.
// Returns the first mention ending after b.
std::vector<RawMention>::iterator DropSurnameOfAnotherPerson(const SentenceView& s, std::uint32_t b,
                                                             std::uint32_t e, bool full_name,
                                                             std::vector<RawMention>::iterator at,
                                                             std::vector<RawMention>* raws) {
  const auto first = at - raws->begin();
  for (auto it = at; it != raws->end() && it->begin < e; ++it) {
    // The lone surname of a person the article names in full ("Harris said",
    // after "Lt. Matt Harris"): that person, coded as that mention was.
    if (full_name && !it->agent && !it->root.empty() && !HasGivenName(it->root) && it->begin == b &&
        it->end == e && e == b + 1) {
      raws->erase(it);
      break;
    }
    // "Lon Wood": a person matched by the first word of a longer person's name
    // whose other words are not in its phrase ("LON_NOL_") is someone else.
    if (full_name && !it->agent && !it->root.empty() && it->begin == b && it->end == b + 1 &&
        e > b + 1 && !SharesAWord(s, it->end, e, it->root)) {
      raws->erase(it);
      break;
    }
    if (it->agent || it->root.empty() || it->begin <= b || it->end != it->begin + 1 || it->end > e)
      continue;
    if (it != raws->begin() && std::prev(it)->end == it->begin) continue;  // "President Trump"
    if (!HasGivenName(it->root)) {
      // A leader known by the surname alone ("BLAIR_", "HARRIS_"): a name that
      // writes another word right before it is someone else ("Jonathan P.
      // Blair", "Lt. Matt Harris"), as nothing says which given name the
      // leader has.
      raws->erase(it);
      break;
    }
    if (SharesAWord(s, b, it->begin, it->root)) continue;
    raws->erase(it);
    break;
  }
  return raws->begin() + first;
}

// "the Mississippi Public Service Commission", "the People's Protection
// Units Directorate": a one-word agent inside an organisation's name coded by
// its head word (not the head itself) is a word of the name, not an actor of
// its own ("Public" is no citizen). Erases those mentions when nothing else
// of the dictionary's overlaps [b, e); returns the first mention ending after b.
std::vector<RawMention>::iterator DropAgentWordsInsideOrgName(std::uint32_t b, std::uint32_t e,
                                                              std::vector<RawMention>::iterator at,
                                                              std::vector<RawMention>* raws) {
  auto inside = [&](const RawMention& x) {
    return x.agent && x.end == x.begin + 1 && x.begin >= b && x.end < e;
  };
  auto stop = std::find_if(at, raws->end(), [&](const RawMention& x) { return x.begin >= e; });
  for (auto it = at; it != stop; ++it)
    if (!inside(*it)) return at;
  const auto first = at - raws->begin();
  raws->erase(std::remove_if(at, stop, inside), stop);
  return raws->begin() + first;
}

// "the People's Mujahedin", "the Workers' Party": a capitalised agent word
// (not the sentence's first) and "'s" right before an organisation's name
// found from word `b` are the name's first words, not an actor of their own.
bool OpensWithAgentPossessive(const SentenceView& s, std::uint32_t b,
                              const std::vector<RawMention>& raws) {
  if (b < 3 || (s.W[b - 1] != "'s" && s.W[b - 1] != "'") || s.W[b - 2].empty() ||
      !std::isupper(static_cast<unsigned char>(s.W[b - 2][0])))
    return false;
  for (const RawMention& r : raws)
    if (r.begin == b - 2 && r.end == b - 1 && r.agent) return true;
  return false;
}

// The word where "of <a dictionary actor>" ends the organisation's name
// [b, e) ("the People's Mujahedin | of Iran"), or `e` when it does not.
std::uint32_t CountryTailStart(const SentenceView& s, std::uint32_t b, std::uint32_t e,
                               std::vector<RawMention>::const_iterator at,
                               const std::vector<RawMention>& raws) {
  for (auto it = at; it != raws.end() && it->begin < e; ++it) {
    if (it->end != e || it->agent || it->null_code || it->code.size() != 3) continue;
    std::uint32_t of = it->begin;
    while (of > b + 1 && IsDeterminer(s.W[of - 1])) --of;
    if (of > b + 1 && s.W[of - 1] == "of") return of - 1;
  }
  return e;
}

// "Police arrest Juan Perez": a surname that several leaders shared, with no
// role at the article's date (a null code), says nothing of this person; the
// name stands as a name (it made no actor at all). Erases the one-word
// null-coded mentions inside the person's name [b, e) when nothing else of
// the dictionary's overlaps it; returns the first mention ending after b.
std::vector<RawMention>::iterator DropNullSurname(std::uint32_t b, std::uint32_t e,
                                                  std::vector<RawMention>::iterator at,
                                                  std::vector<RawMention>* raws) {
  auto inside = [&](const RawMention& x) {
    return !x.agent && x.null_code && x.end == x.begin + 1 && x.begin >= b && x.end <= e;
  };
  auto stop = std::find_if(at, raws->end(), [&](const RawMention& x) { return x.begin >= e; });
  if (at == stop) return at;
  for (auto it = at; it != stop; ++it)
    if (!inside(*it)) return at;
  const auto first = at - raws->begin();
  raws->erase(at, stop);
  return raws->begin() + first;
}

// Whether `w` is a noun of a place: "a Palestinian prison", "an Iraqi
// village", "the Somali capital".
bool IsPlaceNoun(std::string_view w) {
  return IsOneOf(
      w, {"city",         "cities",    "town",        "towns",       "village",  "villages",
          "capital",      "province",  "provinces",   "region",      "district", "border",
          "borders",      "territory", "territories", "waters",      "airspace", "soil",
          "port",         "coast",     "island",      "islands",     "prison",   "prisons",
          "jail",         "camp",      "camps",       "countryside", "mainland", "neighbourhood",
          "neighborhood", "suburb",    "governorate", "hometown"});
}

// "in a Palestinian prison", "an Iraqi border village": a bare country word
// before a place noun (at most one noun or adjective between) says where: it
// may be acted on (a prison shelled), never acts.
bool IsPlaceModifier(const SentenceView& s, const Unit& u) {
  if (u.agent_only || u.codes.empty() || u.actor_begin != u.begin || u.actor_end != u.end ||
      u.end >= s.n)
    return false;
  for (const std::string& c : u.codes)
    if (c.size() != 3 || c == kUncodedName) return false;
  const auto lower = [&](std::uint32_t k) {
    return !s.W[k].empty() && std::islower(static_cast<unsigned char>(s.W[k][0]));
  };
  if (lower(u.end) && IsPlaceNoun(s.W[u.end])) return true;
  return u.end + 1 < s.n && lower(u.end) && lower(u.end + 1) && IsPlaceNoun(s.W[u.end + 1]) &&
         (!s.tagged || s.tags[u.end].upos == Upos::kNoun || s.tags[u.end].upos == Upos::kAdj);
}

}  // namespace

void AddNameMentions(const SentenceView& s, std::span<const NameActor> names,
                     std::vector<RawMention>* raws) {
  for (const NameActor& nm : names) {
    if (nm.first_token < s.t0 || nm.end_token > s.t0 + s.n || nm.end_token <= nm.first_token)
      continue;
    std::uint32_t b = nm.first_token - s.t0;
    const std::uint32_t e = nm.end_token - s.t0;
    auto at =
        std::find_if(raws->begin(), raws->end(), [&](const RawMention& x) { return x.end > b; });
    // "the Nigerian Anti-Corruption Bureau": an organisation coded by its head
    // word keeps the dictionary words that open it ("Nigerian") and starts
    // after them, so they compose as a country and its agent (NGAGOV).
    if (!nm.sector.empty() && nm.code.empty()) {
      while (at != raws->end() && at->begin >= b && at->end < e && !at->agent) {
        b = at->end;
        ++at;
      }
    }
    // "the People's Mujahedin of Iran", "the Independent Electoral Commission
    // of Kenya": a country named after "of" at the end is the organisation's
    // own; the head word's sector composes with it (IRNINS, KENGOV).
    std::uint32_t name_end = e;
    if (!nm.sector.empty() && nm.code.empty()) {
      name_end = CountryTailStart(s, b, e, at, *raws);
      if (OpensWithAgentPossessive(s, b, *raws)) {
        b -= 2;
        while (at != raws->begin() && std::prev(at)->end > b) --at;
      }
    }
    if (!nm.sector.empty() && nm.code.empty())
      at = DropAgentWordsInsideOrgName(b, name_end, at, raws);
    if (nm.sector.empty()) {
      at = DropAgentWordsInsideName(b, e, nm.full_name, at, raws);
      at = DropSurnameOfAnotherPerson(s, b, e, nm.full_name, at, raws);
      at = DropNullSurname(b, e, at, raws);
    }
    if (at != raws->end() && at->begin < name_end) continue;  // overlaps a dictionary phrase
    if (!nm.sector.empty() && nm.code.empty()) {
      raws->insert(at, RawMention{b, name_end, true, false, nm.sector, true, "names:head-word"});
      continue;
    }
    RawMention r{b, e, false, false, nm.code, true, "names"};
    r.name = nm.code.empty();  // (a code from an earlier mention: an actor like any)
    raws->insert(at, std::move(r));
  }
}

bool IsHarmVerbForm(std::string_view w) {
  return IsOneOf(w, {"kill", "kills", "killed", "killing", "wound", "wounds", "wounded", "wounding",
                     "injure", "injures", "injured", "injuring"});
}

namespace {

// Words that may stand between a verb and the count of its victims: "killing
// at least 35", "kills more than 20", "injuring another 17".
bool IsCountLead(std::string_view w) {
  return IsOneOf(w, {"at", "least", "more", "than", "some", "about", "around", "nearly", "almost",
                     "over", "up", "to", "another", "a", "further", "roughly", "approximately"});
}

// Whether the number at word `p` stands for people harmed: a count with no
// noun of its own after a verb of harm ("killing at least 35.", "kills six,
// including two soldiers", "killing two and injuring 30"). (As a passive's
// subject, "at least four are killed" often counts a disaster's dead.)
bool IsCountOfVictims(const SentenceView& s, std::uint32_t p) {
  if (!s.tagged || s.tags[p].upos != Upos::kNum) return false;
  const std::uint32_t next = p + 1;
  if (next < s.n && !IsClausePunct(s.W[next]) && s.W[next] != "." &&
      !IsOneOf(s.W[next], {"and", "others", "more", "including", "in", "on", "at", "as"}))
    return false;
  std::uint32_t b = p;
  while (b > 0 && b + 4 > p && IsCountLead(s.W[b - 1])) --b;
  return b > 0 && IsHarmVerbForm(s.W[b - 1]);
}

// A count of victims ("killing at least 35") is people, coded as civilians
// (an agent without a country, given one like "people" would be); inserted
// in word order among `units`.
void AddCountsOfVictims(const SentenceView& s, std::vector<Unit>* units) {
  std::size_t k = 0;
  for (std::uint32_t p = 0; p < s.n; ++p) {
    while (k < units->size() && (*units)[k].end <= p) ++k;
    if (k < units->size() && (*units)[k].begin <= p) continue;
    if (!IsCountOfVictims(s, p)) continue;
    Unit u;
    u.begin = p;
    u.end = p + 1;
    if (p + 1 < s.n && IsOneOf(s.W[p + 1], {"others", "more"})) u.end = p + 2;
    u.codes = {"CVL"};
    u.agents = {{"CVL", true}};
    u.agent_only = true;
    u.rule = "count of victims";
    u.victim_count = true;
    units->insert(units->begin() + static_cast<std::ptrdiff_t>(k), std::move(u));
    p = (*units)[k].end - 1;
  }
}

// "Al-Qaeda in Iraq militants", "ISIL in Syria": a transnational armed
// movement (an IMG code with an armed sector) named with "in <country>" is
// its branch there, an armed group of that country (IRQINS). Not "the
// Islamic State in Iraq and the Levant", the movement's own name. Returns
// the first mention after the country (`r` when no branch).
std::size_t JoinBranchCountry(const SentenceView& s, std::span<const RawMention> raws,
                              std::size_t r, Unit* u) {
  if (r >= raws.size() || u->codes.size() != 1 || !u->codes[0].starts_with("IMG") ||
      !HasArmedSector(u->codes[0]) || u->agent_only || u->end + 1 != raws[r].begin ||
      !IsOneOf(s.W[u->end], {"in"}) || raws[r].agent || raws[r].null_code ||
      raws[r].code.size() != 3 || raws[r].code == "IMG")
    return r;
  Unit country;
  const std::size_t next = ComposeUnit(s, raws, r, &country);
  if (country.end < s.n && IsOneOf(s.W[country.end], {"and"})) return r;
  // Only as a name: with its own agent ("in Iraq militants") or as the
  // subject (opening the sentence, or before a verb); "air strikes against
  // Islamic State in Somalia" says where the strikes were.
  const bool own_agent = country.end > raws[r].end;
  const bool opens = u->begin == 0 || (u->begin == 1 && IsDeterminer(s.W[0]));
  const bool subject =
      opens ||
      (s.tagged && country.end < s.n &&
       (s.tags[country.end].upos == Upos::kVerb || s.tags[country.end].upos == Upos::kAux));
  if (!own_agent && !subject) return r;
  u->codes = {std::string(raws[r].code) + "INS"};
  u->end = country.end;
  return next;
}

}  // namespace

void ComposeUnits(const SentenceView& s, std::span<const RawMention> raws) {
  auto& units = s.sc.units;
  units.clear();
  for (std::size_t r = 0; r < raws.size();) {
    Unit u;
    r = ComposeUnit(s, raws, r, &u);
    r = JoinBranchCountry(s, raws, r, &u);
    u.place_word = IsPlaceModifier(s, u);
    if (u.codes.size() == 1 && u.codes[0] == kUncodedName) r = CodeByApposition(s, raws, r, &u);
    // "Ugandan presidential candidate Kizza Besigye", "Lord's Resistance Army
    // leader Joseph Kony": a name right after a unit, or after more title words
    // ("Minister of State for Primary Care Róisín Shortall"), is who it names.
    if (r < raws.size() && raws[r].name && !u.codes.empty() && !u.codes[0].empty() &&
        TitleGap(s, u.end, raws[r].begin)) {
      u.end = raws[r].end;
      ++r;
    }
    // (The title ends in an agent word: not "President Abu Mazen, Zubaidi".)
    const bool titled_name = r > 0 && r < raws.size() && raws[r - 1].agent &&
                             raws[r - 1].end == u.end && IsTitleBeforeName(s, u, raws[r]);
    units.push_back(std::move(u));
    if (titled_name) {
      // "a white police officer, Betty Jo Shelby," -> the name is that officer.
      const Unit& title = units.back();
      Unit name;
      name.begin = raws[r].begin;
      name.end = raws[r].end;
      name.codes = title.codes;
      name.agents = title.agents;
      name.agent_only = title.agent_only;
      name.rule = "apposition:" + title.rule;
      units.push_back(std::move(name));
      ++r;
    }
  }
  AddCountsOfVictims(s, &units);
}

namespace {

// Whether word `k` is a country adjective ("Russian", "Iraqi"), not the
// country's name.
bool IsCountryAdjective(const SentenceView& s, std::uint32_t k) {
  const std::string_view w = s.W[k];
  if (s.tagged && s.tags[k].upos == Upos::kAdj) return true;
  for (std::string_view end : {"ian", "ese", "ish", "ean", "can", "ani", "eli", "aqi"})
    if (w.size() > end.size() + 2 && w.ends_with(end)) return true;
  return false;
}

// "the Russian and Syrian defense ministries": country adjectives joined by
// "and" share the head of the last one (RUSMIL and SYRMIL, not RUS alone).
void ShareCoordinatedHead(const SentenceView& s, Unit* first, const Unit& second) {
  if (first->agent_only || first->actor_begin != first->begin || first->actor_end != first->end ||
      first->codes.empty() || first->end + 1 != second.begin || !IsOneOf(s.W[first->end], {"and"}))
    return;
  if (second.agent_only || second.actor_begin != second.begin || second.actor_end >= second.end ||
      second.actor_code.size() != 3 || second.codes.size() != 1 ||
      !second.codes[0].starts_with(second.actor_code) || second.codes[0].size() <= 3)
    return;
  for (const std::string& c : first->codes)
    if (c.size() != 3 || c == kUncodedName) return;
  if (!IsCountryAdjective(s, first->end - 1) || !IsCountryAdjective(s, second.actor_begin)) return;
  if (second.actor_end != second.actor_begin + 1) return;
  const std::string head = second.codes[0].substr(3);
  for (std::string& c : first->codes) c += head;
}

}  // namespace

void JoinCompounds(const SentenceView& s) {
  const auto& W = s.W;
  auto& units = s.sc.units;
  s.sc.is_group_join.assign(s.n, 0);
  std::vector<std::uint8_t> group_has_and(units.size(), 0);
  for (std::size_t k = 0; k < units.size(); ++k) {
    units[k].group = static_cast<std::uint32_t>(k);
    if (k == 0 || units[k].codes.empty() || units[k - 1].codes.empty()) continue;
    ShareCoordinatedHead(s, &units[k - 1], units[k]);
    // "Danish media and government": the second agent shares the actor.
    if (units[k].agent_only && !units[k - 1].agent_only && !units[k - 1].actor_code.empty() &&
        units[k - 1].actor_end > units[k - 1].actor_begin &&
        units[k - 1].actor_end < units[k - 1].end && JoinBetween(s, k)) {
      GiveActor(units[k - 1].actor_code, &units[k]);
    }
    // An actor and an agent may form one compound ("Mali's government and
    // Tuareg rebels"), unless the agent heads a "lawmakers in A and B" phrase.
    if (units[k].agent_only != units[k - 1].agent_only && k + 1 < units.size() &&
        units[k].agent_only && LinkingGap(s, units[k].end, units[k + 1].begin))
      continue;
    int join = JoinBetween(s, k);
    // A comma alone joins only inside a list that ends with "and": "A, B and C".
    if (join == 1 && W[units[k - 1].end] == ",") {
      join = 0;
      for (std::size_t m = k + 1; m < units.size(); ++m) {
        int j = JoinBetween(s, m);
        if (j == 1 && W[units[m - 1].end] == ",") continue;
        if (j) join = 1;
        break;
      }
    }
    // A list has one "and" ("A, B and C"): "A and B, and C and D" is two pairs.
    bool with_and = false;
    for (std::uint32_t p = units[k - 1].end; p < units[k].begin; ++p)
      with_and |= IsOneOf(W[p], {"and", "or"});
    if (join && with_and && group_has_and[units[k - 1].group]) join = 0;
    if (join) {
      if (with_and) group_has_and[units[k - 1].group] = 1;
      units[k].group = units[k - 1].group;
      for (std::uint32_t p = units[k - 1].end; p < units[k].begin; ++p) s.sc.is_group_join[p] = 1;
    }
  }
}

// Agents of a compound of actors: "lawmakers (and officials) in Fornost and
// Gondor" -> FORLEG, GONLEG (and FORGOV, GONGOV).
void DistributeCompoundAgents(const SentenceView& s) {
  auto& units = s.sc.units;
  for (std::size_t k = 1; k < units.size(); ++k) {
    if (units[k].agent_only || units[k].codes.empty() || !units[k - 1].agent_only) continue;
    if (!LinkingGap(s, units[k - 1].end, units[k].begin)) continue;
    std::uint32_t agent_group = units[k - 1].group;
    std::size_t first_agent = k - 1;
    while (first_agent > 0 && units[first_agent - 1].group == agent_group) --first_agent;
    std::size_t last = k;
    while (last + 1 < units.size() && units[last + 1].group == units[k].group) ++last;
    for (std::size_t m = k; m <= last; ++m) {
      std::vector<std::string> composed;
      for (std::size_t g = first_agent; g < k; ++g) {
        for (const std::string& c : units[m].codes) {
          std::string x = c;
          for (const auto& [a, suffix] : units[g].agents) x = ComposeCode(x, a, suffix);
          composed.push_back(std::move(x));
        }
      }
      units[m].codes = std::move(composed);
    }
    units[k].begin = units[first_agent].begin;
    units.erase(units.begin() + static_cast<std::ptrdiff_t>(first_agent),
                units.begin() + static_cast<std::ptrdiff_t>(k));
    for (std::size_t m = 0; m < units.size(); ++m) {
      if (units[m].group >= first_agent)
        units[m].group = units[m].group >= k
                             ? units[m].group - static_cast<std::uint32_t>(k - first_agent)
                             : static_cast<std::uint32_t>(first_agent);
    }
    k = first_agent;
  }
}

// "its army", "their police": the agent belongs to the nearest actor before
// it in the sentence ("Azerbaijan denied that its army ..." -> AZEMIL).
void GiveOwnedAgents(const SentenceView& s) {
  auto& units = s.sc.units;
  for (std::size_t k = 1; k < units.size(); ++k) {
    Unit& u = units[k];
    if (!u.agent_only || u.begin == 0 || !IsOneOf(s.W[u.begin - 1], {"its", "their", "his", "her"}))
      continue;
    for (std::size_t j = k; j-- > 0;) {
      const Unit& owner = units[j];
      if (owner.agent_only || owner.codes.empty() || owner.actor_end <= owner.actor_begin ||
          owner.actor_code.empty())
        continue;
      GiveActor(owner.actor_code, &u);
      break;
    }
  }
}

// "the government", "opposition activists", "criminal gangs": an agent with
// no country belongs to the country the sentence is about, when its
// country-coded actors all share one country.
void GiveDomesticAgents(const SentenceView& s) {
  auto& units = s.sc.units;
  std::string country;
  bool one_country = true;
  for (const Unit& x : units) {
    if (x.agent_only) continue;
    for (const std::string& c : x.codes) {
      // (A person known only by a role, "Webb, the suspect" later "Webb"
      // (CRM), has no country to give: "Officers arrested Webb" was CRMCOP.)
      if (c.size() < 3 || c == kUncodedName || c.compare(0, 3, "IGO") == 0 ||
          c.compare(0, 3, "NGO") == 0 || IsSectorCode(std::string_view(c).substr(0, 3)))
        continue;
      // ("The minister told Reuters", "officials told AFP": a news
      // organisation's country is where it is based, not the sentence's.)
      if (c.size() == 6 && c.compare(3, 3, "MED") == 0) continue;
      std::string cc = c.substr(0, 3);
      if (country.empty())
        country = cc;
      else if (cc != country)
        one_country = false;
    }
  }
  if (country.empty() || !one_country) return;
  for (Unit& u : units) {
    if (!u.agent_only || u.agents.empty()) continue;
    bool domestic = true;
    // Migrants, refugees and companies are as often from elsewhere.
    for (const auto& [a, suffix] : u.agents) domestic &= suffix && a != "REF" && a != "BUS";
    if (!domestic) continue;
    std::string c = country;
    for (const auto& [a, suffix] : u.agents) c = ComposeCode(c, a, suffix);
    u.codes = {std::move(c)};
    u.agent_only = false;
  }
}

namespace {

// "Hundreds of Israeli soldiers", "a group of army reservists", "two of
// the gunmen": the "of" at word `p` follows a quantity, so the actor after it
// is what the phrase names, not the object of a preposition.
bool OfAQuantity(const SentenceView& s, std::uint32_t p) {
  if (p == 0 || s.W[p] != "of") return false;
  const std::string_view q = s.W[p - 1];
  if (s.tagged && s.tags[p - 1].upos == Upos::kNum) return true;
  return IsOneOf(
      q, {"hundreds", "thousands", "dozens", "tens",  "millions", "scores", "group", "groups",
          "band",     "number",    "some",   "many",  "several",  "most",   "all",   "few",
          "both",     "one",       "two",    "three", "four",     "five",   "none",  "each"});
}

}  // namespace

void IndexUnits(const SentenceView& s) {
  const auto& W = s.W;
  auto& units = s.sc.units;
  for (Unit& u : units) {
    u.code.clear();
    for (const std::string& c : u.codes) {
      if (!u.code.empty()) u.code += '/';
      u.code += c;
    }
  }
  s.sc.unit_at.assign(s.n, kNoUnit);
  for (std::size_t k = 0; k < units.size(); ++k) {
    for (std::uint32_t p = units[k].begin; p < units[k].end; ++p)
      s.sc.unit_at[p] = static_cast<std::int32_t>(k);
    // "with Gondor", "in south Ithilen", "to the affected villages", "in
    // northeast Moscow" (a compass word the tagger may read as a noun).
    std::uint32_t b = units[k].begin;
    for (int skipped = 0;
         b > 0 && skipped < 3 && s.sc.unit_at[b - 1] == kNoUnit &&
         (IsDeterminer(W[b - 1]) || IsCompassWord(s.sc.dict_words[b - 1].text) ||
          (s.tagged && (s.tags[b - 1].upos == Upos::kAdj || s.tags[b - 1].upos == Upos::kNum)));
         ++skipped)
      --b;
    units[k].after_preposition =
        (b > 0 && IsPreposition(W[b - 1]) && !OfAQuantity(s, b - 1)) || IsLocativeUnit(units[k], W);
  }
}

void ReportActors(const SentenceView& s, SentenceCoding* out) {
  for (const Unit& u : s.sc.units) {
    ActorMentionOut m;
    m.first_token = s.t0 + u.begin;
    m.end_token = s.t0 + u.end;
    m.code = u.code;
    m.rule = u.rule;
    m.is_agent_only = u.agent_only;
    m.time_bounded = u.time_bounded && u.actor_begin == u.begin && u.actor_end == u.end;
    out->actors.push_back(std::move(m));
    if (u.actor_end > u.actor_begin && (u.actor_begin != u.begin || u.actor_end != u.end)) {
      ActorMentionOut a;
      a.first_token = s.t0 + u.actor_begin;
      a.end_token = s.t0 + u.actor_end;
      a.code = u.actor_code;
      a.rule = u.rule;
      a.time_bounded = u.time_bounded;
      out->actors.push_back(std::move(a));
    }
  }
}

void TraceActors(const SentenceView& s, SentenceCoding* out) {
  const auto& W = s.W;
  for (const Unit& u : s.sc.units) {
    std::string& t = out->trace;
    t += "actor";
    for (std::uint32_t p = u.begin; p < u.end; ++p) Append(&t, {" ", W[p]});
    Append(&t, {" = ", u.code.empty() ? std::string_view("(null)") : std::string_view(u.code),
                " group ", std::to_string(u.group), u.after_preposition ? " after-prep" : "", " [",
                u.rule, "]\n"});
  }
  if (s.tagged) {
    out->trace += "tags:";
    for (std::uint32_t i = 0; i < s.n; ++i)
      Append(&out->trace, {" ", W[i], "/", UposName(s.tags[i].upos)});
    out->trace += "\n";
  }
}

}  // namespace dyad::coder
