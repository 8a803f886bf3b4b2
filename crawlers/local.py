"""Articles from local files for `claimwatch import`: saved HTML pages, folders of them, and WARC archives."""

import datetime
import pathlib
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from claimwatch.clock import iso_utc, utc_now
from claimwatch.crawlers.extract import Rejected, decode_body, extract_article
from claimwatch.crawlers.sources import DEFAULT_SOURCES, load_sources

HTML_SUFFIXES = (".html", ".htm")
WARC_SUFFIXES = (".warc", ".warc.gz")
MAX_HTML_BYTES = 10 * 1024 * 1024  # the crawl's DOWNLOAD_MAXSIZE: an article page is far smaller


class UnreadablePath(ValueError):
    """A path given to read_paths does not exist or is not an HTML, WARC or folder; the message names it."""


def problem(path: str, reason: str, detail: str = "", *, off_topic: bool = False) -> dict:
    """A page that was read but is not stored. path: the file, or file#url for a WARC record. reason: the key
    counted in the summary (the crawl's off_topic or failed reasons). off_topic: not coverage, rather than
    unreadable."""
    return {"path": path, "reason": reason, "detail": detail, "off_topic": off_topic}


def read_paths(paths, *, any_topic: bool = False, sources=None):
    """An iterator of (record, None) for each page to store and (None, problem) for each other page.

    Raises UnreadablePath at once, before anything is read or stored, when a given path cannot be used."""
    paths = [pathlib.Path(path) for path in paths]
    for path in paths:
        if not path.exists():
            raise UnreadablePath(f"{path}: no such file or folder")
        if path.is_file() and not path.name.lower().endswith(HTML_SUFFIXES + WARC_SUFFIXES):
            raise UnreadablePath(f"{path}: not an .html, .htm, .warc or .warc.gz file")
        if path.is_dir() and not any(_readable_name(p) for p in path.rglob("*")):
            raise UnreadablePath(f"{path}: folder holds no .html, .htm, .warc or .warc.gz file")
        if path.is_file() and path.name.lower().endswith(HTML_SUFFIXES):
            _check_html_file(path)
    sources = load_sources(sources or DEFAULT_SOURCES) if not isinstance(sources, list) else sources
    return _read(paths, any_topic, sources)


def _read(paths, any_topic, sources):
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            name = file.name.lower()
            if name.endswith(HTML_SUFFIXES):
                yield _html_file(file, any_topic, sources)
            elif name.endswith(WARC_SUFFIXES):
                yield from _warc_file(file, any_topic, sources)


def _readable_name(path: pathlib.Path) -> bool:
    return path.name.lower().endswith(HTML_SUFFIXES + WARC_SUFFIXES) and path.is_file()


def _check_html_file(path: pathlib.Path) -> None:
    """Refuse a page named on the command line that cannot be one, before anything is stored. (Files found in
    a folder are reported one by one instead, so one stray file does not stop an import of thousands.)"""
    try:
        size = path.stat().st_size
        if size > MAX_HTML_BYTES:
            raise UnreadablePath(f"{path}: {size / 2**20:.0f} MB, larger than the {MAX_HTML_BYTES // 2**20} MB "
                                 "an article page can be")
        body = path.read_bytes()
    except OSError as error:
        raise UnreadablePath(f"{path}: cannot read: {error.strerror or error}") from None
    if not body.strip():
        raise UnreadablePath(f"{path}: empty file")
    if b"\0" in body[:8192]:
        raise UnreadablePath(f"{path}: binary data, not HTML")
    _, encoding = decode_body(body)
    try:  # decode_body replaces what no candidate encoding can read: here that means the file is not text
        body.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadablePath(f"{path}: undecodable text: byte {body[error.start]:#04x} at offset {error.start} "
                             "is not UTF-8, the declared charset or Windows-1252") from None


def _html_file(file: pathlib.Path, any_topic, sources):
    try:
        body = file.read_bytes()
    except OSError as error:
        return None, problem(str(file), "unreadable", error.strerror or str(error))
    # A saved page's fetch time is when it was saved: re-importing the same file gives the same record.
    saved = datetime.datetime.fromtimestamp(file.stat().st_mtime, datetime.UTC)
    return _extract(str(file), body, final_url=file.resolve().as_uri(), via="file",
                    fetched_at=iso_utc(saved), any_topic=any_topic, sources=sources)


def _warc_file(file: pathlib.Path, any_topic, sources):
    try:
        with file.open("rb") as stream:
            for record in ArchiveIterator(stream, arc2warc=True):
                if record.rec_type not in ("response", "resource"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or ""
                if urlsplit(url).scheme not in ("http", "https"):
                    yield None, problem(str(file), "unreadable_warc", f"a record without an http(s) URL: {url!r}")
                    return
                where = f"{file}#{url}"
                http = record.http_headers
                status = int(http.get_statuscode()) if http else None
                content_type = (http.get_header("Content-Type") if http
                                else record.rec_headers.get_header("Content-Type"))
                if status is not None and 300 <= status < 400:
                    continue  # the redirect's target is its own record
                if status is not None and status >= 400:
                    yield None, problem(where, f"http_{status}", f"HTTP {status}")
                    continue
                yield _extract(
                    where, record.content_stream().read(), final_url=url, via="warc", http_status=status,
                    fetched_at=_warc_date(record.rec_headers.get_header("WARC-Date")), content_type=content_type,
                    etag=http.get_header("ETag") if http else None,
                    last_modified=http.get_header("Last-Modified") if http else None,
                    any_topic=any_topic, sources=sources)
    except (ArchiveLoadFailed, OSError, EOFError) as error:
        yield None, problem(str(file), "unreadable_warc", str(error).splitlines()[0] if str(error) else "")


def _warc_date(value: str | None) -> str:
    if not value:
        return utc_now()
    return iso_utc(datetime.datetime.fromisoformat(value))


def _extract(where: str, body: bytes, **fields):
    try:
        return extract_article(body, **fields), None
    except Rejected as rejected:
        return None, problem(where, rejected.reason, str(rejected).partition(": ")[2], off_topic=True)
