// Copyright dyad authors. Running the pipeline over the gold set and adding up
// precision and recall by category (tests/gold/README.md, "Scoring").
#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <set>

#include "dyad/eval.h"

namespace dyad {
namespace {

std::vector<std::string> SentenceKeys(const GoldSentence& g) {
  return {"all", "dataset:" + g.dataset, "label:" + g.label};
}

std::vector<std::string> WithTags(std::vector<std::string> keys,
                                  const std::vector<std::string>& tags) {
  for (const auto& t : tags) keys.push_back(t);
  return keys;
}

// Greedy 1:1 pairing in gold order; pair[i] = predicted index or -1.
template <typename Match>
std::vector<int> Pair(const std::vector<GoldEvent>& gold, const std::vector<Event>& pred,
                      Match match) {
  std::vector<int> pair(gold.size(), -1);
  std::vector<bool> used(pred.size(), false);
  for (std::size_t i = 0; i < gold.size(); ++i) {
    for (std::size_t j = 0; j < pred.size(); ++j) {
      if (!used[j] && match(gold[i], pred[j])) {
        pair[i] = static_cast<int>(j);
        used[j] = true;
        break;
      }
    }
  }
  return pair;
}

// Adds one pairing's counts; predicted events carry the tags of `tag_pair`'s partner.
void AddCounts(const GoldSentence& g, const std::vector<Event>& pred, const std::vector<int>& pair,
               const std::vector<int>& tag_pair, std::map<std::string, Prf>* table) {
  std::vector<std::vector<std::string>> pred_keys(pred.size(), SentenceKeys(g));
  for (std::size_t i = 0; i < g.events.size(); ++i)
    if (tag_pair[i] >= 0) pred_keys[tag_pair[i]] = WithTags(SentenceKeys(g), g.events[i].tags);
  for (std::size_t i = 0; i < g.events.size(); ++i) {
    for (const auto& k : WithTags(SentenceKeys(g), g.events[i].tags)) {
      (*table)[k].gold++;
      if (pair[i] >= 0) (*table)[k].tp_gold++;
    }
  }
  std::vector<bool> matched(pred.size(), false);
  for (int p : pair)
    if (p >= 0) matched[p] = true;
  for (std::size_t j = 0; j < pred.size(); ++j) {
    for (const auto& k : pred_keys[j]) {
      (*table)[k].predicted++;
      if (matched[j]) (*table)[k].tp_pred++;
    }
  }
}

struct Item {
  std::string a, b;  // place: country, text; date: value, precision
};

template <typename Match>
void AddSetCounts(const GoldSentence& g, const std::vector<Item>& gold,
                  const std::vector<Item>& pred, Match match, std::map<std::string, Prf>* table) {
  std::vector<bool> used(pred.size(), false);
  std::int64_t tp = 0;
  for (const auto& gi : gold) {
    for (std::size_t j = 0; j < pred.size(); ++j) {
      if (!used[j] && match(gi, pred[j])) {
        used[j] = true;
        ++tp;
        break;
      }
    }
  }
  for (const auto& k : SentenceKeys(g)) {
    Prf& p = (*table)[k];
    p.gold += static_cast<std::int64_t>(gold.size());
    p.predicted += static_cast<std::int64_t>(pred.size());
    p.tp_gold += tp;
    p.tp_pred += tp;
  }
}

void AddUnique(std::vector<Item>* items, Item it) {
  for (const auto& x : *items)
    if (x.a == it.a && x.b == it.b) return;
  items->push_back(std::move(it));
}

void ScorePlaces(const GoldSentence& g, const std::vector<Event>& pred, GoldScores* s) {
  std::vector<Item> gold, got;
  for (const auto& e : g.events)
    if (!e.place_text.empty() || !e.place_country.empty())
      AddUnique(&gold, {e.place_country, e.place_text});
  for (const auto& e : pred)
    if (e.location)
      AddUnique(&got, {e.location->place.country,
                       e.location->text.empty() ? e.location->place.name : e.location->text});
  AddSetCounts(
      g, gold, got,
      [](const Item& a, const Item& b) {
        return (!a.a.empty() && a.a == b.a) || TextOverlaps(a.b, b.b);
      },
      &s->places);
}

void ScoreDates(const GoldSentence& g, const std::vector<Event>& pred, GoldScores* s) {
  std::vector<Item> gold, got;
  for (const auto& e : g.events)
    if (!e.date_value.empty()) AddUnique(&gold, {e.date_value, e.date_precision});
  for (const auto& e : pred)
    if (!e.date.value.empty()) AddUnique(&got, {e.date.value, e.date.precision});
  AddSetCounts(
      g, gold, got, [](const Item& a, const Item& b) { return DateMatches(a.a, a.b, b.a); },
      &s->dates);
}

// Row "paired": the place and date of each gold event against those of the
// predicted event paired with it by type (an unpaired gold event counts in
// neither), so a place given to the wrong event of a sentence is no hit.
void ScorePairedContext(const GoldSentence& g, const std::vector<Event>& pred,
                        const std::vector<int>& pair, GoldScores* s) {
  for (std::size_t i = 0; i < g.events.size(); ++i) {
    if (pair[i] < 0) continue;
    const auto& ge = g.events[i];
    const Event& pe = pred[static_cast<std::size_t>(pair[i])];
    Prf& pl = s->places["paired"];
    const bool gp = !ge.place_text.empty() || !ge.place_country.empty();
    pl.gold += gp;
    pl.predicted += pe.location.has_value();
    if (gp && pe.location) {
      const std::string text =
          pe.location->text.empty() ? pe.location->place.name : pe.location->text;
      const bool hit =
          (!ge.place_country.empty() && ge.place_country == pe.location->place.country) ||
          TextOverlaps(ge.place_text, text);
      pl.tp_gold += hit;
      pl.tp_pred += hit;
    }
    Prf& dt = s->dates["paired"];
    const bool gd = !ge.date_value.empty();
    dt.gold += gd;
    dt.predicted += !pe.date.value.empty();
    if (gd && !pe.date.value.empty()) {
      const bool hit = DateMatches(ge.date_value, ge.date_precision, pe.date.value);
      dt.tp_gold += hit;
      dt.tp_pred += hit;
    }
  }
}

std::string ActorText(const std::optional<GoldActor>& a) {
  return a ? fmt::format("{}({})", a->code.empty() ? "?" : a->code, a->text) : "-";
}

std::string ActorText(const std::optional<Actor>& a) {
  return a ? fmt::format("{}({})", a->code.empty() ? "?" : a->code, a->text) : "-";
}

// "  places gold [..] pred [..]" and the same for dates, when any is set.
void DescribeContext(const GoldSentence& g, const std::vector<Event>& pred, std::string* out) {
  std::string gp, pp, gd, pd;
  for (const auto& e : g.events) {
    if (!e.place_text.empty()) gp += fmt::format(" {}({})", e.place_text, e.place_country);
    if (!e.date_value.empty()) gd += fmt::format(" {}/{}", e.date_value, e.date_precision);
  }
  for (const auto& e : pred) {
    if (e.location) pp += fmt::format(" {}({})", e.location->text, e.location->place.country);
    if (!e.date.value.empty()) pd += fmt::format(" {}/{}", e.date.value, e.date.precision);
  }
  if (!gp.empty() || !pp.empty()) *out += fmt::format("  places gold [{} ] pred [{} ]\n", gp, pp);
  if (!gd.empty() || !pd.empty()) *out += fmt::format("  dates  gold [{} ] pred [{} ]\n", gd, pd);
}

void Describe(const GoldSentence& g, const std::string& text, const std::vector<Event>& pred,
              std::string* out) {
  *out += fmt::format("{} [{}] {}\n", g.id, g.label, text);
  auto pair = Pair(g.events, pred, EventMatches);
  for (std::size_t i = 0; i < g.events.size(); ++i) {
    const auto& e = g.events[i];
    *out += fmt::format("  gold {} {} {} -> {}{}\n", pair[i] >= 0 ? "OK  " : "MISS", e.cameo,
                        ActorText(e.source), ActorText(e.target),
                        e.plover_event.empty() ? "" : " " + e.plover_event);
  }
  std::vector<bool> hit(pred.size(), false);
  for (int p : pair)
    if (p >= 0) hit[p] = true;
  for (std::size_t j = 0; j < pred.size(); ++j)
    if (!hit[j])
      *out += fmt::format("  pred FP   {} {} -> {} {}\n", pred[j].cameo, ActorText(pred[j].source),
                          ActorText(pred[j].target), pred[j].plover_event);
  DescribeContext(g, pred, out);
}

}  // namespace

void ScoreSentence(const GoldSentence& g, const std::vector<Event>& pred, GoldScores* s) {
  s->sentences++;
  if (g.events.empty()) {
    s->empty_sentences++;
    s->events_on_empty_sentences += static_cast<std::int64_t>(pred.size());
  }
  auto type_pair = Pair(g.events, pred, TypeMatches);
  AddCounts(g, pred, Pair(g.events, pred, EventMatches), type_pair, &s->events);
  AddCounts(g, pred, type_pair, type_pair, &s->types);
  ScorePlaces(g, pred, s);
  ScoreDates(g, pred, s);
  ScorePairedContext(g, pred, type_pair, s);
}

std::vector<Event> EventsInRange(const CodedArticle& coded, std::size_t begin, std::size_t end) {
  std::vector<Event> out;
  for (const Event& ev : coded.events) {
    std::size_t at = ev.verb_span.begin;
    if (ev.verb_span.empty() && ev.sentence < coded.sentence_spans.size())
      at = coded.sentence_spans[ev.sentence].begin;
    if (begin <= at && at < end) out.push_back(ev);
  }
  return out;
}

Result<GoldScores> RunGold(const Pipeline& pipeline, const std::vector<GoldSentence>& gold,
                           const std::vector<std::string>& texts, std::string* per_sentence,
                           const std::vector<GoldDocument>* documents) {
  GoldScores scores;
  CodedArticle coded;
  for (std::size_t i = 0; i < gold.size() && i < texts.size(); ++i) {
    const GoldDocument* doc = documents && i < documents->size() && !(*documents)[i].text.empty()
                                  ? &(*documents)[i]
                                  : nullptr;
    Article a;
    a.id = gold[i].id;
    a.date = gold[i].date;
    a.body = doc ? doc->text : texts[i];
    a.origin = gold[i].file;
    DYAD_RETURN_IF_ERROR(pipeline.Process(a, &coded));
    // (With its document, only the events of the gold sentence count.)
    if (doc) coded.events = EventsInRange(coded, doc->begin, doc->end);
    ScoreSentence(gold[i], coded.events, &scores);
    if (per_sentence) Describe(gold[i], texts[i], coded.events, per_sentence);
  }
  return scores;
}

std::string FormatGoldScores(const GoldScores& s) {
  std::string out =
      fmt::format("gold sentences: {} ({} with no event; {} events predicted on those)\n",
                  s.sentences, s.empty_sentences, s.events_on_empty_sentences);
  out += fmt::format("{:<42} {:>5} {:>5} {:>6} {:>6} {:>6}   {:>6} {:>6} {:>6}\n", "category",
                     "gold", "pred", "ev.P", "ev.R", "ev.F1", "ty.P", "ty.R", "ty.F1");
  for (const auto& [k, e] : s.events) {
    if (k.starts_with("label:ecbplus-")) continue;  // per-topic rows: in the JSON only
    const Prf& t = s.types.at(k);
    // In a tag category, predictions are those paired by type with such a gold event,
    // so type precision is 1 by construction: shown as "-".
    bool tag = k != "all" && k.find(':') == std::string::npos;
    out += fmt::format("{:<42} {:>5} {:>5} {:>6.3f} {:>6.3f} {:>6.3f}   {:>6} {:>6.3f} {:>6}\n", k,
                       e.gold, e.predicted, e.Precision(), e.Recall(), e.F1(),
                       tag ? "-" : fmt::format("{:.3f}", t.Precision()), t.Recall(),
                       tag ? "-" : fmt::format("{:.3f}", t.F1()));
  }
  for (const auto* table : {&s.places, &s.dates}) {
    out += table == &s.places ? "places\n" : "dates\n";
    for (const auto& [k, p] : *table)
      if (k == "all" || k == "paired" || k.starts_with("dataset:"))
        out += fmt::format("  {:<40} {:>5} {:>5} {:>6.3f} {:>6.3f} {:>6.3f}\n", k, p.gold,
                           p.predicted, p.Precision(), p.Recall(), p.F1());
  }
  return out;
}

std::string GoldScoresJson(const GoldScores& s) {
  nlohmann::json j;
  j["sentences"] = s.sentences;
  j["empty_sentences"] = s.empty_sentences;
  j["events_on_empty_sentences"] = s.events_on_empty_sentences;
  auto put = [&](const char* name, const std::map<std::string, Prf>& table) {
    for (const auto& [k, p] : table)
      j[name][k] = {{"gold", p.gold},
                    {"predicted", p.predicted},
                    {"tp_gold", p.tp_gold},
                    {"tp_predicted", p.tp_pred},
                    {"precision", p.Precision()},
                    {"recall", p.Recall()},
                    {"f1", p.F1()}};
  };
  put("events", s.events);
  put("types", s.types);
  put("places", s.places);
  put("dates", s.dates);
  return j.dump(2) + "\n";
}

}  // namespace dyad
