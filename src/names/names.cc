// Copyright dyad authors. NameFinder: model loading and Viterbi BILOU decoding.
#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>

#include "names/features.h"
#include "names/finder.h"
#include "tagger/conllu.h"

#ifndef DYAD_DATA_DIR
#define DYAD_DATA_DIR "data"
#endif

namespace dyad {

using names::kLabelCount;
using names::kRowStride;

namespace {
constexpr std::uint64_t kTypeBits = names::kMemPerson | names::kMemOrg | names::kMemPlace;
}  // namespace

Result<std::unique_ptr<NameFinder::Impl>> NameFinder::Impl::Build(const names::ModelData& m) {
  auto impl = std::make_unique<Impl>();
  impl->description = m.description;
  impl->features = m.keys.size();
  std::size_t cap = 16;
  while (cap < m.keys.size() * 2) cap <<= 1;
  impl->slots.assign(cap, Slot{});
  impl->mask = cap - 1;
  for (std::size_t i = 0; i < m.keys.size(); ++i) {
    std::uint64_t j = impl->Index(m.keys[i]);
    while (impl->slots[j].key != 0) j = (j + 1) & impl->mask;
    impl->slots[j].key = m.keys[i];
    for (int c = 0; c < kLabelCount; ++c)
      impl->slots[j].weights[c] = m.weights[i * kLabelCount + c];
  }
  impl->table.Build(m.words, m.word_values);
  if (m.vec_dim > 0 && m.vectors.size() == m.vec_words.size() * m.vec_dim) {
    impl->vec_dim = static_cast<int>(m.vec_dim);
    impl->vectors = m.vectors;
    std::vector<std::uint64_t> rows(m.vec_words.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i + 1;
    impl->vec_table.Build(m.vec_words, rows);
    impl->dense.assign(static_cast<std::size_t>(names::kVectorWindow) * m.vec_dim * kRowStride, 0);
    for (int p = 0; p < names::kVectorWindow; ++p) {
      for (int d = 0; d < impl->vec_dim; ++d) {
        const std::int16_t* row = impl->Row(names::VectorKey(p, d));
        std::int32_t* out =
            &impl->dense[(static_cast<std::size_t>(p) * m.vec_dim + d) * kRowStride];
        for (int c = 0; c < kLabelCount && row; ++c) out[c] = row[c];
      }
    }
  }
  for (int p = -1; p < kLabelCount; ++p) {
    const std::int16_t* row = impl->Row(names::TransitionKey(p));
    for (int c = 0; c < kLabelCount && row; ++c) impl->trans[(p + 1) * kRowStride + c] = row[c];
  }
  return impl;
}

void NameFinder::Impl::ScoreDense(const std::uint64_t* wf, std::size_t n, std::size_t i,
                                  std::int32_t* scores) const {
  // Sum of weight x component over the window, then / kVectorUnit: at most
  // 3 x 128 x 32767 x 127 in magnitude, within int32.
  std::int32_t acc[kRowStride] = {};
  for (int p = 0; p < names::kVectorWindow; ++p) {
    const std::size_t j = i + static_cast<std::size_t>(p);
    if (j == 0 || j - 1 >= n) continue;
    const std::uint64_t v = wf[(j - 1) * names::kSlotCount + names::kVec];
    if (!v) continue;
    const std::int8_t* x = &vectors[(v - 1) * static_cast<std::size_t>(vec_dim)];
    const std::int32_t* w = &dense[static_cast<std::size_t>(p) * vec_dim * kRowStride];
    for (int d = 0; d < vec_dim; ++d, w += kRowStride) {
      const std::int32_t xd = x[d];
      for (int c = 0; c < kRowStride; ++c) acc[c] += w[c] * xd;
    }
  }
  for (int c = 0; c < kRowStride; ++c) scores[c] += acc[c] / names::kVectorUnit;
}

void NameFinder::Impl::Label(std::span<const std::string_view> words, std::span<const PosTag> tags,
                             MemoryMode mode, const std::uint8_t* memory, NameScratch* s) const {
  const std::size_t n = words.size();
  s->word_features_.resize(n * names::kSlotCount);
  s->labels_.resize(n);
  s->emit_.resize(n * kRowStride);
  s->delta_.resize(n * kRowStride);
  s->back_.resize(n * kRowStride);
  names::ComputeWordFeatures(words, tags, table, vec_table, s->word_features_.data());
  std::uint64_t* wf = s->word_features_.data();
  if (mode == MemoryMode::kEarlier && s->memory_.count > 0) {
    for (std::size_t i = 0; i < n; ++i)
      wf[i * names::kSlotCount + names::kMemory] =
          names::FindMemory(*s, wf[i * names::kSlotCount + names::kLow]);
  } else if (mode == MemoryMode::kGiven) {
    for (std::size_t i = 0; i < n; ++i) wf[i * names::kSlotCount + names::kMemory] = memory[i];
  }
  const bool caps = names::AllCapsSentence(words);
  std::uint64_t keys[names::kMaxFeatures];
  std::int32_t scores[kRowStride];
  for (std::size_t i = 0; i < n; ++i) {
    int k = names::StaticFeatures(s->word_features_.data(), n, i, caps, keys);
    Score(keys, k, scores);
    std::int64_t* e = s->emit_.data() + i * kRowStride;
    for (int c = 0; c < kRowStride; ++c) e[c] = scores[c];
  }
  // The vector features in a pass of their own: the loop above stays as
  // tight as it was without them.
  if (vec_dim) {
    for (std::size_t i = 0; i < n; ++i) {
      std::int32_t dense_scores[kRowStride] = {};
      ScoreDense(s->word_features_.data(), n, i, dense_scores);
      std::int64_t* e = s->emit_.data() + i * kRowStride;
      for (int c = 0; c < kRowStride; ++c) e[c] += dense_scores[c];
    }
  }
  names::Viterbi(s->emit_.data(), trans, n, s->delta_.data(), s->back_.data(), s->labels_.data());
}

NameFinder::NameFinder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
NameFinder::~NameFinder() = default;

Result<std::unique_ptr<NameFinder>> NameFinder::FromBytes(std::string_view bytes,
                                                          std::string_view name) {
  names::ModelData m;
  DYAD_RETURN_IF_ERROR(names::ParseModel(bytes, name, &m));
  auto impl = Impl::Build(m);
  if (!impl.ok()) return impl.status();
  return std::unique_ptr<NameFinder>(new NameFinder(std::move(impl).value()));
}

Result<std::unique_ptr<NameFinder>> NameFinder::Load(const std::string& path) {
  std::string bytes;
  DYAD_RETURN_IF_ERROR(tagger::ReadFileBytes(path, &bytes));
  return FromBytes(bytes, path);
}

std::string NameFinder::DefaultPath() {
  if (const char* env = std::getenv("DYAD_NAMES_MODEL"); env && *env) return env;
  if (const char* env = std::getenv("DYAD_DATA"); env && *env)
    return std::string(env) + "/models/names-en.dnm";
  return std::string(DYAD_DATA_DIR) + "/models/names-en.dnm";
}

void NameFinder::Find(std::span<const std::string_view> words, std::span<const PosTag> tags,
                      NameScratch* scratch, std::vector<NameSpan>* out) const {
  if (tags.size() != words.size()) tags = {};
  impl_->Label(words, tags, Impl::MemoryMode::kNone, nullptr, scratch);
  names::DecodeBilou(scratch->labels_, out);
}

void NameFinder::StartDocument(NameScratch* scratch) const { names::ClearMemory(scratch); }

void NameFinder::FindInDocument(std::span<const std::string_view> words,
                                std::span<const PosTag> tags, NameScratch* scratch,
                                std::vector<NameSpan>* out) const {
  if (tags.size() != words.size()) tags = {};
  impl_->Label(words, tags, Impl::MemoryMode::kEarlier, nullptr, scratch);
  names::DecodeBilou(scratch->labels_, out);
  names::RememberSentence(words, scratch->word_features_.data(), *out, scratch);
}

void NameFinder::Impl::Emit(const std::uint64_t* wf, std::size_t n, std::size_t i, bool caps,
                            std::int64_t* e) const {
  std::uint64_t keys[names::kMaxFeatures];
  std::int32_t scores[kRowStride];
  Score(keys, names::StaticFeatures(wf, n, i, caps, keys), scores);
  if (vec_dim) ScoreDense(wf, n, i, scores);
  for (int c = 0; c < kRowStride; ++c) e[c] = scores[c];
}

void NameFinder::Impl::Relabel(std::span<const std::string_view> words, std::uint64_t* wf,
                               std::int64_t* emit, const std::uint8_t* memory,
                               NameScratch* s) const {
  const std::size_t n = words.size();
  s->labels_.resize(n);
  s->delta_.resize(n * kRowStride);
  s->back_.resize(n * kRowStride);
  const bool caps = names::AllCapsSentence(words);
  auto changed = [&](std::size_t i) {
    return i < n && wf[i * names::kSlotCount + names::kMemory] != memory[i];
  };
  // Memory features of word i look at words i - 1, i and i + 1.
  bool prev = false, cur = changed(0);
  for (std::size_t i = 0; i < n; ++i) {
    const bool next = changed(i + 1);
    s->labels_[i] = prev || cur || next;  // 1: score word i again
    prev = cur;
    cur = next;
  }
  for (std::size_t i = 0; i < n; ++i) wf[i * names::kSlotCount + names::kMemory] = memory[i];
  for (std::size_t i = 0; i < n; ++i) {
    if (s->labels_[i]) Emit(wf, n, i, caps, emit + i * kRowStride);
  }
  names::Viterbi(emit, trans, n, s->delta_.data(), s->back_.data(), s->labels_.data());
}

void NameFinder::FindDocument(std::span<const std::string_view> words,
                              std::span<const std::uint32_t> sentence_ends,
                              std::span<const PosTag> tags, NameScratch* s,
                              std::vector<NameSpan>* out) const {
  out->clear();
  if (tags.size() != words.size()) tags = {};
  StartDocument(s);
  constexpr std::size_t kSlots = names::kSlotCount;
  s->doc_wf_.resize(words.size() * kSlots);
  s->doc_emit_.resize(words.size() * kRowStride);
  s->doc_memory_.resize(words.size());
  s->doc_names_.clear();
  s->doc_first_.clear();
  // Pass 1: each sentence in order with what the earlier ones said; its word
  // features and label scores are kept for pass 2.
  std::uint32_t b = 0;
  std::size_t sentences = 0;
  for (; sentences < sentence_ends.size(); ++sentences) {
    const std::uint32_t e = sentence_ends[sentences];
    if (e < b || e > words.size()) break;
    FindInDocument(words.subspan(b, e - b), tags.empty() ? tags : tags.subspan(b, e - b), s,
                   &s->found_);
    std::copy(s->word_features_.begin(), s->word_features_.begin() + (e - b) * kSlots,
              s->doc_wf_.begin() + b * kSlots);
    std::copy(s->emit_.begin(), s->emit_.begin() + (e - b) * kRowStride,
              s->doc_emit_.begin() + b * kRowStride);
    for (std::uint32_t i = b; i < e; ++i)
      s->doc_memory_[i] = static_cast<std::uint8_t>(s->doc_wf_[i * kSlots + names::kMemory]);
    s->doc_first_.push_back(s->doc_names_.size());
    s->doc_names_.insert(s->doc_names_.end(), s->found_.begin(), s->found_.end());
    b = e;
  }
  s->doc_first_.push_back(s->doc_names_.size());
  // Pass 2, last sentence first: a sentence with a word that later sentences
  // found in a name of a new type (their capitalised words outside names are
  // not worth it) is labelled again with all the other sentences' memory; only
  // the label scores of words whose memory features changed are recomputed.
  for (std::size_t j = sentences; j-- > 0;) {
    const std::uint32_t sb = j ? sentence_ends[j - 1] : 0, se = sentence_ends[j];
    const auto sw = words.subspan(sb, se - sb);
    const std::uint64_t* low = s->doc_wf_.data() + sb * kSlots + names::kLow;
    bool changed = false;
    for (std::uint32_t i = 0; i < se - sb && !changed; ++i) {
      const std::uint64_t later = names::FindMemory(s->later_memory_, low[i * kSlots]);
      changed = (later & ~std::uint64_t{s->doc_memory_[sb + i]} & kTypeBits) != 0;
    }
    if (changed) {
      for (std::uint32_t i = sb; i < se; ++i) {
        s->doc_memory_[i] = static_cast<std::uint8_t>(
            s->doc_memory_[i] |
            (names::FindMemory(s->later_memory_, low[(i - sb) * kSlots]) & kTypeBits));
      }
      impl_->Relabel(sw, s->doc_wf_.data() + sb * kSlots, s->doc_emit_.data() + sb * kRowStride,
                     s->doc_memory_.data() + sb, s);
      names::DecodeBilou(std::span<const std::uint8_t>(s->labels_.data(), se - sb), &s->found_);
    } else {
      s->found_.assign(s->doc_names_.begin() + static_cast<std::ptrdiff_t>(s->doc_first_[j]),
                       s->doc_names_.begin() + static_cast<std::ptrdiff_t>(s->doc_first_[j + 1]));
    }
    names::RememberSentence(sw, low, kSlots, s->found_, &s->later_memory_);
    // Collected backwards, reversed at the end.
    for (std::size_t k = s->found_.size(); k-- > 0;) {
      NameSpan x = s->found_[k];
      x.begin += sb;
      x.end += sb;
      out->push_back(x);
    }
  }
  std::reverse(out->begin(), out->end());
}

std::size_t NameFinder::FeatureCount() const { return impl_->features; }
std::size_t NameFinder::WordCount() const { return impl_->table.size(); }
const std::string& NameFinder::Description() const { return impl_->description; }

}  // namespace dyad
