"""`make bench`: every benchmark in one run, one table, one JSON file.

    .venv/bin/python benchmarks/run.py [--articles 10000] [--sizes 10000 100000 1000000] [--quick]

Each benchmark runs in its own process (its peak memory is its own) and writes its JSON under
benchmarks/results/; this script collects them into benchmarks/results/bench.json and prints
them as tables. `--quick` uses small sizes, to check that the benchmarks run.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def run(script: str, *args: str) -> float:
    """Run a benchmark script in its own process; its wall time in seconds."""
    started = time.perf_counter()
    subprocess.run([sys.executable, str(HERE / script), *args], check=True)
    return round(time.perf_counter() - started, 1)


def table(title: str, rows: list[dict]) -> str:
    if not rows:
        return ""
    columns = list(rows[0])
    lines = [f"\n{title}", " | ".join(columns), " | ".join("---" for _ in columns)]
    lines += [" | ".join(str(row.get(column, "")) for column in columns) for row in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    arguments = parser.parse_args()
    if arguments.quick:
        arguments.articles, arguments.sizes = 200, [10_000]
    report: dict[str, object] = {}

    started = time.perf_counter()
    run("index_refresh.py", "--articles", str(arguments.articles))
    report["index"] = json.loads((RESULTS / f"index_refresh-{arguments.articles}.json").read_text())
    run("vector_search.py", "--sizes", *map(str, arguments.sizes), "--data", "structured")
    report["vector_search"] = json.loads((RESULTS / "vector_search.json").read_text())
    run("answer_latency.py")
    latency = json.loads((RESULTS / "answer_latency.json").read_text())
    report["answer_latency"] = latency
    report["bench_s"] = round(time.perf_counter() - started, 1)

    (RESULTS / "bench.json").write_text(json.dumps(report, indent=2) + "\n")
    print(table("Index", [report["index"]]))
    print(table("Vector search", report["vector_search"]))
    modes = [
        mode for mode in latency if isinstance(latency[mode], dict) and "total_s" in latency[mode]
    ]
    rows = [
        {"stage": stage}
        | {f"{mode} {key}": value for mode in modes for key, value in latency[mode][stage].items()}
        for stage in latency["grounded"]
    ]
    print(table("Answer latency (s)", rows))
    print(f"\nall benchmarks: {report['bench_s']} s; written: {RESULTS / 'bench.json'}")


if __name__ == "__main__":
    main()
