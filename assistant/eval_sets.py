"""`assistant eval --sets FILE`: every evaluation set, both pipelines, one table.

A sets file (TOML, see eval/sets.toml) names, for each set, its question file, its corpus and the
index folder to build it in, and optionally which half of the questions to keep (`ids = "odd"`
or `"even"`). Each index is built or refreshed before its questions are asked, so a fresh clone
needs nothing but this command.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError

TABLE_METRICS = (
    ("accuracy", "answer_accuracy"),
    ("cit.prec", "citation_precision"),
    ("refusal", "refusal_accuracy"),
    ("false ref", "false_refusals"),
    ("coverage", "coverage"),
    ("short ans", "short_answer_accuracy"),
    ("p50 s", "seconds_p50"),
)


@dataclass(frozen=True)
class EvalSet:
    name: str
    questions: Path
    corpus: Path
    index: Path
    ids: str | None = None


def load_sets(path: Path) -> list[EvalSet]:
    """The sets of a sets file, with paths resolved against the file's folder."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise AssistantError(f"Cannot read the eval sets file {path}: {error}") from error
    folder = path.resolve().parent
    sets = []
    for item in data.get("set", []):
        try:
            sets.append(
                EvalSet(
                    name=item["name"],
                    questions=(folder / item["questions"]).resolve(),
                    corpus=(folder / item["corpus"]).resolve(),
                    index=(folder / item["index"]).resolve(),
                    ids=item.get("ids"),
                )
            )
        except KeyError as error:
            raise AssistantError(f"{path}: a [[set]] lacks {error}.") from error
    if not sets:
        raise AssistantError(f"{path} names no [[set]].")
    return sets


def run_sets(
    path: Path, modes: list[str], only: list[str] | None = None, progress: bool = False,
    **overrides: Any,
) -> dict[str, dict[str, dict[str, Any]]]:  # fmt: skip
    """{set name: {mode: report}} for every set of the file (or those named in `only`)."""
    from assistant.evaluation import run_eval
    from assistant.index import build_index

    results: dict[str, dict[str, dict[str, Any]]] = {}
    built: set[Path] = set()
    for eval_set in load_sets(path):
        if only and eval_set.name not in only:
            continue
        if eval_set.index not in built:
            build_index(eval_set.corpus, eval_set.index)
            built.add(eval_set.index)
        results[eval_set.name] = {
            mode: run_eval(
                eval_set.questions, index_dir=eval_set.index, progress=progress,
                ids=eval_set.ids, mode=mode, **overrides,
            )
            for mode in modes
        }  # fmt: skip
    return results


def format_sets(results: dict[str, dict[str, dict[str, Any]]]) -> str:
    """One table: a row per set, each metric of the grounded pipeline beside the baseline's."""
    modes = list(next(iter(results.values())))
    header = f"{'set':<20} {'n':>4}"
    for label, _ in TABLE_METRICS:
        header += " " + " ".join(f"{label + _suffix(mode, modes):>11}" for mode in modes)
    lines = [header]
    for name, reports in results.items():
        first = reports[modes[0]]
        row = f"{name:<20} {first['questions']:>4}"
        for _, key in TABLE_METRICS:
            row += " " + " ".join(f"{_cell(reports[mode][key]):>11}" for mode in modes)
        lines.append(row)
    for name, reports in results.items():
        table = format_types(reports, modes)
        if table:
            lines += ["", f"{name} by question type (accuracy; refusal accuracy for unans_*)"]
            lines.append(table)
    return "\n".join(lines)


def format_types(reports: dict[str, dict[str, Any]], modes: list[str]) -> str:
    """Per question type: how many, and the share right (answered correctly, or refused when
    the question is unanswerable), for each mode. Empty when the set has no types."""
    counts: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    for mode in modes:
        for row in reports[mode]["rows"]:
            if row.get("type"):
                good = row["correct"] if row["answerable"] else row["abstained"]
                counts[row["type"]][mode].append(good)
    if not counts:
        return ""
    lines = [f"  {'type':<14} {'n':>3} " + " ".join(f"{mode:>9}" for mode in modes)]
    for kind, by_mode in counts.items():
        total = len(by_mode[modes[0]])
        cells = " ".join(f"{sum(by_mode[m]) / len(by_mode[m]):>9.2f}" for m in modes)
        lines.append(f"  {kind:<14} {total:>3} {cells}")
    return "\n".join(lines)


def _suffix(mode: str, modes: list[str]) -> str:
    return "" if len(modes) == 1 else ("" if mode == "grounded" else "/B")


def _cell(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
