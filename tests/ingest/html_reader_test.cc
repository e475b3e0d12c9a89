// Copyright dyad authors. HTML extraction.
#include "ingest_test_util.h"

namespace dyad {
namespace {

using testing::ReadBuffer;

constexpr const char* kPage = R"(<!DOCTYPE html>
<html><head>
<title>Talks resume | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="og:url" content="https://www.example.com/world/talks">
<meta property="article:published_time" content="2025-05-06T10:00:00Z">
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"NewsArticle","headline":"Arnor and Gondor resume talks",
 "datePublished":"2025-05-07T08:00:00+02:00","publisher":{"@type":"Organization","name":"Example Wire"}}
</script>
<style>p { color: red }</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<div class="share-bar">Share Facebook Twitter</div>
<main>
<article>
<h1>Arnor and Gondor resume talks</h1>
<p>Arnor and Gondor resumed peace talks on Tuesday, officials in both capitals said, after a
   pause of three months.</p>
<div class="ad-slot">Buy shoes now, 50% off, limited offer for readers.</div>
<p>The delegations met in Minas Tirith and agreed to exchange prisoners, according to a joint
   statement released late in the evening.</p>
<aside>Related: other talks that went nowhere in the region this year.</aside>
<p>If you buy something through a link in this article, we may earn commission.</p>
<script>var x = "<p>not text</p>";</script>
<p><a href="/more">Read the full statement here and more on the topic</a></p>
</article>
</main>
<footer>Copyright 2025 Example News. All rights reserved.</footer>
</body></html>)";

TEST(HtmlReader, ExtractsArticleBodyAndMetadata) {
  auto r = ReadBuffer(kPage, Format::kHtml, {}, "page.html");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Arnor and Gondor resume talks");
  EXPECT_EQ(a.date, "2025-05-07");  // JSON-LD datePublished wins
  EXPECT_EQ(a.source, "Example News");
  EXPECT_EQ(a.url, "https://www.example.com/world/talks");
  EXPECT_EQ(a.body,
            "Arnor and Gondor resumed peace talks on Tuesday, officials in both capitals said, "
            "after a pause of three months.\n\nThe delegations met in Minas Tirith and agreed "
            "to exchange prisoners, according to a joint statement released late in the "
            "evening.");
  ASSERT_EQ(a.boilerplate_removed.size(), 1u);
  EXPECT_EQ(a.boilerplate_removed[0],
            "If you buy something through a link in this article, we may earn commission.");
  EXPECT_EQ(a.content_hash, Sha256Hex(a.body));
}

TEST(HtmlReader, DensityPicksTheTextContainer) {
  std::string html =
      "<html><head><title>T</title></head><body>"
      "<div id='menu'><p><a href='/a'>Link one</a></p><p><a href='/b'>Link two</a></p></div>"
      "<div class='content'><p>First paragraph of the story with enough words in it to count "
      "as text.</p><p>Second paragraph of the story, also long enough to count here.</p></div>"
      "<div class='misc'><p>Short.</p></div></body></html>";
  auto r = ReadBuffer(html, Format::kHtml);
  ASSERT_EQ(r.articles.size(), 1u) << r.status.ToString();
  EXPECT_EQ(r.articles[0].body,
            "First paragraph of the story with enough words in it to count as text.\n\n"
            "Second paragraph of the story, also long enough to count here.");
  EXPECT_EQ(r.articles[0].title, "T");
  EXPECT_TRUE(r.articles[0].date.empty());
}

TEST(HtmlReader, MetaAndTimeDates) {
  std::string html =
      "<html><head><meta name='pubdate' content='20240102'><link rel='canonical' "
      "href='https://news.example.org/a'></head><body><p>Body text long enough to be a "
      "paragraph of the article.</p></body></html>";
  auto r = ReadBuffer(html, Format::kHtml);
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].date, "2024-01-02");
  EXPECT_EQ(r.articles[0].url, "https://news.example.org/a");
  EXPECT_EQ(r.articles[0].source, "news.example.org");
  std::string t =
      "<html><body><time datetime='2023-11-30T12:00'>Nov 30</time><p>Another body text long "
      "enough to be a paragraph.</p></body></html>";
  auto r2 = ReadBuffer(t, Format::kHtml);
  ASSERT_EQ(r2.articles.size(), 1u);
  EXPECT_EQ(r2.articles[0].date, "2023-11-30");
}

TEST(HtmlReader, Latin1MetaCharset) {
  std::string html =
      "<html><head><meta charset='iso-8859-1'></head><body><p>Le caf\xE9 de la r\xE9publique a "
      "rouvert ses portes lundi.</p></body></html>";
  auto r = ReadBuffer(html, Format::kHtml);
  ASSERT_EQ(r.articles.size(), 1u) << r.status.ToString();
  EXPECT_NE(r.articles[0].body.find("caf\xC3\xA9"), std::string::npos);
}

TEST(HtmlReader, HundredThousandDeepIsRejectedNotCrashing) {
  std::string html = "<html><body>";
  for (int i = 0; i < 100000; ++i) html += "<div>";
  html += "deep text";
  auto r = ReadBuffer(html, Format::kHtml, {}, "deep.html");
  EXPECT_EQ(r.status.code(), ErrorCode::kLimitExceeded);
  EXPECT_NE(r.status.message().find("deep.html: HTML nested"), std::string::npos);
  std::string spans = "<p>";
  for (int i = 0; i < 100000; ++i) spans += "<span><b>";
  auto r2 = ReadBuffer(spans, Format::kHtml, {}, "deep2.html");
  EXPECT_EQ(r2.status.code(), ErrorCode::kLimitExceeded);
}

TEST(HtmlReader, DeeperThanWalkLimitWarnsAndKeepsShallowText) {
  ReadOptions o;
  o.max_html_depth = 20;
  std::string html = "<html><body><p>Shallow paragraph text that is long enough to count.</p>";
  for (int i = 0; i < 30; ++i) html += "<div>";
  html += "<p>Deep paragraph text.</p>";
  for (int i = 0; i < 30; ++i) html += "</div>";
  html += "</body></html>";
  auto r = ReadBuffer(html, Format::kHtml, o, "d.html");
  ASSERT_EQ(r.articles.size(), 1u) << r.status.ToString();
  EXPECT_EQ(r.articles[0].body, "Shallow paragraph text that is long enough to count.");
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings[0].find("max_html_depth (20)"), std::string::npos);
}

TEST(HtmlReader, ManyUnclosedParagraphsAreNotDeep) {
  std::string html = "<html><body>";
  for (int i = 0; i < 3000; ++i) html += "<p>Paragraph number " + std::to_string(i) + " here.";
  auto r = ReadBuffer(html, Format::kHtml);
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
}

TEST(HtmlReader, NoTextIsAnError) {
  auto r =
      ReadBuffer("<html><body><script>x()</script></body></html>", Format::kHtml, {}, "e.html");
  EXPECT_EQ(r.status.code(), ErrorCode::kParseError);
  EXPECT_NE(r.status.message().find("e.html"), std::string::npos);
}

}  // namespace
}  // namespace dyad

namespace dyad {
namespace {

// A class naming furniture ("header", "sidebar", "share") is only evidence: a
// wrapper holding most of the paragraphs keeps them; small marked boxes
// (share bar, comments) are still dropped.
TEST(HtmlReader, MarkedWrapperHoldingTheArticleIsKept) {
  std::string html =
      "<html><body><div class=\"page has-sidebar header-offset\"><div class=\"story\">"
      "<p>The first paragraph of the article is long enough to count as text.</p>"
      "<p>The second paragraph of the article carries on with more of the story.</p>"
      "<p>The third paragraph of the article ends it with a quote from an official.</p>"
      "</div><div class=\"share-bar\"><p>Share this story with your friends today please.</p>"
      "</div><div class=\"comments\"><p>A reader wrote a comment that is not the article.</p>"
      "</div></div></body></html>";
  auto r = testing::ReadBuffer(html, Format::kHtml, {}, "w.html");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  const std::string& body = r.articles[0].body;
  EXPECT_NE(body.find("first paragraph"), std::string::npos) << body;
  EXPECT_NE(body.find("third paragraph"), std::string::npos) << body;
  EXPECT_EQ(body.find("Share this story"), std::string::npos) << body;
  EXPECT_EQ(body.find("A reader wrote"), std::string::npos) << body;
}

// ASP.NET pages wrap the whole page in one <form>: still read, while a small
// sign-up form is not.
TEST(HtmlReader, PageWrappedInAFormIsRead) {
  std::string paragraphs;
  for (int i = 0; i < 12; ++i) {
    paragraphs += "<p>Paragraph " + std::to_string(i) +
                  " of the article says what happened and who said so, at some length.</p>";
  }
  std::string html = "<html><body><form id=\"aspnetForm\"><div><article>" + paragraphs +
                     "</article><div><form><p>Sign up to our letters with your e-mail address "
                     "here.</p><input type=\"email\"></form></div></div></form></body></html>";
  auto r = testing::ReadBuffer(html, Format::kHtml, {}, "f.html");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_NE(r.articles[0].body.find("Paragraph 11 of the article"), std::string::npos);
  EXPECT_EQ(r.articles[0].body.find("Sign up"), std::string::npos) << r.articles[0].body;
}

// Blogger and older templates write a post as runs of text between <br>s in
// <div>s and <span>s, with no <p>, inside a "widget Blog" wrapper (a class
// naming furniture) beside sidebars and footers holding more text than the
// post: the post body is still found.
TEST(HtmlReader, PostWithoutParagraphElementsInAWidgetIsRead) {
  std::string links;
  for (int i = 0; i < 12; ++i) {
    links += "<li><a href=\"/p" + std::to_string(i) + "\">Popular post number " +
             std::to_string(i) + " that readers liked a lot this week</a></li>";
  }
  std::string html =
      "<html><body><div id=\"main-wrapper\"><div class=\"widget Blog\" id=\"Blog1\">"
      "<div class=\"blog-post hentry\"><div class=\"post-meta\">June 5, 2018</div>"
      "<div class=\"post-body post-content\"><div><span>Veteran actress Kate Henshaw shared "
      "new photos of herself on Monday, to the delight of her fans.</span><br></div>"
      "<span>She was one of the guests invited to an event in Lagos, where she spoke about "
      "her next film.</span><br><br>The 47-year-old won the Africa Movie Academy Award for "
      "Best Actress in 2008.<br></div></div></div></div>"
      "<div id=\"sidebar-wrapper\"><div class=\"widget PopularPosts\"><ul>" +
      links + "</ul></div></div><div id=\"footer-wrapper\"><div class=\"widget\"><ul>" + links +
      "</ul></div></div></body></html>";
  auto r = testing::ReadBuffer(html, Format::kHtml, {}, "b.html");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  const std::string& body = r.articles[0].body;
  EXPECT_NE(body.find("Veteran actress Kate Henshaw"), std::string::npos) << body;
  EXPECT_NE(body.find("guests invited to an event"), std::string::npos) << body;
  EXPECT_NE(body.find("Best Actress in 2008."), std::string::npos) << body;
  EXPECT_EQ(body.find("Popular post"), std::string::npos) << body;
}

// A page whose only text is in <div>s (no paragraph elements, no marker)
// gives its densest block, not nothing.
TEST(HtmlReader, TextInDivsOnlyGivesTheDensestBlock) {
  std::string html =
      "<html><body><div class=\"menu\"><a href=\"/\">Home</a> <a href=\"/n\">News</a></div>"
      "<table><tr><td>The council approved the new budget on Tuesday after a long debate.<br>"
      "Members voted eleven to four in favour of the plan.<br>The mayor said the vote was a "
      "relief for the city's schools.</td></tr></table></body></html>";
  auto r = testing::ReadBuffer(html, Format::kHtml, {}, "t.html");
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.articles.size(), 1u);
  const std::string& body = r.articles[0].body;
  EXPECT_NE(body.find("approved the new budget"), std::string::npos) << body;
  EXPECT_NE(body.find("relief for the city's schools"), std::string::npos) << body;
  EXPECT_EQ(body.find("Home"), std::string::npos) << body;
}

}  // namespace
}  // namespace dyad
