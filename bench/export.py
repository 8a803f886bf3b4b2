"""Streaming exports: `claimwatch export --format jsonl` against Datasette's own JSON export of the same rows

Synthetic data, written straight into the real schema: claims spread over the 26 metrics, five to an article,
each article with its outlet and a stored version (so the provenance view joins what it joins in use), and
sentences of realistic length. claimwatch runs as the console script, exporting every claim with its
provenance as JSON Lines. Datasette reads the same rows of claims_with_provenance as `.json?_shape=array&_nl=on`
pages of its largest page size (max_returned_rows) through `datasette.client`, configured as `claimwatch serve`
configures it; pages are fetched by id (keyset paging in SQL), the fastest way its JSON API offers for a view.
Each side runs in its own child process, whose peak RSS is read from the kernel (os.wait4) when it exits."""

import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import bench
from claimwatch import db
from claimwatch.db import store
from claimwatch.db.export import EXPORTED_CLAIM_FIELDS

METRICS = ["drones_fleet", "drones_planned", "drone_response_time", "drone_sites", "lfr_deployments",
           "lfr_deployments_per_week", "lfr_arrests", "lfr_faces_scanned", "lfr_alerts", "lfr_false_alerts",
           "lfr_watchlist_size", "lfr_vans", "lfr_fixed_cameras", "cctv_cameras", "officers_total", "staff_total",
           "officers_lost", "staff_lost", "arrests_total", "contract_value", "budget_gap", "additional_funding",
           "forces_using_lfr", "public_support_percent", "accuracy_percent", "false_positive_rate"]
CLAIMS_PER_ARTICLE = 5
OUTLETS = 40
RSS_TARGET_MB = 150
WORDS = ("the force said its live facial recognition vans and drones had been used across several boroughs"
         " according to figures released by officials this week while campaigners questioned the numbers").split()

DATASETTE_CHILD = """
import asyncio, json, os, sys, urllib.parse
from claimwatch import publish

path, columns = sys.argv[1], sys.argv[2]
datasette = publish.make_datasette(path)
page = datasette.setting("max_returned_rows")
sql = f"select {columns} from claims_with_provenance where id > :after order by id limit {page}"

async def export():
    await datasette.invoke_startup()
    after, rows = 0, 0
    with open(os.devnull, "w") as out:
        while True:
            query = urllib.parse.urlencode({"sql": sql, "after": after, "_shape": "array", "_nl": "on"})
            response = await datasette.client.get(f"/{datasette.get_database().name}.json?{query}")
            if response.status_code != 200:
                sys.exit(f"datasette answered {response.status_code}: {response.text[:200]}")
            lines = response.text.splitlines()
            out.write(response.text)
            rows += len(lines)
            if len(lines) < page:
                return rows
            after = json.loads(lines[-1])["id"]

print(asyncio.run(export()))
"""


def synthesize(path: Path, claims: int, seed: int = 7) -> None:
    """Write `claims` synthetic claims, with their articles, versions and outlets, into a new database."""
    rng = random.Random(seed)
    articles = claims // CLAIMS_PER_ARTICLE
    database = db.open_database(path)

    def published(article_id):
        return f"202{4 + article_id % 2}-{1 + article_id % 12:02d}-{1 + article_id % 28:02d}"

    def article_rows():
        for article_id in range(1, articles + 1):
            yield (article_id, f"https://outlet{article_id % OUTLETS}.example/news/{article_id}",
                   article_id % OUTLETS + 1, f"Story {article_id} about surveillance figures",
                   published(article_id), article_id)

    def version_rows():
        for article_id in range(1, articles + 1):
            body = f"<html><body>story {article_id}</body></html>".encode()
            yield (article_id, "2026-01-03T10:22:41Z", hashlib.sha256(body).hexdigest(), zlib.compress(body),
                   len(body))

    def claim_rows():
        for claim_id in range(claims):
            value = rng.choice([9, 30, 400, 2000, 13000, 1_400_000])
            sentence = " ".join(rng.choices(WORDS, k=rng.randrange(15, 35))) + f" with {value:,} recorded."
            start = 40 + rng.randrange(2000)
            article_id = claim_id // CLAIMS_PER_ARTICLE + 1
            figure = {"subject": "Metropolitan Police", "metric": rng.choice(METRICS), "unit": "count",
                      "status": rng.choice(["current", "cumulative"]), "denominator": None, "value": value,
                      "value_high": None, "qualifier": rng.choice(["exact", "approx", "at_least"]),
                      "time_start": None, "stated_end": None}
            yield (article_id, figure["metric"], value, figure["qualifier"], figure["status"], f"{value:,}",
                   sentence, start, start + len(f"{value:,}"), store.figure_key(figure), published(article_id),
                   article_id, article_id % OUTLETS + 1)

    with database.atomic():
        database.conn.executemany("INSERT INTO outlets (id, name, kind) VALUES (?, ?, 'press')",
                                  [(i + 1, f"Outlet {i + 1}") for i in range(OUTLETS)])
        database.conn.executemany(
            "INSERT INTO articles (id, url, outlet_id, title, published, cluster_id) VALUES (?, ?, ?, ?, ?, ?)",
            article_rows())
        database.conn.executemany(
            "INSERT INTO article_versions (article_id, fetched_at, content_sha256, body_zlib, body_size)"
            " VALUES (?, ?, ?, ?, ?)", version_rows())
        database.conn.executemany(
            """INSERT INTO claims (article_id, extractor_version, metric, subject, value, unit, qualifier, status,
                   figure_text, sentence, char_start, char_end, figure_key, published, cluster_id, outlet_id)
               VALUES (?, 'bench', ?, 'Metropolitan Police', ?, 'count', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            claim_rows())
    database.close()


def measured(argv: list[str]) -> tuple[float, float, str]:
    """Run `argv` to completion: (wall seconds, peak RSS in MB of that process alone, its standard output)."""
    with tempfile.TemporaryFile("w+") as stdout:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE, text=True)
        errors = process.stderr.read()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:3])} … exited {process.returncode}: {errors.strip()[-500:]}")
        stdout.seek(0)
        return seconds, usage.ru_maxrss / 1024, stdout.read()  # ru_maxrss is in KiB on Linux


def median_run(argv: list[str], repeat: int) -> tuple[float, float, str]:
    runs = sorted(measured(argv) for _ in range(repeat))
    seconds, _, output = runs[len(runs) // 2]
    return seconds, max(rss for _, rss, _ in runs), output


def run(quick: bool) -> list[bench.Result]:
    claims = 100_000 if quick else 1_000_000
    repeat = 1 if quick else 3
    claimwatch = str(Path(sys.executable).with_name("claimwatch"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "claimwatch.db"
        synthesize(path, claims)
        ours_s, ours_mb, _ = median_run(
            [claimwatch, "export", "--db", str(path), "--format", "jsonl", "-o", os.devnull], repeat)
        theirs_s, theirs_mb, output = median_run(
            [sys.executable, "-c", DATASETTE_CHILD, str(path), ", ".join(EXPORTED_CLAIM_FIELDS)], 1)
    if int(output) != claims:
        raise RuntimeError(f"Datasette exported {output.strip()} rows, expected {claims}")
    label = f"{claims:,} claims with provenance as JSON Lines"
    return [
        bench.Result(
            benchmark=f"export {label}", unit="rows/s", value=claims / ours_s,
            baseline_name="Datasette .json?_shape=array&_nl=on, keyset pages", baseline=claims / theirs_s,
            note=f"claimwatch {ours_s:.1f} s (whole CLI run), Datasette {theirs_s:.1f} s",
        ),
        bench.Result(
            benchmark=f"peak RSS exporting {label}", unit="MB", value=ours_mb, higher_is_better=False,
            baseline_name="the Datasette export's process", baseline=theirs_mb,
            target=f"< {RSS_TARGET_MB} MB for 1,000,000 claims",
            met=(ours_mb < RSS_TARGET_MB) if not quick else None,
            note="the whole process, interpreter included" + ("" if quick else "; largest of the runs"),
        ),
    ]
