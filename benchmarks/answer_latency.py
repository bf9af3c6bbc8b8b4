"""Where the time of one answer goes, per stage, on the eval questions (warm models).

    .venv/bin/python benchmarks/answer_latency.py [--index index] [--questions eval/questions.jsonl]
                                                  [--limit 32]

Prints p50/p95 of: retrieval and evidence selection, prompt tokens, the model's first token
(prompt processing), generation tokens/s, time to the first streamed text, total; and the same
for the baseline pipeline (top-5 whole chunks, one prompt).
Writes benchmarks/results/answer_latency.json.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path

from assistant import answer
from assistant.config import get_settings
from assistant.evaluation import load_questions
from assistant.generation import get_generator


def percentile(values: list[float], percent: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def measure(questions: list[str], index: str, mode: str) -> dict[str, dict[str, float]]:
    answer(questions[0], index_dir=index, mode=mode)  # warm-up: load the models
    generator = get_generator(get_settings(index_dir=index))
    stages: dict[str, list[float]] = {
        "retrieve_s": [], "prompt_tokens": [], "llm_first_token_s": [], "tokens_per_s": [],
        "first_text_s": [], "total_s": [],
    }  # fmt: skip
    for question in questions:
        generator.last_usage = None
        started = time.perf_counter()
        result = answer(question, index_dir=index, mode=mode)
        wall = time.perf_counter() - started
        stages["retrieve_s"].append(result.timings.retrieve_s)
        stages["first_text_s"].append(result.timings.first_token_s or wall)
        stages["total_s"].append(wall)
        usage = generator.last_usage  # None when the answer needed no generation (abstention)
        if usage is not None:
            stages["prompt_tokens"].append(usage.prompt_tokens)
            stages["llm_first_token_s"].append(usage.first_token_s)
            stages["tokens_per_s"].append(usage.tokens_per_s)
    return {
        name: {"p50": round(percentile(values, 50), 3), "p95": round(percentile(values, 95), 3)}
        for name, values in stages.items()
        if values
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--index", default="index")
    parser.add_argument("--questions", default="eval/questions.jsonl")
    parser.add_argument(
        "--limit", type=int, default=32, help="first N questions (the baseline takes ~4 s each)"
    )
    arguments = parser.parse_args()
    questions = [q.q for q in load_questions(Path(arguments.questions)) if not q.history]
    questions = questions[: arguments.limit]
    report: dict = {
        mode: measure(questions, arguments.index, mode) for mode in ("grounded", "baseline")
    }
    report["questions"] = len(questions)
    header = ("stage", "grounded p50", "p95", "baseline p50", "p95", "ratio")
    print("{:<18} {:>13} {:>8} {:>13} {:>8} {:>6}".format(*header))
    for stage in report["grounded"]:
        g, b = report["grounded"][stage], report["baseline"][stage]
        print(f"{stage:<18} {g['p50']:>13.3f} {g['p95']:>8.3f} {b['p50']:>13.3f} {b['p95']:>8.3f} "
              f"{b['p50'] / g['p50'] if g['p50'] else 0:>6.2f}")  # fmt: skip
    report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(f"peak resident memory: {report['peak_rss_mb']} MB")
    output = Path(__file__).parent / "results" / "answer_latency.json"
    output.parent.mkdir(exist_ok=True)
    output.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
