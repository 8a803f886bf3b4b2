"""When a figure describes the world, as days: exact for a dated figure, bounds for an undated one.

A figure is dated by the end its text states ("in the 12 months to September 2025"), else by the publication
dates of the articles giving it. An article that states no date is placed between two bounds (docs/detection.md,
section 4): no earlier than the start of the latest period its figures describe, no later than the first time it
was fetched. Days are ordinals; a missing bound is minus or plus infinity, so that arithmetic needs no cases."""

import datetime
import functools
import math

import sqlite_utils

from claimwatch.db.store import rows_by_id

EARLIEST = -math.inf  # no lower bound
LATEST = math.inf  # no upper bound


@functools.lru_cache(maxsize=65536)
def day(iso: str | None) -> int | None:
    if not iso:
        return None
    try:
        return datetime.date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None


def in_words(ordinal: float) -> str:
    """ "10 Nov 2025" for a day, as a reader writes it."""
    date = datetime.date.fromordinal(int(ordinal))
    return f"{date.day} {date:%b %Y}"


def bounds_in_words(low: float, high: float) -> str:
    if low == EARLIEST and high == LATEST:
        return "at any date"
    if low == EARLIEST:
        return f"at any date up to {in_words(high)}"
    if high == LATEST:
        return f"at any date from {in_words(low)}"
    if low == high:
        return f"on {in_words(low)}"
    return f"between {in_words(low)} and {in_words(high)}"


# The latest period an undated article's figures describe has begun by the time it is written; its end may still
# be to come ("1,135 in 2025" in November), so ends are not used, and plans name future dates, so they are left out.
# The upper bound is the first fetch over the web or from a WARC record (whose date is the capture's); a saved file's
# date says when it was saved, not when it was published.
ARTICLE_BOUNDS_SQL = """
SELECT articles.id,
       (SELECT max(time_start) FROM claims WHERE claims.article_id = articles.id AND claims.status != 'planned'),
       (SELECT min(fetched_at) FROM article_versions
        WHERE article_versions.article_id = articles.id AND coalesce(via, '') != 'file')
FROM articles WHERE articles.id IN"""


def undated_article_bounds(database: sqlite_utils.Database, figure_keys) -> dict[int, list[tuple[float, float]]]:
    """figure key -> the (lower, upper) day bounds of each undated article giving that figure."""
    articles: dict[int, list[int]] = {}
    for figure_key, article_id in rows_by_id(
        database, "SELECT figure_key, article_id FROM claims WHERE published IS NULL AND figure_key IN", figure_keys
    ):
        articles.setdefault(figure_key, []).append(article_id)
    bounds = {}
    ids = {article_id for ids in articles.values() for article_id in ids}
    for article_id, latest_start, first_fetched in rows_by_id(database, ARTICLE_BOUNDS_SQL, ids):
        high = day(first_fetched) or LATEST
        low = min(day(latest_start) or EARLIEST, high)  # a mention after the fetch is a plan we did not recognise
        bounds[article_id] = (low, high)
    return {key: [bounds[article_id] for article_id in ids] for key, ids in articles.items()}


def appearance_bounds(article_bounds: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(earliest, latest) possible day of a figure's first appearance, then of its last, from its articles' bounds."""
    lows, highs = [low for low, _ in article_bounds], [high for _, high in article_bounds]
    return min(lows), min(highs), max(lows), max(highs)


def gap_range(a: tuple, b: tuple) -> tuple[float, float]:
    """The fewest and the most days there can be between two figures' appearances, each given as appearance
    bounds (first earliest, first latest, last earliest, last latest): 0 when they can overlap."""
    a_first_low, a_first_high, a_last_low, a_last_high = a
    b_first_low, b_first_high, b_last_low, b_last_high = b
    fewest = max(0, b_first_low - a_last_high, a_first_low - b_last_high)
    most = max(0, b_first_high - a_last_low, a_first_high - b_last_low)
    return fewest, most


def iso(ordinal: float) -> str:
    return datetime.date.fromordinal(int(ordinal)).isoformat()
