"""Initials a question uses for a name the articles spell out: "NASD" for "the National
Association of Securities Dealers".

A user writes "Who is the president of the NASD?"; the story says "Gordon Macklin, president of
the National Association of Securities Dealers" and never "NASD", so neither BM25 nor the
embedding finds it. The names of the indexed articles, read once per opened index (a few
hundredths of a second for a thousand stories), give each set of initials the names they
shorten; a name the text defines by them ("Commodity Credit Corporation, CCC,", "(CFTC)") counts
most. The question's search then carries the name spelled out, when the corpus spells it out at
least as often as it writes the initials and no other name of the same initials is as common.
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


_TABLES: weakref.WeakKeyDictionary[LoadedIndex, Names] = weakref.WeakKeyDictionary()


def spelled_out(question: str, index: LoadedIndex) -> str:
    """The question with, in brackets, the names its initials stand for in these articles
    (unchanged when it has none to spell out)."""
    names = []
    for match in ACRONYM.finditer(question):
        short = match.group(0).replace(".", "")
        table = _table(index)  # read on the first question with initials, not on every one
        name = _best_name(table.weight.get(short))
        if name is None or name in question:
            continue
        searched = terms(short)
        if not searched:
            continue  # "US": a word the search drops anyway
        if sum(index.lexical.frequency(term) for term in searched) > table.written[short][name]:
            continue  # the corpus writes the initials more than the name: they find it
        names.append(name)
    return f"{question} ({'; '.join(names)})" if names else question


def _best_name(names: Counter[str] | None) -> str | None:
    if not names:
        return None
    ranked = names.most_common(2)
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        return None  # two names of the same initials, as common: which is meant is not known
    return ranked[0][0]


def _table(index: LoadedIndex) -> Names:
    table = _TABLES.get(index)
    if table is None:
        table = _TABLES[index] = names_by_initials(a.text for a in index.store.articles())
    return table


def names_by_initials(texts: Iterable[str]) -> Names:
    """The names of several capitalised words in the texts, by their initials: how often each
    is written, and its weight, DEFINED_BONUS more where its initials follow it in brackets or
    commas ("Commodity Credit Corporation, CCC,")."""
    table = Names(defaultdict(Counter), defaultdict(Counter))
    for text in texts:
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
    return table
