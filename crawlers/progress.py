"""One line on the terminal while a crawl runs: pages fetched, articles stored, errors, read from the run's stats.

On a terminal the line is rewritten in place; into a file or a pipe, a new line is written when the counts have
changed, at most every `every` seconds, and the final counts once the crawl ends, so a log of the run always says
where it got to."""

import time


class Progress:
    """`with Progress(sys.stderr, crawlers): process.start()`"""

    def __init__(self, stream, crawlers, every: float = 5.0, poll: float = 0.5):
        self.stream, self.crawlers, self.every, self.poll = stream, crawlers, every, poll
        self.in_place = stream.isatty()
        self.shown, self.shown_at, self.loop = None, 0.0, None

    def __enter__(self):
        """Poll the stats from the reactor (installed by the run's first Crawler) until the block ends."""
        from twisted.internet import task

        self.loop = task.LoopingCall(self.update)
        self.loop.start(self.poll, now=False)
        return self

    def __exit__(self, *exc_info):
        if self.loop.running:
            self.loop.stop()
        self.update(final=True)
        if self.in_place and self.shown is not None:
            self.stream.write("\n")
            self.stream.flush()

    def counts(self) -> dict:
        fetched = stored = errors = 0
        for crawler in self.crawlers:
            stats = crawler.stats.get_stats() if crawler.stats else {}
            fetched += stats.get("claimwatch/fetched", 0)  # the summary's "fetched": article pages, not feeds
            stored += stats.get("claimwatch/stored", 0) + stats.get("claimwatch/updated", 0)
            errors += sum(value for key, value in stats.items() if key.startswith("claimwatch/failed/"))
        return {"fetched": fetched, "stored": stored, "errors": errors}

    def line(self) -> str:
        counts = self.counts()
        return (f"crawling: {_count(counts['fetched'], 'page')} fetched, {_count(counts['stored'], 'article')} "
                f"stored or updated, {_count(counts['errors'], 'error')}")

    def update(self, final: bool = False) -> None:
        line, now = self.line(), time.monotonic()
        if line == self.shown or not (final or self.in_place or self.shown is None
                                       or now - self.shown_at >= self.every):
            return
        self.stream.write(f"\r{line}\x1b[K" if self.in_place else f"{line}\n")
        self.stream.flush()
        self.shown, self.shown_at = line, now


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
