"""The sources file: which outlets to crawl, from where, and what kind of voice each one is."""

import dataclasses
import functools
import pathlib
import re
from urllib.parse import urlsplit

import yaml

DEFAULT_SOURCES = pathlib.Path(__file__).with_name("sources.yml")
KINDS = ("official", "press", "campaign", "blog", "sample")
PUBLISHER_KINDS = pathlib.Path(__file__).with_name("data") / "publisher_kinds.yml"


class SourcesError(ValueError):
    """The crawl's entry points cannot be used: the message names the sources file and entry, or the URL."""


@dataclasses.dataclass(frozen=True)
class Source:
    name: str
    kind: str
    homepage: str
    allowed_domains: tuple[str, ...]
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    follow: tuple[str, ...] = ()

    def wants(self, url: str) -> bool:
        """Whether an article URL from this source's sitemaps or feeds is worth fetching."""
        return not self.follow or any(re.search(pattern, url) for pattern in self.follow)


def load_sources(path=DEFAULT_SOURCES) -> list[Source]:
    path = pathlib.Path(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SourcesError(f"{path}: cannot read: {error.strerror}") from error
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SourcesError(f"{path}: not valid YAML{where}: {problem}") from error
    if not isinstance(document, dict) or not isinstance(document.get("sources"), list):
        raise SourcesError(f"{path}: expected a mapping with a 'sources' list")
    sources, names = [], set()
    for number, entry in enumerate(document["sources"], start=1):
        label = f"{path}: source {number}" + (f" ({entry['name']})" if isinstance(entry, dict) and
                                               isinstance(entry.get("name"), str) else "")
        source = _source(entry, label)
        if source.name in names:
            raise SourcesError(f"{label}: the name is used by an earlier source")
        names.add(source.name)
        sources.append(source)
    return sources


def _source(entry, label: str) -> Source:
    if not isinstance(entry, dict):
        raise SourcesError(f"{label}: expected a mapping, got {type(entry).__name__}")
    fields = {field.name for field in dataclasses.fields(Source)}
    unknown = sorted(set(entry) - fields)
    if unknown:
        raise SourcesError(f"{label}: unknown key {unknown[0]!r} (known: {', '.join(sorted(fields))})")
    for key in ("name", "kind", "homepage", "allowed_domains"):
        if not entry.get(key):
            raise SourcesError(f"{label}: missing {key!r}")
    if not isinstance(entry["name"], str):
        raise SourcesError(f"{label}: 'name' must be text")
    if entry["kind"] not in KINDS:
        raise SourcesError(f"{label}: kind {entry['kind']!r} is not one of {', '.join(KINDS)}")
    lists = {key: _strings(entry.get(key, []), key, label)
             for key in ("allowed_domains", "sitemaps", "feeds", "follow")}
    for url in [entry["homepage"], *lists["sitemaps"], *lists["feeds"]]:
        if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
            raise SourcesError(f"{label}: {url!r} is not an http(s) URL")
    for pattern in lists["follow"]:
        try:
            re.compile(pattern)
        except re.error as error:
            raise SourcesError(f"{label}: follow pattern {pattern!r} is not a regular expression: {error}") from None
    source = Source(name=entry["name"], kind=entry["kind"], homepage=entry["homepage"], **lists)
    for url in [source.homepage, *source.sitemaps, *source.feeds]:
        if not domain_matches(urlsplit(url).hostname, source.allowed_domains):
            raise SourcesError(f"{label}: {url} is outside allowed_domains")
    return source


def _strings(value, key: str, label: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
        raise SourcesError(f"{label}: {key!r} must be a list of text values")
    return tuple(value)


def domain_matches(host: str | None, domains) -> bool:
    """Whether host is one of domains or a subdomain of one (the rule Scrapy's allowed_domains follows)."""
    host = (host or "").lower()
    return any(host == domain or host.endswith("." + domain) for domain in domains)


def source_for(url: str, sources) -> Source | None:
    """The source whose allowed domains hold url's host; the most specific domain wins."""
    host = urlsplit(url).hostname
    matches = [(len(domain), source) for source in sources for domain in source.allowed_domains
               if domain_matches(host, [domain])]
    return max(matches, key=lambda match: match[0])[1] if matches else None


@functools.cache
def _publisher_kinds() -> dict:
    kinds = yaml.safe_load(PUBLISHER_KINDS.read_text(encoding="utf-8"))
    for schema_type, kind in kinds.items():
        if kind not in KINDS:
            raise SourcesError(f"{PUBLISHER_KINDS}: {schema_type}: kind {kind!r} is not one of {', '.join(KINDS)}")
    return kinds


def declared_kind(publisher) -> str:
    """The kind a page's JSON-LD says its publisher is (a dict, or a list of them), else "unknown"."""
    publishers = publisher if isinstance(publisher, list) else [publisher]
    for entry in (entry for entry in publishers if isinstance(entry, dict)):
        types = entry.get("@type", [])
        for schema_type in [types] if isinstance(types, str) else types:
            kind = _publisher_kinds().get(str(schema_type).rpartition("/")[2])  # "NGO" or "https://schema.org/NGO"
            if kind:
                return kind
    return "unknown"
