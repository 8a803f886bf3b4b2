"""Hand each article to the sink (the database, when the CLI runs the crawl) and count what it did."""

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet import defer

from claimwatch.crawlers.items import Article


class SinkPipeline:
    """`sink.save_article(record)` returns stored, updated, unchanged or duplicate; each is counted.

    A sink with `batch()` (the database's: docs/architecture.md, "The sink the crawler writes through") gets the
    articles in groups, each saved in one transaction: those that arrive within CLAIMWATCH_SAVE_DELAY seconds of
    the first, at most CLAIMWATCH_SAVE_BATCH of them. One commit per group rather than per article keeps the
    reactor's thread free for Scrapy. An item is done (counted, and passed to Scrapy's item_scraped) only once its
    group is committed, so a crawl killed in between has counted nothing it did not store.

    Without a sink (a plain `scrapy crawl`) the item goes on to Scrapy's feed exports untouched."""

    def __init__(self, crawler):
        self.crawler = crawler
        self.batch_size = max(1, crawler.settings.getint("CLAIMWATCH_SAVE_BATCH", 100))
        self.delay = crawler.settings.getfloat("CLAIMWATCH_SAVE_DELAY", 0.1)
        self.waiting = []  # (record, Deferred fired with its outcome once saved)
        self.call = None  # the pending save of the group

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

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
        if self.call is not None and self.call.active():
            self.call.cancel()
        self.call = None
        waiting, self.waiting = self.waiting, []
        done = []
        try:
            with sink.batch():
                for record, saved in waiting:
                    try:
                        done.append((saved, sink.save_article(record), None))
                    except Exception as error:  # that article alone is not stored: a store_error for its page
                        done.append((saved, None, error))
        except Exception as error:  # the commit failed: none of the group is stored
            done = [(saved, None, error) for _, saved in waiting]
        for saved, outcome, error in done:
            if error is None:
                saved.callback(outcome)
            else:
                saved.errback(error)
