"""A real HTTP server on 127.0.0.1 for crawl tests: serves sites/ plus the misbehaviour crawlers meet.

Static files may say {{base_url}}. Routes with behaviour:
  /flaky.html            500 on the first request, then the drones article
  /slow.html             answers after `slow_seconds`
  /huge.html             a page larger than the tests' DOWNLOAD_MAXSIZE
  /redirect/1            -> /redirect/2 -> /redirect/3 -> /moved/drones.html (the drones article)
  /loop/a                -> /loop/b -> /loop/a ...
  /archive/nocanon.html  the same page as /nocanon.html (no canonical link) under a second URL
  /changing.html         an article whose text is `changing_version`; ETag and If-None-Match honoured
Files are served as text/html; charset=utf-8, except cp1252.html (says utf-8: wrong), latin1.html (no charset).
"""

import hashlib
import http.server
import pathlib
import sys
import threading
import time
from collections import Counter

SITE = pathlib.Path(__file__).with_name("sites")
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/xml", ".txt": "text/plain",
                 ".pdf": "application/pdf"}
OVERRIDES = {"/cp1252.html": "text/html; charset=utf-8", "/latin1.html": "text/html"}
REDIRECTS = {"/redirect/1": "/redirect/2", "/redirect/2": "/redirect/3", "/redirect/3": "/moved/drones.html",
             "/loop/a": "/loop/b", "/loop/b": "/loop/a"}
CHANGING = """<html lang="en"><head><title>Watchlist rules revised</title>
<meta property="og:site_name" content="Capital Ledger"><meta property="og:type" content="article">
<link rel="canonical" href="{base_url}/changing.html"></head><body><article><h1>Watchlist rules revised</h1>
<p>The force has published revised rules for building facial recognition watchlists, version {version}.</p>
<p>{extra}</p>
<p>Campaigners said they would study the rules closely before deciding whether to go back to court.</p>
</article></body></html>"""
CHANGES = {1: "Under the rules, a watchlist may hold up to 9,000 images for a single deployment.",
           2: "Under the corrected rules, a watchlist may hold up to 12,000 images for a single deployment."}


class FixtureHandler(http.server.BaseHTTPRequestHandler):
    server: "FixtureServer"

    def do_GET(self):  # noqa: N802 (the stdlib's name)
        path = self.path.split("?")[0]
        self.server.requests[path] += 1
        self.server.user_agents.add(self.headers.get("User-Agent"))
        if path in REDIRECTS:
            return self.reply(302, b"", headers={"Location": REDIRECTS[path]})
        if path == "/flaky.html" and self.server.requests[path] == 1:
            return self.reply(500, b"temporary failure")
        if path == "/slow.html":
            time.sleep(self.server.slow_seconds)
            return self.reply(200, self.static("/drones.html"))
        if path == "/huge.html":
            padding = b"<p>" + b"facial recognition padding " * 20 + b"</p>\n"
            return self.reply(200, b"<html><body><article>" + padding * 1000 + b"</article></body></html>")
        if path == "/changing.html":
            return self.changing()
        if path.endswith("/"):
            path += "index.html"
        source = {"/flaky.html": "/drones.html", "/moved/drones.html": "/drones.html",
                  "/archive/nocanon.html": "/nocanon.html"}.get(path, path)
        body = self.static(source)
        if body is None:
            return self.reply(404, b"not found")
        suffix = pathlib.PurePath(source).suffix
        content_type = OVERRIDES.get(source, CONTENT_TYPES.get(suffix, "application/octet-stream"))
        return self.reply(200, body, content_type)

    def changing(self):
        version = self.server.changing_version
        body = CHANGING.format(base_url=self.server.base_url, version=version, extra=CHANGES[version]).encode()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            return self.reply(304, b"", headers={"ETag": etag})
        return self.reply(200, body, headers={"ETag": etag})

    def static(self, path: str) -> bytes | None:
        file = (SITE / path.lstrip("/")).resolve()
        if not file.is_file() or SITE.resolve() not in file.parents:
            return None
        return file.read_bytes().replace(b"{{base_url}}", self.server.base_url.encode())

    def reply(self, status, body: bytes, content_type="text/html; charset=utf-8", headers=None):
        self.send_response(status)
        if body or status == 200:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


class FixtureServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), FixtureHandler)
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}"
        self.requests = Counter()
        self.user_agents = set()
        self.slow_seconds = 4.0
        self.changing_version = 1

    def handle_error(self, request, client_address):
        # The crawler hangs up on the slow page when its timeout passes: expected, not worth a traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
