// Copyright dyad authors. WARC reader against warcio's test files (read in
// place) and hand-made broken records.
#include <zlib.h>

#include "ingest_test_util.h"

namespace dyad {
namespace {

using testing::ReadBuffer;
using testing::ReadFileOrDie;
using testing::ReadPath;
using testing::SharedPath;

const char kExampleBody[] =
    "This domain is established to be used for illustrative examples in documents. You may "
    "use this domain in examples without prior coordination or asking for permission.";

std::string Warc(const std::string& f) { return SharedPath("data/warc/" + f); }

void ExpectExampleCom(const Article& a, const std::string& id, const std::string& date) {
  EXPECT_EQ(a.id, id);
  EXPECT_EQ(a.date, date);
  EXPECT_EQ(a.title, "Example Domain");
  EXPECT_EQ(a.source, "example.com");
  EXPECT_EQ(a.body, kExampleBody);
  EXPECT_EQ(a.content_hash, Sha256Hex(kExampleBody));
}

TEST(WarcReader, PlainWarcWithGzipContentEncoding) {
  auto r = ReadPath(Warc("example.warc"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  ExpectExampleCom(r.articles[0], "urn:uuid:a9c51e3e-0221-11e7-bf66-0242ac120005", "2017-03-06");
  EXPECT_EQ(r.articles[0].url, "http://example.com/");
  EXPECT_EQ(r.articles[0].origin, Warc("example.warc") + ": record 3");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(WarcReader, GzipPerRecord) {
  auto r = ReadPath(Warc("example.warc.gz"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  ExpectExampleCom(r.articles[0], "urn:uuid:a9c51e3e-0221-11e7-bf66-0242ac120005", "2017-03-06");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(WarcReader, WholeFileSingleGzipMember) {
  auto r = ReadPath(Warc("example-bad-non-chunked.warc.gz"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  ExpectExampleCom(r.articles[0], "urn:uuid:a9c51e3e-0221-11e7-bf66-0242ac120005", "2017-03-06");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(WarcReader, UnknownExtensionSniffedThroughGzip) {
  // ".bad": the name says nothing, the content is a gzip'd WARC. The 302
  // redirect page in record 6 is not an article.
  auto r = ReadPath(Warc("example-bad.warc.gz.bad"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  ExpectExampleCom(r.articles[0], "urn:uuid:6d058047-ede2-4a13-be79-90c17c631dd4", "2014-01-03");
  EXPECT_EQ(r.articles[0].url, "http://example.com?example=1");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(WarcReader, ResourceRecord) {
  auto r = ReadPath(Warc("example-resource.warc.gz"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  ExpectExampleCom(r.articles[0], "urn:uuid:6e7f60da-2c7b-11e7-aaf7-0242ac120007", "2017-04-29");
  EXPECT_EQ(r.articles[0].origin, Warc("example-resource.warc.gz") + ": record 3");
}

TEST(WarcReader, ChunkedTransferEncoding) {
  auto r = ReadPath(Warc("example-iana.org-chunked.warc"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.id, "urn:uuid:a96ae1a5-931d-4c45-96f3-98576d155f8b");
  EXPECT_EQ(a.title, "Internet Assigned Numbers Authority");
  EXPECT_EQ(a.url, "http://iana.org/");
  EXPECT_EQ(a.body.rfind("New Root Zone trust anchor being distributed.", 0), 0u) << a.body;
  EXPECT_EQ(a.body.find("\r"), std::string::npos);
  EXPECT_TRUE(r.warnings.empty());
}

TEST(WarcReader, RequestsAndJsonResponsesGiveNoArticles) {
  for (const char* f : {"example-digest.warc", "post-test.warc.gz"}) {
    auto r = ReadPath(Warc(f));
    EXPECT_TRUE(r.status.ok()) << f << ": " << r.status.ToString();
    EXPECT_TRUE(r.articles.empty()) << f;
    EXPECT_TRUE(r.warnings.empty()) << f;
  }
}

TEST(WarcReader, LyingContentLengthSkippedWithWarning) {
  // example-trunc.warc: record 3 says 973 bytes; two more bytes follow.
  auto r = ReadPath(Warc("example-trunc.warc"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_TRUE(r.articles.empty());
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].rfind(Warc("example-trunc.warc") +
                                    ": record 3: Content-Length 973 is not followed by CRLF CRLF",
                                0),
            0u)
      << r.warnings[0];
  // example-wrong-chunks.warc.gz: record 1 is one byte longer than it says.
  auto w = ReadPath(Warc("example-wrong-chunks.warc.gz"));
  ASSERT_TRUE(w.status.ok()) << w.status.ToString();
  EXPECT_TRUE(w.articles.empty());
  ASSERT_EQ(w.warnings.size(), 1u);
  EXPECT_EQ(w.warnings[0].rfind(Warc("example-wrong-chunks.warc.gz") +
                                    ": record 1: Content-Length 1613 is not followed by CRLF CRLF",
                                0),
            0u)
      << w.warnings[0];
}

std::string Record(const std::string& type, const std::string& block, std::size_t claimed,
                   const std::string& extra = "") {
  return "WARC/1.0\r\nWARC-Type: " + type +
         "\r\nWARC-Record-ID: <urn:uuid:1>\r\nWARC-Target-URI: http://x.test/a\r\n"
         "WARC-Date: 2020-02-03T00:00:00Z\r\n" +
         extra + "Content-Length: " + std::to_string(claimed) + "\r\n\r\n" + block + "\r\n\r\n";
}

const char kHttp[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
    "<html><body><p>A hand-made article body long enough to be a paragraph.</p></body></html>";

TEST(WarcReader, ContentLengthBeyondTheDataIsTruncatedError) {
  std::string data = Record("response", kHttp, sizeof(kHttp) - 1,
                            "Content-Type: application/http; msgtype=response\r\n");
  data += "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nshort";
  auto r = ReadBuffer(data, Format::kWarc, {}, "lie.warc");
  EXPECT_EQ(r.articles.size(), 0u);  // ReadArticlesFromBuffer returns the error
  EXPECT_EQ(r.status.code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.status.message(),
            "lie.warc: record 2: truncated: Content-Length 5000 but the input ends after 5 bytes");
}

TEST(WarcReader, ImpossibleContentLengthsSkipOneRecordAndCodeTheRest) {
  const std::string http = "Content-Type: application/http; msgtype=response\r\n";
  std::string ok = Record("response", kHttp, sizeof(kHttp) - 1, http);
  std::string huge = "WARC/1.0\r\nWARC-Type: response\r\n" + http +
                     "Content-Length: 99999999999\r\n\r\nHTTP/1.1 200 OK\r\n\r\n";
  std::string swallowing = Record("response", "HTTP/1.1 200 OK\r\n\r\nshort", 500, http);
  std::string negative =
      "WARC/1.0\r\nWARC-Type: response\r\n" + http + "Content-Length: -7\r\n\r\nabc\r\n\r\n";
  std::string data = ok + huge + ok + swallowing + ok + negative + ok;
  auto r = ReadBuffer(data, Format::kWarc, {}, "w.warc");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 4u);
  EXPECT_EQ(r.articles[0].origin, "w.warc: record 1");
  EXPECT_EQ(r.articles[1].origin, "w.warc: record 3");
  EXPECT_EQ(r.articles[2].origin, "w.warc: record 5");
  EXPECT_EQ(r.articles[3].origin, "w.warc: record 7");
  ASSERT_EQ(r.warnings.size(), 3u);
  EXPECT_EQ(r.warnings[0].rfind("w.warc: record 2: Content-Length 99999999999 exceeds", 0), 0u)
      << r.warnings[0];
  EXPECT_EQ(r.warnings[1].rfind("w.warc: record 4: Content-Length 500 is not followed", 0), 0u)
      << r.warnings[1];
  EXPECT_EQ(r.warnings[2].rfind("w.warc: record 6: missing or invalid Content-Length \"-7\"", 0),
            0u)
      << r.warnings[2];
  for (const std::string& w : r.warnings) {
    EXPECT_NE(w.find("record skipped, resynchronising at the next \"WARC/\" line"),
              std::string::npos)
        << w;
  }
}

TEST(WarcReader, HandMadeResponseAndBadChunking) {
  std::string ok = Record("response", kHttp, sizeof(kHttp) - 1,
                          "Content-Type: application/http; msgtype=response\r\n");
  std::string chunked =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
      "ZZ\r\n<p>x</p>\r\n0\r\n\r\n";
  std::string bad = Record("response", chunked, chunked.size(),
                           "Content-Type: application/http; msgtype=response\r\n");
  auto r = ReadBuffer(bad + ok, Format::kWarc, {}, "m.warc");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].body, "A hand-made article body long enough to be a paragraph.");
  EXPECT_EQ(r.articles[0].date, "2020-02-03");
  EXPECT_EQ(r.articles[0].origin, "m.warc: record 2");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0].rfind("m.warc: record 1: bad chunked transfer encoding", 0), 0u)
      << r.warnings[0];
}

TEST(WarcReader, TruncatedGzipMember) {
  std::string raw = ReadFileOrDie(Warc("example.warc.gz"));
  ASSERT_GT(raw.size(), 3000u);
  std::string cut = raw.substr(0, raw.size() - 700);
  auto r = ReadBuffer(cut, Format::kWarc, {}, "cut.warc.gz");
  EXPECT_EQ(r.status.code(), ErrorCode::kTruncated) << r.status.ToString();
  EXPECT_NE(r.status.message().find("cut.warc.gz"), std::string::npos);
  EXPECT_NE(r.status.message().find("truncated gzip data"), std::string::npos)
      << r.status.message();
  // Streaming: the article before the cut is still delivered.
  std::vector<Article> got;
  ReadOptions o;
  o.format = Format::kWarc;
  auto sink = [](const Diagnostic&) {};
  auto whole = ReadArticlesFromBuffer(raw, "whole.warc.gz", o, sink);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->size(), 1u);
}

TEST(WarcReader, CorruptGzipIsParseError) {
  std::string raw = ReadFileOrDie(Warc("example.warc.gz"));
  for (std::size_t i = 40; i < 200; ++i) raw[i] = static_cast<char>(raw[i] ^ 0x5a);
  auto r = ReadBuffer(raw, Format::kWarc, {}, "corrupt.warc.gz");
  EXPECT_FALSE(r.status.ok());
  EXPECT_NE(r.status.message().find("corrupt.warc.gz"), std::string::npos);
}

TEST(WarcReader, NotAWarcFile) {
  auto r = ReadBuffer("hello there\r\n", Format::kWarc, {}, "t.warc");
  EXPECT_EQ(r.status.code(), ErrorCode::kParseError);
  EXPECT_EQ(r.status.message(), "t.warc: not a WARC file (no \"WARC/\" version line at the start)");
}

}  // namespace
}  // namespace dyad
