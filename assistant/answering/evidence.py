"""Evidence: the sentence (or two) of the retrieved articles that holds what a part asks.

Every sentence of the candidate articles competes, with its vector from the index (so this costs
no embedding). Each is described by a few measurable features (similarity to the question, how
much of the question's weighted vocabulary and names it and its article hold, whether it holds
the kind of thing asked that the question does not already say, whether its figures count what
a "how many" question counts, how much it says beyond the question) and ranked by a logistic
model fitted on eval questions (see weights.py). A sentence that restates the question scores
low: it holds nothing the question does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np

from assistant.answering.question import ACRONYM, YEAR_END, Part, asked_noun, by_initials
from assistant.answering.spans import (
    DATELINE,
    MONTH_WORD,
    YEAR,
    asked_count,
    count_match,
    given_with_figures,
    nationality_of,
    typed_spans,
)
from assistant.answering.weights import Weights
from assistant.index import LoadedIndex
from assistant.language import (
    DEPENDENT_OPENINGS,
    MONTHS,
)
from assistant.lexical import LexicalIndex, terms
from assistant.records import Article, Hit

FEATURES = (
    "similarity", "focus_similarity", "neighbour_similarity", "article_similarity",
    "article_rank", "coverage",
    "context_coverage", "names", "article_names", "numbers", "article_numbers", "typed",
    "novelty", "lead", "short", "counted", "focus_coverage",
)  # fmt: skip
# How each feature may move the ranker's score when fitted (eval/fit_answering.py): +1 only up,
# -1 only down, 0 either way. More similarity, coverage or names found can only count for a
# sentence; a fit on a few hundred questions that says otherwise has learned its sample.
DIRECTIONS = (+1, +1, 0, +1, +1, +1, +1, +1, +1, +1, +1, +1, 0, 0, 0, +1, +1)
DEPENDENT = re.compile(r"^(" + "|".join(DEPENDENT_OPENINGS) + r")\b|^[\"“'‘]", re.I)


@dataclass(frozen=True)
class Sentence:
    """A candidate evidence sentence: where it is, what describes it, and its ranker score."""

    hit: Hit  # the article's best retrieved chunk (and through it the article)
    start: int  # offsets in hit.article.text; may include the sentence it depends on
    end: int
    features: tuple[float, ...]
    score: float  # probability, from the ranker, that it holds the answer

    @property
    def article(self) -> Article:
        return self.hit.article

    @property
    def text(self) -> str:
        return self.hit.article.text[self.start : self.end]

    def feature(self, name: str) -> float:
        return self.features[FEATURES.index(name)]


def rank_sentences(
    part: Part,
    hits: list[Hit],
    index: LoadedIndex,
    question_vectors: tuple[np.ndarray, np.ndarray],
    weights: Weights,
    max_articles: int,
) -> list[Sentence]:
    """Every sentence of the first `max_articles` retrieved articles, best first."""
    articles: dict[str, Hit] = {}
    for hit in hits:
        articles.setdefault(hit.article.path, hit)
        if len(articles) == max_articles:
            break
    lexical = index.lexical
    query_terms = {term: lexical.idf(term) for term in dict.fromkeys(terms(part.query))}
    # "Japan FX": a name's words that no indexed text writes are held by no sentence
    part = replace(part, names=known_names(part.names, lexical))
    ranked: list[Sentence] = []
    head_written = counted_noun_written(part.text, [hit.article for hit in articles.values()])
    for rank, (path, hit) in enumerate(articles.items(), start=1):
        stored = index.store.sentences_of(path)
        if not stored:
            continue
        vectors = np.vstack([item.vector for item in stored]).astype(np.float32)
        similarities = vectors @ question_vectors[0].reshape(-1)
        focus = vectors @ question_vectors[1].reshape(-1)
        article_similarity = max(
            (h.dense_score or 0.0 for h in hits if h.article.path == path), default=0.0
        )
        whole = f"{hit.article.title} {hit.article.text}"
        context = ArticleContext(
            hit.article, part, query_terms, rank, article_similarity,
            names_share(part.names, whole),
            numbers_share(part.numbers, whole, hit.article, whole=True), head_written,
        )  # fmt: skip
        for position, item in enumerate(stored):
            start = item.start
            if position and DEPENDENT.search(hit.article.text[item.start : item.end]):
                start = stored[position - 1].start  # "He said ..." needs who "he" is
            neighbours = [
                similarities[p] for p in (position - 1, position + 1) if 0 <= p < len(stored)
            ]
            values = context.features(
                start, item.end, (float(similarities[position]), float(focus[position])),
                float(max(neighbours, default=0.0)), position,
            )  # fmt: skip
            ranked.append(Sentence(hit, start, item.end, values, weights.ranker(values)))
    ranked.sort(key=lambda sentence: -sentence.score)
    return ranked


def counted_noun_written(question: str, articles: list[Article]) -> bool:
    """Does any of the candidate stories write the noun a "how many" question counts (true when
    it asks none)? "How many vessels ...?" of stories that say "ships" is the asker's word."""
    asked = asked_count(question)
    head = terms(asked.head)[:1] if asked is not None else []
    if not head:
        return True
    return any(head[0] in terms(f"{a.title} {a.text}") for a in articles)


@dataclass(frozen=True)
class ArticleContext:
    """What the features of one article's sentences share: the article and the question."""

    article: Article
    part: Part
    query_terms: dict[str, float]  # term -> IDF
    rank: int
    similarity: float
    names: float  # share of the question's names in the whole article
    numbers: float  # share of the question's numbers in the whole article
    head_written: bool  # some candidate story writes the noun a "how many" question counts

    @cached_property
    def focus_terms(self) -> dict[str, float]:
        """The asked terms that are not words of the asked names: what is asked of them."""
        named = set(terms(" ".join(self.part.names)))
        return {term: w for term, w in self.query_terms.items() if term not in named}

    def features(
        self,
        start: int,
        end: int,
        similarity: tuple[float, float],
        neighbour: float,
        position: int,
    ) -> tuple[float, ...]:
        article, part = self.article, self.part
        text = article.text[start:end]
        previous = article.text[max(0, start - 300) : start]
        heading = f"{article.title} {article.published or ''}"
        sentence_terms = set(terms(text))
        # initials asked that the sentence spells out ("HMO": "health maintenance organization",
        # "NASD": "National Association of Securities Dealers") are held by it
        sentence_terms |= {
            term
            for name in part.names
            if ACRONYM.fullmatch(name) and by_initials(name, text)
            for term in terms(name)
        }
        context_terms = sentence_terms | set(terms(f"{heading} {previous}"))
        question_terms = set(self.query_terms)
        novel = sentence_terms - question_terms
        return (
            similarity[0],
            similarity[1],
            neighbour,
            self.similarity,
            1.0 / self.rank,
            weighted_share(self.query_terms, sentence_terms),
            weighted_share(self.query_terms, context_terms),
            names_share(part.names, f"{heading} {previous} {text}"),
            self.names,
            numbers_share(part.numbers, text, article, heading),
            self.numbers,
            1.0 if typed_spans(text, part.kind, part.text) else 0.0,
            len(novel) / len(sentence_terms) if sentence_terms else 0.0,
            1.0 if position == 0 else 0.0,
            1.0 if len(sentence_terms) <= 6 else 0.0,
            count_match(part.text, text, self.head_written),
            weighted_share(self.focus_terms, sentence_terms),
        )


def kind_from_evidence(part: Part, candidates: list[Sentence]) -> Part | None:
    """The part asked as a figure question, when it asks "what" of a noun that the candidate
    sentences (the best-ranked of the retrieved articles that write it) give with figures
    ("What is Kuwait's production quota?"); else None. Its sentences are then ranked again, as
    for "how much"."""
    noun = asked_noun(part.text) if part.kind == "other" else None
    if noun and given_with_figures(noun, [s.text for s in candidates]):
        return replace(part, kind="figure")
    return None


def weighted_share(weights: dict[str, float], found: set[str]) -> float:
    total = sum(weights.values())
    return sum(w for term, w in weights.items() if term in found) / total if total else 0.0


def known_names(names: tuple[str, ...], lexical: LexicalIndex) -> tuple[str, ...]:
    """The names without the words no indexed text writes ("Japan FX" -> "Japan"); a name none of
    whose words is written stays whole (no text holds it)."""
    kept = []
    for name in names:
        words = [w for w in name.split() if all(lexical.frequency(t) for t in terms(w))]
        kept.append(" ".join(words) if words and len(words) < len(name.split()) else name)
    return tuple(kept)


def names_share(names: tuple[str, ...], text: str) -> float:
    """Share of the question's names that the text holds (each name by its word stems, or by
    its initials: "US" for "United States")."""
    if not names:
        return 1.0
    found = set(terms(text))
    held = sum(
        1
        for name in names
        if set(terms(name)) <= found or by_initials(name, text) or nationality_of(name, text)
    )
    return held / len(names)


def numbers_share(
    numbers: tuple[str, ...], text: str, article: Article, heading: str = "", whole: bool = False
) -> float:
    """Share of the question's numbers, years and months that the text holds.

    A text is of the time it names: "In January, reserves rose ..." is not of February, though
    its article's title says February. Only a text that names no year (no month) takes the year
    (month) of its `heading` (title and date) or, for the year, the article's year or the one
    before (a February story of "net loss 111.2 mln" tells the last year's results). A time said
    relative to the date is the text's own ("reserves last year were ...") or, after a word of
    comparison, adds to it ("rose from last year's 3 mln" is of this year too); in a `whole`
    article, each time it names adds. A time after the story's date (`asks_after`) is held only
    where the text or its title names it."""
    if not numbers:
        return 1.0
    found = _words_and_numbers(text)
    dateline = DATELINE.match(text)  # "TOKYO, March 2 -": when it was filed, not of what
    own = text[dateline.end() if dateline else 0 :]
    years, months = times_named(own)
    if (years or months) and not any(times_named(COMPARED_FROM.sub(" ", own))):
        # "raised to 42.00 dlrs from the 40.50 dlrs offered February 23": the time named is the
        # figure compared with's; the sentence's own is unsaid, so the story's counts too
        story_years, story_months = times_named(heading)
        years, months = years | story_years, months | story_months
    later_years, later_months, compared = relative_times(own, article.published)
    if not compared and not whole:  # "reserves last year were ...": of last year, not this
        years = years or set(later_years)
        months = months or set(later_months)
    after = asks_after(numbers, article.published)
    heading_years, heading_months = times_named(article.title if after else heading)
    if not years and heading_years:
        years = heading_years
    elif not years and article.published and not after:
        # Unsaid, the year is the story's or, for results told early in a year, the last one's
        year = int(article.published[:4])
        years = {year, year - 1}
    if not months:
        months = heading_months
    years |= later_years
    months |= later_months
    found |= _words_and_numbers(_without_times(heading))
    found -= _YEAR_WORDS
    found -= MONTHS.keys()
    found |= {str(year) for year in years}
    held = 0
    for number in numbers:
        if number in MONTHS:
            held += MONTHS[number] in months
        else:
            held += number in found
    return held / len(numbers)


def asks_after(numbers: tuple[str, ...], published: str | None) -> bool:
    """Does the question ask of a time after the story was filed ("at the end of 1987" of a
    February 1987 story, "in 1988")? A story tells of such a time only where it names it ("by
    end-1987", "next year"): its own date and year are then no match."""
    years = [int(number) for number in numbers if YEAR.fullmatch(number)]
    filed = year_and_month(published)
    if not years or filed is None:
        return False
    month = max((MONTHS[n] for n in numbers if n in MONTHS), default=1)
    return (max(years), month) > filed


def year_and_month(published: str | None) -> tuple[int, int] | None:
    """The year and month of an article's ISO date ("1987-02-26"), None without a month."""
    if not published or not re.match(r"\d{4}-\d\d", published):
        return None
    return int(published[:4]), int(published[5:7])


_YEAR_WORDS = frozenset(str(year) for year in range(1900, 2100))  # what YEAR matches
# Times said relative to the article's date, as (years, months) from it.
RELATIVE_TIMES = (
    (re.compile(r"\b(last|previous|prior) year\b|\ba year (earlier|ago|before)\b|"
                r"\byear[- ]ago\b|\byear[- ]earlier\b", re.I), -1, None),
    (re.compile(r"\bnext year\b|\bcoming year\b", re.I), +1, None),
    (re.compile(r"\bthis year\b|\bcurrent year\b", re.I), 0, None),
    (re.compile(r"\b(last|previous|prior) month\b|\ba month (earlier|ago|before)\b", re.I),
     None, -1),
    (re.compile(r"\bthis month\b", re.I), None, 0),
    (re.compile(r"\bnext month\b", re.I), None, +1),
)  # fmt: skip


# "from 40.50 dlrs offered February 23", "from 51.46 billion at end-January": the figure a
# change is measured from, and the time it is of.
COMPARED_FROM = re.compile(r"\bfrom\s+(?:\S+\s+){0,2}?\d[\d.,]*(?:[^,;.]|\.\d){0,60}")


def times_named(text: str) -> tuple[set[int], set[int]]:
    """The years and months (1-12) a text names. A month is a capitalised month name ("may" is
    a verb); "the end of 1986", "year-end" name December."""
    years = {int(match.group(0)) for match in YEAR.finditer(text)}
    months = {
        MONTHS[match.group(1).lower()]
        for match in MONTH_WORD.finditer(text)
        if match.group(1)[0].isupper()
    }
    if YEAR_END.search(text):
        months.add(12)
    return years, months


def relative_times(text: str, published: str | None) -> tuple[set[int], set[int], bool]:
    """The years and months a text names relative to its article's date ("last year" in a 1987
    article is 1986), and whether each is named in a comparison ("up from 3 mln a year
    earlier", "last year's 3 mln"): then the text tells of another time too."""
    years: set[int] = set()
    months: set[int] = set()
    compared = True
    filed = year_and_month(published)
    if filed is None:
        return years, months, compared
    year, month = filed
    for pattern, year_shift, month_shift in RELATIVE_TIMES:
        match = pattern.search(text)
        if not match:
            continue
        compared = compared and bool(
            COMPARISON.search(text[max(0, match.start() - 60) : match.start()])
            or re.match(r"\s*['’]s\b", text[match.end() :])
        )
        if year_shift is not None:
            years.add(year + year_shift)
        if month_shift is not None:
            shifted = month - 1 + month_shift  # months from January of the article's year
            months.add(shifted % 12 + 1)
            years.add(year + shifted // 12)
    return years, months, compared


# Words that compare with another time: "up from", "higher than", "against", "compared with".
COMPARISON = re.compile(r"\b(?:from|than|against|compared|versus|vs)\b", re.I)


def _words_and_numbers(text: str) -> set[str]:
    lowered = text.lower().replace(",", "")
    return set(re.findall(r"\d+(?:\.\d+)?", lowered)) | set(re.findall(r"[a-z]+", lowered))


def _without_times(text: str) -> str:
    return MONTH_WORD.sub(" ", YEAR.sub(" ", text))
