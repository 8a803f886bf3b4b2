"""What detection says about two figures: `reason`, one sentence a reader understands without the rules, and
`evidence`, the interval arithmetic behind it for those who want to check (docs/detection.md, section 4)."""

import datetime
import math

from claimwatch.db import dating

STATUS_WORDS = {
    "current": "what exists now",
    "planned": "a plan or target",
    "cumulative": "a running total",
    "past": "a figure for an earlier time",
}


def number(value: float) -> str:
    if value == math.inf:
        return "∞"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) >= 1 else f"{value:.6g}"


def interval_text(low: float, high: float) -> str:
    return f"[{number(low)}, ∞)" if high == math.inf else f"[{number(low)}, {number(high)}]"


def _date_words(published: str | None) -> str | None:
    try:
        return dating.in_words(datetime.date.fromisoformat(published[:10]).toordinal()) if published else None
    except ValueError:
        return None


def _days_between(first: str | None, second: str | None) -> int | None:
    try:
        return abs((datetime.date.fromisoformat(first[:10]) - datetime.date.fromisoformat(second[:10])).days)
    except (TypeError, ValueError):
        return None


def _source(claim: dict) -> str:
    return f"{claim['outlet']} ({_date_words(claim['published']) or 'undated'})"


def _period(figure, claim: dict) -> str:
    """The period a figure covers, in the article's words when it has them."""
    if claim.get("time_text"):
        return claim["time_text"]
    if figure.time_start or figure.stated_end:
        start, end = (_date_words(iso) for iso in (figure.time_start, figure.stated_end))
        return f"from {start or 'an unstated start'} to {end or 'publication'}"
    return "with no period stated"


def _days(count: float) -> str:
    return "the same day" if count == 0 else f"{number(count)} day{'s' if count != 1 else ''} apart"


def _undated_side(figure, claim: dict) -> str | None:
    """Why one side cannot be placed in time, or None when it can."""
    if figure.start_unknown:
        return f"{claim['outlet']}'s period “{claim['time_text']}” resolves to no date"
    if figure.undated_bounds is not None:
        low, high = figure.undated_bounds
        placed = dating.bounds_in_words(low, high)
        return f"{claim['outlet']}'s article carries no date (it can only be placed {placed})"
    return None


def reason(cause: str, a, b, claim_a: dict, claim_b: dict) -> str:
    """One sentence: who says what, when, and the rule in plain terms."""
    said_a, said_b = _source(claim_a), _source(claim_b)
    text_a, text_b = claim_a["figure_text"], claim_b["figure_text"]
    fewest, most = dating.gap_range(a.when, b.when)
    said = f"{said_a} says {text_a}; {said_b} says {text_b}."
    if cause == "conflict":
        if a.status == "current":
            # The days between the two dates the sentence names, not between a figure's other copies.
            named = _days_between(claim_a["published"], claim_b["published"])
            shown = most if named is None else named
            when = "now" if shown == 0 else f"now, {_days(shown)}"
            return f"{said} Both describe what exists {when}, so they cannot both be right."
        if a.status == "planned":
            return f"{said} Both describe the same plan, so they cannot both be right."
        return (f"{said} Both cover the same period ({_period(a, claim_a)}; {_period(b, claim_b)}), so they cannot"
                " both be right.")
    if cause == "undated":
        sides = [side for side in (_undated_side(a, claim_a), _undated_side(b, claim_b)) if side]
        return (f"{said} They would conflict if they described the same time, but {' and '.join(sides)}: a reviewer"
                " must place them in time.")
    if cause == "rounding":
        rounded, rounded_claim = (a, claim_a) if a.margin_low >= b.margin_low else (b, claim_b)
        low, high = rounded.low - rounded.margin_low, rounded.high + rounded.margin_high
        return (f"{said} “{rounded_claim['figure_text']}” may be rounded from anything between {number(low)} and"
                f" {number(high)}, so they are likely the same figure rounded differently.")
    if cause == "revised":
        date_a, date_b = (_date_words(claim["published"]) or "an unknown date" for claim in (claim_a, claim_b))
        return f"{claim_a['outlet']} said {text_a} on {date_a} and {text_b} on {date_b}: it revised its own figure."
    if cause == "different_status":
        return (f"{said_a} gives {text_a} as {STATUS_WORDS.get(a.status, a.status)}; {said_b} gives {text_b} as"
                f" {STATUS_WORDS.get(b.status, b.status)}. They measure different things, so both can be right.")
    if cause == "different_denominator":
        per_a, per_b = ((figure.denominator or "nothing stated").replace("_", " ") for figure in (a, b))
        return (f"{said_a} measures {text_a} against {per_a}; {said_b} measures {text_b} against {per_b}. They are"
                " rates of different things, so both can be right.")
    if cause == "different_period":
        if a.status in ("current", "planned"):
            return (f"{said} They describe moments at least {_days(fewest)}, and the figure may have changed in"
                    " between, so both can be right.")
        return (f"{said_a} gives {text_a} {_period(a, claim_a)}; {said_b} gives {text_b} {_period(b, claim_b)}. They"
                " cover different periods, so both can be right.")
    if a is b:
        return f"{said_a} and {said_b} both give {text_a}, independently."
    return f"{said} Both can be right at the same time, so they agree."


def _when(figure) -> str:
    first_low, first_high, last_low, last_high = figure.when
    if figure.undated_bounds is None:
        first, last = (dating.iso(day) for day in (first_low, last_low))
        return first if first == last else f"{first} to {last}"
    low, high = (dating.iso(day) if math.isfinite(day) else "…" for day in figure.undated_bounds)
    return f"undated, {low} to {high}"


def evidence(cause: str, a, b, tolerance_days: int) -> str:
    """The arithmetic: each figure's interval (and rounding margin), its days, and the gap between them."""
    values = f"values {interval_text(a.low, a.high)} and {interval_text(b.low, b.high)}"
    if cause == "rounding":
        values += (f", with rounding margins {interval_text(a.low - a.margin_low, a.high + a.margin_high)} and"
                   f" {interval_text(b.low - b.margin_low, b.high + b.margin_high)}")
    fewest, most = dating.gap_range(a.when, b.when)
    gap = number(fewest) if fewest == most else f"{number(fewest)} to {number(most)}"
    moment = "moment" if a.status in ("current", "planned") else "period"
    parts = [values, f"days {_when(a)} and {_when(b)}, {gap} days apart (one {moment} within {tolerance_days})",
             f"status {a.status} and {b.status}"]
    if a.time_start or b.time_start:
        parts.append(f"starts {a.time_start or 'unstated'} and {b.time_start or 'unstated'}")
    if a.denominator or b.denominator:
        parts.append(f"per {a.denominator or 'nothing stated'} and {b.denominator or 'nothing stated'}")
    return "; ".join(parts)


# --- a press figure beside the official record (db/official.py) -------------------------------------------

RECORD_WORDS = {
    "lfr_deployments": "deployments",
    "lfr_alerts": "alerts",
    "lfr_false_alerts": "false alerts",
    "lfr_arrests": "arrests",
    "lfr_faces_scanned": "faces seen",
}


def _iso_words(iso: str | None) -> str:
    return _date_words(iso) or "an unknown date"


def unplaced_period(figure, claim: dict) -> str:
    if figure.start_unknown:
        return f"its period “{claim['time_text']}” resolves to no date"
    if not figure.time_start:
        return "it states no start for its period"
    if figure.undated_bounds is not None and not figure.stated_end:
        return "its article carries no date, so where its period ends is unknown"
    return "its period cannot be placed in time"


def outside_record(side: str, record_day: str, figure_day: str) -> str:
    """Why a period reaching beyond the deployment record is not checked."""
    if side == "starts":
        return (f"the deployment record starts on {_iso_words(record_day)}, and this period starts earlier, on"
                f" {_iso_words(figure_day)}")
    return (f"the deployment record ends on {_iso_words(record_day)}, and this period ends later, on"
            f" {_iso_words(figure_day)}")


def blank_in_record(metric: str, blanks: int, deployments: int) -> str:
    return (f"the deployment record leaves the {RECORD_WORDS.get(metric, metric)} blank for {blanks} of the"
            f" {deployments} deployments in this period")


def _official_words(figure, official) -> str:
    """Where the official figure comes from, in words: "the deployment record gives 962 for ... (52 deployments)"."""
    if official.source == "reference_totals":
        title = f"the official total “{official.title}”" if official.title else "an official total"
        return (f"{title} gives {number(official.value)} for {_iso_words(official.rows_from)} to"
                f" {_iso_words(official.rows_to)}")
    count = f"{official.row_count} deployment{'s' if official.row_count != 1 else ''}"
    return (f"the {figure.subject} deployment record gives {number(official.value)}"
            f" {RECORD_WORDS.get(figure.metric, figure.metric)} over {count} in that period")


def official_reason(cause: str, figure, claim: dict, official, why: str | None) -> str:
    """One sentence: who says what for which period, what the official record gives, and whether it bears it out."""
    said = f"{_source(claim)} says {claim['figure_text']} {_period(figure, claim)}"
    if cause == "not_checked":
        return f"{said}, but {why}, so the official record cannot check it."
    gives = _official_words(figure, official)
    if cause == "differs_from_official":
        return f"{said}; {gives}, so the official record does not bear it out."
    if official.low > figure.high or official.high < figure.low:  # only once the press figure's rounding is allowed
        return (f"{said}; {gives}. “{claim['figure_text']}” may be rounded from anything between"
                f" {number(figure.low - figure.margin_low)} and {number(figure.high + figure.margin_high)}, so the"
                " official record bears it out.")
    return f"{said}; {gives}, so the official record bears it out."


def official_evidence(figure, official, start: str | None, end: str | None, tolerance_days: int) -> str:
    """The arithmetic: both intervals, the period checked and the rows the official figure was computed from."""
    parts = [f"press {interval_text(figure.low, figure.high)}"
             + (f" (rounding margin {interval_text(figure.low - figure.margin_low, figure.high + figure.margin_high)})"
                if figure.margin_low or figure.margin_high else "")]
    parts.append(f"period {start or 'unresolved'} to {end or 'unresolved'}")
    if official is not None:
        parts.append(f"official {interval_text(official.low, official.high)}")
        if official.source == "reference_deployments":
            rows = (f"{official.row_count} rows dated {official.rows_from} to {official.rows_to}" if official.row_count
                    else "no rows")
            parts.append(f"sum over reference_deployments of {figure.subject}: {rows}")
        else:
            parts.append(f"reference_totals row {official.total_id}, {official.rows_from} to {official.rows_to}"
                         f" (one period within {tolerance_days} days)")
            return "; ".join(parts)
    parts.append(f"the deployment record checks periods up to {tolerance_days} days beyond its first and last"
                 " deployment")
    return "; ".join(parts)
