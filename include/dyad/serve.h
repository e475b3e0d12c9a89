// Copyright dyad authors. Stage `serve`: a read-only JSON API over a store and
// the static web page that explores it (docs/api.md).
//
// Two layers:
//  - HandleApi(): the whole API as a function of (store, method, path, query
//    parameters) -> (HTTP status, JSON body). No sockets; unit-testable.
//    Every parameter is validated: bad input answers 4xx with
//    {"error": {"code": "...", "field": "...", "message": "..."}}, never 500.
//  - Server: binds host:port with cpp-httplib, answers /api/* through
//    HandleApi() with one read-only Store handle per worker thread, and serves
//    the files of a web directory (no path traversal, content types by
//    extension).
//
// There is no write endpoint: the API only reads.
//
// Thread-safety: HandleApi() is reentrant but uses `store`, which is one
// thread at a time. Server::Stop() may be called from any thread.
#ifndef DYAD_SERVE_H_
#define DYAD_SERVE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dyad/status.h"
#include "dyad/store.h"

namespace dyad {

// Limits of the API (docs/api.md, "Limits").
struct ApiLimits {
  std::size_t default_page = 50;          // events or stories per page when no `limit`
  std::size_t max_page = 500;             // larger `limit` answers 400
  std::size_t max_facet_rows = 5000;      // per facet
  std::size_t max_story_mentions = 2000;  // mentions listed by /api/stories/{id}
  std::size_t max_param_bytes = 512;      // longest parameter value
  std::size_t max_params = 32;            // most parameters in one request
};

// Query parameters in request order (name, decoded value); a name may repeat
// (answered 400).
using ApiParams = std::vector<std::pair<std::string, std::string>>;

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON
};

// Answers one API request. `path` starts with "/api/" (no query string);
// `method` is "GET" (also HEAD, same answer); others answer 405.
ApiResponse HandleApi(Store& store, std::string_view method, std::string_view path,
                      const ApiParams& params, const ApiLimits& limits = {});

// The JSON error body: {"error": {"code", "field" (null when none), "message"}}.
std::string ApiErrorJson(std::string_view code, std::string_view field, std::string_view message);

// HTTP status for a store error: not_found 404, invalid_argument/parse_error
// 400, limit_exceeded (query time) 503, io_error (busy) 503, others 500.
int HttpStatusFor(ErrorCode code);

struct ServeOptions {
  std::string db;                             // store URI (Store::Open)
  std::string host = "127.0.0.1";             // loopback only unless told otherwise
  int port = 8080;                            // 0 = any free port (see Server::port())
  std::string web_dir;                        // static files; empty = API only
  int threads = 4;                            // worker threads = read-only store handles
  int query_timeout_ms = 5000;                // longest store read per request (503 past it)
  std::size_t max_request_bytes = 16 * 1024;  // request body limit (413 above)
  std::size_t max_url_bytes = 4096;           // longer request targets answer 414
  // A request's head and body must arrive within this (408 past it); slow or
  // idle clients never hold a worker thread: requests reach the workers whole.
  int request_deadline_ms = 10000;
  int max_connections = 256;  // open at once; more answer 503 at once
  ApiLimits limits;
};

class Server {
 public:
  // Opens `threads` read-only handles on the store (it must exist) and checks
  // the web directory. Does not bind yet.
  static Result<std::unique_ptr<Server>> Create(const ServeOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port (port 0 picks a free one). kIoError when it cannot, naming
  // why; an address another process listens on is refused (no port sharing).
  Status Bind();
  // The bound port (after Bind()).
  int port() const;
  // Serves until Stop(); returns when stopped. Requires Bind().
  Status Run();
  // Asks Run() to return; safe from any thread, idempotent.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Content type of a static file by its extension ("application/octet-stream"
// when unknown).
std::string_view ContentTypeFor(std::string_view path);

// Maps a decoded URL path ("/", "/index.html", "/assets/app.js") to a file
// under `root`: "/" -> index.html. kNotFound for a path that is not a plain
// relative path (".." or "." segments, backslashes, NUL, control bytes) or
// that resolves outside `root` (symlinks included) or to no regular file.
Result<std::string> ResolveStaticPath(const std::string& root, std::string_view url_path);

}  // namespace dyad

#endif  // DYAD_SERVE_H_
