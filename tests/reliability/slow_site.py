"""A generated news site of ~100 articles on 127.0.0.1, each page answered after a delay, so a crawl of it
lasts long enough to be killed in the middle. The outlet and every sentence are fictional.

    with SlowSite(pages=100, delay=0.05) as site:
        site.base_url + "/sitemap.xml"
"""

import http.server
import threading
import time

OUTLET = "The Fenwick Observer"
PLACES = ["Croydon", "Stratford", "Camden", "Lewisham", "Ealing", "Brixton", "Hackney", "Wembley", "Ilford",
          "Sutton", "Barking", "Harrow"]
SENTENCES = [
    "Officers in {place} used live facial recognition on {n} occasions during the autumn, the force said.",
    "The cameras scanned about {big} faces and raised {alerts} alerts, of which {false} were later judged false.",
    "A spokesperson said the watchlist for the {place} deployment held {watch} people wanted for serious offences.",
    "The force now has {drones} drones in service and hopes to reach {planned} by the end of next year.",
    "Campaigners from a fictional group in {place} said the figures showed the technology was spreading fast.",
    "A drone could reach most calls in {place} within {minutes} minutes, according to the unit's commander.",
    "Councillors asked for the surveillance budget of £{money} million to be published line by line.",
    "The independent panel reviewing the {place} trial is expected to report in the spring.",
]


def article_text(number: int) -> list[str]:
    """Paragraphs of article `number`: the same templates, different places and figures, so no two texts match."""
    figures = dict(place=PLACES[number % len(PLACES)], n=3 + number, big=f"{10_000 + 137 * number:,}",
                   alerts=5 + number % 17, false=number % 4, watch=6_000 + 11 * number, drones=20 + number % 9,
                   planned=40 + number, minutes=2 + number % 5, money=number % 30 + 1)
    rotated = SENTENCES[number % len(SENTENCES):] + SENTENCES[:number % len(SENTENCES)]
    return [sentence.format(**figures) for sentence in rotated] + [f"This is report number {number} in the series."]


def article_page(base_url: str, number: int) -> bytes:
    paragraphs = "\n".join(f"<p>{sentence}</p>" for sentence in article_text(number))
    day = 1 + number % 28
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Surveillance report {number}: facial recognition in {PLACES[number % len(PLACES)]}</title>
<link rel="canonical" href="{base_url}/news/{number}.html">
<meta property="og:site_name" content="{OUTLET}"><meta property="og:type" content="article">
<meta property="article:published_time" content="2025-09-{day:02d}T08:00:00+00:00">
</head><body><nav>Home | News | Sport</nav><article><h1>Surveillance report {number}</h1>
{paragraphs}
</article><footer>Copyright The Fenwick Observer</footer></body></html>""".encode()


def sitemap(base_url: str, pages: int) -> bytes:
    urls = "".join(f"<url><loc>{base_url}/news/{number}.html</loc></url>" for number in range(pages))
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'.encode()


class Handler(http.server.BaseHTTPRequestHandler):
    server: "SlowSite"

    def do_GET(self):  # noqa: N802 (the stdlib's name)
        path = self.path.split("?")[0]
        if path == "/sitemap.xml":
            return self.reply(sitemap(self.server.base_url, self.server.pages), "application/xml")
        if path == "/robots.txt":
            return self.reply(b"User-agent: *\nAllow: /\n", "text/plain")
        if path.startswith("/news/") and path.endswith(".html"):
            number = path[len("/news/"):-len(".html")]
            if number.isdigit() and int(number) < self.server.pages:
                time.sleep(self.server.delay)
                return self.reply(article_page(self.server.base_url, int(number)), "text/html; charset=utf-8")
        return self.reply(b"not found", "text/plain", status=404)

    def reply(self, body: bytes, content_type: str, status: int = 200):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


class SlowSite(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, pages: int = 100, delay: float = 0.05):
        super().__init__(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server_address[1]}"
        self.pages = pages
        self.delay = delay

    def handle_error(self, request, client_address):
        pass  # a killed crawler hangs up mid-answer: expected here

    def __enter__(self):
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()
