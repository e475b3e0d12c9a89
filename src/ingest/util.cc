// Copyright dyad authors.
#include "ingest/util.h"

#include <cstring>

namespace dyad::ingest {

void AppendCollapsed(std::string_view s, std::string* out) {
  bool space = out->empty() || out->back() == ' ' || out->back() == '\n';
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ws = IsAsciiSpace(c);
    if (!ws && c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      ws = true;
      ++i;
    }
    if (ws) {
      if (!space) out->push_back(' ');
      space = true;
    } else {
      out->push_back(c);
      space = false;
    }
  }
}

void NormalizeNewlines(std::string* s) {
  if (s->find('\r') == std::string::npos) return;
  std::size_t w = 0;
  for (std::size_t r = 0; r < s->size(); ++r) {
    char c = (*s)[r];
    if (c == '\r') {
      (*s)[w++] = '\n';
      if (r + 1 < s->size() && (*s)[r + 1] == '\n') ++r;
    } else {
      (*s)[w++] = c;
    }
  }
  s->resize(w);
}

void TidyParagraphs(std::string* s) {
  // In place: the output is never longer than the input and every write
  // position is at or before the read position.
  char* d = s->data();
  std::size_t n = s->size(), w = 0, pos = 0, blank_lines = 0;
  bool any = false;
  while (pos <= n) {
    const void* hit = pos < n ? std::memchr(d + pos, '\n', n - pos) : nullptr;
    std::size_t nl = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - d) : n;
    std::size_t end = nl;
    while (end > pos && IsAsciiSpace(d[end - 1])) --end;
    if (end == pos) {
      ++blank_lines;
    } else {
      if (any) {
        d[w++] = '\n';
        if (blank_lines) d[w++] = '\n';
      }
      if (w != pos) std::memmove(d + w, d + pos, end - pos);
      w += end - pos;
      any = true;
      blank_lines = 0;
    }
    pos = nl + 1;
  }
  s->resize(w);
}

void AppendUtf8(unsigned cp, std::string* out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

void AppendXmlUnescaped(std::string_view s, std::string* out) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t amp = s.find('&', i);
    if (amp == std::string_view::npos) {
      out->append(s.substr(i));
      return;
    }
    out->append(s.substr(i, amp - i));
    std::size_t semi = s.find(';', amp + 1);
    if (semi == std::string_view::npos || semi - amp > 12) {
      out->push_back('&');
      i = amp + 1;
      continue;
    }
    std::string_view ent = s.substr(amp + 1, semi - amp - 1);
    bool done = true;
    if (ent == "amp") {
      out->push_back('&');
    } else if (ent == "lt") {
      out->push_back('<');
    } else if (ent == "gt") {
      out->push_back('>');
    } else if (ent == "quot") {
      out->push_back('"');
    } else if (ent == "apos") {
      out->push_back('\'');
    } else if (ent.size() >= 2 && ent[0] == '#') {
      unsigned cp = 0;
      bool hex = ent[1] == 'x' || ent[1] == 'X';
      std::string_view digits = ent.substr(hex ? 2 : 1);
      bool ok = !digits.empty();
      for (char c : digits) {
        unsigned d;
        if (c >= '0' && c <= '9') {
          d = static_cast<unsigned>(c - '0');
        } else if (hex && c >= 'a' && c <= 'f') {
          d = static_cast<unsigned>(c - 'a' + 10);
        } else if (hex && c >= 'A' && c <= 'F') {
          d = static_cast<unsigned>(c - 'A' + 10);
        } else {
          ok = false;
          break;
        }
        cp = cp * (hex ? 16 : 10) + d;
        if (cp > 0x10FFFF) {
          ok = false;
          break;
        }
      }
      if (ok) {
        AppendUtf8(cp, out);
      } else {
        done = false;
      }
    } else {
      done = false;
    }
    if (done) {
      i = semi + 1;
    } else {
      out->push_back('&');
      i = amp + 1;
    }
  }
}

}  // namespace dyad::ingest
