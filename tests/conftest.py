"""Shared fixtures: real SQLite files, real HTTP servers on loopback, the real console script."""

import os
import pathlib
import subprocess
import sys

import pytest

from tests.support import SAMPLE_SITE, sample_server


@pytest.fixture
def db_path(tmp_path):
    """Path of a fresh SQLite file (not yet created) in the test's own folder."""
    return tmp_path / "claimwatch.db"


@pytest.fixture
def serve_directory():
    """Serve a folder over real HTTP on 127.0.0.1 (an ephemeral port); returns the base URL.

    Files may say {{base_url}} where they need an absolute URL (sitemaps, feeds, canonical links)."""
    servers = []

    def serve(root):
        server, base_url = sample_server.serve_in_thread(root)
        servers.append(server)
        return base_url

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def sample_site_url(serve_directory):
    return serve_directory(SAMPLE_SITE)


@pytest.fixture
def claimwatch_cli(tmp_path):
    """Run the installed `claimwatch` console script in a subprocess, in tmp_path.

    A subprocess because Twisted's reactor cannot be restarted within one test process."""
    executable = pathlib.Path(sys.executable).with_name("claimwatch")

    def run(*args, input=None, check=True, timeout=300, env=None):
        result = subprocess.run(
            [str(executable), *map(str, args)],
            cwd=tmp_path,
            input=input,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, **(env or {})},
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"claimwatch {' '.join(map(str, args))} exited {result.returncode}\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
            )
        return result

    return run
