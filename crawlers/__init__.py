"""claimwatch's crawlers: Scrapy spiders for sitemaps, feeds and start URLs, and readers for local files.

    from claimwatch.crawlers import crawl
    summary = crawl(sink, sitemaps=["https://news.example/sitemap.xml"])
"""

__all__ = ["crawl"]


def __getattr__(name):
    # `crawl` brings in Scrapy's crawler, Twisted and Redis; `claimwatch import` (crawlers.local) needs none of
    # them, so they load when a crawl is asked for, not with the package.
    if name == "crawl":
        from claimwatch.crawlers.run import crawl

        return crawl
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
