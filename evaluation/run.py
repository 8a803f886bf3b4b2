"""`make eval`: claim extraction accuracy on the dev set, with quantulum3 as the baseline on the same texts.

python -m evaluation.run [--corpus NAME]... [--mistakes] [--i-know-this-is-the-test-set]

With no --corpus: the annotated gold corpora (fixtures, seeds, sample_site, holdout, unseen...; "all" is over
these only, as tests/nlp/test_accuracy.py pins it), then the real-coverage corpus's two splits, real_dev and
real_test, each scored on its own. --corpus NAME (repeatable) scores only the named corpora, each alone;
real_dev_a and real_dev_b are real_dev's two halves (evaluation/gold.py dev_half).
--mistakes lists every mistake, except on real_test: the frozen test split is never tuned on, so its mistakes
are only listed with --i-know-this-is-the-test-set.
"""

import argparse
import warnings

from evaluation.gold import CORPORA, DEV_HALVES, REAL_CORPORA, SLOTS, TEST_SPLIT, Article, corpora, load_all, load_named
from evaluation.score import CLAIM_SLOTS, Tally, tally

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
        lines.append(
            f"{'':12} {'claimwatch P':>12} {'R':>6} {'F1':>6} {'acc':>6}   {'quantulum3 P':>12} {'R':>6} {'F1':>6}"
        )
        for row in ROWS:
            p, r, f = tallied.scores(row)
            bp, br, bf = base.scores(row)
            accuracy = tallied.accuracy(row) if row in SLOTS and row not in CLAIM_SLOTS else None
            shown = "" if accuracy is None else f"{accuracy:.3f}"
            lines.append(f"{row:12} {p:12.3f} {r:6.3f} {f:6.3f} {shown:>6}   {bp:12.3f} {br:6.3f} {bf:6.3f}")
        lines.append("acc: of the correct claims (figure, metric and value right), the share with that slot right too")
    return "\n".join(lines)


def groups(names: list[str]) -> list[tuple[str, list[Article]]]:
    """What to score, each group alone: the gold corpora together (with "all"), each real split on its own."""
    if not names:
        return [("gold corpora", load_all()), *((name, load_named(name)) for name in REAL_CORPORA)]
    known = (*CORPORA, *REAL_CORPORA, *DEV_HALVES)
    unknown = [name for name in names if name not in known]
    if unknown:
        raise SystemExit(f"unknown corpus {', '.join(unknown)}: one of {', '.join(known)}")
    return [(name, load_named(name)) for name in dict.fromkeys(names)]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = ", ".join((*corpora(), *REAL_CORPORA, *DEV_HALVES))
    parser.add_argument("--corpus", action="append", default=[], metavar="NAME",
                        help=f"score only this corpus (repeatable): {names}")
    parser.add_argument("--mistakes", action="store_true", help="list every mistake (not the test split's)")
    parser.add_argument("--i-know-this-is-the-test-set", dest="test_mistakes", action="store_true",
                        help="with --mistakes, list real_test's mistakes too (it must never be tuned on)")
    options = parser.parse_args(argv)
    selected = groups(options.corpus)
    from claimwatch.nlp import Extractor

    extractor = Extractor()
    print(f"# claimwatch extractor {extractor.version} vs quantulum3")
    print("A claim is right when figure, metric and value agree; each slot is scored alone (see evaluation/score.py).")
    for label, articles in selected:
        print(f"\n# {label}: {len(articles)} articles")
        if not articles:
            print("(no articles yet)")
            continue
        ours, mistakes = evaluate(extractor, articles)
        baseline, _ = evaluate(QuantulumBaseline(), articles)
        if len(ours) == 2:  # one corpus: its "all" row would repeat the same numbers
            name = next(key for key in ours if key != "all")
            ours, baseline = {name: ours[name]}, {name: baseline[name]}
        print(report(ours, baseline))
        if options.mistakes:
            if label == TEST_SPLIT and not options.test_mistakes:
                print(f"\nWARNING: not listing {TEST_SPLIT} mistakes: the test split is never tuned on "
                      "(add --i-know-this-is-the-test-set to see them anyway, and change nothing because of them)")
                continue
            print(f"\n## {label} mistakes (predicted | gold)")
            for name, guess, gold in mistakes:
                print(f"{name}: {_brief(guess)}\n    gold {_brief(gold)}")


def _brief(claim: dict | None):
    if claim is None:
        return "-"
    return {key: claim.get(key) for key in ("char_start", "figure_text", "text", *SLOTS) if key in claim}


if __name__ == "__main__":
    main()
