"""Prompt templates from `prompts/`, rendered with strict substitution."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from string import Template

from assistant.citations import without_footnotes
from assistant.config import PROJECT_ROOT
from assistant.errors import PromptError
from assistant.records import Hit

PACKAGED_PROMPTS = Path(__file__).resolve().parent / "_prompts"  # where a wheel puts prompts/


@dataclass(frozen=True)
class Prompt:
    system: str
    user: str
    grammar: str | None = None  # GBNF that the local model's output must follow, if any


def prompts_dir(configured: Path | None) -> Path:
    for folder in (configured, PROJECT_ROOT / "prompts", PACKAGED_PROMPTS):
        if folder is not None and folder.is_dir():
            return folder
    raise PromptError("No prompts folder found. Set ASSISTANT_PROMPTS_DIR to the prompts/ folder.")


@cache
def load_template(folder: Path, name: str) -> Template:
    path = folder / f"{name}.txt"
    try:
        return Template(path.read_text(encoding="utf-8").strip())
    except OSError as error:
        raise PromptError(f"Prompt template {path} cannot be read: {error}") from error


def render(folder: Path, name: str, /, **values: object) -> str:
    """Fill a template; a placeholder without a value is an error, never left in the prompt."""
    template = load_template(folder, name)
    try:
        return template.substitute(**{key: str(value) for key, value in values.items()})
    except (KeyError, ValueError) as error:
        raise PromptError(f"Prompt template {name}.txt needs a value for {error}.") from error


def source_label(hit: Hit) -> str:
    """'Title (Publisher, 2016-01-15)': how a passage's origin is shown to the model."""
    details = [part for part in (hit.article.publisher, hit.article.published) if part]
    return f"{hit.article.title} ({', '.join(details)})" if details else hit.article.title


def numbered_passages(folder: Path, passages: list[tuple[Hit, str]]) -> str:
    """Passages as the model sees them: "[n] Title (Outlet, date): text", one a line. The title
    matters even for a single sentence: "The plan funds 4 new schools" says nothing of whose."""
    return "\n".join(
        render(folder, "passage", number=number, source=source_label(hit), text=_one_line(text))
        for number, (hit, text) in enumerate(passages, start=1)
    )


def build_answer_prompt(folder: Path, question: str, hits: list[Hit]) -> Prompt:
    """The system and user messages asking for a cited answer from numbered passages."""
    passages = numbered_passages(folder, [(hit, hit.chunk.text) for hit in hits])
    return Prompt(
        system=render(folder, "answer_system"),
        user=render(folder, "answer_user", passages=passages, question=question.strip()),
    )


def _one_line(text: str) -> str:
    """A passage as the model sees it: one line, without the article's own reference marks,
    which the model would copy as citations."""
    return " ".join(without_footnotes(text).split())
