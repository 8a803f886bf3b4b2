"""Intake: `claimwatch import` of saved pages and of a WARC, against trafilatura alone on the same pages

Both sides run as a user runs them, in a child process, start-up included: `claimwatch import FOLDER --db NEW.db`
(the installed console script) against a script that calls `trafilatura.bare_extraction(html, url=...,
with_metadata=True)` on every page. The pages: a checkout of scrapinghub/article-extraction-benchmark's html/
folder (*.html.gz or *.html) when CLAIMWATCH_BENCH_PAGES names it; else ~200 generated pages of real-world weight
(realistic_pages below), all on the project's topic so that every one is stored.
"""

import gzip
import html
import importlib.util
import io
import json
import os
import pathlib
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

import bench

ROOT = pathlib.Path(__file__).resolve().parent.parent
SAMPLE_SITE = ROOT / "sample_site"
CORPUS_ENV = "CLAIMWATCH_BENCH_PAGES"
CLAIMWATCH = pathlib.Path(sys.executable).with_name("claimwatch")
TARGET = 0.7
# trafilatura alone, as a user would call it on the same files: the page's text when it is UTF-8, else its bytes
# (trafilatura then finds the encoding itself).
TRAFILATURA_ALONE = """
import pathlib, sys
import trafilatura
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.html")):
    body = path.read_bytes()
    try:
        page = body.decode("utf-8")
    except UnicodeDecodeError:
        page = body
    trafilatura.bare_extraction(page, url=path.resolve().as_uri(), with_metadata=True)
"""


def _load(name: str, path: pathlib.Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the generated corpus -------------------------------------------------------------------------------------

OUTLETS = ["The Loopback Ledger", "Harbour Street Herald", "The Ringway Record", "Southbank Evening Post"]
SECTIONS = ["News", "UK", "London", "Politics", "Business", "Technology", "Science", "Health", "Education",
            "Opinion", "Culture", "Lifestyle", "Travel", "Money", "Sport", "Football", "Cricket", "Weather"]
WORDS = ("council borough mayor budget plan street market school transport housing river bridge station "
         "festival museum library park weather traffic rail bus tram airport hospital theatre election "
         "review report inquiry committee residents shops night summer winter match season club").split()


def _sample_paragraphs() -> list[str]:
    """Every body paragraph of the sample site's on-topic articles (their YAML sources)."""
    import yaml

    paragraphs = []
    for path in sorted((SAMPLE_SITE / "source" / "articles").glob("*/*.yml")):
        article = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "bow-athletic" in path.name:  # the football report the topic filter leaves out
            continue
        paragraphs += [p.strip() for p in article["body"].split("\n\n")
                       if p.strip() and not p.lstrip().startswith(("#", "|", "-"))]
    return paragraphs


def _headline(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 9))).capitalize()


def _links(rng: random.Random, base: str, count: int, words=(2, 4)) -> str:
    return "".join(f'<li class="nav-item"><a href="{base}/{rng.choice(SECTIONS).lower()}/{rng.randint(1, 99999)}"'
                   f' data-track="nav">{" ".join(rng.choice(WORDS) for _ in range(rng.randint(*words))).title()}'
                   "</a></li>" for _ in range(count))


def _css(rng: random.Random, rules: int) -> str:
    return "\n".join(f".c-{rng.randrange(16**6):06x}{{margin:{rng.randint(0, 24)}px {rng.randint(0, 24)}px;"
                     f"color:#{rng.randrange(16**6):06x};font:{rng.randint(11, 32)}px/1.{rng.randint(1, 9)} sans-serif;"
                     f"display:{rng.choice(['block', 'flex', 'grid', 'none'])}}}" for _ in range(rules))


def _script(rng: random.Random, base: str, kilobytes: int) -> str:
    """An inline bundle as real pages carry: a state object of teaser cards, then minified-looking code."""
    cards = [{"id": rng.randrange(10**8), "headline": _headline(rng), "url": f"{base}/news/{rng.randrange(10**6)}",
              "section": rng.choice(SECTIONS), "image": {"src": f"{base}/img/{rng.randrange(10**9):x}.jpg",
                                                        "width": 640, "height": 360}} for _ in range(kilobytes)]
    state = json.dumps({"page": {"type": "article", "ads": {"slots": ["top", "mid", "foot"]}}, "teasers": cards})
    code = ";".join(f"function _{rng.randrange(16**5):05x}(a,b){{return a&&b?a[{rng.randint(0, 9)}]+b:null}}"
                    for _ in range(kilobytes * 4))
    return f"window.__STATE__={state};{code}"


def _comments(rng: random.Random, count: int) -> str:
    items = "".join(f'<li class="comment"><p class="comment-author">reader{rng.randrange(10**5)}</p><p>'
                    f'{" ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 40))).capitalize()}.</p>'
                    '<a href="#" class="reply">Reply</a> <a href="#" class="report">Report</a></li>'
                    for _ in range(count))
    return f'<section id="comments" class="comments-area"><h2>{count} comments</h2><ol>{items}</ol></section>'


def realistic_page(number: int, paragraphs: list[str], many) -> tuple[str, str]:
    """(relative path, page) of generated article `number`: on the project's topic, with a news page's weight
    (50-150 KB: navigation, inline scripts and styles, teasers, comments, a footer of links)."""
    rng = random.Random(number)
    outlet = OUTLETS[number % len(OUTLETS)]
    slug = outlet.lower().removeprefix("the ").replace(" ", "-")
    base = f"https://www.{slug}.example"
    title, published, lead = many._article(number, random.Random(number))
    body = lead + rng.sample(paragraphs, rng.randint(5, 10))
    rng.shuffle(body)
    path = f"{slug}/{published[:7].replace('-', '/')}/story-{number}.html"
    url = f"{base}/{path.split('/', 1)[1]}"
    stamp = f"{published}T{rng.randint(6, 21):02d}:{rng.choice(['00', '15', '30', '45'])}:00+00:00"
    # The date where outlets put it: JSON-LD, an article:published_time meta, or only a <time> in the byline.
    how = number % 3
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title, "url": url,
          "author": {"@type": "Person", "name": f"Reporter {number % 17}"},
          "publisher": {"@type": "Organization", "name": outlet}}
    if how == 0:
        ld["datePublished"] = stamp
    meta_date = f'<meta property="article:published_time" content="{stamp}">' if how == 1 else ""
    weight = rng.randint(60, 190)  # kilobytes of scripts, styles and links around the article
    article = "\n".join(f"<p>{html.escape(p)}</p>" + (
        '<div class="ad-slot"><span>ADVERTISEMENT</span></div>' if i == 2 else "") for i, p in enumerate(body))
    page = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} | {outlet}</title>
<meta name="description" content="{html.escape(body[0][:150])}">
<link rel="canonical" href="{url}"><meta property="og:type" content="article"><meta property="og:url" content="{url}">
<meta property="og:site_name" content="{outlet}"><meta property="og:title" content="{html.escape(title)}">
<meta name="twitter:card" content="summary_large_image">{meta_date}
{"".join(f'<link rel="preload" href="{base}/static/{rng.randrange(16**8):08x}.js" as="script">' for _ in range(8))}
<script type="application/ld+json">{json.dumps(ld)}</script>
<style>{_css(rng, weight * 3)}</style>
<script>{_script(rng, base, weight // 3)}</script>
</head><body class="article-page">
<div id="cookie-banner"><p>We use cookies to improve your experience. <button>Accept all</button></p></div>
<header class="masthead"><a class="logo" href="{base}/">{outlet}</a>
<nav class="mega-menu"><ul>{_links(rng, base, weight)}</ul></nav>
<div class="ticker">Breaking: {html.escape(_headline(rng))}</div></header>
<div class="layout"><div class="wrapper"><div class="column-main">
<main id="main"><article class="story">
<nav class="breadcrumbs"><a href="{base}/">Home</a> › <a href="{base}/london">London</a></nav>
<h1 class="headline">{html.escape(title)}</h1>
<p class="byline">By Reporter {number % 17} · <time datetime="{stamp}">{published}</time></p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
<div class="story-body">
{article}
</div>
<aside class="related"><h2>Related articles</h2><ul>{_links(rng, base, 12, (5, 9))}</ul></aside>
</article></main>
{_comments(rng, rng.randint(0, 25))}
</div><div class="column-side"><aside class="most-read"><h2>Most read</h2><ol>{_links(rng, base, 10, (5, 9))}</ol>
</aside><div class="ad-slot ad-mpu"></div></div></div></div>
<footer class="site-footer"><ul>{_links(rng, base, weight // 2)}</ul>
<p>© 2026 {outlet}. Sample data: a fictional outlet and invented figures, for testing claimwatch.</p></footer>
<script>{_script(rng, base, weight // 6)}</script>
</body></html>
"""
    return path, page


def realistic_pages(folder: pathlib.Path, count: int = 200) -> list[pathlib.Path]:
    """Write `count` generated pages (realistic_page) under folder; returns their paths."""
    many = _load("sample_site_many", SAMPLE_SITE / "many.py")
    paragraphs = _sample_paragraphs()
    paths = []
    for number in range(1, count + 1):
        relative, page = realistic_page(number, paragraphs, many)
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
        paths.append(path)
    return paths


def external_pages(source: pathlib.Path, folder: pathlib.Path) -> list[pathlib.Path]:
    """The benchmark checkout's pages (*.html.gz decompressed, *.html copied) as .html files under folder."""
    paths = []
    for page in sorted(source.rglob("*.html*")):
        if page.name.endswith(".html.gz"):
            body = gzip.decompress(page.read_bytes())
        elif page.name.endswith(".html"):
            body = page.read_bytes()
        else:
            continue
        path = folder / (page.name.removesuffix(".gz"))
        path.write_bytes(body)
        paths.append(path)
    if not paths:
        raise RuntimeError(f"{CORPUS_ENV}={source}: no *.html or *.html.gz pages there")
    return paths


def write_warc(pages: list[pathlib.Path], folder: pathlib.Path, path: pathlib.Path) -> None:
    """The same pages as HTTP responses in one gzipped WARC, each at its canonical-looking http URL."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for page in pages:
            body = page.read_bytes()
            url = f"https://pages.example/{page.relative_to(folder).as_posix()}"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers,
                                                          warc_headers_dict={"WARC-Date": "2026-01-01T00:00:00Z"}))


# --- timing ---------------------------------------------------------------------------------------------------

def _timed(argv) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=ROOT, check=True, capture_output=True, timeout=3600)
    return time.perf_counter() - start


def claimwatch_import(path: pathlib.Path, database: pathlib.Path, any_topic: bool) -> tuple[float, dict]:
    """Seconds for `claimwatch import PATH --db DATABASE` (a new database), and the run's summary."""
    database.unlink(missing_ok=True)
    seconds = _timed([str(CLAIMWATCH), "import", str(path), "--db", str(database), *(["--any-topic"] * any_topic)])
    with sqlite3.connect(database) as connection:
        (stats,) = connection.execute("SELECT stats FROM runs ORDER BY id DESC LIMIT 1").fetchone()
    return seconds, json.loads(stats)


def trafilatura_alone(folder: pathlib.Path) -> float:
    return _timed([sys.executable, "-c", TRAFILATURA_ALONE, str(folder)])


def run(quick: bool) -> list[bench.Result]:
    repeat = 1 if quick else 3
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        folder = work / "pages"
        folder.mkdir()
        external = os.environ.get(CORPUS_ENV)
        if external:
            pages = external_pages(pathlib.Path(external), folder)
            corpus = (f"{len(pages)} pages of scrapinghub/article-extraction-benchmark ({CORPUS_ENV}); imported"
                      " with --any-topic, since they are not about the project's topic")
            any_topic = True
        else:
            pages = realistic_pages(folder, 60 if quick else 200)
            corpus = (f"{len(pages)} generated on-topic pages of {_mean_kb(pages):.0f} KB on average"
                      f" (bench/intake.py; set {CORPUS_ENV} to a checkout of scrapinghub's article-extraction-benchmark"
                      " html/ folder for the real pages)")
            any_topic = False
        warc = work / "pages.warc.gz"
        write_warc(pages, folder, warc)
        ours, ours_warc, baseline, summaries = [], [], [], {}
        for _ in range(repeat):  # interleaved, so a slower moment of the machine hits every side alike
            baseline.append(trafilatura_alone(folder))
            seconds, summaries["folder"] = claimwatch_import(folder, work / "folder.db", any_topic)
            ours.append(seconds)
            seconds, summaries["warc"] = claimwatch_import(warc, work / "warc.db", any_topic)
            ours_warc.append(seconds)
    baseline_rate = len(pages) / statistics.median(baseline)
    results = []
    for what, times, summary in (("a folder of saved pages", ours, summaries["folder"]),
                                 ("a WARC (gzip) of the same pages", ours_warc, summaries["warc"])):
        rate = len(pages) / statistics.median(times)
        results.append(bench.Result(
            f"`claimwatch import` of {what}", "pages/s", rate,
            baseline_name="trafilatura.bare_extraction alone over the same files, in its own process",
            baseline=baseline_rate, target=f">= {TARGET}×", met=rate / baseline_rate >= TARGET,
            note=f"{corpus}; stored {summary['stored']} of {summary['read']} read; start-up included on both sides"
                 f" (median of {repeat})"))
    return results


def _mean_kb(pages) -> float:
    return statistics.mean(page.stat().st_size for page in pages) / 1024


if __name__ == "__main__":
    # python -m bench.intake [--quick]; python -m bench.intake --write FOLDER writes the generated pages there, to
    # profile an import of them.
    if sys.argv[1:2] == ["--write"]:
        folder = pathlib.Path(sys.argv[2])
        shutil.rmtree(folder, ignore_errors=True)
        print(f"wrote {len(realistic_pages(folder))} pages to {folder}")
    else:
        for result in run(quick="--quick" in sys.argv):
            print(result, f"ratio={result.ratio}")
