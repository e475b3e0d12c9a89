// libFuzzer target: arbitrary bytes parsed as an event-noun table
// (data/coder/event_nouns.tsv, docs/formats/event-nouns.md).
//
// Parse must return a table or an error naming the input, never crash, hang
// or read out of bounds; every form a parsed table lists must be found again.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dyad/coder.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto result = dyad::EventNouns::Parse(text, "fuzz.tsv");
  if (!result.ok()) {
    if (result.status().message().find("fuzz.tsv") == std::string_view::npos) __builtin_trap();
    return 0;
  }
  const dyad::EventNouns& nouns = **result;
  // Each line's first field (up to a tab or '|') must be found as a noun.
  std::size_t line = 0;
  while (line < text.size()) {
    std::size_t end = text.find('\n', line);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(line, end - line);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (!l.empty() && l[0] != '#') {
      std::string_view form = l.substr(0, std::min(l.find('\t'), l.find('|')));
      std::size_t space = form.find(' ');
      int words = 0;
      const dyad::EventNoun* e =
          space == std::string_view::npos
              ? nouns.Find({}, form, &words)
              : nouns.Find(form.substr(0, space), form.substr(space + 1), &words);
      if (e == nullptr || e->cameo.empty()) __builtin_trap();
    }
    line = end + 1;
  }
  // Lookups of arbitrary words from the input.
  for (std::size_t i = 0; i + 8 <= size && i < 64; ++i) {
    int words = 0;
    nouns.Find(text.substr(i, 3), text.substr(i + 3, 5), &words);
  }
  return 0;
}
