"""Serve a folder on 127.0.0.1, writing the server's own base URL where a page says {{base_url}}.

The sample site's sitemaps, feed and canonical links need absolute URLs, but the port differs between
`make demo` and the tests; so the files hold the placeholder and this server fills it in.

    python sample_site/serve.py --port 8765 [--root sample_site]
"""

import argparse
import functools
import http.server
import pathlib
import threading

PLACEHOLDER = b"{{base_url}}"


class PlaceholderHandler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        path = pathlib.Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or path.suffix not in {".html", ".xml", ".txt"}:
            return super().send_head()
        host, port = self.server.server_address[:2]
        body = path.read_bytes().replace(PLACEHOLDER, f"http://{host}:{port}".encode())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return _BytesReader(body)

    def log_message(self, format, *args):  # quiet: the crawler reports what it fetched
        pass


class _BytesReader:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def make_server(root, host="127.0.0.1", port=0):
    handler = functools.partial(PlaceholderHandler, directory=str(root))
    return http.server.ThreadingHTTPServer((host, port), handler)


def serve_in_thread(root, host="127.0.0.1", port=0):
    """Start a server in a daemon thread; returns (server, base_url). Call server.shutdown() to stop."""
    server = make_server(root, host, port)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--root", default=str(pathlib.Path(__file__).parent))
    args = parser.parse_args()
    server = make_server(args.root, args.host, args.port)
    print(f"sample site on http://{args.host}:{args.port}/", flush=True)
    server.serve_forever()
