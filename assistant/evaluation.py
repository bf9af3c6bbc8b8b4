"""`assistant eval`: answer quality and speed on a question file (format in GUIDE.md)."""

from __future__ import annotations

import json
import re
import statistics
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.config import PROJECT_ROOT
from assistant.errors import AssistantError
from assistant.records import Answer

DEFAULT_QUESTIONS = PROJECT_ROOT / "eval" / "questions.jsonl"


@dataclass(frozen=True)
class Question:
    id: str
    q: str
    must: tuple[tuple[str, ...], ...]
    sources: tuple[str, ...]
    answerable: bool
    history: tuple[dict[str, str], ...] = ()
    type: str | None = None  # informational ("figure", "why", ...): the per-type table


def load_questions(path: Path) -> list[Question]:
    """Read a JSON-lines question file; a malformed line is an error naming the line."""
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            questions.append(
                Question(
                    id=str(item["id"]),
                    q=item["q"],
                    must=tuple(tuple(group) for group in item.get("must", [])),
                    sources=tuple(item.get("sources", [])),
                    answerable=bool(item.get("answerable", True)),
                    history=tuple(item.get("history", [])),
                    type=item.get("type"),
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise AssistantError(f"{path}:{number} is not a valid question ({error}).") from error
    return questions


def normalise(text: str) -> str:
    """Case, typographic quotes and odd spaces do not decide whether an answer is right."""
    text = unicodedata.normalize("NFKC", text).casefold()
    for curly, plain in (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"')):
        text = text.replace(curly, plain)
    return f" {' '.join(text.split())} "


def is_correct(question: Question, result: Answer) -> bool:
    text = normalise(result.text)
    return not result.abstained and all(_held(group, text) for group in question.must)


def _held(group: tuple[str, ...], normalised: str) -> bool:
    """Does the normalised text hold an alternative of the `must` group?"""
    return any(normalise(option).strip() in normalised for option in group)


# The short answer a one-part answer leads with: "83 [1] — “The total number of ...”".
SHORT_ANSWER = re.compile(r"^(?P<fact>[^\n\[]{1,160}?) \[\d+\] — ")


def short_answer(result: Answer) -> str | None:
    """The short answer put first, or None (a refusal, a quote alone, a multi-part answer)."""
    if result.abstained or result.text.startswith("- "):
        return None
    found = SHORT_ANSWER.match(result.text)
    return found.group("fact") if found else None


def short_answer_right(question: Question, result: Answer) -> bool | None:
    """Does the short answer put first hold an expected string itself? (`is_correct` reads the
    whole text, quotes included: an answer leading with the wrong figure of a quoted sentence
    that holds the right one is correct by it, but not by its reader.) None without one."""
    fact = short_answer(result)
    if fact is None or not question.must:
        return None
    return holds(fact, question.must)


def holds(text: str, must: tuple[tuple[str, ...], ...]) -> bool:
    """Does the text hold an alternative of any `must` group?"""
    normalised = normalise(text)
    return any(_held(group, normalised) for group in must)


def coverage(question: Question, result: Answer) -> float:
    """The share of the question's `must` groups the answer holds (0 when it abstains): for a
    gathering question, one group per expected speaker or figure."""
    if not question.must:
        return 0.0
    text = normalise(result.text)
    held = sum(_held(group, text) for group in question.must)
    return 0.0 if result.abstained else held / len(question.must)


def score(questions: list[Question], results: list[Answer], seconds: list[float]) -> dict[str, Any]:
    """The metrics of GUIDE.md, with per-question rows."""
    answerable = [(q, r) for q, r in zip(questions, results, strict=True) if q.answerable]
    unanswerable = [(q, r) for q, r in zip(questions, results, strict=True) if not q.answerable]
    answered = [(q, r) for q, r in answerable if not r.abstained]
    cited = [(q, {c.path for c in r.citations}) for q, r in answered]
    citations_total = sum(len(paths) for _, paths in cited)
    citations_right = sum(len(paths & set(q.sources)) for q, paths in cited)
    non_abstained = [r for r in results if not r.abstained]
    gathering = [(q, r) for q, r in answerable if q.type == "gathering"]
    first_tokens = [r.timings.first_token_s for r in non_abstained if r.timings.first_token_s]
    led = [right for q, r in answered if (right := short_answer_right(q, r)) is not None]
    return {
        "questions": len(questions),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "answer_accuracy": _ratio(sum(is_correct(q, r) for q, r in answerable), len(answerable)),
        "citation_precision": _ratio(citations_right, citations_total),
        "answers_with_citations": _ratio(
            sum(bool(r.citations) for r in non_abstained), len(non_abstained)
        ),
        "refusal_accuracy": _ratio(sum(r.abstained for _, r in unanswerable), len(unanswerable)),
        "false_refusals": _ratio(sum(r.abstained for _, r in answerable), len(answerable)),
        # Gathering questions ("What did X claim about Y?"): the share of expected groups.
        "coverage": _ratio(sum(coverage(q, r) for q, r in gathering), len(gathering)),
        # Of the answered questions whose answer leads with a short answer: the share whose short
        # answer itself holds an expected string.
        "short_answer_accuracy": _ratio(sum(led), len(led)),
        "short_answers": len(led),
        "seconds_p50": _percentile(seconds, 50),
        "seconds_p95": _percentile(seconds, 95),
        "first_token_p50": _percentile(first_tokens, 50),
        "rows": [
            {
                "id": q.id,
                "question": q.q,
                "answerable": q.answerable,
                "type": q.type,
                "correct": is_correct(q, r),
                "coverage": round(coverage(q, r), 3) if q.type == "gathering" else None,
                "short_answer": short_answer(r),
                "short_answer_right": short_answer_right(q, r) if q.answerable else None,
                "abstained": r.abstained,
                "cited": sorted({c.path for c in r.citations}),
                "text": r.text,
                "seconds": round(s, 3),
            }  # fmt: skip
            for q, r, s in zip(questions, results, seconds, strict=True)
        ],
    }


def run_eval(
    questions_path: Path,
    index_dir: Path | None = None,
    progress: bool = False,
    ids: str | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    """Answer every question of the file and score the answers.

    Models are loaded by one warm-up question before the clock starts: the figures are those of
    a running assistant, and the load time is reported on its own.
    """
    from assistant.pipeline import answer

    questions = select_ids(load_questions(Path(questions_path)), ids)
    if not questions:
        raise AssistantError(f"{questions_path} holds no questions.")
    load_started = time.perf_counter()
    answer(questions[0].q, index_dir=index_dir, **overrides)
    load_seconds = time.perf_counter() - load_started
    results: list[Answer] = []
    seconds: list[float] = []
    for number, question in enumerate(questions, start=1):
        started = time.perf_counter()
        results.append(
            answer(question.q, index_dir=index_dir, history=list(question.history), **overrides)
        )
        seconds.append(time.perf_counter() - started)
        if progress:
            _print_progress(number, len(questions), question, results[-1], seconds[-1])
    report = score(questions, results, seconds)
    report["first_question_with_model_load_s"] = round(load_seconds, 2)
    report["settings"] = {key: str(value) for key, value in overrides.items() if value is not None}
    return report


def select_ids(questions: list[Question], rule: str | None) -> list[Question]:
    """All questions, or those whose id number is odd or even (the fixed split of a set into a
    calibration half and a test half)."""
    if rule is None:
        return questions
    if rule not in ("odd", "even"):
        raise AssistantError(f"ids must be 'odd' or 'even', not {rule!r}.")
    wanted = 1 if rule == "odd" else 0
    return [q for q in questions if _id_number(q.id) % 2 == wanted]


def _id_number(identifier: str) -> int:
    digits = "".join(char for char in identifier if char.isdigit())
    if not digits:
        raise AssistantError(f"Question id {identifier!r} has no number to split by.")
    return int(digits)


def _print_progress(
    number: int, total: int, question: Question, result: Answer, seconds: float
) -> None:
    good = is_correct(question, result) if question.answerable else result.abstained
    mark = "ok" if good else "--"
    print(
        f"{mark} {number:3}/{total} {seconds:5.2f}s {question.id}: {result.text[:90]!r}", flush=True
    )


METRICS = (
    "answer_accuracy", "citation_precision", "answers_with_citations", "refusal_accuracy",
    "false_refusals", "coverage", "short_answer_accuracy", "seconds_p50", "seconds_p95",
    "first_token_p50",
)  # fmt: skip


def format_report(report: dict[str, Any]) -> str:
    lines = [
        f"questions                {report['questions']} ({report['answerable']} answerable, "
        f"{report['unanswerable']} not)",
    ]
    lines += [f"{key:<24} {report[key]}" for key in METRICS]
    return "\n".join(lines)


def format_comparison(grounded: dict[str, Any], baseline: dict[str, Any]) -> str:
    """The two pipelines side by side, every figure next to its baseline."""
    lines = [
        f"questions: {grounded['questions']} ({grounded['answerable']} answerable, "
        f"{grounded['unanswerable']} not)",
        f"{'metric':<24} {'grounded':>9} {'baseline':>9}",
    ]
    for key in METRICS:
        lines.append(f"{key:<24} {_cell(grounded[key]):>9} {_cell(baseline[key]):>9}")
    return "\n".join(lines)


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _ratio(numerator: float, denominator: int) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def _percentile(values: list[float], percent: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 3)
    return round(statistics.quantiles(values, n=100, method="inclusive")[percent - 1], 3)
