"""Contradiction detection: which claims about one figure disagree, and why. The rules are in docs/detection.md.

Claims are first collapsed into distinct figures (the `figure_timeline`): the same value, qualifier, status,
denominator and time scope about one metric and subject, however many articles repeat it. Figures are then
compared within a (subject, metric, unit) group only, in a sweep over their timeline, so the work grows with
the number of claims and the output with the number of distinct figures, never with pairs of claims."""

import bisect
import math
from dataclasses import dataclass, field
from itertools import combinations

import sqlite_utils

from claimwatch.db import dating, official, reasons
from claimwatch.db.intervals import interval, relation, rounding_margin
from claimwatch.db.store import FIGURE_COLUMNS, rows_by_id

# Settings a researcher may want to tune; docs/detection.md explains each (with those of db/intervals.py).
CURRENT_WINDOW_DAYS = 90  # current (or planned) figures published this close together describe one moment
PERIOD_TOLERANCE_DAYS = 31  # cumulative (or past) figures whose periods start and end this close are one period
NEIGHBOURS = 4  # each figure is compared with at least this many of its predecessors in its timeline
MAX_COMPARISONS = 24  # and with at most this many, however dense its time window
ROWS_PER_CAUSE = 3  # a figure is shown beside at most this many others for each cause

POINT_STATUSES = {"current", "planned"}  # true at publication, rather than over a stated period
CAUSES = ("conflict", "rounding", "revised", "different_period", "different_denominator", "different_status", "undated")
# A past figure and a running total both count over a period: whether they can disagree is a question of their
# periods, not of their statuses ("962 in the 12 months to September 2025" beside "over 2,000 since early 2024").
PERIOD_STATUSES = {"past", "cumulative"}


@dataclass(slots=True)
class DistinctFigure:
    """One distinct figure (a row of figure_timeline: the claims, in any number of articles, that give the same
    figure), represented by up to three of its claims: its first, and one from each of the first and the last of
    its copy clusters (so that two independent sources show when there are any). Not nlp's Figure, which is a
    number found in a text."""

    subject: str
    metric: str
    unit: str
    status: str
    denominator: str | None
    value: float
    value_high: float | None
    qualifier: str
    time_start: str | None
    stated_end: str | None
    claim_count: int = 0
    first_published: str | None = None
    last_published: str | None = None
    sources: list = field(default_factory=list)  # (published, claim_id, cluster_id, outlet_id), earliest first
    outlet_ids: set = field(default_factory=set)
    low: float = 0.0
    high: float = 0.0
    margin_low: float = 0.0
    margin_high: float = 0.0
    figure_key: int = 0
    start_day: int | None = None  # day ordinals, for comparing periods
    # A period stated in words that could not be resolved to dates ("since last year" in an undated article).
    start_unknown: bool = False
    # The days the figure describes the world at (its stated end, else its articles' publication dates) as bounds:
    # (first appearance earliest, first latest, last appearance earliest, last latest); equal pairs when dated.
    when: tuple = (dating.EARLIEST, dating.LATEST, dating.EARLIEST, dating.LATEST)
    undated_bounds: tuple | None = None  # (lower, upper) day of an undated figure's articles; None when dated
    span: tuple = (None, None)  # one (first, last) day, for the sweep's timeline order only

    def first_claim(self) -> int:
        return self.sources[0][1]

    def independent_sources(self) -> int:
        """1 when every claim giving the figure is in one copy cluster (one story and its syndicated copies), else
        2: `sources` holds the first and the last cluster, so two means at least two."""
        return min(len({cluster_id for _, _, cluster_id, _ in self.sources}), 2)


# One row per distinct figure, aggregated by SQLite from the claims_figure index alone: Python never sees a claim.
# A claim of the first and one of the last copy cluster are carried as cluster id << 32 | claim id, so that min()
# and max() pick whole claims; the first claim (earliest published, undated last) is looked up in the index after.
CLAIM_ID_BITS = 32
FIGURES_SQL = f"""
SELECT figures.*,
       (SELECT min(id) FROM claims WHERE figure_key = figures.figure_key AND published IS figures.first_published)
FROM (
    SELECT figure_key, count(*), min(published) AS first_published, max(published),
           min((cluster_id << {CLAIM_ID_BITS}) | id), max((cluster_id << {CLAIM_ID_BITS}) | id),
           group_concat(DISTINCT outlet_id)
    FROM claims
    {{where}}
    GROUP BY figure_key
) AS figures
"""


def _representatives(database: sqlite_utils.Database, ids: set[int]) -> dict[int, tuple]:
    """claim id -> (its figure's FIGURE_COLUMNS, its source (published, claim id, cluster id, outlet id), its
    time_text)."""
    select = (f"SELECT {', '.join(FIGURE_COLUMNS)}, published, id, cluster_id, outlet_id, time_text"
              " FROM claims WHERE id IN")
    end = len(FIGURE_COLUMNS) + 4
    return {row[-4]: (row[: len(FIGURE_COLUMNS)], row[len(FIGURE_COLUMNS) : end], row[end])
            for row in rows_by_id(database, select, ids)}


def _null_first(key: tuple) -> tuple:
    return tuple((value is not None, value) for value in key)


def load_figures(database: sqlite_utils.Database, only_queued: bool = False) -> list[DistinctFigure]:
    """The distinct figures of all claims (of the queued groups only, with only_queued), in FIGURE_COLUMNS order."""
    where = "WHERE (subject, metric) IN (SELECT subject, metric FROM detection_queue)" if only_queued else ""
    mask = (1 << CLAIM_ID_BITS) - 1
    rows = []
    for key, count, first_published, last_published, *by_cluster, outlets, first_id in database.execute(
        FIGURES_SQL.format(where=where)
    ):
        ids = {first_id} | {packed & mask for packed in by_cluster if packed is not None}
        rows.append((key, count, first_published, last_published, first_id, ids, outlets))
    claims = _representatives(database, {claim_id for *_, ids, _ in rows for claim_id in ids})
    figures = []
    for key, count, first_published, last_published, first_id, ids, outlets in rows:
        figure = DistinctFigure(*claims[first_id][0], figure_key=key)
        figure.claim_count, figure.first_published, figure.last_published = count, first_published, last_published
        # A period stated in words that resolved to no date ("since last year" in an undated article) is unknown.
        figure.start_unknown = claims[first_id][2] is not None and figure.time_start is None and not figure.stated_end
        figure.sources = sorted({claims[claim_id][1] for claim_id in ids}, key=_by_time)
        figure.outlet_ids = {int(outlet) for outlet in outlets.split(",")} if outlets else set()
        figures.append(figure)
    # The same order whatever the hashes: the sweep meets figures of equal timeline position in this order.
    figures.sort(key=lambda figure: _null_first(tuple(getattr(figure, column) for column in FIGURE_COLUMNS)))
    _place_in_time(database, figures)
    for figure in figures:
        figure.low, figure.high = interval(figure.value, figure.value_high, figure.qualifier)
        figure.margin_low = rounding_margin(figure.value)
        ranged = figure.qualifier == "range" and figure.value_high is not None
        figure.margin_high = rounding_margin(figure.value_high if ranged else figure.value)
    return figures


def _place_in_time(database: sqlite_utils.Database, figures: list[DistinctFigure]) -> None:
    """Set each figure's days: its stated end, else its dated articles' publication dates, else the bounds of its
    undated articles (dating.undated_article_bounds)."""
    undated = []
    for figure in figures:
        figure.start_day = dating.day(figure.time_start)
        end = dating.day(figure.stated_end)
        first, last = (end, end) if end is not None else (
            dating.day(figure.first_published), dating.day(figure.last_published))
        if first is None:
            undated.append(figure)
        else:
            figure.when, figure.span = (first, first, last, last), (first, last)
    bounds = dating.undated_article_bounds(database, {figure.figure_key for figure in undated}) if undated else {}
    for figure in undated:
        figure.when = dating.appearance_bounds(bounds.get(figure.figure_key) or [(dating.EARLIEST, dating.LATEST)])
        first_low, first_high, last_low, last_high = figure.when
        figure.undated_bounds = (first_low, last_high)
        # Placed in the timeline by the day it was surely out by, else the day it was surely written after.
        placed = [day for day in (first_high, first_low) if math.isfinite(day)]
        latest = [day for day in (last_high, last_low) if math.isfinite(day)]
        figure.span = (int(placed[0]), int(latest[0])) if placed else (None, None)


# --- comparing two figures -------------------------------------------------------------------------------


def source_pair(a: DistinctFigure, b: DistinctFigure):
    """The earliest pair of independent claims (one per figure, different copy clusters), preferring different
    outlets: (source of a, source of b, same_outlet), or None when the figures' claims are copies of one
    source (one article, one syndication cluster)."""
    same_outlet = None
    for source_a in a.sources:
        for source_b in b.sources:
            if source_a[2] == source_b[2]:
                continue
            if source_a[3] != source_b[3]:
                return source_a, source_b, False
            if same_outlet is None:
                same_outlet = (source_a, source_b, True)
    return same_outlet


def independent_repeat(figure: DistinctFigure):
    """Two claims of one figure from different outlets and copy clusters (earliest first), or None."""
    for i, source_a in enumerate(figure.sources):
        for source_b in figure.sources[i + 1 :]:
            if source_a[2] != source_b[2] and source_a[3] != source_b[3]:
                return source_a, source_b
    return None


def tolerance(status: str) -> int:
    return CURRENT_WINDOW_DAYS if status in POINT_STATUSES else PERIOD_TOLERANCE_DAYS


def same_period(a: DistinctFigure, b: DistinctFigure) -> bool | None:
    """Whether two figures of one status describe the same moment (current, planned) or period (cumulative, past)
    for every date their bounds allow (True), for none (False), or None when that depends on dates nobody knows."""
    days = tolerance(a.status)
    starts_known = True
    if a.status not in POINT_STATUSES:
        if a.start_unknown or b.start_unknown:
            starts_known = False
        elif (a.start_day is None) != (b.start_day is None):
            return False
        elif a.start_day is not None and abs(a.start_day - b.start_day) > days:
            return False
    fewest, most = dating.gap_range(a.when, b.when)
    if fewest > days:
        return False
    return True if most <= days and starts_known else None


def compare(a: DistinctFigure, b: DistinctFigure):
    """(cause or "agreement", source of a, source of b) for two figures of one group, or None when there is
    nothing to show (copies of one source; figures that differ only in a way that is not surprising)."""
    pair = source_pair(a, b)
    if pair is None:
        return None
    source_a, source_b, same_outlet = pair
    values = relation(a, b)
    disjoint = values != "overlap"
    if a.status != b.status and not {a.status, b.status} <= PERIOD_STATUSES:
        cause = "different_status"
    elif a.denominator != b.denominator:
        cause = "different_denominator"
    elif (period := same_period(a, b)) is False:
        cause = "different_period"
    elif period is None:
        # The same moment or not, nobody can tell: only a pair that would then be a conflict is worth a look.
        cause = "undated" if values == "disjoint" and not same_outlet else None
    elif not disjoint:
        cause = None if same_outlet else "agreement"
    elif values == "rounding":
        cause = "rounding"
    elif same_outlet:
        cause = "revised"
    else:
        cause = "conflict"
    if cause is None or (cause.startswith("different_") and not disjoint):
        return None
    return cause, source_a, source_b


# --- the sweep -------------------------------------------------------------------------------------------


def _timeline_order(figure: DistinctFigure) -> tuple:
    first, _ = figure.span
    return (first is None, first or 0, figure.low, figure.high)


def candidate_pairs(group: list[DistinctFigure]):
    """The pairs of figures worth comparing in one (subject, metric, unit) group, each once.

    Within a (status, denominator) lane figures are in timeline order; each is compared with its predecessors
    within the lane's time window, and at least its NEIGHBOURS latest predecessors, never more than
    MAX_COMPARISONS. Across lanes each figure meets the nearest-in-time figure of every other lane, which is
    enough to show the look-alike (a plan beside a fleet, a rate per alert beside a rate per face)."""
    lanes: dict[tuple, list[DistinctFigure]] = {}
    for figure in group:
        lanes.setdefault((figure.status, figure.denominator or ""), []).append(figure)
    for (status, _), lane in lanes.items():
        lane.sort(key=_timeline_order)
        window = CURRENT_WINDOW_DAYS if status in POINT_STATUSES else PERIOD_TOLERANCE_DAYS
        for i, figure in enumerate(lane):
            first, _ = figure.span
            for j in range(i - 1, max(-1, i - 1 - MAX_COMPARISONS), -1):
                earlier = lane[j]
                earlier_last = earlier.span[1]
                near = first is not None and earlier_last is not None and first - earlier_last <= window
                if not near and i - j > NEIGHBOURS:
                    break
                yield earlier, figure
    seen = set()
    days = {key: [_timeline_order(figure)[:2] for figure in lane] for key, lane in lanes.items()}
    for key_a, key_b in combinations(sorted(lanes), 2):
        for here, there in ((key_a, key_b), (key_b, key_a)):
            for figure in lanes[here]:
                nearest = _nearest(lanes[there], days[there], _timeline_order(figure)[:2])
                pair = (id(figure), id(nearest)) if id(figure) < id(nearest) else (id(nearest), id(figure))
                if pair not in seen:
                    seen.add(pair)
                    yield figure, nearest


def _nearest(lane: list[DistinctFigure], days: list[tuple], day: tuple) -> DistinctFigure:
    i = bisect.bisect_left(days, day)
    if i == len(lane):
        return lane[-1]
    if i == 0 or days[i][1] - day[1] < day[1] - days[i - 1][1]:
        return lane[i]
    return lane[i - 1]


# --- detection -------------------------------------------------------------------------------------------


def _claims_by_id(database: sqlite_utils.Database, ids: set[int]) -> dict[int, dict]:
    # Claims carry their article's date and outlet (kept in step by a trigger): no join to articles.
    select = """SELECT claims.id, claims.figure_text, claims.time_text, claims.published, outlets.name
                FROM claims JOIN outlets ON outlets.id = claims.outlet_id WHERE claims.id IN"""
    columns = ("id", "figure_text", "time_text", "published", "outlet")
    return {row[0]: dict(zip(columns, row, strict=True)) for row in rows_by_id(database, select, ids)}


def _bound(value: float):
    return None if value == math.inf else value


def _by_time(source: tuple) -> tuple:
    return (source[0] is None, source[0] or "", source[1])


def find_pairs(figures: list[DistinctFigure]) -> list[tuple]:
    """(cause, earlier figure, later figure, claim of the first, claim of the second) for every pair shown.

    A figure is linked to at most ROWS_PER_CAUSE others for each cause, the first met in its sweep, so the
    output grows with the number of distinct figures, not with its square."""
    groups: dict[tuple, list[DistinctFigure]] = {}
    for figure in figures:
        groups.setdefault((figure.subject, figure.metric, figure.unit), []).append(figure)
    found, links = [], {}
    for figure in figures:
        repeated = independent_repeat(figure)
        if repeated:
            found.append(("agreement", figure, figure, repeated[0][1], repeated[1][1]))
    for group in groups.values():
        for a, b in candidate_pairs(group):
            result = compare(a, b)
            if result is None:
                continue
            cause, source_a, source_b = result
            if links.get((id(a), cause), 0) >= ROWS_PER_CAUSE or links.get((id(b), cause), 0) >= ROWS_PER_CAUSE:
                continue
            links[(id(a), cause)] = links.get((id(a), cause), 0) + 1
            links[(id(b), cause)] = links.get((id(b), cause), 0) + 1
            if _by_time(source_b) < _by_time(source_a):
                a, b, source_a, source_b = b, a, source_b, source_a
            found.append((cause, a, b, source_a[1], source_b[1]))
    return found


def detect(database: sqlite_utils.Database, incremental: bool = False) -> dict:
    """Recompute figure_timeline, contradictions, agreements, metric_summary and official_checks (press figures
    beside the official record), in one transaction, and return how many pairs and checks of each cause were found.

    incremental=True recomputes only the (subject, metric) groups whose claims changed since the last
    detection (replace_claims queues them); the result is the same as a full run's."""
    with database.atomic():
        figures = load_figures(database, only_queued=incremental)
        found = find_pairs(figures)
        claims = _claims_by_id(
            database,
            {claim for *_, claim_a, claim_b in found for claim in (claim_a, claim_b)}
            | {figure.first_claim() for figure in figures},
        )
        _clear(database, incremental)
        contradictions, agreements = [], []
        for cause, a, b, claim_a, claim_b in found:
            text = reasons.reason(cause, a, b, claims[claim_a], claims[claim_b])
            arithmetic = reasons.evidence(cause, a, b, tolerance(a.status))
            if cause == "agreement":
                agreements.append((a.metric, a.subject, text, arithmetic, claim_a, claim_b))
            else:
                contradictions.append((a.metric, a.subject, cause, text, arithmetic, claim_a, claim_b, a.low,
                                       _bound(a.high), b.low, _bound(b.high)))
        database.conn.executemany(
            "INSERT INTO contradictions (metric, subject, cause, reason, evidence, claim_a, claim_b, a_low, a_high,"
            " b_low, b_high) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            contradictions,
        )
        database.conn.executemany(
            "INSERT INTO agreements (metric, subject, reason, evidence, claim_a, claim_b) VALUES (?, ?, ?, ?, ?, ?)",
            agreements,
        )
        _write_timeline(database, figures, claims)
        _write_summary(database, figures, found, claims)
        checks = official.check(database, figures, claims, PERIOD_TOLERANCE_DAYS)
        official.write(database, checks)
        summary = dict.fromkeys(CAUSES, 0) | {"agreements": 0} | dict.fromkeys(official.OFFICIAL_CAUSES, 0)
        for cause, *_ in found:
            summary["agreements" if cause == "agreement" else cause] += 1
        for check in checks:
            summary[check[official.CHECK_COLUMNS.index("cause")]] += 1
        summary.update(
            figures=len(figures), claims=sum(figure.claim_count for figure in figures), incremental=incremental
        )
        return summary


def _clear(database: sqlite_utils.Database, incremental: bool) -> None:
    tables = ("contradictions", "agreements", "figure_timeline", "metric_summary", "official_checks")
    for table in tables:
        if incremental:
            database.execute(
                f"DELETE FROM {table} WHERE (subject, metric) IN (SELECT subject, metric FROM detection_queue)"
            )
        else:
            database.execute(f"DELETE FROM {table}")
    database.execute("DELETE FROM detection_queue")


def _outlet_names(database: sqlite_utils.Database) -> dict[int, str]:
    return dict(database.execute("SELECT id, name FROM outlets").fetchall())


def _write_timeline(database, figures: list[DistinctFigure], claims: dict[int, dict]) -> None:
    names = _outlet_names(database)
    rows = []
    for figure in figures:
        first = claims[figure.first_claim()]
        rows.append(
            (
                figure.metric,
                figure.subject,
                figure.unit,
                figure.status,
                figure.denominator,
                figure.value,
                figure.value_high,
                figure.qualifier,
                figure.low,
                _bound(figure.high),
                first["figure_text"],
                first["time_text"],
                figure.time_start,
                figure.stated_end,
                first["id"],
                figure.first_published,
                first["outlet"],
                figure.last_published,
                figure.claim_count,
                len(figure.outlet_ids),
                ", ".join(sorted(names[outlet_id] for outlet_id in figure.outlet_ids)),
                figure.claim_count > 1 and figure.independent_sources() == 1,
            )
        )
    database.conn.executemany(
        """INSERT INTO figure_timeline (metric, subject, unit, status, denominator, value, value_high, qualifier,
               low, high, figure_text, time_text, time_start, time_end, first_claim_id, first_published,
               first_outlet, last_published, claim_count, outlet_count, outlets, copies_only)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        rows,
    )


def _write_summary(database, figures: list[DistinctFigure], found: list, claims: dict[int, dict]) -> None:
    per_metric: dict[tuple, dict] = {}
    for figure in figures:
        summary = per_metric.setdefault(
            (figure.metric, figure.subject),
            {
                "units": {},
                "claims": 0,
                "figures": 0,
                "outlets": set(),
                "first": None,
                "last": None,
                "latest": None,
                "conflict": 0,
                "explained": 0,
                "agreement": 0,
                "undated": 0,
            },
        )
        summary["units"][figure.unit] = summary["units"].get(figure.unit, 0) + figure.claim_count
        summary["claims"] += figure.claim_count
        summary["figures"] += 1
        summary["outlets"].update(figure.outlet_ids)
        if figure.first_published and (summary["first"] is None or figure.first_published < summary["first"]):
            summary["first"] = figure.first_published
        if figure.last_published and (summary["last"] is None or figure.last_published > summary["last"]):
            summary["last"] = figure.last_published
            summary["latest"] = claims[figure.first_claim()]["figure_text"]
    for cause, a, *_ in found:
        per_metric[(a.metric, a.subject)][cause if cause in ("conflict", "agreement", "undated") else "explained"] += 1
    database.conn.executemany(
        """INSERT INTO metric_summary (metric, subject, unit, claim_count, figure_count, outlet_count,
               first_published, last_published, latest_figure, conflict_count, explained_count, agreement_count,
               undated_count)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        [
            (
                metric,
                subject,
                max(s["units"], key=s["units"].get),
                s["claims"],
                s["figures"],
                len(s["outlets"]),
                s["first"],
                s["last"],
                s["latest"],
                s["conflict"],
                s["explained"],
                s["agreement"],
                s["undated"],
            )
            for (metric, subject), s in per_metric.items()
        ],
    )
