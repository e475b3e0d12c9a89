// Copyright dyad authors. Fuzzes the agents dictionary reader (both flavours) and the
// lookups over the compiled result: any input must load or fail with a Status,
// never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/dict.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (dyad::DictFlavor flavor : {dyad::DictFlavor::kPetrarch, dyad::DictFlavor::kTabari}) {
    dyad::DictOptions options;
    options.max_expansions = 256;
    options.max_synset_phrases = 1024;
    auto dicts = dyad::ParseDictionaries(
        {dyad::DictSource{"fuzz.txt", text, dyad::DictFileKind::kAgents, flavor}}, options);
    if (!dicts.ok()) continue;
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
    for (std::size_t i = 0; i < prepared.size(); ++i) {
      dyad::ActorMatch am;
      d.MatchActor(prepared, i, 20100101, &am);
      dyad::AgentMatch gm;
      d.MatchAgent(prepared, i, &gm);
      dyad::VerbMatch vm;
      d.MatchVerb(prepared, i, &vm);
      for (std::uint32_t s = 0; s < 4; ++s) d.MatchSynset(s, prepared, i);
    }
    (void)dyad::RenderDictStats(d.Stats());
  }
  return 0;
}
