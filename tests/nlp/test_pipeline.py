"""The Extractor as the CLI and the db use it: batches, keys, figures, sentence selection, model choice."""

import json

import pytest

from claimwatch.nlp import Extractor, extractor_version, why_stale
from claimwatch.nlp.pipeline import MAX_SENTENCE_CHARS, split_sentences
from claimwatch.nlp.version import CODE_VERSION, data_digest, model_version

ARTICLE = (
    "Met to grow drone fleet\n\n"
    "  • The Met flies 18 drones today.\n"
    "Dr. Jones said the force plans to buy 120 drones by 2028. Nothing else was said.\n"
)


def test_claims_many_keeps_order_and_keys_even_for_articles_without_figures(extractor):
    items = [
        ("No figures here at all.", None, "a"),
        (ARTICLE, "2025-07-10", "b"),
        ("", None, "c"),
        (ARTICLE, "2025-07-10", "d"),
    ]
    results = list(extractor.claims_many(items))
    assert [key for key, _ in results] == ["a", "b", "c", "d"]
    assert results[0][1] == [] and results[2][1] == []
    assert [c["value"] for c in results[1][1]] == [18, 120]
    assert results[1][1] == results[3][1] == extractor.claims(ARTICLE, "2025-07-10")


def test_claim_records_have_exactly_the_contract_fields(extractor):
    for claim in extractor.claims(ARTICLE, "2025-07-10"):
        assert set(claim) == {
            "metric",
            "subject",
            "value",
            "value_high",
            "unit",
            "qualifier",
            "status",
            "denominator",
            "time_scope",
            "figure_text",
            "sentence",
            "char_start",
            "char_end",
        }
        assert set(claim["time_scope"]) == {"text", "start", "end"}
        json.dumps(claim)


def test_figures_lists_every_figure_with_a_metric_where_one_applies(extractor):
    figures = extractor.figures("The van stood on the corner for 3 hours while 18 drones flew overhead.")
    assert [(f["text"], f.get("metric")) for f in figures] == [("3 hours", None), ("18", "drones_fleet")]
    assert set(figures[1]) == {"text", "value", "value_high", "unit", "qualifier", "change", "start", "end", "metric"}


def test_sentences_keep_offsets_and_skip_bullets_and_titles():
    spans = [ARTICLE[s.start : s.end] for s in split_sentences(ARTICLE)]
    assert spans == [
        "Met to grow drone fleet",
        "The Met flies 18 drones today.",
        "Dr. Jones said the force plans to buy 120 drones by 2028.",
        "Nothing else was said.",
    ]


def test_a_run_on_sentence_is_cut_at_clause_marks_into_bounded_pieces():
    clause = "the force said 2,000 arrests followed live facial recognition deployments; "
    text = "The Met said " + clause * 60 + "and more."
    pieces = [text[s.start : s.end] for s in split_sentences(text)]
    assert len(pieces) > 1 and all(len(piece) <= MAX_SENTENCE_CHARS for piece in pieces)
    assert all(piece.endswith(";") for piece in pieces[:-1])  # cut after a clause, never inside a figure
    assert " ".join(pieces) == text.rstrip()


def test_every_figure_of_a_run_on_sentence_is_still_a_claim(extractor):
    text = "The Met said " + "2,000 arrests followed live facial recognition deployments and " * 100 + "more."
    claims = extractor.claims(text, "2025-07-10")
    assert len(claims) == 100 and {claim["figure_text"] for claim in claims} == {"2,000"}


def test_only_sentences_with_figures_reach_spacy_and_claims_stay_the_same(extractor):
    full = Extractor(only_figure_sentences=False)
    assert "ner" in full.nlp.pipe_names and "ner" not in extractor.nlp.pipe_names
    text = ARTICLE + "\nThe Metropolitan Police now has 10 facial recognition vans, up from 6 last year."
    assert full.claims(text, "2025-07-10") == extractor.claims(text, "2025-07-10")


def test_an_unknown_model_is_named_in_the_error():
    with pytest.raises(RuntimeError, match="'no_such_model_xyz'"):
        Extractor(model="no_such_model_xyz")


def test_the_model_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("CLAIMWATCH_SPACY_MODEL", "no_such_model_from_env")
    with pytest.raises(RuntimeError, match="no_such_model_from_env"):
        Extractor()


def test_text_that_is_not_a_string_is_named(extractor):
    with pytest.raises(TypeError, match="article 'k'"):
        list(extractor.claims_many([(b"bytes", None, "k")]))


def test_the_version_names_the_code_the_model_and_the_data(extractor):
    code, model, data = extractor.version.split("+")
    assert code == CODE_VERSION
    assert model == model_version(extractor.model) and model.endswith("-3.8.0")  # the pinned model
    assert data == f"data.{data_digest()}"
    assert extractor_version() == extractor.version  # the same without loading spaCy


def test_a_model_without_meta_is_named(tmp_path):
    with pytest.raises(RuntimeError, match="no_such_model"):
        extractor_version("no_such_model")


@pytest.mark.parametrize("stored, reason", [
    (None, "never extracted"),
    ("3", "extracted by version 3, from before versions named their model and data"),
    ("4+en_core_web_sm-3.8.0+data.aaaa", "extracted before nlp's data files changed"),
    ("4+en_core_web_sm-3.7.1+data.bbbb", "extracted before the spaCy model changed"),
    ("3+en_core_web_sm-3.7.1+data.bbbb", "extracted before the extractor's code and the spaCy model changed"),
])
def test_why_an_article_is_extracted_again(stored, reason):
    assert why_stale(stored, "4+en_core_web_sm-3.8.0+data.bbbb") == reason


@pytest.mark.slow
def test_two_processes_give_the_same_claims(extractor):
    parallel = Extractor(n_process=2, batch_size=4)
    items = [(ARTICLE, "2025-07-10", n) for n in range(6)]
    assert list(parallel.claims_many(items)) == list(extractor.claims_many(items))


def test_figures_command_prints_json_lines(claimwatch_cli):
    output = claimwatch_cli("figures", "Khan blocked a £50 million contract; the Met flies 18 drones.").stdout
    figures = [json.loads(line) for line in output.splitlines()]
    assert [(f["text"], f["value"], f.get("metric")) for f in figures] == [
        ("£50 million", 50_000_000, "contract_value"),
        ("18", 18, "drones_fleet"),
    ]


def test_every_dev_set_claim_fits_the_contract_schema(extractor):
    jsonschema = pytest.importorskip("jsonschema")
    from evaluation.gold import ROOT, load_all

    schema = json.loads((ROOT / "schemas" / "claim.schema.json").read_text(encoding="utf-8"))
    schema["required"] = [field for field in schema["required"] if field not in ("id", "article")]
    articles = load_all()
    checked = 0
    for article, claims in extractor.claims_many((a.text, a.published, a) for a in articles):
        for claim in claims:
            jsonschema.validate(claim, schema)
            assert article.text[claim["char_start"] : claim["char_end"]] == claim["figure_text"]
            checked += 1
    assert checked >= 90
