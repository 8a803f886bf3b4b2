"""What every claimwatch spider shares: its arguments, turning a page into an article, counting failures."""

import pathlib
import re
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.settings import SETTINGS_PRIORITIES

from claimwatch.clock import utc_now
from claimwatch.crawlers import workers
from claimwatch.crawlers.extract import Rejected, extract_article
from claimwatch.crawlers.items import Article
from claimwatch.crawlers.sources import DEFAULT_SOURCES, Source, load_sources, source_for
from claimwatch.crawlers.summary import failure_reason


def url_list(value) -> list[str]:
    """URLs from a spider argument: a list (crawlers.crawl) or text separated by commas or spaces (`-a`)."""
    if isinstance(value, str):
        return [url for url in re.split(r"[,\s]+", value) if url]
    return list(value or ())


def flag(value) -> bool:
    """A spider argument that is true: True, or text like "1", "true", "yes" from `-a any_topic=1`."""
    return value is True or str(value).strip().lower() in {"1", "true", "yes"}


class ArticleSpider(scrapy.Spider):
    """Base of the spiders: each subclass only knows how to find article URLs in its kind of entry point.

    Arguments (keywords from crawlers.crawl, or `-a name=value`): sink (an object with save_article,
    validators and not_modified; None sends items to feed exports), sources (a list of Source or a path to a
    sources file), any_topic."""

    entry_point = "page"  # what a request other than an article's fetches: a sitemap, a feed

    def __init__(self, *args, sink=None, sources=None, any_topic=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.sink = sink
        self.any_topic = flag(any_topic)
        if sources is None or isinstance(sources, str | pathlib.Path):
            sources = load_sources(sources or DEFAULT_SOURCES)
        self.sources: list[Source] = list(sources)
        self.errors: list[dict] = []

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        if settings.getpriority("USER_AGENT") <= SETTINGS_PRIORITIES["project"]:
            contact_url = settings.get("CLAIMWATCH_CONTACT_URL")
            settings.set("USER_AGENT", settings.get("CLAIMWATCH_USER_AGENT").format(contact_url=contact_url),
                         priority="project")

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        if kwargs.get("sources") is None and crawler.settings.get("CLAIMWATCH_SOURCES"):
            kwargs["sources"] = crawler.settings.get("CLAIMWATCH_SOURCES")
        kwargs.setdefault("any_topic", crawler.settings.getbool("CLAIMWATCH_ANY_TOPIC"))
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.extraction = workers.acquire(crawler.settings.getint("CLAIMWATCH_EXTRACTION_PROCESSES"))
        crawler.signals.connect(spider.release_workers, signal=signals.spider_closed)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        crawler.signals.connect(spider.spider_error, signal=signals.spider_error)
        crawler.signals.connect(spider.item_error, signal=signals.item_error)
        return spider

    def allow_domains_of(self, urls) -> None:
        """Restrict the crawl to the entry points' hosts and the allowed domains of their sources."""
        domains = set()
        for url in urls:
            source = source_for(url, self.sources)
            domains.update(source.allowed_domains if source else [urlsplit(url).hostname])
        self.allowed_domains = sorted(domains)

    def wanted(self, url: str) -> bool:
        source = source_for(url, self.sources)
        return source is None or source.wants(url)

    def article_request(self, url: str, via: str, hints=None, require_article=False) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_article, errback=self.failed,
                              cb_kwargs={"via": via, "hints": hints or {}, "require_article": require_article},
                              meta={"claimwatch_article": True})

    async def parse_article(self, response, via: str, hints: dict, require_article: bool = False):
        self.crawler.stats.inc_value("claimwatch/fetched")
        fields = dict(
            final_url=response.url, fetched_at=utc_now(), via=via,
            requested_url=response.request.meta.get("redirect_urls", [response.url])[0],
            http_status=response.status, content_type=_header(response, "Content-Type"),
            etag=_header(response, "ETag"), last_modified=_header(response, "Last-Modified"),
            hints=hints, sources=self.sources, any_topic=self.any_topic, require_article=require_article)
        try:
            if self.extraction is None:
                record = extract_article(response.body, **fields)
            else:  # in a worker process, while this one goes on downloading
                self.crawler.stats.inc_value("claimwatch/read_in_workers")
                record = await self.extraction.extract(response.body, **fields)
        except Rejected as rejected:
            self.crawler.stats.inc_value(f"claimwatch/off_topic/{rejected.reason}")
            self.logger.debug("Not stored (%s): %s", rejected, response.url)
            return
        yield Article(**record)

    def release_workers(self, spider):
        if spider is self:
            workers.release(self.extraction)

    def failed(self, failure):
        request = failure.request
        reason = failure_reason(failure)
        if reason is not None:
            self.record_failure(request.meta.get("redirect_urls", [request.url])[0], *reason, request=request)

    def record_failure(self, url: str, key: str, detail: str, request=None) -> None:
        """Count a failure and keep it for the run's summary; `what` says what the URL was to this crawl: an
        article page, or the entry point (sitemap, feed) it was to find articles in."""
        self.crawler.stats.inc_value(f"claimwatch/failed/{key}")
        what = "page" if request is None or request.meta.get("claimwatch_article") else self.entry_point
        self.errors.append({"url": url, "reason": f"{key}: {detail}", "what": what})
        self.logger.warning("Failed (%s): %s", detail, url)

    # A bug, or a page no extractor expected, must show in the summary rather than only in the log.
    def spider_error(self, failure, response, spider):
        if spider is self:
            self.record_failure(response.url, "processing_error", _one_line(failure.value), response.request)

    def item_error(self, item, response, spider, failure):
        if spider is self:
            self.record_failure(response.url, "store_error", _one_line(failure.value), response.request)

    def request_dropped(self, request, spider):
        # The scheduler drops a redirect to a URL this crawl already asked for: a redirect loop, unless the
        # target was fetched from elsewhere, which is fine and not reported.
        if spider is self and request.meta.get("redirect_urls") and request.url in request.meta["redirect_urls"]:
            self.record_failure(request.meta["redirect_urls"][0], "redirect_loop",
                                " -> ".join([*request.meta["redirect_urls"], request.url]), request)


def _one_line(error) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"


def _header(response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
