"""Reviews on the site: every contradiction page shows its verdicts, and a signed-in reviewer records one.

A Datasette plugin of its own (entry point `claimwatch_reviews`). Who may sign in is datasette-auth-passwords'
business, configured from the reviewers file that `claimwatch serve --reviewers FILE` reads (`serving_metadata`);
who may record a verdict is Datasette's permission `claimwatch-review`, given to the actors that file names. The
form is a POST protected by Datasette's own CSRF token. The claimwatch database stays immutable: reviews live in
their own file (claimwatch.db.reviews), attached to a read connection to be shown, written only by the form.

    GET  /-/contradiction/ID               the contradiction page, with its reviews (template include)
    POST /-/contradiction/ID/review        verdict, note: recorded by the signed-in reviewer
    GET  /-/contradiction/ID/reviews.json  its verdict and history
    GET  /-/reviews[.json]?verdict=V       contradictions by verdict (V: confirmed, dismissed, needs_evidence,
                                           unreviewed, orphaned)
    GET  /-/vocabulary                     the `claimwatch:` terms of ClaimReview exports, the namespace they name
"""

import asyncio
import json
import pathlib

import yaml
from datasette import hookimpl
from datasette.utils import actor_matches_allow
from datasette.utils.asgi import BadRequest, Forbidden, NotFound, Response

from claimwatch.db import reviews as store
from claimwatch.publish import load_metadata
from claimwatch.publish.plugin import _read, _rows, _wants_json, claimwatch_database

ACTION = "claimwatch-review"
# The filters of the contradictions list besides the verdicts themselves.
FILTERS = (*store.VERDICTS, "unreviewed", "orphaned")
LISTED = 200  # contradictions a list shows; the CLI and the exports give them all
# A password hash as datasette-auth-passwords writes it (`datasette hash-password`).
HASH_PREFIX = "pbkdf2_sha256$"


class ReviewersError(ValueError):
    """A reviewers file claimwatch cannot use; str() is one line naming the file."""


def read_reviewers(path) -> dict:
    """The reviewers file: `reviewers:` mapping each name to a password hash from `datasette hash-password`."""
    try:
        data = yaml.safe_load(pathlib.Path(path).read_text())
    except OSError as error:
        raise ReviewersError(f"{path}: cannot read the reviewers file ({error.strerror or error})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ReviewersError(f"{path}: cannot read the reviewers file ({getattr(error, 'problem', None) or 'not YAML'}"
                             f"{where})") from None
    reviewers = data.get("reviewers") if isinstance(data, dict) else None
    if not isinstance(reviewers, dict) or not reviewers:
        raise ReviewersError(f"{path}: expected `reviewers:` mapping each name to a password hash")
    for name, hashed in reviewers.items():
        if not isinstance(name, str) or not name.strip() or not str(hashed).startswith(HASH_PREFIX):
            raise ReviewersError(f"{path}: reviewer {name!r}: expected a hash from `datasette hash-password` "
                                 f"({HASH_PREFIX}…), never a password")
    return reviewers


def serving_metadata(reviews_file, reviewers_file=None, metadata=None) -> dict:
    """The project's metadata with the reviews file, the reviewers' accounts (datasette-auth-passwords) and who
    may record verdicts; a bad reviewers file raises ReviewersError."""
    served = load_metadata(metadata)
    plugins = served.setdefault("plugins", {})
    plugins["claimwatch"] = {**plugins.get("claimwatch", {}), "reviews": str(pathlib.Path(reviews_file).resolve())}
    if reviewers_file is not None:
        reviewers = read_reviewers(reviewers_file)
        plugins["datasette-auth-passwords"] = {
            **{f"{name}_password_hash": hashed for name, hashed in reviewers.items()},
            "actors": {name: {"id": name, "claimwatch_reviewer": True} for name in reviewers},
        }
        plugins["claimwatch"]["review_allow"] = {"id": sorted(reviewers)}
    return served


def _reviews_file(datasette, database) -> pathlib.Path:
    configured = (datasette.plugin_config("claimwatch") or {}).get("reviews")
    return pathlib.Path(configured) if configured else store.reviews_path(database.path)


@hookimpl
def permission_allowed(datasette, actor, action):
    if action != ACTION:
        return None
    allow = (datasette.plugin_config("claimwatch") or {}).get("review_allow")
    return bool(actor and allow and actor_matches_allow(actor, allow))


# --- reading -------------------------------------------------------------------------------------------------


def _pair_history(connection, contradiction_id, path) -> list[dict]:
    pair = store.pair_of(connection, contradiction_id)
    if pair is None:
        return []
    with store.attached(connection, path):
        return _rows(connection, "select * from reviews.reviews where pair_key = :key order by id",
                     {"key": store.pair_key(pair)})


# The contradictions of one verdict among the located reviews (:ids, a JSON list), or, with NOT, those nobody has
# reviewed; conflicts and undated pairs first, newest first.
LIST_SQL = f"""
SELECT s.id, s.cause, s.metric, s.subject, s.figure_a, s.outlet_a, s.published_a, s.figure_b, s.outlet_b,
       s.published_b
FROM contradictions_side_by_side AS s
WHERE s.id {{negation}} IN (SELECT value FROM json_each(:ids))
ORDER BY s.cause NOT IN ('conflict', 'undated'), max(coalesce(s.published_a, ''), coalesce(s.published_b, '')) DESC,
         s.id DESC
LIMIT {LISTED}
"""
REVIEW_COLUMNS = ("verdict", "note", "reviewer", "reviewed_at")


def _counts(connection, located) -> dict:
    current = [row for row in located if row["contradiction_now"] is not None]
    by_verdict = {verdict: [row["contradiction_now"] for row in current if row["verdict"] == verdict]
                  for verdict in store.VERDICTS}
    total, confirmed_conflicts = connection.execute(
        "SELECT (SELECT count(*) FROM contradictions), (SELECT count(*) FROM contradictions"
        " WHERE cause = 'conflict' AND id IN (SELECT value FROM json_each(?)))",
        [json.dumps(by_verdict["confirmed"])]).fetchone()
    return {"confirmed_conflicts": confirmed_conflicts, **{verdict: len(ids) for verdict, ids in by_verdict.items()},
            "unreviewed": total - len(current), "orphaned": len(located) - len(current)}


def _listed(connection, located, verdict) -> list[dict]:
    if verdict == "orphaned":
        return store.orphaned_among(connection, located)[:LISTED]
    reviewed = {row["contradiction_now"]: row for row in located if row["contradiction_now"] is not None}
    if verdict == "unreviewed":
        rows = _rows(connection, LIST_SQL.format(negation="NOT"), {"ids": json.dumps(sorted(reviewed))})
        return [{**row, **dict.fromkeys(REVIEW_COLUMNS)} for row in rows]
    ids = sorted(id for id, review in reviewed.items() if review["verdict"] == verdict)
    rows = _rows(connection, LIST_SQL.format(negation=""), {"ids": json.dumps(ids)})
    return [{**row, **{column: reviewed[row["id"]][column] for column in REVIEW_COLUMNS}} for row in rows]


# Where each review stands today, by served database and reviews file: (the reviews' state, store.located's rows).
# Served immutable, the claimwatch database never changes, so the rows change only when a review is added; reviews
# are only ever appended (db.reviews), so the newest review's id and their number name the file's state. Every
# page that counts verdicts (the home page for every visitor) reads them from here until the next review.
_LOCATED = {}


def _located(connection, cache_key) -> list[dict]:
    state = connection.execute("SELECT max(id), count(*) FROM reviews.reviews").fetchone()
    cached = _LOCATED.get(cache_key)
    if cached is not None and cached[0] == state:
        return cached[1]
    located = store.located(connection)
    if cache_key is not None:
        _LOCATED[cache_key] = (state, located)
    return located


def _verdicts(connection, path, verdict, cache_key) -> tuple[dict, list[dict] | None]:
    """The counts of each verdict, and the contradictions of `verdict` (one of FILTERS; None: no list), in one trip
    to the database; `cache_key` (None: do not keep them) names the located reviews kept for the next page."""
    with store.attached(connection, path):
        located = _located(connection, cache_key)
        return _counts(connection, located), _listed(connection, located, verdict) if verdict in FILTERS else None


def _read_verdicts(datasette, database, verdict):
    path = _reviews_file(datasette, database)
    cache_key = None if database.is_mutable else (database.path, str(path))
    return _read(datasette, database, _verdicts, path, verdict, cache_key)


async def _can_review(datasette, request) -> bool:
    return await datasette.permission_allowed(request.actor, ACTION, default=False)


@hookimpl
def extra_template_vars(template, request, datasette):
    """The reviews beside claimwatch's own pages: a contradiction's history, and the home page's counts (with
    the contradictions of one verdict when ?verdict= asks)."""
    if template not in ("claimwatch_contradiction.html", "claimwatch_home.html") or request is None:
        return None

    async def reviews_vars():
        database = await claimwatch_database(datasette, request)
        path = _reviews_file(datasette, database)
        if template == "claimwatch_contradiction.html":
            contradiction_id = int(request.url_vars["id"])
            # Until the first verdict there is no file to attach (attaching an empty one costs a fifth of the page).
            history = await _read(datasette, database, _pair_history, contradiction_id, path) if path.is_file() else []
            return {"reviews": {"history": history, "latest": history[-1] if history else None,
                                "verdicts": store.VERDICTS, "can_review": await _can_review(datasette, request),
                                "action": datasette.urls.path(f"/-/contradiction/{contradiction_id}/review")}}
        verdict = request.args.get("verdict")
        counts, listed = await _read_verdicts(datasette, database, verdict)
        return {"reviews": {"counts": counts, "verdict": verdict if listed is not None else None,
                            "listed": listed, "filters": FILTERS}}

    return reviews_vars


# --- pages ---------------------------------------------------------------------------------------------------


async def contradictions_by_verdict(datasette, request):
    """Contradictions with their verdict (?verdict= one of FILTERS), and the orphaned reviews."""
    database = await claimwatch_database(datasette, request)
    verdict = request.args.get("verdict") or "confirmed"
    if verdict not in FILTERS:
        raise BadRequest(f"verdict must be one of {', '.join(FILTERS)}, not {verdict!r}")
    counts, listed = await _read_verdicts(datasette, database, verdict)
    if verdict == "orphaned":
        for row in listed:
            for side in store.SIDES:
                version = row[f"{side}_version_now"]
                row[f"{side}_revision_url"] = datasette.urls.path(f"/-/fetched/{version}") if version else None
    if _wants_json(request):
        return Response.json({"verdict": verdict, "counts": counts, "contradictions": listed}, default=str)
    return Response.html(await datasette.render_template(
        "claimwatch_reviews.html",
        {"database": database.name, "verdict": verdict, "counts": counts, "listed": listed, "filters": FILTERS},
        request=request))


async def contradiction_reviews(datasette, request):
    """A contradiction's reviews as JSON, oldest first, and its verdict (the latest)."""
    database = await claimwatch_database(datasette, request)
    contradiction_id = int(request.url_vars["id"])
    history = await _read(datasette, database, _pair_history, contradiction_id, _reviews_file(datasette, database))
    if not history and await database.execute_fn(lambda c: store.pair_of(c, contradiction_id)) is None:
        raise NotFound(f"no contradiction {contradiction_id}")
    return Response.json({"id": contradiction_id, "review": store.summary(history[-1] if history else None),
                          "history": [store.summary(row) for row in history]})


async def record_review(datasette, request):
    """The form's POST: the signed-in reviewer's verdict on contradiction ID, then back to its page."""
    if request.method != "POST":
        return Response.text("POST a verdict here from the contradiction's page", status=405)
    if not await _can_review(datasette, request):
        raise Forbidden("sign in as a reviewer to record a verdict")
    database = await claimwatch_database(datasette, request)
    contradiction_id = int(request.url_vars["id"])
    form = await request.post_vars()
    verdict, note = form.get("verdict") or "", form.get("note") or ""
    try:
        store.check_verdict(verdict, request.actor["id"])
    except store.ReviewError as error:
        raise BadRequest(str(error)) from None
    pair = await database.execute_fn(lambda connection: store.pair_of(connection, contradiction_id))
    if pair is None:
        raise NotFound(f"no contradiction {contradiction_id}")
    # Waits for another writer (a reviewer at the command line) rather than fail: off the event loop.
    await asyncio.to_thread(store.record, _reviews_file(datasette, database), pair, verdict,
                            by=request.actor["id"], note=note)
    datasette.add_message(request, f"Recorded your verdict: {verdict.replace('_', ' ')}", datasette.INFO)
    return Response.redirect(datasette.urls.path(f"/-/contradiction/{contradiction_id}#reviews"))


# The `claimwatch:` terms of ClaimReview exports (db.export), each an anchor of /-/vocabulary: the namespace the
# exports declare is that page, so every term resolves to its meaning on the site the reviews point at.
VOCABULARY = (
    ("figures", "The figures the review is about: one for a claim or an official check, two for a contradiction, "
                "the earlier first. Each holds the terms below, from claimId to contentSha256."),
    ("claimId", "The claim's number in the claimwatch database (its page: /claimwatch/claims/ID)."),
    ("metric", "What is counted, a name from the metric vocabulary (lfr_arrests, drones_fleet…)."),
    ("subject", "Whose figure it is: the force or body it is about."),
    ("figureText", "The figure as the article wrote it."),
    ("value", "The figure as a plain number in its unit."),
    ("valueHigh", "The top of a range; null when the figure is not a range."),
    ("unit", "count, GBP (other currencies by ISO code), minutes, per_week, percent or ratio."),
    ("qualifier", "exact, approx, at_least, at_most or range."),
    ("status", "current, planned, cumulative or past: what the figure describes in time."),
    ("denominator", "For a rate or share, what it is per (alerts, faces_scanned…); else null."),
    ("period", "The time the figure describes: text (the words), start and end (ISO dates or null)."),
    ("text", "Within period: the words that set the period."),
    ("start", "Within period: its first day, or null."),
    ("end", "Within period: its last day, or null."),
    ("sentence", "The sentence the figure stands in, as the article printed it."),
    ("articleUrl", "The article's URL."),
    ("contentSha256", "SHA-256 of the page as it was last fetched."),
    ("causes", "For a claim: the causes of every difference it is part of, worst first."),
    ("cause", "Why two figures differ (conflict, undated, different_period, different_denominator, "
              "different_status, revised, rounding), or what the official record says of a figure "
              "(matches_official, differs_from_official, not_checked)."),
    ("contradictionId", "The contradiction's number when exported (its page: /-/contradiction/ID); detection "
                        "renumbers, so pair reviews by the figures, not by this number."),
    ("verdict", "For a reviewed contradiction: the reviewer's verdict, confirmed, dismissed or needs_evidence."),
    ("officialCheckId", "For a figure checked against the official record: the check's number."),
    ("officialValue", "What the official record gives for the figure's period; null when not checked."),
)


async def vocabulary(datasette, request):
    namespace = str(request.url).split("#")[0].split("?")[0] + "#"
    return Response.html(await datasette.render_template(
        "claimwatch_vocabulary.html", {"terms": VOCABULARY, "namespace": namespace}, request=request))


@hookimpl
def register_routes():
    return [
        (r"^/-/contradiction/(?P<id>\d+)/review$", record_review),
        (r"^/-/contradiction/(?P<id>\d+)/reviews\.json$", contradiction_reviews),
        (r"^/-/reviews(?P<format>\.json)?$", contradictions_by_verdict),
        (r"^/-/vocabulary$", vocabulary),
    ]
