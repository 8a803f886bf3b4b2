"""The one topic vocabulary: the crawler's on-topic test and the extractor's technologies read the same file."""

import pytest

from claimwatch import topics


@pytest.mark.parametrize("text, expected", [
    ("The force trialled LFR in Croydon.", ["LFR"]),
    ("Officials said AI would help.", ["AI"]),
    ("Mr Ai Weiwei said nothing about policing.", []),
    ("It bought three Drones and two drone docks.", ["drone"]),
    ("New live facial-recognition cameras.", ["facial recognition", "live facial"]),
    ("Face-scanning vans and face scanning vans.", ["face scanning"]),
    ("Watch-lists were drawn up nightly.", ["watch list"]),
    ("The watchlists were drawn up nightly.", ["watchlist"]),
    ("The kidrone toy and the drone-like kite.", ["drone"]),
])
def test_terms_match_whole_words_and_capitals_only_where_written_so(text, expected):
    assert topics.terms_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Metropolitan Police must find savings of £260m and cut 1,700 officers.",
     ["Metropolitan Police", "officer"]),
    ("Scotland Yard warned that the budget shortfall would cost jobs.", ["Scotland Yard", "jobs"]),
    ("Greater Manchester Police must cut 300 officers to balance its budget.", []),  # not the Met
    ("The Met Police said the march passed off peacefully.", []),  # the Met, but not its resources
])
def test_the_mets_officers_staff_and_budget_are_the_topic_without_a_technology(text, expected):
    assert topics.terms_in(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Two drones and a facial-recognition van.", {"drones", "lfr"}),
    ("The UAVs flew over Hackney.", {"drones"}),
    ("a uav", set()),  # capitals only, as written in the vocabulary
    ("CCTV cameras at six junctions.", set()),  # on topic for the crawler, but no technology of a metric
])
def test_a_sentence_names_the_technologies_it_is_about(text, expected):
    assert topics.technologies_in(text) == expected


def test_every_technology_is_one_the_metric_vocabulary_can_ask_for():
    from claimwatch.nlp.metrics import metric_vocabulary

    asked = {entry["topic"] for entry in metric_vocabulary().values() if entry.get("topic")}
    assert asked <= topics.technologies()


@pytest.mark.parametrize("content, named", [
    ("technologies: {lfr: [LFR]}\non_topic: [CCTV]\ntopics: [drone]\n", "'topics'"),
    ("technologies: {lfr: [LFR]}\n", "'on_topic'"),
    ("technologies: {lfr: LFR}\non_topic: [CCTV]\nforce_resources: {force: [Met Police], resources: [budget]}\n",
     "technologies.lfr"),
    ("technologies: {lfr: [LFR]}\non_topic: [CCTV]\nforce_resources: {force: [Met Police]}\n", "force_resources"),
    ("technologies: {lfr: [LFR]\non_topic: [CCTV]\n", "cannot load"),
])
def test_a_broken_vocabulary_is_one_line_naming_the_file_and_key(tmp_path, content, named):
    path = tmp_path / "topics.yml"
    path.write_text(content)
    with pytest.raises(topics.VocabularyError) as error:
        topics.vocabulary(path)
    assert str(path) in str(error.value) and named in str(error.value)
    assert "\n" not in str(error.value)
