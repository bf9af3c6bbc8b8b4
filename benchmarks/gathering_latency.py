"""Gathered answers ("What did Russia claim about civilian deaths?"): time to the first claim
streamed and to the whole answer, on the gathering questions of the eval sets (warm models),
beside the plain pipeline's first text and total on the same questions.

    .venv/bin/python benchmarks/gathering_latency.py [--sets eval/sets.toml] [--repeat 3]

Targets (issue 13): first claim within 1 s, whole gathered answer p50 <= 3 s on 2 cores.
Builds or refreshes each set's index first. Writes benchmarks/results/gathering_latency.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from assistant import answer
from assistant.eval_sets import load_sets
from assistant.evaluation import load_questions
from assistant.index import build_index

RESULTS = Path(__file__).resolve().parent / "results"


def percentile(values: list[float], percent: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def timed(question: str, index: Path, mode: str) -> tuple[float, float, bool]:
    """(seconds to the first claim, or first text for the plain pipeline; total; gathered)."""
    started = time.perf_counter()
    stream = answer(question, index_dir=index, stream=True, mode=mode)
    first = 0.0
    for piece in stream:
        shown = stream.claims if mode == "grounded" else piece
        if shown and not first:
            first = time.perf_counter() - started
    total = time.perf_counter() - started
    return first or total, total, bool(stream.answer.claims)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=Path, default=Path("eval/sets.toml"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cases = []
    for eval_set in load_sets(args.sets):
        if eval_set.ids:  # the Reuters halves: their questions are not gathering ones
            continue
        questions = [q for q in load_questions(eval_set.questions) if q.type == "gathering"]
        if questions:
            build_index(eval_set.corpus, eval_set.index)
            cases += [(q.q, eval_set.index) for q in questions]
    result: dict[str, object] = {"questions": len(cases), "repeat": args.repeat}
    for mode in ("grounded", "baseline"):
        answer(cases[0][0], index_dir=cases[0][1], mode=mode)  # warm-up: load the models
        firsts, totals, gathered = [], [], 0
        for _ in range(args.repeat if mode == "grounded" else 1):
            for question, index in cases:
                first, total, was_gathered = timed(question, index, mode)
                firsts.append(first)
                totals.append(total)
                gathered += was_gathered
        result[mode] = {
            "first_claim_p50_s" if mode == "grounded" else "first_text_p50_s": round(
                percentile(firsts, 50), 3
            ),
            "first_p95_s": round(percentile(firsts, 95), 3),
            "total_p50_s": round(percentile(totals, 50), 3),
            "total_p95_s": round(percentile(totals, 95), 3),
            "answers_gathered": gathered,
            "answers": len(totals),
        }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "gathering_latency.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
