// Checks a coded article before it is written: nothing malformed reaches a table.
#include <cmath>
#include <string>
#include <string_view>

#include "dyad/date.h"
#include "dyad/store.h"

namespace dyad {
namespace {

bool IsDate(std::string_view v) { return IsIsoDate(v); }

bool IsHex64(std::string_view h) {
  if (h.size() != 64) return false;
  for (char c : h) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool IsCode(std::string_view c) {  // CAMEO actor code: upper-case letters and digits
  for (char ch : c) {
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))) return false;
  }
  return true;
}

// Strict UTF-8 check (no overlongs, no surrogates); the body is text.
bool IsUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const auto* end = p + s.size();
  while (p < end) {
    unsigned c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int n;
    unsigned min;
    if ((c & 0xE0) == 0xC0) {
      n = 1, min = 0x80, c &= 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2, min = 0x800, c &= 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3, min = 0x10000, c &= 0x07;
    } else {
      return false;
    }
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return false;
    p += n + 1;
  }
  return true;
}

class Checker {
 public:
  Checker(const Article& a) : article_(a) {
    where_ = a.origin.empty() ? "article " + a.id : a.origin + " (article " + a.id + ")";
  }
  Status Fail(const std::string& field, const std::string& what) const {
    return InvalidArgument(where_ + ": " + field + ": " + what);
  }
  Status SpanIn(const Span& s, const std::string& field) const {
    if (s.begin > s.end || s.end > article_.body.size()) {
      return Fail(field, "span [" + std::to_string(s.begin) + ", " + std::to_string(s.end) +
                             ") outside the body (" + std::to_string(article_.body.size()) +
                             " bytes)");
    }
    return Status::Ok();
  }
  Status ActorOk(const Actor& a, const std::string& field) const {
    if (!IsCode(a.code)) return Fail(field + ".code", "not a CAMEO actor code: '" + a.code + "'");
    if (!IsCode(a.country))
      return Fail(field + ".country", "not a country code: '" + a.country + "'");
    for (const std::string& s : a.sectors) {
      if (s.empty() || !IsCode(s))
        return Fail(field + ".sectors", "not a sector code: '" + s + "'");
    }
    return SpanIn(a.span, field + ".span");
  }
  Status PlaceOk(const Place& p, const std::string& field) const {
    if (p.has_coordinates && (!std::isfinite(p.lat) || !std::isfinite(p.lon) ||
                              std::fabs(p.lat) > 90 || std::fabs(p.lon) > 180)) {
      return Fail(field, "coordinates out of range");
    }
    if (p.geonames_id < 0) return Fail(field + ".geonames_id", "negative");
    return Status::Ok();
  }

 private:
  const Article& article_;
  std::string where_;
};

bool OneOf(std::string_view v, std::initializer_list<std::string_view> set) {
  for (std::string_view s : set) {
    if (v == s) return true;
  }
  return false;
}

}  // namespace

Status ValidateCodedArticle(const Article& a, const CodedArticle& c) {
  Checker ck(a);
  if (!IsHex64(a.content_hash)) return ck.Fail("content_hash", "not 64 lower-case hex digits");
  if (!IsUtf8(a.body)) return ck.Fail("body", "not valid UTF-8");
  if (Sha256Hex(a.body) != a.content_hash) {
    return ck.Fail("content_hash", "is not the SHA-256 of the body");
  }
  if (!a.date.empty() && !IsDate(a.date))
    return ck.Fail("date", "not YYYY-MM-DD: '" + a.date + "'");
  if (c.sentence_spans.size() != c.sentence_count) {
    return ck.Fail("sentences", std::to_string(c.sentence_count) + " sentences but " +
                                    std::to_string(c.sentence_spans.size()) + " spans");
  }
  for (std::size_t i = 0; i < c.sentence_spans.size(); ++i) {
    DYAD_RETURN_IF_ERROR(ck.SpanIn(c.sentence_spans[i], "sentences[" + std::to_string(i) + "]"));
  }
  for (std::size_t i = 0; i < c.entities.size(); ++i) {
    const Entity& e = c.entities[i];
    const std::string f = "entities[" + std::to_string(i) + "]";
    DYAD_RETURN_IF_ERROR(ck.SpanIn(e.span, f + ".span"));
    if (e.place) DYAD_RETURN_IF_ERROR(ck.PlaceOk(*e.place, f));
  }
  for (std::size_t i = 0; i < c.events.size(); ++i) {
    const Event& e = c.events[i];
    const std::string f = "events[" + std::to_string(i) + "]";
    if (e.sentence >= c.sentence_count) {
      return ck.Fail(f + ".sentence", std::to_string(e.sentence) + " but the article has " +
                                          std::to_string(c.sentence_count) + " sentences");
    }
    bool digits = e.cameo.size() >= 2 && e.cameo.size() <= 4;
    for (char ch : e.cameo) digits = digits && ch >= '0' && ch <= '9';
    if (!digits) return ck.Fail(f + ".cameo", "not a CAMEO event code: '" + e.cameo + "'");
    if (e.quad_class < 0 || e.quad_class > 4) {
      return ck.Fail(f + ".quad_class", "not 1-4: " + std::to_string(e.quad_class));
    }
    if (!std::isfinite(e.goldstein) || std::fabs(e.goldstein) > 10) {
      return ck.Fail(f + ".goldstein", "not within -10..10");
    }
    if (!OneOf(e.modality, {"asserted", "planned", "possible", "requested", "denied", "negated",
                            "hypothetical", "historical"})) {
      return ck.Fail(f + ".modality", "unknown value '" + e.modality + "'");
    }
    if (e.source) DYAD_RETURN_IF_ERROR(ck.ActorOk(*e.source, f + ".source"));
    if (e.target) DYAD_RETURN_IF_ERROR(ck.ActorOk(*e.target, f + ".target"));
    DYAD_RETURN_IF_ERROR(ck.SpanIn(e.verb_span, f + ".spans.verb"));
    if (e.attribution &&
        !OneOf(e.attribution->kind, {"direct", "reported", "anonymous", "official", "none"})) {
      return ck.Fail(f + ".attribution.kind", "unknown value '" + e.attribution->kind + "'");
    }
    if (!e.date.value.empty() && !IsDate(e.date.value)) {
      return ck.Fail(f + ".date.value", "not YYYY-MM-DD: '" + e.date.value + "'");
    }
    if (!e.date.precision.empty() && !OneOf(e.date.precision, {"day", "week", "month", "year"})) {
      return ck.Fail(f + ".date.precision", "unknown value '" + e.date.precision + "'");
    }
    if (e.location) {
      if (!OneOf(e.location->role, {"location", "destination", "origin"})) {
        return ck.Fail(f + ".location.role", "unknown value '" + e.location->role + "'");
      }
      DYAD_RETURN_IF_ERROR(ck.PlaceOk(e.location->place, f + ".location"));
    }
  }
  for (std::size_t i = 0; i < c.sources.size(); ++i) {
    if (!OneOf(c.sources[i].kind, {"direct", "reported", "anonymous", "official", "none"})) {
      return ck.Fail("sources[" + std::to_string(i) + "].kind",
                     "unknown value '" + c.sources[i].kind + "'");
    }
  }
  return Status::Ok();
}

}  // namespace dyad
