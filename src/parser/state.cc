// Copyright dyad authors. Arc-eager transitions, oracle and features.
#include "parser/state.h"

#include <algorithm>

#include "tagger/features.h"

namespace dyad::parser {
namespace {

constexpr std::uint64_t kRootWord = 0x524F4F54ull;
constexpr std::uint64_t kNoneWord = 0x4E4F4E45ull;
constexpr std::uint64_t kRootTag = 0xF0;
constexpr std::uint64_t kNoneTag = 0xF1;
constexpr std::uint64_t kNoLabel = 0xFFFE;  // a word still without head
constexpr std::uint64_t kNoneLabel = 0xFFFF;
// Cluster values of ROOT and of an absent word (real ones are PackClusters,
// each level at most 0xFFFF).
constexpr std::uint64_t kRootClusters = 0xFFFFFFFFFFFFull;
constexpr std::uint64_t kNoneClusters = 0xFFFEFFFEFFFEull;

inline std::uint64_t Mix(std::uint64_t a, std::uint64_t b) {
  return (a * 0xBF58476D1CE4E5B9ull) ^ b;
}
inline std::uint64_t Mix(std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  return Mix(Mix(a, b), c);
}

// Distance between S0 and N0, bucketed.
inline std::uint64_t Distance(int d) {
  if (d <= 5) return static_cast<std::uint64_t>(d);
  if (d <= 8) return 6;
  if (d <= 12) return 7;
  return 8;
}

}  // namespace

void Workspace::Grow(int words) {
  const std::size_t size = static_cast<std::size_t>(words) + 1;
  if (head.size() >= size) return;
  for (auto* v : {&stack, &head, &lc1, &lc2, &rc1, &rc2}) v->resize(size);
  label.resize(size);
  nl.resize(size);
  nr.resize(size);
  tag.resize(size);
  upos.resize(size);
  lset.resize(size);
  rset.resize(size);
  word.resize(size);
  clus.resize(size);
}

void Workspace::ResetWithHashes(std::span<const std::uint64_t> hashes, std::span<const PosTag> tags,
                                const tagger::WordTable& clusters) {
  n = static_cast<int>(hashes.size());
  Grow(n);
  for (int i = 0; i <= n; ++i) {
    head[i] = -1;
    lc1[i] = lc2[i] = rc1[i] = rc2[i] = -1;
    label[i] = 0;
    nl[i] = nr[i] = 0;
    lset[i] = rset[i] = 0;
  }
  word[0] = kRootWord;
  clus[0] = kRootClusters;
  tag[0] = kRootTag;
  upos[0] = Upos::kX;
  for (int i = 1; i <= n; ++i) {
    word[i] = hashes[i - 1];
    clus[i] = clusters.Find(word[i]);
    tag[i] = static_cast<std::uint8_t>(tags[i - 1].xpos);
    upos[i] = tags[i - 1].upos;
  }
  stack[0] = 0;
  sp = 1;
  b = 1;
  root_assigned = false;
}

void Workspace::Reset(std::span<const std::string_view> words, std::span<const PosTag> tags,
                      const tagger::WordTable& clusters) {
  n = static_cast<int>(words.size());
  Grow(n);
  // Hash into word[1..n]; ResetWithHashes then copies them onto themselves.
  for (int i = 1; i <= n; ++i) word[i] = tagger::WordHash(words[i - 1]);
  ResetWithHashes(std::span<const std::uint64_t>(word.data() + 1, static_cast<std::size_t>(n)),
                  tags, clusters);
}

void Workspace::AddArc(int h, int d, std::uint16_t l) {
  head[d] = h;
  label[d] = l;
  if (d < h) {
    lc2[h] = lc1[h];
    lc1[h] = d;
    if (nl[h] < 255) ++nl[h];
    lset[h] |= 1ull << (l & 63);
  } else {
    rc2[h] = rc1[h];
    rc1[h] = d;
    if (nr[h] < 255) ++nr[h];
    rset[h] |= 1ull << (l & 63);
  }
}

void Workspace::Apply(std::uint32_t cls) {
  switch (MoveOf(cls)) {
    case kShift:
      stack[sp++] = b++;
      break;
    case kReduce:
      --sp;
      break;
    case kLeft: {
      const int s = stack[--sp];
      AddArc(b, s, LabelOf(cls));
      break;
    }
    default: {
      const int s = S0();
      if (s == 0) root_assigned = true;
      AddArc(s, b, LabelOf(cls));
      stack[sp++] = b++;
      break;
    }
  }
}

void Workspace::Finish(std::uint16_t root_label, std::uint16_t punct, std::uint16_t fallback) {
  int root = 0;
  for (int i = 1; i <= n && root == 0; ++i) {
    if (head[i] == 0) root = i;
  }
  for (int i = 1; i <= n; ++i) {
    if (head[i] >= 0) continue;
    if (root == 0) {
      root = i;
      head[i] = 0;
      label[i] = root_label;
      continue;
    }
    head[i] = root;
    label[i] = upos[i] == Upos::kPunct ? punct : fallback;
  }
}

int Workspace::Features() {
  auto W = [&](int i) { return i < 0 ? kNoneWord : word[i]; };
  auto P = [&](int i) -> std::uint64_t { return i < 0 ? kNoneTag : tag[i]; };
  auto L = [&](int i) -> std::uint64_t {
    if (i < 0) return kNoneLabel;
    return head[i] < 0 ? kNoLabel : label[i];
  };
  const int s0 = S0();
  const int s1 = sp > 1 ? stack[sp - 2] : -1;
  const int n0 = b <= n ? b : -1;
  const int n1 = b + 1 <= n ? b + 1 : -1;
  const int n2 = b + 2 <= n ? b + 2 : -1;
  const int s0h = s0 > 0 ? head[s0] : -1;
  const int s0h2 = s0h > 0 ? head[s0h] : -1;
  const int s0l = lc1[s0], s0l2 = lc2[s0], s0r = rc1[s0], s0r2 = rc2[s0];
  const int n0l = n0 > 0 ? lc1[n0] : -1;
  const int n0l2 = n0 > 0 ? lc2[n0] : -1;
  const std::uint64_t s0w = W(s0), s0p = P(s0), n0w = W(n0), n0p = P(n0);
  const std::uint64_t n1w = W(n1), n1p = P(n1), n2w = W(n2), n2p = P(n2);
  const std::uint64_t s0wp = Mix(s0w, s0p), n0wp = Mix(n0w, n0p), n1wp = Mix(n1w, n1p);
  const std::uint64_t d = (n0 > 0 && s0 > 0) ? Distance(n0 - s0) : 0;
  const std::uint64_t s0vl = std::min<int>(nl[s0], 7), s0vr = std::min<int>(nr[s0], 7);
  const std::uint64_t n0vl = n0 > 0 ? std::min<int>(nl[n0], 7) : 15;
  const std::uint64_t n0sl = n0 > 0 ? lset[n0] : 0;
  int k = 0;
  std::uint64_t t = 0;
  auto add = [&](std::uint64_t v) { keys[k++] = tagger::FeatureKey(++t, v); };
  // Single words.
  add(s0wp), add(s0w), add(s0p), add(n0wp), add(n0w), add(n0p);
  add(n1wp), add(n1w), add(n1p), add(Mix(n2w, n2p)), add(n2w), add(n2p);
  // Pairs.
  add(Mix(s0wp, n0wp)), add(Mix(s0wp, n0w)), add(Mix(s0w, n0wp)), add(Mix(s0wp, n0p));
  add(Mix(s0p, n0wp)), add(Mix(s0w, n0w)), add(Mix(s0p, n0p)), add(Mix(n0p, n1p));
  // Three words.
  add(Mix(n0p, n1p, n2p)), add(Mix(s0p, n0p, n1p)), add(Mix(P(s0h), s0p, n0p));
  add(Mix(s0p, P(s0l), n0p)), add(Mix(s0p, P(s0r), n0p)), add(Mix(s0p, n0p, P(n0l)));
  // Distance.
  add(Mix(s0w, d)), add(Mix(s0p, d)), add(Mix(n0w, d)), add(Mix(n0p, d));
  add(Mix(s0w, n0w, d)), add(Mix(s0p, n0p, d));
  // Valency.
  add(Mix(s0w, s0vr)), add(Mix(s0p, s0vr)), add(Mix(s0w, s0vl)), add(Mix(s0p, s0vl));
  add(Mix(n0w, n0vl)), add(Mix(n0p, n0vl));
  // Head and outermost children.
  add(W(s0h)), add(P(s0h)), add(L(s0)), add(W(s0l)), add(P(s0l)), add(L(s0l));
  add(W(s0r)), add(P(s0r)), add(L(s0r)), add(W(n0l)), add(P(n0l)), add(L(n0l));
  // Third order.
  add(W(s0h2)), add(P(s0h2)), add(L(s0h)), add(W(s0l2)), add(P(s0l2)), add(L(s0l2));
  add(W(s0r2)), add(P(s0r2)), add(L(s0r2)), add(W(n0l2)), add(P(n0l2)), add(L(n0l2));
  add(Mix(s0p, P(s0l), P(s0l2))), add(Mix(s0p, P(s0r), P(s0r2)));
  add(Mix(s0p, P(s0h), P(s0h2))), add(Mix(n0p, P(n0l), P(n0l2)));
  // Label sets.
  add(Mix(s0w, rset[s0])), add(Mix(s0p, rset[s0])), add(Mix(s0w, lset[s0]));
  add(Mix(s0p, lset[s0])), add(Mix(n0w, n0sl)), add(Mix(n0p, n0sl));
  // The second stack word, and a bias.
  add(Mix(P(s1), s0p, n0p)), add(W(s1)), add(P(s1)), add(Mix(P(s1), L(s1), s0p));
  add(Mix(s0p, L(s0), n0p)), add(Mix(n0w, n1w)), add(0);
  ClusterFeatures(s0, s1, n0, n1, d, &t, &k);
  LabelFeatures(s0, s1, n0, &t, &k);
  return k;
}

void Workspace::ClusterFeatures(int s0, int s1, int n0, int n1, std::uint64_t d, std::uint64_t* t,
                                int* k) {
  auto C = [&](int i) { return i < 0 ? kNoneClusters : clus[i]; };
  auto CF = [&](int i) { return C(i) & 0xFFFF; };
  auto CM = [&](int i) { return (C(i) >> 16) & 0xFFFF; };
  auto CC = [&](int i) { return (C(i) >> 32) & 0xFFFF; };
  auto P = [&](int i) -> std::uint64_t { return i < 0 ? kNoneTag : tag[i]; };
  auto add = [&](std::uint64_t v) { keys[(*k)++] = tagger::FeatureKey(++*t, v); };
  const int s0h = s0 > 0 ? head[s0] : -1;
  const int n0l = n0 > 0 ? lc1[n0] : -1;
  const std::uint64_t s0p = P(s0), n0p = P(n0);
  // Single words (Koo et al. 2008: clusters stand in for rare words).
  add(CF(s0)), add(Mix(CM(s0), s0p)), add(CF(n0)), add(Mix(CM(n0), n0p)), add(CF(n1));
  add(CF(s1));
  // Pairs and triples.
  add(Mix(CM(s0), CM(n0))), add(Mix(CF(s0), n0p)), add(Mix(s0p, CF(n0)));
  add(Mix(CC(s0), CC(n0), d)), add(Mix(CM(n0), CM(n1))), add(Mix(CC(s0), CC(n0), CC(n1)));
  // Head and children.
  add(Mix(CM(s0h), CM(s0))), add(Mix(CM(s0), CM(rc1[s0]))), add(Mix(CM(s0), CM(lc1[s0])));
  add(Mix(CM(n0), CM(n0l)));
}

void Workspace::LabelFeatures(int s0, int s1, int n0, std::uint64_t* t, int* k) {
  auto P = [&](int i) -> std::uint64_t { return i < 0 ? kNoneTag : tag[i]; };
  auto L = [&](int i) -> std::uint64_t {
    if (i < 0) return kNoneLabel;
    return head[i] < 0 ? kNoLabel : label[i];
  };
  auto add = [&](std::uint64_t v) { keys[(*k)++] = tagger::FeatureKey(++*t, v); };
  const std::uint64_t s0p = P(s0), n0p = P(n0);
  const int s1l = s1 >= 0 ? lc1[s1] : -1, s1r = s1 >= 0 ? rc1[s1] : -1;
  const std::uint64_t s1v =
      s1 >= 0 ? (std::min<int>(nl[s1], 7) << 4 | std::min<int>(nr[s1], 7)) : 255;
  const int n0l = n0 > 0 ? lc1[n0] : -1, n0l2 = n0 > 0 ? lc2[n0] : -1;
  // Children's labels of S0, S1 and N0, and S1's valency.
  add(Mix(P(s1), L(s1l), L(s1r))), add(Mix(s0p, L(lc1[s0]), L(rc1[s0])));
  add(Mix(n0p, L(n0l), L(n0l2))), add(Mix(P(s1), s1v)), add(Mix(s0p, L(rc1[s0]), n0p));
}

int TransitionCost(const Workspace& ws, std::uint32_t cls, const std::int32_t* gh,
                   const std::uint16_t* gl) {
  const int s = ws.S0();
  const int b = ws.b;
  const int n = ws.n;
  auto on_stack = [&](int k) {
    for (int i = 0; i < ws.sp; ++i) {
      if (ws.stack[i] == k) return true;
    }
    return false;
  };
  int cost = 0;
  switch (MoveOf(cls)) {
    case kShift: {
      if (on_stack(gh[b])) ++cost;
      for (int i = 0; i < ws.sp; ++i) {
        const int k = ws.stack[i];
        if (k > 0 && ws.head[k] < 0 && gh[k] == b) ++cost;
      }
      return cost;
    }
    case kReduce:
      for (int k = b; k <= n; ++k) cost += gh[k] == s;
      return cost;
    case kLeft:
      if (gh[s] > b) ++cost;
      for (int k = b; k <= n; ++k) cost += gh[k] == s;
      if (gh[s] == b && gl[s] != LabelOf(cls)) ++cost;
      return cost;
    default: {
      const int g = gh[b];
      if (g != s) {
        if (g > b || on_stack(g)) ++cost;
      } else if (gl[b] != LabelOf(cls)) {
        ++cost;
      }
      for (int i = 0; i < ws.sp; ++i) {
        const int k = ws.stack[i];
        if (k > 0 && ws.head[k] < 0 && gh[k] == b) ++cost;
      }
      return cost;
    }
  }
}

bool IsTree(const std::vector<std::int32_t>& heads) {
  const int n = static_cast<int>(heads.size()) - 1;
  for (int i = 1; i <= n; ++i) {
    int k = i, steps = 0;
    while (k != 0) {
      if (k < 0 || k > n || ++steps > n) return false;
      k = heads[k];
    }
  }
  return true;
}

namespace {

bool Dominates(const std::vector<std::int32_t>& heads, int h, int k) {
  while (k != 0 && k != h) k = heads[k];
  return k == h;
}

bool Projective(const std::vector<std::int32_t>& heads, int d) {
  const int h = heads[d];
  if (h == 0) return true;
  const int lo = std::min(h, d), hi = std::max(h, d);
  for (int k = lo + 1; k < hi; ++k) {
    if (!Dominates(heads, h, k)) return false;
  }
  return true;
}

}  // namespace

int Projectivize(std::vector<std::int32_t>* heads) {
  std::vector<std::int32_t>& h = *heads;
  const int n = static_cast<int>(h.size()) - 1;
  int lifts = 0;
  while (true) {
    int best = -1, best_len = 0;
    for (int d = 1; d <= n; ++d) {
      if (Projective(h, d)) continue;
      const int len = std::abs(h[d] - d);
      if (best < 0 || len < best_len) best = d, best_len = len;
    }
    if (best < 0) return lifts;
    h[best] = h[h[best]];
    ++lifts;
  }
}

}  // namespace dyad::parser
