"""Crawling over loopback: the sample site, and 1,000 generated articles against Scrapy alone; extraction speed

The generated site: 1,000 article pages (write_site below, after sample_site/many.py) crawled by `claimwatch crawl
--sitemap URL --db NEW.db` into a new database, against Scrapy alone (a SitemapSpider whose callback does nothing)
fetching the same pages in the same run, with the same politeness settings: off on both sides (no delay, no
AutoThrottle, 16 requests at a time to the one host), so the figures are the crawlers' own speed over loopback, not
the pace claimwatch keeps with an outlet. Pages/s is article pages over Scrapy's elapsed_time_seconds (spider opened
to closed, the last saves included): start-up is left out on both sides. The extraction figure is
extract_article against trafilatura alone on the sample site's pages, in this process.
"""

import importlib.util
import json
import os
import pathlib
import sqlite3
import statistics
import subprocess
import sys
import time

import trafilatura

from bench import Result, median_seconds
from bench.servers import free_port, serving
from claimwatch.crawlers.extract import extract_article

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE_SITE = ROOT / "sample_site"
# The crawl runs in a child process (Twisted's reactor starts once per process) with politeness off, so the
# figure is the crawler's own speed over loopback, not the one-request-a-second pace it keeps with outlets.
CRAWL = """
import json, sys
from claimwatch import crawlers
summary = crawlers.crawl(sitemaps=[sys.argv[1] + "/sitemap.xml"], feeds=[sys.argv[1] + "/feed.xml"], settings={
    "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8, "LOG_LEVEL": "WARNING"})
print(json.dumps({"fetched": summary["fetched"], "seconds": summary["stats"]["elapsed_time_seconds"]}))
"""


def _sample_server():
    spec = importlib.util.spec_from_file_location("sample_site_serve", SAMPLE_SITE / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def crawl_pages_per_second(repeat: int) -> tuple[float, int]:
    server, base_url = _sample_server().serve_in_thread(SAMPLE_SITE)
    try:
        rates, fetched = [], 0
        for _ in range(repeat):
            result = subprocess.run([sys.executable, "-c", CRAWL, base_url], cwd=ROOT, capture_output=True,
                                    text=True, check=True, timeout=600)
            run = json.loads(result.stdout.strip().splitlines()[-1])
            fetched = run["fetched"]
            rates.append(fetched / run["seconds"])
        return statistics.median(rates), fetched
    finally:
        server.shutdown()
        server.server_close()


FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 16,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "LOG_LEVEL": "WARNING"}
# The real CLI, with only the politeness settings changed (as tests/fast_cli.py does).
CLAIMWATCH_CRAWL = """
import sys
from claimwatch.crawlers import settings
for name, value in FAST.items():
    setattr(settings, name, value)
from claimwatch.cli import cli
cli(["crawl", "--sitemap", sys.argv[1] + "/sitemap.xml", "--db", sys.argv[2]], prog_name="claimwatch")
"""
SCRAPY_ALONE = """
import json, sys
from scrapy.crawler import CrawlerProcess
from scrapy.spiders import SitemapSpider

class Fetch(SitemapSpider):
    name = "fetch"
    sitemap_urls = [sys.argv[1] + "/sitemap.xml"]

    def parse(self, response):
        self.crawler.stats.inc_value("fetched")

process = CrawlerProcess({**FAST, "ROBOTSTXT_OBEY": True, "TELNETCONSOLE_ENABLED": False})
crawler = process.create_crawler(Fetch)
process.crawl(crawler)
process.start()
stats = crawler.stats.get_stats()
print(json.dumps({"fetched": stats.get("fetched", 0), "seconds": stats["elapsed_time_seconds"]}))
"""


def _with_settings(script: str) -> str:
    return f"FAST = {FAST!r}\n{script}"


def write_site(folder: pathlib.Path, pages: int) -> None:
    """sample_site/many.py's site of `pages` articles (its template, sitemap and robots.txt), each article with a
    text of its own: many.py's lead paragraph and four paragraphs drawn from the sample site's articles. (many.py's
    own articles differ only in their figures and places, so every one is a copy of every other, and the store's
    copy clustering would be measured rather than the crawl.)"""
    import html
    import random

    from bench.intake import _load, _sample_paragraphs

    many = _load("sample_site_many", SAMPLE_SITE / "many.py")
    paragraphs = _sample_paragraphs()
    for number, path in enumerate(many.write(folder, pages), start=1):
        title, published, lead = many._article(number, random.Random(number))
        body = [lead[0], *random.Random(number).sample(paragraphs, 4)]
        (folder / path).write_text(many.PAGE.format(
            title=title, outlet=many.OUTLET, path=path, published=published,
            paragraphs="\n".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in body)), encoding="utf-8")


def generated_site_rates(pages: int, repeat: int) -> tuple[float, float, int, int]:
    """(claimwatch pages/s, Scrapy alone pages/s, pages stored by claimwatch, pages fetched by Scrapy alone) for a
    generated site of `pages` articles, medians over `repeat` runs of each, taken in turns."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        folder = pathlib.Path(folder)
        write_site(folder / "site", pages)
        port = free_port()
        with serving([sys.executable, str(SAMPLE_SITE / "serve.py"), "--port", str(port), "--root",
                      str(folder / "site")], port) as address:
            base_url = f"http://{address}"
            ours, theirs, stored, fetched = [], [], 0, 0
            for _ in range(repeat):
                run = subprocess.run([sys.executable, "-c", _with_settings(SCRAPY_ALONE), base_url], cwd=ROOT,
                                     capture_output=True, text=True, check=True, timeout=1800)
                alone = json.loads(run.stdout.strip().splitlines()[-1])
                fetched = alone["fetched"]
                theirs.append(fetched / alone["seconds"])
                database = folder / "crawl.db"
                for suffix in ("", "-wal", "-shm"):
                    pathlib.Path(f"{database}{suffix}").unlink(missing_ok=True)
                subprocess.run([sys.executable, "-c", _with_settings(CLAIMWATCH_CRAWL), base_url, str(database)],
                               cwd=ROOT, capture_output=True, text=True, check=True, timeout=1800)
                with sqlite3.connect(database) as connection:
                    (stats,) = connection.execute("SELECT stats FROM runs WHERE command = 'crawl'").fetchone()
                summary = json.loads(stats)
                stored = summary["stored"]
                ours.append(stored / summary["stats"]["elapsed_time_seconds"])
        return statistics.median(ours), statistics.median(theirs), stored, fetched


def sample_pages() -> list[tuple[str, bytes]]:
    base_url = "http://127.0.0.1:8765"
    return [(f"{base_url}/{path.relative_to(SAMPLE_SITE)}",
             path.read_bytes().replace(b"{{base_url}}", base_url.encode()))
            for path in sorted(SAMPLE_SITE.glob("*/20*/*/*.html"))]


def run(quick: bool) -> list[Result]:
    pages = sample_pages()
    rounds = 1 if quick else 3
    repeat = 3 if quick else 5

    def claimwatch():
        for _ in range(rounds):
            for url, body in pages:
                extract_article(body, final_url=url, fetched_at="2026-01-01T00:00:00Z", via="file",
                                content_type="text/html; charset=utf-8", any_topic=True)

    def trafilatura_alone():
        for _ in range(rounds):
            for url, body in pages:
                trafilatura.bare_extraction(body.decode("utf-8"), url=url, with_metadata=True)

    start = time.perf_counter()
    claimwatch()  # warm-up: imports, caches
    trafilatura_alone()
    warm = time.perf_counter() - start
    ours = len(pages) * rounds / median_seconds(claimwatch, repeat)
    baseline = len(pages) * rounds / median_seconds(trafilatura_alone, repeat)
    crawl_rate, fetched = crawl_pages_per_second(1 if quick else 3)
    site_pages = 300 if quick else 1000
    ours_site, alone_site, stored, alone_fetched = generated_site_rates(site_pages, 1 if quick else 3)
    return [
        Result(f"`claimwatch crawl --sitemap` of a generated site of {site_pages:,} article pages over loopback"
               " (politeness off), into a new database", "pages/s", ours_site,
               baseline_name="Scrapy alone: a SitemapSpider fetching the same pages, callback doing nothing",
               baseline=alone_site, target=">= 150 pages/s", met=ours_site >= 150,
               note=f"stored {stored:,} pages (Scrapy alone fetched {alone_fetched:,}); one crawler process each"
                    " (claimwatch's reads pages in its one extraction worker process), 16 requests at a time, Scrapy"
                    f" alone otherwise with Scrapy's defaults; the site's server runs on the same {os.cpu_count()}"
                    " cores; each article has a text of its own (many.py's articles are all copies of one another,"
                    " which would measure the store's copy clustering)"),
        Result("crawl the sample site from its sitemap and feed over loopback (politeness off)", "pages/s",
               crawl_rate, note=f"{fetched} article pages; robots.txt, sitemaps and feed fetched too"),
        Result("extract articles from the sample site's pages", "pages/s", ours,
               baseline_name="trafilatura.bare_extraction alone", baseline=baseline, target=">= 0.5×",
               met=ours / baseline >= 0.5,
               note=f"{len(pages)} pages; claimwatch adds htmldate, JSON-LD, furniture, topic terms, MinHash"
                    f" (warm-up {warm:.1f} s)"),
    ]


if __name__ == "__main__":
    for result in run(quick="--quick" in sys.argv):
        print(result, f"ratio={result.ratio}")
