"""Fit the answering stage's two logistic models and write assistant/answering/weights.json.

    .venv/bin/python eval/fit_answering.py [--sets eval/sets.toml] [--report]

Fitted on the sets named in CALIBRATION_SETS only: our own seed and noisy sets and the Reuters
calibration half (odd ids). The Reuters test half is never read here. No language model runs:
retrieval and sentence features only, so a fit takes a minute.

- The ranker learns P(sentence holds the answer): a candidate sentence is positive when it holds
  one of the question's `must` strings and comes from one of its `sources`.
- The abstention model learns P(the chosen evidence answers): positive when the question is
  answerable and the sentence the ranker puts first holds a `must` string; negative for
  unanswerable questions and for answerable ones whose best evidence lacks the answer (the
  assistant should then say so rather than quote the wrong sentence).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from assistant.answering import abstention, evidence
from assistant.answering.question import analyse
from assistant.answering.weights import FORMAT, WEIGHTS_FILE, Logistic, Weights
from assistant.config import get_settings
from assistant.conversation import standalone_question
from assistant.embedding import get_embedder
from assistant.eval_sets import load_sets
from assistant.evaluation import load_questions, normalise, select_ids
from assistant.index import build_index, open_index
from assistant.retrieval import retrieve

CALIBRATION_SETS = ("seed", "noisy", "reuters-calibration")
VERSION = "2026-11-22.7"  # .7: a time after the story's date is held only where named


def neutral_weights() -> Weights:
    """Weights that score every sentence alike: the features do not depend on them."""
    return Weights("neutral", _flat(evidence.FEATURES), _flat(abstention.FEATURES))


def _flat(names: tuple[str, ...]) -> Logistic:
    zeros = (0.0,) * len(names)
    return Logistic(names, zeros, 0.0, zeros, (1.0,) * len(names))


def holds(text: str, must: tuple[tuple[str, ...], ...]) -> bool:
    """Does the text hold an alternative of any `must` group (the eval's own matching)?"""
    padded = normalise(text)
    return any(normalise(option).strip() in padded for group in must for option in group)


def collect(sets_file: Path) -> list[dict]:
    """One record a question part: its candidates' features and labels, and the question's."""
    settings = get_settings()
    embedder = get_embedder(settings.embedding_model)
    records = []
    for eval_set in load_sets(sets_file):
        if eval_set.name not in CALIBRATION_SETS:
            continue
        build_index(eval_set.corpus, eval_set.index)
        index = open_index(eval_set.index)
        for item in select_ids(load_questions(eval_set.questions), eval_set.ids):
            if item.type == "gathering":
                continue  # one group a speaker: not the one-fact evidence these models rank
            text = standalone_question(item.q, list(item.history))
            for part in analyse(text).parts[: settings.answering.max_parts]:
                hits = retrieve(part.query, index, embedder, settings, settings.evidence_chunks)
                vectors = (embedder.embed_query(part.query), embedder.embed_query(part.focus))
                ranked = evidence.rank_sentences(
                    part, hits, index, vectors, neutral_weights(), settings.answering.articles
                )
                labels = [
                    item.answerable and holds(s.text, item.must)
                    and (not item.sources or s.article.path in item.sources)
                    for s in ranked
                ]  # fmt: skip
                records.append({
                    "set": eval_set.name, "id": item.id, "answerable": item.answerable,
                    "query": part.query, "ranked": ranked, "labels": labels,
                    "unknown": abstention.unknown_share(part.names + part.numbers, index.lexical),
                    "lexical": index.lexical,
                })  # fmt: skip
    return records


def fit(
    features: np.ndarray, labels: np.ndarray, names: tuple[str, ...], directions: tuple[int, ...]
) -> Logistic:
    """L2-regularised logistic regression (as scikit-learn's with C=1) on standardised
    features, each coefficient kept to its expected sign (`directions`): a small calibration
    sample must not teach that finding the question's numbers counts against an answer."""
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    scale[scale == 0] = 1.0
    x = (features - mean) / scale
    y = labels.astype(float)

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        weights, intercept = theta[:-1], theta[-1]
        z = x @ weights + intercept
        p = 1.0 / (1.0 + np.exp(-z))
        value = np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * weights @ weights
        gradient = np.append(x.T @ (p - y) + weights, np.sum(p - y))
        return float(value), gradient

    bounds = [(0.0, None) if d > 0 else (None, 0.0) if d < 0 else (None, None)
              for d in directions] + [(None, None)]  # fmt: skip
    result = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    coefficients, intercept = result.x[:-1], result.x[-1]
    return Logistic(names, tuple(float(c) for c in coefficients), float(intercept),
                    tuple(float(m) for m in mean), tuple(float(s) for s in scale))  # fmt: skip


def rescored(record: dict, ranker: Logistic) -> list[tuple[evidence.Sentence, bool]]:
    pairs = [
        (replace(s, score=ranker.probability(s.features)), label)
        for s, label in zip(record["ranked"], record["labels"], strict=True)
    ]
    return sorted(pairs, key=lambda pair: -pair[0].score)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=Path, default=Path(__file__).parent / "sets.toml")
    parser.add_argument("--report", action="store_true", help="Print what the fit achieves.")
    arguments = parser.parse_args()
    records = collect(arguments.sets)
    rows = [(s.features, label) for r in records if r["answerable"] for s, label in
            zip(r["ranked"], r["labels"], strict=True)]  # fmt: skip
    features = np.array([values for values, _ in rows])
    ranker = fit(features, np.array([label for _, label in rows]), evidence.FEATURES,
                 evidence.DIRECTIONS)  # fmt: skip
    decisions, outcomes = [], []
    for record in records:
        pairs = rescored(record, ranker)
        ranked = [s for s, _ in pairs]
        missing = (
            abstention.missing_weight(record["query"], ranked[0], record["lexical"])
            if ranked else 1.0
        )  # fmt: skip
        values = abstention.decision_features(ranked, record["unknown"], missing)
        decisions.append(values)
        outcomes.append(bool(pairs) and pairs[0][1])
    decider = fit(np.array(decisions), np.array(outcomes), abstention.FEATURES,
                  abstention.DIRECTIONS)  # fmt: skip
    data = {
        "format": FORMAT,
        "version": VERSION,
        "fitted_on": list(CALIBRATION_SETS),
        "fitted": date.today().isoformat(),
        "ranker": _as_dict(ranker),
        "abstention": _as_dict(decider),
    }
    WEIGHTS_FILE.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    top_right = sum(o for o in outcomes)
    print(f"{len(records)} question parts, {len(rows)} candidate sentences; best sentence holds "
          f"the answer in {top_right} parts; wrote {WEIGHTS_FILE}", file=sys.stderr)  # fmt: skip
    if arguments.report:
        report(records, ranker, decider)


def report(records: list[dict], ranker: Logistic, decider: Logistic) -> None:
    """Per set: parts whose best sentence holds the answer (top 1 / top 3), and P(answer)."""
    for name in CALIBRATION_SETS:
        chosen = [r for r in records if r["set"] == name]
        answerable = [r for r in chosen if r["answerable"]]
        top1 = sum(1 for r in answerable if (p := rescored(r, ranker)) and p[0][1])
        top3 = sum(1 for r in answerable if any(label for _, label in rescored(r, ranker)[:3]))
        print(f"{name}: {len(answerable)} answerable parts; best sentence right {top1}, "
              f"in the best three {top3}")  # fmt: skip
    for feature, coefficient in zip(ranker.features, ranker.coefficients, strict=True):
        print(f"  ranker     {feature:<24} {coefficient:+.3f}")
    for feature, coefficient in zip(decider.features, decider.coefficients, strict=True):
        print(f"  abstention {feature:<24} {coefficient:+.3f}")


def _as_dict(model: Logistic) -> dict:
    return {
        "features": list(model.features),
        "coefficients": list(model.coefficients),
        "intercept": model.intercept,
        "mean": list(model.mean),
        "scale": list(model.scale),
    }


if __name__ == "__main__":
    main()
