"""Metric candidates are scored; a figure that is no claim is kept as skipped with its reason (issue #16)."""


def explained(extractor, text, figure_text):
    return next(record for record in extractor.explain(text, "2025-11-12") if record["figure_text"] == figure_text)


def test_a_figure_with_no_metric_is_skipped_with_what_it_counts(extractor):
    record = explained(extractor, "The Met said 40 people attended the meeting on facial recognition.", "40")
    assert record["metric"] is None
    assert record["reason"] == "no metric counts 'people'"


def test_a_figure_of_another_topic_is_skipped_as_off_topic(extractor):
    record = explained(extractor, "The system raised 5 alerts during the match.", "5")
    assert record["metric"] is None and record["reason"].startswith("off-topic: lfr_alerts")


def test_the_verb_over_the_figure_outscores_other_cues(extractor):
    text = "The Met must cut 1,900 officers and now has 32,900 officers."
    cut, has = explained(extractor, text, "1,900"), explained(extractor, text, "32,900")
    assert cut["metric"] == "officers_lost" and has["metric"] == "officers_total"
    scores = {c["metric"]: c["score"] for c in cut["candidates"]}
    assert scores["officers_lost"] > scores["officers_total"]


def test_extract_many_returns_claims_and_skipped_figures_apart(extractor):
    text = "Live facial recognition led to 12 arrests. The force said 40 people attended."
    [(key, claims, skipped)] = list(extractor.extract_many([(text, "2025-11-12", "k")]))
    assert key == "k"
    assert [c["figure_text"] for c in claims] == ["12"]
    assert [(s["figure_text"], text[s["char_start"]:s["char_end"]]) for s in skipped] == [("40", "40")]
    assert all(s["reason"] for s in skipped)


def test_a_tie_between_equally_scored_metrics_is_no_claim():
    from claimwatch.nlp.metrics import Evidence, score_metrics

    # a bare count whose only evidence is a cue that two money metrics share equally (the unit is what new money
    # would be for)
    choice = score_metrics("currency", Evidence(None, {"cut", "funding", "unit"}), set(), planned=False)
    assert choice.metric is None and choice.reason == "tie between budget_gap and additional_funding"
    assert [c.metric for c in choice.candidates] == ["budget_gap", "additional_funding"]


def test_a_count_for_each_of_something_and_a_negation_are_no_claims(extractor):
    text = "The metro will have more than 12,000 cameras, eight per carriage."
    assert explained(extractor, text, "eight")["reason"].startswith("a count for each of something")
    assert [c["figure_text"] for c in extractor.claims(text, "2025-11-12")] == ["more than 12,000"]
    text = "The first live facial recognition deployment produced no arrests and not one match."
    assert explained(extractor, text, "one")["reason"].startswith("a negation")
    assert extractor.claims(text, "2025-11-12") == []
