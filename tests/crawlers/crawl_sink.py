"""A sink for crawl tests that records what the crawler hands over, deciding outcomes as the database does:
one article per URL, a new version when the body changes, a duplicate when the text is already stored under
another URL, validators from the latest version. Kept in a JSON file so a second crawl sees the first one's."""

import base64
import json
import pathlib


class RecordingSink:
    def __init__(self, path):
        self.path = pathlib.Path(path)
        state = json.loads(self.path.read_text()) if self.path.exists() else {}
        self.articles = state.get("articles", {})  # url -> list of versions (records, body in base64)
        self.aliases = state.get("aliases", {})  # another URL -> the article's url
        self.outcomes = state.get("outcomes", [])  # [url, outcome] in the order they happened
        self.checks = state.get("checks", [])  # [url, fetched_at] of 304 answers
        self.received = state.get("received", [])  # every record handed over, without its body

    def save_article(self, record):
        record = {**record, "body": base64.b64encode(record["body"]).decode()}
        self.received.append({**record, "body": None})
        url = self.aliases.get(record["url"], record["url"])
        outcome = self._save(url, record)
        for other in (record["requested_url"], record["final_url"]):
            if other != url:
                self.aliases.setdefault(other, url)
        self.outcomes.append([record["url"], outcome])
        return outcome

    def _save(self, url, record):
        versions = self.articles.get(url)
        if versions:
            if versions[-1]["content_sha256"] == record["content_sha256"]:
                return "unchanged"
            versions.append(record)
            return "updated"
        for other, other_versions in self.articles.items():
            if other_versions[-1]["text_sha256"] == record["text_sha256"]:
                self.aliases[url] = other
                return "duplicate"
        self.articles[url] = [record]
        return "stored"

    def validators(self, url):
        versions = self.articles.get(self.aliases.get(url, url))
        if not versions:
            return {}
        return {"etag": versions[-1]["etag"], "last_modified": versions[-1]["last_modified"]}

    def not_modified(self, url, fetched_at):
        self.checks.append([url, fetched_at])

    def save(self):
        state = {"articles": self.articles, "aliases": self.aliases, "outcomes": self.outcomes,
                 "checks": self.checks, "received": self.received}
        self.path.write_text(json.dumps(state))

    def latest(self, url):
        """The latest stored version of the article at url (or a URL aliased to it), body decoded."""
        record = self.articles[self.aliases.get(url, url)][-1]
        return {**record, "body": base64.b64decode(record["body"])}

    def outcome_counts(self):
        counts = {}
        for _, outcome in self.outcomes:
            counts[outcome] = counts.get(outcome, 0) + 1
        return counts
