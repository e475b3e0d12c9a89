// Copyright dyad authors. Weak-label measurement on the Wikipedia current-events
// portal: per section, the share of bullets that give a conflict event.
#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "dyad/eval.h"

namespace dyad {
namespace {

// The portal renamed some sections over the years; fold them (as
// scripts/gold_sample.py does).
std::string FoldSection(const std::string& s) {
  static const std::map<std::string, std::string> kAlias = {
      {"Armed conflict and attacks", "Armed conflicts and attacks"},
      {"Disasters", "Disasters and accidents"},
      {"Sport", "Sports"},
      {"Politics", "Politics and elections"},
      {"Business and economics", "Business and economy"},
      {"Science", "Science and technology"},
      {"Health", "Health and environment"},
      {"Health and medicine", "Health and environment"}};
  auto it = kAlias.find(s);
  return it == kAlias.end() ? s : it->second;
}

struct Bullet {
  std::uint64_t key;
  std::string date, text;
};

// FNV-1a-64 followed by the splitmix64 finaliser: FNV alone mixes near-identical keys
// ("seed:1001", "seed:1002") poorly, so a sample by lowest key would cluster in nearby
// lines (a few days of the portal).
std::uint64_t Key(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
  h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
  return h ^ (h >> 31);
}

// Keeps, per section with at least 200 bullets, the `n` bullets of lowest key.
Result<std::map<std::string, std::vector<Bullet>>> Sample(const std::string& path, std::size_t n,
                                                          std::string_view seed) {
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return IoError(path + ": cannot open");
  std::map<std::string, std::vector<Bullet>> all;
  std::string buf, chunk(1 << 16, '\0');
  std::int64_t line_no = 0;
  int got;
  auto take = [&](std::string_view line) {
    ++line_no;
    auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object() || j.value("likely_story_heading", false)) return;
    if (IsUnflaggedStoryHeading(j.value("text", ""))) return;
    std::string sec = FoldSection(j.value("category", ""));
    all[sec].push_back(
        {Key(fmt::format("{}:{}", seed, line_no)), j.value("date", ""), j.value("text", "")});
  };
  while ((got = gzread(f, chunk.data(), static_cast<unsigned>(chunk.size()))) > 0) {
    buf.append(chunk.data(), static_cast<std::size_t>(got));
    std::size_t start = 0, nl;
    while ((nl = buf.find('\n', start)) != std::string::npos) {
      take(std::string_view(buf).substr(start, nl - start));
      start = nl + 1;
    }
    buf.erase(0, start);
  }
  gzclose(f);
  if (!buf.empty()) take(buf);
  for (auto it = all.begin(); it != all.end();) {
    if (it->second.size() < 200) {
      it = all.erase(it);
      continue;
    }
    auto& v = it->second;
    std::sort(v.begin(), v.end(), [](const Bullet& a, const Bullet& b) { return a.key < b.key; });
    if (v.size() > n) v.resize(n);
    ++it;
  }
  return all;
}

}  // namespace

// A story heading the portal's flag misses: a name and a parenthesised
// time span, no sentence ("War in Afghanistan (2001–2021)", "Aleppo
// offensive (November–December 2016)", "Hurricane Ike (2008)"). At most 12
// words, no '.', '!' or '?', ending in a parenthesis holding a year or
// "present".
bool IsUnflaggedStoryHeading(std::string_view t) {
  while (!t.empty() && (t.back() == ' ' || t.back() == '\n')) t.remove_suffix(1);
  if (t.empty() || t.back() != ')' || t.find_first_of(".!?") != std::string_view::npos)
    return false;
  const std::size_t open = t.rfind('(');
  if (open == std::string_view::npos) return false;
  if (std::count(t.begin(), t.end(), ' ') > 11) return false;
  const std::string_view span = t.substr(open + 1, t.size() - open - 2);
  if (span.find("present") != std::string_view::npos) return true;
  int digits = 0;
  for (char c : span) {
    digits = c >= '0' && c <= '9' ? digits + 1 : 0;
    if (digits == 4) return true;
  }
  return false;
}

Result<std::map<std::string, WeakSection>> RunWeakLabels(const Pipeline& pipeline,
                                                         const std::string& path,
                                                         std::size_t per_section,
                                                         std::string_view seed) {
  auto sample = Sample(path, per_section, seed);
  if (!sample.ok()) return sample.status();
  static const std::set<std::string> kConflict = {"ASSAULT", "COERCE", "THREATEN", "MOBILIZE"};
  std::map<std::string, WeakSection> out;
  CodedArticle coded;
  for (const auto& [sec, bullets] : *sample) {
    WeakSection& w = out[sec];
    for (const auto& b : bullets) {
      Article a;
      a.id = "ce";
      a.date = b.date;
      a.body = b.text;
      DYAD_RETURN_IF_ERROR(pipeline.Process(a, &coded));
      w.bullets++;
      bool conflict = false, material = false;
      for (const auto& e : coded.events) {
        conflict |= kConflict.count(e.plover_event) > 0;
        material |= e.quad_class == 4;
      }
      w.any_event += !coded.events.empty();
      w.conflict += conflict;
      w.material_conflict += material;
    }
  }
  return out;
}

std::string FormatWeakLabels(const std::map<std::string, WeakSection>& sections) {
  std::string out = fmt::format("{:<32} {:>7} {:>9} {:>9} {:>9}\n", "section", "bullets", "any ev.",
                                "conflict", "mat.conf");
  auto pct = [](std::int64_t a, std::int64_t b) { return b ? 100.0 * double(a) / double(b) : 0.0; };
  for (const auto& [sec, w] : sections)
    out += fmt::format("{:<32} {:>7} {:>8.1f}% {:>8.1f}% {:>8.1f}%\n", sec, w.bullets,
                       pct(w.any_event, w.bullets), pct(w.conflict, w.bullets),
                       pct(w.material_conflict, w.bullets));
  out +=
      "conflict = an ASSAULT/COERCE/THREATEN/MOBILIZE event; mat.conf = a quad-class-4 event.\n"
      "Bars (issue 18): Armed conflicts and attacks conflict >= 85%; Sports, Arts and culture,\n"
      "Science and technology mat.conf <= 3%.\n";
  return out;
}

}  // namespace dyad
