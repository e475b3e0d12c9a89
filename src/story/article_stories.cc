// Copyright dyad authors. ArticleStoryClusterer: incremental article-level
// stories from names, places, content words, dates and coded events
// (docs/formats/stories.md, "Article stories").
//
// Cost per article: its tokenisation (no allocation per token: terms are
// hashed into reusable open-addressing tables), one pass over the posting
// lists of its index keys (story hits counted in a reusable array, no sort of
// the hit list), and at most max_candidates scores, each four merge-joins of
// key-sorted vectors (an article's features against a story's centroid, whose
// squared norms are kept up to date as members join).
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
  std::array<std::vector<Feature>, kParts> parts;      // sorted by key, L2-normalised
  std::array<std::vector<std::string>, kParts> texts;  // as written (names, places)
  std::vector<int> years;
  std::int64_t day = kUndated;
  std::vector<std::uint64_t> rare_names;  // name words with IDF >= distinctive_name_idf, sorted
  std::vector<std::string> event_types;   // distinct CAMEO roots ("19"), sorted
  int stated_year = 0;                    // of the publication date, else of a dateline; 0 = none
  int main_place_mentions = 0;            // of the most mentioned place
  std::vector<std::uint64_t> main_names;  // name words it is about (see MainNames), sorted
  // Name words mentioned at least main_name_mentions times (not as a quoted
  // source) -> mentions, sorted.
  std::vector<std::pair<std::uint64_t, int>> name_mentions;
};

std::optional<std::int64_t> ParseDay(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  for (std::size_t i = 0; i < 10; ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')) return std::nullopt;
  }
  auto num = [&](std::size_t from, std::size_t len) {
    int v = 0;
    for (std::size_t i = from; i < from + len; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  const int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  return civil::DaysFromCivil(y, m, d);
}

// Month names and their usual abbreviations, lower case; index + 1 = month.
constexpr std::string_view kMonthNames[12][2] = {
    {"january", "jan"},   {"february", "feb"}, {"march", "mar"},    {"april", "apr"},
    {"may", "may"},       {"june", "jun"},     {"july", "jul"},     {"august", "aug"},
    {"september", "sep"}, {"october", "oct"},  {"november", "nov"}, {"december", "dec"}};

int MonthOf(std::string_view w) {
  if (w.size() < 3 || w.size() > 9) return 0;
  char buf[10];
  for (std::size_t i = 0; i < w.size(); ++i) buf[i] = static_cast<char>(w[i] | 0x20);
  const std::string_view lw(buf, w.size());
  for (int m = 0; m < 12; ++m) {
    if (lw == kMonthNames[m][0] || lw == kMonthNames[m][1] || (m == 8 && lw == "sept")) {
      return m + 1;
    }
  }
  return 0;
}

// The date a page states near its top when it carries no publication date:
// the first "July 21, 2013", "21 July 2013" or "Dec. 15th, 2008" in the
// title or the first kDatelineBytes of the body (a dateline, a byline date).
constexpr std::size_t kDatelineBytes = 400;

std::optional<std::int64_t> DatelineDay(std::string_view text) {
  text = text.substr(0, std::min(text.size(), kDatelineBytes));
  // Tokens: runs of letters, runs of digits; everything else separates.
  struct Tok {
    std::string_view s;
    bool digits;
  };
  std::vector<Tok> toks;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const bool digit = c >= '0' && c <= '9';
    const bool letter = (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    if (!digit && !letter) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < text.size() && (digit ? (text[j] >= '0' && text[j] <= '9')
                                     : ((text[j] | 0x20) >= 'a' && (text[j] | 0x20) <= 'z'))) {
      ++j;
    }
    toks.push_back({text.substr(i, j - i), digit});
    i = j;
  }
  auto num = [](std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
  };
  auto ordinal = [](std::string_view s) {
    return s == "st" || s == "nd" || s == "rd" || s == "th" || s == "ST" || s == "ND" ||
           s == "RD" || s == "TH";
  };
  for (std::size_t i = 0; i < toks.size(); ++i) {
    // Month Day[th] Year
    if (const int m = toks[i].digits ? 0 : MonthOf(toks[i].s); m != 0) {
      std::size_t k = i + 1;
      if (k < toks.size() && toks[k].digits && toks[k].s.size() <= 2) {
        const int d = num(toks[k].s);
        if (k + 1 < toks.size() && ordinal(toks[k + 1].s)) ++k;
        if (k + 1 < toks.size() && toks[k + 1].digits && toks[k + 1].s.size() == 4) {
          const int y = num(toks[k + 1].s);
          if (y >= 1950 && y <= 2099 && d >= 1 && d <= 31) return civil::DaysFromCivil(y, m, d);
        }
      }
    }
    // Day[th] Month Year
    if (toks[i].digits && toks[i].s.size() <= 2) {
      std::size_t k = i + 1;
      if (k < toks.size() && ordinal(toks[k].s)) ++k;
      if (k + 1 < toks.size() && !toks[k].digits && toks[k + 1].digits &&
          toks[k + 1].s.size() == 4) {
        const int m = MonthOf(toks[k].s), d = num(toks[i].s), y = num(toks[k + 1].s);
        if (m != 0 && y >= 1950 && y <= 2099 && d >= 1 && d <= 31) {
          return civil::DaysFromCivil(y, m, d);
        }
      }
    }
  }
  return std::nullopt;
}

std::string FormatDay(std::int64_t z) {
  const civil::Ymd d = civil::CivilFromDays(z);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

// ASCII lower case into a reused buffer.
void LowerInto(std::string_view s, std::string* out) {
  out->assign(s);
  for (char& c : *out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
  }
}

bool HasLower(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// A name as written in running text ("Humboldt") reads better than an
// all-capitals headline's ("HUMBOLDT"): the first mixed-case form wins.
bool BetterDisplay(std::string_view have, std::string_view offer) {
  return !HasLower(have) && HasLower(offer);
}

// Weighted bag of features -> normalised, key-sorted features. Reused across
// articles: Clear keeps the capacity of the table and of the entries' strings.
class PartBuilder {
 public:
  void Clear() {
    for (std::uint32_t s : used_) slots_[s] = kEmpty;
    used_.clear();
    n_ = 0;
  }

  // `key` identifies the feature (a hash of its normalised text); `display`
  // is what explanations and labels show.
  void Add(std::uint64_t key, std::string_view display, double weight) {
    if (slots_.empty()) slots_.assign(256, kEmpty);
    if (2 * (n_ + 1) > slots_.size()) Grow();
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = key & mask;
    while (slots_[i] != kEmpty && entries_[slots_[i]].key != key) i = (i + 1) & mask;
    if (slots_[i] == kEmpty) {
      slots_[i] = static_cast<std::uint32_t>(n_);
      used_.push_back(static_cast<std::uint32_t>(i));
      if (n_ == entries_.size()) entries_.emplace_back();
      Entry& e = entries_[n_++];
      e.key = key;
      e.text.assign(display);
      e.weight = 0;
      e.count = 0;
    }
    Entry& e = entries_[slots_[i]];
    if (BetterDisplay(e.text, display)) e.text.assign(display);
    e.weight += weight;
    ++e.count;
  }

  // Calls f(key, count) for every feature added since the last Clear.
  template <typename F>
  void ForEach(const F& f) const {
    for (std::size_t i = 0; i < n_; ++i) f(entries_[i].key, entries_[i].count);
  }

  // tf -> (1 + ln tf) * mean weight; keeps the `keep` heaviest (ties: the
  // first added).
  void Finish(Part part, std::size_t keep, Profile* p) {
    order_.clear();
    for (std::size_t i = 0; i < n_; ++i) {
      Entry& e = entries_[i];
      e.weight = (1.0 + std::log(static_cast<double>(e.count))) * e.weight / e.count;
      order_.push_back(static_cast<std::uint32_t>(i));
    }
    auto heavier = [&](std::uint32_t a, std::uint32_t b) {
      return entries_[a].weight != entries_[b].weight ? entries_[a].weight > entries_[b].weight
                                                      : a < b;
    };
    if (order_.size() > keep) {
      std::partial_sort(order_.begin(), order_.begin() + keep, order_.end(), heavier);
      order_.resize(keep);
    } else {
      std::sort(order_.begin(), order_.end(), heavier);
    }
    double norm = 0;
    for (std::uint32_t i : order_) norm += entries_[i].weight * entries_[i].weight;
    norm = std::sqrt(norm);
    auto& features = p->parts[part];
    auto& texts = p->texts[part];
    features.reserve(order_.size());
    texts.reserve(order_.size());
    for (std::uint32_t i : order_) {
      const Entry& e = entries_[i];
      if (e.weight <= 0) continue;
      features.push_back(
          {e.key, static_cast<float>(e.weight / norm), static_cast<std::uint32_t>(texts.size())});
      texts.push_back(e.text);
    }
    std::sort(features.begin(), features.end(),
              [](const Feature& a, const Feature& b) { return a.key < b.key; });
    Clear();
  }

 private:
  static constexpr std::uint32_t kEmpty = 0xffffffffu;
  struct Entry {
    std::uint64_t key = 0;
    std::string text;
    double weight = 0;
    int count = 0;
  };

  void Grow() {
    slots_.assign(slots_.size() * 2, kEmpty);
    used_.clear();
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t n = 0; n < n_; ++n) {
      std::size_t i = entries_[n].key & mask;
      while (slots_[i] != kEmpty) i = (i + 1) & mask;
      slots_[i] = static_cast<std::uint32_t>(n);
      used_.push_back(static_cast<std::uint32_t>(i));
    }
  }

  std::vector<Entry> entries_;  // the first n_ are live
  std::size_t n_ = 0;
  std::vector<std::uint32_t> slots_;  // open addressing into entries_, power of two
  std::vector<std::uint32_t> used_;   // occupied slots (for Clear)
  std::vector<std::uint32_t> order_;
};

// A story's centroid part: the sum of its members' features, sorted by key.
struct CentroidEntry {
  std::uint64_t key = 0;
  float weight = 0;
};
using Centroid = std::vector<CentroidEntry>;

const CentroidEntry* FindIn(const Centroid& c, std::uint64_t key) {
  auto it = std::lower_bound(c.begin(), c.end(), key,
                             [](const CentroidEntry& e, std::uint64_t k) { return e.key < k; });
  return it != c.end() && it->key == key ? &*it : nullptr;
}

struct StoryState {
  ArticleStory pub;
  std::array<Centroid, kParts> centroid;
  std::array<double, kParts> norm2{};
  std::unordered_map<std::uint64_t, std::string> texts;  // names, places, events as written
  std::vector<int> years;
  std::int64_t lo = kUndated, hi = kUndated;
  std::deque<std::pair<std::string, Profile>> recent;
  std::vector<std::uint64_t> indexed;     // index keys filed under, sorted
  std::vector<std::uint64_t> rare_names;  // sorted
  std::vector<std::string> event_types;   // CAMEO roots of the members' events, sorted
  std::vector<int> stated_years;          // members' stated years, sorted
  std::vector<std::uint64_t> main_names;  // union of the members' main names, sorted
  bool closed = false;
  bool label_dirty = true;
};

struct Scored {
  double score = 0;
  std::array<double, kParts> part{};
  int days_apart = -1;
};

// Merge-join dot product of key-sorted features and a key-sorted centroid.
double Dot(const std::vector<Feature>& a, const Centroid& c) {
  double dot = 0;
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < c.size()) {
    if (a[i].key < c[j].key) {
      ++i;
    } else if (c[j].key < a[i].key) {
      ++j;
    } else {
      dot += a[i++].weight * c[j++].weight;
    }
  }
  return dot;
}

double Dot(const std::vector<Feature>& x, const std::vector<Feature>& y) {
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

  // Scratch reused by every Add (no allocation per token or per candidate).
  std::array<PartBuilder, kParts> builders;
  PartBuilder name_words;  // single name words and their mentions (for MainNames)
  PartBuilder speakers;    // name words quoted as a source, and how often
  std::vector<std::string> found_names;
  std::string token, lower;
  std::vector<std::uint32_t> hits;  // per story id - 1: index keys shared in this lookup
  std::vector<StoryId> touched;
  Centroid merged;

  // --- profile ------------------------------------------------------------

  // Content words; with `track_speakers`, also the name words quoted as a source
  // (SpeakerTracker), in the same pass over the text.
  void AddWords(std::string_view text, double factor, bool track_speakers) {
    SpeakerTracker tracker;
    story_internal::ForEachWord(text, [&](std::string_view w, bool sentence_start) {
      if (track_speakers) tracker.Next(w, sentence_start, this);
      if (w.size() < 3) return;
      story_internal::NormaliseTerm(w, &token);
      if (token.size() < 3 || story_internal::IsStopWord(token)) return;
      builders[kWords].Add(HashBytes(token, kPartSeed[kWords]), token, factor * idf->Idf(token));
    });
  }

  static bool IsCapitalised(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

  static bool IsSpeechVerb(std::string_view w) {
    return w == "said" || w == "says" || w == "told" || w == "added";
  }

  // Mentions of name words as a quoted source: "Dorsey said", "said Kenneth
  // Dorsey", "according to Arthur". A witness or analyst quoted at length is
  // not what the article is about (MainNames).
  struct SpeakerTracker {
    std::string_view prev2, prev;
    bool inverted = false;  // inside the name after "said" / "according to"

    void Next(std::string_view w, bool sentence_start, Impl* impl) {
      // A name after "said" starts in the same sentence ("the CHP said.
      // Williams, ..." is not one); it runs on through "Lt. Gerald Pickell".
      const bool starts = !sentence_start && (prev == "said" || prev == "says" ||
                                              (prev2 == "according" && prev == "to"));
      inverted = IsCapitalised(w) && (inverted || starts);
      if (inverted) impl->AddSpeaker(w);
      if (IsSpeechVerb(w) && IsCapitalised(prev)) impl->AddSpeaker(prev);
      prev2 = prev;
      prev = w;
    }
  };

  void AddSpeaker(std::string_view w) {
    story_internal::NormaliseTerm(w, &token);
    speakers.Add(HashBytes(token, kPartSeed[kNames]), {}, 1.0);
  }

  void AddNames(const StoryArticle& a, Profile* p) {
    found_names.clear();
    names->FindNames(a.title, a.body, &found_names);
    PartBuilder& part = builders[kNames];
    for (const std::string& name : found_names) {
      double top = 0;
      int tokens = 0;
      story_internal::ForEachWord(name, [&](std::string_view w, bool) {
        story_internal::NormaliseTerm(w, &token);
        if (token.size() < 2 || story_internal::IsStopWord(token) ||
            story_internal::IsCompanySuffix(token)) {
          return;
        }
        const double weight = idf->Idf(token);
        const std::uint64_t key = HashBytes(token, kPartSeed[kNames]);
        if (weight >= options.distinctive_name_idf) p->rare_names.push_back(key);
        top = std::max(top, weight);
        ++tokens;
        part.Add(key, w, weight);
        if (weight >= options.main_name_idf) name_words.Add(key, {}, weight);
      });
      if (tokens > 1) {
        LowerInto(name, &lower);
        part.Add(HashBytes(lower, kPartSeed[kNames]), name, top);
      }
    }
    std::sort(p->rare_names.begin(), p->rare_names.end());
    p->rare_names.erase(std::unique(p->rare_names.begin(), p->rare_names.end()),
                        p->rare_names.end());
    MainNames(p);
  }

  // The name words the article is about: those mentioned most often, when
  // that is at least main_name_mentions times ("Jackson" in a report of
  // Jackson's arrest, "Williams" in one of Williams's).
  void MainNames(Profile* p) {
    if (!options.main_name_disagreement) {
      name_words.Clear();
      return;
    }
    int most = 0;
    // Only words mentioned main_name_mentions times or more matter, here and
    // in MainNamesDisagree.
    name_words.ForEach([&](std::uint64_t key, int count) {
      if (count >= options.main_name_mentions) p->name_mentions.emplace_back(key, count);
    });
    std::sort(p->name_mentions.begin(), p->name_mentions.end());
    // Mentions as a quoted source do not count.
    speakers.ForEach([&](std::uint64_t key, int count) {
      auto it = std::lower_bound(p->name_mentions.begin(), p->name_mentions.end(),
                                 std::make_pair(key, 0));
      if (it != p->name_mentions.end() && it->first == key) it->second -= count;
    });
    p->name_mentions.erase(std::remove_if(p->name_mentions.begin(), p->name_mentions.end(),
                                          [&](const std::pair<std::uint64_t, int>& m) {
                                            return m.second < options.main_name_mentions;
                                          }),
                           p->name_mentions.end());
    for (const auto& [key, count] : p->name_mentions) most = std::max(most, count);
    if (most >= options.main_name_mentions) {
      for (const auto& [key, count] : p->name_mentions) {
        if (count == most) p->main_names.push_back(key);
      }
    }
    name_words.Clear();
    speakers.Clear();
  }

  Profile BuildProfile(const StoryArticle& a) {
    Profile p;
    // The headline counts twice: it says what the article is about.
    AddWords(a.title, 2, false);
    AddWords(a.body, 1, options.main_name_disagreement);
    builders[kWords].Finish(kWords, options.article_terms, &p);

    AddNames(a, &p);
    builders[kNames].Finish(kNames, options.article_terms, &p);

    for (const std::string& place : a.places) {
      if (place.empty()) continue;
      LowerInto(place, &lower);
      builders[kPlaces].Add(HashBytes(lower, kPartSeed[kPlaces]), place, 1.0);
    }
    std::unordered_map<std::string, int> mentions;
    for (const std::string& place : a.places) {
      if (place.empty()) continue;
      LowerInto(place, &lower);
      p.main_place_mentions = std::max(p.main_place_mentions, ++mentions[lower]);
    }
    builders[kPlaces].Finish(kPlaces, options.article_terms, &p);

    for (const std::string& t : a.event_types) {
      if (t.empty()) continue;
      lower = "type ";
      lower += t;
      builders[kEvents].Add(HashBytes(lower, kPartSeed[kEvents]), lower, 1.0);
      if (t.size() == 2 && t[0] >= '0' && t[0] <= '9') p.event_types.push_back(t);
    }
    for (const std::string& d : a.dyads) {
      if (d.empty()) continue;
      lower = "dyad ";
      lower += d;
      builders[kEvents].Add(HashBytes(lower, kPartSeed[kEvents]), lower, 1.0);
    }
    builders[kEvents].Finish(kEvents, options.article_terms, &p);
    std::sort(p.event_types.begin(), p.event_types.end());
    p.event_types.erase(std::unique(p.event_types.begin(), p.event_types.end()),
                        p.event_types.end());
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
    out.score = Combine(
        [&](int k) {
          return s.norm2[k] > 0 ? Dot(p.parts[k], s.centroid[k]) / std::sqrt(s.norm2[k]) : 0.0;
        },
        p, s.years, has, &out.part);
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
    return Combine([&](int k) { return Dot(p.parts[k], q.parts[k]); }, p, q.years, has, &parts);
  }

  // Both sides name people, organisations or places, and none of them match:
  // another happening of the same kind (another company's results, another
  // earthquake), however alike the words.
  bool NamesDisagree(const Profile& p, const StoryState& s) const {
    if (p.rare_names.empty() || s.rare_names.empty()) return false;
    for (std::uint64_t k : p.rare_names) {
      if (std::binary_search(s.rare_names.begin(), s.rare_names.end(), k)) return false;
    }
    return true;
  }

  // The article is mainly about someone (MainNames) the story never names,
  // and names the story's main names fewer than main_name_mentions times (in
  // passing, as background): another happening of the same kind with another
  // protagonist (the arrest of another player of the same team).
  bool MainNamesDisagree(const Profile& p, const StoryState& s) const {
    if (!options.main_name_disagreement || p.main_names.empty() || s.main_names.empty()) {
      return false;
    }
    for (std::uint64_t k : p.main_names) {
      if (FindIn(s.centroid[kNames], k) != nullptr) return false;
    }
    const auto& mine = p.name_mentions;
    for (std::uint64_t k : s.main_names) {
      auto it = std::lower_bound(mine.begin(), mine.end(), std::make_pair(k, 0));
      if (it != mine.end() && it->first == k && it->second >= options.main_name_mentions) {
        return false;
      }
    }
    return true;
  }

  // Both sides are placed, they share no place at all, and the article names
  // its main place (the most mentioned) at least twice: the same kind of
  // happening somewhere else (a fire at another branch, a quake elsewhere).
  bool PlacesDisagree(const Profile& p, const StoryState& s, const Scored& sc) const {
    if (!options.place_disagreement || sc.part[kPlaces] > 0) return false;
    const std::vector<Feature>& mine = p.parts[kPlaces];
    if (mine.empty() || s.centroid[kPlaces].empty()) return false;
    return p.main_place_mentions >= 2;
  }

  // The article states a year (its date or dateline) and so do members of
  // the story, none within a year of it: another happening of the same kind.
  static bool YearsDisagree(const Profile& p, const StoryState& s) {
    if (p.stated_year == 0 || s.stated_years.empty()) return false;
    for (int y : s.stated_years) {
      if (y >= p.stated_year - 1 && y <= p.stated_year + 1) return false;
    }
    return true;
  }

  bool InWindow(const Scored& s) const {
    if (s.days_apart <= options.window_days) return true;  // includes undated (-1)
    return s.days_apart <= options.follow_up_days && s.part[kNames] >= options.follow_up_min_names;
  }

  // --- candidates ---------------------------------------------------------

  static std::vector<std::uint64_t> IndexKeys(const Profile& p) {
    std::vector<std::uint64_t> keys;
    keys.reserve(p.parts[kNames].size() + p.parts[kPlaces].size() + kIndexedWords);
    for (int k : {kNames, kPlaces}) {
      for (const Feature& f : p.parts[k]) keys.push_back(f.key);
    }
    std::array<Feature, kIndexedWords> heavy{};
    const std::vector<Feature>& words = p.parts[kWords];
    const std::size_t n = std::min(words.size(), kIndexedWords);
    std::partial_sort_copy(words.begin(), words.end(), heavy.begin(), heavy.begin() + n,
                           [](const Feature& a, const Feature& b) {
                             return a.weight != b.weight ? a.weight > b.weight : a.key < b.key;
                           });
    for (std::size_t i = 0; i < n; ++i) keys.push_back(heavy[i].key);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
  }

  bool Expired(const StoryState& s) const {
    return s.hi != kUndated && newest_day != kUndated && s.hi + options.follow_up_days < newest_day;
  }

  // The open stories sharing the most index keys with the article (at most
  // max_candidates; ties to the lower id), in ascending id order. Hits are
  // counted in a per-story array, so the cost is the number of posting
  // entries read, with no sort of them.
  std::vector<StoryId> Candidates(const std::vector<std::uint64_t>& keys) {
    if (hits.size() < stories.size()) hits.resize(stories.size(), 0);
    touched.clear();
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
      for (std::size_t i = from; i < list.size(); ++i) {
        if (hits[list[i] - 1]++ == 0) touched.push_back(list[i]);
      }
    }
    std::vector<std::pair<int, StoryId>> ranked;
    ranked.reserve(touched.size());
    for (StoryId id : touched) {
      const int n = static_cast<int>(hits[id - 1]);
      hits[id - 1] = 0;
      StoryState& s = stories[id - 1];
      if (!s.closed && Expired(s)) Close(&s);
      if (!s.closed) ranked.emplace_back(n, id);
    }
    auto better = [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    };
    if (ranked.size() > options.max_candidates) {
      std::partial_sort(ranked.begin(), ranked.begin() + options.max_candidates, ranked.end(),
                        better);
      ranked.resize(options.max_candidates);
    }
    std::vector<StoryId> ids;
    ids.reserve(ranked.size());
    for (const auto& r : ranked) ids.push_back(r.second);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  void Compact(std::vector<StoryId>* list) {
    std::size_t kept = 0;
    for (StoryId id : *list) {
      StoryState& s = stories[id - 1];
      if (!s.closed && Expired(s)) Close(&s);
      if (!s.closed) (*list)[kept++] = id;
    }
    list->resize(kept);
  }

  // A closed story can no longer be joined: its content is freed (the label
  // is fixed first).
  void Close(StoryState* s) const {
    RefreshLabel(s);
    s->closed = true;
    for (auto& c : s->centroid) Centroid().swap(c);
    std::vector<std::uint64_t>().swap(s->rare_names);
    std::vector<std::uint64_t>().swap(s->main_names);
    s->recent.clear();
    std::vector<std::uint64_t>().swap(s->indexed);
  }

  // --- updates ------------------------------------------------------------

  // Adds the features to the centroid (a merge of two key-sorted lists) and
  // keeps its squared norm current.
  void MergeInto(const std::vector<Feature>& features, Centroid* c, double* norm2) {
    merged.clear();
    merged.reserve(c->size() + features.size());
    std::size_t i = 0, j = 0;
    while (i < c->size() || j < features.size()) {
      if (j == features.size() || (i < c->size() && (*c)[i].key < features[j].key)) {
        merged.push_back((*c)[i++]);
      } else if (i == c->size() || features[j].key < (*c)[i].key) {
        const float w = features[j++].weight;
        *norm2 += static_cast<double>(w) * w;
        merged.push_back({features[j - 1].key, w});
      } else {
        const float v = (*c)[i].weight, w = features[j].weight;
        *norm2 += 2.0 * v * w + static_cast<double>(w) * w;
        merged.push_back({(*c)[i].key, v + w});
        ++i;
        ++j;
      }
    }
    c->swap(merged);
  }

  void Absorb(StoryState* s, const std::string& key, Profile p, const std::string& outlet) {
    for (int k = 0; k < kParts; ++k) {
      MergeInto(p.parts[k], &s->centroid[k], &s->norm2[k]);
      if (k != kWords) {
        for (const Feature& f : p.parts[k]) {
          const std::string& text = p.texts[k][f.text];
          auto [it, fresh] = s->texts.try_emplace(f.key, text);
          if (!fresh && BetterDisplay(it->second, text)) it->second = text;
        }
      }
      if (k == kWords && s->centroid[k].size() > 2 * options.story_terms) {
        Truncate(&s->centroid[k], &s->norm2[k]);
      }
    }
    MergeSorted(p.rare_names, &s->rare_names);
    MergeSorted(p.main_names, &s->main_names);
    MergeSorted(p.event_types, &s->event_types);
    MergeSorted(p.years, &s->years);
    if (p.stated_year != 0) MergeSorted(std::vector<int>{p.stated_year}, &s->stated_years);
    if (p.day != kUndated) {
      const std::int64_t lo = s->lo == kUndated ? p.day : std::min(s->lo, p.day);
      const std::int64_t hi = s->hi == kUndated ? p.day : std::max(s->hi, p.day);
      if (lo != s->lo) s->pub.first_date = FormatDay(lo);
      if (hi != s->hi) s->pub.last_date = FormatDay(hi);
      s->lo = lo;
      s->hi = hi;
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

  template <typename T>
  static void MergeSorted(const std::vector<T>& add, std::vector<T>* into) {
    if (add.empty()) return;
    const std::size_t old = into->size();
    into->insert(into->end(), add.begin(), add.end());
    std::inplace_merge(into->begin(), into->begin() + static_cast<std::ptrdiff_t>(old),
                       into->end());
    into->erase(std::unique(into->begin(), into->end()), into->end());
  }

  // Keeps the story_terms heaviest words (ties: the lower key).
  void Truncate(Centroid* c, double* norm2) const {
    std::sort(c->begin(), c->end(), [](const CentroidEntry& a, const CentroidEntry& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.key < b.key;
    });
    c->resize(options.story_terms);
    std::sort(c->begin(), c->end(),
              [](const CentroidEntry& a, const CentroidEntry& b) { return a.key < b.key; });
    *norm2 = 0;
    for (const CentroidEntry& e : *c) *norm2 += static_cast<double>(e.weight) * e.weight;
  }

  // The shared features of a part, heaviest contribution first.
  std::vector<std::string> Shared(const Profile& p, const StoryState& s, int part) const {
    std::vector<std::pair<double, std::uint32_t>> contrib;
    for (const Feature& f : p.parts[part]) {
      if (const CentroidEntry* e = FindIn(s.centroid[part], f.key)) {
        contrib.emplace_back(static_cast<double>(f.weight) * e->weight, f.text);
      }
    }
    std::sort(contrib.begin(), contrib.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::string> out;
    for (std::size_t i = 0; i < contrib.size() && i < kExplainTop; ++i) {
      std::string text = p.texts[part][contrib[i].second];
      if (part == kEvents && text.rfind("type ", 0) == 0) text.erase(0, 5);
      if (part == kEvents && text.rfind("dyad ", 0) == 0) text.erase(0, 5);
      out.push_back(std::move(text));
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
      for (const CentroidEntry& e : s->centroid[part]) {
        auto it = s->texts.find(e.key);
        if (it == s->texts.end()) continue;
        if (multiword && it->second.find(' ') == std::string::npos) continue;
        all.emplace_back(e.weight, e.key);
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

  void Explain(const Profile& p, const StoryState& s, const Scored& sc, StoryDecision* d) const {
    d->score = sc.score;
    d->words = sc.part[kWords];
    d->names = sc.part[kNames];
    d->places = sc.part[kPlaces];
    d->events = sc.part[kEvents];
    d->days_apart = sc.days_apart;
    d->shared_words = Shared(p, s, kWords);
    d->shared_names = Shared(p, s, kNames);
    d->shared_places = Shared(p, s, kPlaces);
    d->shared_events = Shared(p, s, kEvents);
    d->nearest = Nearest(p, s);
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
  if (day != kUndated) {
    p.stated_year = civil::CivilFromDays(day).year;
  } else if (d.options.dateline_dates) {
    std::optional<std::int64_t> stated = DatelineDay(article.title);
    if (!stated) stated = DatelineDay(article.body);
    if (stated) p.stated_year = civil::CivilFromDays(*stated).year;
  }
  StoryId best = 0;
  Scored best_score;
  for (StoryId id : d.Candidates(d.IndexKeys(p))) {
    const StoryState& story = d.stories[id - 1];
    Scored s = d.Score(p, story);
    if (!d.InWindow(s) || s.score < d.options.join_threshold || d.NamesDisagree(p, story) ||
        d.YearsDisagree(p, story) || d.PlacesDisagree(p, story, s) ||
        d.MainNamesDisagree(p, story)) {
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
    d.Explain(p, s, best_score, &decision);
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
