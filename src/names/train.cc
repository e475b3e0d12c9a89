// Copyright dyad authors. Training the name finder: an averaged
// structured perceptron over BILOU labels with first-order Viterbi decoding.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "dyad/article.h"
#include "dyad/text.h"
#include "names/features.h"
#include "names/finder.h"
#include "names/gazetteer.h"

namespace dyad {
namespace {

using names::kLabelCount;

// A training or dev sentence ready for feature extraction.
struct Prepared {
  std::vector<std::string_view> words;
  std::vector<PosTag> tags;
  std::vector<std::uint8_t> gold;
  std::vector<NameSpan> names;
  std::uint32_t doc = 0;             // document index (a sentence without an id: its own)
  std::vector<std::uint8_t> memory;  // kMemory per word for training; empty = none
};

void Prepare(const std::vector<NerSentence>& in, std::size_t max, const Tagger* tagger,
             const Lexicon* lexicon, std::vector<Prepared>* out) {
  TaggerScratch ts;
  std::size_t n = max ? std::min(max, in.size()) : in.size();
  out->resize(n);
  for (std::size_t s = 0; s < n; ++s) {
    Prepared& p = (*out)[s];
    p.words.assign(in[s].words.begin(), in[s].words.end());
    p.names = in[s].names;
    const bool same_doc = s > 0 && !in[s].doc.empty() && in[s].doc == in[s - 1].doc;
    p.doc = s == 0 ? 0 : (*out)[s - 1].doc + (same_doc ? 0 : 1);
    p.gold.resize(p.words.size());
    names::EncodeBilou(p.names, p.words.size(), p.gold.data());
    if (tagger) {
      p.tags.resize(p.words.size());
      tagger->Tag(p.words, lexicon, &ts, p.tags.data());
    }
  }
}

std::uint64_t SplitMixNext(std::uint64_t* state) {
  std::uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Dense word vectors for training: each vector-table word's components as
// floats (q / kVectorUnit), by 1 + row as in the kVec word slot.
struct DenseVectors {
  int dim = 0;
  std::vector<float> x;
  tagger::WordTable table;
  const float* Of(std::uint64_t vec) const {
    return vec ? x.data() + (vec - 1) * static_cast<std::size_t>(dim) : nullptr;
  }
};

void BuildDenseVectors(const names::ModelData& m, DenseVectors* d) {
  d->dim = static_cast<int>(m.vec_dim);
  d->x.resize(m.vectors.size());
  for (std::size_t i = 0; i < m.vectors.size(); ++i)
    d->x[i] = static_cast<float>(m.vectors[i]) / names::kVectorUnit;
  std::vector<std::uint64_t> rows(m.vec_words.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i + 1;
  d->table.Build(m.vec_words, rows);
}

// Weights with lazy averaging: `w` the current values, `total` their sum over
// past steps up to `stamp`.
struct AveragedArray {
  std::vector<float> w;
  std::vector<double> total;
  std::vector<std::int64_t> stamp;
  void Grow(std::size_t n) {
    w.resize(n, 0.0f);
    total.resize(n, 0.0);
    stamp.resize(n, 0);
  }
  void Bump(std::size_t i, float delta, std::int64_t now) {
    total[i] += static_cast<double>(now - stamp[i]) * w[i];
    stamp[i] = now;
    w[i] += delta;
  }
  float Average(std::size_t i, std::int64_t now) const {
    double t = total[i] + static_cast<double>(now - stamp[i]) * w[i];
    return now ? static_cast<float>(t / static_cast<double>(now)) : 0.0f;
  }
};

// Weight rows of a trained model, ascending by feature key.
using Row = std::array<float, kLabelCount>;
using Rows = std::vector<std::pair<std::uint64_t, Row>>;

// The model's quantised weight table from float rows.
void QuantiseRows(const Rows& rows, names::ModelData* m) {
  float max_abs = 0;
  for (const auto& [key, row] : rows) {
    for (float w : row) max_abs = std::max(max_abs, std::fabs(w));
  }
  m->scale = max_abs > 0 ? max_abs / 32000.0f : 1.0f;
  m->keys.clear();
  m->weights.clear();
  m->weights.reserve(rows.size() * kLabelCount);
  for (const auto& [key, row] : rows) {
    m->keys.push_back(key);
    for (float w : row) m->weights.push_back(static_cast<std::int16_t>(std::lround(w / m->scale)));
  }
}

// The mean of several models' rows (a row missing from a model counts as 0).
Rows MeanRows(const std::vector<Rows>& runs) {
  std::map<std::uint64_t, Row> sum;
  for (const Rows& rows : runs) {
    for (const auto& [key, row] : rows) {
      Row& t = sum.try_emplace(key, Row{}).first->second;
      for (int c = 0; c < kLabelCount; ++c) t[c] += row[c];
    }
  }
  Rows out;
  out.reserve(sum.size());
  const auto n = static_cast<float>(runs.size());
  for (auto& [key, row] : sum) {
    for (float& w : row) w /= n;
    out.emplace_back(key, row);
  }
  return out;
}

// Averaged perceptron weights: hashed rows for the binary features, a dense
// block (kVectorWindow x dim rows) for the word vector components.
class Weights {
 public:
  explicit Weights(int vec_dim = 0) : vec_dim_(vec_dim) {
    dense_.Grow(static_cast<std::size_t>(names::kVectorWindow) * vec_dim * kLabelCount);
  }
  void Score(const std::uint64_t* keys, int k, float* scores) const {
    std::fill(scores, scores + names::kRowStride, 0.0f);
    for (int f = 0; f < k; ++f) {
      auto it = index_.find(keys[f]);
      if (it == index_.end()) continue;
      const float* w = &a_.w[it->second];
      for (int c = 0; c < kLabelCount; ++c) scores[c] += w[c];
    }
  }
  // Adds the vector features of the words at -1, 0, +1 (x[p] null: none).
  void ScoreDense(const float* const* x, float* scores) const {
    for (int p = 0; p < names::kVectorWindow; ++p) {
      if (!x[p]) continue;
      for (int d = 0; d < vec_dim_; ++d) {
        const float* w = &dense_.w[DenseRow(p, d)];
        for (int c = 0; c < kLabelCount; ++c) scores[c] += w[c] * x[p][d];
      }
    }
  }
  void Update(const std::uint64_t* keys, int k, int truth, int guess) {
    for (int f = 0; f < k; ++f) {
      std::size_t row = RowOf(keys[f]);
      a_.Bump(row + static_cast<std::size_t>(truth), 1.0f, now_);
      a_.Bump(row + static_cast<std::size_t>(guess), -1.0f, now_);
    }
  }
  void UpdateDense(const float* const* x, int truth, int guess) {
    for (int p = 0; p < names::kVectorWindow; ++p) {
      if (!x[p]) continue;
      for (int d = 0; d < vec_dim_; ++d) {
        dense_.Bump(DenseRow(p, d) + static_cast<std::size_t>(truth), x[p][d], now_);
        dense_.Bump(DenseRow(p, d) + static_cast<std::size_t>(guess), -x[p][d], now_);
      }
    }
  }
  void Add(std::uint64_t key, int label, float delta) {
    a_.Bump(RowOf(key) + static_cast<std::size_t>(label), delta, now_);
  }
  void Tick() { ++now_; }
  // Averaged and pruned weight rows, by key (the dense rows keyed by
  // names::VectorKey); rows with no weight left are dropped.
  void ExportRows(float prune, Rows* rows) const {
    std::vector<std::tuple<std::uint64_t, const AveragedArray*, std::size_t>> order;
    for (const auto& [key, row] : index_) order.emplace_back(key, &a_, row);
    for (int p = 0; p < names::kVectorWindow; ++p) {
      for (int d = 0; d < vec_dim_; ++d)
        order.emplace_back(names::VectorKey(p, d), &dense_, DenseRow(p, d));
    }
    std::sort(order.begin(), order.end());
    rows->clear();
    for (const auto& [key, array, row] : order) {
      Row avg{};
      bool any = false;
      for (int c = 0; c < kLabelCount; ++c) {
        avg[c] = array->Average(row + static_cast<std::size_t>(c), now_);
        if (std::fabs(avg[c]) < prune) avg[c] = 0;
        any |= avg[c] != 0;
      }
      if (any) rows->emplace_back(key, avg);
    }
  }
  // Averaged, quantised and pruned model tables.
  void Export(float prune, names::ModelData* m) const {
    Rows rows;
    ExportRows(prune, &rows);
    QuantiseRows(rows, m);
  }
  std::size_t size() const { return index_.size(); }

 private:
  std::size_t DenseRow(int p, int d) const {
    return (static_cast<std::size_t>(p) * vec_dim_ + d) * kLabelCount;
  }
  std::size_t RowOf(std::uint64_t key) {
    auto [it, fresh] = index_.emplace(key, a_.w.size());
    if (fresh) a_.Grow(a_.w.size() + kLabelCount);
    return it->second;
  }
  int vec_dim_;
  std::unordered_map<std::uint64_t, std::size_t> index_;
  AveragedArray a_;
  AveragedArray dense_;
  std::int64_t now_ = 0;
};

// Per-sentence working memory for structured training.
struct TrainScratch {
  std::vector<std::uint64_t> wf;
  std::vector<std::uint64_t> keys;  // kMaxFeatures per word
  std::vector<int> counts;          // keys per word
  std::vector<float> emit, delta;
  std::vector<std::uint8_t> back, guess;
  std::vector<const float*> x_;  // kVectorWindow per word
  const float** x = nullptr;
};

// The vectors of the words at i - 1, i, i + 1 (null where none).
void VectorWindow(const std::uint64_t* wf, std::size_t n, std::size_t i, const DenseVectors& vec,
                  const float** x) {
  for (int p = 0; p < names::kVectorWindow; ++p) {
    const std::size_t j = i + static_cast<std::size_t>(p);
    x[p] = j >= 1 && j - 1 < n ? vec.Of(wf[(j - 1) * names::kSlotCount + names::kVec]) : nullptr;
  }
}

// Viterbi decoding of a sentence with the current weights; an update on every
// word whose label is wrong and every wrong transition (structured perceptron).
void TrainSentence(const Prepared& p, const tagger::WordTable& table, const DenseVectors& vec,
                   Weights* w, TrainScratch* s) {
  const std::size_t n = p.words.size();
  if (n == 0) return;
  constexpr int kStride = names::kRowStride;
  s->wf.resize(n * names::kSlotCount);
  s->keys.resize(n * names::kMaxFeatures);
  s->counts.resize(n);
  s->emit.assign(n * kStride, 0.0f);
  s->delta.resize(n * kStride);
  s->back.resize(n * kStride);
  s->guess.resize(n);
  s->x_.resize(n * names::kVectorWindow);
  s->x = s->x_.data();
  names::ComputeWordFeatures(p.words, p.tags, table, vec.table, s->wf.data());
  for (std::size_t i = 0; i < p.memory.size() && i < n; ++i)
    s->wf[i * names::kSlotCount + names::kMemory] = p.memory[i];
  const bool caps = names::AllCapsSentence(p.words);
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t* keys = s->keys.data() + i * names::kMaxFeatures;
    s->counts[i] = names::StaticFeatures(s->wf.data(), n, i, caps, keys);
    w->Score(keys, s->counts[i], s->emit.data() + i * kStride);
    if (vec.dim) {
      VectorWindow(s->wf.data(), n, i, vec, s->x + names::kVectorWindow * i);
      w->ScoreDense(s->x + names::kVectorWindow * i, s->emit.data() + i * kStride);
    }
  }
  float trans[(kLabelCount + 1) * kStride] = {};
  for (int prev = -1; prev < kLabelCount; ++prev) {
    std::uint64_t key = names::TransitionKey(prev);
    w->Score(&key, 1, trans + (prev + 1) * kStride);
  }
  names::Viterbi(s->emit.data(), trans, n, s->delta.data(), s->back.data(), s->guess.data());
  for (std::size_t i = 0; i < n; ++i) {
    const int truth = p.gold[i], guess = s->guess[i];
    if (truth != guess) {
      w->Update(s->keys.data() + i * names::kMaxFeatures, s->counts[i], truth, guess);
      if (vec.dim) w->UpdateDense(s->x + names::kVectorWindow * i, truth, guess);
    }
    const int gp = i ? p.gold[i - 1] : -1, pp = i ? s->guess[i - 1] : -1;
    if (truth != guess || gp != pp) {
      w->Add(names::TransitionKey(gp), truth, 1.0f);
      w->Add(names::TransitionKey(pp), guess, -1.0f);
    }
  }
  w->Tick();
}

// Adds the case profile of the training words (kSeenLower, kSeenCapital) to
// the word table: how often each word is written lower-case or capitalised
// where case says something (not the first word, not in headlines).
using CaseCounts = std::unordered_map<std::uint64_t, std::pair<std::uint32_t, std::uint32_t>>;

// Counts lower-case and capitalised uses of each word of a sentence (by the
// hash of the lower-cased word), leaving out the first word and headlines.
void CountCase(std::span<const std::string_view> words, CaseCounts* counts) {
  if (names::AllCapsSentence(words)) return;
  for (std::size_t i = 1; i < words.size(); ++i) {
    const std::string_view w = words[i];
    if (w.empty()) continue;
    const auto c = static_cast<unsigned char>(w[0]);
    if (c >= 'a' && c <= 'z') ++(*counts)[tagger::WordHash(w)].first;
    if (c >= 'A' && c <= 'Z') ++(*counts)[tagger::WordHash(w)].second;
  }
}

// The same over unlabelled articles (any format OpenArticleReader reads),
// tokenised as dyad tokenises at run time.
Status CountCaseInText(const std::vector<std::string>& inputs, CaseCounts* counts) {
  Document doc;
  std::vector<std::string_view> words;
  for (const std::string& in : inputs) {
    auto reader = OpenArticleReader(in, ReadOptions{});
    if (!reader.ok()) return reader.status();
    Article a;
    while (true) {
      auto more = (*reader)->Next(&a);
      if (!more.ok()) return more.status();
      if (!*more) break;
      if (!SplitText(a.body, TextOptions{}, &doc).ok()) continue;
      for (const Sentence& s : doc.sentences) {
        words.clear();
        for (std::uint32_t t = s.first_token; t < s.first_token + s.token_count; ++t)
          words.push_back(doc.TokenText(doc.tokens[t]));
        CountCase(words, counts);
      }
    }
  }
  return Status::Ok();
}

Status AddCaseProfile(const std::vector<Prepared>& sents, const std::vector<std::string>& text,
                      names::ModelData* m) {
  CaseCounts counts;
  for (const Prepared& p : sents) CountCase(p.words, &counts);
  DYAD_RETURN_IF_ERROR(CountCaseInText(text, &counts));
  std::map<std::uint64_t, std::uint64_t> table;
  for (std::size_t i = 0; i < m->words.size(); ++i) table[m->words[i]] = m->word_values[i];
  for (const auto& [hash, lc] : counts) {
    const auto [lower, capital] = lc;
    std::uint64_t bits = 0;
    if (lower >= 2 && lower >= capital) bits |= names::kSeenLower;
    if (capital >= 2 && capital > 4 * lower) bits |= names::kSeenCapital;
    if (bits) table[hash] |= bits << 48;
  }
  m->words.clear();
  m->word_values.clear();
  for (const auto& [hash, v] : table) {
    m->words.push_back(hash);
    m->word_values.push_back(v);
  }
  return Status::Ok();
}

void ScoreSentence(std::span<const NameSpan> gold, std::span<const NameSpan> guess,
                   NameEvaluation* e) {
  for (const NameSpan& g : gold) {
    ++e->all.gold;
    ++e->by_type[names::TypeIndex(g.type)].gold;
  }
  for (const NameSpan& s : guess) {
    ++e->all.predicted;
    ++e->by_type[names::TypeIndex(s.type)].predicted;
    if (std::find(gold.begin(), gold.end(), s) != gold.end()) {
      ++e->all.correct;
      ++e->by_type[names::TypeIndex(s.type)].correct;
    }
  }
}

// Runs the finder over the sentences in document mode: FindDocument's two
// passes (as the pipeline does) or, with `two_pass` false, FindInDocument
// alone; `memory` (may be null) receives each word's kMemory value.
NameEvaluation EvaluatePrepared(const NameFinder& finder, const std::vector<Prepared>& sents,
                                bool two_pass,
                                std::vector<std::vector<std::uint8_t>>* memory = nullptr) {
  NameEvaluation e;
  NameScratch s;
  std::vector<NameSpan> found, sentence;
  std::vector<std::string_view> words;
  std::vector<PosTag> tags;
  std::vector<std::uint32_t> ends;
  for (std::size_t first = 0, last = 0; first < sents.size(); first = last) {
    // Sentences [first, last) are one document.
    words.clear();
    tags.clear();
    ends.clear();
    for (last = first; last < sents.size() && sents[last].doc == sents[first].doc; ++last) {
      const Prepared& p = sents[last];
      words.insert(words.end(), p.words.begin(), p.words.end());
      if (p.tags.size() == p.words.size()) tags.insert(tags.end(), p.tags.begin(), p.tags.end());
      ends.push_back(static_cast<std::uint32_t>(words.size()));
    }
    if (two_pass) {
      finder.FindDocument(words, ends, tags, &s, &found);
    } else {
      finder.StartDocument(&s);
      found.clear();
      s.doc_memory_.resize(words.size());
      for (std::size_t i = first; i < last; ++i) {
        const std::uint32_t b = i == first ? 0 : ends[i - first - 1];
        finder.FindInDocument(sents[i].words, sents[i].tags, &s, &sentence);
        for (NameSpan x : sentence) found.push_back({x.begin + b, x.end + b, x.type});
        for (std::size_t w = 0; w < sents[i].words.size(); ++w)
          s.doc_memory_[b + w] =
              static_cast<std::uint8_t>(s.word_features_[w * names::kSlotCount + names::kMemory]);
      }
    }
    std::size_t k = 0;
    for (std::size_t i = first; i < last; ++i) {
      const std::uint32_t b = i == first ? 0 : ends[i - first - 1];
      sentence.clear();
      for (; k < found.size() && found[k].end <= ends[i - first]; ++k)
        sentence.push_back({found[k].begin - b, found[k].end - b, found[k].type});
      ScoreSentence(sents[i].names, sentence, &e);
      if (memory)
        (*memory)[i].assign(s.doc_memory_.begin() + b, s.doc_memory_.begin() + ends[i - first]);
    }
  }
  return e;
}

// Document memory values for training (Ratinov & Roth 2009): the training
// documents are split into `folds`; each fold is labelled, in document mode,
// by a model trained on the other folds, and its words' memory values are
// what that model's document mode saw. A model's memory of its own training
// data would be nearly gold and over-trusted on new text.
Status JackknifeMemory(const TrainNamesOptions& o, const names::ModelData& base,
                       const tagger::WordTable& table, const DenseVectors& vec,
                       std::vector<Prepared>* tr) {
  const auto folds = static_cast<std::uint32_t>(o.memory_folds);
  std::vector<std::vector<std::uint8_t>> memory(tr->size());
  for (std::uint32_t k = 0; k < folds; ++k) {
    std::vector<std::size_t> order;
    std::vector<Prepared> held_out;
    std::vector<std::size_t> held_index;
    for (std::size_t i = 0; i < tr->size(); ++i) {
      if ((*tr)[i].doc % folds != k) {
        order.push_back(i);
      } else {
        held_out.push_back((*tr)[i]);
        held_index.push_back(i);
      }
    }
    std::uint64_t rng = o.seed * 7919 + k;
    Weights w(vec.dim);
    TrainScratch scratch;
    for (int epoch = 0; epoch < o.memory_epochs; ++epoch) {
      for (std::size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[SplitMixNext(&rng) % i]);
      for (std::size_t i : order) TrainSentence((*tr)[i], table, vec, &w, &scratch);
    }
    names::ModelData m = base;
    w.Export(o.prune_below, &m);
    auto finder = NameFinder::FromBytes(names::SerializeModel(m), "fold model");
    if (!finder.ok()) return finder.status();
    std::vector<std::vector<std::uint8_t>> fold_memory(held_out.size());
    NameEvaluation e = EvaluatePrepared(**finder, held_out, false, &fold_memory);
    for (std::size_t j = 0; j < held_index.size(); ++j)
      memory[held_index[j]] = std::move(fold_memory[j]);
    if (o.progress) {
      char buf[120];
      std::snprintf(buf, sizeof buf, "memory fold %u of %u: held-out F1 %.4f", k + 1, folds,
                    e.all.f1());
      o.progress(Diagnostic{"", buf});
    }
  }
  for (std::size_t i = 0; i < tr->size(); ++i) (*tr)[i].memory = std::move(memory[i]);
  return Status::Ok();
}

std::string Describe(const TrainNamesOptions& o, const TrainNamesReport& r, int epoch,
                     const NameEvaluation& dev) {
  char buf[512];
  std::snprintf(
      buf, sizeof buf,
      "dyad names model: averaged structured perceptron, Viterbi BILOU; %zu training sentences "
      "(%zu words); epoch %d of %d, seed %llu; dev F1 %.4f (P %.4f R %.4f)%s%s%s%s",
      r.train_sentences, r.train_tokens, epoch, o.epochs, static_cast<unsigned long long>(o.seed),
      dev.all.f1(), dev.all.precision(), dev.all.recall(), o.tagger ? "; tagger tags" : "",
      o.clusters.empty() ? "" : "; word clusters", o.vectors.empty() ? "" : "; word vectors",
      o.memory_folds > 1 ? "; document memory (jackknifed)" : "");
  std::string d = buf;
  if (o.runs > 1) {
    d += "; weights averaged over " + std::to_string(o.runs) + " runs (seeds " +
         std::to_string(o.seed) + ".." + std::to_string(o.seed + o.runs - 1) + ")";
  }
  return d;
}

// One training run: epochs over the shuffled training sentences (shuffle
// seed `seed`) until the dev F1 has not risen for `patience` epochs. Returns
// the best epoch's model and its rows (`rows`); fills the report's epoch and
// dev fields.
std::string TrainRun(const TrainNamesOptions& options, std::uint64_t seed,
                     const names::ModelData& base, const tagger::WordTable& table,
                     const DenseVectors& vec, const std::vector<Prepared>& tr,
                     const std::vector<Prepared>& dv, TrainNamesReport* report, Rows* rows) {
  std::vector<std::size_t> order(tr.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::uint64_t rng = seed;
  Weights w(vec.dim);
  TrainScratch scratch;
  std::string best;
  double best_f1 = -1;
  int since_best = 0;
  Rows epoch_rows;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i)
      std::swap(order[i - 1], order[SplitMixNext(&rng) % i]);
    for (std::size_t i : order) TrainSentence(tr[i], table, vec, &w, &scratch);
    names::ModelData m = base;
    w.ExportRows(options.prune_below, &epoch_rows);
    QuantiseRows(epoch_rows, &m);
    m.description = "";
    auto finder = NameFinder::FromBytes(names::SerializeModel(m), "epoch model");
    if (!finder.ok()) return "";
    NameEvaluation e = EvaluatePrepared(**finder, dv, true);
    report->epochs_run = epoch;
    if (options.progress) {
      char buf[160];
      std::snprintf(buf, sizeof buf,
                    "seed %llu epoch %d: dev F1 %.4f (P %.4f R %.4f), %zu features",
                    static_cast<unsigned long long>(seed), epoch, e.all.f1(), e.all.precision(),
                    e.all.recall(), m.keys.size());
      options.progress(Diagnostic{"", buf});
    }
    if (e.all.f1() > best_f1) {
      best_f1 = e.all.f1();
      report->best_epoch = epoch;
      report->best_dev = e;
      report->features = m.keys.size();
      m.description = Describe(options, *report, epoch, e);
      best = names::SerializeModel(m);
      rows->swap(epoch_rows);
      since_best = 0;
    } else if (++since_best >= options.patience) {
      break;
    }
  }
  return best;
}

}  // namespace

NameEvaluation EvaluateNames(const NameFinder& finder, const std::vector<NerSentence>& sentences,
                             const Tagger* tagger, const Lexicon* lexicon, bool two_pass) {
  std::vector<Prepared> p;
  Prepare(sentences, 0, tagger, lexicon, &p);
  return EvaluatePrepared(finder, p, two_pass);
}

Result<std::string> TrainNames(const std::vector<NerSentence>& train,
                               const std::vector<NerSentence>& dev,
                               const TrainNamesOptions& options, TrainNamesReport* report) {
  if (train.empty()) return InvalidArgument("no training sentences");
  names::ModelData base;
  DYAD_RETURN_IF_ERROR(
      names::BuildWordTable(options.clusters, options.data_dir, options.leaders_dir, &base));
  std::vector<Prepared> tr, dv;
  Prepare(train, options.max_train_sentences, options.tagger, options.lexicon, &tr);
  Prepare(dev, 0, options.tagger, options.lexicon, &dv);
  DYAD_RETURN_IF_ERROR(AddCaseProfile(tr, options.case_text, &base));
  if (!options.vectors.empty()) DYAD_RETURN_IF_ERROR(names::AddWordVectors(options.vectors, &base));
  tagger::WordTable table;
  table.Build(base.words, base.word_values);
  DenseVectors vec;
  BuildDenseVectors(base, &vec);
  if (options.memory_folds > 1)
    DYAD_RETURN_IF_ERROR(JackknifeMemory(options, base, table, vec, &tr));
  *report = TrainNamesReport{};
  report->train_sentences = tr.size();
  for (const Prepared& p : tr) report->train_tokens += p.words.size();
  report->words = base.words.size();
  const int runs = std::max(1, options.runs);
  std::vector<Rows> run_rows(static_cast<std::size_t>(runs));
  int epochs = 0;
  for (int r = 0; r < runs; ++r) {
    TrainNamesReport run = *report;
    std::string best = TrainRun(options, options.seed + static_cast<std::uint64_t>(r), base, table,
                                vec, tr, dv, &run, &run_rows[static_cast<std::size_t>(r)]);
    if (best.empty()) return Internal("names training made no model");
    epochs += run.best_epoch;
    if (runs == 1) {
      *report = run;
      return best;
    }
  }
  // Several runs (seeds seed, seed + 1, ...): their best epochs' weights
  // averaged, which evens out the shuffles' luck.
  names::ModelData m = base;
  QuantiseRows(MeanRows(run_rows), &m);
  auto finder = NameFinder::FromBytes(names::SerializeModel(m), "averaged model");
  if (!finder.ok()) return finder.status();
  report->best_dev = EvaluatePrepared(**finder, dv, true);
  report->best_epoch = epochs / runs;
  report->epochs_run = epochs;
  report->features = m.keys.size();
  m.description = Describe(options, *report, report->best_epoch, report->best_dev);
  return names::SerializeModel(m);
}

Status WriteNamesFile(std::string_view bytes, const std::string& path) {
  const std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return IoError(tmp + ": cannot create");
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok &= std::fclose(f) == 0;
  if (!ok) return IoError(tmp + ": write failed");
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return IoError(path + ": cannot rename: " + ec.message());
  return Status::Ok();
}

}  // namespace dyad
