"""Folding worker shards into the published database (docs/scaling.md, "Merging shards").

Crawler workers each write their own claimwatch database (a shard); extraction workers each append their claims to
their own JSON Lines file (a claim shard); db/shards.py has both formats. merge() folds any number of both into the
target database in one transaction, into what one crawl and extraction of the same pages would have stored, whatever
the order of the shards and however often the same shard is merged again.

How: every shard database is ATTACHed read-only, and the decisions are taken in SQL over temporary tables that hold
only keys (URLs, hashes, dates, ids): which source's row each article takes, which articles are copies of another's
text, which versions and URLs each ends with. The target takes part as one more source (number 0), so merging into a
database that already holds some of the same articles gives the same result as merging everything at once. Rows then
go shard → target with INSERT ... SELECT, new articles in id order: full-text indexing slows several times when rows
come out of rowid order."""

import contextlib
import hashlib
import json
import pathlib
import sqlite3

import sqlite_utils

from claimwatch.db import copies, schema, store
from claimwatch.db.schema import DatabaseError
from claimwatch.db.shards import (
    CLAIM_SHARD_SUFFIX,
    DATABASE_SUFFIXES,
    check_database_shard,
    check_readable,
    read_claim_shard,
    read_only_uri,
)

# SQLite attaches at most 10 databases to one connection (SQLITE_MAX_ATTACHED). Merging is order-independent and
# idempotent, so more shards than that merge in several calls with the same result.
MAX_DATABASE_SHARDS = 10
EMPTY_TEXT_SHA256 = hashlib.sha256(b"").hexdigest()
# The page caches of the target and of the temporary tables while merging, in KiB: a 100,000-article merge inserts
# millions of index entries in hash order, and with SQLite's default 2 MB most of them would wait on a page read.
MERGE_CACHE_KIB = 512 * 1024
# The tables with a full-text index kept by triggers (db/schema.py).
SEARCHABLE_TABLES = ("articles", "claims")
# FTS5 merges its index segments 4 at a time by default; 16 while merging a bulk of new rows saves merge work, and
# searches stay as fast. The setting is restored afterwards.
BULK_FTS_AUTOMERGE = 16
# Finding copies: probing the LSH index once per band of each article to recluster costs about four times what
# reading the whole index in order does, per row; past that share of the index, one ordered scan is cheaper.
SCAN_BANDS_FROM_SHARE = 0.25

ARTICLE_COLUMNS = ("url", "outlet_id", "published", "title", "author", "description", "site_name", "language",
                   "updated", "text_sha256", "topic_terms", "keywords", "text", "minhash")
VERSION_COLUMNS = ("requested_url", "final_url", "http_status", "etag", "last_modified", "content_type", "encoding",
                   "content_sha256", "body_zlib", "body_size", "extractors", "via")
# Read from a shard's row, as _picked() takes them: its outlet is the target's outlet of the same name.
OUTLET_ID = "(SELECT id FROM temp.merge_outlet_ids AS o WHERE o.source = {number} AND o.source_id = {row}.outlet_id)"
PICKED_ARTICLE_COLUMNS = [("outlet_id", OUTLET_ID) if column == "outlet_id" else column for column in ARTICLE_COLUMNS]

STATS = ("articles_added", "articles_updated", "articles_unchanged", "articles_duplicate", "versions_added",
         "urls_added", "outlets_added", "runs_added", "claim_lines", "claim_lines_merged", "claim_lines_unchanged",
         "claim_lines_superseded", "claim_lines_stale", "claim_lines_truncated", "claims_merged")


def merge(target: sqlite_utils.Database, shards: list[pathlib.Path]) -> dict:
    """Merge shard databases (.db, .sqlite: read-only) and claim shards (.jsonl) into `target`, in one transaction.

    Returns counts: articles added / updated / unchanged / duplicate (stored as a URL of the article with the same
    text), versions, URLs, outlets and runs added, and claim lines merged / unchanged / superseded / stale / cut short,
    with the claims merged. A shard that cannot be merged raises ValueError or db.DatabaseError, one line naming it,
    before anything is written."""
    database_shards, claim_shards = _checked_shards(target, [pathlib.Path(shard) for shard in shards])
    stats = dict.fromkeys(STATS, 0)
    target.execute("PRAGMA foreign_keys = ON")  # removing an article that became a copy cascades to its rows
    cache_sizes = {schema_name: target.execute(f"PRAGMA {schema_name}.cache_size").fetchone()[0]
                   for schema_name in ("main", "temp")}
    for schema_name in cache_sizes:
        target.execute(f"PRAGMA {schema_name}.cache_size = -{MERGE_CACHE_KIB}")
    sources = [(0, "main")]
    try:
        _attach(target, database_shards, sources)
        with target.atomic():
            # New articles' LSH bands go in before the articles themselves, so that their copy clusters are known
            # when they are inserted: they must not be updated afterwards (see _indexed_in_bulk).
            target.execute("PRAGMA defer_foreign_keys = ON")
            _drop_temp_tables(target)
            _load_claim_lines(target, claim_shards, stats)
            automerge = _set_fts_automerge(target, dict.fromkeys(SEARCHABLE_TABLES, BULK_FTS_AUTOMERGE))
            with _indexed_in_bulk(target, SEARCHABLE_TABLES):
                if len(sources) > 1:
                    _merge_databases(target, sources, stats)
                _apply_claim_lines(target, stats)
            _set_fts_automerge(target, automerge)
            _drop_temp_tables(target)
    except sqlite3.DatabaseError as error:
        raise _shard_error(database_shards, error) from None
    finally:
        for schema_name, cache_size in cache_sizes.items():
            target.execute(f"PRAGMA {schema_name}.cache_size = {cache_size}")
        _detach(target, sources[1:])
    return stats


# Checking shards -----------------------------------------------------------------------------------------------------


def _checked_shards(target, shards: list[pathlib.Path]) -> tuple[list[pathlib.Path], list[pathlib.Path]]:
    """The shard databases and claim shards to merge, each once; the first unusable one raises, naming it."""
    version = schema.version(target)
    if version != len(schema.MIGRATIONS):
        raise DatabaseError(f"{_main_file(target) or 'target'}: schema version {version}, not "
                            f"{len(schema.MIGRATIONS)}; open it with db.open_database() first")
    target_file = _main_file(target)
    databases, claim_files, seen = [], [], set()
    for path in shards:
        suffix = path.suffix.lower()
        if suffix not in DATABASE_SUFFIXES and suffix != CLAIM_SHARD_SUFFIX:
            raise ValueError(f"{path}: not a shard: expected a claimwatch database (.db, .sqlite) or a claim shard "
                             "(.jsonl)")
        if not path.exists():
            raise ValueError(f"{path}: no such file")
        if not path.is_file():
            raise ValueError(f"{path}: not a file")
        if target_file is not None and path.resolve() == target_file:
            raise ValueError(f"{path}: is the database being merged into")
        if path.resolve() in seen:
            continue
        seen.add(path.resolve())
        if suffix == CLAIM_SHARD_SUFFIX:
            check_readable(path)
            claim_files.append(path)
        else:
            check_database_shard(path, version)
            databases.append(path)
    if len(databases) > MAX_DATABASE_SHARDS:
        raise ValueError(f"{len(databases)} shard databases: SQLite attaches at most {MAX_DATABASE_SHARDS} at once; "
                         f"merge them in calls of up to {MAX_DATABASE_SHARDS} (the result is the same)")
    return databases, claim_files


def _main_file(database) -> pathlib.Path | None:
    for _, name, file in database.execute("PRAGMA database_list"):
        if name == "main" and file:
            return pathlib.Path(file).resolve()
    return None


def _shard_error(shards: list[pathlib.Path], error: sqlite3.DatabaseError) -> Exception:
    """A SQLite error met while merging, as one line naming the shard it came from when one is damaged."""
    for path in shards:
        try:
            with sqlite3.connect(read_only_uri(path), uri=True) as connection:
                problems = [row[0] for row in connection.execute("PRAGMA quick_check(1)")]
        except sqlite3.Error as check_error:
            problems = [str(check_error)]
        if problems != ["ok"]:
            found = " ".join(problems[0].replace("*", " ").split())  # its reports span lines
            return DatabaseError(f"{path}: damaged database ({error}; {found})")
    return error


def _attach(target, paths: list[pathlib.Path], sources: list) -> None:
    """ATTACH each shard read-only as merge_shard_N, adding (N, schema name) to `sources` as it goes, so that the
    ones attached before a failure are detached."""
    for number, path in enumerate(paths, 1):
        name = f"merge_shard_{number}"
        target.execute(f"ATTACH DATABASE ? AS {name}", [read_only_uri(path)])
        sources.append((number, name))


def _detach(target, sources) -> None:
    if target.conn.in_transaction:  # SQLite cannot detach inside the caller's transaction; they go when it closes
        return
    for _, name in sources:
        target.execute(f"DETACH DATABASE {name}")


def _drop_temp_tables(target) -> None:
    for (name,) in target.execute("SELECT name FROM temp.sqlite_master WHERE type = 'table' AND name LIKE 'merge_%'")\
            .fetchall():
        target.execute(f"DROP TABLE temp.{name}")


def _set_fts_automerge(target, values: dict[str, int]) -> dict[str, int]:
    """Set the automerge setting of each table's full-text index; returns the previous ones (FTS5's default: 4)."""
    previous = {}
    for table, value in values.items():
        row = target.execute(f"SELECT v FROM main.{table}_fts_config WHERE k = 'automerge'").fetchone()
        previous[table] = row[0] if row else 4
        target.execute(f"INSERT INTO main.{table}_fts ({table}_fts, rank) VALUES ('automerge', ?)", [value])
    return previous


@contextlib.contextmanager
def _indexed_in_bulk(target, tables):
    """Index the rows inserted into each table for full-text search in one statement at the end, rather than row by
    row from its insert trigger: this SQLite's FTS5 flushes its pending terms at every statement a trigger runs,
    which made indexing about 8 times slower (measured: 51 against 6 microseconds per claim sentence). The trigger
    is dropped and created again from its own SQL inside the merge's transaction, so a failure restores it.
    Until then a row inserted must be neither updated nor deleted: the update and delete triggers would remove
    terms that were never indexed. The merge inserts each row once, final (clusters are decided beforehand)."""
    restore = []
    for table in tables:
        trigger = target.execute("SELECT sql FROM main.sqlite_master WHERE type = 'trigger' AND name = ?",
                                 [f"{table}_ai"]).fetchone()
        if trigger:
            columns = ", ".join(row[1] for row in target.execute(f"PRAGMA main.table_info({table}_fts)"))
            last = _count(target, f"SELECT coalesce(max(rowid), 0) FROM main.{table}")
            target.execute(f"DROP TRIGGER main.{table}_ai")
            restore.append((table, columns, last, trigger[0]))
    yield
    for table, columns, last, create_trigger in restore:
        target.execute(f"INSERT INTO main.{table}_fts (rowid, {columns}) SELECT rowid, {columns} FROM main.{table} "
                       "WHERE rowid > ? ORDER BY rowid", [last])
        target.execute(create_trigger)


def _count(target, sql: str, parameters=()) -> int:
    return target.execute(sql, parameters).fetchone()[0]


def _picked(sources, table: str, columns, picks: str, fixed: str = "") -> str:
    """SELECT, for each row of temp table `picks` (which names a source and a source_id), `columns` of that row of
    `table` in that source, in the order of picks' rowid. A column is a name, or (name, expression) with {row} for
    the source's row and {number} for the source's number. `fixed`: more columns of picks to select first."""
    joins = " ".join(f"LEFT JOIN {name}.{table} AS s{number} ON p.source = {number} AND s{number}.id = p.source_id"
                     for number, name in sources)
    selected = []
    for column in columns:
        name, expression = column if isinstance(column, tuple) else (column, "{row}." + column)
        cases = " ".join(f"WHEN {number} THEN {expression.format(row=f's{number}', number=number)}"
                         for number, _ in sources)
        selected.append(f"CASE p.source {cases} END AS {name}")
    return f"SELECT {fixed}{', '.join(selected)} FROM temp.{picks} AS p {joins} ORDER BY p.rowid"


# Merging shard databases ---------------------------------------------------------------------------------------------


def _merge_databases(target, sources, stats: dict) -> None:
    shards = sources[1:]
    _merge_outlets(target, shards, stats)
    _gather_candidates(target, sources)
    _decide_articles(target, stats)
    _decide_urls(target, sources, stats)
    _decide_versions(target, sources, stats)
    _pick_updates(target, sources)
    _list_clusters_to_redo(target)
    _remove_copies(target)
    _update_articles(target, stats)
    _refresh_bands(target, shards)
    _insert_articles(target, shards, _clusters(target, shards))
    _write_versions(target, sources)
    _write_urls(target)
    _merge_runs(target, shards, stats)


def _merge_outlets(target, shards, stats: dict) -> None:
    """Outlets by name. A name's domain and kind must not depend on the order shards arrive in, so each takes the
    smallest value known (a kind other than 'unknown' first)."""
    before = _count(target, "SELECT count(*) FROM main.outlets")
    for _, name in shards:
        target.execute(f"""
            INSERT INTO main.outlets (name, domain, kind) SELECT name, domain, kind FROM {name}.outlets WHERE true
            ON CONFLICT (name) DO UPDATE SET
                domain = CASE WHEN domain IS NULL THEN excluded.domain
                              WHEN excluded.domain IS NULL THEN domain ELSE min(domain, excluded.domain) END,
                kind = CASE WHEN kind = 'unknown' THEN excluded.kind
                            WHEN excluded.kind = 'unknown' THEN kind ELSE min(kind, excluded.kind) END
            WHERE excluded.domain IS NOT NULL AND (domain IS NULL OR excluded.domain < domain)
               OR excluded.kind != 'unknown' AND (kind = 'unknown' OR excluded.kind < kind)""")
    stats["outlets_added"] = _count(target, "SELECT count(*) FROM main.outlets") - before
    target.execute("CREATE TEMP TABLE merge_outlet_ids (source INTEGER, source_id INTEGER, id INTEGER, "
                   "PRIMARY KEY (source, source_id))")
    for number, name in shards:
        target.execute(f"INSERT INTO temp.merge_outlet_ids SELECT {number}, shard.id, outlets.id FROM {name}.outlets "
                       "AS shard JOIN main.outlets ON outlets.name = shard.name")


def _candidate_rows(number: int, name: str, where: str = "") -> str:
    """Each article of a source, with what decides between sources: last_fetched_at, when the source last fetched
    the page and found the body its row holds (ArticleStore sets it with the latest version's last_checked_at, on
    a new version, an unchanged fetch or a 304), so reading it spares reading every version row."""
    return f"""
        SELECT {number}, a.id, a.url, a.text_sha256, a.published, a.title, a.first_fetched_at, a.last_fetched_at
        FROM {name}.articles AS a {where}"""


def _gather_candidates(target, sources) -> None:
    """Every article of every shard, and the target's articles at the same URLs or with the same texts."""
    target.execute("""CREATE TEMP TABLE merge_candidates (
        source INTEGER NOT NULL, source_id INTEGER NOT NULL, url TEXT NOT NULL, text_sha256 TEXT, published TEXT,
        title TEXT, first_fetched_at TEXT, last_fetched_at TEXT, PRIMARY KEY (url, source))""")
    for number, name in sources[1:]:
        target.execute("INSERT INTO temp.merge_candidates " + _candidate_rows(number, name))
    target.execute("INSERT OR IGNORE INTO temp.merge_candidates " + _candidate_rows(
        0, "main", "WHERE a.url IN (SELECT url FROM temp.merge_candidates)"))
    target.execute("INSERT OR IGNORE INTO temp.merge_candidates " + _candidate_rows(
        0, "main", "WHERE a.text_sha256 IN (SELECT text_sha256 FROM temp.merge_candidates WHERE text_sha256 != ?)"),
        [EMPTY_TEXT_SHA256])
    target.execute("CREATE INDEX temp.merge_candidates_source ON merge_candidates (source, source_id)")


def _decide_articles(target, stats: dict) -> None:
    """One row per URL that is an article somewhere: the source whose row wins (the one that fetched it last, so
    holds the newest body; ties go by text, date and title, never by the order shards come in),
    the URL of the article it is stored as (itself, or the first fetched of the articles with the same text, as one
    crawl would have kept), and the target row it ends in: the target's row at the same URL, else the target's row
    of a copy (same text), else a new id; new ids follow (first_fetched_at, url), whatever the order of shards."""
    target.execute("""CREATE TEMP TABLE merge_articles (
        url TEXT PRIMARY KEY, source INTEGER, source_id INTEGER, text_sha256 TEXT, published TEXT,
        first_fetched_at TEXT, last_fetched_at TEXT, canonical TEXT, target_id INTEGER, id INTEGER)""")
    target.execute("""
        INSERT INTO temp.merge_articles (url, source, source_id, text_sha256, published, first_fetched_at,
                                         last_fetched_at, canonical, target_id)
        SELECT url, source, source_id, text_sha256, published, first_fetched_at, last_fetched_at, url,
               (SELECT id FROM main.articles WHERE articles.url = newest.url)
        FROM (SELECT source, source_id, url, text_sha256, published,
                     min(first_fetched_at) OVER same_url AS first_fetched_at,
                     max(last_fetched_at) OVER same_url AS last_fetched_at,
                     row_number() OVER (same_url ORDER BY last_fetched_at DESC, text_sha256 DESC,
                                        published DESC, title DESC, source != 0, source) AS rank
              FROM temp.merge_candidates WINDOW same_url AS (PARTITION BY url)) AS newest
        WHERE rank = 1 ORDER BY url""")
    # Copies are rare: only the texts stored under more than one URL need their first article found.
    target.execute("CREATE INDEX temp.merge_articles_text ON merge_articles (text_sha256, first_fetched_at, url)")
    target.execute("""
        UPDATE temp.merge_articles SET canonical = (
            SELECT first.url FROM temp.merge_articles AS first WHERE first.text_sha256 = merge_articles.text_sha256
            ORDER BY first.first_fetched_at IS NULL, first.first_fetched_at, first.url LIMIT 1)
        WHERE text_sha256 IN (SELECT text_sha256 FROM temp.merge_articles WHERE text_sha256 != ?
                              GROUP BY text_sha256 HAVING count(*) > 1)""", [EMPTY_TEXT_SHA256])
    target.execute("CREATE INDEX temp.merge_articles_canonical ON merge_articles (canonical, url)")
    target.execute("""
        UPDATE temp.merge_articles SET id = coalesce(target_id, (
            SELECT copy.target_id FROM temp.merge_articles AS copy
            WHERE copy.canonical = merge_articles.url AND copy.target_id IS NOT NULL ORDER BY copy.url LIMIT 1))
        WHERE url = canonical""")
    last_id = _count(target, "SELECT coalesce(max(id), 0) FROM main.articles")
    target.execute("""
        UPDATE temp.merge_articles SET id = :last_id + new.number
        FROM (SELECT url, row_number() OVER (ORDER BY first_fetched_at IS NULL, first_fetched_at, url) AS number
              FROM temp.merge_articles WHERE url = canonical AND id IS NULL) AS new
        WHERE merge_articles.url = new.url""", {"last_id": last_id})
    target.execute("""
        UPDATE temp.merge_articles SET id = (SELECT kept.id FROM temp.merge_articles AS kept
                                             WHERE kept.url = merge_articles.canonical)
        WHERE url != canonical""")
    target.execute("CREATE INDEX temp.merge_articles_id ON merge_articles (id)")
    target.execute("CREATE TEMP TABLE merge_new (id INTEGER PRIMARY KEY, url TEXT, source INTEGER, source_id INTEGER, "
                   "first_fetched_at TEXT, last_fetched_at TEXT, cluster_id INTEGER)")
    target.execute("""INSERT INTO temp.merge_new
                      SELECT id, url, source, source_id, first_fetched_at, last_fetched_at, id
                      FROM temp.merge_articles WHERE url = canonical AND id > ? ORDER BY id""", [last_id])
    stats["articles_added"] = _count(target, "SELECT count(*) FROM temp.merge_new")
    stats["articles_duplicate"] = _count(target, "SELECT count(*) FROM temp.merge_articles WHERE url != canonical")


def _decide_urls(target, sources, stats: dict) -> None:
    """Every URL of the shards' articles, and the target's URLs they touch. A URL that is an article's own stays
    with that article (or the article it is a copy of); any other goes with the article it was first seen for."""
    target.execute("CREATE TEMP TABLE merge_url_copies (url TEXT NOT NULL, article_url TEXT NOT NULL, "
                   "first_seen_at TEXT)")
    for _, name in sources[1:]:
        target.execute(f"""INSERT INTO temp.merge_url_copies SELECT u.url, a.url, u.first_seen_at
                           FROM {name}.article_urls AS u JOIN {name}.articles AS a ON a.id = u.article_id""")
    target_rows = ("INSERT INTO temp.merge_url_copies SELECT u.url, a.url, u.first_seen_at FROM main.article_urls "
                   "AS u JOIN main.articles AS a ON a.id = u.article_id WHERE ")
    target.execute(target_rows + "u.url IN (SELECT url FROM temp.merge_url_copies)")
    target.execute(target_rows + "u.article_id IN (SELECT source_id FROM temp.merge_candidates WHERE source = 0)")
    target.execute("""CREATE TEMP TABLE merge_urls (url TEXT PRIMARY KEY, article_id INTEGER, first_seen_at TEXT)""")
    target.execute("""
        INSERT INTO temp.merge_urls (url, article_id, first_seen_at)
        SELECT url, article_id, first_seen_at FROM (
            SELECT c.url, min(c.first_seen_at) OVER same_url AS first_seen_at,
                   coalesce(as_article.id, (SELECT id FROM main.articles WHERE url = c.url), of_article.id,
                            (SELECT id FROM main.articles WHERE url = c.article_url)) AS article_id,
                   row_number() OVER (same_url ORDER BY c.first_seen_at IS NULL, c.first_seen_at,
                                      coalesce(of_article.canonical, c.article_url)) AS rank
            FROM temp.merge_url_copies AS c
            LEFT JOIN temp.merge_articles AS as_article ON as_article.url = c.url
            LEFT JOIN temp.merge_articles AS of_article ON of_article.url = c.article_url
            WINDOW same_url AS (PARTITION BY c.url))
        WHERE rank = 1""")
    stats["urls_added"] = _count(target, "SELECT count(*) FROM temp.merge_urls WHERE url NOT IN "
                                         "(SELECT url FROM main.article_urls)")


def _decide_versions(target, sources, stats: dict) -> None:
    """The versions each article ends with: one per distinct body among all sources' versions of its own URL,
    first fetched at the earliest fetch, last checked at the latest; and the articles whose versions must be
    rewritten because the target's differ."""
    target.execute("CREATE TEMP TABLE merge_version_copies (article_id INTEGER, content_sha256 TEXT, fetched_at TEXT, "
                   "last_checked_at TEXT, source INTEGER, source_id INTEGER)")
    for number, name in sources:
        target.execute(f"""
            INSERT INTO temp.merge_version_copies
            SELECT m.id, v.content_sha256, v.fetched_at, v.last_checked_at, {number}, v.id
            FROM temp.merge_candidates AS c
            JOIN temp.merge_articles AS m ON m.url = c.url AND m.url = m.canonical
            JOIN {name}.article_versions AS v ON v.article_id = c.source_id
            WHERE c.source = {number}""")
    target.execute("""CREATE TEMP TABLE merge_versions AS
        SELECT article_id, content_sha256, fetched_at, last_checked_at, source, source_id FROM (
            SELECT article_id, content_sha256, min(fetched_at) OVER body AS fetched_at,
                   max(last_checked_at) OVER body AS last_checked_at, source, source_id,
                   row_number() OVER (body ORDER BY fetched_at, source != 0, source, source_id) AS rank
            FROM temp.merge_version_copies WINDOW body AS (PARTITION BY article_id, content_sha256))
        WHERE rank = 1""")
    target.execute("CREATE INDEX temp.merge_versions_article ON merge_versions (article_id)")
    target.execute("CREATE TEMP TABLE merge_rewrite_versions (article_id INTEGER PRIMARY KEY)")
    target.execute("""
        INSERT INTO temp.merge_rewrite_versions
        SELECT article_id FROM temp.merge_versions AS d WHERE NOT EXISTS (
            SELECT 1 FROM main.article_versions AS v WHERE v.article_id = d.article_id
            AND v.content_sha256 = d.content_sha256 AND v.fetched_at = d.fetched_at
            AND v.last_checked_at IS d.last_checked_at)
        UNION
        SELECT id FROM temp.merge_articles AS m WHERE url = canonical AND (
            SELECT count(*) FROM main.article_versions WHERE article_id = m.id) != (
            SELECT count(*) FROM temp.merge_versions WHERE article_id = m.id)""")
    stats["versions_added"] = _count(target, """
        SELECT count(*) FROM temp.merge_versions AS d WHERE NOT EXISTS (
            SELECT 1 FROM main.article_versions AS v
            WHERE v.article_id = d.article_id AND v.content_sha256 = d.content_sha256)""")


def _pick_updates(target, sources) -> None:
    """The new values of the target's articles whose winning row is a shard's, kept only where something changed,
    with the old values that decide what else must follow (extraction, copy cluster)."""
    target.execute("""CREATE TEMP TABLE merge_update_picks AS
        SELECT id, source, source_id, first_fetched_at, last_fetched_at FROM temp.merge_articles
        WHERE url = canonical AND source != 0 AND id IN (SELECT id FROM main.articles) ORDER BY id""")
    names = ", ".join(ARTICLE_COLUMNS)
    target.execute(f"CREATE TEMP TABLE merge_updates (id INTEGER PRIMARY KEY, first_fetched_at TEXT, "
                   f"last_fetched_at TEXT, {names})")
    target.execute(f"INSERT INTO temp.merge_updates (id, first_fetched_at, last_fetched_at, {names}) " + _picked(
        sources[1:], "articles", PICKED_ARTICLE_COLUMNS, "merge_update_picks",
        fixed="p.id, p.first_fetched_at, p.last_fetched_at, "))
    unchanged = " AND ".join(f"a.{column} IS u.{column}"
                             for column in ("first_fetched_at", "last_fetched_at", *ARTICLE_COLUMNS))
    target.execute(f"DELETE FROM temp.merge_updates WHERE id IN (SELECT u.id FROM temp.merge_updates AS u "
                   f"JOIN main.articles AS a ON a.id = u.id WHERE {unchanged})")


def _list_clusters_to_redo(target) -> None:
    """Articles whose copy cluster must be worked out again: the new ones, those whose text (MinHash) changes, and
    every member of the clusters those and the removed copies leave, since a cluster can split when one leaves."""
    target.execute("""CREATE TEMP TABLE merge_removed AS
        SELECT DISTINCT target_id AS id FROM temp.merge_articles WHERE target_id IS NOT NULL AND target_id != id""")
    target.execute("""CREATE TEMP TABLE merge_band_sources AS
        SELECT u.id, m.source, m.source_id FROM temp.merge_updates AS u JOIN main.articles AS a ON a.id = u.id
        JOIN temp.merge_articles AS m ON m.id = u.id AND m.url = m.canonical WHERE a.minhash IS NOT u.minhash
        UNION ALL SELECT id, source, source_id FROM temp.merge_new""")
    target.execute("CREATE TEMP TABLE merge_recluster (id INTEGER PRIMARY KEY)")
    target.execute("""
        INSERT INTO temp.merge_recluster
        SELECT id FROM main.articles WHERE cluster_id IN (
            SELECT cluster_id FROM main.articles WHERE id IN (SELECT id FROM temp.merge_removed)
                                                    OR id IN (SELECT id FROM temp.merge_band_sources))
        AND id NOT IN (SELECT id FROM temp.merge_removed)
        UNION SELECT id FROM temp.merge_band_sources""")


def _remove_copies(target) -> None:
    """The target's articles that turn out to be copies of an earlier article's text become its URLs (their rows
    cascade away); their claims' groups need detecting again."""
    target.execute("""INSERT OR IGNORE INTO main.detection_queue (subject, metric)
                      SELECT DISTINCT subject, metric FROM main.claims
                      WHERE article_id IN (SELECT id FROM temp.merge_removed)""")
    target.execute("DELETE FROM main.articles WHERE id IN (SELECT id FROM temp.merge_removed)")


def _update_articles(target, stats: dict) -> None:
    # A new text or publication date makes the claims stale: forgetting the extraction has the article extracted
    # again, as ArticleStore does for a changed page (its claims stay until then).
    target.execute("""DELETE FROM main.extractions WHERE article_id IN (
                          SELECT u.id FROM temp.merge_updates AS u JOIN main.articles AS a ON a.id = u.id
                          WHERE a.text_sha256 IS NOT u.text_sha256 OR a.published IS NOT u.published)""")
    assignments = ", ".join(f"{column} = u.{column}"
                            for column in ("first_fetched_at", "last_fetched_at", *ARTICLE_COLUMNS))
    updated = target.execute(f"UPDATE main.articles SET {assignments} FROM temp.merge_updates AS u "
                             "WHERE articles.id = u.id").rowcount
    # Where the target's own row is the newest, only the fetch dates can move.
    updated += target.execute("""
        UPDATE main.articles SET first_fetched_at = m.first_fetched_at, last_fetched_at = m.last_fetched_at
        FROM temp.merge_articles AS m
        WHERE m.id = articles.id AND m.url = m.canonical AND m.source = 0
        AND (articles.first_fetched_at IS NOT m.first_fetched_at OR articles.last_fetched_at IS NOT m.last_fetched_at)
        """).rowcount
    stats["articles_updated"] = updated
    stats["articles_unchanged"] = _count(target, "SELECT count(*) FROM temp.merge_articles WHERE url = canonical "
                                                 "AND id NOT IN (SELECT id FROM temp.merge_new)") - updated


def _refresh_bands(target, shards) -> None:
    """LSH bands (copies.band_buckets of the MinHash) of new articles and of articles with a new text, copied from
    the shard whose row won: the shard's ArticleStore computed them from the same signature."""
    target.execute("DELETE FROM main.minhash_bands WHERE article_id IN (SELECT id FROM temp.merge_band_sources)")
    for number, name in shards:
        target.execute(f"""INSERT INTO main.minhash_bands (band, bucket, article_id)
                           SELECT b.band, b.bucket, p.id FROM temp.merge_band_sources AS p
                           JOIN {name}.minhash_bands AS b ON b.article_id = p.source_id WHERE p.source = {number}""")


def _clusters(target, shards) -> dict[int, int]:
    """Copy clusters of the articles in merge_recluster (copies.regroup): updates the target's articles and
    returns the cluster of each new article that is not its own, for _insert_articles."""
    redo = {id_ for (id_,) in target.execute("SELECT id FROM temp.merge_recluster")}
    articles = _count(target, "SELECT (SELECT count(*) FROM main.articles) + (SELECT count(*) FROM temp.merge_new)")
    pairs = copies.candidate_pairs(target, "temp.merge_recluster", scan=len(redo) >= SCAN_BANDS_FROM_SHARE * articles)
    signatures = _signatures(target, shards, {id_ for pair in pairs for id_ in pair})
    outside = dict(store.rows_by_id(target, "SELECT id, cluster_id FROM main.articles WHERE id IN",
                                    {other for _, other in pairs if other not in redo}))
    clusters, renamed = copies.regroup(redo, pairs, signatures, outside)
    new = {id_ for (id_,) in target.execute("SELECT id FROM temp.merge_new")}
    copies.write_clusters(target, {id_: cluster for id_, cluster in clusters.items() if id_ not in new}, renamed)
    return {id_: clusters[id_] for id_ in new if clusters[id_] != id_}


def _signatures(target, shards, ids: set[int]) -> dict[int, list[int]]:
    """MinHash signatures of articles by id: new articles' from their shard, the others' from the target."""
    signatures = {id_: json.loads(minhash) for id_, minhash in store.rows_by_id(
        target, "SELECT id, minhash FROM main.articles WHERE minhash IS NOT NULL AND id IN", ids)}
    target.execute("CREATE TEMP TABLE merge_signature_picks AS SELECT id, source, source_id FROM temp.merge_new "
                   "WHERE false")
    target.conn.executemany("INSERT INTO temp.merge_signature_picks SELECT id, source, source_id FROM temp.merge_new "
                            "WHERE id = ?", [(id_,) for id_ in sorted(ids - set(signatures))])
    for id_, minhash in target.execute(_picked(shards, "articles", ["minhash"], "merge_signature_picks", "p.id, ")):
        if minhash:
            signatures[id_] = json.loads(minhash)
    return signatures


def _insert_articles(target, shards, clusters: dict[int, int]) -> None:
    target.conn.executemany("UPDATE temp.merge_new SET cluster_id = ? WHERE id = ?",
                            [(cluster, id_) for id_, cluster in sorted(clusters.items())])
    names = ", ".join(ARTICLE_COLUMNS)
    target.execute(f"INSERT INTO main.articles (id, cluster_id, first_fetched_at, last_fetched_at, {names}) "
                   + _picked(shards, "articles", PICKED_ARTICLE_COLUMNS, "merge_new",
                             fixed="p.id, p.cluster_id, p.first_fetched_at, p.last_fetched_at, "))


def _write_versions(target, sources) -> None:
    """Rewrite the versions of the articles whose versions changed, oldest first (by when each body was last seen,
    so the last row is the body the article's text came from), then drop their old rows. New articles' versions
    come only from shards, so they are copied without reading the target's table while it is written."""
    last_version = _count(target, "SELECT coalesce(max(id), 0) FROM main.article_versions")
    columns = ", ".join(("article_id", "fetched_at", "last_checked_at", *VERSION_COLUMNS))
    for articles, from_sources in (("NOT IN", sources), ("IN", sources[1:])):
        target.execute("DROP TABLE IF EXISTS temp.merge_version_picks")
        target.execute(f"""CREATE TEMP TABLE merge_version_picks AS
            SELECT * FROM temp.merge_versions
            WHERE article_id IN (SELECT article_id FROM temp.merge_rewrite_versions)
            AND article_id {articles} (SELECT id FROM temp.merge_new)
            ORDER BY article_id, coalesce(last_checked_at, fetched_at), fetched_at, content_sha256""")
        target.execute(f"INSERT INTO main.article_versions ({columns}) " + _picked(
            from_sources, "article_versions", VERSION_COLUMNS, "merge_version_picks",
            fixed="p.article_id, p.fetched_at, p.last_checked_at, "))
    target.execute("DELETE FROM main.article_versions WHERE id <= ? AND article_id IN "
                   "(SELECT article_id FROM temp.merge_rewrite_versions)", [last_version])


def _write_urls(target) -> None:
    target.execute("""
        INSERT INTO main.article_urls (url, article_id, first_seen_at)
        SELECT url, article_id, first_seen_at FROM temp.merge_urls WHERE true
        ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id, first_seen_at = excluded.first_seen_at
        WHERE article_id IS NOT excluded.article_id OR first_seen_at IS NOT excluded.first_seen_at""")


def _merge_runs(target, shards, stats: dict) -> None:
    """Each shard's runs, once: a run equal on command, start, end and stats to one already there is skipped."""
    key = ("command", "started_at", "finished_at", "stats")
    union = " UNION ALL ".join(f"SELECT {', '.join(key)}, errors, error_count FROM {name}.runs" for _, name in shards)
    stats["runs_added"] = target.execute(f"""
        INSERT INTO main.runs ({', '.join(key)}, errors, error_count)
        SELECT {', '.join(key)}, min(errors), min(error_count) FROM ({union}) AS shard_runs
        WHERE NOT EXISTS (SELECT 1 FROM main.runs AS known WHERE
                          {' AND '.join(f'known.{column} IS shard_runs.{column}' for column in key)})
        GROUP BY {', '.join(key)} ORDER BY started_at, command, finished_at, stats""").rowcount


# Merging claim shards ------------------------------------------------------------------------------------------------


def _version_key(version: str) -> str:
    """A sortable form of an extractor version, CODE+model+data (nlp/version.py) or a bare number from before:
    the claim logic's number compares as a number ("10" after "9"). Among lines of one code number the rest only
    makes the order the same in every merge: which model or data files are newer cannot be read from it."""
    code, _, rest = version.partition("+")
    if code.isascii() and code.isdigit():
        digits = code.lstrip("0") or "0"
        return f"0{len(digits):06d}{digits}+{rest}"
    return "1" + version


def _load_claim_lines(target, paths: list[pathlib.Path], stats: dict) -> None:
    """Every usable line of the claim shards, into a temporary table: every line is checked before the merge writes
    anything to the target."""
    target.execute("""CREATE TEMP TABLE merge_claim_lines (
        url TEXT, text_sha256 TEXT, published TEXT, extractor_version TEXT, version_key TEXT, extracted_at TEXT,
        line TEXT, article_id INTEGER)""")
    for path in paths:
        rows = []
        for _, raw, entry in read_claim_shard(path):
            if entry is None:
                stats["claim_lines_truncated"] += 1
                continue
            rows.append((entry["url"], entry["text_sha256"], entry.get("published"), entry["extractor_version"],
                         _version_key(entry["extractor_version"]), entry["extracted_at"], raw.decode()))
            if len(rows) == 1000:
                _insert_claim_lines(target, rows)
                rows = []
        _insert_claim_lines(target, rows)
    stats["claim_lines"] = _count(target, "SELECT count(*) FROM temp.merge_claim_lines")


def _insert_claim_lines(target, rows: list[tuple]) -> None:
    target.conn.executemany("INSERT INTO temp.merge_claim_lines (url, text_sha256, published, extractor_version, "
                            "version_key, extracted_at, line) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def _apply_claim_lines(target, stats: dict) -> None:
    """Each article takes the claims of its best fresh line: the line must name the article's current text and
    publication date (else it is stale), the highest extractor version wins, and an article already extracted by
    that version or a later one keeps what it has, so merging the same claim shard twice changes nothing."""
    if not stats["claim_lines"]:
        return
    target.execute("""UPDATE temp.merge_claim_lines SET article_id = (
                          SELECT article_id FROM main.article_urls WHERE url = merge_claim_lines.url)""")
    picks = target.execute("""
        SELECT line, article_id, version_key, existing FROM (
            SELECT l.rowid AS line, l.article_id, l.version_key, e.extractor_version AS existing,
                   row_number() OVER (PARTITION BY l.article_id
                                      ORDER BY l.version_key DESC, l.extracted_at DESC, l.line DESC) AS rank
            FROM temp.merge_claim_lines AS l
            JOIN main.articles AS a ON a.id = l.article_id AND a.text_sha256 = l.text_sha256
                                       AND a.published IS l.published
            LEFT JOIN main.extractions AS e ON e.article_id = l.article_id)
        WHERE rank = 1""").fetchall()
    fresh = _count(target, """
        SELECT count(*) FROM temp.merge_claim_lines AS l JOIN main.articles AS a
        ON a.id = l.article_id AND a.text_sha256 = l.text_sha256 AND a.published IS l.published""")
    lines = [line for line, _, key, existing in picks if existing is None or _version_key(existing) < key]
    stats["claim_lines_stale"] = stats["claim_lines"] - fresh
    stats["claim_lines_superseded"] = fresh - len(picks)
    stats["claim_lines_unchanged"] = len(picks) - len(lines)
    stats["claim_lines_merged"] = len(lines)
    extractions = (
        (article_id, version, entry["claims"], extracted_at, entry.get("skipped", []))
        for article_id, version, entry, extracted_at in _decoded(store.rows_by_id(
            target, "SELECT article_id, extractor_version, line, extracted_at FROM temp.merge_claim_lines "
                    "WHERE rowid IN", lines))
    )
    stats["claims_merged"] = store.replace_claims_many(target, extractions)


def _decoded(rows):
    """(article_id, version, decoded line, extracted_at) for each stored claim-shard line."""
    for article_id, version, line, extracted_at in rows:
        yield article_id, version, json.loads(line), extracted_at
