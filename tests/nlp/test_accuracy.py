"""Accuracy floors on the annotated dev set, so that extraction cannot silently get worse.

The floors sit a little under what `make eval` reports today (see docs/extraction.md); raise them when
accuracy improves, never lower them to make a change pass."""

import pytest

from evaluation.gold import corpora, load_all
from evaluation.run import QuantulumBaseline, evaluate

FLOORS = {
    "claim": 0.97,
    "metric": 0.97,
    "value": 0.97,
    "qualifier": 0.97,
    "unit": 0.97,
    "subject": 0.97,
    "denominator": 0.97,
    "status": 0.94,
    "time_scope": 0.96,
}


@pytest.fixture(scope="module")
def tallies(extractor):
    assert {"fixtures", "sample_site", "holdout", "unseen", "unseen2", "unseen3"} <= set(corpora())
    return evaluate(extractor, load_all())[0]


@pytest.mark.parametrize("row, floor", FLOORS.items())
def test_f1_stays_above_its_floor(tallies, row, floor):
    precision, recall, f1 = tallies["all"].scores(row)
    assert f1 >= floor, f"{row}: F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}) fell below {floor}"


def test_every_corpus_meets_the_issue_target(tallies):
    for corpus, tallied in tallies.items():
        assert tallied.scores("claim")[2] >= 0.90, corpus


def test_far_above_the_quantulum3_baseline(tallies):
    pytest.importorskip("quantulum3")
    baseline = evaluate(QuantulumBaseline(), load_all())[0]["all"]
    assert tallies["all"].scores("figure")[2] >= baseline.scores("figure")[2] + 0.3
    assert baseline.scores("claim")[2] == 0  # it has no notion of what a figure counts
