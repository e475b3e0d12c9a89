// `dyad eval gold FILE` and `dyad eval weak`: measuring the coder on real text
// (tests/gold/README.md). The scoring lives in the eval stage.
#include <cstdio>
#include <fstream>

#include "commands.h"
#include "dyad/eval.h"
#include "input_options.h"

namespace dyad::cli {
namespace {

struct EvalArgs {
  std::string file;
  std::string shared = DYAD_SHARED_DIR_DEFAULT;
  std::string json_out;
  std::string data_dir;
  bool show = false;     // print each sentence with its text (human review)
  bool details = false;  // print gold and predicted events per sentence
  bool allow_drift = false;
  bool context = false;       // code each sentence with its document before it
  bool parse = false;         // code by clauses from the parser's trees
  bool require_dyad = false;  // PETRARCH's require_dyad
  double min_event_f1 = -1, min_event_precision = -1, min_type_f1 = -1;
  std::size_t per_section = 2000;
  std::string seed = "dyad-weak-2026";
};

void ShowGold(const std::vector<GoldSentence>& gold, const std::vector<std::string>& texts) {
  for (std::size_t i = 0; i < gold.size(); ++i) {
    const auto& g = gold[i];
    std::printf("%s\t%s\t%s\t%s\t%s\n", g.id.c_str(), ShortHash(texts[i]).c_str(),
                g.date.empty() ? "-" : g.date.c_str(), g.label.c_str(), texts[i].c_str());
    for (const auto& e : g.events)
      std::printf("\t%s %s\t%s [%s] -> %s [%s]\tplace=%s/%s date=%s/%s\n", e.cameo.c_str(),
                  e.plover_event.c_str(), e.source ? e.source->text.c_str() : "-",
                  e.source ? e.source->code.c_str() : "", e.target ? e.target->text.c_str() : "-",
                  e.target ? e.target->code.c_str() : "", e.place_text.c_str(),
                  e.place_country.c_str(), e.date_value.c_str(), e.date_precision.c_str());
  }
}

// The pipeline the flags ask for: data folder, clause coder, require_dyad.
PipelineOptions PipelineOptionsFor(const EvalArgs& a) {
  PipelineOptions po;
  po.data_dir = a.data_dir;
  po.use_parser = a.parse;
  po.require_dyad = a.require_dyad;
  return po;
}

bool Floor(const char* what, double got, double floor) {
  if (floor < 0 || got >= floor) return true;
  std::fprintf(stderr, "dyad: %s %.3f is below the floor %.3f\n", what, got, floor);
  return false;
}

int RunGoldCmd(const EvalArgs& a) {
  auto gold = LoadGold(a.file);
  if (!gold.ok()) return PrintError(gold.status().ToString()), kExitFailure;
  auto texts = ResolveGoldTexts(*gold, a.shared, a.allow_drift || a.show);
  if (!texts.ok()) return PrintError(texts.status().ToString()), kExitFailure;
  if (a.show) return ShowGold(*gold, *texts), kExitOk;
  PipelineOptions po = PipelineOptionsFor(a);
  auto pipeline = LoadPipeline(po, true);
  if (!pipeline) return kExitFailure;
  Result<std::vector<GoldDocument>> documents = std::vector<GoldDocument>{};
  if (a.context) documents = ResolveGoldDocuments(*gold, *texts, a.shared);
  if (!documents.ok()) return PrintError(documents.status().ToString()), kExitFailure;
  std::string details;
  auto scores = RunGold(*pipeline, *gold, *texts, a.details ? &details : nullptr,
                        a.context ? &*documents : nullptr);
  if (!scores.ok()) return PrintError(scores.status().ToString()), kExitFailure;
  std::fputs(details.c_str(), stdout);
  std::fputs(FormatGoldScores(*scores).c_str(), stdout);
  if (!a.json_out.empty()) {
    std::ofstream out(a.json_out);
    out << GoldScoresJson(*scores);
    if (!out) return PrintError(a.json_out + ": cannot write"), kExitFailure;
  }
  const Prf& ev = scores->events.at("all");
  // Every floor is checked (and reported) even when an earlier one failed.
  int below = 0;
  below += !Floor("event F1", ev.F1(), a.min_event_f1);
  below += !Floor("event precision", ev.Precision(), a.min_event_precision);
  below += !Floor("type F1", scores->types.at("all").F1(), a.min_type_f1);
  return below == 0 ? kExitOk : kExitFailure;
}

int RunWeakCmd(const EvalArgs& a) {
  PipelineOptions po = PipelineOptionsFor(a);
  auto pipeline = LoadPipeline(po, true);
  if (!pipeline) return kExitFailure;
  std::string path =
      a.file.empty() ? a.shared + "/data/current-events/current-events-2002-2021.jsonl.gz" : a.file;
  auto weak = RunWeakLabels(*pipeline, path, a.per_section, a.seed);
  if (!weak.ok()) return PrintError(weak.status().ToString()), kExitFailure;
  std::fputs(FormatWeakLabels(*weak).c_str(), stdout);
  return kExitOk;
}

}  // namespace

void RegisterEval(CLI::App& app, Runner* run) {
  auto* cmd = app.add_subcommand("eval", "measure the coder on real text (gold set, weak labels)");
  cmd->require_subcommand(1);
  static EvalArgs args;
  auto* gold = cmd->add_subcommand("gold", "score the pipeline on a gold set (tests/gold/)");
  gold->add_option("file", args.file, "gold JSONL (tests/gold/events.jsonl)")->required();
  gold->add_option("--shared", args.shared, "the shared data folder the pointers resolve in");
  gold->add_option("--json", args.json_out, "write the JSON summary here");
  gold->add_option("--data-dir", args.data_dir, "dyad data folder");
  gold->add_flag("--show", args.show, "print each sentence's text and annotations, no scoring");
  gold->add_flag("--details", args.details, "print gold and predicted events per sentence");
  gold->add_flag("--parse", args.parse,
                 "code by clauses from dependency trees (dyad code --parse)");
  gold->add_flag("--require-dyad", args.require_dyad,
                 "emit only events with both a source and a target (PETRARCH's require_dyad)");
  gold->add_flag("--context", args.context,
                 "code each sentence with its document up to it (re3d, Reuters, GUM, ECB+); "
                 "score only the sentence's events");
  gold->add_flag("--allow-drift", args.allow_drift, "score even when a text hash changed");
  gold->add_option("--min-event-f1", args.min_event_f1, "fail below this event F1");
  gold->add_option("--min-event-precision", args.min_event_precision,
                   "fail below this event precision");
  gold->add_option("--min-type-f1", args.min_type_f1, "fail below this type-only F1");
  gold->callback([run] { *run = [] { return RunGoldCmd(args); }; });
  auto* weak = cmd->add_subcommand("weak", "per-section conflict shares on current events");
  weak->add_option("file", args.file, "current-events JSONL(.gz); default: the shared one");
  weak->add_option("--shared", args.shared, "the shared data folder");
  weak->add_option("--per-section", args.per_section, "bullets per section (default 2000)");
  weak->add_option("--seed", args.seed, "sampling seed");
  weak->add_option("--data-dir", args.data_dir, "dyad data folder");
  weak->add_flag("--parse", args.parse, "code by clauses from dependency trees");
  weak->add_flag("--require-dyad", args.require_dyad,
                 "emit only events with both a source and a target (PETRARCH's require_dyad)");
  weak->callback([run] { *run = [] { return RunWeakCmd(args); }; });
}

}  // namespace dyad::cli
