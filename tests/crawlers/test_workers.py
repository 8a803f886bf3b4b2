"""Pages read in extraction worker processes (crawlers/workers.py): the same records as read in the crawl's own
process, rejections intact, and no worker left behind when the crawl is killed."""

import json
import pathlib
import pickle
import signal
import subprocess
import sys
import time

import pytest
from crawl_runner import HERE, TEST_SETTINGS, Crawl

from claimwatch.crawlers.extract import Rejected
from tests.reliability.slow_site import SlowSite


def received(crawl: Crawl) -> dict:
    """What the sink was handed, by URL, without the moment of fetching."""
    return {record["url"]: {**record, "fetched_at": None} for record in crawl.sink.received}


def test_pages_read_in_a_worker_process_give_the_records_read_in_the_crawl_process(fixture_site, tmp_path):
    base = fixture_site.base_url
    # Entry points that share no page, so that which spider fetches a page (and its `via`) is not a race.
    arguments = dict(sitemaps=[base + "/sitemap.xml"], feeds=[base + "/feed.xml"],
                     start_urls=[base + "/syndicated.html"])
    summaries, records, read_in_workers = [], [], []
    for processes in (0, 1):
        folder = tmp_path / f"processes-{processes}"
        folder.mkdir()
        crawl = Crawl(folder)
        summary = crawl(settings={"CLAIMWATCH_EXTRACTION_PROCESSES": processes}, **arguments)
        summaries.append({key: summary[key] for key in ("fetched", "stored", "duplicates", "off_topic", "failed")})
        records.append(received(crawl))
        read_in_workers.append(summary["stats"].get("claimwatch/read_in_workers", 0))
    assert read_in_workers == [0, summaries[1]["fetched"]]
    assert summaries[0] == summaries[1]
    assert summaries[1]["off_topic"]  # rejected pages came back from the worker as rejections
    assert len(records[1]) >= 6
    assert records[0] == records[1]


def test_a_worker_process_reads_each_page_as_the_crawl_process_does():
    """Every page the tests have, through a real spawned worker: the same record, or the same rejection."""
    import concurrent.futures
    import multiprocessing

    from claimwatch.crawlers import workers
    from claimwatch.crawlers.extract import extract_article
    from claimwatch.crawlers.sources import DEFAULT_SOURCES, load_sources
    from tests.support import SAMPLE_SITE

    sources = load_sources(DEFAULT_SOURCES)
    paths = sorted(SAMPLE_SITE.glob("*/20*/*/*.html")) + sorted((HERE / "sites").glob("*.*"))
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=workers._start_worker) as executor:
        for path in paths:
            body = path.read_bytes()
            fields = dict(final_url=f"https://outlet.example/{path.name}", fetched_at="2026-01-01T00:00:00Z",
                          via="sitemap", content_type="application/pdf" if path.suffix == ".pdf" else None,
                          hints={"title": "A hint"}, sources=sources)
            expected = got = None
            try:
                expected = extract_article(body, **fields)
            except Rejected as rejected:
                expected = (rejected.reason, str(rejected))
            try:
                got = {**executor.submit(workers._extract, body, fields).result(), "body": body}
            except Rejected as rejected:
                got = (rejected.reason, str(rejected))
            assert got == expected, path.name


def test_a_rejection_comes_back_from_a_worker_as_it_was_raised():
    rejected = pickle.loads(pickle.dumps(Rejected("no_topic_terms", "a page about: football")))
    assert (rejected.reason, rejected.detail, str(rejected)) == (
        "no_topic_terms", "a page about: football", "no_topic_terms: a page about: football")


def children(pid: int) -> set[int]:
    found = set()
    for entry in pathlib.Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def alive(pid: int) -> bool:
    try:
        state = (pathlib.Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not pathlib.Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_the_extraction_workers_exit_when_the_crawl_is_killed(tmp_path):
    with SlowSite(pages=100, delay=0.2) as site:
        arguments = {"sitemaps": [site.base_url + "/sitemap.xml"],
                     "settings": {**TEST_SETTINGS, "CONCURRENT_REQUESTS_PER_DOMAIN": 2}}
        crawl = subprocess.Popen([sys.executable, str(HERE / "run_crawl.py"), str(tmp_path / "summary.json"),
                                  f"state:{tmp_path / 'sink.json'}", json.dumps(arguments)],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp_path)
        try:
            deadline = time.monotonic() + 60
            while not (workers := {pid for pid in children(crawl.pid) if b"multiprocessing" in _cmdline(pid)
                                   and b"resource_tracker" not in _cmdline(pid)}):
                assert crawl.poll() is None, "the crawl ended before its worker was seen"
                assert time.monotonic() < deadline, "no extraction worker started"
                time.sleep(0.05)
            crawl.send_signal(signal.SIGKILL)
            crawl.wait()
            deadline = time.monotonic() + 30
            while any(alive(pid) for pid in workers):
                assert time.monotonic() < deadline, f"workers {workers} outlived the killed crawl"
                time.sleep(0.1)
        finally:
            if crawl.poll() is None:
                crawl.kill()
                crawl.wait()


def _cmdline(pid: int) -> bytes:
    try:
        return (pathlib.Path("/proc") / str(pid) / "cmdline").read_bytes()
    except OSError:
        return b""
