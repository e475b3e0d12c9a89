// Copyright dyad authors. DuplicateIndex: LSH buckets over MinHash bands and
// SimHash blocks, verified against the stored fingerprints.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dyad/story.h"
#include "story/hash.h"

namespace dyad {
namespace {

using story_internal::Combine;
using story_internal::Mix64;

// 32 bands of 4 rows: a pair at Jaccard 0.8 shares a band with probability
// 1 - (1 - 0.8^4)^32 > 0.9999, at 0.6 (a copy cut to 60%) 0.99, at 0.2 0.05.
constexpr int kBands = 32;
constexpr int kRows = kMinHashSize / kBands;
constexpr int kSimBlocks = 4;  // 4 x 16 bits: distance <= 3 leaves one block equal
constexpr std::uint32_t kNone = 0xffffffffu;

// Salts keep the three kinds of bucket keys apart in one table.
constexpr std::uint64_t kBandSalt = 0x62616e64ULL;
constexpr std::uint64_t kSimSalt = 0x73696d68ULL;
constexpr std::uint64_t kExactSalt = 0x65786163ULL;

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const {
    return static_cast<std::size_t>(story_internal::HashBytes(s));
  }
};

}  // namespace

struct DuplicateIndex::Impl {
  struct Entry {
    std::string key;
    ArticleFingerprint fp;
    std::uint32_t root;                   // index of the original (itself for originals)
    std::optional<DuplicateMatch> match;  // what Add answered
  };
  // Bucket chains: `heads` maps a bucket key to the newest link; links point
  // to older ones. One 8-byte link per (article, bucket) instead of a vector.
  struct Link {
    std::uint32_t entry;
    std::uint32_t next;
  };

  DuplicateOptions options;
  std::vector<Entry> entries;
  std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> by_key;
  std::unordered_map<std::uint64_t, std::uint32_t> heads;
  std::vector<Link> links;

  // Bucket keys of a fingerprint: exact hash first, then bands, then blocks.
  static void BucketKeys(const ArticleFingerprint& fp, bool near, bool simhash,
                         std::vector<std::uint64_t>* keys) {
    keys->clear();
    keys->push_back(Combine(kExactSalt, fp.exact));
    if (!near) return;
    for (int b = 0; b < kBands; ++b) {
      std::uint64_t h = Combine(kBandSalt, static_cast<std::uint64_t>(b));
      for (int r = 0; r < kRows; ++r) h = Combine(h, fp.minhash[b * kRows + r]);
      keys->push_back(h);
    }
    if (!simhash) return;
    for (int b = 0; b < kSimBlocks; ++b) {
      std::uint64_t block = (fp.simhash >> (16 * b)) & 0xffffu;
      keys->push_back(Mix64(kSimSalt ^ (static_cast<std::uint64_t>(b) << 16 | block)));
    }
  }

  bool Near(const ArticleFingerprint& fp) const {
    return fp.shingles >= std::max<std::uint32_t>(options.min_shingles, 1);
  }

  std::optional<DuplicateMatch> Lookup(const ArticleFingerprint& fp,
                                       std::vector<std::uint64_t>* keys) const {
    if (fp.words == 0) return std::nullopt;  // an empty body duplicates nothing
    bool near = Near(fp);
    BucketKeys(fp, near, options.simhash_max_distance >= 0, keys);
    std::vector<std::uint32_t> candidates;
    const std::size_t limit = std::max<std::size_t>(options.max_candidates, 1);
    for (std::uint64_t k : *keys) {
      auto it = heads.find(k);
      if (it == heads.end()) continue;
      // Newest first; a bucket holding more than `limit` articles is cut short.
      std::size_t taken = 0;
      for (std::uint32_t l = it->second; l != kNone && taken < limit; l = links[l].next, ++taken) {
        candidates.push_back(links[l].entry);
      }
    }
    std::sort(candidates.begin(), candidates.end(), std::greater<>());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    if (candidates.size() > limit) candidates.resize(limit);

    std::optional<DuplicateMatch> best;
    double best_score = -1;
    for (std::uint32_t c : candidates) {
      const Entry& e = entries[c];
      DuplicateMatch m;
      m.exact = e.fp.exact == fp.exact && e.fp.shingles == fp.shingles;
      m.simhash_distance = SimHashDistance(fp, e.fp);
      bool both_near = near && Near(e.fp);
      bool dup = m.exact;
      if (both_near) {
        m.jaccard = EstimateJaccard(fp, e.fp);
        // |A n B| = J (|A| + |B|) / (1 + J); containment = |A n B| / |A|.
        double inter =
            m.jaccard * (static_cast<double>(fp.shingles) + e.fp.shingles) / (1.0 + m.jaccard);
        m.containment = std::min(1.0, inter / fp.shingles);
        dup = dup || m.jaccard >= options.jaccard_threshold ||
              (m.jaccard >= options.containment_min_jaccard &&
               m.containment >= options.containment_threshold) ||
              (options.simhash_max_distance >= 0 &&
               m.simhash_distance <= options.simhash_max_distance);
      } else if (m.exact) {
        m.jaccard = m.containment = 1.0;
      }
      if (!dup) continue;
      double score = m.exact ? 3.0 : std::max(m.jaccard, m.containment);
      // Candidates run newest first, so >= lets the earliest of equals win.
      if (score >= best_score) {
        best_score = score;
        m.nearest = e.key;
        m.original = entries[e.root].key;
        best = std::move(m);
      }
    }
    return best;
  }
};

DuplicateIndex::DuplicateIndex(DuplicateOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
}
DuplicateIndex::~DuplicateIndex() = default;
DuplicateIndex::DuplicateIndex(DuplicateIndex&&) noexcept = default;
DuplicateIndex& DuplicateIndex::operator=(DuplicateIndex&&) noexcept = default;

std::optional<std::string> DuplicateIndex::Add(std::string_view article_key,
                                               std::string_view body) {
  std::optional<DuplicateMatch> m = AddWithMatch(article_key, body);
  if (!m) return std::nullopt;
  return std::move(m->original);
}

std::optional<DuplicateMatch> DuplicateIndex::AddWithMatch(std::string_view article_key,
                                                           std::string_view body) {
  Impl& d = *impl_;
  if (auto it = d.by_key.find(article_key); it != d.by_key.end()) {
    return d.entries[it->second].match;
  }
  Impl::Entry e;
  e.key = std::string(article_key);
  e.fp = Fingerprint(body, d.options.shingle_words);
  std::vector<std::uint64_t> keys;
  e.match = d.Lookup(e.fp, &keys);
  const auto index = static_cast<std::uint32_t>(d.entries.size());
  e.root = index;
  if (e.match) e.root = d.entries[d.by_key.find(e.match->original)->second].root;
  if (keys.empty()) Impl::BucketKeys(e.fp, false, false, &keys);
  if (e.fp.words > 0) {
    for (std::uint64_t k : keys) {
      auto [it, inserted] = d.heads.try_emplace(k, kNone);
      d.links.push_back({index, it->second});
      it->second = static_cast<std::uint32_t>(d.links.size() - 1);
    }
  }
  d.by_key.emplace(e.key, index);
  std::optional<DuplicateMatch> result = e.match;
  d.entries.push_back(std::move(e));
  return result;
}

std::optional<DuplicateMatch> DuplicateIndex::Find(std::string_view body) const {
  std::vector<std::uint64_t> keys;
  return impl_->Lookup(Fingerprint(body, impl_->options.shingle_words), &keys);
}

std::optional<std::string> DuplicateIndex::OriginalOf(std::string_view article_key) const {
  auto it = impl_->by_key.find(article_key);
  if (it == impl_->by_key.end()) return std::nullopt;
  return impl_->entries[impl_->entries[it->second].root].key;
}

std::size_t DuplicateIndex::size() const { return impl_->entries.size(); }
const DuplicateOptions& DuplicateIndex::options() const { return impl_->options; }

}  // namespace dyad
