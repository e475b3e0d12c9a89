// Tests of the text stage: tokens, sentence boundaries, offsets.
#include "dyad/text.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace dyad {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::vector<std::string> Sentences(const std::string& body, TextOptions options = {}) {
  Document doc;
  Status st = SplitText(body, options, &doc);
  EXPECT_TRUE(st.ok()) << st.ToString();
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) out.emplace_back(doc.SentenceText(s));
  return out;
}

std::vector<std::string> Tokens(const std::string& body) {
  Document doc;
  Status st = SplitText(body, {}, &doc);
  EXPECT_TRUE(st.ok()) << st.ToString();
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.emplace_back(doc.TokenText(t));
  return out;
}

using Strings = std::vector<std::string>;

// The offset invariants every Document must satisfy.
void CheckInvariants(const Document& doc, std::string_view body, const std::string& what) {
  SCOPED_TRACE(what);
  ASSERT_EQ(doc.body.data(), body.data());
  std::uint32_t prev_end = 0;
  for (std::size_t i = 0; i < doc.tokens.size(); ++i) {
    const Token& t = doc.tokens[i];
    ASSERT_LT(t.begin, t.end) << "token " << i;
    ASSERT_LE(t.end, body.size()) << "token " << i;
    ASSERT_GE(t.begin, prev_end) << "token " << i << " overlaps";
    ASSERT_EQ(doc.TokenText(t), body.substr(t.begin, t.end - t.begin));
    prev_end = t.end;
  }
  std::uint32_t next_token = 0;
  std::uint32_t prev_paragraph = 0;
  for (std::size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    ASSERT_EQ(s.first_token, next_token) << "sentence " << i << " leaves a gap";
    ASSERT_GT(s.token_count, 0u) << "sentence " << i;
    ASSERT_LE(s.first_token + s.token_count, doc.tokens.size());
    ASSERT_EQ(s.begin, doc.tokens[s.first_token].begin);
    ASSERT_EQ(s.end, doc.tokens[s.first_token + s.token_count - 1].end);
    ASSERT_GE(s.paragraph, prev_paragraph);
    prev_paragraph = s.paragraph;
    next_token = s.first_token + s.token_count;
  }
  ASSERT_EQ(next_token, doc.tokens.size()) << "sentences do not cover all tokens";
}

// ---------------------------------------------------------------------------
// Acceptance: the Libya sample, read in place.

TEST(SplitTextTest, LibyaSampleSentences) {
  const std::string body = ReadFile(DYAD_SHARED_DIR "/samples/libya-deportation.txt");
  ASSERT_FALSE(body.empty()) << "missing " DYAD_SHARED_DIR "/samples/libya-deportation.txt";
  Document doc;
  ASSERT_TRUE(SplitText(body, {}, &doc).ok());
  CheckInvariants(doc, body, "libya");

  // 15 sentences of news + the affiliate line that ingest removes.
  const Strings starts = {
      "News outlets are reporting",   "The reports indicate",
      "This reported action",         "The move comes",
      "According to the reports",     "This approach has faced",
      "Libya remains deeply divided", "The country's ongoing",
      "News reports have previously", "Earlier reports from Reuters",
      "The reported planning",        "Key figures in U.S. Politics",
      "Specific individuals such as", "The nationalities of the migrants",
      "Officials at the White House", "If you buy something",
  };
  ASSERT_EQ(doc.sentences.size(), starts.size());
  for (std::size_t i = 0; i < starts.size(); ++i) {
    EXPECT_EQ(doc.SentenceText(doc.sentences[i]).substr(0, starts[i].size()), starts[i]) << i;
  }
  EXPECT_EQ(doc.SentenceText(doc.sentences[11]),
            "Key figures in U.S. Politics and government agencies like the Homeland Security "
            "Department and the U.S. Department of Defense are reportedly involved or tracking "
            "the developments related to this potential flight.");
  EXPECT_EQ(doc.SentenceText(doc.sentences[0]),
            "News outlets are reporting the United States government is planning to deport "
            "migrants to Libya for the first time, using a U.S. military aircraft.");
  EXPECT_EQ(doc.SentenceText(doc.sentences[15]),
            "If you buy something through a link in this article, we may earn commission.");
  // Paragraphs: 9 blocks separated by blank lines.
  EXPECT_EQ(doc.sentences[0].paragraph, 0u);
  EXPECT_EQ(doc.sentences[2].paragraph, 1u);
  EXPECT_EQ(doc.sentences[15].paragraph, 8u);

  // Without the boilerplate line: the 15 news sentences.
  const std::size_t last = body.rfind("\n\nIf you buy");
  ASSERT_NE(last, std::string::npos);
  const std::string trimmed = body.substr(0, last);
  EXPECT_EQ(Sentences(trimmed).size(), 15u);
}

// ---------------------------------------------------------------------------
// Tokens.

TEST(TokenizeTest, ClitcsAndPossessives) {
  EXPECT_EQ(Tokens("immigrants' rights"), (Strings{"immigrants", "'", "rights"}));
  EXPECT_EQ(Tokens("the country's future"), (Strings{"the", "country", "'s", "future"}));
  EXPECT_EQ(Tokens("Libya\xE2\x80\x99s coast"), (Strings{"Libya", "\xE2\x80\x99s", "coast"}));
  EXPECT_EQ(Tokens("don't"), (Strings{"do", "n't"}));
  EXPECT_EQ(Tokens("can't won\xE2\x80\x99t"), (Strings{"ca", "n't", "wo", "n\xE2\x80\x99t"}));
  EXPECT_EQ(Tokens("I'm we're they've she'll he'd"),
            (Strings{"I", "'m", "we", "'re", "they", "'ve", "she", "'ll", "he", "'d"}));
  EXPECT_EQ(Tokens("O'Brien d'Ivoire"), (Strings{"O'Brien", "d'Ivoire"}));
  EXPECT_EQ(Tokens("the 1990's"), (Strings{"the", "1990", "'s"}));
}

TEST(TokenizeTest, QuotesAreNotPossessives) {
  // A closing single quote after an opening one is a quote, not a possessive.
  Document doc;
  const std::string body = "a 'death realms' report";
  ASSERT_TRUE(SplitText(body, {}, &doc).ok());
  ASSERT_EQ(doc.tokens.size(), 6u);
  EXPECT_EQ(doc.tokens[1].kind, TokenKind::kQuote);
  EXPECT_EQ(doc.TokenText(doc.tokens[4]), "'");
  EXPECT_EQ(doc.tokens[4].kind, TokenKind::kQuote);
  // Without an open quote the same apostrophe is a possessive word.
  ASSERT_TRUE(SplitText("the immigrants' rights", {}, &doc).ok());
  EXPECT_EQ(doc.tokens[2].kind, TokenKind::kWord);
}

TEST(TokenizeTest, AbbreviationsAndInitials) {
  EXPECT_EQ(Tokens("U.S. U.K. U.N. e.g. i.e. J.R.R. Tolkien"),
            (Strings{"U.S.", "U.K.", "U.N.", "e.g.", "i.e.", "J.R.R.", "Tolkien"}));
  EXPECT_EQ(Tokens("George W. Bush"), (Strings{"George", "W.", "Bush"}));
  EXPECT_EQ(Tokens("Mr. Mrs. Dr. Gen. Lt. Col. Sen. Rep. Gov. St. Jan. Feb."),
            (Strings{"Mr.", "Mrs.", "Dr.", "Gen.", "Lt.", "Col.", "Sen.", "Rep.", "Gov.", "St.",
                     "Jan.", "Feb."}));
  EXPECT_EQ(Tokens("Apple Inc. and Acme Corp. and Smith Co. Ltd. vs. etc."),
            (Strings{"Apple", "Inc.", "and", "Acme", "Corp.", "and", "Smith", "Co.", "Ltd.", "vs.",
                     "etc."}));
  EXPECT_EQ(Tokens("No. 10 said no."), (Strings{"No.", "10", "said", "no", "."}));
  EXPECT_EQ(Tokens("U.S.-backed forces"), (Strings{"U.S.-backed", "forces"}));
  EXPECT_EQ(Tokens("Sen. Helms (R-N.C.) said"),
            (Strings{"Sen.", "Helms", "(", "R-N.C.", ")", "said"}));
  EXPECT_EQ(Tokens("ACME CORP. SAID"), (Strings{"ACME", "CORP.", "SAID"}));
  EXPECT_EQ(Tokens("the end."), (Strings{"the", "end", "."}));
}

TEST(TokenizeTest, Numbers) {
  EXPECT_EQ(Tokens("3.5 percent, $2.5 billion, 2,000 people at 15:01 in 1986-87"),
            (Strings{"3.5", "percent", ",", "$", "2.5", "billion", ",", "2,000", "people", "at",
                     "15:01", "in", "1986-87"}));
  EXPECT_EQ(Tokens("the 10th of 1980s 3D"), (Strings{"the", "10th", "of", "1980s", "3D"}));
  EXPECT_EQ(Tokens("in 2011. Then"), (Strings{"in", "2011", ".", "Then"}));
  Document doc;
  ASSERT_TRUE(SplitText("$2.5 3D 10th", {}, &doc).ok());
  EXPECT_EQ(doc.tokens[0].kind, TokenKind::kSymbol);
  EXPECT_EQ(doc.tokens[1].kind, TokenKind::kNumber);
  EXPECT_EQ(doc.tokens[2].kind, TokenKind::kWord);
  EXPECT_EQ(doc.tokens[3].kind, TokenKind::kNumber);
}

TEST(TokenizeTest, HyphensDashesAndPunctuation) {
  EXPECT_EQ(Tokens("al-Sarraj's so-called COVID-19 -- wait... ok?! (yes)"),
            (Strings{"al-Sarraj", "'s", "so-called", "COVID-19", "--", "wait", "...", "ok", "?!",
                     "(", "yes", ")"}));
  // UTF-8 dashes, quotes, ellipsis are punctuation / quotes.
  Document doc;
  const std::string body = "\xE2\x80\x9CPeace\xE2\x80\x9D \xE2\x80\x94 now\xE2\x80\xA6";
  ASSERT_TRUE(SplitText(body, {}, &doc).ok());
  ASSERT_EQ(doc.tokens.size(), 6u);
  EXPECT_EQ(doc.tokens[0].kind, TokenKind::kQuote);
  EXPECT_EQ(doc.TokenText(doc.tokens[1]), "Peace");
  EXPECT_EQ(doc.tokens[2].kind, TokenKind::kQuote);
  EXPECT_EQ(doc.tokens[3].kind, TokenKind::kPunct);
  EXPECT_EQ(doc.TokenText(doc.tokens[3]), "\xE2\x80\x94");
  EXPECT_EQ(doc.tokens[5].kind, TokenKind::kPunct);
}

TEST(TokenizeTest, UnderscoresInsideWordsJoinWordsLikeSpaces) {
  // Treebank-style and TABARI inputs write multi-word names with '_'.
  EXPECT_EQ(Tokens("the Prince of Dol_Amroth and Red_Cross_2 _x_ a__b"),
            (Strings{"the", "Prince", "of", "Dol", "Amroth", "and", "Red", "Cross", "2", "_", "x",
                     "_", "a", "_", "_", "b"}));
}

TEST(TokenizeTest, UnicodeLettersStayInWords) {
  EXPECT_EQ(Tokens("Fran\xC3\xA7ois H\xC3\xBC\x62ner met Ab\xC3\xBB Bakr in S\xC3\xA3o Paulo"),
            (Strings{"Fran\xC3\xA7ois", "H\xC3\xBC\x62ner", "met", "Ab\xC3\xBB", "Bakr", "in",
                     "S\xC3\xA3o", "Paulo"}));
  // Combining accent (e + U+0301) stays inside the word.
  EXPECT_EQ(Tokens("Jose\xCC\x81 said"), (Strings{"Jose\xCC\x81", "said"}));
  // Arabic script is letters.
  EXPECT_EQ(Tokens("\xD8\xB7\xD8\xB1\xD8\xA7\xD8\xA8\xD9\x84\xD8\xB3 city"),
            (Strings{"\xD8\xB7\xD8\xB1\xD8\xA7\xD8\xA8\xD9\x84\xD8\xB3", "city"}));
}

TEST(TokenizeTest, Flags) {
  Document doc;
  const std::string body = "NATO  said\tU.S. x \xC3\x89lys\xC3\xA9\x65 A";
  ASSERT_TRUE(SplitText(body, {}, &doc).ok());
  ASSERT_EQ(doc.tokens.size(), 6u);
  EXPECT_EQ(doc.tokens[0].flags, kCapitalized | kAllCaps);  // no whitespace before
  EXPECT_EQ(doc.tokens[1].flags, kSpaceBefore);
  EXPECT_EQ(doc.tokens[2].flags, kCapitalized | kAllCaps | kSpaceBefore);
  EXPECT_EQ(doc.tokens[3].flags, kSpaceBefore);
  EXPECT_EQ(doc.tokens[4].flags, kCapitalized | kSpaceBefore);  // "Élysée"
  EXPECT_EQ(doc.tokens[5].flags, kCapitalized | kSpaceBefore);  // one letter: not all caps
}

TEST(TokenizeTest, InvalidUtf8IsSingleOtherBytes) {
  const std::string body = std::string("ab\xFF\xFE") + "c\xC3" + " d\xE2\x80";
  Document doc;
  ASSERT_TRUE(SplitText(body, {}, &doc).ok());
  CheckInvariants(doc, body, "invalid");
  EXPECT_EQ(Tokens(body), (Strings{"ab", "\xFF", "\xFE", "c", "\xC3", "d", "\xE2", "\x80"}));
  EXPECT_EQ(doc.tokens[1].kind, TokenKind::kOther);
}

// ---------------------------------------------------------------------------
// Sentences.

TEST(SplitTextTest, AbbreviationsDoNotEndSentences) {
  EXPECT_EQ(Sentences("Mr. Smith met Gen. Petraeus and Sen. Rubio. They talked."),
            (Strings{"Mr. Smith met Gen. Petraeus and Sen. Rubio.", "They talked."}));
  EXPECT_EQ(Sentences("George W. Bush met J.R.R. Tolkien fans. Nothing happened."),
            (Strings{"George W. Bush met J.R.R. Tolkien fans.", "Nothing happened."}));
  EXPECT_EQ(Sentences("Acme Inc. said profit rose. Beta Corp. The end."),
            (Strings{"Acme Inc. said profit rose.", "Beta Corp.", "The end."}));
  EXPECT_EQ(Sentences("Some items, e.g. Apples, were sold. No. 5 won."),
            (Strings{"Some items, e.g. Apples, were sold.", "No. 5 won."}));
  EXPECT_EQ(Sentences("It happened on Jan. 5 at 3 p.m. The police came."),
            (Strings{"It happened on Jan. 5 at 3 p.m.", "The police came."}));
}

TEST(SplitTextTest, NoSpaceNoBreak) {
  EXPECT_EQ(
      Sentences("Rhone-Poulenc <RHON.PA> said it will. Sen. Helms (R-N.C.), a senator, spoke."),
      (Strings{"Rhone-Poulenc <RHON.PA> said it will.", "Sen. Helms (R-N.C.), a senator, spoke."}));
}

// Two sentences glued by a period with no space ("Wednesday.The stabbing",
// seen in real article bodies) are two; domains and initials are not.
TEST(SplitTextTest, GluedSentencesAreTwo) {
  EXPECT_EQ(Sentences("Police arrested five men in Lagos.Rebels attacked a village."),
            (Strings{"Police arrested five men in Lagos.", "Rebels attacked a village."}));
  EXPECT_EQ(Sentences("Visit Reuters.Com or www.DearAbby.com today. J.R.Smith came."),
            (Strings{"Visit Reuters.Com or www.DearAbby.com today.", "J.R.Smith came."}));
}

TEST(SplitTextTest, UsAtSentenceEnd) {
  EXPECT_EQ(Sentences("He flew to the U.S. The trip was long."),
            (Strings{"He flew to the U.S.", "The trip was long."}));
  EXPECT_EQ(Sentences("He flew to the U.S. They followed."),
            (Strings{"He flew to the U.S.", "They followed."}));
  EXPECT_EQ(Sentences("Key figures in U.S. Politics met the U.S. Army chief."),
            (Strings{"Key figures in U.S. Politics met the U.S. Army chief."}));
  EXPECT_EQ(Sentences("The U.S. military said so."), (Strings{"The U.S. military said so."}));
}

TEST(SplitTextTest, NumbersDecimalsEllipses) {
  EXPECT_EQ(Sentences("Shares rose 3.5 pct to $2.5 billion. Analysts were surprised."),
            (Strings{"Shares rose 3.5 pct to $2.5 billion.", "Analysts were surprised."}));
  EXPECT_EQ(Sentences("He waited... and waited... Then it came."),
            (Strings{"He waited... and waited...", "Then it came."}));
  EXPECT_EQ(Sentences("It fell in 2011. 15 people died."),
            (Strings{"It fell in 2011.", "15 people died."}));
}

TEST(SplitTextTest, Quotes) {
  EXPECT_EQ(Sentences("He said \"no.\" Then he left."),
            (Strings{"He said \"no.\"", "Then he left."}));
  EXPECT_EQ(Sentences("\"Why?\" he asked. \"Because.\""),
            (Strings{"\"Why?\" he asked.", "\"Because.\""}));
  EXPECT_EQ(Sentences("They said \xE2\x80\x9CWe will go?\xE2\x80\x9D The crowd cheered."),
            (Strings{"They said \xE2\x80\x9CWe will go?\xE2\x80\x9D", "The crowd cheered."}));
  EXPECT_EQ(Sentences("It ended (finally.) Next came more."),
            (Strings{"It ended (finally.)", "Next came more."}));
}

TEST(SplitTextTest, Datelines) {
  EXPECT_EQ(Sentences("SALVADOR, Feb 26 - Showers continued. The dry period ended."),
            (Strings{"SALVADOR, Feb 26 - Showers continued.", "The dry period ended."}));
  EXPECT_EQ(Sentences("WASHINGTON (Reuters) - The U.S. Senate voted. It passed."),
            (Strings{"WASHINGTON (Reuters) - The U.S. Senate voted.", "It passed."}));
  EXPECT_EQ(Sentences("TRIPOLI, Feb. 26 (AP) -- Fighting resumed."),
            (Strings{"TRIPOLI, Feb. 26 (AP) -- Fighting resumed."}));
  EXPECT_EQ(Sentences("WASHINGTON, D.C. - Talks began."),
            (Strings{"WASHINGTON, D.C. - Talks began."}));
}

TEST(SplitTextTest, LinesAndParagraphs) {
  // Reuters: wrapped lines inside a sentence, indented paragraph starts.
  Document doc;
  const std::string reuters =
      "Arvin Industries Inc said L.K.\nEvans has been elected president, succeeding\nJames "
      "Baker.\n    The bank said the network would link\n31 banks.";
  ASSERT_TRUE(SplitText(reuters, {}, &doc).ok());
  ASSERT_EQ(doc.sentences.size(), 2u);
  EXPECT_EQ(doc.SentenceText(doc.sentences[0]),
            "Arvin Industries Inc said L.K.\nEvans has been elected president, succeeding\nJames "
            "Baker.");
  EXPECT_EQ(doc.sentences[1].paragraph, 1u);
  EXPECT_EQ(doc.SentenceText(doc.sentences[1]), "The bank said the network would link\n31 banks.");

  // Blank lines always break, even without punctuation.
  EXPECT_EQ(Sentences("A headline without a stop\n\nthe body starts here."),
            (Strings{"A headline without a stop", "the body starts here."}));
  // A title-case line on its own is a headline.
  EXPECT_EQ(Sentences("Libya Deportation Flight Planned\nThe United States plans a flight."),
            (Strings{"Libya Deportation Flight Planned", "The United States plans a flight."}));
  // A first line in sentence case run into a long body line is a headline...
  const std::string body(
      "Rebels attacked a village in central Mali on Monday, killing five soldiers and wounding "
      "others, officials said.");
  EXPECT_EQ(Sentences("Rebels kill five soldiers in Mali\n" + body),
            (Strings{"Rebels kill five soldiers in Mali", body}));
  // ... but not the short first line of text wrapped at a fixed width.
  EXPECT_EQ(Sentences("McLean Industries Inc's United\nStates Lines Inc subsidiary said it has "
                      "agreed\nin principle to transfer its service."),
            (Strings{"McLean Industries Inc's United\nStates Lines Inc subsidiary said it has "
                     "agreed\nin principle to transfer its service."}));
  // A wrapped line inside a sentence is not.
  EXPECT_EQ(Sentences("The flight to\nLibya was planned."),
            (Strings{"The flight to\nLibya was planned."}));
  // Bullets.
  EXPECT_EQ(Sentences("Key points:\n- Flight planned\n- Rights groups object\n* Third"),
            (Strings{"Key points:", "- Flight planned", "- Rights groups object", "* Third"}));
  EXPECT_EQ(Sentences("Steps:\n1. Plan the flight\n2. Fly"),
            (Strings{"Steps:", "1. Plan the flight", "2. Fly"}));
}

TEST(SplitTextTest, MaxTokensPerSentence) {
  std::string body;
  for (int i = 0; i < 100000; ++i) body += "word ";
  body += ". Next sentence.";
  TextOptions options;
  options.max_tokens_per_sentence = 512;
  Document doc;
  ASSERT_TRUE(SplitText(body, options, &doc).ok());
  CheckInvariants(doc, body, "long");
  std::size_t forced = 0;
  for (const Sentence& s : doc.sentences) {
    EXPECT_LE(s.token_count, 512u);
    forced += s.forced_break;
  }
  EXPECT_EQ(forced, 100001 / 512);
  EXPECT_FALSE(doc.sentences.back().forced_break);
  EXPECT_EQ(doc.SentenceText(doc.sentences.back()), "Next sentence.");

  options.max_tokens_per_sentence = 0;
  Status st = SplitText(body, options, &doc);
  EXPECT_EQ(st.code(), ErrorCode::kInvalidArgument);
}

TEST(SplitTextTest, EmptyAndWhitespace) {
  Document doc;
  ASSERT_TRUE(SplitText("", {}, &doc).ok());
  EXPECT_TRUE(doc.tokens.empty());
  EXPECT_TRUE(doc.sentences.empty());
  ASSERT_TRUE(SplitText(" \n\n\t \xC2\xA0 ", {}, &doc).ok());
  EXPECT_TRUE(doc.tokens.empty());
  EXPECT_TRUE(doc.sentences.empty());
}

TEST(SplitTextTest, DocumentIsReused) {
  Document doc;
  ASSERT_TRUE(SplitText("One two three. Four five.", {}, &doc).ok());
  const std::size_t cap = doc.tokens.capacity();
  ASSERT_TRUE(SplitText("Six.", {}, &doc).ok());
  EXPECT_EQ(doc.tokens.size(), 2u);
  EXPECT_EQ(doc.sentences.size(), 1u);
  EXPECT_GE(doc.tokens.capacity(), cap);
}

// ---------------------------------------------------------------------------
// Properties on the Reuters corpus and generated strings.

TEST(SplitTextPropertyTest, ReutersCorpus) {
  std::ifstream in(DYAD_SHARED_DIR "/data/corpus/reuters21578.jsonl");
  ASSERT_TRUE(in) << "missing " DYAD_SHARED_DIR "/data/corpus/reuters21578.jsonl";
  std::string line;
  Document doc;
  int n = 0;
  std::size_t sentences = 0;
  while (n < 500 && std::getline(in, line)) {
    ++n;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << "line " << n;
    if (!j.contains("text") || !j["text"].is_string()) continue;
    const std::string text = j["text"].get<std::string>();
    ASSERT_TRUE(SplitText(text, {}, &doc).ok());
    CheckInvariants(doc, text, "reuters line " + std::to_string(n));
    sentences += doc.sentences.size();
    for (const Sentence& s : doc.sentences) {
      // No sentence begins with a lower-case word right after ". " of an abbreviation.
      ASSERT_GT(s.token_count, 0u);
    }
  }
  EXPECT_EQ(n, 500);
  EXPECT_GT(sentences, 2000u);
}

TEST(SplitTextPropertyTest, GeneratedStrings) {
  const std::vector<std::string> pieces = {"a",
                                           "B",
                                           "U.S.",
                                           ".",
                                           "?",
                                           "!",
                                           "\"",
                                           "'",
                                           "\xE2\x80\x9D",
                                           "\xE2\x80\x99",
                                           "-",
                                           " ",
                                           "\n",
                                           "\n\n",
                                           "  ",
                                           "3",
                                           ",",
                                           "5.",
                                           "Mr.",
                                           "\xC3\xA9",
                                           "\xFF",
                                           "\xE2\x80",
                                           "(",
                                           ")",
                                           "...",
                                           "\t",
                                           "s",
                                           "n't",
                                           "The",
                                           "Inc.",
                                           "\xF0\x9F\x98\x80",
                                           "\xCC\x81",
                                           "$"};
  std::mt19937 rng(12345);
  Document doc;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string body;
    const int len = static_cast<int>(rng() % 60);
    for (int i = 0; i < len; ++i) body += pieces[rng() % pieces.size()];
    TextOptions options;
    options.max_tokens_per_sentence = 1 + rng() % 8;
    ASSERT_TRUE(SplitText(body, options, &doc).ok());
    CheckInvariants(doc, body, "generated " + std::to_string(iter));
    for (const Sentence& s : doc.sentences)
      ASSERT_LE(s.token_count, options.max_tokens_per_sentence);
  }
  // Random bytes.
  for (int iter = 0; iter < 2000; ++iter) {
    std::string body(rng() % 80, '\0');
    for (char& c : body) c = static_cast<char>(rng());
    ASSERT_TRUE(SplitText(body, {}, &doc).ok());
    CheckInvariants(doc, body, "bytes " + std::to_string(iter));
  }
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

// A table laid out with runs of spaces (Reuters' price tables) is no prose.
TEST(SplitTextTest, TableRowsAreMarked) {
  const std::string body =
      "The department reported prices as follows -\n"
      "         Natl   Loan           Release   Call\n"
      " Wheat   2.55   2.40       IV     4.65     --\n"
      "    Police said the   army attacked the town.\n";
  Document doc;
  ASSERT_TRUE(SplitText(body, {}, &doc).ok());
  std::vector<bool> rows;
  for (const Sentence& s : doc.sentences) rows.push_back(s.table_row);
  ASSERT_GE(rows.size(), 3u);
  EXPECT_FALSE(rows.front());  // prose
  EXPECT_FALSE(rows.back());   // one wide gap is a typo, not a table
  int marked = 0;
  for (bool r : rows) marked += r;
  EXPECT_GE(marked, 1);
}

}  // namespace
}  // namespace dyad
