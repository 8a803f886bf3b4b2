"""Writing articles, claims and runs: each call is one transaction, and running it again duplicates nothing."""


import contextlib
import hashlib
import json
import zlib

import sqlite_utils
from sqlite_utils.db import jsonify_if_needed
from sqlite_utils.utils import chunks

from claimwatch.clock import utc_now
from claimwatch.db import copies
from claimwatch.db.schema import open_database

# The columns that make claims one figure (docs/detection.md, section 1), hashed into claims.figure_key.
FIGURE_COLUMNS = (
    "subject",
    "metric",
    "unit",
    "status",
    "denominator",
    "value",
    "value_high",
    "qualifier",
    "time_start",
    "stated_end",
)

REQUIRED_ARTICLE_KEYS = ("url", "fetched_at", "body", "outlet")
REQUIRED_CLAIM_KEYS = ("metric", "subject", "value", "unit", "qualifier", "status", "figure_text", "sentence")
ARTICLE_FIELDS = ("title", "author", "description", "site_name", "language", "published", "updated")
STORED_CLAIM_COLUMNS = ("article_id", "extractor_version", "metric", "subject", "value", "value_high", "unit",
                        "qualifier", "status", "denominator", "figure_text", "sentence", "char_start", "char_end",
                        "time_text", "time_start", "time_end", "stated_end", "figure_key", "published", "cluster_id",
                        "outlet_id")
PLAIN_TYPES = (str, int, float, type(None))



def _checked_article(record: dict) -> dict:
    """The record with its hashes filled in; ValueError naming the URL and the problem when it is unusable."""
    if not isinstance(record, dict):
        raise ValueError(f"article record must be a dict, not {type(record).__name__}")
    url = record.get("url")
    for key in REQUIRED_ARTICLE_KEYS:
        if not record.get(key):
            raise ValueError(f"article record {url or '(no url)'}: missing {key!r}")
    if not isinstance(record["body"], bytes):
        raise ValueError(f"article record {url}: 'body' must be bytes, not {type(record['body']).__name__}")
    minhash = record.get("minhash")
    length = copies.SIGNATURE_LENGTH
    if minhash is not None and (len(minhash) != length or not all(isinstance(value, int) for value in minhash)):
        raise ValueError(f"article record {url}: 'minhash' must be {length} integers or None")
    text = record.get("text") or ""
    return {
        **record,
        "text": text,
        "content_sha256": record.get("content_sha256") or hashlib.sha256(record["body"]).hexdigest(),
        "text_sha256": record.get("text_sha256") or hashlib.sha256(text.encode()).hexdigest(),
    }


def figure_key(claim: dict) -> int:
    """A 64-bit hash of the claim's FIGURE_COLUMNS: claims with equal keys are one figure. Numbers are hashed as
    floats, since SQLite holds 2000.0 as 2000."""
    key = [claim[column] for column in FIGURE_COLUMNS]
    key = [float(value) if isinstance(value, int | float) else value for value in key]
    digest = hashlib.blake2b(json.dumps(key).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class ArticleStore:
    """The crawler's sink (docs/architecture.md, "The sink")."""

    def __init__(self, database: sqlite_utils.Database):
        self.db = database

    def save_article(self, record: dict) -> str:
        """Store a fetched article: returns "stored", "updated", "unchanged" or "duplicate"."""
        record = _checked_article(record)
        with self.db.atomic():
            outlet_id = self._outlet_id(record)
            found = self._find(record["url"])
            if found is not None:
                article_id, canonical_url, text_sha256 = found
                if canonical_url == record["url"]:
                    return self._refetched(
                        article_id, record, outlet_id, text_changed=text_sha256 != record["text_sha256"]
                    )
                if text_sha256 == record["text_sha256"]:
                    self._add_urls(article_id, record)
                    return "duplicate"
                # This URL was a copy of another article's text, and no longer is: it becomes an article.
                self.db.execute("DELETE FROM article_urls WHERE url = ?", [record["url"]])
            if record["text"]:
                same_text = self.db.execute(
                    "SELECT id FROM articles WHERE text_sha256 = ? LIMIT 1", [record["text_sha256"]]
                ).fetchone()
                if same_text:
                    self._add_urls(same_text[0], record)
                    return "duplicate"
            row = {**self._article_row(record, outlet_id), "url": record["url"]}
            article_id = self.db["articles"].insert({**row, "first_fetched_at": record["fetched_at"]}).last_pk
            self._add_version(article_id, record)
            self._add_urls(article_id, record)
            copies.regroup_article(self.db, article_id, record.get("minhash"))
            return "stored"

    def validators(self, url: str) -> dict:
        """ETag and Last-Modified of the latest stored version of the article at `url`, or {}."""
        row = self.db.execute(
            """SELECT etag, last_modified FROM article_versions
               WHERE article_id = (SELECT article_id FROM article_urls WHERE url = ?)
               ORDER BY id DESC LIMIT 1""",
            [url],
        ).fetchone()
        return {"etag": row[0], "last_modified": row[1]} if row else {}

    def not_modified(self, url: str, fetched_at: str) -> None:
        """A conditional request for `url` answered 304: the latest version was still current at `fetched_at`."""
        with self.db.atomic():
            self.db.execute(
                """UPDATE article_versions SET last_checked_at = ?
                   WHERE id = (SELECT max(id) FROM article_versions
                               WHERE article_id = (SELECT article_id FROM article_urls WHERE url = ?))""",
                [fetched_at, url],
            )
            self.db.execute(
                "UPDATE articles SET last_fetched_at = ?"
                " WHERE id = (SELECT article_id FROM article_urls WHERE url = ?)",
                [fetched_at, url],
            )

    @contextlib.contextmanager
    def batch(self):
        """Make the saves within the block one transaction, committed when it ends: for the crawler's pipeline and
        `claimwatch import`, which save articles N at a time. A commit costs more than storing a short article.

        Each save_article within is still all or nothing, and what the block saved is committed even when it ends
        in an exception, as separate calls would have left it: only the article whose save failed is missing
        (unless SQLite itself rolled the whole transaction back, as on a full disk). Within a transaction already
        begun, the block is part of that one. It takes the write lock at once (BEGIN IMMEDIATE), so a writer on
        another connection waits for it rather than fails when its reads turn into writes."""
        if self.db.conn.in_transaction:
            yield self
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self
        finally:
            if self.db.conn.in_transaction:  # an error inside SQLite may already have rolled it back
                try:
                    self.db.execute("COMMIT")
                except BaseException:
                    self.db.rollback()
                    raise

    def writer(self):
        """A context manager giving this store on a connection of its own, for another thread to save through: an
        SQLite connection belongs to the thread that opened it, so call writer() in this store's thread, then
        enter, use and leave what it returns in the other one. (The crawl's pipeline saves from a thread of its
        own, where SQLite's work runs beside Scrapy's reactor rather than in it.)"""
        path = next(row[2] for row in self.db.execute("PRAGMA database_list") if row[1] == "main")
        if not path:
            raise ValueError("an in-memory database cannot be opened again from another thread")
        return _store_at(path)

    def _find(self, url: str):
        return self.db.execute(
            """SELECT articles.id, articles.url, articles.text_sha256 FROM article_urls
               JOIN articles ON articles.id = article_urls.article_id WHERE article_urls.url = ?""",
            [url],
        ).fetchone()

    def _refetched(self, article_id: int, record: dict, outlet_id: int, text_changed: bool) -> str:
        latest = self.db.execute(
            "SELECT id, content_sha256 FROM article_versions WHERE article_id = ? ORDER BY id DESC LIMIT 1",
            [article_id],
        ).fetchone()
        self._add_urls(article_id, record)
        if latest and latest[1] == record["content_sha256"]:
            self.db.execute(
                "UPDATE article_versions SET last_checked_at = ? WHERE id = ?", [record["fetched_at"], latest[0]]
            )
            self.db.execute("UPDATE articles SET last_fetched_at = ? WHERE id = ?", [record["fetched_at"], article_id])
            return "unchanged"
        (published,) = self.db.execute("SELECT published FROM articles WHERE id = ?", [article_id]).fetchone()
        self.db["articles"].update(article_id, self._article_row(record, outlet_id))
        self._add_version(article_id, record)
        if text_changed or record.get("published") != published:
            # Claims stay until the article is extracted again; forgetting the extraction makes that happen.
            # A new publication date counts too: "so far" and "last year" are read against it.
            self.db.execute("DELETE FROM extractions WHERE article_id = ?", [article_id])
        if text_changed:
            copies.regroup_article(self.db, article_id, record.get("minhash"))
        return "updated"

    def _outlet_id(self, record: dict) -> int:
        outlet = {
            "name": record["outlet"],
            "domain": record.get("outlet_domain"),
            "kind": record.get("outlet_kind") or "unknown",
        }
        self.db.execute(
            """INSERT INTO outlets (name, domain, kind) VALUES (:name, :domain, :kind)
               ON CONFLICT (name) DO UPDATE SET domain = coalesce(excluded.domain, domain),
               kind = CASE WHEN excluded.kind = 'unknown' THEN kind ELSE excluded.kind END""",
            outlet,
        )
        return self.db.execute("SELECT id FROM outlets WHERE name = ?", [record["outlet"]]).fetchone()[0]

    def _article_row(self, record: dict, outlet_id: int) -> dict:
        return {
            **{field: record.get(field) for field in ARTICLE_FIELDS},
            "outlet_id": outlet_id,
            "text": record["text"],
            "text_sha256": record["text_sha256"],
            "topic_terms": json.dumps(record.get("topic_terms") or []),
            "keywords": json.dumps(record.get("keywords") or []),
            "minhash": json.dumps(record["minhash"]) if record.get("minhash") else None,
            "last_fetched_at": record["fetched_at"],
        }

    def _add_version(self, article_id: int, record: dict) -> None:
        self.db["article_versions"].insert(
            {
                "article_id": article_id,
                "fetched_at": record["fetched_at"],
                "last_checked_at": record["fetched_at"],
                **{
                    key: record.get(key)
                    for key in (
                        "requested_url",
                        "final_url",
                        "http_status",
                        "etag",
                        "last_modified",
                        "content_type",
                        "encoding",
                        "via",
                    )
                },
                "content_sha256": record["content_sha256"],
                "body_zlib": zlib.compress(record["body"]),
                "body_size": len(record["body"]),
                "extractors": json.dumps(record.get("extractors") or {}),
            }
        )

    def _add_urls(self, article_id: int, record: dict) -> None:
        urls = {record["url"], record.get("requested_url"), record.get("final_url")} - {None, ""}
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO article_urls (url, article_id, first_seen_at) VALUES (?, ?, ?)",
            [(url, article_id, record["fetched_at"]) for url in sorted(urls)],
        )


@contextlib.contextmanager
def _store_at(path: str):
    database = open_database(path)
    try:
        yield ArticleStore(database)
    finally:
        database.close()


def rows_by_id(database: sqlite_utils.Database, select: str, ids, size: int = 500):
    """Rows of `select` (a query ending in "WHERE <id column> IN") for `ids`, `size` ids at a time, so that a
    long list never exceeds SQLite's limit on bound parameters."""
    ids = sorted(ids)
    for start in range(0, len(ids), size):
        chunk = ids[start : start + size]
        yield from database.execute(f"{select} ({', '.join('?' * len(chunk))})", chunk)


class PendingArticles:
    """Articles to extract: len() is how many, iterating reads their text 500 at a time (never all at once)."""

    def __init__(self, database: sqlite_utils.Database, ids: list[int]):
        self.database, self.ids = database, ids

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self):
        select = "SELECT id, text, published, url, text_sha256 FROM articles WHERE id IN"
        for id_, text, published, url, text_sha256 in rows_by_id(self.database, select, self.ids):
            yield {"id": id_, "text": text, "published": published, "url": url, "text_sha256": text_sha256}


def articles_to_extract(database: sqlite_utils.Database, extractor_version: str, all: bool = False):
    """{"id", "text", "published", "url", "text_sha256"} of each article not yet extracted by `extractor_version`
    (every article with all=True), as a PendingArticles. The ids are read first, so replace_claims() may write
    while it is read."""
    where = "" if all else "WHERE extractions.extractor_version IS NULL OR extractions.extractor_version != ?"
    ids = [
        row[0]
        for row in database.execute(
            f"SELECT articles.id FROM articles LEFT JOIN extractions ON extractions.article_id = articles.id {where}"
            " ORDER BY articles.id",
            [] if all else [extractor_version],
        )
    ]
    return PendingArticles(database, ids)


def extracted_versions(database: sqlite_utils.Database, extractor_version: str, all: bool = False) -> dict:
    """{stored extractor version, or None for never extracted: number of articles} of the articles
    articles_to_extract() gives for the same arguments, so a run can say why each needs extracting."""
    where = "" if all else "WHERE extractions.extractor_version IS NULL OR extractions.extractor_version != ?"
    return dict(database.execute(
        f"SELECT extractions.extractor_version, count(*) FROM articles LEFT JOIN extractions"
        f" ON extractions.article_id = articles.id {where} GROUP BY extractions.extractor_version",
        [] if all else [extractor_version]).fetchall())


def _claim_row(article_id: int, extractor_version: str, claim: dict) -> dict:
    for key in REQUIRED_CLAIM_KEYS:
        if claim.get(key) is None:
            raise ValueError(f"claim for article {article_id}: missing {key!r} in {claim.get('figure_text')!r}")
    for key in ("value", "value_high"):
        if claim.get(key) is not None and (isinstance(claim[key], bool) or not isinstance(claim[key], int | float)):
            raise ValueError(
                f"claim for article {article_id}: {key} {claim[key]!r} of {claim['figure_text']!r} is not a number"
            )
    scope = claim.get("time_scope") or {}
    return {
        "article_id": article_id,
        "extractor_version": extractor_version,
        **{
            key: claim.get(key)
            for key in (
                "metric",
                "subject",
                "value",
                "value_high",
                "unit",
                "qualifier",
                "status",
                "denominator",
                "figure_text",
                "sentence",
                "char_start",
                "char_end",
            )
        },
        "time_text": scope.get("text"),
        "time_start": scope.get("start"),
        "time_end": scope.get("end"),
    }


def replace_claims(
    database: sqlite_utils.Database,
    article_id: int,
    extractor_version: str,
    claims: list[dict],
    skipped: list[dict] | None = None,
):
    """Replace the article's claims with `claims`, and its skipped figures with `skipped` (figures that are no
    claim, with their reason), and mark it extracted by `extractor_version`, atomically."""
    replace_claims_many(database, [(article_id, extractor_version, claims, None, skipped or [])])


def replace_claims_many(database: sqlite_utils.Database, extractions, chunk_size: int = 500) -> int:
    """replace_claims for many articles in one transaction: `extractions` yields (article_id, extractor_version,
    claims, extracted_at or None for now[, skipped figures]). Written `chunk_size` articles at a time, so merging a
    shard of 100,000 extracted articles costs a few statements per chunk, not per article. Returns the number of
    claims stored."""
    stored = 0
    with database.atomic():
        for chunk in map(list, chunks(extractions, chunk_size)):
            stored += _replace_chunk(database, chunk)
    return stored


def _replace_chunk(database: sqlite_utils.Database, chunk: list) -> int:
    # An article given twice in one chunk keeps its last claims, as two replace_claims calls would.
    latest = {entry[0]: entry[1:4] for entry in chunk}
    skipped = {entry[0]: entry[4] if len(entry) > 4 else [] for entry in chunk}
    rows = {
        article_id: [_claim_row(article_id, version, claim) for claim in claims]
        for article_id, (version, claims, _) in latest.items()
    }
    articles = {
        id_: (published, cluster_id, outlet_id)
        for id_, published, cluster_id, outlet_id in rows_by_id(
            database, "SELECT id, published, cluster_id, outlet_id FROM articles WHERE id IN", latest
        )
    }
    for article_id in latest:
        if article_id not in articles:
            raise ValueError(f"claims for article {article_id}: no such article")
    new_rows = []
    for article_id, article_rows in rows.items():
        published, cluster_id, outlet_id = articles[article_id]
        for row in article_rows:
            row["stated_end"] = None if row["time_end"] == (published or "")[:10] else row["time_end"]
            row.update(figure_key=figure_key(row), published=published, cluster_id=cluster_id, outlet_id=outlet_id)
        new_rows.extend(article_rows)
    ids = sorted(latest)
    placeholders = ", ".join("?" * len(ids))
    # Both the groups the articles leave and those they join need detecting again.
    database.execute(
        "INSERT OR IGNORE INTO detection_queue (subject, metric) "
        f"SELECT DISTINCT subject, metric FROM claims WHERE article_id IN ({placeholders})",
        ids,
    )
    database.execute(f"DELETE FROM claims WHERE article_id IN ({placeholders})", ids)
    if new_rows:
        # One executemany: sqlite-utils' insert_all spends more time converting 100,000 articles' claims than SQLite
        # takes to store them. Values that are not plain get its conversion, so what is stored is the same.
        database.conn.executemany(
            f"INSERT INTO claims ({', '.join(STORED_CLAIM_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(STORED_CLAIM_COLUMNS))})",
            [tuple(value if type(value) in PLAIN_TYPES else jsonify_if_needed(value)
                   for value in map(row.get, STORED_CLAIM_COLUMNS)) for row in new_rows],
        )
        database.conn.executemany(
            "INSERT OR IGNORE INTO detection_queue (subject, metric) VALUES (?, ?)",
            sorted({(row["subject"], row["metric"]) for row in new_rows}),
        )
    database.execute(f"DELETE FROM skipped_figures WHERE article_id IN ({placeholders})", ids)
    database.conn.executemany(
        "INSERT INTO skipped_figures (article_id, figure_text, value, unit, reason, candidates, char_start, char_end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (article_id, figure["figure_text"], figure.get("value"), figure.get("unit"), figure.get("reason") or "",
             json.dumps(figure.get("candidates", [])), figure["char_start"], figure["char_end"])
            for article_id, figures in skipped.items()
            for figure in figures
        ],
    )
    now = utc_now()
    database.conn.executemany(
        "INSERT OR REPLACE INTO extractions (article_id, extractor_version, extracted_at) VALUES (?, ?, ?)",
        [(article_id, version, extracted_at or now) for article_id, (version, _, extracted_at) in latest.items()],
    )
    return len(new_rows)


def record_run(
    database: sqlite_utils.Database, command: str, started_at: str, finished_at: str, stats: dict, errors: list
) -> int:
    """Record one command run with its statistics and errors; returns the run's id."""
    with database.atomic():
        return (
            database["runs"]
            .insert(
                {
                    "command": command,
                    "started_at": started_at,
                    "finished_at": finished_at,
                    "stats": json.dumps(stats, sort_keys=True, default=str),
                    "errors": json.dumps(errors, default=str),
                    "error_count": len(errors),
                }
            )
            .last_pk
        )
