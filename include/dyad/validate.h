// Copyright dyad authors. The event-data ecosystem's validation suites.
//
// Two suites are read in their own formats, unchanged:
//   * PETRARCH unit-test records (XML: <Environment> names the dictionaries,
//     each <Sentence> has <EventCoding> expectations and a <Text>);
//   * TABARI validation projects (.project names the dictionaries and the
//     .text file whose records carry "{ SRC / TGT / CODE }" expectations).
// Each record is coded with dyad's coder over the suite's own dictionaries. A
// record passes when the set of (source, target, event) triples dyad codes
// equals the expected set; records expecting no events pass when dyad codes
// none; records expecting an error pass when dyad reports that condition.
//
// Thread-safety: reentrant.
#ifndef DYAD_VALIDATE_H_
#define DYAD_VALIDATE_H_

#include <map>
#include <string>
#include <vector>

#include "dyad/coder.h"
#include "dyad/status.h"

namespace dyad {

struct EventTriple {
  std::string source, target, event;
  auto operator<=>(const EventTriple&) const = default;
};

struct ValidationRecord {
  std::string id;
  std::string category;  // PETRARCH category attribute; TABARI: id prefix ("DEMO")
  std::string date;      // YYYYMMDD
  std::string text;      // whitespace-normalised sentence(s)
  std::vector<EventTriple> expected;
  bool expect_none = false;
  std::string expect_error;  // PETRARCH error="..." ("storydiscard", "dateline", ...)
  std::string where;         // file:line of the record
  // PETRARCH <Config option="require_dyad" value="..."> in force at the record
  // (the suite switches it off around the records that expect one-sided events).
  bool require_dyad = true;
  // PETRARCH's comma_min/max, comma_bmin/bmax, comma_emin/emax in force.
  CommaClauses comma;
};

struct ValidationSuite {
  std::string name;                       // file name
  std::vector<std::string> dictionaries;  // absolute paths, in load order
  std::vector<ValidationRecord> records;
};

// Reads a PETRARCH unit-test XML file. Dictionary paths are resolved against
// the file's folder.
Result<ValidationSuite> LoadPetrarchSuite(const std::string& xml_path);
// Reads a TABARI .project file and the records of its text file up to the
// "end of the standard validation records" marker.
Result<ValidationSuite> LoadTabariSuite(const std::string& project_path);
// Either, by extension (.xml PETRARCH, .project TABARI).
Result<ValidationSuite> LoadValidationSuite(const std::string& path);

struct RecordOutcome {
  const ValidationRecord* record = nullptr;
  std::vector<EventTriple> coded;
  std::string note;   // why it failed or was not applicable
  std::string trace;  // ValidateOptions::trace: how the coder read the record
  bool pass = false;
  bool applicable = true;  // false: tests something outside dyad (e.g. a parse tree)
};

struct CategoryScore {
  int passed = 0, total = 0;
};

struct ValidationReport {
  std::string suite;
  std::vector<RecordOutcome> outcomes;
  std::map<std::string, CategoryScore> categories;
  int passed = 0, total = 0, not_applicable = 0;
  int dictionary_warnings = 0;
};

struct ValidateOptions {
  bool use_tagger = true;
  std::string data_dir;  // for the tagger model; empty: default
  bool trace = false;    // keep the coder's trace per record
  std::string only_id;   // run just this record (empty: all)
};

Result<ValidationReport> RunValidation(const ValidationSuite& suite,
                                       const ValidateOptions& options);

// Table per category (passes / total) and the first `max_failures` failures.
std::string RenderValidationReport(const ValidationReport& report, int max_failures);

// Per-record detail with the coder's trace (for --explain).
std::string RenderValidationTrace(const ValidationReport& report);

}  // namespace dyad

#endif  // DYAD_VALIDATE_H_
