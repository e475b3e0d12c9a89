#include "pipeline/name_references.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <utility>

namespace dyad {

bool EqualsLower(std::string_view w, std::string_view lower) {
  if (w.size() != lower.size()) return false;
  for (std::size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

namespace {

// Sentences back a "he" or "she" may reach for its person.
constexpr std::uint32_t kPronounReach = 2;

struct HeadWord {
  std::string_view word;  // lower case
  std::string_view sector;
};

// Head words of organisation names and their CAMEO sectors (the agents
// dictionary's codes). Words that as often head a name of any kind ("Group",
// "Institute", "Party", "Front", "Force": "Financial Action Task Force",
// "College": "College of Cardinals", "Council": "National Pork Producers
// Council", "Trades and Labour Council") are left out.
constexpr HeadWord kHeadWords[] = {
    {"ministry", "GOV"},    {"government", "GOV"},
    {"cabinet", "GOV"},     {"bureau", "GOV"},
    {"agency", "GOV"},      {"department", "GOV"},
    {"directorate", "GOV"}, {"commission", "GOV"},
    {"authority", "GOV"},   {"administration", "GOV"},
    {"court", "JUD"},       {"tribunal", "JUD"},
    {"prosecutor", "JUD"},  {"prosecutors", "JUD"},
    {"judiciary", "JUD"},   {"police", "COP"},
    {"gendarmerie", "COP"}, {"constabulary", "COP"},
    {"army", "MIL"},        {"forces", "MIL"},
    {"navy", "MIL"},        {"brigade", "MIL"},
    {"corps", "MIL"},       {"university", "EDU"},
    {"school", "EDU"},      {"bank", "BUS"},
    {"corp", "BUS"},        {"corp.", "BUS"},
    {"corporation", "BUS"}, {"inc", "BUS"},
    {"inc.", "BUS"},        {"company", "BUS"},
    {"co.", "BUS"},         {"ltd", "BUS"},
    {"ltd.", "BUS"},        {"plc", "BUS"},
    {"llc", "BUS"},         {"airlines", "BUS"},
    {"airways", "BUS"},     {"holdings", "BUS"},
    {"church", "REL"},      {"diocese", "REL"},
    {"union", "LAB"},       {"office", "GOV"},
};

bool IsLabourWord(std::string_view w) {
  for (std::string_view x : {"workers", "workers'", "trade", "trades", "labour", "labor",
                             "teachers", "miners", "employees", "journalists", "doctors", "nurses"})
    if (EqualsLower(w, x)) return true;
  return false;
}

// Whether `w` starts with one of `prefixes`, ignoring ASCII case.
bool StartsWithLower(std::string_view w, std::initializer_list<std::string_view> prefixes) {
  for (std::string_view p : prefixes)
    if (w.size() > p.size() && EqualsLower(w.substr(0, p.size()), p)) return true;
  return false;
}

// "Ansar al-Sunna", "Jaish al-Adl", "Lashkar-e-Taiba", "Kataib Hezbollah",
// "Tehrik-i-Taliban", "the People's Mujahedin": the Arabic and Urdu words
// that name armed movements ("supporters of", "army of", "front of",
// "battalions of", "holy warriors"), written as the opening word of a phrase
// ("Ansar al-", "Lashkar-e-") or anywhere as "Mujahedin". A person's name
// ("Ansar Burney") has no article or linking vowel after the word.
bool NamesArmedMovement(std::span<const std::string_view> words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view w = words[i];
    for (std::string_view m : {"mujahedin", "mujahideen", "mujahidin", "mujahedeen"})
      if (EqualsLower(w, m)) return true;
    for (std::string_view m : {"ansar", "jaish", "jaysh", "jabhat", "lashkar", "tehrik", "tehreek",
                               "harakat", "liwa", "saraya", "jund"}) {
      if (w.size() < m.size() || !EqualsLower(w.substr(0, m.size()), m)) continue;
      // What follows the word: the rest of "Lashkar-e-Taiba", or the next word.
      std::string_view next = w.substr(m.size());
      if (next.empty() && i + 1 < words.size()) {
        next = words[i + 1];
      } else if (!next.empty() && next[0] == '-') {
        next.remove_prefix(1);
      } else {
        continue;  // a longer word ("Ansari") or the name's last word
      }
      if (StartsWithLower(next, {"al-", "el-", "ul-", "ud-", "e-", "i-", "ut-"}) ||
          EqualsLower(next, "al") || EqualsLower(next, "allah"))
        return true;
    }
  }
  return false;
}

// An armed group's code: its first sector is INS, REB, SEP or UAF ("MLIINS",
// "INS"); not a compound ("A/B").
bool IsArmedGroupCode(std::string_view code) {
  if (code.find('/') != std::string_view::npos) return false;
  for (std::size_t at : {std::size_t{0}, std::size_t{3}}) {
    if (code.size() < at + 3) break;
    const std::string_view sector = code.substr(at, 3);
    if (sector == "INS" || sector == "REB" || sector == "SEP" || sector == "UAF") return true;
  }
  return false;
}

// "jihadist", "militant", "terror": a lower-case adjective or noun before a
// head noun ("the jihadist group"), not the head word "group" itself.
bool IsLowerCaseModifier(std::string_view w, Upos tag) {
  if (w.empty() || w == "group" || (tag != Upos::kAdj && tag != Upos::kNoun)) return false;
  for (char c : w)
    if (!(c >= 'a' && c <= 'z') && c != '-') return false;
  return true;
}

bool IsPersonalPronoun(std::string_view w) {
  return w == "he" || w == "He" || w == "she" || w == "She";
}

// Sentences from which an article names each person in full at least once.
constexpr std::size_t kArticleSentences = 3;

// Whether `w` is written somewhere in `doc` right after a capitalised word
// that does not open its sentence: a title or a given name ("Prince Andrew",
// "singer Ally Brooke", "Chairman Paul Volcker", even where a line break
// split the sentence before "Volcker").
bool AfterACapitalisedWord(const Document& doc, std::string_view w) {
  std::size_t si = 0;  // the sentence of token t - 1
  for (std::uint32_t t = 1; t < doc.tokens.size(); ++t) {
    while (si + 1 < doc.sentences.size() && doc.sentences[si + 1].first_token <= t - 1) ++si;
    if (doc.TokenText(doc.tokens[t]) != w) continue;
    if (si < doc.sentences.size() && doc.sentences[si].first_token == t - 1) continue;
    const std::string_view prev = doc.TokenText(doc.tokens[t - 1]);
    if (!prev.empty() && std::isupper(static_cast<unsigned char>(prev[0]))) return true;
  }
  return false;
}

// "Nissan", "Sentra", "Audi", "Costco": in an article (several sentences) a
// person is named in full at least once, so a name of one word never written
// as a word of a longer person's name ("Carlineo" of "Patrick W. Carlineo
// Jr.", "Mike" of "Mike Ford") nor after a title is a company, a product or a
// team the name finder took for a person, not an actor. (One sentence, a
// headline or a bullet, says too little: "Assange" stands alone there.)
bool IsPersonInArticle(const Document& doc, const std::vector<NameMention>& mentions,
                       const NameMention& one) {
  if (one.end_token != one.first_token + 1 || doc.sentences.size() < kArticleSentences) return true;
  const std::string_view w = doc.TokenText(doc.tokens[one.first_token]);
  for (const NameMention& m : mentions) {
    if (m.type != EntityType::kPerson || m.end_token < m.first_token + 2 ||
        m.end_token > doc.tokens.size())
      continue;
    for (std::uint32_t t = m.first_token; t < m.end_token; ++t)
      if (doc.TokenText(doc.tokens[t]) == w) return true;
  }
  return AfterACapitalisedWord(doc, w);
}

}  // namespace

std::string_view OrgSector(std::span<const std::string_view> words) {
  std::size_t head = words.size();
  for (std::size_t i = 1; i + 1 < words.size(); ++i) {
    if (EqualsLower(words[i], "of")) {
      head = i;
      break;
    }
  }
  if (head == 0) return {};
  std::string_view w = words[head - 1];
  // "Prosecutor's office", "the Army's": the possessive is not the head.
  for (const HeadWord& h : kHeadWords) {
    if (!EqualsLower(w, h.word)) continue;
    // "International Whaling Commission", "International Maritime Bureau":
    // an international body is no country's government.
    if (h.sector == "GOV") {
      for (std::size_t i = 0; i + 1 < head; ++i)
        if (EqualsLower(words[i], "international")) return {};
    }
    if (h.sector == "LAB") {
      bool labour = false;
      for (std::size_t i = 0; i + 1 < head; ++i) labour |= IsLabourWord(words[i]);
      if (!labour) return {};
    }
    return h.sector;
  }
  return {};
}

void NameReferences::Reset(const Document& doc, const std::vector<NameMention>& mentions) {
  persons_.clear();
  entity_codes_.clear();
  last_person_code_.clear();
  last_group_code_.clear();
  last_group_alone_ = false;
  last_subject_ = {};
  titled_.clear();
  std::vector<std::string_view> words;
  full_name_.clear();
  for (const NameMention& m : mentions) {
    if (m.type != EntityType::kPerson) continue;
    if (m.entity >= full_name_.size()) full_name_.resize(m.entity + 1, false);
    if (m.end_token >= m.first_token + 2) full_name_[m.entity] = true;
  }
  // (Each one-word name is judged once: its mentions share the answer.)
  std::vector<std::pair<std::string_view, bool>> judged;
  auto person_in_article = [&](const NameMention& m) {
    const std::string_view w = doc.TokenText(doc.tokens[m.first_token]);
    for (const auto& [word, verdict] : judged)
      if (word == w) return verdict;
    judged.emplace_back(w, IsPersonInArticle(doc, mentions, m));
    return judged.back().second;
  };
  for (const NameMention& m : mentions) {
    if (m.end_token > doc.tokens.size()) continue;
    words.clear();
    for (std::uint32_t t = m.first_token; t < m.end_token; ++t)
      words.push_back(doc.TokenText(doc.tokens[t]));
    // (The name finder may call an armed movement a person: "Ansar al-Sunna".)
    if (m.type != EntityType::kPlace && NamesArmedMovement(words)) {
      persons_.push_back({m.first_token, m.end_token, m.entity, {}, std::string("INS")});
    } else if (m.type == EntityType::kPerson) {
      if (!full_name_[m.entity] && m.end_token == m.first_token + 1 && !person_in_article(m))
        continue;
      persons_.push_back({m.first_token, m.end_token, m.entity, {}, {}, full_name_[m.entity]});
    } else if (m.type == EntityType::kOrg) {
      std::string_view sector = OrgSector(words);
      if (!sector.empty())
        persons_.push_back({m.first_token, m.end_token, m.entity, {}, std::string(sector)});
    }
  }
}

std::span<const NameActor> NameReferences::ForSentence(const Document& doc, const Sentence& sent,
                                                       std::uint32_t sentence_index,
                                                       std::span<const PosTag> sentence_tags) {
  sentence_ = sentence_index;
  const std::uint32_t end = sent.first_token + sent.token_count;
  auto before = [](const NameActor& m, std::uint32_t t) { return m.first_token < t; };
  first_ = static_cast<std::size_t>(
      std::lower_bound(persons_.begin(), persons_.end(), sent.first_token, before) -
      persons_.begin());
  last_ = static_cast<std::size_t>(
      std::lower_bound(persons_.begin() + first_, persons_.end(), end, before) - persons_.begin());
  current_.clear();
  for (std::size_t i = first_; i < last_; ++i) {
    NameActor m = persons_[i];
    if (m.sector.empty() && m.entity < entity_codes_.size()) m.code = entity_codes_[m.entity];
    current_.push_back(std::move(m));
  }
  AddGroupReference(doc, sent, sentence_index, sentence_tags);
  AddSubjectPronouns(doc, sent, sentence_index, sentence_tags);
  doc_ = &doc;
  sent_ = &sent;
  sentence_tags_ = sentence_tags;
  const bool reachable =
      !last_person_code_.empty() && sentence_index - last_person_sentence_ <= kPronounReach;
  // Only a pronoun before any noun of its sentence: after one ("Salemu said he
  // would ...") the sentence has its own antecedent.
  for (std::uint32_t i = 0; reachable && i < sent.token_count && i < sentence_tags.size(); ++i) {
    if (sentence_tags[i].upos == Upos::kNoun || sentence_tags[i].upos == Upos::kPropn) break;
    if (sentence_tags[i].upos != Upos::kPron) continue;
    if (!IsPersonalPronoun(doc.TokenText(doc.tokens[sent.first_token + i]))) continue;
    const std::uint32_t t = sent.first_token + i;
    current_.push_back({t, t + 1, 0, last_person_code_, {}});
  }
  return current_;
}

void NameReferences::AddGroupReference(const Document& doc, const Sentence& sent,
                                       std::uint32_t sentence_index,
                                       std::span<const PosTag> sentence_tags) {
  // (Only from the sentence before: further back "the group" is as often
  // one no dictionary codes, "the hacking group Anonymous".)
  if (last_group_code_.empty() || sentence_index - last_group_sentence_ > 1) return;
  // "The group" or "the jihadist group" (at most two lower-case modifiers) as
  // the sentence's first noun: "..., the group said" has a noun of its own
  // before it, and "the hacking group Anonymous" names its own group.
  for (std::uint32_t i = 0; i + 1 < sent.token_count && i + 1 < sentence_tags.size(); ++i) {
    const Upos tag = sentence_tags[i].upos;
    if (tag == Upos::kNoun || tag == Upos::kPropn) return;
    if (tag != Upos::kDet || !EqualsLower(doc.TokenText(doc.tokens[sent.first_token + i]), "the"))
      continue;
    std::uint32_t g = i + 1;
    while (
        g < i + 3 && g + 1 < sent.token_count && g < sentence_tags.size() &&
        IsLowerCaseModifier(doc.TokenText(doc.tokens[sent.first_token + g]), sentence_tags[g].upos))
      ++g;
    const std::uint32_t t = sent.first_token + g;
    if (doc.TokenText(doc.tokens[t]) != "group") return;
    if (g + 1 < sent.token_count && g + 1 < sentence_tags.size() &&
        sentence_tags[g + 1].upos == Upos::kPropn)
      return;
    current_.push_back({t, t + 1, 0, last_group_code_, {}});
    return;
  }
}

bool NameReferences::ResolveArmedDescription(CodedActor* a) const {
  // (A named group: a country or an international code before its sector,
  // not "INS" alone nor unidentified gunmen, UAF.)
  const std::string& g = last_group_code_;
  if (g.size() < 6 || g.find("UAF") != std::string::npos || IsArmedGroupCode(g.substr(0, 3)))
    return false;
  if (!last_group_alone_ || sentence_ != last_group_sentence_ + 1 || !IsArmedGroupCode(a->code) ||
      a->code == last_group_code_ || a->end_token != a->first_token + 1 || !doc_ || !sent_ ||
      a->first_token <= sent_->first_token)
    return false;
  const std::string_view w = doc_->TokenText(doc_->tokens[a->first_token]);
  if (!EqualsLower(doc_->TokenText(doc_->tokens[a->first_token - 1]), "the")) return false;
  for (std::string_view noun : {"militants", "insurgents", "jihadists", "rebels", "extremists",
                                "fighters", "terrorists", "guerrillas", "separatists"}) {
    if (!EqualsLower(w, noun)) continue;
    a->code = last_group_code_;
    return true;
  }
  return false;
}

void NameReferences::Remember(const SentenceCoding& coding) {
  RememberSubject(coding);
  RememberTitled(coding);
  // The sentence's first armed group, most often its subject ("ISIL claims
  // ... Iraqi soldiers. The group also claims").
  bool first_group = true;
  for (const ActorMentionOut& a : coding.actors) {
    if (!IsArmedGroupCode(a.code)) continue;
    if (!first_group) {
      last_group_alone_ = last_group_alone_ && a.code == last_group_code_;
      continue;
    }
    last_group_code_ = a.code;
    last_group_sentence_ = sentence_;
    last_group_alone_ = true;
    first_group = false;
  }
  // A later "he" or "she" takes the sentence's first coded person, most often
  // its subject ("Macron met Scholz in Paris. He later criticised Russia").
  bool person_remembered = false;
  for (std::size_t i = first_; i < last_; ++i) {
    const NameActor& m = persons_[i];
    if (!m.sector.empty()) continue;  // (an organisation: coded by its head word each time)
    if (m.entity >= entity_codes_.size()) entity_codes_.resize(m.entity + 1);
    std::string& code = entity_codes_[m.entity];
    if (code.empty()) {
      for (const ActorMentionOut& a : coding.actors) {
        if (a.first_token <= m.first_token && m.end_token <= a.end_token && !a.code.empty() &&
            a.code != kUncodedName && a.code.find('/') == std::string::npos) {
          code = a.code;
          break;
        }
      }
    }
    if (!code.empty() && !person_remembered) {
      last_person_code_ = code;
      last_person_sentence_ = sentence_;
      person_remembered = true;
    }
  }
}

}  // namespace dyad
