#include "dyad/validate.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "dyad/coder.h"
#include "dyad/dict.h"
#include "dyad/lexicon.h"
#include "dyad/tagger.h"
#include "dyad/text.h"

namespace dyad {
namespace {

namespace fs = std::filesystem;

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return IoError(path + ": read failed");
  return ss.str();
}

// The CommaClauses field a PETRARCH <Config option="comma_..."> sets, or null.
std::uint32_t* CommaField(CommaClauses* c, std::string_view option) {
  if (option == "comma_min") return &c->min;
  if (option == "comma_max") return &c->max;
  if (option == "comma_bmin") return &c->begin_min;
  if (option == "comma_bmax") return &c->begin_max;
  if (option == "comma_emin") return &c->end_min;
  if (option == "comma_emax") return &c->end_max;
  return nullptr;
}

std::string Trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// Collapses runs of whitespace into one blank.
std::string Normalise(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string DecodeXml(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    std::size_t semi = s.find(';', i);
    std::string_view ent =
        semi == std::string_view::npos ? std::string_view() : s.substr(i + 1, semi - i - 1);
    if (ent == "amp")
      out.push_back('&');
    else if (ent == "lt")
      out.push_back('<');
    else if (ent == "gt")
      out.push_back('>');
    else if (ent == "quot")
      out.push_back('"');
    else if (ent == "apos")
      out.push_back('\'');
    else {
      out.push_back('&');
      continue;
    }
    i = semi;
  }
  return out;
}

int LineOf(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(
                 std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

// Attribute value of `name` in a tag's text: name="v", name = 'v', name=v.
bool Attribute(std::string_view tag, std::string_view name, std::string* value) {
  std::size_t p = 0;
  while ((p = tag.find(name, p)) != std::string_view::npos) {
    bool word_start = p == 0 || std::isspace(static_cast<unsigned char>(tag[p - 1]));
    std::size_t q = p + name.size();
    while (q < tag.size() && tag[q] == ' ') ++q;
    if (!word_start || q >= tag.size() || tag[q] != '=') {
      p += name.size();
      continue;
    }
    ++q;
    while (q < tag.size() && tag[q] == ' ') ++q;
    if (q >= tag.size()) return false;
    char quote = tag[q];
    if (quote == '"' || quote == '\'') {
      std::size_t e = tag.find(quote, q + 1);
      if (e == std::string_view::npos) return false;
      *value = DecodeXml(tag.substr(q + 1, e - q - 1));
    } else {
      std::size_t e = q;
      while (e < tag.size() && !std::isspace(static_cast<unsigned char>(tag[e])) && tag[e] != '>')
        ++e;
      *value = std::string(tag.substr(q, e - q));
    }
    return true;
  }
  return false;
}

std::string Unquote(std::string s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

// Text between <name> and </name> starting the search at `from`.
bool Element(std::string_view text, std::string_view name, std::size_t from, std::size_t limit,
             std::string* value) {
  std::string open = "<" + std::string(name) + ">", close = "</" + std::string(name) + ">";
  std::size_t b = text.find(open, from);
  if (b == std::string_view::npos || b >= limit) return false;
  std::size_t e = text.find(close, b);
  if (e == std::string_view::npos || e > limit) return false;
  *value = std::string(text.substr(b + open.size(), e - b - open.size()));
  return true;
}

std::string StripComments(std::string_view s) {
  std::string out;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t c = s.find("<!--", i);
    if (c == std::string_view::npos) {
      out.append(s.substr(i));
      break;
    }
    out.append(s.substr(i, c - i));
    std::size_t e = s.find("-->", c + 4);
    if (e == std::string_view::npos) break;
    // Keep line count: replace the comment by its newlines.
    out.append(static_cast<std::size_t>(std::count(s.begin() + c, s.begin() + e, '\n')), '\n');
    i = e + 3;
  }
  return out;
}

}  // namespace

Result<ValidationSuite> LoadPetrarchSuite(const std::string& xml_path) {
  auto raw = ReadFile(xml_path);
  if (!raw.ok()) return raw.status();
  const std::string text = StripComments(*raw);
  ValidationSuite suite;
  suite.name = fs::path(xml_path).filename().string();
  const fs::path dir = fs::path(xml_path).parent_path();
  std::string env;
  if (!Element(text, "Environment", 0, text.size(), &env)) {
    return ParseError(xml_path + ": no <Environment> naming the dictionaries");
  }
  for (std::string_view tag : {"Verbfile", "Actorfile", "Agentfile", "Discardfile"}) {
    std::string f;
    if (Element(env, tag, 0, env.size(), &f))
      suite.dictionaries.push_back((dir / Trim(f)).string());
  }
  // <Config option="..." value="..."> tags apply to the records after them.
  bool require_dyad = true;
  CommaClauses comma;
  std::size_t config_pos = 0;
  auto apply_configs = [&](std::size_t until) -> Status {
    while ((config_pos = text.find("<Config", config_pos)) != std::string::npos &&
           config_pos < until) {
      std::size_t e = text.find('>', config_pos);
      if (e == std::string::npos || e > until) {
        return ParseError(xml_path + ":" + std::to_string(LineOf(text, config_pos)) +
                          ": unterminated <Config>");
      }
      std::string_view tag(text.data() + config_pos, e - config_pos);
      std::string option, value;
      if (Attribute(tag, "option", &option) && Attribute(tag, "value", &value)) {
        if (option == "require_dyad") {
          // As PETRARCH reads it: anything but "false" (any case) is true.
          std::string lower = value;
          for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
          require_dyad = lower.find("false") == std::string::npos;
        } else if (std::uint32_t* field = CommaField(&comma, option)) {
          const std::string v = Trim(value);
          std::uint32_t n = 0;
          auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
          if (ec != std::errc() || end != v.data() + v.size() || n > 1000) {
            return ParseError(xml_path + ":" + std::to_string(LineOf(text, config_pos)) + ": " +
                              option + " wants a word count, not \"" + value + "\"");
          }
          *field = n;
        }
      }
      config_pos = e;
    }
    return Status::Ok();
  };
  std::size_t pos = 0;
  while ((pos = text.find("<Sentence ", pos)) != std::string::npos) {
    DYAD_RETURN_IF_ERROR(apply_configs(pos));
    std::size_t tag_end = text.find('>', pos);
    std::size_t end = text.find("</Sentence>", pos);
    if (tag_end == std::string::npos || end == std::string::npos) {
      return ParseError(xml_path + ":" + std::to_string(LineOf(text, pos)) +
                        ": unterminated <Sentence>");
    }
    std::string_view tag(text.data() + pos, tag_end - pos);
    ValidationRecord r;
    r.where = suite.name + ":" + std::to_string(LineOf(text, pos));
    r.require_dyad = require_dyad;
    r.comma = comma;
    Attribute(tag, "id", &r.id);
    Attribute(tag, "category", &r.category);
    Attribute(tag, "date", &r.date);
    std::string body;
    if (!Element(text, "Text", tag_end, end, &body)) {
      return ParseError(r.where + ": <Sentence> without <Text>");
    }
    r.text = Normalise(DecodeXml(body));
    std::size_t ec = tag_end;
    while ((ec = text.find("<EventCoding", ec)) != std::string::npos && ec < end) {
      std::size_t ec_end = text.find('>', ec);
      std::string_view etag(text.data() + ec, ec_end - ec);
      std::string v;
      if (Attribute(etag, "noevents", &v)) r.expect_none = true;
      if (Attribute(etag, "error", &v)) r.expect_error = v;
      EventTriple t;
      if (Attribute(etag, "sourcecode", &t.source) && Attribute(etag, "targetcode", &t.target) &&
          Attribute(etag, "eventcode", &t.event)) {
        t.source = Unquote(t.source);
        t.target = Unquote(t.target);
        r.expected.push_back(std::move(t));
      }
      ec = ec_end;
    }
    if (r.category.empty()) r.category = r.id.substr(0, r.id.find('-'));
    suite.records.push_back(std::move(r));
    pos = end;
  }
  DYAD_RETURN_IF_ERROR(apply_configs(text.size()));  // trailing tags must be well-formed too
  return suite;
}

Result<ValidationSuite> LoadTabariSuite(const std::string& project_path) {
  auto proj = ReadFile(project_path);
  if (!proj.ok()) return proj.status();
  ValidationSuite suite;
  suite.name = fs::path(project_path).filename().string();
  const fs::path dir = fs::path(project_path).parent_path();
  std::string text_file;
  std::istringstream lines(*proj);
  std::string line;
  while (std::getline(lines, line)) {
    auto value = [&](std::string_view key) -> std::string {
      if (line.rfind(key, 0) != 0) return {};
      return Trim(std::string_view(line).substr(key.size()));
    };
    for (std::string_view key : {"<actorsfile>", "<verbsfile>", "<agentsfile>", "<optionsfile>"}) {
      std::string v = value(key);
      if (!v.empty()) suite.dictionaries.push_back((dir / v).string());
    }
    if (std::string v = value("<textfile>"); !v.empty()) text_file = (dir / v).string();
  }
  if (text_file.empty()) return ParseError(project_path + ": no <textfile> line");
  auto txt = ReadFile(text_file);
  if (!txt.ok()) return txt.status();
  const std::string tname = fs::path(text_file).filename().string();
  std::istringstream in(*txt);
  int lineno = 0;
  ValidationRecord cur;
  enum { kOutside, kText, kComment } state = kOutside;
  bool skip_record = false;
  auto finish = [&] {
    if (!cur.id.empty() && !skip_record) {
      cur.text = Normalise(cur.text);
      suite.records.push_back(std::move(cur));
    }
    cur = ValidationRecord{};
    skip_record = false;
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (state == kOutside) {
      if (line.size() > 8 && std::isdigit(static_cast<unsigned char>(line[0])) && line[6] == ' ') {
        cur = ValidationRecord{};
        std::istringstream hs(line);
        std::string date, id;
        hs >> date >> id;
        cur.date = (date.substr(0, 2) < "30" ? "20" : "19") + date;
        cur.id = id;
        cur.category = id.substr(0, id.find('-'));
        cur.where = tname + ":" + std::to_string(lineno);
        state = kText;
      }
      continue;
    }
    if (state == kText) {
      std::size_t c = line.find("/*");
      if (c == std::string::npos) {
        cur.text += line + "\n";
        continue;
      }
      cur.text += line.substr(0, c);
      state = kComment;
      line = line.substr(c + 2);
    }
    // Comment part: expectations on "\n{ ... }" lines.
    std::size_t b = line.find("\\n{");
    if (b != std::string::npos) {
      std::size_t e = line.find('}', b);
      std::string inner =
          Trim(line.substr(b + 3, e == std::string::npos ? std::string::npos : e - b - 3));
      if (inner.rfind("OPTION", 0) == 0) {
        skip_record = true;  // tests a TABARI .options setting, not coding
      } else if (inner == "---" || inner == "+++") {
        cur.expect_none = true;
      } else {
        std::vector<std::string> parts;
        std::istringstream ps(inner);
        std::string part;
        while (std::getline(ps, part, '/')) parts.push_back(Trim(part));
        if (parts.size() == 3) cur.expected.push_back({parts[0], parts[1], parts[2]});
      }
    }
    if (line.find("*/") != std::string::npos) {
      bool stop =
          Normalise(cur.text).rfind("This is the end of the standard validation records", 0) == 0;
      if (stop) {
        cur = ValidationRecord{};
        break;
      }
      finish();
      state = kOutside;
    }
  }
  return suite;
}

Result<ValidationSuite> LoadValidationSuite(const std::string& path) {
  if (path.size() >= 8 && path.substr(path.size() - 8) == ".project") return LoadTabariSuite(path);
  return LoadPetrarchSuite(path);
}

namespace {

// A PETRARCH "dateline" error: the sentence opens with a place name in capitals
// followed by a colon and dashes ("CEBU CITY: -- ...").
bool LooksLikeDateline(std::string_view text) {
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon > 40) return false;
  for (std::size_t i = 0; i < colon; ++i) {
    char c = text[i];
    if (std::islower(static_cast<unsigned char>(c))) return false;
  }
  std::string_view rest = text.substr(colon + 1);
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return rest.rfind("--", 0) == 0;
}

}  // namespace

Result<ValidationReport> RunValidation(const ValidationSuite& suite,
                                       const ValidateOptions& options) {
  ValidationReport report;
  report.suite = suite.name;
  DictOptions dopts;
  int warnings = 0;
  dopts.sink = [&](const Diagnostic&) { ++warnings; };
  std::vector<fs::path> files(suite.dictionaries.begin(), suite.dictionaries.end());
  auto dicts = LoadDictionaries(files, dopts);
  if (!dicts.ok()) return dicts.status();
  report.dictionary_warnings = warnings;
  std::unique_ptr<Lexicon> lexicon;
  std::unique_ptr<Tagger> tagger;
  if (options.use_tagger) {
    auto lex = Lexicon::Load(Lexicon::DefaultDirectory());
    if (!lex.ok()) return lex.status();
    lexicon = std::move(lex).value();
    std::string model =
        options.data_dir.empty()
            ? Tagger::DefaultPath()
            : (fs::path(options.data_dir) / "models" / "tagger-en-ewt.dtm").string();
    auto t = Tagger::Load(model);
    if (!t.ok()) return t.status();
    tagger = std::move(t).value();
  }
  // One coder per option set the records ask for (require_dyad, comma_*):
  // a suite switches them a handful of times.
  std::map<std::pair<bool, CommaClauses>, std::unique_ptr<Coder>> coders;
  auto coder_for = [&](const ValidationRecord& r) -> const Coder& {
    auto& c = coders[{r.require_dyad, r.comma}];
    if (!c) {
      CoderOptions copts;
      copts.trace = options.trace;
      copts.require_dyad = r.require_dyad;
      copts.comma = r.comma;
      c = std::make_unique<Coder>(**dicts, copts);
    }
    return *c;
  };
  CoderScratchPtr scratch = NewCoderScratch();
  TaggerScratch tscratch;
  Document doc;
  std::vector<PosTag> tags;
  SentenceCoding coding;
  for (const ValidationRecord& r : suite.records) {
    if (!options.only_id.empty() && r.id != options.only_id) continue;
    RecordOutcome o;
    o.record = &r;
    std::int32_t date = 0;
    for (char c : r.date)
      date = std::isdigit(static_cast<unsigned char>(c)) ? date * 10 + (c - '0') : date;
    if (SplitText(r.text, TextOptions{}, &doc).ok()) {
      if (tagger) tagger->TagDocument(doc, lexicon.get(), &tscratch, &tags);
      bool story_discard = false, discard = false;
      std::set<EventTriple> coded;
      for (const Sentence& s : doc.sentences) {
        std::span<const PosTag> st;
        if (tagger) st = std::span<const PosTag>(tags).subspan(s.first_token, s.token_count);
        coder_for(r).CodeSentence(doc, s, st, date, scratch.get(), &coding);
        story_discard |= coding.story_discarded;
        discard |= coding.discarded;
        // PETRARCH and TABARI write an agent with no country as "---GOV".
        // A missing side (require_dyad = false) is "---".
        auto shown = [](const CodedActor& a, bool present) {
          if (!present) return std::string("---");
          return a.agent_only ? "---" + a.code : a.code;
        };
        for (const CodedEvent& e : coding.events)
          coded.insert({shown(e.source, e.has_source), shown(e.target, e.has_target), e.cameo});
        o.trace += coding.trace;
      }
      if (story_discard) coded.clear();
      o.coded.assign(coded.begin(), coded.end());
      if (!r.expect_error.empty()) {
        if (r.expect_error == "storydiscard")
          o.pass = story_discard;
        else if (r.expect_error == "sentencediscard" || r.expect_error == "discard")
          o.pass = discard;
        else if (r.expect_error == "dateline")
          o.pass = LooksLikeDateline(r.text);
        else {
          o.applicable = false;  // e.g. bad_input_parse: about the external parse tree
          o.note = "tests PETRARCH's handling of a malformed parse tree (" + r.expect_error +
                   "), which dyad does not read";
        }
        if (o.applicable && !o.pass) o.note = "expected error '" + r.expect_error + "'";
      } else {
        std::set<EventTriple> want(r.expected.begin(), r.expected.end());
        o.pass = want == coded;
        if (r.expect_none || want.empty()) o.pass = coded.empty();
        if (!o.pass)
          o.note = r.expect_none || want.empty() ? "expected no events" : "event sets differ";
      }
    } else {
      o.note = "text could not be split";
    }
    if (o.applicable) {
      auto& cs = report.categories[r.category];
      ++cs.total;
      ++report.total;
      if (o.pass) {
        ++cs.passed;
        ++report.passed;
      }
    } else {
      ++report.not_applicable;
    }
    report.outcomes.push_back(std::move(o));
  }
  return report;
}

std::string RenderValidationReport(const ValidationReport& report, int max_failures) {
  std::ostringstream o;
  o << report.suite << "\n";
  o << "category      passed / total\n";
  for (const auto& [cat, s] : report.categories) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%-12s %6d / %-5d %5.1f%%\n", cat.c_str(), s.passed, s.total,
                  s.total ? 100.0 * s.passed / s.total : 0.0);
    o << buf;
  }
  char buf[128];
  std::snprintf(buf, sizeof buf, "%-12s %6d / %-5d %5.1f%%\n", "ALL", report.passed, report.total,
                report.total ? 100.0 * report.passed / report.total : 0.0);
  o << buf;
  if (report.not_applicable) o << "not applicable: " << report.not_applicable << "\n";
  if (report.dictionary_warnings)
    o << "dictionary warnings: " << report.dictionary_warnings << "\n";
  int shown = 0;
  for (const RecordOutcome& r : report.outcomes) {
    if (r.pass || !r.applicable || shown >= max_failures) continue;
    if (shown++ == 0) o << "\nfailures:\n";
    o << r.record->where << " " << r.record->id << ": " << r.note << "\n  "
      << r.record->text.substr(0, 160) << "\n  expected:";
    if (r.record->expected.empty()) o << " none";
    for (const auto& t : r.record->expected)
      o << " (" << t.source << " " << t.target << " " << t.event << ")";
    o << "\n  coded:   ";
    if (r.coded.empty()) o << " none";
    for (const auto& t : r.coded) o << " (" << t.source << " " << t.target << " " << t.event << ")";
    o << "\n";
  }
  return o.str();
}

std::string RenderValidationTrace(const ValidationReport& report) {
  std::ostringstream o;
  for (const RecordOutcome& r : report.outcomes) {
    o << r.record->id << (r.pass ? " pass" : " FAIL") << ": " << r.record->text << "\n  expected:";
    for (const auto& t : r.record->expected)
      o << " (" << t.source << " " << t.target << " " << t.event << ")";
    o << "\n  coded:";
    for (const auto& t : r.coded) o << " (" << t.source << " " << t.target << " " << t.event << ")";
    o << "\n" << r.trace << "\n";
  }
  return o.str();
}

}  // namespace dyad
