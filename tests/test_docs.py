"""README.md's CLI help and schema, and docs/scaling.md's publishing commands, are pasted in by cog from the code:
a stale copy fails here.

Fix with `make docs`."""

import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("page", ["README.md", "docs/scaling.md"])
def test_docs_are_generated_from_the_current_code(page):
    result = subprocess.run(
        [sys.executable, "-m", "cogapp", "--check", "--diff", page],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"{page} is stale; run `make docs`.\n{result.stdout}{result.stderr}"


def test_readme_starts_with_the_two_commands():
    head = (ROOT / "README.md").read_text().split("\n## ")[0]
    assert "make demo" in head and "make test" in head


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()
