"""Hand each article to the sink (the database, when the CLI runs the crawl) and count what it did."""

from claimwatch.crawlers.items import Article


class SinkPipeline:
    """`sink.save_article(record)` returns stored, updated, unchanged or duplicate; each is counted.

    Without a sink (a plain `scrapy crawl`) the item goes on to Scrapy's feed exports untouched."""

    def __init__(self, crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        sink = getattr(self.crawler.spider, "sink", None)
        if sink is not None and isinstance(item, Article):
            outcome = sink.save_article(item.record())
            self.crawler.stats.inc_value(f"claimwatch/{outcome}")
        return item
