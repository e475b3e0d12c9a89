// The HTTP server: cpp-httplib around HandleApi() and a static file handler.
#include <httplib.h>

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "dyad/serve.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

// Read-only store handles, one per worker thread: a handle is used by one
// thread at a time, so a request borrows one for its duration.
class StorePool {
 public:
  void Add(std::unique_ptr<Store> s) { free_.push_back(std::move(s)); }

  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<Store> s) : pool_(pool), store_(std::move(s)) {}
    ~Lease() { pool_->Release(std::move(store_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Store& operator*() { return *store_; }

   private:
    StorePool* pool_;
    std::unique_ptr<Store> store_;
  };

  Lease Acquire() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return !free_.empty(); });
    std::unique_ptr<Store> s = std::move(free_.back());
    free_.pop_back();
    return Lease(this, std::move(s));
  }

 private:
  void Release(std::unique_ptr<Store> s) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      free_.push_back(std::move(s));
    }
    cv_.notify_one();
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Store>> free_;
};

bool BadPathByte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f || c == '\\' || c == ':';
}

const char kJson[] = "application/json; charset=utf-8";

void SetJsonError(httplib::Response& res, int status, std::string_view code,
                  std::string_view message) {
  res.status = status;
  res.set_content(ApiErrorJson(code, "", message), kJson);
}

}  // namespace

std::string_view ContentTypeFor(std::string_view path) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".ico", "image/x-icon"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json; charset=utf-8"},
  };
  for (const auto& [ext, type] : kTypes) {
    if (path.size() >= ext.size() && path.substr(path.size() - ext.size()) == ext) return type;
  }
  return "application/octet-stream";
}

Result<std::string> ResolveStaticPath(const std::string& root, std::string_view url_path) {
  auto not_found = [&] { return NotFound("no file " + std::string(url_path.substr(0, 200))); };
  if (url_path.empty() || url_path.front() != '/') return not_found();
  std::string rel(url_path.substr(1));
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  // Every segment is a plain name: no "", ".", "..", no backslash, colon or control bytes.
  std::size_t p = 0;
  while (p <= rel.size()) {
    std::size_t q = rel.find('/', p);
    if (q == std::string::npos) q = rel.size();
    std::string_view seg(rel.data() + p, q - p);
    if (seg.empty() || seg == "." || seg == ".." ||
        std::any_of(seg.begin(), seg.end(), BadPathByte)) {
      return not_found();
    }
    p = q + 1;
  }
  std::error_code ec;
  fs::path base = fs::canonical(root, ec);
  if (ec) return NotFound("web directory " + root + " does not exist");
  fs::path file = fs::canonical(base / rel, ec);
  if (ec) return not_found();
  // Inside the root, even through symlinks.
  std::string b = base.string() + "/", f = file.string();
  if (f.compare(0, b.size(), b) != 0) return not_found();
  if (!fs::is_regular_file(file, ec) || ec) return not_found();
  return f;
}

struct Server::Impl {
  ServeOptions options;
  StorePool pool;
  httplib::Server http;
  int port = 0;
  bool bound = false;

  void ServeApi(const httplib::Request& req, httplib::Response& res) {
    ApiParams params;
    params.reserve(req.params.size());
    for (const auto& [k, v] : req.params) params.emplace_back(k, v);
    ApiResponse r;
    {
      StorePool::Lease store = pool.Acquire();
      r = HandleApi(*store, req.method, req.path, params, options.limits);
    }
    res.status = r.status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(r.body), kJson);
  }

  void ServeStatic(const httplib::Request& req, httplib::Response& res) {
    if (options.web_dir.empty()) {
      SetJsonError(res, 404, "not_found", "no web directory: this server only answers /api/");
      return;
    }
    auto file = ResolveStaticPath(options.web_dir, req.path);
    if (!file.ok()) {
      SetJsonError(res, 404, "not_found", "no such file");
      return;
    }
    std::ifstream in(*file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!in.good() && !in.eof()) {
      SetJsonError(res, 404, "not_found", "cannot read the file");
      return;
    }
    res.status = 200;
    res.set_header("Cache-Control", "no-cache");
    res.set_content(ss.str(), std::string(ContentTypeFor(*file)));
  }

  void Setup() {
    const int threads = std::clamp(options.threads, 1, 256);
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(options.max_request_bytes);
    http.set_read_timeout(5, 0);
    http.set_write_timeout(5, 0);
    http.set_keep_alive_timeout(2);
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Content-Security-Policy",
                               "default-src 'self'; img-src 'self' data:; style-src 'self' "
                               "'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'"}});
    const std::size_t max_url = options.max_url_bytes;
    http.set_pre_routing_handler([max_url](const httplib::Request& req, httplib::Response& res) {
      if (req.target.size() > max_url) {
        SetJsonError(res, 414, "limit_exceeded",
                     "the request URL is too long (" + std::to_string(req.target.size()) +
                         " bytes, at most " + std::to_string(max_url) + ")");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    auto get = [this](const httplib::Request& req, httplib::Response& res) {
      if (req.path == "/api" || req.path.starts_with("/api/")) {
        ServeApi(req, res);
      } else {
        ServeStatic(req, res);
      }
    };
    http.Get(".*", get);
    auto refuse = [](const httplib::Request&, httplib::Response& res) {
      SetJsonError(res, 405, "method_not_allowed", "this server only reads: use GET");
      res.set_header("Allow", "GET, HEAD");
    };
    http.Post(".*", refuse);
    http.Put(".*", refuse);
    http.Patch(".*", refuse);
    http.Delete(".*", refuse);
    http.Options(".*", refuse);
    // Errors httplib answers itself (400 bad request line, 404, 413 payload,
    // 414 URI) get a JSON body too.
    http.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          std::string code = res.status == 404   ? "not_found"
                             : res.status == 413 ? "limit_exceeded"
                             : res.status == 414 ? "limit_exceeded"
                             : res.status == 405 ? "method_not_allowed"
                                                 : "bad_request";
          res.set_content(
              ApiErrorJson(code, "", "HTTP " + std::to_string(res.status) + ": " + code), kJson);
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          SetJsonError(res, 500, "internal", "internal error");
        });
  }
};

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Create(const ServeOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (options.limits.max_page == 0 || options.limits.default_page == 0 ||
      options.limits.default_page > options.limits.max_page) {
    return InvalidArgument("serve: page limits: need 0 < default_page <= max_page");
  }
  if (!options.web_dir.empty()) {
    std::error_code ec;
    if (!fs::is_directory(options.web_dir, ec)) {
      return NotFound("serve: web directory " + options.web_dir + " does not exist");
    }
    if (!fs::is_regular_file(fs::path(options.web_dir) / "index.html", ec)) {
      return NotFound("serve: web directory " + options.web_dir + " has no index.html");
    }
  }
  StoreOptions so;
  so.read_only = true;
  so.query_timeout_ms = options.query_timeout_ms;
  const int threads = std::clamp(options.threads, 1, 256);
  for (int i = 0; i < threads; ++i) {
    auto store = Store::Open(options.db, so);
    if (!store.ok()) return store.status();
    impl->pool.Add(std::move(*store));
  }
  impl->Setup();
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Bind() {
  if (impl_->bound) return Status::Ok();
  const ServeOptions& o = impl_->options;
  if (o.port < 0 || o.port > 65535) {
    return InvalidArgument("serve: port " + std::to_string(o.port) + " is not in 0..65535");
  }
  if (o.port == 0) {
    int p = impl_->http.bind_to_any_port(o.host);
    if (p <= 0) return IoError("serve: cannot bind " + o.host + " on any port");
    impl_->port = p;
  } else {
    if (!impl_->http.bind_to_port(o.host, o.port)) {
      return IoError("serve: cannot bind " + o.host + ":" + std::to_string(o.port) +
                     " (in use, or not an address of this machine)");
    }
    impl_->port = o.port;
  }
  impl_->bound = true;
  return Status::Ok();
}

int Server::port() const { return impl_->port; }

Status Server::Run() {
  if (!impl_->bound) return InvalidArgument("serve: Run() before Bind()");
  if (!impl_->http.listen_after_bind() && impl_->http.is_running()) {
    return IoError("serve: the listening socket failed");
  }
  return Status::Ok();
}

void Server::Stop() {
  if (impl_) impl_->http.stop();
}

}  // namespace dyad
