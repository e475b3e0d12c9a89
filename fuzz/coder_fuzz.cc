// libFuzzer target: the coder on arbitrary sentences (bounded work, no crash),
// over a small dictionary exercising agents, compounds, patterns and synsets.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "dyad/coder.h"
#include "dyad/dict.h"
#include "dyad/text.h"

namespace {

const dyad::Dictionaries& Dicts() {
  static std::unique_ptr<dyad::Dictionaries> d = [] {
    dyad::DictOptions o;
    auto r = dyad::ParseDictionaries(
        {{"f.actors",
          "ARNOR [ARN]\nGONDOR [GON]\n+MINAS_TIRITH\nSHIRE [FRO/BIL/SAM]\nRUSSIA\n\t[USR "
          "<19911225]\n\t[RUS]\n",
          dyad::DictFileKind::kActors, dyad::DictFlavor::kPetrarch},
         {"f.agents", "GOVERNMENT [~GOV]\nPOLICE {} [~COP]\nMSF [NGO~]\nFORMER_MINISTER [~ELI]\n",
          dyad::DictFileKind::kAgents, dyad::DictFlavor::kPetrarch},
         {"f.verbs",
          "&TIES\n+TIES\n+RELATIONS\n\n--- RESTORE [064] ---\nRESTORE\n- * &TIES [064]\n- $ * + "
          "[065]\n\n"
          "--- MEET [040] ---\nMEET {MET MEETS MEETING}\n- % * [043]\n- * WITH_^ + [044]\n\n"
          "--- VISIT [042:043] ---\nVISIT\n",
          dyad::DictFileKind::kVerbs, dyad::DictFlavor::kPetrarch}},
        o);
    if (!r.ok()) std::abort();
    return std::move(r).value();
  }();
  return *d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  dyad::TextOptions to;
  to.max_tokens_per_sentence = 256;
  dyad::Document doc;
  if (!dyad::SplitText(body, to, &doc).ok()) return 0;
  dyad::CoderOptions co;
  co.trace = size % 2 == 0;
  dyad::Coder coder(Dicts(), co);
  auto scratch = dyad::NewCoderScratch();
  dyad::SentenceCoding out;
  for (const dyad::Sentence& s : doc.sentences) {
    coder.CodeSentence(doc, s, {}, 20250101, scratch.get(), &out);
    if (out.events.size() > co.max_events_per_sentence) std::abort();
    for (const auto& e : out.events) {
      if (e.verb_end_token > doc.tokens.size() ||
          (e.has_source && e.source.end_token > doc.tokens.size()))
        std::abort();
    }
  }
  return 0;
}
