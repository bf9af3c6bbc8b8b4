"""What a question asks for: its parts, and the kind of answer each part wants.

"How much had Chelsea paid for Mutu, and how long was his ban?" is two questions; "Compare the
quotas of Saudi Arabia and Kuwait" is the same question about two names. Each part is answered
from its own evidence. The kind of answer (a figure, a date, a person, a place, a reason) is
read from the question's grammar alone (English question words), never from topic words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.language import (
    ADDING_CONJUNCTIONS,
    AMOUNT_NOUNS,
    AMOUNT_VERBS,
    AUXILIARIES,
    BACK_REFERENCES,
    CHANGE_WORDS,
    FIGURE_NOUNS,
    GENERIC_MEASURES,
    IRREGULAR,
    MONTHS,
    NUMBER_WORDS,
    OPENING_CONJUNCTIONS,
    ORDINARY_OPENERS,
    RESULT_NOUNS,
    WH_PREPOSITIONS,
    WH_WORDS,
)
from assistant.lexical import STOPWORDS, terms

Kind = Literal["figure", "date", "name", "place", "reason", "other"]

# Each pattern is looked for anywhere; the kind whose words come first in the question wins
# ("Which senator argued ... when they solicit ..." asks for a name, not a date); at the same
# place, the first in this list ("What was the reason the price fell?" asks a reason).
_AMOUNTS = "|".join(AMOUNT_NOUNS)
_CHANGES = "|".join(CHANGE_WORDS)
# "What were Fisons' pre-tax profits for 1986?": a reported figure, its noun ending the phrase
# (not "What is the outlook for sales?")
_RESULTS = (
    rf"^\W*what (?:is|was|were|are|will be)\b[^?]{{0,60}}?(?<!\bfor )(?<!\bof )(?<!\bon )"
    rf"(?<!\babout )\b(?:{'|'.join(RESULT_NOUNS)})s?\b(?:\s+(?:per|a)\s+share\b)?"
    r"(?=\s+(?:for|in|of|at|last|this|next|during|over|from|before|after|since)\b|\s*[?.]|\s*$)"
)
_AMOUNT_VERBS = "|".join(AMOUNT_VERBS)
# The auxiliaries a question's verb comes with ("What did ... earn", "did A and B each fall").
_AUXILIARY = r"(?:did|does|do|will|would|has|have|had|is|are|was|were)"
_EARNED = rf"^\W*what {_AUXILIARY}\b[^?]{{0,60}}?\b({_AMOUNT_VERBS})\w*\b"
# "(Please tell me) what Unilever paid per share": a question asked as a clause, its subject a
# name and its verb one of an amount, in any tense ("paid" is "pay": IRREGULAR)
_AMOUNT_FORMS = "|".join(
    [*AMOUNT_VERBS, *(form for form, verb in IRREGULAR.items() if verb in AMOUNT_VERBS)]
)
_EARNED_CLAUSE = (
    rf"\bwhat\s+(?:the\s+)?(?-i:[A-Z][\w.&'’-]*)(?:\s+(?-i:[A-Z][\w.&'’-]*)){{0,3}}\s+"
    rf"(?:{_AMOUNT_FORMS})\w*\b"
)
KIND_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("reason", re.compile(r"\b(why|for what reason|what (caused|reasons?|pulled|pushed|led|drove"
                          r"|prompted|motivated|explains|explained|made|makes)|how come|"
                          r"on what grounds|reasons? (for|why|behind)|"
                          # "What does NTT blame for the fall?", "What did it blame it on?"
                          r"^\W*what\b[^?]{0,60}?\bblame[sd]?|"
                          r"what(?:'s|’s| is| was| lies| lay) behind|"
                          r"^\W*what (is|was|were|are) the (\w+ )?(reasons?|causes?))\b", re.I)),
    # "What are the payment dates of ...?", "What is the record date for the dividend?": a date
    # the head of what is asked, whatever amount names it
    ("date", re.compile(r"^\W*what (is|was|were|are|will be) (the |its |their )?([\w-]+ ){0,2}"
                        r"dates?\b(?!\s+(?:back|from)\b)", re.I)),
    ("figure", re.compile(r"\bhow (much|many|large|big|long|far|high|low|old|heavy|fast|deep|"
                          r"tall|wide|small)\b|(?<!\ba )\bnumber of\b|\b[a-z]+ (numbers|count)\b|"
                          r"\b(by )?what (percentage|percent|proportion|"
                          rf"share|stake|amount|number|sum|figure|size|{_AMOUNTS})\b|"
                          # "Where did the index stand in February?": a level, not a place
                          r"^\W*where (did|does|do|will|would|is|was|has|had)\b[^?]{0,80}?\b("
                          r"stand|stood|close|closed|settle|settled)\b|"
                          # "What was Japan's unemployment rate …?": a quantity noun asked for
                          r"^\W*(what|which) (is|was|were|are|will be)\b[^?]{0,60}?\b("
                          rf"{_AMOUNTS}|total|level|toll|count|stake)s?\b|"
                          # "What are the jets ... worth?"
                          r"^\W*(what|how much)\b[^?]{0,80}?\bworth\b|"
                          # "To what did BDM raise its dividend?", "What did GM cut prices to?":
                          # the level a change reached
                          rf"^\W*(to|from) what\s+(level\s+|price\s+|rate\s+)?{_AUXILIARY}\b|"
                          rf"^\W*what\b[^?]{{0,60}}?\b(?:raise|{_CHANGES})\w*\b[^?]*\bto\s*\?|"
                          # "What did Woolworth earn in 1986?"
                          + _EARNED + "|" + _EARNED_CLAUSE + "|" + _RESULTS, re.I)),
    ("date", re.compile(r"\b(when|on what (date|day)|what (date|day|year|month|time)|"
                        r"in (what|which) (year|month))\b", re.I)),
    ("place", re.compile(r"\bwhere\b|\b(in|at|to|from) (which|what) (town|city|country|state|"
                         r"region|port|province|place|area)\b", re.I)),
    ("name", re.compile(r"\b(who|whom|whose|which)\b|\bwhat (is|was|were|are) (the |its |their )?"
                        r"name\b|\bcalled\?", re.I)),
)  # fmt: skip

_WH_PREPOSITIONS = "|".join(WH_PREPOSITIONS)
# ", and how long ...", " and who ...", "; what ...", ", plus how much ...", " as well as who
# ...": a second question joined to the first.
_NEXT_QUESTION = (
    rf"(?=(?:(?:{_WH_PREPOSITIONS}) )?(?:"
    + "|".join(WH_WORDS)
    + r"|did|does|do|is|are|was|were|has|have|had|can|will)\b)"
)
JOINED_QUESTION = re.compile(
    r"(?:[,;]?\s+and\s+(?:also\s+)?|\s*;\s*|,?\s+(?:plus|as well as|also)\s+)" + _NEXT_QUESTION,
    re.I,
)
# "What was the deficit, how much did usage fall?": after a bare comma, only "how", "what" or
# "why" starts a second question ("Ford, which builds cars in Canada," is a relative clause),
# and only after a question ("In a nutshell, what does the OECD say?" is one).
COMMA_QUESTION = re.compile(r",\s+(?=(?:how|what|why)\b)", re.I)
# "How did the offer change between its bid of March 2 and the one of March 3?": the same
# question of each time or state compared.
CHANGE_BETWEEN = re.compile(
    r"^\W*how\s+(?:did|does|do|has|have|had|was|were|is|are|would|will)\s+(?P<what>.+?)\s+"
    r"(?:change|changed|differ|compare|move|moved|shift|shifted|develop|evolve|vary)\s+"
    r"(?:between\s+(?P<a>.+?)\s+and|from\s+(?P<from>.+?)\s+to)\s+(?P<b>.+?)\W*$",
    re.I,
)
# "Compare A's output with B's", "How does A's profit compare with B's?", "Which was bigger: A's
# earnings or B's loss?", "Was A's profit higher than B's?": one quantity (or two) asked of two
# subjects, each found in its own article. "Compare ... of A and B" is a name pair (below).
_COMPARATIVE = r"(?:more|less|fewer|greater|worse|better|[a-z]{2,}er)"
COMPARED = (
    re.compile(r"^\W*compare\s+(?P<a>.+?)\s+(?:with|to|against|versus|vs\.?)\s+(?P<b>.+?)\W*$",
               re.I),
    re.compile(r"^\W*how\s+(?:does|did|do|would|will)\s+(?P<a>.+?)\s+compare\s+(?:with|to|against)\s+"
               r"(?P<b>.+?)\W*$", re.I),
    re.compile(rf"^\W*(?:which|what)\s+(?:is|was|were|are)\s+(?:the\s+)?{_COMPARATIVE}"
               r"(?P<when>\s+[^:,?]*?)?\s*[:,]\s*(?P<a>.+?)\s+or\s+(?P<b>.+?)\W*$", re.I),
    re.compile(rf"^\W*(?:is|was|were|are)\s+(?P<a>.+?)\s+{_COMPARATIVE}\s+than\s+(?P<b>.+?)\W*$",
               re.I),
)  # fmt: skip
# A question word alone ("and why?", "and from whom?", "Where and when ..."), and the question
# words that open a whole question ("How many", "For what"), which an ellipsis replaces.
_WH_PHRASE = (rf"(?:(?:{_WH_PREPOSITIONS})\s+)?(?:" + "|".join(WH_WORDS)
              + r")(?:\s+(?:much|many|long|often|far|big|large|soon))?\b")  # fmt: skip
ELLIPSIS = re.compile(rf"^\W*{_WH_PHRASE}[\s?.!,]*$", re.I)
QUESTION_OPENING = re.compile(rf"^\W*{_WH_PHRASE}\s*", re.I)
# "the one of March 3", "that of 1986": the second term leaning on the first one's noun.
LEANING = re.compile(r"^(?:the one|the ones|that|those)\b", re.I)
# "Saudi Arabia and Kuwait" in a question that asks the same of each name.
PAIR_CUE = re.compile(r"\b(compare|comparison|each|both|respectively|versus|vs\.?)\b", re.I)
# "Who are the lead managers of the Dow bond and the Dai-Ichi notes?", "What were the payment
# dates of A and B?": a plural asked of two names, one of each.
PLURAL_ASKED = re.compile(
    r"^\W*(?:who|what)\s+(?:are|were)\s+(?:the\s+)?(?:[a-z-]+\s+){0,2}[a-z-]+[^s'’\s]s\s+"
    r"(?:of|for|in|at|on)\s",
    re.I,
)
NAME_RUN = r"(?:the )?(?:[A-Z][\w.&'’-]*)(?:\s+(?:of |de |and )?[A-Z][\w.&'’-]*)*"


def _name_pair(joining: str) -> re.Pattern[str]:
    """Two names joined by `joining`, each perhaps followed by one lower-case word ("the Boeing
    jets and the GE engines"): groups 1 and 3 are the names, 2 and 4 the words."""
    return re.compile(rf"({NAME_RUN})(\s+[a-z]+)?\s+{joining}\s+({NAME_RUN})(\s+[a-z]+)?")


NAME_PAIR = _name_pair("and")
# "did productivity and the leading index each fall", "were sales and profits both up": two
# subjects of one verb, each asked of, whatever their case.
EACH_PAIR = re.compile(
    rf"\b{_AUXILIARY}\s+(?P<a>(?:[\w.'’-]+\s+){{0,4}}?"
    r"[\w.'’-]+)\s+and\s+(?P<b>(?:[\w.'’-]+\s+){0,6}?[\w.'’-]+)\s+(?:each|both)\b",
    re.I,
)
# Two things named first, then a question of each: "A and B - how did each move?", "A and B:
# what did both report?".
FRONTED_PAIR = re.compile(
    r"^\W*(?P<a>[^-–—:?]+?)\s+and\s+(?P<b>[^-–—:?]+?)\s*(?:\s[-–—]|:)\s*"
    r"(?P<q>[^?]*\b(?:each|both)\b.*)$",
    re.I,
)
EACH_WORD = re.compile(r"\beach(?: of them)?\b|\bboth(?: of them)?\b", re.I)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# "soymeal usage in Dutch animal feed": a modifier, then its noun and a phrase of where or what.
SHARED_TAIL = re.compile(
    r"(?!(?:the|a|an|its|their)\b)\S+\s+(?P<tail>[a-z]\S*\s+(?:in|of|for|on|at)\s+.+)"
)
_SHORT_PHRASE = r"(?:(?:the|its|their|his|her)\s+)?[\w.'’-]+(?:\s+[\w.'’-]+){0,3}?"
# "Pan Am's and Braniff's", "in Turkey and in Italy": two names, each with its own possessive
# or its own preposition, are asked of one by one.
PAIR_SAID_TWICE = re.compile(
    rf"(?P<a>{NAME_RUN}['’]s)\s+and\s+(?P<b>{NAME_RUN}['’]s)|"
    rf"\b(?P<prep>in|for|at|of|from|by|on)\s+(?P<a2>{NAME_RUN})\s+and\s+(?P=prep)\s+(?P<b2>{NAME_RUN})|"
    # "in the March 2 bid and in the March 3 bid?": any short phrase, the second ending the
    # question
    rf"\b(?P<prep3>in|for|at|of|from|by|on)\s+(?P<a3>{_SHORT_PHRASE})\s+and\s+(?P=prep3)\s+"
    rf"(?P<b3>{_SHORT_PHRASE})(?=\s*[?.!]?\s*$)"
)
# "Saudi Arabia's OPEC quota versus Kuwait's?": one thing of one owner, then another owner
# alone; each owner's is asked.
OWNER_AGAINST_OWNER = re.compile(
    rf"^(?P<before>.*?)(?P<a>{NAME_RUN}['’]s?)\s+(?P<thing>[A-Za-z0-9][^?]*?)\s+"
    rf"(?:versus|vs\.?|against|compared (?:with|to)|and|or|along with|as well as|plus)\s+"
    rf"(?P<b>{NAME_RUN}['’]s?)\s*[?.!]?\s*$"
)
# "New Zealand's official reserves ... and the Netherlands' agricultural exports ...": each
# owner with words of its own (lower-case or figures) before the "and".
_OWNER = rf"(?:the )?{NAME_RUN}(?<=['’]s|s['’])"
OWNED_PAIR = re.compile(
    rf"(?P<a>{_OWNER}\s+[a-z0-9][^?;]*?)\s+and\s+(?P<b>{_OWNER}\s+[a-z0-9][^?;]*?)[?.!]?\s*$"
)
# ... asked by "what is/was/were/are": each owner's words are a whole thing asked ("What did the
# Fed's chairman and the Bundesbank's president say?" shares its verb: not split here)
OWNED_PAIR_OPENING = re.compile(
    r"\W*(?:what|how (?:much|many|big|large|high))\s+(?:is|are|was|were)\s+", re.I
)
NAME_WORD = r"[A-Z](?:[\w&'’-]|\.(?=\w))*"
NAME = re.compile(rf"(?<![\w'’]){NAME_WORD}(?:\s+{NAME_WORD})*")
# A question sentence ends at "?", or at "." after a word (not after "U.S" or "E.F").
SENTENCE_BREAK = re.compile(
    r"(?:(?<=\?)|(?<=[a-z0-9]{2}[.!]))\s+(?=[A-Z])|"
    rf"(?<=\?)\s+(?=(?:{'|'.join(ADDING_CONJUNCTIONS)})\s)"
)
NUMBER = re.compile(r"\d[\d,.]*\d|\d")


@dataclass(frozen=True)
class Part:
    """One question to answer: its text, the text to search with, and the answer it wants."""

    text: str
    query: str  # the part with the names it leans on from the rest of the question
    kind: Kind
    names: tuple[str, ...]  # names the question gives (the evidence must be about them)
    numbers: tuple[str, ...]  # numbers and years the question gives
    search: str = ""  # the text to retrieve articles with, when not the query itself

    @property
    def focus(self) -> str:
        """The part without its names: what is asked of them ("How many people lost their
        lives in"), compared with each sentence apart from whom the article is about."""
        text = self.text
        for name in sorted(self.names, key=len, reverse=True):
            text = text.replace(name, " ")
        return " ".join(text.split()) or self.text


# A question that gathers: what someone said or claimed, which organisations did something,
# what happened, how the outlets reported it, what the articles say. English grammar only.
_SAY = (r"(?:claim|say|said|report|state|allege|argue|announce|tell|told|deny|denied|assert|"
        r"maintain|respond|react|think|believe|comment|predict|warn|write|wrote|describe|cover)"
        r"(?:s|ed|d)?")  # fmt: skip
_ABOUT = r"(?:about|on|regarding|concerning|of|over|in response to|to)"
GATHERING_PATTERNS = (
    # "What did Russia claim about civilian deaths?", "What have officials said on X?"
    re.compile(
        rf"^\W*(?:what|how)\s+(?:did|do|does|has|have|had)\s+(?P<subject>.+?)\s+"
        rf"{_SAY}(?:\s+(?:{_ABOUT}\s+|(?=(?:the|a|an|its|his|her|their)\s))(?P<topic>.+))?$",
        re.I,
    ),
    # "What was said about X?", "What is known about X?"
    re.compile(
        rf"^\W*what\s+(?:is|was|were|are|has been|have been)\s+(?:said|reported|"
        rf"claimed|known|written)\s+{_ABOUT}\s+(?P<topic>.+)$",
        re.I,
    ),
    # "Which organisations reported civilian deaths?": the speakers are the answer.
    re.compile(
        rf"^\W*which\s+(?P<speakers>(?:[a-z-]+\s+){{0,2}}[a-z-]+s)\s+(?P<topic>{_SAY}\s.+)$", re.I
    ),
    # "What happened to / in X?", "What's happening with X?"
    re.compile(
        r"^\W*what(?:'s|’s|\s+has|\s+had|\s+is)?\s+(?:happened|happening|has happened|"
        r"went on)\s+(?:to|in|at|with|on|after|during)\s+(?P<topic>.+)$",
        re.I,
    ),
    # "How did the outlets report X?", "How was X reported?"
    re.compile(
        rf"^\W*how\s+(?:did|do|does|have|has)\s+(?P<subject>(?:the\s+)?(?:outlets?|media|"
        rf"newspapers?|papers?|press|articles?|sources?|reports?|stories|news\s+\w+))\s+"
        rf"{_SAY}\s+(?P<topic>.+)$",
        re.I,
    ),
)
# Subjects that are the articles themselves, not a speaker: any speaker may be gathered.
ANY_SPEAKER = re.compile(
    r"^(?:the\s+)?(?:articles?|sources?|reports?|stories|story|outlets?|media|newspapers?|papers?|"
    r"press|news(?:\s+\w+)?|coverage|they|texts?|documents?)$", re.I
)  # fmt: skip


@dataclass(frozen=True)
class Gathering:
    """A question answered by gathering claims from every relevant article: whose claims
    (`subject`, empty for anyone's), about what (`topic`), and whether the speakers themselves
    are asked for ("Which organisations ...")."""

    subject: str
    topic: str
    speakers_asked: bool = False

    @property
    def subject_names(self) -> tuple[str, ...]:
        return names_in(self.subject) if self.subject else ()


def gathering(text: str) -> Gathering | None:
    """The gathering shape of a question, or None for a question that asks one fact."""
    question = " ".join(text.split()).rstrip("?. ")
    if JOINED_QUESTION.search(question) or len(question.split()) > 30:
        return None  # several questions in one: each part is answered on its own
    for pattern in GATHERING_PATTERNS:
        match = pattern.match(question)
        if not match:
            continue
        fields = match.groupdict()
        topic = fields.get("topic") or ""
        subject = (fields.get("subject") or "").strip()
        if ANY_SPEAKER.match(subject):
            subject = ""
        if fields.get("speakers") is not None:
            return Gathering("", topic, speakers_asked=True)
        if subject and not names_in(subject) and not re.search(r"[a-z]s\b", subject):
            return None  # "What did he say about ...": one speaker we cannot name
        return Gathering(subject, topic)
    return None


@dataclass(frozen=True)
class Question:
    text: str
    parts: tuple[Part, ...]

    @property
    def multi(self) -> bool:
        return len(self.parts) > 1


BACK_REFERENCE = re.compile(r"\b(?:" + "|".join(BACK_REFERENCES) + r")\b", re.I)
# The names a part leans on close its query in brackets: "and how long was his ban? (Mutu)".
LEANED = re.compile(r"\s\(([^()]*)\)$")


def leaned_names(query: str) -> tuple[str, str]:
    """(the part's own words, the names it leans on from the rest of the question)."""
    found = LEANED.search(query)
    return (query[: found.start()], found.group(1)) if found else (query, "")


# "What's Magma's new price?": the question word's "is" written out, so that patterns of "what
# is ..." read it.
CONTRACTED_IS = re.compile(r"\b(what|who|where|when|how|which)['’]s\b", re.I)


# "I'd like the fourth-quarter revenues of ...", "Give me the price of ...", "Please tell me
# Brazil's debt": a request for a thing, asked as "What are the ...?" (a request for "how" or
# "why" is left: its question word says what is asked).
REQUESTED = re.compile(
    r"^\W*(?:please\s+)?(?:(?:could|can|would|will)\s+you\s+(?:please\s+)?)?"
    r"(?:(?:give|tell|show|find)(?:\s+(?:me|us))?|i(?:['’]d|\s+would)\s+like(?:\s+to\s+know)?|"
    r"i\s+(?:want|need)(?:\s+to\s+know)?)\s+(?=(?:the|its|their|his|her)\s|[A-Z][\w.&-]*['’]s?\s)",
    re.I,
)


TRAILING_PLEASE = re.compile(r"[,\s]+please\s*([?.!]?)\s*$", re.I)
# "Name the OPEC president and the tin producers' chairman.": things listed, each asked
NAMED_LIST = re.compile(r"^\W*(?:please\s+)?(?:name|list)\s+(?P<rest>(?:the|its|their)\s.+)$", re.I)


# The topic a follow-up carries over from the question before it, closing it in brackets
# (conversation.standalone_question): "When does the split take effect (Brown-Forman board)?"
CARRIED_TOPIC = re.compile(r"\s\(([^()]*)\)\?$")


def analyse(text: str) -> Question:
    """The parts of a question and what each asks for. A topic carried over from the question
    before (in brackets at the end) finds the articles and names whom the question is about,
    but the sentences are ranked by the question's own words: "Which firm is it using to work
    on the deal?" is not asked of "stake" and "taken" because the question before was."""
    text = CONTRACTED_IS.sub(r"\1 is", text)
    text = TRAILING_PLEASE.sub(r"\1", text)  # "..., please." asks what comes before it
    if ":" not in text:  # "Give me the gist: how is ...?" asks what follows the colon
        text = REQUESTED.sub("What are ", text, count=1)
    topic = CARRIED_TOPIC.search(text)
    carried = topic.group(1) if topic else ""
    if topic:
        text = f"{text[: topic.start()]}?"
    pieces = split_parts(text)
    all_names = names_in(text)
    parts = []
    for position, piece in enumerate(pieces):
        own = names_in(piece)
        # A part that names nothing ("and how long was his ban?") leans on the question's
        # names; a part with names of its own keeps to them (the other part's are another
        # subject: "Compare Saudi Arabia and Kuwait" must not search Kuwait for Saudi Arabia),
        # unless it points back before its own first name ("and how many miners turned out for
        # its rally in Soweto?": the union's rally; in "and what did GM say of its plans?" "its"
        # is GM's).
        # The first part leans on nothing: "By how much could grain certificates cost more than
        # cash, and how much does Treasury plan to raise?" asks nothing of the Treasury first.
        leaned = list(all_names) if position and not own else []
        back = BACK_REFERENCE.search(piece)
        if own and position and back and back.start() < piece.find(own[0]):
            before = [n for p in pieces[:position] for n in names_in(p)]
            leaned = [n for n in dict.fromkeys(before) if n not in own]
        if position and not own and back:
            # "and how much did it cost?": "it" is "the GOES satellite", the name with the noun
            # it names in the part before; the evidence may say "the satellite" alone
            leaned = [_with_its_noun(name, pieces[position - 1]) for name in leaned]
        query = piece if not leaned else f"{piece} ({' '.join(leaned)})"
        search = query
        if position and not own and back:
            # "and how much did it cost?": "it" is what the part before asks about; its words,
            # not only its names ("the GOES satellite"), find the article. The sentences are
            # still ranked by the part's own words: the other part's would favour its answer.
            said = set(re.findall(r"[\w'’-]+", query.lower()))
            words = [
                word for word in dict.fromkeys(re.findall(r"[\w'’-]+", pieces[position - 1]))
                if terms(word) and word.lower() not in said
            ]  # fmt: skip
            search = f"{query} ({' '.join(words)})" if words else query
        if topic:
            # a follow-up's carried topic: its names are the question's, all its words search
            names = [n for n in names_in(carried) if n not in own and n not in leaned]
            own = [*own, *names]
            if names:
                query = f"{piece} ({' '.join([*leaned, *names])})"
            search = f"{search} ({carried})"
        parts.append(Part(piece, query, answer_kind(piece), tuple(own), numbers_in(piece), search))
    return Question(f"{text[:-1]} ({carried})?" if topic else text, tuple(parts))


def _with_its_noun(name: str, text: str) -> str:
    """The name with the common noun it modifies in `text` ("GOES satellite" of "How heavy was
    the GOES satellite"; not "Brazil pay" of "How much did Brazil pay"), or the name alone."""
    # the noun phrase ends the part: "the IMF last year", "the Exco board decide" are not read
    found = re.search(
        rf"\b(?i:the|a|an|its|their)\s+{re.escape(name)}\s+([a-z][a-z-]+)\s*(?:[?.!,;]|$)", text
    )
    if found is None or found.group(1) in STOPWORDS or found.group(1) in AUXILIARIES:
        return name
    return f"{name} {found.group(1)}"


def split_parts(text: str) -> list[str]:
    """The questions inside one: sentences that ask (statements before them are context for
    each), questions joined by "and who/how/what ...", and one question asked of two names."""
    sentences = [s.strip() for s in SENTENCE_BREAK.split(text.strip()) if s.strip()]
    asking = [s for s in sentences if s.endswith("?") or _starts_with_question_word(s)]
    context = " ".join(s for s in sentences if s not in asking)
    if not asking and len(sentences) > 1 and all(TERSE_REQUEST.match(s) for s in sentences):
        # "Toll Brothers: first-quarter net. Ashton-Tate: full-year net.": each a thing asked
        asking, context = [f"{s.rstrip(' .!')}?" for s in sentences], ""
    if not asking:
        asking, context = [text.strip()], ""
    parts: list[str] = []
    for sentence in asking:
        if opening := OPENING_CONJUNCTION.match(sentence):
            rest = sentence[opening.end() :]
            sentence = _capitalised(rest)
        named = NAMED_LIST.match(sentence)
        if named and (things := _noun_phrase_pair(f"{named.group('rest').rstrip(' .!?')}?")):
            parts.extend(f"What is {thing}" for thing in things)
            continue
        again = ASKED_AFTER_AND.match(sentence)
        if again and (
            _starts_with_question_word(again.group("rest")) or _common_noun(again.group("rest"))
        ):
            # "... its wage demand? and the turnout at the rally?": a thing asked after "and"
            rest = again.group("rest")
            sentence = rest if _starts_with_question_word(rest) else f"What is {rest}"
        if compared := (
            _requested_objects(sentence)
            or _change_parts(sentence)
            or _compared_parts(sentence)
            or _which_of_two(sentence)
            or _things_asked(sentence)
            or _shared_tail_heads(sentence)
            or _versus_parts(sentence)
        ):
            parts.extend(compared)
            continue
        lead, rest = _fronted_statement(sentence)
        listed = LISTED_AFTER_COLON.match(sentence) if not lead else None
        if listed and (things := _noun_phrase_pair(f"{listed.group('rest').rstrip(' .!?')}?")):
            # "I need two numbers: Oakleaf's 1986 sales and Western Emergency's annual sales."
            things = [thing.rstrip("?") for thing in things]
            parts.extend(f"What {_tensed(thing, False)} {thing}?" for thing in things)
            continue
        if lead and (things := _noun_phrase_pair(f"{rest.rstrip(' .!?')}?")):
            # "Tell me two things about the Macintosh II: its microprocessor and its number of
            # card slots.": each thing named after the colon asked of what the lead is about
            parts.extend(f"{lead} what is {thing}" for thing in things)
            continue
        joined = [p.strip() for p in JOINED_QUESTION.split(_other_asked_too(rest))]
        pieces = [q.strip() for p in joined for q in _comma_questions(p)]
        if lead:  # "GM made two moves: what ..., and when ...?": the statement is each one's
            pieces = [f"{lead} {piece}" for piece in pieces]
        for piece in _completed_ellipses(pieces):
            parts.extend(_noun_phrase_pair(piece) or _pair_parts(piece, context))
    parts = _asked_again(parts)
    # "Who was it?" asks nothing of its own: the question is what the statement before says
    parts = [p for p in parts if len(terms(p)) >= 1] or [" ".join(asking)]
    if context:
        parts = [f"{context} {part}" for part in parts]
    return parts


# "Toll Brothers: first-quarter net.": what it is about, a colon, and the thing asked of it.
TERSE_REQUEST = re.compile(r"^[^:?]{2,60}:\s*[^:?]{2,60}$")
ASKED_AFTER_AND = re.compile(rf"^(?:{'|'.join(ADDING_CONJUNCTIONS)})\s+(?P<rest>\S.*)$")
# "And what is it paying per share?", "But who runs it?", "And for the whole year?": a
# conjunction opening a question (a follow-up, a second sentence) joins it to what came before;
# the question is what follows, and its shape ("what is it paying ...") is read from there.
OPENING_CONJUNCTION = re.compile(
    rf"^(?:{'|'.join(OPENING_CONJUNCTIONS)})\s*,?\s+(?=(?:"
    + "|".join(WH_WORDS)
    + rf"|{_WH_PREPOSITIONS})\b)",
    re.I,
)


# "Tell me how many counts Bongard was convicted on and the maximum term Warner faces": two
# things requested, a question and a noun phrase, each asked on its own ("What is the maximum
# term Warner faces?").
REQUESTED_OBJECTS = re.compile(
    r"^\W*(?:please\s+)?(?:(?:could|can|would|will)\s+you\s+(?:please\s+)?)?"
    r"(?:tell|show|give)\s+(?:me|us)\s+"
    r"(?P<first>(?:how|what|who|when|where|which|why)\b[^?]+?),?\s+(?:and|plus|as well as)\s+"
    r"(?P<second>(?:the|its|their|his|her)\s+[^?]+?)\s*[.?!]?$",
    re.I,
)


def _requested_objects(sentence: str) -> list[str]:
    match = REQUESTED_OBJECTS.match(sentence)
    if match is None or _starts_with_question_word(match.group("second")):
        return []
    first, second = match.group("first"), match.group("second")
    if len(first.split()) < 4:
        return []  # "Tell me how the Mutu and the Chelsea cases ended": one question of two
    noun = second.split()[1]
    verb = "are" if re.fullmatch(r"[a-z]+[^s']s", noun) else "is"  # "the reasons", "the term"
    return [f"{_capitalised(first)}?", f"What {verb} {second}?"]


# "Porsche is raising its prices and AMC is offering rebates: by how much, and how big are the
# rebates?": a statement before a colon, then the question(s) it is the context of.
FRONTED_STATEMENT = re.compile(
    r"^(?P<lead>[^?:]*[A-Za-z0-9)](?::|\s+[-–—]))\s+(?P<rest>[a-z0-9].*)$"
)


# "I need two numbers: A's sales and B's sales.": a lead with no question word, a colon, and the
# things asked, by their names (the lead says nothing of what they are about).
LISTED_AFTER_COLON = re.compile(r"^(?P<lead>[^?:]*[A-Za-z0-9)]):\s+(?P<rest>[A-Z].*)$")


def _fronted_statement(sentence: str) -> tuple[str, str]:
    """The statement ending in a colon or a dash before the question(s) of a sentence, and the
    rest; the statement is context for each question joined after it, not only the first. A
    lead that asks ("For each share, how many shares do holders get - and ...?") is no
    statement."""
    match = FRONTED_STATEMENT.match(sentence)
    if not match or re.search(rf"\b(?:{'|'.join(WH_WORDS)})\b", match.group("lead"), re.I):
        return "", sentence
    return match.group("lead"), match.group("rest")


# "How fast did Kenya's economy grow in 1986, and Thai exports?": a name (and maybe its own
# noun) with no verb after ", and" at the end asks the question again of it, as "what about".
OTHER_ASKED_TOO = re.compile(
    r",\s+and\s+(?P<other>(?:the\s+)?[A-Z][\w.&'’-]*(?:\s+[\w.&'’-]+){0,3}?)\s*\?$"
)


def _other_asked_too(sentence: str) -> str:
    match = OTHER_ASKED_TOO.search(sentence)
    if not match or not _starts_with_question_word(sentence):
        return sentence
    words = match.group("other").lower().split()
    if any(w in AUXILIARIES or w in WH_WORDS for w in words):
        return sentence
    return f"{sentence[: match.start()]} and what about {match.group('other')}?"


def _comma_questions(text: str) -> list[str]:
    pieces = COMMA_QUESTION.split(text)
    if len(pieces) > 1 and all(_starts_with_question_word(p) for p in pieces):
        return pieces
    return [text]


YES_NO = re.compile(
    r"^\W*(?:did|does|do|is|are|was|were|has|have|had|will|would|can|could)\s", re.I
)


def _completed_ellipses(pieces: list[str]) -> list[str]:
    """ "What did the Fed do, and why?" -> "What did the Fed do", "why did the Fed do?";
    "Where and when will it be held?" -> "Where will it be held?", "when will it be held?": a
    piece that is only a question word asks it of the nearest whole piece's words."""
    whole = [p for p in pieces if not ELLIPSIS.match(p)]
    completed = []
    answered = set()  # yes/no pieces a completed question word asks in full
    for position, piece in enumerate(pieces):
        if not ELLIPSIS.match(piece):
            completed.append(piece)
            continue
        after = [p for p in pieces[position + 1 :] if p in whole]
        before = [p for p in pieces[:position] if p in whole]
        nearest = after[0] if after else before[-1] if before else ""
        body = QUESTION_OPENING.sub("", nearest, count=1).rstrip(" ?")
        if YES_NO.match(nearest):
            # "Did BDM raise its dividend, and to what?": "to what did BDM raise its dividend?"
            # answers the yes or no too
            body = body[:1].lower() + body[1:]
            answered.add(nearest)
        if body:
            completed.append(f"{piece.rstrip(' ?,')} {body}?")
    return [piece for piece in completed if piece not in answered]


# "..., and what about Farmers State Bank?", "how about in February?": the question before,
# asked again of another name or time.
ASKED_AGAIN = re.compile(r"^\W*(?:and\s+)?(?:what|how)\s+about\s+(?P<other>.+?)[\s?.!]*$", re.I)
# The month names written in full, capitalised ("May", not "Mar" nor "Jan").
_MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS if len(m) > 3 or m == "may")
TIME_WORD = re.compile(rf"\b(?:(?:19|20)\d\d|{_MONTH_NAMES})\b")


# "..., and what's Apple's?": an owner alone, asking for the thing the piece before asks of its
# owner ("IBM's net").
OWNER_ALONE = re.compile(
    rf"^\W*(?P<ask>(?i:what|how\s+(?:much|many|big|large|high))(?:\s+(?i:is|are|was|were))?)\s+"
    rf"(?P<owner>{NAME_RUN})['’]s?\s*[?.!]?\s*$"
)
# "And for Kuwait?", "and in 1985?": a phrase of a preposition alone, asking the question
# before of another name or time.
PHRASE_ALONE = re.compile(
    r"^\W*(?:(?:and|what about|how about)\s+)?(?P<prep>in|for|of|at|on|from|by)\s+"
    r"(?P<other>[^\s?.!,][^?.!,]*?)[\s?.!]*$",
    re.I,
)
PHRASE_END = re.compile(r",|\s+(?:in|for|of|at|on|from|by|to)\s+|$")
OWNED_THING = re.compile(rf"{NAME_RUN}['’]s?\s+(?P<thing>[a-z0-9][^?]*?)\s*[?.!]?\s*$")


def _asked_again(pieces: list[str]) -> list[str]:
    """ "How big were Central Bank and Trust's assets, and what about Farmers State Bank?" ->
    "How big were Central Bank and Trust's assets", "How big were Farmers State Bank's
    assets?"; "What was inflation in January, and what about February?" -> the question of
    February. The other name takes the place of the names of the piece before (from the first
    to the last), a time the place of its time; anything else is left as it is."""
    asked = []
    for position, piece in enumerate(pieces):
        match = ASKED_AGAIN.match(piece)
        before = pieces[position - 1].rstrip(" ?.!") if position else ""
        other = match.group("other").removeprefix("in ").strip() if match else ""
        alone = OWNER_ALONE.match(piece)
        owned = OWNED_THING.search(before) if alone and before else None
        if owned:
            # "What's IBM's net, and what's Apple's?": the thing of the piece before, of Apple
            asked.append(f"{alone.group('ask')} {alone.group('owner')}'s {owned.group('thing')}?")
        elif (
            (alone := PHRASE_ALONE.match(piece))
            and before
            and (said := list(re.finditer(rf"\b{alone.group('prep')}\s+", before, re.I)))
        ):
            # "What is the OPEC quota for Saudi Arabia? And for Kuwait?": the question before,
            # with the other phrase of the same preposition in the place of its own
            start = said[-1].end()
            # its own phrase ends at a comma, at the next preposition or at the end
            end = PHRASE_END.search(before, start)
            tail = before[end.start() :] if end else ""
            asked.append(f"{before[:start]}{alone.group('other')}{tail}?")
        elif not match or not before or ASKED_AGAIN.match(before):
            asked.append(piece)
        elif TIME_WORD.fullmatch(other) and TIME_WORD.search(before):
            asked.append(TIME_WORD.sub(other, before, count=1) + "?")
        elif (names := [n for n in names_in(before) if not TIME_WORD.fullmatch(n)]) and (
            re.match(r"(?:the\s+)?[A-Z]", other) and not TIME_WORD.fullmatch(other)
        ):
            start, end = before.find(names[0]), before.rfind(names[-1]) + len(names[-1])
            owned = re.match(r"['’]s\s+[a-z][\w-]*", before[end:])
            if owned and re.search(r"\s[a-z]", other):
                end += owned.end()  # "Kenya's economy" -> "Thai exports", not "Thai exports's"
            if re.search(r"\bthe\s+$", before[:start], re.I):
                other = re.sub(r"^the\s+", "", other)  # "the Fed" -> "the Bundesbank"
            asked.append(f"{before[:start]}{other}{before[end:]}?")
        else:
            asked.append(piece)
    return asked


# "NUM wage demand and Soweto rally turnout?": two things asked by their nouns alone, joined by
# "and" (perhaps after a comma), the first of two words or more, with no question word or verb.
NOUN_PHRASE_PAIR = re.compile(r"^\W*(?P<a>[^?,;:]+?),?\s+and\s+(?P<b>[^?,;:.]+?)\s*[?.!]\s*$")


def _noun_phrase_pair(question: str) -> list[str]:
    """The two things a terse question of two noun phrases asks, each as a question of its own;
    [] for any other question. Each side must hold a common noun (a lower-case word of its own):
    "Saudi Arabia and Kuwait quotas?" asks one thing of two names, "oil and gas reserves?" one
    thing of two fuels (one word before "and")."""
    match = NOUN_PHRASE_PAIR.match(question)
    if match is None or _starts_with_question_word(question):
        return []
    first, second = match.group("a"), match.group("b")
    words = re.findall(r"[\w'’.-]+", f"{first} {second}")
    if any(w.lower() in AUXILIARIES or w.lower() in WH_WORDS for w in words):
        return []  # a clause ("Magma cut prices and why?"), not two things named
    if REQUESTED.match(question) or len(first.split()) < 2:
        return []
    if not (_common_noun(first) and _common_noun(second)):
        return []
    return [f"{first}?", f"{second}?"]


def _common_noun(phrase: str) -> bool:
    """Does the phrase hold a lower-case content word (a thing named, not only a name)?"""
    return any(w.islower() and terms(w) for w in re.findall(r"[\w'’-]+", phrase))


def _starts_with_question_word(sentence: str) -> bool:
    first = sentence.split(maxsplit=1)[0].lower() if sentence.split() else ""
    return first in WH_WORDS or first in {"compare", "name", "list", "describe", "explain"}


def _change_parts(question: str) -> list[str]:
    """'How did the offer change between its bid of March 2 and the one of March 3?' -> 'What
    was the offer in its bid of March 2?', 'What was the offer in the bid of March 3?'."""
    match = CHANGE_BETWEEN.match(question)
    if not match:
        return []
    what = match.group("what")
    first, second = match.group("a") or match.group("from"), match.group("b")
    head = re.match(r"^(?:(?:its|their|his|her|the|a|an)\s+)?(.+?)(?=\s+(?:of|in|on|at|for)\b|$)",
                    first)  # fmt: skip
    if LEANING.match(second) and head:
        second = LEANING.sub(f"the {head.group(1)}", second, count=1)
    return [f"What was {what} in {term}?" for term in (first, second)]


def _compared_parts(question: str) -> list[str]:
    """ "Compare Indonesia's sugar output with India's." -> "What was Indonesia's sugar output?",
    "What was India's sugar output?"; "Which was bigger last year: A's earnings or B's loss?" ->
    "What were A's earnings last year?", "What was B's loss last year?". A second term that is
    an owner alone ("India's") takes the first term's noun, "those of" its head; one without a
    complement takes the first term's ("A's statements on casualties ... B's findings")."""
    for pattern in COMPARED:
        match = pattern.match(question)
        if not match:
            continue
        first, second = match.group("a"), match.group("b")
        if not re.search(r"\b[a-z]{3,}\b", first):
            return []  # "Compare Saudi Arabia with Kuwait": no quantity to ask of each
        owned = re.match(r"^(.+?['’]s)\s+(?P<noun>.+)$", first)
        if owned and re.fullmatch(r".+['’]s", second):
            second = f"{second} {owned.group('noun')}"
        elif LEANING.match(second):  # "with those of copper"
            second = LEANING.sub(_head(first), second, count=1)
        elif _head(second) == second and _head(first) != first:
            # "A's statements on casualties compare with B's findings": B's findings on them
            second = f"{second}{first[len(_head(first)) :]}"
        when = (match.groupdict().get("when") or "").strip()
        when = f" {when}" if when else ""
        return [f"What {_verb(term)} {term}{when}?" for term in (first, second)]
    return []


# "Which had the bigger tin export quota, Zaire or Australia?", "Whose profit was higher in
# 1986: Exxon's or Mobil's?": one quantity asked of two names, each found in its own evidence.
WHICH_OF_TWO = (
    re.compile(rf"^\W*(?:which|who)(?:\s+[a-z]+)?\s+[a-z]+\s+(?:the\s+|a\s+)?{_COMPARATIVE}\s+"
               r"(?!(?:of|on|in|to|for|from|at|by|with|about|than)\b)"
               r"(?P<noun>[a-z][^,:?]*?)\s*[,:]\s*(?P<a>[A-Z][^,:?]*?)\s+or\s+(?P<b>[A-Z][^?]*?)\W*$",
               re.I),
    re.compile(rf"^\W*whose\s+(?P<noun>[a-z][^,:?]*?)\s+(?:is|was|were|are)\s+{_COMPARATIVE}"
               r"(?P<when>[^,:?]*?)\s*[,:]\s*(?P<a>[A-Z][^,:?]*?)\s+or\s+(?P<b>[A-Z][^?]*?)\W*$",
               re.I),
)  # fmt: skip


# "Between Ashton-Tate and Dahlberg, whose revenues were larger?": the two named first.
BETWEEN_TWO = re.compile(
    r"^\W*(?:between|of)\s+(?P<a>[^,?]+?)\s+and\s+(?P<b>[^,?]+?)\s*,\s*(?P<q>(?:which|whose|who)\b"
    r"[^?]*?)\s*[?.!]?\s*$",
    re.I,
)


def _which_of_two(question: str) -> list[str]:
    """ "Which had the bigger tin export quota, Zaire or Australia?" -> "What was Zaire's tin
    export quota?", "What was Australia's tin export quota?": the comparison is the reader's
    to make from the two figures, each cited. Two things rather than two names ("Dow's Swiss
    franc bond or the Commerzbank eurobond") are asked of as "What was the coupon of ...?"."""
    if between := BETWEEN_TWO.match(question):
        # "Between A and B, whose X was larger?" -> "Whose X was larger: A or B?"
        asked = between.group("q")
        question = f"{_capitalised(asked)}: {between.group('a')} or {between.group('b')}?"
    for pattern in WHICH_OF_TWO:
        match = pattern.match(question)
        sides = [
            re.sub(r"^the\s+", "", match.group(side).strip(), flags=re.I)
            for side in ("a", "b")
        ] if match else []  # fmt: skip
        if not match or not all(side[:1].isupper() for side in sides):
            continue
        noun = match.group("noun")
        when = (match.groupdict().get("when") or "").rstrip()
        asked = []
        for side, written in zip(sides, (match.group("a"), match.group("b")), strict=True):
            owner = re.sub(r"['’]s?$", "", side)
            if _common_noun(owner):  # a thing: "Dow Chemical's Swiss franc bond"
                asked.append(f"What {_verb(noun)} the {noun} of {written.strip()}{when}?")
            else:
                asked.append(f"What {_verb(noun)} {owner}'s {noun}{when}?")
        return asked
    return []


# "What's the new merit raise pool, plus the date the Norwood plant shuts?", "What are Texaco's
# 1986 profit and the size of its dividend?": two things asked by one "what is", the second a
# noun phrase of its own (after a determiner or an owner), each asked on its own. After a bare
# "and" the second must be a phrase of four words or more: "the price of the Boeing jets and
# the GE engines" asks one thing of two names (left to the name pairs).
_OWN_PHRASE = r"(?:(?:the|its|their|his|her)\s+|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)*['’]s?\s+)"
THINGS_ASKED = re.compile(
    r"^\W*(?i:what)\s+(?P<verb>(?i:is|are|was|were))\s+(?P<a>[^?]+?)"
    r"(?:(?P<joined>,\s*(?i:and|plus|as well as|along with)|\s+(?i:plus|as well as|along with))"
    r"|\s+and)\s+"
    rf"(?P<b>{_OWN_PHRASE}[a-z0-9][^?]*?)\s*[?.!]?\s*$"
)
# "the difference between the bid and the offer", "the combined value of A and B": one thing
UNSPLIT_PAIR = re.compile(r"\b(?:between|among|amongst|combined|ratio)\b", re.I)


def _things_asked(sentence: str) -> list[str]:
    match = THINGS_ASKED.match(sentence)
    if match is None or UNSPLIT_PAIR.search(match.group("a")):
        return []
    first, second = match.group("a"), match.group("b")
    if not match.group("joined") and len(second.split()) < 4:
        return []
    if len(first.split()) < 2 or not (_common_noun(first) and _common_noun(second)):
        return []
    if _starts_with_question_word(second) or re.search(
        rf"\b(?:{'|'.join(AUXILIARIES)})\b", first, re.I
    ):
        return []  # "what is it doing, and ...": a clause, not a thing named
    past = match.group("verb").lower() in {"was", "were"}
    return [f"What {_tensed(term, past)} {term}?" for term in (first, second)]


def _tensed(term: str, past: bool) -> str:
    """ "was"/"were" (or "is"/"are") for a term, by the number of its head noun."""
    head = re.split(r"\s+(?:the|a|an|that|which|who|its|their)\s+", term, maxsplit=1)[0]
    verb = _verb(head)
    return verb if past else {"was": "is", "were": "are"}[verb]


# "What are the coupon and maturity of the World Bank bond?": two head nouns sharing one
# complement, each asked with it ("oil and gas reserves of X" names one thing: no preposition
# follows "gas").
HEADS_SHARING_TAIL = re.compile(
    r"^\W*(?i:what|which)\s+(?P<verb>(?i:is|are|was|were))\s+(?P<det>the|its|their)\s+"
    r"(?P<a>[a-z][\w-]*)\s+and\s+(?:(?:the|its|their)\s+)?(?P<b>[a-z][\w-]*)\s+"
    r"(?P<tail>(?:of|for|on|in|at)\s+[^?]+?)\s*[?.!]?\s*$"
)


def _shared_tail_heads(sentence: str) -> list[str]:
    match = HEADS_SHARING_TAIL.match(sentence)
    if match is None:
        return []
    heads = (match.group("a"), match.group("b"))
    if any(h in STOPWORDS or h in AUXILIARIES or not terms(h) for h in heads):
        return []
    past = match.group("verb").lower() in {"was", "were"}
    det, tail = match.group("det"), match.group("tail")
    return [f"What {_tensed(head, past)} {det} {head} {tail}?" for head in heads]


# "OPEC quotas for Saudi Arabia vs Kuwait", "cash per share on March 2 versus March 3?": the
# thing asked of one name or time, then "versus" another name or time alone: asked of each,
# the other in the place of the last name (or time) before it.
VERSUS = re.compile(r"^(?P<a>.+?)\s+(?:vs\.?|versus)\s+(?P<b>[^?]+?)\s*[?.!]?\s*$", re.I)
TIME_PHRASE = re.compile(
    rf"\b(?:(?:{_MONTH_NAMES})(?:\s+\d{{1,2}}\b)?(?:,?\s+(?:19|20)\d\d\b)?|(?:19|20)\d\d\b|"
    r"(?:first|second|third|fourth)\s+quarter\b|Q[1-4]\b)"
)


def _versus_parts(sentence: str) -> list[str]:
    match = VERSUS.match(sentence)
    if match is None:
        return []
    first, other = match.group("a"), match.group("b").strip()
    if TIME_PHRASE.fullmatch(other):
        times = list(TIME_PHRASE.finditer(first))
        if not times:
            return []
        start, end = times[-1].span()
    elif re.fullmatch(NAME_RUN, other) and not re.search(r"['’]s?$|" + TIME_PHRASE.pattern, other):
        # an owner alone ("versus Kuwait's") is OWNER_AGAINST_OWNER's
        names = [n for n in names_in(first) if not TIME_PHRASE.fullmatch(n)]
        start = first.rfind(names[-1]) if names else -1
        if start <= 0:
            return []  # the name must follow what is asked of it
        end = start + len(names[-1])
    else:
        return []
    return [f"{first}?", f"{first[:start]}{other}{first[end:]}?"]


def _head(term: str) -> str:
    """The noun phrase before a term's first preposition: "the prices" of "the prices of gold"."""
    return re.split(r"\s+(?:of|on|in|to|for|from|at|by|with|about)\s+", term, maxsplit=1)[0]


def _verb(term: str) -> str:
    """ "were" for a plural head noun ("net earnings", "statements on casualties"), else "was"."""
    words = _head(term).split()
    last = words[-1] if words else ""
    return "were" if re.fullmatch(r"[a-z]*[^s'’iu]s", last) else "was"  # not "surplus", "basis"


def _pair_parts(question: str, context: str = "") -> list[str]:
    """'Compare the quotas of Saudi Arabia and Kuwait.' -> the same question of each name;
    'Chrysler and GM both want ... How many is each aiming for?' -> the question of each;
    "What were Pan Am's and Braniff's load factors?", "What did prices do in Turkey and in
    Italy?" -> the question of each (two owners, or a preposition said twice, are two)."""
    owned = OWNED_PAIR.search(_opening_lowered(question))
    if owned and OWNED_PAIR_OPENING.fullmatch(question[: owned.start()]):
        # "What were New Zealand's reserves at end December and the Netherlands' exports in
        # 1986?": two owners, each with its own thing asked, are two questions
        before = question[: owned.start()]
        return [f"{before}{owned.group('a')}?", f"{before}{owned.group('b')}?"]
    if twice := PAIR_SAID_TWICE.search(question):
        before, after = question[: twice.start()], question[twice.end() :]
        if prep := twice.group("prep") or twice.group("prep3"):
            a, b = (twice.group("a2"), twice.group("b2")) if twice.group("prep") else (
                twice.group("a3"), twice.group("b3")
            )  # fmt: skip
            sides = (f"{prep} {a}", f"{prep} {b}")
        else:
            sides = (twice.group("a"), twice.group("b"))
        return [f"{before}{side}{after}" for side in sides]
    against = OWNER_AGAINST_OWNER.match(question)
    if against and against.group("b")[-1] in "'’s" and " and " not in against.group("thing"):
        # "Saudi Arabia's OPEC quota versus Kuwait's?": the second owner's is the same thing
        before, thing = against.group("before"), against.group("thing")
        return [f"{before}{against.group(owner)} {thing}?" for owner in ("a", "b")]
    cued = bool(PAIR_CUE.search(f"{context} {question}"))
    if not cued and not PLURAL_ASKED.match(question):
        return [question]
    if fronted := FRONTED_PAIR.match(question):
        # "US productivity and construction spending - how did each move?": the question of each
        asked = fronted.group("q")
        return [
            _capitalised(EACH_WORD.sub(side.strip(), asked, count=1))
            for side in (fronted.group("a"), fronted.group("b"))
        ]
    if each := EACH_PAIR.search(question):
        # "How much did productivity and the leading index each fall?": two subjects, one verb
        before, after = question[: each.start("a")], question[each.end() :]
        first, second = each.group("a"), each.group("b")
        # "tapioca and soymeal usage in Dutch animal feed": one word before "and", the other
        # with its noun and where: the first is of that noun and where too
        shared = SHARED_TAIL.match(second)
        if " " not in first and shared:
            first = f"{first} {shared.group('tail')}"
        return [re.sub(r"\s{2,}", " ", f"{before}{side} {after}").replace(" ?", "?")
                for side in (first, second)]  # fmt: skip
    match = NAME_PAIR.search(_opening_lowered(question))
    if not match:
        in_context = NAME_PAIR.search(context)
        if in_context and re.search(r"\b(each|both|respectively)\b", question, re.I):
            names = (in_context.group(1), in_context.group(3))
            return [f"{question.rstrip('?')} ({name})?" for name in names]
        return [question]
    if not cued and (
        BETWEEN.search(question[: match.start()])
        or not (match.group(2) or re.fullmatch(r"\s*[?.!]?\s*", question[match.end(3) :]))
    ):
        # a plural asked of "the Procter and Gamble deal", "talks between Iran and Iraq": of
        # one thing; only two names ending the question, or each with its own noun, are two
        return [question]
    first = match.group(1) + (match.group(2) or "")
    second = match.group(3)
    # the word after the second name is its own only when the first has one too ("the Boeing
    # jets and the GE engines"); else it goes on the question ("Australia and New Zealand over
    # the past year")
    end = match.end() if match.group(2) else match.end(3)
    if match.group(2):
        second += match.group(4) or ""
    before, after = question[: match.start()], question[end:]
    cleaned = [re.sub(r"\b(each|both|respectively)\b\s*", "", f"{before}{name}{after}").strip()
               for name in (first, second)]  # fmt: skip
    return [re.sub(r"\s{2,}", " ", part) for part in cleaned]


def each_of_pair(question: str) -> tuple[str, str] | None:
    """ "What did Scotty's and Noland report for February sales?", "Did GM or Ford sell more
    cars?" -> the question of each name; None when the question joins no two names with "and"
    or "or" (or joins them after "between": one relation of two). Whether the two are asked of
    one by one ("Scotty's and Noland") or together ("in Iraq and Syria", "Nippon Telegraph and
    Telephone") the words do not say: the pipeline asks each only when the evidence of the
    whole holds one of them."""
    match = EITHER_PAIR.search(_opening_lowered(question))
    if not match or match.group(2) or BETWEEN.search(question[: match.start()]):
        return None
    if " or " in match.group(0) and re.match(r"\W*(?:which|who|whom|whose)\b", question, re.I):
        return None  # "Which sold more, GM or Ford?" is answered by one of the two names
    before, after = question[: match.start()], question[match.end(3) :]
    return f"{before}{match.group(1)}{after}", f"{before}{match.group(3)}{after}"


# Two names joined by "and", or by "or" ("Did GM or Ford sell more?": asked of each).
EITHER_PAIR = _name_pair("(?:and|or)")
# "between Greece and Turkey", "among the three": a relation of the names, not each of them.
BETWEEN = re.compile(r"\b(?:between|among|amongst)\s+(?:the\s+)?$", re.I)


# The noun a "what" question asks for: "What revenue did Talmar report?", "What is Kuwait's
# production quota within OPEC?", "What was the magnitude of the earthquake?".
_NOUN_PHRASE = r"(?P<phrase>(?:[a-z][\w-]*\s+){0,3}?(?P<noun>[a-z][\w-]*))"
ASKED_NOUN = (
    re.compile(rf"^\W*(?i:what|which)\s+{_NOUN_PHRASE}\s+(?i:{_AUXILIARY})\b"),
    re.compile(
        r"^\W*(?i:what|which)\s+(?i:is|was|were|are)\s+(?:the\s+|(?:[A-Z][\w.&'’-]*\s+)*"
        rf"[A-Z][\w.&'’-]*['’]s?\s+){_NOUN_PHRASE}"
        r"(?=\s+(?:of|for|in|at|within|on|during|last|this|next|now)\b|\s*[?.]|\s*$)"
    ),
)


def asked_noun(question: str) -> str | None:
    """The head noun of what a "what" question asks for, or None."""
    for pattern in ASKED_NOUN:
        if match := pattern.match(question):
            noun = match.group("noun")
            return noun if noun not in STOPWORDS else None
    return None


def answer_kind(question: str) -> Kind:
    """The kind of answer a question wants, from the question words that come first."""
    found = [
        (match.start(), order, kind)
        for order, (kind, pattern) in enumerate(KIND_PATTERNS)
        if (match := pattern.search(question))
    ]
    return min(found)[2] if found else "other"


# "What price were the copies selling for?", "What was Japan's unemployment rate …?": an amount.
AMOUNT_ASKED = re.compile(
    r"^\W*(?:(?:at|for|by) )?what\s+(?:(?:is|was|were|are|will be)\b[^?]{0,60}?\b)?"
    rf"(?:{_AMOUNTS})s?\b",
    re.IGNORECASE,
)


EARNED = re.compile(_EARNED, re.I)
RESULTS = re.compile(_RESULTS, re.I)


def asks_amount(question: str) -> bool:
    """Does the question ask for a quantity given in a unit (a price, a rate, what someone
    earned or reported), not a count?"""
    asked = AMOUNT_ASKED.search(question) or EARNED.search(question) or RESULTS.search(question)
    return bool(asked) and answer_kind(question) == "figure"


def asked_measure(question: str) -> tuple[str, ...]:
    """The words of what a figure question measures, less those any amount answers by its unit
    ("rate", "price", "money", "share"): "unemployment" of "What was Japan's unemployment rate
    in February?", "interest" of "What interest rate does China pay?", "revenues" of "what were
    Minstar's revenues for the year?", "debt principal" of "How much debt principal did
    Venezuela pay?". Empty when the question asks no figure, names no measure ("How much did
    WPP make?", "how much is China putting into it?") or asks a count ("how many workers",
    matched by its counted noun instead)."""
    words = re.findall(r"[\w.&-]+(?:['’]s?)?", question)
    lowered = [w.lower() for w in words]
    start = None
    for position, word in enumerate(lowered[:5]):
        if word == "what" or (word == "how" and lowered[position + 1 : position + 2] in (
            ["much"], ["many"], ["large"], ["big"], ["high"]
        )):  # fmt: skip
            start = position + (1 if word == "what" else 2)
            break
    if start is None:
        return ()
    linked = lowered[start - 1] in ("large", "big", "high")  # "how large Japan's reserves were"
    while lowered[start : start + 1] and lowered[start] in MEASURE_LINKS:
        start += 1  # "What was the ...", "how big was ..."
        linked = True
    if linked:
        # past the whose: "Japan's", "Cheung Kong's", "the company's"
        possessive = [i for i in range(start, min(start + 6, len(words)))
                      if re.search(r"['’]s?$", words[i])]  # fmt: skip
        if possessive:
            start = possessive[-1] + 1
        elif (
            lowered[start - 1] != "the" or not words[start : start + 1] or words[start][0].isupper()
        ):
            # "how much is China putting into ...", "... is the World Bank lending": a subject,
            # then its verb
            return ()
    measure: list[str] = []
    for word in words[start : start + 6]:
        folded = word.lower()
        if re.fullmatch(r"[\d.,/-]+", word):
            continue  # "Cheung Kong's 1986 turnover"
        if folded in STOPWORDS or re.search(r"['’]s?$", word) or not re.search("[a-z]", folded):
            break
        if measure and folded.endswith("ed"):
            break  # "Japan's major companies' profits expected to fall": a verb follows
        measure.append(word)
        if len(measure) == 3:
            break
    # a figure asked ("how much", "What was X's turnover"), or the phrase ends in a noun of
    # amounts ("What interest rate does China pay?"); not "What company bought ...?". A count
    # ("how many workers") is matched by its counted noun (spans.count_match) instead.
    counts = lowered[start - 1] == "many"
    if counts or not measure or not (
        answer_kind(question) == "figure" or set(terms(measure[-1])) & AMOUNT_TERMS
    ):  # fmt: skip
        return ()
    return tuple(word for word in measure if not set(terms(word)) <= GENERIC_TERMS)


# The links between "What" and its measure: "What was ...", "What is the ..."
MEASURE_LINKS = frozenset({"is", "was", "were", "are", "the", "will"})
# Nouns of amounts: a phrase ending in one asks a figure ("What interest rate ...?").
AMOUNT_TERMS = frozenset(terms(" ".join((*AMOUNT_NOUNS, *RESULT_NOUNS))))
# The words any amount answers ("price", "money", "share of the vote" -> a percentage) are said
# by the figure itself; what is left names the measure ("unemployment" of the rate).
GENERIC_TERMS = frozenset(terms(" ".join((*AMOUNT_NOUNS, *FIGURE_NOUNS, *GENERIC_MEASURES))))


def names_in(text: str) -> tuple[str, ...]:
    """Capitalised runs ("Magma Copper", "OPEC"), except a sentence's first word when it is a
    question word or an ordinary word capitalised only by its place."""
    names = []
    for match in NAME.finditer(text):
        name = match.group(0).rstrip(".'’")
        words = name.split()
        at_start = match.start() == 0 or text[: match.start()].rstrip()[-1:] in '.?!:"'
        if at_start and (words[0].lower() in WH_WORDS or not terms(words[0])
                         or words[0].lower() in ORDINARY_OPENERS
                         or words[0].lower() in NUMBER_WORDS):  # fmt: skip
            words = words[1:]
        words = [w for w in words if w.lower().rstrip(".") not in MONTHS]
        # A possessive ends a name: "TI's AI chip" names "TI" and "AI", "Apple's Macintosh II"
        # names "Apple" and "Macintosh II".
        for owned in re.split(r"(?<=['’]s)\s+", " ".join(words)):
            name = re.sub(r"['’]s$", "", owned)
            if name and terms(name):
                names.append(name)
    return tuple(dict.fromkeys(names))


ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,6}\b")


def initials(name: str) -> str:
    """The initials a name of several words is shortened to: "United States" -> "US",
    "Organization of Petroleum Exporting Countries" -> "OPEC"; "" for one word."""
    capitals = [w for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w[0].isupper()]
    return "".join(w[0] for w in capitals).upper() if len(capitals) >= 2 else ""


def by_initials(name: str, text: str) -> bool:
    """`text` names `name` by its initials ("US" or "U.S." for "United States"), or `name` is
    initials that a name in `text` spells out ("OPEC")."""
    short = {m.group(0).replace(".", "") for m in ACRONYM.finditer(text)}
    if initials(name) and initials(name) in short:
        return True
    bare = name.replace(".", "")
    if not ACRONYM.fullmatch(name):
        return False
    if any(initials(m.group(0)) == bare for m in re.finditer(NAME_RUN, text)):
        return True
    # "HMO" of "its health maintenance organization operations", "GDP" of "gross domestic
    # product": a run of lower-case content words, one per letter (three letters or more: two
    # would find "up slightly" for "US")
    if len(bare) < 3 or not bare.isupper():
        return False
    words = [w for w in re.findall(r"[a-z][\w'’-]*", text) if w not in STOPWORDS]
    letters = "".join(w[0] for w in words).upper()
    return any(
        letters[i : i + len(bare)] == bare
        and re.search(r"\b" + r"\s+".join(map(re.escape, words[i : i + len(bare)])) + r"\b", text)
        for i in range(len(words) - len(bare) + 1)
    )


def echoes(text: str, question: str) -> bool:
    """Does the text say nothing the question does not (all its content words are asked), or
    name what the question names: by its initials ("Central Intelligence Agency" for "CIA"),
    or by a longer name of the question's subject ("Union Faith Canada Holding Ltd" does not
    answer "Which companies own Union Faith?")? A name that qualifies what is asked ("Which
    Hong Kong companies ...") is no subject: "Hong Kong Electric" answers it."""
    said = set(terms(text))
    if not said or said <= set(terms(question)):
        return True
    name = text.strip(" .,;:")
    if not all(word[0].isupper() for word in name.split() if terms(word)):
        return False
    qualifying = ASKED_QUALIFIER.match(question)
    qualifiers = qualifying.group(1) if qualifying else ""
    # Names of two words or more: one word is often a place a company is named after ("What
    # did Japan's airline do?" is answered by "Japan Air Lines").
    subjects = [n for n in names_in(question) if n not in qualifiers and len(n.split()) > 1]
    lowered = name.casefold()
    return by_initials(name, question) or any(
        lowered.startswith(subject.casefold() + " ") for subject in subjects
    )


# "Which Hong Kong companies", "What Japanese firm": names that describe what is asked.
ASKED_QUALIFIER = re.compile(r"^\W*(?i:which|what)\s+((?:[A-Z][\w'’&.-]*\s+)+)")


# A question's opening words, capitalised by their place only.
OPENING_WORDS = frozenset(WH_WORDS) | ORDINARY_OPENERS


def _opening_lowered(question: str) -> str:
    """ "Did Pan Am or Braniff ...": the capital of a question's opening word is no name's. The
    text keeps its length, so a match in it is a match in the question."""
    words = question.split(maxsplit=1)
    if words and words[0].lower() in OPENING_WORDS:
        start = len(question) - len(question.lstrip())
        return question[:start] + question[start].lower() + question[start + 1 :]
    return question


# "at the end of 1987", "end-1986", "by year-end": December, in a question as in evidence.
YEAR_END = re.compile(r"\bend(?:\s+of|-)\s*(?:(?:19|20)\d\d|the year)\b|\byear[- ]end\b", re.I)


def numbers_in(text: str) -> tuple[str, ...]:
    """Numbers, years and month names the question gives: the evidence must be of that time
    and that figure ("in February 1987" is not answered by January's figure; "at the end of
    1987" asks December's)."""
    found = [m.group(0).replace(",", "") for m in NUMBER.finditer(text)]
    found += [word.lower() for word in re.findall(r"[A-Za-z]+", text) if word.lower() in MONTHS
              and word[:1].isupper()]  # fmt: skip
    if YEAR_END.search(text):
        found.append("december")
    return tuple(dict.fromkeys(found))
