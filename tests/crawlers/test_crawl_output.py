"""What `claimwatch crawl` prints: a line of progress and the summary, each failed source in one line; Scrapy's
log goes to a file, and with -v to the terminal too. Real crawls of a loopback server, one good feed, one dead."""

import os
import pathlib
import re
import socket
import sqlite3
import subprocess
import sys

import pytest

CLAIMWATCH = pathlib.Path(sys.executable).with_name("claimwatch")


def dead_url() -> str:
    """A URL on a loopback port nothing listens on: connecting to it is refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/news.xml"


def start_crawl(folder, *args) -> subprocess.Popen:
    return subprocess.Popen([str(CLAIMWATCH), "crawl", *map(str, args)], cwd=folder, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=os.environ)


def finished(process: subprocess.Popen) -> subprocess.CompletedProcess:
    stdout, stderr = process.communicate(timeout=300)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def crawl(folder, *args) -> subprocess.CompletedProcess:
    return finished(start_crawl(folder, *args))


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """(quiet run, verbose run, the dead feed's URL, folder): the same crawl twice at once, into two databases."""
    from crawl_server import FixtureServer

    folder = tmp_path_factory.mktemp("output")
    dead = dead_url()
    with FixtureServer() as server:
        feeds = ["--feed", server.base_url + "/feed.xml", "--feed", dead]
        quiet = start_crawl(folder, "--db", "quiet.db", *feeds)
        verbose = start_crawl(folder, "--db", "verbose.db", "-v", "--log-file", "logs-verbose.txt", *feeds)
        quiet, verbose = finished(quiet), finished(verbose)
    return quiet, verbose, dead, folder


def test_a_crawl_with_a_dead_feed_prints_a_short_summary_and_the_reason_in_one_line(crawled):
    quiet, _, dead, folder = crawled
    assert quiet.returncode == 1, quiet.stderr  # finished, with a failure it reports
    lines = quiet.stderr.splitlines()
    assert f"  feed {dead}: connection refused" in lines
    assert "Traceback" not in quiet.stderr and "[scrapy" not in quiet.stderr and "ERROR" not in quiet.stderr
    assert len(lines) <= 10, quiet.stderr
    (stored,) = sqlite3.connect(folder / "quiet.db").execute("SELECT count(*) FROM articles").fetchone()
    assert stored > 0
    summary = next(line for line in lines if line.startswith("crawl: "))
    assert f"stored {stored}," in summary
    assert "failed: connection_refused: 1" in quiet.stderr


def test_a_crawl_shows_its_progress_in_pages_articles_and_errors(crawled):
    quiet, *_ = crawled
    progress = [line for line in quiet.stderr.splitlines() if line.startswith("crawling: ")]
    assert progress, quiet.stderr
    assert progress[-1].endswith("1 error")  # the last one has the final counts
    assert " pages fetched, " in progress[-1] and " stored or updated, " in progress[-1]
    # The final progress line and the summary count the same pages and articles.
    summary = next(line for line in quiet.stderr.splitlines() if line.startswith("crawl: "))
    fetched = re.search(r"fetched (\d+),", summary).group(1)
    stored = re.search(r"stored (\d+),", summary).group(1)
    assert progress[-1].startswith(f"crawling: {fetched} page"), (progress[-1], summary)
    assert f", {stored} article" in progress[-1], (progress[-1], summary)


def test_scrapys_full_log_goes_to_a_file_beside_the_database(crawled):
    quiet, _, dead, folder = crawled
    log = (folder / "quiet.db.crawl.log").read_text()
    assert "[scrapy.core.engine] INFO: Spider opened" in log
    assert "Connection refused" in log and "Traceback" in log  # what the terminal was spared
    assert dead.removesuffix("/news.xml") in log
    assert "quiet.db.crawl.log" in quiet.stderr  # the summary says where to look


def test_verbose_prints_scrapys_log_and_still_the_summary(crawled):
    _, verbose, dead, folder = crawled
    assert verbose.returncode == 1
    assert "[scrapy.core.engine] INFO: Spider opened" in verbose.stderr
    assert f"  feed {dead}: connection refused" in verbose.stderr.splitlines()
    log = (folder / "logs-verbose.txt").read_text()  # --log-file: written there as well
    assert "[scrapy.core.engine] INFO: Spider opened" in log
    assert not (folder / "verbose.db.crawl.log").exists()


def test_a_log_file_that_cannot_be_written_is_bad_usage_before_anything_is_fetched(tmp_path):
    result = crawl(tmp_path, "--db", "c.db", "--log-file", tmp_path / "no-such-folder" / "crawl.log",
                   "--feed", dead_url())
    assert result.returncode == 2
    assert "no-such-folder" in result.stderr and len(result.stderr.strip().splitlines()) == 1
