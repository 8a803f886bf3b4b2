import datetime


def utc_now() -> str:
    """Now, as the article record's timestamps are written: ISO 8601 UTC to the second, with Z."""
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
