// Copyright dyad authors. Loader for the CAMEO codebook table (data/cameo.tsv).
#include "dyad/codebook.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

namespace dyad {
namespace {

constexpr std::size_t kMaxTableBytes = std::size_t{16} << 20;
constexpr std::size_t kColumns = 7;
constexpr std::string_view kHeader =
    "code\tname\tquad_class\tgoldstein\tplover_event\tplover_mode\tplover_context";
// Slots of the dense index: 100 two-digit, 1000 three-digit, 10000 four-digit codes.
constexpr int kSlotCount = 100 + 1000 + 10000;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Index slot of a 2-4 digit code, -1 when `code` is not one.
int Slot(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return -1;
  int value = 0;
  for (char c : code) {
    if (!IsDigit(c)) return -1;
    value = value * 10 + (c - '0');
  }
  switch (code.size()) {
    case 2:
      return value;
    case 3:
      return 100 + value;
    default:
      return 1100 + value;
  }
}

// `s` quoted for a message: non-printable bytes as \xNN, long values cut.
std::string Quote(std::string_view s) {
  constexpr std::size_t kMax = 60;
  std::string out = "'";
  for (std::size_t i = 0; i < s.size() && i < kMax; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (s.size() > kMax) out += "...";
  out += "'";
  return out;
}

bool IsValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      extra = 1;
      cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      extra = 2;
      cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + static_cast<std::size_t>(extra) >= s.size()) return false;  // truncated sequence
    for (int k = 1; k <= extra; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, surrogates and values above U+10FFFF.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

// [A-Z_]+
bool IsEventName(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || c == '_')) return false;
  }
  return true;
}

// [a-z0-9_-]+
bool IsLowerWord(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || IsDigit(c) || c == '_' || c == '-')) return false;
  }
  return true;
}

// One or more lower words joined by ';'.
bool IsContextList(std::string_view s) {
  while (true) {
    std::size_t semi = s.find(';');
    if (!IsLowerWord(s.substr(0, semi))) return false;
    if (semi == std::string_view::npos) return true;
    s.remove_prefix(semi + 1);
  }
}

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

}  // namespace

int QuadClassOfRoot(std::string_view root) {
  if (root.size() != 2 || !IsDigit(root[0]) || !IsDigit(root[1])) return 0;
  int r = (root[0] - '0') * 10 + (root[1] - '0');
  if (r < 1 || r > 20) return 0;
  if (r <= 5) return kQuadVerbalCooperation;
  if (r <= 8) return kQuadMaterialCooperation;
  if (r <= 13) return kQuadVerbalConflict;
  return kQuadMaterialConflict;
}

std::string_view Codebook::Root(std::string_view code) {
  if (code.size() < 2 || !IsDigit(code[0]) || !IsDigit(code[1])) return {};
  return code.substr(0, 2);
}

std::string Codebook::DefaultPath() {
  const char* env = std::getenv("DYAD_DATA");
  std::string dir =
      (env != nullptr && *env != '\0') ? std::string(env) : std::string(DYAD_DATA_DIR);
  return dir + "/cameo.tsv";
}

Result<std::unique_ptr<Codebook>> Codebook::Load(const std::string& tsv_path) {
  std::error_code ec;
  std::filesystem::file_status st = std::filesystem::status(tsv_path, ec);
  if (!std::filesystem::exists(st)) {
    return NotFound("codebook file '" + tsv_path + "' does not exist");
  }
  if (!std::filesystem::is_regular_file(st)) {
    return IoError("codebook file '" + tsv_path + "' is not a regular file");
  }
  std::uintmax_t size = std::filesystem::file_size(tsv_path, ec);
  if (ec) return IoError(tsv_path + ": " + ec.message());
  if (size > kMaxTableBytes) {
    return LimitExceeded(tsv_path + ": " + std::to_string(size) + " bytes exceeds the limit of " +
                         std::to_string(kMaxTableBytes));
  }
  std::ifstream in(tsv_path, std::ios::binary);
  if (!in) return IoError(tsv_path + ": cannot open: " + std::strerror(errno));
  std::string data(static_cast<std::size_t>(size), '\0');
  in.read(data.data(), static_cast<std::streamsize>(data.size()));
  if (in.gcount() != static_cast<std::streamsize>(data.size())) {
    return IoError(tsv_path + ": read failed");
  }
  return Parse(data, tsv_path);
}

Result<std::unique_ptr<Codebook>> Codebook::Parse(std::string_view data, std::string_view name) {
  const std::string file(name);
  if (data.size() > kMaxTableBytes) {
    return LimitExceeded(file + ": " + std::to_string(data.size()) +
                         " bytes exceeds the limit of " + std::to_string(kMaxTableBytes));
  }
  std::unique_ptr<Codebook> cb(new Codebook());
  cb->index_.assign(kSlotCount, -1);
  std::vector<int> first_line;  // line of each row, parallel to codes_
  bool have_header = false;
  int line_no = 0;
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t nl = data.find('\n', pos);
    std::string_view line =
        data.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? data.size() : nl + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (IsBlank(line) || line.front() == '#') continue;

    const std::string where = file + ":" + std::to_string(line_no) + ": ";
    if (!have_header) {
      if (line != kHeader) {
        return ParseError(where +
                          "expected the header line 'code<TAB>name<TAB>quad_class<TAB>"
                          "goldstein<TAB>plover_event<TAB>plover_mode<TAB>plover_context'"
                          ", found " +
                          Quote(line));
      }
      have_header = true;
      continue;
    }

    std::string_view f[kColumns];
    std::size_t n = 0;
    for (std::string_view rest = line;;) {
      std::size_t tab = rest.find('\t');
      if (n < kColumns) f[n] = rest.substr(0, tab);
      ++n;
      if (tab == std::string_view::npos) break;
      rest.remove_prefix(tab + 1);
    }
    if (n != kColumns) {
      return ParseError(where + "expected " + std::to_string(kColumns) +
                        " tab-separated columns, found " + std::to_string(n));
    }
    const std::string_view code = f[0], cname = f[1], quad = f[2], gold = f[3], event = f[4],
                           mode = f[5], context = f[6];

    const int slot = Slot(code);
    const int root_quad = QuadClassOfRoot(Root(code));
    if (slot < 0 || root_quad == 0) {
      return ParseError(where + "code " + Quote(code) +
                        " is not a CAMEO code (2-4 digits under a root 01-20)");
    }
    if (cb->index_[slot] >= 0) {
      return ParseError(where + "duplicate code " + Quote(code) + " (first on line " +
                        std::to_string(first_line[cb->index_[slot]]) + ")");
    }
    if (cname.empty() || IsBlank(cname))
      return ParseError(where + "empty name for code " + Quote(code));
    if (!IsValidUtf8(cname)) {
      return EncodingError(where + "name of code " + Quote(code) + " is not valid UTF-8");
    }
    for (char c : cname) {
      unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7f) {
        return ParseError(where + "name " + Quote(cname) + " contains a control character");
      }
    }
    if (quad.size() != 1 || quad[0] < '1' || quad[0] > '4') {
      return ParseError(where + "quad_class " + Quote(quad) + " is not 1, 2, 3 or 4");
    }
    const int quad_class = quad[0] - '0';
    if (quad_class != root_quad) {
      return ParseError(where + "quad_class " + std::to_string(quad_class) +
                        " does not match root " + std::string(Root(code)) + " (expected " +
                        std::to_string(root_quad) + ")");
    }
    double goldstein = 0;
    auto [end, err] = std::from_chars(gold.data(), gold.data() + gold.size(), goldstein);
    if (gold.empty() || err != std::errc() || end != gold.data() + gold.size() ||
        std::isnan(goldstein)) {
      return ParseError(where + "goldstein " + Quote(gold) + " is not a number");
    }
    if (goldstein < -10.0 || goldstein > 10.0) {
      return ParseError(where + "goldstein " + Quote(gold) + " is outside -10..10");
    }
    if (!event.empty() && !IsEventName(event)) {
      return ParseError(where + "plover_event " + Quote(event) + " is not an upper-case name");
    }
    if (!mode.empty() && !IsLowerWord(mode)) {
      return ParseError(where + "plover_mode " + Quote(mode) + " is not a lower-case word");
    }
    if (!context.empty() && !IsContextList(context)) {
      return ParseError(where + "plover_context " + Quote(context) +
                        " is not lower-case words joined by ';'");
    }
    if (event.empty() && (!mode.empty() || !context.empty())) {
      return ParseError(where + "plover_mode/plover_context given without a plover_event");
    }

    cb->index_[slot] = static_cast<std::int16_t>(cb->codes_.size());
    first_line.push_back(line_no);
    cb->codes_.push_back(CameoCode{std::string(code), std::string(cname), quad_class, goldstein,
                                   std::string(event), std::string(mode), std::string(context)});
  }
  if (!have_header) return ParseError(file + ": no header line (empty table)");
  if (cb->codes_.empty()) return ParseError(file + ": the table lists no codes");
  return cb;
}

const CameoCode* Codebook::FindExact(std::string_view code) const {
  const int slot = Slot(code);
  if (slot < 0 || index_.empty()) return nullptr;
  const std::int16_t i = index_[slot];
  return i < 0 ? nullptr : &codes_[i];
}

const CameoCode* Codebook::Find(std::string_view code) const {
  if (Slot(code) < 0) return nullptr;
  if (const CameoCode* c = FindExact(code)) return c;
  if (code.size() == 4) {
    if (const CameoCode* c = FindExact(code.substr(0, 3))) return c;
  }
  if (code.size() >= 3) {
    const char base[3] = {code[0], code[1], '0'};
    if (const CameoCode* c = FindExact(std::string_view(base, 3))) return c;
  }
  return FindExact(code.substr(0, 2));
}

}  // namespace dyad
