"""`make eval`: claim extraction accuracy on the dev set, with quantulum3 as the baseline on the same texts.

python -m evaluation.run [--mistakes]
"""

import argparse
import warnings

from evaluation.gold import SLOTS, Article, load_all
from evaluation.score import Tally, tally

ROWS = ("claim", "figure", *SLOTS)


def evaluate(extractor, articles: list[Article]) -> tuple[dict[str, Tally], list]:
    """Tallies per corpus and overall, and every mistake as (article name, predicted, gold)."""
    tallies: dict[str, Tally] = {"all": Tally()}
    mistakes = []
    results = extractor.claims_many((a.text, a.published, a) for a in articles)
    for article, predicted in results:
        tallies.setdefault(article.corpus, Tally())
        for target in (tallies["all"], tallies[article.corpus]):
            found = tally(target, predicted, article.claims)
        mistakes += [(article.name, guess, gold) for guess, gold in found]
    return tallies, mistakes


def quantulum_claims(text: str) -> list[dict]:
    """quantulum3's quantities as claims: it finds numbers and units but has no notion of a metric."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # it warns on import that its optional classifier is missing
        from quantulum3 import parser

        quantities = parser.parse(text)
    unit_names = {"pound sterling": "GBP", "percentage": "percent", "minute": "minutes", "dimensionless": "count"}
    return [
        {
            "char_start": q.span[0],
            "char_end": q.span[1],
            "value": q.value,
            "value_high": None,
            "unit": unit_names.get(q.unit.name, q.unit.name),
            "metric": None,
        }
        for q in quantities
    ]


class QuantulumBaseline:
    def claims_many(self, items):
        for text, _published, key in items:
            yield key, quantulum_claims(text)


def report(ours: dict[str, Tally], baseline: dict[str, Tally]) -> str:
    lines = []
    for corpus, tallied in ours.items():
        base = baseline[corpus]
        lines.append(
            f"\n## {corpus}: {tallied.gold} gold claims, claimwatch predicted {tallied.predicted}, "
            f"quantulum3 {base.predicted}"
        )
        lines.append(f"{'':12} {'claimwatch P':>12} {'R':>6} {'F1':>6}   {'quantulum3 P':>12} {'R':>6} {'F1':>6}")
        for row in ROWS:
            p, r, f = tallied.scores(row)
            bp, br, bf = base.scores(row)
            lines.append(f"{row:12} {p:12.3f} {r:6.3f} {f:6.3f}   {bp:12.3f} {br:6.3f} {bf:6.3f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mistakes", action="store_true", help="list every mistake")
    options = parser.parse_args()
    from claimwatch.nlp import Extractor

    articles = load_all()
    extractor = Extractor()
    ours, mistakes = evaluate(extractor, articles)
    baseline, _ = evaluate(QuantulumBaseline(), articles)
    print(f"# claimwatch extractor {extractor.version} vs quantulum3, {len(articles)} articles")
    print("A claim is right when figure, metric and value agree; each slot is scored alone (see evaluation/score.py).")
    print(report(ours, baseline))
    if options.mistakes:
        print("\n## mistakes (predicted | gold)")
        for name, guess, gold in mistakes:
            print(f"{name}: {_brief(guess)}\n    gold {_brief(gold)}")


def _brief(claim: dict | None):
    if claim is None:
        return "-"
    return {key: claim.get(key) for key in ("char_start", "figure_text", *SLOTS) if key in claim}


if __name__ == "__main__":
    main()
