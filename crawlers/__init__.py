"""claimwatch's crawlers: Scrapy spiders for sitemaps, feeds and start URLs, and readers for local files.

    from claimwatch.crawlers import crawl
    summary = crawl(sink, sitemaps=["https://news.example/sitemap.xml"])
"""

from claimwatch.crawlers.run import crawl

__all__ = ["crawl"]
