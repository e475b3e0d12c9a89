// Copyright dyad authors. Loading the gold set and resolving its pointers into
// ../shared (tests/gold/README.md).
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "dyad/eval.h"
#include "eval/eval_internal.h"

namespace dyad {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::int64_t Int(const json& j, const char* key, std::int64_t def) {
  auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : def;
}

std::optional<GoldActor> ActorFrom(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return std::nullopt;
  return GoldActor{Str(*it, "text"), Str(*it, "code")};
}

Result<GoldEvent> EventFrom(const json& j, const std::string& where) {
  GoldEvent e;
  e.cameo = Str(j, "cameo");
  if (e.cameo.empty()) return ParseError(where + ": event without \"cameo\"");
  e.plover_event = Str(j, "plover");
  e.plover_mode = Str(j, "mode");
  e.source = ActorFrom(j, "source");
  e.target = ActorFrom(j, "target");
  if (auto p = j.find("place"); p != j.end() && p->is_object()) {
    e.place_text = Str(*p, "text");
    e.place_country = Str(*p, "country");
  }
  if (auto d = j.find("date"); d != j.end() && d->is_object()) {
    e.date_value = Str(*d, "value");
    e.date_precision = Str(*d, "precision");
  }
  if (auto t = j.find("tags"); t != j.end() && t->is_array()) {
    static const std::set<std::string> kTags = {"one-sided", "passive", "nominal", "named-actor",
                                                "generic-actor"};
    for (const auto& tag : *t) {
      if (!tag.is_string() || !kTags.count(tag.get<std::string>()))
        return ParseError(where + ": unknown tag " + tag.dump());
      e.tags.push_back(tag.get<std::string>());
    }
  }
  if (e.cameo.size() < 2 || e.cameo.find_first_not_of("0123456789") != std::string::npos)
    return ParseError(where + ": \"cameo\" must be a CAMEO code of digits, got " + e.cameo);
  return e;
}

Result<GoldSentence> SentenceFrom(const json& j, const std::string& where) {
  GoldSentence s;
  s.id = Str(j, "id");
  s.dataset = Str(j, "dataset");
  s.file = Str(j, "file");
  if (s.id.empty() || s.dataset.empty() || s.file.empty())
    return ParseError(where + ": needs \"id\", \"dataset\" and \"file\"");
  s.line = Int(j, "line", 0);
  s.sentence = static_cast<int>(Int(j, "sentence", -1));
  s.begin = Int(j, "begin", -1);
  s.end = Int(j, "end", -1);
  if (j.contains("field")) s.field = Str(j, "field");
  if (s.field.empty()) return ParseError(where + ": \"field\" must name a JSONL text field");
  s.date = Str(j, "date");
  s.label = Str(j, "label");
  s.hash = Str(j, "hash");
  auto ev = j.find("events");
  if (ev == j.end() || !ev->is_array())
    return ParseError(where + ": \"events\" must be an array (empty: no event)");
  for (const auto& e : *ev) {
    auto ge = EventFrom(e, where + " (" + s.id + ")");
    if (!ge.ok()) return ge.status();
    s.events.push_back(std::move(ge.value()));
  }
  return s;
}

// Calls fn(line_number, line) for each line of a plain or gzip file.
template <typename Fn>
Status ForEachLine(const std::string& path, Fn fn) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return IoError(path + ": cannot open");
  std::string buf, chunk(1 << 16, '\0');
  std::int64_t line_no = 0;
  bool stop = false;
  int n;
  while (!stop && (n = gzread(f, chunk.data(), static_cast<unsigned>(chunk.size()))) > 0) {
    buf.append(chunk.data(), static_cast<std::size_t>(n));
    std::size_t start = 0, nl;
    while (!stop && (nl = buf.find('\n', start)) != std::string::npos) {
      stop = !fn(++line_no, std::string_view(buf).substr(start, nl - start));
      start = nl + 1;
    }
    buf.erase(0, start);
  }
  if (!stop && !buf.empty()) fn(++line_no, std::string_view(buf));
  gzclose(f);
  return Status::Ok();
}

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Unescape(std::string t) {
  static const std::pair<const char*, const char*> kEnt[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : kEnt) {
    for (std::size_t p = 0; (p = t.find(from, p)) != std::string::npos; p += std::strlen(to))
      t.replace(p, std::strlen(from), to);
  }
  return t;
}

// One text per sentence of an ECB+ token file (scripts/gold_sample.py ecb_sentence).
std::map<int, std::string> EcbSentences(const std::string& xml) {
  static const std::regex kToken(
      R"re(<token t_id="\d+" sentence="(\d+)" number="\d+">(.*?)</token>)re");
  static const std::set<std::string> kNoSpaceBefore = {".",   ",",   ";",  ":",  "!",   "?",
                                                       "%",   ")",   "]",  "'s", "n't", "'re",
                                                       "'ll", "'ve", "'d", "'m", "''"};
  static const std::set<std::string> kNoSpaceAfter = {"(", "[", "$", "``"};
  std::map<int, std::string> out;
  std::map<int, std::string> prev;
  for (std::sregex_iterator it(xml.begin(), xml.end(), kToken), end; it != end; ++it) {
    int s = std::stoi((*it)[1].str());
    std::string tok = Unescape((*it)[2].str());
    std::string& text = out[s];
    if (!text.empty() && !kNoSpaceBefore.count(tok) && !kNoSpaceAfter.count(prev[s])) text += ' ';
    text += tok;
    prev[s] = tok;
  }
  return out;
}

// Texts of the JSONL sentences of one file: the sentence's field ("text" unless the record
// names another, e.g. "articleBody"), bytes [begin, end).
Status ResolveJsonl(const std::string& path, const std::vector<std::size_t>& idx,
                    const std::vector<GoldSentence>& gold, std::vector<std::string>* out) {
  std::map<std::int64_t, std::vector<std::size_t>> want;
  for (auto i : idx) want[gold[i].line].push_back(i);
  std::int64_t last = want.empty() ? 0 : want.rbegin()->first;
  Status st = Status::Ok();
  DYAD_RETURN_IF_ERROR(ForEachLine(path, [&](std::int64_t n, std::string_view line) {
    auto it = want.find(n);
    if (it == want.end()) return n < last;
    json j = json::parse(line, nullptr, false);
    for (auto i : it->second) {
      const auto& g = gold[i];
      std::string text = j.is_object() ? Str(j, g.field.c_str()) : std::string();
      std::int64_t b = std::max<std::int64_t>(g.begin, 0);
      std::int64_t e = g.end < 0 ? static_cast<std::int64_t>(text.size()) : g.end;
      if (e > static_cast<std::int64_t>(text.size()) || b > e)
        st = ParseError(g.id + ": byte range past the record's text in " + path);
      else
        (*out)[i] = text.substr(static_cast<std::size_t>(b), static_cast<std::size_t>(e - b));
    }
    return n < last;
  }));
  return st;
}

Status ResolveGum(const std::string& path, const std::vector<std::size_t>& idx,
                  const std::vector<GoldSentence>& gold, std::vector<std::string>* out) {
  std::map<std::int64_t, std::vector<std::size_t>> want;
  for (auto i : idx) want[gold[i].line].push_back(i);
  return ForEachLine(path, [&](std::int64_t n, std::string_view line) {
    auto it = want.find(n);
    if (it == want.end()) return true;
    constexpr std::string_view kPrefix = "# text = ";
    for (auto i : it->second)
      (*out)[i] = line.starts_with(kPrefix) ? std::string(line.substr(kPrefix.size())) : "";
    return true;
  });
}

Status ResolveEcb(const std::string& path, const std::vector<std::size_t>& idx,
                  const std::vector<GoldSentence>& gold, std::vector<std::string>* out) {
  auto xml = ReadFile(path);
  if (!xml.ok()) return xml.status();
  auto sents = EcbSentences(*xml);
  for (auto i : idx) (*out)[i] = sents[gold[i].sentence];
  return Status::Ok();
}

// The document that ends with `sentence`: `before`, a space if it does not end
// in one, then the sentence.
GoldDocument DocumentEndingWith(std::string before, const std::string& sentence) {
  if (!before.empty() && before.back() != ' ' && before.back() != '\n') before += ' ';
  GoldDocument d;
  d.begin = before.size();
  d.text = std::move(before) + sentence;
  d.end = d.text.size();
  return d;
}

// One paragraph per earlier sentence of a document given sentence by sentence.
std::string AsParagraphs(const std::vector<std::string>& sentences) {
  std::string out;
  for (const auto& s : sentences) out += NormalizeSpace(s) + "\n\n";
  return out;
}

// JSONL records: the record's text field before the sentence's bytes.
Status JsonlDocuments(const std::string& path, const std::vector<std::size_t>& idx,
                      const std::vector<GoldSentence>& gold, const std::vector<std::string>& texts,
                      std::vector<GoldDocument>* out) {
  std::map<std::int64_t, std::vector<std::size_t>> want;
  for (auto i : idx) want[gold[i].line].push_back(i);
  const std::int64_t last = want.empty() ? 0 : want.rbegin()->first;
  return ForEachLine(path, [&](std::int64_t n, std::string_view line) {
    auto it = want.find(n);
    if (it == want.end()) return n < last;
    json j = json::parse(line, nullptr, false);
    for (auto i : it->second) {
      const std::string text = j.is_object() ? Str(j, gold[i].field.c_str()) : std::string();
      const auto b = static_cast<std::size_t>(std::max<std::int64_t>(gold[i].begin, 0));
      (*out)[i] = DocumentEndingWith(text.substr(0, std::min(b, text.size())), texts[i]);
    }
    return n < last;
  });
}

// GUM: the "# text" lines of the same document ("# newdoc") before the sentence's.
Status GumDocuments(const std::string& path, const std::vector<std::size_t>& idx,
                    const std::vector<GoldSentence>& gold, const std::vector<std::string>& texts,
                    std::vector<GoldDocument>* out) {
  std::map<std::int64_t, std::vector<std::size_t>> want;
  for (auto i : idx) want[gold[i].line].push_back(i);
  constexpr std::string_view kText = "# text = ";
  std::vector<std::string> earlier;
  return ForEachLine(path, [&](std::int64_t n, std::string_view line) {
    if (line.starts_with("# newdoc")) earlier.clear();
    if (auto it = want.find(n); it != want.end())
      for (auto i : it->second) (*out)[i] = DocumentEndingWith(AsParagraphs(earlier), texts[i]);
    if (line.starts_with(kText)) earlier.emplace_back(line.substr(kText.size()));
    return true;
  });
}

// ECB+: the document's sentences numbered before the sentence's.
Status EcbDocuments(const std::string& path, const std::vector<std::size_t>& idx,
                    const std::vector<GoldSentence>& gold, const std::vector<std::string>& texts,
                    std::vector<GoldDocument>* out) {
  auto xml = ReadFile(path);
  if (!xml.ok()) return xml.status();
  const auto sents = EcbSentences(*xml);
  for (auto i : idx) {
    std::vector<std::string> earlier;
    for (const auto& [number, text] : sents)
      if (number < gold[i].sentence) earlier.push_back(text);
    (*out)[i] = DocumentEndingWith(AsParagraphs(earlier), texts[i]);
  }
  return Status::Ok();
}

}  // namespace

std::string ShortHash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : text) h = (h ^ c) * 0x100000001b3ull;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string NormalizeSpace(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      space = false;
      out += c;
    }
  }
  return out;
}

Result<std::vector<GoldSentence>> LoadGold(const std::string& path) {
  std::ifstream in(path);
  if (!in) return IoError(path + ": cannot open");
  std::vector<GoldSentence> out;
  std::set<std::string> ids;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    std::string where = path + ":" + std::to_string(n);
    json j = json::parse(line, nullptr, false);
    if (!j.is_object()) return ParseError(where + ": not a JSON object");
    auto s = SentenceFrom(j, where);
    if (!s.ok()) return s.status();
    if (!ids.insert(s->id).second) return ParseError(where + ": duplicate id " + s->id);
    out.push_back(std::move(s.value()));
  }
  return out;
}

Result<std::vector<std::string>> ResolveGoldTexts(const std::vector<GoldSentence>& gold,
                                                  const std::string& shared_dir, bool allow_drift) {
  std::vector<std::string> out(gold.size());
  std::map<std::string, std::vector<std::size_t>> by_file;
  for (std::size_t i = 0; i < gold.size(); ++i) by_file[gold[i].file].push_back(i);
  for (const auto& [file, idx] : by_file) {
    std::string path = shared_dir + "/" + file;
    const std::string& ds = gold[idx.front()].dataset;
    Status st = ds == "gum"       ? ResolveGum(path, idx, gold, &out)
                : ds == "ecbplus" ? ResolveEcb(path, idx, gold, &out)
                                  : ResolveJsonl(path, idx, gold, &out);
    DYAD_RETURN_IF_ERROR(st);
  }
  for (std::size_t i = 0; i < gold.size(); ++i) {
    out[i] = NormalizeSpace(out[i]);
    if (out[i].empty()) return NotFound(gold[i].id + ": no text at " + gold[i].file);
    if (!allow_drift && !gold[i].hash.empty() && ShortHash(out[i]) != gold[i].hash)
      return InvalidArgument(gold[i].id + ": text hash " + ShortHash(out[i]) +
                             " != " + gold[i].hash + " (the shared data changed)");
  }
  return out;
}

Result<std::vector<GoldDocument>> ResolveGoldDocuments(const std::vector<GoldSentence>& gold,
                                                       const std::vector<std::string>& texts,
                                                       const std::string& shared_dir) {
  if (texts.size() != gold.size()) return InvalidArgument("one text per gold sentence expected");
  std::vector<GoldDocument> out(gold.size());
  std::map<std::string, std::vector<std::size_t>> by_file;
  for (std::size_t i = 0; i < gold.size(); ++i)
    if (gold[i].dataset != "current-events") by_file[gold[i].file].push_back(i);
  for (const auto& [file, idx] : by_file) {
    const std::string path = shared_dir + "/" + file;
    const std::string& ds = gold[idx.front()].dataset;
    Status st = ds == "gum"       ? GumDocuments(path, idx, gold, texts, &out)
                : ds == "ecbplus" ? EcbDocuments(path, idx, gold, texts, &out)
                                  : JsonlDocuments(path, idx, gold, texts, &out);
    DYAD_RETURN_IF_ERROR(st);
  }
  return out;
}

}  // namespace dyad
