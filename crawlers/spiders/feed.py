"""RSS 2.0 and Atom feeds."""

import scrapy
from scrapy.selector import Selector

from claimwatch.crawlers.spiders.base import ArticleSpider, url_list


class FeedSpider(ArticleSpider):
    """`-a feeds=URL[,URL]`; without it, the feeds of every source in the sources file."""

    name = "feed"
    entry_point = "feed"

    def __init__(self, *args, feeds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.feed_urls = url_list(feeds) or [url for source in self.sources for url in source.feeds]
        self.allow_domains_of(self.feed_urls)

    async def start(self):
        for url in self.feed_urls:
            yield scrapy.Request(url, callback=self.parse_feed, errback=self.failed)

    def parse_feed(self, response):
        feed = Selector(body=response.body, type="xml")
        feed.remove_namespaces()
        if not feed.xpath("/rss | /feed | /RDF"):
            self.record_failure(response.url, "not_a_feed", "no RSS or Atom document", response.request)
            return
        for item in feed.xpath("//item"):  # RSS
            yield from self._entry(response, item.xpath("link/text()").get(), {
                "title": item.xpath("title/text()").get(),
                "published": item.xpath("pubDate/text()").get() or item.xpath("date/text()").get(),
                "keywords": item.xpath("category/text()").getall(),
            })
        for entry in feed.xpath("//entry"):  # Atom
            link = entry.xpath("link[@rel='alternate' or not(@rel)]/@href").get()
            yield from self._entry(response, link, {
                "title": entry.xpath("title/text()").get(),
                "published": entry.xpath("published/text()").get(),
                "updated": entry.xpath("updated/text()").get(),
                "keywords": entry.xpath("category/@term").getall(),
            })

    def _entry(self, response, link, hints):
        url = response.urljoin(link.strip()) if link and link.strip() else None
        if url and self.wanted(url):
            yield self.article_request(url, "feed", hints)
