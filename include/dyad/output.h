// Copyright dyad authors. Rendering coded articles as the JSON every consumer
// reads (docs/formats/events.md): one object per article, or one event per line
// (--flat) for pandas and R.
//
// Thread-safety: reentrant.
#ifndef DYAD_OUTPUT_H_
#define DYAD_OUTPUT_H_

#include <string>

#include "dyad/article.h"
#include "dyad/event.h"

namespace dyad {

// Appends one JSON line (no trailing newline) for the whole article:
// {"article": {...}, "sentences": N, "entities": [...], "events": [...], "sources": [...]}.
void AppendArticleJson(const Article& article, const CodedArticle& coded, std::string* out);

// Appends one JSON line per event (each ending in '\n'), with article_id,
// article_date and article_url added.
void AppendFlatEventsJson(const Article& article, const CodedArticle& coded, std::string* out);

// Appends one PLOVER JSON record per event that has a PLOVER type (each line
// ending in '\n'): {"id", "date", "event", "mode": [..], "context": [..],
// "actor": [ENTITY], "recipient": [ENTITY], "text", ...} with dyad's fields
// (cameo, modality, reported, attribution, location, article) added. An
// ENTITY is {"name", "country", "sector": [..], "code"}.
void AppendPloverJson(const Article& article, const CodedArticle& coded, std::string* out);

}  // namespace dyad

#endif  // DYAD_OUTPUT_H_
