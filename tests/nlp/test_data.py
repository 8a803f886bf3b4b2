"""The word lists and the metric vocabulary are data: they must load, and cover the contract."""

import pathlib
import re

import pytest
import yaml
from claimwatch.nlp.resources import DATA

CONTRACT = pathlib.Path(__file__).resolve().parents[3] / "shared" / "spec" / "contract.md"


def strings_only(node, where):
    if isinstance(node, dict):
        for key, value in node.items():
            strings_only(value, f"{where}/{key}")
    elif isinstance(node, list):
        for item in node:
            # YAML reads bare no/false/on as booleans: a word list must hold words.
            assert isinstance(item, (str, int, float, dict)) and not isinstance(item, bool), f"{where}: {item!r}"
            strings_only(item, where)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yml")), ids=lambda p: p.name)
def test_data_files_hold_words_not_yaml_surprises(path):
    strings_only(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)


def test_the_vocabulary_has_every_contract_metric_with_its_unit():
    if not CONTRACT.exists():
        pytest.skip(f"{CONTRACT} not present")
    table = dict(re.findall(r"^\| (\w+) \| (\w+) \| [^|]+\|$", CONTRACT.read_text(encoding="utf-8"), re.M))
    table.pop("metric", None)
    vocabulary = yaml.safe_load((DATA / "metrics.yml").read_text(encoding="utf-8"))["metrics"]
    assert {name: entry["unit"] for name, entry in vocabulary.items()} == table
    assert all(entry.get("description") for entry in vocabulary.values())
