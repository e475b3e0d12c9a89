// "They" and "it" across sentences: a pronoun opening a sentence before an
// event verb stands for the subject of the sentence before when that subject
// is a group, an organisation or a country of the same number ("Iraqi forces
// retook the town on Monday. They also seized ..." -> IRQMIL; "The Islamic
// State claimed the attack. It said ..."). A person is "he" or "she"
// (name_references.cc); a wrong actor is worse than none, so anything less
// clear (a passive, "it is", a subject after a preposition) is left alone.
#include <algorithm>

#include "pipeline/name_references.h"

namespace dyad {
namespace {

bool IsOneOf(std::string_view w, std::initializer_list<std::string_view> set) {
  return std::find(set.begin(), set.end(), w) != set.end();
}

// Forms of "be": "they were killed", "it is", "it has been" (passive or copula).
bool IsBeForm(std::string_view lower) {
  return IsOneOf(lower, {"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am"});
}

// Auxiliaries that may stand between the pronoun and its verb ("they have
// seized", "it will send", "they did not").
bool IsAuxiliary(std::string_view lower) {
  return IsOneOf(lower, {"has", "have", "had", "will", "would", "could", "can", "may", "might",
                         "should", "must", "did", "does", "do", "'ll", "'d", "'ve", "not", "n't"});
}

// Verbs of saying, thinking and expecting: their event is the clause they
// report ("It said the DC-10 is scheduled ...", "They said the CAC was
// investigating ..."), whose actors are the clause's own.
bool IsReportingVerb(std::string_view lower) {
  for (std::string_view stem :
       {"say",     "said",      "add",     "tell",     "told",    "report",     "announc",
        "state",   "note",      "estimat", "expect",   "believ",  "think",      "thought",
        "hope",    "anticipat", "predict", "forecast", "feel",    "felt",       "know",
        "knew",    "see",       "saw",     "disclos",  "explain", "indicat",    "confirm",
        "project", "yield",     "describ", "reveal",   "learn",   "understand", "understood",
        "assum",   "recall",    "insist",  "argu",     "suggest", "find",       "found",
        "conclud"})
    if (lower.starts_with(stem)) return true;
  return false;
}

// Whether the pronoun at sentence word `i` is the subject of a verb in the
// active voice (only adverbs and auxiliaries other than "be" before the verb)
// that is no verb of saying.
bool OpensActiveVerb(const Document& doc, const Sentence& sent, std::span<const PosTag> tags,
                     std::uint32_t i) {
  for (std::uint32_t j = i + 1; j < sent.token_count && j < tags.size() && j <= i + 4; ++j) {
    const std::string w = LowerAscii(doc.TokenText(doc.tokens[sent.first_token + j]));
    if (IsBeForm(w)) return false;
    if (tags[j].upos == Upos::kVerb) return !IsReportingVerb(w);
    if (tags[j].upos == Upos::kAdv || IsAuxiliary(w)) continue;
    return false;
  }
  return false;
}

// Head words of an organisation a lower-case "it" may stand for.
bool IsOrganisationWord(std::string_view lower) {
  return IsOneOf(lower, {"group",      "government", "ministry",       "army",         "military",
                         "company",    "coalition",  "organisation",   "organization", "council",
                         "committee",  "party",      "movement",       "agency",       "court",
                         "alliance",   "regime",     "administration", "department",   "commission",
                         "parliament", "cabinet",    "navy",           "embassy",      "firm",
                         "bank",       "network",    "militia",        "union",        "force"});
}

bool IsPlural(Xpos x) { return x == Xpos::kNNS || x == Xpos::kNNPS; }

}  // namespace

std::string LowerAscii(std::string_view w) {
  std::string out(w);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

void NameReferences::AddSubjectPronouns(const Document& doc, const Sentence& sent,
                                        std::uint32_t sentence_index,
                                        std::span<const PosTag> sentence_tags) {
  if (last_subject_.code.empty() || sentence_index != last_subject_.sentence + 1) return;
  for (std::uint32_t i = 0; i < sent.token_count && i < sentence_tags.size(); ++i) {
    const Upos tag = sentence_tags[i].upos;
    // (After "when", "even though", "if": a subordinate clause, whose "it" may
    // look ahead to the main clause's subject.)
    if (tag == Upos::kNoun || tag == Upos::kPropn || tag == Upos::kVerb || tag == Upos::kSconj)
      return;
    const std::string w = LowerAscii(doc.TokenText(doc.tokens[sent.first_token + i]));
    if (IsOneOf(w, {"when", "if", "although", "though", "while", "because", "after", "before",
                    "since", "once", "until", "unless", "as", "whether", "whenever"}))
      return;
    // A quotation: its "it" is what the speaker speaks of ("\"It condemns Japan
    // without due process,\" one Japanese official said").
    if (IsOneOf(w, {"\"", "``", "'", "\u201c", "\u2018"})) return;
    if (tag != Upos::kPron) continue;
    const bool fits = w == "they" ? last_subject_.plural
                      : w == "it" ? !last_subject_.plural && last_subject_.organisation
                                  : false;
    if (!fits || !OpensActiveVerb(doc, sent, sentence_tags, i)) return;
    const std::uint32_t t = sent.first_token + i;
    current_.push_back({t, t + 1, 0, last_subject_.code, {}});
    last_subject_.sentence = sentence_index;  // (the next sentence may say "they" again)
    return;
  }
}

void NameReferences::RememberSubject(const SentenceCoding& coding) {
  if (!doc_ || !sent_) return;
  const Document& doc = *doc_;
  const Sentence& sent = *sent_;
  // The first noun, with no preposition, verb or comma before it.
  std::uint32_t first_noun = sent.token_count;
  for (std::uint32_t i = 0; i < sent.token_count && i < sentence_tags_.size(); ++i) {
    const Upos tag = sentence_tags_[i].upos;
    if (tag == Upos::kNoun || tag == Upos::kPropn) {
      first_noun = i;
      break;
    }
    if (tag == Upos::kAdp || tag == Upos::kVerb || tag == Upos::kAux || tag == Upos::kPron ||
        doc.TokenText(doc.tokens[sent.first_token + i]) == ",")
      return;
  }
  if (first_noun == sent.token_count) return;
  const std::uint32_t p = sent.first_token + first_noun;
  for (std::size_t k = first_; k < last_; ++k)  // a person: "he" or "she"
    if (persons_[k].sector.empty() && persons_[k].first_token <= p && p < persons_[k].end_token)
      return;
  for (const ActorMentionOut& a : coding.actors) {
    if (a.first_token > p || p >= a.end_token) continue;
    // (Not a company: "it" in business news is the company's results and
    // products as often, and what it does there is rarely a political event.)
    if (a.code.empty() || a.code == kUncodedName || a.code.find('/') != std::string::npos ||
        a.code.find("ELI") != std::string::npos || a.code.find("BUS") != std::string::npos)
      return;
    // The head: the span's last noun.
    std::uint32_t head = a.end_token;
    for (std::uint32_t t = a.first_token; t < a.end_token; ++t) {
      const std::uint32_t i = t - sent.first_token;
      if (i < sentence_tags_.size() &&
          (sentence_tags_[i].upos == Upos::kNoun || sentence_tags_[i].upos == Upos::kPropn))
        head = t;
    }
    if (head == a.end_token) return;
    const PosTag& ht = sentence_tags_[head - sent.first_token];
    const std::string hw = LowerAscii(doc.TokenText(doc.tokens[head]));
    last_subject_.code = a.code;
    last_subject_.plural = IsPlural(ht.xpos) || hw == "police";
    last_subject_.organisation = ht.upos == Upos::kPropn || IsOrganisationWord(hw);
    last_subject_.sentence = sentence_;
    return;
  }
}

}  // namespace dyad
