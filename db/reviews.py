"""Fact-checkers' verdicts on contradictions, kept in a SQLite file of their own beside the database.

    path = reviews_path("claimwatch.db")                       # claimwatch.reviews.db
    pair = pair_of(database, 12)                                # contradiction 12's two claims, by identity
    record(path, pair, "confirmed", by="ana", note="Checked with the Met's press office")
    history(path, pair)                                         # every verdict on the pair, oldest first

`detect` renumbers contradictions and `extract --all` renumbers claims, so a review never holds their ids as its
key: it names the two claims by what stays when they are recomputed, the article's URL, the figure as written,
where it stands in the article's text and its value (CLAIM_IDENTITY). A review is a new row, never an update:
the latest row of a pair is its verdict, the earlier ones its history. A review whose claims are gone (the
article changed its figure) keeps the figures and sentences it was given, so it can be shown as orphaned.

The claimwatch database stays read-only here: readers ATTACH this file to it (`attached`) and join with
LOCATED_REVIEWS_SQL, which finds each review's contradiction as detection numbers it now."""

import contextlib
import hashlib
import json
import pathlib
import sqlite3

from claimwatch.clock import utc_now

VERDICTS = ("confirmed", "dismissed", "needs_evidence")
# What stays of a claim when it is extracted again: with these a review finds its claims after `extract --all`.
CLAIM_IDENTITY = ("url", "figure_text", "char_start", "char_end", "value")
# What a review remembers of each claim besides its identity, to show it once the claim is gone.
CLAIM_SNAPSHOT = ("claim_id", "metric", "subject", "sentence", "outlet", "title", "published")
SIDES = ("a", "b")  # a: the earlier claim, as detection ordered them when the review was made
# A writer waits this long for another process's write to finish before "database is locked".
BUSY_TIMEOUT_MS = 30_000

SCHEMA = f"""
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    pair_key TEXT NOT NULL,             -- sha256 of the two claims' identities, in either order
    verdict TEXT NOT NULL CHECK (verdict IN ({", ".join(f"'{v}'" for v in VERDICTS)})),
    note TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    contradiction_id INTEGER,           -- its number when reviewed; `detect` renumbers, so only a hint
    cause TEXT, reason TEXT,            -- what detection said when reviewed
    {", ".join(f"{side}_{column} {'NUMERIC' if column == 'value' else 'TEXT'}"
               for side in SIDES for column in CLAIM_IDENTITY + CLAIM_SNAPSHOT)}
);
CREATE INDEX IF NOT EXISTS reviews_pair_key ON reviews(pair_key, id);
CREATE INDEX IF NOT EXISTS reviews_a ON reviews(a_url, a_char_start);
CREATE INDEX IF NOT EXISTS reviews_b ON reviews(b_url, b_char_start);
-- A pair's verdict is its latest review: one with no later review of the pair (one reviews_pair_key look-up).
CREATE VIEW IF NOT EXISTS latest_reviews AS
SELECT * FROM reviews AS r
WHERE NOT EXISTS (SELECT 1 FROM reviews AS later WHERE later.pair_key = r.pair_key AND later.id > r.id);
"""

# The claim (of the claimwatch database) a review's side names today, or NULL when extraction no longer finds it.
_CLAIM_NOW = """(SELECT c.id FROM claims AS c JOIN articles AS ar ON ar.id = c.article_id
    WHERE ar.url = r.{side}_url AND c.figure_text = r.{side}_figure_text AND c.char_start IS r.{side}_char_start
      AND c.char_end IS r.{side}_char_end AND c.value = r.{side}_value ORDER BY c.id LIMIT 1)"""

# Every pair's latest review (id, verdict, note, reviewer, reviewed_at) with the claims its sides name today
# (a_claim_now, b_claim_now) and the contradiction that pairs them (contradiction_now; NULL: orphaned),
# with this file attached as `reviews`. Reviews are people's work, a few thousand at most: the lookups are indexed.
LOCATED_REVIEWS_SQL = f"""
WITH located AS MATERIALIZED (  -- each claim looked up once, not once per use; the columns lists and counts need
    SELECT r.id, r.verdict, r.note, r.reviewer, r.reviewed_at,
        {_CLAIM_NOW.format(side="a")} AS a_claim_now, {_CLAIM_NOW.format(side="b")} AS b_claim_now
    FROM reviews.latest_reviews AS r)
SELECT located.*,
    -- Either way round, each through the claim_a index: an OR of the two would scan every contradiction.
    coalesce((SELECT min(k.id) FROM contradictions AS k
              WHERE k.claim_a = located.a_claim_now AND k.claim_b = located.b_claim_now),
             (SELECT min(k.id) FROM contradictions AS k
              WHERE k.claim_a = located.b_claim_now AND k.claim_b = located.a_claim_now)) AS contradiction_now
FROM located
"""


class ReviewError(ValueError):
    """A review that cannot be recorded (unknown verdict, no reviewer, unknown contradiction); str() is one line."""


def reviews_path(db_path) -> pathlib.Path:
    """Where the reviews of `db_path` live by default: beside it, `<stem>.reviews.db`."""
    path = pathlib.Path(db_path)
    return path.with_name(f"{path.stem}.reviews.db")


def connect(path) -> sqlite3.Connection:
    """The reviews file, created when missing, in autocommit mode so that writers say BEGIN IMMEDIATE."""
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA journal_mode = WAL")  # the site reads while a reviewer writes
        connection.executescript(SCHEMA)
    except sqlite3.Error as error:
        raise ReviewError(f"{path}: cannot use as a reviews file ({error})") from None
    connection.row_factory = sqlite3.Row
    return connection


# The two claims of a contradiction, as a review names them.
PAIR_SQL = f"""
SELECT k.id, k.cause, k.reason,
    {", ".join(f"{side}.{column} AS {side}_{column}" for side in SIDES
               for column in CLAIM_IDENTITY + CLAIM_SNAPSHOT if column != "claim_id")},
    a.id AS a_claim_id, b.id AS b_claim_id
FROM contradictions AS k
JOIN claims_with_provenance AS a ON a.id = k.claim_a
JOIN claims_with_provenance AS b ON b.id = k.claim_b
WHERE k.id = ?
"""


def pair_of(database, contradiction_id: int) -> dict | None:
    """Contradiction `contradiction_id` of the claimwatch `database` (a sqlite3 or sqlite-utils connection) as a
    review names it: its two claims' identities and what they say today; None when there is no such id."""
    cursor = database.execute(PAIR_SQL, [contradiction_id])
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([column[0] for column in cursor.description], row, strict=True))


def pair_key(pair: dict) -> str:
    """The same for a pair whichever claim comes first, and after the claims are extracted and detected again."""
    sides = sorted(json.dumps([pair[f"{side}_{column}"] for column in CLAIM_IDENTITY], ensure_ascii=False)
                   for side in SIDES)
    return hashlib.sha256("\n".join(sides).encode()).hexdigest()


def check_verdict(verdict: str, by: str | None) -> None:
    if verdict not in VERDICTS:
        raise ReviewError(f"verdict {verdict!r}: expected one of {', '.join(VERDICTS)}")
    if not (by or "").strip():
        raise ReviewError("a review needs a reviewer's name (--by NAME)")


def record(path, pair: dict, verdict: str, by: str, note: str = "", at: str | None = None) -> dict:
    """Add a review of `pair` (from pair_of) to the reviews file at `path`, in one transaction that waits for
    other writers rather than fail; returns the review as stored."""
    check_verdict(verdict, by)
    row = {"pair_key": pair_key(pair), "verdict": verdict, "note": (note or "").strip(), "reviewer": by.strip(),
           "reviewed_at": at or utc_now(), "contradiction_id": pair["id"], "cause": pair["cause"],
           "reason": pair["reason"]}
    row.update({f"{side}_{column}": pair[f"{side}_{column}"]
                for side in SIDES for column in CLAIM_IDENTITY + CLAIM_SNAPSHOT})
    connection = connect(path)
    try:
        # BEGIN IMMEDIATE takes the write lock first, so two reviewers' transactions queue instead of failing.
        connection.execute("BEGIN IMMEDIATE")
        try:
            cursor = connection.execute(
                f"INSERT INTO reviews ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        return {"id": cursor.lastrowid, **row}
    finally:
        connection.close()


def history(path, pair: dict) -> list[dict]:
    """Every review of `pair`, oldest first (the last is its verdict); [] when there is no reviews file yet."""
    if not pathlib.Path(path).is_file():
        return []
    connection = connect(path)
    try:
        rows = connection.execute("SELECT * FROM reviews WHERE pair_key = ? ORDER BY id", [pair_key(pair)])
        return [dict(row) for row in rows]
    finally:
        connection.close()


def summary(review: dict | None) -> dict | None:
    """A review as exports and pages give it: `{verdict, note, by, at}`."""
    if review is None:
        return None
    return {"verdict": review["verdict"], "note": review["note"], "by": review["reviewer"],
            "at": review["reviewed_at"]}


@contextlib.contextmanager
def attached(connection, path, alias: str = "reviews"):
    """The reviews file at `path` attached to `connection` (the claimwatch database) as `alias` for the length of
    the block. With no file yet, an empty in-memory one: queries read no reviews, and no file is created."""
    if path is not None and pathlib.Path(path).is_file():
        connection.execute(f"ATTACH DATABASE ? AS {alias}", [str(path)])
    else:
        connection.execute(f"ATTACH DATABASE ':memory:' AS {alias}")
        connection.executescript(SCHEMA.replace("IF NOT EXISTS ", f"IF NOT EXISTS {alias}."))
    try:
        yield connection
    finally:
        connection.execute(f"DETACH DATABASE {alias}")


def _dicts(cursor) -> list[dict]:
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


# The contradictions a person should look at next: those with no verdict yet or still needing evidence; conflicts
# and undated pairs first (the ones a reader would take for contradictions), newest first.
AWAITING_SQL = f"""
WITH located AS MATERIALIZED ({LOCATED_REVIEWS_SQL})
SELECT s.id, s.cause, s.metric, s.subject, s.figure_a, s.outlet_a, s.published_a, s.figure_b, s.outlet_b,
       s.published_b, located.verdict, located.reviewer, located.reviewed_at
FROM contradictions_side_by_side AS s LEFT JOIN located ON located.contradiction_now = s.id
WHERE located.verdict IS NULL OR located.verdict = 'needs_evidence'
ORDER BY s.cause NOT IN ('conflict', 'undated'), max(coalesce(s.published_a, ''), coalesce(s.published_b, '')) DESC,
         s.id DESC
"""

def located(database) -> list[dict]:
    """Every pair's latest review with the claims and the contradiction it names today (LOCATED_REVIEWS_SQL), the
    reviews file attached to `database`. Pages that count verdicts and list some locate them once, here."""
    return _dicts(database.execute(LOCATED_REVIEWS_SQL))


# Reviews :ids (a JSON list), with the article's latest stored version (the revision that changed the figure) when
# the article is still there.
REVIEWS_WITH_REVISIONS_SQL = """
SELECT r.*,
    (SELECT max(v.id) FROM article_versions AS v JOIN articles AS ar ON ar.id = v.article_id
     WHERE ar.url = r.a_url) AS a_version_now,
    (SELECT max(v.id) FROM article_versions AS v JOIN articles AS ar ON ar.id = v.article_id
     WHERE ar.url = r.b_url) AS b_version_now
FROM reviews.reviews AS r
WHERE r.id IN (SELECT value FROM json_each(:ids))
ORDER BY r.id DESC
"""


def orphaned_among(database, located_reviews: list[dict]) -> list[dict]:
    """The reviews of `located_reviews` (from `located`) whose pair is no contradiction today, newest first, each
    with the claims its sides name today and its articles' latest versions."""
    now = {row["id"]: row for row in located_reviews if row["contradiction_now"] is None}
    rows = _dicts(database.execute(REVIEWS_WITH_REVISIONS_SQL, {"ids": json.dumps(sorted(now))}))
    return [{**{key: value for key, value in row.items() if not key.endswith("_version_now")},
             "a_claim_now": now[row["id"]]["a_claim_now"], "b_claim_now": now[row["id"]]["b_claim_now"],
             "a_version_now": row["a_version_now"], "b_version_now": row["b_version_now"]} for row in rows]


def awaiting(database, path) -> list[dict]:
    """Contradictions of `database` that await a verdict (none yet, or needs_evidence), most pressing first."""
    with attached(database, path):
        return _dicts(database.execute(AWAITING_SQL))


def orphaned(database, path) -> list[dict]:
    """Latest reviews whose two claims no contradiction pairs today: a claim is gone (`a_claim_now` or
    `b_claim_now` null: the article changed its figure) or detection no longer sets them against each other."""
    with attached(database, path):
        return orphaned_among(database, located(database))
