// Copyright dyad authors.
#include "ingest/byte_source.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace dyad::ingest {
namespace {

class FdSource : public ByteSource {
 public:
  FdSource(int fd, bool owned, std::string name) : fd_(fd), owned_(owned), name_(std::move(name)) {}
  ~FdSource() override {
    if (owned_) ::close(fd_);
  }
  Result<std::size_t> Read(char* buf, std::size_t n) override {
    for (;;) {
      ssize_t got = ::read(fd_, buf, n);
      if (got >= 0) return static_cast<std::size_t>(got);
      if (errno == EINTR) continue;
      return IoError(name_ + ": read failed: " + std::strerror(errno));
    }
  }

 private:
  int fd_;
  bool owned_;
  std::string name_;
};

class MemorySource : public ByteSource {
 public:
  explicit MemorySource(std::string_view data) : data_(data) {}
  Result<std::size_t> Read(char* buf, std::size_t n) override {
    std::size_t k = std::min(n, data_.size());
    if (k) std::memcpy(buf, data_.data(), k);
    data_.remove_prefix(k);
    return k;
  }

 private:
  std::string_view data_;
};

class PrefixSource : public ByteSource {
 public:
  PrefixSource(std::string prefix, std::unique_ptr<ByteSource> rest)
      : prefix_(std::move(prefix)), rest_(std::move(rest)) {}
  Result<std::size_t> Read(char* buf, std::size_t n) override {
    if (pos_ < prefix_.size()) {
      std::size_t k = std::min(n, prefix_.size() - pos_);
      std::memcpy(buf, prefix_.data() + pos_, k);
      pos_ += k;
      return k;
    }
    return rest_->Read(buf, n);
  }

 private:
  std::string prefix_;
  std::size_t pos_ = 0;
  std::unique_ptr<ByteSource> rest_;
};

class GzipSource : public ByteSource {
 public:
  GzipSource(std::unique_ptr<ByteSource> inner, std::string name)
      : inner_(std::move(inner)), name_(std::move(name)), in_(kInSize) {
    std::memset(&zs_, 0, sizeof(zs_));
    init_ok_ = inflateInit2(&zs_, 16 + MAX_WBITS) == Z_OK;
  }
  ~GzipSource() override {
    if (init_ok_) inflateEnd(&zs_);
  }

  Result<std::size_t> Read(char* buf, std::size_t n) override {
    if (!init_ok_) return Internal(name_ + ": zlib initialisation failed");
    if (finished_ || n == 0) return std::size_t{0};
    zs_.next_out = reinterpret_cast<Bytef*>(buf);
    zs_.avail_out = static_cast<uInt>(std::min<std::size_t>(n, 1u << 30));
    while (zs_.avail_out > 0) {
      if (zs_.avail_in == 0 && !input_eof_) {
        Result<std::size_t> got = inner_->Read(in_.data(), in_.size());
        if (!got.ok()) return got.status();
        if (*got == 0) {
          input_eof_ = true;
        } else {
          zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
          zs_.avail_in = static_cast<uInt>(*got);
        }
      }
      if (between_members_) {
        // Another member follows only if more input exists.
        if (zs_.avail_in == 0) {
          if (input_eof_) {
            finished_ = true;
            break;
          }
          continue;
        }
        if (zs_.next_in[0] != 0x1f) {
          return ParseError(name_ + ": data after gzip member " + std::to_string(member_) +
                            " is not gzip");
        }
        inflateReset(&zs_);
        between_members_ = false;
        ++member_;
      }
      if (zs_.avail_in == 0 && input_eof_) {
        return Truncated(name_ + ": truncated gzip data (member " + std::to_string(member_) +
                         " ends early)");
      }
      int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        between_members_ = true;
        continue;
      }
      if (rc == Z_BUF_ERROR) {
        if (zs_.avail_in == 0) continue;  // needs more input
        break;
      }
      if (rc != Z_OK) {
        return ParseError(name_ + ": corrupt gzip data in member " + std::to_string(member_) +
                          (zs_.msg ? std::string(" (") + zs_.msg + ")" : std::string()));
      }
      // Return what we have once some output exists, to keep latency low.
      if (zs_.avail_out < n && zs_.avail_in == 0) break;
    }
    return n - zs_.avail_out;
  }

 private:
  static constexpr std::size_t kInSize = 64 * 1024;
  std::unique_ptr<ByteSource> inner_;
  std::string name_;
  std::vector<char> in_;
  z_stream zs_;
  bool init_ok_ = false;
  bool input_eof_ = false;
  bool between_members_ = false;
  bool finished_ = false;
  int member_ = 1;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path, long long* size_out) {
  *size_out = -1;
  if (path == "-") {
    return std::unique_ptr<ByteSource>(std::make_unique<FdSource>(0, false, "<stdin>"));
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    if (e == ENOENT) return NotFound(path + ": no such file");
    return IoError(path + ": cannot open: " + std::strerror(e));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int e = errno;
    ::close(fd);
    return IoError(path + ": cannot stat: " + std::strerror(e));
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return InvalidArgument(path + ": is a directory");
  }
  if (S_ISREG(st.st_mode)) *size_out = static_cast<long long>(st.st_size);
  return std::unique_ptr<ByteSource>(std::make_unique<FdSource>(fd, true, path));
}

std::unique_ptr<ByteSource> MakeMemorySource(std::string_view data) {
  return std::make_unique<MemorySource>(data);
}

std::unique_ptr<ByteSource> MakePrefixSource(std::string prefix, std::unique_ptr<ByteSource> rest) {
  return std::make_unique<PrefixSource>(std::move(prefix), std::move(rest));
}

std::unique_ptr<ByteSource> MakeGzipSource(std::unique_ptr<ByteSource> inner, std::string name) {
  return std::make_unique<GzipSource>(std::move(inner), std::move(name));
}

Result<bool> ReadUpTo(ByteSource* src, std::size_t max_bytes, std::string* out) {
  std::size_t start = out->size();
  for (;;) {
    std::size_t have = out->size() - start;
    if (have > max_bytes) return false;
    std::size_t want = std::max<std::size_t>(64 * 1024, std::min<std::size_t>(have, 8u << 20));
    want = std::min(want, max_bytes + 1 - have);
    out->resize(out->size() + want);
    Result<std::size_t> got = src->Read(out->data() + out->size() - want, want);
    if (!got.ok()) {
      out->resize(out->size() - want);
      return got.status();
    }
    out->resize(out->size() - want + *got);
    if (*got == 0) return true;
  }
}

}  // namespace dyad::ingest

namespace dyad::ingest {

Result<std::size_t> BufferedInput::Fill(std::size_t want) {
  if (pos_ > 0 && (pos_ >= buf_.size() || pos_ > (1u << 16))) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  std::size_t chunk = std::max<std::size_t>(want, 64 * 1024);
  std::size_t old = buf_.size();
  buf_.resize(old + chunk);
  Result<std::size_t> got = src_->Read(buf_.data() + old, chunk);
  if (!got.ok()) {
    buf_.resize(old);
    return got.status();
  }
  buf_.resize(old + *got);
  if (*got == 0) eof_ = true;
  return *got;
}

Result<std::size_t> BufferedInput::Ensure(std::size_t n) {
  while (buf_.size() - pos_ < n && !eof_) {
    Result<std::size_t> got = Fill(n - (buf_.size() - pos_));
    if (!got.ok()) return got.status();
  }
  return std::min(n, buf_.size() - pos_);
}

Result<bool> BufferedInput::ReadLine(std::string* line, std::size_t max_len, bool* too_long) {
  line->clear();
  *too_long = false;
  std::size_t seen = 0;
  for (;;) {
    std::string_view avail = Available();
    std::size_t nl = avail.find('\n');
    std::size_t take = nl == std::string_view::npos ? avail.size() : nl;
    if (line->size() < max_len) {
      line->append(avail.substr(0, std::min(take, max_len - line->size())));
    }
    seen += take;
    if (seen > max_len + 1) *too_long = true;  // +1: a CR before the LF
    if (nl != std::string_view::npos) {
      Consume(nl + 1);
      if (!line->empty() && line->back() == '\r') line->pop_back();
      return true;
    }
    Consume(avail.size());
    Result<std::size_t> got = Fill(1);
    if (!got.ok()) return got.status();
    if (*got == 0) {
      if (!line->empty() && line->back() == '\r') line->pop_back();
      return !line->empty() || *too_long;
    }
  }
}

Result<std::size_t> BufferedInput::Read(std::size_t n, std::string* out) {
  std::size_t done = 0;
  while (done < n) {
    std::string_view avail = Available();
    if (avail.empty()) {
      Result<std::size_t> got = Fill(std::min<std::size_t>(n - done, 1u << 20));
      if (!got.ok()) return got.status();
      if (*got == 0) break;
      continue;
    }
    std::size_t k = std::min(n - done, avail.size());
    out->append(avail.substr(0, k));
    Consume(k);
    done += k;
  }
  return done;
}

Result<std::size_t> BufferedInput::Skip(std::size_t n) {
  std::size_t done = 0;
  while (done < n) {
    std::string_view avail = Available();
    if (avail.empty()) {
      Result<std::size_t> got = Fill(1);
      if (!got.ok()) return got.status();
      if (*got == 0) break;
      continue;
    }
    std::size_t k = std::min(n - done, avail.size());
    Consume(k);
    done += k;
  }
  return done;
}

Result<bool> BufferedInput::SkipUntil(std::string_view pattern) {
  for (;;) {
    std::string_view avail = Available();
    std::size_t at = avail.find(pattern);
    if (at != std::string_view::npos) {
      Consume(at);
      return true;
    }
    // Keep a tail that could be the start of the pattern.
    std::size_t keep = std::min(avail.size(), pattern.size() - 1);
    Consume(avail.size() - keep);
    Result<std::size_t> got = Fill(1);
    if (!got.ok()) return got.status();
    if (*got == 0) {
      Consume(Available().size());
      return false;
    }
  }
}

}  // namespace dyad::ingest
