"""Figures: every number a sentence states as a quantity, with its value, unit and qualifier.

A figure is found in the plain text (one regular expression built from nlp/data/numbers.yml), so the same
code serves the cheap sentence filter, `claimwatch figures` and the spaCy component. Labels that look like
numbers (years, dates, ages, clock times, phone and street numbers, "Room 502", "Section 3", scores) are
dropped here; what a figure counts is decided later, in metrics.py.
"""

import functools
import math
import re
from dataclasses import asdict, dataclass
from decimal import Decimal

from spacy.language import Language
from spacy.tokens import Doc

from claimwatch.nlp.resources import alternation, load

if not Doc.has_extension("figures"):
    Doc.set_extension("figures", default=None)


@dataclass
class Figure:
    text: str  # as written, qualifier included: "over 2,000", "£50 million", "under two minutes"
    start: int  # character offsets in the text scanned
    end: int
    value: float
    value_high: float | None
    unit: str  # count, GBP/USD/EUR, percent, ratio, minutes, per_week
    qualifier: str  # exact, approx, at_least, at_most, range
    role: str | None = None  # "from" / "to" when the figure is one end of a change
    metric: str | None = None  # set by the claims component when the figure counts something we track

    @property
    def kind(self) -> str:
        """The unit family a metric accepts: a currency code counts as "currency"."""
        return "currency" if self.unit in load("numbers")["currencies"].values() else self.unit

    def as_dict(self) -> dict:
        return asdict(self)


# --- the pattern --------------------------------------------------------------------------------------


@functools.cache
def _vocabulary() -> dict:
    data = load("numbers")
    words = {**data["units"], **data["tens"], "hundred": 100, **data["scales"], "dozen": data["dozen"]}
    return {"words": words, "data": data}


@functools.cache
def pattern() -> re.Pattern:
    data = _vocabulary()["data"]
    # A small number ("four", "twenty-five") may only follow a multiplier ("two hundred fifty", "one million
    # two hundred thousand"): "four two years ago" is two figures, not six.
    tens = alternation(data["tens"], flags_words_boundary=False)
    unit = alternation(data["units"], flags_words_boundary=False)
    big = alternation(["hundred", "dozen", *data["scales"]], flags_words_boundary=False)
    sep = r"(?:\s+|\s*-\s*)"
    small_number = rf"(?:{tens}(?:{sep}{unit}(?!\w))?|{unit})"
    scale = alternation(data["scales"], flags_words_boundary=False)
    short = alternation(data["short_scales"], flags_words_boundary=False)
    digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    word_number = rf"(?:(?:an?\s+)?(?:{small_number}|{big})(?:{sep}{big}(?:{sep}{small_number})?)*)"
    guard = r"(?<![\w.,])(?<![A-Za-z]-)"
    year = r"(?:1[89]|20)\d\d"  # "30 in 2024" is a figure and a year, not a ratio like "1 in 6,000"
    number = rf"{guard}(?:{digits}(?:\s?{scale}(?!\w)|{short}(?!\w))?|{word_number}(?!\w))(?![\w])"
    qualifiers = [phrase for phrases in data["qualifiers"].values() for phrase in phrases]
    qual = alternation(qualifiers)
    currency = "[" + "".join(re.escape(symbol) for symbol in data["currencies"]) + "]"
    percent = r"(?:%|\s?per\s?cent\b|\s?percent\b)"
    duration = alternation(data["durations"])
    period = alternation(data["periods"])
    per_noun = alternation(data["frequency_nouns"])
    frequency_word = alternation(data["frequency_words"])
    vague = alternation(data["vague_plurals"])
    currency_word = alternation(data["currency_words"])
    return re.compile(
        rf"""
        (?:(?P<qual>{qual})\s+)?
        (?:
            (?P<vague>{vague})\s+of(?!\w)
          | (?P<ratio_n>{number})\s+in\s+(?:every\s+)?(?!{year}(?!\d|,\d))(?P<ratio_d>{number})
          | (?P<freq_word>{frequency_word})\s+(?:a|an|per|each|every)\s+(?P<freq_period>{period})
          | (?P<cur>{currency})\s?(?P<cur_num>{number})
          | (?P<num>{number})
            (?:
                (?P<pct>{percent})
              | \s+(?P<dur>{duration})
              | \s+{per_noun}\s+(?:a|an|per|each|every)\s+(?P<period>{period})
              | \s+(?P<cur_word>{currency_word})
            )?
        )
        """,
        re.IGNORECASE | re.VERBOSE,
    )


# --- numbers ------------------------------------------------------------------------------------------


# SQLite's largest integer: a figure beyond it could not be stored or compared.
LARGEST_FIGURE = 2**63


def parse_number(written: str) -> float:
    """The value of a number as news writes it: "2,000", "1.4k", "£50 million" minus the £, "nine",
    "twenty-five", "a dozen", "one million", "2.5bn". Raises ValueError naming the text otherwise."""
    vocabulary = _vocabulary()
    data = vocabulary["data"]
    text = written.strip().lower()
    match = re.fullmatch(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s?([a-z]*)", text)
    if match:
        number, scale = match.groups()
        multiplier = {**data["scales"], **data["short_scales"], "": 1}.get(scale)
        if multiplier is None:
            raise ValueError(f"not a number: {written!r}")
        return _tidy(float(Decimal(number.replace(",", "")) * multiplier))  # exact: 256.1m is 256100000
    total, current = 0.0, 0.0
    words = [w for w in re.split(r"[\s-]+", text) if w]
    if not words:
        raise ValueError(f"not a number: {written!r}")
    for position, word in enumerate(words):
        if word in ("a", "an") and position == 0:
            current = 1
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "dozen":
            current = (current or 1) * data["dozen"]
        elif word in data["scales"]:
            total += (current or 1) * data["scales"][word]
            current = 0
        elif word in vocabulary["words"]:
            current += vocabulary["words"][word]
        else:
            raise ValueError(f"not a number: {written!r}")
    return _tidy(total + current)


def _tidy(value: float) -> float:
    """Whole numbers as int, the rest rounded off float noise."""
    value = round(value, 10)
    return int(value) if float(value).is_integer() else value


# --- finding figures ----------------------------------------------------------------------------------


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, in order, labels and years left out."""
    figures = []
    for match in pattern().finditer(text):
        figure = _figure(match)
        if figure is not None and not _is_label(text, match, figure):
            figures.append(figure)
    return _mark_changes(text, _merge_ranges(text, figures))


def _figure(match: re.Match) -> Figure | None:
    data = load("numbers")
    group = match.groupdict()
    qualifier = _qualifier(group["qual"])
    unit = "count"
    if group["vague"]:
        vague = data["vague_plurals"][group["vague"].lower()]
        value, qualifier = vague["value"], vague["qualifier"]
    elif group["ratio_n"]:
        denominator = parse_number(group["ratio_d"])
        if not denominator:
            return None
        value, unit = _tidy(parse_number(group["ratio_n"]) / denominator), "ratio"
    elif group["freq_word"]:
        days = data["periods"][group["freq_period"].lower()]
        value, unit = _tidy(data["frequency_words"][group["freq_word"].lower()] * 7 / days), "per_week"
    elif group["cur"]:
        value, unit = parse_number(group["cur_num"]), data["currencies"][group["cur"]]
    else:
        value = parse_number(group["num"])
        if group["pct"]:
            unit = "percent"
        elif group["dur"]:
            value, unit = _tidy(value * data["durations"][group["dur"].lower()] / 60), "minutes"
        elif group["period"]:
            value, unit = _tidy(value * 7 / data["periods"][group["period"].lower()]), "per_week"
        elif group["cur_word"]:
            unit = data["currency_words"][group["cur_word"].lower()]
    if not math.isfinite(value) or abs(value) >= LARGEST_FIGURE:
        return None  # a run of hundreds of digits is no figure anyone states, and no database column holds it
    start, end = match.span()
    return Figure(match.group(0), start, end, value, None, unit, qualifier)


def _qualifier(words: str | None) -> str:
    if not words:
        return "exact"
    phrase = " ".join(words.lower().split())
    for qualifier, phrases in load("numbers")["qualifiers"].items():
        if phrase in phrases:
            return qualifier
    return "exact"


def _words_before(text: str, position: int, count: int = 1) -> list[str]:
    return re.findall(r"[\w'.-]+", text[max(0, position - 40) : position].lower())[-count:]


def _is_label(text: str, match: re.Match, figure: Figure) -> bool:
    """Numbers that name or date something rather than count it."""
    context = load("context")
    written = match.group("num") or ""
    core_start = match.start("num") if written else match.start()
    before = text[max(0, core_start - 2) : core_start]
    after = text[match.end() : match.end() + 20].lower()
    previous = [word.strip(".") for word in _words_before(text, core_start)]
    if previous and previous[-1] in context["label_words"] and figure.unit == "count":
        return True
    months = "|".join(context["months"])
    if previous and previous[-1] in context["months"] or re.match(rf"\s*(?:{months})\b", after):
        return True
    if previous and previous[-1] == "aged" or any(after.lstrip(" -").startswith(p) for p in context["age_phrases"]):
        return True
    followers = re.findall(r"[\w'-]+", after)[:3]
    if followers and followers[0] in context["label_followers"] or set(followers[1:]) & set(context["streets"]):
        return True
    if re.search(r"\d{4}-\d\d-\d\d", text[max(0, match.start() - 8) : match.end() + 6]):
        return True  # part of an ISO date
    if re.search(r"(?:19|20)\d\d[-–/]$", text[max(0, core_start - 5) : core_start]):
        return True  # the second year of "2025-26"
    if re.match(r"[:.]\d", text[match.end() : match.end() + 2]) or before.endswith((":", "+")):
        return True  # clock times, international dialling codes
    if figure.unit == "count" and figure.qualifier == "exact" and re.fullmatch(r"\d+", written.strip()):
        if written.startswith("0") and len(written) > 1 or re.match(r" \d", after) or re.search(r"\d ", before):
            return True  # phone numbers: digit groups separated by spaces
        if len(written) == 4 and 1800 <= int(written) <= 2100:
            return True  # a year
    return False


def _merge_ranges(text: str, figures: list[Figure]) -> list[Figure]:
    """Join "4-10", "4 to 10" and "between 4 and 10" into one figure with a high end; "from 4 to 10" is a
    change, not a range, and stays two figures."""
    merged: list[Figure] = []
    about_a_game = bool(set(re.findall(r"\w+", text.lower())) & set(load("context")["score_words"]))
    for figure in figures:
        if merged and about_a_game and _is_score(text, merged[-1], figure):
            merged.pop()
        elif merged and _is_range(text, merged[-1], figure):
            low = merged.pop()
            unit = figure.unit if low.unit == "count" else low.unit
            if unit != figure.unit:
                merged.extend([low, figure])  # "£5 to 10%": two figures, not a range
                continue
            between = re.search(r"\bbetween\s+$", text[max(0, low.start - 10) : low.start], re.IGNORECASE)
            start = low.start - len(between.group(0)) if between else low.start
            merged.append(Figure(text[start : figure.end], start, figure.end, low.value, figure.value, unit, "range"))
        else:
            merged.append(figure)
    return merged


def _is_score(text: str, first: Figure, second: Figure) -> bool:
    """ "won 3-1": two bare numbers joined by a dash (in a sentence about a game)."""
    return bool(re.fullmatch(r"\s*[-–—]\s*", text[first.end : second.start]))


def _is_range(text: str, low: Figure, high: Figure) -> bool:
    between = text[low.end : high.start]
    if low.qualifier != "exact" or high.qualifier != "exact" or high.value <= low.value:
        return False
    if re.fullmatch(r"\s*(?:-|–|—|to)\s*", between):
        # "from 4 to 10" and "fell by 600 to 10,400" are changes, not ranges
        before = text[max(0, low.start - 40) : low.start]
        return not re.search(r"\b(?:from\s+(?:\w+\s+){0,2}|by\s+)$", before, re.IGNORECASE)
    return bool(
        re.fullmatch(r"\s+and\s+", between)
        and re.search(r"\bbetween\s+$", text[max(0, low.start - 10) : low.start], re.IGNORECASE)
    )


# The object of a change verb, between it and "to"/"from": "halved its drone fleet to 8".
_OBJECT = r"(?:its|the|their|his|her|our)\s+(?:[a-z-]+\s+){0,2}"


def _mark_changes(text: str, figures: list[Figure]) -> list[Figure]:
    """Mark the ends of a change: "from X to Y", "up from X", "rose by N to M", "fell to M", "doubled from X".
    The bare "to" end takes the "from" end's unit ("from four times per week to potentially ten"); "images
    from one million cameras" is no change. A multiplying change gets its other end computed, standing on
    the words that state it ("doubled from 12": 24 now)."""
    context = load("context")
    article = r"(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[a-z]+\s+)?$"
    change = alternation([*context["rise_words"], *context["fall_words"], *context["multiplier_words"]])
    changed = rf"{change}\s+(?:{_OBJECT})?"  # "halved its drone fleet to 8"
    origin = previous = None
    for figure in figures:
        before = text[max(0, figure.start - 40) : figure.start]
        between = text[previous.end : figure.start] if previous is not None else ""
        if previous is not None and previous.role == "to" and re.fullmatch(r"\s*from\s+", between):
            figure.role = "from"  # "slipped to 32,400 from 34,100"
        elif re.search(rf"\b(?:up|down)\s+from\s+{article}", before, re.IGNORECASE):
            figure.role, origin = "from", None
        elif re.search(rf"\bfrom\s+{article}", before, re.IGNORECASE):
            origin = figure
            if re.search(rf"{change}\s+from\s+{article}", before, re.IGNORECASE):
                figure.role = "from"  # "has doubled from 12", even with no "to" end
        elif origin is not None and re.search(r"\bto\s+(?:[a-z]+\s+)?$", before, re.IGNORECASE):
            origin.role, figure.role = "from", "to"
            if figure.unit == "count" and origin.unit != "count":
                figure.unit = origin.unit
            origin = None
        elif re.search(rf"{change}\s+by\s+$", before, re.IGNORECASE):
            figure.role = "by"  # "rose by 20%": the size of the change
        elif re.search(rf"(?:{changed}|\bby\s+\S+\s+)to\s+$", before, re.IGNORECASE):
            figure.role = "to"  # "fell to 32,800", "fallen by 600 to 10,400"
        previous = figure
    _percent_origins(text, figures)
    return sorted(figures + _multiplied(text, figures), key=lambda figure: figure.start)


def _percent_origins(text: str, figures: list[Figure]) -> None:
    """ "rose by 20% to 1,200": the old level, 1,000, is computed exactly and stands on the "20%"; when it is
    not a whole number the percentage stays a bare change, which is no claim."""
    falls = alternation(load("context")["fall_words"])
    for change, level in zip(figures, figures[1:], strict=False):  # each figure with the next
        if change.role != "by" or change.unit != "percent" or level.role != "to" or level.unit != "count":
            continue
        falling = re.search(rf"{falls}\s+by\s+$", text[max(0, change.start - 40) : change.start], re.IGNORECASE)
        ratio = 1 - change.value / 100 if falling else 1 + change.value / 100
        old = _tidy(round(level.value / ratio, 6)) if ratio > 0 else None
        if old is not None and float(old).is_integer():
            change.value, change.unit, change.role = old, "count", "from"
            change.qualifier = level.qualifier if level.qualifier in ("exact", "approx") else "approx"


def _multiplied(text: str, figures: list[Figure]) -> list[Figure]:
    """The computed end of "doubled from 12" (24, now) or "halved to 300" (600, before)."""
    multipliers = load("context")["multiplier_words"]
    word = alternation(multipliers)
    computed = []
    for figure in figures:
        if figure.role not in ("from", "to") or figure.unit != "count":
            continue
        before = text[max(0, figure.start - 40) : figure.start]
        match = re.search(
            rf"(?:(?P<qual>more than|almost|nearly|over)\s+)?(?P<word>{word})\s+(?:{_OBJECT})?(?:from|to)\s+$",
            before,
            re.I,
        )
        if not match or any(other.role == ("to" if figure.role == "from" else "from") for other in figures):
            continue
        factor = multipliers[match.group("word").lower()]
        new = figure.role == "from"
        value = _tidy(figure.value * factor if new else figure.value / factor)
        if not float(value).is_integer():
            continue  # not computed exactly
        qualifier = _qualifier(match.group("qual"))
        if qualifier == "at_least" and not new:
            qualifier = "at_most"  # "more than doubled to 30": it was under 15
        start = figure.start - len(before) + match.start("word")
        end = figure.start - len(before) + match.end("word")
        computed.append(Figure(text[start:end], start, end, value, None, "count", qualifier, "to" if new else "from"))
    return computed + _multiplied_reference(text, figures)


def _multiplied_reference(text: str, figures: list[Figure]) -> list[Figure]:
    """ "flies 15 drones, plans to double that number": the new level, 30, computed from the count before."""
    multipliers = load("context")["multiplier_words"]
    pattern = rf"(?P<word>{alternation(multipliers)})\s+(?:that|this|the)\s+(?:number|figure|total|fleet|amount)\b"
    computed = []
    for match in re.finditer(pattern, text, re.IGNORECASE):
        earlier = [f for f in figures if f.end <= match.start() and f.unit == "count" and f.role is None]
        if not earlier:
            continue
        value = _tidy(earlier[-1].value * multipliers[match.group("word").lower()])
        if float(value).is_integer():
            start, end = match.span("word")
            computed.append(Figure(text[start:end], start, end, value, None, "count", earlier[-1].qualifier, "to"))
    return computed


# --- the spaCy component ------------------------------------------------------------------------------


@Language.factory("claimwatch_figures", default_config={})
def make_figures(nlp: Language, name: str):
    return FigureFinder()


class FigureFinder:
    """Sets doc._.figures: the figures of the doc's text as plain dicts (so docs cross process boundaries
    in nlp.pipe), offsets relative to the doc."""

    def __call__(self, doc: Doc) -> Doc:
        if doc._.figures is None:  # the Extractor's sentence filter may have found them already
            doc._.figures = [figure.as_dict() for figure in find_figures(doc.text)]
        return doc


def figures_if_any(text: str) -> list[Figure]:
    """The sentence filter: only text holding a figure goes through the parser. Most sentences have no digit
    and no number word at all, and are dismissed before the full pattern runs."""
    return find_figures(text) if _could_hold_figure().search(text) else []


@functools.cache
def _could_hold_figure() -> re.Pattern:
    data = load("numbers")
    words = [*_vocabulary()["words"], *data["vague_plurals"], *data["frequency_words"]]
    return re.compile(rf"\d|\b(?:{'|'.join(sorted(words, key=len, reverse=True))})", re.IGNORECASE)
