// `dyad serve`: the read-only JSON API and the web page over a store.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "commands.h"
#include "dyad/serve.h"

#ifndef DYAD_WEB_DIR
#define DYAD_WEB_DIR ""
#endif

namespace dyad::cli {
namespace {

struct ServeArgs {
  std::string db = "dyad.db";
  std::string listen = "127.0.0.1:8080";
  std::string web = DYAD_WEB_DIR;
  bool no_web = false;
  int threads = 8;
  int query_timeout_ms = 5000;
  std::size_t max_page = 500;
};

// "HOST:PORT", "[v6]:PORT" or ":PORT" (loopback).
bool ParseListen(const std::string& s, std::string* host, int* port) {
  std::size_t colon = s.rfind(':');
  if (colon == std::string::npos) return false;
  std::string h = s.substr(0, colon), p = s.substr(colon + 1);
  if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
  if (h.empty()) h = "127.0.0.1";
  if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  *port = std::stoi(p);
  if (*port > 65535) return false;
  *host = h;
  return true;
}

int RunServe(const ServeArgs& args) {
  ServeOptions o;
  o.db = args.db;
  if (!ParseListen(args.listen, &o.host, &o.port)) {
    PrintError("--listen: expected HOST:PORT (127.0.0.1:8080), got '" + args.listen + "'");
    return kExitUsage;
  }
  o.web_dir = args.no_web ? "" : args.web;
  if (!o.web_dir.empty() && o.web_dir == DYAD_WEB_DIR &&
      !std::filesystem::exists(std::filesystem::path(o.web_dir) / "index.html")) {
    PrintError("warning: the web page was not built (" + o.web_dir +
               "; build the dyad_web target): serving the API only");
    o.web_dir.clear();
  }
  o.threads = args.threads;
  o.query_timeout_ms = args.query_timeout_ms;
  o.limits.max_page = args.max_page;
  if (o.limits.default_page > o.limits.max_page) o.limits.default_page = o.limits.max_page;

  // SIGINT/SIGTERM are taken by sigwait on this thread: block them before any
  // worker thread starts so every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto server = Server::Create(o);
  if (!server.ok()) {
    PrintError(server.status().ToString());
    return kExitFailure;
  }
  if (Status s = (*server)->Bind(); !s.ok()) {
    PrintError(s.ToString());
    return kExitFailure;
  }
  Status run_status;
  std::thread runner([&] {
    run_status = (*server)->Run();
    // Wake the waiting thread if the server stopped on its own.
    kill(getpid(), SIGTERM);
  });
  std::string shown_host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  std::printf("dyad: serving %s on http://%s:%d/%s\n", o.db.c_str(), shown_host.c_str(),
              (*server)->port(), o.web_dir.empty() ? " (API only: no web directory)" : "");
  std::fflush(stdout);
  int sig = 0;
  sigwait(&stop_signals, &sig);
  (*server)->Stop();
  runner.join();
  std::fprintf(stderr, "dyad: serve stopped\n");
  if (!run_status.ok()) {
    PrintError(run_status.ToString());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

void RegisterServe(CLI::App& app, Runner* run) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve a store: read-only JSON API and web page");
  cmd->add_option("--db", args->db, "Store: a file path, sqlite:PATH or postgresql://...")
      ->capture_default_str();
  cmd->add_option("--listen", args->listen,
                  "HOST:PORT to listen on (loopback by default; 0.0.0.0:PORT opens it; port 0 "
                  "picks a free one)")
      ->capture_default_str();
  cmd->add_option("--web", args->web, "Folder of the web page (built by the dyad_web target)")
      ->capture_default_str();
  cmd->add_flag("--no-web", args->no_web, "Serve the API only");
  cmd->add_option("--threads", args->threads, "Worker threads (one store handle each)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--query-timeout-ms", args->query_timeout_ms,
                  "Longest store read per request, in milliseconds (503 past it)")
      ->check(CLI::Range(1, 600000))
      ->capture_default_str();
  cmd->add_option("--max-page", args->max_page, "Largest page of events (limit=)")
      ->check(CLI::Range(1, 100000))
      ->capture_default_str();
  cmd->callback([run, args] { *run = [args] { return RunServe(*args); }; });
}

}  // namespace dyad::cli
