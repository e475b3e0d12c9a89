// The front of `dyad serve`: accepts connections on the public address and
// reads each request whole -- within a deadline, under a cap on connections --
// before a worker thread of the HTTP server ever sees it. Slow or idle clients
// then cost a small thread of their own, never a worker (which holds a store
// handle). Complete requests go to the HTTP server on a loopback port, one per
// connection ("Connection: close"); its answer is read whole and written back.
//
// Thread-safety: Run() on one thread; Stop() from any thread.
#ifndef DYAD_SERVE_GUARD_H_
#define DYAD_SERVE_GUARD_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>

namespace dyad::serve_internal {

struct GuardOptions {
  int backend_port = 0;                    // the HTTP server on 127.0.0.1
  int request_deadline_ms = 10000;         // whole head and body (408 past it)
  int response_deadline_ms = 60000;        // backend answer and writing it back
  std::size_t max_head_bytes = 64 * 1024;  // request line and headers (431 above)
  std::size_t max_body_bytes = 16 * 1024;  // Content-Length (413 above, at once)
  int max_connections = 256;               // open at once (503 above, at once)
};

class Guard {
 public:
  // Takes `listen_fd`, a bound, listening socket (closed by the destructor).
  Guard(int listen_fd, GuardOptions options);
  ~Guard();
  Guard(const Guard&) = delete;
  Guard& operator=(const Guard&) = delete;

  // Accepts until Stop(); returns once every connection is done.
  void Run();
  void Stop();

 private:
  void Serve(int fd);
  void Done();

  int listen_fd_;
  int wake_[2] = {-1, -1};
  GuardOptions options_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  int active_ = 0;
};

// The answer the guard gives itself (400, 408, 411, 413, 431, 503): a JSON
// error body, "Connection: close".
std::string GuardResponse(int status, std::string_view code, std::string_view message);

}  // namespace dyad::serve_internal

#endif  // DYAD_SERVE_GUARD_H_
