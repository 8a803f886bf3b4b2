"""Extraction workers leasing articles in a real redis-server: no article extracted twice, none left out, and
their claim shards merge into what one `claimwatch extract` stores."""

import json
import pathlib
import shutil
import sqlite3
import subprocess
import sys
import time

import pytest
import redis

from claimwatch.leases import ArticleLeases, LeaseError
from claimwatch.nlp import extractor_version
from tests.scaleout.conftest import many


def claims(path) -> set[tuple]:
    with sqlite3.connect(path) as connection:
        return set(connection.execute(
            "SELECT articles.url, metric, subject, value, unit, qualifier, status, time_start, figure_text, char_start"
            " FROM claims JOIN articles ON articles.id = claims.article_id"))


def shard_urls(*shards) -> list[str]:
    return [json.loads(line)["url"] for shard in shards for line in shard.read_text().splitlines()]


def articles_db(tmp_path, claimwatch_cli):
    many.write(tmp_path / "site", 120, base_url="https://ledger.example")
    claimwatch_cli("import", tmp_path / "site", "--db", "articles.db")
    return tmp_path / "articles.db"


def test_two_workers_extract_each_article_once_and_merge_into_one_extraction(tmp_path, frontier, claimwatch_cli):
    source = articles_db(tmp_path, claimwatch_cli)
    shutil.copy(source, tmp_path / "single.db")
    claimwatch_cli("extract", "--db", "single.db")

    executable = pathlib.Path(sys.executable).with_name("claimwatch")
    workers = [subprocess.Popen([executable, "extract", "--db", "articles.db", "--queue", frontier, "--shard",
                                 f"w{n}.jsonl"], cwd=tmp_path, stderr=subprocess.PIPE, text=True) for n in (1, 2)]
    for worker in workers:
        _, stderr = worker.communicate(timeout=600)
        assert worker.returncode == 0, stderr[-2000:]

    urls = shard_urls(tmp_path / "w1.jsonl", tmp_path / "w2.jsonl")
    with sqlite3.connect(source) as connection:
        every = {row[0] for row in connection.execute("SELECT url FROM articles")}
    assert sorted(urls) == sorted(every), "each article extracted by exactly one worker"
    assert not claims(source), "a worker only reads --db"

    claimwatch_cli("merge", "w1.jsonl", "w2.jsonl", "--db", "articles.db")
    assert claims(source) == claims(tmp_path / "single.db") != set()


def test_a_dead_workers_leases_expire_and_the_next_run_takes_its_articles(tmp_path, frontier, claimwatch_cli):
    source = articles_db(tmp_path, claimwatch_cli)
    with sqlite3.connect(source) as connection:
        every = [{"url": url, "text_sha256": sha} for url, sha in connection.execute(
            "SELECT url, text_sha256 FROM articles")]
    server = redis.Redis.from_url(frontier)
    dead = ArticleLeases(server, extractor_version(), lease_seconds=600)
    assert len(dead.won(every)) == len(every)  # a worker that leased everything, then died

    blocked = claimwatch_cli("extract", "--db", "articles.db", "--queue", frontier, "--shard", "w1.jsonl")
    assert shard_urls(tmp_path / "w1.jsonl") == [] and f"leased_elsewhere {len(every)}" in blocked.stderr

    for key in server.scan_iter("claimwatch:extract:*"):  # the lease time passes
        server.pexpire(key, 1)
    time.sleep(0.1)
    claimwatch_cli("extract", "--db", "articles.db", "--queue", frontier, "--shard", "w2.jsonl")
    assert sorted(shard_urls(tmp_path / "w2.jsonl")) == sorted(article["url"] for article in every)


def test_extract_needs_queue_and_shard_together(claimwatch_cli, tmp_path):
    result = claimwatch_cli("extract", "--queue", "redis://127.0.0.1:1/0", check=False)
    assert result.returncode == 2 and "--shard" in result.stderr


def test_redis_lost_mid_run_is_a_one_line_error():
    gone = ArticleLeases(redis.Redis(port=1, socket_connect_timeout=1), extractor_version())
    with pytest.raises(LeaseError, match=r"^extraction queue: .*\S$") as raised:
        gone.won([{"url": "https://ledger.example/1", "text_sha256": "0" * 64}])
    assert "\n" not in str(raised.value)
