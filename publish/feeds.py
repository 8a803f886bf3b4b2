"""Atom feeds of the canned queries in metadata.yml that return `atom_*` columns, served at /DB/QUERY.atom in
place of datasette-atom's renderer: an empty query is an empty feed (datasette-atom fails with "max() arg is an
empty sequence"), entry links are made absolute, and the feed names its author, claimwatch.

The columns are datasette-atom's: atom_id, atom_title, atom_updated, and optionally atom_published,
atom_content, atom_link, atom_author_name.
"""

import datetime
import urllib.parse

from feedgen.feed import FeedGenerator

FEED_AUTHOR = {"name": "claimwatch"}
FEEDS = ("new_contradictions", "new_claims")  # the canned queries served as feeds


def timestamp(value) -> datetime.datetime | None:
    """An ISO date or datetime as an aware datetime: a date is its midnight UTC, a naive time is UTC."""
    if not value:
        return None
    try:
        parsed = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=datetime.UTC)


def atom(rows: list[dict], *, title: str, feed_url: str, site_url: str, last_run: str | None) -> bytes:
    """The feed of `rows`, newest first as the query returns them. With no rows, the feed is empty and its
    `updated` is when claimwatch last ran (or the epoch, for a database never run)."""
    feed = FeedGenerator()
    feed.id(feed_url)
    feed.title(title)
    feed.author(FEED_AUTHOR)
    feed.link(href=feed_url, rel="self")
    feed.link(href=site_url, rel="alternate")
    updated = [t for row in rows if (t := timestamp(row["atom_updated"]))]
    feed.updated(max(updated) if updated else timestamp(last_run) or datetime.datetime.fromtimestamp(
        0, datetime.UTC))
    for row in reversed(rows):  # feedgen puts the last entry added first
        entry = feed.add_entry()
        entry.id(str(row["atom_id"]))
        entry.title(str(row["atom_title"]))
        entry.updated(timestamp(row["atom_updated"]) or feed.updated())
        if timestamp(row.get("atom_published")):
            entry.published(timestamp(row["atom_published"]))
        if row.get("atom_link"):
            entry.link(href=urllib.parse.urljoin(site_url, row["atom_link"]))
        if row.get("atom_content"):
            entry.content(row["atom_content"], type="text")
        entry.author({"name": row.get("atom_author_name") or FEED_AUTHOR["name"]})
    return feed.atom_str(pretty=True)
