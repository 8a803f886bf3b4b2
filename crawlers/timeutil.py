import datetime


def iso_utc(moment: datetime.datetime) -> str:
    """A moment as the article record's timestamps are written: ISO 8601 UTC to the second, with Z."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def utc_now() -> str:
    return iso_utc(datetime.datetime.now(datetime.UTC))
