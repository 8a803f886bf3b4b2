"""Load: `claimwatch serve` on the demo database under 32 concurrent clients over loopback.

The demo database is what `make demo` builds: `claimwatch run` crawling the bundled sample site over HTTP.
The served site is the real console script. 32 threads, each with its own keep-alive connection, request the
contradictions pages and the JSON API for a fixed time (10 s; quick 3 s), and every answer that is not a 200
counts as an error. The baseline is the same load, in the same run, on Datasette's plain `/-/versions.json`,
which touches no database. Only 127.0.0.1 is contacted, and every client stops at the deadline."""

import http.client
import importlib.util
import pathlib
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import bench
from bench import servers

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLAIMWATCH = pathlib.Path(sys.executable).with_name("claimwatch")
CLIENTS = 32
MAX_REQUESTS_PER_CLIENT = 100_000  # a bound on top of the time limit
CLAIMWATCH_CONTRADICTIONS = "claimwatch's contradiction pages (/-/contradictions and each contradiction)"
TABLE_AND_CONTRADICTIONS = "contradictions pages (side-by-side table and each contradiction)"
TARGETS = {CLAIMWATCH_CONTRADICTIONS: 250, TABLE_AND_CONTRADICTIONS: 250}  # p95 in ms, issue #18


def _sample_server():
    spec = importlib.util.spec_from_file_location("sample_site_serve", ROOT / "sample_site" / "serve.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.serve_in_thread(ROOT / "sample_site")


def demo_database(folder: pathlib.Path) -> pathlib.Path:
    """`claimwatch run` over the sample site served on loopback, as `make demo` does."""
    path = folder / "claimwatch.db"
    server, base_url = _sample_server()
    try:
        result = subprocess.run([str(CLAIMWATCH), "run", "--db", str(path), "--sitemap", f"{base_url}/sitemap.xml"],
                                cwd=folder, capture_output=True, text=True, timeout=900)
    finally:
        server.shutdown()
        server.server_close()
    if result.returncode not in (0, 1):  # 1: some pages failed, as the sample site means some to
        raise RuntimeError(f"claimwatch run exited {result.returncode}: {result.stderr[-2000:]}")
    return path


def serve(path: pathlib.Path):
    port = servers.free_port()
    return servers.start([str(CLAIMWATCH), "serve", "--db", str(path), "--port", str(port)], port, seconds=30), port


def load(port: int, paths: list[str], seconds: float, clients: int = CLIENTS) -> dict:
    """`clients` threads cycling through `paths` until the deadline: latencies in ms, errors, requests/s."""
    deadline = time.monotonic() + seconds
    latencies, errors, lock = [], [], threading.Lock()

    def client(offset: int):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, failed = [], []
        for i in range(MAX_REQUESTS_PER_CLIENT):
            if time.monotonic() >= deadline:
                break
            path = paths[(offset + i) % len(paths)]
            start = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed.append(f"GET {path}: HTTP {response.status}")
            except (OSError, http.client.HTTPException) as error:
                failed.append(f"GET {path}: {error!r}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - start) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)
            errors.extend(failed)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    quantiles = statistics.quantiles(latencies, n=20)
    return {"p50": statistics.median(latencies), "p95": quantiles[-1], "requests": len(latencies),
            "per_second": len(latencies) / elapsed, "errors": errors}


def run(quick: bool) -> list[bench.Result]:
    seconds = 3 if quick else 10
    with tempfile.TemporaryDirectory() as folder:
        path = demo_database(pathlib.Path(folder))
        with sqlite3.connect(path) as connection:
            ids = [row[0] for row in connection.execute("SELECT id FROM contradictions ORDER BY id")]
            size = connection.execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM claims)").fetchone()
        if not ids:
            raise RuntimeError("the demo database holds no contradictions to load")
        scenarios = {
            # What the site's home page now leads to: claimwatch's list and each contradiction's page.
            CLAIMWATCH_CONTRADICTIONS:
                ["/-/contradictions"] + [f"/-/contradiction/{id}" for id in ids],
            TABLE_AND_CONTRADICTIONS:
                ["/claimwatch/contradictions_side_by_side"] + [f"/-/contradiction/{id}" for id in ids],
            "JSON API (contradictions, each contradiction, claims)":
                ["/claimwatch/contradictions_side_by_side.json", "/claimwatch/claims.json?_size=50"]
                + [f"/-/contradiction/{id}.json" for id in ids],
        }
        server, port = serve(path)
        try:
            load(port, ["/-/versions.json"], 1, clients=4)  # warm-up
            baseline = load(port, ["/-/versions.json"], seconds)
            measured = {name: load(port, paths, seconds) for name, paths in scenarios.items()}
        finally:
            server.terminate()
            server.wait(timeout=30)

    results = []
    for name, outcome in measured.items():
        failed = f"; **{len(outcome['errors'])} errors**, e.g. {outcome['errors'][0]}" if outcome["errors"] else ""
        results.append(bench.Result(
            benchmark=f"{CLIENTS} concurrent clients for {seconds} s: {name}, demo database ({size[0]} articles, "
                      f"{size[1]} claims)",
            unit="ms p95", value=outcome["p95"], baseline_name="the same load on Datasette's /-/versions.json",
            baseline=baseline["p95"], higher_is_better=False,
            target=f"<= {TARGETS[name]} ms, no errors" if name in TARGETS else "no errors",
            met=not outcome["errors"] and outcome["p95"] <= TARGETS.get(name, float("inf")),
            note=f"p50 {outcome['p50']:.1f} ms (baseline p50 {baseline['p50']:.1f} ms, p95 {baseline['p95']:.1f} ms);"
                 f" {outcome['requests']} requests, {outcome['per_second']:.0f}/s (baseline "
                 f"{baseline['per_second']:.0f}/s){failed}",
        ))
    return results
