"""Follow-up questions read in the light of the conversation before retrieval.

"And what did the US say?" after "What did Russia claim about civilian deaths?" is about civilian
deaths, not about the US in general. Without a model able to rewrite questions reliably (the
embedded ones are not), the topic words of the previous question are carried over to a question
that depends on them: a short one, one that points back with a pronoun, or one that names
nothing of its own. Names in the new
question replace the names of the old one ("the US" instead of "Russia"), and a time it names
replaces the old one's ("What about in 1985?" after a question about 1986).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.language import MONTHS
from assistant.lexical import terms

History = Sequence[dict[str, Any]] | Sequence[tuple[str, str]] | None

CONTINUES = re.compile(r"^(and|but|also|what about|how about|so)\b", re.IGNORECASE)
PRONOUN = re.compile(
    r"\b(it|its|that|this|they|them|he|him|she|his|her|their|there|then|those|these)\b", re.I
)
NAME = re.compile(r"\b[A-Z][\w'-]+")
# A year, or a month by its capitalised name ("in 1985", "in March").
TIME = re.compile(r"\b(?:19|20)\d\d\b|\b(?:" + "|".join(m.capitalize() for m in MONTHS) + r")\b\.?")


def user_turns(history: Sequence[Any]) -> list[str]:
    """The user's earlier questions, oldest first."""
    return [turn for turn in _turns(history, "user") if turn.strip()]


def last_answer(history: Sequence[Any]) -> str:
    """The text of the assistant's last turn ("" when there is none)."""
    answers = _turns(history, "assistant")
    return answers[-1] if answers else ""


def _turns(history: Sequence[Any], role: str) -> list[str]:
    """The texts of one role's turns, oldest first: from dicts with `role`/`content` (Gradio 6
    keeps content as a list of typed parts) or from (user, assistant) pairs."""
    texts = []
    for turn in history:
        if isinstance(turn, dict):
            if turn.get("role") != role:
                continue
            content = turn.get("content")
            if isinstance(content, list):
                content = " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
            texts.append(str(content or ""))
        elif isinstance(turn, (list, tuple)):
            position = 0 if role == "user" else 1
            if len(turn) > position and turn[position]:
                texts.append(str(turn[position]))
    return texts


# A title shorter than this is too likely to occur in an answer by chance ("OPEC", "GM").
MIN_TITLE = 15


def cited_articles(history: Sequence[Any], titles: Sequence[tuple[str, str]]) -> list[str]:
    """The paths, of the (path, title) pairs given, of the articles the assistant's last answer
    cites: those its turn lists under "citations", else those its text names by file name
    ("[reuters-00023.txt]") or by title (as a sources list writes them). A follow-up ("When
    does the split take effect?") is most likely about them."""
    listed = _listed_citations(history)
    if listed is not None:
        known = {path for path, _ in titles}
        return [path for path in listed if path in known]
    said = last_answer(history)
    if not said:
        return []
    cited = []
    for path, title in titles:
        name = path.replace("\\", "/").rsplit("/", 1)[-1]
        if name in said or (len(title.strip()) >= MIN_TITLE and title.strip() in said):
            cited.append(path)
    return cited


def _listed_citations(history: Sequence[Any]) -> list[str] | None:
    """The paths the last assistant turn lists under "citations" (as the UI passes its answers:
    paths, or dicts with a "path"); None when it lists none."""
    for turn in reversed(list(history)):
        if isinstance(turn, dict) and turn.get("role") == "assistant":
            listed = turn.get("citations")
            if not isinstance(listed, list):
                return None
            paths = [item.get("path") if isinstance(item, dict) else item for item in listed]
            return [str(path) for path in paths if path]
    return None


def depends_on_context(question: str, history: Sequence[Any]) -> bool:
    """Is the question read with the conversation before it?"""
    return bool(user_turns(history)) and _depends_on_context(question)


def standalone_question(question: str, history: Sequence[Any]) -> str:
    """The question, completed with the previous question's topic when it depends on it."""
    previous = user_turns(history)
    if not previous or not _depends_on_context(question):
        return question
    topic = previous[-1].rstrip(" ?.!")
    untimed = TIME.sub(" ", question)
    if NAME.search(untimed[1:]) and not PRONOUN.search(question):
        # "And what did the US say?" names its own subject: the old names do not carry over
        topic = NAME.sub(_unless_time, topic[:1].lower() + topic[1:])
    if TIME.search(question):
        # "What about in 1985?" asks of its own time: the old one ("1986") does not carry over
        topic = TIME.sub("", topic)
    words = topic.split()
    carried = [
        word for position, word in enumerate(words)
        if (terms(word) or _joins_a_name(words, position))
        and word.lower() not in question.lower()
    ]  # fmt: skip
    if not carried:
        return question
    return f"{question.rstrip(' ?.!')} ({' '.join(carried)})?"


def _joins_a_name(words: list[str], position: int) -> bool:
    """ "and" of "Bryson Oil and Gas", "of" of "Bank of America": a small word between two
    capitalised words is part of the name carried over."""
    return (
        0 < position < len(words) - 1
        and words[position].islower()
        and words[position - 1][:1].isupper()
        and words[position + 1][:1].isupper()
        and bool(terms(words[position - 1]))  # not "What did Brown-Forman ..."
    )


def _unless_time(match: re.Match[str]) -> str:
    return match.group(0) if TIME.fullmatch(match.group(0)) else ""


def _depends_on_context(question: str) -> bool:
    """A short question, one that continues or points back, or one that names nothing of its
    own ("When does the split take effect?") is read with the one before it."""
    names_nothing = not NAME.search(question[1:])
    return (
        len(question.split()) <= 5
        or names_nothing
        or bool(CONTINUES.search(question) or PRONOUN.search(question))
    )
