// Copyright dyad authors. Error values for the public API.
//
// Library code never throws on bad input, never exits and never aborts: every
// fallible call returns a Status or a Result<T>. A Status carries a closed error
// code (tests assert it) and a message that names the file, line or field that
// is wrong, e.g. `verbs.txt:812: unbalanced '{' in pattern "* {TALKS"`.
//
// Thread-safety: values; safe to copy and move between threads.
#ifndef DYAD_STATUS_H_
#define DYAD_STATUS_H_

#include <cassert>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace dyad {

// Closed set of error codes. Add codes at the end only.
enum class ErrorCode {
  kOk = 0,
  kInvalidArgument,  // a caller-supplied option or value is wrong
  kNotFound,         // file or record does not exist
  kIoError,          // the OS failed to read or write
  kParseError,       // input is malformed (names file:line or field)
  kEncodingError,    // input is not valid UTF-8 and could not be converted
  kLimitExceeded,    // input exceeds a configured limit (size, depth, tokens)
  kTruncated,        // input ends in the middle of a record
  kUnsupported,      // a format or feature dyad does not read
  kVersionMismatch,  // a data file was written by another version
  kInternal,         // a bug in dyad; please report
};

// Stable lower-case name of a code ("parse_error"), for messages and JSON.
std::string_view ErrorCodeName(ErrorCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(ErrorCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == ErrorCode::kOk; }
  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "parse_error: verbs.txt:12: ..." ; "ok" when ok().
  std::string ToString() const;

 private:
  ErrorCode code_ = ErrorCode::kOk;
  std::string message_;
};

// Shorthands: return dyad::ParseError("f.txt:3: missing ']'");
inline Status InvalidArgument(std::string m) { return {ErrorCode::kInvalidArgument, std::move(m)}; }
inline Status NotFound(std::string m) { return {ErrorCode::kNotFound, std::move(m)}; }
inline Status IoError(std::string m) { return {ErrorCode::kIoError, std::move(m)}; }
inline Status ParseError(std::string m) { return {ErrorCode::kParseError, std::move(m)}; }
inline Status EncodingError(std::string m) { return {ErrorCode::kEncodingError, std::move(m)}; }
inline Status LimitExceeded(std::string m) { return {ErrorCode::kLimitExceeded, std::move(m)}; }
inline Status Truncated(std::string m) { return {ErrorCode::kTruncated, std::move(m)}; }
inline Status Unsupported(std::string m) { return {ErrorCode::kUnsupported, std::move(m)}; }
inline Status VersionMismatch(std::string m) { return {ErrorCode::kVersionMismatch, std::move(m)}; }
inline Status Internal(std::string m) { return {ErrorCode::kInternal, std::move(m)}; }

// A value or the Status that explains why there is none (std::expected-like).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}        // NOLINT: implicit by design
  Result(Status status) : v_(std::move(status)) {  // NOLINT
    assert(!std::get<Status>(v_).ok() && "Result from an ok Status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }

  // Precondition: ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Ok status when ok().
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

// A non-fatal problem: something was skipped or repaired. `where` names the
// file and line/record/field ("news.warc.gz: record 3"); `message` says what.
struct Diagnostic {
  std::string where;
  std::string message;
  std::string ToString() const { return where.empty() ? message : where + ": " + message; }
};

// Receives warnings as they happen. May be empty (warnings are dropped).
using DiagnosticSink = std::function<void(const Diagnostic&)>;

}  // namespace dyad

#define DYAD_RETURN_IF_ERROR(expr)               \
  do {                                           \
    ::dyad::Status dyad_status_ = (expr);        \
    if (!dyad_status_.ok()) return dyad_status_; \
  } while (0)

#endif  // DYAD_STATUS_H_
