// Copyright dyad authors. PETRARCH XML reader.
#include "ingest_test_util.h"

namespace dyad {
namespace {

using testing::ReadBuffer;
using testing::ReadPath;
using testing::SharedPath;

TEST(PetrarchReader, UnitTestRecordsInPlace) {
  auto r = ReadPath(SharedPath("data/petrarch2/PETR.UnitTest.records.xml"));
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  EXPECT_EQ(r.articles.size(), 284u);
  EXPECT_TRUE(r.warnings.empty()) << r.warnings[0];
  const Article& a = r.articles[0];
  EXPECT_EQ(a.id, "DEMO-00");
  EXPECT_EQ(a.date, "1995-01-01");
  EXPECT_EQ(a.body,
            "Arnor is about to restore full diplomatic ties with Gondor almost five years after "
            "crowds trashed its embassy.");
  bool found_entity = false;
  for (const Article& x : r.articles) {
    if (x.body.find("full &TIETYPE ties") != std::string::npos) found_entity = true;
    EXPECT_EQ(x.body.find("&amp;"), std::string::npos) << x.id;
  }
  EXPECT_TRUE(found_entity);
}

TEST(PetrarchReader, AttributesEntitiesCommentsAndCdata) {
  std::string xml =
      "<?xml version=\"1.0\"?>\n<Sentences>\n<!-- <Sentence id=\"fake\"> -->\n"
      "<Sentence date = \"20150806\" id = \"S_1\" source=\"AFP\" sentence=\"true\">\n"
      "<Text>\n  Arnor &amp; Gondor   met &#8220;today&#x201D;\n  in Minas Tirith. \n</Text>\n"
      "<Parse>(ROOT (S (NP Arnor)))</Parse>\n</Sentence>\n"
      "<Sentence date='20150807' id='S_2'><Text><![CDATA[A <b> & c]]></Text></Sentence>\n"
      "</Sentences>\n";
  auto r = ReadBuffer(xml, Format::kAuto, {}, "p.xml");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].id, "S_1");
  EXPECT_EQ(r.articles[0].source, "AFP");
  EXPECT_EQ(r.articles[0].date, "2015-08-06");
  EXPECT_EQ(r.articles[0].body,
            "Arnor & Gondor met \xE2\x80\x9Ctoday\xE2\x80\x9D in Minas Tirith.");
  EXPECT_EQ(r.articles[1].body, "A <b> & c");
  EXPECT_EQ(r.articles[1].date, "2015-08-07");
}

TEST(PetrarchReader, BadRecordsWarnAndTruncationIsAnError) {
  std::string xml =
      "<Sentences><Sentence id=\"n1\"><Text>No date here.</Text></Sentence>"
      "<Sentence date=\"20150806\" id=\"n2\"></Sentence>"
      "<Sentence date=\"20150806\" id=\"n3\"><Text>Cut";
  auto r = ReadBuffer(xml, Format::kPetrarchXml, {}, "t.xml");
  EXPECT_EQ(r.status.code(), ErrorCode::kTruncated);
  EXPECT_EQ(r.status.message(), "t.xml: input ends inside Sentence 3 (id \"n3\") (no </Sentence>)");
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_EQ(r.warnings[0], "t.xml: Sentence 1 (id \"n1\"): no date attribute");
  EXPECT_EQ(r.warnings[1], "t.xml: Sentence 2 (id \"n2\"): no <Text>; skipped");
}

}  // namespace
}  // namespace dyad
