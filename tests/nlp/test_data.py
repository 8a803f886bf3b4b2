"""The word lists and the metric vocabulary are data: they must load, and cover the contract."""

import os
import pathlib
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from claimwatch.nlp.resources import DATA, DataError, check_shape

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


def loaded(name):
    path = DATA / f"{name}.yml"
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["metrics", "numbers", "dates", "subjects", "context"])
def test_every_data_file_fits_its_schema(name):
    path, content = loaded(name)
    check_shape(path, name, content)


def refusal(name, content) -> str:
    path = DATA / f"{name}.yml"
    with pytest.raises(DataError) as error:
        check_shape(path, name, content)
    message = str(error.value)
    assert "\n" not in message and message.startswith(f"{path}: ")
    return message


def test_a_typo_in_a_metric_key_is_refused_not_read_as_match_anything():
    _, content = loaded("metrics")
    entry = content["metrics"]["lfr_arrests"]
    entry["noun"] = entry.pop("nouns")  # without "nouns" the entry would take any head noun
    message = refusal("metrics", content)
    assert "metrics.lfr_arrests" in message and "'noun'" in message


@pytest.mark.parametrize("name, change, named", [
    ("metrics", lambda c: c["metrics"]["drones_fleet"].update(status="plannned"), "metrics.drones_fleet.status"),
    ("metrics", lambda c: c["metrics"]["drones_fleet"].update(figure_units=["counts"]),
     "metrics.drones_fleet.figure_units.0"),
    ("context", lambda c: c.update(rise_wrods=["rose"]), "'rise_wrods'"),
    ("context", lambda c: c["status"].pop("modal_words"), "'modal_words'"),
    ("numbers", lambda c: c["qualifiers"].update(about=["about"]), "qualifiers"),
    ("dates", lambda c: c["openers"].update(since="sinse"), "openers.since"),
    ("subjects", lambda c: c[0].update(alias=["the Met"]), "0"),
])
def test_a_wrong_key_or_value_is_one_line_naming_the_file_and_key(name, change, named):
    _, content = loaded(name)
    change(content)
    assert named in refusal(name, content)


def test_a_file_the_code_does_not_know_is_refused(tmp_path):
    with pytest.raises(DataError, match="not a claimwatch NLP data file"):
        check_shape(tmp_path / "metric.yml", "metric", {})


def test_a_metric_about_an_unknown_technology_is_refused(tmp_path):
    """A subprocess, because the data folder is chosen when claimwatch.nlp is first imported."""
    shutil.copytree(DATA, tmp_path / "data")
    metrics = tmp_path / "data" / "metrics.yml"
    metrics.write_text(metrics.read_text().replace("topic: drones", "topic: drone", 1))
    script = "from claimwatch.nlp.metrics import metric_vocabulary; metric_vocabulary()"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env={**os.environ, "CLAIMWATCH_NLP_DATA": str(tmp_path / "data")})
    assert result.returncode != 0
    assert "'drone' is not a technology" in result.stderr and str(metrics) in result.stderr
