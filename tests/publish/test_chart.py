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


def test_timeline_orders_points_by_date_and_puts_larger_values_higher():
    plot = chart.timeline([("2025-11-01", 9, "Bugle"), ("2025-10-01", 30, "Ledger"), (None, 5, "undated")])
    assert [p.date for p in plot.points] == ["2025-10-01", "2025-11-01"]
    first, second = plot.points
    assert first.x < second.x
    assert first.y < second.y  # SVG y grows downwards: 30 stands above 9
    assert all(0 <= p.x <= plot.width and 0 <= p.y <= plot.height for p in plot.points)


def test_timeline_of_one_figure_or_none():
    single = chart.timeline([("2025-10-01T09:00:00Z", 3, None)])
    assert len(single.points) == 1 and 0 < single.points[0].x < single.width
    assert chart.timeline([]).points == []
