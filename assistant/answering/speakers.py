"""Who says a sentence: the speaker a news sentence attributes its claim to.

Read from the shape of English reporting, never from a list of people or outlets:
- a reporting verb outside quotation marks ("said", "denied", "according to") and the noun
  phrase before it ("Russian Defence Ministry spokesman Igor Konashenkov said"), or after it
  ("said Viktor Bondarev");
- an apposition before the verb ("Viktor Bondarev, commander-in-chief of the Air Force, said");
- "he said", "the ministry said": the latest speaker of the article that fits;
- a sentence that only continues a quotation: the speaker of the quotation before it.
A sentence with no speaker is the outlet's own reporting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answering.spans import looks_like_a_person
from assistant.language import (
    IRREGULAR_REPORTING,
    MONTHS,
    ORGANISATION_WORDS,
    PRONOUNS,
    REPORTING_VERBS,
    STOPWORDS,
    WEEKDAYS,
)


def _forms(lemma: str) -> str:
    """'deny' -> 'den(?:y|ies|ied|ying)': the regular forms of an English verb."""
    words = lemma.split()
    head, rest = words[0], "".join(rf"\s+{word}" for word in words[1:])
    if head.endswith("e"):
        pattern = head[:-1] + "(?:e|es|ed|ing)"
    elif head.endswith("y") and head[-2:-1] not in "aeiou":
        pattern = head[:-1] + "(?:y|ies|ied|ying)"
    else:
        pattern = head + rf"(?:s|es|ed|ing|{head[-1]}ed|{head[-1]}ing)?"
    return pattern + rest


REPORTING = re.compile(
    r"\b(?:according\s+to|"
    + "|".join([_forms(lemma) for lemma in REPORTING_VERBS] + list(IRREGULAR_REPORTING))
    + r")\b",
    re.IGNORECASE,
)
QUOTE_MARKS = re.compile(r"[“”\"]")
CAPITALISED = re.compile(r"^[A-Z][\w&'’.-]*$")
# Words that may sit between a speaker and the verb ("on Thursday", "has previously", "also").
_BETWEEN = STOPWORDS | {"also", "previously", "later", "earlier", "today", "yesterday", "again",
                        "repeatedly", "separately", "publicly", "reportedly"}  # fmt: skip
_TIME_NAMES = {day.capitalize() for day in WEEKDAYS} | {m.capitalize() for m in MONTHS}
NAME_JOINERS = frozenset("of for and the & de del da di van von al el bin le la".split())
# Words right before a reporting verb that make it no speech: passive ("has been accused"),
# infinitive ("easy to tell"), a noun's article ("a report"), a modal ("OPEC would maintain").
NOT_SPEECH_BEFORE = frozenset(
    "be been being is was were are to a an the "
    "would will could can may might should must shall".split()
)


@dataclass(frozen=True)
class Speaker:
    """Whose claim a sentence is: the name as written, the words that describe it, and whether
    it is a person (a person is known by the last word of the name: "Konashenkov")."""

    name: str
    description: str = ""
    person: bool = False

    @property
    def key(self) -> str:
        return speaker_key(self.name, self.person)


def speaker_key(name: str, person: bool) -> str:
    """The key under which two mentions of one speaker meet: a person's first name and surname
    ("person:igor konashenkov", titles aside); a surname alone ("konashenkov", met with the
    person in full); an organisation's words without articles and possessives."""
    words = [w.strip(".,").lower() for w in re.sub(r"['’]s\b", "", name).split()]
    words = [w for w in words if w not in ("the", "a", "an")]
    if person and len(words) >= 2:
        return "person:" + " ".join(words[-2:])
    return " ".join(words)


def attribute(text: str, spans: Sequence[tuple[int, int]]) -> list[Speaker | None]:
    """The speaker of each sentence of an article (`text[start:end]` for each span), in order."""
    result: list[Speaker | None] = []
    known: list[Speaker] = []
    previous: Speaker | None = None
    previous_quoted = False
    for start, end in spans:
        sentence = " ".join(text[start:end].split())
        speaker = _introduced(_in_full(sentence_speaker(sentence, known), text), text)
        quoted = bool(QUOTE_MARKS.search(sentence))
        if (speaker is None and previous is not None and (previous_quoted or previous.person)
                and _only_quote(sentence)):  # fmt: skip
            speaker = previous  # the quotation goes on, or follows what its speaker said
        if speaker is not None:
            known.append(speaker)
        result.append(speaker)
        previous, previous_quoted = speaker, quoted
    return result


def _in_full(speaker: Speaker | None, text: str) -> Speaker | None:
    """ "Konashenkov said" in an article that names "Igor Konashenkov": the person in full, so
    that two people of one surname are never one speaker."""
    if speaker is None or " " in speaker.name or not CAPITALISED.match(speaker.name):
        return speaker
    full = {
        m.group(0)
        for m in re.finditer(rf"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+{re.escape(speaker.name)}\b", text)
        if looks_like_a_person(m.group(0)) and m.group(0).split()[0].lower() not in STOPWORDS
    }
    if len(full) == 1:
        return Speaker(full.pop(), speaker.description, True)
    return speaker


def _introduced(speaker: Speaker | None, text: str) -> Speaker | None:
    """The speaker described as the article introduces them: a person quoted without a
    description ("Toner said") by the title right before their full name ("Department
    spokesman Mark Toner"); the organisation of a description named in full as the article
    names it ("US State Department spokesman")."""
    if speaker is None:
        return None
    if speaker.description or not speaker.person:
        description = _organisation_in_full(speaker.description, text)
        return Speaker(speaker.name, description, speaker.person)
    for match in re.finditer(rf"([^.!?\n]*?)\b{re.escape(speaker.name)}\b", text):
        title = _title_before(match.group(1).split())
        if title:
            return Speaker(speaker.name, _organisation_in_full(title, text), True)
    return speaker


def _title_before(words: list[str]) -> str:
    """The title words that end right before a name: at most two lowercase words ("deputy
    spokesman"), after capitalised ones ("State Department"), joined by "of" ("Secretary of
    State"); "" when the words before the name end in a verb, an article or punctuation."""
    title: list[str] = []
    for word in reversed(words[-8:]):
        bare = word.strip('“”"')
        if word != bare or word[-1:] in ",;:()" or not _title_word(bare, title):
            break
        title.insert(0, bare)
    while title and title[0] == "of":
        title.pop(0)
    return " ".join(title)


def _title_word(word: str, after: list[str]) -> bool:
    """Can `word` stand before the title words `after` in a title? A capitalised word ("The",
    "Monday" aside; "US" kept), "of" between capitalised ones, or one of two lowercase words that
    end it ("deputy spokesman"; not a reporting verb)."""
    if word[:1].isupper():
        return not ((word.lower() in STOPWORDS and not word.isupper()) or word in _TIME_NAMES)
    if word == "of":
        return bool(after) and after[0][:1].isupper()
    return (word.isalpha() and word.lower() not in STOPWORDS and not REPORTING.fullmatch(word)
            and len(after) < 2 and not any(w[:1].isupper() for w in after))  # fmt: skip


def _organisation_in_full(title: str, text: str) -> str:
    """ "Department spokesman" in an article that names the "US State Department": "US State
    Department spokesman" (the longest name of the article that ends with the title's)."""
    words = title.split()
    capitals = []
    for word in words:
        if not word[:1].isupper():
            break
        capitals.append(word)
    if not capitals:
        return title
    run = " ".join(capitals)
    longer = [m.group(1) for m in re.finditer(rf"((?:[A-Z][\w’'-]* +)+){re.escape(run)}\b", text)]
    longer = [" ".join(_without_opening_article(m.split()) + [run]) for m in longer]
    if not longer:
        return title
    full = max(longer, key=len)
    return " ".join([full] + words[len(capitals) :])


def _without_opening_article(words: list[str]) -> list[str]:
    """ "The US State" -> "US State": the capitalised words of a name, without a sentence's
    opening "The" or "On Monday"."""
    while words and ((words[0].lower() in STOPWORDS and not words[0].isupper())
                     or words[0] in _TIME_NAMES):  # fmt: skip
        words = words[1:]
    return words


def sentence_speaker(sentence: str, known: Sequence[Speaker] = ()) -> Speaker | None:
    """The speaker of one sentence, or None; `known`: the article's speakers before it."""
    outside = _outside_quotes(sentence)
    found_any: list[Speaker] = []
    for match in REPORTING.finditer(outside):
        verb = match.group(0)
        if verb[0].isupper() and match.start() > 0:
            continue  # "Islamic State", "Reports": a name or a heading, not a verb
        before = outside[: match.start()]
        if verb.lower().startswith("according"):
            found = _name_after(outside[match.end() :]) or _common_after(outside[match.end() :])
        elif _passive_or_infinitive(before):
            continue  # "has been accused", "easy to tell": not the subject speaking
        elif verb.lower().endswith("ing") and before.rstrip().endswith(","):
            found = _clause_subject(before)  # "SOHR put it at 800, saying …": SOHR
        else:
            found = _subject_before(
                before, known, sentence[: match.start()], outside[match.end() :]
            )
            if found is None and _inverted(sentence[: match.start()]):
                found = _name_after(outside[match.end() :], right_after=True)  # ", said X"
        if found is not None:
            found_any.append(found)
    # "The Sputnik report quoted Maj-Gen Konashenkov claiming ...": the claim is the person's.
    people = [speaker for speaker in found_any if speaker.person]
    return (people or found_any or [None])[0]


def _clause_subject(before: str) -> Speaker | None:
    """The speaker of a participle ("…, saying"): the subject of the clause it follows, never
    the words between the commas ("SOHR put it at almost four times that figure, saying")."""
    clauses = re.split(r"[;:]|,?\s+(?:while|whereas|but|and|as)\s+", before.rstrip(" ,"))
    if SPEECH_NOUN.search(clauses[-1]):
        return None  # "Funaro was reacting to a British statement …, saying": the statement's
    words = clauses[-1].split()
    modifiers = []  # "the UK-based": an article and a modifier, not the name
    while words and (words[0].lower() in ("the", "a", "an") or MODIFIER.fullmatch(words[0])):
        word = words.pop(0)
        if MODIFIER.fullmatch(word):
            modifiers.append(word)
    speaker = _opening_subject(words) if words else None
    if speaker is None or not modifiers:
        return speaker
    description = " ".join(modifiers + [speaker.description]).strip()
    return Speaker(speaker.name, description, speaker.person)


# A noun of speech after a determiner ("a British statement", "the report", "its claims"): a
# participle after it may be what that statement says, not its clause's subject.
SPEECH_NOUN = re.compile(
    r"\b(?:a|an|the|its|their|his|her|this|that)\s+(?:[\w'’-]+\s+)?(?:"
    + "|".join(rf"{re.escape(lemma.split()[0])}(?:ment)?s?" for lemma in REPORTING_VERBS)
    + r")\b",
    re.IGNORECASE,
)
MODIFIER = re.compile(r"[A-Z][\w.]*-[a-z]+")  # "UK-based", "US-led", "Kremlin-backed"


def _passive_or_infinitive(before: str) -> bool:
    words = before.split()
    while words and words[-1].lower().endswith("ly"):
        words.pop()
    return bool(words) and words[-1].lower() in NOT_SPEECH_BEFORE


def _ends_sentence(after: str) -> bool:
    """Only a time ("on Wednesday", "last week") or nothing follows the verb."""
    words = re.findall(r"\w+", after)
    return len(words) <= 3 and all(
        w.lower() in _BETWEEN or w in _TIME_NAMES or w.lower() in ("week", "month", "year")
        for w in words
    )


def _inverted(before: str) -> bool:
    """ "…,” said Viktor Bondarev": the verb right after a comma or a closing quotation mark."""
    return before.rstrip()[-1:] in (",", "”", '"', "’")


def _outside_quotes(sentence: str) -> str:
    """The sentence with quoted words blanked (same length, so offsets hold): a verb inside a
    quotation is the speaker's, not the reporter's."""
    chars = list(sentence)
    inside = False
    for position, char in enumerate(sentence):
        if char in '“”"':
            inside = (char == "“") or (char == '"' and not inside)
            chars[position] = " "
        elif inside:
            chars[position] = " "
    return "".join(chars)


def _only_quote(sentence: str) -> bool:
    """A sentence that is a quotation and nothing else (a speech goes on)."""
    stripped = sentence.strip()
    return bool(stripped) and stripped[0] in '“"' and not _outside_quotes(stripped).strip(" .,")


def _subject_before(
    before: str, known: Sequence[Speaker], raw: str, raw_after: str
) -> Speaker | None:
    """The noun phrase that ends right before a reporting verb, if it names a speaker:
    "Russian Defence Ministry spokesman Igor Konashenkov", "Russian military officials", "he"."""
    segments = re.split(r"\s*[,;:()—–]\s*|\s+-\s+", before.rstrip())
    if re.search(r"\b(?:was|were|is|are|been|being)\s+$", raw) or re.search(
        r"\b(?:was|were|is|are|been)\s+quoted\b.*\bas\s+$", raw
    ):
        # "Nazer was quoted by the SPA as saying": the one quoted speaks.
        return _opening_subject(raw.split()) if raw.split() else None
    if len(segments) >= 3 and not segments[-1].strip():
        return _apposition(segments[-3], segments[-2])  # "Lukman, Nigeria's oil minister, said"
    words = segments[-1].split()
    if words and words[-1].lower() in ("and", "but") and len(segments) == 1:
        # "Hisham Nazer reiterated the commitment and said …": the sentence's subject speaks.
        return _opening_subject(words[:-1])
    while words and words[-1].lower() not in PRONOUNS and (
        words[-1].lower() in _BETWEEN or words[-1] in _TIME_NAMES
        or words[-1].lower().endswith("ly")
    ):  # fmt: skip
        words.pop()
    if not words:
        return None
    last = words[-1].lower()
    if len(words) == 1 and last in PRONOUNS:
        return _resolve(last, known)
    if (
        len(words) >= 2
        and words[-2].lower() in ("the", "its", "their")
        and not CAPITALISED.match(words[-1])
    ):
        return _resolve(last, known)  # "the ministry said"
    common = words[1:] if words and words[0].lower() == "the" else words
    if (
        len(segments) >= 2
        and _ends_sentence(raw_after)
        and 1 <= len(common) <= 4
        and all(word.isalpha() and word.islower() and word not in STOPWORDS for word in common)
    ):
        return Speaker(" ".join(common))  # "…, opposition rescue workers said on Wednesday."
    phrase: list[str] = []
    for word in reversed(words):
        lowered = word.lower()
        if len(phrase) == 7 or any(c.isdigit() for c in word):
            break
        if lowered in STOPWORDS and lowered not in NAME_JOINERS and not word.isupper():
            break
        if word[0].islower() and REPORTING.fullmatch(word):
            break  # "The Sputnik report quoted Maj-Gen Konashenkov claiming": not a description
        phrase.insert(0, word)
    while phrase and phrase[0].lower() in NAME_JOINERS:
        phrase.pop(0)
    if not phrase or re.search(r"['’]s?$", phrase[-1]):
        return None  # "Russia's reported air strikes": a possessive is not a speaker
    at_start = len(phrase) == len(words) and not raw[: raw.find(phrase[0])].strip(" “\"‘'")
    capitals = [i for i, w in enumerate(phrase) if CAPITALISED.match(w) and (i or not at_start)]
    if (
        at_start
        and CAPITALISED.match(phrase[0])
        and (phrase[0].isupper() or phrase[0].lower() not in STOPWORDS)
    ):
        capitals.insert(0, 0)
    if not capitals:
        return None
    run_end = capitals[-1] + 1
    run_start = capitals[-1]
    while run_start and (CAPITALISED.match(phrase[run_start - 1])
                         or phrase[run_start - 1].lower() in NAME_JOINERS):  # fmt: skip
        run_start -= 1
    while phrase[run_start].lower() in NAME_JOINERS:
        run_start += 1
    name = " ".join(phrase[run_start:run_end]).rstrip(".,")
    if run_end < len(phrase):  # "Amnesty International report", "Russian military officials"
        name = " ".join(phrase[run_start:])
    description = " ".join(phrase[:run_start])
    if run_end < len(phrase) and " of " in f" {description} ":
        return None  # "Assessments of six Russian attacks showed": not who speaks
    if len(segments) >= 2 and (description.endswith(" of") or " of " in f" {description} "):
        # "Viktor Bondarev, commander-in-chief of Russia's Aerospace Forces said": the
        # apposition describes the name that ends the segment before it.
        earlier = _name_after(" ".join(segments[-2].split()[-5:]))
        if earlier is not None and earlier.person:
            return Speaker(earlier.name, " ".join(phrase), True)
    if len(segments) >= 2 and not description and run_end == len(phrase):
        earlier = _name_after(" ".join(segments[-2].split()[-5:]))
        if earlier is not None and earlier.person and not looks_like_a_person(name):
            return Speaker(earlier.name, name, True)
        title, _ = _last_name(segments[-2].split()[-6:])
        if title is not None and not looks_like_a_person(title):
            description = title  # "Kuwait's Oil Minister, Sheikh Ali al-Sabah, said"
    person = run_end == len(phrase) and looks_like_a_person(_without_titles(name))
    if (run_end == len(phrase) and not person and not is_organisation(name)
            and looks_like_a_person(" ".join(name.split()[-2:]))):  # fmt: skip
        person = True  # "OPEC President Rilwanu Lukman"
    return Speaker(name, description, person)


def _apposition(first: str, second: str) -> Speaker | None:
    """ "Lukman, Nigeria's oil minister," / "Kuwait's Oil Minister, Sheikh Ali al-Sabah,": the
    part that names a person is the speaker, the other describes it."""
    one, _ = _last_name(first.split()[-6:])
    other, _ = _last_name(second.split()[-6:]) if second[:1].isupper() else (None, "")
    for name, description in ((one, second), (other, first)):
        if (
            name is not None
            and not re.search(r"['’]s\b", name)
            and not is_organisation(name)
            and looks_like_a_person(" ".join(name.split()[-2:]))
        ):  # "Kuwait's Oil Minister" is a title, not a name
            return Speaker(name, " ".join(description.split()[-8:]), True)
    if one is not None:
        return Speaker(one, " ".join(second.split()[-8:]), False)
    return None


def _opening_subject(words: list[str]) -> Speaker | None:
    """The name that opens a sentence, with the words describing it: "Saudi Arabian oil
    minister Hisham Nazer (yesterday reiterated …)"."""
    end = 0
    for position, word in enumerate(words[:10]):
        lowered = word.lower()
        if lowered in STOPWORDS and lowered not in NAME_JOINERS:
            break
        if CAPITALISED.match(word):
            end = position + 1
    if not end:
        return None
    name, description = _last_name(words[:end])
    if name is None:
        return None
    return Speaker(name, description, looks_like_a_person(_without_titles(name)))


def _common_after(after: str) -> Speaker | None:
    """ "according to police", "according to organisers": a speaker named by a common noun
    (not "according to the report", which names no one)."""
    words = re.split(r"\s*[,;:()—–.]\s*", after.strip())[0].split()
    if 1 <= len(words) <= 3 and all(w.isalpha() and w.islower() and w not in STOPWORDS
                                    for w in words):  # fmt: skip
        return Speaker(" ".join(words))
    return None


def _last_name(words: list[str]) -> tuple[str | None, str]:
    """The capitalised run that ends `words` and the (at most six) words before it."""
    end = len(words)
    while end and not CAPITALISED.match(words[end - 1]):
        end -= 1
    start = end
    while start and (CAPITALISED.match(words[start - 1]) or (
        words[start - 1].lower() in NAME_JOINERS and start >= 2
        and CAPITALISED.match(words[start - 2])
    )):  # fmt: skip
        start -= 1
    while start < end and words[start].lower() in STOPWORDS and not words[start].isupper():
        start += 1  # "In", "The" opening a sentence
    if start == end:
        return None, ""
    return " ".join(words[start:end]).rstrip(".,"), " ".join(words[max(0, start - 6) : start])


def _name_after(after: str, right_after: bool = False) -> Speaker | None:
    """ "according to the Syrian Observatory, ..." / "..., said Viktor Bondarev, a general":
    the name that follows (at once, for a verb) and the apposition after it."""
    segments = re.split(r"\s*[,;:()—–]\s*", after.strip())
    words = segments[0].split()[:10]
    if right_after and (not words or not CAPITALISED.match(words[0])):
        return None
    start = 0
    while start < len(words) and not CAPITALISED.match(words[start]):
        start += 1
    end = start
    while end < len(words) and (CAPITALISED.match(words[end]) or (
        words[end].lower() in NAME_JOINERS and end + 1 < len(words)
        and CAPITALISED.match(words[end + 1])
    )):  # fmt: skip
        end += 1
    if start == end:
        return None
    name = " ".join(words[start:end]).rstrip(".,")
    description = " ".join(words[:start])
    if right_after and len(segments) > 1:
        apposition = REPORTING.split(segments[1])[0]  # "commander of the Air Force said in …"
        description = " ".join(apposition.split()[:12])
    return Speaker(name, description, looks_like_a_person(_without_titles(name)))


def _resolve(word: str, known: Sequence[Speaker]) -> Speaker | None:
    """ "he"/"she": the latest person; "the ministry": the latest speaker named so."""
    for speaker in reversed(known):
        if word in ("he", "she"):
            if speaker.person or (len(speaker.name.split()) == 1 and not speaker.name.isupper()
                                  and not is_organisation(speaker.name)):  # fmt: skip
                return speaker
        elif word in ("they", "it"):
            return None  # too often not a speaker ("it said" of a report): left unattributed
        elif word in speaker.name.lower().split() or word in speaker.description.lower().split():
            return speaker
    return None


def _without_titles(name: str) -> str:
    """The name as a person check reads it: at most its last four words."""
    return " ".join(name.split()[-4:])


def is_organisation(name: str) -> bool:
    return any(word.lower().strip(".,") in ORGANISATION_WORDS for word in name.split())
