"""Scale-out: crawler processes sharing a Redis frontier, merging shards, and what Redis holds per million URLs

Each crawler process is a real `crawlers.crawl(..., frontier=...)` writing its own shard through the real
ArticleStore, over a generated site (sample_site/many.py) served on loopback by another process; the rate is
pages stored over the span from the first worker's start to the last one's finish. Politeness is off, as in the
crawl benchmark: the figure is the crawler's own speed, not the pace it keeps with an outlet.
"""

import hashlib
import json
import pathlib
import pickle
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib

import redis
import scrapy

import bench
from bench.servers import free_port, redis_server_executable, serving
from claimwatch.db.schema import open_database

ROOT = pathlib.Path(__file__).resolve().parent.parent
WORKER = """
import json, sys
from claimwatch import crawlers, db
from claimwatch.db.store import ArticleStore
summary = crawlers.crawl(ArticleStore(db.open_database(sys.argv[3])), sitemaps=[sys.argv[1] + "/sitemap.xml"],
                         frontier=sys.argv[2], settings={"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False,
                         "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "LOG_LEVEL": "WARNING"})
stats = summary["stats"]
print(json.dumps({"stored": summary["stored"], "start": stats["start_time"], "finish": stats["finish_time"]},
                 default=str))
"""


def _redis(folder):
    port = free_port()
    return serving([redis_server_executable() or "redis-server", "--port", str(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", str(folder)], port)


def crawl_rate(workers: int, site_url: str, frontier: str, folder: pathlib.Path) -> tuple[float, int]:
    """Pages stored per second by `workers` crawler processes sharing the frontier, and how many were stored."""
    redis.Redis.from_url(frontier).flushdb()
    processes = [subprocess.Popen([sys.executable, "-c", WORKER, site_url, frontier, str(folder / f"w{n}.db")],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                 for n in range(workers)]
    runs = []
    for process in processes:
        stdout, _ = process.communicate(timeout=1800)
        runs.append(json.loads(stdout.strip().splitlines()[-1]))
    for n in range(workers):
        (folder / f"w{n}.db").unlink()
    start = min(_moment(run["start"]) for run in runs)
    finish = max(_moment(run["finish"]) for run in runs)
    stored = sum(run["stored"] for run in runs)
    return stored / (finish - start), stored


def _moment(text: str) -> float:
    import datetime

    return datetime.datetime.fromisoformat(text).timestamp()


def write_shard(path: pathlib.Path, first: int, count: int) -> None:
    """A crawl shard of `count` articles (ids from `first`), as ArticleStore would leave it, written in bulk."""
    open_database(path).close()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("INSERT INTO outlets (id, name, domain, kind) VALUES (1, 'Fictional Outlet', "
                           "'outlet.example', 'sample')")
        rng = random.Random(first)
        rows, versions, urls = [], [], []
        for number in range(first, first + count):
            text = f"Sample article {number}: the force said it ran {rng.randint(1, 99)} facial recognition vans."
            body = f"<html><body><p>{text}</p></body></html>".encode()
            url = f"https://outlet.example/story/{number}"
            fetched = f"2026-11-{number % 28 + 1:02d}T10:00:00Z"
            rows.append((number, url, 1, "2026-11-01", number, f"Story {number}", fetched, fetched,
                         hashlib.sha256(text.encode()).hexdigest(), text))
            versions.append((number, number, fetched, fetched, hashlib.sha256(body).hexdigest(), zlib.compress(body),
                             len(body)))
            urls.append((url, number, fetched))
        connection.executemany("INSERT INTO articles (id, url, outlet_id, published, cluster_id, title,"
                               " first_fetched_at, last_fetched_at, text_sha256, text) VALUES (?,?,?,?,?,?,?,?,?,?)",
                               rows)
        connection.executemany("INSERT INTO article_versions (id, article_id, fetched_at, last_checked_at,"
                               " content_sha256, body_zlib, body_size) VALUES (?,?,?,?,?,?,?)", versions)
        connection.executemany("INSERT INTO article_urls (url, article_id, first_seen_at) VALUES (?,?,?)", urls)
    connection.close()


def merge_seconds(articles: int, folder: pathlib.Path) -> tuple[float, float]:
    """Seconds for `claimwatch merge` of two shards of articles/2 each into an empty database, and for the
    baseline: copying the same article and version rows with plain INSERT ... SELECT (no identity, no checks)."""
    from claimwatch.db.merge import merge

    half = articles // 2
    shards = [folder / "a.db", folder / "b.db"]
    write_shard(shards[0], 1, half)
    write_shard(shards[1], half + 1, articles - half)

    target = open_database(folder / "merged.db")
    start = time.perf_counter()
    merge(target, shards)
    ours = time.perf_counter() - start
    target.close()

    plain = open_database(folder / "plain.db")
    start = time.perf_counter()
    plain.execute("INSERT INTO outlets (id, name) VALUES (1, 'Fictional Outlet')")
    plain.conn.commit()
    for shard in shards:
        plain.execute("ATTACH DATABASE ? AS shard", [str(shard)])
        plain.execute("INSERT INTO articles SELECT * FROM shard.articles")
        plain.execute("INSERT INTO article_versions SELECT * FROM shard.article_versions")
        plain.conn.commit()
        plain.execute("DETACH DATABASE shard")
    baseline = time.perf_counter() - start
    plain.close()
    return ours, baseline


def _bytes_per_million(server: redis.Redis, count: int, add) -> float:
    """Growth of Redis' used_memory per million calls of add(pipeline, number), measured over `count` calls."""
    server.flushdb()
    before = server.info("memory")["used_memory"]
    pipe = server.pipeline(transaction=False)
    for number in range(count):
        add(pipe, number)
        if number % 10_000 == 9_999:
            pipe.execute()
    pipe.execute()
    grown = server.info("memory")["used_memory"] - before
    server.flushdb()
    return grown * 1_000_000 / count


def _fingerprint(number: int) -> bytes:
    return hashlib.sha1(f"https://outlet.example/story/{number}".encode()).digest()


def _queued_request(number: int) -> bytes:
    request = scrapy.Request(f"https://outlet.example/story/{number}", meta={"claimwatch_article": True},
                             cb_kwargs={"via": "news_sitemap", "hints": {"title": f"Story {number}"}})
    return pickle.dumps(request.to_dict(), protocol=-1)


def redis_bytes_per_million(server: redis.Redis, count: int) -> tuple[float, float, float]:
    """Redis memory per million URLs: our seen-set, scrapy-redis' own, and the queue of pickled requests."""
    compact = _bytes_per_million(server, count, lambda pipe, n: pipe.sadd("seen", _fingerprint(n)[:8]))
    hexadecimal = _bytes_per_million(server, count, lambda pipe, n: pipe.sadd("seen", _fingerprint(n).hex()))
    queue = _bytes_per_million(server, count // 10,
                               lambda pipe, n: pipe.zadd("sitemap:requests", {_queued_request(n): 0}))
    return compact, hexadecimal, queue


def run(quick: bool) -> list[bench.Result]:
    pages = 300 if quick else 1500
    articles = 10_000 if quick else 100_000
    fingerprints = 100_000 if quick else 1_000_000
    many = _load_many()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        folder = pathlib.Path(folder)
        many.write(folder / "site", pages)
        site_port = free_port()
        with _redis(folder) as redis_address, \
                serving([sys.executable, "sample_site/serve.py", "--port", str(site_port), "--root",
                         str(folder / "site")], site_port, cwd=ROOT) as site_address:
            frontier = f"redis://{redis_address}/0"
            one, stored_one = crawl_rate(1, f"http://{site_address}", frontier, folder)
            two, stored_two = crawl_rate(2, f"http://{site_address}", frontier, folder)
            seen, seen_hex, queue = redis_bytes_per_million(redis.Redis.from_url(frontier), fingerprints)
        results.append(bench.Result(
            benchmark=f"crawl a generated site of {pages} pages over loopback, two processes sharing a Redis frontier",
            unit="pages/s", value=two, baseline_name="one process on the same frontier", baseline=one,
            note=f"stored {stored_two} (one process: {stored_one}) pages, each once; 2 cores, and the site's server"
                 " and Redis run on them too; the one-process run goes first, with colder caches, so the ratio above 2"
                 " flatters"))
        merged, plain = merge_seconds(articles, folder)
        results.append(bench.Result(
            benchmark=f"`claimwatch merge` of two crawl shards, {articles:,} articles in all, into an empty database",
            unit="s", value=merged, baseline_name="plain INSERT … SELECT of the same rows", baseline=plain,
            higher_is_better=False, note="the merge matches articles by URL, versions by hash, and clusters copies"))
        results.append(bench.Result(
            benchmark="Redis memory per million URLs: the shared seen-set (8-byte fingerprints)", unit="MB",
            value=seen / 1e6, baseline_name="scrapy-redis' own seen-set (40 hex characters each), measured alike",
            baseline=seen_hex / 1e6, higher_is_better=False,
            note=f"measured on {fingerprints:,} fingerprints (INFO used_memory); the set is cleared when a new crawl"
                 " starts, so it holds one crawl's URLs"))
        results.append(bench.Result(
            benchmark="Redis memory per million queued requests (pickled Scrapy requests)", unit="MB",
            value=queue / 1e6, note=f"measured on {fingerprints // 10:,} requests; a request leaves the queue when a"
                                    " worker takes it"))
    return results


def _load_many():
    import importlib.util

    spec = importlib.util.spec_from_file_location("sample_site_many", ROOT / "sample_site" / "many.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
