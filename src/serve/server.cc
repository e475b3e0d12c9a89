// The HTTP server: cpp-httplib around HandleApi() and a static file handler.
#include <arpa/inet.h>
#include <httplib.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "dyad/serve.h"
#include "serve/guard.h"

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
constexpr int kListenBacklog = 1024;

// httplib's default sets SO_REUSEPORT, which lets a second process listen on
// the same port (the kernel then splits connections between two stores).
// SO_REUSEADDR alone only allows a restart over sockets in TIME_WAIT.
void ExclusiveSocketOptions(socket_t sock) {
  int yes = 1;
  setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  // A connection is handed to a worker only once its first bytes arrive: idle
  // connections wait in the kernel (and are dropped there) instead of holding
  // a worker thread each.
  int defer_seconds = 5;
  setsockopt(sock, IPPROTO_TCP, TCP_DEFER_ACCEPT, &defer_seconds, sizeof(defer_seconds));
}

// The public listening socket of host:port: exclusive (no port sharing), a
// backlog of kListenBacklog, idle connections kept in the kernel until their
// first bytes arrive. Errors name the address and why.
Result<int> OpenPublicSocket(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* list = nullptr;
  const std::string where = "serve: cannot listen on " + host + ":" + std::to_string(port) + ": ";
  if (int rc = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &list); rc != 0) {
    return IoError(where + "unknown host (" + gai_strerror(rc) + ")");
  }
  std::string reason = "no usable address";
  int fd = -1;
  for (addrinfo* a = list; a != nullptr && fd < 0; a = a->ai_next) {
    fd = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    ExclusiveSocketOptions(fd);
    if (bind(fd, a->ai_addr, a->ai_addrlen) != 0 || listen(fd, kListenBacklog) != 0) {
      const int err = errno;
      reason = err == EADDRINUSE ? "the address is already in use (another dyad serve, or another "
                                   "program, listens there; pick another --listen port)"
                                 : std::strerror(err);
      close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(list);
  if (fd < 0) return IoError(where + reason);
  return fd;
}

int BoundPort(int fd) {
  sockaddr_storage a{};
  socklen_t len = sizeof a;
  if (getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) return 0;
  if (a.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&a)->sin_port);
  if (a.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&a)->sin6_port);
  return 0;
}

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
  socket_t listen_fd = -1;
  std::unique_ptr<serve_internal::Guard> guard;

  // httplib (Debian's shared build) listens with a backlog of 5: a burst of
  // connections is refused by the kernel. listen() again raises it.
  void RaiseBacklog() const {
    if (listen_fd >= 0) ::listen(listen_fd, kListenBacklog);
  }

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
    http.set_socket_options([this](socket_t sock) {
      int yes = 1;
      setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
      listen_fd = sock;  // the last one created is the one bound
    });
    http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Content-Security-Policy",
                               "default-src 'self'; img-src 'self' data:; style-src 'self' "
                               "'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'"}});
    const std::size_t max_url = options.max_url_bytes;
    const std::size_t max_body = options.max_request_bytes;
    http.set_pre_routing_handler([max_url, max_body](const httplib::Request& req,
                                                     httplib::Response& res) {
      // Before any body is read: a Content-Length that is not a plain number
      // (negative, signed, empty) or is past the limit is refused at once, and
      // the connection closed (the body is never read).
      if (req.has_header("Content-Length")) {
        const std::string v = req.get_header_value("Content-Length");
        const bool digits =
            !v.empty() && v.size() <= 19 && v.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || req.get_header_value_count("Content-Length") != 1) {
          SetJsonError(res, 400, "bad_request",
                       "Content-Length must be one non-negative number of bytes");
          res.set_header("Connection", "close");
          return httplib::Server::HandlerResponse::Handled;
        }
        if (std::stoull(v) > max_body) {
          SetJsonError(res, 413, "limit_exceeded",
                       "the request body is too large (" + v + " bytes, at most " +
                           std::to_string(max_body) + ")");
          res.set_header("Connection", "close");
          return httplib::Server::HandlerResponse::Handled;
        }
      }
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
  // Clients meet the guard on the public address; the HTTP server listens on
  // a loopback port of its own and gets whole requests only.
  Result<int> public_fd = OpenPublicSocket(o.host, o.port);
  if (!public_fd.ok()) return public_fd.status();
  const int backend = impl_->http.bind_to_any_port("127.0.0.1");
  if (backend <= 0) {
    close(*public_fd);
    return IoError("serve: cannot bind a loopback port for the workers");
  }
  impl_->RaiseBacklog();
  impl_->port = BoundPort(*public_fd);
  serve_internal::GuardOptions g;
  g.backend_port = backend;
  g.request_deadline_ms = o.request_deadline_ms;
  g.max_body_bytes = o.max_request_bytes;
  g.max_connections = o.max_connections;
  impl_->guard = std::make_unique<serve_internal::Guard>(*public_fd, g);
  impl_->bound = true;
  return Status::Ok();
}

int Server::port() const { return impl_->port; }

Status Server::Run() {
  if (!impl_->bound) return InvalidArgument("serve: Run() before Bind()");
  std::thread front([this] { impl_->guard->Run(); });
  const bool listened = impl_->http.listen_after_bind();
  const bool failed = !listened && impl_->http.is_running();
  impl_->guard->Stop();
  front.join();
  if (failed) return IoError("serve: the listening socket failed");
  return Status::Ok();
}

void Server::Stop() {
  if (!impl_) return;
  if (impl_->guard) impl_->guard->Stop();
  impl_->http.stop();
}

}  // namespace dyad
