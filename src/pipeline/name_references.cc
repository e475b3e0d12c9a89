#include "pipeline/name_references.h"

#include <algorithm>

namespace dyad {
namespace {

// Sentences back a "he" or "she" may reach for its person.
constexpr std::uint32_t kPronounReach = 2;

bool IsPersonalPronoun(std::string_view w) {
  return w == "he" || w == "He" || w == "she" || w == "She";
}

}  // namespace

void NameReferences::Reset(const std::vector<NameMention>& mentions) {
  persons_.clear();
  entity_codes_.clear();
  last_person_code_.clear();
  for (const NameMention& m : mentions)
    if (m.type == EntityType::kPerson)
      persons_.push_back({m.first_token, m.end_token, m.entity, {}});
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
    if (m.entity < entity_codes_.size()) m.code = entity_codes_[m.entity];
    current_.push_back(std::move(m));
  }
  const bool reachable =
      !last_person_code_.empty() && sentence_index - last_person_sentence_ <= kPronounReach;
  // Only a pronoun before any noun of its sentence: after one ("Salemu said he
  // would ...") the sentence has its own antecedent.
  for (std::uint32_t i = 0; reachable && i < sent.token_count && i < sentence_tags.size(); ++i) {
    if (sentence_tags[i].upos == Upos::kNoun || sentence_tags[i].upos == Upos::kPropn) break;
    if (sentence_tags[i].upos != Upos::kPron) continue;
    if (!IsPersonalPronoun(doc.TokenText(doc.tokens[sent.first_token + i]))) continue;
    const std::uint32_t t = sent.first_token + i;
    current_.push_back({t, t + 1, 0, last_person_code_});
  }
  return current_;
}

void NameReferences::Remember(const SentenceCoding& coding) {
  for (std::size_t i = first_; i < last_; ++i) {
    const NameActor& m = persons_[i];
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
    if (!code.empty()) {
      last_person_code_ = code;
      last_person_sentence_ = sentence_;
    }
  }
}

}  // namespace dyad
