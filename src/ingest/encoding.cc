// Copyright dyad authors.
#include "ingest/encoding.h"

#include <simdjson.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include <climits>
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "ingest/util.h"

namespace dyad::ingest {
namespace {

// Maps names that the web uses loosely onto the charset really meant.
std::string CanonicalCharset(std::string_view hint) {
  std::string h = AsciiLower(Trim(hint));
  if (h.size() >= 2 && (h.front() == '"' || h.front() == '\'')) h = h.substr(1, h.size() - 2);
  if (h == "iso-8859-1" || h == "iso8859-1" || h == "latin1" || h == "latin-1" || h == "us-ascii" ||
      h == "ascii" || h == "iso_8859-1" || h == "cp1252" || h == "windows-1252" || h == "l1") {
    return "windows-1252";
  }
  if (h == "utf8") return "utf-8";
  return h;
}

Status Convert(std::string_view raw, const char* charset, std::string_view name, std::string* out) {
  if (raw.size() > static_cast<std::size_t>(INT_MAX / 4)) {
    return EncodingError(std::string(name) + ": input too large to convert from " + charset);
  }
  UErrorCode err = U_ZERO_ERROR;
  std::unique_ptr<UConverter, void (*)(UConverter*)> cv(ucnv_open(charset, &err), ucnv_close);
  if (U_FAILURE(err) || !cv) {
    return EncodingError(std::string(name) + ": unknown character set \"" + charset + "\"");
  }
  ucnv_setToUCallBack(cv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &err);
  std::vector<UChar> u(raw.size() + 16);
  int32_t ulen = ucnv_toUChars(cv.get(), u.data(), static_cast<int32_t>(u.size()), raw.data(),
                               static_cast<int32_t>(raw.size()), &err);
  if (err == U_BUFFER_OVERFLOW_ERROR) {
    err = U_ZERO_ERROR;
    u.resize(static_cast<std::size_t>(ulen) + 16);
    ucnv_reset(cv.get());
    ulen = ucnv_toUChars(cv.get(), u.data(), static_cast<int32_t>(u.size()), raw.data(),
                         static_cast<int32_t>(raw.size()), &err);
  }
  if (U_FAILURE(err)) {
    return EncodingError(std::string(name) + ": not valid UTF-8 and not convertible from " +
                         charset + " (" + u_errorName(err) + ")");
  }
  out->resize(static_cast<std::size_t>(ulen) * 3 + 4);
  int32_t len8 = 0;
  err = U_ZERO_ERROR;
  u_strToUTF8(out->data(), static_cast<int32_t>(out->size()), &len8, u.data(), ulen, &err);
  if (U_FAILURE(err)) {
    return EncodingError(std::string(name) + ": conversion from " + charset + " failed (" +
                         u_errorName(err) + ")");
  }
  out->resize(static_cast<std::size_t>(len8));
  return Status::Ok();
}

std::string DetectCharset(std::string_view raw) {
  UErrorCode err = U_ZERO_ERROR;
  UCharsetDetector* det = ucsdet_open(&err);
  if (U_FAILURE(err)) return "windows-1252";
  std::size_t n = std::min<std::size_t>(raw.size(), 1u << 20);
  ucsdet_setText(det, raw.data(), static_cast<int32_t>(n), &err);
  const UCharsetMatch* m = ucsdet_detect(det, &err);
  std::string name = "windows-1252";
  if (U_SUCCESS(err) && m) {
    const char* cs = ucsdet_getName(m, &err);
    int32_t conf = ucsdet_getConfidence(m, &err);
    if (U_SUCCESS(err) && cs && conf >= 10) name = CanonicalCharset(cs);
  }
  ucsdet_close(det);
  // A detector's guess of UTF-8 / UTF-16 without BOM on invalid bytes is no
  // use here; Windows-1252 is the web's fallback for 8-bit text.
  if (name == "utf-8" || name.rfind("utf-", 0) == 0) name = "windows-1252";
  return name;
}

}  // namespace

bool IsValidUtf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

Status CheckNotBinary(std::string_view s, std::string_view name) {
  std::size_t controls = 0;
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    // Fast path: 8 bytes of printable ASCII (0x20..0x7E) at a time.
    if (i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
      std::uint64_t below_space = (w - kOnes * 0x20) & ~w & kHigh;  // byte < 0x20
      std::uint64_t is_del = ((w ^ (kOnes * 0x7f)) - kOnes) & ~(w ^ (kOnes * 0x7f)) & kHigh;
      if (!below_space && !is_del && !(w & kHigh)) {
        i += 8;
        continue;
      }
    }
    unsigned char c = p[i];
    if (c < 0x20) {
      if (c == 0) {
        return EncodingError(std::string(name) + ": binary data (NUL byte at offset " +
                             std::to_string(i) + "), not text");
      }
      if (c != '\t' && c != '\n' && c != '\r' && c != '\f') ++controls;
    } else if (c == 0x7f) {
      ++controls;
    } else if (c == 0xC2 && i + 1 < n && p[i + 1] >= 0x80 && p[i + 1] < 0xA0) {
      ++controls;  // C1 control U+0080..U+009F
    }
    ++i;
  }
  if (controls > 0) {
    std::size_t chars = 0;
    for (std::size_t k = 0; k < n; ++k) chars += (p[k] & 0xC0) != 0x80;
    if (controls * 50 > chars) {
      return EncodingError(std::string(name) + ": binary data (" + std::to_string(controls) +
                           " control characters in " + std::to_string(chars) + "), not text");
    }
  }
  return Status::Ok();
}

Status DecodeText(std::string_view raw, std::string_view charset_hint, std::string_view name,
                  std::string* out, std::string* charset_used) {
  std::string used;
  auto u8 = [](std::string_view s, char a, char b, char c) {
    return s.size() >= 3 && s[0] == a && s[1] == b && s[2] == c;
  };
  auto starts = [&](std::string_view prefix) { return raw.substr(0, prefix.size()) == prefix; };
  if (u8(raw, '\xEF', '\xBB', '\xBF')) {
    raw.remove_prefix(3);
    if (!IsValidUtf8(raw)) {
      return EncodingError(std::string(name) +
                           ": starts with a UTF-8 byte-order mark but is not valid UTF-8");
    }
    out->assign(raw);
    used = "UTF-8";
  } else if (starts(std::string_view("\xFF\xFE\0\0", 4)) ||
             starts(std::string_view("\0\0\xFE\xFF", 4))) {
    used = raw[0] == '\xFF' ? "UTF-32LE" : "UTF-32BE";
    DYAD_RETURN_IF_ERROR(Convert(raw.substr(4), used.c_str(), name, out));
  } else if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
    used = raw[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    DYAD_RETURN_IF_ERROR(Convert(raw.substr(2), used.c_str(), name, out));
  } else if (IsValidUtf8(raw)) {
    out->assign(raw);
    used = "UTF-8";
  } else {
    if (std::memchr(raw.data(), '\0', raw.size()) != nullptr) {
      return EncodingError(std::string(name) + ": binary data (NUL bytes), not text");
    }
    std::string cs = CanonicalCharset(charset_hint);
    if (cs.empty() || cs == "utf-8") cs = DetectCharset(raw);
    DYAD_RETURN_IF_ERROR(Convert(raw, cs.c_str(), name, out));
    used = cs;
  }
  DYAD_RETURN_IF_ERROR(CheckNotBinary(*out, name));
  if (charset_used) *charset_used = used;
  return Status::Ok();
}

}  // namespace dyad::ingest
