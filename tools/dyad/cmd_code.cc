// `dyad code FILE...`: articles in, events out (JSON lines), or a readable summary.
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "batch_coder.h"
#include "commands.h"
#include "dyad/inputs.h"
#include "dyad/output.h"
#include "dyad/pipeline.h"
#include "input_options.h"

namespace dyad::cli {
namespace {

struct CodeArgs {
  std::vector<std::string> paths;
  std::vector<std::string> dicts;
  InputArgs input;
  bool flat = false;
  bool summary = false;
  bool explain = false;
  std::string format = "json";
  bool no_tagger = false;
  bool parse = false;
  bool require_dyad = false;
  bool strict = false;
  unsigned threads = 1;
  std::size_t batch = 256;
};

// Readable digest of what was coded, for people at a terminal.
class Summary {
 public:
  void Add(const Article& a, const CodedArticle& c) {
    ++articles_;
    sentences_ += c.sentence_count;
    events_ += c.events.size();
    std::string title = a.title.empty() ? a.id : a.title;
    if (title.size() > 70) title = title.substr(0, 67) + "...";
    lines_.push_back(std::to_string(c.events.size()) + " events  " +
                     (a.date.empty() ? "----------" : a.date) + "  " + title);
    for (const Event& e : c.events) {
      ++by_root_[e.cameo.substr(0, 2)];
      if (!e.plover_event.empty()) ++by_plover_[e.plover_event];
      std::string dyad =
          (e.source ? e.source->code : "?") + " -> " + (e.target ? e.target->code : "?");
      ++dyads_[dyad];
      if (examples_.size() < 12) {
        examples_.push_back(dyad + "  " + e.cameo +
                            (e.plover_event.empty() ? "" : " " + e.plover_event) + "  \"" +
                            Clip(SentenceOf(a, c, e)) + "\"");
      }
    }
  }
  void Print() const {
    std::printf("dyad: %zu articles, %zu sentences, %zu events\n\n", articles_, sentences_,
                events_);
    for (const std::string& l : lines_) std::printf("  %s\n", l.c_str());
    if (!by_root_.empty()) {
      std::printf("\nevents by CAMEO root:\n");
      for (const auto& [root, n] : by_root_) std::printf("  %s  %zu\n", root.c_str(), n);
    }
    if (!by_plover_.empty()) {
      std::printf("\nevents by PLOVER type:\n");
      for (const auto& [t, n] : by_plover_) std::printf("  %-12s %zu\n", t.c_str(), n);
    }
    if (!dyads_.empty()) {
      std::vector<std::pair<std::size_t, std::string>> top;
      for (const auto& [d, n] : dyads_) top.emplace_back(n, d);
      std::sort(top.rbegin(), top.rend());
      std::printf("\ntop dyads:\n");
      for (std::size_t i = 0; i < top.size() && i < 10; ++i)
        std::printf("  %-24s %zu\n", top[i].second.c_str(), top[i].first);
    }
    if (!examples_.empty()) {
      std::printf("\nexamples:\n");
      for (const std::string& e : examples_) std::printf("  %s\n", e.c_str());
    }
  }

 private:
  static std::string SentenceOf(const Article& a, const CodedArticle& c, const Event& e) {
    if (e.sentence >= c.sentence_spans.size()) return {};
    const Span& s = c.sentence_spans[e.sentence];
    return a.body.substr(s.begin, s.end - s.begin);
  }
  static std::string Clip(std::string s) {
    if (s.size() > 90) {
      std::size_t cut = 87;
      while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
        --cut;  // UTF-8 boundary
      s = s.substr(0, cut) + "...";
    }
    return s;
  }
  std::size_t articles_ = 0, sentences_ = 0, events_ = 0;
  std::vector<std::string> lines_, examples_;
  std::map<std::string, std::size_t> by_root_, by_plover_, dyads_;
};

int RunCode(const CodeArgs& args) {
  if (args.flat && args.format == "plover") {
    PrintError("--flat applies to --to json only (PLOVER records are already one per line)");
    return kExitUsage;
  }
  PipelineOptions po;
  po.dictionaries = args.dicts;
  po.use_tagger = !args.no_tagger;
  po.use_parser = args.parse;
  po.require_dyad = args.require_dyad;
  po.strict_dictionaries = args.strict;
  po.explain = args.explain;
  std::unique_ptr<Pipeline> pipeline = LoadPipeline(po, args.input.quiet);
  if (!pipeline) return kExitFailure;
  auto files = ExpandInputs(args.paths);
  if (!files.ok()) {
    PrintError(files.status().ToString());
    return kExitFailure;
  }
  Summary summary;
  int failures = 0, coding_failures = 0;
  std::string out;
  BatchCoder coder(*pipeline, args.threads, args.batch, [&](CodedBatch& b) {
    for (std::size_t i = 0; i < b.articles.size(); ++i) {
      if (!b.errors[i].empty()) {
        PrintError(b.errors[i]);
        ++coding_failures;
        continue;
      }
      if (args.explain) std::fputs(b.coded[i].trace.c_str(), stderr);
      if (args.summary) {
        summary.Add(b.articles[i], b.coded[i]);
        continue;
      }
      out.clear();
      if (args.format == "plover") {
        AppendPloverJson(b.articles[i], b.coded[i], &out);
      } else if (args.flat) {
        AppendFlatEventsJson(b.articles[i], b.coded[i], &out);
      } else {
        AppendArticleJson(b.articles[i], b.coded[i], &out);
        out.push_back('\n');
      }
      std::fwrite(out.data(), 1, out.size(), stdout);
    }
  });
  InputTally tally;
  for (const std::string& f : *files) {
    failures += ForEachArticle(
        f, args.input,
        [&](Article& a) {
          coder.Add(std::move(a));
          return true;
        },
        &tally);
  }
  coder.Finish();
  if (!ReportInputTally(tally, args.paths, args.input.quiet)) ++failures;
  failures += coding_failures;
  if (args.summary) summary.Print();
  std::fflush(stdout);
  return failures ? kExitFailure : kExitOk;
}

}  // namespace

void RegisterCode(CLI::App& app, Runner* run) {
  auto args = std::make_shared<CodeArgs>();
  CLI::App* cmd = app.add_subcommand("code", "Code articles into events (JSON lines)");
  cmd->add_option("paths", args->paths, "Files, folders, globs or - for stdin")->required();
  AddInputOptions(cmd, &args->input);
  cmd->add_option(
      "--dict", args->dicts,
      "Dictionary files or folders (TABARI/PETRARCH), layered in order; default: dyad's own");
  cmd->add_flag("--flat", args->flat, "One event per line (for pandas/R)");
  cmd->add_flag("--summary", args->summary, "Print a readable summary instead of JSON");
  cmd->add_option("--to", args->format,
                  "Output: json (one object per article; --flat for one event per line) or plover "
                  "(PLOVER records)")
      ->check(CLI::IsMember({"json", "plover"}))
      ->capture_default_str();
  cmd->add_flag("--explain", args->explain,
                "Print how each sentence was read (actors, tags, verbs, rules) to stderr");
  cmd->add_flag("--no-tagger", args->no_tagger, "Do not use the part-of-speech tagger");
  cmd->add_flag("--parse", args->parse,
                "Parse sentences and code them by clauses (subjects, objects, passives, event "
                "nouns) instead of by word position");
  cmd->add_flag("--require-dyad", args->require_dyad,
                "emit only events with both a source and a target (PETRARCH's require_dyad)");
  cmd->add_flag("--strict-dict", args->strict, "Treat dictionary warnings as errors");
  cmd->add_option("-j,--threads", args->threads, "Coding threads")->capture_default_str();
  cmd->callback([run, args] { *run = [args] { return RunCode(*args); }; });
}

}  // namespace dyad::cli
