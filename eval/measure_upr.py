"""Measured once for issue 12 ("reranking with the local LLM by query likelihood, as in UPR,
Sachan et al. 2022"): for the ranker's best K sentences of every question part of the sets the
weights are fitted on, the mean log-probability of the question's tokens after a prompt holding
the sentence; then whether it ranks better than the fitted ranker, alone or added to it, and
whether it helps the abstention model (5-fold cross-validation by question). Run from the
project root after `make eval` has built eval/indexes:

    .venv/bin/python eval/measure_upr.py [--model path/to/model.gguf] [--k 8]

Result (README, "Measured"): no gain with SmolLM2-135M nor Gemma 3 270M; not used."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from fit_answering import CALIBRATION_SETS, collect, decision_rows, fit, rescored

from assistant.answering import abstention
from assistant.answering.weights import Logistic, load_weights
from assistant.config import get_settings
from assistant.generation import embedded_model_path

PROMPT = "Passage: {passage}\nPlease write a question based on this passage.\nQuestion:"
NO_PASSAGE = "Please write a question.\nQuestion:"


def question_likelihood(llama, prefix: str, question: str) -> float:
    """Mean log-probability of the question's tokens after `prefix`."""
    before = llama.tokenize(prefix.encode(), add_bos=True)
    asked = llama.tokenize((" " + question).encode(), add_bos=False)
    llama.reset()
    llama.eval(before + asked)
    scores = np.array(llama.scores[len(before) - 1 : len(before) + len(asked) - 1], np.float64)
    top = scores.max(axis=1)
    log_z = top + np.log(np.exp(scores - top[:, None]).sum(axis=1))
    return float((scores[np.arange(len(asked)), asked] - log_z).mean())


def main() -> None:
    from llama_cpp import Llama

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path)
    parser.add_argument("--k", type=int, default=8)
    arguments = parser.parse_args()
    settings = get_settings()
    model = (
        arguments.model
        or settings.model_path
        or embedded_model_path(settings.llm, settings.models_dir)
    )
    llama = Llama(model_path=str(model), n_ctx=1024, n_threads=2, logits_all=True, verbose=False)
    ranker = load_weights().ranker_model
    records = collect(Path(__file__).parent / "sets.toml")
    started, scored = time.perf_counter(), 0
    for record in records:
        pairs = rescored(record, ranker)[: arguments.k]
        record["pairs"] = pairs
        record["upr"] = [question_likelihood(llama, PROMPT.format(passage=" ".join(
            s.text.split())[:600]), record["query"]) for s, _ in pairs]  # fmt: skip
        record["null"] = question_likelihood(llama, NO_PASSAGE, record["query"])
        scored += len(pairs)
    print(f"{scored} sentences scored in {time.perf_counter() - started:.0f} s")
    for name in CALIBRATION_SETS:
        answerable = [r for r in records if r["set"] == name and r["answerable"] and r["pairs"]]
        line = f"{name}: best sentence right of {len(answerable)} parts:"
        for weight in (0.0, 0.25, 0.5, 1.0, 2.0, 4.0, None):
            right = 0
            for r in answerable:
                odds = [np.log(s.score / (1 - s.score)) for s, _ in r["pairs"]]
                mixed = r["upr"] if weight is None else np.add(odds, weight * np.array(r["upr"]))
                right += r["pairs"][int(np.argmax(mixed))][1]
            line += f" {'UPR alone' if weight is None else f'+{weight}'}={right}"
        print(line)
    _abstention(records, ranker)


def _abstention(records: list[dict], ranker: Logistic) -> None:
    """Cross-validated AUC of the abstention model with and without UPR's pointwise mutual
    information (the question's likelihood given the best sentence minus given none)."""
    decisions, y = decision_rows(records, ranker)  # the best K hold the features' sentences
    gains = [r["upr"][0] - r["null"] if r["pairs"] else 0.0 for r in records]
    x = np.column_stack([decisions, gains])
    groups = [record["set"] + record["id"] for record in records]
    questions = sorted(set(groups))
    np.random.default_rng(0).shuffle(questions)
    fold = {g: i % 5 for i, g in enumerate(questions)}
    count = len(abstention.FEATURES)
    for title, columns, names, directions in (
        ("abstention features", list(range(count)), abstention.FEATURES, abstention.DIRECTIONS),
        ("with UPR", list(range(count + 1)), (*abstention.FEATURES, "upr"),
         (*abstention.DIRECTIONS, 1)),
        ("UPR alone", [count], ("upr",), (1,)),
    ):  # fmt: skip
        predicted = np.zeros(len(y))
        for k in range(5):
            train = np.array([fold[g] != k for g in groups])
            model = fit(x[train][:, columns], y[train], names, directions)
            predicted[~train] = [model.probability(tuple(v)) for v in x[~train][:, columns]]
        auc = np.mean([(p > n) + 0.5 * (p == n) for p in predicted[y] for n in predicted[~y]])
        print(f"{title}: cross-validated AUC {auc:.3f}")


if __name__ == "__main__":
    main()
