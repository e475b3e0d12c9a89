// Copyright dyad authors. Byte sources for the ingest readers: a file
// descriptor, a memory buffer, a gzip (multi-member) decoder over another
// source, and a replay prefix used after sniffing. Private to src/ingest.
#ifndef DYAD_INGEST_BYTE_SOURCE_H_
#define DYAD_INGEST_BYTE_SOURCE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "dyad/status.h"

namespace dyad::ingest {

// A pull stream of bytes. Read returns the number of bytes stored in buf
// (0 only at the end of the input) or an error naming the input.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  virtual Result<std::size_t> Read(char* buf, std::size_t n) = 0;
};

// Opens `path` ("-" is stdin). *size_out gets the file size for regular
// files, or -1 when unknown (pipes, stdin).
Result<std::unique_ptr<ByteSource>> OpenFileSource(const std::string& path, long long* size_out);

// Reads from a caller-owned buffer that must outlive the source.
std::unique_ptr<ByteSource> MakeMemorySource(std::string_view data);

// Replays `prefix` and then continues with `rest`.
std::unique_ptr<ByteSource> MakePrefixSource(std::string prefix, std::unique_ptr<ByteSource> rest);

// Inflates a gzip stream of one or more concatenated members. `name` is used in
// errors: a member that ends early is kTruncated, corrupt data kParseError.
std::unique_ptr<ByteSource> MakeGzipSource(std::unique_ptr<ByteSource> inner, std::string name);

// Reads up to `max_bytes` bytes from the start of `src` into *out (appending).
// Returns true when the source ended within the limit, false when more bytes
// remain (then *out holds exactly max_bytes + 1 bytes... at most).
Result<bool> ReadUpTo(ByteSource* src, std::size_t max_bytes, std::string* out);

// Buffered reading with look-ahead over a ByteSource (not owned).
class BufferedInput {
 public:
  explicit BufferedInput(ByteSource* src) : src_(src) {}
  // Buffers at least n bytes unless the input ends first; returns how many
  // bytes are available.
  Result<std::size_t> Ensure(std::size_t n);
  std::string_view Available() const { return std::string_view(buf_).substr(pos_); }
  void Consume(std::size_t n) {
    pos_ += n;
    offset_ += n;
  }
  // Reads a line (without its LF or CRLF) of at most max_len bytes; a longer
  // line is returned cut at max_len with *too_long set and the rest skipped.
  // Returns false at the end of the input.
  Result<bool> ReadLine(std::string* line, std::size_t max_len, bool* too_long);
  // Appends up to n bytes to *out (fewer only at the end); returns the count.
  Result<std::size_t> Read(std::size_t n, std::string* out);
  // Skips up to n bytes (fewer only at the end); returns the count.
  Result<std::size_t> Skip(std::size_t n);
  // Skips to the next occurrence of `pattern` (left unconsumed); false and
  // everything consumed when there is none.
  Result<bool> SkipUntil(std::string_view pattern);
  // Bytes consumed so far.
  unsigned long long offset() const { return offset_; }

 private:
  Result<std::size_t> Fill(std::size_t want);
  ByteSource* src_;
  std::string buf_;
  std::size_t pos_ = 0;
  unsigned long long offset_ = 0;
  bool eof_ = false;
};

// True when `data` starts with the gzip magic bytes.
inline bool IsGzipMagic(std::string_view data) {
  return data.size() >= 2 && static_cast<unsigned char>(data[0]) == 0x1f &&
         static_cast<unsigned char>(data[1]) == 0x8b;
}

}  // namespace dyad::ingest

#endif  // DYAD_INGEST_BYTE_SOURCE_H_
