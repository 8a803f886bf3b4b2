"""Official records beside the press: storing the rows `claimwatch reference import` reads (claimwatch.official_records
reads the files; this module never opens them).

    store_file(database, name="lfr.pdf", sha256=..., kind="deployments", rows=rows, source_url=None)

One file is one transaction: a crash half-way leaves nothing of it. Importing the same file again (same sha256)
changes nothing."""

import sqlite_utils

from claimwatch.clock import utc_now
from claimwatch.db.official import RECORD_SUMS

DEPLOYMENT_FIELDS = ("date", "location", "duration", "use_case", "watchlist_size", "min_threshold", "total_alerts",
                     "true_alerts_confirmed", "true_alerts_unconfirmed", "false_alerts_confirmed",
                     "false_alerts_unconfirmed", "false_alert_rate", "arrests", "other_outcomes", "no_action",
                     "faces_seen")
TOTAL_FIELDS = ("metric", "subject", "value", "qualifier", "period_start", "period_end", "published", "source_url",
                "source_title")
# The deployment record is the Met's own; a totals file names each row's subject.
RECORD_SUBJECT = "Metropolitan Police"


def official_outlet(database: sqlite_utils.Database, subject: str) -> int:
    """The outlet (kind official) that stands for a subject's own records."""
    name = f"{subject} (official record)"
    database.execute(
        "INSERT INTO outlets (name, kind) VALUES (?, 'official') ON CONFLICT (name) DO UPDATE SET kind = 'official'",
        [name])
    return database.execute("SELECT id FROM outlets WHERE name = ?", [name]).fetchone()[0]


def store_file(database: sqlite_utils.Database, *, name: str, sha256: str, kind: str, rows: list[dict],
               source_url: str | None = None) -> str:
    """Store one record file's rows: "stored", or "unchanged" when a file with this sha256 is stored already."""
    with database.atomic():
        if database.execute("SELECT 1 FROM reference_files WHERE sha256 = ?", [sha256]).fetchone():
            return "unchanged"
        subject = RECORD_SUBJECT if kind == "deployments" else (rows[0]["subject"] if rows else RECORD_SUBJECT)
        file_id = database.execute(
            "INSERT INTO reference_files (sha256, name, kind, outlet_id, source_url, imported_at, row_count)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [sha256, name, kind, official_outlet(database, subject), source_url, utc_now(), len(rows)],
        ).lastrowid
        if kind == "deployments":
            _store_deployments(database, file_id, rows)
            metrics = set(RECORD_SUMS)
        else:
            _store_totals(database, file_id, rows, source_url)
            metrics = {row["metric"] for row in rows}
        _queue_checks(database, metrics)
        return "stored"


def _queue_checks(database, metrics: set[str]) -> None:
    """New official rows change the checks of these metrics' press figures: queue them for incremental detection."""
    if not metrics:
        return
    database.execute(
        "INSERT OR IGNORE INTO detection_queue (subject, metric) SELECT DISTINCT subject, metric FROM claims"
        f" WHERE metric IN ({', '.join('?' * len(metrics))})", sorted(metrics))


def _store_deployments(database, file_id: int, rows: list[dict]) -> None:
    columns = ("file_id", "page", "row", "subject", *DEPLOYMENT_FIELDS)
    updates = ", ".join(f"{column} = excluded.{column}" for column in columns)
    database.conn.executemany(
        f"INSERT INTO reference_deployments ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        f" ON CONFLICT (subject, date, location, duration) DO UPDATE SET {updates}",
        [(file_id, row["page"], row["row"], RECORD_SUBJECT,
          *(row.get(field) or "" if field == "duration" else row.get(field) for field in DEPLOYMENT_FIELDS))
         for row in rows],
    )


def _store_totals(database, file_id: int, rows: list[dict], source_url: str | None) -> None:
    columns = ("file_id", "row", *TOTAL_FIELDS)
    updates = ", ".join(f"{column} = excluded.{column}" for column in columns)
    database.conn.executemany(
        f"INSERT INTO reference_totals ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        f" ON CONFLICT (subject, metric, period_start, period_end, source_url) DO UPDATE SET {updates}",
        [(file_id, row["row"], *(row.get(field) if field != "source_url" else row.get(field) or source_url
                                 for field in TOTAL_FIELDS)) for row in rows],
    )
