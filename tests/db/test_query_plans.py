"""What keeps detection and the site fast on a million claims, as SQLite's query plans (the times are in bench/):
the queries that read every claim, or every claim of a metric, read one index and no article."""

from claimwatch.db import copies, detect


def plan(database, sql, params=()):
    return [row[3] for row in database.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()]


def test_grouping_claims_into_figures_reads_one_covering_index_and_no_article(database):
    steps = plan(database, detect.FIGURES_SQL.format(where=""))
    assert "SCAN claims USING COVERING INDEX claims_figure" in steps
    assert not any("articles" in step or "TEMP B-TREE FOR GROUP BY" in step for step in steps), steps


def test_counting_one_metrics_claims_with_provenance_reads_only_the_metric_index(database):
    # Datasette runs this count on every page of the view.
    steps = plan(database, "SELECT count(*) FROM claims_with_provenance WHERE metric = ?", ["lfr_arrests"])
    assert steps == ["SEARCH claims USING COVERING INDEX claims_metric (metric=?)"]


def test_a_page_of_claims_with_provenance_looks_up_articles_by_key(database):
    steps = plan(database, "SELECT * FROM claims_with_provenance WHERE metric = ? LIMIT 101", ["lfr_arrests"])
    assert not any(step.startswith("SCAN") for step in steps), steps


def test_saving_an_article_finds_its_copies_by_key_not_by_reading_every_band(database):
    # One scan per saved article made a crawl quadratic: 24 ms an article at 2,000 articles in the shard.
    steps = plan(database, copies.CANDIDATES_SQL, [0] * (2 * copies.LSH_BANDS))
    assert any(step.startswith("SEARCH minhash_bands USING PRIMARY KEY") for step in steps), steps
    assert not any(step.startswith("SCAN minhash_bands") for step in steps), steps
