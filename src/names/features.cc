// Copyright dyad authors.
#include "names/features.h"

#include <algorithm>
#include <cstring>

#include "tagger/model.h"

namespace dyad::names {

int TypeIndex(EntityType t) {
  switch (t) {
    case EntityType::kPerson:
      return 0;
    case EntityType::kOrg:
      return 1;
    default:
      return 2;
  }
}

EntityType TypeFromIndex(int t) {
  return t == 0 ? EntityType::kPerson : t == 1 ? EntityType::kOrg : EntityType::kPlace;
}

bool ValidTransition(int prev, int label) {
  bool open = prev > 0 && (PartOf(prev) == kB || PartOf(prev) == kI);
  if (!open) return label == 0 || PartOf(label) == kB || PartOf(label) == kU;
  return label != 0 && TypeOf(label) == TypeOf(prev) &&
         (PartOf(label) == kI || PartOf(label) == kL);
}

bool ValidEnd(int label) { return label == 0 || PartOf(label) == kL || PartOf(label) == kU; }

void EncodeBilou(std::span<const NameSpan> names, std::size_t n, std::uint8_t* labels) {
  std::memset(labels, 0, n);
  for (const NameSpan& s : names) {
    if (s.begin >= s.end || s.end > n) continue;
    int t = TypeIndex(s.type);
    if (s.end - s.begin == 1) {
      labels[s.begin] = static_cast<std::uint8_t>(LabelOf(t, kU));
      continue;
    }
    labels[s.begin] = static_cast<std::uint8_t>(LabelOf(t, kB));
    for (std::uint32_t i = s.begin + 1; i + 1 < s.end; ++i)
      labels[i] = static_cast<std::uint8_t>(LabelOf(t, kI));
    labels[s.end - 1] = static_cast<std::uint8_t>(LabelOf(t, kL));
  }
}

void DecodeBilou(std::span<const std::uint8_t> labels, std::vector<NameSpan>* out) {
  out->clear();
  std::uint32_t begin = 0;
  for (std::uint32_t i = 0; i < labels.size(); ++i) {
    int l = labels[i];
    if (l == 0) continue;
    switch (PartOf(l)) {
      case kB:
        begin = i;
        break;
      case kI:
        break;
      case kL:
        out->push_back({begin, i + 1, TypeFromIndex(TypeOf(l))});
        break;
      case kU:
        out->push_back({i, i + 1, TypeFromIndex(TypeOf(l))});
        break;
    }
  }
}

// ---------------------------------------------------------------- features

namespace {

constexpr std::uint64_t kFnvOffset = 0xCBF29CE484222325ull;
constexpr std::uint64_t kFnvPrime = 0x100000001B3ull;

inline unsigned char LowerDigit(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<unsigned char>(c + 32);
  if (c >= '0' && c <= '9') return '0';
  return c;
}

inline std::uint64_t Hash(const unsigned char* p, std::size_t n, std::uint64_t seed) {
  std::uint64_t h = kFnvOffset ^ (seed * 0x9E3779B97F4A7C15ull);
  for (std::size_t i = 0; i < n; ++i) h = (h ^ LowerDigit(p[i])) * kFnvPrime;
  return h | 1;  // never 0
}

// The word as written, digits as 0.
inline std::uint64_t CasedHash(const unsigned char* p, std::size_t n) {
  std::uint64_t h = kFnvOffset ^ 0x5851F42D4C957F2Dull;
  for (std::size_t i = 0; i < n; ++i)
    h = (h ^ (p[i] >= '0' && p[i] <= '9' ? '0' : p[i])) * kFnvPrime;
  return h | 1;
}

// "Xxxx" shape with runs of one class cut at two ("Xx", "XX", "dd.dd" ->
// "dd.dd"), non-ASCII letters as "u".
std::uint64_t ShapeHash(std::string_view w) {
  std::uint64_t h = kFnvOffset;
  unsigned char last = 0;
  int run = 0;
  for (unsigned char c : w) {
    unsigned char s = (c >= 'A' && c <= 'Z')   ? 'X'
                      : (c >= 'a' && c <= 'z') ? 'x'
                      : (c >= '0' && c <= '9') ? 'd'
                      : (c >= 0xC0)            ? 'u'
                      : (c >= 0x80)            ? 0
                                               : c;
    if (s == 0) continue;  // UTF-8 continuation byte
    run = s == last ? run + 1 : 1;
    last = s;
    if (run > 2) continue;
    h = (h ^ s) * kFnvPrime;
  }
  return h | 1;
}

enum Template : std::uint64_t {
  kBias = 1,
  kWordT,
  kShapeT,
  kPre3T,
  kSuf2T,
  kSuf3T,
  kSuf4T,
  kWordM1,
  kWordP1,
  kWordM2,
  kWordP2,
  kShapeM1Shape,
  kShapeShapeP1,
  kTagT,
  kTagM1Tag,
  kTagTagP1,
  kFirstShape,
  kCapsShape,
  kClFineT,
  kClMidT,
  kClCoarseT,
  kClMidM1,
  kClMidP1,
  kGazT,
  kGazM1,
  kGazP1,
  kBigramM1,
  kBigramP1,
  kShapeM1,
  kShapeP1,
  kTagM1,
  kTagP1,
  kWordTag,
  kClFineM1,
  kClFineP1,
  kCasedT,
  kPre2T,
  kPre4T,
  kClMidM2,
  kClMidP2,
  kClCoarseM1,
  kClCoarseP1,
  kGazM2,
  kGazP2,
  kShapeTri,
  kFirstCase,
  kShapeCase,
  kWordM1Shape,
  kShapeWordP1,
  kClFineShape,
  kClMidShapeM1,
  kRunLastT,
  kRunFirstT,
  kRunInfoT,
  kRunLastClT,
  kMemT,
  kMemShape,
  kMemRunPart,
  kMemM1,
  kMemP1,
  kPrev1 = 60,
  kVectorT = 61,
};

constexpr std::uint64_t kStartValue = 0x5354415254ull;
constexpr std::uint64_t kEndValue = 0x454E44ull;

using tagger::FeatureKey;
using tagger::FeatureKey2;

}  // namespace

namespace {

bool StartsUpper(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

// Lower-case words that may join two capitalised words into one run
// ("Ministry of Defence", "Bank of the Netherlands", "AT&T").
bool RunConnector(std::string_view w) {
  return w == "of" || w == "the" || w == "and" || w == "for" || w == "de" || w == "&";
}

// Sets the run slots of words [b, e) (one capitalised run).
void MarkRun(std::size_t b, std::size_t e, std::uint64_t* wf) {
  std::uint64_t org_head = 0, place = 0;
  std::size_t head_at = e;
  for (std::size_t j = b; j < e; ++j) {
    const std::uint64_t g = wf[j * kSlotCount + kGaz];
    if ((g & kOrgHead) && head_at == e) head_at = j;
    org_head |= (g & kOrgHead) != 0;
    place |= (g & (kPlaceWord | kPlaceHead | kCountryWord)) != 0;
  }
  const std::uint64_t given = (wf[b * kSlotCount + kGaz] & kGivenName) != 0;
  const std::uint64_t len = e - b < 4 ? e - b : 4;
  for (std::size_t j = b; j < e; ++j) {
    std::uint64_t* f = wf + j * kSlotCount;
    const std::uint64_t part = e - b == 1 ? 4 : j == b ? 1 : j + 1 == e ? 3 : 2;
    const std::uint64_t head_pos = !org_head ? 0 : j < head_at ? 1 : j == head_at ? 2 : 3;
    f[kRunInfo] = part | head_pos << 3 | given << 5 | place << 6 | len << 8;
    f[kRunFirst] = wf[b * kSlotCount + kLow];
    f[kRunLast] = wf[(e - 1) * kSlotCount + kLow];
    f[kRunLastCl] = wf[(e - 1) * kSlotCount + kClMid];
  }
}

// Fills the run slots of every word (0 outside capitalised runs).
void FindCapitalisedRuns(std::span<const std::string_view> words, std::uint64_t* wf) {
  const std::size_t n = words.size();
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t* f = wf + i * kSlotCount;
    f[kRunInfo] = f[kRunFirst] = f[kRunLast] = f[kRunLastCl] = f[kMemory] = 0;
  }
  std::size_t i = 0;
  while (i < n) {
    if (!StartsUpper(words[i])) {
      ++i;
      continue;
    }
    std::size_t e = i + 1;
    while (e < n) {
      if (StartsUpper(words[e])) {
        ++e;
        continue;
      }
      // Connectors between two capitalised words ("of the").
      std::size_t c = e;
      while (c < n && c - e < 2 && RunConnector(words[c])) ++c;
      if (c == e || c >= n || !StartsUpper(words[c])) break;
      e = c + 1;
    }
    MarkRun(i, e, wf);
    i = e;
  }
}

}  // namespace

std::uint64_t VectorKey(int position, int component) {
  return FeatureKey(kVectorT, static_cast<std::uint64_t>(position * kMaxVectorDim + component));
}

void ComputeWordFeatures(std::span<const std::string_view> words, std::span<const PosTag> tags,
                         const tagger::WordTable& table, const tagger::WordTable& vec_table,
                         std::uint64_t* wf) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    const auto* p = reinterpret_cast<const unsigned char*>(w.data());
    const std::size_t n = w.size();
    std::uint64_t* f = wf + i * kSlotCount;
    f[kLow] = Hash(p, n, 0);
    f[kCased] = CasedHash(p, n);
    f[kShape] = ShapeHash(w);
    f[kPre2] = Hash(p, n < 2 ? n : 2, 5);
    f[kPre3] = Hash(p, n < 3 ? n : 3, 1);
    f[kPre4] = n >= 4 ? Hash(p, 4, 6) : 0;
    f[kSuf2] = Hash(p + (n < 2 ? 0 : n - 2), n < 2 ? n : 2, 2);
    f[kSuf3] = Hash(p + (n < 3 ? 0 : n - 3), n < 3 ? n : 3, 3);
    f[kSuf4] = n >= 4 ? Hash(p + n - 4, 4, 4) : 0;
    const std::uint64_t word_hash = table.size() || vec_table.size() ? tagger::WordHash(w) : 0;
    std::uint64_t v = table.size() ? table.Find(word_hash) : 0;
    f[kVec] = vec_table.size() ? vec_table.Find(word_hash) : 0;
    f[kClFine] = v & 0xFFFF;
    f[kClMid] = (v >> 16) & 0xFFFF;
    f[kClCoarse] = (v >> 32) & 0xFFFF;
    f[kGaz] = v >> 48;
    f[kTag] = tags.empty() ? 0xFF : (static_cast<std::uint64_t>(tags[i].xpos) + 1);
  }
  FindCapitalisedRuns(words, wf);
}

namespace {

// The cased word, longer prefixes, a wider window of clusters and gazetteer
// bits, the shape trigram, the training text's case profile of the word and
// of the first word, and the neighbouring words with the word's shape.
int ExtraFeatures(const std::uint64_t* f, const std::uint64_t* m1, const std::uint64_t* m2,
                  const std::uint64_t* p1, const std::uint64_t* p2, std::size_t i,
                  std::uint64_t* keys) {
  auto at = [](const std::uint64_t* x, int slot, std::uint64_t none) { return x ? x[slot] : none; };
  int k = 0;
  keys[k++] = FeatureKey(kCasedT, f[kCased]);
  keys[k++] = FeatureKey(kPre2T, f[kPre2]);
  if (f[kPre4]) keys[k++] = FeatureKey(kPre4T, f[kPre4]);
  if (m2 && m2[kClMid]) keys[k++] = FeatureKey(kClMidM2, m2[kClMid]);
  if (p2 && p2[kClMid]) keys[k++] = FeatureKey(kClMidP2, p2[kClMid]);
  if (m1 && m1[kClCoarse]) keys[k++] = FeatureKey(kClCoarseM1, m1[kClCoarse]);
  if (p1 && p1[kClCoarse]) keys[k++] = FeatureKey(kClCoarseP1, p1[kClCoarse]);
  if (m2 && m2[kGaz]) keys[k++] = FeatureKey(kGazM2, m2[kGaz]);
  if (p2 && p2[kGaz]) keys[k++] = FeatureKey(kGazP2, p2[kGaz]);
  keys[k++] = FeatureKey2(kShapeTri, at(m1, kShape, kStartValue) * 31 + f[kShape],
                          at(p1, kShape, kEndValue));
  const std::uint64_t seen = (f[kGaz] / kSeenLower) & 3;
  keys[k++] = FeatureKey2(kShapeCase, f[kShape], seen);
  if (i == 0) keys[k++] = FeatureKey2(kFirstCase, f[kShape], seen);
  keys[k++] = FeatureKey2(kWordM1Shape, at(m1, kLow, kStartValue), f[kShape]);
  keys[k++] = FeatureKey2(kShapeWordP1, f[kShape], at(p1, kLow, kEndValue));
  if (f[kClFine]) {
    keys[k++] = FeatureKey2(kClFineShape, f[kClFine], f[kShape]);
    keys[k++] =
        FeatureKey2(kClMidShapeM1, f[kClMid] * 131 + f[kShape], at(m1, kShape, kStartValue));
  }
  if (f[kRunInfo]) {
    // The whole capitalised run around the word: its head (last) word, its
    // first word, organisation and place head words in it, its length.
    const std::uint64_t part = f[kRunInfo] & 7;
    keys[k++] = FeatureKey2(kRunLastT, f[kRunLast], part);
    keys[k++] = FeatureKey2(kRunFirstT, f[kRunFirst], part);
    keys[k++] = FeatureKey(kRunInfoT, f[kRunInfo]);
    if (f[kRunLastCl]) keys[k++] = FeatureKey2(kRunLastClT, f[kRunLastCl], part);
  }
  if (f[kMemory]) {
    keys[k++] = FeatureKey(kMemT, f[kMemory]);
    keys[k++] = FeatureKey2(kMemShape, f[kMemory], f[kShape]);
    keys[k++] = FeatureKey2(kMemRunPart, f[kMemory], f[kRunInfo] & 7);
  }
  if (m1 && m1[kMemory]) keys[k++] = FeatureKey(kMemM1, m1[kMemory]);
  if (p1 && p1[kMemory]) keys[k++] = FeatureKey(kMemP1, p1[kMemory]);
  return k;
}

}  // namespace

// ---------------------------------------------------------------- document memory

namespace {

// Entries are (key | 0x10) with the low four bits replaced by MemoryBits; 0 =
// empty. The table doubles when half full.
constexpr std::uint64_t kMemKeyMask = ~std::uint64_t{0xF};
inline std::uint64_t MemKey(std::uint64_t h) { return (h | 0x10) & kMemKeyMask; }
inline std::size_t MemIndex(std::uint64_t key, std::size_t mask) { return (key >> 20) & mask; }

// Sets `bits` on `key`'s entry (a new entry if absent); true if it is new.
bool MemoryInsert(std::vector<std::uint64_t>* m, std::uint64_t key, std::uint64_t bits) {
  const std::size_t mask = m->size() - 1;
  std::size_t j = MemIndex(key, mask);
  while ((*m)[j] != 0 && ((*m)[j] & kMemKeyMask) != key) j = (j + 1) & mask;
  const bool fresh = (*m)[j] == 0;
  (*m)[j] = key | ((*m)[j] & 0xF) | bits;
  return fresh;
}

void MemoryAdd(NameScratch::Memory* m, std::uint64_t low_hash, std::uint64_t bits) {
  if (m->slots.empty()) m->slots.assign(256, 0);
  if (2 * (m->count + 1) > m->slots.size()) {
    std::vector<std::uint64_t> old(m->slots.size() * 2, 0);
    old.swap(m->slots);
    for (std::uint64_t e : old) {
      if (e) MemoryInsert(&m->slots, e & kMemKeyMask, e & 0xF);
    }
  }
  m->count += MemoryInsert(&m->slots, MemKey(low_hash), bits);
}

void Clear(NameScratch::Memory* m) {
  std::fill(m->slots.begin(), m->slots.end(), 0);
  m->count = 0;
}

}  // namespace

void ClearMemory(NameScratch* s) {
  Clear(&s->memory_);
  Clear(&s->later_memory_);
}

std::uint64_t FindMemory(const NameScratch::Memory& m, std::uint64_t low_hash) {
  if (m.count == 0) return 0;
  const std::uint64_t key = MemKey(low_hash);
  const std::size_t mask = m.slots.size() - 1;
  for (std::size_t j = MemIndex(key, mask);; j = (j + 1) & mask) {
    const std::uint64_t e = m.slots[j];
    if (e == 0) return 0;
    if ((e & kMemKeyMask) == key) return e & 0xF;
  }
}

void RememberSentence(std::span<const std::string_view> words, const std::uint64_t* low,
                      std::size_t stride, std::span<const NameSpan> names, NameScratch::Memory* m) {
  std::size_t next = 0;  // first word not yet covered by a name
  const bool caps = AllCapsSentence(words);
  auto other = [&](std::size_t end) {
    for (; next < end; ++next) {
      if (next > 0 && !caps && StartsUpper(words[next]))
        MemoryAdd(m, low[next * stride], kMemCapitalOther);
    }
  };
  for (const NameSpan& n : names) {
    other(n.begin);
    const std::uint64_t bit = std::uint64_t{1} << TypeIndex(n.type);
    for (std::size_t i = n.begin; i < n.end && i < words.size(); ++i) {
      const auto c = static_cast<unsigned char>(words[i].empty() ? 0 : words[i][0]);
      const bool word_like =
          (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c >= 0x80;
      if (word_like && !RunConnector(words[i])) MemoryAdd(m, low[i * stride], bit);
    }
    next = n.end;
  }
  other(words.size());
}

bool AllCapsSentence(std::span<const std::string_view> words) {
  int caps = 0, lower = 0;
  for (std::string_view w : words) {
    bool has_lower = false, has_upper = false;
    for (unsigned char c : w) {
      has_lower |= c >= 'a' && c <= 'z';
      has_upper |= c >= 'A' && c <= 'Z';
    }
    caps += has_upper && !has_lower;
    lower += has_lower;
  }
  return caps >= 3 && caps > lower;
}

int StaticFeatures(const std::uint64_t* wf, std::size_t n, std::size_t i, bool caps_sentence,
                   std::uint64_t* keys) {
  const std::uint64_t* f = wf + i * kSlotCount;
  const std::uint64_t* m1 = i >= 1 ? f - kSlotCount : nullptr;
  const std::uint64_t* m2 = i >= 2 ? f - 2 * kSlotCount : nullptr;
  const std::uint64_t* p1 = i + 1 < n ? f + kSlotCount : nullptr;
  const std::uint64_t* p2 = i + 2 < n ? f + 2 * kSlotCount : nullptr;
  auto at = [](const std::uint64_t* x, int slot, std::uint64_t none) { return x ? x[slot] : none; };
  int k = 0;
  keys[k++] = FeatureKey(kBias, 0);
  keys[k++] = FeatureKey(kWordT, f[kLow]);
  keys[k++] = FeatureKey(kShapeT, f[kShape]);
  keys[k++] = FeatureKey(kPre3T, f[kPre3]);
  keys[k++] = FeatureKey(kSuf2T, f[kSuf2]);
  keys[k++] = FeatureKey(kSuf3T, f[kSuf3]);
  if (f[kSuf4]) keys[k++] = FeatureKey(kSuf4T, f[kSuf4]);
  keys[k++] = FeatureKey(kWordM1, at(m1, kLow, kStartValue));
  keys[k++] = FeatureKey(kWordP1, at(p1, kLow, kEndValue));
  keys[k++] = FeatureKey(kWordM2, at(m2, kLow, kStartValue));
  keys[k++] = FeatureKey(kWordP2, at(p2, kLow, kEndValue));
  keys[k++] = FeatureKey2(kShapeM1Shape, at(m1, kShape, kStartValue), f[kShape]);
  keys[k++] = FeatureKey2(kShapeShapeP1, f[kShape], at(p1, kShape, kEndValue));
  keys[k++] = FeatureKey(kShapeM1, at(m1, kShape, kStartValue));
  keys[k++] = FeatureKey(kShapeP1, at(p1, kShape, kEndValue));
  keys[k++] = FeatureKey(kTagT, f[kTag]);
  keys[k++] = FeatureKey(kTagM1, at(m1, kTag, kStartValue));
  keys[k++] = FeatureKey(kTagP1, at(p1, kTag, kEndValue));
  keys[k++] = FeatureKey2(kTagM1Tag, at(m1, kTag, kStartValue), f[kTag]);
  keys[k++] = FeatureKey2(kTagTagP1, f[kTag], at(p1, kTag, kEndValue));
  keys[k++] = FeatureKey2(kWordTag, f[kLow], f[kTag]);
  if (i == 0) keys[k++] = FeatureKey(kFirstShape, f[kShape]);
  if (caps_sentence) keys[k++] = FeatureKey(kCapsShape, f[kShape]);
  if (f[kClFine]) {
    keys[k++] = FeatureKey(kClFineT, f[kClFine]);
    keys[k++] = FeatureKey(kClMidT, f[kClMid]);
    keys[k++] = FeatureKey(kClCoarseT, f[kClCoarse]);
  }
  if (m1 && m1[kClFine]) {
    keys[k++] = FeatureKey(kClMidM1, m1[kClMid]);
    keys[k++] = FeatureKey(kClFineM1, m1[kClFine]);
  }
  if (p1 && p1[kClFine]) {
    keys[k++] = FeatureKey(kClMidP1, p1[kClMid]);
    keys[k++] = FeatureKey(kClFineP1, p1[kClFine]);
  }
  if (f[kGaz]) keys[k++] = FeatureKey(kGazT, f[kGaz]);
  if (m1 && m1[kGaz]) keys[k++] = FeatureKey(kGazM1, m1[kGaz]);
  if (p1 && p1[kGaz]) keys[k++] = FeatureKey(kGazP1, p1[kGaz]);
  keys[k++] = FeatureKey2(kBigramM1, at(m1, kLow, kStartValue), f[kLow]);
  keys[k++] = FeatureKey2(kBigramP1, f[kLow], at(p1, kLow, kEndValue));
  return k + ExtraFeatures(f, m1, m2, p1, p2, i, keys + k);
}

std::uint64_t TransitionKey(int prev) {
  return FeatureKey(kPrev1, static_cast<std::uint64_t>(prev + 1));
}

const TransitionTable& Transitions() {
  static const TransitionTable table = [] {
    TransitionTable t{};
    for (int p = -1; p < kLabelCount; ++p) {
      for (int c = 0; c < kLabelCount; ++c) t.allowed[p + 1][c] = ValidTransition(p, c);
    }
    for (int c = 0; c < kLabelCount; ++c) {
      t.end[c] = ValidEnd(c);
      for (int p = 0; p < kLabelCount; ++p) {
        if (t.allowed[p + 1][c]) t.preds[c][t.pred_count[c]++] = static_cast<std::uint8_t>(p);
      }
    }
    return t;
  }();
  return table;
}

// ---------------------------------------------------------------- format

namespace {

void PutU32(std::string* out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutU64(std::string* out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutString(std::string* out, std::string_view s) {
  PutU32(out, static_cast<std::uint32_t>(s.size()));
  out->append(s);
}

// Bounds-checked little-endian reader over a payload.
struct Reader {
  std::string_view data;
  std::size_t pos = 0;
  bool failed = false;
  bool Need(std::size_t n) {
    if (failed || data.size() - pos < n) failed = true;
    return !failed;
  }
  std::uint64_t Get(int bytes) {
    if (!Need(static_cast<std::size_t>(bytes))) return 0;
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
      v |= std::uint64_t{static_cast<unsigned char>(data[pos + i])} << (8 * i);
    pos += static_cast<std::size_t>(bytes);
    return v;
  }
  std::uint32_t U32() { return static_cast<std::uint32_t>(Get(4)); }
  std::uint64_t U64() { return Get(8); }
  std::string_view Bytes(std::size_t n) {
    if (!Need(n)) return {};
    std::string_view s = data.substr(pos, n);
    pos += n;
    return s;
  }
  std::string_view String() { return Bytes(U32()); }
  // A count of items of `size` bytes each that must fit in what is left.
  std::size_t Count(std::size_t size) {
    std::size_t n = U32();
    if (!failed && n > (data.size() - pos) / size) failed = true;
    return failed ? 0 : n;
  }
};

std::string FileKind(const char magic[8]) {
  return magic == kModelMagic    ? "names model"
         : magic == kVectorMagic ? "word vector file"
                                 : "cluster file";
}

Status Corrupt(std::string_view name, std::string_view what) {
  return ParseError(std::string(name) + ": corrupt file: " + std::string(what));
}

}  // namespace

std::string Frame(const char magic[8], std::uint32_t version, std::string_view payload) {
  std::string out(magic, 8);
  PutU32(&out, version);
  PutU32(&out, 0);
  PutU64(&out, payload.size());
  PutU32(&out, tagger::Crc32(payload));
  PutU32(&out, 0);
  out.append(payload);
  return out;
}

Status Unframe(std::string_view bytes, std::string_view name, const char magic[8],
               std::uint32_t version, std::string_view* payload) {
  const std::string n(name);
  if (bytes.size() < kHeaderSize) {
    if (bytes.size() >= 8 && std::memcmp(bytes.data(), magic, 8) != 0)
      return ParseError(n + ": not a dyad " + FileKind(magic) + " (bad magic)");
    return Truncated(n + ": shorter than the " + std::to_string(kHeaderSize) + "-byte header");
  }
  if (std::memcmp(bytes.data(), magic, 8) != 0) {
    return ParseError(n + ": not a dyad " + FileKind(magic) + " (bad magic)");
  }
  Reader r{bytes.substr(8)};
  std::uint32_t v = r.U32();
  r.U32();
  std::uint64_t size = r.U64();
  std::uint32_t crc = r.U32();
  if (v != version) {
    return VersionMismatch(n + ": format version " + std::to_string(v) + ", this dyad reads " +
                           std::to_string(version));
  }
  if (size > bytes.size() - kHeaderSize) {
    return Truncated(n + ": header says " + std::to_string(size) + " payload bytes, file has " +
                     std::to_string(bytes.size() - kHeaderSize));
  }
  if (size < bytes.size() - kHeaderSize) return Corrupt(name, "trailing bytes after the payload");
  *payload = bytes.substr(kHeaderSize, size);
  if (tagger::Crc32(*payload) != crc) return Corrupt(name, "checksum mismatch");
  return Status::Ok();
}

std::string SerializeModel(const ModelData& m) {
  std::string p;
  PutU32(&p, kLabelCount);
  std::uint32_t scale_bits;
  std::memcpy(&scale_bits, &m.scale, 4);
  PutU32(&p, scale_bits);
  PutString(&p, m.description);
  PutU32(&p, static_cast<std::uint32_t>(m.keys.size()));
  for (std::uint64_t k : m.keys) PutU64(&p, k);
  for (std::int16_t w : m.weights) {
    auto u = static_cast<std::uint16_t>(w);
    p.push_back(static_cast<char>(u & 0xFF));
    p.push_back(static_cast<char>(u >> 8));
  }
  PutU32(&p, static_cast<std::uint32_t>(m.words.size()));
  for (std::uint64_t w : m.words) PutU64(&p, w);
  for (std::uint64_t w : m.word_values) PutU64(&p, w);
  PutU32(&p, m.vec_dim);
  PutU32(&p, static_cast<std::uint32_t>(m.vec_words.size()));
  for (std::uint64_t w : m.vec_words) PutU64(&p, w);
  p.append(reinterpret_cast<const char*>(m.vectors.data()), m.vectors.size());
  return Frame(kModelMagic, kModelVersion, p);
}

Status ParseModel(std::string_view bytes, std::string_view name, ModelData* out) {
  std::string_view payload;
  DYAD_RETURN_IF_ERROR(Unframe(bytes, name, kModelMagic, kModelVersion, &payload));
  Reader r{payload};
  if (r.U32() != kLabelCount) return Corrupt(name, "label count is not 13");
  std::uint32_t scale_bits = r.U32();
  std::memcpy(&out->scale, &scale_bits, 4);
  out->description = std::string(r.String());
  std::size_t n = r.Count(8 + 2 * kLabelCount);
  out->keys.resize(n);
  for (auto& k : out->keys) k = r.U64();
  out->weights.resize(n * kLabelCount);
  for (auto& w : out->weights) w = static_cast<std::int16_t>(r.Get(2));
  std::size_t nw = r.Count(16);
  out->words.resize(nw);
  out->word_values.resize(nw);
  for (auto& w : out->words) w = r.U64();
  for (auto& w : out->word_values) w = r.U64();
  out->vec_dim = r.U32();
  if (out->vec_dim > kMaxVectorDim) return Corrupt(name, "vector size over 128");
  std::size_t nv = r.Count(8 + out->vec_dim);
  out->vec_words.resize(nv);
  for (auto& w : out->vec_words) w = r.U64();
  std::string_view vb = r.Bytes(nv * out->vec_dim);
  out->vectors.assign(vb.begin(), vb.end());
  if (r.failed) return Corrupt(name, "tables run past the payload");
  if (r.pos != payload.size()) return Corrupt(name, "bytes left after the tables");
  if (!(out->scale > 0 && out->scale < 1e6f)) return Corrupt(name, "bad weight scale");
  for (std::size_t i = 0; i < n; ++i) {
    if (out->keys[i] == 0 || (i > 0 && out->keys[i] <= out->keys[i - 1]))
      return Corrupt(name, "feature keys not strictly ascending");
  }
  for (std::size_t i = 0; i < nw; ++i) {
    if (out->words[i] == 0 || (i > 0 && out->words[i] <= out->words[i - 1]) ||
        out->word_values[i] == 0)
      return Corrupt(name, "word table not strictly ascending");
  }
  for (std::size_t i = 0; i < nv; ++i) {
    if (out->vec_words[i] == 0 || (i > 0 && out->vec_words[i] <= out->vec_words[i - 1]))
      return Corrupt(name, "vector words not strictly ascending");
  }
  return Status::Ok();
}

std::string SerializeClusters(const ClusterTable& t) {
  std::string p;
  PutString(&p, t.description);
  PutU32(&p, static_cast<std::uint32_t>(t.words.size()));
  for (std::size_t i = 0; i < t.words.size(); ++i) {
    PutString(&p, t.words[i]);
    PutU32(&p, t.fine[i] | (std::uint32_t{t.mid[i]} << 16));
    PutU32(&p, t.coarse[i]);
  }
  return Frame(kClusterMagic, kClusterVersion, p);
}

namespace {

// Reads a word file (clusters or vectors): its description, the header fields
// `head` reads (it also sets the least size of one entry), the word count and
// each word's entry, read by `entry`.
template <typename Head, typename Entry>
Status ParseWordFile(std::string_view bytes, std::string_view name, const char magic[8],
                     std::uint32_t version, std::string* description, Head head, Entry entry) {
  std::string_view payload;
  DYAD_RETURN_IF_ERROR(Unframe(bytes, name, magic, version, &payload));
  Reader r{payload};
  *description = std::string(r.String());
  std::size_t entry_size = 1;
  DYAD_RETURN_IF_ERROR(head(r, &entry_size));
  std::size_t n = r.Count(entry_size);
  for (std::size_t i = 0; i < n && !r.failed; ++i) entry(r);
  if (r.failed) return Corrupt(name, "tables run past the payload");
  if (r.pos != payload.size()) return Corrupt(name, "bytes left after the tables");
  return Status::Ok();
}

}  // namespace

Status ParseClusters(std::string_view bytes, std::string_view name, ClusterTable* out) {
  auto head = [](Reader&, std::size_t* entry_size) {
    *entry_size = 12;
    return Status::Ok();
  };
  auto entry = [out](Reader& r) {
    out->words.emplace_back(r.String());
    std::uint32_t a = r.U32();
    out->fine.push_back(static_cast<std::uint16_t>(a & 0xFFFF));
    out->mid.push_back(static_cast<std::uint16_t>(a >> 16));
    out->coarse.push_back(static_cast<std::uint16_t>(r.U32()));
  };
  return ParseWordFile(bytes, name, kClusterMagic, kClusterVersion, &out->description, head, entry);
}

std::string SerializeVectors(const VectorTable& t) {
  std::string p;
  PutString(&p, t.description);
  PutU32(&p, t.dim);
  PutU32(&p, static_cast<std::uint32_t>(t.words.size()));
  for (std::size_t i = 0; i < t.words.size(); ++i) {
    PutString(&p, t.words[i]);
    p.append(reinterpret_cast<const char*>(t.vectors.data() + i * t.dim), t.dim);
  }
  return Frame(kVectorMagic, kVectorVersion, p);
}

Status ParseVectors(std::string_view bytes, std::string_view name, VectorTable* out) {
  auto head = [out, name](Reader& r, std::size_t* entry_size) {
    out->dim = r.U32();
    if (out->dim == 0 || out->dim > kMaxVectorDim)
      return Corrupt(name, "vector size not in 1..128");
    *entry_size = 4 + out->dim;
    return Status::Ok();
  };
  auto entry = [out](Reader& r) {
    out->words.emplace_back(r.String());
    std::string_view v = r.Bytes(out->dim);
    out->vectors.insert(out->vectors.end(), v.begin(), v.end());
  };
  return ParseWordFile(bytes, name, kVectorMagic, kVectorVersion, &out->description, head, entry);
}

}  // namespace dyad::names
