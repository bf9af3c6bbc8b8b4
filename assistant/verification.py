"""Per-sentence verification of a generated answer against the evidence it cites.

A sentence reaches the reader only if one evidence sentence supports it: every number and every
name in it appears there (or in that article's title, outlet and date), and most of its content
words do. A sentence citing the wrong evidence is re-attributed to the evidence that supports it;
a sentence no evidence supports is dropped. When nothing survives, the answer is built from the
evidence itself: quoted, attributed and cited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.chunking import sentence_spans
from assistant.citations import MARKER
from assistant.evidence import Evidence, speaker_terms
from assistant.lexical import STOPWORDS, terms

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
}  # fmt: skip
MIN_TERM_SUPPORT = 0.75  # share of a sentence's content terms that the evidence must contain
PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
MARKER_AFTER_STOP = re.compile(r"([.!?])(\s*)((?:\[\d+\]\s*)+)")
# Openings small models put before an answer; they carry no claim.
PREAMBLE = re.compile(
    r"^((so,? )?(the )?(answer|evidence)\b[^:]{0,40}|based on the (passages|evidence)[^,:]*|"
    r"[^:]{0,60}\b\d{4}-\d\d-\d\d\)?)\s*[:,]\s*",
    re.IGNORECASE,
)
SENTENCE_OPENERS = frozenset(
    "according although as despite following however meanwhile since yes no there some".split()
)
# Sentences about the evidence instead of the news ("The evidence provided is about ...").
META = re.compile(r"^(the |this )?(evidence|document|passage|article|text|source)s?\b", re.I)
POLARITY = (
    re.compile(r"\b(den(y|ies|ied|ying|ial)|reject\w*|dismiss\w*|refut\w*|rebuff\w*)\b", re.I),
    re.compile(r"\b(not|never|no|none|nor|without|\w+n't)\b", re.I),
)
MIN_CLAIM_TERMS = 2  # "25 [2]." is not a sentence a reader can check


@dataclass(frozen=True)
class Checked:
    """A verified sentence and the evidence numbers (1-based) that support it."""

    text: str
    numbers: tuple[int, ...]


def numbers_in(text: str) -> set[str]:
    found = {match.replace(",", "").rstrip(".") for match in NUMBER.findall(text)}
    found |= {
        NUMBER_WORDS[word] for word in re.findall(r"[a-z]+", text.lower()) if word in NUMBER_WORDS
    }
    return found


def names_in(text: str) -> set[str]:
    """Capitalised words: the names a claim makes. A sentence's first word counts unless it is
    an ordinary word ("The", "According"), so "Elena Lindqvist won" checks Elena too."""
    words = re.findall(r"\b[A-Z][\w'’-]*", text)
    first = re.match(r"\W*([A-Z][\w'’-]*)", text)
    names = {word.lower() for word in words}
    if first and (
        first.group(1).lower() in STOPWORDS or first.group(1).lower() in SENTENCE_OPENERS
    ):
        names.discard(first.group(1).lower())
    return {re.sub(r"['’]s$", "", name) for name in names}


def repeats_itself(text: str, size: int = 4) -> bool:
    """A run of `size` words said twice: the loop a small model falls into, not a claim."""
    words = re.findall(r"\w+", text.lower())
    runs = [tuple(words[i : i + size]) for i in range(len(words) - size + 1)]
    return len(runs) != len(set(runs))


def same_speaker(claim: str, evidence: Evidence) -> bool:
    """A claim that names its speaker must have that speaker in the evidence, so that what
    Amnesty reported is never presented as Russia's claim."""
    claimed = speaker_terms(claim)
    if not claimed:
        return True
    found = speaker_terms(evidence.text)
    publisher = set(terms(evidence.hit.article.publisher or ""))
    if found is None or not (found - PRONOUNS):
        found = set(terms(evidence.text))  # "he said": the speaker is named elsewhere in it
    pool = {term[:4] for term in found | publisher}
    return all(term[:4] in pool for term in claimed)


def supports(claim: str, evidence: Evidence) -> bool:
    """Does this evidence sentence back the claim? Its numbers and names may also come from the
    article's title, outlet and date; its words must come from the sentence itself."""
    article = evidence.hit.article
    context = f"{evidence.text} {article.title} {article.publisher or ''} {article.published or ''}"
    if not numbers_in(claim) <= numbers_in(context):
        return False
    lowered = context.lower()
    if any(name not in lowered for name in names_in(claim)):
        return False
    words = {term for term in terms(claim) if not term[:1].isdigit()}
    if len(words) < MIN_CLAIM_TERMS or repeats_itself(claim):
        return False
    share = len(words & set(terms(evidence.text))) / len(words)
    if share < MIN_TERM_SUPPORT or not same_speaker(claim, evidence):
        return False
    # "denied that its jets killed 150 civilians" must not come out as "said it killed 150"
    return all(bool(cue.search(claim)) == bool(cue.search(evidence.text)) for cue in POLARITY)


def check_sentence(sentence: str, evidence: list[Evidence]) -> Checked | None:
    """Keep the sentence with the markers of evidence that supports it, or drop it (None)."""
    cited = [int(n) for n in re.findall(r"\d+", " ".join(MARKER.findall(sentence)))]
    claim = MARKER.sub("", sentence).strip()
    while PREAMBLE.match(claim):  # "The evidence is: The Independent, 2016-01-15: ..."
        claim = PREAMBLE.sub("", claim, count=1).strip()
    claim = re.sub(r"\s+([.,;:!?])", r"\1", claim)
    if not claim or META.match(claim):
        return None
    valid = [n for n in dict.fromkeys(cited) if 1 <= n <= len(evidence)]
    backing = [n for n in valid if supports(claim, evidence[n - 1])]
    if not backing:  # re-attribute to the evidence that really supports it, if any does
        backing = [n for n in range(1, len(evidence) + 1) if supports(claim, evidence[n - 1])][:1]
    if not backing:
        return None
    return Checked(claim, tuple(backing))


def split_claims(text: str) -> list[str]:
    """Sentences of a draft, with markers written after the full stop moved before it."""
    text = MARKER_AFTER_STOP.sub(lambda m: f" {m.group(3).strip()}{m.group(1)}{m.group(2)}", text)
    return [text[span.start : span.end] for span in sentence_spans(text)]


def render(checked: Checked) -> str:
    """A verified sentence with its markers placed before the final punctuation."""
    markers = "".join(f"[{number}]" for number in checked.numbers)
    body = checked.text
    if body[-1:] in ".!?":
        return f"{body[:-1]} {markers}{body[-1]}"
    return f"{body} {markers}."


def attribution(evidence: Evidence) -> str:
    """'According to The Independent (2016-01-15)', or the article title when the outlet is
    unknown: a reader must see whose report a quoted claim comes from."""
    article = evidence.hit.article
    source = article.publisher or f"“{article.title}”"
    return f"According to {source}" + (f" ({article.published})" if article.published else "")


def extractive_answer(evidence: list[Evidence], picks: list[int]) -> str:
    """The chosen evidence sentences (0-based `picks`), quoted with their source and cited: the
    answer when the model's own words do not survive verification."""
    parts = []
    for index in picks:
        quote = " ".join(evidence[index].text.split())
        parts.append(f"{attribution(evidence[index])}: “{quote}” [{index + 1}]")
    return " ".join(parts)
