// Copyright dyad authors. JSON lines reader.
#include <chrono>

#include "ingest_test_util.h"

namespace dyad {
namespace {

using testing::ReadBuffer;
using testing::ReadPath;
using testing::SharedPath;

TEST(JsonlReader, NewsPleaseFields) {
  auto r = ReadBuffer(
      R"({"authors":["A"],"date_download":"2020-01-01 00:00:00","date_publish":"2017-02-21 20:17:38","maintext":"Arnor attacked Gondor.\n\nSign up for our newsletter","source_domain":"reuters.com","title":"Attack","url":"https://reuters.com/x","language":"en"})"
      "\n",
      Format::kJsonl, {}, "np.jsonl");
  ASSERT_EQ(r.articles.size(), 1u) << r.status.ToString();
  const Article& a = r.articles[0];
  EXPECT_EQ(a.body, "Arnor attacked Gondor.");
  EXPECT_EQ(a.boilerplate_removed, std::vector<std::string>{"Sign up for our newsletter"});
  EXPECT_EQ(a.date, "2017-02-21");
  EXPECT_EQ(a.source, "reuters.com");
  EXPECT_EQ(a.url, "https://reuters.com/x");
  EXPECT_EQ(a.title, "Attack");
  EXPECT_EQ(a.origin, "np.jsonl:1");
  EXPECT_EQ(a.id, testing::DerivedId(a.content_hash));
}

TEST(JsonlReader, TrafilaturaFields) {
  auto r = ReadBuffer(
      R"({"title":"Talks","author":null,"hostname":"example.org","sitename":"Example","date":"2021-03-04","source":"https://example.org/t","text":"Talks resumed.","raw_text":"x","language":"de"})",
      Format::kJsonl);
  ASSERT_EQ(r.articles.size(), 1u) << r.status.ToString();
  const Article& a = r.articles[0];
  EXPECT_EQ(a.body, "Talks resumed.");
  EXPECT_EQ(a.url, "https://example.org/t");
  EXPECT_EQ(a.source, "Example");
  EXPECT_EQ(a.date, "2021-03-04");
  EXPECT_EQ(a.language, "de");
}

TEST(JsonlReader, MinimalFieldsAndNumericId) {
  auto r = ReadBuffer(
      "{\"id\":\"m1\",\"date\":\"2015-08-06\",\"text\":\"Hello.\"}\n"
      "{\"id\":42,\"text\":\"World.\"}\r\n\n",
      Format::kJsonl);
  ASSERT_EQ(r.articles.size(), 2u) << r.status.ToString();
  EXPECT_EQ(r.articles[0].id, "m1");
  EXPECT_EQ(r.articles[0].date, "2015-08-06");
  EXPECT_EQ(r.articles[1].id, "42");
  EXPECT_EQ(r.articles[1].origin, "buf:2");
  EXPECT_TRUE(r.warnings.empty());
}

TEST(JsonlReader, ReutersLineShape) {
  auto r = ReadBuffer(
      R"({"id": "reuters-1", "date": "26-FEB-1987 15:01:01.79", "title": "BAHIA COCOA REVIEW", "dateline": "SALVADOR, Feb 26 -", "text": "Showers continued throughout the week in\nthe Bahia cocoa zone.\n    The dry period means the temporao will be late this year."})",
      Format::kJsonl);
  ASSERT_EQ(r.articles.size(), 1u) << r.status.ToString();
  const Article& a = r.articles[0];
  EXPECT_EQ(a.id, "reuters-1");
  EXPECT_EQ(a.date, "1987-02-26");
  EXPECT_EQ(a.title, "BAHIA COCOA REVIEW");
  EXPECT_EQ(a.body,
            "Showers continued throughout the week in\nthe Bahia cocoa zone.\n    The dry period "
            "means the temporao will be late this year.");
}

TEST(JsonlReader, BadLinesWarnAndContinue) {
  std::string data =
      "{\"id\":\"1\",\"text\":\"One.\"}\n"
      "{\"id\":\"2\",\"text\":\"Two.\"\n"       // line 2: broken JSON
      "[1,2,3]\n"                               // line 3: not an object
      "{\"id\":\"4\",\"title\":\"no text\"}\n"  // line 4: no text
      "{\"id\":\"5\",\"text\":\"Five.\",\"date\":\"someday\"}\n"
      "{\"id\":\"6\",\"text\":\"bin\\u0000ary\"}\n";
  auto r = ReadBuffer(data, Format::kJsonl, {}, "file.jsonl");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].id, "1");
  EXPECT_EQ(r.articles[1].id, "5");
  EXPECT_TRUE(r.articles[1].date.empty());
  ASSERT_EQ(r.warnings.size(), 5u);
  EXPECT_EQ(r.warnings[0].rfind("file.jsonl:2: invalid JSON", 0), 0u) << r.warnings[0];
  EXPECT_EQ(r.warnings[1], "file.jsonl:3: not a JSON object");
  EXPECT_EQ(r.warnings[2], "file.jsonl:4: no text field (maintext, text, body or content)");
  EXPECT_EQ(r.warnings[3], "file.jsonl:5: unrecognised date \"someday\"");
  EXPECT_EQ(r.warnings[4].rfind("file.jsonl:6: field \"text\": binary data", 0), 0u)
      << r.warnings[4];
}

TEST(JsonlReader, NulInAnyTextFieldRefusesTheRecordLikeInText) {
  std::string data =
      "{\"id\":\"a\\u0000b\",\"text\":\"One.\"}\n"
      "{\"id\":\"2\",\"url\":\"https://x.example/\\u0000\",\"text\":\"Two.\"}\n"
      "{\"id\":\"3\",\"title\":\"T\\u0000\",\"text\":\"Three.\"}\n"
      "{\"id\":\"4\",\"source\":\"S\\u0000\",\"text\":\"Four.\"}\n"
      "{\"id\":\"5\",\"title\":\"Tab\\there \\u00e9\",\"text\":\"Five.\"}\n";
  auto r = ReadBuffer(data, Format::kJsonl, {}, "f.jsonl");
  ASSERT_TRUE(r.status.ok());
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].id, "5");
  ASSERT_EQ(r.warnings.size(), 4u);
  EXPECT_EQ(r.warnings[0].rfind("f.jsonl:1: field \"id\": binary data", 0), 0u) << r.warnings[0];
  EXPECT_EQ(r.warnings[1].rfind("f.jsonl:2: field \"url\": binary data", 0), 0u) << r.warnings[1];
  EXPECT_EQ(r.warnings[2].rfind("f.jsonl:3: field \"title\": binary data", 0), 0u) << r.warnings[2];
  EXPECT_EQ(r.warnings[3].rfind("f.jsonl:4: field \"source\": binary data", 0), 0u)
      << r.warnings[3];
}

TEST(JsonlReader, OverlongLineSkippedWithoutReadingItWhole) {
  ReadOptions o;
  o.max_record_bytes = 1000;
  std::string data = "{\"id\":\"a\",\"text\":\"Short one.\"}\n{\"id\":\"b\",\"text\":\"" +
                     std::string(5000000, 'x') + "\"}\n{\"id\":\"c\",\"text\":\"Last.\"}";
  auto r = ReadBuffer(data, Format::kJsonl, o, "big.jsonl");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[1].id, "c");
  EXPECT_EQ(r.articles[1].origin, "big.jsonl:3");
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.warnings[0], "big.jsonl:2: line longer than max_record_bytes (1000); skipped");
}

TEST(JsonlReader, ReutersCorpusInPlace) {
  std::string path = SharedPath("data/corpus/reuters21578.jsonl");
  std::vector<std::string> warnings;
  auto reader =
      OpenArticleReader(path, {}, [&](const Diagnostic& d) { warnings.push_back(d.ToString()); });
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  Article a;
  std::size_t n = 0, bytes = 0, dated = 0;
  auto t0 = std::chrono::steady_clock::now();
  for (;;) {
    Result<bool> more = (*reader)->Next(&a);
    ASSERT_TRUE(more.ok()) << more.status().ToString();
    if (!*more) break;
    ++n;
    bytes += a.body.size();
    if (a.date.size() == 10) ++dated;
    if (n == 1) {
      EXPECT_EQ(a.id, "reuters-1");
      EXPECT_EQ(a.date, "1987-02-26");
      EXPECT_EQ(a.title, "BAHIA COCOA REVIEW");
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(n, 19043u);
  EXPECT_EQ(dated, n);
  EXPECT_TRUE(warnings.empty()) << warnings.size() << " warnings, first: " << warnings[0];
  std::printf("reuters21578.jsonl: %zu articles, %.1f MB of body in %.3f s (%.0f MB/s wall)\n", n,
              bytes / 1e6, secs, bytes / 1e6 / secs);
}

TEST(JsonlReader, GzippedJsonlIsInflated) {
  // "{"id":"z","text":"Zipped."}\n" gzip-compressed (gzip -9n).
  static const unsigned char kGz[] = {0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03,
                                      0xab, 0x56, 0xca, 0x4c, 0x51, 0xb2, 0x52, 0xaa, 0x52, 0xd2,
                                      0x51, 0x2a, 0x49, 0xad, 0x28, 0x01, 0x32, 0xa3, 0x32, 0x0b,
                                      0x0a, 0x52, 0x53, 0xf4, 0x94, 0x6a, 0xb9, 0x00, 0xef, 0x92,
                                      0x3d, 0xd9, 0x1c, 0x00, 0x00, 0x00};
  auto r = ReadBuffer(std::string_view(reinterpret_cast<const char*>(kGz), sizeof(kGz)),
                      Format::kAuto, {}, "z.jsonl.gz");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].body, "Zipped.");
}

}  // namespace
}  // namespace dyad
