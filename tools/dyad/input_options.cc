#include "input_options.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "commands.h"
#include "dyad/date.h"

namespace dyad::cli {

void AddInputOptions(CLI::App* cmd, InputArgs* args) {
  cmd->add_option("--format", args->format, "Input format: auto, text, html, jsonl, warc, petrarch")
      ->capture_default_str()
      ->check([](const std::string& v) {
        auto f = ParseFormat(v);
        return f.ok() ? std::string() : f.status().message();
      });
  cmd->add_option("--date", args->date, "Publication date (YYYY-MM-DD) for inputs that carry none")
      ->check([](const std::string& v) { return CheckIsoDate(v, "").message(); });
  cmd->add_option("--max-article-bytes", args->max_article_bytes, "Largest article body accepted")
      ->capture_default_str();
  cmd->add_flag("--keep-boilerplate", args->keep_boilerplate,
                "Keep affiliate, newsletter and similar lines");
  cmd->add_flag("-q,--quiet", args->quiet, "Do not print warnings");
}

ReadOptions ToReadOptions(const InputArgs& args) {
  ReadOptions o;
  auto f = ParseFormat(args.format);
  o.format = f.ok() ? *f : Format::kAuto;
  o.default_date = args.date;
  o.max_article_bytes = args.max_article_bytes;
  o.remove_boilerplate = !args.keep_boilerplate;
  return o;
}

int ForEachArticle(const std::string& path, const InputArgs& args,
                   const std::function<bool(Article&)>& fn, InputTally* tally) {
  InputTally ignored;
  if (tally == nullptr) tally = &ignored;
  DiagnosticSink warn = [quiet = args.quiet, tally](const Diagnostic& d) {
    ++tally->warnings;
    if (!quiet) std::fprintf(stderr, "dyad: warning: %s\n", d.ToString().c_str());
  };
  auto reader = OpenArticleReader(path, ToReadOptions(args), warn);
  if (!reader.ok()) {
    PrintError(reader.status().ToString());
    return 1;
  }
  int failures = 0;
  Article article;
  for (;;) {
    article = Article{};
    Result<bool> more = (*reader)->Next(&article);
    if (!more.ok()) {
      PrintError(more.status().ToString());
      return failures + 1;
    }
    if (!*more) break;
    ++tally->articles;
    if (!fn(article)) ++failures;
  }
  return failures;
}

bool ReportInputTally(const InputTally& tally, const std::vector<std::string>& paths, bool quiet) {
  if (tally.articles == 0) {
    std::string shown;
    for (const std::string& p : paths) shown += (shown.empty() ? "" : " ") + p;
    PrintError("no readable article in " + shown +
               " (inputs: .txt .html .jsonl .warc .warc.gz .xml files or folders of them)");
    return false;
  }
  if (tally.warnings > 0 && !quiet) {
    std::fprintf(stderr, "dyad: %zu input warning%s (above); %zu article%s read\n", tally.warnings,
                 tally.warnings == 1 ? "" : "s", tally.articles, tally.articles == 1 ? "" : "s");
  }
  return true;
}

namespace {

// A --dict file with no entry (empty, or only blank and comment lines) loads
// without error but codes nothing: say so.
void WarnEmptyDictionaryFiles(const std::vector<std::string>& paths) {
  for (const std::string& p : paths) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(p, ec)) continue;
    std::ifstream in(p);
    std::string line;
    bool entry = false;
    while (!entry && std::getline(in, line)) {
      std::size_t i = line.find_first_not_of(" \t\r");
      entry = i != std::string::npos && line[i] != '#';
    }
    if (!entry) PrintError("warning: --dict " + p + " holds no dictionary entry (empty file?)");
  }
}

}  // namespace

std::unique_ptr<Pipeline> LoadPipeline(const PipelineOptions& options, bool quiet) {
  WarnEmptyDictionaryFiles(options.dictionaries);
  std::size_t dict_warnings = 0;
  auto pipeline = Pipeline::Create(options, [&](const Diagnostic&) { ++dict_warnings; });
  if (!pipeline.ok()) {
    PrintError(pipeline.status().ToString());
    return nullptr;
  }
  if (dict_warnings && !quiet) {
    std::string where;
    for (const std::string& p : options.dictionaries) where += " " + p;
    if (where.empty()) where = " data/dict";
    std::fprintf(stderr,
                 "dyad: %zu dictionary warnings (list them: dyad dict stats --warnings%s)\n",
                 dict_warnings, where.c_str());
  }
  return std::move(*pipeline);
}

}  // namespace dyad::cli
