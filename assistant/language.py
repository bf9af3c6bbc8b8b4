"""The English the assistant knows, in one place: stop words, irregular verb forms, number words,
month and weekday names, and the few function words that mark a reason or a date.

The assistant is English-only: tokenizing, stemming (Snowball English), sentence splitting and
the embedding model all assume English text. Nothing here is about any corpus: no outlet,
nationality, person, title or topic picked from one. The names and adjectives of countries come
whole from a package's table of every country (`country_forms`). Changing STOPWORDS or
IRREGULAR changes the lexical index: bump `lexical.TOKENIZER_VERSION` so that indexes are
rebuilt.
"""

from __future__ import annotations

import re
from functools import cache

# Function words and question words: none of them says what a question is about.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom whose why will with would you your yours yourself
    many much may might must shall us per yet whether
    """.split()
)

# Words people use to frame a question or to talk about the articles ("Could you tell me ...",
# "according to the article", "what date ..."): they are never what a question is about, and in
# article text they carry little. Part of the tokenizer's stop list.
FRAMING_WORDS = frozenset(
    """please tell told say says said according article articles passage passages text quote
    quoted mention mentioned mentions kind kinds type types name named exactly roughly
    approximately get got give make long count date day year happen happened happens wonder
    know""".split()
)

# Irregular forms the Snowball stemmer does not join to their verb ("began" and "begin").
IRREGULAR = {
    "began": "begin", "begun": "begin", "spoke": "speak", "spoken": "speak", "took": "take",
    "taken": "take", "gave": "give", "given": "give", "made": "make", "went": "go", "gone": "go",
    "won": "win", "led": "lead", "shot": "shoot", "fought": "fight", "brought": "bring",
    "thought": "think", "sought": "seek", "struck": "strike", "fled": "flee", "held": "hold",
    "met": "meet", "paid": "pay", "sold": "sell", "bought": "buy", "built": "build", "rose": "rise",
    "risen": "rise", "fell": "fall", "fallen": "fall", "knew": "know", "known": "know",
    "chose": "choose", "chosen": "choose", "drew": "draw", "grew": "grow", "wrote": "write",
    "written": "write", "ran": "run", "saw": "see", "seen": "see", "came": "come",
    "became": "become", "kept": "keep", "lost": "lose", "sent": "send", "spent": "spend",
    "stood": "stand", "told": "tell", "said": "say", "says": "say", "hit": "hit", "cut": "cut",
    "set": "set", "put": "put", "left": "leave", "felt": "feel", "found": "find", "got": "get",
    "meant": "mean", "dealt": "deal", "sank": "sink", "sunk": "sink", "slid": "slide",
    "sped": "speed", "shut": "shut", "bid": "bid", "quit": "quit", "spread": "spread",
    "forecast": "forecast", "overtook": "overtake", "withdrew": "withdraw",
    "undertook": "undertake", "beat": "beat", "beaten": "beat",
}  # fmt: skip

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9,
    "dozen": 12, "half": 0.5, "quarter": 0.25,
}  # fmt: skip

# Units that measure something named after them ("68 billion dlrs of debt", "20 pct of the
# shares", "5,000 tonnes of soybeans"): two such figures are one quantity only when what they
# measure is the same.
PERCENT_UNITS = "pct|percent|per cent|%|percentage points?|points?|basis points?"
MONEY_UNITS = (
    "dlrs?|dollars?|cents?|cts|c|pence|p|pounds?|stg|sterling|euros?|yen|francs?|marks?|"
    "lire|lira|pesos?|rupees?|yuan|roubles?|rubles?|crowns?|guilders?"
)
LENGTH_UNITS = "miles?|km|kilometres?|kilometers?|metres?|meters?|feet"
TIME_UNITS = "years?|months?|weeks?|days?|hours?|minutes?"
MEASURE_UNITS = (
    f"{PERCENT_UNITS}|{MONEY_UNITS}|"
    "tonnes?|tons?|barrels?|bpd|bags?|ounces?|oz|kilos?|kg|lbs?|pounds|bushels?|acres?|"
    f"hectares?|{LENGTH_UNITS}|times"  # "five times stronger": a multiple
)
# Words that qualify a unit written after them ("277,500 short tons", "12 troy ounces", "40
# cubic metres"): the figure is in the unit that follows.
UNIT_QUALIFIERS = ("short", "long", "metric", "troy", "cubic", "square", "imperial", "fine")
# Words that scale a number ("two hundred", "3.5 mln"): a number word before one counts nothing
# by itself.
SCALE_WORDS = ("hundred", "thousand", "million", "billion", "trillion", "dozen", "mln", "bln")
# Words that scale or measure a number in news ("1.5 mln", "20 pct", "35 dlrs", "£546m").
NUMBER_UNITS = (
    "mln|million|millions|bln|billion|billions|trillion|thousand|thousands|hundred|m|bn|k|"
    f"{MEASURE_UNITS}|units?|shares?|votes?|seats?|people|{TIME_UNITS}"
)
# What answers "how long": a time or a length ("two days", "a four-month freeze", "a 402-metre
# bridge").
LONG_UNITS = f"{TIME_UNITS}|seconds?|{LENGTH_UNITS}|foot|yards?"
# Words that may stand between a verb or noun and its figure: "laying off about 790", "a pool
# of up to 3.5 pct", "output is likely to be 1.8 mln tonnes".
FIGURE_LEAD_INS = frozenset(
    "about some nearly almost around roughly approximately up to over by a an the estimated "
    "off out of at only just more than less is was are were be been being will would likely "
    "expected seen put".split()
)
# Prepositions before a place or an organisation, not a person ("talks in New York", "Kevin
# Murphy of Morgan Stanley").
PLACE_PREPOSITIONS = ("in", "at", "from", "near", "of", "outside", "across", "inside")
CURRENCY_SIGNS = "$£€¥"
# Nouns of a quantity given in a unit: "what price …", "what was the fare …" ask an amount
# ("66 cents a lb", "3.5 pct"), not a count of things ("15,000 copies").
AMOUNT_NOUNS = (
    "price", "cost", "value", "worth", "rate", "fee", "fare", "salary", "wage", "pay", "budget",
    "tariff", "premium", "yield",
)  # fmt: skip
# Nouns of the figures a company or a country reports: "What were Fisons' pre-tax profits for
# 1986?", "What is India's deficit?" ask a figure when the noun ends the phrase asked (not "What
# was the debt plan?").
RESULT_NOUNS = (
    "profit", "earning", "revenue", "income", "turnover", "sale", "loss", "deficit", "surplus",
    "debt", "dividend", "output", "production",
)  # fmt: skip
# Verbs whose object is an amount of money: "What did Woolworth earn in 1986?", "What will it
# cost?" ask a figure.
AMOUNT_VERBS = ("earn", "pay", "cost", "spend", "owe", "charge", "borrow", "fetch")
# Words of an amount of money (with AMOUNT_VERBS): "how much did it earn", "what price", "how
# much profit" want a sum in a currency, not "19 pct" or "0.8 ounces"; by how much something
# rose (CHANGE_WORDS) may be a percentage.
MONEY_WORDS = AMOUNT_VERBS + (
    "money", "price", "fee", "fare", "salary", "wage", "budget", "worth", "profit", "earnings",
    "income", "revenue", "turnover", "dividend", "credit", "loan", "debt", "aid", "financing",
    "funding", "capital", "investment", "spending",
)  # fmt: skip
CHANGE_WORDS = (
    "rise", "fall", "increase", "decrease", "grow", "drop", "decline", "climb", "jump", "gain",
    "add", "cut", "lower", "reduce", "change", "slip", "dip", "ease", "surge", "plunge", "soar",
    "tumble", "shrink", "expand", "narrow", "widen",
)  # fmt: skip

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
# Parts of a year news reports by ("second quarter", "first half", "Q3"): ordinal -> number.
PERIOD_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
# The words of a part of a year ("qtr" is the wire's "quarter") and of a whole year's report
# ("net earnings soared by 71 per cent last year"): a whole year does not tell a quarter asked.
PERIOD_WORDS = {"quarter": "quarter", "qtr": "quarter", "half": "half"}
WHOLE_YEAR = (
    r"last year", r"this year", r"for the year", r"full[- ]year", r"annual", r"in calendar",
    r"(?:in|for) (?:fiscal )?(?:19|20)\d\d\b(?!/)",
)  # fmt: skip
# Days said relative to the day of writing ("versus 29 yesterday": a time, not what 29 counts).
RELATIVE_DAYS = ("yesterday", "today", "tomorrow", "tonight")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Words that introduce a cause (English causal connectives and the nouns and verbs of cause): a
# "why" question is answered by a sentence holding one.
REASON_WORDS = (
    "because",
    "due to",
    "owing to",
    "as a result",
    "result of",
    "resulted from",
    "reflect",
    "reflecting",
    "reflects",
    "reflected",
    "blamed",
    "attributed",
    "caused",
    "cause",
    "since",
    "after",
    "following",
    "amid",
    "so that",
    "in order to",
    "aimed at",
    "reason",
    "reasons",
    "led to",
    "thanks to",
    "on account of",
    "in view of",
    "in response to",
    "in an effort to",
    "so as to",
    "factor",
    "factors",
    "stem from",
    "stems from",
    "stemmed from",
    "stemming from",
    "driven by",
    "prompted by",
    "triggered by",
    "contributed to",
    "citing",
    "cited",
    "therefore",
    "consequently",
    "hence",
    "thus",
    # the other forms of the verbs and nouns above, and the passives of cause that news writes
    # ("profits were hurt by lower prices", "sales boosted by a weak dollar")
    "blame",
    "blames",
    "blaming",
    "attributes",
    "attributing",
    "causes",
    "causing",
    "resulting from",
    "results from",
    "in the wake of",
    "in light of",
    "on the back of",
    # the active voice of the verbs of cause: "lower taxes prompted the filing"
    "prompted",
    "prompting",
    "triggered",
    "triggering",
    "spurred",
    "spurring",
    "hurt by",
    "hit by",
    "helped by",
    "boosted by",
    "depressed by",
    "affected by",
    "spurred by",
    "fuelled by",
    "fueled by",
    "motivated by",
    "led by",
    "drove",
    "fuel",
    "fuelled",
    "fueled",
    # the cause of a market move ("shares rose on hopes of a bid", "fell on fears of …", "on the
    # news that"; not "on rumors": "would not comment on rumors" gives no cause)
    "on hopes",
    "on fears",
    "on the news that",
    "on news that",
    # purposes and grounds ("as part of a cost-cutting plan", "in a bid to", "on the grounds")
    "as part of",
    "designed to",
    "to help",
    "intended to",
    "in a bid to",
    "in a move to",
    "with the aim of",
    "in protest",
    "on grounds",
    "on the grounds",
    "for fear",
    "under pressure",
    "in anticipation of",
)

# Openings of a sentence that leans on the one before it for its subject or speaker.
DEPENDENT_OPENINGS = (
    "he",
    "she",
    "they",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "but",
    "however",
    "also",
    "the company",
    "the firm",
    "the group",
    "the bank",
    "the ministry",
    "the spokesman",
    "the spokeswoman",
    "the official",
    "the report",
    "the statement",
    "he said",
    "she said",
)

# Head words of organisation names ("Dean Foods Co", "Seafarers' International Union"): a "who"
# question asks for a person first, and a capitalised run ending so is an organisation.
# The words that end a company's name ("Holiday Corp", "Hotel Group"): no place is named so.
COMPANY_WORDS = frozenset(
    "co corp corporation inc incorporated ltd limited plc llc llp ag sa nv bv gmbh spa pty "
    "company companies group holdings industries".split()
)
ORGANISATION_WORDS = COMPANY_WORDS | frozenset(
    "bank union association federation department "
    "ministry council committee commission agency office board party government institute "
    "university forces army navy police court exchange organisation organization authority fund "
    "trust foundation society service services network international nations".split()
)

# English abbreviated titles written before a name ("Sen. David Boren", "Gen Igor Konashenkov"):
# what they stand for, so "Which senator ...?" finds "Sen. David Boren".
TITLE_ABBREVIATIONS = {
    "sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
    "lt": "lieutenant", "col": "colonel", "maj": "major", "capt": "captain", "sgt": "sergeant",
    "adm": "admiral", "cmdr": "commander", "pres": "president", "dr": "doctor",
    "prof": "professor", "supt": "superintendent", "insp": "inspector", "amb": "ambassador",
    "sec": "secretary", "atty": "attorney", "rev": "reverend", "hon": "honourable",
}  # fmt: skip

# Endings of English adjectives of nationality ("Russian", "Japanese", "British"): capitalised,
# but not names a question can be about on their own.
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ic")
# Endings of English country names whose adjective is built on what comes before them, with
# its last consonant doubled or not: Fin-land / Finn-ish, Swed-en / Swed-ish, Brit-ain /
# Brit-ish, Turk-ey / Turk-ish, Norw-ay / Norweg-ian, Thai-land / Thai.
COUNTRY_ENDINGS = ("land", "en", "ain", "ey", "ay")


@cache
def country_forms() -> dict[str, frozenset[str]]:
    """The names one country goes by in English text, keyed by each of them in lower case:
    its name, its other names ("Holland", "Great Britain", "UK") and its people's adjective
    ("Dutch", "British", "Swiss", "Chinese"). An irregular adjective ("Dutch" of "Netherlands")
    no ending rule finds. From the countryinfo package's table of every country (read once,
    about 30 ms), not from any corpus; ISO codes other than those written in news ("UK",
    "US", "USA") and names in other scripts are left out."""
    from countryinfo import CountryInfo

    # An adjective several countries share ("French" of France and of Martinique, "Chinese" of
    # China and of Macau) is the most populous one's.
    countries = sorted(CountryInfo.all().values(), key=lambda c: -(c.get("population") or 0))
    forms: dict[str, set[str]] = {}
    adjectives: set[str] = set()
    for country in countries:
        names = {country.get("name") or ""}
        names |= {n for n in country.get("altSpellings") or () if _written_in_english(n)}
        adjective = (country.get("demonym") or "").strip()
        if adjective and adjective.lower() not in adjectives:
            adjectives.add(adjective.lower())
            names.add(adjective)
        names = {n.strip() for n in names if n.strip()}
        for name in names:
            forms.setdefault(name.lower(), set()).update(names - {name})
    return {key: frozenset(value) for key, value in forms.items()}


def _written_in_english(name: str) -> bool:
    """A country's other name as English news writes it: Latin letters, and not a bare code
    ("NL", "NLD") unless it is one of the codes news uses as a name."""
    if not name.isascii() or not re.fullmatch(r"[A-Za-z][A-Za-z .'&-]*", name):
        return False
    return not name.isupper() or name in ("UK", "US", "USA")


# Question openings and what kind of answer they ask for (see question.py).
WH_WORDS = ("what", "which", "who", "whom", "whose", "when", "where", "why", "how")
# Prepositions a question word may come after: "for what", "from whom", "on what revenues".
WH_PREPOSITIONS = ("for", "in", "at", "by", "to", "on", "from", "with", "of")
# Words that add a second question or thing asked ("...? and the turnout at the rally?").
ADDING_CONJUNCTIONS = ("and", "also", "plus")
# Conjunctions that join a question to what came before ("And what is it paying per share?",
# "But who runs it?"): not part of the question's own shape.
OPENING_CONJUNCTIONS = (*ADDING_CONJUNCTIONS, "but", "so", "then")
# Ordinary words that open a question and are capitalised by their place only ("Compare ...",
# "Could you ...", "Somebody described ..."): not names.
ORDINARY_OPENERS = frozenset(
    "compare name list describe explain give tell could would did does do is are was were has "
    "have had in on at by for from according roughly approximately somebody someone something "
    "anybody anyone everybody everyone nobody".split()
)

# Auxiliary and saying verbs: a phrase holding one is a clause, not a name alone ("..., and Thai
# exports?" asks again of a name; "..., and the board of Ford said?" does not).
AUXILIARIES = frozenset(
    "is are was were be been did do does has have had will would can could may might shall "
    "should must said says say".split()
)
# The perfect's auxiliaries: "Which congressman has criticised ...?" keeps its subject.
PERFECT_AUXILIARIES = frozenset({"has", "have", "had"})

# English verbs that report what someone said or found ("said", "denied", "according to"): a
# sentence holding one outside its quotation marks is a claim, and the words before the verb say
# whose. Base forms; regular endings (-s, -ed, -ing) are added where they are used (speakers.py).
REPORTING_VERBS = (
    "say", "tell", "add", "claim", "deny", "reject", "accuse", "insist", "state", "announce",
    "allege", "argue", "report", "estimate", "confirm", "describe", "dismiss", "warn", "note",
    "stress", "emphasise", "emphasize", "acknowledge", "admit", "explain", "predict", "urge",
    "mention", "suggest", "assert", "contend", "declare", "comment", "disclose", "reveal",
    "quote", "reiterate", "criticise", "criticize", "condemn", "blame", "forecast", "expect",
    "believe", "point out", "call", "publish", "document", "find", "show",
)  # fmt: skip
# Their irregular forms (the past of "say" is not "sayed").
IRREGULAR_REPORTING = ("said", "says", "told", "tells", "found")
# Words of a noun phrase that stand for a speaker named earlier ("he said", "the ministry said").
PRONOUNS = ("he", "she", "they", "it")

# Words of a question that point back to a name said before them ("and how many miners turned out
# for its rally in Soweto?": the union's rally).
BACK_REFERENCES = ("it", "its", "they", "them", "their", "he", "him", "his", "she", "her")

# Words that qualify a figure ("at least 200", "up to 800"): part of what a source says.
APPROXIMATORS = (
    "at least", "at most", "up to", "more than", "less than", "fewer than", "over", "under",
    "almost", "nearly", "about", "around", "roughly", "some", "approximately", "as many as",
    "as few as", "an estimated", "only", "just",
)  # fmt: skip
# English plurals without an -s: the noun a "how many" question counts ("how many people").
PLURALS = frozenset(
    "people men women children police staff cattle sheep fish data personnel troops".split()
)

# What a report says of a fact it does not give ("She would not say how much it will pay",
# "terms were not disclosed", "declined to comment"): evidence naming the asked thing only to say
# it is not known. Regular expressions, matched case-insensitively.
WITHHELD = (
    r"(?:would|could|did|does|do|will) not (?:say|disclose|comment|give|specify|reveal|name|"
    r"identify|elaborate|confirm)",
    r"(?:declined|refused|unwilling|unable) to (?:say|disclose|comment|give|specify|reveal|"
    r"name|identify|elaborate|confirm|put)",
    r"(?:was|were|is|are|has not been|have not been) not (?:disclosed|revealed|given|specified|"
    r"announced|made public)",
    r"undisclosed", r"no comment",
)  # fmt: skip
# What a report withholds when it withholds a figure ("did not give specific figures", "terms
# were not disclosed"): for a question asking a figure, such a clause withholds the asked thing.
FIGURE_NOUNS = ("figure", "figures", "amount", "amounts", "sum", "sums", "terms", "details",
                "price")  # fmt: skip
# Words of a figure question that any amount or share answers by its unit ("How much money",
# "What share of the vote", "What percentage"): not a measure the evidence must name.
GENERIC_MEASURES = ("money", "share", "percentage", "proportion", "total", "number", "level",
                    "size")  # fmt: skip
# Words that ask for how something turned out ("What did the union finally win?"), and the
# words of a sentence that tells only what is to come, planned, sought or expected ("it will
# demand a 55 pct increase"): such a sentence does not say the outcome.
FINALITY_WORDS = ("finally", "eventually", "ultimately", "in the end", "end up", "ended up",
                  "wound up", "in the event")  # fmt: skip
# Verbs of a decision taken: "What did the council decide?" asks how it turned out, as "finally"
# does; evidence telling only what is expected of it does not answer.
DECISION_VERBS = ("decide", "agree", "approve", "vote", "rule", "choose", "elect", "adopt",
                  "resolve", "settle", "conclude")  # fmt: skip
PROSPECTIVE_WORDS = (
    "will", "would", "shall", "plan", "plans", "planned", "planning", "intend", "intends",
    "intended", "expect", "expects", "expected", "propose", "proposes", "proposed", "seek",
    "seeks", "seeking", "aim", "aims", "upcoming", "forthcoming",
    # what might be: "mentioned as a possible choice", "is considering", "under consideration"
    "may", "might", "could", "possible", "possibly", "likely", "considering", "consideration",
)  # fmt: skip
