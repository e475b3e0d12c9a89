// dyad's own dictionaries (data/dict, data/coder/event_nouns.tsv) on sentences
// taken from real current-events bullets (Wikipedia portal, 2002-2021), coded
// with the default tagger and one-sided events on, as `dyad code` does without a
// parser. Each case pins a dictionary entry: the code an event must get, or that
// a sense of the verb must stay no event.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "dyad/coder.h"
#include "dyad/dict.h"
#include "dyad/tagger.h"
#include "dyad/text.h"

namespace dyad {
namespace {

// (source code, target code, CAMEO); a missing side is "".
using Triple = std::tuple<std::string, std::string, std::string>;

class OwnDictNewsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string data = DYAD_DATA_DIR;
    auto d = LoadDictionaryDir(data + "/dict", DictOptions{});
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    dicts_ = std::move(d).value().release();
    auto t = Tagger::Load(data + "/models/tagger-en-ewt.dtm");
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    tagger_ = std::move(t).value().release();
    auto n = EventNouns::Load(data + "/coder/event_nouns.tsv");
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    nouns_ = new std::shared_ptr<const EventNouns>(std::move(n).value());
  }
  static void TearDownTestSuite() {
    delete dicts_;
    delete tagger_;
    delete nouns_;
  }

  // Every event of every sentence of `text`, as (source, target, CAMEO).
  static std::set<Triple> Code(const std::string& text) {
    Document doc;
    EXPECT_TRUE(SplitText(text, TextOptions{}, &doc).ok());
    TaggerScratch tscratch;
    std::vector<PosTag> tags;
    tagger_->TagDocument(doc, nullptr, &tscratch, &tags);
    CoderOptions options;
    options.require_dyad = false;
    options.nouns = *nouns_;
    Coder coder(*dicts_, options);
    auto scratch = NewCoderScratch();
    SentenceCoding coding;
    std::set<Triple> out;
    for (const Sentence& s : doc.sentences) {
      std::span<const PosTag> st(tags.data() + s.first_token, s.token_count);
      coder.CodeSentence(doc, s, st, 20200101, scratch.get(), &coding);
      for (const CodedEvent& e : coding.events) out.insert({e.source.code, e.target.code, e.cameo});
    }
    return out;
  }

  // The CAMEO codes of `text`'s events.
  static std::set<std::string> Codes(const std::string& text) {
    std::set<std::string> out;
    for (const Triple& t : Code(text)) out.insert(std::get<2>(t));
    return out;
  }

  static Dictionaries* dicts_;
  static Tagger* tagger_;
  static std::shared_ptr<const EventNouns>* nouns_;
};

Dictionaries* OwnDictNewsTest::dicts_ = nullptr;
Tagger* OwnDictNewsTest::tagger_ = nullptr;
std::shared_ptr<const EventNouns>* OwnDictNewsTest::nouns_ = nullptr;

TEST_F(OwnDictNewsTest, RecognitionOfAStateIsDiplomaticRecognition) {
  EXPECT_EQ(Code("Ghana recognizes Kosovo."), (std::set<Triple>{{"GHA", "XKX", "054"}}));
  EXPECT_EQ(Code("Ecuador recognises Palestine as an independent state within its 1967 borders."),
            (std::set<Triple>{{"ECU", "PSE", "054"}}));
}

TEST_F(OwnDictNewsTest, RecognisingARightOrAParticipleIsNoRecognition) {
  EXPECT_EQ(
      Codes("Ibaraki Prefecture becomes the first in Japan to recognize same-sex partnerships."),
      std::set<std::string>{});
  EXPECT_EQ(Codes("Unrest continues in Ivory Coast as the internationally-recognised President "
                  "Alassane Ouattara heads to a mediation summit.")
                .count("054"),
            0u);
}

TEST_F(OwnDictNewsTest, CourtsStrikingDownLawsReject) {
  EXPECT_EQ(
      Codes("The Supreme Court of Kenya annuls the results of the recent presidential election."),
      std::set<std::string>{"120"});
  EXPECT_EQ(
      Codes("The Supreme Court of Canada strikes down anti-prostitution laws in the country."),
      std::set<std::string>{"120"});
}

TEST_F(OwnDictNewsTest, ExecutingPeopleIsKillingExecutingARaidIsNot) {
  EXPECT_EQ(Code("ISIL militants execute 25 Syrian Army soldiers in the ancient city of Palmyra."),
            (std::set<Triple>{{"IMGINS", "SYRMIL", "1823"}}));
  EXPECT_EQ(Codes("Dutch authorities execute a tax raid on Spyker Cars' headquarters."),
            std::set<std::string>{});
}

TEST_F(OwnDictNewsTest, GunfireIsNoHouseFire) {
  EXPECT_EQ(Codes("At least seven people are killed in an exchange of fire between pro-government "
                  "forces and mutineering soldiers in Bobo-Dioulasso, Burkina Faso.")
                .count("190"),
            1u);
  EXPECT_EQ(Codes("The suspect was killed in the fire."), std::set<std::string>{});
}

TEST_F(OwnDictNewsTest, TheOneFacingTrialIsTheTarget) {
  EXPECT_EQ(Code("Two Turkish journalists face trial for espionage."),
            (std::set<Triple>{{"", "TURMED", "173"}}));
  EXPECT_EQ(Code("Three Chinese anti-graft activists go on trial in Xinyu."),
            (std::set<Triple>{{"", "CHNOPP", "173"}}));
}

TEST_F(OwnDictNewsTest, VisitsArmsSalesAndDiplomaticStaff) {
  EXPECT_EQ(Code("International Atomic Energy Agency inspectors begin a three-day visit to Iran."),
            (std::set<Triple>{{"IGOIAE", "IRN", "042"}}));
  EXPECT_EQ(Code("The United States will sell fighter jets to Saudi Arabia."),
            (std::set<Triple>{{"USA", "SAU", "072"}}));
  EXPECT_EQ(Code("The U.S. will be withdrawing all remaining diplomatic staff from Venezuela."),
            (std::set<Triple>{{"USA", "VEN", "161"}}));
}

TEST_F(OwnDictNewsTest, NewEventNouns) {
  EXPECT_EQ(Code("Iran's seizure of a British tanker angers London."),
            (std::set<Triple>{{"IRN", "GBR", "171"}}));
  // A school is the place of a school shooting, not its source.
  EXPECT_EQ(Codes("The premiere is cancelled as a response to the Sandy Hook Elementary School "
                  "shooting."),
            std::set<std::string>{});
}

TEST_F(OwnDictNewsTest, LaterWordsDoNotNullAnArrest) {
  // `* TO [---]` matched any "to" up to 12 words after the verb.
  EXPECT_EQ(Codes("Georgian police arrest 13 people allegedly belonging to a Russian spy network."),
            std::set<std::string>{"173"});
}

TEST_F(OwnDictNewsTest, BombersAndBombBlasts) {
  EXPECT_EQ(
      Codes("A suicide bomber explodes at the Myyrmanni Shopping Mall in Vantaa, Finland, killing "
            "seven including the bomber.")
          .count("1831"),
      1u);
  EXPECT_EQ(
      Codes(
          "Bomb blasts and gunfire are reported in the centre of the Indonesian capital Jakarta."),
      std::set<std::string>{"183"});
}

TEST_F(OwnDictNewsTest, NoViolenceInSpaceLaunchesHeartAttacksOrSportsWins) {
  EXPECT_EQ(Codes("SpaceX successfully launches a Falcon 9 rocket from Kennedy Space Center."),
            std::set<std::string>{});
  EXPECT_EQ(
      Codes("Former Italy under-21 footballer Piermario Morosini dies after collapsing face down "
            "with a suspected heart attack on the pitch."),
      std::set<std::string>{});
  EXPECT_EQ(
      Codes("Shelly-Ann Fraser-Pryce narrowly defeats Dafne Schippers in the Women's 100 metres "
            "finals in Beijing."),
      std::set<std::string>{});
  EXPECT_EQ(
      Codes("Turkish weightlifting champion Nurcan Taylan is banned for four years for doping."),
      std::set<std::string>{});
}

// Leaving an international body breaks relations with it (161, as the gold set codes
// "withdraws from the ICC").
TEST_F(OwnDictNewsTest, WithdrawingFromAnOrganisationReducesRelations) {
  EXPECT_EQ(
      Code("The United States officially declares its intent to withdraw from the World Health "
           "Organization in 2021.")
          .count({"USA", "IGOWHO", "161"}),
      1u);
}

}  // namespace
}  // namespace dyad
