// Within-article reference through the whole default pipeline: "they" and "it"
// opening a sentence before an active event verb stand for the subject of the
// sentence before when it is a group, an organisation or a country of the same
// number (src/pipeline/subject_references.cc); "the jihadist group" for the
// armed group coded in the sentence before (src/pipeline/name_references.cc);
// "the minister" for the one minister named in the last three sentences and
// "the militants" for the one named armed group of the sentence before
// (src/pipeline/definite_references.cc).
// A wrong actor is worse than none: passives, verbs of saying, quotations and
// companies are left alone.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class CodingRefsTest : public coding_testing::DefaultPipelineTest {
 protected:
  // "CAMEO:SRC(text)>TGT;" for every event of `body`.
  static std::string WithTexts(const std::string& body) {
    std::string out;
    for (const Event& e : Code(body).events)
      out += e.cameo + ":" + (e.source ? e.source->code + "(" + e.source->text + ")" : "-") + ">" +
             (e.target ? e.target->code : "-") + ";";
    return out;
  }
};

TEST_F(CodingRefsTest, TheyIsThePluralSubjectOfTheSentenceBefore) {
  EXPECT_EQ(WithTexts("Iraqi forces retook the town of Hit on Monday. They also seized a bridge "
                      "near the city."),
            "192:IRQMIL(They)>-;");
  // A passive's "they" is acted on: no reference (the men robbed, police arrest).
  EXPECT_EQ(Sides("Two men robbed a bank in Ohio. They were arrested by police on Monday."),
            "USACOP>-;");
}

TEST_F(CodingRefsTest, ItIsTheSingularOrganisationOrCountryOfTheSentenceBefore) {
  EXPECT_EQ(WithTexts("Egypt rejected all offers at the vegetable oil tender yesterday. It has "
                      "asked Sudan for new offers."),
            "120:EGY(Egypt)>-;020:EGY(It)>SDN;");
}

TEST_F(CodingRefsTest, NoReferenceForSayingQuotationsOrCompanies) {
  // "It said ...": the event is the reported clause's, with its own actors.
  EXPECT_EQ(Events("Egypt rejected all offers at the vegetable oil tender yesterday. It said the "
                   "rebels attacked the town."),
            "120:EGY>-;190:EGYREB>-;");
  // In a quotation "it" is what the speaker speaks of.
  EXPECT_EQ(Events("Egypt rejected all offers at the vegetable oil tender yesterday. \"It asked "
                   "Sudan for new offers,\" a trader said."),
            "120:EGY>-;");
  // A subordinate clause's "it" may look ahead to the main clause's subject.
  EXPECT_EQ(Events("Egypt rejected all offers at the vegetable oil tender yesterday. Although it "
                   "asked Sudan for new offers, the traders were not surprised."),
            "120:EGY>-;");
  // A company's "it" is as often its results or products (and the company's
  // own rejection, acting on no one, is business: no event either).
  EXPECT_EQ(Events("Acme Corp rejected all offers at the tender yesterday. It has asked Sudan for "
                   "new offers."),
            "");
}

TEST_F(CodingRefsTest, TheGroupWithModifiersIsTheArmedGroupOfTheSentenceBefore) {
  EXPECT_EQ(WithTexts("The Islamic State captured the dam in April. The jihadist group also "
                      "seized a nearby town."),
            "173:IMGINS(Islamic State)>-;192:IMGINS(jihadist group)>-;");
  // "The hacking group Anonymous" names its own group.
  EXPECT_EQ(Sides("The Islamic State captured the dam in April. The hacking group Anonymous "
                  "also attacked the town."),
            "IMGINS>-;CVL>-;");
}

// "The ministry", "the minister", "the president" alone: the one the article
// has just named, not a country of their own sentence.
TEST_F(CodingRefsTest, TheMinistryIsTheMinistryJustNamed) {
  EXPECT_EQ(WithTexts("The Iraqi Defence Ministry accused Turkey of violating its airspace. The "
                      "ministry also condemned the Turkish air strikes."),
            "112:IRQMIL(Iraqi Defence Ministry)>TUR;111:IRQMIL(ministry)>TUR;195:TUR(Turkish)>-;");
  EXPECT_EQ(Sides("Iranian Foreign Minister Javad Zarif met Qatari officials in Doha. The minister "
                  "later accused Saudi Arabia of aggression."),
            "IRNGOV>QATGOV;IRNGOV>SAU;");
}

// "The militants" alone: the named armed group of the sentence before, not a
// country of their own sentence; with two armed groups there, as read.
TEST_F(CodingRefsTest, TheMilitantsAreTheArmedGroupOfTheSentenceBefore) {
  EXPECT_EQ(Sides("Islamic State fighters captured the Tharthar dam near Ramadi on Sunday. The "
                  "militants killed five Iraqi soldiers."),
            "IMGINS>-;IMGINS>IRQMIL;");
  EXPECT_EQ(Sides("Islamic State fighters attacked Kurdish rebels near Ramadi on Sunday. The "
                  "militants killed five Iraqi soldiers."),
            "IMGINS>IMGREB;IRQINS>IRQMIL;");
}

// With two ministries named "the ministry" is left as the coder read it
// (here, wrongly, the country of its own sentence), not the last one named.
TEST_F(CodingRefsTest, TwoMinistriesLeaveTheMinistryAsRead) {
  EXPECT_EQ(Sides("The Iraqi Defence Ministry accused the Turkish Foreign Ministry of lying. The "
                  "ministry also condemned Iran."),
            "IRQMIL>TURGOV;IRNGOV>IRN;");
  EXPECT_EQ(Sides("The Iraqi Defence Ministry accused Turkey of lying. The ministry also "
                  "condemned Iran."),
            "IRQMIL>TUR;IRQMIL>IRN;");
}

}  // namespace
}  // namespace dyad
