"""Fixtures for crawl tests: the misbehaving fixture server, and a crawl run in a subprocess."""

import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

from crawl_runner import Crawl  # noqa: E402
from crawl_server import FixtureServer  # noqa: E402


@pytest.fixture
def fixture_site():
    with FixtureServer() as server:
        yield server


@pytest.fixture
def crawl(tmp_path):
    return Crawl(tmp_path)
