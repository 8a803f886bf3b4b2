"""`pip install .` adds one top-level package, claimwatch, with everything it reads at run time."""

import os
import subprocess
import sys
import zipfile

import pytest

from tests.test_architecture import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(folder), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (path,) = folder.glob("claimwatch-*.whl")
    return path


@pytest.mark.slow
def test_the_wheel_holds_one_top_level_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")} == {"claimwatch"}
    top_level = next(name for name in names if name.endswith("top_level.txt"))
    assert zipfile.ZipFile(wheel).read(top_level).decode().split() == ["claimwatch"]


@pytest.mark.slow
def test_the_wheel_carries_the_data_files_and_entry_points(wheel):
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    for data in ["claimwatch/metadata.yml", "claimwatch/data/topics.yml", "claimwatch/nlp/data/metrics.yml",
                 "claimwatch/nlp/schemas/data.yml", "claimwatch/crawlers/sources.yml",
                 "claimwatch/crawlers/data/boilerplate.txt", "claimwatch/publish/templates/claimwatch_home.html"]:
        assert data in names, data
    assert archive.read("claimwatch/metadata.yml") == (ROOT / "metadata.yml").read_bytes()
    entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "claimwatch = claimwatch.cli:cli" in entry_points
    assert "claimwatch = claimwatch.publish.plugin" in entry_points


@pytest.mark.slow
def test_installed_in_a_clean_venv_it_adds_only_claimwatch_and_finds_its_metadata(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    before = set(os.listdir(site))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet",
                    str(wheel)], check=True, capture_output=True, timeout=300)
    added = set(os.listdir(site)) - before
    assert {name for name in added if not name.endswith(".dist-info")} == {"claimwatch"}
    found = subprocess.run([python, "-c", "import claimwatch.publish as p; print(p.METADATA.exists(), p.METADATA)"],
                           check=True, capture_output=True, text=True, cwd=tmp_path).stdout
    assert found.startswith("True ") and site in found
