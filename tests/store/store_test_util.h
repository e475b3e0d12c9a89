// Helpers for the store tests: temporary folders, hand-built coded articles and
// a small RFC 4180 reader for the export checks.
#ifndef DYAD_TESTS_STORE_TEST_UTIL_H_
#define DYAD_TESTS_STORE_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/article.h"
#include "dyad/event.h"
#include "dyad/status.h"
#include "support/temp_dir.h"

namespace dyad::testing {

// An article whose body is `sentences` joined by spaces, with one event per
// sentence: source -> target with `cameo`, and sentence spans filled in.
struct Sample {
  Article article;
  CodedArticle coded;
};

inline Span Find(const std::string& body, std::string_view word, std::uint32_t from = 0) {
  std::size_t p = body.find(word, from);
  if (p == std::string::npos) return {};
  return {static_cast<std::uint32_t>(p), static_cast<std::uint32_t>(p + word.size())};
}

struct EventSpec {
  std::string source_text, source_code, target_text, target_code, verb, cameo, plover;
  std::string modality = "asserted";
  std::string date;   // event date, or empty
  std::string place;  // location name, or empty
  std::string place_country;
};

inline Sample MakeSample(const std::string& id, const std::string& url, const std::string& date,
                         const std::vector<std::string>& sentences,
                         const std::vector<EventSpec>& events) {
  Sample s;
  Article& a = s.article;
  a.id = id;
  a.url = url;
  a.date = date;
  a.source = "wire.example";
  a.title = "Title of " + id;
  a.origin = "test:" + id;
  for (std::size_t i = 0; i < sentences.size(); ++i) {
    if (i) a.body += ' ';
    std::uint32_t b = static_cast<std::uint32_t>(a.body.size());
    a.body += sentences[i];
    s.coded.sentence_spans.push_back({b, static_cast<std::uint32_t>(a.body.size())});
  }
  s.coded.sentence_count = static_cast<std::uint32_t>(sentences.size());
  a.content_hash = Sha256Hex(a.body);
  for (std::size_t i = 0; i < events.size(); ++i) {
    const EventSpec& sp = events[i];
    Event e;
    e.sentence = static_cast<std::uint32_t>(std::min(i, sentences.size() - 1));
    e.id = id + ":" + std::to_string(e.sentence) + ":0";
    std::uint32_t from = s.coded.sentence_spans[e.sentence].begin;
    if (!sp.source_code.empty()) {
      Actor x;
      x.text = sp.source_text;
      x.code = sp.source_code;
      x.country = sp.source_code.substr(0, 3);
      if (sp.source_code.size() > 3) x.sectors.push_back(sp.source_code.substr(3, 3));
      x.span = Find(a.body, sp.source_text, from);
      e.source = x;
    }
    if (!sp.target_code.empty()) {
      Actor x;
      x.text = sp.target_text;
      x.code = sp.target_code;
      x.country = sp.target_code.substr(0, 3);
      x.span = Find(a.body, sp.target_text, from);
      e.target = x;
    }
    e.verb_span = Find(a.body, sp.verb, from);
    e.cameo = sp.cameo;
    e.plover_event = sp.plover;
    int root = std::stoi(sp.cameo.substr(0, 2));
    e.quad_class = root <= 5 ? 1 : root <= 8 ? 2 : root <= 13 ? 3 : 4;
    e.goldstein = root >= 14 ? -7.5 : 3.0;
    e.modality = sp.modality;
    e.date.value = sp.date.empty() ? date : sp.date;
    e.date.precision = "day";
    if (!sp.place.empty()) {
      EventLocation l;
      l.place.name = sp.place;
      l.place.country = sp.place_country;
      l.place.lat = 32.9;
      l.place.lon = 13.18;
      l.place.has_coordinates = true;
      l.place.geonames_id = 2210247;
      l.role = "location";
      l.text = "in " + sp.place;
      e.location = l;
    }
    e.rule = "test.verbs.txt:" + std::to_string(10 + i);
    s.coded.events.push_back(e);
  }
  return s;
}

// RFC 4180 reader: fields separated by `sep`, optionally quoted with '"' (a
// doubled quote inside a quoted field is one quote), records ended by CRLF or
// LF. Returns false on a malformed record (unterminated quote, text after a
// closing quote).
inline bool ParseDelimited(std::string_view data, char sep,
                           std::vector<std::vector<std::string>>* rows, bool quoting = true) {
  rows->clear();
  std::vector<std::string> row;
  std::string field;
  std::size_t i = 0;
  bool at_field_start = true;
  while (i < data.size()) {
    char c = data[i];
    if (quoting && at_field_start && c == '"') {
      ++i;
      for (;;) {
        if (i >= data.size()) return false;  // unterminated
        if (data[i] == '"') {
          if (i + 1 < data.size() && data[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += data[i++];
      }
      if (i < data.size() && data[i] != sep && data[i] != '\r' && data[i] != '\n') return false;
      at_field_start = false;
      continue;
    }
    if (c == sep) {
      row.push_back(std::move(field));
      field.clear();
      at_field_start = true;
      ++i;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      ++i;
      row.push_back(std::move(field));
      field.clear();
      rows->push_back(std::move(row));
      row.clear();
      at_field_start = true;
      continue;
    }
    field += c;
    at_field_start = false;
    ++i;
  }
  if (!at_field_start || !field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows->push_back(std::move(row));
  }
  return true;
}

inline bool IsInt(std::string_view s) {
  if (s.empty()) return false;
  std::size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

inline bool IsReal(std::string_view s) {
  if (s.empty()) return false;
  char* end = nullptr;
  std::string t(s);
  std::strtod(t.c_str(), &end);
  return end == t.c_str() + t.size();
}

}  // namespace dyad::testing

#endif  // DYAD_TESTS_STORE_TEST_UTIL_H_
