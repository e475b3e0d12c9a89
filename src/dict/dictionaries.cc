// Copyright dyad authors. Compiled dictionaries: tries, lookups, builder, loaders.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "dict/dict_data.h"
#include "dict/fold.h"
#include "dyad/dict.h"

namespace dyad {

// ---------------------------------------------------------------------------
// EdgeMap / Trie.

std::uint32_t EdgeMap::Insert(std::uint64_t key, std::uint32_t value) {
  if ((size_ + 1) * 4 >= keys_.size() * 3) Grow();
  std::size_t mask = keys_.size() - 1;
  for (std::size_t i = Hash(key) & mask;; i = (i + 1) & mask) {
    if (keys_[i] == key) return values_[i];
    if (keys_[i] == kEmpty) {
      keys_[i] = key;
      values_[i] = value;
      ++size_;
      return value;
    }
  }
}

void EdgeMap::Grow() {
  std::vector<std::uint64_t> old_keys = std::move(keys_);
  std::vector<std::uint32_t> old_values = std::move(values_);
  std::size_t cap = old_keys.empty() ? 64 : old_keys.size() * 2;
  keys_.assign(cap, kEmpty);
  values_.assign(cap, 0);
  size_ = 0;
  for (std::size_t i = 0; i < old_keys.size(); ++i) {
    if (old_keys[i] != kEmpty) Insert(old_keys[i], old_values[i]);
  }
}

std::uint32_t Trie::NewRoot() {
  payload_.push_back(kNone);
  return static_cast<std::uint32_t>(payload_.size() - 1);
}

std::uint32_t Trie::Insert(std::uint32_t root, const std::vector<TrieWord>& words) {
  std::uint32_t node = root;
  for (const TrieWord& w : words) {
    auto next = static_cast<std::uint32_t>(payload_.size());
    std::uint32_t child = edges_.Insert(Key(node, w.match, w.id), next);
    if (w.id < (1u << 26)) {
      if (word_modes_.size() <= w.id) word_modes_.resize(std::size_t{w.id} + 1, 0);
      word_modes_[w.id] |= static_cast<std::uint8_t>(1u << static_cast<unsigned>(w.match));
    } else {
      untracked_ = true;
    }
    if (child == next) payload_.push_back(kNone);
    node = child;
  }
  return node;
}

// ---------------------------------------------------------------------------
// Data helpers.

WordId Dictionaries::Data::Intern(std::string_view lower) {
  auto it = word_ids.find(lower);
  if (it != word_ids.end()) return it->second;
  std::string_view kept = Keep(lower);
  auto id = static_cast<WordId>(words.size());
  words.push_back(kept);
  word_flags.push_back(0);
  word_ids.emplace(kept, id);
  return id;
}

CodeId Dictionaries::Data::InternCode(std::string_view text) {
  auto it = code_ids.find(text);
  if (it != code_ids.end()) return it->second;
  Code c;
  c.text = Keep(text);
  if (text == "---") {
    c.kind = CodeKind::kNull;
  } else if (text == "###") {
    c.kind = CodeKind::kDiscard;
  } else if (text == "+++") {
    c.kind = CodeKind::kComplex;
  }
  std::size_t start = 0;
  while (true) {
    std::size_t slash = c.text.find('/', start);
    std::string_view part =
        c.text.substr(start, slash == std::string_view::npos ? slash : slash - start);
    if (!part.empty()) c.parts.push_back(part);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  auto id = static_cast<CodeId>(codes.size());
  codes.push_back(std::move(c));
  code_ids.emplace(codes.back().text, id);
  return id;
}

// ---------------------------------------------------------------------------
// DictWords / Prepare.

void DictWords::Clear() {
  buffer_.clear();
  words_.clear();
  alts_.clear();
}

namespace {

constexpr std::string_view kEndings[] = {"'s", "s", "ed", "es", "en", "ing"};

// Lower case, apostrophes and accents folded like the dictionary's words.
void AppendLower(std::string_view in, std::string* out) { AppendFolded(in, out); }

bool WordMatches(const TrieWord& tw, const DictWords& words, std::size_t pos,
                 const Dictionaries::Data& d) {
  const DictWord& w = words[pos];
  if (w.id == tw.id) return true;
  if (tw.match == WordMatch::kWhole) return false;
  std::string_view dw = d.words[tw.id];
  if (tw.match == WordMatch::kStem) return w.text.size() > dw.size() && w.text.starts_with(dw);
  for (std::string_view e : kEndings) {
    if (w.text.size() == dw.size() + e.size() && w.text.starts_with(dw) && w.text.ends_with(e)) {
      return true;
    }
  }
  return false;
}

}  // namespace

Dictionaries::Dictionaries() : d_(std::make_unique<Data>()) {}
Dictionaries::~Dictionaries() = default;

void Dictionaries::Prepare(std::span<const std::string_view> words, DictWords* out) const {
  // Lookups through the frozen indexes: the same ids and alternatives (in the
  // same order) as the word_ids lookups below, with one hash pass per word for
  // all stem candidates and no lookup for a length no stem has.
  const Data& d = *d_;
  auto prepare_indexed = [&d, out](DictWord* w) {
    const std::string_view text = w->text;
    w->id = d.word_index.Find(text, WordIndex::Hash(text));
    if (d.has_endings) {
      for (std::string_view e : kEndings) {
        if (text.size() <= e.size() + 1 || !text.ends_with(e)) continue;
        const std::string_view base = text.substr(0, text.size() - e.size());
        const WordId id = d.word_index.Find(base, WordIndex::Hash(base));
        if (id != kNone) out->alts_.push_back({id, 1});
      }
    }
    if (d.has_stems && d.stem_lengths != 0) {
      std::uint64_t h = WordIndex::kSeed;
      for (std::size_t len = 1; len < text.size(); ++len) {
        h = WordIndex::Extend(h, static_cast<unsigned char>(text[len - 1]));
        if (len < d.min_stem) continue;
        if ((d.stem_lengths & (1ull << (len < 63 ? len : 63))) == 0) continue;
        const WordId id = d.stem_index.Find(text.substr(0, len), h);
        if (id != kNone) out->alts_.push_back({id, 2});
      }
    }
  };
  out->Clear();
  std::size_t total = 0;
  for (std::string_view w : words) total += w.size();
  out->buffer_.reserve(total);  // never reallocates below: views stay valid
  for (std::string_view raw : words) {
    std::size_t begin = out->buffer_.size();
    AppendLower(raw, &out->buffer_);
    DictWord w;
    w.text = std::string_view(out->buffer_).substr(begin);
    w.alt_begin = w.alt_end = static_cast<std::uint32_t>(out->alts_.size());
    if (d_->word_index.built()) {
      prepare_indexed(&w);
    } else {
      auto it = d_->word_ids.find(w.text);
      if (it != d_->word_ids.end()) w.id = it->second;
      if (d_->has_endings) {
        for (std::string_view e : kEndings) {
          if (w.text.size() <= e.size() + 1 || !w.text.ends_with(e)) continue;
          auto base = d_->word_ids.find(w.text.substr(0, w.text.size() - e.size()));
          if (base != d_->word_ids.end()) out->alts_.push_back({base->second, 1});
        }
      }
      if (d_->has_stems) {
        for (std::size_t len = d_->min_stem; len < w.text.size(); ++len) {
          auto stem = d_->word_ids.find(w.text.substr(0, len));
          if (stem != d_->word_ids.end() && (d_->word_flags[stem->second] & 1)) {
            out->alts_.push_back({stem->second, 2});
          }
        }
      }
    }
    w.alt_end = static_cast<std::uint32_t>(out->alts_.size());
    out->words_.push_back(w);
  }
}

// ---------------------------------------------------------------------------
// Lookups.

namespace {

// Best terminal: longest, then most exact, then last inserted (highest node).
struct Best {
  std::uint32_t node = kNone;
  std::size_t end = 0;
  int score = -1;
  void Offer(std::uint32_t n, std::size_t e, int s) {
    if (e > end || (e == end && s > score)) {
      node = n;
      end = e;
      score = s;
    }
  }
};

}  // namespace

bool Dictionaries::MatchActor(const DictWords& words, std::size_t pos, std::int32_t date,
                              ActorMatch* out) const {
  Best best;
  d_->actor_trie.Walk(d_->actor_root, words, pos,
                      [&](std::uint32_t n, std::size_t e, int s) { best.Offer(n, e, s); });
  if (best.node == kNone) return false;
  const ActorPhrase& ph = d_->actor_phrases[d_->actor_trie.payload(best.node)];
  out->length = static_cast<std::uint32_t>(best.end - pos);
  out->phrase = &ph;
  out->entry = &d_->actors[ph.entry];
  out->code = ActorCodeOn(*out->entry, date);
  return true;
}

CodeId Dictionaries::ActorCodeOn(const ActorEntry& entry, std::int32_t date) const {
  if (date != 0) {
    for (const DateRestriction& r : entry.restrictions) {
      if (date >= r.from && date <= r.to) return r.code;
    }
  }
  return entry.default_code;
}

bool Dictionaries::MatchAgent(const DictWords& words, std::size_t pos, AgentMatch* out) const {
  Best best;
  d_->agent_trie.Walk(d_->agent_root, words, pos,
                      [&](std::uint32_t n, std::size_t e, int s) { best.Offer(n, e, s); });
  if (best.node == kNone) return false;
  out->length = static_cast<std::uint32_t>(best.end - pos);
  out->entry = &d_->agents[d_->agent_trie.payload(best.node)];
  return true;
}

std::string Dictionaries::ComposeAgentCode(std::string_view actor_code, std::string_view agent_code,
                                           bool suffix) {
  if (agent_code.empty()) return std::string(actor_code);
  for (std::size_t i = 0; i + agent_code.size() <= actor_code.size(); i += 3) {
    if (actor_code.substr(i, agent_code.size()) == agent_code) return std::string(actor_code);
  }
  std::string out;
  if (suffix) {
    out.append(actor_code).append(agent_code);
  } else {
    out.append(agent_code).append(actor_code);
  }
  return out;
}

bool Dictionaries::MatchVerb(const DictWords& words, std::size_t pos, VerbMatch* out) const {
  const Data& d = *d_;
  std::uint32_t best_form = kNone;
  std::size_t best_len = 0, best_begin = 0, best_end = 0;
  int best_score = -1;
  d.verb_trie.Walk(d.verb_root, words, pos, [&](std::uint32_t node, std::size_t end, int score) {
    for (std::uint32_t f = d.verb_trie.payload(node); f != kNone; f = d.form_recs[f].next) {
      const VerbFormRec& rec = d.form_recs[f];
      std::size_t n = rec.before.size();
      if (n > pos) continue;
      bool ok = true;
      for (std::size_t k = 0; k < n && ok; ++k)
        ok = WordMatches(rec.before[k], words, pos - n + k, d);
      if (!ok) continue;
      std::size_t len = end - (pos - n);
      if (len > best_len || (len == best_len && score > best_score)) {
        best_form = f;
        best_len = len;
        best_begin = pos - n;
        best_end = end;
        best_score = score;
      }
    }
  });
  if (best_form == kNone) return false;
  out->begin = static_cast<std::uint32_t>(best_begin);
  out->end = static_cast<std::uint32_t>(best_end);
  out->verb = static_cast<std::uint32_t>(pos);
  out->form = &d.forms[best_form];
  return true;
}

const VerbBlock& Dictionaries::Block(std::uint32_t index) const { return d_->blocks[index]; }
std::span<const VerbBlock> Dictionaries::verb_blocks() const { return d_->blocks; }
std::span<const VerbForm> Dictionaries::verb_forms() const { return d_->forms; }

std::uint32_t Dictionaries::MatchSynset(SynsetId id, const DictWords& words,
                                        std::size_t pos) const {
  if (id >= d_->synsets.size() || d_->synsets[id].root == kNone) return 0;
  Best best;
  d_->synset_trie.Walk(d_->synsets[id].root, words, pos,
                       [&](std::uint32_t n, std::size_t e, int s) { best.Offer(n, e, s); });
  return best.node == kNone ? 0 : static_cast<std::uint32_t>(best.end - pos);
}

std::string_view Dictionaries::SynsetName(SynsetId id) const {
  return id < d_->synsets.size() ? std::string_view(d_->synsets[id].name) : std::string_view();
}

SynsetId Dictionaries::FindSynset(std::string_view name) const {
  std::string upper(name);
  for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  auto it = d_->synset_ids.find(upper);
  return it == d_->synset_ids.end() ? kNone : it->second;
}

std::span<const Transformation> Dictionaries::transformations() const {
  return d_->transformations;
}

bool Dictionaries::MatchDiscard(const DictWords& words, std::size_t pos, DiscardMatch* out) const {
  Best best;
  d_->discard_trie.Walk(d_->discard_root, words, pos,
                        [&](std::uint32_t n, std::size_t e, int s) { best.Offer(n, e, s); });
  if (best.node == kNone) return false;
  out->length = static_cast<std::uint32_t>(best.end - pos);
  out->entry = &d_->discards[d_->discard_trie.payload(best.node)];
  return true;
}

std::size_t Dictionaries::MatchIssues(const DictWords& words, std::size_t pos,
                                      std::vector<IssueMatch>* out) const {
  out->clear();
  d_->issue_trie.Walk(d_->issue_root, words, pos, [&](std::uint32_t n, std::size_t e, int) {
    for (std::uint32_t i = d_->issue_trie.payload(n); i != kNone; i = d_->issue_next[i]) {
      out->push_back({static_cast<std::uint32_t>(e - pos), &d_->issues[i]});
    }
  });
  std::stable_sort(out->begin(), out->end(),
                   [](const IssueMatch& a, const IssueMatch& b) { return a.length > b.length; });
  return out->size();
}

std::uint32_t Dictionaries::MatchNoun(const DictWords& words, std::size_t pos) const {
  std::size_t end = 0;
  d_->noun_trie.Walk(d_->noun_root, words, pos, [&](std::uint32_t n, std::size_t e, int) {
    if ((d_->noun_trie.payload(n) & 1) && e > end) end = e;
  });
  return end ? static_cast<std::uint32_t>(end - pos) : 0;
}

std::uint32_t Dictionaries::MatchAdjective(const DictWords& words, std::size_t pos) const {
  std::size_t end = 0;
  d_->noun_trie.Walk(d_->noun_root, words, pos, [&](std::uint32_t n, std::size_t e, int) {
    if ((d_->noun_trie.payload(n) & 2) && e > end) end = e;
  });
  return end ? static_cast<std::uint32_t>(end - pos) : 0;
}

std::span<const TimeShift> Dictionaries::time_shifts() const { return d_->time_shifts; }

const Code& Dictionaries::code(CodeId id) const {
  static const Code kEmpty{};
  return id < d_->codes.size() ? d_->codes[id] : kEmpty;
}

CodeId Dictionaries::FindCode(std::string_view text) const {
  auto it = d_->code_ids.find(text);
  return it == d_->code_ids.end() ? kNone : it->second;
}

std::string_view Dictionaries::Label(std::string_view code) const {
  auto it = d_->labels.find(code);
  return it == d_->labels.end() ? std::string_view() : it->second;
}

std::string_view Dictionaries::WordText(WordId id) const {
  return id < d_->words.size() ? d_->words[id] : std::string_view();
}

WordId Dictionaries::FindWord(std::string_view lower_word) const {
  if (d_->word_index.built()) return d_->word_index.Find(lower_word, WordIndex::Hash(lower_word));
  auto it = d_->word_ids.find(lower_word);
  return it == d_->word_ids.end() ? kNone : it->second;
}

std::span<const ActorEntry> Dictionaries::actors() const { return d_->actors; }
std::span<const ActorPhrase> Dictionaries::actor_phrases() const { return d_->actor_phrases; }
std::span<const AgentEntry> Dictionaries::agents() const { return d_->agents; }
std::span<const DiscardEntry> Dictionaries::discards() const { return d_->discards; }
std::span<const IssueEntry> Dictionaries::issues() const { return d_->issues; }

std::string_view Dictionaries::FileName(std::uint32_t file) const {
  return file < d_->files.size() ? std::string_view(d_->files[file]) : std::string_view("?");
}

std::string Dictionaries::Where(SourceRef ref) const {
  return std::string(FileName(ref.file)) + ":" + std::to_string(ref.line);
}

DictFlavor Dictionaries::FileFlavor(std::uint32_t file) const {
  return file < d_->file_flavors.size() ? d_->file_flavors[file] : DictFlavor::kAuto;
}

const DictStats& Dictionaries::Stats() const { return d_->stats; }

std::string_view DictFlavorName(DictFlavor flavor) {
  switch (flavor) {
    case DictFlavor::kTabari:
      return "tabari";
    case DictFlavor::kPetrarch:
      return "petrarch";
    default:
      return "auto";
  }
}

std::string_view DictFileKindName(DictFileKind kind) {
  switch (kind) {
    case DictFileKind::kActors:
      return "actors";
    case DictFileKind::kAgents:
      return "agents";
    case DictFileKind::kVerbs:
      return "verbs";
    case DictFileKind::kDiscards:
      return "discards";
    case DictFileKind::kIssues:
      return "issues";
    case DictFileKind::kOptions:
      return "options";
    default:
      return "auto";
  }
}

std::string RenderDictStats(const DictStats& s) {
  std::ostringstream o;
  o << "files: " << s.files << "\n"
    << "actors: " << s.actors << "\n"
    << "actor_phrases: " << s.actor_phrases << "\n"
    << "actor_codes: " << s.actor_codes << "\n"
    << "codes: " << s.codes << "\n"
    << "agents: " << s.agents << "\n"
    << "agent_phrases: " << s.agent_phrases << "\n"
    << "verb_blocks: " << s.verb_blocks << "\n"
    << "verbs: " << s.verbs << "\n"
    << "verb_forms: " << s.verb_forms << "\n"
    << "patterns: " << s.patterns << "\n"
    << "synsets: " << s.synsets << "\n"
    << "synset_phrases: " << s.synset_phrases << "\n"
    << "transformations: " << s.transformations << "\n"
    << "discards: " << s.discards << "\n"
    << "story_discards: " << s.story_discards << "\n"
    << "issues: " << s.issues << "\n"
    << "issue_phrases: " << s.issue_phrases << "\n"
    << "nouns: " << s.nouns << "\n"
    << "adjectives: " << s.adjectives << "\n"
    << "time_shifts: " << s.time_shifts << "\n"
    << "labels: " << s.labels << "\n"
    << "replaced: " << s.replaced << "\n"
    << "warnings: " << s.warnings << "\n";
  char buf[64];
  std::snprintf(buf, sizeof buf, "load_seconds: %.3f\n", s.load_seconds);
  o << buf;
  return o.str();
}

// ---------------------------------------------------------------------------
// Builder.

DictBuilder::DictBuilder(const DictOptions& options)
    : options_(options),
      dicts_(std::make_unique<Dictionaries>()),
      start_(std::chrono::steady_clock::now()) {
  Dictionaries::Data& data = d();
  data.actor_root = data.actor_trie.NewRoot();
  data.agent_root = data.agent_trie.NewRoot();
  data.verb_root = data.verb_trie.NewRoot();
  data.discard_root = data.discard_trie.NewRoot();
  data.issue_root = data.issue_trie.NewRoot();
  data.noun_root = data.noun_trie.NewRoot();
}

void DictBuilder::Warn(std::uint32_t file, std::uint32_t line, std::string message) {
  Dictionaries::Data& data = d();
  ++data.stats.warnings;
  Diagnostic diag;
  diag.where =
      (file < data.files.size() ? data.files[file] : std::string("?")) + ":" + std::to_string(line);
  diag.message = std::move(message);
  if (options_.strict && first_error_.ok()) first_error_ = ParseError(diag.ToString());
  if (options_.sink) options_.sink(diag);
}

Status DictBuilder::AddText(std::string_view name, std::string_view text, DictFileKind kind,
                            DictFlavor flavor) {
  Dictionaries::Data& data = d();
  if (text.size() > options_.max_file_bytes) {
    return LimitExceeded(std::string(name) + ": file is " + std::to_string(text.size()) +
                         " bytes, more than max_file_bytes " +
                         std::to_string(options_.max_file_bytes));
  }
  if (kind == DictFileKind::kAuto) kind = GuessKindFromName(name);
  if (kind == DictFileKind::kAuto) kind = GuessKindFromContent(text);
  if (flavor == DictFlavor::kAuto) flavor = options_.flavor;
  if (flavor == DictFlavor::kAuto) flavor = GuessFlavor(name, text, kind);
  auto file = static_cast<std::uint32_t>(data.files.size());
  data.files.emplace_back(name);
  data.file_flavors.push_back(flavor);
  ++data.stats.files;
  switch (kind) {
    case DictFileKind::kActors:
      ParseActors(*this, file, text, flavor);
      break;
    case DictFileKind::kAgents:
      ParseAgents(*this, file, text, flavor);
      break;
    case DictFileKind::kVerbs:
      ParseVerbs(*this, file, text, flavor);
      break;
    case DictFileKind::kDiscards:
      ParseDiscards(*this, file, text, flavor);
      break;
    case DictFileKind::kIssues:
      ParseIssues(*this, file, text, flavor);
      break;
    case DictFileKind::kOptions:
      ParseOptions(*this, file, text);
      break;
    case DictFileKind::kAuto:
      break;
  }
  return first_error_;
}

namespace {

// Per pattern record, 1 unless the pattern names an undefined synset (then
// warned about and dropped).
std::vector<std::uint8_t> PatternsToKeep(DictBuilder& b) {
  Dictionaries::Data& data = b.d();
  std::vector<std::uint8_t> keep(data.pattern_recs.size(), 1);
  for (std::size_t i = 0; i < data.pattern_recs.size(); ++i) {
    const PatternRec& pr = data.pattern_recs[i];
    for (std::uint32_t k = pr.first; k < pr.first + pr.count; ++k) {
      const PatternElement& e = data.pattern_elements[k];
      if (e.kind == PatternElementKind::kSynset && data.synsets[e.id].root == kNone) {
        b.Warn(pr.p.where.file, pr.p.where.line,
               "undefined synset " + data.synsets[e.id].name + "; pattern skipped");
        keep[i] = 0;
        break;
      }
    }
  }
  return keep;
}

void FreezeActors(Dictionaries::Data& data) {
  data.actors.clear();
  for (const ActorEntryRec& r : data.actor_recs) {
    ActorEntry e;
    e.root = r.root;
    e.where = r.where;
    e.restrictions = std::span<const DateRestriction>(data.restrictions.data() + r.first, r.count);
    e.default_code = r.default_code;
    data.actors.push_back(e);
  }
}

// Verb blocks and their kept patterns, grouped by block, longest first; and
// the verb forms.
void FreezeVerbs(Dictionaries::Data& data, const std::vector<std::uint8_t>& keep) {
  data.patterns.clear();
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  for (BlockRec& br : data.block_recs) {
    std::vector<std::uint32_t> kept;
    for (std::uint32_t p : br.patterns) {
      if (keep[p]) kept.push_back(p);
    }
    std::stable_sort(kept.begin(), kept.end(), [&](std::uint32_t a, std::uint32_t b) {
      return data.pattern_recs[a].p.text_length > data.pattern_recs[b].p.text_length;
    });
    std::size_t begin = data.patterns.size();
    for (std::uint32_t p : kept) {
      PatternRec& pr = data.pattern_recs[p];
      pr.p.elements =
          std::span<const PatternElement>(data.pattern_elements.data() + pr.first, pr.count);
      data.patterns.push_back(pr.p);
    }
    ranges.emplace_back(begin, data.patterns.size() - begin);
  }
  data.blocks.clear();
  for (std::size_t i = 0; i < data.block_recs.size(); ++i) {
    VerbBlock b = data.block_recs[i].b;
    b.patterns =
        std::span<const VerbPattern>(data.patterns.data() + ranges[i].first, ranges[i].second);
    data.blocks.push_back(b);
  }
  data.forms.clear();
  for (const VerbFormRec& f : data.form_recs) data.forms.push_back(f.form);
}

// Lookup indexes for Prepare: every word, and the words used as stems.
void BuildWordIndexes(Dictionaries::Data& data) {
  data.word_index.Build(data.words, [](WordId) { return true; });
  data.stem_lengths = 0;
  for (WordId id = 0; id < data.words.size(); ++id) {
    if (data.word_flags[id] & 1) {
      data.stem_lengths |= 1ull << std::min<std::size_t>(data.words[id].size(), 63);
    }
  }
  data.stem_index.Build(data.words, [&](WordId id) { return (data.word_flags[id] & 1) != 0; });
}

// The stats counted from the frozen tables.
void CountFrozen(const Dictionaries::Data& data, DictStats* s) {
  s->actors = static_cast<std::uint32_t>(data.actors.size());
  s->actor_phrases = static_cast<std::uint32_t>(data.actor_phrases.size());
  s->codes = static_cast<std::uint32_t>(data.codes.size());
  s->agent_phrases = static_cast<std::uint32_t>(data.agents.size());
  s->verb_blocks = static_cast<std::uint32_t>(data.blocks.size());
  s->verb_forms = static_cast<std::uint32_t>(data.forms.size());
  s->patterns = static_cast<std::uint32_t>(data.patterns.size());
  s->synsets = 0;
  s->synset_phrases = 0;
  for (const SynsetRec& r : data.synsets) {
    if (r.root != kNone) {
      ++s->synsets;
      s->synset_phrases += r.phrases;
    }
  }
  s->transformations = static_cast<std::uint32_t>(data.transformations.size());
  s->issue_phrases = static_cast<std::uint32_t>(data.issues.size());
  s->time_shifts = static_cast<std::uint32_t>(data.time_shifts.size());
  s->labels = static_cast<std::uint32_t>(data.labels.size());
}

}  // namespace

void DictBuilder::Freeze() {
  Dictionaries::Data& data = d();
  // Synsets first: patterns naming an undefined synset are dropped.
  for (SynsetId id = 0; id < data.synsets.size(); ++id) ResolveSynset(*this, id);
  const std::vector<std::uint8_t> keep = PatternsToKeep(*this);
  FreezeActors(data);
  FreezeVerbs(data, keep);
  BuildWordIndexes(data);
  CountFrozen(data, &data.stats);
}

Result<std::unique_ptr<Dictionaries>> DictBuilder::Finish() {
  Freeze();
  if (!first_error_.ok()) return first_error_;
  d().stats.load_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  return std::move(dicts_);
}

// ---------------------------------------------------------------------------
// Loaders.

namespace {

Status ReadFile(const std::filesystem::path& path, std::uint64_t max_bytes, std::string* out) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return NotFound(path.string() + ": no such file");
  if (std::filesystem::is_directory(path, ec)) return IoError(path.string() + ": is a directory");
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return IoError(path.string() + ": " + ec.message());
  if (size > max_bytes) {
    return LimitExceeded(path.string() + ": file is " + std::to_string(size) +
                         " bytes, more than max_file_bytes " + std::to_string(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path.string() + ": cannot open");
  out->assign(static_cast<std::size_t>(size), '\0');
  in.read(out->data(), static_cast<std::streamsize>(size));
  if (!in && !in.eof()) return IoError(path.string() + ": read failed");
  out->resize(static_cast<std::size_t>(in.gcount()));
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Dictionaries>> LoadDictionaries(
    const std::vector<std::pair<std::filesystem::path, DictFileKind>>& files,
    const DictOptions& options) {
  DictBuilder b(options);
  std::string text;
  for (const auto& [path, kind] : files) {
    DYAD_RETURN_IF_ERROR(ReadFile(path, options.max_file_bytes, &text));
    DYAD_RETURN_IF_ERROR(b.AddText(path.filename().string(), text, kind, DictFlavor::kAuto));
  }
  return b.Finish();
}

Result<std::unique_ptr<Dictionaries>> LoadDictionaries(
    const std::vector<std::filesystem::path>& files, const DictOptions& options) {
  std::vector<std::pair<std::filesystem::path, DictFileKind>> typed;
  for (const auto& f : files) typed.emplace_back(f, DictFileKind::kAuto);
  return LoadDictionaries(typed, options);
}

Result<std::unique_ptr<Dictionaries>> ParseDictionaries(const std::vector<DictSource>& sources,
                                                        const DictOptions& options) {
  DictBuilder b(options);
  for (const DictSource& s : sources) {
    DYAD_RETURN_IF_ERROR(b.AddText(s.name, s.text, s.kind, s.flavor));
  }
  return b.Finish();
}

}  // namespace dyad
