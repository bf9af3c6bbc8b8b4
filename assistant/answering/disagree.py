"""Where sources disagree: different figures for the same quantity, side by side.

Found in the evidence alone, never from the model: each figure of a gathered sentence is read
with what it counts ("at least 200 civilians": 200, counting "civilians"); figures counting the
same thing (one word in common, spelling aside) are one quantity; a quantity is disputed when
two articles give it different values. Agreeing sources make no line.

    Sources differ on the number of civilians: Syrian Network for Human Rights, 849 [5];
    Independent (15 Jan 2016), up to 800 [6]; TRT World, at least 200 [7].
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from assistant.answering.gather import (
    Candidate,
    Group,
    _about,
    _same_word,
    article_date,
    display_date,
    group_claims,
    outlet_or_title,
    speaks_for,
)
from assistant.answering.question import names_in
from assistant.answering.spans import MEASURE, SCALE, YEAR, counted, typed_spans
from assistant.language import APPROXIMATORS, IRREGULAR
from assistant.lexical import terms

QUALIFIER = re.compile(r"(?:" + "|".join(APPROXIMATORS) + r")\s+$", re.I)
MAX_ENTRIES = 5
SAME_TIME_DAYS = 120  # figures of articles further apart are of different times
# A denial before a figure: the speaker denies the figure rather than gives it.
DENIED = re.compile(r"\b(?:den(?:y|ies|ied|ying)|reject\w*|dismiss\w*|refut\w*|disput\w*)\b", re.I)


@dataclass(frozen=True)
class Figure:
    candidate: Candidate
    text: str  # as written, with its qualifier: "at least 200"
    value: float
    counted: str  # what it counts: "civilians"
    action: str = ""  # the stem of the past-tense verb it goes with ("kill"), if any
    near: tuple[str, ...] = ()  # the word stems around it ("flood", "kill", "resid")
    measured: tuple[str, ...] = ()  # what a unit measures: "debt" of "68 billion dlrs of debt"

    @property
    def stems(self) -> list[str]:
        return terms(self.counted)


@dataclass(frozen=True)
class Disagreement:
    about: str  # "civilians"
    entries: tuple[tuple[str, str, Candidate], ...]  # (whose, figure, sentence)


def figures(candidate: Candidate) -> list[Figure]:
    """The figures of a sentence with what each counts; a figure counting nothing (a bare
    number, a year) is left out."""
    text = " ".join(candidate.sentence.text.split())
    found = []
    for span in typed_spans(text, "figure", ""):
        what = counted(text, span)
        if what is None or not what.words:
            continue
        if DENIED.search(text[: span.start]):
            continue  # "denied allegations that … killed 150": the figure is someone else's
        number = re.search(r"\d[\d,]*(?:\.\d+)?", span.text)
        after = text[span.start + number.end() :] if number else ""
        words = [w for w in re.findall(r"[A-Za-z][\w'’-]*|[^\w\s]", after)[:6]
                 if w.lower() not in SCALE]  # fmt: skip
        qualifier = QUALIFIER.search(text[: span.start])
        shown = (qualifier.group(0) if qualifier else "") + span.text
        before = re.findall(r"[A-Za-z]+", text[: span.start])[-3:]
        following = [w for w in words[len(what.words) :] if w[0].isalpha()][:3]
        action = next((w for w in reversed(before) if _past(w)), None) or next(
            (w for w in following if _past(w)), ""
        )
        around = " ".join(re.findall(r"[A-Za-z]+", text[: span.start])[-6:] + words)
        measured = _measured(after, list(what.words)) if what.unit else ()
        found.append(Figure(candidate, shown.strip(), what.value, " ".join(what.words),
                            " ".join(terms(action)), tuple(terms(around)), measured))  # fmt: skip
    return found


def disagreements(
    close: list[Candidate], subject: str, topic: str, claims: list[Group]
) -> list[Disagreement]:
    """Quantities on which the close sentences' articles give different figures. With a subject
    ("Russia"), only figures about it (the sentence or its speaker names it); with a topic
    ("civilian deaths"), only figures counting something it names."""
    topic_stems = terms(topic)
    subject_words = terms(subject)
    cited = {c.sentence.article.path for group in claims for c in group.claims}
    topic_names = [n for n in names_in(topic) if n not in names_in(subject)]
    found: list[Figure] = []
    for candidate in close:
        if candidate.sentence.article.path not in cited:
            continue  # the articles the answer cites for its claims, not others
        if subject_words and not _mentions(candidate, subject_words):
            continue
        if not _about(candidate.sentence, topic_names):
            continue
        for figure in figures(candidate):
            if topic_stems and not any(_same_word(s, t) for s in figure.near for t in topic_stems):
                continue  # a figure of something else than the topic
            found.append(figure)
    # One figure per source of an article and thing counted, from its closest sentence.
    found.sort(key=lambda f: -f.candidate.relevance)
    quantities: list[list[Figure]] = []
    for figure in found:
        for quantity in quantities:
            if all(_same_quantity(member, figure) for member in quantity):
                source = _source(figure)
                if all(_source(member) != source for member in quantity):
                    quantity.append(figure)
                break
        else:
            quantities.append([figure])
    result = []
    for quantity in quantities:
        entries = _entries(quantity)
        values = {figure.value for figure in quantity}
        sources = {whose.split(" (")[0] for whose, _, _ in entries}
        articles = {figure.candidate.sentence.article.path for figure in quantity}
        # Disputed: different values, from two articles and two sources (one source's figures
        # over time are a series, not a dispute).
        if len(values) >= 2 and len(articles) >= 2 and len(sources) >= 2:
            about = max((f.counted for f in quantity), key=lambda c: sum(
                1 for f in quantity if f.counted == c))  # fmt: skip
            result.append(Disagreement(_noun(about), tuple(entries[:MAX_ENTRIES])))
    return result


def _measured(after: str, counted: list[str]) -> tuple[str, ...]:
    """What a unit measures: the word stems after it up to the clause's end ("dlrs of its debts
    to commercial banks" -> "debt", "commerci", "bank")."""
    rest = after.split(counted[0], 1)[-1] if counted else after
    clause = re.split(r"[,;:.()]|\s-\s|\b(?:but|while|which|who|that)\b", rest, maxsplit=1)[0]
    return tuple(terms(clause)[:6])


def _past(word: str) -> bool:
    """A past-tense verb or participle by its English form ("killed", "struck")."""
    lowered = word.lower()
    return (lowered.endswith("ed") and len(lowered) > 4) or lowered in IRREGULAR


def _source(figure: Figure) -> tuple[str, str]:
    speaker = figure.candidate.speaker
    return (figure.candidate.sentence.article.path, speaker.name if speaker else "")


def _noun(counted: str) -> str:
    """ "people marched" -> "people": what is counted, without the verb that follows it."""
    words = counted.split()
    for position, word in enumerate(words[1:], start=1):
        lowered = word.lower()
        if lowered.endswith("ed") or lowered in IRREGULAR or lowered in ("next", "last", "this"):
            return " ".join(words[:position])
    return counted


def _mentions(candidate: Candidate, subject_words: list[str]) -> bool:
    sentence = candidate.sentence
    text = sentence.article.text[max(0, sentence.start - 200) : sentence.end]
    said = terms(text)
    if any(_same_word(word, other) for word in subject_words for other in said):
        return True
    if candidate.speaker is not None:
        group = group_claims([candidate])[0]
        return speaks_for(group, " ".join(subject_words))
    return False


def _same_quantity(first: Figure, second: Figure) -> bool:
    """Counting the same thing at the same time: the same head word, or a one-word count that is
    a word of the other ("civilians" and "civilian casualties"); the same year where both
    sentences name one, else articles at most SAME_TIME_DAYS apart (undated: not known)."""
    one, other = first.stems, second.stems
    if not one or not other or not _same_time(first, second):
        return False
    if first.action and second.action and first.action != second.action:
        return False  # "killed 150 civilians", "rescued 279 civilians"
    if first.measured or second.measured or MEASURE.fullmatch(first.counted.split()[0]):
        # "68 billion dlrs of its debts", "8.5 billion dlrs in long and medium term loans": a
        # unit is one quantity only where it measures the same thing.
        same_unit = _same_word(one[0], other[0])  # not "68 billion dlrs" and "35 pct"
        return same_unit and any(_same_word(a, b) for a in first.measured for b in second.measured)
    if _same_word(one[-1], other[-1]):
        return True
    if len(one) == 1 or len(other) == 1:
        return any(_same_word(a, b) for a in one for b in other)
    return False


def _same_time(first: Figure, second: Figure) -> bool:
    years = [set(YEAR.findall(f.candidate.sentence.text)) for f in (first, second)]
    if years[0] and years[1]:
        return bool(years[0] & years[1])
    dates = [article_date(f.candidate.sentence.article) for f in (first, second)]
    if not all(dates):
        return True
    days = [date.fromisoformat(d if len(d) == 10 else f"{d}-15") for d in dates]
    return abs((days[0] - days[1]).days) <= SAME_TIME_DAYS


def _entries(quantity: list[Figure]) -> list[tuple[str, str, Candidate]]:
    """One entry per source and value, oldest first: (whose, figure, sentence)."""
    entries: list[tuple[str, str, Candidate]] = []
    seen: set[tuple[str, float]] = set()
    ordered = sorted(quantity, key=lambda f: article_date(f.candidate.sentence.article) or "~")
    for figure in ordered:
        article = figure.candidate.sentence.article
        speaker = figure.candidate.speaker
        whose = speaker.name if speaker else outlet_or_title(article)
        if speaker and whose.islower():  # "sources", "officials": whose, in which report
            whose = f"{whose} in {outlet_or_title(article)}"
        key = (whose, figure.value)
        if key in seen:
            continue
        seen.add(key)
        when = display_date(article_date(article))
        entries.append((whose + (f" ({when})" if when else ""), figure.text, figure.candidate))
    return entries
