// Copyright dyad authors. Stage `codebook`: facts about CAMEO event codes.
//
// Loads dyad's CAMEO table (data/cameo.tsv, format in docs/formats/codebook.md)
// once into an immutable Codebook. For every CAMEO code ("01", "010", "174",
// "0211", ...) it answers: the codebook name, the quad class, the Goldstein
// weight and the PLOVER event / mode / context the code translates to.
//
//   auto cb = Codebook::Load(Codebook::DefaultPath());
//   if (!cb.ok()) return cb.status();
//   const CameoCode* c = (*cb)->Find("174");  // COERCE / deport, quad 4, -5.0
//
// Codes are strings: leading zeros matter ("010" is "Make statement", "10" is
// the DEMAND root). Lookups never allocate.
//
// Errors (Load and Parse): kNotFound when the file does not exist (the message
// names it); kIoError when it cannot be read; kLimitExceeded above 16 MiB;
// kEncodingError for a name that is not UTF-8; kParseError for everything else
// malformed, the message naming file and line, e.g.
//   `cameo.tsv:17: goldstein 'x' is not a number`.
//
// Thread-safety: immutable after Load/Parse; all const methods may be called
// from any number of threads.
#ifndef DYAD_CODEBOOK_H_
#define DYAD_CODEBOOK_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

// The four quad classes (Phoenix/GDELT convention, by CAMEO root).
inline constexpr int kQuadVerbalCooperation = 1;    // roots 01-05
inline constexpr int kQuadMaterialCooperation = 2;  // roots 06-08
inline constexpr int kQuadVerbalConflict = 3;       // roots 09-13
inline constexpr int kQuadMaterialConflict = 4;     // roots 14-20

// One row of the table.
struct CameoCode {
  std::string code;            // 2-4 ASCII digits, leading zeros kept: "01", "010", "0211"
  std::string name;            // CAMEO codebook short name: "Expel or deport individuals"
  int quad_class = 0;          // 1..4, see kQuad* (always the class of the code's root)
  double goldstein = 0;        // Goldstein weight, -10.0 (conflict) .. +10.0 (cooperation)
  std::string plover_event;    // "COERCE"; empty: no PLOVER event (e.g. roots 01, 02)
  std::string plover_mode;     // "deport"; may be empty
  std::string plover_context;  // "legal"; several joined by ';' ("military;legal"); may be empty
};

// The quad class the Phoenix/GDELT convention gives a CAMEO root ("17" -> 4);
// 0 for anything that is not a root "01".."20".
int QuadClassOfRoot(std::string_view root);

class Codebook {
 public:
  // Reads and parses a table file. Errors name the file (see the top comment).
  static Result<std::unique_ptr<Codebook>> Load(const std::string& tsv_path);

  // Parses a table held in memory; `name` is used in messages ("cameo.tsv:17: ...").
  // Never crashes on arbitrary bytes.
  static Result<std::unique_ptr<Codebook>> Parse(std::string_view data, std::string_view name);

  // "$DYAD_DATA/cameo.tsv" when $DYAD_DATA is set and non-empty, else the
  // compiled-in data directory (DYAD_DATA_DIR) + "/cameo.tsv".
  static std::string DefaultPath();

  // The row for `code`, or, when the table has no such row, its nearest
  // listed parent: a 4-digit code falls back to its 3-digit prefix, then (for
  // 3- and 4-digit codes) to the root's base code root+"0", then to the root
  // itself ("1952" -> "195" -> "190" -> "19"). nullptr when neither the code
  // nor a parent is listed, or `code` is not 2-4 ASCII digits (PETRARCH
  // markers such as "080!" or "042:043" must be split/stripped by the caller).
  // Compare the result's `code` with `code` to tell an exact hit.
  const CameoCode* Find(std::string_view code) const;

  // Exact lookup only; nullptr when `code` is not listed.
  const CameoCode* FindExact(std::string_view code) const;

  // The two-digit root of a code: "174" -> "17", "0211" -> "02", "17" -> "17".
  // Empty when `code` is shorter than 2 or does not start with two digits.
  // The view points into `code`.
  static std::string_view Root(std::string_view code);

  // Number of codes, and all of them in table order.
  std::size_t size() const { return codes_.size(); }
  std::span<const CameoCode> codes() const { return codes_; }
  std::vector<CameoCode>::const_iterator begin() const { return codes_.begin(); }
  std::vector<CameoCode>::const_iterator end() const { return codes_.end(); }

 private:
  Codebook() = default;

  std::vector<CameoCode> codes_;
  // Dense index: slot of a 2/3/4-digit code -> position in codes_, -1 if none.
  std::vector<std::int16_t> index_;
};

}  // namespace dyad

#endif  // DYAD_CODEBOOK_H_
