"""The one clock: every timestamp claimwatch writes is ISO 8601 UTC to the second, with Z (2026-11-22T10:00:00Z).

Any part of claimwatch may import this module; it imports none of them.
"""

import datetime


def iso_utc(moment: datetime.datetime) -> str:
    """`moment` written as claimwatch writes timestamps; a naive datetime is taken to be UTC already."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_now() -> str:
    return iso_utc(datetime.datetime.now(datetime.UTC))
