// A leader the dictionaries know by the surname alone ("BLAIR_", "HARRIS_",
// from REIGN) is not every person with that surname: through the whole
// default pipeline, a name that writes another word before the surname, and
// the lone surname of a person the article names in full, stay that person.
#include <gtest/gtest.h>

#include <string>

#include "pipeline/coding_test_util.h"

namespace dyad {
namespace {

class SurnamesTest : public coding_testing::DefaultPipelineTest {
 protected:
  // The code of the first entity mention whose text is `text` ("-" when uncoded,
  // "?" when there is none).
  static std::string CodeOf(const CodedArticle& coded, const std::string& text) {
    for (const Entity& e : coded.entities)
      if (e.text == text) return e.code.empty() ? "-" : e.code;
    return "?";
  }
};

TEST_F(SurnamesTest, AnotherPersonWithALeadersSurnameIsNoLeader) {
  // "HARRIS_" is the surname of heads of St Kitts and Nevis and Nauru.
  CodedArticle c = Code("Police arrested a man, said Lt. Matt Harris.");
  EXPECT_EQ(CodeOf(c, "Harris"), "?");
  EXPECT_EQ(CodeOf(c, "Matt Harris"), "-");
  // "BLAIR_" (REIGN) is Tony Blair.
  c = Code("Officers arrested Jonathan P. Blair, 45.");
  EXPECT_EQ(CodeOf(c, "Blair"), "?");
  EXPECT_EQ(Sides("Officers arrested Jonathan P. Blair, 45."), "COP>CVL;");
}

TEST_F(SurnamesTest, TheLoneSurnameOfAPersonNamedInFullIsThatPerson) {
  CodedArticle c = Code(
      "Police arrested a man, said Lt. Matt Harris.\n\nHarris said officers later released "
      "him.");
  EXPECT_EQ(CodeOf(c, "Harris"), "-");
  // The leader named in full keeps the code on the lone surname.
  c = Code("Tony Blair met George Bush in London.\n\nBlair said the talks went well.");
  EXPECT_EQ(CodeOf(c, "Blair"), "GBRELI");
}

TEST_F(SurnamesTest, TheFirstWordOfAnotherPersonsNameIsNoLeader) {
  // "+LON_" is an alias of Cambodia's Lon Nol; Lon Wood is a journalist.
  CodedArticle c = Code("Lon Wood, a retired journalist, said he met the children.");
  EXPECT_EQ(CodeOf(c, "Lon"), "?");
  EXPECT_EQ(CodeOf(c, "Lon Wood"), "MED");  // from the apposition, not Cambodia
}

TEST_F(SurnamesTest, ALeadersNameInLowerCaseIsAWord) {
  // "+HUNG_" is an alias of Vietnam's Le Minh Hung.
  CodedArticle c = Code("A heavy cloud of tear gas hung over the square as police fired.");
  EXPECT_EQ(CodeOf(c, "hung"), "?");
}

TEST_F(SurnamesTest, ATitleBeforeTheSurnameKeepsTheLeader) {
  CodedArticle c = Code("President Kiir met the rebels in Juba.");
  EXPECT_EQ(CodeOf(c, "President Kiir"), "SSDGOV");
}

}  // namespace
}  // namespace dyad
