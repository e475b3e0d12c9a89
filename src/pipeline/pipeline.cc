#include "dyad/pipeline.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <unordered_map>

#include "common/actor_codes.h"
#include "dyad/codebook.h"
#include "dyad/coder.h"
#include "dyad/context.h"
#include "dyad/dict.h"
#include "dyad/lexicon.h"
#include "dyad/names.h"
#include "dyad/parser.h"
#include "dyad/tagger.h"
#include "pipeline/name_references.h"

namespace dyad {
namespace {

// The sector of a person no dictionary knows (a citizen, CAMEO CVL).
constexpr std::string_view kCitizenSector = "CVL";
// The sector of a person found guilty of a crime (CAMEO CRM).
constexpr std::string_view kCriminalSector = "CRM";

namespace fs = std::filesystem;

std::string DefaultDataDir() {
  if (const char* env = std::getenv("DYAD_DATA"); env && *env) return env;
  return DYAD_DATA_DIR;
}

// YYYY-MM-DD -> YYYYMMDD (0 when absent or malformed).
std::int32_t DateNumber(std::string_view iso) {
  if (iso.size() < 10) return 0;
  std::int32_t v = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    if (i == 4 || i == 7) {
      if (iso[i] != '-') return 0;
      continue;
    }
    if (iso[i] < '0' || iso[i] > '9') return 0;
    v = v * 10 + (iso[i] - '0');
  }
  return v;
}

struct Scratch {
  Document doc;
  std::vector<PosTag> tags;
  TaggerScratch tagger;
  // Dependency parse of the current sentence (parser on).
  ParserScratch parser;
  std::vector<std::string_view> words;
  std::vector<DepArc> arcs;
  std::vector<DepArc> doc_arcs;  // every sentence's arcs, for the context stage
  CoderScratchPtr coder = NewCoderScratch();
  SentenceCoding coding;
  NameScratch names;
  std::vector<NameMention> mentions;
  NameReferences references;       // persons and he/she for the coder
  std::vector<Span> person_names;  // for the context stage (PersonNameSpans)
};

// The spans of the persons' names whose entity is named somewhere with two
// words or more ("Sean Robertson" ... "Robertson"): a place name inside one is
// no place. A lone word ("Jordan") may be the name finder's mistake, so it
// keeps its place reading.
void PersonNameSpans(const std::vector<NameMention>& mentions, const NameReferences& references,
                     std::vector<Span>* out) {
  out->clear();
  for (const NameMention& m : mentions)
    if (m.type == EntityType::kPerson && references.NamedInFull(m.entity)) out->push_back(m.span);
}

std::uint64_t SpanKey(const Span& s) { return (std::uint64_t{s.begin} << 32) | s.end; }

// One id per real name across the dictionary's entities too: a dictionary
// entity over exactly the bytes of a name takes the name's id (`ids`, per name
// entity), and so do the dictionary entities that shared its old id ("Sean
// Robertson" ... "Robertson" coded by the dictionary, each with an id of its own).
void ShareNameIds(const std::vector<NameMention>& mentions, const std::vector<std::string>& ids,
                  std::size_t first_new, CodedArticle* coded) {
  std::unordered_map<std::uint64_t, std::size_t> by_span;
  for (std::size_t i = 0; i < first_new; ++i) by_span.emplace(SpanKey(coded->entities[i].span), i);
  std::unordered_map<std::string, std::string> renamed;
  for (const NameMention& m : mentions) {
    auto it = by_span.find(SpanKey(m.span));
    if (it == by_span.end()) continue;
    const std::string& old_id = coded->entities[it->second].id;
    if (old_id != ids[m.entity]) renamed.emplace(old_id, ids[m.entity]);
  }
  if (renamed.empty()) return;
  for (std::size_t i = 0; i < first_new; ++i) {
    auto it = renamed.find(coded->entities[i].id);
    if (it != renamed.end()) coded->entities[i].id = it->second;
  }
}

// Each event side's entity id: the entity over exactly the actor's words, else
// the last person or organisation named inside them ("Finance Minister Maria
// Lopez" -> the name's entity).
void LinkActorsToEntities(CodedArticle* coded) {
  std::unordered_map<std::uint64_t, const Entity*> by_span;
  std::vector<const Entity*> named;  // persons and organisations by start
  for (const Entity& e : coded->entities) {
    by_span.emplace(SpanKey(e.span), &e);
    if (e.type != EntityType::kPlace && !e.span.empty()) named.push_back(&e);
  }
  std::sort(named.begin(), named.end(),
            [](const Entity* a, const Entity* b) { return a->span.begin < b->span.begin; });
  for (Event& ev : coded->events) {
    for (std::optional<Actor>* side : {&ev.source, &ev.target}) {
      if (!side->has_value()) continue;
      Actor& a = side->value();
      if (auto it = by_span.find(SpanKey(a.span)); it != by_span.end()) {
        a.entity = it->second->id;
        continue;
      }
      auto it = std::lower_bound(
          named.begin(), named.end(), a.span.begin,
          [](const Entity* e, std::uint32_t begin) { return e->span.begin < begin; });
      for (; it != named.end() && (*it)->span.begin < a.span.end; ++it)
        if ((*it)->span.end <= a.span.end) a.entity = (*it)->id;
    }
  }
}

// Adds the name finder's mentions to coded->entities (after the dictionary
// entities, which stay as they are). A mention over the same bytes as a
// dictionary entity is not listed twice; its entity then takes that id, and a
// mention inside a dictionary entity takes its code.
void AddNameEntities(const Article& article, const std::vector<NameMention>& mentions,
                     CodedArticle* coded) {
  const std::size_t first_new = coded->entities.size();
  std::vector<std::string> ids;
  for (const NameMention& m : mentions) {
    if (m.entity >= ids.size()) ids.resize(m.entity + 1);
    for (std::size_t i = 0; i < first_new && ids[m.entity].empty(); ++i) {
      const Entity& d = coded->entities[i];
      if (d.span.begin == m.span.begin && d.span.end == m.span.end) ids[m.entity] = d.id;
    }
  }
  std::size_t next = first_new;
  for (std::string& id : ids) {
    if (!id.empty()) continue;
    char buf[24];  // (not "e" + to_string: GCC 12 warns -Wrestrict on that)
    std::snprintf(buf, sizeof buf, "e%zu", next++);
    id = buf;
  }
  ShareNameIds(mentions, ids, first_new, coded);
  for (const NameMention& m : mentions) {
    const Entity* dict = nullptr;
    bool same = false;
    for (std::size_t i = 0; i < first_new; ++i) {
      const Entity& d = coded->entities[i];
      if (d.span.begin <= m.span.begin && m.span.end <= d.span.end) {
        dict = &d;
        same = d.span.begin == m.span.begin && d.span.end == m.span.end;
        if (same) break;
      }
    }
    if (same) continue;
    Entity e;
    e.id = ids[m.entity];
    e.span = m.span;
    e.text = std::string(article.body.substr(m.span.begin, m.span.end - m.span.begin));
    e.type = m.type;
    e.named = true;
    if (m.title.end > m.title.begin)
      e.title = std::string(article.body.substr(m.title.begin, m.title.end - m.title.begin));
    if (dict) {
      e.code = dict->code;
      e.country = dict->country;
      e.sectors = dict->sectors;
    }
    coded->entities.push_back(std::move(e));
  }
}

// "Rwandan troops are spotted ... the troops are attacking": an actor with a
// sector and no country takes the country of the latest earlier mention in
// the article with the same sector (RWAMIL).
void GiveGenericActorsTheirEarlierCountry(const std::vector<Entity>& entities, Event* ev) {
  for (std::optional<Actor>* side : {&ev->source, &ev->target}) {
    Actor* a = side->has_value() ? &side->value() : nullptr;
    if (!a || !a->country.empty() || a->sectors.empty() || a->code.empty()) continue;
    const Entity* antecedent = nullptr;
    for (const Entity& e : entities) {
      if (e.span.begin >= a->span.begin || e.country.empty() || e.sectors.empty()) continue;
      if (e.sectors.front() == a->sectors.front()) antecedent = &e;
    }
    if (!antecedent) continue;
    a->code = antecedent->country + a->code;
    a->country = antecedent->country;
  }
}

// Gives `country` to each side of `ev` that has a sector and no country.
// Migrants and refugees (REF) are as often from elsewhere and keep none.
// With `not_facing`, a citizen does not take the country of a state on the
// other side ("Salemu accused Cameroon" says nothing of Salemu's).
void GiveGenericActorsCountry(const std::string& country, Event* ev, bool not_facing = false) {
  if (country.size() != 3) return;
  for (std::optional<Actor>* side : {&ev->source, &ev->target}) {
    Actor* a = side->has_value() ? &side->value() : nullptr;
    if (!a || !a->country.empty() || a->sectors.empty() || a->code.size() < 3) continue;
    if (!IsSectorCode(std::string_view(a->code).substr(0, 3))) continue;  // a code of its own
    if (a->code.starts_with("REF")) continue;
    const std::optional<Actor>& other = side == &ev->source ? ev->target : ev->source;
    if (not_facing && a->code == kCitizenSector && other && other->code == country) continue;
    a->code = country + a->code;
    a->country = country;
  }
}

// "Police arrested two men in Wichita": an actor with a sector and no country
// ("police" -> COP) takes the country of the place where its event happened
// (USACOP).
void GiveGenericActorsThePlaceCountry(Event* ev) {
  if (ev->location && ev->location->role == "location")
    GiveGenericActorsCountry(ev->location->place.country, ev);
}

// An actor of one of the sectors `own` with no country, in an event whose
// other side is of one of the sectors `facing` and has a state's country,
// takes that country.
void GiveTheCountryOfWhatItFaces(Event* ev, std::initializer_list<std::string_view> own,
                                 std::initializer_list<std::string_view> facing) {
  auto one_of = [](const std::string& x, std::initializer_list<std::string_view> set) {
    return std::find(set.begin(), set.end(), x) != set.end();
  };
  for (std::optional<Actor>* side : {&ev->source, &ev->target}) {
    Actor* a = side->has_value() ? &side->value() : nullptr;
    if (!a || !a->country.empty() || a->sectors.empty() || a->code.size() < 3) continue;
    if (!IsSectorCode(std::string_view(a->code).substr(0, 3))) continue;
    if (!one_of(a->sectors.front(), own)) continue;
    const std::optional<Actor>& other = side == &ev->source ? ev->target : ev->source;
    if (!other || other->country.size() != 3 || IsInternationalCode(other->country) ||
        other->sectors.empty() || !one_of(other->sectors.front(), facing))
      continue;
    a->code = other->country + a->code;
    a->country = other->country;
  }
}

// "Ethiopian opposition groups demonstrate against the government's plan
// to reopen talks with Eritrea": an organ of a state with no country
// (government, police, army, courts, parliament) facing that state's own
// people (opposition, citizens, rebels, workers, clergy ...) is theirs (ETHGOV).
void GiveStateOrgansTheirPeoplesCountry(Event* ev) {
  GiveTheCountryOfWhatItFaces(
      ev, {"GOV", "COP", "MIL", "JUD", "LEG"},
      {"OPP", "CVL", "REB", "INS", "SEP", "LAB", "EDU", "REL", "MED", "ENV", "HRI"});
}

// "An Islamist group fighting Syrian government troops", "rebels ambush
// Malian soldiers": an armed group with no country (insurgents, rebels,
// separatists, unidentified gunmen) in an event with a state's forces or
// government on the other side is that state's own (SYRINS).
void GiveArmedGroupsTheStateTheyFace(Event* ev) {
  GiveTheCountryOfWhatItFaces(ev, {"INS", "REB", "SEP", "UAF"}, {"GOV", "MIL", "COP"});
}

// "An Atlanta judge sentenced Brian Nichols", "Four people are sentenced to
// death ... for the killing of": whom a court finds guilty or sentences (CAMEO
// 116) is, to a coder, a criminal (CRM), in that event and in the others of
// its sentence that name the same words ("Four people" killed the man).
// Only a plain citizen is recoded: a role the sentence gives stays ("Russian
// billionaire" BUS, "opposition leader" OPP).
void ReadTheConvictedAsCriminals(std::vector<Event>* events) {
  auto citizen = [](const Actor& a) {
    return a.sectors.size() == 1 && a.sectors[0] == kCitizenSector &&
           a.code.ends_with(kCitizenSector);
  };
  for (const Event& ev : *events) {
    if (ev.cameo != "116" || !ev.target || !citizen(*ev.target)) continue;
    const Span convicted = ev.target->span;
    for (Event& other : *events) {
      if (other.sentence != ev.sentence) continue;
      for (std::optional<Actor>* side : {&other.source, &other.target}) {
        if (!*side || !citizen(**side) || SpanKey((*side)->span) != SpanKey(convicted)) continue;
        Actor& a = **side;
        a.code.replace(a.code.size() - kCitizenSector.size(), kCitizenSector.size(),
                       kCriminalSector);
        a.sectors[0] = std::string(kCriminalSector);
      }
    }
  }
}

// A country's name that the article's places make a region of another country
// ("Georgia" beside Atlanta and Fulton County is the US state): its actor
// codes and those of the phrases around it ("Georgia prosecutors", GEOJUD)
// take that country instead (USAJUD), before generic actors borrow them.
void ReadCountryNamesAsTheRegionTheyAre(CodedArticle* coded) {
  std::vector<std::pair<Span, std::pair<std::string, std::string>>> recode;  // span, from -> to
  for (Entity& e : coded->entities) {
    if (e.type != EntityType::kPlace || !e.place || e.place->admin1.empty() || e.code.size() != 3 ||
        e.code == e.place->country || e.place->country.size() != 3)
      continue;
    recode.push_back({e.span, {e.code, e.place->country}});
  }
  if (recode.empty()) return;
  auto recoded = [&](Span span, std::string* code) {
    for (const auto& [s, fromto] : recode)
      if (s.begin < span.end && span.begin < s.end && code->compare(0, 3, fromto.first) == 0) {
        code->replace(0, 3, fromto.second);
        return true;
      }
    return false;
  };
  for (Entity& e : coded->entities)
    if (recoded(e.span, &e.code)) e.country = e.code.substr(0, 3);
  for (Event& ev : coded->events)
    for (std::optional<Actor>* side : {&ev.source, &ev.target})
      if (*side && recoded((*side)->span, &(*side)->code))
        (*side)->country = (*side)->code.substr(0, 3);
}

// The one country an article is about, when it names exactly one: the
// countries of its coded actors (IGOs, NGOs and the like aside) and of its events' places.
// Empty when it names none or several.
std::string TheArticleCountry(const CodedArticle& coded) {
  std::string only;
  auto see = [&](const std::string& c) {
    if (c.size() != 3 || IsInternationalCode(c)) return true;
    if (only.empty()) only = c;
    return only == c;
  };
  std::string country;
  std::vector<std::string> sectors;
  for (const Entity& e : coded.entities) {
    SplitActorCode(e.code, &country, &sectors);  // (an entity's country may be unset)
    // ("told Reuters", "according to AFP": a news organisation's country says
    // where it is based, not what the article is about.)
    if (sectors.size() == 1 && sectors[0] == "MED") continue;
    if (!see(country)) return "";
  }
  for (const Event& ev : coded.events)
    if (ev.location && !see(ev.location->place.country)) return "";
  return only;
}

class PipelineImpl final : public Pipeline {
 public:
  PipelineImpl(const PipelineOptions& o, std::unique_ptr<Dictionaries> d,
               std::unique_ptr<Codebook> cb, std::unique_ptr<Lexicon> lex,
               std::unique_ptr<Tagger> tagger, std::unique_ptr<Parser> parser,
               std::unique_ptr<ContextAnalyzer> context, std::unique_ptr<NameFinder> names,
               std::shared_ptr<const EventNouns> nouns)
      : options_(o),
        names_(std::move(names)),
        context_(std::move(context)),
        dicts_(std::move(d)),
        codebook_(std::move(cb)),
        lexicon_(std::move(lex)),
        tagger_(std::move(tagger)),
        parser_(std::move(parser)),
        coder_(*dicts_, CoderOptionsFor(o, parser_.get(), std::move(nouns))) {}

  Status Process(const Article& article, CodedArticle* out) const override {
    thread_local Scratch s;
    *out = CodedArticle{};
    DYAD_RETURN_IF_ERROR(SplitText(article.body, options_.text, &s.doc));
    out->sentence_count = static_cast<std::uint32_t>(s.doc.sentences.size());
    out->sentence_spans.reserve(s.doc.sentences.size());
    for (const Sentence& sent : s.doc.sentences)
      out->sentence_spans.push_back({sent.begin, sent.end});
    if (tagger_) {
      tagger_->TagDocument(s.doc, lexicon_.get(), &s.tagger, &s.tags);
    } else {
      s.tags.clear();
    }
    // Names first: persons are actors for the coder.
    s.mentions.clear();
    if (names_) FindDocumentNames(*names_, s.doc, s.tags, &s.names, &s.mentions);
    s.references.Reset(s.doc, s.mentions);
    const std::int32_t date = DateNumber(article.date);
    std::unordered_map<std::string, std::string> entity_ids;
    std::vector<Event> events;
    s.doc_arcs.assign(parser_ ? s.doc.tokens.size() : 0, DepArc{kNoHead, 0});
    for (std::uint32_t si = 0; si < s.doc.sentences.size(); ++si) {
      const Sentence& sent = s.doc.sentences[si];
      if (sent.table_row) continue;  // a table's row: no prose to code
      std::span<const PosTag> tags;
      if (!s.tags.empty())
        tags = std::span<const PosTag>(s.tags).subspan(sent.first_token, sent.token_count);
      std::span<const DepArc> tree = ParseSentence(sent, tags, &s);
      if (tree.size() == sent.token_count && !s.doc_arcs.empty())
        std::copy(tree.begin(), tree.end(), s.doc_arcs.begin() + sent.first_token);
      coder_.CodeSentence(s.doc, sent, tags, date, s.coder.get(), &s.coding, tree,
                          s.references.ForSentence(s.doc, sent, si, tags));
      s.references.ResolveDefinites(&s.coding);
      s.references.Remember(s.coding);
      if (options_.explain) {
        out->trace += "sentence " + std::to_string(si) + ": ";
        out->trace += s.doc.SentenceText(sent);
        out->trace += "\n" + s.coding.trace;
      }
      if (s.coding.story_discarded) {
        out->events.clear();
        return Status::Ok();
      }
      if (s.coding.discarded) continue;
      for (const ActorMentionOut& m : s.coding.actors) {
        if (m.code.empty() || m.code == kUncodedName) continue;  // (names: AddNameEntities)
        Entity e;
        e.span = TokenSpan(s.doc, m.first_token, m.end_token);
        e.text = std::string(article.body.substr(e.span.begin, e.span.end - e.span.begin));
        e.code = m.code;
        SplitActorCode(m.code, &e.country, &e.sectors);
        e.type = EntityTypeOf(m, e, s.mentions);
        // One id per entity: the same code and words share it across mentions.
        std::string key = e.code + "|" + Lower(e.text);
        auto [it, fresh] = entity_ids.emplace(key, "e" + std::to_string(entity_ids.size()));
        e.id = it->second;
        out->entities.push_back(std::move(e));
      }
      std::uint32_t n = 0;
      for (const CodedEvent& ce : s.coding.events) {
        Event ev;
        ev.id = article.id + ":" + std::to_string(si) + ":" + std::to_string(n++);
        ev.sentence = si;
        if (ce.has_source) ev.source = MakeActor(article, s.doc, ce.source);
        if (ce.has_target) ev.target = MakeActor(article, s.doc, ce.target);
        ev.cameo = ce.cameo;
        if (const CameoCode* c = codebook_->Find(ce.cameo)) {
          ev.quad_class = c->quad_class;
          ev.goldstein = c->goldstein;
          ev.plover_event = c->plover_event;
          ev.plover_mode = c->plover_mode;
          ev.plover_context = c->plover_context;
        }
        ev.modality = ce.negated ? "negated" : "asserted";
        ev.date.value = article.date;
        ev.date.precision = article.date.empty() ? "" : "day";
        ev.verb_span = TokenSpan(s.doc, ce.verb_first_token, ce.verb_end_token);
        ev.rule = ce.rule;
        out->events.push_back(std::move(ev));
      }
    }
    // Who says so, how sure, when and where.
    PersonNameSpans(s.mentions, s.references, &s.person_names);
    context_->Annotate(article, s.doc, s.tags, out, DocumentTrees{s.doc_arcs, parser_.get()},
                       s.person_names);
    ReadCountryNamesAsTheRegionTheyAre(out);
    const std::string article_country = TheArticleCountry(*out);
    for (Event& ev : out->events) {
      GiveGenericActorsTheirEarlierCountry(out->entities, &ev);
      GiveGenericActorsThePlaceCountry(&ev);
      // "Ethiopian opposition groups demonstrate against the government's
      // plan": else the article's country when it names only one (ETHGOV).
      GiveGenericActorsCountry(article_country, &ev, /*not_facing=*/true);
      GiveStateOrgansTheirPeoplesCountry(&ev);
      GiveArmedGroupsTheStateTheyFace(&ev);
    }
    ReadTheConvictedAsCriminals(&out->events);
    if (names_) AddNameEntities(article, s.mentions, out);
    LinkActorsToEntities(out);
    return Status::Ok();
  }

  std::string Describe() const override {
    std::ostringstream o;
    o << RenderDictStats(dicts_->Stats());
    o << "cameo codes: " << codebook_->size() << "\n";
    o << "tagger: " << (tagger_ ? "on" : "off") << "\n";
    o << "names: " << (names_ ? "on" : "off") << "\n";
    o << "parser: " << (parser_ ? "on" : "off") << "\n";
    return o.str();
  }

 private:
  static CoderOptions CoderOptionsFor(const PipelineOptions& o, const Parser* parser,
                                      std::shared_ptr<const EventNouns> nouns) {
    CoderOptions c;
    c.nouns = std::move(nouns);
    c.require_dyad = o.require_dyad;
    c.max_events_per_sentence = static_cast<std::uint32_t>(o.max_events_per_sentence);
    c.trace = o.explain;
    if (parser) {
      for (std::size_t d = 0; d < parser->DeprelCount(); ++d)
        c.deprels.emplace_back(parser->DeprelName(static_cast<std::uint16_t>(d)));
    }
    return c;
  }

  // The dependency tree of one sentence: empty when the parser or the tags are
  // off, or when the sentence holds no word that may be a predicate.
  std::span<const DepArc> ParseSentence(const Sentence& sent, std::span<const PosTag> tags,
                                        Scratch* s) const {
    if (!parser_ || tags.empty()) return {};
    if (!coder_.HasPredicate(s->doc, sent, tags, s->coder.get())) return {};
    s->words.clear();
    for (std::uint32_t k = sent.first_token; k < sent.first_token + sent.token_count; ++k)
      s->words.push_back(s->doc.TokenText(s->doc.tokens[k]));
    s->arcs.resize(s->words.size());
    parser_->Parse(s->words, tags, &s->parser, s->arcs);
    return s->arcs;
  }

  static std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }

  // PERSON, ORG or PLACE. dyad's own dictionaries keep people, countries and
  // institutions in files named so; for other dictionaries a name with
  // date-bounded role codes is a person, a bare country code a place.
  // An actor made from a name (rule "names", or a name coded by its apposition
  // or title) has the name finder's type: "Cmdr. Sean Robertson, a
  // spokesperson" is a person whose code says GOV.
  static EntityType EntityTypeOf(const ActorMentionOut& m, const Entity& e,
                                 const std::vector<NameMention>& names) {
    if (m.rule == "names" || m.rule.starts_with("apposition:")) {
      auto it = std::lower_bound(
          names.begin(), names.end(), e.span.begin,
          [](const NameMention& n, std::uint32_t begin) { return n.span.begin < begin; });
      if (it != names.end() && it->span.begin == e.span.begin && it->span.end == e.span.end &&
          it->type != EntityType::kOther)
        return it->type;
    }
    std::string_view file(m.rule);
    file = file.substr(0, file.rfind(':'));
    if (file.find("people") != std::string_view::npos) return EntityType::kPerson;
    if (file.find("institution") != std::string_view::npos) return EntityType::kOrg;
    if (m.is_agent_only) return EntityType::kOrg;
    if (e.sectors.empty()) return EntityType::kPlace;
    std::size_t words = 1;
    for (char c : e.text) words += c == ' ';
    if (m.time_bounded && words >= 2 && std::isupper(static_cast<unsigned char>(e.text[0])))
      return EntityType::kPerson;
    return EntityType::kOrg;
  }

  static Span TokenSpan(const Document& doc, std::uint32_t first, std::uint32_t end) {
    if (first >= end || end > doc.tokens.size()) return {};
    return {doc.tokens[first].begin, doc.tokens[end - 1].end};
  }

  static Actor MakeActor(const Article& article, const Document& doc, const CodedActor& a) {
    Actor x;
    x.span = TokenSpan(doc, a.first_token, a.end_token);
    x.text = std::string(article.body.substr(x.span.begin, x.span.end - x.span.begin));
    // A person no dictionary knows and no title codes is a citizen of a
    // country the article gives later (ICEWS's "Citizen (Country)").
    if (a.code == kUncodedName) {
      x.code = std::string(kCitizenSector);
      x.sectors = {x.code};
      return x;
    }
    x.code = a.code;
    SplitActorCode(a.code, &x.country, &x.sectors);
    return x;
  }

  PipelineOptions options_;
  std::unique_ptr<NameFinder> names_;
  std::unique_ptr<ContextAnalyzer> context_;
  std::unique_ptr<Dictionaries> dicts_;
  std::unique_ptr<Codebook> codebook_;
  std::unique_ptr<Lexicon> lexicon_;
  std::unique_ptr<Tagger> tagger_;
  std::unique_ptr<Parser> parser_;
  Coder coder_;
};

}  // namespace

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options,
                                                   DiagnosticSink warn) {
  const std::string data_dir = options.data_dir.empty() ? DefaultDataDir() : options.data_dir;
  DictOptions dopts;
  dopts.strict = options.strict_dictionaries;
  dopts.sink = warn;
  std::unique_ptr<Dictionaries> dicts;
  std::vector<std::string> paths = options.dictionaries;
  if (paths.empty()) paths.push_back((fs::path(data_dir) / "dict").string());
  if (paths.size() == 1 && fs::is_directory(paths[0])) {
    auto d = LoadDictionaryDir(paths[0], dopts);
    if (!d.ok()) return d.status();
    dicts = std::move(d).value();
  } else {
    std::vector<fs::path> files;
    for (const std::string& p : paths) {
      if (fs::is_directory(p)) {
        auto listed = ListDictionaryDir(p, dopts);
        if (!listed.ok()) return listed.status();
        for (auto& [f, kind] : *listed) files.push_back(f);
      } else {
        files.emplace_back(p);
      }
    }
    auto d = LoadDictionaries(files, dopts);
    if (!d.ok()) return d.status();
    dicts = std::move(d).value();
  }
  auto cb = Codebook::Load((fs::path(data_dir) / "cameo.tsv").string());
  if (!cb.ok()) return cb.status();
  auto lex = Lexicon::Load(options.wordnet_dir.empty() ? Lexicon::DefaultDirectory()
                                                       : options.wordnet_dir);
  if (!lex.ok()) return lex.status();
  std::unique_ptr<Tagger> tagger;
  if (options.use_tagger) {
    const char* env = std::getenv("DYAD_TAGGER_MODEL");
    std::string model = env && *env
                            ? std::string(env)
                            : (fs::path(data_dir) / "models" / "tagger-en-ewt.dtm").string();
    auto t = Tagger::Load(model);
    if (!t.ok()) return t.status();
    tagger = std::move(t).value();
  }
  std::unique_ptr<Parser> parser;
  if (options.use_tagger && options.use_parser) {
    const char* env = std::getenv("DYAD_PARSER_MODEL");
    auto p =
        Parser::Load(env && *env ? std::string(env)
                                 : (fs::path(data_dir) / "models" / "parser-en-ewt.dpm").string());
    if (!p.ok()) return p.status();
    parser = std::move(p).value();
  }
  auto context = ContextAnalyzer::Create(data_dir, warn);
  if (!context.ok()) return context.status();
  std::unique_ptr<NameFinder> names;
  if (options.use_tagger && options.use_names) {
    const char* env = std::getenv("DYAD_NAMES_MODEL");
    auto n = NameFinder::Load(
        env && *env ? std::string(env) : (fs::path(data_dir) / "models" / "names-en.dnm").string());
    if (!n.ok()) return n.status();
    names = std::move(n).value();
  }
  // Event nouns: events of their own with a tree, the agent of a passive's
  // harm without one ("killed in Syrian government airstrikes").
  auto nouns = EventNouns::Load((fs::path(data_dir) / "coder" / "event_nouns.tsv").string());
  if (!nouns.ok()) return nouns.status();
  return std::unique_ptr<Pipeline>(new PipelineImpl(
      options, std::move(dicts), std::move(cb).value(), std::move(lex).value(), std::move(tagger),
      std::move(parser), std::move(context).value(), std::move(names), std::move(nouns).value()));
}

}  // namespace dyad
