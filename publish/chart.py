"""What the pages draw, computed in Python so the templates only lay it out: a figure highlighted in its
sentence, and a metric's timeline as SVG coordinates (no JavaScript, nothing fetched from elsewhere)."""

import datetime
from dataclasses import dataclass, field

from markupsafe import Markup, escape


def highlight(sentence: str, figure_text: str, figure_start: int | None = None) -> tuple[str, str, str]:
    """Split `sentence` into (before, figure, after) around the figure.

    `figure_start` is the figure's offset inside the sentence when known; otherwise the first occurrence
    of `figure_text` is used, and a figure not found leaves the sentence whole."""
    sentence, figure_text = sentence or "", figure_text or ""
    if figure_start is None or sentence[figure_start:figure_start + len(figure_text)] != figure_text:
        figure_start = sentence.find(figure_text) if figure_text else -1
    if figure_start < 0:
        return sentence, "", ""
    end = figure_start + len(figure_text)
    return sentence[:figure_start], sentence[figure_start:end], sentence[end:]


def figure_offset_in_sentence(text: str | None, sentence: str, char_start: int) -> int | None:
    """Where the figure at `char_start` of the article text stands in its sentence, or None.

    Claims record offsets into the article text; the same figure can appear twice in one sentence
    ("from 9 to 9"), so the article text says which occurrence is meant."""
    if not text or not sentence or char_start is None:
        return None
    # The nearest occurrence of the sentence that starts at or before the figure.
    start = text.rfind(sentence, 0, char_start + len(sentence))
    while start > char_start:
        start = text.rfind(sentence, 0, start + len(sentence) - 1)
    if start >= 0 and char_start < start + len(sentence):
        return char_start - start
    return None


def words_around(before: str, after: str, characters: int) -> tuple[str, str]:
    """The last and first `characters` of the text either side of a sentence, cut at a space, with "…" where
    text was cut."""
    if len(before) > characters:
        before = "…" + before[-characters:].split(" ", 1)[-1]
    if len(after) > characters:
        after = after[:characters].rsplit(" ", 1)[0] + "…"
    return before, after


@dataclass
class Point:
    x: float
    y: float
    label: str
    date: str
    value: float


@dataclass
class Timeline:
    width: int
    height: int
    points: list[Point]
    y_ticks: list[tuple[float, str]]
    x_ticks: list[tuple[float, str]]
    official: list[Point] = field(default_factory=list)  # what the official record gives for the same periods


def _day(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:.3g}"


def _dated(rows) -> list[tuple]:
    return [(day, float(value), label) for date, value, label in rows
            if (day := _day(date)) is not None and value is not None]


def timeline(rows, width=720, height=260, margin=48, official=()) -> Timeline:
    """Place (date, value, label) rows on a chart: x by date, y by value from zero. Undated rows are dropped.
    `official` rows (the official record's figure for each checked press figure, at the press figure's date) share
    the axes, so a gap between a press point and the official mark under it is a difference."""
    dated, official = _dated(rows), _dated(official)
    if not dated:
        return Timeline(width, height, [], [], [])
    every = dated + official
    first, last = min(d for d, _, _ in every), max(d for d, _, _ in every)
    span = max((last - first).days, 1)
    top = max(max(v for _, v, _ in every), 0.0) or 1.0
    bottom = min(min(v for _, v, _ in every), 0.0)
    plot_w, plot_h = width - 2 * margin, height - 2 * margin

    def x(day):
        return round(margin + plot_w * ((day - first).days / span if last != first else 0.5), 1)

    def y(value):
        return round(height - margin - plot_h * (value - bottom) / (top - bottom), 1)

    points = [Point(x(day), y(value), label, day.isoformat(), value) for day, value, label in sorted(dated)]
    y_ticks = [(y(bottom + (top - bottom) * i / 4), _number(bottom + (top - bottom) * i / 4)) for i in range(5)]
    x_ticks = [(x(first), first.isoformat())] + ([(x(last), last.isoformat())] if last != first else [])
    marks = [Point(x(day), y(value), label, day.isoformat(), value) for day, value, label in sorted(official)]
    return Timeline(width, height, points, y_ticks, x_ticks, marks)


def svg(plot: Timeline, label: str) -> Markup:
    """The timeline as inline SVG; built here rather than in Jinja because a metric can have hundreds of points."""
    if not plot.points:
        return Markup("<p>No dated figures yet.</p>")
    right = plot.width - 48
    parts = [f'<svg class="timeline" role="img" aria-label="{escape(label)}" viewBox="0 0 {plot.width} {plot.height}"'
             f' width="{plot.width}" height="{plot.height}">']
    for y, tick in plot.y_ticks:
        parts.append(f'<line class="grid" x1="48" x2="{right}" y1="{y}" y2="{y}"/>'
                     f'<text class="tick" x="44" y="{y + 4}" text-anchor="end">{escape(tick)}</text>')
    for x, tick in plot.x_ticks:
        parts.append(f'<text class="tick" x="{x}" y="{plot.height - 24}" text-anchor="middle">{escape(tick)}</text>')
    parts.append(f'<polyline class="line" points="{" ".join(f"{p.x},{p.y}" for p in plot.points)}"/>')
    for p in plot.points:
        title = f"{_number(p.value)} first seen {p.date}" + (f"; given by {p.label}" if p.label else "")
        parts.append(f'<circle class="point" cx="{p.x}" cy="{p.y}" r="5"><title>{escape(title)}</title></circle>')
    for p in plot.official:
        title = f"official record: {_number(p.value)}" + (f" {p.label}" if p.label else "")
        parts.append(f'<rect class="official" x="{p.x - 4}" y="{p.y - 4}" width="8" height="8">'
                     f'<title>{escape(title)}</title></rect>')
    if plot.official:
        parts.append(f'<text class="tick" x="{right}" y="16" text-anchor="end">● press figures  ■ official record'
                     ' for the same period</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
