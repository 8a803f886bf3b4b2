"""Several crawler processes sharing one frontier in a real redis-server, over a generated site on loopback."""

import os
import pathlib
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.scaleout.conftest import PAGES

FAST_CLI = pathlib.Path(__file__).parents[1] / "fast_cli.py"


def worker(tmp_path, *args, env=None):
    """`claimwatch ARGS` (crawler delays off, see fast_cli.py) in a child process of its own."""
    return subprocess.Popen([sys.executable, str(FAST_CLI), *map(str, args)], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})})


def finished(process, timeout=300):
    stdout, stderr = process.communicate(timeout=timeout)
    assert process.returncode == 0, stderr[-3000:]
    return stderr


def articles(path) -> set[tuple]:
    """What a reader of the database sees of each article, without surrogate ids."""
    with sqlite3.connect(path) as connection:
        return set(connection.execute(
            "SELECT articles.url, title, published, text_sha256, outlets.name, versions.content_sha256"
            " FROM articles JOIN outlets ON outlets.id = outlet_id"
            " JOIN article_versions versions ON versions.article_id = articles.id"))


def stored_count(path) -> int:
    try:
        with sqlite3.connect(path, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def test_two_workers_fetch_every_page_once_and_merge_into_what_one_crawl_stores(tmp_path, frontier,
                                                                                  many_pages_site):
    base_url, paths, server = many_pages_site()
    crawl = ("crawl", "--frontier", frontier, "--sitemap", f"{base_url}/sitemap.xml")
    first, second = worker(tmp_path, *crawl, "--db", "a.db"), worker(tmp_path, *crawl, "--db", "b.db")
    finished(first), finished(second)

    article_fetches = {path: count for path, count in server.fetched.items() if path.startswith("/loopback-ledger/")}
    assert article_fetches == {f"/{path}": 1 for path in paths}
    assert server.fetched["/sitemap.xml"] == 1
    assert stored_count(tmp_path / "a.db") > 0 and stored_count(tmp_path / "b.db") > 0, "both workers took pages"

    finished(worker(tmp_path, "merge", "a.db", "b.db", "--db", "merged.db"))
    finished(worker(tmp_path, "crawl", "--sitemap", f"{base_url}/sitemap.xml", "--db", "single.db"))
    assert len(articles(tmp_path / "single.db")) == PAGES
    assert articles(tmp_path / "merged.db") == articles(tmp_path / "single.db")


def test_a_killed_workers_pages_are_picked_up_by_the_other(tmp_path, frontier, many_pages_site):
    base_url, paths, server = many_pages_site()
    crawl = ("crawl", "--frontier", frontier, "--sitemap", f"{base_url}/sitemap.xml")
    env = {"FAST_CLI_HEARTBEAT": "2"}  # the survivor takes over 2 s after the killed worker's last heartbeat
    doomed, survivor = worker(tmp_path, *crawl, "--db", "a.db", env=env), worker(tmp_path, *crawl, "--db", "b.db",
                                                                                  env=env)
    deadline = time.monotonic() + 120
    while stored_count(tmp_path / "a.db") < 30:
        assert doomed.poll() is None and time.monotonic() < deadline, "the first worker ended before 30 pages"
        time.sleep(0.05)
    doomed.send_signal(signal.SIGKILL)
    doomed.wait()
    finished(survivor)

    finished(worker(tmp_path, "merge", "a.db", "b.db", "--db", "merged.db"))
    merged = {row[0] for row in articles(tmp_path / "merged.db")}
    assert merged == {f"{base_url}/{path}" for path in paths}
    fetched_twice = [path for path in paths if server.fetched[f"/{path}"] > 1]
    assert len(fetched_twice) <= 16, "only what the killed worker held (CONCURRENT_REQUESTS) is fetched again"


def test_politeness_holds_per_domain_across_workers(tmp_path, frontier, many_pages_site):
    base_url, paths, server = many_pages_site(40)
    crawl = ("crawl", "--frontier", frontier, "--sitemap", f"{base_url}/sitemap.xml")
    env = {"FAST_CLI_DOWNLOAD_DELAY": "0.25"}
    workers = [worker(tmp_path, *crawl, "--db", f"{name}.db", env=env) for name in "ab"]
    for process in workers:
        finished(process)
    assert all(stored_count(tmp_path / f"{name}.db") > 0 for name in "ab"), "both workers took pages"
    # The gate spaces the moments requests leave the workers; the server sees them with some jitter. Two workers
    # each keeping the delay alone would put about half of it between requests, and all of them in half the time.
    moments = sorted(moment for times in server.times.values() for moment in times)
    assert len(moments) >= len(paths) + 1
    gaps = [later - earlier for earlier, later in zip(moments, moments[1:], strict=False)]
    assert moments[-1] - moments[0] >= 0.9 * 0.25 * len(gaps), "the workers together went faster than the delay"
    assert min(gaps) >= 0.1, f"two requests to one host {min(gaps):.3f} s apart across the workers"


def test_a_finished_crawl_leaves_the_next_one_free_to_fetch_again(tmp_path, frontier, many_pages_site):
    base_url, paths, server = many_pages_site(20)
    crawl = ("crawl", "--frontier", frontier, "--sitemap", f"{base_url}/sitemap.xml", "--db", "a.db")
    finished(worker(tmp_path, *crawl))
    summary = finished(worker(tmp_path, *crawl))
    assert all(server.fetched[f"/{path}"] == 2 for path in paths)
    assert "unchanged 20" in summary


def test_an_unreachable_frontier_is_one_line_and_exit_2(tmp_path, claimwatch_cli, many_pages_site):
    base_url, _, _ = many_pages_site(5)
    result = claimwatch_cli("crawl", "--frontier", "redis://127.0.0.1:1/0", "--sitemap", f"{base_url}/sitemap.xml",
                            "--db", "a.db", check=False)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "redis://127.0.0.1:1/0" in result.stderr


@pytest.mark.parametrize("url", ["http://127.0.0.1:6379/0", "redis://127.0.0.1:6379/notanumber"])
def test_a_malformed_frontier_url_is_named(tmp_path, claimwatch_cli, url):
    result = claimwatch_cli("crawl", "--frontier", url, "--sitemap", "http://127.0.0.1:9/sitemap.xml", "--db",
                            "a.db", check=False)
    assert result.returncode == 2 and url in result.stderr and result.stderr.count("\n") == 1
