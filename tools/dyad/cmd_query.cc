// `dyad query`: events from a store, filtered, as a table or JSON lines.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "commands.h"
#include "dyad/date.h"
#include "dyad/output.h"
#include "dyad/store.h"

namespace dyad::cli {
namespace {

struct QueryArgs {
  std::string db = "dyad.db";
  EventFilter filter;
  bool json = false;
  bool summary = false;
  bool why = false;  // with --story: why each article is in it, not its events
};

// Cuts `s` to at most `width` bytes on a UTF-8 boundary, marking the cut.
std::string Clip(const std::string& s, std::size_t width) {
  if (s.size() <= width) return s;
  std::size_t cut = width > 3 ? width - 3 : 0;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut) + "...";
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return s;
}

std::string Code(const std::optional<Actor>& a) {
  return a && !a->code.empty() ? a->code : std::string("-");
}

int RunQuery(const QueryArgs& args) {
  StoreOptions ro;
  ro.read_only = true;
  auto store = Store::Open(args.db, ro);
  if (!store.ok()) {
    PrintError(store.status().ToString());
    return kExitFailure;
  }
  if (args.summary) return PrintStoreSummary(**store);
  if (args.why) return PrintStoryWhy(**store, args.filter.story);
  std::size_t n = 0;
  std::string out;
  const bool tty = isatty(STDOUT_FILENO);
  if (!args.json) {
    std::printf("%-7s  %-7s  %-10s  %-10s  %-10s  %-5s  %-10s  %-9s  %-12s  %s\n", "id", "cluster",
                "date", "source", "target", "cameo", "plover", "modality", "place", "sentence");
  }
  Status s = (*store)->Query(args.filter, [&](const StoredEvent& e) {
    ++n;
    if (args.json) {
      out.clear();
      AppendStoredEventFlatJson(e, &out);
      std::fwrite(out.data(), 1, out.size(), stdout);
      return true;
    }
    const Event& ev = e.event;
    // At its precision: a month reads 2025-05, not 2025-05-01 (dyad/date.h).
    std::string date = !ev.date.value.empty()
                           ? FormatDateAtPrecision(ev.date.value, ev.date.precision)
                           : e.article.date;
    std::string place = ev.location ? ev.location->place.name : "";
    std::string sentence = OneLine(e.sentence_text);
    std::printf("%-7lld  %-7s  %-10s  %-10s  %-10s  %-5s  %-10s  %-9s  %-12s  %s\n",
                static_cast<long long>(e.event_id),
                e.cluster.cluster_id ? std::to_string(e.cluster.cluster_id).c_str() : "-",
                date.empty() ? "-" : date.c_str(), Clip(Code(ev.source), 10).c_str(),
                Clip(Code(ev.target), 10).c_str(), ev.cameo.c_str(),
                ev.plover_event.empty() ? "-" : Clip(ev.plover_event, 10).c_str(),
                ev.modality.c_str(), place.empty() ? "-" : Clip(place, 12).c_str(),
                (tty ? Clip(sentence, 100) : sentence).c_str());
    return true;
  });
  if (!s.ok()) {
    PrintError(s.ToString());
    return kExitFailure;
  }
  if (!args.json) std::printf("(%zu events)\n", n);
  std::fflush(stdout);
  return kExitOk;
}

}  // namespace

int PrintStoreSummary(Store& store) {
  auto sum = store.Summarize(10, 8);
  if (!sum.ok()) {
    PrintError(sum.status().ToString());
    return kExitFailure;
  }
  const StoreCounts& c = sum->counts;
  std::printf(
      "store: %lld articles (%lld later versions, %lld near-duplicates), %lld sentences, "
      "%lld events, %lld entities, %lld cited sources, %lld stories, %lld clusters\n",
      static_cast<long long>(c.articles), static_cast<long long>(c.versions),
      static_cast<long long>(c.duplicates), static_cast<long long>(c.sentences),
      static_cast<long long>(c.events), static_cast<long long>(c.entities),
      static_cast<long long>(c.sources), static_cast<long long>(c.stories),
      static_cast<long long>(c.clusters));
  if (!sum->by_cameo_root.empty()) {
    std::printf("\nevents by CAMEO root:\n");
    for (const auto& [root, n] : sum->by_cameo_root) {
      std::printf("  %s  %lld\n", root.c_str(), static_cast<long long>(n));
    }
  }
  if (!sum->by_plover.empty()) {
    std::printf("\nevents by PLOVER type:\n");
    for (const auto& [t, n] : sum->by_plover) {
      std::printf("  %-12s %lld\n", t.c_str(), static_cast<long long>(n));
    }
  }
  if (!sum->top_dyads.empty()) {
    std::printf("\ntop dyads:\n");
    for (const auto& [d, n] : sum->top_dyads) {
      std::printf("  %-24s %lld\n", d.c_str(), static_cast<long long>(n));
    }
  }
  if (auto stories = store.Stories(); stories.ok() && !stories->empty()) {
    // The largest stories: the ones several articles or clusters make up first.
    std::stable_sort(stories->begin(), stories->end(), [](const StoryInfo& a, const StoryInfo& b) {
      return std::tie(a.articles, a.events) > std::tie(b.articles, b.events);
    });
    std::printf("\nlargest stories (dyad query --story ID lists their events):\n");
    for (std::size_t i = 0; i < stories->size() && i < 5; ++i) {
      const StoryInfo& st = (*stories)[i];
      std::printf("  %-5lld %-40s %lld articles, %lld events, %s..%s\n",
                  static_cast<long long>(st.id), Clip(st.label, 40).c_str(),
                  static_cast<long long>(st.articles), static_cast<long long>(st.events),
                  st.first_date.empty() ? "?" : st.first_date.c_str(),
                  st.last_date.empty() ? "?" : st.last_date.c_str());
    }
  }
  if (!sum->examples.empty()) {
    std::printf("\nexamples:\n");
    for (const StoredEvent& e : sum->examples) {
      const Event& ev = e.event;
      std::printf("  %s -> %s  %s%s  \"%s\"\n", Code(ev.source).c_str(), Code(ev.target).c_str(),
                  ev.cameo.c_str(), ev.plover_event.empty() ? "" : (" " + ev.plover_event).c_str(),
                  Clip(OneLine(e.sentence_text), 90).c_str());
    }
  }
  std::fflush(stdout);
  return kExitOk;
}

void RegisterQuery(CLI::App& app, Runner* run) {
  auto args = std::make_shared<QueryArgs>();
  CLI::App* cmd = app.add_subcommand("query", "Find events in a store");
  cmd->add_option("--db", args->db, "Store: a file path, sqlite:PATH or postgresql://...")
      ->capture_default_str();
  cmd->add_option("--actor", args->filter.actor, "Source actor code prefix (USA matches USAGOV)");
  cmd->add_option("--target", args->filter.target, "Target actor code prefix");
  cmd->add_option("--cameo", args->filter.cameo, "CAMEO code, exact (173) or prefix (17*)");
  cmd->add_option("--plover", args->filter.plover, "PLOVER event type (COERCE)");
  cmd->add_option("--modality", args->filter.modality, "asserted, planned, possible, ...")
      ->check(CLI::IsMember({"asserted", "planned", "possible", "requested", "denied", "negated",
                             "hypothetical", "historical"}));
  cmd->add_option("--from", args->filter.from, "First event date (YYYY-MM-DD)")
      ->check([](const std::string& v) { return CheckIsoDate(v, "").message(); });
  cmd->add_option("--to", args->filter.to, "Last event date (YYYY-MM-DD)")
      ->check([](const std::string& v) { return CheckIsoDate(v, "").message(); });
  cmd->add_option("--place", args->filter.place, "Event location: place name or country code");
  CLI::Option* story = cmd->add_option("--story", args->filter.story, "Events of this story id");
  cmd->add_flag("--why", args->why,
                "With --story: the story's articles and what ties each to it (names, places, "
                "words, events, score, nearest article) instead of its events")
      ->needs(story);
  cmd->add_option("--text", args->filter.text, "Sentence contains this text (case-insensitive)");
  cmd->add_option("--limit", args->filter.limit, "At most N events (0 = all)");
  cmd->add_flag("--json", args->json, "JSON lines (one event per line, as `dyad code --flat`)");
  cmd->add_flag("--summary", args->summary,
                "Readable summary of the store: counts, CAMEO roots, PLOVER types, top dyads");
  cmd->callback([run, args] { *run = [args] { return RunQuery(*args); }; });
}

}  // namespace dyad::cli
