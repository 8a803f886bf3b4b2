"""The figure highlighted in its sentence, and the timeline's geometry."""

from claimwatch.publish import chart


def test_highlight_uses_the_offset_when_the_figure_appears_twice():
    sentence = "Officers said 9 drones flew 9 times."
    assert chart.highlight(sentence, "9", 28) == ("Officers said 9 drones flew ", "9", " times.")
    assert chart.highlight(sentence, "9") == ("Officers said ", "9", " drones flew 9 times.")


def test_a_wrong_offset_falls_back_to_the_first_occurrence_and_a_missing_figure_to_the_whole_sentence():
    assert chart.highlight("About 30 drones.", "30", 2) == ("About ", "30", " drones.")
    assert chart.highlight("No figure here.", "12") == ("No figure here.", "", "")


def test_offset_in_sentence_comes_from_the_article_text():
    text = "Intro. Officers said 9 drones flew 9 times. The end."
    sentence = "Officers said 9 drones flew 9 times."
    second_nine = text.index("9 times")
    assert chart.figure_offset_in_sentence(text, sentence, second_nine) == sentence.index("9 times")
    assert chart.figure_offset_in_sentence(text, "Not in the text.", 3) is None
    assert chart.figure_offset_in_sentence(None, sentence, 3) is None


def _figure(published, value, outlet, *, start=None, end=None, claims=1, status="current", copies_only=False):
    return {"first_published": published, "value": value, "value_high": None, "unit": "count", "qualifier": "exact",
            "status": status, "denominator": None, "time_text": None, "time_start": start, "time_end": end,
            "first_outlet": outlet, "claim_count": claims, "outlets": outlet, "copies_only": copies_only}


def test_each_figure_is_one_mark_a_period_a_span_and_nothing_joins_them():
    spec = chart.figures_spec(
        [_figure("2025-10-01", 30, "Ledger", claims=2, copies_only=True), _figure("2025-11-01", 9, "Bugle", claims=3),
         _figure("2025-10-21", 962, "Courier", start="2024-10-01", end="2025-09-30", status="past"),
         _figure(None, 5, "Undated")],
        [{"period_start": "2024-10-01", "period_end": "2025-09-30", "official_value": 962}],
        metric_title="Drones in service", unit="count", label="figures")
    marks = spec["data"]["values"]
    assert [(m["source"], m["shape"], m["start"], m["end"]) for m in marks] == [
        ("Ledger", "point", "2025-10-01", "2025-10-01"), ("Bugle", "point", "2025-11-01", "2025-11-01"),
        ("Courier", "span", "2024-10-01", "2025-09-30"), ("Official record", "span", "2024-10-01", "2025-09-30")]
    # Repeated by copies of one story (a dashed ring) is told apart from repeated by other sources (a ring).
    assert [m["repeated"] for m in marks] == ["by copies of one story", "by other sources", "", ""]
    rings = [layer for layer in spec["layer"] if layer["mark"]["type"] == "point" and not layer["mark"]["filled"]]
    assert [("strokeDash" in ring["mark"], ring["transform"][0]["filter"]) for ring in rings] == [
        (False, "datum.repeated == 'by other sources'"), (True, "datum.repeated == 'by copies of one story'")]
    assert not any(layer["mark"]["type"] == "line" for layer in spec["layer"])
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Ledger", "Bugle", "Courier", "Official record"]
    assert spec["encoding"]["y"]["title"] == "Drones in service (number)"
    assert spec["encoding"]["y"]["axis"]["tickMinStep"] == 1  # whole-number ticks for counts


def test_a_ratio_is_charted_in_per_cent():
    spec = chart.figures_spec([{**_figure("2025-10-01", 3e-06, "Ledger"), "unit": "ratio"}], [],
                              metric_title="False match rate", unit="ratio", label="figures")
    assert spec["data"]["values"][0]["value"] == 3e-06 * 100
    assert spec["encoding"]["y"]["title"] == "False match rate (per cent)"
    assert "tickMinStep" not in spec["encoding"]["y"]["axis"]


def test_the_spec_cannot_close_its_script_element():
    assert "</script>" not in chart.spec_json({"title": "</script><script>alert(1)</script>"})
