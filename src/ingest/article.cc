// Copyright dyad authors. Public entry points of the ingest stage, the
// single-document readers (text, HTML) and format sniffing.
#include "dyad/article.h"

#include <openssl/evp.h>

#include <algorithm>
#include <cstring>

#include "dyad/date.h"
#include "ingest/boilerplate.h"
#include "ingest/byte_source.h"
#include "ingest/encoding.h"
#include "ingest/html_extract.h"
#include "ingest/readers.h"
#include "ingest/util.h"

namespace dyad {

using ingest::ByteSource;
using ingest::ReaderContext;

std::string_view FormatName(Format f) {
  switch (f) {
    case Format::kAuto:
      return "auto";
    case Format::kText:
      return "text";
    case Format::kHtml:
      return "html";
    case Format::kJsonl:
      return "jsonl";
    case Format::kWarc:
      return "warc";
    case Format::kPetrarchXml:
      return "petrarch";
  }
  return "auto";
}

Result<Format> ParseFormat(std::string_view name) {
  std::string n = ingest::AsciiLower(ingest::Trim(name));
  if (n == "auto") return Format::kAuto;
  if (n == "text" || n == "txt") return Format::kText;
  if (n == "html" || n == "htm") return Format::kHtml;
  if (n == "jsonl" || n == "ndjson" || n == "json") return Format::kJsonl;
  if (n == "warc" || n == "warc.gz") return Format::kWarc;
  if (n == "petrarch" || n == "xml") return Format::kPetrarchXml;
  return InvalidArgument("unknown input format \"" + std::string(name) +
                         "\" (accepted: auto, text, html, jsonl, warc, petrarch)");
}

namespace ingest {
namespace {

// kAuto when the extension says nothing.
Format FormatFromExtension(std::string_view path) {
  std::string p = AsciiLower(path);
  std::size_t slash = p.find_last_of('/');
  if (slash != std::string::npos) p = p.substr(slash + 1);
  auto ends = [&](std::string_view suf) {
    return p.size() >= suf.size() && p.compare(p.size() - suf.size(), suf.size(), suf) == 0;
  };
  if (ends(".gz")) p.resize(p.size() - 3);
  if (ends(".warc") || ends(".arc")) return Format::kWarc;
  if (ends(".jsonl") || ends(".json") || ends(".ndjson")) return Format::kJsonl;
  if (ends(".html") || ends(".htm") || ends(".xhtml")) return Format::kHtml;
  if (ends(".xml")) return Format::kPetrarchXml;
  if (ends(".txt") || ends(".text")) return Format::kText;
  return Format::kAuto;
}

// Single-document reader: text or HTML.
class DocumentReader : public ArticleReader {
 public:
  DocumentReader(std::unique_ptr<ByteSource> src, ReaderContext ctx, bool html)
      : src_(std::move(src)), ctx_(std::move(ctx)), html_(html) {}

  Result<bool> Next(Article* out) override {
    if (done_) return false;
    done_ = true;
    ResetArticle(out);
    const std::string& name = ctx_.name;
    std::size_t limit = html_ ? ctx_.options.max_record_bytes : ctx_.options.max_article_bytes;
    const char* limit_name = html_ ? "max_record_bytes" : "max_article_bytes";
    if (ctx_.file_size > 0 && static_cast<unsigned long long>(ctx_.file_size) > limit) {
      return LimitExceeded(name + ": " + std::to_string(ctx_.file_size) + " bytes exceeds " +
                           limit_name + " (" + std::to_string(limit) + ")");
    }
    std::string raw;
    Result<bool> whole = ReadDocument(limit, &raw);
    if (!whole.ok()) return whole.status();
    if (!*whole) {
      return LimitExceeded(name + ": more than " + std::to_string(limit) + " bytes exceeds " +
                           limit_name + " (" + std::to_string(limit) + ")");
    }
    if (raw.empty()) return ParseError(name + ": empty file");
    if (html_) {
      DYAD_RETURN_IF_ERROR(ExtractHtmlArticle(raw, name, "", ctx_.options, ctx_.warn, out));
    } else {
      DYAD_RETURN_IF_ERROR(DecodeText(raw, "", name, &out->body));
    }
    out->origin = name;
    // A file with no URL of its own keeps its path, so its events trace back to it.
    if (out->url.empty() && name != "<stdin>") out->url = name;
    DYAD_RETURN_IF_ERROR(FinishArticle(ctx_, name, !html_, out));
    return true;
  }

 private:
  // Reads the whole document (false past `limit`) in blocks, refusing binary
  // data at the first block holding a NUL byte (outside UTF-16/32, which carry
  // a BOM): a NUL-filled stream is not read whole first.
  Result<bool> ReadDocument(std::size_t limit, std::string* raw) {
    constexpr std::size_t kBlock = 64 * 1024;
    for (;;) {
      const std::size_t have = raw->size();
      if (have > limit) return false;
      const std::size_t want = std::min(kBlock, limit + 1 - have);
      raw->resize(have + want);
      Result<std::size_t> got = src_->Read(raw->data() + have, want);
      raw->resize(have + (got.ok() ? *got : 0));
      if (!got.ok()) return got.status();
      if (*got == 0) return true;
      const std::string_view bom = std::string_view(*raw).substr(0, 4);
      const bool wide = bom.starts_with("\xFF\xFE") || bom.starts_with("\xFE\xFF") ||
                        bom == std::string_view("\0\0\xFE\xFF", 4);
      const std::size_t nul = wide ? std::string::npos : raw->find('\0', have);
      if (nul != std::string::npos) {
        return EncodingError(ctx_.name + ": binary data (NUL byte at offset " +
                             std::to_string(nul) + "), not text");
      }
    }
  }

  std::unique_ptr<ByteSource> src_;
  ReaderContext ctx_;
  bool html_;
  bool done_ = false;
};

Result<std::string> Peek(ByteSource* src, std::size_t n) {
  std::string head(n, '\0');
  std::size_t have = 0;
  while (have < n) {
    Result<std::size_t> got = src->Read(head.data() + have, n - have);
    if (!got.ok()) return got.status();
    if (*got == 0) break;
    have += *got;
  }
  head.resize(have);
  return head;
}

// Opens a reader over `src`: transparent gzip, then format by option,
// extension or sniffing.
Result<std::unique_ptr<ArticleReader>> MakeReader(std::unique_ptr<ByteSource> src,
                                                  ReaderContext ctx) {
  Result<std::string> head = Peek(src.get(), 4096);
  if (!head.ok()) return head.status();
  if (head->empty()) return ParseError(ctx.name + ": empty file");
  bool gz = IsGzipMagic(*head);
  src = MakePrefixSource(*head, std::move(src));
  if (gz) {
    src = MakeGzipSource(std::move(src), ctx.name);
    ctx.file_size = -1;  // the decompressed size is unknown
    head = Peek(src.get(), 4096);
    if (!head.ok()) return head.status();
    if (head->empty()) return ParseError(ctx.name + ": empty file (empty gzip stream)");
    src = MakePrefixSource(*head, std::move(src));
  }
  Format f = ctx.options.format;
  if (f == Format::kAuto) f = FormatFromExtension(ctx.name);
  if (f == Format::kAuto) f = SniffFormat(*head);
  switch (f) {
    case Format::kHtml:
      return std::unique_ptr<ArticleReader>(
          std::make_unique<DocumentReader>(std::move(src), std::move(ctx), true));
    case Format::kJsonl:
      return MakeJsonlReader(std::move(src), std::move(ctx));
    case Format::kWarc:
      return MakeWarcReader(std::move(src), std::move(ctx));
    case Format::kPetrarchXml:
      return MakePetrarchReader(std::move(src), std::move(ctx));
    case Format::kAuto:
    case Format::kText:
      break;
  }
  return std::unique_ptr<ArticleReader>(
      std::make_unique<DocumentReader>(std::move(src), std::move(ctx), false));
}

}  // namespace

void ResetArticle(Article* a) {
  a->id.clear();
  a->content_hash.clear();
  a->url.clear();
  a->source.clear();
  a->date.clear();
  a->title.clear();
  a->body.clear();
  a->language = "en";
  a->boilerplate_removed.clear();
  a->origin.clear();
}

Status FinishArticle(const ReaderContext& ctx, std::string_view where, bool text_body, Article* a) {
  if (text_body) {
    NormalizeNewlines(&a->body);
    if (ctx.options.remove_boilerplate) RemoveBoilerplateLines(&a->body, &a->boilerplate_removed);
  }
  TidyParagraphs(&a->body);
  if (a->body.empty()) return ParseError(std::string(where) + ": no text");
  if (a->body.size() > ctx.options.max_article_bytes) {
    return LimitExceeded(std::string(where) + ": article body of " +
                         std::to_string(a->body.size()) + " bytes exceeds max_article_bytes (" +
                         std::to_string(ctx.options.max_article_bytes) + ")");
  }
  if (a->date.empty()) a->date = ctx.options.default_date;
  FinalizeArticle(a);
  return Status::Ok();
}

}  // namespace ingest

Format FormatFromPath(std::string_view path) {
  Format f = ingest::FormatFromExtension(path);
  return f == Format::kAuto ? Format::kText : f;
}

Format SniffFormat(std::string_view head) {
  if (ingest::IsGzipMagic(head)) return Format::kAuto;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  std::string_view t = head;
  while (!t.empty() && ingest::IsAsciiSpace(t.front())) t.remove_prefix(1);
  if (t.substr(0, 5) == "WARC/") return Format::kWarc;
  if (!t.empty() && t.front() == '{') return Format::kJsonl;
  if (!t.empty() && t.front() == '<') {
    std::string low = ingest::AsciiLower(t.substr(0, 4096));
    // PETRARCH records are named by their element names, case-sensitively.
    if (t.find("<Sentences") != std::string_view::npos ||
        t.find("<Sentence ") != std::string_view::npos ||
        t.find("<Sentence>") != std::string_view::npos)
      return Format::kPetrarchXml;
    static constexpr std::string_view kHtml[] = {
        "<!doctype html", "<html", "<head", "<body",    "<meta",   "<title",
        "<div",           "<p>",   "<p ",   "<article", "<script", "<!--"};
    for (std::string_view k : kHtml) {
      if (low.find(k) != std::string::npos) return Format::kHtml;
    }
  }
  return Format::kText;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr) != 1) return "";
  static const char kHex[] = "0123456789abcdef";
  std::string out(len * 2, '0');
  for (unsigned int i = 0; i < len; ++i) {
    out[2 * i] = kHex[md[i] >> 4];
    out[2 * i + 1] = kHex[md[i] & 15];
  }
  return out;
}

void FinalizeArticle(Article* article) {
  article->content_hash = Sha256Hex(article->body);
  if (article->id.empty()) {
    article->id.reserve(17);
    article->id.push_back('a');
    article->id.append(article->content_hash, 0, 16);
  }
}

Result<std::unique_ptr<ArticleReader>> OpenArticleReader(const std::string& path,
                                                         const ReadOptions& options,
                                                         DiagnosticSink warn) {
  if (!options.default_date.empty()) {
    DYAD_RETURN_IF_ERROR(CheckIsoDate(options.default_date, "default date"));
  }
  long long size = -1;
  Result<std::unique_ptr<ByteSource>> src = ingest::OpenFileSource(path, &size);
  if (!src.ok()) return src.status();
  ReaderContext ctx;
  ctx.name = path == "-" ? "<stdin>" : path;
  ctx.file_size = size;
  ctx.options = options;
  ctx.warn = std::move(warn);
  if (size == 0) return ParseError(ctx.name + ": empty file");
  // A single-article file too large to read is rejected before any read.
  Format f = options.format == Format::kAuto ? ingest::FormatFromExtension(path) : options.format;
  if (f == Format::kText && size > 0 &&
      static_cast<unsigned long long>(size) > options.max_article_bytes) {
    return LimitExceeded(ctx.name + ": " + std::to_string(size) +
                         " bytes exceeds max_article_bytes (" +
                         std::to_string(options.max_article_bytes) + ")");
  }
  return ingest::MakeReader(std::move(*src), std::move(ctx));
}

Result<std::vector<Article>> ReadArticlesFromBuffer(std::string_view data, std::string_view name,
                                                    const ReadOptions& options,
                                                    DiagnosticSink warn) {
  ReaderContext ctx;
  ctx.name = std::string(name);
  ctx.file_size = static_cast<long long>(data.size());
  ctx.options = options;
  ctx.warn = std::move(warn);
  Result<std::unique_ptr<ArticleReader>> reader =
      ingest::MakeReader(ingest::MakeMemorySource(data), std::move(ctx));
  if (!reader.ok()) return reader.status();
  std::vector<Article> out;
  for (;;) {
    Article a;
    Result<bool> more = (*reader)->Next(&a);
    if (!more.ok()) return more.status();
    if (!*more) break;
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace dyad
