"""Claim extraction: text and a publication date in, claims (plain dicts, see docs/extraction.md) out.

from claimwatch.nlp import Extractor, EXTRACTOR_VERSION
"""

from claimwatch.nlp.pipeline import EXTRACTOR_VERSION, Extractor
from claimwatch.nlp.resources import DataError

__all__ = ["EXTRACTOR_VERSION", "DataError", "Extractor"]
