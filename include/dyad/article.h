// Copyright dyad authors. Stage `ingest`: bytes in, Articles out.
//
// Readers for plain text, HTML, JSON lines (news-please, trafilatura and a
// minimal {"id","date","text"}), WARC / WARC.gz and PETRARCH XML <Sentence>
// records. Each yields Articles with a clean UTF-8 body (boilerplate removed and
// reported), or a Status that names the file and the record/line at fault.
//
// Thread-safety: the free functions are reentrant; an ArticleReader instance is
// not shared between threads.
#ifndef DYAD_ARTICLE_H_
#define DYAD_ARTICLE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/status.h"

namespace dyad {

// One news article, the unit every later stage works on.
struct Article {
  std::string id;            // input id (JSONL `id`, WARC-Record-ID) or "a" + hash prefix
  std::string content_hash;  // hex SHA-256 of the clean body (idempotency key)
  std::string url;
  std::string source;  // outlet ("reuters.com", "Reuters")
  std::string date;    // publication date, YYYY-MM-DD, or empty if unknown
  std::string title;
  std::string body;  // clean UTF-8 text; all offsets downstream point here
  std::string language = "en";
  std::vector<std::string> boilerplate_removed;  // lines/blocks dropped from the body
  std::string origin;  // where it came from: "file.jsonl:17", "x.warc.gz: record 3"
};

enum class Format { kAuto, kText, kHtml, kJsonl, kWarc, kPetrarchXml };

// "text", "html", "jsonl", "warc", "petrarch"; kAuto -> "auto".
std::string_view FormatName(Format f);
// Parses a --format value; error names the accepted values.
Result<Format> ParseFormat(std::string_view name);
// Chooses a format from a file name (".txt", ".html", ".htm", ".jsonl", ".json",
// ".ndjson", ".warc", ".warc.gz", ".xml"); kText when nothing matches.
Format FormatFromPath(std::string_view path);
// Guesses a format from the first bytes of an input (what kAuto does when the
// file name says nothing): "WARC/" -> kWarc, '{' -> kJsonl, "<Sentence(s)" ->
// kPetrarchXml, '<' with HTML tags -> kHtml, else kText. Gzip magic -> kAuto
// (the readers inflate gzip transparently and sniff what is inside).
// Addition to the original contract.
Format SniffFormat(std::string_view head);

// Limits and defaults. Every limit is enforced with a clear error, never a crash.
struct ReadOptions {
  Format format = Format::kAuto;
  // Largest article body (bytes, after decoding) accepted; larger ones are
  // rejected (single-article formats) or skipped with a warning (multi-record).
  std::size_t max_article_bytes = 8u << 20;  // 8 MiB
  // Largest single JSON line / WARC record / raw HTML document read.
  std::size_t max_record_bytes = 64u << 20;  // 64 MiB
  // Deepest HTML element nesting walked; deeper content is ignored with a warning.
  int max_html_depth = 512;
  // Publication date used when the input carries none (YYYY-MM-DD or empty).
  std::string default_date;
  // Drop boilerplate (navigation, affiliate lines, newsletter blurbs).
  bool remove_boilerplate = true;
};

// Pull-based reader over one input (a file or stdin "-"). Multi-record formats
// (JSONL, WARC, PETRARCH XML) stream: memory stays bounded by the largest record.
class ArticleReader {
 public:
  virtual ~ArticleReader() = default;
  // Reads the next article into *out. Returns true when an article was produced,
  // false at the end of the input, or an error that stops this input (the
  // message names the file and record). Bad records that can be skipped are
  // reported to the DiagnosticSink instead and reading goes on.
  virtual Result<bool> Next(Article* out) = 0;
};

// Opens `path` ("-" for stdin). The format comes from options.format, else from
// the file name, else from a look at the first bytes.
Result<std::unique_ptr<ArticleReader>> OpenArticleReader(const std::string& path,
                                                         const ReadOptions& options,
                                                         DiagnosticSink warn = {});

// Reads every article of an in-memory buffer (tests, fuzzers, HTTP bodies).
// `name` is used in messages. Format kAuto sniffs the content.
Result<std::vector<Article>> ReadArticlesFromBuffer(std::string_view data, std::string_view name,
                                                    const ReadOptions& options,
                                                    DiagnosticSink warn = {});

// Fills id (if empty) and content_hash from the body. Readers call it; exposed
// for callers that build Articles themselves.
void FinalizeArticle(Article* article);

// Hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace dyad

#endif  // DYAD_ARTICLE_H_
