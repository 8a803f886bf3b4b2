"""A real redis-server on loopback, and a counting HTTP server over a generated site of a few hundred pages."""

import collections
import functools
import http.server
import importlib.util
import shutil
import socket
import subprocess
import threading
import time

import pytest
import redis

from tests.support import SAMPLE_SITE, sample_server

spec = importlib.util.spec_from_file_location("sample_site_many", SAMPLE_SITE / "many.py")
many = importlib.util.module_from_spec(spec)
spec.loader.exec_module(many)

PAGES = 300


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """(host, port) of a redis-server this test session started; Debian's package (see .ci/run)."""
    executable = shutil.which("redis-server")
    if executable is None:
        pytest.fail("redis-server is not installed (apt-get install redis-server; .ci/run does it)")
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen([executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield "127.0.0.1", port
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def frontier(redis_server):
    """redis://... URL of an empty database on the session's server."""
    host, port = redis_server
    client = redis.Redis(host=host, port=port, db=0)
    client.flushdb()
    yield f"redis://{host}:{port}/0"
    client.flushdb()


class CountingHandler(sample_server.PlaceholderHandler):
    def send_head(self):
        with self.server.lock:
            self.server.fetched[self.path] += 1
            self.server.times[self.path].append(time.monotonic())
        return super().send_head()


@pytest.fixture
def many_pages_site(tmp_path):
    """site(pages) -> (base URL, article paths, server) for a generated site; server.fetched counts each path's
    GETs, server.times their moments."""
    servers = []

    def site(pages: int = PAGES):
        root = tmp_path / f"site-{pages}"
        paths = many.write(root, pages)
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                 functools.partial(CountingHandler, directory=str(root)))
        server.fetched, server.times = collections.Counter(), collections.defaultdict(list)
        server.lock = threading.Lock()
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", paths, server

    yield site
    for server in servers:
        server.shutdown()
        server.server_close()
