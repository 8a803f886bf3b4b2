"""What the pages draw, computed in Python so the templates only lay it out: a figure highlighted in its
sentence, and a metric's figures as a Vega-Lite chart (drawn by the vendored vega-embed in publish/static; the
page lists the same figures as a table for readers without JavaScript)."""

import datetime
import json

from markupsafe import Markup

from claimwatch.publish import labels


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


OFFICIAL = "Official record"
OFFICIAL_COLOUR = "#222222"
PALETTE = ["#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#b279a2", "#eeca3b", "#9d755d", "#ff9da6",
           "#bab0ac"]  # Vega's tableau10
MAX_FIGURES = 300  # marks a chart draws: the latest distinct figures of one subject


def _iso_day(value) -> str | None:
    try:
        return datetime.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def _mark(start, end, value, value_high, source, series, **tooltip) -> dict | None:
    """One figure as a chart datum: a span when it covers a period (start before end), else a point at `end`."""
    start, end = _iso_day(start), _iso_day(end)
    if end is None or value is None:
        return None
    span = start is not None and start < end
    return {"start": start if span else end, "end": end, "value": value, "value_high": value_high,
            "source": source, "series": series, "shape": "span" if span else "point", **tooltip}


def figures_spec(figures, official, *, metric_title: str, unit: str | None, label: str) -> dict:
    """A Vega-Lite spec of one subject's figures: each distinct figure one mark, coloured by the outlet that gave it
    first (a legend names them), placed at the time it describes: a period figure ("in the 12 months to
    September", "since 2024") as a span over its period, a point figure as a point at its first publication.
    A figure other sources repeated is ringed; one repeated only by syndicated copies of the same story gets a
    dashed ring (copies are one source, not corroboration); the official record's figures are their own series.
    No line joins the marks: differing figures are not a trend.
    Undated figures are left out (the table lists them)."""
    times = labels.vocabulary()["units"].get(unit, {}).get("times", 1)
    data = []
    for f in list(figures)[-MAX_FIGURES:]:
        repeated = ("by copies of one story" if f.get("copies_only") else "by other sources") \
            if (f.get("claim_count") or 1) > 1 else ""
        end = f["time_end"] if f.get("time_start") and f.get("time_end") else f["first_published"]
        mark = _mark(f.get("time_start"), end, _times(f["value"], times), _times(f.get("value_high"), times),
                     f.get("first_outlet") or "unknown outlet", "press", repeated=repeated,
                     figure=labels.figure(f), status=labels.words(f.get("status"), "statuses"),
                     period=f.get("time_text") or "", first=labels.day(f["first_published"]),
                     given_by=f"{f.get('claim_count') or 1} article(s): {f.get('outlets') or ''}"
                     + (" (syndicated copies of one story)" if f.get("copies_only") else ""))
        if mark:
            data.append(mark)
    for check in official:
        mark = _mark(check["period_start"], check["period_end"], _times(check["official_value"], times), None,
                     OFFICIAL, "official", repeated="", figure=labels.amount(check["official_value"], unit),
                     status="official", period=labels.period(check["period_start"], check["period_end"]),
                     first="", given_by="the official record")
        if mark:
            data.append(mark)
    count = unit in (None, "count")
    y_axis = {"title": f"{metric_title} ({labels.axis_title(unit)})", "tickMinStep": 1 if count else None,
              "format": ",d" if count else "~g"}
    x = {"field": "start", "type": "temporal", "title": "When the figure applies (a bar spans a period)",
         "axis": {"format": "%-d %b %Y", "tickCount": 6, "labelOverlap": True}}
    # Outlets in order of their first figure, each its own colour; the official record always dark grey.
    outlets = list(dict.fromkeys(d["source"] for d in data if d["series"] == "press"))
    domain = outlets + ([OFFICIAL] if any(d["series"] == "official" for d in data) else [])
    color = {"field": "source", "type": "nominal", "title": "Given first by",
             "scale": {"domain": domain, "range": [PALETTE[i % len(PALETTE)] for i in range(len(outlets))]
                       + ([OFFICIAL_COLOUR] if len(domain) > len(outlets) else [])},
             "legend": {"orient": "bottom", "columns": 2, "labelLimit": 260}}
    tooltip = [{"field": key, "title": title} for key, title in
               (("figure", "figure"), ("source", "first given by"), ("first", "first published"),
                ("status", "what it is"), ("period", "period"), ("given_by", "given by"))]
    y = {"field": "value", "type": "quantitative", "title": y_axis["title"], "scale": {"zero": True},
         "axis": {key: value for key, value in y_axis.items() if value is not None}}
    spans = {"filter": "datum.shape == 'span'"}
    points = {"filter": "datum.shape == 'point'"}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": label,
        "width": "container", "height": 280, "autosize": {"type": "fit-x", "contains": "padding"},
        "data": {"values": data},
        "encoding": {"x": x, "y": y, "color": color, "tooltip": tooltip},
        "layer": [
            {"transform": [spans, {"filter": "datum.series == 'press'"}],
             "mark": {"type": "rule", "strokeWidth": 6, "strokeCap": "round", "opacity": 0.85},
             "encoding": {"x2": {"field": "end"}}},
            # The official record's periods drawn thin and dashed over the press's, so a match shows both.
            {"transform": [spans, {"filter": "datum.series == 'official'"}],
             "mark": {"type": "rule", "strokeWidth": 2, "strokeDash": [6, 3]}, "encoding": {"x2": {"field": "end"}}},
            {"transform": [{"filter": "datum.value_high != null"}],
             "mark": {"type": "rule", "strokeWidth": 2}, "encoding": {"y2": {"field": "value_high"}}},
            {"transform": [points], "mark": {"type": "point", "filled": True, "size": 90, "opacity": 1},
             "encoding": {"shape": {"field": "series", "type": "nominal", "title": "Source",
                                    "scale": {"domain": ["press", "official"][:len(domain) - len(outlets) + 1],
                                              "range": ["circle", "square"]},
                                    "legend": {"orient": "bottom", "direction": "vertical"}}}},
            {"transform": [{"filter": "datum.repeated == 'by other sources'"}],
             "mark": {"type": "point", "filled": False, "size": 260, "strokeWidth": 1.5},
             "encoding": {"x": {"field": "end", "type": "temporal"}}},
            {"transform": [{"filter": "datum.repeated == 'by copies of one story'"}],
             "mark": {"type": "point", "filled": False, "size": 260, "strokeWidth": 1.5, "strokeDash": [3, 2]},
             "encoding": {"x": {"field": "end", "type": "temporal"}}},
        ],
    }


def _times(value, times):
    return None if value is None else float(value) * times


def spec_json(spec: dict) -> Markup:
    """The spec as JSON safe inside <script type="application/json">: no "</script>" can close it early."""
    return Markup(json.dumps(spec, default=str).replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("&", "\\u0026"))
