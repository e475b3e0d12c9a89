// Copyright dyad authors. JSON lines reader (news-please, trafilatura,
// minimal {"id","date","text"}, Reuters {"id","date","title","dateline","text"}).
//
// Lines are read into one reusable buffer (bounded by max_record_bytes) and
// parsed in place with simdjson On Demand; a bad line is reported as
// "file.jsonl:17: <what>" and skipped.
#include <simdjson.h>

#include <cstring>
#include <memory>

#include "ingest/date.h"
#include "ingest/encoding.h"
#include "ingest/readers.h"
#include "ingest/util.h"

namespace dyad::ingest {
namespace {

// Lower rank wins.
int BodyRank(std::string_view k) {
  if (k == "maintext") return 1;
  if (k == "text") return 2;
  if (k == "body" || k == "content" || k == "article") return 3;
  return 0;
}
int DateRank(std::string_view k) {
  if (k == "date_publish" || k == "datePublished" || k == "date_published" || k == "published")
    return 1;
  if (k == "date" || k == "pubdate" || k == "publish_date") return 2;
  return 0;
}
int SourceRank(std::string_view k) {
  if (k == "source_domain" || k == "sitename" || k == "site_name" || k == "publisher") return 1;
  if (k == "source-hostname" || k == "hostname" || k == "domain") return 2;
  if (k == "source") return 3;
  return 0;
}
int UrlRank(std::string_view k) {
  if (k == "url") return 1;
  if (k == "source_url" || k == "link" || k == "source") return 2;
  return 0;
}

struct Pick {
  std::string_view value;
  int rank = 100;
  void Offer(std::string_view v, int r) {
    if (r > 0 && r < rank) value = v, rank = r;
  }
};

class JsonlReader : public ArticleReader {
 public:
  JsonlReader(std::unique_ptr<ByteSource> src, ReaderContext ctx)
      : src_(std::move(src)), ctx_(std::move(ctx)) {
    max_line_ = std::max<std::size_t>(ctx_.options.max_record_bytes, 16);
    cap_ = std::min<std::size_t>(kInitialCap, max_line_ + kChunk);
    buf_.reset(new char[cap_ + simdjson::SIMDJSON_PADDING]);
  }

  Result<bool> Next(Article* out) override {
    for (;;) {
      std::string_view line;
      Result<bool> got = NextLine(&line);
      if (!got.ok()) return got.status();
      if (!*got) return false;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (Trim(line).empty()) continue;
      where_.assign(ctx_.name).append(":").append(std::to_string(line_no_));
      Status st = ParseLine(line, out);
      if (st.ok()) return true;
      ctx_.Warn(where_, st.message());
    }
  }

 private:
  static constexpr std::size_t kInitialCap = 1u << 20;
  static constexpr std::size_t kChunk = 256u << 10;

  // Reads more input into buf_ after end_; returns bytes read (0 at EOF).
  Result<std::size_t> Fill() {
    if (begin_ > 0 && (end_ == cap_ || begin_ > cap_ / 2)) {
      std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
      end_ -= begin_;
      scan_ -= begin_;
      begin_ = 0;
    }
    if (end_ == cap_) {
      std::size_t ncap = std::min(cap_ * 2, max_line_ + kChunk);
      if (ncap > cap_) {
        std::unique_ptr<char[]> nb(new char[ncap + simdjson::SIMDJSON_PADDING]);
        std::memcpy(nb.get(), buf_.get(), end_);
        buf_ = std::move(nb);
        cap_ = ncap;
      }
    }
    std::size_t room = std::min(cap_ - end_, kChunk * 4);
    if (room == 0) return std::size_t{0};
    Result<std::size_t> got = src_->Read(buf_.get() + end_, room);
    if (!got.ok()) return got.status();
    end_ += *got;
    if (*got == 0) eof_ = true;
    return *got;
  }

  // Next line (without '\n') as a view into buf_, valid until the next call.
  Result<bool> NextLine(std::string_view* line) {
    for (;;) {
      const char* base = buf_.get();
      const void* nl = scan_ < end_ ? std::memchr(base + scan_, '\n', end_ - scan_) : nullptr;
      if (nl) {
        std::size_t pos = static_cast<const char*>(nl) - base;
        ++line_no_;
        if (skipping_ || pos - begin_ > max_line_) {
          if (!skipping_) {
            ctx_.Warn(
                ctx_.name + ":" + std::to_string(line_no_),
                "line longer than max_record_bytes (" + std::to_string(max_line_) + "); skipped");
          }
          skipping_ = false;
          begin_ = scan_ = pos + 1;
          continue;
        }
        *line = std::string_view(base + begin_, pos - begin_);
        begin_ = scan_ = pos + 1;
        return true;
      }
      scan_ = end_;
      if (skipping_) {
        begin_ = scan_ = end_ = 0;
      } else if (end_ - begin_ > max_line_) {
        ctx_.Warn(ctx_.name + ":" + std::to_string(line_no_ + 1),
                  "line longer than max_record_bytes (" + std::to_string(max_line_) + "); skipped");
        skipping_ = true;
        begin_ = scan_ = end_ = 0;
      }
      if (eof_) {
        if (skipping_ || begin_ == end_) return false;
        ++line_no_;
        *line = std::string_view(base + begin_, end_ - begin_);
        begin_ = scan_ = end_;
        return true;
      }
      Result<std::size_t> got = Fill();
      if (!got.ok()) return got.status();
    }
  }

  Status ParseLine(std::string_view line, Article* out) {
    // DOM API: its kernels are chosen at run time (AVX2 etc.); the On Demand
    // API would be compiled for the generic fallback kernel here.
    simdjson::dom::element doc;
    auto err = parser_.parse(line.data(), line.size(), false).get(doc);
    if (err) return ParseError(std::string("invalid JSON: ") + simdjson::error_message(err));
    simdjson::dom::object obj;
    if ((err = doc.get_object().get(obj))) return ParseError("not a JSON object");
    Pick id, body, title, date, url, source, lang;
    std::string_view body_key;
    for (simdjson::dom::key_value_pair field : obj) {
      std::string_view key = field.key;
      simdjson::dom::element v = field.value;
      int br = BodyRank(key), dr = DateRank(key), sr = SourceRank(key), ur = UrlRank(key);
      bool is_id = key == "id", is_title = key == "title" || key == "headline",
           is_lang = key == "language";
      if (!(br || dr || sr || ur || is_id || is_title || is_lang)) continue;
      std::string_view s;
      if (v.get_string().get(s) == simdjson::SUCCESS) {
      } else if (is_id && (v.is_int64() || v.is_uint64())) {
        id_buf_ = v.is_int64() ? std::to_string(v.get_int64().value_unsafe())
                               : std::to_string(v.get_uint64().value_unsafe());
        s = id_buf_;
      } else {
        continue;  // null, arrays, objects: not used
      }
      if (is_id) id.Offer(s, 1);
      if (is_title) title.Offer(s, key == "title" ? 1 : 2);
      if (is_lang) lang.Offer(s, 1);
      if (br) {
        int before = body.rank;
        body.Offer(s, br);
        if (body.rank != before) body_key = key;
      }
      if (dr) date.Offer(s, dr);
      bool looks_url = s.substr(0, 7) == "http://" || s.substr(0, 8) == "https://";
      if (sr && !(key == "source" && looks_url)) source.Offer(s, sr);
      if (ur && (key == "url" || looks_url)) url.Offer(s, ur);
    }
    if (body.rank == 100) {
      return ParseError("no text field (maintext, text, body or content)");
    }
    ResetArticle(out);
    out->body.assign(body.value);
    // JSON strings carry control characters only as \u escapes.
    // One rule for every text field: a NUL byte, or binary-like control
    // characters, refuse the record whichever field holds them.
    if (line.find("\\u") != std::string_view::npos) {
      DYAD_RETURN_IF_ERROR(CheckNotBinary(out->body, "field \"" + std::string(body_key) + "\""));
      const std::pair<const Pick*, const char*> fields[] = {{&id, "id"},     {&title, "title"},
                                                            {&url, "url"},   {&source, "source"},
                                                            {&date, "date"}, {&lang, "language"}};
      for (const auto& [pick, name] : fields) {
        if (pick->rank == 100) continue;
        DYAD_RETURN_IF_ERROR(CheckNotBinary(pick->value, std::string("field \"") + name + "\""));
      }
    }
    out->id.assign(Trim(id.value));
    out->title.clear();
    AppendCollapsed(title.value, &out->title);
    while (!out->title.empty() && out->title.back() == ' ') out->title.pop_back();
    out->url.assign(Trim(url.value));
    out->source.assign(Trim(source.value));
    if (lang.rank != 100 && !Trim(lang.value).empty()) out->language.assign(Trim(lang.value));
    if (date.rank != 100 && !Trim(date.value).empty()) {
      out->date = NormalizeDate(date.value);
      if (out->date.empty()) {
        ctx_.Warn(where_, "unrecognised date \"" + std::string(date.value.substr(0, 40)) + "\"");
      }
    }
    out->origin = where_;
    return FinishArticle(ctx_, where_, true, out);
  }

  std::unique_ptr<ByteSource> src_;
  ReaderContext ctx_;
  simdjson::dom::parser parser_;
  std::string id_buf_;
  std::unique_ptr<char[]> buf_;
  std::size_t cap_ = 0, begin_ = 0, end_ = 0, scan_ = 0, max_line_ = 0;
  std::size_t line_no_ = 0;
  bool eof_ = false, skipping_ = false;
  std::string where_;
};

}  // namespace

std::unique_ptr<ArticleReader> MakeJsonlReader(std::unique_ptr<ByteSource> src, ReaderContext ctx) {
  return std::make_unique<JsonlReader>(std::move(src), std::move(ctx));
}

}  // namespace dyad::ingest
