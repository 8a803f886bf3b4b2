"""The article item: the article record of docs/architecture.md as a Scrapy dataclass item."""

import base64
import dataclasses
from dataclasses import dataclass, field


def _base64(body: bytes) -> str:
    return base64.b64encode(body).decode("ascii")


@dataclass(repr=False)
class Article:
    url: str
    requested_url: str
    final_url: str
    http_status: int | None
    fetched_at: str
    etag: str | None
    last_modified: str | None
    content_type: str | None
    encoding: str | None
    # Feed exports (`scrapy crawl ... -o items.jsonl`) cannot write bytes; they get base64 instead.
    body: bytes = field(metadata={"serializer": _base64})
    content_sha256: str = ""
    title: str | None = None
    author: str | None = None
    description: str | None = None
    site_name: str | None = None
    language: str | None = None
    published: str | None = None
    updated: str | None = None
    outlet: str = ""
    outlet_domain: str = ""
    outlet_kind: str = "unknown"
    text: str = ""
    text_sha256: str = ""
    topic_terms: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    minhash: list[int] | None = None
    extractors: dict = field(default_factory=dict)
    via: str = ""

    def __repr__(self) -> str:
        # Scrapy logs items; the raw body and the signature would drown the log.
        return f"Article(url={self.url!r}, title={self.title!r}, outlet={self.outlet!r}, via={self.via!r})"

    def record(self) -> dict:
        """The plain dict the sink stores. (Its lists are the item's own: dataclasses.asdict would deep-copy them,
        the 128-number signature included, for every article.)"""
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}
