"""A small real claimwatch database for the export tests, built through db.store and db.detect as the
pipeline builds it: four fictional outlets, a conflict, an explained mismatch and another force's figure."""

import json
import pathlib

import jsonschema
import pytest
import referencing

from claimwatch import db
from claimwatch.db.store import ArticleStore, replace_claims

SCHEMAS = pathlib.Path(__file__).resolve().parents[2] / "schemas"
DATA = pathlib.Path(__file__).with_name("articles.json")


@pytest.fixture(scope="session")
def schemas() -> dict:
    """A validator for each schemas/NAME.schema.json by NAME ("claim", "contradiction", "claimreview"), resolving
    the schemas' references to one another and checking formats (dates) too."""
    loaded = {path.name.removesuffix(".schema.json"): json.loads(path.read_text())
              for path in sorted(SCHEMAS.glob("*.schema.json"))}
    registry = referencing.Registry().with_resources(
        (schema["$id"], referencing.Resource.from_contents(schema)) for schema in loaded.values()
    )
    validators = {}
    for name, schema in loaded.items():
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        validators[name] = cls(schema, registry=registry, format_checker=cls.FORMAT_CHECKER)
    return validators


def build(path) -> None:
    database = db.open_database(path)
    store = ArticleStore(database)
    for article in json.loads(DATA.read_text()):
        claims = article.pop("claims")
        text = article["text"]
        for claim in claims:
            claim["char_start"] = text.index(claim["figure_text"])
            claim["char_end"] = claim["char_start"] + len(claim["figure_text"])
            claim["sentence"] = next(s for s in text.split(". ") if claim["figure_text"] in s)
        store.save_article({**article, "body": f"<html><body><p>{text}</p></body></html>".encode()})
        article_id = database.execute("SELECT id FROM articles WHERE url = ?", [article["url"]]).fetchone()[0]
        replace_claims(database, article_id, "test", claims)
    db.detect.detect(database)
    database.close()


@pytest.fixture
def built_db(db_path):
    """The path of a fresh database holding the articles of articles.json, their claims and detection."""
    build(db_path)
    return db_path


@pytest.fixture
def database(built_db):
    database = db.open_database(built_db)
    yield database
    database.close()
