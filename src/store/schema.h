// The store's SQL schema, one migration per version (docs/formats/store.md).
#ifndef DYAD_STORE_SCHEMA_H_
#define DYAD_STORE_SCHEMA_H_

#include <array>
#include <string_view>

namespace dyad::store {

// kMigrations[v - 1] brings a store from version v - 1 to v. Append only: a
// released migration is never edited.
inline constexpr std::array<std::string_view, 3> kMigrations = {
    // v1: articles, their sentences, entities, events and sources; stories and
    // event clusters (filled by the story stage).
    R"sql(
CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  input_id TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE CHECK (length(content_hash) = 64),
  url TEXT,
  source TEXT,
  date TEXT CHECK (date IS NULL OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  title TEXT,
  body TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'en',
  boilerplate_removed TEXT NOT NULL DEFAULT '[]',
  sentence_count INTEGER NOT NULL CHECK (sentence_count >= 0),
  ingested_at TEXT NOT NULL,
  previous_version INTEGER REFERENCES articles(id),
  duplicate_of INTEGER REFERENCES articles(id) ON DELETE SET NULL
);
CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_previous ON articles(previous_version) WHERE previous_version IS NOT NULL;
CREATE INDEX articles_duplicate ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;

CREATE TABLE sentences (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  begin INTEGER NOT NULL,
  end INTEGER NOT NULL CHECK (end >= begin),
  PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;

CREATE TABLE entities (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  entity_key TEXT NOT NULL,
  text TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('PERSON', 'ORG', 'PLACE', 'OTHER')),
  begin INTEGER NOT NULL,
  end INTEGER NOT NULL,
  code TEXT,
  country TEXT,
  sectors TEXT NOT NULL DEFAULT '[]',
  place_name TEXT,
  place_country TEXT,
  place_admin1 TEXT,
  place_lat REAL,
  place_lon REAL,
  place_geonames_id INTEGER,
  UNIQUE (article_id, idx)
);
CREATE INDEX entities_code ON entities(code) WHERE code IS NOT NULL;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  event_key TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  source_text TEXT, source_code TEXT, source_country TEXT, source_sectors TEXT,
  source_begin INTEGER, source_end INTEGER, source_entity TEXT,
  target_text TEXT, target_code TEXT, target_country TEXT, target_sectors TEXT,
  target_begin INTEGER, target_end INTEGER, target_entity TEXT,
  cameo TEXT NOT NULL CHECK (length(cameo) BETWEEN 2 AND 4),
  cameo_root TEXT NOT NULL,
  plover_event TEXT,
  plover_mode TEXT,
  plover_context TEXT,
  quad_class INTEGER NOT NULL CHECK (quad_class BETWEEN 0 AND 4),
  goldstein REAL NOT NULL,
  modality TEXT NOT NULL,
  reported INTEGER NOT NULL CHECK (reported IN (0, 1)),
  attribution_text TEXT, attribution_kind TEXT, attribution_code TEXT,
  date_value TEXT, date_precision TEXT, date_text TEXT,
  location_name TEXT, location_country TEXT, location_admin1 TEXT,
  location_lat REAL, location_lon REAL, location_geonames_id INTEGER,
  location_role TEXT, location_text TEXT,
  verb_begin INTEGER NOT NULL,
  verb_end INTEGER NOT NULL,
  rule TEXT NOT NULL,
  UNIQUE (article_id, idx),
  FOREIGN KEY (article_id, sentence) REFERENCES sentences(article_id, idx)
);
CREATE INDEX events_source ON events(source_code);
CREATE INDEX events_target ON events(target_code);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_plover ON events(plover_event);
CREATE INDEX events_date ON events(date_value);
CREATE INDEX events_location ON events(location_country);

CREATE TABLE sources (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  text TEXT NOT NULL,
  kind TEXT NOT NULL,
  code TEXT,
  PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX sources_code ON sources(code) WHERE code IS NOT NULL;

CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  label TEXT,
  first_date TEXT,
  last_date TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE story_articles (
  story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (story_id, article_id)
) WITHOUT ROWID;
CREATE INDEX story_articles_article ON story_articles(article_id);

CREATE TABLE clusters (
  id INTEGER PRIMARY KEY,
  story_id INTEGER REFERENCES stories(id) ON DELETE SET NULL,
  label TEXT,
  first_date TEXT,
  num_mentions INTEGER NOT NULL,
  num_sources INTEGER NOT NULL,
  num_articles INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX clusters_story ON clusters(story_id) WHERE story_id IS NOT NULL;
CREATE TABLE cluster_events (
  cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  PRIMARY KEY (cluster_id, event_id)
) WITHOUT ROWID;
CREATE INDEX cluster_events_event ON cluster_events(event_id);
)sql",
    // v2: a user's splits of event clusters (`dyad split`), re-applied by
    // every story rebuild.
    R"sql(
CREATE TABLE cluster_splits (
  id INTEGER PRIMARY KEY,
  note TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE cluster_split_events (
  split_id INTEGER NOT NULL REFERENCES cluster_splits(id) ON DELETE CASCADE,
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  PRIMARY KEY (split_id, event_id)
) WITHOUT ROWID;
)sql",
    // v3: why each article is in its story (article-level story stage):
    // the most similar earlier member and the evidence, one row per article.
    R"sql(
CREATE TABLE story_links (
  story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  nearest_article INTEGER,
  score REAL NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (story_id, article_id)
) WITHOUT ROWID;
)sql",
};

// The same schema for PostgreSQL, version for version: kPgMigrations[v - 1]
// brings a PostgreSQL store to version v. Types are PostgreSQL's (BIGINT ids
// with identity, DOUBLE PRECISION); `begin` and `end` are quoted (reserved
// words there); code columns have text_pattern_ops indexes so prefix filters
// (USA%) use them whatever the database collation.
inline constexpr std::array<std::string_view, 3> kPgMigrations = {
    R"sql(
CREATE TABLE articles (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  input_id TEXT NOT NULL,
  content_hash TEXT NOT NULL UNIQUE CHECK (length(content_hash) = 64),
  url TEXT,
  source TEXT,
  date TEXT CHECK (date IS NULL OR date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  title TEXT,
  body TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'en',
  boilerplate_removed TEXT NOT NULL DEFAULT '[]',
  sentence_count INTEGER NOT NULL CHECK (sentence_count >= 0),
  ingested_at TEXT NOT NULL,
  previous_version BIGINT REFERENCES articles(id),
  duplicate_of BIGINT REFERENCES articles(id) ON DELETE SET NULL
);
CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_previous ON articles(previous_version) WHERE previous_version IS NOT NULL;
CREATE INDEX articles_duplicate ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;

CREATE TABLE sentences (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  "begin" INTEGER NOT NULL,
  "end" INTEGER NOT NULL CHECK ("end" >= "begin"),
  PRIMARY KEY (article_id, idx)
);

CREATE TABLE entities (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  entity_key TEXT NOT NULL,
  text TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('PERSON', 'ORG', 'PLACE', 'OTHER')),
  "begin" INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  code TEXT,
  country TEXT,
  sectors TEXT NOT NULL DEFAULT '[]',
  place_name TEXT,
  place_country TEXT,
  place_admin1 TEXT,
  place_lat DOUBLE PRECISION,
  place_lon DOUBLE PRECISION,
  place_geonames_id BIGINT,
  UNIQUE (article_id, idx)
);
CREATE INDEX entities_code ON entities(code text_pattern_ops) WHERE code IS NOT NULL;

CREATE TABLE events (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  event_key TEXT NOT NULL,
  sentence INTEGER NOT NULL,
  source_text TEXT, source_code TEXT, source_country TEXT, source_sectors TEXT,
  source_begin INTEGER, source_end INTEGER, source_entity TEXT,
  target_text TEXT, target_code TEXT, target_country TEXT, target_sectors TEXT,
  target_begin INTEGER, target_end INTEGER, target_entity TEXT,
  cameo TEXT NOT NULL CHECK (length(cameo) BETWEEN 2 AND 4),
  cameo_root TEXT NOT NULL,
  plover_event TEXT,
  plover_mode TEXT,
  plover_context TEXT,
  quad_class INTEGER NOT NULL CHECK (quad_class BETWEEN 0 AND 4),
  goldstein DOUBLE PRECISION NOT NULL,
  modality TEXT NOT NULL,
  reported INTEGER NOT NULL CHECK (reported IN (0, 1)),
  attribution_text TEXT, attribution_kind TEXT, attribution_code TEXT,
  date_value TEXT, date_precision TEXT, date_text TEXT,
  location_name TEXT, location_country TEXT, location_admin1 TEXT,
  location_lat DOUBLE PRECISION, location_lon DOUBLE PRECISION, location_geonames_id BIGINT,
  location_role TEXT, location_text TEXT,
  verb_begin INTEGER NOT NULL,
  verb_end INTEGER NOT NULL,
  rule TEXT NOT NULL,
  UNIQUE (article_id, idx),
  FOREIGN KEY (article_id, sentence) REFERENCES sentences(article_id, idx)
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_source ON events(source_code text_pattern_ops);
CREATE INDEX events_target ON events(target_code text_pattern_ops);
CREATE INDEX events_cameo ON events(cameo text_pattern_ops);
CREATE INDEX events_plover ON events(plover_event);
CREATE INDEX events_date ON events(date_value);
CREATE INDEX events_location ON events(location_country);

CREATE TABLE sources (
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  text TEXT NOT NULL,
  kind TEXT NOT NULL,
  code TEXT,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX sources_code ON sources(code) WHERE code IS NOT NULL;

CREATE TABLE stories (
  id BIGINT PRIMARY KEY,
  label TEXT,
  first_date TEXT,
  last_date TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE story_articles (
  story_id BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article ON story_articles(article_id);

CREATE TABLE clusters (
  id BIGINT PRIMARY KEY,
  story_id BIGINT REFERENCES stories(id) ON DELETE SET NULL,
  label TEXT,
  first_date TEXT,
  num_mentions INTEGER NOT NULL,
  num_sources INTEGER NOT NULL,
  num_articles INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX clusters_story ON clusters(story_id) WHERE story_id IS NOT NULL;
CREATE TABLE cluster_events (
  cluster_id BIGINT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  PRIMARY KEY (cluster_id, event_id)
);
CREATE INDEX cluster_events_event ON cluster_events(event_id);
)sql",
    R"sql(
CREATE TABLE cluster_splits (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  note TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE cluster_split_events (
  split_id BIGINT NOT NULL REFERENCES cluster_splits(id) ON DELETE CASCADE,
  event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  PRIMARY KEY (split_id, event_id)
);
)sql",
    // v3: why each article is in its story (article-level story stage):
    // the most similar earlier member and the evidence, one row per article.
    R"sql(
CREATE TABLE story_links (
  story_id BIGINT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position BIGINT NOT NULL,
  nearest_article BIGINT,
  score DOUBLE PRECISION NOT NULL,
  evidence TEXT NOT NULL,
  PRIMARY KEY (story_id, article_id)
);
)sql",
};

}  // namespace dyad::store

#endif  // DYAD_STORE_SCHEMA_H_
