"""Run the spiders in this process and return what they did."""

import contextlib
import logging
import pathlib
import shutil
import sys
from urllib.parse import urlsplit

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings

from claimwatch.crawlers.frontier import connect, frontier_settings
from claimwatch.crawlers.progress import Progress
from claimwatch.crawlers.sources import DEFAULT_SOURCES, SourcesError, load_sources
from claimwatch.crawlers.spiders.feed import FeedSpider
from claimwatch.crawlers.spiders.pages import PageSpider
from claimwatch.crawlers.spiders.sitemap import SitemapSpider
from claimwatch.crawlers.summary import summarize

logger = logging.getLogger(__name__)

# Present in a job folder while a crawl is using it. Scrapy writes its queue to the job folder only when a
# crawl stops cleanly (finished, or Ctrl-C), while the seen-requests file grows as requests are scheduled; a
# crawl killed hard (kill -9, power cut) leaves seen requests without their queue, and resuming from that
# would skip those pages for good. The database already holds what was stored, so such a folder is discarded.
RUNNING_MARKER = "crawl-running"


def _open_jobdir(jobdir) -> pathlib.Path:
    folder = pathlib.Path(jobdir)
    if (folder / RUNNING_MARKER).exists():
        logger.warning("%s: the last crawl using this job folder was killed before it could save its queue; "
                       "starting afresh (articles already stored are kept and not stored twice)", folder)
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / RUNNING_MARKER).touch()
    return folder


def project_settings(overrides=None) -> Settings:
    settings = Settings()
    settings.setmodule("claimwatch.crawlers.settings", priority="project")
    settings.update(overrides or {}, priority="cmdline")
    return settings


def crawl(sink=None, *, sources=None, start_urls=(), sitemaps=(), feeds=(), any_topic=False, jobdir=None,
          frontier=None, settings=None, log_file=None, verbose=False, progress=None) -> dict:
    """Crawl, blocking until done; once per process (Twisted's reactor cannot restart).

    With URL options, crawls only those; else every entry point of the sources file (default: the project's
    crawlers/sources.yml). jobdir: a folder that makes the crawl resumable (one JOBDIR per spider, removed
    when that spider finishes). frontier: redis://HOST:PORT/N, to be one of several workers sharing the crawl's
    queue and seen URLs there (crawlers/frontier.py); it keeps the queue, so no jobdir is needed.
    log_file: write Scrapy's log there (replacing the last crawl's) rather than to standard error; verbose: to
    both. progress: a stream (the terminal) to keep a line of counts on while the crawl runs (crawlers/progress.py).
    Raises crawlers.sources.SourcesError for a bad sources file or URL, crawlers.frontier.FrontierError for a
    frontier that does not answer, and RuntimeError for a log file it cannot write, before anything is fetched."""
    for option, urls in (("start URL", start_urls), ("sitemap", sitemaps), ("feed", feeds)):
        for url in urls:
            if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
                raise SourcesError(f"{option} {url!r}: not an http(s) URL")
    settings = project_settings(settings)
    if frontier:
        connect(frontier)
        shared = frontier_settings(frontier, settings.getfloat("DOWNLOAD_DELAY"))
        for name in ("SPIDER_MIDDLEWARES", "DOWNLOADER_MIDDLEWARES"):
            shared[name] = {**settings.getdict(name), **shared[name]}
        settings.update(shared, priority="cmdline")
    source_list = load_sources(sources or settings.get("CLAIMWATCH_SOURCES") or DEFAULT_SOURCES)
    if log_file:
        _start_log(log_file)
        # Each Crawler re-installs Scrapy's log handler with its settings: appending keeps what the first one wrote.
        settings.update({"LOG_FILE": str(log_file), "LOG_FILE_APPEND": True}, priority="cmdline")
    given = [(SitemapSpider, "sitemaps", sitemaps), (FeedSpider, "feeds", feeds),
             (PageSpider, "start_urls", start_urls)]
    if any(urls for _, _, urls in given):
        plans = [(spider, {argument: list(urls)}) for spider, argument, urls in given if urls]
    else:  # each spider takes its kind of entry point from the sources file
        plans = [(spider, {}) for spider, _, _ in given]
    if jobdir:
        _open_jobdir(jobdir)
    process = CrawlerProcess(settings)
    crawlers = []
    for spider, arguments in plans:
        spider_settings = settings.copy()
        if jobdir:
            spider_settings.set("JOBDIR", str(pathlib.Path(jobdir) / spider.name), priority="cmdline")
        crawler = Crawler(spider, spider_settings, init_reactor=not crawlers)  # the first one installs it
        crawlers.append(crawler)
        process.crawl(crawler, sink=sink, sources=source_list, any_topic=any_topic, **arguments)
    progress_line = Progress(progress, crawlers) if progress else contextlib.nullcontext()
    with _echo_log(settings, log_file and verbose), progress_line:
        process.start()
    if jobdir:  # stopped cleanly (finished or Ctrl-C): Scrapy has saved whatever it needs to resume
        (pathlib.Path(jobdir) / RUNNING_MARKER).unlink(missing_ok=True)
    if process.bootstrap_failed:
        raise RuntimeError(f"the crawl could not start (a spider or setting failed to load; see "
                           f"{log_file or 'the log above'})")
    for crawler in crawlers:
        # A job folder is for finishing an interrupted crawl; once finished, the next crawl must start afresh
        # rather than skip every URL this one saw.
        if jobdir and crawler.stats.get_value("finish_reason") == "finished":
            shutil.rmtree(crawler.settings["JOBDIR"], ignore_errors=True)
    return summarize(crawlers)


def _start_log(log_file) -> None:
    try:
        pathlib.Path(log_file).write_text("", encoding="utf-8")
    except OSError as error:
        raise RuntimeError(f"{log_file}: cannot write the crawl's log: {error.strerror or error}") from None


@contextlib.contextmanager
def _echo_log(settings, echo: bool):
    """Scrapy's log on standard error too, as Scrapy formats it, while the crawl runs."""
    if not echo:
        yield
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter(settings.get("LOG_FORMAT"), settings.get("LOG_DATEFORMAT")))
    handler.setLevel(settings.get("LOG_LEVEL"))
    logging.root.addHandler(handler)
    try:
        yield
    finally:
        logging.root.removeHandler(handler)
