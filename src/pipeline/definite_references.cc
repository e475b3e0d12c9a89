// "The minister", "the ministry", "the president": a definite description
// alone stands for the minister, ministry or president the article has just
// named ("The Iraqi Defence Ministry accused Turkey ... The ministry also
// condemned the Turkish air strikes" -> IRQMIL, not Turkey's ministry). Only
// when the last three sentences name one such actor: with two presidents the
// description is left as the coder read it.
#include <algorithm>

#include "pipeline/name_references.h"

namespace dyad {
namespace {

constexpr std::uint32_t kDefiniteReach = 3;

// The title head `w` is ("minister", "ministry", "president"; any case), or
// empty.
std::string_view TitleHead(std::string_view w) {
  for (std::string_view head : {"minister", "ministry", "president"})
    if (EqualsLower(w, head)) return head;
  return {};
}

// A code that names a country or an organisation, not a sector alone ("GOV").
bool HasOwner(std::string_view code) {
  if (code.size() < 3 || code == kUncodedName || code.find('/') != std::string_view::npos)
    return false;
  const std::string_view first = code.substr(0, 3);
  for (std::string_view sector : {"GOV", "MIL", "ELI", "LEG", "JUD", "COP", "OPP", "CVL", "BUS",
                                  "REB", "INS", "MED", "EDU", "LAB", "HLH", "REF", "SPY"})
    if (first == sector) return false;
  return true;
}

}  // namespace

void NameReferences::RememberTitled(const SentenceCoding& coding) {
  if (!doc_) return;
  for (const ActorMentionOut& a : coding.actors) {
    if (a.end_token < a.first_token + 2 || !HasOwner(a.code)) continue;
    // A head in a name or title ("Foreign Minister", "Defence Ministry",
    // "President Reagan"), not a description run into another actor ("Reuters
    // the ministry").
    for (std::uint32_t t = std::max(a.first_token, 1u); t < a.end_token && t < doc_->tokens.size();
         ++t) {
      const std::string_view head = TitleHead(doc_->TokenText(doc_->tokens[t]));
      if (!head.empty() && !EqualsLower(doc_->TokenText(doc_->tokens[t - 1]), "the"))
        titled_.push_back({std::string(head), a.code, sentence_});
    }
  }
}

void NameReferences::ResolveDefinites(SentenceCoding* coding) const {
  if (!doc_ || !sent_) return;
  const Document& doc = *doc_;
  // The one code named for `head` within reach, or empty.
  auto named = [&](std::string_view head) {
    std::string code;
    for (const Titled& t : titled_) {
      if (t.head != head || sentence_ - t.sentence > kDefiniteReach) continue;
      if (!code.empty() && code != t.code) return std::string();
      code = t.code;
    }
    return code;
  };
  auto resolve = [&](CodedActor* a) {
    if (ResolveArmedDescription(a)) {
      for (ActorMentionOut& m : coding->actors)
        if (m.first_token == a->first_token && m.end_token == a->end_token) m.code = a->code;
      return;
    }
    if (a->end_token != a->first_token + 1 || a->first_token <= sent_->first_token) return;
    const std::string_view head = TitleHead(doc.TokenText(doc.tokens[a->first_token]));
    if (head.empty() || !EqualsLower(doc.TokenText(doc.tokens[a->first_token - 1]), "the")) return;
    const std::string code = named(head);
    if (code.empty()) return;
    for (ActorMentionOut& m : coding->actors)
      if (m.first_token == a->first_token && m.end_token == a->end_token) m.code = code;
    a->code = code;
    a->agent_only = false;
  };
  for (CodedEvent& e : coding->events) {
    if (e.has_source) resolve(&e.source);
    if (e.has_target) resolve(&e.target);
  }
}

}  // namespace dyad
