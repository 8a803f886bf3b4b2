"""Shards: what each worker writes for `claimwatch merge` to fold in (docs/scaling.md, "Merging shards").

A crawl shard is an ordinary claimwatch database (.db, .sqlite), written by ArticleStore. A claim shard is a JSON
Lines file (.jsonl) of one line per extracted article, written by ClaimShardWriter:

    {"url": ..., "text_sha256": ..., "published": ..., "extractor_version": "3", "extracted_at": ...,
     "claims": [claim records, docs/architecture.md], "skipped": [figures that are no claim, with their reason]}

A line without "skipped" (written before shards carried them) merges as an article with no skipped figures.

This module writes claim shards and reads them back, and checks that a file is a shard this claimwatch can merge."""

import json
import os
import pathlib
import sqlite3
import urllib.parse

from claimwatch.clock import utc_now
from claimwatch.db import store
from claimwatch.db.schema import DatabaseError

DATABASE_SUFFIXES = (".db", ".sqlite")
CLAIM_SHARD_SUFFIX = ".jsonl"
SQLITE_INTEGER = range(-(2**63), 2**63)


class ClaimShardWriter:
    """Appends one JSON line per extracted article to a claim shard, flushed and fsynced line by line, so a killed
    worker loses at most the line it was writing. Opening a shard whose last line was cut short drops that fragment,
    so the lines appended after it stay readable; otherwise opening an existing shard appends to it.

        with ClaimShardWriter("claims-worker1.jsonl") as shard:
            shard.write(url=..., text_sha256=..., published=..., extractor_version="3", claims=claims,
                        skipped=skipped)
    """

    def __init__(self, path):
        self.path = pathlib.Path(path)
        self._file = open(self.path, "a+b")  # noqa: SIM115 - closed by close() / the with block
        self._drop_cut_short_line()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def close(self) -> None:
        self._file.close()

    def write(self, *, url: str, text_sha256: str, published: str | None, extractor_version: str, claims: list[dict],
              skipped: list[dict] | None = None, extracted_at: str | None = None) -> None:
        """Append the claims extracted from the article at `url` (its canonical URL) whose text has `text_sha256`,
        and the figures skipped in it, which the merge stores with the claims as `claimwatch extract` does."""
        line = {"url": url, "text_sha256": text_sha256, "published": published, "extractor_version": extractor_version,
                "extracted_at": extracted_at or utc_now(), "claims": claims, "skipped": skipped or []}
        problem = _line_problem(line)
        try:
            data = (json.dumps(line, ensure_ascii=False, allow_nan=False) + "\n").encode()
        except (TypeError, ValueError) as error:
            problem = problem or f"not JSON-serialisable ({error})"
        if problem:
            raise ValueError(f"{self.path}: article {url!r}: {problem}")
        self._file.write(data)
        self._file.flush()
        os.fsync(self._file.fileno())

    def _drop_cut_short_line(self) -> None:
        end = self._file.seek(0, os.SEEK_END)
        keep, position = 0, end
        while position > 0:
            start = max(0, position - 65536)
            self._file.seek(start)
            newline = self._file.read(position - start).rfind(b"\n")
            if newline >= 0:
                keep = start + newline + 1
                break
            position = start
        if keep < end:
            self._file.truncate(keep)
            self._file.flush()
            os.fsync(self._file.fileno())


# Reading claim shards -------------------------------------------------------------------------------------------------


def _line_problem(entry) -> str | None:
    """What makes a decoded claim-shard line unusable, or None."""
    if not isinstance(entry, dict):
        return "not a JSON object"
    for key in ("url", "text_sha256", "extractor_version", "extracted_at"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            return f"{key!r} is missing or not a string"
    if entry.get("published") is not None and not isinstance(entry["published"], str):
        return "'published' is not a string or null"
    if not isinstance(entry.get("claims"), list) or not all(isinstance(claim, dict) for claim in entry["claims"]):
        return "'claims' is not a list of objects"
    skipped = entry.get("skipped", [])
    if not isinstance(skipped, list) or not all(_is_skipped_figure(figure) for figure in skipped):
        return "'skipped' is not a list of figures (figure_text, char_start, char_end)"
    return None


def _is_skipped_figure(figure) -> bool:
    """The keys the skipped_figures table needs (db/schema.py): the figure and where it stands."""
    return (isinstance(figure, dict) and isinstance(figure.get("figure_text"), str)
            and all(type(figure.get(key)) is int for key in ("char_start", "char_end")))


def _claim_problem(entry: dict) -> str | None:
    """What replace_claims would refuse in the line's claims, found before anything is written."""
    for claim in entry["claims"]:
        try:
            store._claim_row(entry["url"], entry["extractor_version"], claim)  # the store's own checks
        except ValueError as error:
            return str(error)
        for key in ("value", "value_high", "char_start", "char_end"):
            if isinstance(claim.get(key), int) and claim[key] not in SQLITE_INTEGER:
                return f"claim {claim.get('figure_text')!r}: {key} {claim[key]} does not fit in SQLite"
    return None


def read_claim_shard(path: pathlib.Path):
    """(line number, the line, entry) of each non-blank line of a claim shard; entry is None for a last line that
    cannot be read (a worker killed mid-write). Any other unreadable line raises ValueError naming file:line."""
    try:
        with open(path, "rb") as file:
            pending = None
            for number, raw in enumerate(file, 1):
                if not raw.strip():
                    continue
                if pending:
                    yield *pending, _decoded_line(path, *pending, last=False)
                pending = (number, raw)
            if pending:
                yield *pending, _decoded_line(path, *pending, last=True)
    except OSError as error:
        raise ValueError(f"{path}: cannot read ({error.strerror})") from None


def _decoded_line(path: pathlib.Path, number: int, raw: bytes, last: bool) -> dict | None:
    try:
        entry = json.loads(raw)
        problem = _line_problem(entry)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        problem = f"not valid JSON ({error})"
    if problem and last:
        return None
    problem = problem or _claim_problem(entry)
    if problem:
        raise ValueError(f"{path}:{number}: {problem}")
    return entry


# Checking shard files -------------------------------------------------------------------------------------------------


def read_only_uri(path: pathlib.Path) -> str:
    """The URI that opens a shard database read-only: a merge never writes a shard."""
    return f"file:{urllib.parse.quote(str(path.resolve()))}?mode=ro"


def check_readable(path: pathlib.Path) -> None:
    """ValueError naming the file if it cannot be read."""
    try:
        with open(path, "rb") as file:
            file.read(1)
    except OSError as error:
        raise ValueError(f"{path}: cannot read ({error.strerror})") from None


def check_database_shard(path: pathlib.Path, version: int) -> None:
    """db.DatabaseError naming the file unless it is a readable claimwatch database of schema `version`."""
    check_readable(path)
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            found = None
            if "schema_version" in tables:
                found = connection.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise DatabaseError(f"{path}: not a readable SQLite database ({error})") from None
    if found is None:
        raise DatabaseError(f"{path}: not a claimwatch database (it has no schema version)")
    if found > version:
        raise DatabaseError(f"{path}: schema version {found} is newer than this claimwatch understands ({version}); "
                            "upgrade claimwatch to merge it")
    if found < version:
        raise DatabaseError(f"{path}: schema version {found} is older than this claimwatch's ({version}); open it "
                            "once with this claimwatch to upgrade it, then merge it")
