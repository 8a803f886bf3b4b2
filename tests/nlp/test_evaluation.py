"""The scorer behind `make eval`, and the gold it reads: a bug here would flatter every number."""

import yaml

from evaluation.gold import GOLD, load_all, load_named
from evaluation.planted import convert
from evaluation.score import Tally, tally

GOLD_CLAIM = {
    "char_start": 10,
    "char_end": 15,
    "metric": "lfr_arrests",
    "value": 2000,
    "value_high": None,
    "unit": "count",
    "qualifier": "at_least",
    "status": "cumulative",
    "subject": "Metropolitan Police",
    "denominator": None,
    "time_scope": {"start": "2024-01-01", "end": "2025-11-12"},
}


def test_a_claim_counts_once_and_each_slot_on_its_own():
    right = {**GOLD_CLAIM, "char_start": 12, "time_scope": {"text": "x", "start": "2024-01-01", "end": None}}
    stray = {**GOLD_CLAIM, "char_start": 40, "char_end": 44}
    scores = Tally()
    mistakes = tally(scores, [right, stray], [GOLD_CLAIM])
    assert scores.scores("claim") == (0.5, 1.0, 2 / 3)
    assert scores.scores("time_scope")[1] == 0.0
    assert mistakes == [(right, GOLD_CLAIM), (stray, None)]


def test_slot_accuracy_reads_only_the_claims_found_right():
    wrong_status = {**GOLD_CLAIM, "status": "past"}
    wrong_metric = {**GOLD_CLAIM, "char_start": 40, "char_end": 44, "metric": "lfr_alerts"}
    other_gold = {**GOLD_CLAIM, "char_start": 40, "char_end": 44}
    scores = Tally()
    tally(scores, [wrong_status, wrong_metric], [GOLD_CLAIM, other_gold])
    # the wrong-metric pair is not a correct claim, so its right status does not count towards accuracy
    assert scores.accuracy("status") == 0.0
    assert scores.accuracy("subject") == 1.0
    assert scores.scores("status") == (0.5, 0.5, 0.5)
    assert Tally().accuracy("status") is None


def test_a_share_as_a_ratio_has_the_value_of_the_same_share_in_percent_but_not_its_unit():
    gold = {**GOLD_CLAIM, "metric": "false_positive_rate", "value": 1, "value_high": 2, "unit": "percent",
            "qualifier": "range"}
    as_ratio = {**gold, "value": 0.01, "value_high": 0.02, "unit": "ratio"}
    scores = Tally()
    mistakes = tally(scores, [as_ratio], [gold])
    assert scores.scores("claim") == (1.0, 1.0, 1.0)
    assert scores.scores("value_high") == (1.0, 1.0, 1.0)
    assert scores.scores("unit") == (0.0, 0.0, 0.0)
    assert mistakes == [(as_ratio, gold)]  # the mistake shows what was told, in its own unit
    wrong = Tally()
    tally(wrong, [{**as_ratio, "value": 1}], [gold])  # 1 as a ratio is 100%, not 1%
    assert wrong.scores("claim") == (0.0, 0.0, 0.0)


def test_a_missed_claim_lowers_recall_only():
    scores = Tally()
    tally(scores, [], [GOLD_CLAIM])
    assert scores.scores("claim")[:2] == (1.0, 0.0)


def test_the_gold_copy_of_the_sample_site_is_current():
    stored = yaml.safe_load((GOLD / "sample_site.yml").read_text(encoding="utf-8"))
    assert convert() == stored, "sample_site/planted.yml changed: rerun `python -m evaluation.planted`"


def test_gold_offsets_point_at_their_figures():
    articles = load_all()  # raises, naming the file, when an offset does not match its figure_text
    assert sum(len(article.claims) for article in articles) >= 100


def test_the_dev_halves_split_real_dev_by_url_and_never_touch_the_test_split():
    whole = {article.name for article in load_named("real_dev")}
    half_a = {article.name for article in load_named("real_dev_a")}
    half_b = {article.name for article in load_named("real_dev_b")}
    assert half_a and half_b and not half_a & half_b
    assert half_a | half_b == whole
    assert all(article.corpus == "real_dev_a" for article in load_named("real_dev_a"))
