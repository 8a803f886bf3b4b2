"""Extraction workers share the articles to extract by leasing them in Redis, so two never process one.

Each worker reads the same list of articles waiting for extraction and, a batch at a time, asks Redis for a
lease on each (SET NX with an expiry): it extracts only those it won. A finished article's key says so for a
day, so later workers of the same pass skip it; a worker killed mid-batch lets its leases expire, and the next
`claimwatch extract` after that time takes those articles again.
"""

import contextlib
import hashlib

import redis

PREFIX = "claimwatch:extract:"
DONE_SECONDS = 24 * 3600


class LeaseError(Exception):
    """Redis failed mid-run; str() is one line. What the worker extracted before is in its shard."""


class ArticleLeases:
    def __init__(self, server: redis.Redis, extractor_version: str, lease_seconds: int = 600):
        self.server = server
        self.prefix = f"{PREFIX}{extractor_version}:"
        self.lease_seconds = lease_seconds

    def _key(self, article: dict) -> str:
        identity = f"{article['url']}\n{article['text_sha256']}".encode()
        return self.prefix + hashlib.sha1(identity).hexdigest()

    def won(self, articles: list[dict]) -> list[dict]:
        """The articles of the batch this worker now holds a lease on."""
        pipe = self.server.pipeline(transaction=False)
        for article in articles:
            pipe.set(self._key(article), "leased", nx=True, ex=self.lease_seconds)
        with _one_line_errors():
            return [article for article, won in zip(articles, pipe.execute(), strict=True) if won]

    def done(self, article: dict) -> None:
        with _one_line_errors():
            self.server.set(self._key(article), "done", ex=max(DONE_SECONDS, self.lease_seconds))


@contextlib.contextmanager
def _one_line_errors():
    try:
        yield
    except redis.RedisError as error:
        raise LeaseError(f"extraction queue: {error}") from None
