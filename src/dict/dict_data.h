// Copyright dyad authors. Private representation of dyad::Dictionaries.
#ifndef DYAD_SRC_DICT_DICT_DATA_H_
#define DYAD_SRC_DICT_DICT_DATA_H_

#include <chrono>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/dict.h"

namespace dyad {

// Open-addressing hash map uint64 -> uint32 (linear probing, power-of-two
// capacity). Trie edges live here: one probe per (node, mode, word) instead of
// a std::map per node.
class EdgeMap {
 public:
  std::uint32_t Find(std::uint64_t key) const {
    if (keys_.empty()) return kNone;
    std::size_t mask = keys_.size() - 1;
    for (std::size_t i = Hash(key) & mask;; i = (i + 1) & mask) {
      if (keys_[i] == key) return values_[i];
      if (keys_[i] == kEmpty) return kNone;
    }
  }
  // Returns the value for `key`, inserting `value` if absent.
  std::uint32_t Insert(std::uint64_t key, std::uint32_t value);
  std::size_t size() const { return size_; }

 private:
  static constexpr std::uint64_t kEmpty = ~0ull;
  static std::size_t Hash(std::uint64_t k) {
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return static_cast<std::size_t>(k);
  }
  void Grow();
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> values_;
  std::size_t size_ = 0;
};

// A phrase element as stored in a trie: word + how it may match.
struct TrieWord {
  WordId id = kNone;
  WordMatch match = WordMatch::kWhole;
};

// Word trie with one payload (entry index) per node; several roots allowed.
class Trie {
 public:
  std::uint32_t NewRoot();
  // Walks/creates the path; returns the final node.
  std::uint32_t Insert(std::uint32_t root, const std::vector<TrieWord>& words);
  std::uint32_t Child(std::uint32_t node, WordMatch m, WordId w) const {
    // Most words of a sentence are on no edge of this trie (in that mode):
    // answered from word_modes_ without a probe into the edge table.
    if (!untracked_ &&
        (w >= word_modes_.size() || (word_modes_[w] & (1u << static_cast<unsigned>(m))) == 0)) {
      return kNone;
    }
    return edges_.Find(Key(node, m, w));
  }
  std::uint32_t& payload(std::uint32_t node) { return payload_[node]; }
  std::uint32_t payload(std::uint32_t node) const { return payload_[node]; }
  std::size_t nodes() const { return payload_.size(); }

  // Calls f(node, end_position, score) for every node reachable by matching
  // words[pos..] from `root` that has a payload. Score: exactness sum.
  template <typename F>
  void Walk(std::uint32_t root, const DictWords& words, std::size_t pos, const F& f) const;

 private:
  static std::uint64_t Key(std::uint32_t node, WordMatch m, WordId w) {
    return (static_cast<std::uint64_t>(node) << 34) | (static_cast<std::uint64_t>(m) << 32) | w;
  }
  template <typename F>
  void WalkFrom(std::uint32_t node, const DictWords& words, std::size_t pos, int score,
                const F& f) const;
  EdgeMap edges_;
  std::vector<std::uint32_t> payload_;
  // Per word id, bit (1 << mode) when some edge carries that word and mode.
  std::vector<std::uint8_t> word_modes_;
  bool untracked_ = false;  // an edge with an id too large to track: always probe
};

struct ActorEntryRec {
  std::string_view root;
  SourceRef where;
  std::uint32_t first = 0, count = 0;  // into restrictions
  CodeId default_code = kNone;
};

struct VerbFormRec {
  VerbForm form;
  std::vector<TrieWord> before;  // in text order
  std::uint32_t next = kNone;    // next form ending at the same trie node
};

struct PatternRec {
  VerbPattern p;
  std::uint32_t first = 0, count = 0;  // into pattern_elements
};

struct BlockRec {
  VerbBlock b;
  std::vector<std::uint32_t> patterns;  // indexes into pattern_recs (sorted at freeze)
};

struct SynsetRec {
  std::string name;  // "&CURRENCY" upper-case as written, without trailing '_'
  bool no_plural = false;
  SourceRef where;
  std::vector<std::pair<std::string, SourceRef>> raw;  // '+' lines, resolved at freeze
  std::vector<std::vector<TrieWord>> flat;             // flattened phrases
  std::uint32_t root = kNone;                          // in synset_trie
  int state = 0;                                       // 0 new, 1 resolving, 2 done
  std::uint32_t phrases = 0;
};

// Read-only open-addressing index of (part of) the vocabulary, built at
// freeze for the per-sentence lookups of Dictionaries::Prepare. It hashes with
// FNV-1a, which extends byte by byte, so the prefixes of a word (stem
// candidates) are hashed in one pass.
class WordIndex {
 public:
  static constexpr std::uint64_t kSeed = 0xCBF29CE484222325ull;
  static std::uint64_t Extend(std::uint64_t h, unsigned char c) {
    return (h ^ c) * 0x100000001B3ull;
  }
  static std::uint64_t Hash(std::string_view s) {
    std::uint64_t h = kSeed;
    for (char c : s) h = Extend(h, static_cast<unsigned char>(c));
    return h;
  }
  // Indexes words[id] for every id with keep(id).
  template <typename Keep>
  void Build(const std::vector<std::string_view>& words, Keep keep) {
    words_ = &words;
    std::size_t n = 0;
    for (WordId id = 0; id < words.size(); ++id) n += keep(id) ? 1 : 0;
    std::size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    slots_.assign(cap, Slot{0, kNone});
    mask_ = cap - 1;
    for (WordId id = 0; id < words.size(); ++id) {
      if (!keep(id)) continue;
      const std::uint64_t h = Hash(words[id]);
      std::size_t i = Home(h);
      while (slots_[i].id != kNone) i = (i + 1) & mask_;
      slots_[i] = Slot{h, id};
    }
  }
  bool built() const { return words_ != nullptr; }
  // The id of `s` (whose Hash is `h`), or kNone.
  WordId Find(std::string_view s, std::uint64_t h) const {
    for (std::size_t i = Home(h);; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id == kNone) return kNone;
      if (slot.hash == h && (*words_)[slot.id] == s) return slot.id;
    }
  }

 private:
  struct Slot {
    std::uint64_t hash;
    WordId id;  // kNone = empty
  };
  std::size_t Home(std::uint64_t h) const { return (h ^ (h >> 32)) & mask_; }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  const std::vector<std::string_view>* words_ = nullptr;
};

struct Dictionaries::Data {
  // Storage for every string_view handed out.
  std::deque<std::string> strings;
  std::string_view Keep(std::string_view s) { return strings.emplace_back(s); }

  std::vector<std::string> files;
  std::vector<DictFlavor> file_flavors;

  // Vocabulary.
  std::unordered_map<std::string_view, WordId> word_ids;
  std::vector<std::string_view> words;
  std::vector<std::uint8_t> word_flags;  // bit 1: used as a stem
  bool has_stems = false, has_endings = false;
  std::size_t min_stem = 1000;
  WordId Intern(std::string_view lower);
  // Built at freeze: every word, and the words used as stems (word_flags bit 1)
  // with a bit set of their lengths (bit 63: 63 bytes or more).
  WordIndex word_index, stem_index;
  std::uint64_t stem_lengths = 0;

  // Codes.
  std::unordered_map<std::string_view, CodeId> code_ids;
  std::vector<Code> codes;
  CodeId InternCode(std::string_view text);

  std::unordered_map<std::string_view, std::string_view> labels;

  // Actors.
  std::vector<DateRestriction> restrictions;
  std::vector<ActorEntryRec> actor_recs;
  std::vector<ActorEntry> actors;  // built at freeze
  std::vector<ActorPhrase> actor_phrases;
  Trie actor_trie;
  std::uint32_t actor_root = 0;

  // Agents.
  std::vector<AgentEntry> agents;
  Trie agent_trie;
  std::uint32_t agent_root = 0;

  // Verbs.
  std::vector<BlockRec> block_recs;
  std::vector<VerbBlock> blocks;  // built at freeze
  std::vector<PatternRec> pattern_recs;
  std::vector<VerbPattern> patterns;  // built at freeze, grouped by block
  std::vector<PatternElement> pattern_elements;
  std::vector<VerbFormRec> form_recs;
  std::vector<VerbForm> forms;  // built at freeze
  Trie verb_trie;               // verb word, then following words
  std::uint32_t verb_root = 0;
  std::vector<SynsetRec> synsets;
  std::unordered_map<std::string_view, SynsetId> synset_ids;
  Trie synset_trie;
  std::vector<Transformation> transformations;
  std::vector<TimeShift> time_shifts;

  // Discards, issues, nouns/adjectives.
  std::vector<DiscardEntry> discards;
  Trie discard_trie;
  std::uint32_t discard_root = 0;
  std::vector<IssueEntry> issues;
  std::vector<std::uint32_t> issue_next;  // chain of issues ending at the same node
  Trie issue_trie;
  std::uint32_t issue_root = 0;
  Trie noun_trie;  // payload 1 = noun, 2 = adjective, 3 = both
  std::uint32_t noun_root = 0;

  DictStats stats;
};

// Builds a Dictionaries from files; the parsers in parse.cc feed it.
class DictBuilder {
 public:
  explicit DictBuilder(const DictOptions& options);
  // Parses one file's text. Returns a non-ok Status on a hard error (strict mode).
  Status AddText(std::string_view name, std::string_view text, DictFileKind kind,
                 DictFlavor flavor);
  Result<std::unique_ptr<Dictionaries>> Finish();

  // Used by the parsers.
  Dictionaries::Data& d() { return *dicts_->d_; }
  void Warn(std::uint32_t file, std::uint32_t line, std::string message);
  const DictOptions& options() const { return options_; }

 private:
  void Freeze();
  void ResolveSynsets();
  Status first_error_;
  DictOptions options_;
  std::unique_ptr<Dictionaries> dicts_;
  std::chrono::steady_clock::time_point start_;
};

// Parsers (parse.cc).
DictFileKind GuessKindFromName(std::string_view file_name);
DictFileKind GuessKindFromContent(std::string_view text);
DictFlavor GuessFlavor(std::string_view file_name, std::string_view text, DictFileKind kind);
void ParseActors(DictBuilder& b, std::uint32_t file, std::string_view text, DictFlavor flavor);
void ParseAgents(DictBuilder& b, std::uint32_t file, std::string_view text, DictFlavor flavor);
void ParseVerbs(DictBuilder& b, std::uint32_t file, std::string_view text, DictFlavor flavor);
void ParseDiscards(DictBuilder& b, std::uint32_t file, std::string_view text, DictFlavor flavor);
void ParseIssues(DictBuilder& b, std::uint32_t file, std::string_view text, DictFlavor flavor);
void ParseOptions(DictBuilder& b, std::uint32_t file, std::string_view text);
// Flattens synset `id` into the synset trie (cycle-safe); called at freeze.
void ResolveSynset(DictBuilder& b, SynsetId id);

// Format rules shared with tests.
// PETRARCH plural: ...Y -> ...IES, ...S -> ...SES, else + S (upper-case input).
std::string PetrarchPlural(std::string_view word);
// PETRARCH regular verb forms of an upper-case root: S, ED, ING forms.
std::vector<std::string> PetrarchVerbForms(std::string_view root);
// Parses "YYMMDD" / "YYYYMMDD" into YYYYMMDD; false if malformed.
bool ParseDictDate(std::string_view s, std::int32_t* out);

template <typename F>
void Trie::Walk(std::uint32_t root, const DictWords& words, std::size_t pos, const F& f) const {
  if (root >= payload_.size()) return;
  WalkFrom(root, words, pos, 0, f);
}

template <typename F>
void Trie::WalkFrom(std::uint32_t node, const DictWords& words, std::size_t pos, int score,
                    const F& f) const {
  if (pos >= words.size()) return;
  const DictWord& w = words[pos];
  auto step = [&](WordId id, std::uint8_t kind) {
    // kind 0: exact word -> any mode; 1: ending removed -> endings/stem; 2: prefix -> stem.
    static constexpr WordMatch kModes[3] = {WordMatch::kWhole, WordMatch::kWholeWithEndings,
                                            WordMatch::kStem};
    for (int m = kind; m < 3; ++m) {
      std::uint32_t child = Child(node, kModes[m], id);
      if (child == kNone) continue;
      int s = score + (kind == 0 ? 2 : kind == 1 ? 1 : 0);
      if (payload_[child] != kNone) f(child, pos + 1, s);
      WalkFrom(child, words, pos + 1, s, f);
    }
  };
  if (w.id != kNone) step(w.id, 0);
  for (std::uint32_t a = w.alt_begin; a < w.alt_end; ++a) {
    const auto& alt = words.alts_[a];
    step(alt.id, alt.kind);
  }
}

}  // namespace dyad

#endif  // DYAD_SRC_DICT_DICT_DATA_H_
