// The HTTP server in-process on a free loopback port, hit with httplib's
// client: the API over HTTP, static files without path traversal, limits on
// URL and request size, methods, concurrency, stop. Every error is JSON and
// below 500.
#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "dyad/serve.h"
#include "dyad/store.h"
#include "serve_test_util.h"
#include "store/store_test_util.h"

namespace dyad {
namespace {

using Json = nlohmann::json;
using serve_testing::ExamplesEventCount;
using serve_testing::ExamplesStore;
using serve_testing::TempDir;

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A raw TCP connection to 127.0.0.1:port (-1 if it cannot connect).
int Connect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Sends `request` as is and reads what comes back within `timeout_ms` (until
// the server closes or the time is up).
std::string RawExchange(int port, const std::string& request, int timeout_ms) {
  int fd = Connect(port);
  if (fd < 0) return "";
  if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) < 0) {
    close(fd);
    return "";
  }
  std::string got;
  const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  char buf[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          end - std::chrono::steady_clock::now())
                          .count();
    pollfd p{fd, POLLIN, 0};
    if (left <= 0 || poll(&p, 1, static_cast<int>(left)) <= 0) break;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    got.append(buf, static_cast<std::size_t>(n));
    // A whole response: headers and the Content-Length they announce.
    const std::size_t head = got.find("\r\n\r\n");
    const std::size_t cl = got.find("Content-Length: ");
    if (head != std::string::npos && cl != std::string::npos && cl < head &&
        got.size() >= head + 4 + std::stoul(got.substr(cl + 16))) {
      break;
    }
  }
  close(fd);
  return got;
}

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // web/ holds the page; secret.txt sits beside it, and web/link points out.
    std::filesystem::create_directories(dir_ / "web/assets");
    WriteFile(dir_ / "web/index.html", "<!doctype html><title>dyad</title>");
    WriteFile(dir_ / "web/assets/app.js", "console.log('dyad');");
    WriteFile(dir_ / "web/world.json", "{}");
    WriteFile(dir_ / "secret.txt", "SECRET");
    std::filesystem::create_directory_symlink(dir_.path(), dir_ / "web/link");
    std::filesystem::create_symlink(dir_ / "secret.txt", dir_ / "web/secret-link.txt");

    ServeOptions o;
    o.db = ExamplesStore();
    o.host = "127.0.0.1";
    o.port = 0;
    o.web_dir = dir_ / "web";
    o.threads = 4;
    o.max_request_bytes = 1024;
    o.max_url_bytes = 2048;
    o.request_deadline_ms = 2000;
    auto server = Server::Create(o);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
    ASSERT_TRUE(server_->Bind().ok());
    ASSERT_GT(server_->port(), 0);
    runner_ = std::thread([this] { run_status_ = server_->Run(); });
    // Ready when it answers.
    for (int i = 0; i < 200; ++i) {
      if (Client().Get("/api/health")) break;
      usleep(10000);
    }
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (runner_.joinable()) runner_.join();
    EXPECT_TRUE(run_status_.ok()) << run_status_.ToString();
  }

  httplib::Client Client() {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
  }

  // GET `target` as sent (no encoding by the client); expects a JSON error
  // with 4xx status when `want` >= 400.
  void ExpectStatus(const std::string& target, int want) {
    auto c = Client();
    auto res = c.Get(target.c_str());
    ASSERT_TRUE(res) << target << ": " << httplib::to_string(res.error());
    EXPECT_EQ(res->status, want) << target.substr(0, 120) << " -> " << res->body.substr(0, 300);
    if (want >= 400) {
      EXPECT_LT(res->status, 500) << target.substr(0, 120);
      Json j = Json::parse(res->body, nullptr, false);
      ASSERT_FALSE(j.is_discarded()) << target.substr(0, 120) << ": not JSON: " << res->body;
      EXPECT_TRUE(j.contains("error")) << res->body;
      EXPECT_EQ(res->get_header_value("Content-Type").rfind("application/json", 0), 0u);
      EXPECT_EQ(res->body.find("SECRET"), std::string::npos);
    }
  }

  TempDir dir_;
  std::unique_ptr<Server> server_;
  std::thread runner_;
  Status run_status_;
};

TEST_F(ServerTest, AnswersTheApiOverHttp) {
  auto c = Client();
  auto res = c.Get("/api/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(Json::parse(res->body)["counts"]["events"], ExamplesEventCount());

  res = c.Get("/api/events?limit=3&modality=asserted");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  Json page = Json::parse(res->body);
  EXPECT_EQ(page["events"].size(), 3u);
  ASSERT_TRUE(page["next"].is_string());
  res = c.Get(
      ("/api/events?limit=3&modality=asserted&after=" + page["next"].get<std::string>()).c_str());
  ASSERT_TRUE(res);
  Json next = Json::parse(res->body);
  EXPECT_GT(next["events"][0]["store_id"], page["events"][2]["store_id"]);

  // Percent-encoded parameters are decoded once.
  res = c.Get("/api/events?text=deport%20migrants");
  ASSERT_TRUE(res);
  EXPECT_EQ(Json::parse(res->body)["count"], 1);
  for (const char* path : {"/api/events/1", "/api/stories", "/api/stories/1", "/api/actors",
                           "/api/facets", "/api/facets?field=day&split=quad_class"}) {
    ExpectStatus(path, 200);
  }
}

TEST_F(ServerTest, BadRequestsAnswerJsonErrorsNever500) {
  ExpectStatus("/api/events?limit=1000000000", 400);
  ExpectStatus("/api/events?limit=abc", 400);
  ExpectStatus("/api/events?actor=%27%20OR%201%3D1%20--", 400);
  ExpectStatus("/api/events?cameo=17%27;%20DROP%20TABLE%20events;--", 400);
  ExpectStatus("/api/events?text=%27%20OR%201%3D1%20--", 200);
  ExpectStatus("/api/events?text=%ff%fe", 400);
  ExpectStatus("/api/events?text=%00", 400);
  ExpectStatus("/api/events?limit=1&limit=2", 400);
  ExpectStatus("/api/events?unknown=1", 400);
  ExpectStatus("/api/events/abc", 400);
  ExpectStatus("/api/events/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 400);
  ExpectStatus("/api/events/99999", 404);
  ExpectStatus("/api/nope", 404);
  ExpectStatus("/api", 404);
  ExpectStatus("/api/../../etc/passwd", 404);
  // Long URLs: past our limit (2048 here) and past httplib's own (8192).
  ExpectStatus("/api/events?text=" + std::string(3000, 'a'), 414);
  ExpectStatus("/api/events?text=" + std::string(10000, 'a'), 414);
  ExpectStatus("/" + std::string(3000, 'x'), 414);

  auto c = Client();
  auto post = c.Post("/api/events", "{}", "application/json");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_TRUE(Json::parse(post->body).contains("error"));
  auto big = c.Post("/api/events", std::string(100000, 'x'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_TRUE(Json::parse(big->body, nullptr, false).contains("error")) << big->body;
  auto del = c.Delete("/api/events/1");
  ASSERT_TRUE(del);
  EXPECT_EQ(del->status, 405);

  // Still serving, store intact.
  auto res = c.Get("/api/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(Json::parse(res->body)["counts"]["events"], ExamplesEventCount());
}

TEST_F(ServerTest, ServesStaticFilesOnlyFromTheWebDirectory) {
  auto c = Client();
  auto res = c.Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(res->body.find("<title>dyad</title>"), std::string::npos);
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'self'"),
            std::string::npos);
  res = c.Get("/assets/app.js");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  res = c.Get("/world.json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8");

  for (const char* evil : {"/../secret.txt", "/../../../../etc/passwd", "/%2e%2e/secret.txt",
                           "/%2E%2E/%2E%2E/etc/passwd", "/..%2fsecret.txt", "/..%2Fsecret.txt",
                           "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
                           "/..\\secret.txt", "/%5c..%5csecret.txt", "/link/secret.txt",
                           "/secret-link.txt", "//etc/passwd", "/etc/passwd", "/./index.html",
                           "/assets/", "/nope.html", "/index.html%00.js", "/C:/secret.txt"}) {
    ExpectStatus(evil, 404);
  }
}

TEST_F(ServerTest, ManyClientsAtOnceGetTheSameAnswers) {
  auto c = Client();
  auto want = c.Get("/api/events?limit=25");
  ASSERT_TRUE(want);
  std::atomic<int> ok{0}, bad{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      auto cl = Client();
      for (int i = 0; i < 40; ++i) {
        auto res = cl.Get(i % 2 ? "/api/events?limit=25" : "/api/facets");
        if (res && res->status == 200 && (i % 2 == 0 || res->body == want->body)) {
          ++ok;
        } else {
          ++bad;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 320);
  EXPECT_EQ(bad.load(), 0);
}

TEST_F(ServerTest, ImpossibleContentLengthsAreRefusedAtOnce) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  // A POST announcing ~100 GB: 413 before any body byte is sent.
  std::string r = RawExchange(server_->port(),
                              "POST /api/events HTTP/1.1\r\nHost: x\r\n"
                              "Content-Length: 99999999999\r\n\r\n",
                              3000);
  EXPECT_EQ(r.rfind("HTTP/1.1 413", 0), 0u) << r;
  EXPECT_NE(r.find("\"error\""), std::string::npos) << r;
  // A negative (or signed, or doubled) Content-Length, even on a GET: 400.
  for (const char* cl : {"-5", "+5", "5, 5", "0x10"}) {
    r = RawExchange(
        server_->port(),
        std::string("GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: ") + cl + "\r\n\r\n",
        3000);
    EXPECT_EQ(r.rfind("HTTP/1.1 400", 0), 0u) << cl << ": " << r;
  }
  r = RawExchange(server_->port(),
                  "GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                  "Content-Length: 5\r\n\r\nabcde",
                  3000);
  EXPECT_EQ(r.rfind("HTTP/1.1 400", 0), 0u) << r;
  // All at once, not after the 5 s read timeout.
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
  auto ok = Client().Get("/api/health");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST_F(ServerTest, IdleConnectionsDoNotHoldTheWorkers) {
  // Fifty connections that never send a byte (4 worker threads here).
  std::vector<int> idle;
  for (int i = 0; i < 50; ++i) {
    int fd = Connect(server_->port());
    ASSERT_GE(fd, 0);
    idle.push_back(fd);
  }
  usleep(200000);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 8; ++i) {
    auto res = Client().Get("/api/health");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  for (int fd : idle) close(fd);
}

TEST_F(ServerTest, SlowAndIdleClientsDoNotStopNormalRequests) {
  // Nine clients sending their request one byte at a time (more than the 4
  // worker threads), and fifty that send one byte and nothing more.
  std::atomic<bool> stop{false};
  std::vector<int> slow, idle;
  for (int i = 0; i < 9; ++i) slow.push_back(Connect(server_->port()));
  for (int i = 0; i < 50; ++i) {
    idle.push_back(Connect(server_->port()));
    ASSERT_EQ(send(idle.back(), "G", 1, MSG_NOSIGNAL), 1);
  }
  std::thread dribble([&] {
    const std::string request = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Pad: ";
    for (std::size_t i = 0; !stop; i = (i + 1) % request.size()) {
      for (int fd : slow) send(fd, &request[i], 1, MSG_NOSIGNAL);
      usleep(100000);
    }
  });
  usleep(300000);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 8; ++i) {
    auto res = Client().Get("/api/health");
    ASSERT_TRUE(res) << httplib::to_string(res.error());
    EXPECT_EQ(res->status, 200);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  // Past the request deadline (2 s here) the slow ones get 408 and are closed.
  stop = true;
  dribble.join();
  usleep(2500000);
  char buf[512];
  const ssize_t n = recv(slow[0], buf, sizeof buf - 1, MSG_DONTWAIT);
  ASSERT_GT(n, 0);
  EXPECT_EQ(std::string(buf, static_cast<std::size_t>(n)).rfind("HTTP/1.1 408", 0), 0u);
  for (int fd : slow) close(fd);
  for (int fd : idle) close(fd);
}

TEST(ServerLimits, ConnectionsPastTheCapAnswer503AtOnce) {
  ServeOptions o;
  o.db = ExamplesStore();
  o.port = 0;
  o.max_connections = 5;
  auto s = Server::Create(o);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE((*s)->Bind().ok());
  std::thread run([&] { EXPECT_TRUE((*s)->Run().ok()); });
  std::vector<int> open_ones;
  for (int i = 0; i < 5; ++i) {
    open_ones.push_back(Connect((*s)->port()));
    ASSERT_EQ(send(open_ones.back(), "GET ", 4, MSG_NOSIGNAL), 4);
  }
  usleep(300000);
  const auto start = std::chrono::steady_clock::now();
  std::string r = RawExchange((*s)->port(), "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n", 3000);
  EXPECT_EQ(r.rfind("HTTP/1.1 503", 0), 0u) << r;
  EXPECT_NE(r.find("too many open connections"), std::string::npos) << r;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  for (int fd : open_ones) close(fd);
  usleep(300000);
  r = RawExchange((*s)->port(), "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n", 3000);
  EXPECT_EQ(r.rfind("HTTP/1.1 200", 0), 0u) << r;
  (*s)->Stop();
  run.join();
}

TEST(ServerSetup, RefusesWhatItCannotServe) {
  TempDir dir;
  ServeOptions o;
  o.db = dir / "missing.db";
  EXPECT_FALSE(Server::Create(o).ok());  // read-only: the store must exist
  o.db = ExamplesStore();
  o.web_dir = dir / "no-such-dir";
  EXPECT_EQ(Server::Create(o).status().code(), ErrorCode::kNotFound);
  o.web_dir.clear();
  o.port = 70000;
  auto s = Server::Create(o);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ((*s)->Bind().code(), ErrorCode::kInvalidArgument);
}

TEST(ServerSetup, StopsWhenAskedAndFreesThePort) {
  ServeOptions o;
  o.db = ExamplesStore();
  o.port = 0;
  auto s = Server::Create(o);
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE((*s)->Bind().ok());
  int port = (*s)->port();
  std::thread run([&] { EXPECT_TRUE((*s)->Run().ok()); });
  httplib::Client c("127.0.0.1", port);
  for (int i = 0; i < 200 && !c.Get("/api/health"); ++i) usleep(10000);
  auto res = c.Get("/");  // no web directory: API only
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_TRUE(Json::parse(res->body).contains("error"));
  (*s)->Stop();
  run.join();
  (*s)->Stop();  // idempotent
  EXPECT_FALSE(httplib::Client("127.0.0.1", port).Get("/api/health"));
}

TEST(ServerSetup, RefusesAPortAnotherServerListensOn) {
  ServeOptions o;
  o.db = ExamplesStore();
  o.port = 0;
  auto first = Server::Create(o);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE((*first)->Bind().ok());
  std::thread run([&] { EXPECT_TRUE((*first)->Run().ok()); });
  o.port = (*first)->port();
  auto second = Server::Create(o);
  ASSERT_TRUE(second.ok());
  Status bound = (*second)->Bind();
  EXPECT_EQ(bound.code(), ErrorCode::kIoError) << bound.ToString();
  EXPECT_NE(bound.message().find("already in use"), std::string::npos) << bound.ToString();

  // The CLI says so and exits non-zero instead of sharing the port.
  TempDir dir;
  std::string err;
  int rc = serve_testing::RunCli(
      {"serve", "--db", o.db, "--no-web", "--listen", "127.0.0.1:" + std::to_string(o.port)}, dir,
      nullptr, &err);
  EXPECT_EQ(rc, 1) << err;
  EXPECT_NE(err.find("already in use"), std::string::npos) << err;
  (*first)->Stop();
  run.join();
}

// A store big enough that grouping all its events takes well over a
// millisecond: 150 articles of 40 events.
std::string WriteBigStore(const TempDir& dir) {
  std::string db = dir / "big.db";
  auto store = Store::Open(db);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  if (!store.ok()) return db;
  const char* roots[] = {"173", "042", "112", "190", "051"};
  std::vector<testing::Sample> samples;
  for (int a = 0; a < 150; ++a) {
    std::vector<std::string> sentences;
    std::vector<testing::EventSpec> events;
    for (int i = 0; i < 40; ++i) {
      sentences.push_back("Police number " + std::to_string(i) + " arrested rebels in town " +
                          std::to_string(a) + ".");
      testing::EventSpec e;
      e.source_text = "Police";
      e.source_code = a % 2 ? "LBYCOP" : "USACOP";
      e.target_text = "rebels";
      e.target_code = "LBYREB";
      e.verb = "arrested";
      e.cameo = roots[(a + i) % 5];
      e.plover = "COERCE";
      e.date = "2025-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(a % 10);
      events.push_back(e);
    }
    samples.push_back(
        testing::MakeSample("big-" + std::to_string(a), "", "2025-05-01", sentences, events));
  }
  std::vector<ArticleWrite> batch;
  for (const auto& s : samples) batch.push_back({&s.article, &s.coded});
  auto written = (*store)->Write(batch);
  EXPECT_TRUE(written.ok()) << written.status().ToString();
  return db;
}

TEST(ServerLimits, QueriesPastTheTimeLimitAnswer503AndTheServerGoesOn) {
  TempDir dir;
  ServeOptions o;
  o.db = WriteBigStore(dir);
  o.port = 0;
  o.threads = 2;
  o.query_timeout_ms = 1;
  auto s = Server::Create(o);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_TRUE((*s)->Bind().ok());
  std::thread run([&] { EXPECT_TRUE((*s)->Run().ok()); });
  httplib::Client c("127.0.0.1", (*s)->port());
  for (int i = 0; i < 200 && !c.Get("/api/health"); ++i) usleep(10000);
  int timed_out = 0;
  for (const char* path : {"/api/facets", "/api/actors", "/api/facets?field=day&split=cameo_root",
                           "/api/events?text=nowhere"}) {
    auto res = c.Get(path);
    ASSERT_TRUE(res) << path;
    Json j = Json::parse(res->body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << res->body;
    if (res->status == 503) {
      ++timed_out;
      EXPECT_EQ(j["error"]["code"], "limit_exceeded") << res->body;
      EXPECT_EQ(res->body.find(o.db), std::string::npos) << "no server paths in answers";
    } else {
      EXPECT_EQ(res->status, 200) << path << " " << res->body;
    }
  }
  EXPECT_GE(timed_out, 3);
  auto health = c.Get("/api/health");  // still serving
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(Json::parse(health->body)["counts"]["events"], 6000);
  (*s)->Stop();
  run.join();
}

TEST(StaticPaths, ResolveOnlyPlainPathsInsideTheRoot) {
  TempDir dir;
  std::filesystem::create_directories(dir / "web/a");
  WriteFile(dir / "web/index.html", "i");
  WriteFile(dir / "web/a/b.js", "b");
  WriteFile(dir / "outside.txt", "o");
  auto root = dir / "web";
  EXPECT_EQ(*ResolveStaticPath(root, "/"), std::filesystem::canonical(root + "/index.html"));
  EXPECT_TRUE(ResolveStaticPath(root, "/a/b.js").ok());
  for (const char* bad :
       {"", "a/b.js", "/../outside.txt", "/a/../index.html", "/./index.html", "//index.html",
        "/a//b.js", "/a\\b.js", "/a/", "/index.html\n", "/missing"}) {
    EXPECT_EQ(ResolveStaticPath(root, bad).status().code(), ErrorCode::kNotFound) << bad;
  }
  EXPECT_EQ(ContentTypeFor("x.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeFor("x.bin"), "application/octet-stream");
}

}  // namespace
}  // namespace dyad
