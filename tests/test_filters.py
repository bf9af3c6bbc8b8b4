"""News-aware retrieval: outlet and date filters, the time a question names, wire-story copies."""

from __future__ import annotations

import pytest

from assistant.config import get_settings
from assistant.records import Article, Chunk
from assistant.retrieval import duplicate_groups, prefer_period, question_period

WIRE = (
    "Syrian state media said air strikes on the outskirts of Latakia killed twelve civilians on "
    "Tuesday, including four children, and wounded more than thirty people near the port."
)
OTHER = (
    "An opposition council in Latakia province accused government forces of shelling a "
    "market, saying rescuers pulled bodies from the rubble for hours."
)


def test_question_period_reads_years_and_months():
    assert question_period("What happened in 2017?") == ("2017-01-01", "2017-12-31")
    assert question_period("What did Russia say in January 2016?") == ("2016-01-01", "2016-01-31")
    assert question_period("And in Feb. 2016?") == ("2016-02-01", "2016-02-29")
    assert question_period("How many sorties were flown?") is None
    assert question_period("Were 5662 sorties flown?") is None  # a number, not a year


def test_prefer_period_lifts_articles_of_that_time_and_leaves_undated_ones():
    chunks = {i: Chunk(i, f"{i}.txt", 0, 1, "x") for i in range(3)}
    articles = {
        "0.txt": Article("0.txt", "t", "x", "h", published="2015-10-01"),
        "1.txt": Article("1.txt", "t", "x", "h", published="2017-09-28"),
        "2.txt": Article("2.txt", "t", "x", "h"),
    }
    fused = [(0, 0.030), (2, 0.025), (1, 0.020)]
    ranked = prefer_period(fused, chunks, articles, ("2017-01-01", "2017-12-31"), 0.5)
    assert [chunk_id for chunk_id, _ in ranked] == [1, 2, 0]
    assert dict(ranked)[2] == 0.025


def test_copies_of_one_wire_story_form_one_group():
    copies = [
        Chunk(i, f"outlet{i}.txt", 0, 0, f"Headline {i}. {WIRE} Follow us on outlet {i}.")
        for i in range(4)
    ]
    other = Chunk(9, "council.txt", 0, 0, OTHER)
    groups = duplicate_groups([*copies, other])
    assert {groups[i] for i in range(4)} == {"outlet0.txt"}
    assert groups[9] == "council.txt"


@pytest.fixture(scope="module")
def news_index(tmp_path_factory):
    from conftest import SEED_CORPUS

    from assistant.index import build_index

    root = tmp_path_factory.mktemp("news")
    corpus = root / "corpus"
    corpus.mkdir()
    for source in SEED_CORPUS.glob("*.txt"):
        (corpus / source.name).write_bytes(source.read_bytes())
    outlets = ["Agence One", "Daily Two", "Wire Three", "Evening Four", "Herald Five"]
    for number, outlet in enumerate(outlets):
        (corpus / f"wire-{number}.md").write_text(
            f"---\ntitle: Latakia strikes kill civilians ({outlet})\noutlet: {outlet}\n"
            f"date: 2017-03-0{number + 1}\n---\n{WIRE}\n\nReporting by {outlet} staff.\n"
        )
    (corpus / "council.md").write_text(
        f"---\ntitle: Council accuses army over Latakia market\noutlet: Council Monitor\n"
        f"date: 2017-03-02\n---\n{OTHER}\n\nThe council gave no figures.\n"
    )
    index_dir = root / "index"
    build_index(corpus, index_dir)
    return index_dir


@pytest.mark.integration
def test_wire_copies_do_not_crowd_out_other_sources(news_index):
    from assistant.embedding import get_embedder
    from assistant.index import open_index
    from assistant.retrieval import retrieve

    settings = get_settings(index_dir=news_index)
    hits = retrieve(
        "What happened in Latakia?", open_index(news_index), get_embedder(settings.embedding_model),
        settings, top_k=3,
    )  # fmt: skip
    paths = [hit.article.path for hit in hits]
    assert "council.md" in paths, paths
    assert sum(path.startswith("wire-") for path in paths) <= 2


@pytest.mark.integration
def test_outlet_and_date_filters_limit_what_is_retrieved_and_cited(news_index):
    from assistant.pipeline import answer

    only_trt = answer("What did the US say about Russian strikes?", news_index, outlet="trt")
    assert not only_trt.abstained
    assert {c.publisher for c in only_trt.citations} == {"TRT World"}
    assert all(p.path.startswith("trtworld") for p in only_trt.passages)

    in_march = answer("What happened in Latakia?", news_index, since="2017-03-01",
                      until="2017-03-31")  # fmt: skip
    assert in_march.passages and all(
        p.path.startswith(("wire-", "council")) for p in in_march.passages
    )
    nothing = answer("What happened in Latakia?", news_index, outlet="No Such Outlet")
    assert nothing.abstained and nothing.citations == ()
    assert nothing.text == "No indexed article matches the filters (outlet “No Such Outlet”)."


@pytest.mark.integration
def test_a_question_naming_a_year_prefers_articles_of_that_year(news_index):
    from assistant.embedding import get_embedder
    from assistant.index import open_index
    from assistant.retrieval import retrieve

    settings = get_settings(index_dir=news_index)
    index, embedder = open_index(news_index), get_embedder(settings.embedding_model)

    def first(question: str) -> str | None:
        return retrieve(question, index, embedder, settings, top_k=3)[0].article.published

    assert first("Civilian deaths from Russian air strikes in 2016") == "2016-01-15"
    assert first("Civilian deaths from Russian air strikes") == "2016-01-15"
    in_2017 = first("Civilian deaths from Russian air strikes in 2017")
    assert in_2017 is None or in_2017.startswith("2017")  # the 2016 article no longer leads
