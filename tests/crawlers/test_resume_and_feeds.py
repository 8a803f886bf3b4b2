"""--resume through JOBDIR, and a plain `scrapy crawl` writing Scrapy feed exports when there is no sink."""

import base64
import json
import pathlib
import subprocess
import sys

from crawl_runner import TEST_SETTINGS

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_an_interrupted_crawl_resumes_from_its_jobdir_without_fetching_anything_twice(fixture_site, crawl, tmp_path):
    arguments = dict(sitemaps=[fixture_site.base_url + "/sitemap.xml"], jobdir=str(tmp_path / "job"))
    # Stopping after the first article stands in for an interruption (Ctrl-C stops a crawl the same way).
    first = crawl(settings={"CLOSESPIDER_ITEMCOUNT": 1, "CONCURRENT_REQUESTS": 1}, **arguments)
    assert first["stats"]["finish_reason"] == "closespider_itemcount"
    assert (tmp_path / "job" / "sitemap" / "requests.seen").exists()
    second = crawl(**arguments)
    assert second["stats"]["finish_reason"] == "finished"
    assert not (tmp_path / "job" / "sitemap").exists()  # finished: the next crawl starts afresh
    assert first["stored"] + second["stored"] == 2  # the LFR and drones articles
    base = fixture_site.base_url
    assert set(crawl.sink.articles) == {base + "/news/lfr-vans", base + "/drones.html"}
    assert fixture_site.requests["/sitemap.xml"] == 1
    assert all(fixture_site.requests[page] == 1 for page in ("/lfr-vans.html", "/drones.html", "/football.html"))


def test_without_a_sink_scrapy_crawl_writes_articles_to_a_feed_export(fixture_site, tmp_path):
    output = tmp_path / "items.jsonl"
    settings = [arg for key, value in TEST_SETTINGS.items() for arg in ("-s", f"{key}={value}")]
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "feed", "-a", f"feeds={fixture_site.base_url}/feed.xml",
         "-O", str(output), *settings],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    items = [json.loads(line) for line in output.read_text().splitlines()]
    assert sorted(item["title"] for item in items) == [
        "Assembly members question CCTV upgrade", "Café owners object to camera pole",
        "Mayor queries £50m analytics deal", "Palantir pilot extended by three months"]
    assert all(item["via"] == "feed" for item in items)
    assert b"<article>" in base64.b64decode(items[0]["body"])
