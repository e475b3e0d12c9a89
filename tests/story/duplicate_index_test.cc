// Copyright dyad authors. Near-duplicate detection: syndicated copies of one
// wire story link to it; unrelated and merely related articles do not.
#include <gtest/gtest.h>

#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "dyad/story.h"

namespace dyad {
namespace {

// A wire story (written for this test) and the way five sites carried it.
const std::string kWire =
    "TRIPOLI, May 7 (Wire) - The United States is preparing to fly a group of migrants "
    "held in American detention centres to Libya as soon as this week, two U.S. officials "
    "said on Wednesday, a move that rights groups warned would expose them to abuse.\n"
    "The officials, who spoke on condition of anonymity because the plans have not been made "
    "public, said a military aircraft could leave from Texas and land at an airfield near the "
    "eastern city of Benghazi. They did not say how many people would be on the flight or "
    "which countries they came from.\n"
    "The Homeland Security Department referred questions to the White House, which did not "
    "respond to a request for comment. The State Department declined to comment on diplomatic "
    "talks with Libyan authorities.\n"
    "Libya has been divided between rival administrations in the west and the east since the "
    "overthrow of Muammar Gaddafi in 2011. Human rights groups have described conditions in "
    "Libyan detention centres for migrants as dire, citing reports of beatings, forced labour "
    "and overcrowding.\n"
    "A spokesman for the eastern administration said it had not agreed to receive anyone and "
    "would not accept people deported from other countries. The government in Tripoli said it "
    "had not been consulted about any such flight.\n"
    "The administration has sought to expand deportations to third countries, sending people "
    "to Central American states and negotiating with governments in Africa and Asia to take "
    "migrants who cannot be returned to their home countries.\n";

// Concatenation by append (GCC 12 warns falsely on literal + std::string).
std::string Cat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view p : parts) out.append(p);
  return out;
}

std::vector<std::string> Copies() {
  std::vector<std::string> c;
  // 1. A byline, a share bar and a newsletter footer around the full text.
  c.push_back(
      Cat({"By Staff Writer | Published 07 May 2025 | Share on Facebook Share on X\n\n", kWire,
           "\nSign up for our daily briefing to get the top stories in your inbox.\n"}));
  // 2. Curly quotes, an em dash dateline, no-break spaces and different line breaks.
  std::string two = kWire;
  for (std::size_t p; (p = two.find(" - ")) != std::string::npos;) two.replace(p, 3, " \u2014 ");
  for (std::size_t p = 0; (p = two.find('\n', p)) != std::string::npos; p += 4) {
    two.replace(p, 1, "\n\n  ");
  }
  for (std::size_t p; (p = two.find("U.S. officials")) != std::string::npos;) {
    two.replace(p, 14, "U.S.\u00a0officials");
  }
  c.push_back(Cat({"\u201cReprinted with permission\u201d\n", two,
                   "\nCopyright 2025 Wire. All rights reserved."}));
  // 3. A light rewrite: a few words changed and a sentence dropped.
  std::string three = kWire;
  three.replace(three.find("as soon as this week"), 20, "as early as this week");
  three.replace(three.find("declined to comment"), 19, "would not comment");
  std::size_t from = three.find("They did not say how many");
  three.erase(from, three.find('\n', from) - from);
  c.push_back(Cat({"World News\n", three, "\nRelated: more on migration.\n"}));
  // 4. Upper-cased headline and an added closing line by the site's editor.
  c.push_back(Cat({"US TO FLY MIGRANTS TO LIBYA, OFFICIALS SAY\n", kWire,
                   "Our reporter contributed to this story from Washington.\n"}));
  // 5. A site that ran the first four paragraphs only.
  std::size_t cut = kWire.find("A spokesman for the eastern");
  c.push_back(Cat(
      {"Advertisement\n", std::string_view(kWire).substr(0, cut), "(Reporting by Wire staff)\n"}));
  return c;
}

TEST(DuplicateIndexTest, SyndicatedCopiesLinkToTheWireStory) {
  DuplicateIndex index;
  EXPECT_EQ(index.Add("wire", kWire), std::nullopt);
  std::vector<std::string> copies = Copies();
  for (std::size_t i = 0; i < copies.size(); ++i) {
    std::optional<DuplicateMatch> m =
        index.AddWithMatch(Cat({"copy", std::to_string(i + 1)}), copies[i]);
    ASSERT_TRUE(m.has_value()) << "copy " << i + 1;
    std::printf("copy %zu: jaccard %.3f containment %.3f simhash distance %d\n", i + 1, m->jaccard,
                m->containment, m->simhash_distance);
    EXPECT_EQ(m->original, "wire") << "copy " << i + 1;
    EXPECT_FALSE(m->exact) << "copy " << i + 1;
  }
  EXPECT_EQ(index.size(), 6u);
  EXPECT_EQ(index.OriginalOf("copy3"), "wire");
  EXPECT_EQ(index.OriginalOf("wire"), "wire");
  EXPECT_EQ(index.OriginalOf("nobody"), std::nullopt);
}

TEST(DuplicateIndexTest, CopyOfACopyResolvesToTheRoot) {
  DuplicateIndex index;
  std::vector<std::string> copies = Copies();
  ASSERT_EQ(index.Add("first", copies[0]), std::nullopt);
  // copies[1] is close to copies[0]; whichever it matches, the answer is the root.
  EXPECT_EQ(index.Add("second", copies[1]), "first");
  EXPECT_EQ(index.Add("third", copies[3]), "first");
}

TEST(DuplicateIndexTest, ExactCopyOfAShortTextMatchesOnlyExactly) {
  DuplicateIndex index;
  EXPECT_EQ(index.Add("a", "Protesters clashed with police."), std::nullopt);
  std::optional<DuplicateMatch> m = index.AddWithMatch("b", "PROTESTERS clashed, with police!");
  ASSERT_TRUE(m.has_value());
  EXPECT_TRUE(m->exact);
  EXPECT_EQ(m->original, "a");
  EXPECT_EQ(index.Add("c", "Protesters clashed with soldiers."), std::nullopt);
}

TEST(DuplicateIndexTest, UnrelatedArticlesAreNotLinked) {
  DuplicateIndex index;
  ASSERT_EQ(index.Add("wire", kWire), std::nullopt);
  const std::vector<std::string> others = {
      // Same topic, written independently: related, not a copy.
      "Migrant advocates in Texas said on Thursday they had lost contact with several detainees "
      "who they feared were about to be sent to Libya. Lawyers for the men filed emergency "
      "motions in federal court asking a judge to block any transfer to a country where they "
      "say their clients would face torture. A judge in Boston had earlier ruled that the "
      "government must give migrants a chance to contest removal to a third country. The "
      "Homeland Security Department said it would comply with court orders.",
      "Cocoa prices rose sharply in London on Tuesday after dry weather in West Africa cut "
      "estimates for the mid-crop harvest. Traders said arrivals at ports in Ivory Coast were "
      "running behind last year and that grinders were covering needs for the coming months.",
      "The central bank left its main interest rate unchanged on Wednesday and said inflation "
      "was likely to ease over the rest of the year as energy prices fell. Two members of the "
      "committee voted for a cut, saying the labour market was cooling faster than expected.",
      "",
      "Libya",
  };
  for (std::size_t i = 0; i < others.size(); ++i) {
    EXPECT_EQ(index.Add(Cat({"other", std::to_string(i)}), others[i]), std::nullopt) << i;
  }
  // Two empty bodies are not duplicates of each other either.
  EXPECT_EQ(index.Add("empty2", ""), std::nullopt);
}

TEST(DuplicateIndexTest, AddingAKeyAgainIsIdempotent) {
  DuplicateIndex index;
  ASSERT_EQ(index.Add("wire", kWire), std::nullopt);
  std::vector<std::string> copies = Copies();
  EXPECT_EQ(index.Add("c", copies[0]), "wire");
  EXPECT_EQ(index.Add("c", "a different body entirely"), "wire");
  EXPECT_EQ(index.Add("wire", kWire), std::nullopt);
  EXPECT_EQ(index.size(), 2u);
}

TEST(DuplicateIndexTest, FindDoesNotAdd) {
  DuplicateIndex index;
  EXPECT_EQ(index.Find(kWire), std::nullopt);
  ASSERT_EQ(index.Add("wire", kWire), std::nullopt);
  std::optional<DuplicateMatch> m = index.Find(Copies()[2]);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->original, "wire");
  EXPECT_GT(m->jaccard, 0.6);  // a rewrite: a sentence dropped, two phrases changed
  EXPECT_EQ(index.size(), 1u);
}

TEST(DuplicateIndexTest, ThresholdsAreOptions) {
  // Without the containment rule, the truncated copy (4 of 6 paragraphs) is not a duplicate.
  DuplicateOptions strict;
  strict.containment_threshold = 2;
  DuplicateIndex index(strict);
  ASSERT_EQ(index.Add("wire", kWire), std::nullopt);
  std::optional<DuplicateMatch> m = index.AddWithMatch("cut", Copies()[4]);
  EXPECT_FALSE(m.has_value()) << m->jaccard;
}

TEST(FingerprintTest, NormalisationIgnoresCaseAndPunctuation) {
  ArticleFingerprint a = Fingerprint("The U.S. army -- said: \u201cno\u201d.  Again\u00a0today");
  ArticleFingerprint b = Fingerprint("the u s Army said no again today");
  EXPECT_EQ(a.exact, b.exact);
  EXPECT_EQ(a.words, 8u);
  EXPECT_EQ(a.shingles, 4u);
  EXPECT_EQ(EstimateJaccard(a, b), 1.0);
  EXPECT_EQ(SimHashDistance(a, b), 0);
}

TEST(FingerprintTest, IsDeterministic) {
  // Fixed seeds: the fingerprint of a text never changes between runs.
  ArticleFingerprint a = Fingerprint(kWire);
  ArticleFingerprint b = Fingerprint(std::string(kWire));
  EXPECT_EQ(a.simhash, b.simhash);
  EXPECT_EQ(a.minhash, b.minhash);
}

// Differential check: the MinHash estimate tracks the exact Jaccard similarity
// of the shingle sets on generated texts with known overlap.
TEST(FingerprintTest, MinHashEstimatesJaccard) {
  auto word = [](int i) { return Cat({"w", std::to_string(i * 7919 % 100003), " "}); };
  for (int shared : {0, 100, 300, 450}) {
    std::string a, b;
    // a: words 0..499; b: words 500-shared .. 999-shared.
    for (int i = 0; i < 500; ++i) a += word(i);
    for (int i = 500 - shared; i < 1000 - shared; ++i) b += word(i);
    // 5-shingles: each text has 496; shared words s give s-4 shared shingles.
    double inter = shared >= 5 ? shared - 4 : 0;
    double exact = inter / (2 * 496 - inter);
    double est = EstimateJaccard(Fingerprint(a), Fingerprint(b));
    EXPECT_NEAR(est, exact, 0.15) << "shared words " << shared;
  }
}

}  // namespace
}  // namespace dyad
