// Copyright dyad authors. Parser training (averaged perceptron, dynamic
// oracle) and evaluation from CoNLL-U.
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dyad/parser.h"
#include "names/features.h"
#include "parser/model.h"
#include "parser/state.h"
#include "tagger/conllu.h"
#include "tagger/features.h"

namespace dyad {
namespace {

using parser::Workspace;
using tagger::ConlluFile;
using tagger::ConlluSentence;

// One training tree: words 1..n (index 0 unused in gold_head/gold_label).
struct Tree {
  std::vector<std::uint64_t> hashes;
  std::vector<PosTag> tags;
  std::vector<std::int32_t> gold_head;
  std::vector<std::uint16_t> gold_label;
};

struct Instance {
  Tree split;
  Tree merged;  // empty when the sentence has no multiword tokens
};

// A sentence to score: words, tags to parse with, gold arcs.
struct EvalSentence {
  std::vector<std::string_view> words;
  std::vector<PosTag> tags;
  std::vector<std::int32_t> gold_head;  // 0-based, kRootHead
  std::vector<std::string_view> gold_deprel;
  std::string group;
};

std::string_view Universal(std::string_view deprel) { return deprel.substr(0, deprel.find(':')); }

std::string GroupOf(std::string_view sent_id) {
  if (sent_id.substr(0, 4) == "GUM_") {
    sent_id.remove_prefix(4);
    return std::string(sent_id.substr(0, sent_id.find('_')));
  }
  return std::string(sent_id.substr(0, sent_id.find_first_of("-_")));
}

void TagWords(const Tagger* tagger, const Lexicon* lexicon, std::span<const std::string_view> words,
              TaggerScratch* scratch, std::vector<PosTag>* tags) {
  tags->resize(words.size());
  if (tagger != nullptr) tagger->Tag(words, lexicon, scratch, tags->data());
}

// The sentence with every multiword token merged into one word: the part
// whose head lies outside the span gives the merged word its head and
// relation; dependents of any part attach to the merged word. Writes the
// words, their gold tags (those of the first part), heads (1-based, 0 = root)
// and relations.
void MergeTokens(const ConlluSentence& s, std::vector<std::string_view>* words,
                 std::vector<PosTag>* gold_tags, std::vector<std::int32_t>* heads,
                 std::vector<std::string_view>* deprels) {
  const std::size_t n = s.words.size();
  std::vector<std::int32_t> map(n + 1, 0);  // old 1-based -> new 1-based
  std::vector<std::int32_t> source;         // new 1-based -> old 1-based word giving the arc
  source.push_back(0);
  words->clear();
  gold_tags->clear();
  std::size_t r = 0;
  for (std::size_t i = 0; i < n;) {
    if (r < s.ranges.size() && s.ranges[r].first == i) {
      const tagger::ConlluRange& range = s.ranges[r++];
      std::size_t head_part = range.first;
      for (std::size_t j = range.first; j <= range.last; ++j) {
        const std::uint32_t h = s.words[j].head;
        if (h == 0 || h - 1 < range.first || h - 1 > range.last) {
          head_part = j;
          break;
        }
      }
      words->push_back(range.form);
      gold_tags->push_back(s.words[range.first].tag);
      source.push_back(static_cast<std::int32_t>(head_part + 1));
      for (std::size_t j = range.first; j <= range.last; ++j)
        map[j + 1] = static_cast<std::int32_t>(words->size());
      i = range.last + 1;
      continue;
    }
    words->push_back(s.words[i].form);
    gold_tags->push_back(s.words[i].tag);
    source.push_back(static_cast<std::int32_t>(i + 1));
    map[i + 1] = static_cast<std::int32_t>(words->size());
    ++i;
  }
  heads->assign(words->size() + 1, 0);
  deprels->assign(words->size() + 1, {});
  for (std::size_t k = 1; k <= words->size(); ++k) {
    const tagger::ConlluWord& w = s.words[source[k] - 1];
    (*heads)[k] = map[w.head];
    (*deprels)[k] = w.deprel;
  }
}

class Labels {
 public:
  void Collect(std::string_view deprel) { names_.emplace(deprel, 0); }
  void Freeze() {
    std::uint16_t i = 0;
    for (auto& [name, id] : names_) id = i++;
  }
  // kNoLabel when unseen.
  static constexpr std::uint16_t kNoLabel = 0xFFFF;
  std::uint16_t Id(std::string_view deprel) const {
    auto it = names_.find(std::string(deprel));
    return it == names_.end() ? kNoLabel : it->second;
  }
  std::vector<std::string> Names() const {
    std::vector<std::string> out;
    for (const auto& [name, id] : names_) out.push_back(name);
    return out;
  }
  std::size_t size() const { return names_.size(); }

 private:
  std::map<std::string, std::uint16_t> names_;
};

// Builds a training tree; false if the arcs do not form a tree.
bool MakeTree(std::span<const std::string_view> words, std::vector<PosTag> tags,
              std::vector<std::int32_t> heads, std::span<const std::string_view> deprels,
              const Labels& labels, std::size_t* lifted, Tree* out) {
  if (!parser::IsTree(heads)) return false;
  *lifted += static_cast<std::size_t>(parser::Projectivize(&heads));
  out->hashes.clear();
  for (std::string_view w : words) out->hashes.push_back(tagger::WordHash(w));
  out->tags = std::move(tags);
  out->gold_head = std::move(heads);
  out->gold_label.assign(words.size() + 1, 0);
  for (std::size_t k = 1; k <= words.size(); ++k) {
    const std::uint16_t id = labels.Id(deprels[k]);
    if (id == Labels::kNoLabel) return false;
    out->gold_label[k] = id;
  }
  return true;
}

struct TWeight {
  std::uint16_t cls;
  std::int32_t w;
  std::int32_t stamp;
  std::int64_t total;  // sum of w over all steps before `stamp`
};

class Perceptron {
 public:
  explicit Perceptron(std::uint32_t classes) : classes_(classes) { index_.reserve(1 << 20); }

  void Score(const std::uint64_t* keys, int n, std::int32_t* scores) const {
    std::fill(scores, scores + classes_, 0);
    for (int k = 0; k < n; ++k) {
      auto it = index_.find(keys[k]);
      if (it == index_.end()) continue;
      for (const TWeight& w : weights_[it->second]) scores[w.cls] += w.w;
    }
  }

  void Update(const std::uint64_t* keys, int n, std::uint16_t truth, std::uint16_t guess) {
    for (int k = 0; k < n; ++k) {
      auto [it, inserted] = index_.try_emplace(keys[k], static_cast<std::uint32_t>(keys_.size()));
      if (inserted) {
        keys_.push_back(keys[k]);
        weights_.emplace_back();
      }
      std::vector<TWeight>& ws = weights_[it->second];
      Bump(&ws, truth, 1);
      Bump(&ws, guess, -1);
    }
  }

  void Tick() { ++now_; }

  void Export(float prune_below, parser::ModelData* m) const {
    std::vector<std::uint32_t> order(keys_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return keys_[a] < keys_[b]; });
    const double now = static_cast<double>(std::max<std::int64_t>(now_, 1));
    auto avg = [&](const TWeight& w) {
      return static_cast<double>(w.total + std::int64_t{w.w} * (now_ - w.stamp)) / now;
    };
    double max_abs = 0;
    for (const auto& ws : weights_) {
      for (const TWeight& w : ws) max_abs = std::max(max_abs, std::fabs(avg(w)));
    }
    const double scale = max_abs > 0 ? max_abs / 32767.0 : 1.0;
    m->scale = static_cast<float>(scale);
    m->keys.clear();
    m->counts.clear();
    m->entry_class.clear();
    m->entry_weight.clear();
    std::vector<std::pair<std::uint16_t, std::int16_t>> row;
    for (std::uint32_t f : order) {
      row.clear();
      for (const TWeight& w : weights_[f]) {
        const double a = avg(w);
        if (std::fabs(a) < prune_below) continue;
        const long q = std::lround(a / scale);
        if (q == 0) continue;
        row.emplace_back(w.cls, static_cast<std::int16_t>(q));
      }
      if (row.empty()) continue;
      std::sort(row.begin(), row.end());
      m->keys.push_back(keys_[f]);
      m->counts.push_back(static_cast<std::uint8_t>(row.size()));
      for (auto [c, q] : row) {
        m->entry_class.push_back(static_cast<std::uint8_t>(c));
        m->entry_weight.push_back(q);
      }
    }
  }

 private:
  void Bump(std::vector<TWeight>* ws, std::uint16_t cls, std::int32_t delta) {
    const auto now = static_cast<std::int32_t>(now_);
    for (TWeight& w : *ws) {
      if (w.cls == cls) {
        w.total += std::int64_t{w.w} * (now - w.stamp);
        w.stamp = now;
        w.w += delta;
        return;
      }
    }
    ws->push_back({cls, delta, now, 0});
  }

  std::uint32_t classes_;
  std::unordered_map<std::uint64_t, std::uint32_t> index_;
  std::vector<std::uint64_t> keys_;
  std::vector<std::vector<TWeight>> weights_;
  std::int64_t now_ = 0;
};

struct TrainContext {
  const tagger::WordTable* clusters;
  Perceptron* model;
  std::uint32_t classes;
  std::uint16_t root;
  double explore;  // 0 before explore_from_epoch
  std::mt19937_64* rng;
  Workspace ws;
  std::vector<std::int32_t> scores;
  std::vector<int> costs;
};

double Uniform(std::mt19937_64* rng) { return static_cast<double>((*rng)() >> 11) * 0x1.0p-53; }

// One pass of the dynamic oracle over a tree; returns the number of updates.
std::size_t TrainTree(const Tree& t, TrainContext* c) {
  Workspace& ws = c->ws;
  ws.ResetWithHashes(t.hashes, t.tags, *c->clusters);
  c->scores.resize(c->classes);
  c->costs.resize(c->classes);
  const std::int32_t* gh = t.gold_head.data();
  const std::uint16_t* gl = t.gold_label.data();
  std::size_t updates = 0;
  while (!ws.Terminal()) {
    const int nf = ws.Features();
    c->model->Score(ws.keys, nf, c->scores.data());
    // Costs per move, then per label.
    const int s = ws.S0();
    int move_cost[4];
    move_cost[parser::kShift] = parser::TransitionCost(ws, 0, gh, gl);
    move_cost[parser::kReduce] = parser::TransitionCost(ws, 1, gh, gl);
    move_cost[parser::kLeft] = parser::TransitionCost(ws, parser::LeftClass(gl[s]), gh, gl);
    move_cost[parser::kRight] = parser::TransitionCost(ws, parser::RightClass(gl[ws.b]), gh, gl);
    std::uint32_t pred = 0, gold = 0;
    bool have_pred = false, have_gold = false;
    int min_cost = 1 << 30;
    for (std::uint32_t cls = 0; cls < c->classes; ++cls) {
      if (!ws.Legal(cls, c->root)) continue;
      const int move = parser::MoveOf(cls);
      int cost = move_cost[move];
      if (move == parser::kLeft && gh[s] == ws.b && parser::LabelOf(cls) != gl[s]) ++cost;
      if (move == parser::kRight && gh[ws.b] == s && parser::LabelOf(cls) != gl[ws.b]) ++cost;
      c->costs[cls] = cost;
      if (!have_pred || c->scores[cls] > c->scores[pred]) pred = cls, have_pred = true;
      if (cost < min_cost || (cost == min_cost && c->scores[cls] > c->scores[gold])) {
        min_cost = cost;
        gold = cls;
        have_gold = true;
      }
    }
    if (!have_gold) break;  // cannot happen: SHIFT is legal while the buffer is not empty
    std::uint32_t next = gold;
    if (c->costs[pred] > min_cost) {
      c->model->Update(ws.keys, nf, static_cast<std::uint16_t>(gold),
                       static_cast<std::uint16_t>(pred));
      ++updates;
      if (c->explore > 0 && Uniform(c->rng) < c->explore) next = pred;
    } else {
      next = pred;
    }
    c->model->Tick();
    ws.Apply(next);
  }
  return updates;
}

void ScoreSentence(const EvalSentence& s, std::span<const DepArc> arcs, const Parser& parser,
                   ParseScore* score) {
  ++score->sentences;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    ++score->words;
    if (arcs[i].head != s.gold_head[i]) continue;
    ++score->head_correct;
    const std::string_view got = parser.DeprelName(arcs[i].deprel);
    score->label_correct += got == s.gold_deprel[i];
    score->ulabel_correct += Universal(got) == Universal(s.gold_deprel[i]);
  }
}

ParseScore Evaluate(const Parser& parser, const std::vector<EvalSentence>& sentences,
                    std::map<std::string, ParseScore>* by_group) {
  ParseScore total;
  ParserScratch scratch;
  std::vector<DepArc> arcs;
  for (const EvalSentence& s : sentences) {
    arcs.resize(s.words.size());
    parser.Parse(s.words, s.tags, &scratch, arcs);
    ParseScore one;
    ScoreSentence(s, arcs, parser, &one);
    total.Add(one);
    if (by_group != nullptr) (*by_group)[s.group].Add(one);
  }
  return total;
}

void MakeEvalSentences(const ConlluFile& f, std::size_t max, const Tagger* tagger,
                       const Lexicon* lexicon, std::vector<EvalSentence>* out) {
  TaggerScratch scratch;
  for (const ConlluSentence& s : f.sentences) {
    if (max != 0 && out->size() >= max) return;
    EvalSentence e;
    for (const auto& w : s.words) {
      e.words.push_back(w.form);
      e.gold_head.push_back(static_cast<std::int32_t>(w.head) - 1);
      e.gold_deprel.push_back(w.deprel);
      e.tags.push_back(w.tag);
    }
    if (tagger != nullptr) TagWords(tagger, lexicon, e.words, &scratch, &e.tags);
    e.group = GroupOf(s.sent_id);
    out->push_back(std::move(e));
  }
}

std::string Percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * v);
  return buf;
}

// Jackknifing: the fold (0..folds-1) of sentence j of a file of n sentences,
// cut into `folds` contiguous blocks (documents stay together).
std::size_t FoldOf(std::size_t j, std::size_t n, int folds) {
  return j * static_cast<std::size_t>(folds) / n;
}

// Appends sentence `s` as CoNLL-U, with its own comment, range and word lines.
void AppendConllu(const ConlluSentence& s, std::string* out) {
  for (std::string_view c : s.comments) out->append(c).push_back('\n');
  std::size_t r = 0;
  for (std::size_t i = 0; i < s.words.size(); ++i) {
    for (; r < s.ranges.size() && s.ranges[r].first == i; ++r)
      out->append(s.ranges[r].line).push_back('\n');
    out->append(s.words[i].line).push_back('\n');
  }
  out->push_back('\n');
}

// A temporary file name unique to this process and call.
std::string TempConlluPath(int fold) {
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path dir = std::filesystem::temp_directory_path();
  return (dir / ("dyad-jackknife-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) +
                 "-fold" + std::to_string(fold + 1) + ".conllu"))
      .string();
}

// Trains the tagger for fold k: on every sentence of `files` outside fold k.
Result<std::unique_ptr<Tagger>> TrainFoldTagger(const std::vector<ConlluFile>& files, int k,
                                                const std::vector<std::string>& dev,
                                                const TrainParserOptions& options) {
  std::string text;
  std::size_t sentences = 0;
  for (const ConlluFile& f : files) {
    const std::size_t n = f.sentences.size();
    for (std::size_t j = 0; j < n; ++j) {
      if (FoldOf(j, n, options.jackknife_folds) == static_cast<std::size_t>(k)) continue;
      AppendConllu(f.sentences[j], &text);
      ++sentences;
    }
  }
  const std::string path = TempConlluPath(k);
  DYAD_RETURN_IF_ERROR(WriteParserModel(text, path));
  TrainTaggerReport report;
  auto bytes = TrainTagger({path}, dev, options.jackknife_tagger, &report);
  std::remove(path.c_str());
  if (!bytes.ok()) return bytes.status();
  if (options.progress) {
    options.progress(Diagnostic{"", "jackknife fold " + std::to_string(k + 1) + "/" +
                                        std::to_string(options.jackknife_folds) +
                                        ": tagger trained on " + std::to_string(sentences) +
                                        " sentences, dev UPOS " + Percent(report.best_dev.upos()) +
                                        " XPOS " + Percent(report.best_dev.xpos())});
  }
  return Tagger::FromBytes(*bytes, "jackknife fold tagger");
}

// The tagger of each training sentence: one per fold when jackknifing, else
// options.tagger (null: gold tags) for all.
struct TrainTaggers {
  std::vector<std::unique_ptr<Tagger>> folds;
  const Tagger* For(const TrainParserOptions& options, std::size_t j, std::size_t n) const {
    if (folds.empty()) return options.tagger;
    return folds[FoldOf(j, n, static_cast<int>(folds.size()))].get();
  }
};

Status MakeTrainTaggers(const std::vector<ConlluFile>& files, const std::vector<std::string>& dev,
                        const TrainParserOptions& options, TrainTaggers* out) {
  for (int k = 0; k < options.jackknife_folds; ++k) {
    auto t = TrainFoldTagger(files, k, dev, options);
    if (!t.ok()) return t.status();
    out->folds.push_back(std::move(t).value());
  }
  return Status::Ok();
}

Status BuildInstances(const std::vector<ConlluFile>& files, const Labels& labels,
                      const TrainParserOptions& options, const TrainTaggers& taggers,
                      TrainParserReport* report, std::vector<Instance>* out) {
  TaggerScratch scratch;
  std::vector<std::string_view> words, deprels;
  std::vector<PosTag> tags;
  std::vector<std::int32_t> heads;
  for (const ConlluFile& f : files) {
    for (std::size_t j = 0; j < f.sentences.size(); ++j) {
      const ConlluSentence& s = f.sentences[j];
      const Tagger* tagger = taggers.For(options, j, f.sentences.size());
      Instance inst;
      words.clear();
      tags.clear();
      heads.assign(1, 0);
      deprels.assign(1, {});
      for (const auto& w : s.words) {
        words.push_back(w.form);
        tags.push_back(w.tag);
        heads.push_back(static_cast<std::int32_t>(w.head));
        deprels.push_back(w.deprel);
      }
      if (tagger != nullptr) TagWords(tagger, options.lexicon, words, &scratch, &tags);
      if (!MakeTree(words, tags, heads, deprels, labels, &report->nonprojective_lifted,
                    &inst.split)) {
        ++report->skipped_sentences;
        continue;
      }
      report->train_words += words.size();
      if (!taggers.folds.empty()) {
        for (std::size_t i = 0; i < words.size(); ++i)
          report->jackknife_xpos_correct += inst.split.tags[i].xpos == s.words[i].tag.xpos;
      }
      if (!s.ranges.empty()) {
        MergeTokens(s, &words, &tags, &heads, &deprels);
        if (tagger != nullptr) TagWords(tagger, options.lexicon, words, &scratch, &tags);
        std::size_t lifted = 0;
        if (!MakeTree(words, tags, heads, deprels, labels, &lifted, &inst.merged))
          inst.merged = Tree();
      }
      out->push_back(std::move(inst));
    }
  }
  report->train_sentences = out->size();
  return Status::Ok();
}

// Reads a `dyad train clusters` file with the name finder's loader into the
// model's word table (hash of the lower-cased word -> PackClusters).
Status LoadClusters(const std::string& path, parser::ModelData* m) {
  m->words.clear();
  m->word_clusters.clear();
  if (path.empty()) return Status::Ok();
  std::string bytes;
  DYAD_RETURN_IF_ERROR(tagger::ReadFileBytes(path, &bytes));
  names::ClusterTable table;
  DYAD_RETURN_IF_ERROR(names::ParseClusters(bytes, path, &table));
  std::map<std::uint64_t, std::uint64_t> sorted;  // the first of equal hashes wins
  for (std::size_t i = 0; i < table.words.size(); ++i) {
    sorted.emplace(tagger::WordHash(table.words[i]),
                   parser::PackClusters(table.fine[i], table.mid[i], table.coarse[i]));
  }
  for (const auto& [hash, value] : sorted) {
    m->words.push_back(hash);
    m->word_clusters.push_back(value);
  }
  return Status::Ok();
}

// The inputs and options TrainParser refuses, with the reason.
Status CheckTrainInputs(const std::vector<std::string>& train_conllu,
                        const std::vector<std::string>& dev_conllu,
                        const TrainParserOptions& options) {
  if (train_conllu.empty()) return InvalidArgument("TrainParser: no training files");
  if (dev_conllu.empty())
    return InvalidArgument("TrainParser: no dev files (needed to pick the epoch)");
  if (options.epochs < 1) return InvalidArgument("TrainParser: epochs must be at least 1");
  if (options.jackknife_folds == 1 || options.jackknife_folds < 0)
    return InvalidArgument("TrainParser: jackknife folds must be 0 (off) or at least 2");
  if (options.jackknife_folds > 0 && options.tagger == nullptr)
    return InvalidArgument(
        "TrainParser: jackknifed tags need a tagger (predicted tags, not gold ones)");
  return Status::Ok();
}

// The relations of the training trees, frozen; at most kMaxDeprels, with "root".
Status CollectLabels(const std::vector<ConlluFile>& train, Labels* labels_out) {
  Labels& labels = *labels_out;
  for (const ConlluFile& f : train) {
    for (const ConlluSentence& s : f.sentences) {
      for (const auto& w : s.words) labels.Collect(w.deprel);
    }
  }
  labels.Freeze();
  if (labels.size() > parser::kMaxDeprels) {
    return InvalidArgument("TrainParser: " + std::to_string(labels.size()) +
                           " relations in the training data, at most " +
                           std::to_string(parser::kMaxDeprels));
  }
  if (labels.Id("root") == Labels::kNoLabel)
    return InvalidArgument("TrainParser: no \"root\" relation in the training data");
  return Status::Ok();
}

}  // namespace

Result<std::string> TrainParser(const std::vector<std::string>& train_conllu,
                                const std::vector<std::string>& dev_conllu,
                                const TrainParserOptions& options, TrainParserReport* report) {
  DYAD_RETURN_IF_ERROR(CheckTrainInputs(train_conllu, dev_conllu, options));
  TrainParserReport local_report;
  if (report == nullptr) report = &local_report;
  *report = TrainParserReport();
  std::vector<ConlluFile> train(train_conllu.size()), dev(dev_conllu.size());
  for (std::size_t i = 0; i < train.size(); ++i) {
    DYAD_RETURN_IF_ERROR(
        tagger::ReadConllu(train_conllu[i], options.max_train_sentences, &train[i]));
  }
  for (std::size_t i = 0; i < dev.size(); ++i) {
    DYAD_RETURN_IF_ERROR(tagger::ReadConllu(dev_conllu[i], options.max_dev_sentences, &dev[i]));
  }
  Labels labels;
  DYAD_RETURN_IF_ERROR(CollectLabels(train, &labels));
  TrainTaggers taggers;
  DYAD_RETURN_IF_ERROR(MakeTrainTaggers(train, dev_conllu, options, &taggers));
  std::vector<Instance> instances;
  DYAD_RETURN_IF_ERROR(BuildInstances(train, labels, options, taggers, report, &instances));
  taggers.folds.clear();
  std::vector<EvalSentence> dev_sentences;
  for (const ConlluFile& f : dev)
    MakeEvalSentences(f, 0, options.tagger, options.lexicon, &dev_sentences);
  report->deprels = labels.size();

  parser::ModelData data;
  data.deprels = labels.Names();
  DYAD_RETURN_IF_ERROR(LoadClusters(options.clusters, &data));
  tagger::WordTable clusters;
  clusters.Build(data.words, data.word_clusters);
  const std::uint32_t classes = parser::ClassCount(labels.size());
  Perceptron model(classes);
  std::mt19937_64 rng(options.seed);
  TrainContext ctx{&clusters, &model, classes, labels.Id("root"), 0.0, &rng, {}, {}, {}};
  std::vector<std::uint32_t> order(instances.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::string best_bytes;
  double best_las = -1;
  int since_best = 0;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    ctx.explore = epoch >= options.explore_from_epoch ? options.explore : 0.0;
    std::size_t updates = 0;
    for (std::uint32_t idx : order) {
      const Instance& inst = instances[idx];
      const bool merged = !inst.merged.hashes.empty() && Uniform(&rng) < options.merge_contractions;
      updates += TrainTree(merged ? inst.merged : inst.split, &ctx);
    }
    model.Export(options.prune_below, &data);
    data.description =
        "dyad parser; epoch " + std::to_string(epoch) + ", seed " + std::to_string(options.seed) +
        ", " + std::to_string(instances.size()) + " training sentences" +
        (options.jackknife_folds > 0
             ? ", tags jackknifed over " + std::to_string(options.jackknife_folds) + " folds"
             : "");
    std::string bytes = parser::SerializeModel(data);
    auto parser = Parser::FromBytes(bytes, "trained model");
    if (!parser.ok()) return parser.status();
    const ParseScore score = Evaluate(**parser, dev_sentences, nullptr);
    report->dev_by_epoch.push_back(score);
    report->epochs_run = epoch;
    if (options.progress) {
      options.progress(Diagnostic{"", "epoch " + std::to_string(epoch) + ": " +
                                          std::to_string(updates) + " updates, dev UAS " +
                                          Percent(score.uas()) + " LAS " + Percent(score.las())});
    }
    if (score.las() > best_las) {
      best_las = score.las();
      best_bytes = std::move(bytes);
      report->best_epoch = epoch;
      report->best_dev = score;
      report->features = data.keys.size();
      report->weights = data.entry_weight.size();
      since_best = 0;
    } else if (++since_best >= options.patience) {
      break;
    }
  }
  if (options.final_prune <= 0) return best_bytes;
  auto pruned = PruneParserModel(best_bytes, options.final_prune, "trained model");
  if (!pruned.ok()) return pruned.status();
  auto final_parser = Parser::FromBytes(*pruned, "trained model");
  if (!final_parser.ok()) return final_parser.status();
  report->features = (*final_parser)->FeatureCount();
  report->weights = (*final_parser)->WeightCount();
  return std::move(pruned).value();
}

Status WriteParserModel(std::string_view bytes, const std::string& path) {
  std::string tmp = path + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) return IoError(path + ": cannot create " + tmp);
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    std::remove(tmp.c_str());
    return IoError(path + ": write failed");
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    return IoError(path + ": cannot rename " + tmp);
  }
  return Status::Ok();
}

Result<ParseScore> EvaluateParser(const Parser& parser, const std::string& conllu_path,
                                  const Tagger* tagger, const Lexicon* lexicon,
                                  std::map<std::string, ParseScore>* by_group) {
  ConlluFile file;
  DYAD_RETURN_IF_ERROR(tagger::ReadConllu(conllu_path, 0, &file));
  std::vector<EvalSentence> sentences;
  MakeEvalSentences(file, 0, tagger, lexicon, &sentences);
  return Evaluate(parser, sentences, by_group);
}

}  // namespace dyad
