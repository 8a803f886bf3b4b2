"""Fact-checker exports: claims or contradictions as JSON, JSON Lines, CSV or ClaimReview JSON-LD.

    export(database, out, what="contradictions", fmt="claimreview", metrics=["drones_fleet"], since="2025")

The records are exactly the contract's (schemas/*.schema.json); docs/exports.md documents every format and
column. Rows come from a cursor and go out one at a time, never gathered in a list, so the memory an export
needs does not grow with the number of claims."""

import csv
import datetime
import json
import re

import sqlite_utils

from claimwatch.db import reviews as review_store
from claimwatch.db.detect import CAUSES
from claimwatch.db.official import OFFICIAL_CAUSES

WHATS = ("claims", "contradictions", "official_checks")
FORMATS = ("json", "jsonl", "csv", "claimreview")

# The columns of claims_with_provenance that make one claim record; CSV exports use these names as they are,
# so a CSV from `claimwatch export` and one from Datasette's claims_with_provenance page line up.
EXPORTED_CLAIM_FIELDS = (
    "id", "metric", "subject", "value", "value_high", "unit", "qualifier", "status", "denominator",
    "time_text", "time_start", "time_end", "figure_text", "sentence", "char_start", "char_end",
    "article_id", "url", "title", "outlet", "published", "fetched_at", "content_sha256",
)
EXPORTED_CONTRADICTION_FIELDS = ("id", "metric", "subject", "cause", "reason", "evidence")
# A person's latest verdict on the pair (db.reviews), null when nobody has reviewed it.
EXPORTED_REVIEW_FIELDS = ("verdict", "note", "by", "at")
# A contradiction's CSV row: its own columns, its review's prefixed review_, then each claim's columns prefixed a_
# (the earlier) and b_.
CONTRADICTION_CSV_COLUMNS = (
    EXPORTED_CONTRADICTION_FIELDS
    + tuple(f"review_{c}" for c in EXPORTED_REVIEW_FIELDS)
    + tuple(f"a_{c}" for c in EXPORTED_CLAIM_FIELDS)
    + tuple(f"b_{c}" for c in EXPORTED_CLAIM_FIELDS)
)

# A press figure checked against the official record: the check's columns, then its claim's prefixed claim_.
EXPORTED_CHECK_FIELDS = ("id", "metric", "subject", "cause", "reason", "evidence", "claim_count", "period_start",
                         "period_end", "official_value", "official_qualifier", "source", "rows_from", "rows_to",
                         "row_count", "total_id", "file_sha256s")
CHECK_CSV_COLUMNS = EXPORTED_CHECK_FIELDS + tuple(f"claim_{c}" for c in EXPORTED_CLAIM_FIELDS)

# ClaimReview: the JSON-LD context, with the `claimwatch:` prefix for what schema.org has no property for. The
# prefix stands for the vocabulary page of the site the reviews point at (publish.plugin serves it; each term
# is an anchor there), so every term resolves to its definition wherever claimwatch is published.
VOCABULARY_PATH = "-/vocabulary"
# ClaimReview urls: a claim's Datasette row page, and a contradiction's side-by-side page (publish.plugin).
DATASETTE_DATABASE = "claimwatch"  # the database's name in metadata.yml
DEFAULT_SITE_URL = "http://127.0.0.1:8001"  # where `claimwatch serve` listens by default
# A reviewed contradiction is rated by the reviewer's verdict.
VERDICT_RATINGS = {
    "confirmed": "Contradicted by another source: confirmed by a reviewer",
    "dismissed": "Not a contradiction: dismissed by a reviewer",
    "needs_evidence": "Unresolved: a reviewer needs more evidence",
}
# The text rating of each cause (reviewRating.alternateName), worst first: a claim in several differences
# is rated by the first that applies.
RATINGS = {
    "conflict": "Contradicted by another source",
    "undated": "Needs a date: would conflict if both described the same time",
    "revised": "Explained mismatch: revised by the same outlet",
    "rounding": "Explained mismatch: rounding",
    "different_period": "Explained mismatch: different period",
    "different_denominator": "Explained mismatch: different measure",
    "different_status": "Explained mismatch: plan against what exists",
}
UNCONTRADICTED = "No conflicting figure found"
# A press figure checked against the official record is rated by what the record says of it.
OFFICIAL_RATINGS = {
    "matches_official": "Matches the official record",
    "differs_from_official": "Differs from the official record",
    "not_checked": "Not checked: the official record cannot check it",
}

SINCE_FORMAT = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class ExportError(ValueError):
    """A bad export request (unknown format, malformed date, unknown cause); str() is one line naming it."""


def export(database: sqlite_utils.Database, out, *, what: str = "claims", fmt: str = "json", metrics=(),
           since: str | None = None, outlets=(), causes=(), subjects=(), site_url: str = DEFAULT_SITE_URL,
           reviews=None, all: bool = False) -> int:
    """Write the claims or contradictions that pass every filter to the text file `out`; returns how many.

    Filters combine (AND); each list matches any of its values (OR). A contradiction passes `since` and
    `outlets` when either of its claims does; a claim passes `causes` when it is part of a contradiction
    with one of those causes. `site_url` is where the claimwatch Datasette is published: ClaimReview `url`s
    point at its pages. `reviews` is the reviews file (db.reviews; None or a missing file: nothing reviewed):
    each contradiction carries its latest verdict, and ClaimReview holds only the confirmed contradictions
    unless `all` (every contradiction, or with `what="claims"` every claim)."""
    _check(what, fmt, since, _values(causes))
    if what == "claims" and fmt == "claimreview" and not all:
        raise ExportError("--format claimreview rates contradictions a reviewer confirmed: use --what "
                          "contradictions, or add --all for a review of every claim")
    if what == "contradictions":
        with review_store.attached(database, reviews):
            return _export(database, out, what, fmt, _filters(metrics, since, outlets, causes, subjects), site_url,
                           all)
    return _export(database, out, what, fmt, _filters(metrics, since, outlets, causes, subjects), site_url, all)


def _filters(metrics, since, outlets, causes, subjects) -> dict:
    return {"metrics": _values(metrics), "since": since, "outlets": _values(outlets),
            "causes": _values(causes), "subjects": _values(subjects)}


def _export(database, out, what, fmt, filters, site_url, all) -> int:
    if what == "claims":
        rows = _claim_rows(database, filters, with_causes=fmt == "claimreview")
        columns, records = EXPORTED_CLAIM_FIELDS, (claim_record(row) for row in rows)
    elif what == "contradictions":
        rows = _contradiction_rows(database, filters, confirmed_only=fmt == "claimreview" and not all)
        columns, records = CONTRADICTION_CSV_COLUMNS, (contradiction_record(row) for row in rows)
    else:
        rows = _check_rows(database, filters)
        columns, records = CHECK_CSV_COLUMNS, (official_check_record(row) for row in rows)
        rows = (row[:-1] for row in rows)  # CSV leaves out the files as JSON: their hashes are a column
    if fmt == "csv":
        return _write_csv(out, columns, rows)
    if fmt == "jsonl":
        return _write_lines(out, records)
    if fmt == "claimreview":
        reviewed_on = _review_date(database)
        if what == "claims":
            reviews = (claimreview_of_claim(claim_record(row), _causes(row), reviewed_on, site_url) for row in rows)
        elif what == "contradictions":
            reviews = (claimreview_of_contradiction(record, reviewed_on, site_url) for record in records)
        else:
            reviews = (claimreview_of_official_check(record, reviewed_on, site_url) for record in records)
        return _write_list(out, reviews)
    return _write_list(out, records)


def _values(values) -> tuple:
    """A filter's values: a list, or one name alone (never spelt out letter by letter)."""
    return (values,) if isinstance(values, str) else tuple(values or ())


def _check(what, fmt, since, causes) -> None:
    if what not in WHATS:
        raise ExportError(f"--what {what!r}: expected one of {', '.join(WHATS)}")
    if fmt not in FORMATS:
        raise ExportError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    if since is not None:
        # A year or a month stands for its first day.
        padded = since + {4: "-01-01", 7: "-01"}.get(len(since), "") if SINCE_FORMAT.match(since) else ""
        try:
            datetime.date.fromisoformat(padded)
        except ValueError:
            raise ExportError(f"--since {since!r}: expected an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)") from None
    known = OFFICIAL_CAUSES if what == "official_checks" else CAUSES
    for cause in causes:
        if cause not in known:
            raise ExportError(f"--cause {cause!r}: expected one of {', '.join(known)} with --what {what}")


# --- reading ---------------------------------------------------------------------------------------------


def _in(expression: str, values: tuple) -> str:
    return f"{expression} IN ({', '.join('?' * len(values))})"


def _where(conditions: list[str]) -> str:
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


def _claim_rows(database, filters: dict, with_causes: bool):
    """Yield one tuple of EXPORTED_CLAIM_FIELDS per claim (then, with_causes, its contradictions' causes,
    comma-separated)."""
    conditions, params = [], []
    for column, key in (("metric", "metrics"), ("subject", "subjects")):
        if filters[key]:
            conditions.append(_in(f"c.{column}", filters[key]))
            params += filters[key]
    if filters["since"]:
        # Published may be a date or a datetime: ISO strings compare in date order either way.
        conditions.append("c.published >= ?")
        params.append(filters["since"])
    if filters["outlets"]:
        conditions.append(_in("c.outlet COLLATE NOCASE", filters["outlets"]))
        params += filters["outlets"]
    if filters["causes"]:
        pick = _in("cause", filters["causes"])
        conditions.append(f"(c.id IN (SELECT claim_a FROM contradictions WHERE {pick})"
                          f" OR c.id IN (SELECT claim_b FROM contradictions WHERE {pick}))")
        params += filters["causes"] * 2
    causes = (", (SELECT group_concat(DISTINCT cause) FROM contradictions"
              " WHERE claim_a = c.id OR claim_b = c.id)") if with_causes else ""
    sql = (f"SELECT {', '.join(f'c.{name}' for name in EXPORTED_CLAIM_FIELDS)}{causes}"
           f" FROM claims_with_provenance AS c {_where(conditions)} ORDER BY c.id")
    yield from database.execute(sql, params)


def _contradiction_rows(database, filters: dict, confirmed_only: bool = False):
    """Yield one tuple of CONTRADICTION_CSV_COLUMNS per contradiction (only those a reviewer confirmed, when
    `confirmed_only`), with the reviews file attached as `reviews`."""
    conditions, params = ["located.verdict = 'confirmed'"] if confirmed_only else [], []
    for column, key in (("metric", "metrics"), ("subject", "subjects"), ("cause", "causes")):
        if filters[key]:
            conditions.append(_in(f"k.{column}", filters[key]))
            params += filters[key]
    if filters["since"]:
        conditions.append("(a.published >= ? OR b.published >= ?)")
        params += [filters["since"]] * 2
    if filters["outlets"]:
        conditions.append(f"({_in('a.outlet COLLATE NOCASE', filters['outlets'])}"
                          f" OR {_in('b.outlet COLLATE NOCASE', filters['outlets'])})")
        params += filters["outlets"] * 2
    select = ", ".join([*(f"k.{c}" for c in EXPORTED_CONTRADICTION_FIELDS),
                        "located.verdict", "located.note", "located.reviewer", "located.reviewed_at",
                        *(f"{side}.{c}" for side in ("a", "b") for c in EXPORTED_CLAIM_FIELDS)])
    sql = (f"WITH located AS MATERIALIZED ({review_store.LOCATED_REVIEWS_SQL})"
           f" SELECT {select} FROM contradictions AS k"
           " JOIN claims_with_provenance AS a ON a.id = k.claim_a"
           " JOIN claims_with_provenance AS b ON b.id = k.claim_b"
           " LEFT JOIN located ON located.contradiction_now = k.id"
           f" {_where(conditions)} ORDER BY k.id")
    yield from database.execute(sql, params)


# The reference files an official check's rows came from, as a JSON list; their hashes alone for CSV.
CHECK_FILES_SQL = """(SELECT {aggregate} FROM reference_files AS f
    WHERE f.id IN (SELECT value FROM json_each(k.file_ids)))"""


def _check_rows(database, filters: dict):
    """Yield one tuple of CHECK_CSV_COLUMNS per official check, then its files as a JSON list."""
    conditions, params = [], []
    for column, key in (("metric", "metrics"), ("subject", "subjects"), ("cause", "causes")):
        if filters[key]:
            conditions.append(_in(f"k.{column}", filters[key]))
            params += filters[key]
    if filters["since"]:
        conditions.append("c.published >= ?")
        params.append(filters["since"])
    if filters["outlets"]:
        conditions.append(_in("c.outlet COLLATE NOCASE", filters["outlets"]))
        params += filters["outlets"]
    hashes = CHECK_FILES_SQL.format(aggregate="group_concat(f.sha256, ' ')")
    files = CHECK_FILES_SQL.format(aggregate="json_group_array(json_object('id', f.id, 'name', f.name, 'sha256',"
                                             " f.sha256, 'source_url', f.source_url))")
    select = ", ".join([*(f"k.{c}" for c in EXPORTED_CHECK_FIELDS[:-1]), hashes,
                        *(f"c.{c}" for c in EXPORTED_CLAIM_FIELDS), files])
    sql = (f"SELECT {select} FROM official_checks AS k JOIN claims_with_provenance AS c ON c.id = k.claim_id"
           f" {_where(conditions)} ORDER BY k.id")
    yield from database.execute(sql, params)


def _review_date(database) -> str | None:
    """The date of the last detection run (the review's date), else of the last run of any kind, else of the
    newest article: never the clock, so the same database always exports alike."""
    row = database.execute(
        """SELECT coalesce((SELECT max(finished_at) FROM runs WHERE command = 'detect'),
                           (SELECT max(finished_at) FROM runs), (SELECT max(published) FROM articles))"""
    ).fetchone()
    return row[0][:10] if row[0] else None


# --- records ---------------------------------------------------------------------------------------------


def claim_record(row) -> dict:
    """The contract's claim record from a row whose first values are EXPORTED_CLAIM_FIELDS."""
    (id_, metric, subject, value, value_high, unit, qualifier, status, denominator, time_text, time_start,
     time_end, figure_text, sentence, char_start, char_end, article_id, url, title, outlet, published,
     fetched_at, content_sha256) = row[: len(EXPORTED_CLAIM_FIELDS)]
    return {
        "id": id_, "metric": metric, "subject": subject, "value": value, "value_high": value_high, "unit": unit,
        "qualifier": qualifier, "status": status, "denominator": denominator,
        "time_scope": {"text": time_text, "start": time_start, "end": time_end},
        "figure_text": figure_text, "sentence": sentence, "char_start": char_start, "char_end": char_end,
        "article": {"id": article_id, "url": url, "title": title, "outlet": outlet, "published": published,
                    "fetched_at": fetched_at, "content_sha256": content_sha256},
    }


def _causes(row) -> list[str]:
    """The causes of the contradictions a claim is part of, from _claim_rows(with_causes=True)."""
    return row[len(EXPORTED_CLAIM_FIELDS)].split(",") if row[len(EXPORTED_CLAIM_FIELDS)] else []


def contradiction_record(row) -> dict:
    """The contract's contradiction record from a row of CONTRADICTION_CSV_COLUMNS."""
    own = len(EXPORTED_CONTRADICTION_FIELDS)
    head = own + len(EXPORTED_REVIEW_FIELDS)
    claim_a = row[head : head + len(EXPORTED_CLAIM_FIELDS)]
    claim_b = row[head + len(EXPORTED_CLAIM_FIELDS) :]
    review = dict(zip(EXPORTED_REVIEW_FIELDS, row[own:head], strict=True)) if row[own] is not None else None
    return {**dict(zip(EXPORTED_CONTRADICTION_FIELDS, row[:own], strict=True)), "review": review,
            "claims": [claim_record(claim_a), claim_record(claim_b)]}


def official_check_record(row) -> dict:
    """An official check's record (schemas/official_check.schema.json) from a row of _check_rows."""
    check = dict(zip(EXPORTED_CHECK_FIELDS, row[: len(EXPORTED_CHECK_FIELDS)], strict=True))
    claim = claim_record(row[len(EXPORTED_CHECK_FIELDS) : -1])
    return {
        **{key: check[key] for key in ("id", "metric", "subject", "cause", "reason", "evidence")},
        "period": {"start": check["period_start"], "end": check["period_end"]},
        "official": {"value": check["official_value"], "qualifier": check["official_qualifier"],
                     "source": check["source"], "rows_from": check["rows_from"], "rows_to": check["rows_to"],
                     "row_count": check["row_count"], "total_id": check["total_id"], "files": json.loads(row[-1])},
        "claim": claim,
        "claim_count": check["claim_count"],
    }


# --- ClaimReview -----------------------------------------------------------------------------------------


def _appearance(claim: dict) -> dict:
    article = claim["article"]
    outlet = {"@type": "Organization", "name": article["outlet"]}
    work = {"@type": "CreativeWork", "url": article["url"], "headline": article["title"],
            "datePublished": article["published"], "author": outlet, "publisher": outlet}
    return {key: value for key, value in work.items() if value is not None}


def _figure(claim: dict) -> dict:
    """The `claimwatch:figure` extension: what the claim states, in the contract's terms."""
    return {
        "claimwatch:claimId": claim["id"],
        "claimwatch:metric": claim["metric"],
        "claimwatch:subject": claim["subject"],
        "claimwatch:figureText": claim["figure_text"],
        "claimwatch:value": claim["value"],
        "claimwatch:valueHigh": claim["value_high"],
        "claimwatch:unit": claim["unit"],
        "claimwatch:qualifier": claim["qualifier"],
        "claimwatch:status": claim["status"],
        "claimwatch:denominator": claim["denominator"],
        "claimwatch:period": {"claimwatch:text": claim["time_scope"]["text"],
                              "claimwatch:start": claim["time_scope"]["start"],
                              "claimwatch:end": claim["time_scope"]["end"]},
        "claimwatch:sentence": claim["sentence"],
        "claimwatch:articleUrl": claim["article"]["url"],
        "claimwatch:contentSha256": claim["article"]["content_sha256"],
    }


def vocabulary_url(site_url: str = DEFAULT_SITE_URL) -> str:
    """The `claimwatch:` namespace: the site's vocabulary page, whose anchors are the terms."""
    return _page(site_url, VOCABULARY_PATH) + "#"


def _review(claim_reviewed: str, item: dict, rating: str, reviewed_on: str, url: str, site_url: str,
            body: str | None, extension: dict, reviewer: str | None = None) -> dict:
    """A ClaimReview by claimwatch, or, when a person gave the verdict, by `reviewer` published by claimwatch."""
    claimwatch = {"@type": "Organization", "name": "claimwatch", "url": site_url}
    review = {
        "@context": ["https://schema.org", {"claimwatch": vocabulary_url(site_url)}],
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim_reviewed,
        "itemReviewed": item,
        "author": {"@type": "Person", "name": reviewer} if reviewer else claimwatch,
        "datePublished": reviewed_on,
        "reviewRating": {"@type": "Rating", "alternateName": rating},
    }
    if reviewer:
        review["publisher"] = claimwatch
    if body:
        review["reviewBody"] = body
    return {**review, **extension}


def _claim_item(claims: list[dict], earliest: dict) -> dict:
    item = {"@type": "Claim",
            "appearance": [_appearance(claim) for claim in claims],
            "firstAppearance": _appearance(earliest)}
    if len({claim["article"]["outlet"] for claim in claims}) == 1:
        item["author"] = {"@type": "Organization", "name": earliest["article"]["outlet"]}
    if earliest["article"]["published"]:
        item["datePublished"] = earliest["article"]["published"][:10]
    return item


def _page(site_url: str, path: str) -> str:
    return f"{site_url.rstrip('/')}/{path}"


def claimreview_of_claim(claim: dict, causes: list[str], reviewed_on: str, site_url: str = DEFAULT_SITE_URL) -> dict:
    """One ClaimReview of one claim, rated by the worst of the differences (`causes`) it is part of."""
    rating = next((RATINGS[cause] for cause in RATINGS if cause in causes), UNCONTRADICTED)
    return _review(
        claim["sentence"], _claim_item([claim], claim), rating, reviewed_on,
        _page(site_url, f"{DATASETTE_DATABASE}/claims/{claim['id']}"), site_url, None,
        {"claimwatch:figures": [_figure(claim)], "claimwatch:causes": [c for c in RATINGS if c in causes]},
    )


def claimreview_of_contradiction(contradiction: dict, reviewed_on: str, site_url: str = DEFAULT_SITE_URL) -> dict:
    """One ClaimReview of a contradiction: the claim reviewed is the earlier figure's sentence, as its article
    printed it, which the later article contradicts; both articles are its appearances. A reviewed contradiction
    is rated by the verdict, written by the reviewer on the day of the verdict, the note after the reason."""
    earlier, later = contradiction["claims"]
    review = contradiction.get("review")
    extension = {"claimwatch:contradictionId": contradiction["id"], "claimwatch:cause": contradiction["cause"],
                 "claimwatch:figures": [_figure(earlier), _figure(later)]}
    rating, body, reviewer = RATINGS[contradiction["cause"]], contradiction["reason"], None
    if review:
        rating, reviewer, reviewed_on = VERDICT_RATINGS[review["verdict"]], review["by"], review["at"][:10]
        body += f" Reviewer's note: {review['note']}" if review["note"] else ""
        extension["claimwatch:verdict"] = review["verdict"]
    return _review(
        earlier["sentence"], _claim_item([earlier, later], earlier), rating, reviewed_on,
        _page(site_url, f"-/contradiction/{contradiction['id']}"), site_url, body, extension, reviewer,
    )


def claimreview_of_official_check(check: dict, reviewed_on: str, site_url: str = DEFAULT_SITE_URL) -> dict:
    """One ClaimReview of a press figure against the official record: the claim reviewed is the figure's first
    claim, rated by what the record says of it; the review's page is the check's Datasette row."""
    claim = check["claim"]
    return _review(
        claim["sentence"], _claim_item([claim], claim), OFFICIAL_RATINGS[check["cause"]], reviewed_on,
        _page(site_url, f"{DATASETTE_DATABASE}/official_checks/{check['id']}"), site_url, check["reason"],
        {"claimwatch:officialCheckId": check["id"], "claimwatch:cause": check["cause"],
         "claimwatch:officialValue": check["official"]["value"], "claimwatch:figures": [_figure(claim)]},
    )


# --- writing ---------------------------------------------------------------------------------------------


# One encoder for every record: json.dumps with options builds a new encoder on each call.
_dumps = json.JSONEncoder(ensure_ascii=False).encode


def _write_list(out, records) -> int:
    """A JSON list, written as "[", each record, "]" so that it is never held whole in memory."""
    count = 0
    out.write("[")
    for record in records:
        out.write(",\n" if count else "\n")
        out.write(_dumps(record))
        count += 1
    out.write("\n]\n")
    return count


def _write_lines(out, records) -> int:
    count = 0
    for record in records:
        out.write(_dumps(record))
        out.write("\n")
        count += 1
    return count


def _write_csv(out, columns: tuple, rows) -> int:
    # "\n" rather than csv's default "\r\n": `out` may be a text-mode file, which would double the "\r".
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count
