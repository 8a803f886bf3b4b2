"""Datasette site latency: claimwatch's pages against Datasette's own pages, over real HTTP

A database of 100,000 articles and 1,000,000 claims (quick: 10,000 and 100,000) is generated with the real
schema (db.schema), with 1,000 reviews beside it written through db.reviews (one in ten orphaned), served by
`datasette` with exactly the arguments `claimwatch serve` uses, and each page is requested repeatedly over
loopback. Baselines are Datasette's own pages measured in the same run: its row
page of one claim, and for search and claims with provenance the Datasette table and view pages that
claimwatch's /-/search and /-/claims stand in for. Target: p95 <= 50 ms for every claimwatch page.
"""

import datetime
import hashlib
import http.client
import pathlib
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import zlib

import bench
from bench import servers
from claimwatch import publish
from claimwatch.db import reviews, store
from claimwatch.db.labels import store_metrics
from claimwatch.db.schema import open_database
from claimwatch.nlp.metrics import metric_vocabulary

METRICS = [
    ("drones_fleet", "count"), ("drones_planned", "count"), ("drone_response_time", "minutes"),
    ("drone_sites", "count"), ("lfr_deployments", "count"), ("lfr_deployments_per_week", "per_week"),
    ("lfr_arrests", "count"), ("lfr_faces_scanned", "count"), ("lfr_alerts", "count"),
    ("lfr_false_alerts", "count"), ("lfr_watchlist_size", "count"), ("lfr_vans", "count"),
    ("lfr_fixed_cameras", "count"), ("cctv_cameras", "count"), ("officers_total", "count"),
    ("staff_total", "count"), ("officers_lost", "count"), ("staff_lost", "count"), ("arrests_total", "count"),
    ("contract_value", "GBP"), ("budget_gap", "GBP"), ("additional_funding", "GBP"),
    ("forces_using_lfr", "count"), ("public_support_percent", "percent"), ("accuracy_percent", "percent"),
    ("false_positive_rate", "ratio"),
]
SUBJECTS = ["Metropolitan Police"] * 9 + ["South Wales Police"]
# Words the generated texts draw on; SEARCH_TERM is one of the rarer ones, as a researcher's query would be.
TOPICS = ["drones", "vans", "cameras", "watchlists", "budgets", "contracts", "arrests", "officers", "alerts",
          "deployments", "surveys", "accuracy", "funding", "patrols", "bases"]
RARE = ["Palantir", "Croydon", "Oxford Circus", "Notting Hill", "Stratford", "Westminster"]
SEARCH_TERM = "Croydon"
COMMON_TERM = "drones"  # in one article of every fifteen: too many matches to sort, so the date index is walked
CLAIMS_PER_ARTICLE = 10
FIGURES_PER_GROUP = 200
CONTRADICTIONS = 20_000
AGREEMENTS = 20_000
REVIEWS = 1_000  # fact-checkers' verdicts: people's work, a thousand is years of it
ORPHANED_EVERY = 10  # one review in ten loses a claim: its article changed the figure after the review


def _day(n: int) -> str:
    return (datetime.date(2023, 1, 1) + datetime.timedelta(days=n % 1400)).isoformat()


def generate(path: pathlib.Path, articles: int, seed: int = 6) -> None:
    """Write a claimwatch database of `articles` articles and ten claims each, through the real schema."""
    open_database(path).close()
    rng = random.Random(seed)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = OFF")
    with connection:
        connection.executemany("INSERT INTO outlets (id, name, domain, kind) VALUES (?, ?, ?, 'press')",
                               [(i, f"Fictional Outlet {i}", f"outlet{i}.example") for i in range(1, 51)])

        def article_rows():
            for article_id in range(1, articles + 1):
                topic, place = rng.choice(TOPICS), rng.choice(RARE) if rng.random() < 0.02 else "London"
                sentences = [f"Figure {k} of this piece says {rng.randint(1, 5000)} {topic} in {place}."
                             for k in range(CLAIMS_PER_ARTICLE)]
                text = " ".join(sentences)
                fetched = f"{_day(article_id)}T10:00:00Z"
                yield (article_id, f"https://outlet{article_id % 50 + 1}.example/story/{article_id}",
                       article_id % 50 + 1, f"Story {article_id} about {topic} in {place}", "en", _day(article_id),
                       text, hashlib.sha256(text.encode()).hexdigest(), fetched, fetched)

        connection.executemany(
            "INSERT INTO articles (id, url, outlet_id, title, language, published, text, text_sha256,"
            " first_fetched_at, last_fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", article_rows())

        def version_rows():
            for article_id in range(1, articles + 1):
                body = f"<html><body><p>Story {article_id}</p></body></html>".encode()
                yield (article_id, article_id, f"{_day(article_id)}T10:00:00Z", "text/html", "utf-8",
                       hashlib.sha256(body).hexdigest(), zlib.compress(body), len(body))

        connection.executemany(
            "INSERT INTO article_versions (id, article_id, fetched_at, content_type, encoding, content_sha256,"
            " body_zlib, body_size) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", version_rows())

        def claim_rows():
            for article_id, text in connection.execute("SELECT id, text FROM articles ORDER BY id").fetchall():
                offset = 0
                for sentence in text.split(" Figure ")[:CLAIMS_PER_ARTICLE]:
                    sentence = sentence if sentence.startswith("Figure") else "Figure " + sentence
                    start = text.index(sentence, offset)
                    figure = sentence.split(" says ")[1].split(" ")[0]
                    figure_start = start + sentence.index(figure)
                    metric, unit = rng.choice(METRICS)
                    claim = dict(metric=metric, subject=rng.choice(SUBJECTS), value=int(figure), value_high=None,
                                 unit=unit, qualifier="exact", status="current", denominator=None, time_start=None,
                                 stated_end=None)
                    yield (article_id, "bench", metric, claim["subject"], int(figure), unit, "exact",
                           "current", figure, sentence, figure_start, figure_start + len(figure),
                           store.figure_key(claim), _day(article_id), article_id % 50 + 1)
                    offset = start + len(sentence)

        connection.executemany(
            "INSERT INTO claims (article_id, extractor_version, metric, subject, value, unit, qualifier, status,"
            " figure_text, sentence, char_start, char_end, figure_key, published, outlet_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            claim_rows())
        claims = connection.execute("SELECT max(id) FROM claims").fetchone()[0]

        connection.executemany(
            "INSERT INTO contradictions (metric, subject, cause, reason, claim_a, claim_b) VALUES (?, ?, ?, ?, ?, ?)",
            ((metric, "Metropolitan Police", rng.choice(["conflict", "rounding", "different_period"]),
              "generated for the benchmark", rng.randint(1, claims), rng.randint(1, claims))
             for metric, _ in (rng.choice(METRICS) for _ in range(CONTRADICTIONS))))
        connection.executemany(
            "INSERT INTO agreements (metric, subject, reason, claim_a, claim_b) VALUES (?, ?, ?, ?, ?)",
            ((metric, "Metropolitan Police", "generated for the benchmark", rng.randint(1, claims),
              rng.randint(1, claims)) for metric, _ in (rng.choice(METRICS) for _ in range(AGREEMENTS))))
        connection.executemany(
            "INSERT INTO figure_timeline (metric, subject, unit, status, value, qualifier, low, high, figure_text,"
            " first_claim_id, first_published, first_outlet, last_published, claim_count, outlet_count, outlets)"
            " VALUES (?, ?, ?, 'current', ?, 'exact', ?, ?, ?, ?, ?, 'Fictional Outlet 1', ?, 3, 2,"
            " 'Fictional Outlet 1, Fictional Outlet 2')",
            ((metric, subject, unit, value, value, value, str(value), rng.randint(1, claims), _day(k), _day(k + 30))
             for metric, unit in METRICS for subject in set(SUBJECTS)
             for k, value in enumerate(rng.sample(range(1, 5001), FIGURES_PER_GROUP))))
        connection.execute(
            "INSERT INTO metric_summary SELECT metric, subject, unit, count(*), count(DISTINCT value), 50,"
            " '2023-01-01', '2026-10-31', max(figure_text), 0, 0, 0, 0 FROM claims GROUP BY metric, subject")
    connection.close()
    database = open_database(path)
    store_metrics(database, metric_vocabulary())  # the site's labels, as `claimwatch detect` stores them
    database.close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # Datasette reads the file immutable, WAL unseen
    connection.close()


def add_reviews(path: pathlib.Path, count: int = REVIEWS, seed: int = 8) -> pathlib.Path:
    """`count` reviews of distinct contradictions through db.reviews' own API, in the reviews file the site reads
    beside `path`; one in ORPHANED_EVERY then loses its first claim (the article rewrote that figure)."""
    rng = random.Random(seed)
    reviews_file = reviews.reviews_path(path)
    connection = sqlite3.connect(path)
    total = connection.execute("SELECT max(id) FROM contradictions").fetchone()[0]
    revised = []
    for n, contradiction_id in enumerate(rng.sample(range(1, total + 1), count)):
        pair = reviews.pair_of(connection, contradiction_id)
        reviews.record(reviews_file, pair, reviews.VERDICTS[n % len(reviews.VERDICTS)], by=f"reviewer {n % 7}",
                       note="generated for the benchmark", at=f"{_day(n)}T12:00:00Z")
        if n % ORPHANED_EVERY == 0:
            revised.append(pair["a_claim_id"])
    with connection:
        connection.executemany("UPDATE claims SET figure_text = figure_text || '0', value = value * 10 WHERE id = ?",
                               [[claim_id] for claim_id in revised])
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return reviews_file


def _serve(path: pathlib.Path):
    port = servers.free_port()
    # `python -m datasette` from this interpreter: a venv copied from another checkout keeps that checkout's
    # interpreter in its console scripts' first line, and would serve that checkout's plugin.
    return servers.start([sys.executable, "-m", "datasette", *publish.datasette_argv(path, port=port)], port), port


def _latencies(port: int, paths: list[str], repeat: int) -> tuple[list[float], list[str]]:
    """Milliseconds per request, cycling through `paths`, over one keep-alive connection; and the requests
    that failed (Datasette answers 400 when a query passes sql_time_limit_ms)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times, failures = [], []
    for i in range(repeat + 3):
        path = paths[i % len(paths)]
        start = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != 200:
            failures.append(f"GET {path}: HTTP {response.status}")
        if i >= 3:  # the first requests warm Datasette's caches
            times.append(elapsed)
    connection.close()
    return times, failures


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20)[-1]


ROW_PAGE = "Datasette's row page of one claim"


def run(quick: bool) -> list[bench.Result]:
    articles = 10_000 if quick else 100_000
    repeat = 30 if quick else 100
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder) / "claimwatch.db"
        started = time.perf_counter()
        generate(path, articles)
        add_reviews(path)
        generated_in = time.perf_counter() - started
        connection = sqlite3.connect(path)
        claims = connection.execute("SELECT count(*) FROM claims").fetchone()[0]
        contradictions = connection.execute("SELECT max(id) FROM contradictions").fetchone()[0]
        versions = connection.execute("SELECT max(id) FROM article_versions").fetchone()[0]
        connection.close()
        size = f"{articles:,} articles, {claims:,} claims"
        metrics = [metric for metric, _ in METRICS]

        # Each page: its paths (requested in turn) and the baseline it is compared with.
        pages = {
            f"home page (with {REVIEWS:,} reviews' counts)": (["/"], ROW_PAGE),
            "home page, contradictions a reviewer confirmed (/?verdict=confirmed)": (["/?verdict=confirmed"],
                                                                                     ROW_PAGE),
            "orphaned reviews (/-/reviews?verdict=orphaned)": (["/-/reviews?verdict=orphaned"], ROW_PAGE),
            "contradiction page": ([f"/-/contradiction/{rng.randint(1, contradictions)}" for _ in range(50)],
                                   ROW_PAGE),
            "metric page (with its Vega-Lite chart spec)": ([f"/-/metric/{metric}" for metric in metrics], ROW_PAGE),
            "claim page (sentence in context, timeline, every pair it is part of)":
                ([f"/-/claim/{rng.randint(1, claims)}" for _ in range(50)], ROW_PAGE),
            "contradictions of one metric (/-/contradictions?metric=)":
                ([f"/-/contradictions?metric={metric}" for metric in metrics], ROW_PAGE),
            "explained differences (/-/explained)": (["/-/explained"], ROW_PAGE),
            "agreements of one metric (/-/agreements?metric=)":
                ([f"/-/agreements?metric={metric}" for metric in metrics], ROW_PAGE),
            "stored copy (/-/fetched/ID, header and sandboxed frame)":
                ([f"/-/fetched/{rng.randint(1, versions)}" for _ in range(50)], ROW_PAGE),
            "Atom feed of new contradictions": (["/claimwatch/new_contradictions.atom"], ROW_PAGE),
            f"search (/-/search, articles and claims, full text, a rare word: {SEARCH_TERM})":
                ([f"/-/search?q={SEARCH_TERM}"], f"Datasette's article table searched for {SEARCH_TERM}"),
            f"search (/-/search, a common word: {COMMON_TERM})":
                ([f"/-/search?q={COMMON_TERM}"], f"Datasette's article table searched for {COMMON_TERM}"),
            "JSON API (contradiction)": ([f"/-/contradiction/{rng.randint(1, contradictions)}.json"
                                         for _ in range(50)], ROW_PAGE),
            "JSON API (claims of one metric)": ([f"/claimwatch/claims.json?metric={metric}&_size=50"
                                                 for metric in metrics], ROW_PAGE),
            "claims with provenance, one metric (/-/claims)":
                ([f"/-/claims?metric={metric}" for metric in metrics], "Datasette's claims_with_provenance view"),
        }
        baselines = {
            ROW_PAGE: [f"/claimwatch/claims/{rng.randint(1, claims)}" for _ in range(50)],
            f"Datasette's article table searched for {SEARCH_TERM}": [f"/claimwatch/articles?_search={SEARCH_TERM}"],
            f"Datasette's article table searched for {COMMON_TERM}": [f"/claimwatch/articles?_search={COMMON_TERM}"],
            "Datasette's claims_with_provenance view":
                [f"/claimwatch/claims_with_provenance?metric={metric}" for metric in metrics],
        }

        server, port = _serve(path)
        try:
            baseline_times = {name: _latencies(port, paths, repeat)[0] for name, paths in baselines.items()}
            measured = {name: _latencies(port, paths, repeat) for name, (paths, _) in pages.items()}
        finally:
            server.terminate()
            server.wait(timeout=30)

    results = []
    for name, (times, failures) in measured.items():
        p95, baseline_name = _p95(times), pages[name][1]
        baseline = baseline_times[baseline_name]
        failed = f"; **{len(failures)} failed**, e.g. {failures[0]}" if failures else ""
        results.append(bench.Result(
            benchmark=f"{name}, {size}", unit="ms p95", value=p95,
            baseline_name=baseline_name, baseline=_p95(baseline), higher_is_better=False,
            target="<= 50 ms", met=p95 <= 50 and not failures,
            note=f"p50 {statistics.median(times):.1f} ms (baseline p50 {statistics.median(baseline):.1f} ms);"
                 f" {len(times)} requests over loopback; database generated in {generated_in:.0f} s{failed}",
        ))
    return results
