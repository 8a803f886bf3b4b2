"""The claimwatch Datasette plugin: a contradiction page, metric pages with their timeline, full-text search,
claims with their provenance page by page, the stored copy of each page as fetched, and links to them from
Datasette's own table pages.

Every page has a `.json` twin carrying the same data. Pages that summarise a metric read the precomputed
`metric_summary` and `figure_timeline` tables; nothing here scans the whole claims table.
"""

import codecs
import functools
import ipaddress
import pathlib
import re
import sqlite3
import urllib.parse
import weakref
import zlib

from datasette import handle_exception as datasette_errors
from datasette import hookimpl
from datasette.utils import derive_named_parameters
from datasette.utils.asgi import BadRequest, NotFound, Response
from jinja2 import BaseLoader, FileSystemLoader, TemplateNotFound
from markupsafe import Markup, escape

from claimwatch.publish import chart, feeds, findings, labels, load_metadata, search

# Datasette 0.65 prints every error page, each 404 included, as a rich traceback with its local variables when
# `rich` can be imported (spaCy installs it): 1-2 s of CPU per 404, which anyone requesting dead links turns
# into a denial of service. Unexpected errors (500) are still printed, by Datasette's plain traceback.
datasette_errors.rich = None

# One claim with the provenance a reader needs to judge it, and the article text its offsets index.
CLAIM_SQL = """
select claims_with_provenance.*, articles.text,
  (select max(id) from article_versions where article_id = articles.id) as version_id
from claims_with_provenance join articles on articles.id = claims_with_provenance.article_id
where claims_with_provenance.id = :id
"""
CONTRADICTION_SQL = """select id, metric, subject, cause, reason, evidence, claim_a, claim_b from contradictions
where id = :id"""

METRIC_SUMMARY_SQL = "select * from metric_summary where metric = :metric order by claim_count desc"
TIMELINE_SQL = """
select subject, first_published, figure_text, value, value_high, unit, qualifier, status, denominator, time_text,
       time_start, time_end, first_outlet, claim_count, outlet_count, outlets, last_published, copies_only
from figure_timeline where subject = :subject and metric = :metric order by first_published, value
"""
RECENT_CLAIMS_SQL = """
select id, subject, value, value_high, unit, qualifier, status, figure_text, sentence,
       title, url, published, outlet
from claims_with_provenance
where subject = :subject and metric = :metric
order by id desc limit :limit
"""
METRIC_CONTRADICTIONS_SQL = """
select id, subject, cause, reason from contradictions where subject = :subject and metric = :metric
order by cause != 'conflict', id desc limit :limit
"""
# Press figures beside the official record: the differences first, each with the day its figure first appeared.
METRIC_OFFICIAL_SQL = """
select official_checks.id, official_checks.subject, cause, reason, claim_id, official_value, period_start,
       period_end, source, rows_from, rows_to, row_count, total_id, claims.published, claims.figure_text
from official_checks join claims on claims.id = official_checks.claim_id
where official_checks.subject = :subject and official_checks.metric = :metric and cause != 'not_checked'
order by cause != 'differs_from_official', official_checks.id desc limit :limit
"""
METRICS_SQL = "select * from metric_summary order by metric, claim_count desc"
# Headline numbers: only conflicts count as contradictions.
HEADLINE_SQL = """
select count(distinct metric) as metrics, coalesce(sum(claim_count), 0) as claims,
       coalesce(sum(conflict_count), 0) as conflicts, coalesce(sum(explained_count), 0) as explained,
       coalesce(sum(agreement_count), 0) as agreements, coalesce(sum(undated_count), 0) as undated
from metric_summary
"""
HOME_METRICS_SQL = """
select metric, sum(claim_count) as claims, sum(figure_count) as figures, sum(conflict_count) as conflicts,
       max(last_published) as last_published
from metric_summary group by metric order by conflicts desc, claims desc
"""
VERSION_SQL = """
select article_versions.id, article_id, body_zlib, content_type, encoding, requested_url, final_url, http_status,
       fetched_at, last_checked_at, content_sha256, articles.url, articles.title,
       (select name from outlets where outlets.id = articles.outlet_id) as outlet
from article_versions join articles on articles.id = article_versions.article_id
where article_versions.id = :id
"""
# Claims with provenance, newest first, a page at a time: the (metric) index and the primary key serve it, and
# the view's per-claim lookups run for the page's rows only. {where} is built from CLAIM_FILTERS.
PROVENANCE_SQL = """
select claims_with_provenance.*,
  (select max(id) from article_versions where article_id = claims_with_provenance.article_id) as version_id
from claims_with_provenance
where {where}
order by id desc limit :limit
"""
CLAIM_FILTERS = {"metric": "metric = :metric", "before": "id < :before"}
CLAIM_TOTAL_SQL = "select coalesce(sum(claim_count), 0) from metric_summary where :metric is null or metric = :metric"

ROWS_SHOWN = 20  # rows of each list drawn on a metric page, and claims or pairs a page on /-/claims, /-/agreements…
HOME_CONTRADICTIONS = 10
TEMPLATES = pathlib.Path(__file__).resolve().parent / "templates"


async def claimwatch_database(datasette, request):
    """The served database that holds claimwatch's tables (`claimwatch serve` serves exactly one), once the
    actor may see it."""
    for name, database in datasette.databases.items():
        if name != "_internal" and await _has_contradictions(database):
            await datasette.ensure_permissions(request.actor, [("view-database", name), "view-instance"])
            return database
    raise NotFound("no claimwatch database is being served")


# An immutable database's tables never change, so each page need not ask again.
_IMMUTABLE_CLAIMWATCH_DATABASES = weakref.WeakSet()


async def _has_contradictions(database) -> bool:
    if database in _IMMUTABLE_CLAIMWATCH_DATABASES:
        return True
    found = "contradictions" in await database.table_names()
    if found and not database.is_mutable:
        _IMMUTABLE_CLAIMWATCH_DATABASES.add(database)
    return found


def _rows(connection, sql, params) -> list[dict]:
    cursor = connection.execute(sql, params)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


async def _read(datasette, database, fn, *args):
    """Run `fn(connection, *args)` in Datasette's read thread under its SQL time limit: one trip per page,
    however many small indexed queries the page needs."""
    from datasette.utils import sqlite_timelimit

    def in_thread(connection):
        with sqlite_timelimit(connection, datasette.setting("sql_time_limit_ms")):
            return fn(connection, *args)

    return await database.execute_fn(in_thread)


def _wants_json(request) -> bool:
    return request.url_vars.get("format") == ".json"


def _json(data, status=200) -> Response:
    return Response.json(data, status=status, default=str)


def _claim(connection, claim_id, context=False):
    """One claim with its provenance and its figure marked in the sentence; with `context`, the article text
    either side of the sentence too (`context_before`, `context_after`)."""
    rows = _rows(connection, CLAIM_SQL, {"id": claim_id})
    if not rows:
        return None
    claim = rows[0]
    text = claim.pop("text")
    offset = chart.figure_offset_in_sentence(text, claim["sentence"], claim["char_start"])
    claim["highlight"] = chart.highlight(claim["sentence"], claim["figure_text"], offset)
    if context:
        start = claim["char_start"] - offset if offset is not None else -1
        before, after = (text[:start], text[start + len(claim["sentence"]):]) if start >= 0 else ("", "")
        claim["context_before"], claim["context_after"] = chart.words_around(before, after, CONTEXT_CHARACTERS)
    return claim


CONTEXT_CHARACTERS = 600  # of article text shown either side of a claim's sentence on its page
CLAIM_PAIRS_SQL = """
select id, metric, subject, {cause}, reason, claim_a, claim_b from {table} where claim_a = :id
union all
select id, metric, subject, {cause}, reason, claim_a, claim_b from {table} where claim_b = :id
"""
CLAIM_CHECKS_SQL = """
select id, cause, reason, official_value, period_start, period_end, source, total_id, rows_from, rows_to, row_count,
       subject from official_checks where figure_key = (select figure_key from claims where id = :id)
"""


def _claim_with_everything(connection, claim_id):
    """A claim, its sentence in context, every pair it is part of (contradictions first) and its figure's
    checks against the official record, and the metric's labels."""
    claim = _claim(connection, claim_id, context=True)
    if claim is None:
        return None
    found = _rows(connection, CLAIM_PAIRS_SQL.format(table="contradictions", cause="cause"), {"id": claim_id})
    found += _rows(connection, CLAIM_PAIRS_SQL.format(table="agreements", cause="'agreement' as cause"),
                   {"id": claim_id})
    others = findings.claims_by_id(connection, [p[k] for p in found for k in ("claim_a", "claim_b")])
    for pair in found:
        pair["a"], pair["b"] = others.get(pair["claim_a"]), others.get(pair["claim_b"])
    found.sort(key=lambda pair: (pair["cause"] != "conflict", pair["cause"] == "agreement", -pair["id"]))
    params = {"limit": ROWS_SHOWN, "metric": claim["metric"], "subject": claim["subject"]}
    return {"claim": claim, "pairs": [p for p in found if p["a"] and p["b"]],
            "official_checks": _rows(connection, CLAIM_CHECKS_SQL, {"id": claim_id}),
            "timeline": _around(_rows(connection, TIMELINE_SQL, params), claim, ROWS_SHOWN),
            "labels": findings.metric_labels(connection)}


def _around(timeline, claim, count) -> list[dict]:
    """The `count` figures nearest the claim's own in time (the whole timeline is on the metric's page)."""
    mine = next((i for i, row in enumerate(timeline) if (row["value"], row["status"], row["qualifier"])
                 == (claim["value"], claim["status"], claim["qualifier"])), 0)
    start = max(0, min(mine - count // 2, len(timeline) - count))
    return timeline[start:start + count]


async def claim_page(datasette, request):
    """One claim: its sentence in the article's words around it, the article and the page as fetched, every
    figure given for its metric and subject over time, and every contradiction or agreement it is part of."""
    database = await claimwatch_database(datasette, request)
    claim_id = int(request.url_vars["id"])
    data = await _read(datasette, database, _claim_with_everything, claim_id)
    if data is None:
        raise NotFound(f"no claim {claim_id}")
    claim = data["claim"]
    claim["fetched_copy_url"] = _fetched_copy_url(datasette, claim["version_id"])
    for check in data["official_checks"]:
        check["rows_url"] = _official_rows_url(datasette, database.name, check)
    if _wants_json(request):
        for key in ("highlight", "context_before", "context_after"):
            claim.pop(key)
        data.pop("labels")
        return _json(data)
    return Response.html(await datasette.render_template(
        "claimwatch_claim.html", {**data, "database": database.name}, request=request))


def _contradiction(connection, contradiction_id):
    rows = _rows(connection, CONTRADICTION_SQL, {"id": contradiction_id})
    if not rows:
        return None
    contradiction = rows[0]
    claims = [_claim(connection, contradiction.pop(key)) for key in ("claim_a", "claim_b")]
    contradiction["claims"] = [claim for claim in claims if claim]
    contradiction["labels"] = findings.metric_labels(connection)
    return contradiction


def _fetched_copy_url(datasette, version_id) -> str | None:
    """Where the stored copy of the page, as fetched, is shown."""
    return datasette.urls.path(f"/-/fetched/{version_id}") if version_id else None


async def contradiction_page(datasette, request):
    database = await claimwatch_database(datasette, request)
    contradiction_id = int(request.url_vars["id"])
    contradiction = await _read(datasette, database, _contradiction, contradiction_id)
    if contradiction is None:
        raise NotFound(f"no contradiction {contradiction_id}")
    for claim in contradiction["claims"]:
        claim["fetched_copy_url"] = _fetched_copy_url(datasette, claim["version_id"])
    metric_labels = contradiction.pop("labels")
    if _wants_json(request):
        for claim in contradiction["claims"]:
            claim.pop("highlight")
        return _json(contradiction)
    return Response.html(await datasette.render_template(
        "claimwatch_contradiction.html",
        {"database": database.name, "contradiction": contradiction, "labels": metric_labels},
        request=request,
    ))


def _metric(connection, metric):
    summary = _rows(connection, METRIC_SUMMARY_SQL, {"metric": metric})
    figures, claims, contradictions, checks = [], [], [], []
    # Subject by subject, so the (subject, metric) indexes serve every query.
    for subject in [row["subject"] for row in summary]:
        params = {"limit": ROWS_SHOWN, "metric": metric, "subject": subject}
        figures += _rows(connection, TIMELINE_SQL, params)
        claims += _rows(connection, RECENT_CLAIMS_SQL, params)
        contradictions += _rows(connection, METRIC_CONTRADICTIONS_SQL, params)
        checks += _rows(connection, METRIC_OFFICIAL_SQL, params)
    claims = sorted(claims, key=lambda claim: claim["id"], reverse=True)[:ROWS_SHOWN]
    contradictions.sort(key=lambda c: (c["cause"] != "conflict", -c["id"]))
    # Pairs that cannot be placed in time are neither conflicts nor explained: listed apart, as needing a date.
    needs_date = [c for c in contradictions if c["cause"] == "undated"]
    contradictions = [c for c in contradictions if c["cause"] != "undated"]
    return {"metric": metric, "summary": summary, "timeline": figures, "labels": findings.metric_labels(connection),
            "contradictions": contradictions[:ROWS_SHOWN], "needs_date": needs_date[:ROWS_SHOWN], "claims": claims,
            "official_checks": checks}


def _official_rows_url(datasette, database: str, check: dict) -> str:
    """The Datasette rows an official figure was computed from: the deployments summed, or the total."""
    if check["source"] == "reference_totals":
        return datasette.urls.row(database, "reference_totals", check["total_id"])
    query = urllib.parse.urlencode({"subject": check["subject"], "date__gte": check["rows_from"] or "",
                                    "date__lte": check["rows_to"] or "", "_sort": "date"})
    return f"{datasette.urls.table(database, 'reference_deployments')}?{query}"


async def metric_page(datasette, request):
    database = await claimwatch_database(datasette, request)
    metric = request.url_vars["metric"]
    data = await _read(datasette, database, _metric, metric)
    if not data["summary"]:
        raise NotFound(f"no claims about the metric {metric!r}")
    figures = data["timeline"]
    for check in data["official_checks"]:
        check["rows_url"] = _official_rows_url(datasette, database.name, check)
        check["claim_url"] = datasette.urls.row(database.name, "claims", check["claim_id"])
    if _wants_json(request):
        data.pop("labels")
        return _json(data)
    # One chart per subject: the Met's figures and another force's are never one series.
    label = data["labels"].get(metric) or {"title": metric, "unit": None}
    charts = []
    for number, subject in enumerate(dict.fromkeys(f["subject"] for f in figures)):
        spec = chart.figures_spec(
            [f for f in figures if f["subject"] == subject],
            [c for c in data["official_checks"] if c["subject"] == subject],
            metric_title=label["title"], unit=label["unit"],
            label=f"{label['title']}: every figure about {subject}, by the time it applies, coloured by outlet")
        charts.append({"subject": subject, "id": f"chart-{number}", "spec": chart.spec_json(spec),
                       "marks": len(spec["data"]["values"]), "description": spec["description"]})
    # The chart shows every figure; the table lists the latest, and links to the rest.
    latest = sorted(figures, key=lambda f: f["first_published"] or "", reverse=True)[:ROWS_SHOWN]
    return Response.html(await datasette.render_template(
        "claimwatch_metric.html",
        {**data, "timeline": latest, "database": database.name, "charts": charts, "metric_label": label,
         "static": STATIC_VERSION},
        request=request))


async def metrics_page(datasette, request):
    database = await claimwatch_database(datasette, request)
    summary, metric_labels = await _read(datasette, database, lambda connection: (
        _rows(connection, METRICS_SQL, {}), findings.metric_labels(connection)))
    if _wants_json(request):
        return _json({"metrics": summary})
    return Response.html(await datasette.render_template(
        "claimwatch_metrics.html", {"database": database.name, "summary": summary, "labels": metric_labels},
        request=request))


async def home_page(datasette, request):
    """The front page leads with findings: the latest contradictions, each with both figures, outlets and dates,
    then headline numbers linking to every list, and each metric. Read from metric_summary and the newest rows of
    contradictions (Datasette's own index would check each of our two dozen tables on every visit)."""
    database = await claimwatch_database(datasette, request)

    def read(connection):
        return (_rows(connection, HEADLINE_SQL, {})[0], _rows(connection, HOME_METRICS_SQL, {}),
                findings.pairs(connection, "contradictions", limit=HOME_CONTRADICTIONS),
                findings.metric_labels(connection))

    headline, metrics, latest, metric_labels = await _read(datasette, database, read)
    return Response.html(await datasette.render_template(
        "claimwatch_home.html",
        {"database": database.name, "headline": headline, "metrics": metrics, "latest": latest,
         "labels": metric_labels, "metadata": datasette.metadata()},
        request=request))


PAIR_PAGES = {
    "contradictions": ("Contradictions", "Figures that cannot both be true."),
    "explained": ("Explained differences", "Figures that differ for a reason the rules can name: rounding, a "
                  "revision by the same outlet, different periods, measures, or a plan against what exists."),
    "agreements": ("Agreements", "Figures from different articles that can both be true."),
}


async def pairs_page(datasette, request):
    """Contradictions, explained differences (by cause) or agreements, newest first, a page at a time;
    ?metric= and ?cause= narrow them."""
    database = await claimwatch_database(datasette, request)
    kind = request.url_vars["kind"]
    metric = request.args.get("metric") or None
    cause = request.args.get("cause") or None
    if cause is not None and cause not in (findings.KINDS[kind][1] or ()):
        raise BadRequest(f"cause must be one of {', '.join(findings.KINDS[kind][1] or ())} here, not {cause!r}")
    before = _whole_number(request, "before")

    def read(connection):
        found = findings.pairs(connection, kind, metric=metric, cause=cause, before=before, limit=ROWS_SHOWN + 1)
        return found, findings.metric_labels(connection)

    found, metric_labels = await _read(datasette, database, read)
    if metric is not None and metric not in metric_labels:
        raise NotFound(f"no claims about the metric {metric!r}")
    path = f"/-/{kind}" + (".json" if _wants_json(request) else "")
    more = len(found) > ROWS_SHOWN
    found = found[:ROWS_SHOWN]
    data = {"kind": kind, "metric": metric, "cause": cause, "pairs": found,
            "next": _page_url(datasette, path, request, before=found[-1]["id"]) if more else None}
    if _wants_json(request):
        return _json(data)
    title, description = PAIR_PAGES[kind]
    return Response.html(await datasette.render_template(
        "claimwatch_pairs.html",
        {**data, "database": database.name, "title": title, "description": description, "labels": metric_labels,
         "causes": findings.KINDS[kind][1] if kind == "explained" else (),
         "json_url": _page_url(datasette, path + ".json", request)},
        request=request))


SQLITE_LARGEST_INTEGER = 2**63 - 1


def _whole_number(request, name, largest=SQLITE_LARGEST_INTEGER) -> int | None:
    """The query string's `name` as an integer from 1, None when absent; anything else is a 400 naming it."""
    value = request.args.get(name)
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or not 1 <= number <= largest:
        raise BadRequest(f"{name} must be a whole number from 1 to {largest}, not {value!r}")
    return number


def _page_url(datasette, path, request, **changes) -> str:
    """This page's URL with some query-string values changed (None drops one)."""
    args = {key: request.args.get(key) for key in request.args}
    args.update(changes)
    query = urllib.parse.urlencode({key: value for key, value in args.items() if value is not None})
    return datasette.urls.path(path) + ("?" + query if query else "")


async def _search(datasette, database, words, page) -> dict:
    try:
        return await _read(datasette, database, search.search, words, page)
    except sqlite3.OperationalError as error:
        if "interrupted" not in str(error):
            raise
        # Cut off at sql_time_limit_ms, as Datasette's own pages are.
        raise BadRequest(f"searching for {words!r} took too long; try rarer words or a phrase") from None


def _mark_matches(found, mark):
    """Apply `mark` (to HTML, or back to plain text for JSON) to FTS5's marked excerpts and sentences."""
    for row in found["articles"]:
        row["excerpt"] = mark(row["excerpt"])
    for row in found["claims"]:
        row["sentence"] = mark(row["sentence"])


async def search_page(datasette, request):
    """Articles whose title or text match, newest first, and the latest claims whose sentence matches: one
    trip to the database, rendered on the server (no JavaScript)."""
    database = await claimwatch_database(datasette, request)
    words = request.args.get("q") or ""
    page = _whole_number(request, "page", largest=search.LAST_PAGE) or 1
    found = await _search(datasette, database, words, page)
    path = "/-/search" + (".json" if _wants_json(request) else "")
    found["next"] = _page_url(datasette, path, request, page=page + 1) if found.pop("more_articles") else None
    # The Datasette tables searched the same way, for every match with facets, sorting and CSV.
    datasette_search = urllib.parse.urlencode({"_search": words})
    found["all_articles"] = f"{datasette.urls.table(database.name, 'articles')}?{datasette_search}"
    found["all_claims"] = f"{datasette.urls.table(database.name, 'claims')}?{datasette_search}"
    if _wants_json(request):
        _mark_matches(found, search.unmarked)
        return _json(found)
    _mark_matches(found, search.marked)
    metric_labels = await _read(datasette, database, findings.metric_labels) if found["claims"] else {}
    return Response.html(await datasette.render_template(
        "claimwatch_search.html",
        {**found, "database": database.name, "page_size": search.PAGE_SIZE, "labels": metric_labels,
         "json_url": _page_url(datasette, "/-/search.json", request)},
        request=request))


def _claims_page(connection, filters):
    where = " and ".join(CLAIM_FILTERS[name] for name, value in filters.items() if value is not None) or "1"
    claims = _rows(connection, PROVENANCE_SQL.format(where=where), {**filters, "limit": ROWS_SHOWN + 1})
    total = connection.execute(CLAIM_TOTAL_SQL, {"metric": filters["metric"]}).fetchone()[0]
    return claims, total, findings.metric_labels(connection)


async def claims_page(datasette, request):
    """Every claim with its article, outlet, URL, dates and the hash of the page it was read from, newest
    first, ROWS_SHOWN a page; ?metric= narrows it to one metric."""
    database = await claimwatch_database(datasette, request)
    filters = {"metric": request.args.get("metric") or None, "before": _whole_number(request, "before")}
    claims, total, metric_labels = await _read(datasette, database, _claims_page, filters)
    if not claims and filters["before"] is None and filters["metric"] is not None:
        raise NotFound(f"no claims about the metric {filters['metric']!r}")
    path = "/-/claims" + (".json" if _wants_json(request) else "")
    more = len(claims) > ROWS_SHOWN
    claims = claims[:ROWS_SHOWN]
    for claim in claims:
        claim["fetched_copy_url"] = _fetched_copy_url(datasette, claim.pop("version_id"))
    data = {"metric": filters["metric"], "total": total, "claims": claims,
            "next": _page_url(datasette, path, request, before=claims[-1]["id"]) if more else None}
    if _wants_json(request):
        return _json(data)
    datasette_view = datasette.urls.table(database.name, "claims_with_provenance")
    if filters["metric"]:
        datasette_view += "?" + urllib.parse.urlencode({"metric": filters["metric"]})
    return Response.html(await datasette.render_template(
        "claimwatch_claims.html",
        {**data, "database": database.name, "datasette_view": datasette_view, "labels": metric_labels,
         "first_page_url": _page_url(datasette, "/-/claims", request, before=None) if filters["before"] else None,
         "json_url": _page_url(datasette, "/-/claims.json", request)},
        request=request))


def _charset(encoding) -> str:
    try:
        return codecs.lookup(encoding or "utf-8").name
    except LookupError:
        return "utf-8"


async def _stored_copy(datasette, request) -> tuple[dict, bytes | None]:
    database = await claimwatch_database(datasette, request)
    version_id = int(request.url_vars["id"])
    rows = await _read(datasette, database, _rows, VERSION_SQL, {"id": version_id})
    if not rows:
        raise NotFound(f"no stored copy {version_id}")
    version = rows[0]
    try:
        return version, zlib.decompress(version.pop("body_zlib"))
    except (zlib.error, TypeError) as error:
        version["error"] = f"stored copy {version_id} cannot be decompressed: {error}"
        return version, None


# The stored page may hold anything an outlet served, script included: it is shown only inside a frame the
# browser sandboxes twice (the iframe's sandbox attribute, and this CSP's sandbox), with no script and no network.
STORED_COPY_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"


async def fetched_copy(datasette, request):
    """The stored copy of a page: what was fetched, when, with which status and hash, above the page itself in a
    sandboxed frame; its raw source one click away."""
    version, body = await _stored_copy(datasette, request)
    version["body_size"] = len(body) if body is not None else None
    base = f"/-/fetched/{version['id']}"
    return Response.html(await datasette.render_template(
        "claimwatch_fetched.html",
        {"version": version, "database": (await claimwatch_database(datasette, request)).name,
         "frame_url": datasette.urls.path(base + "/page"), "source_url": datasette.urls.path(base + ".txt")},
        request=request))


async def fetched_page(datasette, request):
    """The stored HTML for the sandboxed frame: no script runs and nothing is fetched (CSP), whatever it holds."""
    version, body = await _stored_copy(datasette, request)
    if body is None:
        return Response.text(version["error"], status=500)
    return Response(body, content_type=f"text/html; charset={_charset(version['encoding'])}",
                    headers={"X-Content-Type-Options": "nosniff", "Content-Security-Policy": STORED_COPY_CSP})


async def fetched_source(datasette, request):
    """The page exactly as fetched, shown as inert text: never rendered as HTML, never able to run script."""
    version, body = await _stored_copy(datasette, request)
    if body is None:
        return Response.text(version["error"], status=500)
    return Response(
        body,
        content_type=f"text/plain; charset={_charset(version['encoding'])}",
        headers={
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox; default-src 'none'",
            "X-Claimwatch-Served-As": version["content_type"] or "unknown",
        },
    )


# The latest stored copy of the article a URL names: its canonical URL, or any URL it was reached by (article_urls).
STORED_COPY_OF_URL_SQL = """
select max(id) as version_id from article_versions where article_id = coalesce(
  (select id from articles where url = :url), (select article_id from article_urls where url = :url))
"""


async def fetched_copy_of_url(datasette, request):
    """/-/fetched?url=URL: the page as fetched of the article at URL. Datasette's table pages link an address no reader
    can reach here (render_cell), so a table costs no look-up per cell: one indexed look-up when a reader follows it."""
    database = await claimwatch_database(datasette, request)
    url = request.args.get("url") or ""
    if not url:
        raise BadRequest("/-/fetched needs ?url= (the article's address)")
    version_id = (await _read(datasette, database, _rows, STORED_COPY_OF_URL_SQL, {"url": url}))[0]["version_id"]
    if version_id is None:
        raise NotFound(f"no stored copy of {url}")
    return Response.redirect(_fetched_copy_url(datasette, version_id))


async def atom_feed(datasette, request):
    """A canned query with `atom_*` columns as an Atom feed (publish.feeds): empty, not an error, when nothing
    matches."""
    name, query_name = request.url_vars["database"], request.url_vars["query"]
    if name not in datasette.databases:
        raise NotFound(f"no database {name!r}")
    await datasette.ensure_permissions(
        request.actor, [("view-query", (name, query_name)), ("view-database", name), "view-instance"])
    query = await datasette.get_canned_query(name, query_name, request.actor)
    if query is None:
        raise NotFound(f"no canned query {query_name!r}")
    database = datasette.get_database(name)
    params = {}
    for parameter in await derive_named_parameters(database, query["sql"]):
        if not request.args.get(parameter):
            raise BadRequest(f"the {query_name} feed needs ?{parameter}=")
        params[parameter] = request.args[parameter]
    results = await database.execute(query["sql"], params)
    last_run = (await database.execute("select max(finished_at) from runs")).first()[0]
    body = feeds.atom([dict(row) for row in results.rows], title=query.get("title") or query_name,
                      feed_url=request.url, site_url=datasette.absolute_url(request, datasette.urls.path("/")),
                      last_run=last_run)
    return Response(body, content_type="application/xml; charset=utf-8")


STATIC = pathlib.Path(__file__).resolve().parent / "static"
STATIC_TYPES = {".js": "application/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
STATIC_VERSION = "3"  # in the URL, so a browser may keep the files for a year: change it when they change


@functools.cache
def _static_file(path: str) -> bytes | None:
    file = (STATIC / path).resolve()
    if STATIC not in file.parents or file.suffix not in STATIC_TYPES or not file.is_file():
        return None
    return file.read_bytes()


async def static_file(datasette, request):
    """The vendored chart library (publish/static), served from here: no page fetches anything from a CDN."""
    path = request.url_vars["path"]
    body = _static_file(path)
    if body is None:
        raise NotFound(f"no static file {path!r}")
    return Response(body, content_type=STATIC_TYPES[pathlib.Path(path).suffix],
                    headers={"Cache-Control": "public, max-age=31536000, immutable"})


async def robots_txt(datasette, request):
    # The policy is the site's to choose (plugins: claimwatch: robots_txt: in metadata.yml), not the code's;
    # a site that configures none has no robots.txt.
    policy = (datasette.plugin_config("claimwatch") or {}).get("robots_txt")
    if policy is None:
        return Response.text("no robots.txt configured\n", status=404)
    return Response.text(policy.rstrip("\n") + "\n")


@hookimpl
def register_routes():
    return [
        (r"^/$", home_page),
        (r"^/-/contradiction/(?P<id>\d+)(?P<format>\.json)?$", contradiction_page),
        (r"^/-/metric/(?P<metric>[A-Za-z0-9_]+)(?P<format>\.json)?$", metric_page),
        (r"^/-/metrics(?P<format>\.json)?$", metrics_page),
        (r"^/-/search(?P<format>\.json)?$", search_page),
        (r"^/-/claims(?P<format>\.json)?$", claims_page),
        (r"^/-/(?P<kind>contradictions|explained|agreements)(?P<format>\.json)?$", pairs_page),
        (r"^/-/fetched$", fetched_copy_of_url),
        (r"^/-/fetched/(?P<id>\d+)$", fetched_copy),
        (r"^/-/fetched/(?P<id>\d+)/page$", fetched_page),
        (r"^/-/fetched/(?P<id>\d+)\.txt$", fetched_source),
        (r"^/-/claim/(?P<id>\d+)(?P<format>\.json)?$", claim_page),
        (r"^/robots\.txt$", robots_txt),
        (r"^/-/claimwatch-static/[^/]+/(?P<path>[A-Za-z0-9_./-]+)$", static_file),
        (rf"^/(?P<database>[^/]+)/(?P<query>{'|'.join(feeds.FEEDS)})\.atom$", atom_feed),
    ]


# Which cells of Datasette's own pages link to ours: (table, column) -> (page, the row's column it takes).
# Primary keys already link to Datasette's row page, so the link sits on a neighbouring column.
CELL_LINKS = {
    ("contradictions", "cause"): ("/-/contradiction/{}", "id"),
    ("contradictions_side_by_side", "id"): ("/-/contradiction/{}", "id"),
    ("contradictions_side_by_side", "cause"): ("/-/contradiction/{}", "id"),
    ("article_versions", "content_sha256"): ("/-/fetched/{}", "id"),
    ("metrics", "name"): ("/-/metric/{}", "name"),
    ("claims", "figure_text"): ("/-/claim/{}", "id"),
    ("claims_with_provenance", "figure_text"): ("/-/claim/{}", "id"),
}


# Datasette's own table and row pages in a reader's words: stored values stay in the JSON, CSV and filters.
WORD_COLUMNS = {"qualifiers": ("qualifier", "qualifier_a", "qualifier_b", "press_qualifier", "official_qualifier"),
                "statuses": ("status", "status_a", "status_b"), "denominators": ("denominator", "denominator_a",
                                                                                 "denominator_b"),
                "causes": ("cause",)}
WORD_KINDS = {column: kind for kind, columns in WORD_COLUMNS.items() for column in columns}
DAY_COLUMNS = ("published", "published_a", "published_b", "first_published", "last_published", "time_start",
               "time_end", "stated_end", "period_start", "period_end", "rows_from", "rows_to", "date", "updated")
MOMENT_COLUMNS = ("fetched_at", "first_fetched_at", "last_fetched_at", "last_checked_at", "started_at",
                  "finished_at", "imported_at", "extracted_at", "first_seen_at")
# Figures in their unit: (value column, the row's unit column, or None for the metric's unit).
VALUE_COLUMNS = {"value": "unit", "value_high": "unit", "low": "unit", "high": "unit", "value_a": None,
                 "value_high_a": None, "value_b": None, "value_high_b": None, "a_low": None, "a_high": None,
                 "b_low": None, "b_high": None, "official_value": None, "press_value": None}
CLAIM_COLUMNS = ("claim_a", "claim_b", "claim_id", "first_claim_id")  # link to the claim's page
# An article's address, linked to the original by Datasette; one no reader can reach links to its stored copy.
ARTICLE_URL_COLUMNS = ("url", "url_a", "url_b", "requested_url", "final_url")
LONG_COLUMNS = ("evidence",)  # folded to their first words; the row page and JSON keep them whole
_metric_labels = weakref.WeakKeyDictionary()  # per served Database: another test's file may share its name


def _cell_value(row, column):
    try:
        value = row[column]
    except (KeyError, IndexError):
        return None
    return value.get("value") if isinstance(value, dict) else value


async def _metric_labels_of(datasette, database_name) -> dict:
    """Every metric's title and unit, read once per immutable database."""
    database = datasette.get_database(database_name)
    known = _metric_labels.get(database)
    if known is None:
        known = await database.execute_fn(findings.metric_labels)
        if not database.is_mutable:
            _metric_labels[database] = known
    return known


async def _metric_label(datasette, database_name, metric) -> dict:
    """A metric's title and unit for a cell."""
    return (await _metric_labels_of(datasette, database_name)).get(metric) or {"title": metric, "unit": None}


@hookimpl
def extra_template_vars(template, database, datasette):
    """`facet_label(value, column)` for _facet_results.html: Datasette's facets on a table page name metrics,
    statuses, qualifiers and causes in words, as the cells do."""
    if not (template or "").startswith("table") or not database or database == "_internal":
        return {}

    async def facet_label_var():
        titles = {name: label["title"] for name, label in (await _metric_labels_of(datasette, database)).items()}

        def facet_label(value, column):
            if column in ("metric", "metric_a", "metric_b") and value in titles:
                return titles[value]
            kind = WORD_KINDS.get(column)
            return (labels.words(value, kind) or value) if kind and isinstance(value, str) else value

        return {"facet_label": facet_label}

    return facet_label_var


# A stored date, timestamp or word reads the same wherever it appears: each is written once, then remembered
# (a table page asks for every cell, and the same dates and statuses come back row after row).
@functools.lru_cache(maxsize=4096)
def _day_cell(value: str) -> Markup:
    return Markup(f'<time datetime="{escape(value)}">{escape(labels.day(value))}</time>')


@functools.lru_cache(maxsize=4096)
def _moment_cell(value: str) -> Markup:
    return Markup(f'<time datetime="{escape(value)}">{escape(labels.moment(value))}</time>')


@functools.lru_cache(maxsize=1024)
def _word_cell(value: str, kind: str) -> Markup:
    return Markup(f'<span title="{escape(value)}">{escape(labels.words(value, kind) or value)}</span>')


@functools.lru_cache(maxsize=4096)
def _article_url_cell(url: str, fetched: str, version_id: int | None) -> Markup | None:
    """An address no reader can reach (the sample site, a reserved name) as a link to the page as fetched, the address
    kept as its text, as claimwatch's own pages do; None for any other value (Datasette links it as usual).
    `fetched` is the path of /-/fetched; `version_id` the stored copy when the row names it (article_versions)."""
    if is_reachable_url(url) or not is_web_url(url):
        return None
    href = f"{fetched}/{version_id}" if version_id else f"{fetched}?{urllib.parse.urlencode({'url': url})}"
    return Markup(f'<a class="stored-copy" href="{escape(href)}" title="The original address cannot be reached from '
                  f'the web: this opens the page as fetched">{escape(url)}</a> <span class="note">(stored copy)</span>')


# Every column render_cell may change: any other cell returns at once (a table page calls it for every cell).
RENDERED_COLUMNS = frozenset(
    {column for columns in WORD_COLUMNS.values() for column in columns} | set(DAY_COLUMNS) | set(MOMENT_COLUMNS)
    | set(VALUE_COLUMNS) | set(CLAIM_COLUMNS) | set(LONG_COLUMNS) | {"metric"} | {column for _, column in CELL_LINKS}
    | set(ARTICLE_URL_COLUMNS))


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column not in RENDERED_COLUMNS or value is None or isinstance(value, bytes) or database == "_internal":
        return None
    raw = value.get("value") if isinstance(value, dict) else value
    link = CELL_LINKS.get((table, column))
    if link is not None:
        target = _cell_value(row, link[1])
        if target is None:  # a query that left the key column out
            return None
        text = labels.words(raw, "causes") if column == "cause" else raw
        return Markup(f'<a href="{escape(datasette.urls.path(link[0].format(target)))}">{escape(text)}</a>')
    if column in ARTICLE_URL_COLUMNS and isinstance(raw, str):
        version_id = _cell_value(row, "id") if table == "article_versions" else None
        return _article_url_cell(raw, datasette.urls.path("/-/fetched"), version_id)
    kind = WORD_KINDS.get(column)
    if kind is not None and isinstance(raw, str):
        return _word_cell(raw, kind)
    if column in DAY_COLUMNS and isinstance(raw, str) and raw[:4].isdigit():
        return _day_cell(raw)
    if column in MOMENT_COLUMNS and isinstance(raw, str) and raw[:4].isdigit():
        return _moment_cell(raw)
    if column in CLAIM_COLUMNS and isinstance(raw, int):
        label = value.get("label") if isinstance(value, dict) else None
        text = f"{label} (claim {raw})" if label and label != str(raw) else f"claim {raw}"
        return Markup(f'<a href="{escape(datasette.urls.path(f"/-/claim/{raw}"))}">{escape(text)}</a>')
    if column in LONG_COLUMNS and isinstance(raw, str) and len(raw) > 80:
        return Markup(f"<details><summary>{escape(raw[:60].rsplit(' ', 1)[0])}…</summary>{escape(raw)}</details>")
    if column == "metric" and isinstance(raw, str) and table != "metrics":
        async def titled():
            title = (await _metric_label(datasette, database, raw))["title"]
            href = datasette.urls.path(f"/-/metric/{raw}")
            return Markup(f'<a href="{escape(href)}" title="{escape(raw)}">{escape(title)}</a>')
        return titled()
    if column in VALUE_COLUMNS and isinstance(raw, (int, float)):
        unit_column = VALUE_COLUMNS[column]

        async def in_unit():
            unit = _cell_value(row, unit_column) if unit_column else None
            if unit is None and _cell_value(row, "metric"):
                unit = (await _metric_label(datasette, database, _cell_value(row, "metric")))["unit"]
            return Markup(f'<span title="{escape(raw)}">{escape(labels.amount(raw, unit))}</span>')
        return in_unit()
    return None


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.path(f"/-/claimwatch-static/{STATIC_VERSION}/site.css")]


@functools.cache
def _described_database() -> dict:
    return load_metadata()["databases"]["claimwatch"]


@hookimpl
def get_metadata(datasette):
    # metadata.yml describes the database as `claimwatch`, but Datasette names a database after its file:
    # `claimwatch --db coverage.db serve` gets the same descriptions, facets and queries under `coverage`.
    others = [name for name in datasette.databases if name not in ("_internal", "claimwatch")]
    return {"databases": {name: _described_database() for name in others}} if others else {}


@hookimpl
def prepare_jinja2_environment(env):
    # Datasette finds templates only beside a plugin that is a package; ours is the module publish.plugin,
    # so its templates folder is added to the loaders here (their names clash with none of Datasette's).
    env.loader.loaders.append(FileSystemLoader(str(TEMPLATES)))
    env.loader.loaders.append(CompactTables())
    # Ours in place of Datasette's own: its facets, labelled in words (extra_template_vars' facet_label).
    env.loader.loaders.insert(0, Overrides(OVERRIDDEN_TEMPLATES))
    env.tests["web_url"] = is_web_url
    env.tests["reachable_url"] = is_reachable_url
    env.filters.update(figure=labels.figure, amount=labels.amount, day=labels.day, moment=labels.moment,
                       period=labels.period, words=labels.words, by_column=cells_by_column)


def cells_by_column(row) -> dict:
    """A row of Datasette's table page as {column: the cell as displayed}, for the compact tables: one dict built
    in Python rather than a loop over 30 cells in the (slow, async) template."""
    return {cell["column"]: cell["value"] for cell in row}


# Datasette looks for _table-DATABASE-TABLE.html before its own _table.html; these two views get a compact table
# (one short row a pair or a claim, not 30 squeezed columns) whatever the database file is called.
COMPACT_TABLES = {"contradictions_side_by_side": "_claimwatch_table_contradictions.html",
                  "claims_with_provenance": "_claimwatch_table_claims.html"}
COMPACT_TABLE_NAME = re.compile(rf"_table-(?:table-)?.+-({'|'.join(COMPACT_TABLES)})\.html")


OVERRIDDEN_TEMPLATES = ("_facet_results.html",)


class Overrides(BaseLoader):
    """Loads these templates of ours ahead of Datasette's templates of the same name."""

    def __init__(self, names):
        self.names = set(names)

    def get_source(self, environment, template):
        if template not in self.names:
            raise TemplateNotFound(template)
        path = TEMPLATES / template
        return path.read_text(), str(path), lambda: True

    def list_templates(self):
        return sorted(self.names)


class CompactTables(BaseLoader):
    """Loads COMPACT_TABLES under the names Datasette asks for; lists none (they are not pages of their own)."""

    def get_source(self, environment, template):
        match = COMPACT_TABLE_NAME.fullmatch(template)
        if match is None:
            raise TemplateNotFound(template)
        path = TEMPLATES / COMPACT_TABLES[match[1]]
        return path.read_text(), str(path), lambda: True

    def list_templates(self):
        return []


def is_web_url(url) -> bool:
    """Only http(s) article URLs become links: a stored `javascript:` canonical URL would run when clicked."""
    return isinstance(url, str) and url.lower().startswith(("http://", "https://"))


# Names no reader can reach: RFC 2606/6761 reserved names, and the machine claimwatch crawled from.
UNREACHABLE_SUFFIXES = (".example", ".test", ".invalid", ".localhost", ".local")


def is_reachable_url(url) -> bool:
    """A web URL a reader's browser can open: not a loopback, private or reserved address (the bundled sample
    site at 127.0.0.1, a fixture's .example outlet), where the stored copy stands in for the original."""
    if not is_web_url(url):
        return False
    host = (urllib.parse.urlsplit(url).hostname or "").rstrip(".").lower()
    if host == "localhost" or host.endswith(UNREACHABLE_SUFFIXES):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return bool(host)
    return address.is_global
