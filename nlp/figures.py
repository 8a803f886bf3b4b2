"""Figures: every number a sentence states as a quantity, with its value, unit and qualifier.

A figure is found in the plain text (one regular expression built from nlp/data/numbers.yml), so the same
code serves the cheap sentence filter, `claimwatch figures` and the spaCy component. Labels that look like
numbers (years, dates, ages, clock times, phone and street numbers, "Room 502", "Section 3", scores) are
dropped here; what a figure counts is decided later, in metrics.py.
"""

import functools
import math
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from claimwatch.nlp import numbers
from claimwatch.nlp.numbers import tidy
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
    role: str | None = None  # "from" / "to" when the figure is one end of a change, "by" for its size
    change: str | None = None  # "up" / "down" when the figure is the size of a change: "a 30% rise", "fell by 200"
    metric: str | None = None  # set by the claims component when the figure counts something we track
    # the value is a division the words imply ("1 in 6,000", "two thirds", "70 seconds" in minutes, "ten a month"
    # a week): a claim gives it to three significant figures (numbers.three_figures), the figure itself exactly
    divided: bool = False
    vague: bool = False  # "thousands of", "several thousand": an order of size, not a figure a claim can state

    @property
    def kind(self) -> str:
        """The unit family a metric accepts: a currency code counts as "currency"."""
        return "currency" if self.unit in _currencies().values() else self.unit

    def as_dict(self) -> dict:
        return dict(vars(self))  # its fields are plain values: dataclasses.asdict's deep copy costs 2% of a run


# --- the pattern --------------------------------------------------------------------------------------

# Each number the grammar (numbers.py) reads stands in the text the pattern scans as a run of this one
# character, so the pattern sees "one hundred and six" as one token and offsets stay those of the text.
NUMBER = "\ue000"


@functools.cache
def _currencies() -> dict[str, str]:
    """Symbol or ISO code -> ISO code: "£" and "GBP" are GBP."""
    return load("numbers")["currencies"] | load("numbers")["currency_codes"]


@functools.cache
def pattern() -> re.Pattern:
    data = load("numbers")
    number = rf"(?<![\w.,{NUMBER}])(?<![A-Za-z]-){NUMBER}+(?![\w])"
    qualifiers = [phrase for phrases in data["qualifiers"].values() for phrase in phrases]
    qual = alternation(qualifiers)
    symbol = alternation([sign for signs in data["qualifier_symbols"].values() for sign in signs], False)
    suffix = alternation([phrase for phrases in data["suffix_qualifiers"].values() for phrase in phrases])
    codes = alternation(data["currency_codes"], flags_words_boundary=False)
    currency = "(?:[" + "".join(re.escape(symbol) for symbol in data["currencies"]) + rf"]|(?-i:\b{codes}))"
    percent = alternation(data["percent_signs"], flags_words_boundary=False)
    duration = alternation(data["durations"])
    period = alternation(data["periods"])
    per_noun = alternation(data["frequency_nouns"])
    frequency_word = alternation(data["frequency_words"])
    vague = alternation(data["vague_plurals"])
    vague_of = alternation([word for word in data["vague_plurals"] if word.rstrip("s") in data["scales"]])
    several = alternation(data["vague_multipliers"])
    currency_word = alternation(data["currency_words"])
    zero = _zero_pattern()
    return re.compile(
        rf"""
        (?:(?P<qual>{qual})\s+|(?P<symbol>{symbol})\s*)?
        (?:
            (?P<vague>{vague})(?:\s+of\s+(?P<vague_of>{vague_of}))?\s+of(?!\w)
          | (?P<zero>{zero})
          | (?P<freq_word>{frequency_word})\s+(?:a|an|per|each|every)\s+(?P<freq_period>{period})
          | (?P<cur>{currency})\s?(?P<cur_num>{NUMBER}+(?![\w]))
          | (?:(?P<several>{several})\s+)?(?P<num>{number})
            (?:
                \s?(?P<pct>{percent})(?!\w)
              | \s+{per_noun}\s+(?:a|an|per|each|every)\s+(?P<period>{period})
              | [\s-]+(?P<dur>{duration})
              | \s+(?P<cur_word>{currency_word})
            )?
        )
        (?:\s+(?P<suffix>{suffix})(?!\s+(?:(?:than|to)\s+)?{NUMBER}))?
        """,
        re.IGNORECASE | re.VERBOSE,
    )


@functools.cache
def _zero_pattern() -> str:
    """ "no false alerts", "none of the alerts": zero, where it counts something of the metric vocabulary."""
    from claimwatch.nlp.metrics import vocabulary_forms

    nouns = alternation(vocabulary_forms())
    words = load("numbers")["zero_words"]
    before_noun, before_of = alternation(words["before_noun"]), alternation(words["before_of"])
    return rf"{before_noun}(?=\s+(?:[a-z-]+\s+){{0,2}}?{nouns})|{before_of}(?=\s+of\b)"


# SQLite's largest integer: a figure beyond it could not be stored or compared.
LARGEST_FIGURE = 2**63


def parse_number(written: str) -> float:
    """The value of a number as news writes it (numbers.py): "2,000", "1.4k", "nine", "one hundred and six",
    "a quarter of a million". Raises ValueError naming the text otherwise."""
    return numbers.parse_number(written)


# --- finding figures ----------------------------------------------------------------------------------


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, in order, labels and years left out."""
    found = numbers.find_numbers(text)
    masked = list(text.replace(NUMBER, "\ufffd"))  # the text's own placeholder characters are not numbers
    for number in found:
        masked[number.start : number.end] = NUMBER * (number.end - number.start)
    by_start = {number.start: number for number in found}
    figures = []
    for match in pattern().finditer("".join(masked)):
        figure = _figure(text, match, by_start)
        if figure is not None and not _is_label(text, match, figure):
            figures.append(figure)
    return _mark_changes(text, _merge_ranges(text, figures))


def _figure(text: str, match: re.Match, numbers_at: dict) -> Figure | None:
    data = load("numbers")
    group = match.groupdict()
    qualifier = _qualifier(group["qual"] or group["symbol"])
    unit, divided = "count", False
    if group["vague"]:
        vague = data["vague_plurals"][group["vague"].lower()]
        value, qualifier = vague["value"], vague["qualifier"]
        if group["vague_of"]:  # "hundreds of thousands of"
            value *= data["scales"][group["vague_of"].lower().rstrip("s")]
    elif group["zero"]:
        value = 0
    elif group["freq_word"]:
        days = data["periods"][group["freq_period"].lower()]
        value, unit, divided = tidy(data["frequency_words"][group["freq_word"].lower()] * 7 / days), "per_week", True
    elif group["cur"]:
        value, unit = numbers_at[match.start("cur_num")].value, _currencies()[group["cur"]]
    else:
        number = numbers_at[match.start("num")]
        value, divided = number.value, number.ratio or number.proper_fraction
        if number.ratio:
            unit = "ratio"
        if group["several"]:  # "several thousand": at least three thousand
            value, qualifier = value * data["vague_multipliers"][" ".join(group["several"].lower().split())], "at_least"
        if group["pct"]:
            unit = "percent"
        elif group["dur"]:
            seconds = data["durations"][group["dur"].lower()]
            value, unit, divided = tidy(value * seconds / 60), "minutes", seconds != 60  # "10.25 minutes" is as told
        elif group["period"]:
            value, unit, divided = tidy(value * 7 / data["periods"][group["period"].lower()]), "per_week", True
        elif group["cur_word"]:
            unit = data["currency_words"][group["cur_word"].lower()]
        elif number.proper_fraction and unit == "count":
            unit = "ratio"
            if re.match(r"\s+of\s+(?!a\b|an\b)[a-z]", text[match.end() :], re.IGNORECASE):
                value, unit = tidy(value * 100), "percent"  # "two thirds of Londoners": 66.7 per cent
    if group["suffix"]:
        qualifier = _qualifier(group["suffix"], qualifier)
    if not math.isfinite(value) or abs(value) >= LARGEST_FIGURE:
        return None  # a run of hundreds of digits is no figure anyone states, and no database column holds it
    start, end = match.span()
    return Figure(text[start:end], start, end, value, None, unit, qualifier, divided=divided,
                  vague=bool(group["vague"] or group["several"]))


def _qualifier(words: str | None, before: str = "exact") -> str:
    """The qualifier `words` say; a suffix that only repeats the bound ("less than 5000 or equal") keeps
    `before`."""
    if not words:
        return before
    phrase = " ".join(words.lower().split())
    data = load("numbers")
    for qualifier, phrases in [*data["qualifiers"].items(), *data["qualifier_symbols"].items(),
                               *data["suffix_qualifiers"].items()]:
        if phrase in phrases or phrase.replace(" ", "") in phrases:
            return before if qualifier == "same" else qualifier
    return before


def _words_before(text: str, position: int, count: int = 1) -> list[str]:
    return re.findall(r"[\w'.-]+", text[max(0, position - 40) : position].lower())[-count:]


def _is_label(text: str, match: re.Match, figure: Figure) -> bool:
    """Numbers that name or date something rather than count it."""
    context = load("context")
    written = text[match.start("num") : match.end("num")] if match.group("num") else ""
    core_start = match.start("num") if written else match.start()
    before = text[max(0, core_start - 2) : core_start]
    after = text[match.end() : match.end() + 20].lower()
    previous = [word.strip(".") for word in _words_before(text, core_start)]
    if previous and previous[-1] in context["label_words"] and figure.unit == "count":
        return True
    months = "|".join(context["months"])
    if previous and previous[-1] in context["months"] or re.match(rf"\s*(?:{months})\b", after):
        return True
    person_of = _words_before(text, core_start, 2)  # "a man of 73"
    aged = len(person_of) == 2 and person_of[1] == "of" and person_of[0] in context["placeholder_nouns"]
    aged = aged or previous and previous[-1] == "aged"
    if aged or any(after.lstrip(" -").startswith(p) for p in context["age_phrases"]):
        return figure.qualifier == "exact"  # an age names someone; "over thirty years old" is a bound
    followers = re.findall(r"[\w'-]+", after)[:3]
    if followers and followers[0] in context["label_followers"] or set(followers[1:]) & set(context["streets"]):
        return True
    if re.search(r"\d{4}-\d\d-\d\d", text[max(0, match.start() - 8) : match.end() + 6]):
        return True  # part of an ISO date
    if re.search(r"(?:19|20)\d\d[-–/]$", text[max(0, core_start - 5) : core_start]):
        return True  # the second year of "2025-26"
    if re.search(r"\+\d+(?:-\d+)*[-/]$", text[max(0, core_start - 20) : core_start]):
        return True  # a group of an international phone number, "+1-222-2222"
    if re.match(r"[:.]\d", text[match.end() : match.end() + 2]) or before.endswith((":", "+")):
        return True  # clock times, international dialling codes
    if figure.unit == "count" and figure.qualifier == "exact" and re.fullmatch(r"\d+", written.strip()):
        if written.startswith("0") and len(written) > 1 or _digit_group_after(text, match.end()) or re.search(
            r"\d ", before
        ):
            return True  # phone numbers: digit groups separated by spaces
        if len(written) == 4 and 1800 <= int(written) <= 2100:
            return True  # a year
    return False


def _digit_group_after(text: str, position: int) -> bool:
    """A bare group of digits after one space: the next group of a phone number ("020 7946 0000"), where
    "4000 3 hundred and 21" is two numbers."""
    if not re.match(r" \d", text[position : position + 2]):
        return False
    following = numbers.find_numbers(text[position + 1 : position + 40])
    return not following or bool(re.fullmatch(r"\d+", text[position + 1 : position + 1 + following[0].end]))


def _merge_ranges(text: str, figures: list[Figure]) -> list[Figure]:
    """Join "4-10", "4 to 10", "20 through 100", "between 4 and 10", "ranging from 4 to 10" and bounds on both
    sides ("more than 20 and less than 35", "at most 100 and at least 20") into one figure with a high end;
    "rose from 4 to 10" is a change, not a range, and stays two figures."""
    merged: list[Figure] = []
    about_a_game = bool(set(re.findall(r"\w+", text.lower())) & set(load("context")["score_words"]))
    for figure in figures:
        if merged and about_a_game and _is_score(text, merged[-1], figure):
            merged.pop()
            continue
        ends = _range_ends(text, merged[-1], figure) if merged else None
        if ends is None:
            merged.append(figure)
            continue
        first = merged.pop()
        low, high = ends
        unit = figure.unit if first.unit == "count" else first.unit
        if figure.unit not in (unit, "count"):
            merged.extend([first, figure])  # "£5 to 10%": two figures, not a range
            continue
        opener = re.search(r"\b(?:between|from)\s+$", text[max(0, first.start - 10) : first.start], re.I)
        start = first.start - len(opener.group(0)) if opener else first.start  # "between 4 and 10", "from 4 to 10"
        merged.append(Figure(text[start : figure.end], start, figure.end, low, high, unit, "range",
                             divided=first.divided or figure.divided))
    return merged


def _range_openers() -> str:
    return alternation(load("numbers")["range_openers"], flags_words_boundary=False)


def _is_score(text: str, first: Figure, second: Figure) -> bool:
    """ "won 3-1": two bare numbers joined by a dash (in a sentence about a game); "a false match rate of 1-2
    per cent" is a range."""
    if second.unit != "count" or first.unit != "count":
        return False
    return bool(re.fullmatch(r"\s*[-–—]\s*", text[first.end : second.start]))


def _range_ends(text: str, first: Figure, second: Figure) -> tuple[float, float] | None:
    """(low, high) when two figures in a row state one range, else None."""
    between = text[first.end : second.start]
    if first.role or first.value_high is not None or second.value_high is not None:
        return None
    if re.search(r"\+\d+-$", text[max(0, first.start - 5) : first.start]):
        return None  # "+1-222-2222": a phone number
    bounds = {first.qualifier, second.qualifier}
    if bounds == {"at_least", "at_most"} and re.fullmatch(r"\s*(?:,|and|but|,\s*(?:and|but))\s*", between, re.I):
        low, high = (first, second) if first.qualifier == "at_least" else (second, first)
        return (low.value, high.value) if low.value < high.value else None
    if first.qualifier not in ("exact", "approx") or second.qualifier != "exact" or second.value <= first.value:
        return None
    before = text[max(0, first.start - 40) : first.start]
    if re.fullmatch(r"\s*(?:-|–|—|~|to|through)\s*", between, re.I):
        # "from 4 to 10" and "fell by 600 to 10,400" are changes, not ranges; "ranging from 4 to 10" is one
        if re.search(rf"\b{_range_openers()}\s+from\s+$", before, re.I):
            return first.value, second.value
        if re.search(rf"\b(?:from\s+(?:\w+\s+){{0,2}}|by\s+|{_change_nouns()}\s+of\s+)$", before, re.IGNORECASE):
            return None  # "a drop of almost 9,000 to 69,407": the size of a change and where it ends
        return first.value, second.value
    if re.fullmatch(r"\s+and\s+", between) and re.search(r"\bbetween\s+$", before[-10:], re.IGNORECASE):
        return first.value, second.value
    return None


@functools.cache
def _change_nouns(words: str | None = None) -> str:
    """ "a drop of", "an increase of": the nouns of `context.yml change_nouns` (those among `words`, "rise_words" or
    "fall_words", when given), singular or plural; not "made up of", nor "a cut of 1,000 to 1,500" (a range)."""
    context = load("context")
    nouns = [noun for noun in context["change_nouns"] if words is None or noun in context[words]]
    return alternation([*nouns, *(noun + "s" for noun in nouns)])


# When a change happens, between its verb and "by": "shrink next year by 2,300 officers".
_WHEN = r"(?:(?:next|this|last)\s+(?:year|month|week)\s+)?"

# The object of a change verb, between it and "to"/"from": "halved its drone fleet to 8".
_OBJECT = r"(?:its|the|their|his|her|our)\s+(?:[a-z-]+\s+){0,2}"


def _mark_changes(text: str, figures: list[Figure]) -> list[Figure]:
    """Mark the ends of a change: "from X to Y", "up from X", "rose by N to M", "fell to M", "doubled from X".
    The bare "to" end takes the "from" end's unit ("from four times per week to potentially ten"); "images
    from one million cameras" is no change. A multiplying change gets its other end computed, standing on
    the words that state it ("doubled from 12": 24 now)."""
    context = load("context")
    article = r"(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?:[a-z]+\s+)?(?:of\s+)?$"
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
        elif re.search(rf"(?:{change}\s+{_WHEN}by|{_change_nouns()}\s+of)\s+$", before, re.IGNORECASE):
            figure.role = "by"  # "rose by 20%", "a drop of 9,000": the size of the change
        elif re.search(rf"(?:{changed}|\bby\s+\S+\s+|{_change_nouns()}\s+of\s+(?:\S+\s+){{1,3}})to\s+$", before, re.I):
            figure.role = "to"  # "fell to 32,800", "fallen by 600 to 10,400", "a drop of almost 9,000 to 69,407"
        elif re.search(rf"{changed}$", before, re.IGNORECASE) and re.match(r"(?:under|below)\b", figure.text, re.I):
            if not re.search(rf"{alternation(context['cutting_words'])}\s+$", before, re.IGNORECASE):
                figure.role = "to"  # "would drop under 30,000": the level it falls to; "cut under 2,000 posts" cuts
        previous = figure
    _percent_origins(text, figures)
    for before, figure, following in zip([None, *figures], figures, [*figures[1:], None], strict=False):
        figure.change = _direction(text, figure, following)
        if before is not None and before.change and figure.unit == "percent" and \
                re.fullmatch(r"\s*\(\s*", text[before.end : figure.start]) and re.match(r"\s*\)", text[figure.end :]):
            figure.change, figure.role = before.change, before.role  # "fell by 907 (5.5%)": the same change
        if figure.change and figure.role is None and (_is_origin_after(text, figure, following)
                                                       or _FEWER.match(text, figure.end, figure.end + 60)):
            # "down 1,022 from 34,315 to 33,293", "over 6,000 fewer than twelve months earlier": the size of the
            # change its ends, or the earlier time, state
            figure.role = "by"
    computed = _multiplied(text, figures)
    return sorted(figures + computed + _bare_multiplied(text, figures, computed), key=lambda figure: figure.start)


def _is_origin_after(text: str, figure: Figure, following: Figure | None) -> bool:
    """ "down 1,022 from 34,315": the next figure is the level the change started from."""
    return following is not None and following.role == "from" and \
        text[figure.end : following.start].strip().lower() == "from"


# "400 fewer staff", or "1,318 officers (0.9%) fewer than a year before": fewer than at an earlier time, not
# "fewer than the target" nor "less than a year ago".
_FEWER = re.compile(
    r"\s+(?:fewer|less)\b"
    r"|\s+[a-z]+\s+(?:[a-z]+\s+)?(?:\([^)]*\)\s+)?fewer\s+than\s+"
    r"(?:(?:a|the)\s+year\s+(?:before|earlier)|last\s+year|in\s+(?:19|20)\d\d)",
    re.IGNORECASE,
)


def _direction(text: str, figure: Figure, following: Figure | None = None) -> str | None:
    """up or down when the figure is the size of a change: "rose by 20%", "cut by 300", "up 30%", "a 30% rise",
    "down 1,022 from 34,315"; not "down 500 from last year" (what fell is not said here) nor "tracked down 200
    from the watchlist"."""
    if figure.role in ("from", "to"):
        return None
    context = load("context")
    rises, falls = alternation(context["rise_words"]), alternation(context["fall_words"])
    before = text[max(0, figure.start - 40) : figure.start]
    way = before.rstrip().rsplit(None, 1)[-1].lower() if before.strip() else ""
    if figure.unit == "count" and way in ("up", "down") and \
            re.search(rf"{alternation(context['particle_verbs'][way])}\s+{way}\s+$", before, re.IGNORECASE):
        return None  # "picked up 48,577 faces": what was done, no change; "support picked up 6%" rose
    after = text[figure.end : figure.end + 30]
    if figure.unit == "count" and _FEWER.match(text, figure.end, figure.end + 60):
        return "down"  # "400 fewer staff", "1,318 officers (0.9%) fewer than": a difference, never a level
    for direction, words, nouns in (("up", rises, "rise_words"), ("down", falls, "fall_words")):
        if figure.role == "by" and re.search(rf"(?:{words}\s+{_WHEN}by|{_change_nouns(nouns)}\s+of)\s+$", before, re.I):
            return direction
        if figure.unit == "percent" and re.search(rf"{words}\s+$", before, re.IGNORECASE):
            return direction  # "shares rose 20%", "rising roughly 1,700 percent": a percentage after the verb
        if re.search(r"\b(?:up|down)\s+$", before, re.IGNORECASE) and not re.match(r"\s+to\b", after) and (
                not re.match(r"\s+from\b", after) or _is_origin_after(text, figure, following)):
            return "up" if before.rstrip().lower().endswith("up") else "down"
        if re.match(rf"\s+{words}(?!\s+(?:to|from|by)\b)", after, re.IGNORECASE) and figure.unit != "count":
            return direction  # "a 30% rise", "a £2m cut"; "30 fell to 20" is a level
    return None


def _percent_origins(text: str, figures: list[Figure]) -> None:
    """ "rose by 20% to 1,200": the old level, 1,000, is computed exactly and stands on the "20%"; when it is
    not a whole number the percentage stays a bare change, which is no claim."""
    falls = alternation(load("context")["fall_words"])
    for change, level in zip(figures, figures[1:], strict=False):  # each figure with the next
        if change.role != "by" or change.unit != "percent" or level.role != "to" or level.unit != "count":
            continue
        falling = re.search(rf"{falls}\s+by\s+$", text[max(0, change.start - 40) : change.start], re.IGNORECASE)
        ratio = 1 - change.value / 100 if falling else 1 + change.value / 100
        old = tidy(round(level.value / ratio, 6)) if ratio > 0 else None
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
        value = tidy(figure.value * factor if new else figure.value / factor)
        if not float(value).is_integer():
            continue  # not computed exactly
        qualifier = _qualifier(match.group("qual"))
        if qualifier == "at_least" and not new:
            qualifier = "at_most"  # "more than doubled to 30": it was under 15
        start = figure.start - len(before) + match.start("word")
        end = figure.start - len(before) + match.end("word")
        computed.append(Figure(text[start:end], start, end, value, None, "count", qualifier, "to" if new else "from"))
    return computed + _multiplied_reference(text, figures)


def _bare_multiplied(text: str, figures: list[Figure], computed: list[Figure]) -> list[Figure]:
    """ "arrests more than doubled", with no level stated: the size of the change, as a percentage (doubled
    +100%, "more than doubled" at least that, tripled +200%, halved -50%), `change` up or down. Only the verb's
    -ed and -ing forms ("a double murder" is none); where a level follows ("doubled from 12", "halved its fleet
    to 8") or the level was computed, the levels say it all."""
    multipliers = load("context")["multiplier_words"]
    lowered = text.lower()
    if not any(word in lowered for word in multipliers):
        return []  # most sentences name no multiplier: skip the pattern's scan
    taken = {(figure.start, figure.end) for figure in computed}
    bare = []
    for match in _bare_multiplier_pattern().finditer(text):
        if match.span("word") in taken:
            continue
        level = rf"\s+(?:{_OBJECT})?(?:from|to)\s+(?:[a-z]+\s+)?"
        if any(re.fullmatch(level, text[match.end() : figure.start], re.IGNORECASE) for figure in figures):
            continue
        factor = multipliers[match.group("word").lower()]
        size = tidy(abs(factor - 1) * 100)
        start, end = match.span()
        bare.append(Figure(text[start:end], start, end, size, None, "percent", _qualifier(match.group("qual")),
                           change="up" if factor > 1 else "down"))
    return bare


@functools.cache
def _bare_multiplier_pattern() -> re.Pattern:
    verbs = [word for word in load("context")["multiplier_words"] if word.endswith(("ed", "ing"))]
    qualifiers = alternation([phrase for phrases in load("numbers")["qualifiers"].values() for phrase in phrases])
    return re.compile(rf"(?:(?P<qual>{qualifiers})\s+)?(?P<word>{alternation(verbs)})", re.IGNORECASE)


def _multiplied_reference(text: str, figures: list[Figure]) -> list[Figure]:
    """ "flies 15 drones, plans to double that number": the new level, 30, computed from the count before."""
    multipliers = load("context")["multiplier_words"]
    pattern = rf"(?P<word>{alternation(multipliers)})\s+(?:that|this|the)\s+(?:number|figure|total|fleet|amount)\b"
    computed = []
    for match in re.finditer(pattern, text, re.IGNORECASE):
        earlier = [f for f in figures if f.end <= match.start() and f.unit == "count" and f.role is None]
        if not earlier:
            continue
        value = tidy(earlier[-1].value * multipliers[match.group("word").lower()])
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
    return find_figures(text) if _could_hold_figure().search(text.lower()) else []


@functools.cache
def _could_hold_figure() -> re.Pattern:
    data = load("numbers")
    fractions = [word for pair in data["fractions"].items() for word in (pair[0], pair[1][1])]
    words = [*data["units"], *data["tens"], "hundred", *data["scales"], *data["dozens"], *fractions,
             *data["vague_plurals"], *data["frequency_words"], *[w for ws in data["zero_words"].values() for w in ws],
             *load("context")["multiplier_words"]]
    vulgar = "".join(data["vulgar_fractions"])
    words = sorted({word.lower() for word in words}, key=len, reverse=True)
    # searched in lowercased text: four times faster than re.IGNORECASE over every sentence of an article
    return re.compile(rf"\d|[{vulgar}]|\b(?:{'|'.join(words)})")
