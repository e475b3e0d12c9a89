// libFuzzer target: SplitText on arbitrary bytes must return ok and keep every
// offset invariant (tokens ordered, non-overlapping, inside the body; sentences
// ordered, covering all tokens, within the size limit); abort() otherwise.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dyad/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  dyad::TextOptions options;
  // The first byte picks a small sentence limit so forced breaks are exercised too.
  options.max_tokens_per_sentence = size > 0 ? 1 + data[0] % 64 : 512;
  dyad::Document doc;
  if (!dyad::SplitText(body, options, &doc).ok()) std::abort();
  std::uint32_t prev_end = 0;
  for (const dyad::Token& t : doc.tokens) {
    if (t.begin >= t.end || t.end > size || t.begin < prev_end) std::abort();
    if (doc.TokenText(t) != body.substr(t.begin, t.end - t.begin)) std::abort();
    prev_end = t.end;
  }
  std::uint32_t next = 0;
  for (const dyad::Sentence& s : doc.sentences) {
    if (s.first_token != next || s.token_count == 0) std::abort();
    if (s.token_count > options.max_tokens_per_sentence) std::abort();
    if (s.first_token + s.token_count > doc.tokens.size()) std::abort();
    if (s.begin != doc.tokens[s.first_token].begin) std::abort();
    if (s.end != doc.tokens[s.first_token + s.token_count - 1].end) std::abort();
    next = s.first_token + s.token_count;
  }
  if (next != doc.tokens.size()) std::abort();
  return 0;
}
