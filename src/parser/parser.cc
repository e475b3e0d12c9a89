// Copyright dyad authors. Parser: model file, loading and greedy parsing.
#include "dyad/parser.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

#include "parser/model.h"
#include "parser/state.h"
#include "tagger/conllu.h"
#include "tagger/model.h"

#ifndef DYAD_DATA_DIR
#define DYAD_DATA_DIR "data"
#endif

namespace dyad {

namespace parser {
namespace {

void PutU32(std::string* out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
void PutU64(std::string* out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// Little-endian reads with bounds checks.
class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  bool U8(std::uint8_t* v) {
    if (pos_ >= b_.size()) return false;
    *v = static_cast<std::uint8_t>(b_[pos_++]);
    return true;
  }
  bool U32(std::uint32_t* v) {
    if (b_.size() - pos_ < 4) return false;
    *v = 0;
    for (int i = 0; i < 4; ++i)
      *v |= std::uint32_t{static_cast<std::uint8_t>(b_[pos_ + i])} << (8 * i);
    pos_ += 4;
    return true;
  }
  bool U64(std::uint64_t* v) {
    if (b_.size() - pos_ < 8) return false;
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

}  // namespace

std::string SerializeModel(const ModelData& m) {
  std::string p;
  PutU32(&p, static_cast<std::uint32_t>(m.deprels.size()));
  for (const std::string& d : m.deprels) {
    p.push_back(static_cast<char>(d.size()));
    p += d;
  }
  std::uint32_t scale_bits;
  std::memcpy(&scale_bits, &m.scale, 4);
  PutU32(&p, scale_bits);
  PutU32(&p, static_cast<std::uint32_t>(m.description.size()));
  p += m.description;
  PutU32(&p, static_cast<std::uint32_t>(m.words.size()));
  for (std::uint64_t w : m.words) PutU64(&p, w);
  for (std::uint64_t v : m.word_clusters) PutU64(&p, v);
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
  std::string out(kModelMagic, sizeof kModelMagic);
  PutU32(&out, kModelVersion);
  PutU32(&out, 0);
  PutU64(&out, p.size());
  PutU32(&out, tagger::Crc32(p));
  PutU32(&out, 0);
  out += p;
  return out;
}

}  // namespace parser

// Open-addressing slot: a feature key and its weights. A weight entry is
// (class << 16) | (uint16) quantised weight. Features with one or two weights
// keep them in the slot (b has kInlineBit; a and b & ~kInlineBit are the
// entries, an absent second one is 0: class 0, weight 0), which saves a second
// cache miss; otherwise the weights are entries[a, a + b).
struct Slot {
  std::uint64_t key = 0;  // 0 = empty
  std::uint32_t a = 0;
  std::uint32_t b = 0;
};
inline constexpr std::uint32_t kInlineBit = 0x80000000u;

struct Parser::Impl {
  std::vector<std::string> deprels;
  std::uint16_t root = 0, punct = 0, fallback = 0;
  std::uint32_t classes = 0;
  std::string description;
  tagger::WordTable clusters;  // lower-cased word hash -> PackClusters
  std::vector<Slot> table;
  std::uint64_t mask = 0;
  // (class << 16) | (uint16) quantised weight.
  std::vector<std::uint32_t> entries;
  std::size_t features = 0;

  std::uint64_t Index(std::uint64_t key) const { return (key >> 17) & mask; }
  const Slot* Find(std::uint64_t key) const {
    std::uint64_t i = Index(key);
    while (true) {
      const Slot& s = table[i];
      if (s.key == key) return &s;
      if (s.key == 0) return nullptr;
      i = (i + 1) & mask;
    }
  }

  std::uint32_t Best(parser::Workspace* ws) const {
    const int nf = ws->Features();
    // The table is larger than the caches: ask for every slot first, so the
    // misses overlap.
    for (int f = 0; f < nf; ++f) __builtin_prefetch(&table[Index(ws->keys[f])]);
    std::int32_t* scores = ws->scores.data();
    std::memset(scores, 0, sizeof(std::int32_t) * classes);
    auto add = [scores](std::uint32_t e) {
      scores[e >> 16] += static_cast<std::int16_t>(e & 0xFFFF);
    };
    // Inline weights now; for the others, ask for their entries before summing.
    const std::uint32_t* rows[parser::kMaxFeatures];
    std::uint32_t lens[parser::kMaxFeatures];
    int n_rows = 0;
    for (int f = 0; f < nf; ++f) {
      const Slot* s = Find(ws->keys[f]);
      if (s == nullptr) continue;
      if (s->b & kInlineBit) {
        add(s->a);
        add(s->b & ~kInlineBit);
        continue;
      }
      rows[n_rows] = entries.data() + s->a;
      lens[n_rows] = s->b;
      __builtin_prefetch(rows[n_rows]);
      ++n_rows;
    }
    for (int r = 0; r < n_rows; ++r) {
      for (std::uint32_t j = 0; j < lens[r]; ++j) add(rows[r][j]);
    }
    return ArgMax(*ws, scores);
  }

  // The best legal transition.
  std::uint32_t ArgMax(const parser::Workspace& ws, const std::int32_t* scores) const {
    std::uint32_t best = 0;
    bool found = false;
    auto consider = [&](std::uint32_t c) {
      if (!found || scores[c] > scores[best]) best = c, found = true;
    };
    const bool buffer = ws.b <= ws.n;
    const bool s0_root = ws.S0() == 0;
    const bool s0_headed = !s0_root && ws.head[ws.S0()] >= 0;
    if (buffer) consider(parser::kShift);
    if (s0_headed) consider(parser::kReduce);
    if (!buffer) return best;
    const std::uint32_t labels = static_cast<std::uint32_t>(deprels.size());
    if (s0_root) {
      if (!ws.root_assigned) consider(parser::RightClass(root));
      return best;
    }
    for (std::uint32_t l = 0; l < labels; ++l) {
      if (l == root) continue;
      if (!s0_headed) consider(parser::LeftClass(l));
      consider(parser::RightClass(l));
    }
    return best;
  }
};

ParserScratch::ParserScratch() : impl_(std::make_unique<parser::Workspace>()) {}
ParserScratch::~ParserScratch() = default;
ParserScratch::ParserScratch(ParserScratch&&) noexcept = default;
ParserScratch& ParserScratch::operator=(ParserScratch&&) noexcept = default;

Parser::Parser(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Parser::~Parser() = default;

std::string Parser::DefaultPath() {
  if (const char* env = std::getenv("DYAD_PARSER_MODEL"); env && *env) return env;
  return std::string(DYAD_DATA_DIR) + "/models/parser-en-ewt.dpm";
}

Result<std::unique_ptr<Parser>> Parser::Load(const std::string& path) {
  std::string bytes;
  DYAD_RETURN_IF_ERROR(tagger::ReadFileBytes(path, &bytes));
  return FromBytes(bytes, path);
}

namespace {

constexpr std::string_view kHeaderEnds = ": parser model ends inside its header";

Status ReadDeprels(parser::Reader* r, std::vector<std::string>* out, std::string* error) {
  std::uint32_t n;
  if (!r->U32(&n) || n == 0 || n > parser::kMaxDeprels) {
    *error = "relation count";
    return ParseError("");
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    std::uint8_t len;
    std::string_view name;
    if (!r->U8(&len) || len == 0 || !r->Bytes(len, &name)) {
      *error = "relation " + std::to_string(i);
      return ParseError("");
    }
    out->emplace_back(name);
  }
  return Status::Ok();
}

Status ReadClusters(parser::Reader* r, Parser::Impl* impl, std::string* error) {
  std::uint32_t n;
  if (!r->U32(&n) || std::uint64_t{n} * 16 > r->remaining()) {
    *error = "word cluster table size";
    return ParseError("");
  }
  std::vector<std::uint64_t> words(n), values(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    r->U64(&words[i]);
    if (words[i] == 0 || (i > 0 && words[i] <= words[i - 1])) {
      *error = "word cluster keys not strictly ascending at word " + std::to_string(i);
      return ParseError("");
    }
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    r->U64(&values[i]);
    if (values[i] == 0 || values[i] >> 48 != 0) {
      *error = "word cluster value of word " + std::to_string(i);
      return ParseError("");
    }
  }
  impl->clusters.Build(words, values);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Parser>> Parser::FromBytes(std::string_view bytes, std::string_view name) {
  const std::string where(name);
  constexpr std::size_t kMagic = sizeof parser::kModelMagic;
  if (bytes.size() < kMagic || std::memcmp(bytes.data(), parser::kModelMagic, kMagic) != 0) {
    if (bytes.size() < kMagic && std::memcmp(bytes.data(), parser::kModelMagic, bytes.size()) == 0)
      return Truncated(where + std::string(kHeaderEnds));
    return ParseError(where + ": not a dyad parser model (bad magic)");
  }
  parser::Reader h(bytes.substr(kMagic));
  std::uint32_t version, flags, crc, reserved;
  std::uint64_t payload_size;
  if (!h.U32(&version)) return Truncated(where + std::string(kHeaderEnds));
  if (version != parser::kModelVersion) {
    return VersionMismatch(where + ": parser model format version " + std::to_string(version) +
                           ", this dyad reads version " + std::to_string(parser::kModelVersion));
  }
  if (!h.U32(&flags) || !h.U64(&payload_size) || !h.U32(&crc) || !h.U32(&reserved)) {
    return Truncated(where + std::string(kHeaderEnds));
  }
  std::string_view payload = bytes.substr(parser::kHeaderSize);
  if (payload.size() < payload_size) {
    return Truncated(where + ": parser model payload has " + std::to_string(payload.size()) +
                     " bytes, header says " + std::to_string(payload_size));
  }
  if (payload.size() > payload_size) {
    return ParseError(where + ": " + std::to_string(payload.size() - payload_size) +
                      " unexpected bytes after the parser model payload");
  }
  if (tagger::Crc32(payload) != crc) {
    return ParseError(where + ": parser model checksum mismatch (file is corrupted)");
  }
  if (flags != 0 || reserved != 0) {
    return ParseError(where + ": unknown flags in parser model header");
  }
  auto bad = [&](const std::string& what) {
    return ParseError(where + ": bad parser model: " + what);
  };
  auto impl = std::make_unique<Impl>();
  parser::Reader r(payload);
  std::string error;
  if (!ReadDeprels(&r, &impl->deprels, &error).ok()) return bad(error);
  impl->classes = parser::ClassCount(impl->deprels.size());
  bool has_root = false;
  impl->fallback = 0;
  for (std::uint16_t i = 0; i < impl->deprels.size(); ++i) {
    const std::string& d = impl->deprels[i];
    if (d == "root") impl->root = i, has_root = true;
    if (d == "punct") impl->punct = i;
    if (d == "dep") impl->fallback = i;
  }
  if (!has_root) return bad("no \"root\" relation");
  std::uint32_t scale_bits, desc_len, n_features, n_entries;
  std::string_view desc;
  if (!r.U32(&scale_bits) || !r.U32(&desc_len) || !r.Bytes(desc_len, &desc)) {
    return bad("description");
  }
  impl->description = std::string(desc);
  if (Status s = ReadClusters(&r, impl.get(), &error); !s.ok()) return bad(error);
  if (!r.U32(&n_features) || !r.U32(&n_entries)) return bad("table sizes");
  const std::uint64_t need = std::uint64_t{n_features} * 9 + std::uint64_t{n_entries} * 3;
  if (need != r.remaining()) {
    return bad("table sizes do not match the payload (" + std::to_string(n_features) +
               " features, " + std::to_string(n_entries) + " weights)");
  }
  std::string_view keys_b, counts_b, cls_b, w_b;
  r.Bytes(std::size_t{n_features} * 8, &keys_b);
  r.Bytes(n_features, &counts_b);
  r.Bytes(n_entries, &cls_b);
  r.Bytes(std::size_t{n_entries} * 2, &w_b);
  std::size_t cap = 16;
  while (cap < std::size_t{n_features} * 2) cap <<= 1;
  impl->table.assign(cap, Slot{});
  impl->mask = cap - 1;
  impl->entries.resize(n_entries);
  impl->features = n_features;
  for (std::uint32_t j = 0; j < n_entries; ++j) {
    const auto cls = static_cast<std::uint8_t>(cls_b[j]);
    if (cls >= impl->classes) return bad("weight " + std::to_string(j) + " class");
    const auto lo = static_cast<std::uint8_t>(w_b[2 * j]);
    const auto hi = static_cast<std::uint8_t>(w_b[2 * j + 1]);
    impl->entries[j] = (std::uint32_t{cls} << 16) | (std::uint32_t{hi} << 8) | lo;
  }
  parser::Reader keys(keys_b);
  std::uint64_t prev = 0;
  std::uint32_t begin = 0;
  for (std::uint32_t f = 0; f < n_features; ++f) {
    std::uint64_t key = 0;
    keys.U64(&key);
    if (key <= prev)
      return bad("feature keys not strictly ascending at feature " + std::to_string(f));
    prev = key;
    const auto count = static_cast<std::uint8_t>(counts_b[f]);
    if (count == 0 || count > impl->classes || std::uint64_t{begin} + count > n_entries) {
      return bad("weight count of feature " + std::to_string(f));
    }
    std::uint64_t i = impl->Index(key);
    while (impl->table[i].key != 0) i = (i + 1) & impl->mask;
    if (count <= 2) {
      const std::uint32_t second = count == 2 ? impl->entries[begin + 1] : 0;
      impl->table[i] = Slot{key, impl->entries[begin], kInlineBit | second};
    } else {
      impl->table[i] = Slot{key, begin, count};
    }
    begin += count;
  }
  if (begin != n_entries) return bad("weight counts do not add up to the weight total");
  return std::unique_ptr<Parser>(new Parser(std::move(impl)));
}

void Parser::Parse(std::span<const std::string_view> words, std::span<const PosTag> tags,
                   ParserScratch* scratch, std::span<DepArc> out) const {
  parser::Workspace& ws = *scratch->impl_;
  ws.Reset(words, tags, impl_->clusters);
  if (ws.scores.size() < impl_->classes) ws.scores.resize(impl_->classes);
  while (!ws.Terminal()) {
    // With only ROOT on the stack and the root word found, SHIFT is the one
    // legal transition: no need to score it.
    if (ws.sp == 1 && ws.root_assigned) {
      ws.Apply(parser::kShift);
      continue;
    }
    ws.Apply(impl_->Best(&ws));
  }
  ws.Finish(impl_->root, impl_->punct, impl_->fallback);
  for (int i = 1; i <= ws.n; ++i) {
    out[i - 1].head = ws.head[i] - 1;
    out[i - 1].deprel = ws.label[i];
  }
}

std::string_view Parser::DeprelName(std::uint16_t deprel) const {
  return deprel < impl_->deprels.size() ? std::string_view(impl_->deprels[deprel])
                                        : std::string_view("_");
}
std::size_t Parser::DeprelCount() const { return impl_->deprels.size(); }
std::size_t Parser::FeatureCount() const { return impl_->features; }
std::size_t Parser::WeightCount() const { return impl_->entries.size(); }
const std::string& Parser::Description() const { return impl_->description; }

}  // namespace dyad

namespace dyad {

Result<std::string> PruneParserModel(std::string_view bytes, float min_weight,
                                     std::string_view name) {
  auto check = Parser::FromBytes(bytes, name);
  if (!check.ok()) return check.status();
  parser::Reader r(bytes.substr(parser::kHeaderSize));
  parser::ModelData m;
  std::string error;
  if (!ReadDeprels(&r, &m.deprels, &error).ok())
    return ParseError(std::string(name) + ": " + error);
  std::uint32_t scale_bits = 0, desc_len = 0, n_features = 0, n_entries = 0;
  std::string_view desc, keys_b, counts_b, cls_b, w_b;
  r.U32(&scale_bits);
  r.U32(&desc_len);
  r.Bytes(desc_len, &desc);
  std::uint32_t n_words = 0;
  r.U32(&n_words);
  m.words.resize(n_words);
  m.word_clusters.resize(n_words);
  for (std::uint64_t& w : m.words) r.U64(&w);
  for (std::uint64_t& v : m.word_clusters) r.U64(&v);
  r.U32(&n_features);
  r.U32(&n_entries);
  r.Bytes(std::size_t{n_features} * 8, &keys_b);
  r.Bytes(n_features, &counts_b);
  r.Bytes(n_entries, &cls_b);
  r.Bytes(std::size_t{n_entries} * 2, &w_b);
  std::memcpy(&m.scale, &scale_bits, 4);
  m.description = std::string(desc);
  parser::Reader keys(keys_b);
  std::uint32_t at = 0;
  for (std::uint32_t f = 0; f < n_features; ++f) {
    std::uint64_t key = 0;
    keys.U64(&key);
    const auto count = static_cast<std::uint8_t>(counts_b[f]);
    std::uint8_t kept = 0;
    for (std::uint32_t j = at; j < at + count; ++j) {
      const auto q = static_cast<std::int16_t>(static_cast<std::uint8_t>(w_b[2 * j]) |
                                               (static_cast<std::uint8_t>(w_b[2 * j + 1]) << 8));
      if (std::abs(q * m.scale) < min_weight) continue;
      m.entry_class.push_back(static_cast<std::uint8_t>(cls_b[j]));
      m.entry_weight.push_back(q);
      ++kept;
    }
    at += count;
    if (kept == 0) continue;
    m.keys.push_back(key);
    m.counts.push_back(kept);
  }
  return parser::SerializeModel(m);
}

}  // namespace dyad
