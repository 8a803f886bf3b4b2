"""Claim extraction: text and a publication date in, claims (plain dicts, see docs/extraction.md) out.

from nlp import Extractor, EXTRACTOR_VERSION
"""

from nlp.pipeline import EXTRACTOR_VERSION, Extractor
from nlp.resources import DataError

__all__ = ["EXTRACTOR_VERSION", "DataError", "Extractor"]
