"""Crawling: the sample site over loopback, and article extraction against trafilatura alone"""

import importlib.util
import json
import pathlib
import statistics
import subprocess
import sys
import time

import trafilatura
from claimwatch.crawlers.extract import extract_article

from bench import Result, median_seconds

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
    return [
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
