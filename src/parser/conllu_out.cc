// Copyright dyad authors. `dyad parse`: CoNLL-U in, CoNLL-U with predicted
// tags and trees out.
#include <string>
#include <vector>

#include "dyad/parser.h"
#include "tagger/conllu.h"

namespace dyad {
namespace {

// Appends `line` with columns 4, 5, 7, 8 and 9 (1-based UPOS, XPOS, HEAD,
// DEPREL, DEPS) replaced.
void WriteWord(std::string_view line, const PosTag& tag, std::int32_t head, std::string_view deprel,
               std::string* out) {
  std::size_t start = 0;
  for (int col = 0; col < 10; ++col) {
    std::size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) tab = line.size();
    std::string_view value = line.substr(start, tab - start);
    if (col > 0) out->push_back('\t');
    switch (col) {
      case 3:
        *out += UposName(tag.upos);
        break;
      case 4:
        *out += XposName(tag.xpos);
        break;
      case 6:
        *out += std::to_string(head + 1);
        break;
      case 7:
        *out += deprel;
        break;
      case 8:
        *out += "_";
        break;
      default:
        *out += value;
    }
    start = tab + 1;
  }
  out->push_back('\n');
}

}  // namespace

Status ParseConlluFile(const Parser& parser, const Tagger& tagger, const Lexicon* lexicon,
                       const std::string& conllu_path, std::string* out) {
  tagger::ConlluFile file;
  DYAD_RETURN_IF_ERROR(tagger::ReadConllu(conllu_path, 0, &file));
  TaggerScratch tag_scratch;
  ParserScratch parse_scratch;
  std::vector<std::string_view> words;
  std::vector<PosTag> tags;
  std::vector<DepArc> arcs;
  for (const tagger::ConlluSentence& s : file.sentences) {
    words.clear();
    for (const auto& w : s.words) words.push_back(w.form);
    tags.resize(words.size());
    arcs.resize(words.size());
    tagger.Tag(words, lexicon, &tag_scratch, tags.data());
    parser.Parse(words, tags, &parse_scratch, arcs);
    for (std::string_view c : s.comments) {
      *out += c;
      out->push_back('\n');
    }
    std::size_t r = 0;
    for (std::size_t i = 0; i < words.size(); ++i) {
      while (r < s.ranges.size() && s.ranges[r].first == i) {
        *out += s.ranges[r++].line;
        out->push_back('\n');
      }
      WriteWord(s.words[i].line, tags[i], arcs[i].head, parser.DeprelName(arcs[i].deprel), out);
    }
    out->push_back('\n');
  }
  return Status::Ok();
}

}  // namespace dyad
