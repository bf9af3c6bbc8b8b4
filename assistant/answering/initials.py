"""Initials a question uses for a name the articles spell out: "NASD" for "the National
Association of Securities Dealers".

A user writes "Who is the president of the NASD?"; the story says "Gordon Macklin, president of
the National Association of Securities Dealers" and never "NASD", so neither BM25 nor the
embedding finds it. The names of the indexed articles, read once per opened index (a few
hundredths of a second for a thousand stories), give each set of initials the names they
shorten; a name the text defines by them ("Commodity Credit Corporation, CCC,", "(CFTC)") counts
most. Where several names share the initials ("TI": Texas Instruments, Temple Inland), the one
meant is the one whose stories write most of the rest of the question ("the transistor count on
TI's chip"); none is chosen when no story of any of them writes a word of it. The question's
search then carries the name spelled out, when the corpus spells it out at least as often as it
writes the initials and no other name of the same initials fits as well.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from assistant.answering.question import ACRONYM, initials
from assistant.builds import LoadedIndex
from assistant.lexical import terms

# A run of capitalised words, perhaps joined by "of", "for", "and", "de": a name of several words.
NAME_OF_WORDS = re.compile(r"[A-Z][\w&'’-]*(?:\s+(?:(?:of|for|and|de)\s+)?[A-Z][\w&'’-]*)+")
DEFINED_BONUS = 5  # a name the text defines by its initials outweighs five mere occurrences


class Names(NamedTuple):
    written: dict[str, Counter[str]]  # initials -> name -> times written
    weight: dict[str, Counter[str]]  # initials -> name -> times written, defined ones more
    where: dict[str, set[int]]  # name -> the texts (by their place) that write it


_TABLES: weakref.WeakKeyDictionary[LoadedIndex, Names] = weakref.WeakKeyDictionary()
# The paths of the articles in the order their texts were read into `_TABLES` (`Names.where`).
_PATHS: weakref.WeakKeyDictionary[LoadedIndex, list[str]] = weakref.WeakKeyDictionary()


def spelled_out(question: str, index: LoadedIndex) -> str:
    """The question with, in brackets, the names its initials stand for in these articles
    (unchanged when it has none to spell out)."""
    names = []
    # the question's own words, which the stories of the name meant write
    others = set(terms(question)) - set(terms(" ".join(ACRONYM.findall(question))))
    for match in ACRONYM.finditer(question):
        short = match.group(0).replace(".", "")
        table = _table(index)  # read on the first question with initials, not on every one
        name = _best_name(table, short, others, index)
        if name is None or name in question:
            continue
        searched = terms(short)
        if not searched:
            continue  # "US": a word the search drops anyway
        if sum(index.lexical.frequency(term) for term in searched) > table.written[short][name]:
            continue  # the corpus writes the initials more than the name: they find it
        names.append(name)
    return f"{question} ({'; '.join(names)})" if names else question


def _best_name(table: Names, short: str, others: set[str], index: LoadedIndex) -> str | None:
    """The name `short` stands for: of the names of those initials, the one whose stories write
    the most specific of the question's `others` words (weighted by their idf), then the most
    written; None when two fit as well, or when the question has words of its own and no story
    of any of the names writes one of them."""
    names = table.weight.get(short)
    if not names:
        return None
    fit = dict.fromkeys(names, 0.0)
    if others:
        for name in names:
            fit[name] = max(
                (_shared(index, place, others) for place in table.where.get(name, ())), default=0.0
            )
        if not any(fit.values()):
            return None  # "AI" of "TI's AI chip": no story of any "A... I..." name is about it
    ranked = sorted(names, key=lambda name: (fit[name], names[name]), reverse=True)
    first, second = ranked[0], ranked[1] if len(ranked) > 1 else None
    if second is not None and (fit[second], names[second]) == (fit[first], names[first]):
        return None  # two names of the same initials, as fitting: which is meant is not known
    return first


def _shared(index: LoadedIndex, place: int, words: set[str]) -> float:
    """The idf of the question's words that the `place`-th article writes."""
    written = _article_terms(index, place)
    return sum(index.lexical.idf(word) for word in words if word in written)


_ARTICLE_TERMS: weakref.WeakKeyDictionary[LoadedIndex, dict[int, frozenset[str]]] = (
    weakref.WeakKeyDictionary()
)


def _article_terms(index: LoadedIndex, place: int) -> frozenset[str]:
    cache = _ARTICLE_TERMS.setdefault(index, {})
    if place not in cache:
        article = index.store.article(_PATHS[index][place])
        cache[place] = frozenset(terms(f"{article.title} {article.text}"))
    return cache[place]


def _table(index: LoadedIndex) -> Names:
    table = _TABLES.get(index)
    if table is None:
        articles = index.store.articles()
        _PATHS[index] = [article.path for article in articles]
        table = _TABLES[index] = names_by_initials(article.text for article in articles)
    return table


def names_by_initials(texts: Iterable[str]) -> Names:
    """The names of several capitalised words in the texts, by their initials: how often each
    is written, and its weight, DEFINED_BONUS more where its initials follow it in brackets or
    commas ("Commodity Credit Corporation, CCC,"); and which texts write each."""
    table = Names(defaultdict(Counter), defaultdict(Counter), defaultdict(set))
    for place, text in enumerate(texts):
        for match in NAME_OF_WORDS.finditer(text):
            name = re.sub(r"^(?:The|A|An)\s+", "", match.group(0))  # "The Commodity ..."
            if name.isupper() or " " not in name:
                continue  # a headline's capitals, not a name
            short = initials(name)
            if not 2 <= len(short) <= 6:
                continue
            after = text[match.end() : match.end() + len(short) + 4]
            defined = re.match(rf"\s*[(,]\s*{re.escape(short)}\b", after) is not None
            table.written[short][name] += 1
            table.weight[short][name] += 1 + (DEFINED_BONUS if defined else 0)
            table.where[name].add(place)
    return table
