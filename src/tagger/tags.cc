// Copyright dyad authors. Tag names.
#include <array>
#include <string_view>

#include "dyad/tagger.h"

namespace dyad {
namespace {

constexpr std::array<std::string_view, kUposCount> kUposNames = {
    "ADJ",  "ADP",  "ADV",   "AUX",   "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"};

constexpr std::array<std::string_view, kXposCount> kXposNames = {
    "_",   "CC", "CD",   "DT",  "EX",   "FW",  "IN",  "JJ",  "JJR",  "JJS",   "LS",
    "MD",  "NN", "NNS",  "NNP", "NNPS", "PDT", "POS", "PRP", "PRP$", "RB",    "RBR",
    "RBS", "RP", "SYM",  "TO",  "UH",   "VB",  "VBD", "VBG", "VBN",  "VBP",   "VBZ",
    "WDT", "WP", "WP$",  "WRB", ".",    ",",   ":",   "``",  "''",   "-LRB-", "-RRB-",
    "#",   "$",  "HYPH", "NFP", "ADD",  "AFX", "GW",  "XX"};

}  // namespace

std::string_view UposName(Upos tag) {
  auto i = static_cast<std::size_t>(tag);
  return i < kUposNames.size() ? kUposNames[i] : std::string_view("X");
}

std::string_view XposName(Xpos tag) {
  auto i = static_cast<std::size_t>(tag);
  return i < kXposNames.size() ? kXposNames[i] : std::string_view("_");
}

bool ParseUpos(std::string_view name, Upos* tag) {
  for (std::size_t i = 0; i < kUposNames.size(); ++i) {
    if (kUposNames[i] == name) {
      *tag = static_cast<Upos>(i);
      return true;
    }
  }
  return false;
}

bool ParseXpos(std::string_view name, Xpos* tag) {
  for (std::size_t i = 0; i < kXposNames.size(); ++i) {
    if (kXposNames[i] == name) {
      *tag = static_cast<Xpos>(i);
      return true;
    }
  }
  return false;
}

std::string_view ChunkTypeName(ChunkType type) {
  switch (type) {
    case ChunkType::kNounPhrase:
      return "NP";
    case ChunkType::kVerbGroup:
      return "VG";
    case ChunkType::kPrepPhrase:
      return "PP";
    case ChunkType::kAdjPhrase:
      return "ADJP";
  }
  return "?";
}

std::string_view TenseName(Tense t) {
  switch (t) {
    case Tense::kNone:
      return "none";
    case Tense::kPresent:
      return "present";
    case Tense::kPast:
      return "past";
    case Tense::kFuture:
      return "future";
  }
  return "?";
}

std::string_view AspectName(Aspect a) {
  switch (a) {
    case Aspect::kSimple:
      return "simple";
    case Aspect::kProgressive:
      return "progressive";
    case Aspect::kPerfect:
      return "perfect";
    case Aspect::kPerfectProgressive:
      return "perfect_progressive";
  }
  return "?";
}

std::string_view ChunkRelationName(ChunkRelation r) {
  switch (r) {
    case ChunkRelation::kNone:
      return "none";
    case ChunkRelation::kCoordinated:
      return "coordinated";
    case ChunkRelation::kApposition:
      return "apposition";
    case ChunkRelation::kRelativeClause:
      return "relative_clause";
  }
  return "?";
}

std::string_view FrameKindName(FrameKind k) {
  switch (k) {
    case FrameKind::kSaid:
      return "said";
    case FrameKind::kAccordingTo:
      return "according_to";
    case FrameKind::kReportedThat:
      return "reported_that";
  }
  return "?";
}

}  // namespace dyad
