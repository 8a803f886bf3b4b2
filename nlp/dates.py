"""Time scopes: "since early 2024", "in the 12 months to September 2025", "last year", "by 2028".

The only module that calls dateparser. Everything is resolved against the article's publication date, never
the clock: without a publication date, a scope that needs one ("last year", "April") resolves to nothing.
"""

import calendar
import datetime
import functools
import re
from dataclasses import dataclass

from dateparser.date import DateDataParser

from claimwatch.nlp import numbers
from claimwatch.nlp.resources import DataError, alternation, load


@dataclass
class TimeExpression:
    text: str
    start: int  # character offsets in the text searched
    end: int
    kind: str  # since, in, by, as_of, end_of ("at the end of March": its last day), rolling (the N months to
    # ...), relative, ago, recent ("yesterday", "on Saturday", "last week": a short time just over), previous
    # ("the previous year"), earlier ("a year earlier": the period before it, moved back), starting (set by
    # claims)
    year_before: str | None = None  # "previous": the last year the text names before it ("in 2017 ... the
    # previous year" is 2016), else None (the year before publication)
    reference: "TimeExpression | None" = None  # "earlier": the expression it counts back from ("at the end of
    # March 2025 ... a year earlier"), the last one before it in the text searched


@functools.cache
def _pattern() -> re.Pattern:
    data = load("dates")
    months = alternation(load("context")["months"], flags_words_boundary=False)
    year = r"(?:19|20)\d\d"
    parts = alternation(data["parts_of_year"], flags_words_boundary=False)
    count = numbers.count_pattern()  # "twelve", "twenty-five", "two and a half": read by numbers.py
    part = rf"(?:the\s+)?{parts}\s*(?:of\s+)?"
    fiscal = r"(?:financial|fiscal)\s+year"
    financial = rf"(?:the\s+)?(?:{year}[-/–]\d\d\s+{fiscal}|{fiscal}\s+{year}[-/–]\d\d)"  # "the 2025/26 financial year"
    day = rf"(?:\d{{1,2}}\s+)?(?:{months}\.?\s+)?(?:\d{{1,2}},?\s+)?"
    date = rf"{financial}|(?:{part})?{day}{year}(?:[-/–]\d\d(?!\d))?|{months}"
    rolling = rf"(?:the\s+)?(?:{count}\s+months|year)\s+(?:to|up\s+to|ending)\s+(?:{months})(?:\s+{year})?"
    opener = alternation(data["openers"], flags_words_boundary=False)
    relative = alternation(data["relative"], flags_words_boundary=False)
    units = r"(?:years?|months?|weeks?)"
    amount = rf"{count}\s+"
    trailing = (
        rf"(?:the\s+(?:past|last|previous|next|coming)\s+(?:{amount})?{units}"
        rf"|(?:past|last|previous|next)\s+{amount}{units}|within\s+(?:the\s+next\s+)?{amount}{units})"
    )
    season = rf"(?:this|last|next|the)\s+(?:spring|summer|autumn|fall|winter)(?!\s+(?:of\s+)?{year})"  # not "of 2024"
    since_event = rf"since\s+(?:[a-z-]+\s+){{1,6}}in\s+(?P<event_year>{_event_date()})"
    since_then = alternation(data["since_anaphora"], flags_words_boundary=False)
    # "between April and December 2025", "from October 2025 to March 2026": a period bounded at both ends
    between = (rf"(?:between\s+{months}(?:\s+{year})?\s+and|from\s+(?:{months}(?:\s+{year})?|{year})\s+"
               rf"(?:to|until|through))\s+{months}\s+{year}"
               rf"|(?:between\s+{year}\s+and|from\s+{year}\s+(?:to|until|through))\s+{year}(?![-/–]\d)")
    ago = rf"(?:{count}|an?)\s+(?:years?|months?|weeks?|days?)\s+ago"
    # "before" ends it: "a year before the Olympics" is no step back from the period named before
    earlier = (rf"(?:(?:{count}|an?)\s+(?:years?|months?|weeks?)\s+(?:earlier|previously|before)"
               rf"|the\s+(?:year|month|week)\s+before)(?!\s+(?:last\b|the\b|an?\b|[A-Z0-9]))")
    weekdays = alternation(data["weekdays"], flags_words_boundary=False)
    # "on Tuesday (9 April)": the day the parentheses give
    dated = rf"(?:\s+\(\d{{1,2}}(?:st|nd|rd|th)?\s+{months}\))?"
    # "Sunday's total": a day named as the owner of what it counts
    recent = (rf"{alternation(data['recent'], flags_words_boundary=False)}|(?:on|last)\s+{weekdays}{dated}"
              rf"|{weekdays}(?=['’]s\b)")
    source = (
        rf"(?<!\w)(?:(?P<recent>{recent})|(?P<since_event>{since_event})|(?P<since_then>{since_then}(?![-\u2011]))|(?P<between>{between})|(?P<ago>{ago})|"
        rf"(?P<earlier>{earlier})|"
        rf"(?:(?P<opener>{opener})\s+)?"
        rf"(?:(?P<rolling>{rolling})|(?P<relative>{relative}|{season})|(?P<trailing>{trailing})|(?P<date>{date})))(?!\w)"
    )
    return re.compile(source, re.IGNORECASE)


@functools.cache
def _lowercase_pattern() -> re.Pattern:
    """`_pattern` for lowercased text, without re.IGNORECASE: about four times faster over a sentence. The same
    matches, since every letter in the pattern is lowercased and it uses no escape an upper case letter names."""
    source = _pattern().pattern
    if re.search(r"\\[A-Z]", source):
        raise DataError(f"dates: the time pattern uses an escape lowercasing would change: {source[:80]}...")
    return re.compile(source.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P="))  # group names as they were


def _matches(text: str):
    """Time-expression matches over `text`, offsets into `text`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): offsets would move
        return _pattern().finditer(text)
    return _lowercase_pattern().finditer(lowered)


def find_time_expressions(text: str) -> list[TimeExpression]:
    """Time expressions in `text`. A bare date needs an opener ("in April"); "the 2018 trial" is not a scope."""
    openers = {key.lower(): kind for key, kind in load("dates")["openers"].items()}
    found = []
    for match in _matches(text):
        written = text[match.start() : match.end()]
        opener = (match.group("opener") or "").lower()
        opener = " ".join(opener.split())
        if match.group("recent"):
            found.append(TimeExpression(written, match.start(), match.end(), "recent"))
            continue
        if match.group("since_event") or match.group("since_then"):
            found.append(TimeExpression(written, match.start(), match.end(), "since"))
            continue
        if match.group("ago"):  # "four two years ago": the count is the last number, "two years ago"
            start = match.start() + _count_start(written)
            found.append(TimeExpression(text[start : match.end()], start, match.end(), "ago"))
            continue
        if match.group("earlier"):  # "a year earlier": counted back from the period named before it
            found.append(TimeExpression(written, match.start(), match.end(), "earlier",
                                        reference=found[-1] if found else None))
            continue
        if match.group("between"):
            moved = alternation(load("dates")["date_moves"])
            if re.search(rf"{moved}\s+$", text[max(0, match.start() - 30) : match.start()], re.IGNORECASE):
                continue  # "pushed back from March to June 2026": two dates, no period between them
            found.append(TimeExpression(written, match.start(), match.end(), "between"))
            continue
        if match.group("trailing") and re.fullmatch(r"(?:(?:in|during|over)\s+)?the\s+previous\s+year", written,
                                                       re.IGNORECASE):
            # the year before the one last named: a completed period, not one running to publication
            named = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text[: match.start()])
            found.append(TimeExpression(written, match.start(), match.end(), "previous",
                                        named[-1] if named else None))
            continue
        if match.group("trailing"):
            kind = "trailing"
        elif match.group("rolling"):
            kind = "rolling"
        elif match.group("relative"):
            kind = openers.get(opener, "relative")
        elif opener:
            kind = openers[opener]
        else:
            continue
        found.append(TimeExpression(written, match.start(), match.end(), kind))
    return found


def resolve(expression: TimeExpression, published: str | None) -> tuple[str | None, str | None]:
    """(start, end) ISO dates of the expression, against the publication date (ISO date or datetime)."""
    base = _date(published)
    text = _strip_opener(expression.text)
    if expression.kind == "between":  # "between January and June 2025", "from October 2025 to March 2026"
        first, last = re.split(r"\s+(?:and|to|until|through)\s+", re.sub(r"^(?:between|from)\s+", "", text, flags=re.I),
                               maxsplit=1, flags=re.I)
        year = re.search(r"(?:19|20)\d\d", last).group(0)
        first = first if re.search(r"\d{4}", first) else f"{first} {year}"
        start, end = _interval(first, base), _interval(last, base)
        if start and end and start[0] > end[0]:  # "from December to March 2026": the December before
            start = _interval(f"{first.rsplit(None, 1)[0]} {int(year) - 1}", base)
        return (start[0].isoformat(), end[1].isoformat()) if start and end else (None, None)
    if expression.kind == "recent":
        return _recent(text, base)
    if expression.kind == "previous":
        year = int(expression.year_before) - 1 if expression.year_before else base.year - 1 if base else None
        return (f"{year}-01-01", f"{year}-12-31") if year else (None, None)
    if expression.kind == "earlier":  # "at the end of March 2025 ... a year earlier": 31 March 2024
        reference = expression.reference
        if reference is None or reference.kind in ("since", "by", "starting", "trailing"):
            return None, None  # a step back from an open-ended period names no period
        start, end = resolve(reference, published)
        count, unit = _span(text)
        moved = [_shift(datetime.date.fromisoformat(day), -count, unit).isoformat() if day else None
                 for day in (start, end)]
        return tuple(moved) if start or end else (None, None)
    if expression.kind == "ago":  # "two years ago": that day
        day = _ago(text, base)
        return (day.isoformat(), day.isoformat()) if day else (None, None)
    if is_since_anaphora(expression):
        return None, base.isoformat() if base else None  # "since then": up to publication from a start said before
    event = _since_event().search(text)
    if expression.kind == "since" and event:  # "since its first trial in 2017", "since it began ... in January 2024"
        text = event.group(1)
        if re.search(r"last\s+year$", text, re.IGNORECASE):  # "since the trial began in May last year"
            if base is None:
                return None, None
            text = f"{text.split()[0]} {base.year - 1}"
    if expression.kind == "trailing":
        if base is None:
            return None, None
        if re.search(r"\b(?:next|coming|within)\b", text, re.IGNORECASE):
            if numbers.last_number(text) is None:
                return base.isoformat(), None  # "over the coming years": open-ended
            return base.isoformat(), _trailing_start(text, base, forward=True).isoformat()
        return _trailing_start(text, base).isoformat(), base.isoformat()
    if expression.kind == "rolling":
        months = _rolling_months(text)
        interval = _interval(re.split(r"\s+(?:to|up\s+to|ending)\s+", text, flags=re.IGNORECASE)[-1], base)
        if interval is None:
            return None, None
        end = interval[1]
        start = _add_months(end + datetime.timedelta(days=1), -months)
        return start.isoformat(), end.isoformat()
    interval = _relative_interval(text, base, coming=expression.kind == "by") or _interval(text, base)
    if interval is None:
        return None, None
    start, end = interval
    if expression.kind == "since":
        return start.isoformat(), base.isoformat() if base else None
    if expression.kind == "starting":  # "from June" under a plan: the coming June, open-ended
        if base is not None and end < base and not re.search(r"\d{4}", text):
            start = _interval(text, _add_months(base, 12))[0]
        return start.isoformat(), None
    if expression.kind == "by":
        return None, end.isoformat()
    if expression.kind == "end_of":
        return end.isoformat(), end.isoformat()
    return start.isoformat(), end.isoformat()


def is_since_anaphora(expression: TimeExpression) -> bool:
    """ "since then": a period running to publication from a start said before, which it does not state."""
    return expression.kind == "since" and " ".join(expression.text.lower().split()) in load("dates")["since_anaphora"]


@functools.cache
def _since_event() -> re.Pattern:
    """The date a since-phrase opens on, at its end: "in 2017", "in January 2024", "in October"."""
    return re.compile(rf"\bin\s+({_event_date()})$", re.IGNORECASE)


@functools.cache
def _event_date() -> str:
    """The date of an event a since-phrase names: "2017", "January 2024", "October", "May last year"."""
    months = alternation(load("context")["months"], flags_words_boundary=False)
    year = r"(?:19|20)\d\d"
    return rf"(?:{months})(?:\s+{year}|\s+(?:of\s+)?last\s+year)?(?!\w)|{year}"


def _recent(text: str, base: datetime.date | None) -> tuple[str | None, str | None]:
    """ "yesterday"; "on Monday": the last Monday on or before publication (a live report names its own day);
    "at the weekend": the last Saturday and Sunday before it; "last week" is left unresolved."""
    if base is None:
        return None, None
    lowered = text.lower()
    stated = re.search(r"\((\d{1,2})(?:st|nd|rd|th)?\s+(\w+)\)", text)
    if stated:  # "on Tuesday (9 April)": that day, in the year up to publication
        day = _interval(f"{stated.group(1)} {stated.group(2)} {base.year}", base)
        if day and day[0] > base:
            day = _interval(f"{stated.group(1)} {stated.group(2)} {base.year - 1}", base)
        return (day[0].isoformat(), day[0].isoformat()) if day else (None, None)
    weekdays = [day.lower() for day in load("dates")["weekdays"]]
    named = next((index for index, day in enumerate(weekdays) if day in lowered), None)
    if "yesterday" in lowered:
        first = last = base - datetime.timedelta(days=1)
    elif named is not None:
        first = last = base - datetime.timedelta(days=(base.weekday() - named) % 7 or (7 if "last" in lowered else 0))
    elif "weekend" in lowered:
        last = base - datetime.timedelta(days=(base.weekday() - 6) % 7 or 7)
        first = last - datetime.timedelta(days=1)
    else:
        return None, None
    return first.isoformat(), last.isoformat()


def _ago(text: str, base: datetime.date | None) -> datetime.date | None:
    if base is None:
        return None
    count, unit = _span(text)
    return _shift(base, -count, unit)


def _strip_opener(text: str) -> str:
    opener = alternation(load("dates")["openers"], flags_words_boundary=False)
    return re.sub(rf"^(?:{opener})\s+", "", text.strip(), flags=re.IGNORECASE)


def _relative_interval(text: str, base: datetime.date | None, coming: bool = False):
    """ "the past 12 months" and "so far this year" run up to the publication date; the rest are periods."""
    if base is None:
        return None
    lowered = text.lower()
    if re.search(r"(?:past|last)\s+(?:12\s+months|year)$", lowered) and lowered.startswith("the"):
        return _add_months(base, -12), base
    if lowered == "so far this year":
        return datetime.date(base.year, 1, 1), base
    season = re.fullmatch(r"(this|last|next|the)\s+(\w+)", lowered)
    if season and season.group(2) in load("dates")["parts_of_year"]:
        year = base.year + {"this": 0, "last": -1, "next": 1, "the": 0}[season.group(1)]
        interval = _interval(f"{season.group(2)} {year}", base)
        if season.group(1) == "the" and interval and coming and interval[1] < base:
            interval = _interval(f"{season.group(2)} {year + 1}", base)  # "by the autumn": the coming one
        elif season.group(1) == "the" and interval and not coming and interval[0] > base:
            interval = _interval(f"{season.group(2)} {year - 1}", base)  # "during the summer": the last one
        return interval
    return _interval(re.sub(r"^so far\s+", "", lowered), base)


@functools.lru_cache(maxsize=4096)
def _interval(text: str, base: datetime.date | None) -> tuple[datetime.date, datetime.date] | None:
    """The whole period a date names: a year, a month, a day, a part of a year ("early 2024"), or a financial
    year ("2026-27": April to March)."""
    # "2026-27", "the 2025/26 financial year", "the financial year 2025/26"
    text = re.sub(r"^(?:the\s+)?(?:(?:financial|fiscal)\s+year\s+)?|\s+(?:financial|fiscal)\s+year$", "", text.strip(),
                  flags=re.IGNORECASE)
    financial = re.fullmatch(r"((?:19|20)\d\d)[-/–](\d\d)", text)
    if financial and (int(financial.group(1)) + 1) % 100 == int(financial.group(2)):
        year = int(financial.group(1))
        return datetime.date(year, 4, 1), datetime.date(year + 1, 3, 31)
    parts = load("dates")["parts_of_year"]
    part = None
    for word in sorted(parts, key=len, reverse=True):
        prefix = re.match(rf"(?:the\s+)?{re.escape(word)}\s*(?:of\s+)?", text, re.IGNORECASE)
        if prefix and prefix.end() < len(text):
            part, text = parts[word], text[prefix.end() :]
            break
    if base is None and not re.search(r"\b(?:19|20)\d\d\b", text):
        return None  # a month without a year needs the publication date
    parsed = _parser(base).get_date_data(text)
    if parsed.date_obj is None:
        return None
    day = parsed.date_obj.date()
    if part:
        first, last = part
        end_year = day.year + 1 if last < first else day.year
        return datetime.date(day.year, first, 1), _month_end(end_year, last)
    if parsed.period == "year":
        return datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31)
    if parsed.period == "month":
        return day.replace(day=1), _month_end(day.year, day.month)
    return day, day


def _trailing_start(text: str, base: datetime.date, forward: bool = False) -> datetime.date:
    """ "the past two years" -> the same date two years before publication ("the next three years": three
    years after)."""
    count, unit = _span(text)
    return _shift(base, count if forward else -count, unit)


def _span(text: str) -> tuple[float, str]:
    """The length of a span of time: (count, unit) of "twenty-five years ago", "the next eighteen months",
    "the past year" (1), "four two years ago" (2: the last number), read by numbers.py's grammar."""
    match = re.search(rf"(?:({numbers.count_pattern()})\s+)?(year|month|week|day)s?\b", text, re.IGNORECASE)
    number = numbers.last_number(match.group(1)) if match.group(1) else None
    return (number.value if number else 1), match.group(2).lower()


def _count_start(text: str) -> int:
    """Where the count of "four two years ago" starts in it: at its last number ("two years ago")."""
    amount = re.match(numbers.count_pattern(), text, re.IGNORECASE)
    number = numbers.last_number(amount.group(0)) if amount else None
    return number.start if number else 0


def _shift(base: datetime.date, count: float, unit: str) -> datetime.date:
    """`base` moved by `count` units (negative: back); a part of a month ("a year and a half") in days."""
    months = count * {"year": 12, "month": 1}.get(unit, 0)
    if months and float(months).is_integer():
        return _add_months(base, int(months))
    days = months * 30.4375 if months else count * (7 if unit == "week" else 1)
    return base + datetime.timedelta(days=round(days))


def _rolling_months(text: str) -> int:
    """ "the eighteen months to September 2025": 18; "the year to ...": 12."""
    count, unit = _span(re.split(r"\s+(?:to|up\s+to|ending)\s+", text, flags=re.IGNORECASE)[0])
    return int(count) if unit == "month" and float(count).is_integer() else 12


@functools.cache
def _parser(base: datetime.date | None) -> DateDataParser:
    settings = {"PREFER_DAY_OF_MONTH": "first", "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True}
    # Without a publication date, only dates that name their year are resolved (checked by the caller); the
    # fixed base keeps dateparser off the clock all the same.
    when = base or datetime.date(2000, 1, 1)
    settings["RELATIVE_BASE"] = datetime.datetime(when.year, when.month, when.day)
    return DateDataParser(languages=["en"], settings=settings)


def _date(published: str | None) -> datetime.date | None:
    if not published:
        return None
    try:
        return datetime.date.fromisoformat(published[:10])
    except ValueError as error:
        raise ValueError(f"publication date {published!r} is not an ISO date") from error


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
