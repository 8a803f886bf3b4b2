"""What a crawl did: failure reasons for the run summary, and the summary itself from the crawlers' stats."""

import datetime
from collections import Counter

from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.spidermiddlewares.httperror import HttpError

from claimwatch.crawlers.middlewares import NotModified

# stat name (claimwatch/NAME) -> summary key, in the summary's order
OUTCOMES = {"fetched": "fetched", "stored": "stored", "updated": "updated", "unchanged": "unchanged",
            "duplicate": "duplicates", "not_modified": "not_modified"}
_DOWNLOAD_FAILURES = {
    DownloadTimeoutError: "timeout",
    DownloadCancelledError: "too_large",  # Scrapy cancels a download only when it passes DOWNLOAD_MAXSIZE
    DownloadConnectionRefusedError: "connection_refused",
    CannotResolveHostError: "dns_lookup_failed",
    ResponseDataLossError: "incomplete_response",
    DownloadFailedError: "download_failed",
}


def failure_reason(failure) -> tuple[str, str] | None:
    """(summary key, one-line detail) for a failed request, or None when it is not a failure to report:
    a 304 (counted as not_modified) or a link outside the allowed domains."""
    error = failure.value
    if isinstance(error, NotModified):
        return None
    if isinstance(error, HttpError):
        return f"http_{error.response.status}", f"HTTP {error.response.status}"
    if isinstance(error, IgnoreRequest):
        message = str(error)
        if "offsite" in message:
            return None
        if "robots.txt" in message:
            return "robots_txt", "forbidden by robots.txt"
        if "redirections" in message:
            return "too_many_redirects", message
        return "ignored", message
    for kind, reason in _DOWNLOAD_FAILURES.items():
        if isinstance(error, kind):
            return reason, str(error).splitlines()[0] if str(error) else reason
    name = type(error).__name__
    if "Timeout" in name:
        return "timeout", str(error) or name
    return name, str(error).splitlines()[0] if str(error) else name


# How a failure reads on the terminal when its key says it all; other keys read as their detail.
PLAIN_REASONS = {"timeout": "timed out", "too_large": "larger than DOWNLOAD_MAXSIZE",
                 "connection_refused": "connection refused", "dns_lookup_failed": "host name not found",
                 "incomplete_response": "incomplete response", "download_failed": "download failed"}


def failure_line(error: dict) -> str:
    """One line for a failure of the run's summary: "feed http://127.0.0.1:9/x.xml: connection refused"."""
    key, _, detail = error["reason"].partition(": ")
    return f"{error.get('what', 'page')} {error['url']}: {PLAIN_REASONS.get(key) or detail or key}"


def summarize(crawlers) -> dict:
    """The run summary of `crawlers.crawl`, adding up every crawler of the run; JSON-ready."""
    counts, off_topic, failed, errors, stats = Counter(), Counter(), Counter(), [], {}
    for crawler in crawlers:
        for key, value in crawler.stats.get_stats().items():
            if key.startswith("claimwatch/off_topic/"):
                off_topic[key.rsplit("/", 1)[1]] += value
            elif key.startswith("claimwatch/failed/"):
                failed[key.rsplit("/", 1)[1]] += value
            elif key.startswith("claimwatch/") and key.split("/", 1)[1] in OUTCOMES:
                counts[OUTCOMES[key.split("/", 1)[1]]] += value
            previous = stats.get(key)
            if _is_number(value) and (previous is None or _is_number(previous)):
                stats[key] = (previous or 0) + value  # counts add up across the run's spiders
            elif previous is None:
                stats[key] = value.isoformat() if isinstance(value, datetime.datetime) else value
        errors.extend(getattr(crawler.spider, "errors", []))
    return {**{name: counts[name] for name in OUTCOMES.values()}, "off_topic": dict(off_topic),
            "failed": dict(failed), "errors": errors, "stats": stats}


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
