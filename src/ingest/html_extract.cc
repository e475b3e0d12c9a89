// Copyright dyad authors.
//
// Extraction in three passes over the gumbo tree, all iterative and bounded by
// max_html_depth: (1) metadata (<title>, <meta>, <link rel=canonical>,
// <time datetime>, JSON-LD); (2) a flat pre-order list of body elements with
// text, link-text and paragraph scores, boilerplate subtrees marked skipped;
// (3) text of the chosen container, block by block.
#include "ingest/html_extract.h"

#include <gumbo.h>
#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <unordered_set>
#include <vector>

#include "ingest/boilerplate.h"
#include "ingest/date.h"
#include "ingest/encoding.h"
#include "ingest/util.h"

namespace dyad::ingest {
namespace {

const char* Attr(const GumboElement& el, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
  return a ? a->value : nullptr;
}

std::string_view AttrView(const GumboElement& el, const char* name) {
  const char* v = Attr(el, name);
  return v ? std::string_view(v) : std::string_view();
}

bool IsVoidTag(std::string_view t) {
  static constexpr std::string_view kVoid[] = {
      "area",     "base",    "br",    "col",    "embed",   "hr",     "img",    "input",
      "link",     "meta",    "param", "source", "track",   "wbr",    "keygen", "command",
      "basefont", "bgsound", "frame", "image",  "isindex", "nextid", "spacer", "!doctype"};
  for (std::string_view v : kVoid) {
    if (t == v) return true;
  }
  return false;
}

bool IsImplicitlyClosed(std::string_view t) {
  static constexpr std::string_view kImplicit[] = {
      "p",     "li", "dt", "dd", "option", "optgroup", "tr",      "td",   "th",   "tbody", "thead",
      "tfoot", "rb", "rt", "rp", "rtc",    "colgroup", "caption", "html", "head", "body"};
  for (std::string_view v : kImplicit) {
    if (t == v) return true;
  }
  return false;
}

// Element kinds that never hold article text.
bool IsSkippedTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_LABEL:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_NOEMBED:
      return true;
    default:
      return false;
  }
}

bool IsBlockTag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_CAPTION:
      return true;
    default:
      return false;
  }
}

// class / id tokens that mark boilerplate containers.
bool IsBoilerplateToken(std::string_view w) {
  static constexpr std::string_view kTokens[] = {"share",
                                                 "sharing",
                                                 "sharebar",
                                                 "social",
                                                 "socials",
                                                 "related",
                                                 "newsletter",
                                                 "newsletters",
                                                 "subscribe",
                                                 "subscription",
                                                 "affiliate",
                                                 "affiliates",
                                                 "ad",
                                                 "ads",
                                                 "advert",
                                                 "adverts",
                                                 "advertisement",
                                                 "advertising",
                                                 "adslot",
                                                 "adunit",
                                                 "dfp",
                                                 "promo",
                                                 "promoted",
                                                 "sponsor",
                                                 "sponsored",
                                                 "comments",
                                                 "comment",
                                                 "cookie",
                                                 "cookies",
                                                 "consent",
                                                 "breadcrumb",
                                                 "breadcrumbs",
                                                 "sidebar",
                                                 "nav",
                                                 "navbar",
                                                 "navigation",
                                                 "menu",
                                                 "footer",
                                                 "header",
                                                 "masthead",
                                                 "popup",
                                                 "modal",
                                                 "banner",
                                                 "outbrain",
                                                 "taboola",
                                                 "recirc",
                                                 "recirculation",
                                                 "recommended",
                                                 "recommendations",
                                                 "trending",
                                                 "signup",
                                                 "paywall",
                                                 "hidden",
                                                 "toolbar",
                                                 "widget",
                                                 "byline",
                                                 "disclaimer",
                                                 "disclosure"};
  for (std::string_view t : kTokens) {
    if (IEquals(w, t)) return true;
  }
  return false;
}

bool HasBoilerplateClass(std::string_view v) {
  std::size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && (IsAsciiSpace(v[i]) || v[i] == '-' || v[i] == '_')) ++i;
    std::size_t b = i;
    while (i < v.size() && !IsAsciiSpace(v[i]) && v[i] != '-' && v[i] != '_') ++i;
    if (i > b && IsBoilerplateToken(v.substr(b, i - b))) return true;
  }
  return false;
}

// Class names that publishing systems give the element holding a post's
// text: hAtom's entry-content, Blogger's post-body, WordPress themes'
// post-content / entry-content, and the common article-body / story-body.
bool HasArticleBodyClass(std::string_view v) {
  static constexpr std::string_view kClasses[] = {"entry-content",   "post-body",    "post-content",
                                                  "article-body",    "articlebody",  "story-body",
                                                  "article-content", "article__body"};
  std::size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && IsAsciiSpace(v[i])) ++i;
    const std::size_t b = i;
    while (i < v.size() && !IsAsciiSpace(v[i])) ++i;
    for (std::string_view c : kClasses) {
      if (i > b && IEquals(v.substr(b, i - b), c)) return true;
    }
  }
  return false;
}

bool IsArticleBodyMarker(const GumboElement& el) {
  std::string_view ip = AttrView(el, "itemprop");
  return IEquals(ip, "articleBody") || HasArticleBodyClass(AttrView(el, "class"));
}

// Not shown to a reader: the hidden attribute, aria-hidden, display:none.
bool IsHidden(const GumboElement& el) {
  if (Attr(el, "hidden")) return true;
  if (IEquals(AttrView(el, "aria-hidden"), "true")) return true;
  std::string style = AsciiLower(AttrView(el, "style"));
  style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
  return style.find("display:none") != std::string::npos ||
         style.find("visibility:hidden") != std::string::npos;
}

// Marked as page furniture by its role, class or id (navigation, share bars,
// comments, ads...). Only evidence: a marked element holding most of the page's
// paragraph text is kept (a wrapper named "has-sidebar" around the article).
bool IsBoilerplateMarked(const GumboElement& el) {
  // A form is mostly a search box or a sign-up; some sites wrap the whole page in one.
  if (el.tag == GUMBO_TAG_FORM) return true;
  if (el.tag == GUMBO_TAG_BODY || el.tag == GUMBO_TAG_HTML || el.tag == GUMBO_TAG_ARTICLE ||
      el.tag == GUMBO_TAG_MAIN || IsArticleBodyMarker(el))
    return false;
  if (IEquals(AttrView(el, "role"), "navigation") || IEquals(AttrView(el, "role"), "banner") ||
      IEquals(AttrView(el, "role"), "complementary") ||
      IEquals(AttrView(el, "role"), "contentinfo"))
    return true;
  return HasBoilerplateClass(AttrView(el, "class")) || HasBoilerplateClass(AttrView(el, "id"));
}

// Iterative depth-first walk. enter(node, depth) returns whether to descend;
// leave(node) follows the children of a descended element.
template <typename Enter, typename Leave>
void Walk(GumboNode* root, int max_depth, bool* too_deep, Enter enter, Leave leave) {
  struct Frame {
    GumboNode* node;
    unsigned next;
  };
  std::vector<Frame> stack;
  if (!enter(root, 0)) return;
  stack.push_back({root, 0});
  while (!stack.empty()) {
    Frame& f = stack.back();
    GumboNode* n = f.node;
    const GumboVector* kids = n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE
                                  ? &n->v.element.children
                              : n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children
                                                               : nullptr;
    if (!kids || f.next >= kids->length) {
      leave(n);
      stack.pop_back();
      continue;
    }
    GumboNode* child = static_cast<GumboNode*>(kids->data[f.next++]);
    int depth = static_cast<int>(stack.size());
    if (depth > max_depth) {
      *too_deep = true;
      continue;
    }
    if (enter(child, depth) &&
        (child->type == GUMBO_NODE_ELEMENT || child->type == GUMBO_NODE_TEMPLATE)) {
      stack.push_back({child, 0});
    }
  }
}

std::string TextOf(GumboNode* node, int max_depth, bool* too_deep) {
  std::string out;
  Walk(
      node, max_depth, too_deep,
      [&](GumboNode* n, int depth) {
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
            n->type == GUMBO_NODE_WHITESPACE) {
          AppendCollapsed(n->v.text.text, &out);
          return false;
        }
        return n->type == GUMBO_NODE_ELEMENT && (depth == 0 || !IsSkippedTag(n->v.element.tag));
      },
      [](GumboNode*) {});
  return std::string(Trim(out));
}

struct Meta {
  std::string title, og_title, h1, ld_headline;
  std::string date_ld, date_meta, date_time;
  std::string site_name, ld_publisher;
  std::string og_url, canonical, ld_url;
};

std::string_view JsonString(simdjson::dom::element e) {
  std::string_view s;
  if (e.get_string().get(s) == simdjson::SUCCESS) return s;
  return {};
}

bool IsArticleType(simdjson::dom::element obj) {
  static constexpr std::string_view kTypes[] = {
      "NewsArticle",           "Article",         "ReportageNewsArticle",
      "AnalysisNewsArticle",   "BlogPosting",     "OpinionNewsArticle",
      "BackgroundNewsArticle", "LiveBlogPosting", "Report"};
  simdjson::dom::element t;
  if (obj["@type"].get(t) != simdjson::SUCCESS) return false;
  auto match = [&](std::string_view s) {
    for (std::string_view k : kTypes) {
      if (s == k) return true;
    }
    return false;
  };
  if (t.is_string()) return match(JsonString(t));
  simdjson::dom::array arr;
  if (t.get_array().get(arr) == simdjson::SUCCESS) {
    for (simdjson::dom::element x : arr) {
      if (match(JsonString(x))) return true;
    }
  }
  return false;
}

void TakeLdArticle(simdjson::dom::element obj, Meta* m) {
  simdjson::dom::element v;
  if (m->ld_headline.empty() && obj["headline"].get(v) == simdjson::SUCCESS) {
    m->ld_headline = std::string(Trim(JsonString(v)));
  }
  if (m->date_ld.empty() && obj["datePublished"].get(v) == simdjson::SUCCESS) {
    m->date_ld = NormalizeDate(JsonString(v));
  }
  if (m->ld_url.empty() && obj["url"].get(v) == simdjson::SUCCESS) {
    m->ld_url = std::string(JsonString(v));
  }
  if (m->ld_publisher.empty() && obj["publisher"].get(v) == simdjson::SUCCESS) {
    simdjson::dom::element pub = v;
    simdjson::dom::array arr;
    if (v.get_array().get(arr) == simdjson::SUCCESS) {
      for (simdjson::dom::element x : arr) {
        pub = x;
        break;
      }
    }
    simdjson::dom::element name;
    if (pub["name"].get(name) == simdjson::SUCCESS) {
      m->ld_publisher = std::string(Trim(JsonString(name)));
    } else if (pub.is_string()) {
      m->ld_publisher = std::string(Trim(JsonString(pub)));
    }
  }
}

// Looks for article objects in a JSON-LD value: the value itself, arrays of
// values and "@graph" members, at most a few levels deep.
void ScanLd(simdjson::dom::element e, int depth, Meta* m) {
  if (depth > 4) return;
  simdjson::dom::array arr;
  if (e.get_array().get(arr) == simdjson::SUCCESS) {
    for (simdjson::dom::element x : arr) ScanLd(x, depth + 1, m);
    return;
  }
  simdjson::dom::object obj;
  if (e.get_object().get(obj) != simdjson::SUCCESS) return;
  if (IsArticleType(e)) TakeLdArticle(e, m);
  simdjson::dom::element g;
  if (e["@graph"].get(g) == simdjson::SUCCESS) ScanLd(g, depth + 1, m);
  simdjson::dom::element main;
  if (e["mainEntity"].get(main) == simdjson::SUCCESS) ScanLd(main, depth + 1, m);
}

void ParseJsonLd(std::string_view text, simdjson::dom::parser* parser, Meta* m) {
  simdjson::padded_string padded(text);
  simdjson::dom::element doc;
  if (parser->parse(padded).get(doc) != simdjson::SUCCESS) return;  // bad JSON-LD: ignore
  ScanLd(doc, 0, m);
}

void CollectMeta(GumboNode* root, int max_depth, bool* too_deep, Meta* m) {
  simdjson::dom::parser parser;
  Walk(
      root, max_depth, too_deep,
      [&](GumboNode* n, int) {
        if (n->type != GUMBO_NODE_ELEMENT) return false;
        const GumboElement& el = n->v.element;
        switch (el.tag) {
          case GUMBO_TAG_TITLE:
            if (m->title.empty()) m->title = TextOf(n, max_depth, too_deep);
            return false;
          case GUMBO_TAG_H1:
            if (m->h1.empty()) m->h1 = TextOf(n, max_depth, too_deep);
            return false;
          case GUMBO_TAG_META: {
            std::string key = AsciiLower(Attr(el, "property")   ? AttrView(el, "property")
                                         : Attr(el, "name")     ? AttrView(el, "name")
                                         : Attr(el, "itemprop") ? AttrView(el, "itemprop")
                                                                : std::string_view());
            std::string_view content = Trim(AttrView(el, "content"));
            if (content.empty() && Attr(el, "datetime")) content = AttrView(el, "datetime");
            if (key.empty() || content.empty()) return false;
            if (key == "og:title" || key == "twitter:title") {
              if (m->og_title.empty()) m->og_title = std::string(content);
            } else if (key == "og:site_name") {
              if (m->site_name.empty()) m->site_name = std::string(content);
            } else if (key == "og:url") {
              if (m->og_url.empty()) m->og_url = std::string(content);
            } else if (key == "article:published_time" || key == "og:published_time" ||
                       key == "og:article:published_time" || key == "datepublished" ||
                       key == "date" || key == "pubdate" || key == "publishdate" ||
                       key == "publish-date" || key == "publish_date" ||
                       key == "publication_date" || key == "dc.date" || key == "dc.date.issued" ||
                       key == "dcterms.date" || key == "dcterms.created" ||
                       key == "sailthru.date" || key == "parsely-pub-date" ||
                       key == "article.published" || key == "original-publish-date") {
              if (m->date_meta.empty()) m->date_meta = NormalizeDate(content);
            }
            return false;
          }
          case GUMBO_TAG_LINK:
            if (m->canonical.empty() && IEquals(AttrView(el, "rel"), "canonical")) {
              m->canonical = std::string(Trim(AttrView(el, "href")));
            }
            return false;
          case GUMBO_TAG_TIME:
            if (m->date_time.empty() && Attr(el, "datetime")) {
              m->date_time = NormalizeDate(AttrView(el, "datetime"));
            }
            return true;
          case GUMBO_TAG_SCRIPT:
            if (IStartsWith(Trim(AttrView(el, "type")), "application/ld+json")) {
              std::string text;
              for (unsigned i = 0; i < el.children.length; ++i) {
                GumboNode* c = static_cast<GumboNode*>(el.children.data[i]);
                if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE ||
                    c->type == GUMBO_NODE_CDATA)
                  text += c->v.text.text;
              }
              ParseJsonLd(text, &parser, m);
            }
            return false;
          case GUMBO_TAG_STYLE:
          case GUMBO_TAG_SVG:
            return false;
          default:
            return true;
        }
      },
      [](GumboNode*) {});
}

// One element of the body, in pre-order.
struct Node {
  GumboNode* node;
  int parent;
  std::size_t text = 0;       // bytes of text in the subtree (not skipped)
  std::size_t link_text = 0;  // of which inside <a>
  std::size_t p_text = 0;     // of which inside <p>
  std::size_t own_text = 0;   // text whose innermost block element is this one
  std::size_t own_link = 0;   // of which inside <a>
  double score = 0;           // paragraph score credited by children
  bool marked = false;        // IsBoilerplateMarked
  bool holds_body = false;    // is or contains an article body marker
  bool dropped = false;       // left out: marked and not holding the article
};

// Drops the marked elements (and everything under them) -- with
// `keep_holders`, only those that do not hold most of the page's paragraph
// text -- taking their text out of their ancestors' counts. Returns the dropped
// elements whose parent is kept.
// On a page without paragraph elements (text in <div>s and <br>s), holding
// "most of the page" is measured in all text instead of paragraph text.
std::unordered_set<GumboNode*> DropMarkedNodes(std::vector<Node>& nodes, bool keep_holders) {
  std::unordered_set<GumboNode*> top;
  if (nodes.empty()) return top;
  const bool by_text = nodes[0].p_text == 0;
  auto held = [&](const Node& n) { return by_text ? n.text : n.p_text; };
  const std::size_t page_p = keep_holders ? held(nodes[0]) : 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    Node& n = nodes[i];
    if (n.parent >= 0 && nodes[n.parent].dropped) {
      n.dropped = true;
      continue;
    }
    // A container of the article body is not furniture, whatever its class
    // says (Blogger wraps the post in a "widget Blog").
    if (!n.marked || n.holds_body || (page_p > 0 && held(n) * 2 >= page_p)) continue;
    n.dropped = true;
    top.insert(n.node);
    const Node cut = n;
    for (int a = n.parent; a >= 0; a = nodes[a].parent) {
      nodes[a].text -= std::min(nodes[a].text, cut.text);
      nodes[a].link_text -= std::min(nodes[a].link_text, cut.link_text);
      nodes[a].p_text -= std::min(nodes[a].p_text, cut.p_text);
    }
  }
  return top;
}

// With `text_blocks` (a page whose text is not in paragraph elements: runs of
// text between <br>s in <div>s, as Blogger and old templates write it) any
// block element's own text counts as a paragraph.
int ChooseContainer(const std::vector<Node>& nodes, bool text_blocks = false) {
  // Credit each paragraph's text to its parent and, halved, its grandparent.
  std::vector<double> score(nodes.size(), 0.0);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = nodes[i];
    if (n.dropped) continue;
    GumboTag t = n.node->v.element.tag;
    const bool paragraph = t == GUMBO_TAG_P || t == GUMBO_TAG_PRE || t == GUMBO_TAG_BLOCKQUOTE;
    if (!paragraph && !(text_blocks && IsBlockTag(t))) continue;
    double s = paragraph ? static_cast<double>(n.text - std::min(n.text, n.link_text))
                         : static_cast<double>(n.own_text - std::min(n.own_text, n.own_link));
    if (s < 20) continue;
    if (n.parent >= 0) {
      score[n.parent] += s;
      if (nodes[n.parent].parent >= 0) score[nodes[n.parent].parent] += s / 2;
    }
  }
  int best = -1;
  double best_score = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (score[i] <= 0) continue;
    double ld = nodes[i].text ? static_cast<double>(nodes[i].link_text) / nodes[i].text : 0;
    double s = score[i] * (1 - ld);
    if (s > best_score) best_score = s, best = static_cast<int>(i);
  }
  // Prefer itemprop=articleBody, then <article>, then <main> when it holds a
  // good share of the paragraph text.
  std::size_t best_p = best >= 0 ? nodes[best].p_text : 0;
  for (int pass = 0; pass < 3; ++pass) {
    int pick = -1;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      const GumboElement& el = nodes[i].node->v.element;
      bool hit = pass == 0   ? IsArticleBodyMarker(el)
                 : pass == 1 ? el.tag == GUMBO_TAG_ARTICLE
                             : el.tag == GUMBO_TAG_MAIN;
      if (!hit || nodes[i].p_text == 0 || nodes[i].dropped) continue;
      if (pick < 0 || nodes[i].p_text > nodes[pick].p_text) pick = static_cast<int>(i);
    }
    if (pick >= 0 && nodes[pick].p_text * 10 >= best_p * 6) return pick;
  }
  return best;
}

// Paragraph bytes below which a container is not taken for an article.
constexpr std::size_t kMinArticleText = 1500;

struct Block {
  std::string text;
  std::size_t link = 0;
  GumboTag tag = GUMBO_TAG_DIV;
};

}  // namespace

int EstimateHtmlDepth(std::string_view h) {
  int depth = 0, max_depth = 0;
  std::size_t i = 0;
  while (i < h.size()) {
    std::size_t lt = h.find('<', i);
    if (lt == std::string_view::npos || lt + 1 >= h.size()) break;
    if (h.compare(lt, 4, "<!--") == 0) {
      std::size_t e = h.find("-->", lt + 4);
      if (e == std::string_view::npos) break;
      i = e + 3;
      continue;
    }
    bool close = h[lt + 1] == '/';
    std::size_t b = lt + 1 + (close ? 1 : 0);
    std::size_t e = b;
    while (e < h.size() && (((h[e] | 32) >= 'a' && (h[e] | 32) <= 'z') ||
                            (h[e] >= '0' && h[e] <= '9') || h[e] == '-' || h[e] == ':'))
      ++e;
    if (e == b) {
      i = lt + 1;
      continue;
    }
    std::string name = AsciiLower(h.substr(b, std::min<std::size_t>(e - b, 16)));
    std::size_t gt = h.find('>', e);
    if (gt == std::string_view::npos) break;
    bool self_closing = h[gt - 1] == '/';
    i = gt + 1;
    if (close) {
      if (!IsVoidTag(name) && !IsImplicitlyClosed(name) && depth > 0) --depth;
      continue;
    }
    if (name == "script" || name == "style" || name == "textarea" || name == "title" ||
        name == "xmp" || name == "noscript") {
      std::string end = "</" + name;
      std::size_t k = i;
      for (;;) {
        k = h.find("</", k);
        if (k == std::string_view::npos || IStartsWith(h.substr(k), end)) break;
        k += 2;
      }
      if (k == std::string_view::npos) break;
      i = k;
      continue;
    }
    if (self_closing || IsVoidTag(name) || IsImplicitlyClosed(name)) continue;
    max_depth = std::max(max_depth, ++depth);
  }
  return max_depth;
}

std::string SniffMetaCharset(std::string_view html) {
  std::string head = AsciiLower(html.substr(0, 4096));
  std::size_t pos = 0;
  while ((pos = head.find("charset", pos)) != std::string::npos) {
    std::size_t p = pos + 7;
    pos = p;
    while (p < head.size() && head[p] == ' ') ++p;
    if (p >= head.size() || head[p] != '=') continue;
    ++p;
    while (p < head.size() && (head[p] == ' ' || head[p] == '"' || head[p] == '\'')) ++p;
    std::size_t b = p;
    while (p < head.size() && (isalnum(static_cast<unsigned char>(head[p])) || head[p] == '-' ||
                               head[p] == '_' || head[p] == ':' || head[p] == '.'))
      ++p;
    if (p > b) return head.substr(b, p - b);
  }
  return "";
}

std::string HostOfUrl(std::string_view url) {
  std::size_t s = url.find("://");
  if (s == std::string_view::npos) return "";
  std::string_view rest = url.substr(s + 3);
  std::size_t e = rest.find_first_of("/?#:");
  std::string host = AsciiLower(rest.substr(0, e));
  std::size_t at = host.find('@');
  if (at != std::string::npos) host = host.substr(at + 1);
  if (host.rfind("www.", 0) == 0) host = host.substr(4);
  return host;
}

Status ExtractHtmlArticle(std::string_view raw, std::string_view name,
                          std::string_view charset_hint, const ReadOptions& options,
                          const DiagnosticSink& warn, Article* out) {
  int max_depth = std::max(1, options.max_html_depth);
  int est = EstimateHtmlDepth(raw);
  if (est > 2 * max_depth) {
    return LimitExceeded(std::string(name) + ": HTML nested about " + std::to_string(est) +
                         " elements deep, more than twice max_html_depth (" +
                         std::to_string(max_depth) + "); not parsed");
  }
  std::string hint(charset_hint);
  if (hint.empty()) hint = SniffMetaCharset(raw);
  std::string html;
  DYAD_RETURN_IF_ERROR(DecodeText(raw, hint, name, &html));

  GumboOptions gopts = kGumboDefaultOptions;
  gopts.max_errors = 0;
  GumboOutput* g = gumbo_parse_with_options(&gopts, html.data(), html.size());
  if (!g) return Internal(std::string(name) + ": HTML parser failed");
  struct Free {
    GumboOptions* o;
    GumboOutput* g;
    ~Free() { gumbo_destroy_output(o, g); }
  } free_output{&gopts, g};

  bool too_deep = false;
  Meta meta;
  CollectMeta(g->root, max_depth, &too_deep, &meta);

  // Pass 2: flat list of body elements.
  std::vector<Node> nodes;
  std::vector<int> open;  // indices of entered elements, innermost last
  std::vector<char> skipped;
  int link_depth = 0, p_depth = 0;
  GumboNode* body = nullptr;
  Walk(
      g->root, max_depth, &too_deep,
      [&](GumboNode* n, int) {
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
          std::size_t len = std::strlen(n->v.text.text);
          for (int k : open) {
            nodes[k].text += len;
            if (link_depth) nodes[k].link_text += len;
            if (p_depth) nodes[k].p_text += len;
          }
          for (auto k = open.rbegin(); k != open.rend(); ++k) {
            if (!IsBlockTag(nodes[*k].node->v.element.tag)) continue;
            nodes[*k].own_text += len;
            if (link_depth) nodes[*k].own_link += len;
            break;
          }
          return false;
        }
        if (n->type != GUMBO_NODE_ELEMENT) return false;
        const GumboElement& el = n->v.element;
        if (el.tag == GUMBO_TAG_BODY && !body) body = n;
        if (el.tag == GUMBO_TAG_HTML) return true;
        if (!body) return false;
        if (IsSkippedTag(el.tag) || IsHidden(el)) return false;
        int parent = open.empty() ? -1 : open.back();
        nodes.push_back(Node{n, parent});
        nodes.back().marked = IsBoilerplateMarked(el);
        open.push_back(static_cast<int>(nodes.size() - 1));
        if (el.tag == GUMBO_TAG_A) ++link_depth;
        if (el.tag == GUMBO_TAG_P) ++p_depth;
        return true;
      },
      [&](GumboNode* n) {
        if (n->type != GUMBO_NODE_ELEMENT || open.empty() || nodes[open.back()].node != n) return;
        if (n->v.element.tag == GUMBO_TAG_A) --link_depth;
        if (n->v.element.tag == GUMBO_TAG_P) --p_depth;
        open.pop_back();
      });
  // Note: "open" accumulation above is O(depth) per text node; depth is
  // bounded by max_html_depth.

  for (std::size_t i = nodes.size(); i-- > 0;) {
    Node& n = nodes[i];
    n.holds_body = n.holds_body || IsArticleBodyMarker(n.node->v.element);
    if (n.holds_body && n.parent >= 0) nodes[n.parent].holds_body = true;
  }

  if (too_deep && warn) {
    warn({std::string(name), "HTML nested deeper than max_html_depth (" +
                                 std::to_string(max_depth) + "); deeper content ignored"});
  }

  // Title, date, url, source.
  std::string title = !meta.ld_headline.empty() ? meta.ld_headline
                      : !meta.og_title.empty()  ? meta.og_title
                      : !meta.title.empty()     ? meta.title
                                                : meta.h1;
  out->title.clear();
  AppendCollapsed(title, &out->title);
  while (!out->title.empty() && out->title.back() == ' ') out->title.pop_back();
  std::string date = !meta.date_ld.empty()     ? meta.date_ld
                     : !meta.date_meta.empty() ? meta.date_meta
                                               : meta.date_time;
  if (!date.empty()) out->date = date;
  std::string url = !meta.og_url.empty()      ? meta.og_url
                    : !meta.canonical.empty() ? meta.canonical
                                              : meta.ld_url;
  if (!url.empty() && url.find("://") != std::string::npos) out->url = url;
  if (!meta.site_name.empty()) {
    out->source = meta.site_name;
  } else if (!meta.ld_publisher.empty()) {
    out->source = meta.ld_publisher;
  } else if (out->source.empty()) {
    out->source = HostOfUrl(out->url);
  }

  // Pass 3: text of the chosen container.
  out->body.clear();
  if (nodes.empty()) return ParseError(std::string(name) + ": no text in the HTML body");
  // Every marked element dropped first; when that leaves no article (a page
  // wrapped in an element whose class names furniture), the marked elements
  // holding most of the paragraphs are kept.
  std::vector<Node> relaxed = nodes;
  std::vector<Node> text_blocks = nodes;
  std::unordered_set<GumboNode*> dropped = DropMarkedNodes(nodes, false);
  int chosen = ChooseContainer(nodes);
  if (chosen < 0 || nodes[chosen].p_text < kMinArticleText) {
    std::unordered_set<GumboNode*> kept_dropped = DropMarkedNodes(relaxed, true);
    const int alt = ChooseContainer(relaxed);
    if (alt >= 0 && (chosen < 0 || relaxed[alt].p_text > nodes[chosen].p_text)) {
      nodes.swap(relaxed);
      dropped.swap(kept_dropped);
      chosen = alt;
    }
  }
  if (chosen < 0) {
    // No paragraph elements with text: the densest block of text runs
    // (Blogger's post-body, table-layout pages).
    std::unordered_set<GumboNode*> kept_dropped = DropMarkedNodes(text_blocks, true);
    const int alt = ChooseContainer(text_blocks, true);
    if (alt >= 0) {
      nodes.swap(text_blocks);
      dropped.swap(kept_dropped);
      chosen = alt;
    }
  }
  if (chosen < 0) chosen = 0;  // no text blocks: the whole body
  std::vector<Block> blocks(1);
  int links = 0, pre = 0;
  auto flush = [&](GumboTag tag) {
    Block& b = blocks.back();
    if (!Trim(b.text).empty()) {
      blocks.emplace_back();
    } else {
      b.text.clear();
      b.link = 0;
    }
    blocks.back().tag = tag;
  };
  Walk(
      nodes[chosen].node, max_depth, &too_deep,
      [&](GumboNode* n, int) {
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA ||
            n->type == GUMBO_NODE_WHITESPACE) {
          Block& b = blocks.back();
          std::size_t before = b.text.size();
          if (pre) {
            b.text += n->v.text.text;
          } else {
            AppendCollapsed(n->v.text.text, &b.text);
          }
          if (links) b.link += b.text.size() - before;
          return false;
        }
        if (n->type != GUMBO_NODE_ELEMENT) return false;
        const GumboElement& el = n->v.element;
        if (IsSkippedTag(el.tag) || IsHidden(el) || dropped.count(n)) return false;
        if (IsBlockTag(el.tag)) flush(el.tag);
        if (el.tag == GUMBO_TAG_A) ++links;
        if (el.tag == GUMBO_TAG_PRE) ++pre;
        return true;
      },
      [&](GumboNode* n) {
        const GumboElement& el = n->v.element;
        if (el.tag == GUMBO_TAG_A) --links;
        if (el.tag == GUMBO_TAG_PRE) --pre;
        if (IsBlockTag(el.tag)) flush(GUMBO_TAG_DIV);
      });
  for (Block& b : blocks) {
    std::string_view t = Trim(b.text);
    if (t.empty()) continue;
    // Link lists and "read more" links are navigation, not article text.
    if (b.link * 2 > t.size() && t.size() < 300) continue;
    if (b.tag == GUMBO_TAG_H1 && (out->title.empty() || t == out->title)) {
      if (out->title.empty()) out->title = std::string(t);
      continue;
    }
    if (options.remove_boilerplate && IsBoilerplate(t)) {
      out->boilerplate_removed.emplace_back(t);
      continue;
    }
    if (!out->body.empty()) out->body += "\n\n";
    if (b.tag == GUMBO_TAG_PRE) {
      std::string p(t);
      NormalizeNewlines(&p);
      out->body += p;
    } else {
      out->body += t;
    }
  }
  if (out->body.empty()) return ParseError(std::string(name) + ": no article text in the HTML");
  return Status::Ok();
}

}  // namespace dyad::ingest
