"""The import rules of docs/architecture.md, read from the code: data flows crawlers → db ← nlp."""

import ast
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent

NEVER = {
    "crawlers": {"nlp", "db", "sqlite_utils", "spacy", "claimwatch", "publish", "datasette"},
    "nlp": {"crawlers", "db", "scrapy", "sqlite_utils", "claimwatch", "publish", "datasette"},
    "db": {"crawlers", "nlp", "spacy", "scrapy", "claimwatch", "publish", "datasette"},
    "publish": {"crawlers", "nlp", "scrapy", "spacy", "claimwatch"},
}


def imported_packages(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(NEVER))
def test_package_imports_only_what_the_architecture_allows(package):
    offences = []
    for path in sorted((ROOT / package).rglob("*.py")):
        forbidden = imported_packages(path) & NEVER[package]
        if forbidden:
            offences.append(f"{path.relative_to(ROOT)} imports {', '.join(sorted(forbidden))}")
    assert not offences, "\n".join(offences)


def test_only_the_cli_wires_the_packages_together():
    wiring = []
    for path in sorted((ROOT / "claimwatch").rglob("*.py")):
        if path.name != "cli.py" and imported_packages(path) & {"crawlers", "nlp", "db"}:
            wiring.append(str(path.relative_to(ROOT)))
    assert not wiring, f"only claimwatch/cli.py may import crawlers, nlp and db: {wiring}"


def test_the_rule_checker_sees_imports_inside_functions(tmp_path):
    source = tmp_path / "example.py"
    source.write_text("def f():\n    from db.store import ArticleStore\n    import scrapy.http\n")
    assert imported_packages(source) == {"db", "scrapy"}
