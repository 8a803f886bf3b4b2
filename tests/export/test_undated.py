"""`--cause undated`: pairs that need a date are exported with the evidence behind them, and valid by the schema."""

import io
import json

from claimwatch import db
from claimwatch.db import detect, store
from claimwatch.db.export import export
from tests.db.conftest import article_record, claim


def test_undated_pairs_export_alone_with_their_evidence(tmp_path, schemas):
    database = db.open_database(tmp_path / "claimwatch.db")
    sink = store.ArticleStore(database)
    for url, outlet, published, figure in (("https://lantern.example/a", "The Daily Lantern", "2025-11-10", 30),
                                           ("https://bugle.example/b", "Borough Bugle", None, 9),
                                           ("https://wire.example/c", "Wire Service", "2025-11-12", 31)):
        sink.save_article(article_record(url, outlet=outlet, published=published))
        article_id = database.execute("SELECT id FROM articles WHERE url = ?", [url]).fetchone()[0]
        store.replace_claims(database, article_id, "test", [claim(str(figure), figure)])
    detect.detect(database)
    out = io.StringIO()
    export(database, out, what="contradictions", fmt="json", causes=["undated"])
    records = json.loads(out.getvalue())
    assert {record["cause"] for record in records} == {"undated"} and len(records) == 2
    for record in records:
        schemas["contradiction"].validate(record)
        assert "Borough Bugle's article carries no date" in record["reason"]
        assert "undated, … to 2026-01-03" in record["evidence"]
    database.close()
