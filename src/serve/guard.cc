#include "serve/guard.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <optional>
#include <string_view>
#include <thread>

#include "dyad/serve.h"

namespace dyad::serve_internal {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kSliceMs = 200;  // longest poll, so Stop() is seen soon
constexpr std::size_t kMaxResponseBytes = 256u << 20;

const char* Reason(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 411:
      return "Length Required";
    case 413:
      return "Payload Too Large";
    case 431:
      return "Request Header Fields Too Large";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

int MillisLeft(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, kSliceMs));
}

// Waits for `events` on fd until the deadline or Stop(); false when neither
// readiness nor time is left.
bool WaitFor(int fd, short events, Clock::time_point deadline, const std::atomic<bool>& stop) {
  while (!stop) {
    const int ms = MillisLeft(deadline);
    if (ms <= 0 && Clock::now() >= deadline) return false;
    pollfd p{fd, events, 0};
    const int r = poll(&p, 1, ms);
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return false;
  }
  return false;
}

bool SendAll(int fd, std::string_view data, Clock::time_point deadline,
             const std::atomic<bool>& stop) {
  while (!data.empty()) {
    if (!WaitFor(fd, POLLOUT, deadline, stop)) return false;
    const ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Appends what fd has (up to `max` bytes in all); 0 at the end, -1 on error or
// when the deadline passes, -2 on Stop().
long RecvSome(int fd, std::string* buf, Clock::time_point deadline, const std::atomic<bool>& stop) {
  if (!WaitFor(fd, POLLIN, deadline, stop)) return stop ? -2 : -1;
  char chunk[16384];
  const ssize_t n = recv(fd, chunk, sizeof chunk, MSG_DONTWAIT);
  if (n < 0) return (errno == EAGAIN || errno == EINTR) ? 1 : -1;  // 1: try again
  buf->append(chunk, static_cast<std::size_t>(n));
  return n;
}

bool IEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);
         });
}

struct Head {
  std::string forwarded;  // request line and headers, with "Connection: close"
  std::optional<std::size_t> content_length;
  int error = 0;  // a status to answer with instead
  std::string message;
};

// Parses the head (up to and without the blank line): keeps every header but
// Connection / Keep-Alive / Proxy-Connection, checks Content-Length.
Head ParseHead(std::string_view head, std::size_t max_body) {
  Head h;
  std::size_t lengths = 0;
  std::size_t pos = 0;
  bool first = true;
  while (pos <= head.size()) {
    std::size_t end = head.find("\r\n", pos);
    if (end == std::string_view::npos) end = head.size();
    std::string_view line = head.substr(pos, end - pos);
    pos = end + 2;
    if (first) {
      first = false;
      h.forwarded.append(line).append("\r\n");
      continue;
    }
    const std::size_t colon = line.find(':');
    std::string_view name = colon == std::string_view::npos ? line : line.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? "" : line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
      value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (IEquals(name, "Connection") || IEquals(name, "Keep-Alive") ||
        IEquals(name, "Proxy-Connection")) {
      continue;
    }
    if (IEquals(name, "Transfer-Encoding")) {
      h.error = 411;
      h.message = "send the body with a Content-Length (no Transfer-Encoding)";
      return h;
    }
    if (IEquals(name, "Content-Length")) {
      ++lengths;
      const bool digits = !value.empty() && value.size() <= 19 &&
                          value.find_first_not_of("0123456789") == std::string_view::npos;
      if (!digits || lengths > 1) {
        h.error = 400;
        h.message = "Content-Length must be one non-negative number of bytes";
        return h;
      }
      h.content_length = std::stoull(std::string(value));
      if (*h.content_length > max_body) {
        h.error = 413;
        h.message = "the request body is too large (" + std::string(value) + " bytes, at most " +
                    std::to_string(max_body) + ")";
        return h;
      }
    }
    h.forwarded.append(line).append("\r\n");
  }
  h.forwarded.append("Connection: close\r\n\r\n");
  return h;
}

// After the answer: no more writes, and what the client still sends (a body
// refused unread) is read and dropped for a moment, so closing does not reset
// the connection before the client has read the answer.
void Linger(int fd, const std::atomic<bool>& stop) {
  shutdown(fd, SHUT_WR);
  const auto deadline = Clock::now() + std::chrono::milliseconds(1000);
  std::string sink;
  std::size_t dropped = 0;
  while (dropped < (4u << 20)) {
    sink.clear();
    const long n = RecvSome(fd, &sink, deadline, stop);
    if (n <= 0) return;
    dropped += sink.size();
  }
}

int ConnectBackend(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
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

}  // namespace

std::string GuardResponse(int status, std::string_view code, std::string_view message) {
  const std::string body = ApiErrorJson(code, "", message);
  return "HTTP/1.1 " + std::to_string(status) + " " + Reason(status) +
         "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " +
         std::to_string(body.size()) +
         "\r\nConnection: close\r\nCache-Control: no-store\r\nX-Content-Type-Options: "
         "nosniff\r\n\r\n" +
         body;
}

Guard::Guard(int listen_fd, GuardOptions options) : listen_fd_(listen_fd), options_(options) {
  if (pipe2(wake_, O_CLOEXEC | O_NONBLOCK) != 0) wake_[0] = wake_[1] = -1;
}

Guard::~Guard() {
  Stop();
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return active_ == 0; });
  lock.unlock();
  if (listen_fd_ >= 0) close(listen_fd_);
  for (int fd : wake_) {
    if (fd >= 0) close(fd);
  }
}

void Guard::Stop() {
  stopping_ = true;
  if (wake_[1] >= 0) {
    const char c = 1;
    [[maybe_unused]] ssize_t n = write(wake_[1], &c, 1);
  }
}

void Guard::Done() {
  std::lock_guard<std::mutex> lock(mu_);
  --active_;
  cv_.notify_all();
}

void Guard::Run() {
  while (!stopping_) {
    pollfd p[2] = {{listen_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
    const int r = poll(p, wake_[0] >= 0 ? 2 : 1, kSliceMs);
    if (r <= 0 || !(p[0].revents & POLLIN)) continue;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    bool over = false;
    {
      std::lock_guard<std::mutex> lock(mu_);
      over = active_ >= options_.max_connections;
      if (!over) ++active_;
    }
    if (over) {
      const std::string busy =
          GuardResponse(503, "busy",
                        "too many open connections (" + std::to_string(options_.max_connections) +
                            "); try again shortly");
      [[maybe_unused]] ssize_t n = send(fd, busy.data(), busy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      close(fd);
      continue;
    }
    std::thread([this, fd] {
      Serve(fd);
      close(fd);
      Done();
    }).detach();
  }
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return active_ == 0; });
}

void Guard::Serve(int fd) {
  const auto request_deadline =
      Clock::now() + std::chrono::milliseconds(options_.request_deadline_ms);
  const auto answer = [&](int status, std::string_view code, std::string_view message) {
    if (SendAll(fd, GuardResponse(status, code, message),
                Clock::now() + std::chrono::milliseconds(2000), stopping_)) {
      Linger(fd, stopping_);
    }
  };
  // The head, within the deadline.
  std::string in;
  std::size_t head_end = std::string::npos;
  while ((head_end = in.find("\r\n\r\n")) == std::string::npos) {
    if (in.size() > options_.max_head_bytes) {
      answer(431, "limit_exceeded", "the request head is too large");
      return;
    }
    const long n = RecvSome(fd, &in, request_deadline, stopping_);
    if (n == 0 || n == -2) return;  // closed, or stopping
    if (n < 0) {
      if (!in.empty()) answer(408, "timeout", "the request was not received in time");
      return;
    }
  }
  Head head = ParseHead(std::string_view(in).substr(0, head_end), options_.max_body_bytes);
  if (head.error) {
    answer(head.error, head.error == 413 ? "limit_exceeded" : "bad_request", head.message);
    return;
  }
  // The body, within the same deadline.
  const std::size_t body_bytes = head.content_length.value_or(0);
  std::string body = in.substr(head_end + 4);
  while (body.size() < body_bytes) {
    const long n = RecvSome(fd, &body, request_deadline, stopping_);
    if (n == 0 || n == -2) return;
    if (n < 0) {
      answer(408, "timeout", "the request body was not received in time");
      return;
    }
  }
  body.resize(body_bytes);
  // Forward it whole; read the answer whole (the worker is freed at once).
  const auto response_deadline =
      Clock::now() + std::chrono::milliseconds(options_.response_deadline_ms);
  const int backend = ConnectBackend(options_.backend_port);
  if (backend < 0) {
    answer(503, "unavailable", "the server is not ready");
    return;
  }
  std::string response;
  bool ok = SendAll(backend, head.forwarded, response_deadline, stopping_) &&
            SendAll(backend, body, response_deadline, stopping_);
  while (ok) {
    const long n = RecvSome(backend, &response, response_deadline, stopping_);
    if (n == 0) break;
    if (n < 0 || response.size() > kMaxResponseBytes) ok = false;
  }
  close(backend);
  if (!ok) {
    if (response.empty()) answer(503, "unavailable", "no answer in time");
    return;
  }
  if (SendAll(fd, response, response_deadline, stopping_)) Linger(fd, stopping_);
}

}  // namespace dyad::serve_internal
