"""One fetch per URL for the whole run, though each kind of entry point has its own spider."""

from scrapy.dupefilters import RFPDupeFilter

# The URLs scheduled by any spider of this process: crawlers.crawl runs once per process, so this is the run.
_SCHEDULED_THIS_RUN: set[bytes] = set()


class RunDupeFilter(RFPDupeFilter):
    """Scrapy's duplicate filter (kept per spider in JOBDIR for --resume), shared between the run's spiders,
    so an article listed in both a sitemap and a feed is fetched once."""

    def request_seen(self, request) -> bool:
        fingerprint = self.fingerprinter.fingerprint(request)
        if fingerprint in _SCHEDULED_THIS_RUN:
            return True
        _SCHEDULED_THIS_RUN.add(fingerprint)
        return super().request_seen(request)
