// Copyright dyad authors. Plain text reader, encodings, limits, boilerplate.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "ingest/boilerplate.h"
#include "ingest/date.h"
#include "ingest/encoding.h"
#include "ingest_test_util.h"

namespace dyad {
namespace {

using testing::ReadBuffer;
using testing::ReadFileOrDie;
using testing::ReadPath;
using testing::SharedPath;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "dyad_ingest_XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string File(const std::string& name, std::string_view content) const {
    std::string p = path_ + "/" + name;
    std::ofstream(p, std::ios::binary).write(content.data(), content.size());
    return p;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(TextReader, SampleBoilerplateLineRemovedAndNothingElse) {
  std::string path = SharedPath("samples/libya-deportation.txt");
  std::string raw = ReadFileOrDie(path);
  auto r = ReadPath(path);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  const std::string line =
      "If you buy something through a link in this article, we may earn commission.";
  ASSERT_EQ(a.boilerplate_removed, std::vector<std::string>{line});
  std::size_t at = raw.find(line);
  ASSERT_NE(at, std::string::npos);
  std::string expected = raw.substr(0, at) + raw.substr(at + line.size());
  while (!expected.empty() && (expected.back() == '\n' || expected.back() == ' ')) {
    expected.pop_back();
  }
  EXPECT_EQ(a.body, expected);
  EXPECT_EQ(a.body.find("commission"), std::string::npos);
  EXPECT_EQ(a.content_hash, Sha256Hex(a.body));
  EXPECT_EQ(a.id, testing::DerivedId(a.content_hash));
  EXPECT_EQ(a.origin, path);
  EXPECT_TRUE(a.date.empty());
}

TEST(TextReader, DefaultDateAndKeepBoilerplateOption) {
  ReadOptions o;
  o.default_date = "2025-05-07";
  o.remove_boilerplate = false;
  auto r = ReadPath(SharedPath("samples/libya-deportation.txt"), o);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].date, "2025-05-07");
  EXPECT_TRUE(r.articles[0].boilerplate_removed.empty());
  EXPECT_NE(r.articles[0].body.find("may earn commission."), std::string::npos);
}

TEST(TextReader, ContentHashIsStableAndIdDerived) {
  auto a = ReadBuffer("Arnor met Gondor.\r\nThey talked.\n", Format::kText);
  auto b = ReadBuffer("Arnor met Gondor.\nThey talked.", Format::kText);
  ASSERT_EQ(a.articles.size(), 1u);
  ASSERT_EQ(b.articles.size(), 1u);
  EXPECT_EQ(a.articles[0].body, "Arnor met Gondor.\nThey talked.");
  EXPECT_EQ(a.articles[0].content_hash, b.articles[0].content_hash);
  // SHA-256 of the body, fixed value.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(a.articles[0].content_hash, Sha256Hex("Arnor met Gondor.\nThey talked."));
  EXPECT_EQ(a.articles[0].id, testing::DerivedId(a.articles[0].content_hash));
  Article x;
  x.id = "given";
  x.body = "abc";
  FinalizeArticle(&x);
  EXPECT_EQ(x.id, "given");
  EXPECT_EQ(x.content_hash, Sha256Hex("abc"));
}

TEST(TextReader, Utf8BomStripped) {
  auto r = ReadBuffer("\xEF\xBB\xBFHello world.", Format::kText);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].body, "Hello world.");
}

TEST(TextReader, Utf16WithBomConverted) {
  std::string le("\xFF\xFE", 2);
  for (char c : std::string("Caf\xE9 talks.")) {
    le.push_back(c);
    le.push_back('\0');
  }
  auto r = ReadBuffer(le, Format::kText);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].body, "Caf\xC3\xA9 talks.");
}

TEST(TextReader, Latin1Converted) {
  auto r = ReadBuffer(
      "The minister said the caf\xE9 in S\xE3o Paulo would reopen. \"Na\xEFve\" plans were "
      "dropped, the r\xE9gime said on Monday.",
      Format::kText);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_NE(r.articles[0].body.find("caf\xC3\xA9"), std::string::npos);
  EXPECT_NE(r.articles[0].body.find("S\xC3\xA3o Paulo"), std::string::npos);
}

TEST(TextReader, Windows1252QuotesConverted) {
  auto r = ReadBuffer("\x93Peace talks\x94 resumed \x96 officials said.", Format::kText);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].body,
            "\xE2\x80\x9CPeace talks\xE2\x80\x9D resumed \xE2\x80\x93 officials said.");
}

TEST(TextReader, InvalidUtf8WithBomRejected) {
  auto r = ReadBuffer("\xEF\xBB\xBFok \xC3\x28 bad", Format::kText, {}, "bad.txt");
  EXPECT_EQ(r.status.code(), ErrorCode::kEncodingError);
  EXPECT_NE(r.status.message().find("bad.txt"), std::string::npos);
}

TEST(TextReader, UnconvertibleBytesRejectedNotMangled) {
  // 0x81 is undefined in Windows-1252: the bytes cannot be converted.
  std::string s = "Some words \x81\x8D\x8F\x90\x9D here.";
  std::string out;
  Status st = ingest::DecodeText(s, "windows-1252", "x.txt", &out);
  EXPECT_EQ(st.code(), ErrorCode::kEncodingError) << out;
  EXPECT_NE(st.message().find("x.txt"), std::string::npos);
}

TEST(TextReader, EmptyFileRejected) {
  TempDir dir;
  std::string p = dir.File("empty.txt", "");
  auto r = ReadPath(p);
  EXPECT_EQ(r.status.code(), ErrorCode::kParseError);
  EXPECT_EQ(r.status.message(), p + ": empty file");
  auto b = ReadBuffer("", Format::kText, {}, "e.txt");
  EXPECT_EQ(b.status.message(), "e.txt: empty file");
  auto ws = ReadBuffer(" \n\n \t\n", Format::kText, {}, "ws.txt");
  EXPECT_EQ(ws.status.code(), ErrorCode::kParseError);
}

TEST(TextReader, BinaryGarbageRejected) {
  std::string bin;
  unsigned x = 12345;
  for (int i = 0; i < 4096; ++i) {
    x = x * 1103515245u + 12345u;
    bin.push_back(static_cast<char>(x >> 16));
  }
  auto r = ReadBuffer(bin, Format::kText, {}, "garbage.bin");
  EXPECT_EQ(r.status.code(), ErrorCode::kEncodingError);
  EXPECT_NE(r.status.message().find("garbage.bin: binary data"), std::string::npos)
      << r.status.message();
  // No NULs but many control characters.
  std::string ctl;
  for (int i = 0; i < 200; ++i) ctl += (i % 3) ? 'a' : '\x01';
  auto c = ReadBuffer(ctl, Format::kText, {}, "ctl.txt");
  EXPECT_EQ(c.status.code(), ErrorCode::kEncodingError);
}

TEST(TextReader, SparseTwoGigabyteFileRejectedBeforeReading) {
  TempDir dir;
  std::string p = dir.path() + "/x.txt";
  int fd = ::open(p.c_str(), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::ftruncate(fd, 2147483648LL), 0);
  ::close(fd);
  auto r = ReadPath(p);
  EXPECT_EQ(r.status.code(), ErrorCode::kLimitExceeded);
  EXPECT_EQ(r.status.message(), p + ": 2147483648 bytes exceeds max_article_bytes (8388608)");
  // Same for a name that says nothing about the format.
  std::string q = dir.path() + "/noext";
  std::filesystem::rename(p, q);
  auto r2 = ReadPath(q);
  EXPECT_EQ(r2.status.code(), ErrorCode::kLimitExceeded);
}

TEST(TextReader, LimitOnBuffer) {
  ReadOptions o;
  o.max_article_bytes = 10;
  auto r = ReadBuffer("This text is longer than ten bytes.", Format::kText, o, "big.txt");
  EXPECT_EQ(r.status.code(), ErrorCode::kLimitExceeded);
  EXPECT_NE(r.status.message().find("big.txt"), std::string::npos);
}

TEST(TextReader, StdinDash) {
  TempDir dir;
  std::string p = dir.File("in.jsonl", "{\"id\":\"x1\",\"text\":\"From stdin.\"}\n");
  int saved = ::dup(0);
  int fd = ::open(p.c_str(), O_RDONLY);
  ASSERT_GE(fd, 0);
  ::dup2(fd, 0);
  ::close(fd);
  auto r = ReadPath("-");  // sniffed as JSONL
  ::dup2(saved, 0);
  ::close(saved);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].id, "x1");
  EXPECT_EQ(r.articles[0].origin, "<stdin>:1");
}

TEST(TextReader, MissingFileIsNotFound) {
  auto r = ReadPath("/nonexistent/dir/x.txt");
  EXPECT_EQ(r.status.code(), ErrorCode::kNotFound);
}

TEST(Boilerplate, PatternTable) {
  using ingest::IsBoilerplate;
  EXPECT_TRUE(IsBoilerplate(
      "If you buy something through a link in this article, we may earn commission."));
  EXPECT_TRUE(IsBoilerplate("Sign up for our newsletter"));
  EXPECT_TRUE(IsBoilerplate("SUBSCRIBE"));
  EXPECT_TRUE(IsBoilerplate("Click here to read the full report."));
  EXPECT_TRUE(IsBoilerplate("Follow us on Twitter and Facebook"));
  EXPECT_TRUE(IsBoilerplate("\xC2\xA9 2025 Example News. All rights reserved."));
  EXPECT_TRUE(IsBoilerplate("Copyright \xC2\xA9 2024 Foo Media"));
  EXPECT_TRUE(IsBoilerplate("Read more: Talks collapse in Geneva"));
  EXPECT_TRUE(IsBoilerplate("Advertisement"));
  EXPECT_TRUE(IsBoilerplate("This article originally appeared on Example.com."));
  EXPECT_TRUE(IsBoilerplate("(Reporting by Jane Doe; Editing by John Smith)"));
  EXPECT_TRUE(IsBoilerplate("Share Facebook Twitter Email"));
  EXPECT_FALSE(IsBoilerplate("The minister said protesters would subscribe to the plan."));
  EXPECT_FALSE(IsBoilerplate("Arnor attacked Gondor on Monday, officials said."));
  EXPECT_FALSE(IsBoilerplate("Reporting by the agency found 20 people died in the attack."));
  EXPECT_FALSE(IsBoilerplate(std::string(500, 'x') + " all rights reserved"));
}

TEST(Boilerplate, NeverCutsASentence) {
  // "Click here" starts a wrapped line in the middle of a sentence: kept.
  std::string body = "Officials told residents they could\nclick here was the label on the form.\n";
  std::vector<std::string> removed;
  EXPECT_FALSE(ingest::RemoveBoilerplateLines(&body, &removed));
  EXPECT_TRUE(removed.empty());
  // A standalone credit line after a sentence end is removed.
  std::string b2 = "Arnor met Gondor.\nReporting by Jane Doe; Editing by John Smith\n";
  EXPECT_TRUE(ingest::RemoveBoilerplateLines(&b2, &removed));
  EXPECT_EQ(b2, "Arnor met Gondor.");
  ASSERT_EQ(removed.size(), 1u);
  EXPECT_EQ(removed[0], "Reporting by Jane Doe; Editing by John Smith");
}

TEST(Dates, Normalisation) {
  using ingest::NormalizeDate;
  EXPECT_EQ(NormalizeDate("2025-05-07"), "2025-05-07");
  EXPECT_EQ(NormalizeDate("2025-05-07T23:30:00-04:00"), "2025-05-07");
  EXPECT_EQ(NormalizeDate("2017-02-21 20:17:38"), "2017-02-21");
  EXPECT_EQ(NormalizeDate("26-FEB-1987 15:01:01.79"), "1987-02-26");
  EXPECT_EQ(NormalizeDate(" 5-MAR-1987 09:00:00.00"), "1987-03-05");
  EXPECT_EQ(NormalizeDate("20150806"), "2015-08-06");
  EXPECT_EQ(NormalizeDate("20170306040348"), "2017-03-06");
  EXPECT_EQ(NormalizeDate("Fri, 03 Jan 2014 03:03:21 GMT"), "2014-01-03");
  EXPECT_EQ(NormalizeDate("May 7, 2025"), "2025-05-07");
  EXPECT_EQ(NormalizeDate("7 September 2021"), "2021-09-07");
  EXPECT_EQ(NormalizeDate("2025-02-30"), "");
  EXPECT_EQ(NormalizeDate("yesterday"), "");
  EXPECT_EQ(NormalizeDate("123456789"), "");
}

TEST(Formats, NamesPathsAndSniffing) {
  EXPECT_EQ(FormatFromPath("a/b.warc.gz"), Format::kWarc);
  EXPECT_EQ(FormatFromPath("x.JSONL"), Format::kJsonl);
  EXPECT_EQ(FormatFromPath("x.ndjson"), Format::kJsonl);
  EXPECT_EQ(FormatFromPath("x.json"), Format::kJsonl);
  EXPECT_EQ(FormatFromPath("x.htm"), Format::kHtml);
  EXPECT_EQ(FormatFromPath("x.xml"), Format::kPetrarchXml);
  EXPECT_EQ(FormatFromPath("x.txt"), Format::kText);
  EXPECT_EQ(FormatFromPath("x.bad"), Format::kText);
  EXPECT_EQ(*ParseFormat("petrarch"), Format::kPetrarchXml);
  EXPECT_EQ(FormatName(Format::kWarc), "warc");
  auto bad = ParseFormat("pdf");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("accepted: auto, text, html, jsonl, warc, petrarch"),
            std::string::npos);
  EXPECT_EQ(SniffFormat("WARC/1.0\r\n"), Format::kWarc);
  EXPECT_EQ(SniffFormat("{\"id\": 1}"), Format::kJsonl);
  EXPECT_EQ(SniffFormat("<Sentences>\n<Sentence date=\"1\">"), Format::kPetrarchXml);
  EXPECT_EQ(SniffFormat("<!DOCTYPE html><html>"), Format::kHtml);
  EXPECT_EQ(SniffFormat("Plain words."), Format::kText);
  auto r = ReadBuffer("{\"id\":\"s1\",\"text\":\"Sniffed as JSONL.\"}\n", Format::kAuto);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].id, "s1");
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

// A NUL-filled stream that never ends until the test is over: the reader must
// refuse it after its first block, not read it whole (here: it would wait).
TEST(TextReader, BinaryStreamRefusedAfterItsFirstBlock) {
  const std::string fifo =
      std::filesystem::temp_directory_path() / ("dyad-nul-" + std::to_string(getpid()) + ".txt");
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // The writer may still write after the reader closed its end: an EPIPE to
  // handle, not a signal that kills the test binary.
  std::signal(SIGPIPE, SIG_IGN);
  std::atomic<bool> done{false};
  std::thread writer([&] {
    int fd = open(fifo.c_str(), O_WRONLY);
    const std::string zeros(1 << 16, '\0');
    for (int i = 0; i < 200 && !done; ++i) {
      if (write(fd, zeros.data(), zeros.size()) < 0) break;  // reader gone
    }
    for (int i = 0; i < 100 && !done; ++i) usleep(100000);  // keep it open up to 10 s
    close(fd);
  });
  ReadOptions o;
  o.format = Format::kText;
  o.max_article_bytes = std::size_t{1} << 30;
  const auto start = std::chrono::steady_clock::now();
  auto reader = OpenArticleReader(fifo, o);
  Status st = reader.status();
  if (reader.ok()) {
    Article a;
    st = (*reader)->Next(&a).status();
  }
  const auto took = std::chrono::steady_clock::now() - start;
  done = true;
  reader = Status(ErrorCode::kInternal, "closed");  // closes the read end
  writer.join();
  std::filesystem::remove(fifo);
  EXPECT_EQ(st.code(), ErrorCode::kEncodingError) << st.ToString();
  EXPECT_NE(st.message().find("NUL byte"), std::string::npos) << st.ToString();
  EXPECT_LT(took, std::chrono::seconds(5));
}

}  // namespace
}  // namespace dyad
