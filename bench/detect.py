"""Contradiction detection over synthetic claims, against a naive pairwise self-join

Synthetic data: claims spread over 26 metrics x 3 subjects, each group repeating a pool of 200 distinct
figures (value, qualifier, status, denominator, time scope) the way coverage repeats a few figures, from 40
outlets, over two years, with one article in ten a syndicated copy. The naive baseline compares every pair of
claims of a group in one SQL self-join; it runs on a subset, and its time is extrapolated to the full size by
the number of pairs (quadratic), since running it on all the claims would take hours."""

import datetime
import hashlib
import inspect
import random
import tempfile
import time
from pathlib import Path

import bench
from claimwatch import db
from claimwatch.db import detect, store

METRICS = [
    "drones_fleet",
    "drones_planned",
    "drone_response_time",
    "drone_sites",
    "lfr_deployments",
    "lfr_deployments_per_week",
    "lfr_arrests",
    "lfr_faces_scanned",
    "lfr_alerts",
    "lfr_false_alerts",
    "lfr_watchlist_size",
    "lfr_vans",
    "lfr_fixed_cameras",
    "cctv_cameras",
    "officers_total",
    "staff_total",
    "officers_lost",
    "staff_lost",
    "arrests_total",
    "contract_value",
    "budget_gap",
    "additional_funding",
    "forces_using_lfr",
    "public_support_percent",
    "accuracy_percent",
    "false_positive_rate",
]
SUBJECTS = ["Metropolitan Police", "South Wales Police", "Essex Police"]
FIGURES_PER_GROUP = 200
CLAIMS_PER_ARTICLE = 5
OUTLETS = 40
PERIOD_STARTS = ["2024-01-01", "2024-10-01", "2025-01-01", None]
# The Met's deployment record, as `claimwatch reference import` stores it: detection checks the press figures of its
# metrics against it (db/official.py). Dated from a month before the first article to a month after the last.
REFERENCE_ROWS = 100_000
RECORD_FIRST_DAY = datetime.date(2023, 12, 1).toordinal()
RECORD_DAYS = 790

NAIVE_PAIRS_SQL = """
WITH c AS (
    SELECT claims.*, articles.cluster_id, articles.published,
           CASE qualifier WHEN 'approx' THEN value * 0.9 WHEN 'at_most' THEN 0 ELSE value END AS low,
           CASE qualifier WHEN 'approx' THEN value * 1.1 WHEN 'at_least' THEN 1e300
                          WHEN 'range' THEN value_high ELSE value END AS high
    FROM claims JOIN articles ON articles.id = claims.article_id WHERE claims.id <= :limit
)
SELECT cause, count(*) FROM (
    SELECT CASE
        WHEN a.status != b.status THEN 'different_status'
        WHEN coalesce(a.denominator, '') != coalesce(b.denominator, '') THEN 'different_denominator'
        WHEN coalesce(a.time_start, '') != coalesce(b.time_start, '')
          OR abs(julianday(a.published) - julianday(b.published)) > 90 THEN 'different_period'
        WHEN a.high < b.low OR b.high < a.low THEN 'conflict'
        ELSE 'agreement' END AS cause
    FROM c AS a JOIN c AS b
      ON a.subject = b.subject AND a.metric = b.metric AND a.unit = b.unit AND a.id < b.id
    WHERE a.cluster_id != b.cluster_id
) GROUP BY cause
"""


def synthesize(path: Path, claims: int, seed: int = 5) -> None:
    """Write `claims` synthetic claims (and their articles and outlets) into a new claimwatch database."""
    rng = random.Random(seed)
    database = db.open_database(path)
    pools = {}
    for subject in SUBJECTS:
        for metric in METRICS:
            base = rng.choice([9, 30, 400, 2000, 13000, 1_400_000])
            pool = []
            for _ in range(FIGURES_PER_GROUP):
                status = rng.choices(["current", "cumulative", "planned", "past"], [5, 3, 1, 1])[0]
                start = rng.choice(PERIOD_STARTS) if status in ("cumulative", "past") else None
                value = round(base * rng.choice([0.5, 0.9, 1, 1, 1, 1.05, 1.1, 2]), -1 if base > 100 else 0)
                qualifier = rng.choices(["exact", "approx", "at_least", "at_most", "range"], [6, 3, 3, 1, 1])[0]
                denominator = rng.choice([None, None, "alerts", "faces_scanned"]) if "percent" in metric else None
                pool.append(
                    (
                        metric,
                        subject,
                        value,
                        value * 1.2 if qualifier == "range" else None,
                        qualifier,
                        status,
                        denominator,
                        start,
                    )
                )
            pools[(subject, metric)] = pool
    groups = list(pools)
    weights = [1 / (rank + 1) for rank in range(FIGURES_PER_GROUP)]
    day0 = datetime.date(2024, 1, 1).toordinal()
    articles, rows = [], []
    for article_id in range(1, claims // CLAIMS_PER_ARTICLE + 1):
        published = datetime.date.fromordinal(day0 + rng.randrange(730)).isoformat()
        copy_of = rng.randrange(1, article_id) if article_id > 1 and rng.random() < 0.1 else article_id
        articles.append(
            (
                article_id,
                f"https://outlet{article_id % OUTLETS}.example/{article_id}",
                article_id % OUTLETS + 1,
                published,
                copy_of,
            )
        )
        for _ in range(CLAIMS_PER_ARTICLE):
            figure = rng.choices(pools[rng.choice(groups)], weights)[0]
            metric, subject, value, value_high, qualifier, status, denominator, start = figure
            claim = dict(
                article_id=article_id,
                metric=metric,
                subject=subject,
                value=value,
                value_high=value_high,
                unit="count",
                qualifier=qualifier,
                status=status,
                denominator=denominator,
                time_start=start,
                time_end=None if start is None else published,
                stated_end=None,
                figure_text=f"{value:g}",
            )
            claim.update(
                figure_key=store.figure_key(claim), published=published, cluster_id=copy_of, outlet_id=articles[-1][2]
            )
            rows.append(claim)
    with database.atomic():
        database.conn.executemany(
            "INSERT INTO outlets (id, name, kind) VALUES (?, ?, 'press')",
            [(i + 1, f"Outlet {i + 1}") for i in range(OUTLETS)],
        )
        database.conn.executemany(
            "INSERT INTO articles (id, url, outlet_id, published, cluster_id) VALUES (?, ?, ?, ?, ?)", articles
        )
        database.conn.executemany(
            """INSERT INTO claims (article_id, extractor_version, metric, subject, value, value_high, unit, qualifier,
                   status, denominator, time_start, time_end, stated_end, figure_text, sentence, figure_key, published,
                   cluster_id, outlet_id)
               VALUES (:article_id, 'bench', :metric, :subject, :value, :value_high, :unit, :qualifier, :status,
                   :denominator, :time_start, :time_end, :stated_end, :figure_text, '', :figure_key, :published,
                   :cluster_id, :outlet_id)""",
            rows,
        )
        _synthesize_record(database, rng)
    database.close()


def _synthesize_record(database, rng: random.Random) -> None:
    """REFERENCE_ROWS deployments of the Met, spread evenly over RECORD_DAYS, from one imported file."""
    outlet_id = database.execute(
        "INSERT INTO outlets (name, kind) VALUES ('Metropolitan Police (official record)', 'official')").lastrowid
    file_id = database.execute(
        "INSERT INTO reference_files (sha256, name, kind, outlet_id, imported_at, row_count)"
        " VALUES (?, 'bench-record.csv', 'deployments', ?, '2026-01-01T00:00:00Z', ?)",
        ["0" * 64, outlet_id, REFERENCE_ROWS]).lastrowid
    database.conn.executemany(
        """INSERT INTO reference_deployments (file_id, row, subject, date, location, duration, total_alerts,
               false_alerts_confirmed, false_alerts_unconfirmed, arrests, faces_seen)
           VALUES (?, ?, 'Metropolitan Police', ?, ?, '6 hours', ?, ?, ?, ?, ?)""",
        [(file_id, row + 2,
          datetime.date.fromordinal(RECORD_FIRST_DAY + row * RECORD_DAYS // REFERENCE_ROWS).isoformat(),
          f"Place {row}", rng.randrange(20), rng.randrange(2), rng.randrange(2), rng.randrange(10),
          rng.randrange(5000, 20000)) for row in range(REFERENCE_ROWS)])


def naive_seconds(path: Path, subset: int) -> float:
    database = db.open_database(path)
    start = time.perf_counter()
    database.execute(NAIVE_PAIRS_SQL, {"limit": subset}).fetchall()
    elapsed = time.perf_counter() - start
    database.close()
    return elapsed


def cached_synthesis(claims: int) -> Path:
    """The synthetic database of `claims` claims, from the temp folder when an earlier run left one made by the
    same schema and code (building a million claims takes a minute or more); detection rewrites its own tables."""
    with tempfile.TemporaryDirectory() as folder:
        empty = db.open_database(Path(folder) / "empty.db")
        schema = "\n".join(sql for (sql,) in empty.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
        empty.close()
    made_by = hashlib.sha256(
        "\n".join([schema, inspect.getsource(synthesize), inspect.getsource(store.figure_key)]).encode()
    )
    path = Path(tempfile.gettempdir()) / f"claimwatch-bench-detect-{claims}-{made_by.hexdigest()[:16]}.db"
    if not path.exists():
        building = path.with_suffix(".building")
        building.unlink(missing_ok=True)
        synthesize(building, claims)
        building.rename(path)
    return path


def run(quick: bool) -> list[bench.Result]:
    claims = 100_000 if quick else 1_000_000
    subset = 10_000 if quick else 20_000
    path = cached_synthesis(claims)
    database = db.open_database(path)
    summary = detect.detect(database)
    seconds = bench.median_seconds(lambda: detect.detect(database), repeat=1 if quick else 3)
    database.close()
    naive = naive_seconds(path, subset) * (claims / subset) ** 2
    return [
        bench.Result(
            benchmark=f"full detection over {claims:,} claims ({summary['figures']:,} distinct figures) with"
                      f" {REFERENCE_ROWS:,} official record rows",
            unit="s",
            value=seconds,
            higher_is_better=False,
            baseline_name=f"pairwise self-join, measured on {subset:,} claims, extrapolated",
            baseline=naive,
            target="<= 5 s for 1,000,000 claims",
            met=(seconds <= 5) if not quick else None,
            note=f"{summary['conflict']:,} conflicts, {sum(summary[c] for c in detect.CAUSES[1:]):,} look-alikes,"
            f" {summary['agreements']:,} agreements; against the official record"
            f" {summary['matches_official']:,} match, {summary['differs_from_official']:,} differ,"
            f" {summary['not_checked']:,} not checked",
        )
    ]
