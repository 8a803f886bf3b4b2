"""`pip install .` adds one top-level package, claimwatch, with everything it reads at run time."""

import fnmatch
import os
import pathlib
import subprocess
import sys
import tomllib
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
                 "claimwatch/crawlers/data/boilerplate.txt", "claimwatch/crawlers/data/publisher_kinds.yml",
                 "claimwatch/publish/labels.yml", "claimwatch/publish/templates/claimwatch_home.html",
                 "claimwatch/publish/static/vega-lite.min.js", "claimwatch/publish/static/site.css",
                 "claimwatch/publish/static/LICENSE-vega-lite-5.23.0"]:
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


def _setuptools_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def _folder_of(package: str, package_dir: dict) -> pathlib.Path:
    """claimwatch.publish.static -> ROOT/publish/static, through [tool.setuptools.package-dir]."""
    parts = package.split(".")
    for size in range(len(parts), 0, -1):
        mapped = package_dir.get(".".join(parts[:size]))
        if mapped is not None:
            return ROOT / mapped / pathlib.Path(*parts[size:])
    return ROOT / pathlib.Path(*parts)


def test_every_folder_of_files_is_a_listed_package_and_every_data_file_is_shipped():
    # Without building anything: a folder setuptools could import but is not told of ships its files with a warning
    # ("absent from the `packages` configuration"), and a file no package-data pattern matches is not shipped.
    config = _setuptools_config()
    folders = {_folder_of(package, config["package-dir"]): package for package in config["packages"]}
    patterns = config["package-data"]
    left_out, unshipped, walked = set(), [], set()
    for top in [folder for folder, package in folders.items() if package.count(".") <= 1]:
        for path in top.rglob("*"):
            if "__pycache__" in path.parts or not path.is_file():
                continue
            walked.add(path)
            package = folders.get(path.parent)
            if package is None:
                left_out.add(str(path.parent.relative_to(ROOT)))
                continue
            matching = patterns.get("*", []) + patterns.get(package, [])
            if path.suffix != ".py" and not any(fnmatch.fnmatch(path.name, pattern) for pattern in matching):
                unshipped.append(str(path.relative_to(ROOT)))
    assert not left_out, f"folders with files that [tool.setuptools] packages does not list: {sorted(left_out)}"
    assert not unshipped, f"files no [tool.setuptools.package-data] pattern ships: {unshipped}"
    assert ROOT / "publish" / "static" / "vega-lite.min.js" in walked  # the walk did see the vendored files
