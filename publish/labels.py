"""Stored values written as a reader writes them: "£50 million", "3,147,436", "0.0003% of faces scanned",
"2.5 minutes", "more than 2,000", "10 Nov 2025". The words come from labels.yml (data, not code); the JSON pages
keep the stored values and ISO dates."""

import datetime
import functools
import pathlib

import yaml

LABELS = pathlib.Path(__file__).resolve().parent / "labels.yml"
MONEY_WORDS = ((1e9, "billion"), (1e6, "million"))


@functools.cache
def vocabulary() -> dict:
    return yaml.safe_load(LABELS.read_text())


def words(value, kind: str) -> str:
    """The reader's words for a stored value of `kind` (qualifiers, statuses, causes, denominators); an unknown
    value is shown with its underscores as spaces. A Jinja filter: {{ claim.status|words("statuses") }}."""
    if value is None:
        return ""
    found = vocabulary()[kind].get(value)
    return found if found is not None else str(value).replace("_", " ")


def plain_number(value: float) -> str:
    """3147436 -> "3,147,436", 2.5 -> "2.5", 0.0003 -> "0.0003": six significant figures at most, never 3e-06."""
    if isinstance(value, int):
        return f"{value:,}"
    value = float(value)
    if not value.is_integer():
        value = float(f"{value:.6g}")  # drops float noise (0.000003 * 100); whole numbers keep every digit
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.12f}".rstrip("0").rstrip(".")


def amount(value, unit: str | None) -> str:
    """One value in its unit: "£50 million", "0.0003%", "2.5 minutes", "10 a week", "3,147,436"."""
    if value is None:
        return ""
    style = vocabulary()["units"].get(unit)
    if style is None:  # another currency, by its ISO code
        style = {"before": f"{unit} ", "money": True} if unit and unit.isupper() else {"after": f" {unit or ''}"}
    value = float(value) * style.get("times", 1)
    number = plain_number(value)
    if style.get("money"):
        for size, word in MONEY_WORDS:
            if abs(value) >= size:
                number = f"{plain_number(value / size)} {word}"
                break
    if "one" in style:
        return f"{number} {style['one'] if value == 1 else style['many']}"
    return f"{style.get('before', '')}{number}{style.get('after', '')}"


def figure(row: dict, suffix: str = "") -> str:
    """A claim's figure in words, from its value, value_high, unit, qualifier and denominator columns (with
    `suffix`: a side-by-side row's "_a"): "more than 2,000", "9 to 12", "0.0003% of faces scanned"."""
    def get(name):
        return row.get(name + suffix)

    unit = get("unit") or row.get("unit")
    text = amount(get("value"), unit)
    if get("value_high") is not None and get("value_high") != get("value"):
        text = f"{text} to {amount(get('value_high'), unit)}"
    qualifier = words(get("qualifier"), "qualifiers")
    denominator = words(get("denominator"), "denominators")
    if denominator and not text.endswith(denominator):
        text = f"{text} {denominator}"
    return f"{qualifier} {text}" if qualifier else text


def axis_title(unit: str | None) -> str:
    return vocabulary()["axis_titles"].get(unit, unit or "")


def _parse(value):
    text = str(value).strip()
    try:
        if len(text) <= 10:
            return datetime.date.fromisoformat(text)
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def day(value) -> str:
    """An ISO date or datetime as "10 Nov 2025" (the day as the source dated it); "2025-10" as "Oct 2025";
    anything else unchanged."""
    if not value:
        return ""
    parsed = _parse(value)
    if parsed is None:
        text = str(value)
        try:
            return datetime.datetime.strptime(text, "%Y-%m").strftime("%b %Y")
        except ValueError:
            return text
    return f"{parsed.day} {parsed.strftime('%b %Y')}"


def moment(value) -> str:
    """A timestamp as "3 Jan 2026, 10:00 UTC": every offset converted to UTC, so times compare at a glance."""
    parsed = _parse(value) if value else None
    if not isinstance(parsed, datetime.datetime):
        return day(value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(datetime.UTC)
    return f"{parsed.day} {parsed.strftime('%b %Y, %H:%M')} UTC"


def period(start, end) -> str:
    """ "1 Oct 2024 to 30 Sep 2025", "to 30 Sep 2025", or "" when neither end is known."""
    if start and end and start != end:
        return f"{day(start)} to {day(end)}"
    if start or end:
        return day(start or end) if start == end or not start else f"from {day(start)}"
    return ""
