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

  std::vector<ConlluFile> train(train_conllu.size()), dev(dev_conllu.size());
  std::size_t budget = options.max_train_sentences;
  for (std::size_t i = 0; i < train_conllu.size(); ++i) {
    DYAD_RETURN_IF_ERROR(tagger::ReadConllu(train_conllu[i], budget, &train[i]));
    if (options.max_train_sentences != 0) {
      budget -= train[i].sentences.size();
      if (budget == 0) break;
    }
  }
  for (std::size_t i = 0; i < dev_conllu.size(); ++i) {
    DYAD_RETURN_IF_ERROR(tagger::ReadConllu(dev_conllu[i], options.max_dev_sentences, &dev[i]));
  }

  // Classes: (XPOS, UPOS) pairs seen often enough, in tag order.
  std::map<std::pair<int, int>, std::size_t> pair_count;
  for (const ConlluFile& f : train) {
    for (const ConlluSentence& s : f.sentences) {
      for (const auto& w : s.words) {
        ++pair_count[{static_cast<int>(w.tag.xpos), static_cast<int>(w.tag.upos)}];
      }
    }
  }
  if (pair_count.empty()) return InvalidArgument("TrainTagger: the training files hold no words");
  std::map<int, std::pair<int, std::size_t>> best_for_xpos;  // xpos -> (upos, count)
  for (const auto& [p, n] : pair_count) {
    auto& b = best_for_xpos[p.first];
    if (n > b.second) b = {p.second, n};
  }
  std::map<std::pair<int, int>, std::uint16_t> class_of;
  std::vector<PosTag> classes;
  for (const auto& [p, n] : pair_count) {
    if (n >= static_cast<std::size_t>(std::max(options.min_pair_count, 1)) ||
        best_for_xpos[p.first].first == p.second) {
      class_of[p] = static_cast<std::uint16_t>(classes.size());
      classes.push_back({static_cast<Xpos>(p.first), static_cast<Upos>(p.second)});
    }
  }
  if (classes.size() > 255) return InvalidArgument("TrainTagger: more than 255 tag classes");
  auto cls = [&](const PosTag& t) -> std::uint16_t {
    std::pair<int, int> p{static_cast<int>(t.xpos), static_cast<int>(t.upos)};
    auto it = class_of.find(p);
    if (it != class_of.end()) return it->second;
    return class_of.at({p.first, best_for_xpos.at(p.first).first});
  };

  std::vector<Instance> instances;
  for (const ConlluFile& f : train) {
    for (const ConlluSentence& s : f.sentences) {
      Instance in;
      for (const auto& w : s.words) {
        in.words.push_back(w.form);
        in.gold.push_back(cls(w.tag));
      }
      if (!s.ranges.empty()) {
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
      }
      report->train_tokens += in.words.size();
      instances.push_back(std::move(in));
    }
  }
  report->train_sentences = instances.size();
  report->classes = classes.size();

  // Ambiguity classes from the training words (and whole contractions).
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
  tagger::ModelData base;
  for (const auto& [word, counts] : xpos_counts) {
    std::uint32_t total = 0;
    for (std::uint32_t c : counts) total += c;
    if (total < 3) continue;
    std::uint64_t mask = 0;
    for (int x = 0; x < kXposCount; ++x) {
      if (counts[x] > 0 && counts[x] * 20 >= total) mask |= std::uint64_t{1} << x;
    }
    base.amb_words.push_back(word);
    base.amb_masks.push_back(mask);
  }
  tagger::WordTable ambiguity;
  ambiguity.Build(base.amb_words, base.amb_masks);

  // Tag dictionary from the treebank's own words (exact forms).
  if (options.tag_dict_min_count > 0) {
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
        base.dict_words.push_back(word);
        base.dict_classes.push_back(static_cast<std::uint8_t>(top_class));
      }
    }
  }
  // Training still scores (and learns from) every word, dictionary words too:
  // a model trained without them tags unknown verbs worse ("Japan froze
  // assistance" lost its verb), since "said", "is", "will" teach what follows a
  // subject. The dictionary only saves the scoring when tagging.
  report->tag_dict_words = base.dict_words.size();

  const bool use_classes = options.lexicon != nullptr;
  // Features that fire on fewer than min_feature_count training words (with
  // the gold previous classes) are never learned: most of them are rare-word
  // pairs that only memorise the training set, and they make the model large.
  std::unordered_map<std::uint64_t, std::uint32_t> feature_count;
  const auto min_count = static_cast<std::uint32_t>(std::max(options.min_feature_count, 1));
  if (min_count > 1) {
    std::vector<std::uint64_t> wf;
    std::uint64_t keys[tagger::kMaxFeatures];
    for (const Instance& in : instances) {
      for (int variant = 0; variant < 2; ++variant) {
        const auto& words = variant == 0 ? in.words : in.merged_words;
        const auto& gold = variant == 0 ? in.gold : in.merged_gold;
        if (words.empty()) continue;
        wf.resize(words.size() * tagger::kWordSlotCount);
        tagger::ComputeWordFeatures(words, options.lexicon, &ambiguity, wf.data());
        std::uint32_t prev1 = tagger::kStartClass, prev2 = tagger::kStartClass + 1;
        for (std::size_t i = 0; i < words.size(); ++i) {
          int nk =
              tagger::TokenFeatures(wf.data(), words.size(), i, prev1, prev2, use_classes, keys);
          for (int k = 0; k < nk; ++k) ++feature_count[keys[k]];
          prev2 = prev1;
          prev1 = gold[i];
        }
      }
    }
  }
  auto frequent = [&](std::uint64_t key) {
    if (min_count <= 1) return true;
    auto it = feature_count.find(key);
    return it != feature_count.end() && it->second >= min_count;
  };
  Perceptron model(classes.size());
  std::mt19937_64 rng(options.seed);
  std::vector<std::size_t> order(instances.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::uint64_t> wf;
  std::uint64_t keys[tagger::kMaxFeatures];
  std::string best_bytes;
  double best_score = -1.0;
  int since_best = 0;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (std::size_t i = order.size(); i > 1; --i) {
      std::swap(order[i - 1], order[rng() % i]);
    }
    for (std::size_t idx : order) {
      const Instance& in = instances[idx];
      bool merged = !in.merged_words.empty() &&
                    static_cast<double>(rng() >> 11) * 0x1.0p-53 < options.merge_contractions;
      const auto& words = merged ? in.merged_words : in.words;
      const auto& gold = merged ? in.merged_gold : in.gold;
      wf.resize(words.size() * tagger::kWordSlotCount);
      tagger::ComputeWordFeatures(words, options.lexicon, &ambiguity, wf.data());
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
    tagger::ModelData data = base;
    data.classes = classes;
    data.uses_lexicon = use_classes;
    model.Export(options.prune_below, &data);
    std::string desc = "averaged perceptron; train:";
    for (const auto& p : train_conllu) desc += " " + BaseName(p);
    desc += " (" + std::to_string(instances.size()) + " sentences); dev:";
    for (const auto& p : dev_conllu) desc += " " + BaseName(p);
    desc += "; epoch " + std::to_string(epoch) + "; seed " + std::to_string(options.seed);
    desc += use_classes ? "; WordNet classes" : "; no WordNet classes";
    data.description = desc;
    std::string bytes = tagger::SerializeModel(data);
    auto tagger_or = Tagger::FromBytes(bytes, "trained model");
    if (!tagger_or.ok()) return Internal("TrainTagger: " + tagger_or.status().message());
    TagAccuracy acc = Evaluate(**tagger_or, dev, options.max_dev_sentences, options.lexicon);
    report->dev_by_epoch.push_back(acc);
    report->epochs_run = epoch;
    if (options.progress) {
      options.progress(Diagnostic{"", "epoch " + std::to_string(epoch) + ": dev UPOS " +
                                          Percent(acc.upos()) + " XPOS " + Percent(acc.xpos()) +
                                          ", " + std::to_string(data.keys.size()) + " features"});
    }
    double score = acc.upos() + 1e-3 * acc.xpos();
    if (score > best_score) {
      best_score = score;
      best_bytes = std::move(bytes);
      report->best_epoch = epoch;
      report->best_dev = acc;
      report->features = data.keys.size();
      report->weights = data.entry_class.size();
      since_best = 0;
    } else if (++since_best >= options.patience) {
      break;
    }
  }
  return best_bytes;
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
