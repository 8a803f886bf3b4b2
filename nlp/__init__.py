"""Claim extraction: text and a publication date in, claims (plain dicts, see docs/extraction.md) out.

    from claimwatch.nlp import Extractor
    extractor = Extractor()                     # loads spaCy once
    claims = extractor.claims("The Met has 30 drones.", published="2025-11-10")
    extractor.version                           # what the database records as having extracted an article

extractor_version() gives the same version without loading spaCy, and why_stale(stored, current) says in a few
words why an article extracted by `stored` needs extracting again.
"""

from claimwatch.nlp.pipeline import Extractor
from claimwatch.nlp.resources import DataError
from claimwatch.nlp.version import extractor_version, why_stale

__all__ = ["DataError", "Extractor", "extractor_version", "why_stale"]
