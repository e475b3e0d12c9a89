// Copyright dyad authors. Tagger: model loading and greedy tagging.
#include "dyad/tagger.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include "tagger/conllu.h"
#include "tagger/features.h"
#include "tagger/model.h"

#ifndef DYAD_DATA_DIR
#define DYAD_DATA_DIR "data"
#endif

namespace dyad {

using tagger::ModelData;

namespace tagger {

std::uint32_t Crc32(std::string_view bytes) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : bytes) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

namespace {

void PutU32(std::string* out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutU64(std::string* out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

}  // namespace

std::string SerializeModel(const ModelData& m) {
  std::string p;
  PutU32(&p, static_cast<std::uint32_t>(m.classes.size()));
  for (const PosTag& t : m.classes) {
    p.push_back(static_cast<char>(t.xpos));
    p.push_back(static_cast<char>(t.upos));
  }
  std::uint32_t scale_bits;
  std::memcpy(&scale_bits, &m.scale, 4);
  PutU32(&p, scale_bits);
  PutU32(&p, static_cast<std::uint32_t>(m.description.size()));
  p += m.description;
  PutU32(&p, static_cast<std::uint32_t>(m.keys.size()));
  PutU32(&p, static_cast<std::uint32_t>(m.entry_class.size()));
  for (std::uint64_t k : m.keys) PutU64(&p, k);
  for (std::uint8_t c : m.counts) p.push_back(static_cast<char>(c));
  for (std::uint8_t c : m.entry_class) p.push_back(static_cast<char>(c));
  for (std::int16_t w : m.entry_weight) {
    auto u = static_cast<std::uint16_t>(w);
    p.push_back(static_cast<char>(u & 0xFF));
    p.push_back(static_cast<char>(u >> 8));
  }
  PutU32(&p, static_cast<std::uint32_t>(m.amb_words.size()));
  for (std::uint64_t w : m.amb_words) PutU64(&p, w);
  for (std::uint64_t w : m.amb_masks) PutU64(&p, w);
  PutU32(&p, static_cast<std::uint32_t>(m.dict_words.size()));
  for (std::uint64_t w : m.dict_words) PutU64(&p, w);
  for (std::uint8_t c : m.dict_classes) p.push_back(static_cast<char>(c));
  std::string out(kModelMagic, sizeof kModelMagic);
  // A model without a version-4 flag is written as version 3, byte for byte
  // as before (older readers load it; the shipped model's retraining test holds).
  const bool needs_v4 = m.classes_in_model || m.classes_folded;
  PutU32(&out, needs_v4 ? kModelVersion : kOldestModelVersion);
  PutU32(&out, (m.uses_lexicon ? kFlagUsesLexicon : 0) |
                   (m.classes_in_model ? kFlagClassesInModel : 0) |
                   (m.classes_folded ? kFlagClassesFolded : 0));
  PutU64(&out, p.size());
  PutU32(&out, Crc32(p));
  PutU32(&out, 0);
  out += p;
  return out;
}

}  // namespace tagger

// Open-addressing table slot: a feature key and its weights, in one of three
// layouts chosen at load time (the file format is unchanged). A weight entry is
// (class << 16) | quantised weight, so bits 24-31 of an entry are never set.
//  - inline: two thirds of the features have one or two weights; they are kept
//    in the slot itself (`a` has kInlineBit, `a` and `b` are the entries, `b` is
//    kNoEntry for a single weight), which saves a second cache miss per lookup;
//  - dense: features with kDenseMin or more weights (the frequent affixes,
//    shapes, flags, previous-class features) have a row of int16 weights for
//    every class in Impl::dense at offset `a & ~kDenseBit`, summed with SIMD;
//  - sparse: otherwise `a` is the index of the first weight in Impl::entries
//    and `b` their number.
struct Slot {
  std::uint64_t key = 0;  // 0 = empty
  std::uint32_t a = 0;
  std::uint32_t b = 0;
};
inline constexpr std::uint32_t kInlineBit = 0x80000000u;
inline constexpr std::uint32_t kDenseBit = 0x40000000u;
inline constexpr std::uint32_t kDenseMin = 16;
// Class 0, weight 0: adding it changes no score.
inline constexpr std::uint32_t kNoEntry = 0;

// Score kernels over `padded` int32 class scores (a multiple of 8; the padding
// lanes hold kPadScore so they never win an argmax).
inline constexpr std::int32_t kPadScore = INT32_MIN;
// scores[c] += rows[r][c] for every row r and c < padded.
using SumRowsFn = void (*)(std::int32_t* scores, const std::int16_t* const* rows, int n_rows,
                           std::size_t padded);
// The first c with the highest scores[c].
using ArgMaxFn = std::uint32_t (*)(const std::int32_t* scores, std::size_t padded);

namespace {

void SumRowsGeneric(std::int32_t* __restrict scores, const std::int16_t* const* rows, int n_rows,
                    std::size_t padded) {
  for (int r = 0; r < n_rows; ++r) {
    const std::int16_t* __restrict row = rows[r];
    for (std::size_t c = 0; c < padded; ++c) scores[c] += row[c];
  }
}

std::uint32_t ArgMaxGeneric(const std::int32_t* scores, std::size_t padded) {
  std::uint32_t best = 0;
  for (std::uint32_t c = 1; c < padded; ++c) {
    if (scores[c] > scores[best]) best = c;
  }
  return best;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define DYAD_TAGGER_AVX2 1
// kChunks groups of 8 classes kept in ymm registers while every row is added.
// (`padded` is unused: both kernels take the same arguments.)
template <int kChunks>
__attribute__((target("avx2"))) inline void SumChunksAvx2(std::int32_t* scores,
                                                          const std::int16_t* const* rows,
                                                          int n_rows, std::size_t c0,
                                                          std::size_t /*padded*/) {
  __m256i acc[kChunks];
  for (int k = 0; k < kChunks; ++k) {
    acc[k] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(scores + c0 + 8 * k));
  }
  for (int r = 0; r < n_rows; ++r) {
    const std::int16_t* row = rows[r] + c0;
    for (int k = 0; k < kChunks; ++k) {
      const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i*>(row + 8 * k));
      acc[k] = _mm256_add_epi32(acc[k], _mm256_cvtepi16_epi32(w));
    }
  }
  for (int k = 0; k < kChunks; ++k) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(scores + c0 + 8 * k), acc[k]);
  }
}

// The same sum for models whose dense weights are small enough that any
// kMaxFeatures of them add up within int16 (Impl::sum16): rows are added 16
// classes per instruction in int16 and widened once. Rows must be readable up
// to `padded` rounded up to 16 (Impl::row_stride).
template <int kChunks>
__attribute__((target("avx2"))) inline void SumChunks16Avx2(std::int32_t* scores,
                                                            const std::int16_t* const* rows,
                                                            int n_rows, std::size_t c0,
                                                            std::size_t padded) {
  __m256i acc[kChunks];
  for (int k = 0; k < kChunks; ++k) acc[k] = _mm256_setzero_si256();
  for (int r = 0; r < n_rows; ++r) {
    const std::int16_t* row = rows[r] + c0;
    for (int k = 0; k < kChunks; ++k) {
      acc[k] = _mm256_add_epi16(acc[k],
                                _mm256_loadu_si256(reinterpret_cast<const __m256i*>(row + 16 * k)));
    }
  }
  for (int k = 0; k < kChunks; ++k) {
    std::int32_t* out = scores + c0 + 16 * k;
    const __m256i lo = _mm256_cvtepi16_epi32(_mm256_castsi256_si128(acc[k]));
    _mm256_storeu_si256(
        reinterpret_cast<__m256i*>(out),
        _mm256_add_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(out)), lo));
    if (c0 + 16 * k + 8 < padded) {
      const __m256i hi = _mm256_cvtepi16_epi32(_mm256_extracti128_si256(acc[k], 1));
      _mm256_storeu_si256(
          reinterpret_cast<__m256i*>(out + 8),
          _mm256_add_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(out + 8)), hi));
    }
  }
}

// Sums the rows over `padded` classes, up to 8 chunks of `kLanes` classes at
// a time (the most the kernels keep in registers): Kernel<k>::Run keeps k.
template <int kChunks>
struct Sum32 {
  __attribute__((target("avx2"))) static void Run(std::int32_t* scores,
                                                  const std::int16_t* const* rows, int n_rows,
                                                  std::size_t c0, std::size_t padded) {
    SumChunksAvx2<kChunks>(scores, rows, n_rows, c0, padded);
  }
};
template <int kChunks>
struct Sum16 {
  __attribute__((target("avx2"))) static void Run(std::int32_t* scores,
                                                  const std::int16_t* const* rows, int n_rows,
                                                  std::size_t c0, std::size_t padded) {
    SumChunks16Avx2<kChunks>(scores, rows, n_rows, c0, padded);
  }
};

template <template <int> class Kernel, std::size_t kLanes>
__attribute__((target("avx2"))) void SumInChunks(std::int32_t* scores,
                                                 const std::int16_t* const* rows, int n_rows,
                                                 std::size_t padded) {
  if (n_rows == 0) return;
  for (std::size_t c0 = 0; c0 < padded; c0 += 8 * kLanes) {
    switch ((padded - c0 + kLanes - 1) / kLanes) {
      case 1:
        Kernel<1>::Run(scores, rows, n_rows, c0, padded);
        break;
      case 2:
        Kernel<2>::Run(scores, rows, n_rows, c0, padded);
        break;
      case 3:
        Kernel<3>::Run(scores, rows, n_rows, c0, padded);
        break;
      case 4:
        Kernel<4>::Run(scores, rows, n_rows, c0, padded);
        break;
      case 5:
        Kernel<5>::Run(scores, rows, n_rows, c0, padded);
        break;
      case 6:
        Kernel<6>::Run(scores, rows, n_rows, c0, padded);
        break;
      case 7:
        Kernel<7>::Run(scores, rows, n_rows, c0, padded);
        break;
      default:
        Kernel<8>::Run(scores, rows, n_rows, c0, padded);
        break;
    }
  }
}

constexpr SumRowsFn SumRowsAvx2 = SumInChunks<Sum32, 8>;
constexpr SumRowsFn SumRows16Avx2 = SumInChunks<Sum16, 16>;

__attribute__((target("avx2"))) std::uint32_t ArgMaxAvx2(const std::int32_t* scores,
                                                         std::size_t padded) {
  __m256i m = _mm256_set1_epi32(kPadScore);
  for (std::size_t c = 0; c < padded; c += 8) {
    m = _mm256_max_epi32(m, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(scores + c)));
  }
  __m128i x = _mm_max_epi32(_mm256_castsi256_si128(m), _mm256_extracti128_si256(m, 1));
  x = _mm_max_epi32(x, _mm_shuffle_epi32(x, 0x4E));
  x = _mm_max_epi32(x, _mm_shuffle_epi32(x, 0xB1));
  const __m256i best = _mm256_broadcastd_epi32(x);
  for (std::size_t c = 0; c < padded; c += 8) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(scores + c));
    const int mask = _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(v, best)));
    if (mask != 0) return static_cast<std::uint32_t>(c + __builtin_ctz(mask));
  }
  return 0;
}
#endif

}  // namespace

struct Tagger::Impl {
  std::vector<PosTag> classes;
  bool uses_lexicon = false;
  // WordNet classes stored in the ambiguity table (kFlagClassesInModel).
  tagger::TableClasses table_classes = tagger::TableClasses::kNone;
  std::string description;
  std::size_t features = 0;
  std::vector<Slot> table;
  std::uint64_t mask = 0;
  // Per weight: class in the high 16 bits, quantised weight in the low 16.
  std::vector<std::uint32_t> entries;
  // Dense weight rows of `row_stride` int16 each (see Slot).
  std::vector<std::int16_t> dense;
  std::size_t padded = 0;      // classes rounded up to a multiple of 8
  std::size_t row_stride = 0;  // classes rounded up to a multiple of 16
  SumRowsFn sum_rows = SumRowsGeneric;
  ArgMaxFn argmax = ArgMaxGeneric;
  tagger::WordTable ambiguity;
  // Exact word form hash -> 1 + class, for words tagged without scoring.
  tagger::WordTable tag_dict;

  const Slot* Find(std::uint64_t key) const {
    std::uint64_t i = (key >> 17) & mask;
    while (true) {
      const Slot& s = table[i];
      if (s.key == key) return &s;
      if (s.key == 0) return nullptr;
      i = (i + 1) & mask;
    }
  }
};

namespace {

class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  bool U8(std::uint8_t* v) {
    if (pos_ + 1 > b_.size()) return false;
    *v = static_cast<std::uint8_t>(b_[pos_++]);
    return true;
  }
  bool U32(std::uint32_t* v) {
    if (pos_ + 4 > b_.size()) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i)
      *v |= std::uint32_t{static_cast<std::uint8_t>(b_[pos_ + i])} << (8 * i);
    pos_ += 4;
    return true;
  }
  bool U64(std::uint64_t* v) {
    if (pos_ + 8 > b_.size()) return false;
    *v = 0;
    for (int i = 0; i < 8; ++i)
      *v |= std::uint64_t{static_cast<std::uint8_t>(b_[pos_ + i])} << (8 * i);
    pos_ += 8;
    return true;
  }
  bool Bytes(std::size_t n, std::string_view* v) {
    if (n > b_.size() - pos_) return false;
    *v = b_.substr(pos_, n);
    pos_ += n;
    return true;
  }
  std::size_t remaining() const { return b_.size() - pos_; }

 private:
  std::string_view b_;
  std::size_t pos_ = 0;
};

// Reads `n` word hashes, which must be non-zero and strictly ascending (the
// ambiguity words and the tag dictionary); on failure *bad_at is the index of
// the first bad one. The caller has checked that the bytes are there.
bool ReadWordHashes(Reader* r, std::uint32_t n, std::vector<std::uint64_t>* words,
                    std::size_t* bad_at) {
  words->assign(n, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    r->U64(&(*words)[i]);
    if ((*words)[i] == 0 || (i > 0 && (*words)[i] <= (*words)[i - 1])) {
      *bad_at = i;
      return false;
    }
  }
  return true;
}

Status BadModel(const std::string& where, const std::string& what) {
  return ParseError(where + ": bad tagger model: " + what);
}

// Flags known to the format version, in a combination training writes: the
// classes from a lexicon or from the model, and folded only from the model.
Status CheckModelFlags(std::uint32_t version, std::uint32_t flags, std::uint32_t reserved,
                       const std::string& where) {
  const std::uint32_t known = version >= 4 ? tagger::kKnownFlags : tagger::kFlagUsesLexicon;
  if ((flags & ~known) != 0 || reserved != 0) {
    return ParseError(where + ": unknown flags in tagger model header (format version " +
                      std::to_string(version) + ")");
  }
  const bool in_model = (flags & tagger::kFlagClassesInModel) != 0;
  if ((in_model && (flags & tagger::kFlagUsesLexicon) != 0) ||
      (!in_model && (flags & tagger::kFlagClassesFolded) != 0)) {
    return ParseError(where + ": inconsistent flags in tagger model header");
  }
  return Status();
}

// Checks the header (magic, version, flags, size, checksum) of a model file;
// *flags and *payload are the header's flags and the bytes it covers.
Status ReadModelHeader(std::string_view bytes, const std::string& where, std::uint32_t* flags,
                       std::string_view* payload) {
  if (bytes.size() < sizeof tagger::kModelMagic ||
      std::memcmp(bytes.data(), tagger::kModelMagic, sizeof tagger::kModelMagic) != 0) {
    if (bytes.size() < sizeof tagger::kModelMagic &&
        std::memcmp(bytes.data(), tagger::kModelMagic, bytes.size()) == 0) {
      return Truncated(where + ": tagger model ends inside its header");
    }
    return ParseError(where + ": not a dyad tagger model (bad magic)");
  }
  Reader h(bytes.substr(sizeof tagger::kModelMagic));
  std::uint32_t version, crc, reserved;
  std::uint64_t payload_size;
  if (!h.U32(&version)) return Truncated(where + ": tagger model ends inside its header");
  if (version < tagger::kOldestModelVersion || version > tagger::kModelVersion) {
    return VersionMismatch(where + ": tagger model format version " + std::to_string(version) +
                           ", this dyad reads versions " +
                           std::to_string(tagger::kOldestModelVersion) + " to " +
                           std::to_string(tagger::kModelVersion));
  }
  if (!h.U32(flags) || !h.U64(&payload_size) || !h.U32(&crc) || !h.U32(&reserved)) {
    return Truncated(where + ": tagger model ends inside its header");
  }
  *payload = bytes.substr(tagger::kHeaderSize);
  if (payload->size() < payload_size) {
    return Truncated(where + ": tagger model payload has " + std::to_string(payload->size()) +
                     " bytes, header says " + std::to_string(payload_size));
  }
  if (payload->size() > payload_size) {
    return ParseError(where + ": " + std::to_string(payload->size() - payload_size) +
                      " unexpected bytes after the tagger model payload");
  }
  if (tagger::Crc32(*payload) != crc) {
    return ParseError(where + ": tagger model checksum mismatch (file is corrupted)");
  }
  return CheckModelFlags(version, *flags, reserved, where);
}

// The class table and the description.
Status ReadClasses(Reader* r, const std::string& where, Tagger::Impl* impl) {
  std::uint32_t n_classes;
  if (!r->U32(&n_classes) || n_classes == 0 || n_classes > 255)
    return BadModel(where, "class count");
  for (std::uint32_t i = 0; i < n_classes; ++i) {
    std::uint8_t x, u;
    if (!r->U8(&x) || !r->U8(&u)) return BadModel(where, "class table");
    if (x >= kXposCount || u >= kUposCount) {
      return BadModel(where, "class " + std::to_string(i) + " tag");
    }
    impl->classes.push_back({static_cast<Xpos>(x), static_cast<Upos>(u)});
  }
  std::uint32_t scale_bits, desc_len;
  std::string_view desc;
  if (!r->U32(&scale_bits) || !r->U32(&desc_len) || !r->Bytes(desc_len, &desc)) {
    return BadModel(where, "description");
  }
  impl->description = std::string(desc);
  return Status();
}

// The feature keys and weight counts, into the open-addressing table (each
// slot's `a` the index of its first weight, `b` their number), and the bytes
// of the weights' classes and values, which follow them.
Status ReadFeatureTable(Reader* r, const std::string& where, Tagger::Impl* impl,
                        std::string_view* classes_b, std::string_view* weights_b) {
  const std::size_t n_classes = impl->classes.size();
  std::uint32_t n_features, n_entries;
  if (!r->U32(&n_features) || !r->U32(&n_entries)) return BadModel(where, "table sizes");
  if (n_entries >= kDenseBit) return BadModel(where, "more than 2^30 weights");
  std::uint64_t need = std::uint64_t{n_features} * 9 + std::uint64_t{n_entries} * 3;
  if (need > r->remaining()) {
    return BadModel(where, "table sizes do not match the payload (" + std::to_string(n_features) +
                               " features, " + std::to_string(n_entries) + " weights)");
  }
  std::string_view keys_b, counts_b;
  r->Bytes(std::size_t{n_features} * 8, &keys_b);
  r->Bytes(n_features, &counts_b);
  r->Bytes(n_entries, classes_b);
  r->Bytes(std::size_t{n_entries} * 2, weights_b);
  std::size_t cap = 16;
  while (cap < std::size_t{n_features} + std::size_t{n_features} / 4) cap <<= 1;
  impl->table.assign(cap, Slot{});
  impl->mask = cap - 1;
  impl->entries.resize(n_entries);
  impl->features = n_features;
  Reader keys(keys_b);
  std::uint64_t prev = 0;
  std::uint32_t begin = 0;
  for (std::uint32_t f = 0; f < n_features; ++f) {
    std::uint64_t key = 0;
    keys.U64(&key);
    if (key <= prev) {
      return BadModel(where, "feature keys not strictly ascending at feature " + std::to_string(f));
    }
    prev = key;
    auto count = static_cast<std::uint8_t>(counts_b[f]);
    if (count == 0 || count > n_classes || begin + count > n_entries) {
      return BadModel(where, "weight count of feature " + std::to_string(f));
    }
    std::uint64_t i = (key >> 17) & impl->mask;
    while (impl->table[i].key != 0) i = (i + 1) & impl->mask;
    impl->table[i] = Slot{key, begin, count};
    begin += count;
  }
  if (begin != n_entries) return BadModel(where, "weight counts do not add up to the weight total");
  return Status();
}

// The ambiguity classes of words, then the tag dictionary (the rest of the
// payload).
Status ReadWordTables(Reader* r, const std::string& where, Tagger::Impl* impl) {
  std::uint32_t n_words;
  if (!r->U32(&n_words) || std::uint64_t{n_words} * 16 > r->remaining()) {
    return BadModel(where, "ambiguity table size does not match the payload");
  }
  std::vector<std::uint64_t> amb_words, amb_masks(n_words);
  if (std::size_t at; !ReadWordHashes(r, n_words, &amb_words, &at)) {
    return BadModel(where, "ambiguity words not strictly ascending at " + std::to_string(at));
  }
  for (std::uint32_t i = 0; i < n_words; ++i) r->U64(&amb_masks[i]);
  impl->ambiguity.Build(amb_words, amb_masks);
  std::uint32_t n_dict;
  if (!r->U32(&n_dict) || std::uint64_t{n_dict} * 9 != r->remaining()) {
    return BadModel(where, "tag dictionary size does not match the payload");
  }
  std::vector<std::uint64_t> dict_words, dict_classes(n_dict);
  if (std::size_t at; !ReadWordHashes(r, n_dict, &dict_words, &at)) {
    return BadModel(where, "tag dictionary words not strictly ascending at " + std::to_string(at));
  }
  for (std::uint32_t i = 0; i < n_dict; ++i) {
    std::uint8_t c = 0;
    r->U8(&c);
    if (c >= impl->classes.size()) {
      return BadModel(where, "class of tag dictionary word " + std::to_string(i));
    }
    dict_classes[i] = std::uint64_t{c} + 1;  // 0 means "not in the dictionary"
  }
  impl->tag_dict.Build(dict_words, dict_classes);
  return Status();
}

// Each weight as (class << 16) | quantised weight, from the class and weight
// bytes ReadFeatureTable set aside.
Status ReadWeights(std::string_view classes_b, std::string_view weights_b, const std::string& where,
                   Tagger::Impl* impl) {
  for (std::uint32_t e = 0; e < impl->entries.size(); ++e) {
    auto cls = static_cast<std::uint8_t>(classes_b[e]);
    if (cls >= impl->classes.size()) return BadModel(where, "class of weight " + std::to_string(e));
    auto lo = static_cast<std::uint8_t>(weights_b[2 * e]);
    auto hi = static_cast<std::uint8_t>(weights_b[2 * e + 1]);
    impl->entries[e] = (std::uint32_t{cls} << 16) | std::uint32_t{lo} | (std::uint32_t{hi} << 8);
  }
  return Status();
}

// Moves a slot of `n` (>= kDenseMin) weights `e` into a dense row when each
// class has one weight at most (else the row could overflow int16); returns
// the largest absolute weight moved (0 if none).
int MakeDenseRow(Slot* slot, const std::uint32_t* e, Tagger::Impl* impl) {
  std::uint64_t seen[4] = {0, 0, 0, 0};
  for (std::uint32_t j = 0; j < slot->b; ++j) {
    const std::uint32_t c = e[j] >> 16;
    if ((seen[c / 64] & (1ull << (c % 64))) != 0) return 0;
    seen[c / 64] |= 1ull << (c % 64);
  }
  int max_weight = 0;
  const std::size_t row = impl->dense.size();
  impl->dense.resize(row + impl->row_stride, 0);
  for (std::uint32_t j = 0; j < slot->b; ++j) {
    const auto w = static_cast<std::int16_t>(e[j] & 0xFFFF);
    impl->dense[row + (e[j] >> 16)] = w;
    max_weight = std::max(max_weight, std::abs(int{w}));
  }
  slot->a = static_cast<std::uint32_t>(row) | kDenseBit;
  return max_weight;
}

// Chooses each slot's layout (see Slot): inline, dense or sparse. Returns the
// largest absolute weight in a dense row.
int LayOutSlots(Tagger::Impl* impl) {
  const std::size_t n_classes = impl->classes.size();
  impl->padded = (n_classes + 7) / 8 * 8;
  impl->row_stride = (n_classes + 15) / 16 * 16;
  std::size_t dense_rows = 0;  // at most: features with kDenseMin+ weights
  for (const Slot& slot : impl->table) dense_rows += slot.key != 0 && slot.b >= kDenseMin;
  impl->dense.reserve(dense_rows * impl->row_stride);
  int max_dense_weight = 0;
  for (Slot& slot : impl->table) {
    if (slot.key == 0) continue;
    const std::uint32_t* e = impl->entries.data() + slot.a;
    if (slot.b <= 2) {
      const std::uint32_t second = slot.b == 2 ? e[1] : kNoEntry;
      slot.a = e[0] | kInlineBit;
      slot.b = second;
    } else if (slot.b >= kDenseMin && impl->dense.size() + impl->row_stride < kDenseBit) {
      max_dense_weight = std::max(max_dense_weight, MakeDenseRow(&slot, e, impl));
    }
  }
  return max_dense_weight;
}

// The AVX2 kernels when the CPU has them.
void ChooseKernels(int max_dense_weight, Tagger::Impl* impl) {
#ifdef DYAD_TAGGER_AVX2
  if (__builtin_cpu_supports("avx2")) {
    // Dense rows summed in int16 when no kMaxFeatures of them can overflow it
    // (dyad's training quantises to tagger::kMaxQuantizedWeight).
    const bool sum16 = max_dense_weight * tagger::kMaxFeatures <= 32767;
    impl->sum_rows = sum16 ? SumRows16Avx2 : SumRowsAvx2;
    impl->argmax = ArgMaxAvx2;
  }
#else
  (void)max_dense_weight;
  (void)impl;
#endif
}

}  // namespace

Tagger::Tagger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Tagger::~Tagger() = default;

Result<std::unique_ptr<Tagger>> Tagger::FromBytes(std::string_view bytes, std::string_view name) {
  const std::string where(name);
  std::uint32_t flags = 0;
  std::string_view payload;
  DYAD_RETURN_IF_ERROR(ReadModelHeader(bytes, where, &flags, &payload));
  auto impl = std::make_unique<Impl>();
  impl->uses_lexicon = (flags & tagger::kFlagUsesLexicon) != 0;
  if ((flags & tagger::kFlagClassesInModel) != 0) {
    impl->table_classes = (flags & tagger::kFlagClassesFolded) != 0
                              ? tagger::TableClasses::kFolded
                              : tagger::TableClasses::kSeparate;
  }
  Reader r(payload);
  std::string_view classes_b, weights_b;
  DYAD_RETURN_IF_ERROR(ReadClasses(&r, where, impl.get()));
  DYAD_RETURN_IF_ERROR(ReadFeatureTable(&r, where, impl.get(), &classes_b, &weights_b));
  DYAD_RETURN_IF_ERROR(ReadWordTables(&r, where, impl.get()));
  DYAD_RETURN_IF_ERROR(ReadWeights(classes_b, weights_b, where, impl.get()));
  ChooseKernels(LayOutSlots(impl.get()), impl.get());
  return std::unique_ptr<Tagger>(new Tagger(std::move(impl)));
}

Result<std::unique_ptr<Tagger>> Tagger::Load(const std::string& path) {
  std::string bytes;
  DYAD_RETURN_IF_ERROR(tagger::ReadFileBytes(path, &bytes));
  return FromBytes(bytes, path);
}

std::string Tagger::DefaultPath() {
  if (const char* env = std::getenv("DYAD_TAGGER_MODEL"); env != nullptr && *env != '\0') {
    return env;
  }
  return std::string(DYAD_DATA_DIR) + "/models/tagger-en-ewt.dtm";
}

namespace {

// Adds the weights of feature slot `s` to scores[class], except a dense row,
// which is appended to rows[*n_rows] (summed later, all rows at once).
inline void AddWeights(const Slot& s, const Tagger::Impl& m, std::int32_t* scores,
                       const std::int16_t** rows, int* n_rows) {
  if (s.a & kInlineBit) {
    const std::uint32_t e0 = s.a & ~kInlineBit;
    scores[e0 >> 16] += static_cast<std::int16_t>(e0 & 0xFFFF);
    scores[s.b >> 16] += static_cast<std::int16_t>(s.b & 0xFFFF);
    return;
  }
  if (s.a & kDenseBit) {
    rows[(*n_rows)++] = m.dense.data() + (s.a & ~kDenseBit);
    return;
  }
  const std::uint32_t* e = m.entries.data() + s.a;
  for (std::uint32_t j = 0; j < s.b; ++j) {
    scores[e[j] >> 16] += static_cast<std::int16_t>(e[j] & 0xFFFF);
  }
}

// Prefetches the out-of-line weights of `s` (every cache line of them).
inline void PrefetchWeights(const Slot& s, const Tagger::Impl& m) {
  if (s.a & kInlineBit) return;
  const char* p;
  const char* end;
  if (s.a & kDenseBit) {
    p = reinterpret_cast<const char*>(m.dense.data() + (s.a & ~kDenseBit));
    end = p + m.row_stride * sizeof(std::int16_t);
  } else {
    p = reinterpret_cast<const char*>(m.entries.data() + s.a);
    end = p + s.b * sizeof(std::uint32_t);
  }
  for (; p < end; p += 64) __builtin_prefetch(p);
  __builtin_prefetch(end - 1);
}

// The scratch's cache of WordNet classes, emptied when the lexicon changes.
// 16,384 slots (256 KB): a news vocabulary's frequent words stay in it, so most words
// skip Lexicon::Classes (a string copy and WordNet's morphology per class).
tagger::ClassesCache ClassesCacheFor(const Lexicon* lexicon, TaggerScratch* scratch) {
  constexpr std::size_t kSlots = 16384;
  if (scratch->classes_cache_lexicon_ != lexicon || scratch->classes_cache_.size() != kSlots) {
    scratch->classes_cache_.assign(kSlots, {0, 0});
    scratch->classes_cache_lexicon_ = lexicon;
  }
  return {scratch->classes_cache_.data(), kSlots - 1};
}

// Tagger::Tag processes words in blocks: first the features that do not
// depend on the predicted classes are hashed, their table slots prefetched,
// then their weights prefetched and summed for the whole block (memory-level
// parallelism). The class-dependent features of the block are prefetched for
// the classes the static scores alone predict (usually the right ones), and
// the greedy pass then adds them word by word. Words in the tag dictionary
// (frequent, nearly unambiguous forms: "the", "of", ",") take their class
// from it and are not scored at all.
//
// The steps below are forced inline: Tag stays one function, as before they
// were split out, so its locals stay in registers (tagger_bench unchanged).
constexpr std::size_t kBlock = 32;
constexpr std::size_t kStatic = tagger::kMaxFeatures;
constexpr std::uint32_t kNotFound = 0xFFFFFFFFu;

// What every step of one Tag call reads: the model and the scratch arrays.
struct TagContext {
  const Tagger::Impl& m;
  const Slot* table;
  const std::uint64_t* wf;  // word features, kWordSlotCount per word
  std::size_t n;            // words in the sentence
  std::size_t n_classes;
  std::size_t padded;  // score rows are padded; the padding lanes hold kPadScore
  bool use_classes;
  std::uint64_t* keys;          // kStatic static feature keys per word of the block
  std::uint32_t* found;         // table index of each key, or kNotFound
  std::int32_t* static_scores;  // `padded` scores per word of the block
  std::int32_t* scores;         // `padded` scores of the word being tagged
  std::uint64_t* guessed_dyn;   // kMaxDynamicFeatures keys per word of the block
};

// Per word of the current block.
struct BlockGuesses {
  int counts[kBlock];  // static feature keys
  std::uint32_t guess[kBlock];
  bool fixed[kBlock];  // the word's class comes from the tag dictionary
  // Class-dependent keys computed for the guessed previous classes.
  int guessed_count[kBlock];
  std::pair<std::uint32_t, std::uint32_t> guessed_prev[kBlock];
};

// Grows the scratch arrays to what a sentence of `n` words needs.
void ReserveTagScratch(std::size_t n, std::size_t padded, TaggerScratch* scratch) {
  if (scratch->word_features_.size() < n * tagger::kWordSlotCount) {
    scratch->word_features_.resize(n * tagger::kWordSlotCount);
  }
  if (scratch->scores_.size() < padded) scratch->scores_.resize(padded);
  if (scratch->keys_.size() < kBlock * kStatic) scratch->keys_.resize(kBlock * kStatic);
  if (scratch->spans_.size() < kBlock * kStatic) scratch->spans_.resize(kBlock * kStatic);
  if (scratch->static_scores_.size() < kBlock * padded) {
    scratch->static_scores_.resize(kBlock * padded);
  }
}

// Looks the words of block [b, b + len) up in the tag dictionary; hashes the
// static features of the others and prefetches their table slots.
[[gnu::always_inline]] inline void HashStaticFeatures(const TagContext& c, std::size_t b,
                                                      std::size_t len, BlockGuesses* g) {
  for (std::size_t t = 0; t < len; ++t) {
    const std::uint64_t d =
        c.m.tag_dict.Find(c.wf[(b + t) * tagger::kWordSlotCount + tagger::kCased]);
    g->fixed[t] = d != 0;
    if (g->fixed[t]) {
      g->counts[t] = 0;
      g->guess[t] = static_cast<std::uint32_t>(d - 1);
      continue;
    }
    g->counts[t] = tagger::StaticFeatures(c.wf, c.n, b + t, c.use_classes, c.keys + t * kStatic);
    for (int k = 0; k < g->counts[t]; ++k) {
      __builtin_prefetch(&c.table[(c.keys[t * kStatic + k] >> 17) & c.m.mask]);
    }
  }
}

// Finds the slot of each static feature and prefetches its weights.
[[gnu::always_inline]] inline void FindStaticSlots(const TagContext& c, std::size_t len,
                                                   const BlockGuesses& g) {
  for (std::size_t t = 0; t < len; ++t) {
    for (int k = 0; k < g.counts[t]; ++k) {
      const Slot* s = c.m.Find(c.keys[t * kStatic + k]);
      if (s != nullptr) PrefetchWeights(*s, c.m);
      c.found[t * kStatic + k] = s != nullptr ? static_cast<std::uint32_t>(s - c.table) : kNotFound;
    }
  }
}

// Sums the static features' weights of each scored word; its best class is
// the guess.
[[gnu::always_inline]] inline void ScoreStaticFeatures(const TagContext& c, std::size_t len,
                                                       BlockGuesses* g) {
  const std::int16_t* rows[kStatic];
  for (std::size_t t = 0; t < len; ++t) {
    if (g->fixed[t]) continue;
    std::int32_t* sc = c.static_scores + t * c.padded;
    std::memset(sc, 0, c.n_classes * sizeof(std::int32_t));
    std::fill(sc + c.n_classes, sc + c.padded, kPadScore);
    int n_rows = 0;
    for (int k = 0; k < g->counts[t]; ++k) {
      const std::uint32_t f = c.found[t * kStatic + k];
      if (f != kNotFound) AddWeights(c.table[f], c.m, sc, rows, &n_rows);
    }
    c.m.sum_rows(sc, rows, n_rows, c.padded);
    g->guess[t] = c.m.argmax(sc, c.padded);
  }
}

// Prefetches the class-dependent features as if each word took the class its
// static scores give it; a wrong guess only costs a wasted prefetch. The keys
// are kept: when the guess was right they are the ones needed.
[[gnu::always_inline]] inline void PrefetchDynamicFeatures(const TagContext& c, std::size_t b,
                                                           std::size_t len, std::uint32_t prev1,
                                                           std::uint32_t prev2, BlockGuesses* g) {
  std::uint32_t g1 = prev1, g2 = prev2;
  for (std::size_t t = 0; t < len; ++t) {
    if (!g->fixed[t]) {
      std::uint64_t* dyn = c.guessed_dyn + t * tagger::kMaxDynamicFeatures;
      g->guessed_count[t] = tagger::DynamicFeatures(c.wf, c.n, b + t, g1, g2, dyn);
      g->guessed_prev[t] = {g1, g2};
      for (int k = 0; k < g->guessed_count[t]; ++k)
        __builtin_prefetch(&c.table[(dyn[k] >> 17) & c.m.mask]);
    }
    g2 = g1;
    g1 = g->guess[t];
  }
}

// The greedy pass: each scored word's static scores plus its class-dependent
// features given the classes just chosen; *prev1 and *prev2 are the last two
// classes.
[[gnu::always_inline]] inline void TagGreedily(const TagContext& c, std::size_t b, std::size_t len,
                                               const BlockGuesses& g, std::uint32_t* prev1,
                                               std::uint32_t* prev2, PosTag* out) {
  const std::int16_t* rows[kStatic];
  for (std::size_t t = 0; t < len; ++t) {
    const std::size_t i = b + t;
    if (g.fixed[t]) {
      out[i] = c.m.classes[g.guess[t]];
      *prev2 = *prev1;
      *prev1 = g.guess[t];
      continue;
    }
    std::uint64_t* dyn = c.guessed_dyn + t * tagger::kMaxDynamicFeatures;
    int nd = g.guessed_count[t];
    if (g.guessed_prev[t] != std::pair{*prev1, *prev2}) {
      nd = tagger::DynamicFeatures(c.wf, c.n, i, *prev1, *prev2, dyn);
    }
    std::memcpy(c.scores, c.static_scores + t * c.padded, c.padded * sizeof(std::int32_t));
    int n_rows = 0;
    for (int k = 0; k < nd; ++k) {
      const Slot* s = c.m.Find(dyn[k]);
      if (s != nullptr) AddWeights(*s, c.m, c.scores, rows, &n_rows);
    }
    c.m.sum_rows(c.scores, rows, n_rows, c.padded);
    const std::uint32_t best = c.m.argmax(c.scores, c.padded);
    out[i] = c.m.classes[best];
    *prev2 = *prev1;
    *prev1 = best;
  }
}

}  // namespace

void Tagger::Tag(std::span<const std::string_view> words, const Lexicon* lexicon,
                 TaggerScratch* scratch, PosTag* out) const {
  const std::size_t n = words.size();
  if (n == 0) return;
  const Impl& m = *impl_;
  ReserveTagScratch(n, m.padded, scratch);
  // The WordNet templates: from the lexicon, or from the model's own table.
  const bool use_classes = m.uses_lexicon || m.table_classes == tagger::TableClasses::kSeparate;
  tagger::ClassesCache cache;
  if (m.uses_lexicon && lexicon != nullptr) cache = ClassesCacheFor(lexicon, scratch);
  tagger::ComputeWordFeatures(words, m.uses_lexicon ? lexicon : nullptr, &m.ambiguity,
                              scratch->word_features_.data(),
                              cache.slots != nullptr ? &cache : nullptr, m.table_classes);
  std::uint64_t guessed_dyn[kBlock * tagger::kMaxDynamicFeatures];
  const TagContext c{m,
                     m.table.data(),
                     scratch->word_features_.data(),
                     n,
                     m.classes.size(),
                     m.padded,
                     use_classes,
                     scratch->keys_.data(),
                     scratch->spans_.data(),
                     scratch->static_scores_.data(),
                     scratch->scores_.data(),
                     guessed_dyn};
  BlockGuesses g;
  std::uint32_t prev1 = tagger::kStartClass, prev2 = tagger::kStartClass + 1;
  for (std::size_t b = 0; b < n; b += kBlock) {
    const std::size_t len = std::min(kBlock, n - b);
    HashStaticFeatures(c, b, len, &g);
    FindStaticSlots(c, len, g);
    ScoreStaticFeatures(c, len, &g);
    PrefetchDynamicFeatures(c, b, len, prev1, prev2, &g);
    TagGreedily(c, b, len, g, &prev1, &prev2, out);
  }
}

void Tagger::TagDocument(const Document& doc, const Lexicon* lexicon, TaggerScratch* scratch,
                         std::vector<PosTag>* tags) const {
  tags->assign(doc.tokens.size(), PosTag{});
  std::vector<std::string_view>& words = scratch->words_;
  for (const Sentence& s : doc.sentences) {
    if (s.token_count == 0 || s.first_token + s.token_count > doc.tokens.size()) continue;
    words.clear();
    for (std::uint32_t t = s.first_token; t < s.first_token + s.token_count; ++t) {
      words.push_back(doc.TokenText(doc.tokens[t]));
    }
    Tag(words, lexicon, scratch, tags->data() + s.first_token);
  }
}

bool Tagger::UsesLexicon() const { return impl_->uses_lexicon; }
bool Tagger::ClassesInModel() const { return impl_->table_classes != tagger::TableClasses::kNone; }
bool Tagger::ClassesFolded() const { return impl_->table_classes == tagger::TableClasses::kFolded; }
std::size_t Tagger::FeatureCount() const { return impl_->features; }
std::size_t Tagger::WeightCount() const { return impl_->entries.size(); }
std::size_t Tagger::TagDictionarySize() const { return impl_->tag_dict.size(); }
const std::string& Tagger::Description() const { return impl_->description; }

}  // namespace dyad
