// Copyright dyad authors. Reader factories and shared helpers (private).
#ifndef DYAD_INGEST_READERS_H_
#define DYAD_INGEST_READERS_H_

#include <memory>
#include <string>

#include "dyad/article.h"
#include "ingest/byte_source.h"

namespace dyad::ingest {

struct ReaderContext {
  std::string name;          // file name used in messages ("-" is shown as <stdin>)
  long long file_size = -1;  // for single-article formats; -1 when unknown
  ReadOptions options;
  DiagnosticSink warn;

  void Warn(std::string where, std::string message) const {
    if (warn) warn(Diagnostic{std::move(where), std::move(message)});
  }
};

std::unique_ptr<ArticleReader> MakeTextReader(std::unique_ptr<ByteSource> src, ReaderContext ctx);
std::unique_ptr<ArticleReader> MakeHtmlReader(std::unique_ptr<ByteSource> src, ReaderContext ctx);
std::unique_ptr<ArticleReader> MakeJsonlReader(std::unique_ptr<ByteSource> src, ReaderContext ctx);
std::unique_ptr<ArticleReader> MakeWarcReader(std::unique_ptr<ByteSource> src, ReaderContext ctx);
std::unique_ptr<ArticleReader> MakePetrarchReader(std::unique_ptr<ByteSource> src,
                                                  ReaderContext ctx);

// Common last step of every reader: removes boilerplate lines (text bodies,
// when `text_body`), tidies blank lines, checks the body is non-empty and
// within max_article_bytes, applies options.default_date, and fills id and
// content_hash. `where` names the record in messages.
Status FinishArticle(const ReaderContext& ctx, std::string_view where, bool text_body, Article* a);

// Clears every field of *a but keeps string capacity.
void ResetArticle(Article* a);

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_READERS_H_
