"""Storage, contradiction detection, exports and merging worker shards: SQLite through sqlite-utils.

    from claimwatch import db

    database = db.open_database("claimwatch.db")  # creates or upgrades it; db.DatabaseError if unusable
    db.store.ArticleStore(database).save_article(record)  # an article record (docs/architecture.md)
    db.store.replace_claims(database, article_id, extractor_version, claims)
    db.detect.detect(database)
    db.export.export(database, out, what="contradictions", fmt="csv")
    db.merge.merge(database, ["crawl-1.db", "claims-1.jsonl"])  # workers' shards (docs/scaling.md)
    with db.ClaimShardWriter("claims-1.jsonl") as shard:  # what an extraction worker writes
        shard.write(url=..., text_sha256=..., published=..., extractor_version=..., claims=claims)
"""

from claimwatch.db import detect, export, merge, shards, store
from claimwatch.db.schema import DatabaseError, open_database
from claimwatch.db.shards import ClaimShardWriter

__all__ = ["ClaimShardWriter", "DatabaseError", "detect", "export", "merge", "open_database", "shards", "store"]
