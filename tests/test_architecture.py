"""The import rules of docs/architecture.md, read from the code: data flows crawlers → db ← nlp.

claimwatch installs as one top-level package. Its parts keep the folders of the project's layout (crawlers/,
nlp/, db/, publish/ at the repository root) and are imported as claimwatch.crawlers, claimwatch.nlp, ...
"""

import ast
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent

PARTS = {"claimwatch.crawlers": "crawlers", "claimwatch.nlp": "nlp", "claimwatch.db": "db",
         "claimwatch.publish": "publish"}
# Modules of claimwatch itself that any part may use: they import none of the parts.
COMMON = {"claimwatch.clock", "claimwatch.topics"}
WIRING = {"claimwatch.cli", "claimwatch.leases"}

NEVER = {
    "claimwatch.crawlers": {"claimwatch.nlp", "claimwatch.db", "claimwatch.publish", *WIRING, "sqlite_utils", "spacy",
                            "datasette"},
    "claimwatch.nlp": {"claimwatch.crawlers", "claimwatch.db", "claimwatch.publish", *WIRING, "scrapy", "sqlite_utils",
                       "datasette"},
    "claimwatch.db": {"claimwatch.crawlers", "claimwatch.nlp", "claimwatch.publish", *WIRING, "spacy", "scrapy",
                      "datasette"},
    "claimwatch.publish": {"claimwatch.crawlers", "claimwatch.nlp", *WIRING, "scrapy", "spacy"},
}
# The old top-level names: not installed any more, and names that PyPI packages already use.
RETIRED = set(PARTS.values())


def component(module: str) -> str:
    """'claimwatch.nlp.figures' -> 'claimwatch.nlp'; 'claimwatch.clock' -> itself; 'scrapy.http' -> 'scrapy'."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "claimwatch" and len(parts) > 1 else parts[0]


def imported_components(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {component(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "claimwatch":  # from claimwatch import db, nlp
                names |= {component(f"claimwatch.{alias.name}") for alias in node.names}
            else:
                names.add(component(node.module))
    return names


def python_files(folder: pathlib.Path):
    return sorted(path for path in folder.rglob("*.py") if ".venv" not in path.parts)


@pytest.mark.parametrize("package", sorted(NEVER))
def test_package_imports_only_what_the_architecture_allows(package):
    offences = []
    for path in python_files(ROOT / PARTS[package]):
        forbidden = imported_components(path) & NEVER[package]
        if forbidden:
            offences.append(f"{path.relative_to(ROOT)} imports {', '.join(sorted(forbidden))}")
    assert not offences, "\n".join(offences)


def test_only_the_cli_wires_the_packages_together():
    wiring = []
    for path in python_files(ROOT / "claimwatch"):
        if path.name != "cli.py" and imported_components(path) & set(PARTS):
            wiring.append(str(path.relative_to(ROOT)))
    assert not wiring, f"only claimwatch/cli.py may import crawlers, nlp and db: {wiring}"


def test_the_common_modules_import_none_of_the_parts():
    for module in COMMON:
        path = ROOT / (module.replace(".", "/") + ".py")
        assert path.exists(), module
        assert not imported_components(path) & (set(PARTS) | WIRING), module


def test_nothing_imports_the_retired_top_level_names():
    offences = []
    for folder in ("claimwatch", *PARTS.values(), "tests", "bench", "evaluation", "sample_site"):
        for path in python_files(ROOT / folder):
            retired = imported_components(path) & RETIRED
            if retired:
                offences.append(f"{path.relative_to(ROOT)} imports {', '.join(sorted(retired))}")
    assert not offences, "\n".join(offences)


def test_the_rule_checker_sees_imports_inside_functions(tmp_path):
    source = tmp_path / "example.py"
    source.write_text("def f():\n    from claimwatch.db.store import ArticleStore\n    import scrapy.http\n"
                      "    from claimwatch import nlp\n")
    assert imported_components(source) == {"claimwatch.db", "scrapy", "claimwatch.nlp"}


def test_the_docs_import_the_installed_names():
    retired = re.compile(rf"^\s*(?:import|from) (?:{'|'.join(sorted(RETIRED))})\b", re.M)
    offences = [f"{path.relative_to(ROOT)}: {match.group(0).strip()}"
                for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
                for match in retired.finditer(path.read_text(encoding="utf-8"))]
    assert not offences, "\n".join(offences)
