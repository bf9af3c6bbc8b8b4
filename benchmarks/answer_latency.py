"""Where the time of one answer goes, per stage, on the eval questions (warm models).

    .venv/bin/python benchmarks/answer_latency.py [--index index] [--questions eval/questions.jsonl]

Prints p50/p95 of: retrieval and evidence selection, prompt tokens, time to the first streamed
text, total; and the same for the baseline pipeline. Writes benchmarks/results/answer_latency.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path

from assistant import answer
from assistant.evaluation import load_questions


def percentile(values: list[float], percent: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def measure(questions: list[str], index: str, mode: str) -> dict[str, dict[str, float]]:
    answer(questions[0], index_dir=index, mode=mode)  # warm-up: load the models
    stages: dict[str, list[float]] = {"retrieve_s": [], "first_text_s": [], "total_s": []}
    for question in questions:
        started = time.perf_counter()
        result = answer(question, index_dir=index, mode=mode)
        wall = time.perf_counter() - started
        stages["retrieve_s"].append(result.timings.retrieve_s)
        stages["first_text_s"].append(result.timings.first_token_s or wall)
        stages["total_s"].append(wall)
    return {
        name: {"p50": round(percentile(values, 50), 3), "p95": round(percentile(values, 95), 3)}
        for name, values in stages.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", default="index")
    parser.add_argument("--questions", default="eval/questions.jsonl")
    arguments = parser.parse_args()
    questions = [q.q for q in load_questions(Path(arguments.questions)) if not q.history]
    report: dict = {
        mode: measure(questions, arguments.index, mode) for mode in ("grounded", "baseline")
    }
    header = ("stage", "grounded p50", "p95", "baseline p50", "p95", "ratio")
    print("{:<14} {:>13} {:>7} {:>13} {:>7} {:>6}".format(*header))
    for stage in report["grounded"]:
        g, b = report["grounded"][stage], report["baseline"][stage]
        print(f"{stage:<14} {g['p50']:>13.3f} {g['p95']:>7.3f} {b['p50']:>13.3f} {b['p95']:>7.3f} "
              f"{b['p50'] / g['p50'] if g['p50'] else 0:>6.2f}")  # fmt: skip
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(f"peak resident memory: {report['peak_rss_mb']} MB")
    output = Path(__file__).parent / "results" / "answer_latency.json"
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
