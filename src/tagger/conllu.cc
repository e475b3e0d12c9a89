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
  std::string_view text = out->text;
  ConlluSentence current;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  auto where = [&] { return path + ":" + std::to_string(line_no) + ": "; };
  auto finish = [&]() -> Status {
    if (current.words.empty()) {
      current.ranges.clear();
      current.comments.clear();
      current.sent_id = {};
      return Status::Ok();
    }
    for (const ConlluWord& w : current.words) {
      if (w.head > current.words.size()) {
        return ParseError(where() + "HEAD " + std::to_string(w.head) + " is past the sentence end");
      }
    }
    out->sentences.push_back(std::move(current));
    current = ConlluSentence();
    return Status::Ok();
  };
  while (pos < text.size()) {
    if (max_sentences != 0 && out->sentences.size() >= max_sentences) break;
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    pos = nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      DYAD_RETURN_IF_ERROR(finish());
      continue;
    }
    if (line[0] == '#') {
      current.comments.push_back(line);
      constexpr std::string_view kSentId = "# sent_id = ";
      if (line.substr(0, kSentId.size()) == kSentId) current.sent_id = line.substr(kSentId.size());
      continue;
    }
    std::string_view cols[10];
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
      if (n == 10) {
        return ParseError(where() + "more than 10 tab-separated columns");
      }
    }
    if (n != 10) {
      return ParseError(where() + "expected 10 tab-separated columns, found " + std::to_string(n));
    }
    std::string_view id = cols[0];
    if (id.find('.') != std::string_view::npos) continue;  // empty node
    std::size_t dash = id.find('-');
    if (dash != std::string_view::npos) {
      std::uint32_t a, b;
      if (!ParseUint(id.substr(0, dash), &a) || !ParseUint(id.substr(dash + 1), &b) || a == 0 ||
          b < a || a != current.words.size() + 1) {
        return ParseError(where() + "bad multiword token range \"" + std::string(id) + "\"");
      }
      current.ranges.push_back({a - 1, b - 1, cols[1], line});
      continue;
    }
    std::uint32_t index;
    if (!ParseUint(id, &index) || index != current.words.size() + 1) {
      return ParseError(where() + "bad word ID \"" + std::string(id) + "\" (expected " +
                        std::to_string(current.words.size() + 1) + ")");
    }
    ConlluWord w;
    w.form = cols[1];
    w.lemma = cols[2];
    if (w.form.empty()) return ParseError(where() + "empty FORM");
    if (!ParseUpos(cols[3], &w.tag.upos)) {
      return ParseError(where() + "unknown UPOS \"" + std::string(cols[3]) + "\"");
    }
    if (!ParseXpos(cols[4], &w.tag.xpos)) {
      return ParseError(where() + "unknown XPOS \"" + std::string(cols[4]) + "\"");
    }
    if (cols[6] == "_") {
      w.head = 0;
    } else if (!ParseUint(cols[6], &w.head)) {
      return ParseError(where() + "bad HEAD \"" + std::string(cols[6]) + "\"");
    }
    w.deprel = cols[7];
    w.line = line;
    if (current.words.empty()) current.first_line = line_no;
    current.words.push_back(w);
  }
  DYAD_RETURN_IF_ERROR(finish());
  for (const ConlluSentence& s : out->sentences) {
    for (const ConlluRange& r : s.ranges) {
      if (r.last >= s.words.size()) {
        return ParseError(path + ": multiword token \"" + std::string(r.form) +
                          "\" covers words past the sentence end");
      }
    }
  }
  return Status::Ok();
}

}  // namespace dyad::tagger
