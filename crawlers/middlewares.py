"""Conditional GET against what the sink already holds, so a re-crawl fetches only what changed."""

from scrapy.exceptions import IgnoreRequest

from claimwatch.clock import utc_now


class NotModified(IgnoreRequest):
    """The server answered 304: the stored version is current (already recorded through the sink)."""


class ConditionalGetMiddleware:
    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def _sink(self, request):
        if request.meta.get("claimwatch_article"):
            return getattr(self.crawler.spider, "sink", None)
        return None

    def process_request(self, request):
        sink = self._sink(request)
        if sink is None:
            return None
        validators = sink.validators(request.url) or {}
        if validators.get("etag"):
            request.headers.setdefault("If-None-Match", validators["etag"])
        if validators.get("last_modified"):
            request.headers.setdefault("If-Modified-Since", validators["last_modified"])
        return None

    def process_response(self, request, response):
        sink = self._sink(request)
        if sink is not None and response.status == 304:
            sink.not_modified(request.url, utc_now())
            self.crawler.stats.inc_value("claimwatch/not_modified")
            raise NotModified(f"not modified: {request.url}")
        return response
