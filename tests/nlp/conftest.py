"""One real spaCy-backed Extractor for the whole session: loading the model is the slow part."""

import pytest

from claimwatch.nlp import Extractor


@pytest.fixture(scope="session")
def extractor():
    return Extractor()


@pytest.fixture(scope="session")
def claims_of(extractor):
    """claims_of(text, published=...) -> list of claims, for one-sentence checks."""

    def run(text, published="2025-11-12"):
        return extractor.claims(text, published)

    return run
