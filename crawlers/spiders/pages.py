"""Start URLs, and the article links found from them inside the allowed domains, to DEPTH_LIMIT."""

from urllib.parse import urlsplit

from scrapy.linkextractors import LinkExtractor

from claimwatch.crawlers.sources import domain_matches
from claimwatch.crawlers.spiders.base import ArticleSpider, url_list


class PageSpider(ArticleSpider):
    """`-a start_urls=URL[,URL]`; without it, the homepages of the sources that have no sitemap or feed.

    Every page is followed, but stored only when its markup says it is an article (section fronts and
    homepages are not coverage)."""

    name = "pages"

    def __init__(self, *args, start_urls=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.given_urls = url_list(start_urls)
        self.homepages = [source.homepage for source in self.sources if not source.sitemaps and not source.feeds]
        self.allow_domains_of(self.given_urls or self.homepages)
        self.links = LinkExtractor()

    async def start(self):
        for url in self.given_urls or self.homepages:
            yield self.article_request(url, "start_url", require_article=True)

    async def parse_article(self, response, via, hints, require_article=False):
        async for item in super().parse_article(response, via, hints, require_article):
            yield item
        if not hasattr(response, "text"):
            return  # not a text page: no links to follow
        for link in self.links.extract_links(response):
            # By host, as Scrapy's offsite filter does (LinkExtractor's allow_domains would compare host:port).
            if domain_matches(urlsplit(link.url).hostname, self.allowed_domains) and self.wanted(link.url):
                yield self.article_request(link.url, "link", require_article=True)
