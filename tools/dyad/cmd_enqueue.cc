// `dyad enqueue PATH... --redis URI`: put articles on a Redis stream for
// `dyad worker` processes to code.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "commands.h"
#include "dyad/inputs.h"
#include "dyad/queue.h"
#include "input_options.h"

namespace dyad::cli {
namespace {

struct EnqueueArgs {
  std::vector<std::string> paths;
  InputArgs input;
  std::string redis = "redis://127.0.0.1:6379";
  std::string stream = "dyad:articles";
  std::string group = "dyad";
  std::size_t batch = 500;
  std::size_t max_message_bytes = kDefaultMaxMessageBytes;
};

int RunEnqueue(const EnqueueArgs& args) {
  auto files = ExpandInputs(args.paths);
  if (!files.ok()) {
    PrintError(files.status().ToString());
    return kExitFailure;
  }
  RedisQueueOptions qo;
  qo.uri = args.redis;
  qo.stream = args.stream;
  qo.group = args.group;
  if (!args.input.quiet) {
    qo.log = [](const Diagnostic& d) { PrintError("enqueue: " + d.ToString()); };
  }
  auto queue = OpenRedisQueue(qo);
  if (!queue.ok()) {
    PrintError(queue.status().ToString());
    return kExitFailure;
  }
  const auto start = std::chrono::steady_clock::now();
  long long read = 0, enqueued = 0, too_large = 0;
  std::size_t bytes = 0;
  bool fatal = false;
  std::vector<std::string> pending;
  auto flush = [&] {
    if (pending.empty() || fatal) return;
    auto ids = (*queue)->Enqueue(pending);
    if (!ids.ok()) {
      PrintError(ids.status().ToString());
      fatal = true;
      return;
    }
    enqueued += static_cast<long long>(ids->size());
    pending.clear();
  };
  int read_failures = 0;
  for (const std::string& f : *files) {
    if (fatal) break;
    read_failures += ForEachArticle(f, args.input, [&](Article& a) {
      if (fatal) return true;
      ++read;
      std::string message = ArticleToMessage(a);
      if (message.size() > args.max_message_bytes) {
        PrintError(a.origin + ": message of " + std::to_string(message.size()) +
                   " bytes is over --max-message-bytes " + std::to_string(args.max_message_bytes) +
                   "; not enqueued");
        ++too_large;
        return false;
      }
      bytes += message.size();
      pending.push_back(std::move(message));
      if (pending.size() >= args.batch) flush();
      return true;
    });
  }
  flush();
  const double t = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "dyad: enqueued %lld of %lld articles (%.1f MB) from %zu inputs onto %s at %s in %.1f s; "
      "%lld too large, %d read failures\n",
      enqueued, read, static_cast<double>(bytes) / 1e6, files->size(), args.stream.c_str(),
      args.redis.c_str(), t, too_large, read_failures - static_cast<int>(too_large));
  std::fflush(stdout);
  return (fatal || read_failures) ? kExitFailure : kExitOk;
}

}  // namespace

void RegisterEnqueue(CLI::App& app, Runner* run) {
  auto args = std::make_shared<EnqueueArgs>();
  CLI::App* cmd =
      app.add_subcommand("enqueue", "Put articles on a Redis stream for `dyad worker`s to code");
  cmd->add_option("paths", args->paths, "Files, folders, globs or - for stdin")->required();
  cmd->add_option("--redis", args->redis, "Redis server: redis://[:password@]host[:port][/db]")
      ->capture_default_str();
  cmd->add_option("--stream", args->stream, "Stream name")->capture_default_str();
  cmd->add_option("--group", args->group, "Consumer group the workers join (created if missing)")
      ->capture_default_str();
  cmd->add_option("--batch", args->batch, "Messages sent per round trip")
      ->capture_default_str()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--max-message-bytes", args->max_message_bytes,
                  "Largest message (article JSON) put on the stream")
      ->capture_default_str();
  AddInputOptions(cmd, &args->input);
  cmd->callback([run, args] { *run = [args] { return RunEnqueue(*args); }; });
}

}  // namespace dyad::cli
