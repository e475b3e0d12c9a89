// Copyright dyad authors. The event-noun table (docs/formats/event-nouns.md).
#include <algorithm>
#include <fstream>
#include <sstream>

#include "dyad/coder.h"

namespace dyad {
namespace {

std::vector<std::string_view> SplitOn(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  for (std::size_t p = 0;;) {
    std::size_t q = s.find(sep, p);
    out.push_back(s.substr(p, q == std::string_view::npos ? std::string_view::npos : q - p));
    if (q == std::string_view::npos) return out;
    p = q + 1;
  }
}

bool IsNounForm(std::string_view w) {
  if (w.empty() || w.size() > 64) return false;
  return std::all_of(w.begin(), w.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || c == '-' || c == ' ' || c == '\'';
  });
}

std::string RegularPlural(std::string_view w) {
  std::string p(w);
  if (p.ends_with("s") || p.ends_with("sh") || p.ends_with("ch") || p.ends_with("x"))
    return p + "es";
  if (p.size() > 1 && p.back() == 'y' &&
      std::string_view("aeiou").find(p[p.size() - 2]) == std::string_view::npos)
    return p.substr(0, p.size() - 1) + "ies";
  return p + "s";
}

}  // namespace

Result<std::shared_ptr<const EventNouns>> EventNouns::Parse(std::string_view text,
                                                            std::string_view name) {
  auto out = std::make_shared<EventNouns>();
  // Rules cite the table by file name ("event_nouns.tsv:12"); errors by `name`.
  out->name_ = std::string(name.substr(name.find_last_of('/') + 1));
  std::uint32_t line_no = 0;
  for (std::string_view line : SplitOn(text, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto where = [&] { return std::string(name) + ":" + std::to_string(line_no) + ": "; };
    std::vector<std::string_view> f = SplitOn(line, '\t');
    if (f.size() != 3 && f.size() != 4)
      return ParseError(where() +
                        "expected 3 or 4 tab-separated fields (noun, cameo, target prepositions, "
                        "[light|armed]), got " +
                        std::to_string(f.size()));
    if (f.size() == 4 && f[3] != "light" && f[3] != "armed")
      return ParseError(where() + "field flags: '" + std::string(f[3]) +
                        "' is not 'light' (an event only as a light verb's object) or 'armed' "
                        "(only with a state or an armed actor as a side)");
    const bool digits =
        !f[1].empty() && f[1].size() <= 4 &&
        std::all_of(f[1].begin(), f[1].end(), [](char c) { return c >= '0' && c <= '9'; });
    if (!digits)
      return ParseError(where() + "field cameo: '" + std::string(f[1]) + "' is not a CAMEO code");
    EventNoun e;
    e.cameo = std::string(f[1]);
    e.line = line_no;
    e.light_only = f.size() == 4 && f[3] == "light";
    e.armed_only = f.size() == 4 && f[3] == "armed";
    if (f[2] != "-") {
      for (std::string_view p : SplitOn(f[2], ',')) {
        if (!IsNounForm(p) || p.find(' ') != std::string_view::npos)
          return ParseError(where() + "field prepositions: '" + std::string(p) + "' is not a word");
        e.target_preps.emplace_back(p);
      }
    }
    const auto entry = static_cast<std::uint32_t>(out->entries_.size());
    std::vector<std::string_view> forms = SplitOn(f[0], '|');
    for (std::string_view form : forms) {
      if (!IsNounForm(form) || std::count(form.begin(), form.end(), ' ') > 1 ||
          form.front() == ' ' || form.back() == ' ')
        return ParseError(where() + "field noun: '" + std::string(form) +
                          "' is not a lower-case noun of one or two words");
      out->forms_.emplace_back(std::string(form), entry);
    }
    if (forms.size() == 1 && !forms[0].ends_with("s"))
      out->forms_.emplace_back(RegularPlural(forms[0]), entry);
    out->entries_.push_back(std::move(e));
  }
  std::sort(out->forms_.begin(), out->forms_.end());
  for (std::size_t k = 1; k < out->forms_.size(); ++k)
    if (out->forms_[k].first == out->forms_[k - 1].first)
      return ParseError(std::string(name) + ":" +
                        std::to_string(out->entries_[out->forms_[k].second].line) + ": noun '" +
                        out->forms_[k].first + "' is listed twice");
  return std::shared_ptr<const EventNouns>(std::move(out));
}

Result<std::shared_ptr<const EventNouns>> EventNouns::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open the event-noun table");
  std::ostringstream text;
  text << in.rdbuf();
  if (text.str().size() > (16u << 20)) return LimitExceeded(path + ": larger than 16 MiB");
  return Parse(text.str(), path);
}

const EventNoun* EventNouns::Find(std::string_view previous, std::string_view word,
                                  int* words) const {
  auto find = [&](std::string_view key) -> const EventNoun* {
    auto it = std::lower_bound(forms_.begin(), forms_.end(), key,
                               [](const auto& a, std::string_view k) { return a.first < k; });
    return it != forms_.end() && it->first == key ? &entries_[it->second] : nullptr;
  };
  if (!previous.empty() && previous.size() + word.size() < 64) {
    char buf[130];
    std::size_t n = 0;
    for (char c : previous) buf[n++] = c;
    buf[n++] = ' ';
    for (char c : word) buf[n++] = c;
    if (const EventNoun* e = find(std::string_view(buf, n))) {
      *words = 2;
      return e;
    }
  }
  *words = 1;
  return find(word);
}

}  // namespace dyad
