// Within-article reference for the coder (issue 18 item 4): the persons of each
// sentence, coded as an earlier mention of the same person was, "he"/"she"
// as the person most recently named with a code, and the organisations no
// dictionary knows whose head word names a sector ("the Anti-Corruption
// Bureau" -> GOV, "Santa Fe International Corp" -> BUS).
#ifndef DYAD_PIPELINE_NAME_REFERENCES_H_
#define DYAD_PIPELINE_NAME_REFERENCES_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dyad/coder.h"
#include "dyad/names.h"
#include "dyad/tagger.h"
#include "dyad/text.h"

namespace dyad {

// One per thread; Reset() per article, then ForSentence() and Remember() for
// each sentence in order.
// The sector an organisation's name gives by its head word: the last word, or
// the word before "of" ("Ministry of Mines" -> GOV, "Bangkok Airways" -> BUS,
// "Supreme Court" -> JUD); empty when the head word names none. A "Union"
// is labour only with a workers' word in the name ("Transport Workers Union");
// an "International" commission, bureau or agency is no government.
std::string_view OrgSector(std::span<const std::string_view> words);

// `w` with ASCII letters in lower case.
std::string LowerAscii(std::string_view w);

// Whether `w` equals `lower` (lower case) but for the case of ASCII letters.
bool EqualsLower(std::string_view w, std::string_view lower);

class NameReferences {
 public:
  // The article's name mentions (document order) in `doc`; persons are kept,
  // and organisations with a sector head word (OrgSector).
  void Reset(const Document& doc, const std::vector<NameMention>& mentions);

  // The actors to offer the coder for `sent`: its persons (with the code an
  // earlier mention got, if any) and each "he"/"she" tagged as a pronoun when a
  // person with a code was named in the previous two sentences and no noun
  // comes before the pronoun in its sentence; likewise "the group" opening a
  // sentence for the first armed group (INS, REB, SEP, UAF) coded in the
  // sentence before. Valid until the next call.
  std::span<const NameActor> ForSentence(const Document& doc, const Sentence& sent,
                                         std::uint32_t sentence_index,
                                         std::span<const PosTag> sentence_tags);

  // "The minister", "the ministry", "the president" in `coding` (of the
  // sentence last given to ForSentence): the code of the minister, ministry or
  // president the article named in the last three sentences, when they name one
  // only ("Iranian Foreign Minister Javad Zarif ... The minister later accused
  // Saudi Arabia" -> IRNELI, not Saudi Arabia's); "the militants" and the like
  // for the armed group of the sentence before when it was the only one there
  // ("Islamic State fighters captured the dam. The militants killed five Iraqi
  // soldiers" -> IMGINS, not IRQINS). definite_references.cc.
  void ResolveDefinites(SentenceCoding* coding) const;

  // Records the codes `coding` (of the sentence last given to ForSentence)
  // gave to its persons. The first code a person gets stays.
  void Remember(const SentenceCoding& coding);

  // Whether the person of name entity `entity` (of the mentions given to
  // Reset) is named somewhere in the article with two words or more.
  bool NamedInFull(std::uint32_t entity) const {
    return entity < full_name_.size() && full_name_[entity];
  }

 private:
  std::vector<NameActor> persons_;         // document order (and sector ORGs)
  std::vector<std::string> entity_codes_;  // per entity id: its code, or empty
  std::vector<bool> full_name_;            // per person entity: named with 2+ words
  std::vector<NameActor> current_;         // ForSentence's answer
  std::size_t first_ = 0, last_ = 0;       // current sentence's persons_ range
  // "The group" opening a sentence: the first armed group coded in the
  // sentence before (an actor of current_).
  void AddGroupReference(const Document& doc, const Sentence& sent, std::uint32_t sentence_index,
                         std::span<const PosTag> sentence_tags);

  // "They" or "it" opening a sentence before an event verb: the subject of the
  // sentence before when it is a group, organisation or country of the same
  // number (subject_references.cc).
  void AddSubjectPronouns(const Document& doc, const Sentence& sent, std::uint32_t sentence_index,
                          std::span<const PosTag> sentence_tags);
  // Records the sentence's subject (its first noun, inside a coded actor that is
  // no person) for a later "they" or "it".
  void RememberSubject(const SentenceCoding& coding);
  struct Subject {
    std::string code;  // empty: none
    bool plural = false;
    bool organisation = false;  // a proper name or an organisation's head word
    std::uint32_t sentence = 0;
  };
  Subject last_subject_;
  // Named ministers, ministries and presidents: head word (lower case), code,
  // sentence, in document order.
  struct Titled {
    std::string head, code;
    std::uint32_t sentence = 0;
  };
  std::vector<Titled> titled_;
  void RememberTitled(const SentenceCoding& coding);
  const Document* doc_ = nullptr;  // the sentence last given to ForSentence
  const Sentence* sent_ = nullptr;
  std::span<const PosTag> sentence_tags_;

  std::string last_person_code_;   // the latest coded person
  std::string last_group_code_;    // the latest coded armed group
  bool last_group_alone_ = false;  // its sentence codes no other armed group
  // "The militants", "the insurgents": the armed group of the sentence before
  // when it was the only one (name_references.cc).
  bool ResolveArmedDescription(CodedActor* actor) const;
  std::uint32_t sentence_ = 0, last_person_sentence_ = 0, last_group_sentence_ = 0;
};

}  // namespace dyad

#endif  // DYAD_PIPELINE_NAME_REFERENCES_H_
