"""Hand each article to the sink (the database, when the CLI runs the crawl) and count what it did."""

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer

from claimwatch.crawlers.items import Article
from claimwatch.crawlers.writer import Writer, save_group


class SinkPipeline:
    """`sink.save_article(record)` returns stored, updated, unchanged or duplicate; each is counted.

    A sink with `batch()` (the database's: docs/architecture.md, "The sink the crawler writes through") gets the
    articles in groups, each saved in one transaction: those that arrive within CLAIMWATCH_SAVE_DELAY seconds of
    the first, at most CLAIMWATCH_SAVE_BATCH of them. A sink that also has `writer()` is saved to from a thread of
    its own (one per sink, shared by the run's spiders) through the connection writer() opens there, so that
    SQLite's work runs beside Scrapy's reactor rather than in it; else, or with CLAIMWATCH_SAVE_THREAD off,
    groups are saved in the reactor's thread (a group of one as soon as it arrives).
    An item is done (counted, and passed to Scrapy's item_scraped) only once its group is committed, so a crawl
    killed in between has counted nothing it did not store.

    Without a sink (a plain `scrapy crawl`) the item goes on to Scrapy's feed exports untouched."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.batch_size = max(1, crawler.settings.getint("CLAIMWATCH_SAVE_BATCH", 100))
        self.delay = crawler.settings.getfloat("CLAIMWATCH_SAVE_DELAY", 0.1)
        self.waiting = []  # (record, Deferred fired with its outcome once saved)
        self.call = None  # the pending save of the group
        self.writer = None

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def open_spider(self):
        sink = getattr(self.crawler.spider, "sink", None)
        if hasattr(sink, "batch") and hasattr(sink, "writer") and self.crawler.settings.getbool(
                "CLAIMWATCH_SAVE_THREAD", True):
            self.writer = Writer.acquire(sink)

    async def process_item(self, item):
        sink = getattr(self.crawler.spider, "sink", None)
        if sink is not None and isinstance(item, Article):
            if hasattr(sink, "batch"):
                outcome = await maybe_deferred_to_future(self._queue(sink, item.record()))
            else:
                outcome = sink.save_article(item.record())
            self.crawler.stats.inc_value(f"claimwatch/{outcome}")
        return item

    def close_spider(self):
        if self.waiting:  # the scraper waits for its items, so their save is due already; this is a safeguard
            self._save(getattr(self.crawler.spider, "sink", None))
        if self.writer is not None:
            self.writer.release()

    def _queue(self, sink, record: dict) -> defer.Deferred:
        from twisted.internet import reactor

        saved = defer.Deferred()
        self.waiting.append((record, saved))
        if len(self.waiting) >= self.batch_size:
            self._save(sink)
        elif self.call is None:
            self.call = reactor.callLater(self.delay, self._save, sink)
        return saved

    def _save(self, sink) -> None:
        from twisted.internet import reactor

        if self.call is not None and self.call.active():
            self.call.cancel()
        self.call = None
        waiting, self.waiting = self.waiting, []
        records = [record for record, _ in waiting]
        if self.writer is not None:
            self.writer.jobs.put((records, lambda outcomes: reactor.callFromThread(_deliver, waiting, outcomes)))
        else:
            _deliver(waiting, save_group(sink, records))


def _deliver(waiting: list, outcomes: list[tuple]) -> None:
    for (_, saved), (outcome, error) in zip(waiting, outcomes, strict=True):
        if error is None:
            saved.callback(outcome)
        else:
            saved.errback(error)
