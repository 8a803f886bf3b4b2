"""Sitemaps and Google News sitemaps (sitemap indexes, gzip, robots.txt `Sitemap:` lines)."""

import scrapy
from scrapy.selector import Selector
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import sitemap_urls_from_robots

from claimwatch.crawlers.spiders.base import ArticleSpider, url_list


class SitemapSpider(ArticleSpider):
    """`-a sitemaps=URL[,URL]`; without it, the sitemaps of every source in the sources file."""

    name = "sitemap"
    entry_point = "sitemap"

    def __init__(self, *args, sitemaps=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sitemap_urls = url_list(sitemaps) or [url for source in self.sources for url in source.sitemaps]
        self.allow_domains_of(self.sitemap_urls)

    async def start(self):
        for url in self.sitemap_urls:
            yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed)

    def parse_sitemap(self, response):
        if response.url.endswith("/robots.txt"):
            for url in sitemap_urls_from_robots(response.text, base_url=response.url):
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.failed)
            return
        body = response.body
        if gzip_magic_number(response):
            body = gunzip(body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        sitemap = Selector(body=body, type="xml")
        sitemap.remove_namespaces()
        if not sitemap.xpath("/urlset | /sitemapindex"):
            self.record_failure(response.url, "not_a_sitemap", f"no <urlset> or <sitemapindex> in {_kind(response)}",
                                response.request)
            return
        for url in sitemap.xpath("/sitemapindex/sitemap/loc/text()").getall():
            yield scrapy.Request(url.strip(), callback=self.parse_sitemap, errback=self.failed)
        for entry in sitemap.xpath("/urlset/url"):
            url = (entry.xpath("loc/text()").get() or "").strip()
            if not url or not self.wanted(url):
                continue
            news = entry.xpath("news")
            hints = {
                "title": news.xpath("title/text()").get(),
                "published": news.xpath("publication_date/text()").get(),
                "updated": entry.xpath("lastmod/text()").get(),
                "keywords": news.xpath("keywords/text()").get(),
            }
            yield self.article_request(url, "news_sitemap" if news else "sitemap", hints)


def _kind(response) -> str:
    return (response.headers.get("Content-Type") or b"a response without Content-Type").decode("latin-1")
