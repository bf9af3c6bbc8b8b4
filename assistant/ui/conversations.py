"""Saved conversations: kept in the browser (gr.BrowserState) as the questions and their
answers' JSON, listed newest first, and exported as Markdown. Nothing leaves the browser but
the export the user asks for."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

if TYPE_CHECKING:
    from assistant.ui.chat import Turn

EXPORTS = Path(tempfile.gettempdir()) / "news-assistant-exports"


# Saved conversations live in the browser (gr.BrowserState): at most this many, newest first.
MAX_SAVED = 50


def saved_entry(conversation: str, turns: list[Turn]) -> dict[str, Any]:
    """A conversation as the browser keeps it: its questions and answers (Answer.to_dict())."""
    return {
        "id": conversation,
        "title": turns[0].question[:80],
        "saved": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "turns": [
            {"question": turn.question, "answer": turn.answer.to_dict(),
             "refusal": turn.answer.refusal}
            for turn in turns
        ],
    }  # fmt: skip


def saved_choices(saved: list[dict[str, Any]] | None) -> Any:
    """The menu of saved conversations: first question and when, newest first."""
    entries = [entry for entry in saved or [] if isinstance(entry, dict) and "id" in entry]
    choices = [(f"{entry['title']} · {entry['saved']}", entry["id"]) for entry in entries]
    return gr.update(choices=choices, value=choices[0][1] if choices else None)


def export_markdown(turns: list[Turn], folder: Path) -> Path | None:
    """The conversation as a Markdown file: each question, its answer and its sources."""
    if not turns:
        return None
    lines = [f"# News assistant conversation, {datetime.now():%Y-%m-%d %H:%M}", ""]
    for turn in turns:
        lines += [f"## {turn.question}", "", turn.answer.text, ""]
        for citation in turn.answer.citations:
            details = ", ".join(part for part in (citation.publisher, citation.published) if part)
            lines.append(
                f"[{citation.number}] {citation.title}" + (f" ({details})" if details else "")
                + f", {citation.path}: “{citation.quote}”"
            )  # fmt: skip
        lines.append("")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"conversation-{datetime.now():%Y%m%d-%H%M%S}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
