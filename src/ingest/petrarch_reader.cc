// Copyright dyad authors. PETRARCH XML input: <Sentences> of
//   <Sentence date="YYYYMMDD" id="..." source="..." sentence="true">
//     <Text>...</Text> <Parse>...</Parse> </Sentence>
// One article per <Sentence>. A small streaming tokenizer: comments,
// processing instructions, CDATA and DOCTYPE are understood; character
// references are decoded; memory is bounded by max_record_bytes.
#include <cstring>

#include "ingest/date.h"
#include "ingest/readers.h"
#include "ingest/util.h"

namespace dyad::ingest {
namespace {

constexpr std::size_t kMaxTag = 64 * 1024;

struct Tag {
  std::string name;
  bool end = false;
  bool self_closing = false;
  std::vector<std::pair<std::string, std::string>> attrs;
  std::string_view Get(std::string_view k) const {
    for (const auto& [n, v] : attrs) {
      if (n == k) return v;
    }
    return {};
  }
  bool Has(std::string_view k) const {
    for (const auto& a : attrs) {
      if (a.first == k) return true;
    }
    return false;
  }
};

bool IsNameChar(char c) {
  return (c | 32) >= 'a' && (c | 32) <= 'z'
             ? true
             : (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':' || c == '.' ||
                   static_cast<unsigned char>(c) >= 0x80;
}

// Parses the inside of "<...>" (without the brackets).
bool ParseTag(std::string_view s, Tag* tag) {
  tag->name.clear();
  tag->attrs.clear();
  tag->end = false;
  tag->self_closing = false;
  std::size_t i = 0;
  if (i < s.size() && s[i] == '/') tag->end = true, ++i;
  std::size_t b = i;
  while (i < s.size() && IsNameChar(s[i])) ++i;
  if (i == b) return false;
  tag->name = std::string(s.substr(b, i - b));
  while (i < s.size()) {
    while (i < s.size() && IsAsciiSpace(s[i])) ++i;
    if (i >= s.size()) break;
    if (s[i] == '/') {
      tag->self_closing = true;
      ++i;
      continue;
    }
    std::size_t nb = i;
    while (i < s.size() && IsNameChar(s[i])) ++i;
    if (i == nb) return false;
    std::string name(s.substr(nb, i - nb));
    while (i < s.size() && IsAsciiSpace(s[i])) ++i;
    std::string value;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && IsAsciiSpace(s[i])) ++i;
      if (i >= s.size()) return false;
      if (s[i] == '"' || s[i] == '\'') {
        char q = s[i++];
        std::size_t e = s.find(q, i);
        if (e == std::string_view::npos) return false;
        AppendXmlUnescaped(s.substr(i, e - i), &value);
        i = e + 1;
      } else {
        std::size_t vb = i;
        while (i < s.size() && !IsAsciiSpace(s[i])) ++i;
        AppendXmlUnescaped(s.substr(vb, i - vb), &value);
      }
    }
    tag->attrs.emplace_back(std::move(name), std::move(value));
  }
  return true;
}

class PetrarchReader : public ArticleReader {
 public:
  PetrarchReader(std::unique_ptr<ByteSource> src, ReaderContext ctx)
      : src_(std::move(src)), in_(src_.get()), ctx_(std::move(ctx)) {}

  Result<bool> Next(Article* out) override {
    for (;;) {
      // Character data up to the next '<'.
      for (;;) {
        std::string_view avail = in_.Available();
        std::size_t lt = avail.find('<');
        std::size_t take = lt == std::string_view::npos ? avail.size() : lt;
        if (in_text_ && !too_big_) {
          text_raw_.append(avail.substr(0, take));
          if (text_raw_.size() > ctx_.options.max_record_bytes) {
            too_big_ = true;
            text_raw_.clear();
          }
        }
        in_.Consume(take);
        if (lt != std::string_view::npos) break;
        Result<std::size_t> got = in_.Ensure(1);
        if (!got.ok()) return got.status();
        if (*got == 0) {
          if (in_sentence_) {
            return Truncated(ctx_.name + ": input ends inside " + Where() + " (no </Sentence>)");
          }
          if (sentences_ == 0 && !seen_root_) {
            return ParseError(ctx_.name + ": no <Sentence> records (not PETRARCH XML)");
          }
          return false;
        }
      }
      Result<bool> r = Markup(out);
      if (!r.ok()) return r.status();
      if (*r) return true;
    }
  }

 private:
  std::string Where() const {
    std::string w = "Sentence " + std::to_string(sentences_);
    if (!id_.empty()) w += " (id \"" + id_ + "\")";
    return w;
  }

  // Skips to just past `end`, or fails naming what is unterminated.
  Status SkipPast(std::string_view end, std::string_view what) {
    Result<bool> found = in_.SkipUntil(end);
    if (!found.ok()) return found.status();
    if (!*found) return Truncated(ctx_.name + ": unterminated " + std::string(what));
    in_.Consume(end.size());
    return Status::Ok();
  }

  // At '<'. Returns true when an article was produced.
  Result<bool> Markup(Article* out) {
    Result<std::size_t> got = in_.Ensure(9);
    if (!got.ok()) return got.status();
    std::string_view a = in_.Available();
    if (a.substr(0, 4) == "<!--") {
      DYAD_RETURN_IF_ERROR(SkipPast("-->", "comment"));
      return false;
    }
    if (a.substr(0, 9) == "<![CDATA[") {
      in_.Consume(9);
      for (;;) {
        Result<std::size_t> n = in_.Ensure(3);
        if (!n.ok()) return n.status();
        std::string_view av = in_.Available();
        std::size_t e = av.find("]]>");
        if (e == std::string_view::npos && *n < 3) {
          return Truncated(ctx_.name + ": unterminated CDATA section");
        }
        std::size_t take = e == std::string_view::npos ? av.size() - 2 : e;
        if (in_text_ && !too_big_) {
          // Escape so that the later entity decoding leaves CDATA text alone.
          for (char c : av.substr(0, take)) {
            if (c == '&') {
              text_raw_ += "&amp;";
            } else {
              text_raw_ += c;
            }
          }
          if (text_raw_.size() > ctx_.options.max_record_bytes) too_big_ = true;
        }
        in_.Consume(take);
        if (e != std::string_view::npos) {
          in_.Consume(3);
          return false;
        }
      }
    }
    if (a.substr(0, 2) == "<?") {
      DYAD_RETURN_IF_ERROR(SkipPast("?>", "processing instruction"));
      return false;
    }
    if (a.substr(0, 2) == "<!") {
      DYAD_RETURN_IF_ERROR(SkipPast(">", "declaration"));
      return false;
    }
    // A tag: read to the '>' outside quotes.
    std::string raw;
    char quote = 0;
    in_.Consume(1);
    for (bool done = false; !done;) {
      Result<std::size_t> n = in_.Ensure(1);
      if (!n.ok()) return n.status();
      if (*n == 0) return Truncated(ctx_.name + ": input ends inside a tag");
      std::string_view av = in_.Available();
      std::size_t i = 0;
      for (; i < av.size(); ++i) {
        char c = av[i];
        if (quote) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          done = true;
          break;
        }
      }
      raw.append(av.substr(0, i));
      in_.Consume(done ? i + 1 : i);
      if (raw.size() > kMaxTag) return ParseError(ctx_.name + ": tag longer than 64 KiB");
    }
    if (!ParseTag(raw, &tag_)) {
      // Stray '<' in text: keep it as text when inside <Text>.
      if (in_text_ && !too_big_) text_raw_ += "<" + raw + ">";
      return false;
    }
    if (tag_.name == "Sentences" || tag_.name == "Validation") seen_root_ = true;
    if (tag_.name == "Sentence") {
      if (tag_.end) {
        if (!in_sentence_) {
          ctx_.Warn(ctx_.name, "</Sentence> without <Sentence>; ignored");
          return false;
        }
        in_sentence_ = in_text_ = false;
        return Emit(out);
      }
      if (in_sentence_) {
        ctx_.Warn(ctx_.name + ": " + Where(), "no </Sentence> before the next <Sentence>");
      }
      ++sentences_;
      in_sentence_ = !tag_.self_closing;
      in_text_ = false;
      has_text_ = false;
      too_big_ = false;
      text_raw_.clear();
      id_ = std::string(tag_.Get("id"));
      date_attr_ = std::string(tag_.Get("date"));
      has_date_ = tag_.Has("date");
      source_ = std::string(tag_.Get("source"));
      return false;
    }
    if (tag_.name == "Text" && in_sentence_) {
      if (tag_.end) {
        in_text_ = false;
      } else if (!tag_.self_closing) {
        in_text_ = true;
        has_text_ = true;
        if (!text_raw_.empty()) text_raw_ += '\n';
      }
    }
    return false;
  }

  Result<bool> Emit(Article* out) {
    std::string where = ctx_.name + ": " + Where();
    if (too_big_) {
      ctx_.Warn(where, "text exceeds max_record_bytes (" +
                           std::to_string(ctx_.options.max_record_bytes) + "); skipped");
      return false;
    }
    if (!has_text_) {
      ctx_.Warn(where, "no <Text>; skipped");
      return false;
    }
    ResetArticle(out);
    std::string decoded;
    AppendXmlUnescaped(text_raw_, &decoded);
    AppendCollapsed(decoded, &out->body);
    while (!out->body.empty() && out->body.back() == ' ') out->body.pop_back();
    out->id = id_;
    out->source = source_;
    if (!has_date_) {
      ctx_.Warn(where, "no date attribute");
    } else {
      out->date = NormalizeDate(date_attr_);
      if (out->date.empty()) ctx_.Warn(where, "unrecognised date \"" + date_attr_ + "\"");
    }
    out->origin = where;
    Status st = FinishArticle(ctx_, where, false, out);
    if (!st.ok()) {
      ctx_.Warn(where, st.message() + "; skipped");
      return false;
    }
    return true;
  }

  std::unique_ptr<ByteSource> src_;
  BufferedInput in_;
  ReaderContext ctx_;
  Tag tag_;
  bool in_sentence_ = false, in_text_ = false, has_text_ = false, too_big_ = false;
  bool has_date_ = false, seen_root_ = false;
  int sentences_ = 0;
  std::string text_raw_, id_, date_attr_, source_;
};

}  // namespace

std::unique_ptr<ArticleReader> MakePetrarchReader(std::unique_ptr<ByteSource> src,
                                                  ReaderContext ctx) {
  return std::make_unique<PetrarchReader>(std::move(src), std::move(ctx));
}

}  // namespace dyad::ingest
