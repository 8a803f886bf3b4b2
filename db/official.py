"""Press figures checked against the official record (docs/detection.md, section 8).

A press figure for a running total or a past period ("962 arrests in the 12 months to September 2025") is set
beside what the official record gives for the same subject, metric and period: the deployment record summed
over the deployments in that period (RECORD_SUMS), and any official total (reference_totals) for the same
period. The two are compared as detection compares two press figures (db/intervals.py): `matches_official` when
they can be the same number, allowing for the press figure's qualifier and rounding, else
`differs_from_official`. A figure the record cannot check (its period cannot be placed in time, reaches outside
the record, or the record leaves some of it blank) is `not_checked`, and its reason says why.

The deployment record is read once per subject into running sums, so each period's total is two bisections:
checking costs one read of the record plus a few steps per figure, whatever the number of claims."""

import bisect
import itertools
import json
from dataclasses import dataclass, field

import sqlite_utils

from claimwatch.db import dating, reasons
from claimwatch.db.intervals import interval, relation, rounding_margin

OFFICIAL_CAUSES = ("matches_official", "differs_from_official", "not_checked")
# Figures over a period can be summed; a count "now" or a plan has no period of deployments to sum over.
CHECKED_STATUSES = ("cumulative", "past")
# What each metric is in the deployment record: the columns summed over a period's deployments (none: count them).
RECORD_SUMS = {
    "lfr_deployments": (),
    "lfr_alerts": ("total_alerts",),
    "lfr_false_alerts": ("false_alerts_confirmed", "false_alerts_unconfirmed"),
    "lfr_arrests": ("arrests",),
    "lfr_faces_scanned": ("faces_seen",),
}
RECORD_COLUMNS = tuple(sorted({column for columns in RECORD_SUMS.values() for column in columns}))
RECORD_SQL = (f"SELECT date, file_id, {', '.join(RECORD_COLUMNS)} FROM reference_deployments"
              " WHERE subject = ? ORDER BY date, id")
TOTALS_SQL = """SELECT id, file_id, metric, subject, value, qualifier, period_start, period_end, source_title
FROM reference_totals WHERE period_start IS NOT NULL ORDER BY id"""


@dataclass(slots=True)
class OfficialFigure:
    """What the record gives for one period, and the rows it comes from; compared with a press figure as a figure."""

    value: float
    qualifier: str
    source: str  # the table: reference_deployments or reference_totals
    rows_from: str | None  # the first and last deployment summed, or the total's period
    rows_to: str | None
    row_count: int
    total_id: int | None = None
    title: str | None = None  # an official total's source title
    file_ids: list = field(default_factory=list)
    low: float = 0.0
    high: float = 0.0
    margin_low: float = 0.0
    margin_high: float = 0.0

    def __post_init__(self):
        self.low, self.high = interval(self.value, None, self.qualifier)
        # A sum of the record's rows is exact; a total as the official source writes it may be rounded.
        margin = 0.0 if self.source == "reference_deployments" else rounding_margin(self.value)
        self.margin_low = self.margin_high = margin


class DeploymentRecord:
    """One subject's deployments in date order, with running sums of each metric's columns."""

    def __init__(self, rows: list[tuple]):
        columns = dict(zip(("date", "file_id", *RECORD_COLUMNS), zip(*rows, strict=True), strict=True))
        self.dates = list(columns["date"])
        self.sums, self.blanks = {}, {}
        for metric, names in RECORD_SUMS.items():
            if not names:
                per_row = itertools.repeat(1, len(self.dates))
            elif len(names) == 1:
                per_row = columns[names[0]]
            else:
                per_row = [None if None in values else sum(values)
                           for values in zip(*(columns[n] for n in names), strict=True)]
            per_row = list(per_row)
            self.sums[metric] = [0, *itertools.accumulate(0 if value is None else value for value in per_row)]
            self.blanks[metric] = [0, *itertools.accumulate(value is None for value in per_row)]
        self.file_positions: dict[int, list[int]] = {}
        for position, file_id in enumerate(columns["file_id"]):
            self.file_positions.setdefault(file_id, []).append(position)

    def first(self) -> str:
        return self.dates[0]

    def last(self) -> str:
        return self.dates[-1]

    def total(self, metric: str, start: str, end: str) -> tuple[OfficialFigure, int]:
        """The metric over the deployments dated start to end (ISO dates, both included), and how many of them
        leave it blank."""
        i, j = bisect.bisect_left(self.dates, start), bisect.bisect_right(self.dates, end)
        files = sorted(file_id for file_id, positions in self.file_positions.items()
                       if (k := bisect.bisect_left(positions, i)) < len(positions) and positions[k] < j)
        official = OfficialFigure(
            self.sums[metric][j] - self.sums[metric][i], "exact", "reference_deployments",
            self.dates[i] if j > i else None, self.dates[j - 1] if j > i else None, j - i, file_ids=files)
        return official, self.blanks[metric][j] - self.blanks[metric][i]


def figure_period(figure) -> tuple[str | None, str | None]:
    """The (start, end) ISO dates a figure's period runs, or None for a side that cannot be placed in time: a start
    stated in words that resolve to no date, or none stated; an end that is the publication date ("so far") of an
    undated article. A running total "so far" is checked to the day it first appeared."""
    start = None if figure.start_unknown or not figure.time_start else figure.time_start[:10]
    if figure.stated_end:
        end = figure.stated_end[:10]
    elif figure.undated_bounds is None and figure.first_published:
        end = figure.first_published[:10]
    else:
        end = None
    return start, end


def _same_period(start: str, end: str, total_start: str, total_end: str, tolerance_days: int) -> bool:
    """One period, by detection's rule for two running totals: starts and ends each within the tolerance."""
    return (abs(dating.day(start) - dating.day(total_start)) <= tolerance_days
            and abs(dating.day(end) - dating.day(total_end)) <= tolerance_days)


def check(database: sqlite_utils.Database, figures: list, claims: dict[int, dict], tolerance_days: int) -> list[tuple]:
    """One row of official_checks (CHECK_COLUMNS) per figure and official source that can speak to it."""
    candidates = [figure for figure in figures if figure.status in CHECKED_STATUSES]
    if not candidates:
        return []
    record_subjects = {subject for (subject,) in database.execute("SELECT DISTINCT subject FROM reference_deployments")}
    totals: dict[tuple, list] = {}
    for row in database.execute(TOTALS_SQL):
        totals.setdefault((row[3], row[2]), []).append(row)
    records: dict[str, DeploymentRecord] = {}
    rows = []
    for figure in candidates:
        # The record counts things: a share or a rate of the same metric is not a sum of its rows.
        has_record = (figure.metric in RECORD_SUMS and figure.subject in record_subjects and figure.unit == "count"
                      and figure.denominator is None)
        group_totals = totals.get((figure.subject, figure.metric), [])
        if not has_record and not group_totals:
            continue
        claim = claims[figure.first_claim()]
        start, end = figure_period(figure)
        if start is None or end is None or start > end:
            source = "reference_deployments" if has_record else "reference_totals"
            why = reasons.unplaced_period(figure, claim)
            rows.append(_row("not_checked", figure, claim, None, start, end, source, why, tolerance_days))
            continue
        if has_record:
            if figure.subject not in records:
                records[figure.subject] = DeploymentRecord(database.execute(RECORD_SQL, [figure.subject]).fetchall())
            rows.append(_against_record(figure, claim, records[figure.subject], start, end, tolerance_days))
        for total_id, file_id, _, _, value, qualifier, total_start, total_end, title in group_totals:
            if _same_period(start, end, total_start, total_end, tolerance_days):
                official = OfficialFigure(value, qualifier, "reference_totals", total_start, total_end, 1,
                                          total_id=total_id, title=title, file_ids=[file_id])
                rows.append(_row(_cause(figure, official), figure, claim, official, start, end, "reference_totals",
                                 None, tolerance_days))
    return rows


def _against_record(figure, claim, record: DeploymentRecord, start, end, tolerance_days) -> tuple:
    source = "reference_deployments"
    if dating.day(start) < dating.day(record.first()) - tolerance_days:
        why = reasons.outside_record("starts", record.first(), start)
        return _row("not_checked", figure, claim, None, start, end, source, why, tolerance_days)
    if dating.day(end) > dating.day(record.last()) + tolerance_days:
        why = reasons.outside_record("ends", record.last(), end)
        return _row("not_checked", figure, claim, None, start, end, source, why, tolerance_days)
    official, blanks = record.total(figure.metric, start, end)
    if blanks:
        why = reasons.blank_in_record(figure.metric, blanks, official.row_count)
        return _row("not_checked", figure, claim, official, start, end, source, why, tolerance_days)
    return _row(_cause(figure, official), figure, claim, official, start, end, source, None, tolerance_days)


def _cause(figure, official: OfficialFigure) -> str:
    return "differs_from_official" if relation(figure, official) == "disjoint" else "matches_official"


CHECK_COLUMNS = ("metric", "subject", "cause", "reason", "evidence", "claim_id", "figure_key", "claim_count",
                 "period_start", "period_end", "official_value", "official_qualifier", "source", "rows_from",
                 "rows_to", "row_count", "total_id", "file_ids")


def _row(cause, figure, claim, official, start, end, source, why, tolerance_days) -> tuple:
    checked = cause != "not_checked"
    return (
        figure.metric, figure.subject, cause,
        reasons.official_reason(cause, figure, claim, official, why),
        reasons.official_evidence(figure, official, start, end, tolerance_days),
        claim["id"], figure.figure_key, figure.claim_count, start, end,
        official.value if checked else None, official.qualifier if checked else None, source,
        official.rows_from if official else None, official.rows_to if official else None,
        official.row_count if official else None, official.total_id if official else None,
        json.dumps(official.file_ids if official else []),
    )


def write(database: sqlite_utils.Database, rows: list[tuple]) -> None:
    database.conn.executemany(
        f"INSERT INTO official_checks ({', '.join(CHECK_COLUMNS)}) VALUES ({', '.join('?' * len(CHECK_COLUMNS))})",
        rows)
