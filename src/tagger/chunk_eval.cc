// Copyright dyad authors. Chunk evaluation against phrases derived from
// dependency trees (docs/formats/tagger-model.md, "Chunk evaluation").
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/tagger.h"
#include "tagger/conllu.h"

namespace dyad {
namespace {

using tagger::ConlluSentence;
using tagger::ConlluWord;

std::string_view BaseRel(std::string_view rel) { return rel.substr(0, rel.find(':')); }

bool IsNeg(std::string_view w) {
  return w == "not" || w == "n't" || w == "never" || w == "Not" || w == "Never" || w == "nt";
}

// Whether word k (0-based) belongs to the base NP of head h (left side).
bool InNp(const ConlluSentence& s, std::size_t k, std::size_t h) {
  std::size_t cur = k;
  for (int guard = 0; guard < 64; ++guard) {
    const ConlluWord& w = s.words[cur];
    if (w.head == 0) return false;
    std::size_t parent = w.head - 1;
    std::string_view rel = w.deprel;
    std::string_view base = BaseRel(rel);
    bool ok = base == "det" || base == "amod" || base == "compound" || base == "nummod" ||
              rel == "nmod:poss" || base == "flat" || (base == "advmod" && parent != h) ||
              (base == "case" && w.tag.xpos == Xpos::kPOS) ||
              (base == "punct" && w.tag.xpos == Xpos::kHyph);
    if (!ok) return false;
    if (parent == h) return true;
    if (parent > h) return false;
    cur = parent;
  }
  return false;
}

void GoldSpans(const ConlluSentence& s, std::set<std::pair<std::uint32_t, std::uint32_t>>* np,
               std::set<std::pair<std::uint32_t, std::uint32_t>>* vg) {
  const std::size_t n = s.words.size();
  for (std::size_t h = 0; h < n; ++h) {
    const ConlluWord& w = s.words[h];
    std::string_view base = BaseRel(w.deprel);
    Upos u = w.tag.upos;
    if ((u == Upos::kNoun || u == Upos::kPropn || u == Upos::kPron) && base != "compound" &&
        base != "flat") {
      std::size_t left = h;
      while (left > 0 && InNp(s, left - 1, h)) --left;
      std::size_t right = h + 1;
      while (right < n && s.words[right].head == h + 1 &&
             (BaseRel(s.words[right].deprel) == "flat")) {
        ++right;
      }
      np->insert({static_cast<std::uint32_t>(left), static_cast<std::uint32_t>(right)});
    }
    if (u == Upos::kVerb) {
      std::size_t left = h;
      while (left > 0) {
        const ConlluWord& d = s.words[left - 1];
        std::string_view r = BaseRel(d.deprel);
        if (d.head == h + 1 && (r == "aux" || r == "advmod")) {
          --left;
        } else {
          break;
        }
      }
      // The group opens with an auxiliary or a negation, not a plain adverb.
      while (left < h && BaseRel(s.words[left].deprel) == "advmod" && !IsNeg(s.words[left].form)) {
        ++left;
      }
      vg->insert({static_cast<std::uint32_t>(left), static_cast<std::uint32_t>(h + 1)});
    }
  }
}

}  // namespace

Result<ChunkEvaluation> EvaluateChunker(const Tagger* tagger, const std::string& conllu_path,
                                        const Lexicon* lexicon) {
  tagger::ConlluFile file;
  DYAD_RETURN_IF_ERROR(tagger::ReadConllu(conllu_path, 0, &file));
  ChunkEvaluation ev;
  TaggerScratch scratch;
  std::vector<std::string_view> words;
  std::vector<PosTag> tags;
  Chunks chunks;
  std::set<std::pair<std::uint32_t, std::uint32_t>> gold_np, gold_vg, pred_np, pred_vg;
  for (const ConlluSentence& s : file.sentences) {
    words.clear();
    tags.clear();
    for (const ConlluWord& w : s.words) {
      words.push_back(w.form);
      tags.push_back(w.tag);
    }
    if (tagger != nullptr) tagger->Tag(words, lexicon, &scratch, tags.data());
    ChunkSentence(words, tags, &chunks);
    gold_np.clear();
    gold_vg.clear();
    pred_np.clear();
    pred_vg.clear();
    GoldSpans(s, &gold_np, &gold_vg);
    for (const Chunk& c : chunks.chunks) {
      if (c.type == ChunkType::kNounPhrase) pred_np.insert({c.begin, c.end});
      if (c.type == ChunkType::kVerbGroup && tags[c.head].upos == Upos::kVerb) {
        pred_vg.insert({c.begin, c.end});
      }
    }
    auto score = [](const auto& gold, const auto& pred, ChunkScore* sc) {
      sc->gold += gold.size();
      sc->predicted += pred.size();
      for (const auto& p : pred) sc->correct += gold.count(p);
    };
    score(gold_np, pred_np, &ev.np);
    score(gold_vg, pred_vg, &ev.vg);
  }
  return ev;
}

}  // namespace dyad
