// `dyad stories`: the stories of a store (list, or one with why each article
// is in it); `dyad idf`: learn the story stage's IDF table from news corpora.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "commands.h"
#include "dyad/store.h"
#include "dyad/story.h"

namespace dyad::cli {
namespace {

struct StoriesArgs {
  std::string db = "dyad.db";
  std::int64_t story = 0;
  std::size_t limit = 20;
  bool all = false;
};

int ListStories(Store& store, const StoriesArgs& args) {
  auto stories = store.Stories();
  if (!stories.ok()) {
    PrintError(stories.status().ToString());
    return kExitFailure;
  }
  // Largest first (articles, then events); ties keep id order.
  std::stable_sort(stories->begin(), stories->end(), [](const StoryInfo& a, const StoryInfo& b) {
    return std::tie(a.articles, a.events) > std::tie(b.articles, b.events);
  });
  std::printf("%zu stories (largest first; dyad stories --story ID shows one)\n", stories->size());
  std::printf("%-6s %-8s %-7s %-7s %-10s %-10s  %s\n", "id", "articles", "sources", "events",
              "first", "last", "label");
  std::size_t shown = 0;
  for (const StoryInfo& st : *stories) {
    if (!args.all && shown++ >= args.limit) break;
    auto links = store.StoryLinks(st.id);
    std::vector<std::string> outlets;
    if (links.ok()) {
      for (const StoryLinkInfo& l : *links) {
        if (!l.source.empty() &&
            std::find(outlets.begin(), outlets.end(), l.source) == outlets.end())
          outlets.push_back(l.source);
      }
    }
    // Articles that name no outlet (plain text, ECB+, JSON lines without a
    // source) are not counted as sources; "-" when none of them names one.
    const std::string sources = outlets.empty() ? "-" : std::to_string(outlets.size());
    std::printf("%-6lld %-8lld %-7s %-7lld %-10s %-10s  %s\n", static_cast<long long>(st.id),
                static_cast<long long>(st.articles), sources.c_str(),
                static_cast<long long>(st.events),
                st.first_date.empty() ? "-" : st.first_date.c_str(),
                st.last_date.empty() ? "-" : st.last_date.c_str(), st.label.c_str());
  }
  return kExitOk;
}

}  // namespace

int PrintStoryWhy(Store& store, std::int64_t id) {
  auto stories = store.Stories(id - 1, 1);
  if (!stories.ok()) {
    PrintError(stories.status().ToString());
    return kExitFailure;
  }
  if (stories->empty() || stories->front().id != id) {
    PrintError("no story " + std::to_string(id));
    return kExitFailure;
  }
  const StoryInfo& st = stories->front();
  std::printf("story %lld: %s\n%lld articles, %lld events, %lld clusters, %s..%s\n",
              static_cast<long long>(st.id), st.label.c_str(), static_cast<long long>(st.articles),
              static_cast<long long>(st.events), static_cast<long long>(st.clusters),
              st.first_date.empty() ? "?" : st.first_date.c_str(),
              st.last_date.empty() ? "?" : st.last_date.c_str());
  auto links = store.StoryLinks(id);
  if (!links.ok()) {
    PrintError(links.status().ToString());
    return kExitFailure;
  }
  for (const StoryLinkInfo& l : *links) {
    std::printf("\n  article %lld  %s  %s  %s\n    why: %s\n",
                static_cast<long long>(l.link.article_id), l.date.empty() ? "-" : l.date.c_str(),
                l.source.empty() ? "-" : l.source.c_str(), l.title.c_str(),
                l.link.evidence.c_str());
  }
  return kExitOk;
}

namespace {

int RunStories(const StoriesArgs& args) {
  StoreOptions ro;
  ro.read_only = true;
  auto store = Store::Open(args.db, ro);
  if (!store.ok()) {
    PrintError(store.status().ToString());
    return kExitFailure;
  }
  return args.story ? PrintStoryWhy(**store, args.story) : ListStories(**store, args);
}

struct IdfArgs {
  std::vector<std::string> inputs;
  std::string out;
  std::uint64_t min_df = 3;
};

int RunIdf(const IdfArgs& args) {
  IdfBuilder builder;
  for (const std::string& in : args.inputs) {
    Status s = builder.AddJsonLines(in);
    if (!s.ok()) {
      PrintError(s.ToString());
      return kExitFailure;
    }
  }
  const std::string text = builder.Serialize(args.min_df);
  std::ofstream out(args.out, std::ios::binary);
  out << text;
  if (!out) {
    PrintError(args.out + ": write failed");
    return kExitFailure;
  }
  std::printf("dyad: %llu documents, IDF table written to %s\n",
              static_cast<unsigned long long>(builder.docs()), args.out.c_str());
  return kExitOk;
}

}  // namespace

void RegisterStories(CLI::App& app, Runner* run) {
  auto args = std::make_shared<StoriesArgs>();
  CLI::App* cmd = app.add_subcommand("stories", "List the stories of a store, or show one");
  cmd->add_option("--db", args->db, "Store: a file path, sqlite:PATH or postgresql://...")
      ->capture_default_str();
  cmd->add_option("--story", args->story,
                  "Show this story: its articles and why each joined (names, places, words)");
  cmd->add_option("--limit", args->limit, "List at most N stories")->capture_default_str();
  cmd->add_flag("--all", args->all, "List every story");
  cmd->callback([run, args] { *run = [args] { return RunStories(*args); }; });

  auto idf = std::make_shared<IdfArgs>();
  CLI::App* learn = app.add_subcommand(
      "idf",
      "Learn the story stage's IDF table from JSON-lines news corpora (.jsonl or .jsonl.gz)");
  learn->add_option("inputs", idf->inputs, "Corpus files")->required();
  learn->add_option("--out", idf->out, "Output file (data/story/idf.tsv)")->required();
  learn->add_option("--min-df", idf->min_df, "Keep terms in at least N documents")
      ->capture_default_str();
  learn->callback([run, idf] { *run = [idf] { return RunIdf(*idf); }; });
}

}  // namespace dyad::cli
