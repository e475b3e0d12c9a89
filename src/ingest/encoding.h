// Copyright dyad authors. Character decoding for ingest: every reader turns
// raw bytes into UTF-8 here, or rejects them. Private to src/ingest.
#ifndef DYAD_INGEST_ENCODING_H_
#define DYAD_INGEST_ENCODING_H_

#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad::ingest {

bool IsValidUtf8(std::string_view s);

// Decodes `raw` into UTF-8 in *out:
//  - a UTF-8 BOM is stripped; UTF-16/UTF-32 are recognised by their BOM;
//  - valid UTF-8 is taken as is (unless `charset_hint` names a legacy charset
//    and the bytes are not valid UTF-8);
//  - other bytes are converted from `charset_hint` (HTTP/meta charset) or from
//    the charset ICU detects; ISO-8859-1 and US-ASCII are read as Windows-1252.
// Rejects (kEncodingError, message names `name`) bytes that cannot be converted
// without loss and binary data (NUL bytes, many control characters).
// *charset_used gets the charset actually used ("UTF-8", "windows-1252", ...).
Status DecodeText(std::string_view raw, std::string_view charset_hint, std::string_view name,
                  std::string* out, std::string* charset_used = nullptr);

// Rejects text whose control characters (other than tab, LF, CR, FF) make up
// more than 2% of its code points, or that contains NUL: that is binary data.
Status CheckNotBinary(std::string_view utf8, std::string_view name);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_ENCODING_H_
