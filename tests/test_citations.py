from assistant.citations import (
    best_quote,
    is_refusal,
    normalise_markers,
    resolve_citations,
)
from assistant.records import Article, Chunk, Hit


def hit(path: str, text: str, title: str = "Title") -> Hit:
    article = Article(
        path=path,
        title=title,
        text=text,
        content_hash="h",
        publisher="Outlet",
        published="2016-01-15",
    )
    return Hit(Chunk(0, path, 0, len(text), text), article, 1.0, 0.5, None)


HITS = [
    hit(
        "a.txt", "Amnesty International said 200 civilians were killed. Russia rejected the report."
    ),
    hit("b.txt", "Konashenkov called the rescue workers charlatans. The weather was mild."),
]


def test_markers_are_normalised_and_invalid_ones_removed():
    assert (
        normalise_markers("Yes [1, 2] and [Passage 1] but [7] and [0].", 2)
        == "Yes [1][2] and [1] but and."
    )
    assert normalise_markers("A [2][2] B", 2) == "A [2][2] B"


def test_citations_map_to_the_passage_articles_with_metadata():
    cited = resolve_citations(
        "Amnesty counted 200 civilian deaths [1]. He called them charlatans [2].", HITS
    )
    assert [c.number for c in cited.citations] == [1, 2]
    first = cited.citations[0]
    assert (first.path, first.publisher, first.published) == ("a.txt", "Outlet", "2016-01-15")
    assert first.quote == "Amnesty International said 200 civilians were killed."
    assert cited.citations[1].quote == "Konashenkov called the rescue workers charlatans."


def test_a_marker_pointing_nowhere_is_dropped_and_gets_no_citation():
    cited = resolve_citations("Amnesty counted 200 deaths [1][9].", HITS)
    assert cited.text == "Amnesty counted 200 deaths [1]."
    assert [c.number for c in cited.citations] == [1]


def test_every_marker_in_text_has_a_citation_and_vice_versa():
    cited = resolve_citations("Russia rejected the report [1]. Charlatans, he said [2][3].", HITS)
    import re

    assert {int(n) for n in re.findall(r"\[(\d+)\]", cited.text)} == {
        c.number for c in cited.citations
    }


def test_best_quote_picks_the_supporting_sentence():
    assert best_quote(HITS[0].chunk.text, ["Russia rejected it"]) == "Russia rejected the report."
    assert best_quote(HITS[0].chunk.text, ["nothing shared"]) == HITS[0].chunk.text


def test_refusals_are_recognised():
    for text in (
        "NOT IN ARTICLES",
        "The passages do not mention this.",
        "I cannot answer that.",
        "[1]",
        "",
    ):
        assert is_refusal(text), text
    assert not is_refusal("Russia denied the claims [1].")
