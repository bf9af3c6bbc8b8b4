"""Evidence selection: from retrieved chunks to the few sentences that answer the question.

Tiny models degrade fast with long prompts, and on 2 cores prompt processing dominates latency,
so the model sees 2-4 sentences instead of whole chunks. Each candidate sentence is scored by how
much of the question's weighted vocabulary it (and its article's title and date) covers, by its
embedding similarity to the question, and by whether it holds the kind of thing the question
asks for (a number, a name, a date). The same scores decide abstention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.chunking import sentence_spans
from assistant.embedding import Embedder
from assistant.lexical import LexicalIndex, terms
from assistant.records import Hit

# A sentence starting like this leans on the one before it for its subject or speaker.
DEPENDENT_START = re.compile(
    r"^(he|she|they|it|this|that|these|those|the ministry|but)\b|^[\"“]", re.I
)
MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
DATE_LIKE = re.compile(
    rf"\b({MONTHS}|(19|20)\d\d|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"\b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.",
    re.I,
)
NUMBER_LIKE = re.compile(
    r"\d+(?:[.,]\d+)*|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|"
    r"thousands?|millions?|billions?)\b",
    re.I,
)
NAME_LIKE = re.compile(r"(?<!^)(?<![.!?] )\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*")
MONEY = re.compile(
    r"\d[\d,.]*\s*(million|billion|thousand|bn|m)?\s*(euros?|dollars?|pounds?|roubles?|rubles?|"
    r"yen|yuan|francs?|lira)|[$€£]\s?\d",
    re.I,
)
QUESTION_TYPES = (
    (
        "money",
        r"\bhow much\b.*\b(cost|pay|paid|spend|spent|worth|earn|fine|fined|charge|budget|revenue|"
        r"price)|\bwhat (budget|revenue|fine|price|cost)\b",
    ),
    (
        "number",
        r"\b(how (many|much|long|far|big|old)|what (number|share|percentage|proportion|figure|"
        r"toll|score|magnitude|revenue|budget)|how high)\b",
    ),
    ("date", r"\b(when|what (date|day|year|month)|on what date|in which year)\b"),
    (
        "name",
        r"\b(who|whom|whose|which (organi[sz]ations?|groups?|officials?|company|club|team|country|"
        r"news agency|agency|outlet|channel|person))\b",
    ),
)


# Stems of words that frame a question rather than name its subject.
FRAMING_TERMS = frozenset(
    """compar find describ statement happen main detail role reason differ respons react think
    total overal whole general specif particular exact precis mean explain summar summari list
    mani cite claim deni accord latest recent speak talk comment""".split()
)


REPORTING = re.compile(
    r"\b(said|says|claimed|claims|claim|denied|denies|deny|accused|accuses|told|reported|reports|"
    r"rejected|rejects|described|describes|called|insisted|stated|announced|warned|noted|added|"
    r"confirmed|dismissed|blamed|argued)\b",
    re.IGNORECASE,
)
ACCORDING_TO = re.compile(r"\baccording to ([^,.;:]+)", re.IGNORECASE)


REPORTING_TERMS = frozenset(
    "claim deni accus report alleg insist state announc describ call argu warn respond".split()
)


@dataclass(frozen=True)
class Evidence:
    """One evidence sentence (or a sentence with the one it depends on) from an article."""

    text: str
    hit: Hit
    start: int  # offsets in hit.article.text
    end: int
    coverage: float  # weighted share of the question's terms found in it, its title or date
    similarity: float  # cosine similarity to the question
    score: float


def question_type(question: str) -> str | None:
    """'number', 'date' or 'name' when the question asks for one, else None."""
    for kind, pattern in QUESTION_TYPES:
        if re.search(pattern, question, re.IGNORECASE):
            return kind
    return None


def has_answer_type(text: str, kind: str | None, question: str = "") -> bool:
    """Does `text` hold a number, date or name (as `kind` asks) that the question does not?"""
    pattern = {"money": MONEY, "number": NUMBER_LIKE, "date": DATE_LIKE, "name": NAME_LIKE}.get(
        kind or ""
    )
    if pattern is None:
        return True
    asked = {match.group(0).lower() for match in pattern.finditer(question)}
    return any(match.group(0).lower() not in asked for match in pattern.finditer(text))


def unknown_key_terms(question: str, lexical: LexicalIndex) -> list[str]:
    """Words of the question that no indexed text contains ("China", "2019", "malaria").

    When the question hinges on something the corpus never mentions, the corpus cannot answer
    it, however close the rest of the question sounds. Words people use to frame any question
    ("compare", "findings") do not count.
    """
    words = re.findall(r"[\w'’.-]+", question)
    unknown = []
    for position, word in enumerate(words):
        word_terms = [term for term in terms(word) if term not in FRAMING_TERMS]
        if position == 0 and word[:1].isupper() and not word[1:].isupper():
            continue  # "Lyon's" starting a question is a name; "What" is not, both are skipped
        if word_terms and not any(lexical.knows(term) for term in word_terms):
            unknown.append(word.strip(".'’"))
    return unknown


def candidate_spans(hits: list[Hit]) -> list[tuple[Hit, int, int]]:
    """Sentences of the retrieved chunks as (hit, start, end) in article offsets, without the
    repeats that chunk overlap and copied wire stories produce."""
    seen_spans: set[tuple[str, int, int]] = set()
    seen_texts: set[str] = set()
    spans = []
    for hit in hits:
        text = hit.article.text
        sentences = sentence_spans(hit.chunk.text)
        for index, sentence in enumerate(sentences):
            start, end = hit.chunk.start + sentence.start, hit.chunk.start + sentence.end
            if index and DEPENDENT_START.search(text[start:end]):
                start = hit.chunk.start + sentences[index - 1].start
            key = " ".join(text[start:end].lower().split())
            if (hit.article.path, start, end) in seen_spans or key in seen_texts:
                continue
            seen_spans.add((hit.article.path, start, end))
            seen_texts.add(key)
            spans.append((hit, start, end))
    return spans


def coverage(question_terms: dict[str, float], sentence: str, hit: Hit) -> float:
    """IDF-weighted share of question terms in the sentence; title and date count for half."""
    total = sum(question_terms.values())
    if not total:
        return 0.0
    found = set(terms(sentence))
    context = set(terms(f"{hit.article.title} {hit.article.published or ''}"))
    score = sum(
        weight * (1.0 if term in found else 0.5 if term in context else 0.0)
        for term, weight in question_terms.items()
    )
    return score / total


def select_evidence(
    question: str,
    hits: list[Hit],
    lexical: LexicalIndex,
    embedder: Embedder,
    limit: int,
    rerank: int = 10,
) -> list[Evidence]:
    """The `limit` best evidence sentences, best first, near-duplicates removed.

    Embedding every sentence of 8 chunks took 0.46 s of each answer on 2 cores (6 ms a
    sentence), more than retrieval and half the model's prompt time. So all sentences are first
    scored with their chunk's similarity standing in for their own, and only the `rerank` best
    are embedded and scored with their own similarity.
    """
    spans = candidate_spans(hits)
    if not spans:
        return []
    question_terms = {
        term: lexical.idf(term) * (0.2 if term in REPORTING_TERMS else 1.0)
        for term in terms(question)
    }  # "What did Russia claim?" is answered by what Russia said or denied: the verb weighs little
    kind, asked_speaker = question_type(question), question_speaker(question)
    drafts = []
    for hit, start, end in spans:
        text = hit.article.text[start:end]
        covered = coverage(question_terms, text, hit)
        rest = _score_without_similarity(question, text, hit, covered, kind, asked_speaker)
        drafts.append((text, hit, start, end, covered, rest))
    drafts.sort(key=lambda draft: -(draft[5] + 0.35 * (draft[1].dense_score or 0.0)))
    shortlist = drafts[:rerank]
    vectors = embedder.embed([draft[0] for draft in shortlist])
    similarities = vectors @ embedder.embed_query(question)[0]
    scored = [
        Evidence(text, hit, start, end, covered, float(similarity), rest + 0.35 * float(similarity))
        for (text, hit, start, end, covered, rest), similarity in zip(
            shortlist, similarities, strict=True
        )
    ]
    scored.sort(key=lambda evidence: -evidence.score)
    return _without_near_duplicates(scored, limit)


def _score_without_similarity(
    question: str, text: str, hit: Hit, covered: float, kind: str | None, speaker: set[str]
) -> float:
    """Everything of a sentence's score but its similarity to the question (weighted 0.35)."""
    typed = 1.0 if has_answer_type(text, kind, question) else 0.0
    score = 0.55 * covered + 0.10 * typed
    score -= 0.25 * (1.0 - numbers_found(question, text, hit))  # "in 2016", not 2015
    if speaker:  # "What did Russia claim": Russia's own words, not others' about Russia
        match = _speaker_match(text, speaker)
        score += 0.15 * match if match >= 0 else -0.3  # someone else's words weigh less
    return score


YEAR = re.compile(r"(19|20)\d\d")


def question_numbers(question: str) -> set[str]:
    return {term for term in terms(question) if term[:1].isdigit()}


def numbers_found(question: str, text: str, hit: Hit) -> float:
    """Share of the question's numbers (years, figures) found in the sentence or its date."""
    asked = question_numbers(question)
    if not asked:
        return 1.0
    found = set(terms(f"{text} {hit.article.title}"))
    if hit.article.published and not any(YEAR.fullmatch(term) for term in found):
        found.add(hit.article.published[:4])  # the date tells the year only if the text does not
    return len(asked & found) / len(asked)


def head_noun(question: str) -> str | None:
    """The thing counted in "how many X ...?" (its stem), which the answer must be about."""
    match = re.search(r"\bhow many (?:new |more |of the )?([a-z-]+)", question, re.IGNORECASE)
    if not match:
        return None
    stems = terms(match.group(1))
    return stems[0] if stems else None


def mentions(text: str, stem: str) -> bool:
    """Does the text hold the stem, allowing a typo or a close form ("civiians", "marched")?"""
    return any(term[:4] == stem[:4] and _edit_distance(term, stem) <= 2 for term in terms(text))


def _edit_distance(first: str, second: str) -> int:
    previous = list(range(len(second) + 1))
    for row, left in enumerate(first, start=1):
        current = [row]
        for column, right in enumerate(second, start=1):
            current.append(
                min(previous[column] + 1, current[-1] + 1, previous[column - 1] + (left != right))
            )
        previous = current
    return previous[-1]


def answers_kind(question: str, text: str) -> bool:
    """Does the text hold what the question asks for: the right kind of thing (a number, a
    name, a date not already in the question) and, for "how many X", the X?"""
    if not has_answer_type(text, question_type(question), question):
        return False
    noun = head_noun(question)
    return noun is None or mentions(text, noun)


def speaker_terms(text: str) -> set[str] | None:
    """Terms of who makes the claim ("Russia's Defence Ministry said ..." -> russia, defenc,
    ministri; "..., said Viktor Bondarev" -> viktor, bondarev); None when no one is quoted."""
    according = ACCORDING_TO.search(text)
    if according:
        return set(terms(according.group(1)))
    match = REPORTING.search(text)
    if not match:
        return None
    clause = re.split(r"[“”\"\n]|[.!?]\s", text[: match.start()])[-1]  # this sentence only
    before = re.split(r"[,;:]", clause)[-1]
    if before.strip() and not terms(before):
        # "A spokesperson for US Central Command, which has confirmed": the subject is earlier
        before = clause
    after = (
        re.split(r"[,;:.“”\"]", text[match.end() :])[0]
        if not before.strip() or before.strip().endswith(("”", '"'))
        else ""
    )
    return set(terms(f"{before} {after}"))


QUESTION_SPEAKER = re.compile(
    r"\b(?:what|how) (?:did|does|do|has|have) (.+?) (?:say|claim|deny|report|tell|describe|"
    r"respond|react|accuse|announce|argue|call|state)\b",
    re.IGNORECASE,
)


def question_speaker(question: str) -> set[str]:
    """Terms of whose words the question asks for ("What did Russia claim" -> {russia})."""
    match = QUESTION_SPEAKER.search(question)
    return set(terms(match.group(1))) if match else set()


def _speaker_match(text: str, speaker: set[str]) -> float:
    """1 when the sentence quotes the asked-about speaker (half their name or more), -1 when it
    quotes someone else, 0 when it quotes no one or the match is partial."""
    found = speaker_terms(text)
    if not found:
        return 0.0
    asked = {term[:4] for term in speaker}
    shared = len(asked & {term[:4] for term in found}) / len(asked)
    # "Kremlin spokesman Dmitry Peskov" is the "Putin's spokesman Dmitry Peskov" of the article
    return 1.0 if shared >= 0.5 else -1.0 if shared == 0 else 0.0


def _without_near_duplicates(ranked: list[Evidence], limit: int) -> list[Evidence]:
    chosen: list[Evidence] = []
    chosen_terms: list[set[str]] = []
    for evidence in ranked:
        words = set(terms(evidence.text))
        if any(_overlap(words, other) > 0.8 for other in chosen_terms):
            continue
        chosen.append(evidence)
        chosen_terms.append(words)
        if len(chosen) == limit:
            break
    return chosen


def _overlap(first: set[str], second: set[str]) -> float:
    """Shared share of the smaller set: a sentence inside an already chosen pair adds nothing
    but tokens to the prompt (Jaccard let it through: the pair is twice as long)."""
    smaller = min(len(first), len(second))
    return len(first & second) / smaller if smaller else 1.0
