// Each export format read back with a parser: column counts, types, values.
#include <nlohmann/json.hpp>

#include "dyad/output.h"
#include "dyad/store.h"
#include "store_test_util.h"

namespace dyad {
namespace {

using testing::IsInt;
using testing::IsReal;
using testing::MakeSample;
using testing::ParseDelimited;
using testing::Sample;
using testing::TempDir;
using Rows = std::vector<std::vector<std::string>>;

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = Store::Open(dir_ / "e.db");
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    a_ = MakeSample("a", "https://news.example/a?x=1,2", "2025-05-07",
                    {"The United States plans to deport migrants to Libya, \"officials\" said.",
                     "Police arrested twelve\tprotesters."},
                    {{"The United States", "USAGOV", "Libya", "LBY", "deport", "174", "COERCE",
                      "planned", "", "Libya", "LBY"},
                     {"Police", "LBYCOP", "protesters", "LBYOPP", "arrested", "173", "COERCE",
                      "asserted", "", "", ""}});
    a_.coded.events[0].plover_context = "migration";
    b_ = MakeSample("b", "", "", {"Russia accused Ukraine of shelling Kharkiv."},
                    {{"Russia", "RUS", "Ukraine", "UKR", "accused", "112", "", "historical",
                      "2024-12-31", "Kharkiv", "UKR"}});
    std::vector<ArticleWrite> w = {{&a_.article, &a_.coded}, {&b_.article, &b_.coded}};
    auto r = store_->Write(w);
    ASSERT_TRUE(r.ok());
  }
  std::string Export(ExportFormat f, bool clusters = false, ExportStats* stats = nullptr) {
    std::string out;
    ExportOptions o;
    o.format = f;
    o.clusters = clusters;
    auto r = ExportEvents(*store_, o, [&](std::string_view chunk) {
      out.append(chunk);
      return Status::Ok();
    });
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (stats && r.ok()) *stats = *r;
    return out;
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
  Sample a_, b_;
};

TEST_F(ExportTest, JsonlIsTheFlatCodeOutput) {
  std::string want;
  AppendFlatEventsJson(a_.article, a_.coded, &want);
  AppendFlatEventsJson(b_.article, b_.coded, &want);
  EXPECT_EQ(Export(ExportFormat::kJsonl), want);
}

TEST_F(ExportTest, CsvHasHeaderAndTypedColumns) {
  Rows rows;
  ASSERT_TRUE(ParseDelimited(Export(ExportFormat::kCsv), ',', &rows));
  const std::vector<std::string> cols = ExportColumns(ExportFormat::kCsv, false);
  ASSERT_EQ(rows.size(), 4u);  // header + 3 events
  EXPECT_EQ(rows[0], cols);
  auto col = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(cols.begin(), cols.end(), name) - cols.begin());
  };
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), cols.size()) << "row " << i;
    EXPECT_TRUE(IsInt(rows[i][col("sentence")]));
    EXPECT_TRUE(IsInt(rows[i][col("quad_class")]));
    EXPECT_TRUE(IsReal(rows[i][col("goldstein")]));
    EXPECT_TRUE(IsInt(rows[i][col("spans_verb_begin")]));
    EXPECT_TRUE(rows[i][col("reported")] == "true" || rows[i][col("reported")] == "false");
  }
  // Quotes, commas and tabs survive the round trip.
  EXPECT_EQ(rows[1][col("article_url")], "https://news.example/a?x=1,2");
  EXPECT_EQ(rows[1][col("sentence_text")],
            "The United States plans to deport migrants to Libya, \"officials\" said.");
  EXPECT_EQ(rows[1][col("source_code")], "USAGOV");
  EXPECT_EQ(rows[1][col("source_sectors")], "GOV");
  EXPECT_EQ(rows[1][col("location_name")], "Libya");
  EXPECT_EQ(rows[3][col("modality")], "historical");
  EXPECT_EQ(rows[3][col("plover_event")], "");

  ASSERT_TRUE(ParseDelimited(Export(ExportFormat::kCsv, true), ',', &rows));
  EXPECT_EQ(rows[0].size(), cols.size() + 5);
  EXPECT_EQ(rows[0].back(), "num_articles");
  EXPECT_EQ(rows[1].back(), "1");
}

TEST_F(ExportTest, GdeltHas61TypedColumns) {
  Rows rows;
  ASSERT_TRUE(ParseDelimited(Export(ExportFormat::kGdelt), '\t', &rows, false));
  const std::vector<std::string> cols = ExportColumns(ExportFormat::kGdelt, false);
  ASSERT_EQ(cols.size(), 61u);
  EXPECT_EQ(cols[0], "GlobalEventID");
  EXPECT_EQ(cols[25], "IsRootEvent");
  EXPECT_EQ(cols[34], "AvgTone");
  EXPECT_EQ(cols[51], "ActionGeo_Type");
  EXPECT_EQ(cols[60], "SOURCEURL");
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 61u);
    EXPECT_TRUE(IsInt(r[0]));
    EXPECT_EQ(r[1].size(), 8u);
    EXPECT_TRUE(IsInt(r[1]));
    EXPECT_EQ(r[2], r[1].substr(0, 6));
    EXPECT_EQ(r[3], r[1].substr(0, 4));
    EXPECT_TRUE(IsReal(r[4]));
    EXPECT_TRUE(IsInt(r[25]));
    EXPECT_EQ(r[27], r[26].substr(0, 3));
    EXPECT_EQ(r[28], r[26].substr(0, 2));
    for (int k : {29, 31, 32, 33, 35, 43, 51}) EXPECT_TRUE(IsInt(r[k])) << k;
    EXPECT_TRUE(IsReal(r[30]));
    EXPECT_EQ(r[59].size(), 14u);  // DATEADDED
  }
  EXPECT_EQ(rows[0][1], "20250507");
  EXPECT_EQ(rows[0][5], "USAGOV");
  EXPECT_EQ(rows[0][7], "USA");
  EXPECT_EQ(rows[0][12], "GOV");
  EXPECT_EQ(rows[0][15], "LBY");
  EXPECT_EQ(rows[0][26], "174");
  EXPECT_EQ(rows[0][31], "1");      // NumMentions without clusters
  EXPECT_EQ(rows[0][51], "1");      // ActionGeo_Type: a country (no admin1), with its GeoNames id
  EXPECT_EQ(rows[0][52], "Libya");  // ActionGeo_FullName: no ", LBY" after a country
  EXPECT_EQ(rows[0][53], "LBY");    // ActionGeo_CountryCode
  EXPECT_EQ(rows[0][56], "32.9000");
  EXPECT_EQ(rows[0][60], "https://news.example/a?x=1,2");
  EXPECT_EQ(rows[2][1], "20241231");  // the event's own date
  EXPECT_EQ(rows[1][51], "0");        // no location
}

TEST_F(ExportTest, GdeltCountsComeFromClusters) {
  std::vector<std::int64_t> ids;
  ASSERT_TRUE(store_
                  ->Query({},
                          [&](const StoredEvent& e) {
                            ids.push_back(e.event_id);
                            return true;
                          })
                  .ok());
  ASSERT_EQ(ids.size(), 3u);
  ASSERT_TRUE(store_->AddCluster({0, "", {ids[0], ids[2]}}).ok());
  Rows rows;
  ASSERT_TRUE(ParseDelimited(Export(ExportFormat::kGdelt), '\t', &rows, false));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][31], "2");  // NumMentions
  EXPECT_EQ(rows[0][33], "2");  // NumArticles
  EXPECT_EQ(rows[1][31], "1");
  ASSERT_TRUE(ParseDelimited(Export(ExportFormat::kGdelt, true), '\t', &rows, false));
  EXPECT_EQ(rows.size(), 2u);  // one row for the cluster, one for the lone event
}

TEST_F(ExportTest, PloverJsonLines) {
  ExportStats stats;
  std::string out = Export(ExportFormat::kPlover, false, &stats);
  EXPECT_EQ(stats.rows, 2u);
  EXPECT_EQ(stats.skipped, 1u);  // the event without a PLOVER type
  std::vector<nlohmann::json> lines;
  std::size_t pos = 0;
  while (pos < out.size()) {
    std::size_t nl = out.find('\n', pos);
    auto j = nlohmann::json::parse(out.substr(pos, nl - pos), nullptr, false);
    ASSERT_FALSE(j.is_discarded());
    lines.push_back(j);
    pos = nl + 1;
  }
  ASSERT_EQ(lines.size(), 2u);
  for (const auto& j : lines) {
    for (const char* k : {"id", "date", "actor", "recipient", "event", "mode", "context", "text"}) {
      EXPECT_TRUE(j.contains(k)) << k;
    }
    EXPECT_TRUE(j["id"].is_string());
    EXPECT_TRUE(j["actor"].is_array());
    EXPECT_TRUE(j["mode"].is_array());
    EXPECT_TRUE(j["context"].is_array());
  }
  EXPECT_EQ(lines[0]["event"], "COERCE");
  EXPECT_EQ(lines[0]["actor"][0]["code"], "USAGOV");
  EXPECT_EQ(lines[0]["recipient"][0]["code"], "LBY");
  EXPECT_EQ(lines[0]["context"][0], "migration");
  EXPECT_EQ(lines[0]["date"], "2025-05-07");
  EXPECT_EQ(lines[0]["text"],
            "The United States plans to deport migrants to Libya, \"officials\" said.");
  // The same records as the library's PLOVER writer gives for the coded article.
  std::string want;
  AppendPloverJson(a_.article, a_.coded, &want);
  EXPECT_EQ(out.substr(0, want.size()), want);
}

TEST_F(ExportTest, PhoenixHas26Columns) {
  Rows rows;
  ASSERT_TRUE(ParseDelimited(Export(ExportFormat::kPhoenix), '\t', &rows, false));
  ASSERT_EQ(ExportColumns(ExportFormat::kPhoenix, false).size(), 26u);
  ASSERT_EQ(rows.size(), 3u);
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 26u);
    EXPECT_TRUE(IsInt(r[0]));
    EXPECT_EQ(r[1].size(), 8u);
    EXPECT_TRUE(IsInt(r[2]) && IsInt(r[3]) && IsInt(r[4]));
    EXPECT_TRUE(IsInt(r[15]));
    EXPECT_TRUE(IsReal(r[16]));
  }
  EXPECT_EQ(rows[0][5], "USAGOV");
  EXPECT_EQ(rows[0][6], "USA");
  EXPECT_EQ(rows[0][7], "GOV");
  EXPECT_EQ(rows[0][13], "174");
  EXPECT_EQ(rows[0][14], "17");
  EXPECT_EQ(rows[0][15], "4");
  EXPECT_EQ(rows[0][23], "a_0");
  EXPECT_EQ(rows[2][15], "3");  // 112: verbal conflict
}

TEST_F(ExportTest, WriteErrorsStopTheExport) {
  ExportOptions o;
  o.format = ExportFormat::kCsv;
  auto r =
      ExportEvents(*store_, o, [](std::string_view) { return IoError("out.csv: No space left"); });
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("out.csv"), std::string::npos);
  EXPECT_EQ(ParseExportFormat("xml").status().code(), ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace dyad
