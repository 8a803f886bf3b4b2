"""The database schema as numbered migrations.

`schema_version` holds the number of the last migration applied. Opening a database applies the missing
ones in order, each in its own transaction, so an older file upgrades in place and a newer one is refused.
A migration is never edited once released: a change to the schema is a new migration at the end."""

import sqlite3

import sqlite_utils


class DatabaseError(Exception):
    """A database file claimwatch cannot use; str() is one line naming the file and the problem."""


STORAGE = """
CREATE TABLE outlets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    domain TEXT,
    kind TEXT NOT NULL DEFAULT 'unknown'
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,           -- canonical URL: the article's identity
    outlet_id INTEGER NOT NULL REFERENCES outlets(id),
    published TEXT,
    cluster_id INTEGER,                 -- id of the first article of its syndication (copy) cluster
    title TEXT, author TEXT, description TEXT, site_name TEXT, language TEXT, updated TEXT,
    first_fetched_at TEXT,
    last_fetched_at TEXT,
    text_sha256 TEXT,
    topic_terms TEXT,                   -- JSON list
    keywords TEXT,                      -- JSON list
    -- Long values last: detection reads the columns above for every claim without paging through these.
    text TEXT NOT NULL DEFAULT '',      -- claims' character offsets point into this
    minhash TEXT                        -- JSON list of 128 ints, or NULL
);
CREATE INDEX articles_text_sha256 ON articles(text_sha256);
CREATE INDEX articles_cluster_id ON articles(cluster_id);
CREATE INDEX articles_outlet_id ON articles(outlet_id);
CREATE INDEX articles_published ON articles(published);

-- Every URL an article was reached by: its canonical URL, requested and final URLs, and the URLs of copies
-- with the same text (stored once).
CREATE TABLE article_urls (
    url TEXT PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    first_seen_at TEXT
);
CREATE INDEX article_urls_article_id ON article_urls(article_id);

-- Every distinct raw body fetched for an article, oldest first.
CREATE TABLE article_versions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    fetched_at TEXT NOT NULL,
    last_checked_at TEXT,               -- latest fetch or 304 that found this body unchanged
    requested_url TEXT, final_url TEXT, http_status INTEGER,
    etag TEXT, last_modified TEXT, content_type TEXT, encoding TEXT,
    content_sha256 TEXT NOT NULL,
    body_zlib BLOB NOT NULL,
    body_size INTEGER NOT NULL,
    extractors TEXT,                    -- JSON: extractor name -> version
    via TEXT
);
CREATE INDEX article_versions_article_id ON article_versions(article_id, id);

-- Locality-sensitive hashing of MinHash signatures: articles sharing a (band, bucket) are copy candidates.
CREATE TABLE minhash_bands (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band, bucket, article_id)
) WITHOUT ROWID;
CREATE INDEX minhash_bands_article_id ON minhash_bands(article_id);

CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    command TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    stats TEXT,                         -- JSON object
    errors TEXT,                        -- JSON list
    error_count INTEGER NOT NULL DEFAULT 0
);
"""

CLAIMS = """
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    extractor_version TEXT NOT NULL,
    metric TEXT NOT NULL,
    subject TEXT NOT NULL,
    value NUMERIC NOT NULL,
    value_high NUMERIC,
    unit TEXT NOT NULL,
    qualifier TEXT NOT NULL,
    status TEXT NOT NULL,
    denominator TEXT,
    time_text TEXT, time_start TEXT, time_end TEXT,
    stated_end TEXT,                    -- time_end, or NULL when it is only the publication date ("so far")
    figure_text TEXT NOT NULL,
    sentence TEXT NOT NULL,
    char_start INTEGER, char_end INTEGER,
    -- For detection, which groups a million claims into figures: a hash of the columns that make one figure
    -- (db.store.figure_key), and the article's columns it needs, copied so that the grouping reads one index
    -- and no article. The trigger claims_follow_article keeps the copies in step with the article.
    figure_key INTEGER NOT NULL,
    published TEXT,
    cluster_id INTEGER,
    outlet_id INTEGER REFERENCES outlets(id)
);
CREATE INDEX claims_article_id ON claims(article_id);
CREATE INDEX claims_subject_metric ON claims(subject, metric);
-- Datasette's claims pages filter by metric alone (claims.json?metric=...): without it they scan every claim.
CREATE INDEX claims_metric ON claims(metric);
-- Detection groups claims into distinct figures by reading this index alone, in order: no sort, no lookup.
CREATE INDEX claims_figure ON claims(figure_key, published, cluster_id, outlet_id);

CREATE TRIGGER claims_follow_article AFTER UPDATE OF published, cluster_id, outlet_id ON articles
WHEN old.published IS NOT new.published OR old.cluster_id IS NOT new.cluster_id OR old.outlet_id IS NOT new.outlet_id
BEGIN
    UPDATE claims SET published = new.published, cluster_id = new.cluster_id, outlet_id = new.outlet_id
    WHERE article_id = new.id;
END;

-- Which extractor version last extracted each article (absent: never extracted).
CREATE TABLE extractions (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    extractor_version TEXT NOT NULL,
    extracted_at TEXT NOT NULL
);

-- Datasette counts the rows of every page it shows. The article's columns are read by scalar subqueries, which
-- a count never evaluates, so counting one metric's claims reads the claims_metric index alone, and a page of
-- 100 claims looks up 100 articles. (Joins would make the count visit every article and version.)
CREATE VIEW claims_with_provenance AS
SELECT
    claims.id, claims.metric, claims.subject, claims.value, claims.value_high, claims.unit,
    claims.qualifier, claims.status, claims.denominator,
    claims.time_text, claims.time_start, claims.time_end,
    claims.figure_text, claims.sentence, claims.char_start, claims.char_end, claims.extractor_version,
    claims.article_id,
    (SELECT url FROM articles WHERE articles.id = claims.article_id) AS url,
    (SELECT title FROM articles WHERE articles.id = claims.article_id) AS title,
    (SELECT name FROM outlets WHERE outlets.id = claims.outlet_id) AS outlet,
    (SELECT kind FROM outlets WHERE outlets.id = claims.outlet_id) AS outlet_kind,
    claims.published, claims.cluster_id,
    (SELECT fetched_at FROM article_versions WHERE article_versions.article_id = claims.article_id
     ORDER BY article_versions.id DESC LIMIT 1) AS fetched_at,
    (SELECT content_sha256 FROM article_versions WHERE article_versions.article_id = claims.article_id
     ORDER BY article_versions.id DESC LIMIT 1) AS content_sha256
FROM claims;
"""

DETECTION = """
-- Conflicts and the explained look-alikes (column cause); claim_a is the earlier of the two.
CREATE TABLE contradictions (
    id INTEGER PRIMARY KEY,
    metric TEXT NOT NULL,
    subject TEXT NOT NULL,
    cause TEXT NOT NULL,
    reason TEXT NOT NULL,
    claim_a INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    claim_b INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    a_low NUMERIC, a_high NUMERIC,      -- each claim's interval; NULL high: unbounded
    b_low NUMERIC, b_high NUMERIC
);
CREATE INDEX contradictions_subject_metric ON contradictions(subject, metric);
CREATE INDEX contradictions_cause ON contradictions(cause);
CREATE INDEX contradictions_claim_a ON contradictions(claim_a);
CREATE INDEX contradictions_claim_b ON contradictions(claim_b);

CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    metric TEXT NOT NULL,
    subject TEXT NOT NULL,
    reason TEXT NOT NULL,
    claim_a INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    claim_b INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE
);
CREATE INDEX agreements_subject_metric ON agreements(subject, metric);
CREATE INDEX agreements_claim_a ON agreements(claim_a);
CREATE INDEX agreements_claim_b ON agreements(claim_b);

-- Each distinct figure of a metric: its first appearance and the outlets that repeated it.
CREATE TABLE figure_timeline (
    id INTEGER PRIMARY KEY,
    metric TEXT NOT NULL, subject TEXT NOT NULL, unit TEXT NOT NULL,
    status TEXT NOT NULL, denominator TEXT,
    value NUMERIC NOT NULL, value_high NUMERIC, qualifier TEXT NOT NULL,
    low NUMERIC, high NUMERIC,          -- the figure's interval; NULL high: unbounded
    figure_text TEXT, time_text TEXT, time_start TEXT, time_end TEXT,
    first_claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    first_published TEXT, first_outlet TEXT,
    last_published TEXT,
    claim_count INTEGER NOT NULL,
    outlet_count INTEGER NOT NULL,
    outlets TEXT                        -- names of the outlets that gave it, alphabetically
);
CREATE INDEX figure_timeline_subject_metric ON figure_timeline(subject, metric, time_start, first_published);
CREATE INDEX figure_timeline_first_claim_id ON figure_timeline(first_claim_id);

CREATE TABLE metric_summary (
    metric TEXT NOT NULL,
    subject TEXT NOT NULL,
    unit TEXT,
    claim_count INTEGER NOT NULL,
    figure_count INTEGER NOT NULL,
    outlet_count INTEGER NOT NULL,
    first_published TEXT,
    last_published TEXT,
    latest_figure TEXT,                 -- figure text of the most recently published figure
    conflict_count INTEGER NOT NULL,
    explained_count INTEGER NOT NULL,   -- look-alikes: rounding, revised, different period/status/denominator
    agreement_count INTEGER NOT NULL,
    PRIMARY KEY (metric, subject)
);

-- (subject, metric) groups whose claims changed since the last detection: `detect(incremental=True)`.
CREATE TABLE detection_queue (
    subject TEXT NOT NULL,
    metric TEXT NOT NULL,
    PRIMARY KEY (subject, metric)
) WITHOUT ROWID;

-- A re-dated article, or one merged into a copy cluster, changes how its claims compare: queue their groups.
CREATE TRIGGER articles_requeue_detection AFTER UPDATE OF published, cluster_id, outlet_id ON articles
WHEN old.published IS NOT new.published OR old.cluster_id IS NOT new.cluster_id OR old.outlet_id IS NOT new.outlet_id
BEGIN
    INSERT OR IGNORE INTO detection_queue (subject, metric)
    SELECT DISTINCT subject, metric FROM claims WHERE article_id = new.id;
END;

CREATE VIEW contradictions_side_by_side AS
SELECT
    contradictions.id, contradictions.metric, contradictions.subject,
    contradictions.cause, contradictions.cause = 'conflict' AS is_conflict, contradictions.reason,
    a.figure_text AS figure_a, a.value AS value_a, a.value_high AS value_high_a, a.qualifier AS qualifier_a,
    a.status AS status_a, a.denominator AS denominator_a, a.time_text AS time_a,
    a.outlet AS outlet_a, a.published AS published_a, a.url AS url_a, a.sentence AS sentence_a,
    b.figure_text AS figure_b, b.value AS value_b, b.value_high AS value_high_b, b.qualifier AS qualifier_b,
    b.status AS status_b, b.denominator AS denominator_b, b.time_text AS time_b,
    b.outlet AS outlet_b, b.published AS published_b, b.url AS url_b, b.sentence AS sentence_b,
    a.id AS claim_a, b.id AS claim_b
FROM contradictions
JOIN claims_with_provenance AS a ON a.id = contradictions.claim_a
JOIN claims_with_provenance AS b ON b.id = contradictions.claim_b;
"""


def _storage(db):
    db.executescript(STORAGE)
    db["articles"].enable_fts(["title", "text"], create_triggers=True)


def _claims(db):
    db.executescript(CLAIMS)
    db["claims"].enable_fts(["sentence"], create_triggers=True)


def _detection(db):
    db.executescript(DETECTION)


# Issue #17: a pair whose dates cannot be placed is `undated`, counted apart from conflicts and look-alikes, and each
# row keeps the arithmetic behind its reason.
EVIDENCE = """
ALTER TABLE contradictions ADD COLUMN evidence TEXT;
ALTER TABLE agreements ADD COLUMN evidence TEXT;
ALTER TABLE metric_summary ADD COLUMN undated_count INTEGER NOT NULL DEFAULT 0;
DROP VIEW contradictions_side_by_side;
CREATE VIEW contradictions_side_by_side AS
SELECT
    contradictions.id, contradictions.metric, contradictions.subject,
    contradictions.cause, contradictions.cause = 'conflict' AS is_conflict, contradictions.reason,
    contradictions.evidence,
    a.figure_text AS figure_a, a.value AS value_a, a.value_high AS value_high_a, a.qualifier AS qualifier_a,
    a.status AS status_a, a.denominator AS denominator_a, a.time_text AS time_a,
    a.outlet AS outlet_a, a.published AS published_a, a.url AS url_a, a.sentence AS sentence_a,
    b.figure_text AS figure_b, b.value AS value_b, b.value_high AS value_high_b, b.qualifier AS qualifier_b,
    b.status AS status_b, b.denominator AS denominator_b, b.time_text AS time_b,
    b.outlet AS outlet_b, b.published AS published_b, b.url AS url_b, b.sentence AS sentence_b,
    a.id AS claim_a, b.id AS claim_b
FROM contradictions
JOIN claims_with_provenance AS a ON a.id = contradictions.claim_a
JOIN claims_with_provenance AS b ON b.id = contradictions.claim_b;
"""


def _evidence(db):
    db.executescript(EVIDENCE)


# Issue #17: official records beside the press. Each imported file once (by its sha256), each row with its page and
# row in that file, so a researcher can open the record where a figure came from.
REFERENCE = """
CREATE TABLE reference_files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,        -- of the file's bytes: the same file imported twice is stored once
    name TEXT NOT NULL,                 -- the file's name when imported
    kind TEXT NOT NULL,                 -- deployments (the LFR deployment record) or totals
    outlet_id INTEGER NOT NULL REFERENCES outlets(id),  -- the official source, an outlet of kind official
    source_url TEXT,
    imported_at TEXT NOT NULL,
    row_count INTEGER NOT NULL
);

-- One row a deployment of the Met's live facial recognition deployment record. A later file giving the same
-- deployment (subject, date, location, duration) replaces the earlier file's row: the record is republished whole.
CREATE TABLE reference_deployments (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES reference_files(id) ON DELETE CASCADE,
    page INTEGER,                       -- PDF page; empty for CSV
    row INTEGER NOT NULL,               -- row in the page's table (PDF) or line of the file (CSV), from 1
    subject TEXT NOT NULL,
    date TEXT NOT NULL,
    location TEXT NOT NULL,
    duration TEXT NOT NULL DEFAULT '',  -- '' when not recorded, so that UNIQUE below sees one deployment once
    use_case TEXT,
    watchlist_size INTEGER, min_threshold REAL,
    total_alerts INTEGER, true_alerts_confirmed INTEGER, true_alerts_unconfirmed INTEGER,
    false_alerts_confirmed INTEGER, false_alerts_unconfirmed INTEGER, false_alert_rate TEXT,
    arrests INTEGER, other_outcomes INTEGER, no_action INTEGER, faces_seen INTEGER,
    UNIQUE (subject, date, location, duration)
);
CREATE INDEX reference_deployments_subject_date ON reference_deployments(subject, date);
CREATE INDEX reference_deployments_file_id ON reference_deployments(file_id);

-- Official totals: "203 deployments between September 2024 and September 2025", from an annual report.
CREATE TABLE reference_totals (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES reference_files(id) ON DELETE CASCADE,
    row INTEGER NOT NULL,
    metric TEXT NOT NULL, subject TEXT NOT NULL,
    value NUMERIC NOT NULL, qualifier TEXT NOT NULL,
    period_start TEXT, period_end TEXT NOT NULL, published TEXT,
    source_url TEXT, source_title TEXT,
    UNIQUE (subject, metric, period_start, period_end, source_url)
);
CREATE INDEX reference_totals_subject_metric ON reference_totals(subject, metric, period_end);
CREATE INDEX reference_totals_file_id ON reference_totals(file_id);
"""


def _reference(db):
    db.executescript(REFERENCE)


# Issue #17: press figures checked against the official record (db/official.py). One row per distinct figure and
# official source that speaks to it; every claim giving the figure shares its figure_key.
OFFICIAL_CHECKS = """
CREATE TABLE official_checks (
    id INTEGER PRIMARY KEY,
    metric TEXT NOT NULL,
    subject TEXT NOT NULL,
    cause TEXT NOT NULL,                -- matches_official, differs_from_official, or not_checked (reason says why)
    reason TEXT NOT NULL,
    evidence TEXT,
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,  -- the figure's first claim
    figure_key INTEGER NOT NULL,        -- claims.figure_key of every claim giving the same figure
    claim_count INTEGER NOT NULL,       -- how many claims give it
    period_start TEXT, period_end TEXT, -- the period checked; NULL where the claim's cannot be placed in time
    official_value NUMERIC,             -- what the record gives for it; NULL when not checked
    official_qualifier TEXT,
    source TEXT NOT NULL,               -- the table the official figure comes from
    rows_from TEXT, rows_to TEXT,       -- the first and last deployment summed, or a total's period
    row_count INTEGER,                  -- deployments summed (1 for a total)
    total_id INTEGER,                   -- the reference_totals row, for a total
    file_ids TEXT NOT NULL DEFAULT '[]' -- JSON list of the reference_files the rows came from
);
CREATE INDEX official_checks_subject_metric ON official_checks(subject, metric);
CREATE INDEX official_checks_claim_id ON official_checks(claim_id);
CREATE INDEX official_checks_figure_key ON official_checks(figure_key);
CREATE INDEX official_checks_cause ON official_checks(cause);

CREATE VIEW official_checks_side_by_side AS
SELECT
    official_checks.id, official_checks.metric, official_checks.subject, official_checks.cause,
    official_checks.reason,
    claim.figure_text AS press_figure, claim.value AS press_value, claim.qualifier AS press_qualifier,
    claim.time_text AS press_period, claim.outlet, claim.published, claim.url, claim.sentence,
    official_checks.official_value, official_checks.official_qualifier,
    official_checks.period_start, official_checks.period_end,
    official_checks.source, official_checks.rows_from, official_checks.rows_to, official_checks.row_count,
    official_checks.total_id, official_checks.evidence,
    official_checks.claim_id, official_checks.claim_count
FROM official_checks
JOIN claims_with_provenance AS claim ON claim.id = official_checks.claim_id;
"""


def _official_checks(db):
    db.executescript(OFFICIAL_CHECKS)


# Issue #18: the metric vocabulary's words for readers, so the site labels a metric without reading nlp's data files
# (publish reads the database only). Rewritten whole by db.labels.store_metrics on every extract and detect.
METRICS = """
CREATE TABLE metrics (
    name TEXT PRIMARY KEY,              -- claims.metric
    title TEXT NOT NULL,                -- "Drones in service"
    unit TEXT NOT NULL,                 -- the contract's unit: count, GBP, minutes, per_week, percent, ratio
    description TEXT,                   -- "drones the force has in service"
    kind TEXT                           -- stock, flow or amount
);
"""


def _metrics(db):
    db.executescript(METRICS)


# Figures of an article the extractor found but made no claim of, each with why (issue #16): written with the
# article's claims, replaced with them, so what was left out is as inspectable as what was kept.
SKIPPED_FIGURES = """
CREATE TABLE IF NOT EXISTS skipped_figures (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    figure_text TEXT NOT NULL,
    value NUMERIC,
    unit TEXT,
    reason TEXT NOT NULL,               -- "tie between lfr_arrests and arrests_total", "no counted noun", ...
    candidates TEXT NOT NULL DEFAULT '[]',  -- JSON list of the metrics scored: metric, score, because
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS skipped_figures_article_id ON skipped_figures(article_id);
"""


def _skipped_figures(db):
    db.executescript(SKIPPED_FIGURES)


# Issue #19: a review finds its claims again by the article, where the figure stands, the figure as written and its
# value (db.reviews.CLAIM_IDENTITY); with all of them in one index each look-up reads no claim row. The site
# locates every review on each page that counts verdicts: 1,000 reviews located in about half the time.
REVIEW_LOOKUP = """
CREATE INDEX claims_review_identity ON claims(article_id, char_start, char_end, figure_text, value);
"""


def _review_lookup(db):
    db.executescript(REVIEW_LOOKUP)


# Issue #18: a figure repeated only by syndicated copies of one story is marked apart from one that independent
# sources repeat (the chart draws the two differently). Filled by `detect`.
COPIES_ONLY = """
-- 1: every article giving the figure is a copy of one story
ALTER TABLE figure_timeline ADD COLUMN copies_only INTEGER NOT NULL DEFAULT 0;
"""


def _copies_only(db):
    db.executescript(COPIES_ONLY)


# Migration N is MIGRATIONS[N - 1].
MIGRATIONS = [_storage, _claims, _detection, _evidence, _reference, _official_checks, _metrics, _skipped_figures,
              _review_lookup, _copies_only]


def version(db: sqlite_utils.Database) -> int:
    if not db["schema_version"].exists():
        return 0
    row = db.execute("SELECT max(version) FROM schema_version").fetchone()
    return row[0] or 0


def migrate(db: sqlite_utils.Database, target: int | None = None, name: str = "database") -> int:
    """Apply the missing migrations up to `target` (default: all); returns the version reached."""
    target = len(MIGRATIONS) if target is None else target
    current = version(db)
    if current > len(MIGRATIONS):
        raise DatabaseError(
            f"{name}: schema version {current} is newer than this claimwatch understands "
            f"({len(MIGRATIONS)}); upgrade claimwatch to open it"
        )
    for number in range(current + 1, target + 1):
        with db.atomic():
            MIGRATIONS[number - 1](db)
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            db.execute("DELETE FROM schema_version")
            db.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
    return max(current, target)


def open_database(path) -> sqlite_utils.Database:
    """Create or open the claimwatch database at `path`, with WAL and foreign keys on, fully migrated."""
    try:
        db = sqlite_utils.Database(path)
    except sqlite3.Error as error:
        raise DatabaseError(f"{path}: cannot open as a SQLite database ({error})") from None
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.enable_wal()
        migrate(db, name=str(path))
    except sqlite3.Error as error:
        db.close()
        raise DatabaseError(f"{path}: not a usable SQLite database ({error})") from None
    except DatabaseError:
        db.close()
        raise
    return db
