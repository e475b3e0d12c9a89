#include "input_options.h"

#include <cstdio>

#include "commands.h"

namespace dyad::cli {

void AddInputOptions(CLI::App* cmd, InputArgs* args) {
  cmd->add_option("--format", args->format, "Input format: auto, text, html, jsonl, warc, petrarch")
      ->capture_default_str()
      ->check([](const std::string& v) {
        auto f = ParseFormat(v);
        return f.ok() ? std::string() : f.status().message();
      });
  cmd->add_option("--date", args->date, "Publication date (YYYY-MM-DD) for inputs that carry none")
      ->check([](const std::string& v) {
        bool ok = v.size() == 10 && v[4] == '-' && v[7] == '-';
        for (std::size_t i = 0; ok && i < v.size(); ++i) {
          if (i != 4 && i != 7 && (v[i] < '0' || v[i] > '9')) ok = false;
        }
        return ok ? std::string() : "--date must be YYYY-MM-DD, got '" + v + "'";
      });
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
                   const std::function<bool(Article&)>& fn) {
  DiagnosticSink warn;
  if (!args.quiet) {
    warn = [](const Diagnostic& d) {
      std::fprintf(stderr, "dyad: warning: %s\n", d.ToString().c_str());
    };
  }
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
    if (!fn(article)) ++failures;
  }
  return failures;
}

std::unique_ptr<Pipeline> LoadPipeline(const PipelineOptions& options, bool quiet) {
  std::size_t dict_warnings = 0;
  auto pipeline = Pipeline::Create(options, [&](const Diagnostic&) { ++dict_warnings; });
  if (!pipeline.ok()) {
    PrintError(pipeline.status().ToString());
    return nullptr;
  }
  if (dict_warnings && !quiet) {
    std::fprintf(stderr, "dyad: %zu dictionary warnings (see `dyad dict check`)\n", dict_warnings);
  }
  return std::move(*pipeline);
}

}  // namespace dyad::cli
