-- The watcher's books (issue #13), in the store they describe, so a restart resumes exactly where the
-- last run stopped. Created by the watcher when it opens the store for writing; every statement is
-- idempotent. A store without these tables was never watched.

CREATE TABLE IF NOT EXISTS watch_sources (
    id            VARCHAR PRIMARY KEY,     -- kind:location
    kind          VARCHAR NOT NULL,        -- feed, sitemap, page, folder
    name          VARCHAR NOT NULL,
    location      VARCHAR NOT NULL,        -- URL or folder
    etag          VARCHAR,                 -- the validators of the last 200 answer (conditional requests)
    last_modified VARCHAR,
    last_poll     TIMESTAMP,
    last_success  TIMESTAMP,
    last_error_at TIMESTAMP,
    last_error    VARCHAR,
    failures      INTEGER NOT NULL DEFAULT 0,   -- consecutive failed polls (the back-off grows with it)
    seen          INTEGER NOT NULL DEFAULT 0,   -- items seen for the first time
    articles      INTEGER NOT NULL DEFAULT 0,   -- articles stored from it
    events        INTEGER NOT NULL DEFAULT 0    -- events coded from those articles
);

CREATE TABLE IF NOT EXISTS watch_items (
    item         VARCHAR PRIMARY KEY,      -- normalised URL, feed guid, page#content or folder file#content
    source_id    VARCHAR NOT NULL,
    content_hash VARCHAR,                  -- the article it became, if any
    outcome      VARCHAR NOT NULL,         -- stored, already stored, duplicate, skipped, failed
    reason       VARCHAR,
    seen_at      TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- One row per article the watcher stored: its fingerprints (syndicated copies) and whether its alerts
-- were decided. Written before the article is stored, marked done after its alerts are in the outbox.
CREATE TABLE IF NOT EXISTS watch_texts (
    content_hash VARCHAR PRIMARY KEY,
    source_id    VARCHAR NOT NULL,
    url          VARCHAR,
    body_key     VARCHAR NOT NULL,         -- the words of the text alone (case, spacing, title ignored)
    minhash      UBIGINT[] NOT NULL,       -- for near-copies
    figures      VARCHAR NOT NULL,         -- the numbers it gives: a near-copy gives the same ones
    alerts_done  BOOLEAN NOT NULL DEFAULT false,
    added_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- What each alert rule last said about each fused event: an alert fires again only when this changes
-- materially. Keyed by the fused event's id; a merge is found through its mention ids.
CREATE TABLE IF NOT EXISTS alert_state (
    rule       VARCHAR NOT NULL,
    fused_id   VARCHAR NOT NULL,
    snapshot   VARCHAR NOT NULL,           -- JSON: fatalities, factuality
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (rule, fused_id)
);

-- Alerts to deliver, written in the transaction that decides them; delivered_at is set once delivered.
CREATE TABLE IF NOT EXISTS alert_outbox (
    id           VARCHAR PRIMARY KEY,      -- stable: the receiver can drop a repeat
    rule         VARCHAR NOT NULL,
    target       INTEGER NOT NULL,         -- which of the rule's deliveries
    payload      VARCHAR NOT NULL,         -- the alert as JSON
    created_at   TIMESTAMP NOT NULL DEFAULT current_timestamp,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   VARCHAR,
    delivered_at TIMESTAMP
);
