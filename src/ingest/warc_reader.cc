// Copyright dyad authors. Streaming WARC reader (plain or gzip, one member per
// record or one for the whole file; the gzip layer is a ByteSource).
//
// Each record: a "WARC/x.y" line, header fields, an empty line, Content-Length
// bytes of block, then CRLF CRLF. `response` records (HTTP) and `resource`
// records with an HTML payload become articles; everything else is skipped.
// A record whose Content-Length is missing, invalid, past max_record_bytes or
// not followed by CRLF CRLF is skipped with one warning and reading
// resynchronises at the next "WARC/" line (the records after it are coded); a
// last record cut short by the end of the input is a kTruncated error.
#include <zlib.h>

#include <cstring>

#include "ingest/date.h"
#include "ingest/html_extract.h"
#include "ingest/readers.h"
#include "ingest/util.h"

namespace dyad::ingest {
namespace {

constexpr std::size_t kMaxHeaderLine = 64 * 1024;
constexpr std::size_t kMaxHeaderLines = 1000;

struct Field {
  std::string name, value;
};

std::string_view Header(const std::vector<Field>& fields, std::string_view name) {
  for (const Field& f : fields) {
    if (IEquals(f.name, name)) return f.value;
  }
  return {};
}

// Splits "text/html; charset=UTF-8" into media type and charset.
void ParseContentType(std::string_view ct, std::string* media, std::string* charset) {
  std::size_t semi = ct.find(';');
  *media = AsciiLower(Trim(ct.substr(0, semi)));
  charset->clear();
  while (semi != std::string_view::npos) {
    std::string_view rest = ct.substr(semi + 1);
    semi = rest.find(';');
    std::string_view param = Trim(rest.substr(0, semi));
    ct = rest;
    if (IStartsWith(param, "charset=")) {
      std::string_view v = Trim(param.substr(8));
      if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
      *charset = std::string(v);
    }
  }
}

bool IsHtmlMedia(std::string_view media) {
  return media == "text/html" || media == "application/xhtml+xml";
}

// Decodes HTTP chunked transfer coding. Error text on failure.
bool DecodeChunked(std::string_view in, std::string* out, std::string* error) {
  out->clear();
  std::size_t pos = 0;
  for (;;) {
    std::size_t eol = in.find('\n', pos);
    if (eol == std::string_view::npos) {
      *error = "chunk size line missing";
      return false;
    }
    std::string_view line = Trim(in.substr(pos, eol - pos));
    line = line.substr(0, line.find(';'));
    if (line.empty()) {
      *error = "empty chunk size line";
      return false;
    }
    unsigned long long size = 0;
    for (char c : line) {
      int d = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (d < 0 || size > (1ull << 40)) {
        *error = "bad chunk size \"" + std::string(line.substr(0, 20)) + "\"";
        return false;
      }
      size = size * 16 + static_cast<unsigned>(d);
    }
    pos = eol + 1;
    if (size == 0) return true;  // trailers ignored
    if (size > in.size() - pos) {
      *error = "chunk of " + std::to_string(size) + " bytes runs past the end of the body";
      return false;
    }
    out->append(in.substr(pos, size));
    pos += size;
    if (in.substr(pos, 2) == "\r\n") {
      pos += 2;
    } else if (in.substr(pos, 1) == "\n") {
      pos += 1;
    } else {
      *error = "chunk not followed by CRLF";
      return false;
    }
  }
}

// Inflates a gzip / zlib / raw-deflate body, at most max_out bytes.
bool Inflate(std::string_view in, bool raw_deflate, std::size_t max_out, std::string* out,
             std::string* error) {
  z_stream zs;
  std::memset(&zs, 0, sizeof(zs));
  if (inflateInit2(&zs, raw_deflate ? -MAX_WBITS : 32 + MAX_WBITS) != Z_OK) {
    *error = "zlib initialisation failed";
    return false;
  }
  out->clear();
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  int rc = Z_OK;
  char buf[64 * 1024];
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof(buf);
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      *error = rc == Z_BUF_ERROR ? "compressed body is truncated"
                                 : std::string("corrupt compressed body") +
                                       (zs.msg ? std::string(" (") + zs.msg + ")" : "");
      inflateEnd(&zs);
      return false;
    }
    out->append(buf, sizeof(buf) - zs.avail_out);
    if (out->size() > max_out) {
      *error = "decompressed body exceeds max_record_bytes";
      inflateEnd(&zs);
      return false;
    }
  }
  inflateEnd(&zs);
  return true;
}

class WarcReader : public ArticleReader {
 public:
  WarcReader(std::unique_ptr<ByteSource> src, ReaderContext ctx)
      : src_(std::move(src)), in_(src_.get()), ctx_(std::move(ctx)) {}

  Result<bool> Next(Article* out) override {
    for (;;) {
      Result<bool> rec = ReadRecord();
      if (!rec.ok()) return rec.status();
      if (!*rec) return false;
      if (!use_block_) continue;
      Status st = MakeArticle(out);
      if (st.ok()) return true;
      if (st.code() == ErrorCode::kNotFound && st.message() == kNoArticle) continue;
      ctx_.Warn(where_, st.message() + "; record skipped");
    }
  }

 private:
  // Reads the next record's header and block (block only when it may hold an
  // article). Returns false at the end of the input.
  Result<bool> ReadRecord() {
    use_block_ = false;
    std::string line;
    bool too_long = false;
    // Version line, skipping blank lines between records.
    for (;;) {
      Result<bool> got = in_.ReadLine(&line, kMaxHeaderLine, &too_long);
      if (!got.ok()) return Located(got.status());
      if (!*got) return false;
      if (Trim(line).empty()) continue;
      if (line.rfind("WARC/", 0) == 0) break;
      if (record_ == 0) {
        return ParseError(ctx_.name + ": not a WARC file (no \"WARC/\" version line at the start)");
      }
      // Lost sync: look for the next record.
      ctx_.Warn(ctx_.name + ": after record " + std::to_string(record_),
                "expected a \"WARC/\" version line; skipping to the next record");
      Result<bool> found = in_.SkipUntil("\nWARC/");
      if (!found.ok()) return Located(found.status());
      if (!*found) return false;
      in_.Consume(1);
    }
    ++record_;
    where_ = ctx_.name + ": record " + std::to_string(record_);
    fields_.clear();
    for (;;) {
      Result<bool> got = in_.ReadLine(&line, kMaxHeaderLine, &too_long);
      if (!got.ok()) return Located(got.status());
      if (!*got) return Truncated(where_ + ": input ends inside the WARC header");
      if (too_long) return ParseError(where_ + ": WARC header line longer than 64 KiB");
      if (line.empty()) break;
      if ((line[0] == ' ' || line[0] == '\t') && !fields_.empty()) {
        fields_.back().value += ' ';
        fields_.back().value += Trim(line);
        continue;
      }
      std::size_t colon = line.find(':');
      if (colon == std::string::npos) {
        return ParseError(where_ + ": malformed WARC header line \"" + line.substr(0, 60) + "\"");
      }
      if (fields_.size() >= kMaxHeaderLines) {
        return ParseError(where_ + ": more than 1000 WARC header fields");
      }
      fields_.push_back({std::string(Trim(std::string_view(line).substr(0, colon))),
                         std::string(Trim(std::string_view(line).substr(colon + 1)))});
    }
    std::string_view cl_text = Header(fields_, "Content-Length");
    unsigned long long length = 0;
    bool cl_ok = !cl_text.empty() && cl_text.size() <= 18;
    for (char c : cl_text) {
      if (c < '0' || c > '9') cl_ok = false;
      length = length * 10 + static_cast<unsigned>(c - '0');
    }
    if (!cl_ok) {
      return SkipBadRecord("missing or invalid Content-Length \"" +
                           std::string(cl_text.substr(0, 30)) + "\"");
    }
    type_ = AsciiLower(Header(fields_, "WARC-Type"));
    std::string media, charset;
    ParseContentType(Header(fields_, "Content-Type"), &media, &charset);
    bool wanted = (type_ == "response" && media.rfind("application/http", 0) == 0) ||
                  (type_ == "resource" && IsHtmlMedia(media));
    block_.clear();
    if (length > ctx_.options.max_record_bytes) {
      return SkipBadRecord("Content-Length " + std::to_string(length) +
                           " exceeds max_record_bytes (" +
                           std::to_string(ctx_.options.max_record_bytes) + ")");
    }
    // The block and the CRLF CRLF after it are buffered before anything is
    // consumed, so a wrong length loses no record after it.
    Result<std::size_t> avail = in_.Ensure(static_cast<std::size_t>(length) + 4);
    if (!avail.ok()) return Located(avail.status());
    const std::string_view rest = in_.Available().substr(0, *avail);
    if (rest.size() < length) {
      if (rest.find("\nWARC/") == std::string_view::npos) {
        return Truncated(where_ + ": truncated: Content-Length " + std::to_string(length) +
                         " but the input ends after " + std::to_string(rest.size()) + " bytes");
      }
      return SkipBadRecord("Content-Length " + std::to_string(length) +
                           " goes past the end of the input (the length is wrong)");
    }
    // The block must be followed by CRLF CRLF (or the end of the input).
    const std::string_view tail = rest.substr(static_cast<std::size_t>(length));
    if (tail != "\r\n\r\n" &&
        !(tail.size() < 4 && std::string_view("\r\n\r\n").starts_with(tail))) {
      return SkipBadRecord("Content-Length " + std::to_string(length) +
                           " is not followed by CRLF CRLF (the length is wrong)");
    }
    if (wanted) block_.assign(rest.substr(0, static_cast<std::size_t>(length)));
    in_.Consume(rest.size());
    use_block_ = wanted;
    block_media_ = media;
    block_charset_ = charset;
    return true;
  }

  // A record whose length cannot be right: one warning, then reading goes on
  // at the next "WARC/" version line after its header (inside the claimed
  // block when the length was too large).
  Result<bool> SkipBadRecord(const std::string& why) {
    ctx_.Warn(where_, why + "; record skipped, resynchronising at the next \"WARC/\" line");
    Result<bool> found = in_.SkipUntil("\nWARC/");
    if (!found.ok()) return Located(found.status());
    if (*found) in_.Consume(1);
    return true;  // use_block_ stays false
  }

  // Errors from the byte source (gzip) get the record number.
  Status Located(const Status& st) const {
    std::string where = record_ == 0
                            ? ctx_.name + ": before the first record"
                            : ctx_.name + ": in or after record " + std::to_string(record_);
    return Status(st.code(), where + ": " + st.message());
  }

  Status MakeArticle(Article* out) {
    std::string_view payload = block_;
    std::string charset = block_charset_;
    if (type_ == "response") {
      if (payload.substr(0, 5) != "HTTP/") return ParseError("not an HTTP response");
      std::size_t hend = payload.find("\r\n\r\n");
      std::size_t skip = 4;
      if (hend == std::string_view::npos) {
        hend = payload.find("\n\n");
        skip = 2;
      }
      if (hend == std::string_view::npos) return ParseError("HTTP headers do not end");
      std::string_view head = payload.substr(0, hend);
      payload.remove_prefix(hend + skip);
      std::size_t sp = head.find(' ');
      int status = 0;
      if (sp != std::string_view::npos && head.size() >= sp + 4) {
        for (std::size_t i = sp + 1; i < sp + 4; ++i) {
          if (head[i] < '0' || head[i] > '9') return ParseError("bad HTTP status line");
          status = status * 10 + (head[i] - '0');
        }
      }
      if (status < 200 || status > 299) return Skip();
      std::string media, te, ce;
      for (std::size_t pos = head.find('\n'); pos != std::string_view::npos;) {
        std::size_t next = head.find('\n', pos + 1);
        std::string_view l = Trim(head.substr(
            pos + 1, next == std::string_view::npos ? std::string_view::npos : next - pos - 1));
        pos = next;
        std::size_t colon = l.find(':');
        if (colon == std::string_view::npos) continue;
        std::string_view k = Trim(l.substr(0, colon)), v = Trim(l.substr(colon + 1));
        if (IEquals(k, "Content-Type")) {
          ParseContentType(v, &media, &charset);
        } else if (IEquals(k, "Transfer-Encoding")) {
          te = AsciiLower(v);
        } else if (IEquals(k, "Content-Encoding")) {
          ce = AsciiLower(v);
        }
      }
      if (!media.empty() && !IsHtmlMedia(media)) return Skip();
      if (te.find("chunked") != std::string::npos) {
        std::string error;
        if (!DecodeChunked(payload, &decoded_, &error)) {
          return ParseError("bad chunked transfer encoding: " + error);
        }
        payload = decoded_;
      }
      if (ce == "gzip" || ce == "x-gzip" || ce == "deflate") {
        std::string error;
        bool ok = Inflate(payload, false, ctx_.options.max_record_bytes, &inflated_, &error);
        if (!ok && ce == "deflate") {
          ok = Inflate(payload, true, ctx_.options.max_record_bytes, &inflated_, &error);
        }
        if (!ok) return ParseError("Content-Encoding " + ce + ": " + error);
        payload = inflated_;
      } else if (!ce.empty() && ce != "identity") {
        return Unsupported("unsupported Content-Encoding \"" + ce + "\"");
      }
      if (media.empty() && SniffFormat(payload.substr(0, 4096)) != Format::kHtml) return Skip();
    }
    if (Trim(payload).empty()) return Skip();
    ResetArticle(out);
    out->url = std::string(Header(fields_, "WARC-Target-URI"));
    if (!out->url.empty() && out->url.front() == '<' && out->url.back() == '>') {
      out->url = out->url.substr(1, out->url.size() - 2);
    }
    out->date = NormalizeDate(Header(fields_, "WARC-Date"));
    DYAD_RETURN_IF_ERROR(
        ExtractHtmlArticle(payload, where_, charset, ctx_.options, ctx_.warn, out));
    std::string_view id = Trim(Header(fields_, "WARC-Record-ID"));
    if (id.size() >= 2 && id.front() == '<' && id.back() == '>') id = id.substr(1, id.size() - 2);
    out->id = std::string(id);
    if (out->source.empty()) out->source = HostOfUrl(out->url);
    out->origin = where_;
    return FinishArticle(ctx_, where_, false, out);
  }

  // Marks a record that is fine but holds no article (non-HTML, redirects):
  // skipped without a warning.
  static Status Skip() { return Status(ErrorCode::kNotFound, kNoArticle); }
  static constexpr const char* kNoArticle = "no article";

  std::unique_ptr<ByteSource> src_;
  BufferedInput in_;
  ReaderContext ctx_;
  std::vector<Field> fields_;
  std::string type_, block_, block_media_, block_charset_, decoded_, inflated_, where_;
  bool use_block_ = false;
  int record_ = 0;
};

}  // namespace

std::unique_ptr<ArticleReader> MakeWarcReader(std::unique_ptr<ByteSource> src, ReaderContext ctx) {
  return std::make_unique<WarcReader>(std::move(src), std::move(ctx));
}

}  // namespace dyad::ingest
