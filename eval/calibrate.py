"""Calibrate the abstention thresholds on eval question files: no model is run, only retrieval
and evidence selection, so this takes seconds.

For each question it prints the best evidence coverage, the best similarity and any unknown key
terms, then, for each candidate `min_coverage`, how many answerable questions would be refused and
how many unanswerable ones answered.

    python eval/calibrate.py eval/questions.jsonl:index eval/noisy/questions.jsonl:eval/noisy/index
"""

from __future__ import annotations

import sys
from pathlib import Path

from assistant.config import get_settings
from assistant.conversation import standalone_question
from assistant.embedding import get_embedder
from assistant.evaluation import load_questions
from assistant.evidence import select_evidence, unknown_key_terms
from assistant.index import open_index
from assistant.retrieval import retrieve


def measure(
    questions_path: Path, index_dir: Path
) -> list[tuple[bool, float, float, list[str], str]]:
    settings = get_settings(index_dir=index_dir)
    index = open_index(index_dir)
    embedder = get_embedder(settings.embedding_model)
    rows = []
    for question in load_questions(questions_path):
        text = standalone_question(question.q, list(question.history))
        hits = retrieve(text, index, embedder, settings, top_k=settings.evidence_chunks)
        evidence = select_evidence(
            text, hits, index.lexical, embedder, settings.evidence_count, settings.evidence_rerank
        )
        coverage = evidence[0].coverage if evidence else 0.0
        similarity = max((item.similarity for item in evidence), default=0.0)
        unknown = unknown_key_terms(text, index.lexical)
        rows.append((question.answerable, coverage, similarity, unknown, question.q))
    return rows


def main(arguments: list[str]) -> None:
    rows = []
    for argument in arguments:
        questions, _, index = argument.partition(":")
        rows += measure(Path(questions), Path(index or "index"))
    for answerable, coverage, similarity, unknown, text in sorted(rows, key=lambda r: r[1]):
        flag = "A" if answerable else "U"
        print(f"{flag} cov={coverage:.2f} sim={similarity:.2f} unknown={unknown} {text[:70]}")
    print("\nmin_coverage  answerable refused  unanswerable answered (unknown-term rule on)")
    for step in range(20, 80, 5):
        threshold = step / 100
        refused = sum(1 for a, c, _, u, _ in rows if a and (c < threshold or u))
        answered = sum(1 for a, c, _, u, _ in rows if not a and c >= threshold and not u)
        print(f"{threshold:11.2f}  {refused:18d}  {answered:22d}")


if __name__ == "__main__":
    main(sys.argv[1:] or ["eval/questions.jsonl:index"])
