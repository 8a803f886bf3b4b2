"""Claims as a fact-checker reads them: what is counted, how sure, when, about whom."""

import pathlib

import pytest

SEEDS = pathlib.Path(__file__).resolve().parents[3] / "shared" / "seeds"


def seed(name):
    path = next(SEEDS.glob(f"{name}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {name} not in {SEEDS}")
    return path.read_text(encoding="utf-8")


def by_figure(claims):
    return {claim["figure_text"]: claim for claim in claims}


def slots(claim, *names):
    return tuple(claim[name] for name in names)


def test_offsets_point_at_the_figure_in_the_text(extractor):
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for claim in extractor.claims(text, "2025-11-12"):
            assert text[claim["char_start"] : claim["char_end"]] == claim["figure_text"]
            assert claim["figure_text"] in claim["sentence"]


def test_seed_arrests_since_early_2024(claims_of):
    claims = by_figure(claims_of(seed("002"), "2025-11-12"))
    arrests = claims["over 2,000"]
    assert slots(arrests, "metric", "value", "qualifier", "status", "subject") == (
        "lfr_arrests",
        2000,
        "at_least",
        "cumulative",
        "Metropolitan Police",
    )
    assert arrests["time_scope"] == {"text": "since early 2024", "start": "2024-01-01", "end": "2025-11-12"}
    assert slots(claims["nine"], "metric", "value", "status") == ("drones_fleet", 9, "current")
    assert claims["nine"]["time_scope"]["start"] == "2025-10-01"
    assert slots(claims["under two minutes"], "metric", "value", "unit", "qualifier") == (
        "drone_response_time",
        2,
        "minutes",
        "at_most",
    )
    assert slots(claims["£50 million"], "metric", "value", "unit") == ("contract_value", 50_000_000, "GBP")
    assert slots(claims["approximately one million"], "metric", "qualifier") == ("cctv_cameras", "approx")
    assert len(claims) == 5


def test_seed_plan_of_500_drones_up_from_30(claims_of):
    claims = claims_of(seed("000"), "2025-11-12")
    assert [slots(c, "metric", "value", "qualifier", "status") for c in claims] == [
        ("drones_planned", 500, "exact", "planned"),
        ("drones_fleet", 30, "exact", "current"),
        ("drones_planned", 500, "exact", "planned"),
        ("drones_fleet", 30, "approx", "current"),
    ]


def test_seed_deployments_from_four_to_potentially_ten_and_lost_posts(claims_of):
    claims = claims_of(seed("003"), "2025-07-31")
    assert [slots(c, "metric", "value", "unit", "status", "denominator") for c in claims] == [
        ("lfr_deployments_per_week", 4, "per_week", "current", "week"),
        ("lfr_deployments_per_week", 10, "per_week", "planned", "week"),
        ("officers_lost", 1400, "count", "current", None),
        ("staff_lost", 300, "count", "current", None),
    ]


@pytest.mark.parametrize("name", ["001", "004"])
def test_seeds_without_policy_figures_give_nothing(claims_of, name):
    assert claims_of(seed(name), "2025-03-24") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The cameras were first used in the 2018 trial at a shopping centre in Stratford.",
        "Ghost hunters say Room 502 of the old hospital is the most haunted.",
        "Police powers are set out in the Data Protection Act 2018 and section 60 of the 1994 Act.",
        "A 52-year-old woman was arrested at the third deployment in Walthamstow.",
        "Call the Met press office on 020 7946 0192 before 7pm.",
        "Wapping Rovers beat Bow Athletic 3-1 in front of a crowd of 1,240.",
        "Two officers put up signs at either end of the street.",
    ],
)
def test_numbers_that_are_not_policy_figures_give_no_claim(claims_of, sentence):
    assert claims_of(sentence) == []


def test_other_forces_are_their_own_subject(claims_of):
    claims = claims_of(
        "Northshire Constabulary is fictional, but Essex Police flies about 40 drones, while the Met flies 18."
    )
    assert [slots(c, "metric", "value", "subject") for c in claims] == [
        ("drones_fleet", 40, "Essex Police"),
        ("drones_fleet", 18, "Metropolitan Police"),
    ]


def test_a_source_is_not_the_subject(claims_of):
    (claim,) = claims_of("More than 20 forces now use live facial recognition, according to the Home Office.")
    # not the Home Office that is quoted; a count of forces is no one force's either (extractor 14)
    assert slots(claim, "metric", "subject") == ("forces_using_lfr", "Forces in England and Wales")


@pytest.mark.parametrize(
    "sentence, figure, status",
    [
        ("The Met aims to buy 200 drones.", "200", "planned"),
        ("The force will install 15 permanent facial recognition cameras in Croydon.", "15", "planned"),
        ("The Met had 12 drones in 2022.", "12", "past"),
        ("The Met now has 10 facial recognition vans.", "10", "current"),
        ("The fleet grew from 9 drones to 18 drones.", "9", "past"),
        ("Facial recognition has led to 400 arrests so far.", "400", "cumulative"),
    ],
)
def test_status_from_cues_tense_and_changes(claims_of, sentence, figure, status):
    claims = by_figure(claims_of(sentence))
    assert claims[figure]["status"] == status


def test_rates_are_ratios_with_their_denominator(claims_of):
    claims = by_figure(
        claims_of(
            "The Met says facial recognition has a false alert rate of 0.0003% of faces scanned, "
            "while campaigners put the false match rate at 1 in 6,000."
        )
    )
    assert slots(claims["0.0003%"], "metric", "unit", "denominator") == (
        "false_positive_rate",
        "ratio",
        "faces_scanned",
    )
    assert claims["0.0003%"]["value"] == pytest.approx(0.000003)
    assert claims["1 in 6,000"]["value"] == 0.000167  # the contract's own example: three significant figures


def test_a_sentence_without_a_topic_takes_the_paragraph_topic(claims_of):
    text = (
        "The Met expanded live facial recognition in the West End. This technology has led to 700 arrests.\n\n"
        "The force also flies drones over protests. Officers made 90 arrests at the carnival."
    )
    claims = claims_of(text)
    assert [(c["metric"], c["status"]) for c in claims] == [("lfr_arrests", "cumulative"), ("arrests_total", "past")]
