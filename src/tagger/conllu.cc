// Copyright dyad authors.
#include "tagger/conllu.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <string>

namespace dyad::tagger {
namespace {

bool ParseUint(std::string_view s, std::uint32_t* v) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *v);
  return ec == std::errc() && p == s.data() + s.size();
}

// Splits a token line into its tab-separated columns; returns how many there
// are (11: more than 10).
int SplitColumns(std::string_view line, std::string_view (&cols)[10]) {
  int n = 0;
  std::size_t start = 0;
  while (n < 10) {
    std::size_t tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      cols[n++] = line.substr(start);
      break;
    }
    cols[n++] = line.substr(start, tab - start);
    start = tab + 1;
    if (n == 10) return 11;
  }
  return n;
}

// Reads a CoNLL-U file's lines into sentences; errors name path:line.
class ConlluReader {
 public:
  ConlluReader(const std::string& path, ConlluFile* out) : path_(path), out_(out) {}

  Status Read(std::string_view text, std::size_t max_sentences) {
    std::size_t pos = 0;
    while (pos < text.size()) {
      if (max_sentences != 0 && out_->sentences.size() >= max_sentences) break;
      std::size_t nl = text.find('\n', pos);
      if (nl == std::string_view::npos) nl = text.size();
      std::string_view line = text.substr(pos, nl - pos);
      pos = nl + 1;
      ++line_no_;
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      DYAD_RETURN_IF_ERROR(Line(line));
    }
    DYAD_RETURN_IF_ERROR(FinishSentence());
    return CheckRanges();
  }

 private:
  std::string Where() const { return path_ + ":" + std::to_string(line_no_) + ": "; }

  Status Line(std::string_view line) {
    if (line.empty()) return FinishSentence();
    if (line[0] == '#') {
      current_.comments.push_back(line);
      constexpr std::string_view kSentId = "# sent_id = ";
      if (line.substr(0, kSentId.size()) == kSentId) current_.sent_id = line.substr(kSentId.size());
      return Status::Ok();
    }
    std::string_view cols[10];
    const int n = SplitColumns(line, cols);
    if (n > 10) return ParseError(Where() + "more than 10 tab-separated columns");
    if (n != 10) {
      return ParseError(Where() + "expected 10 tab-separated columns, found " + std::to_string(n));
    }
    std::string_view id = cols[0];
    if (id.find('.') != std::string_view::npos) return Status::Ok();  // empty node
    if (id.find('-') != std::string_view::npos) return Range(id, cols[1], line);
    return Word(cols, line);
  }

  // A multiword token line "3-4".
  Status Range(std::string_view id, std::string_view form, std::string_view line) {
    std::size_t dash = id.find('-');
    std::uint32_t a, b;
    if (!ParseUint(id.substr(0, dash), &a) || !ParseUint(id.substr(dash + 1), &b) || a == 0 ||
        b < a || a != current_.words.size() + 1) {
      return ParseError(Where() + "bad multiword token range \"" + std::string(id) + "\"");
    }
    current_.ranges.push_back({a - 1, b - 1, form, line});
    return Status::Ok();
  }

  Status Word(const std::string_view (&cols)[10], std::string_view line) {
    std::string_view id = cols[0];
    std::uint32_t index;
    if (!ParseUint(id, &index) || index != current_.words.size() + 1) {
      return ParseError(Where() + "bad word ID \"" + std::string(id) + "\" (expected " +
                        std::to_string(current_.words.size() + 1) + ")");
    }
    ConlluWord w;
    w.form = cols[1];
    w.lemma = cols[2];
    if (w.form.empty()) return ParseError(Where() + "empty FORM");
    if (!ParseUpos(cols[3], &w.tag.upos)) {
      return ParseError(Where() + "unknown UPOS \"" + std::string(cols[3]) + "\"");
    }
    if (!ParseXpos(cols[4], &w.tag.xpos)) {
      return ParseError(Where() + "unknown XPOS \"" + std::string(cols[4]) + "\"");
    }
    if (cols[6] == "_") {
      w.head = 0;
    } else if (!ParseUint(cols[6], &w.head)) {
      return ParseError(Where() + "bad HEAD \"" + std::string(cols[6]) + "\"");
    }
    w.deprel = cols[7];
    w.line = line;
    if (current_.words.empty()) current_.first_line = line_no_;
    current_.words.push_back(w);
    return Status::Ok();
  }

  // Ends the current sentence (a blank line or the end of the file).
  Status FinishSentence() {
    if (current_.words.empty()) {
      current_.ranges.clear();
      current_.comments.clear();
      current_.sent_id = {};
      return Status::Ok();
    }
    for (const ConlluWord& w : current_.words) {
      if (w.head > current_.words.size()) {
        return ParseError(Where() + "HEAD " + std::to_string(w.head) + " is past the sentence end");
      }
    }
    out_->sentences.push_back(std::move(current_));
    current_ = ConlluSentence();
    return Status::Ok();
  }

  Status CheckRanges() const {
    for (const ConlluSentence& s : out_->sentences) {
      for (const ConlluRange& r : s.ranges) {
        if (r.last >= s.words.size()) {
          return ParseError(path_ + ": multiword token \"" + std::string(r.form) +
                            "\" covers words past the sentence end");
        }
      }
    }
    return Status::Ok();
  }

  const std::string& path_;
  ConlluFile* out_;
  ConlluSentence current_;
  std::size_t line_no_ = 0;
};

}  // namespace

Status ReadFileBytes(const std::string& path, std::string* out) {
  out->clear();
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    int err = errno;
    if (err == ENOENT) return NotFound(path + ": no such file");
    return IoError(path + ": cannot open: " + std::strerror(err));
  }
  char buf[1 << 16];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return IoError(path + ": read error");
  return Status::Ok();
}

Status ReadConllu(const std::string& path, std::size_t max_sentences, ConlluFile* out) {
  out->path = path;
  out->sentences.clear();
  DYAD_RETURN_IF_ERROR(ReadFileBytes(path, &out->text));
  return ConlluReader(path, out).Read(out->text, max_sentences);
}

}  // namespace dyad::tagger
