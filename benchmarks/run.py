"""`make bench`: every benchmark in one run, tables with the plain pipeline beside, one JSON file.

    .venv/bin/python benchmarks/run.py [--articles 10000] [--sizes 10000 100000 1000000] [--quick]

Each benchmark runs in its own process (its peak memory is its own) and writes its JSON under
benchmarks/results/; this script collects them into benchmarks/results/bench.json and prints
them as tables, each number beside the plain pipeline's ("plain": whole chunks, top-5, one
prompt, no caching, everything re-embedded on a change, exact vector search) and their ratio.
`--quick` uses small sizes, to check that the benchmarks run.
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


def run(script: str, *args: str) -> dict | list:
    """Run a benchmark script in its own process; the JSON it wrote."""
    subprocess.run([sys.executable, str(HERE / script), *args], check=True)
    return json.loads((RESULTS / f"{Path(script).stem}.json").read_text())


def table(title: str, rows: list[dict]) -> str:
    if not rows:
        return ""
    columns = list(rows[0])
    lines = [f"\n{title}", " | ".join(columns), " | ".join("---" for _ in columns)]
    lines += [" | ".join(str(row.get(column, "")) for column in columns) for row in rows]
    return "\n".join(lines)


def ratio(plain: float, ours: float) -> str:
    return f"{plain / ours:.1f}x" if ours else ""


def index_rows(index: dict) -> list[dict]:
    def row(metric: str, ours: float, plain: float | str = "", better: str = "") -> dict:
        times = ratio(plain, ours) if better == "lower" else ratio(ours, plain) if plain else ""
        return {"metric": metric, "assistant": ours, "plain": plain, "assistant is": times}

    articles = index["articles"]
    return [
        row("seed corpus chunks/s", index["seed_chunks_per_s"], index["plain_seed_chunks_per_s"],
            "higher"),
        row("seed corpus articles/s", index["seed_articles_per_s"]),
        row(f"{articles} articles: chunks", index["chunks"]),
        row(f"{articles} articles: full build s", index["full_build_s"]),
        row(f"{articles} articles: chunks/s", index["chunks_per_s"]),
        row(f"{articles} articles: articles/s", index["articles_per_s"]),
        row("no-change re-index s (in process)", index["no_change_refresh_s"],
            index["plain_refresh_s"], "lower"),
        row("no-change re-index s (`assistant index`)", index["no_change_cli_s"],
            index["plain_refresh_s"], "lower"),
        row("one article changed s", index["one_changed_refresh_s"], index["plain_refresh_s"],
            "lower"),
        row("peak RSS MB", index["peak_rss_mb"]),
    ]  # fmt: skip


def search_rows(rows: list[dict]) -> list[dict]:
    return [
        {
            "chunks": row["chunks"],
            "exact p50 ms": row["exact_p50_ms"],
            "exact p95 ms": row["exact_p95_ms"],
            "HNSW p50 ms": row["hnsw_p50_ms"],
            "HNSW p95 ms": row["hnsw_p95_ms"],
            "HNSW is": ratio(row["exact_p50_ms"], row["hnsw_p50_ms"]),
            "recall@10": row["hnsw_recall_at_10"],
            "HNSW build s": row["hnsw_build_s"],
        }
        for row in rows
    ]


def latency_rows(latency: dict) -> list[dict]:
    rows = []
    for stage in latency["grounded"]:
        ours, plain = latency["grounded"][stage], latency["baseline"].get(stage, {})
        rows.append({
            "stage": stage, "grounded p50": ours["p50"], "grounded p95": ours["p95"],
            "plain p50": plain.get("p50", ""), "plain p95": plain.get("p95", ""),
            "plain / grounded (p50)": f"{plain['p50'] / ours['p50']:.2f}" if plain else "",
        })  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--quick", action="store_true", help="small sizes: a smoke run")
    arguments = parser.parse_args()
    if arguments.quick:
        arguments.articles, arguments.sizes = 200, [10_000]
    started = time.perf_counter()
    report: dict[str, object] = {
        "index": run("index_refresh.py", "--articles", str(arguments.articles)),
        "vector_search": run(
            "vector_search.py", "--sizes", *map(str, arguments.sizes), "--data", "structured"
        ),
        "answer_latency": run("answer_latency.py"),
        "gathering_latency": run("gathering_latency.py"),
        "serving": run("load_test.py", "--clients", "1", "4", "16"),
    }
    report["bench_s"] = round(time.perf_counter() - started, 1)
    (RESULTS / "bench.json").write_text(json.dumps(report, indent=2) + "\n")
    index = index_rows(report["index"])
    print(table("Index build and refresh (plain: everything re-embedded)", index))
    print(table("Vector search (plain: exact)", search_rows(report["vector_search"])))
    print(table("Answer latency, eval questions, warm models (plain: top-5 chunks, one prompt)",
                latency_rows(report["answer_latency"])))  # fmt: skip
    gathered = report["gathering_latency"]
    print(table("Gathered answers, gathering eval questions (plain: top-5 chunks, one prompt)", [
        {"mode": mode, **gathered[mode]} for mode in ("grounded", "baseline")
    ]))  # fmt: skip
    print(table("Serving (`assistant serve`, concurrent clients)", report["serving"]["rows"]))
    print(f"serving process resident memory: {report['serving']['rss_mb']} MB now, "
          f"{report['serving']['peak_rss_mb']} MB peak")  # fmt: skip
    print(f"\nall benchmarks: {report['bench_s']} s; written: {RESULTS / 'bench.json'}")


if __name__ == "__main__":
    main()
