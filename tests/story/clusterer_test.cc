// Copyright dyad authors. Event clusters (same happening) and stories (one
// developing story with a status timeline).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dyad/article.h"
#include "dyad/event.h"
#include "dyad/story.h"

namespace dyad {
namespace {

ClusterActor Act(std::string country, std::vector<std::string> sectors = {}) {
  ClusterActor a;
  a.country = std::move(country);
  a.sectors = std::move(sectors);
  a.code = a.country;
  for (const auto& s : a.sectors) a.code += s;
  return a;
}

// A deportation of migrants (REF, no country) by the US government to Libya.
ClusterEvent Deport(std::string id, std::string article, std::string outlet, std::string date,
                    std::string modality = "asserted") {
  ClusterEvent e;
  e.event_id = std::move(id);
  e.article_id = std::move(article);
  e.outlet = std::move(outlet);
  e.article_date = std::move(date);
  e.source = Act("USA", {"GOV"});
  e.target = Act("", {"REF"});
  e.cameo = "174";
  e.plover_event = "COERCE";
  e.modality = std::move(modality);
  e.location_country = "LBY";
  return e;
}

ClusterId MustAssign(EventClusterer* c, const ClusterEvent& e) {
  Result<ClusterId> r = c->Assign(e);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : 0;
}

TEST(EventClustererTest, MentionsOfOneHappeningMerge) {
  EventClusterer c;
  ClusterId a = MustAssign(&c, Deport("a1:0:0", "a1", "Reuters", "2025-05-07", "planned"));
  ClusterId b = MustAssign(&c, Deport("a2:3:0", "a2", "AP", "2025-05-08", "planned"));
  ClusterEvent sectorless = Deport("a3:1:0", "a3", "Libya Observer", "2025-05-06", "reported");
  sectorless.source = Act("USA");       // "the United States" without a sector is compatible
  sectorless.location_country.clear();  // place unknown is compatible
  ClusterId d = MustAssign(&c, sectorless);
  EXPECT_EQ(a, 1u);
  EXPECT_EQ(b, a);
  EXPECT_EQ(d, a);
  const EventCluster* cl = c.cluster(a);
  ASSERT_NE(cl, nullptr);
  ASSERT_EQ(cl->mentions.size(), 3u);
  EXPECT_EQ(cl->sources, (std::vector<std::string>{"Reuters", "AP", "Libya Observer"}));
  EXPECT_EQ(cl->first_seen, "2025-05-06");
  EXPECT_EQ(cl->first_source, "Libya Observer");
  EXPECT_EQ(cl->first_event, "a3:1:0");
  EXPECT_EQ(cl->latest_status, "planned");  // the AP mention of 05-08 is the latest
  EXPECT_EQ(cl->cameo_root, "17");
  EXPECT_EQ(cl->source_country, "USA");
  EXPECT_EQ(cl->date_begin, "2025-05-07");
  EXPECT_EQ(c.ClusterOf("a2:3:0"), a);
  EXPECT_EQ(c.ClusterOf("nope"), std::nullopt);
}

TEST(EventClustererTest, DifferentHappeningsStayApart) {
  EventClusterer c;
  ClusterId base = MustAssign(&c, Deport("a1:0:0", "a1", "Reuters", "2025-05-07"));
  // Too far apart in time (a later flight).
  EXPECT_NE(MustAssign(&c, Deport("a2:0:0", "a2", "AP", "2025-05-20")), base);
  // Another root (a meeting, 04) on the same dyad and day.
  ClusterEvent meet = Deport("a3:0:0", "a3", "AP", "2025-05-07");
  meet.cameo = "040";
  meet.plover_event = "CONSULT";
  EXPECT_NE(MustAssign(&c, meet), base);
  // Another place.
  ClusterEvent elsewhere = Deport("a4:0:0", "a4", "AP", "2025-05-07");
  elsewhere.location_country = "SLV";
  EXPECT_NE(MustAssign(&c, elsewhere), base);
  // Incompatible sectors (the military rather than the government).
  ClusterEvent military = Deport("a5:0:0", "a5", "AP", "2025-05-07");
  military.source = Act("USA", {"MIL"});
  EXPECT_NE(MustAssign(&c, military), base);
  // No target coded.
  ClusterEvent untargeted = Deport("a6:0:0", "a6", "AP", "2025-05-07");
  untargeted.target.reset();
  EXPECT_NE(MustAssign(&c, untargeted), base);
  EXPECT_EQ(c.cluster(base)->mentions.size(), 1u);
}

TEST(EventClustererTest, DateWindowFollowsPrecision) {
  EventClusterer c;
  ClusterEvent week = Deport("a1:0:0", "a1", "Reuters", "2025-05-07", "possible");
  week.date_value = "2025-05-05";  // "this week": the Monday
  week.date_precision = "week";
  ClusterId id = MustAssign(&c, week);
  // Sunday 05-11 lies in that week; 05-14 is within 3 days of its end.
  ClusterEvent sunday = Deport("a2:0:0", "a2", "AP", "2025-05-12");
  sunday.date_value = "2025-05-11";
  EXPECT_EQ(MustAssign(&c, sunday), id);
  // The precise date becomes the anchor: 05-14 is then 3 days away, 05-16 is not.
  EXPECT_EQ(c.cluster(id)->date_begin, "2025-05-11");
  EXPECT_EQ(MustAssign(&c, Deport("a3:0:0", "a3", "AFP", "2025-05-14")), id);
  EXPECT_NE(MustAssign(&c, Deport("a4:0:0", "a4", "AFP", "2025-05-16")), id);
}

TEST(EventClustererTest, CarriersJoinTheOriginalsClusterWhateverTheirDates) {
  EventClusterer c;
  ClusterId id = MustAssign(&c, Deport("wire:0:0", "wire", "Wire", "2025-05-07", "planned"));
  // A site ran the wire copy ten days later; "yesterday" resolved differently.
  ClusterEvent carried = Deport("site:0:0", "site", "site.example", "2025-05-17", "planned");
  carried.duplicate_of = "wire";
  EXPECT_EQ(MustAssign(&c, carried), id);
  const EventCluster* cl = c.cluster(id);
  EXPECT_EQ(cl->sources, (std::vector<std::string>{"Wire", "site.example"}));
  EXPECT_EQ(cl->independent_sources, (std::vector<std::string>{"Wire"}));
  EXPECT_TRUE(cl->mentions[1].carrier);
}

TEST(EventClustererTest, PloverTypeMatchesAcrossRoots) {
  EventClusterer c;
  ClusterEvent a = Deport("a1:0:0", "a1", "Reuters", "2025-05-07");
  ClusterEvent b = Deport("a2:0:0", "a2", "AP", "2025-05-07");
  b.cameo = "172";  // another root-17 code: same root anyway
  ClusterEvent p = Deport("a3:0:0", "a3", "AFP", "2025-05-07");
  p.cameo = "150";  // different root, same PLOVER type
  ClusterId id = MustAssign(&c, a);
  EXPECT_EQ(MustAssign(&c, b), id);
  EXPECT_EQ(MustAssign(&c, p), id);
}

TEST(EventClustererTest, SplitMovesMentionsOut) {
  EventClusterer c;
  ClusterId id = MustAssign(&c, Deport("a1:0:0", "a1", "Reuters", "2025-05-07", "planned"));
  MustAssign(&c, Deport("a2:0:0", "a2", "AP", "2025-05-08", "asserted"));
  MustAssign(&c, Deport("a3:0:0", "a3", "AFP", "2025-05-09", "denied"));
  ASSERT_EQ(c.cluster(id)->mentions.size(), 3u);
  StoryId story = c.cluster(id)->story;

  std::vector<std::string> ids = {"a2:0:0", "a3:0:0"};
  Result<ClusterId> split = c.Split(id, ids);
  ASSERT_TRUE(split.ok()) << split.status().ToString();
  ClusterId other = *split;
  EXPECT_NE(other, id);
  const EventCluster* left = c.cluster(id);
  const EventCluster* right = c.cluster(other);
  ASSERT_EQ(left->mentions.size(), 1u);
  ASSERT_EQ(right->mentions.size(), 2u);
  EXPECT_EQ(left->sources, (std::vector<std::string>{"Reuters"}));
  EXPECT_EQ(left->latest_status, "planned");
  EXPECT_EQ(right->first_source, "AP");
  EXPECT_EQ(right->latest_status, "denied");
  EXPECT_EQ(c.ClusterOf("a3:0:0"), other);
  EXPECT_EQ(right->story, story);  // still one developing story
  // Assigning a split event again changes nothing.
  EXPECT_EQ(MustAssign(&c, Deport("a2:0:0", "a2", "AP", "2025-05-08")), other);

  // Errors name what is wrong.
  std::vector<std::string> stranger = {"zz:0:0"};
  Result<ClusterId> bad = c.Split(id, stranger);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("zz:0:0"), std::string::npos);
  std::vector<std::string> all = {"a1:0:0"};
  EXPECT_EQ(c.Split(id, all).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(c.Split(99, all).status().code(), ErrorCode::kNotFound);
  EXPECT_EQ(c.Split(id, std::vector<std::string>{}).status().code(), ErrorCode::kInvalidArgument);
}

TEST(EventClustererTest, BadInputIsAnErrorNamingTheField) {
  EventClusterer c;
  ClusterEvent e = Deport("a1:0:0", "a1", "Reuters", "2025-05-07");
  e.date_value = "2025-13-01";
  Result<ClusterId> r = c.Assign(e);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), ErrorCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("a1:0:0"), std::string::npos);
  EXPECT_NE(r.status().message().find("date.value"), std::string::npos);

  e.date_value = "2025-05-07";
  e.date_precision = "fortnight";
  EXPECT_NE(c.Assign(e).status().message().find("precision"), std::string::npos);
  e.date_precision = "day";
  e.article_date = "7 May 2025";
  EXPECT_NE(c.Assign(e).status().message().find("article_date"), std::string::npos);
  e.article_date = "2025-05-07";
  e.event_id.clear();
  EXPECT_EQ(c.Assign(e).status().code(), ErrorCode::kInvalidArgument);
  e.event_id = "x";
  e.article_id.clear();
  EXPECT_EQ(c.Assign(e).status().code(), ErrorCode::kInvalidArgument);
  EXPECT_EQ(c.cluster_count(), 0u);  // nothing half-added
}

TEST(EventClustererTest, UndatedEventsClusterOnlyWithUndated) {
  EventClusterer c;
  ClusterEvent u1 = Deport("a1:0:0", "a1", "Reuters", "");
  ClusterEvent u2 = Deport("a2:0:0", "a2", "AP", "");
  ClusterId id = MustAssign(&c, u1);
  EXPECT_EQ(MustAssign(&c, u2), id);
  EXPECT_EQ(c.cluster(id)->date_begin, "");
  EXPECT_NE(MustAssign(&c, Deport("a3:0:0", "a3", "AP", "2025-05-07")), id);
}

// Regression: cluster() pointers dangled after a later Assign grew the store.
TEST(EventClustererTest, ClusterPointerSurvivesLaterAssigns) {
  EventClusterer c;
  const EventCluster* first = c.cluster(MustAssign(&c, Deport("a:0:0", "a", "AP", "2025-01-01")));
  for (int i = 0; i < 200; ++i) {
    ClusterEvent e = Deport(std::to_string(i), "b", "AP", "2025-01-01");
    e.location_country = std::to_string(i);  // each its own cluster
    MustAssign(&c, e);
  }
  EXPECT_EQ(first->first_event, "a:0:0");
  EXPECT_EQ(first, c.cluster(1));
}

// Regression: an event without date.value read its precision through a
// dangling view; it must take the article date at day precision.
TEST(EventClustererTest, MissingDateValueUsesTheArticleDateAsADay) {
  EventClusterer c;
  ClusterEvent e = Deport("a:0:0", "a", "AP", "2025-05-07");
  e.date_precision = "year";  // ignored: there is no date.value
  ClusterId id = MustAssign(&c, e);
  EXPECT_EQ(c.cluster(id)->date_begin, "2025-05-07");
  EXPECT_EQ(c.cluster(id)->date_end, "2025-05-07");
}

// The Libya sample's "should.story", in miniature: a deportation plan is
// reported (with a flight "as soon as this week"), then denied, then happens.
TEST(StoryTest, PlanDeniedThenHappenedIsOneStoryWithMovingStatus) {
  EventClusterer c;
  ClusterEvent plan = Deport("lib:0:0", "lib", "libyaobserver.ly", "2025-05-07", "planned");
  ClusterEvent timing = Deport("lib:9:0", "lib", "libyaobserver.ly", "2025-05-07", "possible");
  timing.date_value = "2025-05-05";
  timing.date_precision = "week";
  ClusterEvent reuters = Deport("rt:2:0", "rt", "Reuters", "2025-05-07", "planned");
  ClusterEvent denial = Deport("ap:1:0", "ap", "AP", "2025-05-08", "denied");
  ClusterEvent happened = Deport("afp:0:0", "afp", "AFP", "2025-05-21", "asserted");
  // An unrelated happening between other parties in the same days.
  ClusterEvent other = Deport("x:0:0", "x", "AP", "2025-05-08");
  other.source = Act("FRA", {"GOV"});
  other.location_country = "MAR";

  ClusterId plan_cluster = MustAssign(&c, plan);
  EXPECT_EQ(MustAssign(&c, timing), plan_cluster);
  EXPECT_EQ(MustAssign(&c, reuters), plan_cluster);
  EXPECT_EQ(MustAssign(&c, denial), plan_cluster);
  ClusterId other_cluster = MustAssign(&c, other);
  ClusterId done_cluster = MustAssign(&c, happened);
  EXPECT_NE(done_cluster, plan_cluster);  // two weeks later: another happening ...
  const EventCluster* pc = c.cluster(plan_cluster);
  EXPECT_EQ(pc->latest_status, "denied");
  EXPECT_EQ(pc->first_source, "libyaobserver.ly");
  EXPECT_EQ(pc->mentions.size(), 4u);
  EXPECT_EQ(pc->sources.size(), 3u);

  // ... of the same story.
  StoryId story = pc->story;
  EXPECT_EQ(c.cluster(done_cluster)->story, story);
  EXPECT_NE(c.cluster(other_cluster)->story, story);
  EXPECT_EQ(c.StoryIds().size(), 2u);

  std::optional<Story> s = c.GetStory(story);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->clusters, (std::vector<ClusterId>{plan_cluster, done_cluster}));
  EXPECT_EQ(s->mentions, 5u);
  EXPECT_EQ(s->first_seen, "2025-05-07");
  EXPECT_EQ(s->last_seen, "2025-05-21");
  EXPECT_EQ(s->status, "asserted");
  std::vector<std::string> statuses;
  for (const StoryStatusChange& ch : s->timeline) statuses.push_back(ch.status);
  EXPECT_EQ(statuses,
            (std::vector<std::string>{"planned", "possible", "planned", "denied", "asserted"}));
  EXPECT_EQ(s->timeline.back().cluster, done_cluster);
  EXPECT_EQ(s->timeline.back().event_id, "afp:0:0");
  EXPECT_EQ(s->timeline[3].date, "2025-05-08");
  EXPECT_FALSE(c.GetStory(12345).has_value());
}

TEST(StoryTest, StoriesNeedTheSameDyadAndCompatibleRootsWithinTheWindow) {
  EventClusterer c;
  ClusterId deport = MustAssign(&c, Deport("a:0:0", "a", "AP", "2025-05-07"));
  // A threat (13) on the same dyad: an intent of the same conflict -> same story.
  ClusterEvent threat = Deport("b:0:0", "b", "AP", "2025-05-20");
  threat.cameo = "138";
  threat.plover_event = "THREATEN";
  ClusterId t = MustAssign(&c, threat);
  EXPECT_EQ(c.cluster(t)->story, c.cluster(deport)->story);
  // Cooperation (04) on the dyad: another story.
  ClusterEvent talks = Deport("d:0:0", "d", "AP", "2025-05-21");
  talks.cameo = "040";
  talks.plover_event = "CONSULT";
  EXPECT_NE(c.cluster(MustAssign(&c, talks))->story, c.cluster(deport)->story);
  // The same deportation root, but 40 days later: another story.
  ClusterEvent later = Deport("e:0:0", "e", "AP", "2025-06-30");
  EXPECT_NE(c.cluster(MustAssign(&c, later))->story, c.cluster(deport)->story);
}

TEST(StoryTest, EventsOfOneArticleLinkTheirClusters) {
  EventClusterer c;
  ClusterId deport = MustAssign(&c, Deport("a:0:0", "a", "AP", "2025-05-07"));
  // The same article says the US consults Libya about it (another root, same dyad).
  ClusterEvent talks = Deport("a:1:0", "a", "AP", "2025-05-07");
  talks.cameo = "040";
  talks.plover_event = "CONSULT";
  ClusterId t = MustAssign(&c, talks);
  EXPECT_NE(t, deport);
  EXPECT_EQ(c.cluster(t)->story, c.cluster(deport)->story);

  ClusterOptions off;
  off.link_through_articles = false;
  EventClusterer c2(off);
  ClusterId d2 = MustAssign(&c2, Deport("a:0:0", "a", "AP", "2025-05-07"));
  ClusterId t2 = MustAssign(&c2, talks);
  EXPECT_NE(c2.cluster(t2)->story, c2.cluster(d2)->story);
}

TEST(StoryTest, SameInputSameIds) {
  auto run = [] {
    EventClusterer c;
    std::vector<std::uint64_t> out;
    for (int day = 1; day <= 28; ++day) {
      for (const char* country : {"LBY", "SLV", "RWA"}) {
        std::string d = std::to_string(day);
        std::string date = "2025-05-";
        if (day < 10) date += '0';
        date += d;
        std::string article = "art";
        article += d;
        ClusterEvent e = Deport(std::string(country) + d, article, "AP", date);
        e.location_country = country;
        Result<ClusterId> r = c.Assign(e);
        out.push_back(r.ok() ? *r : 0);
        out.push_back(r.ok() ? c.cluster(*r)->story : 0);
      }
    }
    return out;
  };
  EXPECT_EQ(run(), run());
}

TEST(MakeClusterEventTest, FillsFromPipelineRecords) {
  Article article;
  article.id = "lib";
  article.source = "libyaobserver.ly";
  article.date = "2025-05-07";
  Event event;
  event.id = "lib:0:0";
  event.source = Actor{"the United States government", "USAGOV", "USA", {"GOV"}, {}, ""};
  event.target = Actor{"migrants", "REF", "", {"REF"}, {}, ""};
  event.cameo = "174";
  event.plover_event = "COERCE";
  event.modality = "planned";
  event.date = {"2025-05-07", "day", ""};
  event.location = EventLocation{};
  event.location->place.country = "LBY";
  ClusterEvent e = MakeClusterEvent(event, article, "wire");
  EXPECT_EQ(e.event_id, "lib:0:0");
  EXPECT_EQ(e.article_id, "lib");
  EXPECT_EQ(e.outlet, "libyaobserver.ly");
  EXPECT_EQ(e.source->code, "USAGOV");
  EXPECT_EQ(e.target->sectors, (std::vector<std::string>{"REF"}));
  EXPECT_EQ(e.location_country, "LBY");
  EXPECT_EQ(e.duplicate_of, "wire");
  EXPECT_EQ(e.modality, "planned");
  EventClusterer c;
  EXPECT_TRUE(c.Assign(e).ok());
}

}  // namespace
}  // namespace dyad
