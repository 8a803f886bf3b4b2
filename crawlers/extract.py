"""Turn one fetched page into an article record (the dict docs/architecture.md describes).

trafilatura finds the article text and metadata, htmldate the dates, JSON-LD what the outlet declares about
itself; claimwatch only decides between them, drops page furniture that sits inside the article area, and
checks the page is coverage of the project's topic."""

import datetime
import email.utils
import hashlib
import importlib.util
import json
import pathlib
import re
import sys
from importlib.metadata import version
from urllib.parse import urljoin, urlsplit

import htmldate
import trafilatura
from parsel import Selector  # Scrapy's Selector is parsel's; parsel alone spares `claimwatch import` Scrapy's start-up

from claimwatch import topics
from claimwatch.crawlers.sources import declared_kind, domain_matches, source_for


def _datasketch_minhash():
    """datasketch's MinHash, without running datasketch/__init__.py: that imports every sketch of the library, and
    SciPy and the Redis client with them, half a second (as long as the rest of `claimwatch import`'s start-up) for
    a class that needs only numpy. So datasketch.minhash is loaded with the package's __init__ left out; whoever
    imports `datasketch` itself later gets the whole package as usual, with this same module in it."""
    if "datasketch" in sys.modules:
        return sys.modules["datasketch"].MinHash
    sys.modules["datasketch"] = importlib.util.module_from_spec(importlib.util.find_spec("datasketch"))
    try:
        return importlib.import_module("datasketch.minhash").MinHash
    finally:
        del sys.modules["datasketch"]


MinHash = _datasketch_minhash()

# Bump when a change here would give different text or metadata for the same page. (Claims have their own
# version, claimwatch.nlp.extractor_version().)
ARTICLE_EXTRACTION_VERSION = "1"
EXTRACTORS = {"trafilatura": version("trafilatura"), "htmldate": version("htmldate"),
              "claimwatch": ARTICLE_EXTRACTION_VERSION}
DATA = pathlib.Path(__file__).with_name("data")
MINHASH_PERMUTATIONS = 128
SHINGLE_WORDS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")
TRAFILATURA_DATE_SEARCH = {"original_date": True, "extensive_search": False}


class Rejected(Exception):
    """The page is fetched but is not coverage to store; `reason` is the key counted in the run summary."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason, self.detail = reason, detail

    def __reduce__(self):  # as it was made, when it comes back from an extraction worker (crawlers/workers.py)
        return type(self), (self.reason, self.detail)


def _read_lines(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


_FURNITURE = [line for line in _read_lines("boilerplate.txt") if not line.startswith("END ")]
_ENDINGS = [line.removeprefix("END ") for line in _read_lines("boilerplate.txt") if line.startswith("END ")]
FURNITURE = re.compile("|".join(f"(?:{p})" for p in _FURNITURE), re.IGNORECASE)
ARTICLE_ENDS = re.compile("|".join(f"(?:{p})" for p in _ENDINGS), re.IGNORECASE)


def extract_article(body: bytes, *, final_url: str, fetched_at: str, via: str, requested_url: str | None = None,
                    http_status: int | None = None, content_type: str | None = None, etag: str | None = None,
                    last_modified: str | None = None, hints: dict | None = None, sources=(),
                    any_topic: bool = False, require_article: bool = False) -> dict:
    """The article record for one page, or Rejected with the reason it is not stored.

    hints: what the sitemap or feed said about the page (title, published, updated, keywords), used where
    the page itself is silent. require_article: for pages reached by following links, insist on the markup
    of an article (og:type article, a JSON-LD article, or a publication date) so section fronts are skipped."""
    hints = hints or {}
    if content_type and content_type.split(";")[0].strip().lower() not in HTML_TYPES:
        raise Rejected("not_html", content_type.split(";")[0].strip())
    html, encoding = decode_body(body, content_type)
    # As scrapy.Selector(text=html) read it: without a leading byte order mark.
    page = Selector(text=html.removeprefix("\ufeff") or "<html></html>")
    metas = _metas(page)
    ld = json_ld_article(page)
    # trafilatura's own date is never read (htmldate below decides), so it is looked for as htmldate is below,
    # from markup and URL, rather than by its default extensive search of the text: the rest is the same.
    document = trafilatura.bare_extraction(html, url=final_url, with_metadata=True, include_comments=False,
                                           include_tables=False, favor_precision=True,
                                           date_extraction_params=TRAFILATURA_DATE_SEARCH)
    title = _text(ld.get("headline")) or (document.title if document else None) or hints.get("title")
    text = clean_text(document.text if document else "", title)
    if not text:
        raise Rejected("no_article_text")
    # htmldate last, and from markup and URL only: a date guessed from the text ("since early 2024") would
    # be worse than none, since claims' time scopes are resolved against it.
    published = (iso_date(ld.get("datePublished")) or iso_date(_meta(metas, "article:published_time"))
                 or iso_date(hints.get("published"))
                 or htmldate.find_date(html, original_date=True, extensive_search=False, url=final_url))
    updated = (iso_date(ld.get("dateModified")) or iso_date(_meta(metas, "article:modified_time"))
               or iso_date(hints.get("updated")))
    if require_article and not (ld or published or page.css('meta[property="og:type"][content="article"]')):
        raise Rejected("not_an_article")
    terms = topics.terms_in(f"{title or ''}\n{text}")
    if not terms and not any_topic:
        raise Rejected("no_topic_terms")

    source = source_for(final_url, sources)
    url = canonical_url(page, final_url, source, metas)
    if source is None and urlsplit(final_url).scheme == "file":  # a saved page is from where its canonical URL is
        source = source_for(url, sources)
    site_name = _meta(metas, "og:site_name") or _text(ld.get("publisher")) or document.sitename
    host = (urlsplit(final_url).hostname or "").removeprefix("www.")
    return {
        "url": url,
        "requested_url": requested_url or final_url,
        "final_url": final_url,
        "http_status": http_status,
        "fetched_at": fetched_at,
        "etag": etag,
        "last_modified": last_modified,
        "content_type": content_type,
        "encoding": encoding,
        "body": body,
        "content_sha256": hashlib.sha256(body).hexdigest(),
        "title": title,
        "author": _text(ld.get("author")) or document.author,
        "description": _meta(metas, "og:description") or document.description,
        "site_name": site_name,
        "language": page.xpath("/html/@lang").get() or _text(ld.get("inLanguage")) or document.language,
        "published": published,
        "updated": updated if updated != published else None,
        "outlet": source.name if source else (site_name or host or "unknown"),
        "outlet_domain": host,
        "outlet_kind": source.kind if source else declared_kind(ld.get("publisher")),
        "text": text,
        "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        "topic_terms": terms,
        "keywords": keywords(metas, ld, hints),
        "minhash": minhash(text),
        "extractors": dict(EXTRACTORS),
        "via": via,
    }


def canonical_url(page: Selector, final_url: str, source=None, metas: dict | None = None) -> str:
    """<link rel=canonical>, else og:url, else the final URL. For a fetched page, a canonical on another site
    is ignored: a syndicated copy pointing at the original is still the copy's own page (the MinHash links
    the two). A saved file has no site of its own, so its canonical always stands."""
    metas = _metas(page) if metas is None else metas
    declared = page.css('link[rel="canonical"]::attr(href)').get() or _meta(metas, "og:url")
    if not declared or not declared.strip():
        return final_url
    url = urljoin(final_url, declared.strip())
    if urlsplit(url).scheme not in ("http", "https", "file"):  # javascript:, data:... would be links on the site
        return final_url
    here, there = (urlsplit(u).hostname or "" for u in (final_url, url))
    same_site = here.removeprefix("www.") == there.removeprefix("www.")
    same_outlet = source is not None and domain_matches(there, source.allowed_domains)
    return url if urlsplit(final_url).scheme == "file" or same_site or same_outlet else final_url


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """The page as text, and the encoding used.

    Servers and <meta> tags often declare the wrong charset, so the declaration is only believed when the
    body decodes in it: a body that is valid UTF-8 is UTF-8, then the declared encoding (Scrapy's reading:
    header, <meta>, guess; Latin-1 read as Windows-1252 as browsers do), then Windows-1252."""
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Only a page that is not UTF-8 needs Scrapy's reading of its declarations, so only then is Scrapy loaded.
    from scrapy.http import TextResponse

    headers = {"Content-Type": content_type} if content_type else None
    declared = TextResponse("file:///page", body=body, headers=headers).encoding
    for encoding in (declared, "cp1252"):
        try:
            return body.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("cp1252", errors="replace"), "cp1252"


def clean_text(text: str, title: str | None = None) -> str:
    """The article text without the furniture trafilatura leaves inside the article area.

    Drops furniture lines (data/boilerplate.txt); stops at the first end-of-article line, with the line
    before it when that line only repeats part of it (an author's name above their bio); and drops the
    short lines above the headline (kickers, slogans, breadcrumbs)."""
    kept = []
    for line in text.splitlines():
        stripped = line.strip(" \t•·|-*")
        if ARTICLE_ENDS.fullmatch(stripped):
            if kept and kept[-1] in stripped:
                kept.pop()
            break
        if stripped and not FURNITURE.fullmatch(stripped):
            kept.append(stripped)
    if title and title.strip() in kept:
        above = kept[:kept.index(title.strip())]
        if all(len(line.split()) <= 6 and not line.endswith((".", "?", "!", ":")) for line in above):
            kept = kept[len(above):]
    return "\n".join(kept).strip()


_EMPTY_SIGNATURE = MinHash(num_perm=MINHASH_PERMUTATIONS)


def minhash(text: str) -> list[int] | None:
    """MinHash signature of the text's word shingles: copies of one story share most of it."""
    words = re.findall(r"\w+", text.lower())
    if not words:
        return None
    signature = _EMPTY_SIGNATURE.copy()  # its permutations, drawn once: a new MinHash draws them again
    signature.update_batch([" ".join(words[start:start + SHINGLE_WORDS]).encode()
                            for start in range(max(1, len(words) - SHINGLE_WORDS + 1))])
    return [int(value) for value in signature.hashvalues]


def json_ld_article(page: Selector) -> dict:
    """The first JSON-LD object on the page that describes an article (in @graph or a list too)."""
    for script in page.css('script[type="application/ld+json"]::text').getall():
        try:
            data = json.loads(script)
        except ValueError:
            continue  # outlets ship broken JSON-LD; the page's other metadata still counts
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                types = item.get("@type", [])
                types = [types] if isinstance(types, str) else types
                if any(str(t).endswith(("Article", "BlogPosting", "Report", "PressRelease")) for t in types):
                    return item
                stack.extend(item.get("@graph", []))
    return {}


def keywords(metas: dict, ld: dict, hints: dict) -> list[str]:
    found = []
    for value in (hints.get("keywords"), ld.get("keywords"), _meta(metas, "keywords"), _meta(metas, "news_keywords")):
        if isinstance(value, str):
            value = value.split(",")
        for word in value or []:
            word = str(word).strip()
            if word and word.lower() not in {w.lower() for w in found}:
                found.append(word)
    return found


def iso_date(value) -> str | None:
    """An ISO 8601 date or datetime from the ISO or RFC 822 forms sitemaps, feeds and JSON-LD use."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    if len(value) == 10 and parsed.time() == datetime.time():
        return parsed.date().isoformat()
    return parsed.isoformat()


def _metas(page: Selector) -> dict[str, str]:
    """Each <meta> property and name, with the content of the first <meta> of that property or name that has one,
    as `//meta[@property=NAME or @name=NAME]/@content` finds it: one walk of the page rather than a search of the
    whole page for each name."""
    found = {}
    for meta in page.root.iter("meta"):
        content = meta.get("content")
        if content is not None:
            for key in (meta.get("property"), meta.get("name")):
                if key is not None:
                    found.setdefault(key, content)
    return found


def _meta(metas: dict[str, str], name: str) -> str | None:
    value = metas.get(name)
    return value.strip() if value and value.strip() else None


def _text(value) -> str | None:
    """A JSON-LD value as text: a string, an object's name, or a list of those joined."""
    if isinstance(value, list):
        names = [name for name in map(_text, value) if name]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None
