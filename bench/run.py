"""Run every benchmark module in bench/ and write BENCHMARKS.md.

    python -m bench.run [--quick] [--only NAME ...] [-o BENCHMARKS.md]
"""

import argparse
import datetime
import importlib
import os
import pathlib
import pkgutil
import platform
import sys
import traceback

import bench

SKIP = {"run"}


def machine() -> str:
    memory = ""
    try:
        kib = int(next(line for line in open("/proc/meminfo") if line.startswith("MemTotal")).split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    cpu = f"{platform.machine()}, {os.cpu_count()} cores{memory}"
    return f"{cpu}, Python {platform.python_version()}, {platform.platform()}"


def fmt(number) -> str:
    if number is None:
        return "—"
    if abs(number) >= 100:
        return f"{number:,.0f}"
    return f"{number:.3g}"


def render(sections: dict, failures: dict, quick: bool) -> str:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` ({'quick run' if quick else 'full run'}) on {now}.",
        f"Machine: {machine()}.",
        "",
        "Every value is a median over repeated runs; every ratio compares claimwatch with a baseline measured"
        " in the same run on the same machine (ratio > 1: claimwatch is better by that factor).",
        "",
    ]
    for name, results in sections.items():
        lines += [f"## {name}", "", "| benchmark | claimwatch | baseline | ratio | target | met | note |",
                  "|---|---|---|---|---|---|---|"]
        for r in results:
            baseline = f"{fmt(r.baseline)} {r.unit} ({r.baseline_name})" if r.baseline_name else "—"
            ratio = f"{r.ratio:.2f}×" if r.ratio else "—"
            met = {True: "yes", False: "**no**", None: "—"}[r.met]
            lines.append(f"| {r.benchmark} | {fmt(r.value)} {r.unit} | {baseline} | {ratio} | {r.target or '—'}"
                         f" | {met} | {r.note} |")
        lines.append("")
    for name, error in failures.items():
        lines += [f"## {name}: failed", "", "```", error.strip(), "```", ""]
    return "\n".join(lines)


def _sections(markdown: str) -> tuple[str, dict[str, str]]:
    """The text before the first "## " heading, and each section's text by its heading line."""
    head, *chunks = markdown.split("\n## ")
    return head, {chunk.splitlines()[0]: "## " + chunk.rstrip("\n") + "\n" for chunk in chunks}


def keep_other_sections(report: str, previous: pathlib.Path) -> str:
    if not previous.exists():
        return report
    head, fresh = _sections(report)
    _, kept = _sections(previous.read_text())
    merged = {**kept, **fresh}
    note = f"This run measured {', '.join(fresh) or 'nothing'}; the other sections are kept from the report before."
    return head.rstrip("\n") + "\n\n" + note + "\n\n" + "\n".join(merged.values())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer repeats")
    parser.add_argument("--only", nargs="*", default=None, help="module names to run")
    parser.add_argument("-o", "--output", default="BENCHMARKS.md")
    args = parser.parse_args(argv)

    sections, failures = {}, {}
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name not in SKIP)
    for name in names:
        if args.only and name not in args.only:
            continue
        print(f"bench: {name} …", file=sys.stderr, flush=True)
        try:
            module = importlib.import_module(f"bench.{name}")
            sections[(module.__doc__ or name).strip().splitlines()[0]] = module.run(quick=args.quick)
        except Exception:  # one broken benchmark must not hide the others' figures; it is reported below
            failures[name] = traceback.format_exc()
    report = render(sections, failures, args.quick)
    if args.only:  # a partial run keeps the other benchmarks' sections of the last report
        report = keep_other_sections(report, pathlib.Path(args.output))
    pathlib.Path(args.output).write_text(report)
    print(report)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
