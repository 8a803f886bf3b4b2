"""kill -9 in the middle of a crawl and of an extraction, then run again: the database ends up holding exactly
what an uninterrupted run produces, nothing twice, nothing missing."""

import collections
import pathlib
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.reliability.slow_site import SlowSite

PAGES = 100
FAST_CLI = pathlib.Path(__file__).parents[1] / "fast_cli.py"


def claimwatch(*args, **popen):
    """The real CLI (crawler delays off, see fast_cli.py) in a child process."""
    return subprocess.Popen([sys.executable, str(FAST_CLI), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **popen)


def finish(process, timeout=300):
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err[-3000:]
    return err


def count(db, query):
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute(query).fetchone()[0]
    except sqlite3.Error:  # not created yet, or mid-migration
        return 0


def kill_when(process, db, query, at_least, deadline=120):
    """kill -9 the process once `query` counts `at_least` rows; returns the count seen just before."""
    stop = time.monotonic() + deadline
    while (seen := count(db, query)) < at_least:
        assert process.poll() is None, f"finished before it could be killed: {process.stderr.read()[-2000:]}"
        assert time.monotonic() < stop, f"{query} never reached {at_least}"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return seen


def snapshot(db) -> dict:
    """What a user would compare: every row that matters, keyed by what identifies it rather than by id."""
    with sqlite3.connect(db) as connection:
        def rows(query):
            return collections.Counter(connection.execute(query).fetchall())
        return {
            "articles": rows("SELECT url, text_sha256, title, published FROM articles"),
            "versions": rows("""SELECT articles.url, v.content_sha256, v.body_size, v.http_status
                                FROM article_versions v JOIN articles ON articles.id = v.article_id"""),
            "urls": rows("""SELECT article_urls.url, articles.url FROM article_urls
                            JOIN articles ON articles.id = article_urls.article_id"""),
            "claims": rows("""SELECT articles.url, figure_text, char_start, metric, value FROM claims
                              JOIN articles ON articles.id = claims.article_id"""),
            "extractions": rows("""SELECT articles.url, extractor_version FROM extractions
                                   JOIN articles ON articles.id = extractions.article_id"""),
        }


def assert_same(got: dict, expected: dict):
    for table, rows in expected.items():
        assert not [row for row, n in got[table].items() if n > 1], f"{table}: rows stored twice"
        missing, extra = rows - got[table], got[table] - rows
        assert not missing and not extra, f"{table}: missing {list(missing)[:3]}, extra {list(extra)[:3]}"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """(uninterrupted crawl's db, crawl killed at about a third and resumed db, articles seen at the kill)."""
    folder = tmp_path_factory.mktemp("crash")
    whole, resumed = folder / "whole.db", folder / "resumed.db"
    with SlowSite(pages=PAGES, delay=0.05) as site:
        sitemap = site.base_url + "/sitemap.xml"
        finish(claimwatch("crawl", "--db", whole, "--resume", "--sitemap", sitemap))
        first = claimwatch("crawl", "--db", resumed, "--resume", "--sitemap", sitemap)
        at_kill = kill_when(first, resumed, "SELECT count(*) FROM articles", PAGES // 3)
        log = finish(claimwatch("crawl", "--db", resumed, "--resume", "--sitemap", sitemap))
    return whole, resumed, at_kill, log


def test_a_crawl_killed_mid_way_and_run_again_stores_exactly_what_an_uninterrupted_crawl_stores(crawled):
    whole, resumed, at_kill, _ = crawled
    expected = snapshot(whole)
    assert len(expected["articles"]) == PAGES
    assert PAGES // 3 <= at_kill < PAGES
    assert_same(snapshot(resumed), expected)


def test_the_run_after_a_hard_kill_says_it_starts_the_crawl_queue_afresh(crawled):
    _, resumed, _, log = crawled
    assert "killed before it could save its queue" in log
    assert not (pathlib.Path(f"{resumed}.crawl-job") / "crawl-running").exists()


def test_an_extraction_killed_mid_way_and_run_again_stores_exactly_the_claims_of_an_uninterrupted_one(
        crawled, tmp_path):
    whole, _, _, _ = crawled
    uninterrupted, killed = tmp_path / "uninterrupted.db", tmp_path / "killed.db"
    shutil.copy(whole, uninterrupted)
    shutil.copy(whole, killed)
    finish(claimwatch("extract", "--db", uninterrupted))
    expected = snapshot(uninterrupted)
    assert sum(expected["claims"].values()) > PAGES  # every article carries several figures

    first = claimwatch("extract", "--db", killed)
    at_kill = kill_when(first, killed, "SELECT count(*) FROM extractions", 5)
    assert at_kill < PAGES, "extraction finished before the kill: give it more articles"
    assert count(killed, "SELECT count(*) FROM extractions") < PAGES
    finish(claimwatch("extract", "--db", killed))
    assert_same(snapshot(killed), expected)
