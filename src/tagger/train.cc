// Copyright dyad authors. Averaged-perceptron training from CoNLL-U.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dyad/tagger.h"
#include "tagger/conllu.h"
#include "tagger/features.h"
#include "tagger/model.h"

namespace dyad {
namespace {

using tagger::ConlluFile;
using tagger::ConlluSentence;

using ClassesFrom = TrainTaggerOptions::ClassesFrom;

// Whether the model has the two WordNet templates, and where ComputeWordFeatures
// finds the classes (the lexicon, or the table built by AddWordClasses).
bool UsesClassTemplates(const TrainTaggerOptions& o) {
  return o.lexicon != nullptr && o.classes_from != ClassesFrom::kModelFolded;
}
tagger::TableClasses TableClassesOf(const TrainTaggerOptions& o) {
  if (o.lexicon == nullptr || o.classes_from == ClassesFrom::kLexicon) {
    return tagger::TableClasses::kNone;
  }
  return o.classes_from == ClassesFrom::kModel ? tagger::TableClasses::kSeparate
                                               : tagger::TableClasses::kFolded;
}

// The word features of a training sentence, as Tagger::Tag computes them.
void TrainingWordFeatures(const std::vector<std::string_view>& words, const TrainTaggerOptions& o,
                          const tagger::WordTable& ambiguity, std::uint64_t* wf) {
  const tagger::TableClasses table = TableClassesOf(o);
  tagger::ComputeWordFeatures(words, table == tagger::TableClasses::kNone ? o.lexicon : nullptr,
                              &ambiguity, wf, nullptr, table);
}

static_assert(tagger::kMaxQuantizedWeight * tagger::kMaxFeatures <= 32767,
              "the tagger sums up to kMaxFeatures dense weights in int16");

struct Instance {
  std::vector<std::string_view> words;
  std::vector<std::uint16_t> gold;             // class per word
  std::vector<std::string_view> merged_words;  // empty if no multiword tokens
  std::vector<std::uint16_t> merged_gold;
};

struct Weight {
  std::uint16_t cls;
  float w;
  double total;  // sum of w over all steps up to `stamp`
  std::int64_t stamp;
};

class Perceptron {
 public:
  explicit Perceptron(std::size_t n_classes) : n_classes_(n_classes), scores_(n_classes) {}

  std::uint16_t Predict(const std::uint64_t* keys, int n) {
    std::fill(scores_.begin(), scores_.end(), 0.0);
    for (int k = 0; k < n; ++k) {
      auto it = index_.find(keys[k]);
      if (it == index_.end()) continue;
      for (const Weight& w : weights_[it->second]) scores_[w.cls] += w.w;
    }
    std::uint16_t best = 0;
    for (std::uint16_t c = 1; c < n_classes_; ++c) {
      if (scores_[c] > scores_[best]) best = c;
    }
    return best;
  }

  void Update(const std::uint64_t* keys, int n, std::uint16_t truth, std::uint16_t guess) {
    for (int k = 0; k < n; ++k) {
      auto [it, inserted] = index_.try_emplace(keys[k], static_cast<std::uint32_t>(keys_.size()));
      if (inserted) {
        keys_.push_back(keys[k]);
        weights_.emplace_back();
      }
      std::vector<Weight>& ws = weights_[it->second];
      Bump(&ws, truth, 1.0f);
      Bump(&ws, guess, -1.0f);
    }
  }

  void Tick() { ++now_; }

  // Averaged, pruned and quantised weights in key order.
  void Export(float prune_below, tagger::ModelData* m) const {
    std::vector<std::uint32_t> order(keys_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return keys_[a] < keys_[b]; });
    const double now = static_cast<double>(std::max<std::int64_t>(now_, 1));
    std::vector<std::pair<std::uint8_t, float>> row;
    std::vector<std::vector<std::pair<std::uint8_t, float>>> rows;
    std::vector<std::uint64_t> keys;
    float max_abs = 0.0f;
    for (std::uint32_t f : order) {
      row.clear();
      for (const Weight& w : weights_[f]) {
        double total = w.total + static_cast<double>(now_ - w.stamp) * w.w;
        auto avg = static_cast<float>(total / now);
        if (std::fabs(avg) < prune_below) continue;
        row.emplace_back(static_cast<std::uint8_t>(w.cls), avg);
        max_abs = std::max(max_abs, std::fabs(avg));
      }
      if (row.empty()) continue;
      std::sort(row.begin(), row.end());
      keys.push_back(keys_[f]);
      rows.push_back(row);
    }
    m->scale = max_abs > 0 ? max_abs / static_cast<float>(tagger::kMaxQuantizedWeight) : 1.0f;
    m->keys.clear();
    m->counts.clear();
    m->entry_class.clear();
    m->entry_weight.clear();
    for (std::size_t i = 0; i < keys.size(); ++i) {
      std::uint8_t count = 0;
      for (auto [cls, w] : rows[i]) {
        long q = std::lround(w / m->scale);
        if (q == 0) continue;
        m->entry_class.push_back(cls);
        m->entry_weight.push_back(static_cast<std::int16_t>(
            std::clamp(q, -long{tagger::kMaxQuantizedWeight}, long{tagger::kMaxQuantizedWeight})));
        ++count;
      }
      if (count == 0) continue;
      m->keys.push_back(keys[i]);
      m->counts.push_back(count);
    }
  }

 private:
  void Bump(std::vector<Weight>* ws, std::uint16_t cls, float delta) {
    for (Weight& w : *ws) {
      if (w.cls == cls) {
        w.total += static_cast<double>(now_ - w.stamp) * w.w;
        w.stamp = now_;
        w.w += delta;
        return;
      }
    }
    ws->push_back(Weight{cls, delta, 0.0, now_});
  }

  std::size_t n_classes_;
  std::vector<double> scores_;
  std::unordered_map<std::uint64_t, std::uint32_t> index_;  // never iterated
  std::vector<std::uint64_t> keys_;
  std::vector<std::vector<Weight>> weights_;
  std::int64_t now_ = 0;
};

std::string BaseName(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string Percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100.0 * v);
  return buf;
}

TagAccuracy Evaluate(const Tagger& tagger, const std::vector<ConlluFile>& files,
                     std::size_t max_sentences, const Lexicon* lexicon) {
  TagAccuracy acc;
  TaggerScratch scratch;
  std::vector<std::string_view> words;
  std::vector<PosTag> tags;
  std::size_t seen = 0;
  for (const ConlluFile& f : files) {
    for (const ConlluSentence& s : f.sentences) {
      if (max_sentences != 0 && seen++ >= max_sentences) return acc;
      words.clear();
      for (const auto& w : s.words) words.push_back(w.form);
      tags.resize(words.size());
      tagger.Tag(words, lexicon, &scratch, tags.data());
      for (std::size_t i = 0; i < words.size(); ++i) {
        ++acc.tokens;
        acc.upos_correct += tags[i].upos == s.words[i].tag.upos;
        acc.xpos_correct += tags[i].xpos == s.words[i].tag.xpos;
      }
    }
  }
  return acc;
}

// The training and dev treebanks (the first max_train_sentences training
// sentences over all files).
Status ReadTreebanks(const std::vector<std::string>& train_conllu,
                     const std::vector<std::string>& dev_conllu, const TrainTaggerOptions& options,
                     std::vector<ConlluFile>* train, std::vector<ConlluFile>* dev) {
  train->resize(train_conllu.size());
  dev->resize(dev_conllu.size());
  std::size_t budget = options.max_train_sentences;
  for (std::size_t i = 0; i < train_conllu.size(); ++i) {
    DYAD_RETURN_IF_ERROR(tagger::ReadConllu(train_conllu[i], budget, &(*train)[i]));
    if (options.max_train_sentences != 0) {
      budget -= (*train)[i].sentences.size();
      if (budget == 0) break;
    }
  }
  for (std::size_t i = 0; i < dev_conllu.size(); ++i) {
    DYAD_RETURN_IF_ERROR(tagger::ReadConllu(dev_conllu[i], options.max_dev_sentences, &(*dev)[i]));
  }
  return Status();
}

// The model's classes: (XPOS, UPOS) pairs seen often enough, in tag order;
// a rarer pair is trained as the most frequent pair with its XPOS.
struct TagClasses {
  std::vector<PosTag> classes;
  std::map<std::pair<int, int>, std::uint16_t> class_of;
  std::map<int, std::pair<int, std::size_t>> best_for_xpos;  // xpos -> (upos, count)

  std::uint16_t Of(const PosTag& t) const {
    std::pair<int, int> p{static_cast<int>(t.xpos), static_cast<int>(t.upos)};
    auto it = class_of.find(p);
    if (it != class_of.end()) return it->second;
    return class_of.at({p.first, best_for_xpos.at(p.first).first});
  }
};

Status ChooseClasses(const std::vector<ConlluFile>& train, int min_pair_count, TagClasses* out) {
  std::map<std::pair<int, int>, std::size_t> pair_count;
  for (const ConlluFile& f : train) {
    for (const ConlluSentence& s : f.sentences) {
      for (const auto& w : s.words) {
        ++pair_count[{static_cast<int>(w.tag.xpos), static_cast<int>(w.tag.upos)}];
      }
    }
  }
  if (pair_count.empty()) return InvalidArgument("TrainTagger: the training files hold no words");
  for (const auto& [p, n] : pair_count) {
    auto& b = out->best_for_xpos[p.first];
    if (n > b.second) b = {p.second, n};
  }
  for (const auto& [p, n] : pair_count) {
    if (n >= static_cast<std::size_t>(std::max(min_pair_count, 1)) ||
        out->best_for_xpos[p.first].first == p.second) {
      out->class_of[p] = static_cast<std::uint16_t>(out->classes.size());
      out->classes.push_back({static_cast<Xpos>(p.first), static_cast<Upos>(p.second)});
    }
  }
  if (out->classes.size() > 255) return InvalidArgument("TrainTagger: more than 255 tag classes");
  return Status();
}

// One training sentence, with its multiword tokens ("don't") also merged.
Instance MakeInstance(const ConlluSentence& s, const TagClasses& classes) {
  Instance in;
  for (const auto& w : s.words) {
    in.words.push_back(w.form);
    in.gold.push_back(classes.Of(w.tag));
  }
  if (s.ranges.empty()) return in;
  std::size_t r = 0;
  for (std::size_t i = 0; i < s.words.size();) {
    if (r < s.ranges.size() && s.ranges[r].first == i) {
      in.merged_words.push_back(s.ranges[r].form);
      in.merged_gold.push_back(in.gold[i]);
      i = s.ranges[r].last + 1;
      ++r;
    } else {
      in.merged_words.push_back(in.words[i]);
      in.merged_gold.push_back(in.gold[i]);
      ++i;
    }
  }
  return in;
}

// Ambiguity classes from the training words (and whole contractions): the
// XPOS tags of at least 5% of a word's 3+ occurrences.
void BuildAmbiguityClasses(const std::vector<ConlluFile>& train, tagger::ModelData* base) {
  std::map<std::uint64_t, std::vector<std::uint32_t>> xpos_counts;  // word hash -> per XPOS
  auto count_word = [&](std::string_view form, Xpos x) {
    auto& v = xpos_counts[tagger::WordHash(form)];
    if (v.empty()) v.assign(kXposCount, 0);
    ++v[static_cast<int>(x)];
  };
  for (const ConlluFile& f : train) {
    for (const ConlluSentence& s : f.sentences) {
      for (const auto& w : s.words) count_word(w.form, w.tag.xpos);
      for (const auto& r : s.ranges) count_word(r.form, s.words[r.first].tag.xpos);
    }
  }
  for (const auto& [word, counts] : xpos_counts) {
    std::uint32_t total = 0;
    for (std::uint32_t c : counts) total += c;
    if (total < 3) continue;
    std::uint64_t mask = 0;
    for (int x = 0; x < kXposCount; ++x) {
      if (counts[x] > 0 && counts[x] * 20 >= total) mask |= std::uint64_t{1} << x;
    }
    base->amb_words.push_back(word);
    base->amb_masks.push_back(mask);
  }
}

// Stores the WordNet classes of the training words and the vocabulary in the
// top byte of their ambiguity values (kFlagClassesInModel); a word with
// neither an XPOS set nor a class gets no entry. Words are keyed by the hash
// of their lower-cased form, as Lexicon::Classes ignores case.
void AddWordClasses(const std::vector<ConlluFile>& train,
                    const std::vector<std::string>& vocabulary, const Lexicon& lexicon,
                    tagger::ModelData* base) {
  std::map<std::uint64_t, std::uint64_t> values;
  for (std::size_t i = 0; i < base->amb_words.size(); ++i) {
    values.emplace(base->amb_words[i], base->amb_masks[i]);
  }
  std::unordered_map<std::uint64_t, bool> done;
  auto add = [&](std::string_view form) {
    const std::uint64_t h = tagger::WordHash(form);
    if (!done.emplace(h, true).second) return;
    const WordClasses cls = lexicon.Classes(form);
    auto it = values.find(h);
    if (it == values.end()) {
      if (cls == 0) return;
      it = values.emplace(h, 0).first;
    }
    it->second |= (std::uint64_t{1} + cls) << tagger::kClassesShift;
  };
  for (const ConlluFile& f : train) {
    for (const ConlluSentence& s : f.sentences) {
      for (const auto& w : s.words) add(w.form);
      for (const auto& r : s.ranges) add(r.form);
    }
  }
  for (const std::string& w : vocabulary) add(w);
  base->amb_words.clear();
  base->amb_masks.clear();
  for (const auto& [word, value] : values) {
    base->amb_words.push_back(word);
    base->amb_masks.push_back(value);
  }
}

// Tag dictionary from the treebank's own words (exact forms).
void BuildTagDictionary(const std::vector<Instance>& instances, const TrainTaggerOptions& options,
                        tagger::ModelData* base) {
  std::map<std::uint64_t, std::map<std::uint16_t, std::uint32_t>> form_classes;
  for (const Instance& in : instances) {
    for (std::size_t i = 0; i < in.words.size(); ++i) {
      ++form_classes[tagger::CasedWordHash(in.words[i])][in.gold[i]];
    }
  }
  for (const auto& [word, by_class] : form_classes) {
    std::uint32_t total = 0, top = 0;
    std::uint16_t top_class = 0;
    for (const auto& [c, n] : by_class) {
      total += n;
      if (n > top) top = n, top_class = c;
    }
    if (total >= static_cast<std::uint32_t>(options.tag_dict_min_count) &&
        static_cast<double>(top) >= options.tag_dict_min_share * total) {
      base->dict_words.push_back(word);
      base->dict_classes.push_back(static_cast<std::uint8_t>(top_class));
    }
  }
}

// How many training words (with the gold previous classes, both variants of
// each sentence) each feature fires on.
std::unordered_map<std::uint64_t, std::uint32_t> CountFeatures(
    const std::vector<Instance>& instances, const TrainTaggerOptions& options,
    const tagger::WordTable& ambiguity) {
  const bool use_classes = UsesClassTemplates(options);
  std::unordered_map<std::uint64_t, std::uint32_t> feature_count;
  std::vector<std::uint64_t> wf;
  std::uint64_t keys[tagger::kMaxFeatures];
  for (const Instance& in : instances) {
    for (int variant = 0; variant < 2; ++variant) {
      const auto& words = variant == 0 ? in.words : in.merged_words;
      const auto& gold = variant == 0 ? in.gold : in.merged_gold;
      if (words.empty()) continue;
      wf.resize(words.size() * tagger::kWordSlotCount);
      TrainingWordFeatures(words, options, ambiguity, wf.data());
      std::uint32_t prev1 = tagger::kStartClass, prev2 = tagger::kStartClass + 1;
      for (std::size_t i = 0; i < words.size(); ++i) {
        int nk = tagger::TokenFeatures(wf.data(), words.size(), i, prev1, prev2, use_classes, keys);
        for (int k = 0; k < nk; ++k) ++feature_count[keys[k]];
        prev2 = prev1;
        prev1 = gold[i];
      }
    }
  }
  return feature_count;
}

// The data one epoch trains on, and its random state.
struct EpochInput {
  const std::vector<Instance>& instances;
  const tagger::WordTable& ambiguity;
  const TrainTaggerOptions& options;
  // Features that fire on fewer than min_feature_count training words are
  // never learned (empty: every feature is).
  const std::unordered_map<std::uint64_t, std::uint32_t>& feature_count;
  std::uint32_t min_count;
};

// One pass over the shuffled sentences (each with its contractions merged
// with probability merge_contractions), updating `model` on every mistake.
void TrainEpoch(const EpochInput& in, std::mt19937_64& rng, std::vector<std::size_t>& order,
                Perceptron& model) {
  const bool use_classes = UsesClassTemplates(in.options);
  auto frequent = [&](std::uint64_t key) {
    if (in.min_count <= 1) return true;
    auto it = in.feature_count.find(key);
    return it != in.feature_count.end() && it->second >= in.min_count;
  };
  std::vector<std::uint64_t> wf;
  std::uint64_t keys[tagger::kMaxFeatures];
  for (std::size_t i = order.size(); i > 1; --i) {
    std::swap(order[i - 1], order[rng() % i]);
  }
  for (std::size_t idx : order) {
    const Instance& inst = in.instances[idx];
    bool merged = !inst.merged_words.empty() &&
                  static_cast<double>(rng() >> 11) * 0x1.0p-53 < in.options.merge_contractions;
    const auto& words = merged ? inst.merged_words : inst.words;
    const auto& gold = merged ? inst.merged_gold : inst.gold;
    wf.resize(words.size() * tagger::kWordSlotCount);
    TrainingWordFeatures(words, in.options, in.ambiguity, wf.data());
    std::uint32_t prev1 = tagger::kStartClass, prev2 = tagger::kStartClass + 1;
    for (std::size_t i = 0; i < words.size(); ++i) {
      int nk = tagger::TokenFeatures(wf.data(), words.size(), i, prev1, prev2, use_classes, keys);
      std::uint16_t guess = model.Predict(keys, nk);
      model.Tick();
      if (guess != gold[i]) {
        int kept = 0;
        for (int k = 0; k < nk; ++k) {
          if (frequent(keys[k])) keys[kept++] = keys[k];
        }
        model.Update(keys, kept, gold[i], guess);
      }
      prev2 = prev1;
      prev1 = guess;
    }
  }
}

// The model description: data, epoch, seed, features.
std::string DescribeModel(const std::vector<std::string>& train_conllu,
                          const std::vector<std::string>& dev_conllu, std::size_t sentences,
                          int epoch, std::uint64_t seed, const TrainTaggerOptions& options,
                          std::size_t table_words) {
  std::string desc = "averaged perceptron; train:";
  // Appended piece by piece: `" " + BaseName(p)` here trips GCC 12's -Wrestrict.
  for (const auto& p : train_conllu) desc.append(" ").append(BaseName(p));
  desc.append(" (").append(std::to_string(sentences)).append(" sentences); dev:");
  for (const auto& p : dev_conllu) desc.append(" ").append(BaseName(p));
  desc.append("; epoch ").append(std::to_string(epoch));
  desc.append("; seed ").append(std::to_string(seed));
  if (options.lexicon == nullptr) {
    desc += "; no WordNet classes";
  } else if (options.classes_from == ClassesFrom::kLexicon) {
    desc += "; WordNet classes";
  } else {
    desc.append("; WordNet classes of ").append(std::to_string(table_words)).append(" words");
    desc += options.classes_from == ClassesFrom::kModel ? " in the model"
                                                        : " in the model, in the ambiguity class";
  }
  return desc;
}

// The model as it stands after an epoch, serialised and scored on the dev set.
struct EpochModel {
  std::string bytes;
  TagAccuracy dev;
  std::size_t features = 0;
  std::size_t weights = 0;
};

// `data`: the model's tables but the weights (classes, ambiguity, tag
// dictionary, description), which come from `model`.
Result<EpochModel> ExportEpoch(const Perceptron& model, tagger::ModelData data,
                               const TrainTaggerOptions& options,
                               const std::vector<ConlluFile>& dev) {
  model.Export(options.prune_below, &data);
  EpochModel out;
  out.bytes = tagger::SerializeModel(data);
  auto tagger_or = Tagger::FromBytes(out.bytes, "trained model");
  if (!tagger_or.ok()) return Internal("TrainTagger: " + tagger_or.status().message());
  out.dev = Evaluate(**tagger_or, dev, options.max_dev_sentences, options.lexicon);
  out.features = data.keys.size();
  out.weights = data.entry_class.size();
  return out;
}

// Trains epoch after epoch, keeping the model with the best dev score, until
// `patience` epochs bring no gain or `epochs` have run. `base`: the model's
// tables but the weights.
Result<std::string> TrainEpochs(const EpochInput& input, const tagger::ModelData& base,
                                const std::vector<ConlluFile>& dev,
                                const std::vector<std::string>& train_conllu,
                                const std::vector<std::string>& dev_conllu,
                                TrainTaggerReport* report) {
  const TrainTaggerOptions& options = input.options;
  Perceptron model(base.classes.size());
  std::mt19937_64 rng(options.seed);
  std::vector<std::size_t> order(input.instances.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::string best_bytes;
  double best_score = -1.0;
  int since_best = 0;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    TrainEpoch(input, rng, order, model);
    tagger::ModelData data = base;
    data.description = DescribeModel(train_conllu, dev_conllu, input.instances.size(), epoch,
                                     options.seed, options, base.amb_words.size());
    auto scored = ExportEpoch(model, std::move(data), options, dev);
    if (!scored.ok()) return scored.status();
    const TagAccuracy& acc = scored->dev;
    report->dev_by_epoch.push_back(acc);
    report->epochs_run = epoch;
    if (options.progress) {
      options.progress(Diagnostic{"", "epoch " + std::to_string(epoch) + ": dev UPOS " +
                                          Percent(acc.upos()) + " XPOS " + Percent(acc.xpos()) +
                                          ", " + std::to_string(scored->features) + " features"});
    }
    double score = acc.upos() + 1e-3 * acc.xpos();
    if (score > best_score) {
      best_score = score;
      best_bytes = std::move(scored->bytes);
      report->best_epoch = epoch;
      report->best_dev = acc;
      report->features = scored->features;
      report->weights = scored->weights;
      since_best = 0;
    } else if (++since_best >= options.patience) {
      break;
    }
  }
  return best_bytes;
}

}  // namespace

Result<std::string> TrainTagger(const std::vector<std::string>& train_conllu,
                                const std::vector<std::string>& dev_conllu,
                                const TrainTaggerOptions& options, TrainTaggerReport* report) {
  if (train_conllu.empty()) return InvalidArgument("TrainTagger: no training files");
  if (dev_conllu.empty())
    return InvalidArgument("TrainTagger: no dev files (needed to pick the epoch)");
  if (options.epochs < 1) return InvalidArgument("TrainTagger: epochs must be at least 1");
  TrainTaggerReport local_report;
  if (report == nullptr) report = &local_report;
  *report = TrainTaggerReport();

  std::vector<ConlluFile> train, dev;
  DYAD_RETURN_IF_ERROR(ReadTreebanks(train_conllu, dev_conllu, options, &train, &dev));
  TagClasses classes;
  DYAD_RETURN_IF_ERROR(ChooseClasses(train, options.min_pair_count, &classes));
  std::vector<Instance> instances;
  for (const ConlluFile& f : train) {
    for (const ConlluSentence& s : f.sentences) {
      instances.push_back(MakeInstance(s, classes));
      report->train_tokens += instances.back().words.size();
    }
  }
  report->train_sentences = instances.size();
  report->classes = classes.classes.size();

  const tagger::TableClasses table = TableClassesOf(options);
  tagger::ModelData base;
  base.classes = classes.classes;
  base.uses_lexicon = options.lexicon != nullptr && table == tagger::TableClasses::kNone;
  base.classes_in_model = table != tagger::TableClasses::kNone;
  base.classes_folded = table == tagger::TableClasses::kFolded;
  BuildAmbiguityClasses(train, &base);
  if (base.classes_in_model) AddWordClasses(train, options.vocabulary, *options.lexicon, &base);
  report->word_table_words = base.amb_words.size();
  tagger::WordTable ambiguity;
  ambiguity.Build(base.amb_words, base.amb_masks);
  if (options.tag_dict_min_count > 0) BuildTagDictionary(instances, options, &base);
  // Training still scores (and learns from) every word, dictionary words too:
  // a model trained without them tags unknown verbs worse ("Japan froze
  // assistance" lost its verb), since "said", "is", "will" teach what follows a
  // subject. The dictionary only saves the scoring when tagging.
  report->tag_dict_words = base.dict_words.size();

  // Features that fire on fewer than min_feature_count training words (with
  // the gold previous classes) are never learned: most of them are rare-word
  // pairs that only memorise the training set, and they make the model large.
  const auto min_count = static_cast<std::uint32_t>(std::max(options.min_feature_count, 1));
  std::unordered_map<std::uint64_t, std::uint32_t> feature_count;
  if (min_count > 1) feature_count = CountFeatures(instances, options, ambiguity);
  const EpochInput input{instances, ambiguity, options, feature_count, min_count};
  return TrainEpochs(input, base, dev, train_conllu, dev_conllu, report);
}

Status WriteTaggerModel(std::string_view bytes, const std::string& path) {
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

Result<TagAccuracy> EvaluateTagger(const Tagger& tagger, const std::string& conllu_path,
                                   const Lexicon* lexicon) {
  std::vector<ConlluFile> files(1);
  DYAD_RETURN_IF_ERROR(tagger::ReadConllu(conllu_path, 0, &files[0]));
  return Evaluate(tagger, files, 0, lexicon);
}

}  // namespace dyad
