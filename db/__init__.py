"""Storage and contradiction detection: SQLite through sqlite-utils.

database = db.open_database("claimwatch.db")   # creates or upgrades; db.DatabaseError if unusable
db.store.ArticleStore(database).save_article(record)
db.detect.detect(database)
"""

from claimwatch.db import detect, store
from claimwatch.db.schema import DatabaseError, open_database

__all__ = ["DatabaseError", "detect", "open_database", "store"]
