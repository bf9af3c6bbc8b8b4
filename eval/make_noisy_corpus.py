"""Generate the noisy evaluation corpus: short news snippets with near-duplicate distractors.

Every event exists in three years with different figures, some events are reported by two
outlets with competing figures, and some agency stories are copied by a second outlet. People,
companies and clubs are invented, so a model cannot answer from memory. The output is committed
(eval/noisy/corpus/ and eval/noisy/questions.jsonl); run this file again to regenerate it
identically (the random generator is seeded).

    python eval/make_noisy_corpus.py
"""

from __future__ import annotations

import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent / "noisy"
YEARS = (2015, 2016, 2017)
MONTHS = ("January", "March", "April", "June", "September", "November")
OUTLETS = ("Daily Ledger", "Harbour Times", "Northern Courier", "Metro Wire", "Evening Post")
FIRST = ("Anna", "Marek", "Lucia", "Tomas", "Ingrid", "Pavel", "Elena", "Jonas", "Sofia", "Ruben")
LAST = ("Varga", "Lindqvist", "Morel", "Kovac", "Brandt", "Okafor", "Sandoval", "Haugen", "Petit")
CITIES = ("Lyon", "Porto", "Graz", "Malmo", "Ghent", "Bilbao", "Turin", "Krakow", "Leeds", "Aarhus")
COMPANIES = (
    "Veltrona", "Copperleaf Systems", "Brightmoor Foods", "Nordvik Shipping", "Talmar Energy",
    "Quillon Pharma", "Ostara Motors", "Lumenfield Bank", "Greywater Mining", "Solvance Telecom",
)  # fmt: skip
CLUBS = (
    "Harbour City Rovers", "Eastgate Athletic", "Millbrook United", "Redcliff Wanderers",
    "Stonebridge FC", "Kestrel Town", "Ashford Rangers", "Blackwater City", "Fenmoor Albion",
    "Oakhurst Villa",
)  # fmt: skip


@dataclass
class Snippet:
    name: str
    title: str
    outlet: str
    date: str
    body: str


@dataclass
class Fact:
    question: str
    answer: list[str]
    files: list[str]


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def date_in(rng: random.Random, year: int) -> str:
    return f"{rng.randint(2, 27)} {rng.choice(MONTHS)} {year}"


def budgets(rng: random.Random) -> tuple[list[Snippet], list[Fact]]:
    snippets, facts = [], []
    for city in CITIES:
        mayor = person(rng)
        for year in YEARS:
            amount = f"{rng.randint(11, 49) / 10:.1f} billion euros"
            schools = rng.randint(3, 19)
            name = f"budget-{city.lower()}-{year}.txt"
            snippets.append(Snippet(
                name, f"{city} council approves {year} budget", rng.choice(OUTLETS), date_in(rng, year),
                f"The city council of {city} approved a budget of {amount} for {year}, mayor {mayor} "
                f"announced. The plan funds {schools} new schools and a tram extension. Opposition "
                f"councillors said the spending was too high.",
            ))  # fmt: skip
            facts.append(
                Fact(
                    f"What budget did the {city} city council approve for {year}?",
                    [amount.split()[0]],
                    [name],
                )
            )
            facts.append(
                Fact(
                    f"How many new schools does the {city} budget for {year} fund?",
                    [f"{schools} new schools"],
                    [name],
                )
            )
    return snippets, facts


def earnings(rng: random.Random) -> tuple[list[Snippet], list[Fact]]:
    snippets, facts = [], []
    for company in COMPANIES:
        chief = person(rng)
        for year in YEARS:
            revenue = f"{rng.randint(120, 980)} million dollars"
            jobs = rng.randint(2, 40) * 50
            name = f"earnings-{company.split()[0].lower()}-{year}.txt"
            snippets.append(Snippet(
                name, f"{company} reports {year} results", rng.choice(OUTLETS), date_in(rng, year + 1),
                f"{company} reported revenue of {revenue} for {year}. Chief executive {chief} said the "
                f"company would hire {jobs} people next year. Shares rose after the announcement.",
            ))  # fmt: skip
            facts.append(
                Fact(f"What revenue did {company} report for {year}?", [revenue.split()[0]], [name])
            )
            facts.append(
                Fact(
                    f"How many people did {company} plan to hire after its {year} results?",
                    [str(jobs)],
                    [name],
                )
            )
        facts.append(Fact(f"Who is the chief executive of {company}?", [chief], [
            f"earnings-{company.split()[0].lower()}-{year}.txt" for year in YEARS
        ]))  # fmt: skip
    return snippets, facts


def finals(rng: random.Random) -> tuple[list[Snippet], list[Fact]]:
    snippets, facts = [], []
    for index, club in enumerate(CLUBS):
        cup = f"{CITIES[index]} Cup"
        for year in YEARS:
            rival = rng.choice([c for c in CLUBS if c != club])
            goals, against = rng.randint(2, 5), rng.randint(0, 1)
            scorer = person(rng)
            name = f"final-{cup.split()[0].lower()}-cup-{year}.txt"
            snippets.append(Snippet(
                name, f"{club} win the {year} {cup}", rng.choice(OUTLETS), date_in(rng, year),
                f"{club} beat {rival} {goals}-{against} in the final of the {year} {cup}. "
                f"{scorer} scored twice for the winners in front of a crowd of "
                f"{rng.randint(8, 60)},000.",
            ))  # fmt: skip
            facts.append(Fact(f"Who won the {year} {cup} final?", [club], [name]))
            facts.append(
                Fact(
                    f"What was the score of the {year} {cup} final?", [f"{goals}-{against}"], [name]
                )
            )
    return snippets, facts


def quakes(rng: random.Random) -> tuple[list[Snippet], list[Fact]]:
    snippets, facts = [], []
    towns = (
        "Varnasca",
        "Elmira Bay",
        "Koltavo",
        "San Teodoro",
        "Mirovka",
        "Port Adela",
        "Dunhollow",
        "Tiberan",
    )
    for town in towns:
        for year in YEARS:
            magnitude, deaths = f"{rng.randint(48, 74) / 10:.1f}", rng.randint(3, 240)
            name = f"quake-{town.lower().replace(' ', '-')}-{year}.txt"
            snippets.append(Snippet(
                name, f"Earthquake strikes near {town}", rng.choice(OUTLETS), date_in(rng, year),
                f"A magnitude {magnitude} earthquake struck near {town} in {year}, killing {deaths} "
                f"people, officials said. Rescue teams searched collapsed buildings through the night.",
            ))  # fmt: skip
            facts.append(
                Fact(
                    f"How many people were killed in the {year} earthquake near {town}?",
                    [f"{deaths} people"],
                    [name],
                )
            )
            facts.append(
                Fact(
                    f"What was the magnitude of the {year} earthquake near {town}?",
                    [magnitude],
                    [name],
                )
            )
    return snippets, facts


def marches(rng: random.Random) -> tuple[list[Snippet], list[Fact]]:
    """The same march reported by two outlets: police and organisers give competing figures."""
    snippets, facts = [], []
    for city in CITIES[:6]:
        for year in YEARS[1:]:
            police, organisers = rng.randint(5, 20) * 1000, rng.randint(30, 90) * 1000
            cause = rng.choice(
                ("pension reform", "rent controls", "climate policy", "teachers' pay")
            )
            files = []
            for side, outlet in (("police", OUTLETS[0]), ("organisers", OUTLETS[1])):
                name = f"march-{city.lower()}-{year}-{side}.txt"
                files.append(name)
                lead = f"{police:,}" if side == "police" else f"{organisers:,}"
                other = f"{organisers:,}" if side == "police" else f"{police:,}"
                who, whom = (
                    ("police", "organisers") if side == "police" else ("organisers", "police")
                )
                snippets.append(Snippet(
                    name, f"Thousands march in {city} over {cause}", outlet, date_in(rng, year),
                    f"About {lead} people marched in {city} in {year} against changes to {cause}, "
                    f"according to {who}. The {whom} put the figure at {other}.",
                ))  # fmt: skip
            facts.append(
                Fact(
                    f"How many people did the police say marched in {city} in {year}?",
                    [f"{police:,}"],
                    files,
                )
            )
            facts.append(
                Fact(
                    f"How many marchers did the organisers count in {city} in {year}?",
                    [f"{organisers:,}"],
                    files,
                )
            )
    return snippets, facts


def elections(rng: random.Random) -> tuple[list[Snippet], list[Fact]]:
    snippets, facts = [], []
    towns = ("Brenhaven", "Castelmar", "Oldwick", "Vesterby", "Lindau Falls", "Rosmere", "Tarnow Hill",
             "Calder Bridge", "Mossgiel", "Ferrona")  # fmt: skip
    for town in towns:
        for year in YEARS:
            winner, loser = person(rng), person(rng)
            share = rng.randint(41, 68)
            name = f"election-{town.lower().replace(' ', '-')}-{year}.txt"
            snippets.append(Snippet(
                name, f"New mayor elected in {town}", rng.choice(OUTLETS), date_in(rng, year),
                f"{winner} won the {year} mayoral election in {town} with {share} percent of the vote, "
                f"defeating {loser}. Turnout was {rng.randint(38, 72)} percent.",
            ))  # fmt: skip
            facts.append(Fact(f"Who won the {year} mayoral election in {town}?", [winner], [name]))
            facts.append(
                Fact(
                    f"What share of the vote did the winner of the {year} {town} mayoral election get?",
                    [f"{share} percent"],
                    [name],
                )
            )
    return snippets, facts


def bridges(rng: random.Random) -> tuple[list[Snippet], list[Fact]]:
    snippets, facts = [], []
    rivers = (
        "Avel",
        "Dorna",
        "Klee",
        "Mosset",
        "Rhonel",
        "Sava Minor",
        "Tessin",
        "Ulme",
        "Varro",
        "Wend",
    )
    for river in rivers:
        for year in YEARS:
            cost, length = rng.randint(40, 900), rng.randint(180, 2400)
            builder = rng.choice(COMPANIES)
            name = f"bridge-{river.lower().replace(' ', '-')}-{year}.txt"
            snippets.append(Snippet(
                name, f"New bridge over the {river} opens", rng.choice(OUTLETS), date_in(rng, year),
                f"A {length}-metre bridge over the river {river} opened in {year} after costing {cost} "
                f"million euros, the regional transport office said. It was built by {builder}.",
            ))  # fmt: skip
            facts.append(
                Fact(
                    f"How much did the bridge over the {river} that opened in {year} cost?",
                    [f"{cost} million"],
                    [name],
                )
            )
            facts.append(
                Fact(
                    f"How long is the bridge over the {river} opened in {year}?",
                    [f"{length}"],
                    [name],
                )
            )
    return snippets, facts


def outbreaks(rng: random.Random) -> tuple[list[Snippet], list[Fact]]:
    snippets, facts = [], []
    regions = (
        "Northvale",
        "Carrow",
        "Esterlund",
        "Pellam",
        "Quarry Coast",
        "Saltmarsh",
        "Tovia",
        "Upper Brenn",
    )
    for region in regions:
        disease = rng.choice(("measles", "dengue fever", "cholera", "influenza"))
        for year in YEARS:
            cases = rng.randint(120, 9000)
            minister = person(rng)
            name = f"outbreak-{region.lower().replace(' ', '-')}-{year}.txt"
            snippets.append(Snippet(
                name, f"{disease.capitalize()} cases reported in {region}", rng.choice(OUTLETS), date_in(rng, year),
                f"Health officials in {region} recorded {cases:,} cases of {disease} in {year}, health "
                f"minister {minister} told parliament. Vaccination clinics will open in every district.",
            ))  # fmt: skip
            facts.append(
                Fact(
                    f"How many cases of {disease} were recorded in {region} in {year}?",
                    [f"{cases:,}"],
                    [name],
                )
            )
    return snippets, facts


def fines(rng: random.Random) -> tuple[list[Snippet], list[Fact]]:
    snippets, facts = [], []
    for company in COMPANIES:
        city = rng.choice(CITIES)
        for year in YEARS[:2]:
            fine = rng.randint(2, 95)
            reason = rng.choice(
                ("polluting a river", "misleading advertising", "price fixing", "data breaches")
            )
            name = f"fine-{company.split()[0].lower()}-{year}.txt"
            snippets.append(Snippet(
                name, f"Court fines {company}", rng.choice(OUTLETS), date_in(rng, year),
                f"A court in {city} fined {company} {fine} million euros in {year} for {reason}. "
                f"The company said it would appeal.",
            ))  # fmt: skip
            facts.append(
                Fact(f"How much was {company} fined in {year}?", [f"{fine} million"], [name])
            )
            facts.append(Fact(f"Why was {company} fined in {year}?", [reason], [name]))
    return snippets, facts


def culture(rng: random.Random) -> tuple[list[Snippet], list[Fact]]:
    """Filler on other topics: the retriever must not be drawn to them."""
    snippets, facts = [], []
    for number in range(60):
        city, year = rng.choice(CITIES), rng.choice(YEARS)
        venue = rng.choice(("museum", "concert hall", "library", "theatre", "botanical garden"))
        visitors = rng.randint(10, 400) * 100
        name = f"culture-{city.lower()}-{venue.split()[0]}-{number}.txt"
        snippets.append(Snippet(
            name, f"{city} {venue} draws crowds", rng.choice(OUTLETS), date_in(rng, year),
            f"The {venue} in {city} welcomed {visitors:,} visitors in its opening season in {year}, "
            f"director {person(rng)} said. Tickets for the autumn programme sold out within days.",
        ))  # fmt: skip
    return snippets, facts


def wire_copies(rng: random.Random, snippets: list[Snippet]) -> list[Snippet]:
    """Agency stories that a second outlet ran word for word: near-duplicate distractors."""
    copies = []
    for snippet in rng.sample([s for s in snippets if s.name.startswith("quake-")], 10):
        outlet = rng.choice([o for o in OUTLETS if o != snippet.outlet])
        copies.append(Snippet(snippet.name.replace(".txt", "-copy.txt"), snippet.title, outlet,
                              snippet.date, snippet.body))  # fmt: skip
    return copies


UNANSWERABLE = [
    "What budget did the Lyon city council approve for 2019?",
    "What budget did the Zagreb city council approve for 2016?",
    "How many councillors voted for the Porto budget in 2016?",
    "What revenue did Veltrona report for 2020?",
    "What profit did Nordvik Shipping make in 2016?",
    "Who won the 2018 Lyon Cup final?",
    "Who coached Harbour City Rovers in 2016?",
    "How many people were injured in the 2016 earthquake near Koltavo?",
    "How many people marched in Oslo in 2016?",
    "Who won the 2016 Olympic marathon?",
    "What is the population of Graz?",
    "How much did the tram extension in Leeds cost?",
    "Who won the 2014 mayoral election in Oldwick?",
    "How many cases of malaria were recorded in Carrow in 2016?",
    "Which company built the bridge over the river Thames?",
]


def write(snippet: Snippet, folder: Path) -> None:
    text = f"{snippet.title}\n\n{snippet.date}\n\n{snippet.body}\n\n{snippet.outlet} and agencies\n"
    (folder / snippet.name).write_text(text, encoding="utf-8")


def main() -> None:
    rng = random.Random(20261121)
    snippets: list[Snippet] = []
    facts: list[Fact] = []
    families = (
        budgets,
        earnings,
        finals,
        quakes,
        marches,
        elections,
        bridges,
        outbreaks,
        fines,
        culture,
    )
    for family in families:
        more_snippets, more_facts = family(rng)
        snippets += more_snippets
        facts += more_facts
    copies = wire_copies(rng, snippets)
    copied = {copy.name.replace("-copy.txt", ".txt"): copy.name for copy in copies}
    corpus = HERE / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    corpus.mkdir(parents=True)
    for snippet in snippets + copies:
        write(snippet, corpus)
    chosen = rng.sample(facts, 64)
    with (HERE / "questions.jsonl").open("w", encoding="utf-8") as out:
        for number, fact in enumerate(chosen, start=1):
            sources = fact.files + [copied[f] for f in fact.files if f in copied]
            item = {
                "id": f"n{number}",
                "q": fact.question,
                "must": [fact.answer],
                "sources": sources,
                "answerable": True,
            }
            out.write(json.dumps(item) + "\n")
        for number, question in enumerate(UNANSWERABLE, start=1):
            item = {
                "id": f"nu{number}",
                "q": question,
                "must": [],
                "sources": [],
                "answerable": False,
            }
            out.write(json.dumps(item) + "\n")
    print(f"{len(snippets) + len(copies)} snippets, {len(chosen)} + {len(UNANSWERABLE)} questions")


if __name__ == "__main__":
    main()
