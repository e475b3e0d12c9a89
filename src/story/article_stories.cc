// Copyright dyad authors. ArticleStoryClusterer: incremental article-level
// stories from names, places, content words, dates and coded events
// (docs/formats/stories.md, "Article stories").
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/civil.h"
#include "dyad/story.h"
#include "story/hash.h"
#include "story/story_text.h"

namespace dyad {
namespace {

using story_internal::HashBytes;

constexpr std::int64_t kUndated = std::numeric_limits<std::int64_t>::min();
constexpr int kParts = 4;
enum Part { kWords = 0, kNames = 1, kPlaces = 2, kEvents = 3 };
constexpr std::uint64_t kPartSeed[kParts] = {0x77, 0x6e, 0x70, 0x65};
constexpr std::size_t kIndexedWords = 10;  // heaviest words an article files its story under
constexpr std::size_t kPostingScan = 64;   // newest entries read per index key
constexpr std::size_t kKeptMembers = 16;   // recent member profiles kept per story
constexpr std::size_t kExplainTop = 5;     // shared features named per part

struct Feature {
  std::uint64_t key = 0;
  float weight = 0;
  std::uint32_t text = 0;  // index into Profile::texts[part]
};

struct Profile {
  std::array<std::vector<Feature>, kParts> parts;  // sorted by key, L2-normalised
  std::array<std::vector<std::string>, kParts> texts;
  std::vector<int> years;
  std::int64_t day = kUndated;
  std::vector<std::uint64_t> rare_names;  // name words with IDF >= distinctive_name_idf
};

std::optional<std::int64_t> ParseDay(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  for (std::size_t i = 0; i < 10; ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return std::nullopt;
  }
  const int y = std::stoi(std::string(s.substr(0, 4)));
  const int m = std::stoi(std::string(s.substr(5, 2)));
  const int d = std::stoi(std::string(s.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return civil::DaysFromCivil(y, m, d);
}

std::string FormatDay(std::int64_t z) {
  const civil::Ymd d = civil::CivilFromDays(z);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  }
  return out;
}

// Weighted bag of surface strings -> normalised, key-sorted features.
class PartBuilder {
 public:
  void Add(std::string text, double weight) {
    auto [it, fresh] = index_.try_emplace(text, entries_.size());
    if (fresh) entries_.push_back({std::move(text), 0.0, 0});
    entries_[it->second].weight += weight;
    ++entries_[it->second].count;
  }
  // tf -> (1 + ln tf) * mean weight; keeps the `keep` heaviest.
  void Finish(Part part, std::size_t keep, Profile* p) {
    for (Entry& e : entries_) {
      e.weight = (1.0 + std::log(static_cast<double>(e.count))) * e.weight / e.count;
    }
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const Entry& a, const Entry& b) { return a.weight > b.weight; });
    if (entries_.size() > keep) entries_.resize(keep);
    double norm = 0;
    for (const Entry& e : entries_) norm += e.weight * e.weight;
    norm = std::sqrt(norm);
    auto& features = p->parts[part];
    auto& texts = p->texts[part];
    for (Entry& e : entries_) {
      if (e.weight <= 0) continue;
      features.push_back({HashBytes(e.text, kPartSeed[part]), static_cast<float>(e.weight / norm),
                          static_cast<std::uint32_t>(texts.size())});
      texts.push_back(std::move(e.text));
    }
    std::sort(features.begin(), features.end(),
              [](const Feature& a, const Feature& b) { return a.key < b.key; });
  }

 private:
  struct Entry {
    std::string text;
    double weight;
    int count;
  };
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::size_t> index_;
};

struct StoryState {
  ArticleStory pub;
  std::array<std::unordered_map<std::uint64_t, float>, kParts> centroid;
  std::array<double, kParts> norm2{};
  std::unordered_map<std::uint64_t, std::string> texts;  // names, places, events
  std::vector<int> years;
  std::int64_t lo = kUndated, hi = kUndated;
  std::deque<std::pair<std::string, Profile>> recent;
  std::vector<std::uint64_t> indexed;  // index keys filed under, sorted
  std::unordered_set<std::uint64_t> rare_names;
  bool closed = false;
  bool label_dirty = true;
};

struct Scored {
  double score = 0;
  std::array<double, kParts> part{};
  int days_apart = -1;
};

}  // namespace

struct ArticleStoryClusterer::Impl {
  const IdfTable* idf;
  const StoryNameFinder* names;
  StoryOptions options;
  std::deque<StoryState> stories;  // id - 1 (a deque: no copies as it grows)
  std::unordered_map<std::string, StoryId> story_of;
  struct Posting {
    std::vector<StoryId> stories;  // in order of filing
    std::size_t compacted = 0;     // size after the last compaction
  };
  std::unordered_map<std::uint64_t, Posting> postings;
  std::int64_t newest_day = kUndated;

  // --- profile ------------------------------------------------------------

  Profile BuildProfile(const StoryArticle& a) const {
    Profile p;
    std::vector<std::string> terms;
    PartBuilder words;
    // The headline counts twice: it says what the article is about.
    StoryTerms(a.title, &terms);
    for (std::string& t : terms) words.Add(t, 2 * idf->Idf(t));
    StoryTerms(a.body, &terms);
    for (std::string& t : terms) words.Add(std::move(t), idf->Idf(t));
    words.Finish(kWords, options.article_terms, &p);

    PartBuilder name_part;
    std::vector<std::string> found;
    names->FindNames(a.title, a.body, &found);
    std::string token;
    for (const std::string& name : found) {
      double top = 0;
      int tokens = 0;
      story_internal::ForEachWord(name, [&](std::string_view w, bool) {
        story_internal::NormaliseTerm(w, &token);
        if (token.size() < 2 || story_internal::IsStopWord(token) ||
            story_internal::IsCompanySuffix(token)) {
          return;
        }
        const double weight = idf->Idf(token);
        if (weight >= options.distinctive_name_idf) {
          p.rare_names.push_back(HashBytes(token, kPartSeed[kNames]));
        }
        top = std::max(top, weight);
        ++tokens;
        name_part.Add(token, weight);
      });
      if (tokens > 1) name_part.Add(Lower(name), top);
    }
    name_part.Finish(kNames, options.article_terms, &p);
    std::sort(p.rare_names.begin(), p.rare_names.end());
    p.rare_names.erase(std::unique(p.rare_names.begin(), p.rare_names.end()), p.rare_names.end());

    PartBuilder places;
    for (const std::string& place : a.places) {
      if (!place.empty()) places.Add(Lower(place), 1.0);
    }
    places.Finish(kPlaces, options.article_terms, &p);

    PartBuilder events;
    for (const std::string& t : a.event_types) {
      if (!t.empty()) events.Add("type " + t, 1.0);
    }
    for (const std::string& d : a.dyads) {
      if (!d.empty()) events.Add("dyad " + d, 1.0);
    }
    events.Finish(kEvents, options.article_terms, &p);
    story_internal::ExplicitYears(a.body, &p.years);
    return p;
  }

  // --- scoring ------------------------------------------------------------

  double Weight(int part) const {
    switch (part) {
      case kWords:
        return options.word_weight;
      case kNames:
        return options.name_weight;
      case kPlaces:
        return options.place_weight;
      default:
        return options.event_weight;
    }
  }

  static double Cosine(const std::vector<Feature>& a,
                       const std::unordered_map<std::uint64_t, float>& c, double norm2) {
    if (norm2 <= 0) return 0;
    double dot = 0;
    for (const Feature& f : a) {
      if (auto it = c.find(f.key); it != c.end()) dot += f.weight * it->second;
    }
    return dot / std::sqrt(norm2);
  }

  static double Cosine(const Profile& a, const Profile& b, int part) {
    const auto& x = a.parts[part];
    const auto& y = b.parts[part];
    double dot = 0;
    std::size_t i = 0, j = 0;
    while (i < x.size() && j < y.size()) {
      if (x[i].key < y[j].key) {
        ++i;
      } else if (y[j].key < x[i].key) {
        ++j;
      } else {
        dot += x[i++].weight * y[j++].weight;
      }
    }
    return dot;
  }

  // Weighted mean of the parts both sides have; a part one side lacks is
  // unknown, not a mismatch. Disagreeing explicit years cost year_penalty.
  template <typename PartCosine>
  double Combine(const PartCosine& cosine, const Profile& p, const std::vector<int>& other_years,
                 const std::array<bool, kParts>& other_has,
                 std::array<double, kParts>* parts) const {
    double sum = 0, weights = 0;
    for (int k = 0; k < kParts; ++k) {
      (*parts)[k] = 0;
      if (p.parts[k].empty() || !other_has[k] || Weight(k) <= 0) continue;
      (*parts)[k] = cosine(k);
      sum += Weight(k) * (*parts)[k];
      weights += Weight(k);
    }
    double score = weights > 0 ? sum / weights : 0;
    if (!p.years.empty() && !other_years.empty()) {
      bool shared = false;
      for (int y : p.years) {
        shared = shared || std::binary_search(other_years.begin(), other_years.end(), y);
      }
      if (!shared) score -= options.year_penalty;
    }
    return score;
  }

  Scored Score(const Profile& p, const StoryState& s) const {
    Scored out;
    std::array<bool, kParts> has{};
    for (int k = 0; k < kParts; ++k) has[k] = s.norm2[k] > 0;
    out.score = Combine([&](int k) { return Cosine(p.parts[k], s.centroid[k], s.norm2[k]); }, p,
                        s.years, has, &out.part);
    if (p.day != kUndated && s.lo != kUndated) {
      out.days_apart = static_cast<int>(p.day < s.lo   ? s.lo - p.day
                                        : p.day > s.hi ? p.day - s.hi
                                                       : 0);
    }
    return out;
  }

  double ScorePair(const Profile& p, const Profile& q) const {
    std::array<bool, kParts> has{};
    for (int k = 0; k < kParts; ++k) has[k] = !q.parts[k].empty();
    std::array<double, kParts> parts{};
    return Combine([&](int k) { return Cosine(p, q, k); }, p, q.years, has, &parts);
  }

  // Both sides name people, organisations or places, and none of them match:
  // another happening of the same kind (another company's results, another
  // earthquake), however alike the words.
  bool NamesDisagree(const Profile& p, const StoryState& s) const {
    if (p.rare_names.empty() || s.rare_names.empty()) return false;
    for (std::uint64_t k : p.rare_names) {
      if (s.rare_names.count(k)) return false;
    }
    return true;
  }

  bool InWindow(const Scored& s) const {
    if (s.days_apart <= options.window_days) return true;  // includes undated (-1)
    return s.days_apart <= options.follow_up_days && s.part[kNames] >= options.follow_up_min_names;
  }

  // --- candidates ---------------------------------------------------------

  std::vector<std::uint64_t> IndexKeys(const Profile& p) const {
    std::vector<std::uint64_t> keys;
    for (int k : {kNames, kPlaces}) {
      for (const Feature& f : p.parts[k]) keys.push_back(f.key);
    }
    std::vector<Feature> heavy = p.parts[kWords];
    std::sort(heavy.begin(), heavy.end(), [](const Feature& a, const Feature& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.key < b.key;
    });
    for (std::size_t i = 0; i < heavy.size() && i < kIndexedWords; ++i)
      keys.push_back(heavy[i].key);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
  }

  bool Expired(const StoryState& s) const {
    return s.hi != kUndated && newest_day != kUndated && s.hi + options.follow_up_days < newest_day;
  }

  std::vector<StoryId> Candidates(const std::vector<std::uint64_t>& keys) {
    std::vector<StoryId> hit_list;
    for (std::uint64_t key : keys) {
      auto it = postings.find(key);
      if (it == postings.end()) continue;
      Posting& posting = it->second;
      std::vector<StoryId>& list = posting.stories;
      // Amortised: a list is compacted when it has doubled since the last time.
      if (list.size() > 2 * std::max(posting.compacted, kPostingScan)) {
        Compact(&list);
        posting.compacted = list.size();
      }
      const std::size_t from = list.size() > kPostingScan ? list.size() - kPostingScan : 0;
      hit_list.insert(hit_list.end(), list.begin() + from, list.end());
    }
    std::sort(hit_list.begin(), hit_list.end());
    std::vector<std::pair<int, StoryId>> ranked;
    for (std::size_t i = 0; i < hit_list.size();) {
      std::size_t j = i;
      while (j < hit_list.size() && hit_list[j] == hit_list[i]) ++j;
      StoryState& s = stories[hit_list[i] - 1];
      if (!s.closed && Expired(s)) Close(&s);
      if (!s.closed) ranked.emplace_back(static_cast<int>(j - i), hit_list[i]);
      i = j;
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    if (ranked.size() > options.max_candidates) ranked.resize(options.max_candidates);
    std::vector<StoryId> ids;
    for (const auto& r : ranked) ids.push_back(r.second);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  void Compact(std::vector<StoryId>* list) {
    std::vector<StoryId> kept;
    for (StoryId id : *list) {
      StoryState& s = stories[id - 1];
      if (!s.closed && Expired(s)) Close(&s);
      if (!s.closed) kept.push_back(id);
    }
    *list = std::move(kept);
  }

  // A closed story can no longer be joined: its content is freed (the label
  // is fixed first).
  void Close(StoryState* s) const {
    RefreshLabel(s);
    s->closed = true;
    for (auto& c : s->centroid) c = {};
    s->rare_names = {};
    s->recent.clear();
    s->indexed.clear();
    s->indexed.shrink_to_fit();
  }

  // --- updates ------------------------------------------------------------

  void Absorb(StoryState* s, const std::string& key, Profile p, const std::string& outlet) {
    for (int k = 0; k < kParts; ++k) {
      auto& c = s->centroid[k];
      for (const Feature& f : p.parts[k]) {
        float& v = c[f.key];
        s->norm2[k] += 2.0 * v * f.weight + static_cast<double>(f.weight) * f.weight;
        v += f.weight;
        if (k != kWords) s->texts.try_emplace(f.key, p.texts[k][f.text]);
      }
      if (k == kWords && c.size() > 2 * options.story_terms) Truncate(&c, &s->norm2[k]);
    }
    s->rare_names.insert(p.rare_names.begin(), p.rare_names.end());
    std::vector<int> years;
    std::set_union(s->years.begin(), s->years.end(), p.years.begin(), p.years.end(),
                   std::back_inserter(years));
    s->years = std::move(years);
    if (p.day != kUndated) {
      s->lo = s->lo == kUndated ? p.day : std::min(s->lo, p.day);
      s->hi = s->hi == kUndated ? p.day : std::max(s->hi, p.day);
      s->pub.first_date = FormatDay(s->lo);
      s->pub.last_date = FormatDay(s->hi);
    }
    if (!outlet.empty() &&
        std::find(s->pub.sources.begin(), s->pub.sources.end(), outlet) == s->pub.sources.end()) {
      s->pub.sources.push_back(outlet);
    }
    for (std::uint64_t k : IndexKeys(p)) {
      auto it = std::lower_bound(s->indexed.begin(), s->indexed.end(), k);
      if (it != s->indexed.end() && *it == k) continue;
      s->indexed.insert(it, k);
      postings[k].stories.push_back(s->pub.id);
    }
    s->recent.emplace_back(key, std::move(p));
    if (s->recent.size() > kKeptMembers) s->recent.pop_front();
    s->label_dirty = true;
  }

  void Truncate(std::unordered_map<std::uint64_t, float>* c, double* norm2) const {
    std::vector<std::pair<std::uint64_t, float>> all(c->begin(), c->end());
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    all.resize(options.story_terms);
    c->clear();
    *norm2 = 0;
    for (const auto& [k, v] : all) {
      c->emplace(k, v);
      *norm2 += static_cast<double>(v) * v;
    }
  }

  // The shared features of a part, heaviest contribution first.
  std::vector<std::string> Shared(const Profile& p, const StoryState& s, int part) const {
    std::vector<std::pair<double, std::uint32_t>> contrib;
    for (const Feature& f : p.parts[part]) {
      if (auto it = s.centroid[part].find(f.key); it != s.centroid[part].end()) {
        contrib.emplace_back(static_cast<double>(f.weight) * it->second, f.text);
      }
    }
    std::sort(contrib.begin(), contrib.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < contrib.size() && i < kExplainTop; ++i) {
      out.push_back(p.texts[part][contrib[i].second]);
    }
    return out;
  }

  std::string Nearest(const Profile& p, const StoryState& s) const {
    double best = -1e9;
    std::string key;
    for (const auto& [k, q] : s.recent) {
      const double v = ScorePair(p, q);
      if (v > best) {
        best = v;
        key = k;
      }
    }
    return key;
  }

  void RefreshLabel(StoryState* s) const {
    if (!s->label_dirty || s->closed) return;
    s->label_dirty = false;
    auto top = [&](int part, std::size_t n, bool multiword) {
      std::vector<std::pair<float, std::uint64_t>> all;
      for (const auto& [k, v] : s->centroid[part]) {
        auto it = s->texts.find(k);
        if (it == s->texts.end()) continue;
        if (multiword && it->second.find(' ') == std::string::npos) continue;
        all.emplace_back(v, k);
      }
      std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      });
      std::vector<std::string> out;
      for (std::size_t i = 0; i < all.size() && out.size() < n; ++i) {
        out.push_back(s->texts.at(all[i].second));
      }
      return out;
    };
    std::string label;
    std::vector<std::string> names = top(kNames, 2, true);
    if (names.empty()) names = top(kNames, 2, false);
    for (const std::string& n : names) label += (label.empty() ? "" : ", ") + n;
    for (const std::string& pl : top(kPlaces, 1, false)) label += " @ " + pl;
    for (const std::string& e : top(kEvents, 1, false)) {
      if (e.rfind("type ", 0) == 0) label += " [" + e.substr(5) + "]";
    }
    if (label.empty()) label = "(no names)";
    s->pub.label = label;
  }

  StoryId Start(const StoryArticle& a, Profile p) {
    StoryState s;
    s.pub.id = stories.size() + 1;
    stories.push_back(std::move(s));
    StoryState& st = stories.back();
    st.pub.articles.push_back(a.key);
    Absorb(&st, a.key, std::move(p), a.outlet);
    return st.pub.id;
  }
};

ArticleStoryClusterer::ArticleStoryClusterer(const IdfTable& idf, const StoryNameFinder& names,
                                             StoryOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->idf = &idf;
  impl_->names = &names;
  impl_->options = options;
}
ArticleStoryClusterer::~ArticleStoryClusterer() = default;
ArticleStoryClusterer::ArticleStoryClusterer(ArticleStoryClusterer&&) noexcept = default;
ArticleStoryClusterer& ArticleStoryClusterer::operator=(ArticleStoryClusterer&&) noexcept = default;

Result<StoryDecision> ArticleStoryClusterer::Add(const StoryArticle& article) {
  Impl& d = *impl_;
  if (article.key.empty()) return InvalidArgument("story article: empty key");
  if (d.story_of.count(article.key)) {
    return InvalidArgument("article " + article.key + ": added before");
  }
  std::int64_t day = kUndated;
  if (!article.date.empty()) {
    std::optional<std::int64_t> parsed = ParseDay(article.date);
    if (!parsed) {
      return InvalidArgument("article " + article.key + ": date \"" + article.date +
                             "\" is not YYYY-MM-DD");
    }
    day = *parsed;
    d.newest_day = d.newest_day == kUndated ? day : std::max(d.newest_day, day);
  }
  StoryDecision decision;
  // A near-duplicate is its original's story; it adds nothing to the centroid.
  if (!article.duplicate_of.empty()) {
    if (auto it = d.story_of.find(article.duplicate_of); it != d.story_of.end()) {
      StoryState& s = d.stories[it->second - 1];
      s.pub.articles.push_back(article.key);
      d.story_of.emplace(article.key, s.pub.id);
      decision.story = s.pub.id;
      decision.nearest = article.duplicate_of;
      decision.score = 1;
      return decision;
    }
  }
  Profile p = d.BuildProfile(article);
  p.day = day;
  StoryId best = 0;
  Scored best_score;
  for (StoryId id : d.Candidates(d.IndexKeys(p))) {
    Scored s = d.Score(p, d.stories[id - 1]);
    if (!d.InWindow(s) || s.score < d.options.join_threshold ||
        d.NamesDisagree(p, d.stories[id - 1])) {
      continue;
    }
    if (best == 0 || s.score > best_score.score) {
      best = id;
      best_score = s;
    }
  }
  if (best == 0) {
    decision.story = d.Start(article, std::move(p));
    decision.started = true;
  } else {
    StoryState& s = d.stories[best - 1];
    decision.story = best;
    decision.score = best_score.score;
    decision.words = best_score.part[kWords];
    decision.names = best_score.part[kNames];
    decision.places = best_score.part[kPlaces];
    decision.events = best_score.part[kEvents];
    decision.days_apart = best_score.days_apart;
    decision.shared_words = d.Shared(p, s, kWords);
    decision.shared_names = d.Shared(p, s, kNames);
    decision.shared_places = d.Shared(p, s, kPlaces);
    decision.nearest = d.Nearest(p, s);
    s.pub.articles.push_back(article.key);
    d.Absorb(&s, article.key, std::move(p), article.outlet);
  }
  d.story_of.emplace(article.key, decision.story);
  return decision;
}

std::size_t ArticleStoryClusterer::story_count() const { return impl_->stories.size(); }

const ArticleStory* ArticleStoryClusterer::story(StoryId id) const {
  if (id == 0 || id > impl_->stories.size()) return nullptr;
  StoryState& s = impl_->stories[id - 1];
  impl_->RefreshLabel(&s);
  return &s.pub;
}

std::optional<StoryId> ArticleStoryClusterer::StoryOf(std::string_view key) const {
  auto it = impl_->story_of.find(std::string(key));
  if (it == impl_->story_of.end()) return std::nullopt;
  return it->second;
}

}  // namespace dyad
