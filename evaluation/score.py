"""Precision, recall and F1 of extracted claims against gold.

A predicted claim and a gold claim are paired when their figures overlap in the text (each used once). A pair
is a correct claim when metric and value agree; each slot is scored on its own the same way, so a slot's
precision is (pairs where that slot agrees) / (claims predicted) and its recall the same over gold claims.
"Figures" scores finding the number at all (overlap and value), which the quantulum3 baseline can also do.
A slot's accuracy is read apart from finding the claim: of the pairs that are a correct claim, the share whose
slot agrees too ("of the claims it finds, how many have the right status"). A share in percent and the same share
as a ratio have the same value ("92%" is 0.92; `in_gold_units`); the unit slot still tells them apart.
"""

import math
from dataclasses import dataclass, field

from evaluation.gold import SLOTS

# What makes a pair a correct claim; every other slot is read apart from it (`Tally.accuracy`).
CLAIM_SLOTS = ("metric", "value")


@dataclass
class Tally:
    predicted: int = 0
    gold: int = 0
    correct: dict[str, int] = field(default_factory=dict)
    correct_in_right_claims: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, hit: bool) -> None:
        self.correct[name] = self.correct.get(name, 0) + int(hit)

    def scores(self, name: str) -> tuple[float, float, float]:
        hits = self.correct.get(name, 0)
        precision = hits / self.predicted if self.predicted else 1.0
        recall = hits / self.gold if self.gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    def accuracy(self, name: str) -> float | None:
        """Of the correct claims, the share whose `name` slot agrees; None when no claim is correct."""
        right = self.correct.get("claim", 0)
        return self.correct_in_right_claims.get(name, 0) / right if right else None


def same(slot: str, predicted, gold) -> bool:
    if slot == "time_scope":
        predicted = predicted or {}
        return (predicted.get("start"), predicted.get("end")) == (gold.get("start"), gold.get("end"))
    if isinstance(gold, (int, float)) and isinstance(predicted, (int, float)):
        return math.isclose(predicted, gold, rel_tol=1e-6, abs_tol=1e-12)
    return predicted == gold


# One share written two ways: the contract gives a false match rate as a ratio ("92%" is 0.92), the corpus keeps
# a rate written in per cent as percent (92). The value is the same quantity either way; `unit` still tells them
# apart as a slot of its own.
PER_UNIT = {("ratio", "percent"): 100, ("percent", "ratio"): 0.01}


def in_gold_units(guess: dict, claim: dict) -> dict:
    """`guess` with its value and value_high in the gold claim's unit where that is the same share in percent or
    as a ratio; otherwise `guess` itself."""
    factor = PER_UNIT.get((guess.get("unit"), claim.get("unit")))
    if factor is None:
        return guess
    converted = dict(guess)
    for slot in ("value", "value_high"):
        if isinstance(guess.get(slot), (int, float)):
            converted[slot] = guess[slot] * factor
    return converted


def pair(predicted: list[dict], gold: list[dict]) -> list[tuple[dict, dict]]:
    """Greedy one-to-one pairing by overlap of [char_start, char_end)."""
    pairs, used = [], set()
    for claim in gold:
        best, best_overlap = None, 0
        for index, guess in enumerate(predicted):
            overlap = min(claim["char_end"], guess["char_end"]) - max(claim["char_start"], guess["char_start"])
            if index not in used and overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is not None:
            used.add(best)
            pairs.append((predicted[best], claim))
    return pairs


def tally(tallied: Tally, predicted: list[dict], gold: list[dict]) -> list[tuple[dict | None, dict | None]]:
    """Add one article to `tallied`; returns its mistakes as (predicted, gold) with None for a miss."""
    tallied.predicted += len(predicted)
    tallied.gold += len(gold)
    pairs = pair(predicted, gold)
    mistakes = []
    for told, claim in pairs:
        guess = in_gold_units(told, claim)
        tallied.add("figure", same("value", guess.get("value"), claim["value"]))
        right = all(same(slot, guess.get(slot), claim[slot]) for slot in CLAIM_SLOTS)
        tallied.add("claim", right)
        for slot in SLOTS:
            hit = same(slot, guess.get(slot), claim[slot])
            tallied.add(slot, hit)
            if right:
                tallied.correct_in_right_claims[slot] = tallied.correct_in_right_claims.get(slot, 0) + int(hit)
        if not all(same(slot, guess.get(slot), claim[slot]) for slot in SLOTS):
            mistakes.append((told, claim))
    paired_guesses = {id(guess) for guess, _ in pairs}
    paired_gold = {id(claim) for _, claim in pairs}
    mistakes += [(guess, None) for guess in predicted if id(guess) not in paired_guesses]
    mistakes += [(None, claim) for claim in gold if id(claim) not in paired_gold]
    return mistakes
