"""How far apart two figures are: each as the interval of values its qualifier allows, widened by its rounding
margin when a round number may have been rounded (docs/detection.md, section 2). Detection compares two press
figures with these rules, and a press figure with the official record's (db/official.py): one way to compare."""

import decimal
import math

APPROX_TOLERANCE = 0.10  # "about 30" means 27 to 33
ROUNDING_MAX_RELATIVE = 0.10  # a round figure's rounding margin is half its last unit, at most 10 % of it


def interval(value: float, value_high: float | None, qualifier: str) -> tuple[float, float]:
    """The values a figure allows, from its qualifier alone."""
    if qualifier == "range":
        return value, value if value_high is None else value_high
    if qualifier == "approx":  # rounded so that "about 30" reads [27, 33], not [27.000000000000004, 33]
        return round(value * (1 - APPROX_TOLERANCE), 9), round(value * (1 + APPROX_TOLERANCE), 9)
    if qualifier == "at_least":
        return value, math.inf
    if qualifier == "at_most":
        return 0.0, value
    return value, value


def rounding_margin(value: float) -> float:
    """How far a figure as written may be from the truth by rounding alone: "2,000" more than "2,137".

    Half a unit of its last significant digit (2,000: 500; 0.08: 0.005), at most ROUNDING_MAX_RELATIVE of
    the figure; none for a whole number that ends in a non-zero digit (9, 2,137)."""
    exponent = decimal.Decimal(repr(value)).normalize().as_tuple().exponent
    if exponent == 0:
        return 0.0
    return min(10.0**exponent / 2, abs(value) * ROUNDING_MAX_RELATIVE)


def disjoint(low_a, high_a, low_b, high_b) -> bool:
    return high_a < low_b or high_b < low_a


def relation(a, b) -> str:
    """"overlap" when two figures (anything with low, high, margin_low and margin_high) can be the same number,
    "rounding" when they can only once each is widened by its rounding margin, else "disjoint"."""
    if not disjoint(a.low, a.high, b.low, b.high):
        return "overlap"
    if not disjoint(a.low - a.margin_low, a.high + a.margin_high, b.low - b.margin_low, b.high + b.margin_high):
        return "rounding"
    return "disjoint"
