// Copyright dyad authors. The canonical sample (../shared/samples, read in
// place): the deport-plan event and its context.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "context_test_util.h"

namespace dyad {
namespace {

using testing::Ev;

std::string ReadSample() {
  std::ifstream in(std::string(DYAD_SHARED_DIR) + "/samples/libya-deportation.txt");
  std::ostringstream s;
  s << in.rdbuf();
  std::string body = s.str();
  // The ingest stage drops the affiliate line; do the same here.
  std::size_t p = body.find("If you buy something");
  if (p != std::string::npos) body.resize(p);
  return body;
}

TEST(Sample, LibyaDeportation) {
  const std::string body = ReadSample();
  if (body.empty()) GTEST_SKIP() << "shared sample not found";
  for (bool tags : {false, true}) {
    if (tags && !testing::SharedTagger()) continue;
    SCOPED_TRACE(tags ? "tagged" : "word lists");
    auto r = testing::Code(
        body, "2025-05-07",
        {Ev("deport", "174", false, "the United States government", "USAGOV", "migrants", "REF"),
         Ev("take", "010"), Ev("commented", "011", true, "White House", "USAGOV"),
         Ev("overthrow", "172")},
        tags);
    const Event& plan = r->coded.events[0];
    EXPECT_EQ(plan.modality, "planned");
    EXPECT_TRUE(plan.reported);
    ASSERT_TRUE(plan.attribution.has_value());
    EXPECT_NE(plan.attribution->text.find("News outlets"), std::string::npos)
        << plan.attribution->text;
    EXPECT_EQ(plan.attribution->kind, "reported");
    ASSERT_TRUE(plan.location.has_value());
    EXPECT_EQ(plan.location->place.name, "Libya");
    EXPECT_EQ(plan.location->place.country, "LBY");
    EXPECT_EQ(plan.location->role, "destination");
    EXPECT_EQ(plan.date.value, "2025-05-07");

    const Event& timing = r->coded.events[1];
    EXPECT_EQ(timing.modality, "possible");
    EXPECT_EQ(timing.date.value, "2025-05-05");
    EXPECT_EQ(timing.date.precision, "week");
    ASSERT_TRUE(timing.attribution.has_value());
    EXPECT_EQ(timing.attribution->kind, "reported");

    EXPECT_EQ(r->coded.events[2].modality, "asserted");  // 011: declining comment happened

    const Event& overthrow = r->coded.events[3];
    EXPECT_EQ(overthrow.modality, "historical");
    EXPECT_EQ(overthrow.date.value, "2011-01-01");

    std::vector<std::string> sources;
    for (const Attribution& a : r->coded.sources) sources.push_back(a.text);
    for (const char* want : {"News outlets", "Reuters", "sources", "human rights groups"}) {
      bool found = false;
      for (const std::string& s : sources)
        if (s.find(want) != std::string::npos) found = true;
      EXPECT_TRUE(found) << want;
    }
    bool libya_entity = false;
    for (const Entity& e : r->coded.entities)
      if (e.type == EntityType::kPlace && e.text == "Libya" && e.place && e.place->country == "LBY")
        libya_entity = true;
    EXPECT_TRUE(libya_entity);
  }
}

}  // namespace
}  // namespace dyad
