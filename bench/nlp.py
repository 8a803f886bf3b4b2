"""Claim extraction speed, figure sentences only vs the full spaCy pipeline over all the text.

Whole-article words/s over the sample site bodies and the seeds, against en_core_web_sm's full pipeline run
over every sentence of the same articles in the same run; the two must produce identical claims."""

import pathlib
import statistics

import yaml

import bench

ROOT = pathlib.Path(__file__).resolve().parent.parent


def articles() -> list[tuple[str, str | None, str]]:
    """(text, published, name) of every sample-site article and seed article available."""
    from evaluation.gold import sample_article_text

    found = []
    for path in sorted((ROOT / "sample_site" / "source" / "articles").glob("*/*.yml")):
        article = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.append((sample_article_text(article["body"]), str(article.get("published")), path.stem))
    for path in sorted((ROOT.parent / "shared" / "seeds").glob("*.txt")):
        found.append((path.read_text(encoding="utf-8"), None, path.stem))
    return found


def run(quick: bool) -> list[bench.Result]:
    from claimwatch.nlp import Extractor

    corpus = articles()
    words = sum(len(text.split()) for text, _, _ in corpus)
    fast, full = Extractor(), Extractor(only_figure_sentences=False)
    fast_claims = list(fast.claims_many(corpus))
    full_claims = list(full.claims_many(corpus))
    if fast_claims != full_claims:
        differing = [key for (key, a), (_, b) in zip(fast_claims, full_claims, strict=True) if a != b]
        raise AssertionError(f"the sentence filter changed the claims of {differing}")
    # Alternate the two, so that a busy machine slows both alike.
    fast_times, full_times = [], []
    for _ in range(1 if quick else 5):
        fast_times.append(bench.median_seconds(lambda: list(fast.claims_many(corpus)), repeat=1))
        full_times.append(bench.median_seconds(lambda: list(full.claims_many(corpus)), repeat=1))
    fast_seconds, full_seconds = statistics.median(fast_times), statistics.median(full_times)
    figures = sum(len(fast.figures(text)) for text, _, _ in corpus)
    claims = f"{sum(len(claims) for _, claims in fast_claims)} claims either way"
    words_result = bench.Result(
        benchmark=f"extract claims from {len(corpus)} articles ({words:,} words), identical claims checked",
        unit="words/s",
        value=words / fast_seconds,
        baseline_name="full en_core_web_sm pipeline over every sentence",
        baseline=words / full_seconds,
        target=">= 7x",
        note=claims,
    )
    words_result.met = words_result.ratio is not None and words_result.ratio >= 7
    figures_result = bench.Result(
        benchmark=f"figures found while extracting claims from the same {len(corpus)} articles",
        unit="figures/s",
        value=figures / fast_seconds,
        baseline_name="full en_core_web_sm pipeline over every sentence",
        baseline=figures / full_seconds,
        note=f"{figures} figures; {claims}",
    )
    return [words_result, figures_result]
