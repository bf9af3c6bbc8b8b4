"""Gathering: a question such as "What did Russia claim about civilian deaths?" is answered with
the claims of every relevant article, grouped by who made them, dated, each cited.

1. The articles: the best retrieved ones (more than a one-fact answer reads).
2. The claims: sentences close to the question (their vectors come from the index), with their
   speaker (speakers.py); for "what did X say", only X's, where X is the speaker's name or the
   words that describe it ("Russian Defence Ministry spokesman Igor Konashenkov" is Russia's);
   for "which organisations ...", any attributed claim; for "what happened", any sentence.
   An open question about something named ("What do the articles say about Amnesty
   International's report?") also takes every sentence that names it, by its initials too, or
   refers back to it ("Russia rejected the report"), however far its words are from the
   question's.
3. Copies counted once: a wire story filed twice, or one sentence in two articles, gives one
   claim, cited to the fuller article.
4. Grouped by speaker (a person by first name and surname, an organisation by its words,
   spelling aside),
   groups and claims in time order (the article's date, or the latest date its text names).
Where the cited articles give different figures for one quantity, disagree.py says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from os.path import commonprefix
from typing import NamedTuple

import numpy as np

from assistant.answering.evidence import Sentence, names_share, weighted_share
from assistant.answering.question import Gathering, by_initials, names_in
from assistant.answering.spans import DATE, looks_like_a_person
from assistant.answering.speakers import Speaker, attribute, speaker_key
from assistant.citations import without_footnotes
from assistant.config import AnsweringSettings
from assistant.index import LoadedIndex
from assistant.language import MONTHS, STOPWORDS
from assistant.lexical import terms
from assistant.records import Article, Hit


@dataclass(frozen=True)
class Candidate:
    """A sentence that may be gathered: where it is, who says it, how close it is."""

    sentence: Sentence
    speaker: Speaker | None
    relevance: float
    vector: np.ndarray = field(repr=False, compare=False)
    mentions_topic: bool = False  # names what an open question is about, or refers back to it


@dataclass
class Group:
    """The claims of one speaker (or, for unattributed reporting, of one outlet)."""

    key: str
    names: list[str]
    descriptions: list[str]
    claims: list[Candidate]

    @property
    def name(self) -> str | None:
        if self.key.startswith("outlet:"):
            return None
        return max(self.names, key=lambda n: (len(n.split()) <= 5, len(n)))

    @property
    def description(self) -> str:
        """The most telling description: one naming an organisation or a title, and not already
        in the name shown ("Brazilian Finance Minister Dilson Funaro")."""
        shown = (self.name or "").lower()
        useful = [
            d
            for d in self.descriptions
            if d.lower() not in shown
            and (
                len([w for w in d.split() if w.lower() not in STOPWORDS]) >= 2
                or any(w[:1].isupper() and w.lower() not in STOPWORDS for w in d.split())
            )
            and not DATE.fullmatch(d.strip(" ,-"))
        ]  # fmt: skip  ("March", "Feb 26")
        return max(useful, key=lambda d: (any(w[:1].isupper() for w in d.split()), len(d)),
                   default="")  # fmt: skip

    @property
    def date(self) -> str:
        dated = [article_date(c.sentence.article) for c in self.claims]
        known = [d for d in dated if d]
        return min(known) if known else ""


class Gathered(NamedTuple):
    """What a gathering question found: the groups of claims that answer it (empty when none
    qualifies), every sentence close enough to the question (where disagreements are looked
    for), and whether the asked speaker is heard in these articles at all."""

    groups: list[Group]
    close: list[Candidate]
    subject_heard: bool


def gather(
    gathering: Gathering,
    question_vectors: tuple[np.ndarray, np.ndarray],
    hits: list[Hit],
    index: LoadedIndex,
    settings: AnsweringSettings,
) -> Gathered:
    """The claims that answer a gathering question, grouped by speaker (see Gathered)."""
    topic_names = [n for n in names_in(gathering.topic) if n not in gathering.subject_names]
    open_question = not gathering.subject and not gathering.speakers_asked
    topic_words = set(terms(gathering.topic)) - set(terms(" ".join(topic_names)))
    topic_words = {w for w in topic_words if not w.isdigit() and w not in MONTHS}
    # The topic's rarer words weigh more: "semiconductor" of "the semiconductor industry".
    weights = {word: index.lexical.idf(word) for word in topic_words}
    about = Topic(tuple(topic_names), frozenset(topic_words)) if open_question else None
    close = candidates(question_vectors, hits, index, settings, about)
    if not close:
        return Gathered([], [], False)
    chosen = [c for c in close if _may_answer(c, gathering, topic_names, weights, open_question)]
    # Is the asked speaker heard at all in these articles (about anything)?
    heard = bool(gathering.subject) and any(
        speaks_for(group, gathering.subject, _context(claim))
        for group in group_claims([c for c in close if c.speaker is not None])
        for claim in group.claims
    )
    groups = group_claims(chosen)
    if gathering.subject:
        groups = _of_subject(groups, gathering.subject, topic_words, settings)
    # The asked speaker's claims are already on the topic: each is kept however far it is from
    # the best (the Idlib "charlatans" of Konashenkov's, two years after his Amnesty words).
    window = settings.gather_window if not (gathering.subject and topic_words) else 1.0
    return Gathered(_kept(groups, settings, window), close, heard)


def _may_answer(
    candidate: Candidate,
    gathering: Gathering,
    topic_names: list[str],
    weights: dict[str, float],
    open_question: bool,
) -> bool:
    """A close sentence that may be gathered: about what the question names, saying something
    of its topic (anyone's sentence), said by someone (where whose claims are asked)."""
    if not candidate.mentions_topic and not _about(candidate.sentence, topic_names):
        return False
    if not gathering.subject and not on_topic(candidate.sentence.text, weights, open_question):
        return False
    return candidate.speaker is not None or not (gathering.subject or gathering.speakers_asked)


def _of_subject(
    groups: list[Group], subject: str, topic_words: set[str], settings: AnsweringSettings
) -> list[Group]:
    """The claims of the speakers who speak for the subject, on the topic asked, not all they
    said: a claim names the topic (in its sentence or the two before), or is about as close to
    the question as the best."""
    for group in groups:
        group.claims = [c for c in group.claims if speaks_for(group, subject, _context(c))]
    groups = [g for g in groups if g.claims]
    best = max((c.relevance for g in groups for c in g.claims), default=0.0)
    if topic_words:
        for group in groups:
            group.claims = [c for c in group.claims if c.relevance >= best - settings.gather_close
                            or topic_words & _words_before(c)]  # fmt: skip
    return [g for g in groups if g.claims]


def _kept(groups: list[Group], settings: AnsweringSettings, window: float) -> list[Group]:
    """The groups shown: each speaker's claims within `window` of the best, spread over
    articles, a few a speaker and a few in all; claims and speakers in time order."""
    best = max((c.relevance for g in groups for c in g.claims), default=0.0)
    kept: list[Group] = []
    total = 0
    for group in sorted(groups, key=lambda g: -max(c.relevance for c in g.claims)):
        claims = [c for c in group.claims if c.relevance >= best - window]
        claims = _spread(claims)[: settings.gather_per_speaker]
        claims = claims[: settings.gather_claims - total]
        if claims:
            total += len(claims)
            group.claims = sorted(claims, key=lambda c: (article_date(c.sentence.article) or "~",
                                                         c.sentence.start))  # fmt: skip
            kept.append(group)
    kept.sort(key=lambda g: (g.date or "~", -max(c.relevance for c in g.claims)))
    return kept


def on_topic(text: str, weights: dict[str, float], open_question: bool) -> bool:
    """Does a sentence say something of the topic? It holds one of the topic's words; for an
    open question (no speaker asked), at least half the topic's word weight, each word weighed
    by its rarity in the library: "the semiconductor industry" needs "semiconductor", not
    "industries" alone."""
    if not weights:
        return True
    held = weighted_share(weights, set(terms(text)))
    return held > 0 and (not open_question or held >= TOPIC_SHARE)


def _words_before(claim: Candidate) -> set[str]:
    """The words of a claim's sentence and of the two before it (its paragraph's context:
    "Dauster said there are no plans" follows two sentences on the coffee talks)."""
    return set(terms(_with_two_before(claim.sentence)))


def _with_two_before(sentence: Sentence) -> str:
    """The sentence's text with the two sentences before it."""
    text = sentence.article.text
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, sentence.start)]
    start = ends[-3] if len(ends) > 2 else 0
    return text[start : sentence.end]


SENTENCE_END = re.compile(r"[.!?][\"”’]?\s+|\n\s*\n")


def _spread(claims: list[Candidate]) -> list[Candidate]:
    """Best first, but each article's best claim before any article's second: a speaker quoted
    in 2016 and in 2017 shows both."""
    ordered = sorted(claims, key=lambda c: -c.relevance)
    firsts: dict[str, Candidate] = {}
    for claim in ordered:
        firsts.setdefault(claim.sentence.article.path, claim)
    rest = [c for c in ordered if firsts[c.sentence.article.path] is not c]
    return list(firsts.values()) + rest


class Topic(NamedTuple):
    """What an open question ("What do the articles say about Amnesty International's report?")
    is about: the names it gives and its other words ("report")."""

    names: tuple[str, ...]
    words: frozenset[str]


def candidates(
    question_vectors: tuple[np.ndarray, np.ndarray],
    hits: list[Hit],
    index: LoadedIndex,
    settings: AnsweringSettings,
    about: Topic | None = None,
) -> list[Candidate]:
    """The sentences of the best articles close to the question or its topic, best first, one
    of each text (copies of a story give one). With `about` (an open question about something
    named), a sentence that mentions it counts as close as the closest sentence found: what an
    article says of a thing is where it names it ("Amnesty International put the toll at 200")
    or refers back to it ("Russia rejected the report"), in words a short question does not
    share; and so does the lead of an article whose title names it (a news lead says what
    happened)."""
    articles: dict[str, Hit] = {}
    for hit in hits:
        articles.setdefault(hit.article.path, hit)
        if len(articles) == settings.gather_articles:
            break
    found: list[Candidate] = []
    mentioned: list[Candidate] = []
    for hit in articles.values():
        stored = index.store.sentences_of(hit.article.path)
        if not stored:
            continue
        vectors = np.vstack([item.vector for item in stored]).astype(np.float32)
        relevance = np.maximum(
            vectors @ question_vectors[0].reshape(-1), vectors @ question_vectors[1].reshape(-1)
        )
        speakers = attribute(hit.article.text, [(item.start, item.end) for item in stored])
        mentions = [False] * len(stored)
        if about and about.names:
            mentions = _mentions([hit.article.text[i.start : i.end] for i in stored], about)
            if names_share(about.names, hit.article.title) == 1.0:
                mentions[:LEAD_SENTENCES] = [True] * min(LEAD_SENTENCES, len(stored))
        for position, item in enumerate(stored):
            score = float(relevance[position])
            if score < settings.gather_min_similarity and not mentions[position]:
                continue
            sentence = Sentence(hit, item.start, item.end, (), score)
            candidate = Candidate(sentence, speakers[position], score, vectors[position],
                                  mentions[position])  # fmt: skip
            (mentioned if mentions[position] else found).append(candidate)
    best = max((c.relevance for c in found + mentioned), default=0.0)
    found += [replace(c, relevance=max(c.relevance, best - settings.gather_window))
              for c in mentioned]  # fmt: skip
    found.sort(key=lambda c: (-c.relevance, article_date(c.sentence.article) or "~"))
    return _once(found)


def _mentions(sentences: list[str], about: Topic) -> list[bool]:
    """Which sentences mention what an open question is about: they name it, or refer back to
    it ("the report", "this campaign": a word of the topic after a definite determiner) within
    two sentences of a mention."""
    marks: list[bool] = []
    last = -10
    for position, text in enumerate(sentences):
        named = all(_names(text, name) for name in about.names)
        referred = position - last <= 2 and any(
            set(terms(match.group(1))) & about.words for match in BACK_REFERENCE.finditer(text)
        )
        if named or referred:
            last = position
        marks.append(named or referred)
    return marks


BACK_REFERENCE = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+([\w-]+)", re.I)


TOPIC_SHARE = 0.5  # an open question's sentence holds at least half its topic's word weight
LEAD_SENTENCES = 2  # the lead of a news story: its first sentences


def _once(found: list[Candidate]) -> list[Candidate]:
    """Copies counted once: the same words (or nearly: one vector) in two articles give one
    claim, in the place of the first found, quoted from the fuller article (a wire story re-sent
    cut is one story: its claims are cited to the full copy, which holds them all)."""
    kept: list[Candidate] = []
    keys: list[str] = []
    for candidate in found:
        key = " ".join(terms(candidate.sentence.text))
        same = next((position for position, k in enumerate(kept) if keys[position] == key
                     or float(candidate.vector @ k.vector) >= 0.97), None)  # fmt: skip
        if same is None:
            kept.append(candidate)
            keys.append(key)
        elif len(candidate.sentence.article.text) > len(kept[same].sentence.article.text):
            kept[same] = replace(candidate, relevance=kept[same].relevance,
                                 mentions_topic=kept[same].mentions_topic)  # fmt: skip
    return kept


def _about(sentence: Sentence, names: list[str]) -> bool:
    """The sentence, with the two before it and the title, names what the question is about:
    at least half of the names it gives, each in full or, a person, by surname ("Gates" for
    "Robert Gates"; "Civil Defence" in full, not "Defence" of "Defence Ministry")."""
    if not names:
        return True
    window = f"{sentence.article.title} {_with_two_before(sentence)}"
    held = sum(1 for name in names if _names(window, name))
    return held >= len(names) / 2


def _names(text: str, name: str, found: set[str] | None = None) -> bool:
    """`text` names `name`: each of its words in some form ("Russian" strikes for "Russia's air
    campaign"), a person's surname alone, or its initials ("US" for "United States")."""
    found = set(terms(text)) if found is None else found
    words = terms(_surname(name))
    held = all(any(_same_word(word, other) for other in found) for word in words)
    return held or by_initials(name, text)


def _surname(name: str) -> str:
    return name.split()[-1] if looks_like_a_person(name) else name


def group_claims(chosen: list[Candidate]) -> list[Group]:
    """One group per speaker: a person by first name and surname (a surname alone joins the
    person named in full), an organisation by its words (spelling aside: "Russia's Defense
    Ministry" is "Russian Defence Ministry"); unattributed reporting by outlet."""
    groups: list[Group] = []
    for candidate in chosen:
        speaker = candidate.speaker
        if speaker is None:
            article = candidate.sentence.article
            key = "outlet:" + (article.publisher or article.title)
        else:
            key = speaker.key
        group = next((g for g in groups if _same_speaker(g.key, key)), None)
        if group is None:
            group = Group(key, [], [], [])
            groups.append(group)
        if speaker is not None:
            group.names.append(speaker.name)
            group.descriptions.append(speaker.description)
        group.claims.append(candidate)
    return groups


def _same_speaker(first: str, second: str) -> bool:
    if first.startswith("outlet:") or second.startswith("outlet:"):
        return first == second
    if first == second:
        return True
    one, other = first.split(), second.split()
    if len(one) == 1 or len(other) == 1:  # a surname alone: the person named in full
        return one[-1] == other[-1] and len(one[-1]) > 3
    if first.startswith("person:") or second.startswith("person:"):
        return False  # two people: "Ruben Haugen" is not "Sofia Haugen"
    return one[-1] == other[-1] and SequenceMatcher(None, first, second).ratio() >= 0.85


def speaks_for(group: Group, subject: str, context: set[str] | None = None) -> bool:
    """Does the group speak for the question's subject? "Russia": a speaker named or described
    as Russian (a ministry, "Russian Defence Ministry spokesman Igor Konashenkov");
    "Konashenkov": the person; "oil ministers": a speaker described so; "Talmar Energy's chief
    executive": a speaker described as chief executive, in a passage about Talmar Energy."""
    if re.search(r"\s(?:and|or)\s", subject):  # "coffee traders and roasters": either
        return any(speaks_for(group, part, context)
                   for part in re.split(r"\s+(?:and|or)\s+", subject))  # fmt: skip
    if speaker_key(subject, True) == group.key:
        return True
    spoken = " ".join(group.names + group.descriptions)
    said = set(terms(spoken)) | {
        word for name in names_in(subject) if by_initials(name, spoken) for word in terms(name)
    }  # fmt: skip  ("US State Department")
    names = terms(" ".join(names_in(subject)))
    role = [w for w in terms(subject) if w not in names]

    def share(words: list[str], found: set[str]) -> float:
        held = sum(1 for word in words if any(_same_word(word, other) for other in found))
        return held / len(words) if words else 1.0

    if role and share(role, said) >= 0.6:
        return share(names, said | (context or set())) == 1.0
    return bool(names) and not role and share(names, said) == 1.0


def _context(claim: Candidate) -> set[str]:
    """The words of the title and the passage where a claim stands."""
    sentence = claim.sentence
    article = sentence.article
    passage = article.text[max(0, sentence.start - 300) : sentence.end]
    return set(terms(f"{article.title} {passage}"))


def _same_word(one: str, other: str) -> bool:
    """One word in two spellings or forms: "russia"/"russian", "defenc"/"defens"."""
    if one == other:
        return True
    shortest = min(len(one), len(other))
    if shortest >= 4 and len(commonprefix([one, other])) >= max(4, shortest - 2):
        return True
    return shortest >= 6 and SequenceMatcher(None, one, other).ratio() >= 0.85  # "civiians"


@lru_cache(maxsize=1024)
def article_date(article: Article) -> str:
    """The article's date (YYYY-MM-DD), or the latest month its text names with a year
    (YYYY-MM: a photo caption's "September 25, 2017"), or "". Remembered: claims are sorted
    and shown by it, and an undated article's whole text is read for it."""
    if article.published:
        return article.published
    latest = ""
    for match in DATE.finditer(article.text):
        text = match.group(0)
        year = re.search(r"\b(19|20)\d\d\b", text)
        month = next((MONTHS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in MONTHS), 0)
        if year and month:
            latest = max(latest, f"{year.group(0)}-{month:02d}")
    return latest


def display_date(iso: str) -> str:
    """ "2016-01-15" -> "15 Jan 2016"; "2017-09" -> "c. Sep 2017" (from the text, not dated)."""
    if not iso:
        return ""
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    parts = iso.split("-")
    month = names[int(parts[1]) - 1]
    if len(parts) == 3:
        return f"{int(parts[2])} {month} {parts[0]}"
    return f"c. {month} {parts[0]}"


def outlet_or_title(article: Article) -> str:
    """Whose report an article is: its outlet, or its title in quotation marks."""
    return article.publisher or f"“{article.title}”"


def quote_of(sentence: Sentence) -> str:
    """The sentence as quoted, without the quotation marks of a sentence that is all quote."""
    text = " ".join(without_footnotes(sentence.text).split())
    if (
        len(text) > 2
        and text[0] in '“"'
        and text[-1] in '”"'
        and not re.search(r"[“”\"]", text[1:-1])
    ):
        text = text[1:-1]
    return text
