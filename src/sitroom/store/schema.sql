-- sitroom event store, schema version 4 (migrations.py upgrades stores of older versions in place).
-- The rollups of the fused events (version 4) are created after these tables, from rollups.py.
-- One row per distinct article (by content hash) and one row per event coded from it.
-- Every statement is idempotent: the store runs this file each time it opens a database.

CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS articles (
    content_hash VARCHAR PRIMARY KEY,   -- sha256 of title and text: the article's identity
    id           VARCHAR NOT NULL,      -- the id the input gave; not unique across inputs
    title        VARCHAR,
    source       VARCHAR,
    url          VARCHAR,
    published    DATE,
    text         VARCHAR NOT NULL,
    origin       VARCHAR,               -- path or path:line it was read from
    ingested_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS events (
    id                   VARCHAR PRIMARY KEY,  -- the coder's id; it hashes the article's content
    article_hash         VARCHAR NOT NULL REFERENCES articles (content_hash),
    article_id           VARCHAR NOT NULL,
    type                 VARCHAR NOT NULL,
    mode                 VARCHAR,
    actor_name           VARCHAR,
    actor_country        VARCHAR,
    actor_sector         VARCHAR,
    actor_text           VARCHAR,
    target_name          VARCHAR,
    target_country       VARCHAR,
    target_sector        VARCHAR,
    target_text          VARCHAR,
    location_name        VARCHAR,
    location_country     VARCHAR,
    location_lat         DOUBLE PRECISION,
    location_lon         DOUBLE PRECISION,
    location_precision   VARCHAR,
    location_geonames_id BIGINT,
    location_feature     VARCHAR,
    location_radius_km   DOUBLE PRECISION,
    date_start           DATE,
    date_end             DATE,
    date_precision       VARCHAR,
    date_text            VARCHAR,               -- the date expression read ("last weekend")
    fatalities           INTEGER,
    injured              INTEGER,
    casualties_vague     BOOLEAN,               -- "dozens killed": deaths, no exact count
    factuality           VARCHAR NOT NULL,
    evidence             VARCHAR NOT NULL,
    sentence_start       INTEGER NOT NULL,
    sentence_end         INTEGER NOT NULL,
    "trigger"            VARCHAR NOT NULL,
    cameo                VARCHAR NOT NULL,
    cameo_root           VARCHAR NOT NULL,
    quad_class           INTEGER,
    acled_event_type     VARCHAR,
    confidence           DOUBLE PRECISION NOT NULL,
    attribution          VARCHAR,               -- JSON: source, chain, verb, quote, speaker
    acled_sub_event_type VARCHAR                -- version 2; NULL outside ACLED's scope
);

CREATE TABLE IF NOT EXISTS places (
    article_hash VARCHAR NOT NULL REFERENCES articles (content_hash),
    "start"      INTEGER NOT NULL,             -- character offsets into the article text
    "end"        INTEGER NOT NULL,
    "text"       VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    country      VARCHAR,
    lat          DOUBLE PRECISION,
    lon          DOUBLE PRECISION,
    geonames_id  BIGINT,
    feature      VARCHAR,
    radius_km    DOUBLE PRECISION
);

-- Fusion (issue #5). Every event row is a *mention*: one event as coded from one article. Mentions of
-- one real-world event are fused into one fused event; each mention belongs to exactly one, written in
-- the same transaction as the mention itself. A fused event's id is the id of its earliest mention.
CREATE TABLE IF NOT EXISTS mention_clusters (
    mention_id  VARCHAR PRIMARY KEY,       -- events.id
    cluster_id  VARCHAR NOT NULL,          -- fused_events.id
    family      VARCHAR NOT NULL,          -- blocking: the type family (ASSAULT and COERCE share one)
    day_lo      DATE,                      -- blocking: the days the event may have happened on
    day_hi      DATE,
    countries   VARCHAR[] NOT NULL         -- blocking: actor, target and place countries
);

CREATE TABLE IF NOT EXISTS fused_events (
    id                   VARCHAR PRIMARY KEY,  -- the id of its earliest mention
    type                 VARCHAR NOT NULL,
    mode                 VARCHAR,
    actor_name           VARCHAR,
    actor_country        VARCHAR,
    actor_sector         VARCHAR,
    target_name          VARCHAR,
    target_country       VARCHAR,
    target_sector        VARCHAR,
    location_name        VARCHAR,
    location_country     VARCHAR,
    location_lat         DOUBLE PRECISION,
    location_lon         DOUBLE PRECISION,
    location_precision   VARCHAR,
    location_geonames_id BIGINT,
    location_feature     VARCHAR,
    location_radius_km   DOUBLE PRECISION,
    date_start           DATE,                 -- earliest start any mention gives
    date_end             DATE,                 -- latest end
    date_precision       VARCHAR,              -- "published" when no mention dates it
    fatalities           INTEGER,              -- the latest credible report's figure
    fatalities_min       INTEGER,
    fatalities_max       INTEGER,
    factuality           VARCHAR NOT NULL,     -- the strongest reading
    factuality_counts    VARCHAR NOT NULL,     -- JSON: {"asserted": 3, "denied": 1}
    articles             INTEGER NOT NULL,
    sources              INTEGER NOT NULL,     -- distinct source names
    source_names         VARCHAR NOT NULL,     -- JSON list
    first_seen           DATE,                 -- earliest publication day of a mention
    last_seen            DATE,
    mentions             INTEGER NOT NULL,
    acled_event_type     VARCHAR,              -- version 2: the ACLED types most mentions of its type give
    acled_sub_event_type VARCHAR,
    cameo                VARCHAR,              -- version 3: the codes of its own (earliest) mention, so the
    quad_class           INTEGER               -- page's aggregates need not join the wide events rows
);
