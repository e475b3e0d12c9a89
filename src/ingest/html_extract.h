// Copyright dyad authors. Article extraction from one HTML document (gumbo).
#ifndef DYAD_INGEST_HTML_EXTRACT_H_
#define DYAD_INGEST_HTML_EXTRACT_H_

#include <string>
#include <string_view>

#include "dyad/article.h"
#include "dyad/status.h"

namespace dyad::ingest {

// Cheap upper estimate of the element nesting depth of `html` without parsing
// it (start tags minus end tags; void and self-closing elements, elements that
// close implicitly such as <p>/<li>/<td>, comments and script/style text are
// not counted).
int EstimateHtmlDepth(std::string_view html);

// The charset named in a <meta charset> / http-equiv Content-Type within the
// first 4 KiB, or "".
std::string SniffMetaCharset(std::string_view html);

// "www.reuters.com" -> "reuters.com" for an absolute URL, else "".
std::string HostOfUrl(std::string_view url);

// Extracts the article of one HTML document into *out: title, date, url,
// source and body (paragraphs separated by blank lines; boilerplate blocks
// removed and listed when options.remove_boilerplate). `raw` is decoded with
// `charset_hint` (HTTP charset) or the meta charset or detection. Fields the
// page does not give are left as they were in *out (callers preset url/date).
// Errors: kLimitExceeded for documents nested deeper than 2 * max_html_depth
// (checked before parsing: gumbo's cost grows with the square of the depth),
// kEncodingError, kParseError when no text is found.
Status ExtractHtmlArticle(std::string_view raw, std::string_view name,
                          std::string_view charset_hint, const ReadOptions& options,
                          const DiagnosticSink& warn, Article* out);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_HTML_EXTRACT_H_
