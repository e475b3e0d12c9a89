// Copyright dyad authors. Shared body of the dictionary fuzz targets
// (fuzz/dict_<kind>_fuzz.cc): parse arbitrary bytes as one dictionary file of
// the given kind, in both flavours, then run every lookup the coder uses on the
// input's own words. Any input must load or fail with a Status, never crash,
// hang or read out of bounds; a match must stay inside the prepared words.
#ifndef DYAD_FUZZ_DICT_FUZZ_H_
#define DYAD_FUZZ_DICT_FUZZ_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/dict.h"

namespace dyad_fuzz {

inline int FuzzDictionary(const std::uint8_t* data, std::size_t size, dyad::DictFileKind kind) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (dyad::DictFlavor flavor : {dyad::DictFlavor::kPetrarch, dyad::DictFlavor::kTabari}) {
    dyad::DictOptions options;
    options.max_expansions = 256;
    options.max_synset_phrases = 1024;
    auto dicts =
        dyad::ParseDictionaries({dyad::DictSource{"fuzz.txt", text, kind, flavor}}, options);
    if (!dicts.ok()) {
      if (dicts.status().message().empty()) __builtin_trap();
      continue;
    }
    const dyad::Dictionaries& d = **dicts;
    // Look every word of the input up, as the coder would.
    std::vector<std::string_view> words;
    std::string_view rest(text);
    while (!rest.empty() && words.size() < 64) {
      std::size_t sp = rest.find_first_of(" \t\n_");
      if (sp != 0) words.push_back(rest.substr(0, sp));
      if (sp == std::string_view::npos) break;
      rest.remove_prefix(sp + 1);
    }
    dyad::DictWords prepared;
    d.Prepare(words, &prepared);
    std::vector<dyad::IssueMatch> issues;
    for (std::size_t i = 0; i < prepared.size(); ++i) {
      const std::size_t left = prepared.size() - i;
      dyad::ActorMatch am;
      d.MatchActor(prepared, i, 20100101, &am);
      dyad::AgentMatch gm;
      d.MatchAgent(prepared, i, &gm);
      dyad::VerbMatch vm;
      d.MatchVerb(prepared, i, &vm);
      for (std::uint32_t s = 0; s < 4; ++s) d.MatchSynset(s, prepared, i);
      dyad::DiscardMatch dm;
      if (d.MatchDiscard(prepared, i, &dm) && (dm.entry == nullptr || dm.length > left))
        __builtin_trap();
      d.MatchIssues(prepared, i, &issues);
      for (const dyad::IssueMatch& im : issues)
        if (im.entry == nullptr || im.length > left) __builtin_trap();
      if (d.MatchNoun(prepared, i) > left || d.MatchAdjective(prepared, i) > left) __builtin_trap();
    }
    (void)dyad::RenderDictStats(d.Stats());
  }
  return 0;
}

}  // namespace dyad_fuzz

#endif  // DYAD_FUZZ_DICT_FUZZ_H_
