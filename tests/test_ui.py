"""The UI's HTML and handlers without a browser, and the server's `ask` API end to end."""

from __future__ import annotations

import json

import pytest
from conftest import SEED_CORPUS
from server import running_server

from assistant.config import get_settings
from assistant.errors import ConfigurationError
from assistant.records import Answer, Article, Citation, Claim, Disagreement, Passage, Timings
from assistant.ui import render
from assistant.ui.chat import ChatHandlers, Turn, model_choices

ARTICLE = Article(
    path="a.txt",
    title="Russia denies <b>it</b>",
    text="First paragraph.\n\nThe ministry said   no civilians were hit.\n\nLast one.",
    content_hash="h",
    publisher="The Independent",
    published="2016-01-15",
    byline="Lizzie Dearden",
)
CITATION = Citation(1, "a.txt", ARTICLE.title, "The Independent", "2016-01-15",
                    "The ministry said no civilians were hit.")  # fmt: skip
ANSWER = Answer(
    "q",
    "The ministry said no civilians were hit [1].",
    False,
    (CITATION,),
    (Passage(1, "a.txt", CITATION.quote, 0.9), Passage(2, "b.txt", "Other text.", 0.5)),
    Timings(0.1, 0.5, 1.0),
)


def lookup(path: str) -> Article | None:
    return ARTICLE if path == "a.txt" else None


def test_text_is_escaped_for_html_and_markdown():
    shown = render.escape_text("Syria's <b>*strikes*</b> [1] & $5")
    assert "<" not in shown and "*" not in shown and "[" not in shown and "$" not in shown
    assert "&#39;" in shown and "&#42;" in shown


def test_answer_markers_become_links_to_their_sources():
    html = render.answer_message(ANSWER, 3, lookup)
    link = '<a class="cite" href="#src-3-1" title="Russia denies &lt;b&gt;it&lt;/b&gt;">[1]</a>'
    assert link in html
    assert "The Independent · 2016&#45;01&#45;15 · a.txt" in html
    assert "search 0.10 s · first words 0.50 s · total 1.00 s" in html
    assert "<b>" not in html


def test_abstention_has_its_own_style_and_offers_the_closest_articles():
    abstained = Answer(
        "q",
        "The articles do not answer this question. The closest articles are: “x”.",
        True,
        (),
        ANSWER.passages,
    )
    html = render.answer_message(abstained, 0, lookup)
    assert 'class="abstained"' in html and "Not in the articles" in html
    assert 'href="#src-0-p1"' in html and 'href="#src-0-p2"' in html
    assert 'class="answer"' not in html


def test_panel_highlights_the_passage_in_its_article_and_collapses_uncited_sources():
    html = render.sources_panel(ANSWER, "What did they say?", 0, lookup)
    assert '<details class="source selected" id="source-1" open>' in html
    assert "<mark>The ministry said   no civilians were hit.</mark>" in html  # found despite spaces
    assert "<p>First paragraph.</p>" in html and "By Lizzie Dearden" in html
    assert '<details class="uncited"><summary>Retrieved, not cited (1)</summary>' in html


def test_panel_opens_the_selected_uncited_passage_and_survives_a_removed_article():
    html = render.sources_panel(ANSWER, "q", 0, lookup, selected="p2")
    assert '<details class="uncited" open>' in html
    assert "This article is no longer in the index." in html


def test_locate_tolerates_white_space_and_reports_absence():
    assert render.locate("a  b\nc d", "b c") == (3, 6)
    assert render.locate("abc", "zzz") is None


def test_model_menu_lists_the_default_the_other_embedded_model_and_configured_files(tmp_path):
    gguf = tmp_path / "other.gguf"
    choices = model_choices(get_settings(ui_models=[gguf]))
    assert choices[0].label.endswith("(default)") and choices[0].overrides == {}
    assert choices[1].overrides == {"llm": "gemma3"}
    assert choices[2].overrides["model_path"] == gguf


def test_session_settings_become_answer_overrides():
    handlers = ChatHandlers(get_settings())
    labels = list(handlers.models)
    overrides = handlers.overrides(2, 0.55, labels[1])
    assert overrides == {
        "articles": 2, "strictness": 0.55, "llm": "gemma3",
        "outlet": None, "since": None, "until": None, "only": (),
    }  # fmt: skip
    assert handlers.overrides(3, 0.3, "no such model")["articles"] == 3
    filtered = handlers.overrides(3, 0.3, labels[0], "Reuters", "2016-01-01", " ")
    assert filtered["outlet"] == "Reuters" and str(filtered["since"]) == "2016-01-01"
    assert filtered["until"] is None
    with pytest.raises(ConfigurationError, match="type it as YYYY-MM-DD"):
        handlers.overrides(3, 0.3, labels[0], "Any outlet", "15/01/2016")
    chosen = handlers.overrides(3, 0.3, labels[0], "Any outlet", "", "", ["sport/"])
    assert chosen["only"] == ("sport/",)


def test_the_library_is_searched_sorted_and_paged():
    from assistant.library import ArticleRow, browse

    rows = [
        ArticleRow(f"Story {n:02d}", "Harbour Times" if n % 2 else "", f"2016-01-{n:02d}", n,
                   f"{'sport' if n % 3 else 'world'}/story-{n:02d}.txt")
        for n in range(1, 31)
    ]  # fmt: skip
    first = browse(rows, per_page=25)
    assert (first.pages, first.matched, first.total, first.scope) == (2, 30, 30, ())
    assert first.rows[0].title == "Story 30"  # newest first
    assert browse(rows, page=9).page == 2 and len(browse(rows, page=2).rows) == 5
    assert [r.title for r in browse(rows, sort="title").rows[:2]] == ["Story 01", "Story 02"]
    assert browse(rows, sort="-title").rows[0].title == "Story 30"
    found = browse(rows, query="sport story-1")  # every word must match: sport, story-1x
    assert found.matched == 7 and len(found.scope) == 7  # story-10..19 not in world/ (12, 15, 18)
    world = browse(rows, folder="world")
    assert world.matched == 10 and world.scope == ("world/",)
    assert browse(rows, query="harbour", folder="world").matched == 5


def test_open_source_only_opens_sources_of_this_sessions_answers():
    handlers = ChatHandlers(get_settings())
    handlers.lookup = lookup  # type: ignore[method-assign]
    turns = [Turn("q", ANSWER)]
    assert "<mark>" in handlers.open_source("0-1", turns)
    for target in ("1-1", "../../etc/passwd", "0-x", ""):
        assert handlers.open_source(target, turns) == {"__type__": "update"}  # gr.skip()


@pytest.mark.integration
def test_served_api_answers_with_the_answer_json(seed_index, tmp_path):
    from gradio_client import Client

    with running_server(seed_index, SEED_CORPUS, tmp_path / "server.log") as url:
        reply = Client(url, verbose=False).predict(
            "What did Russia claim about civilian deaths?", api_name="/ask"
        )
    result = json.loads(reply)
    contract = {"question", "text", "abstained", "citations", "passages", "timings"}
    assert set(result) == contract | {"claims", "disagreements"}
    assert not result["abstained"] and result["citations"] and result["claims"]


def test_a_question_without_an_index_points_to_the_library_tab(tmp_path):

    handlers = ChatHandlers(get_settings(index_dir=tmp_path / "none"))
    chat = [{"role": "user", "content": "q"}, {"role": "assistant", "content": "…"}]
    replies = handlers.respond("What happened?", chat, [], 3, 0.3, "any")
    chat_shown, turns, _ = next(replies)
    assert "add articles in the Library tab" in chat_shown[-1]["content"] and turns == []
    assert "There is no index" in chat_shown[-1]["content"]
    assert next(replies, None) is None  # said, not raised: the conversation stays in view


def test_an_abstention_offers_a_story_filed_twice_once():
    story = Article("a.txt", "Storm sinks boats", "Text.", "h1", publisher="Gazette")
    copy = Article("copy/a.txt", "Storm sinks boats", "Text.", "h2", publisher="Gazette")
    other = Article("b.txt", "Regatta won", "Text.", "h3", publisher="Times")
    articles = {article.path: article for article in (story, copy, other)}
    paths = ["a.txt", "copy/a.txt", "b.txt"]
    passages = tuple(Passage(rank, path, "Text.", 0.5) for rank, path in enumerate(paths, 1))
    result = Answer("q", "The articles do not answer.", True, (), passages, Timings())
    html = render.abstained_message(result, 0, articles.get)
    assert html.count("Storm sinks boats") == 1 and html.count("Regatta won") == 1


@pytest.mark.integration
def test_skipped_files_are_folded_into_a_count(corpus_copy, tmp_path):
    from assistant.index import build_index
    from assistant.ui.library_tab import LibraryHandlers

    for number in range(3):
        (corpus_copy / f"empty-{number}.txt").write_text("")
    build_index(corpus_copy, tmp_path / "index")
    status = LibraryHandlers(get_settings(index_dir=tmp_path / "index")).status()
    assert "<details" in status and "3 files skipped" in status
    assert status.index("<details") < status.index("empty")  # listed inside, folded


GATHERED = Answer(
    "What did the ministry claim?",
    "Gathered from 2 articles, by speaker, oldest first:\n- …",
    False,
    (CITATION, Citation(2, "b.txt", "Toll rises", None, None, "Officials said 124 died.")),
    (),
    Timings(0.1, 0.2, 0.3),
    claims=(
        Claim(
            "Ola <i>Brandt</i>",
            "ministry spokesman",
            "2016-01-15",
            "The Independent",
            "The ministry said no civilians were hit.",
            (1,),
            0,
        ),
        Claim(None, None, "2017-09", None, "Officials said 124 died.", (2,), 1),
    ),  # fmt: skip
    disagreements=(
        Disagreement(
            "villagers",
            "Sources differ on the number of villagers: …",
            (("aid group", "at least 310", 1), ("officials", "124", 2)),
        ),
    ),  # fmt: skip
)


def test_a_gathered_answer_is_a_list_by_speaker_with_its_disagreement_and_timeline():
    html = render.answer_message(GATHERED, 2, lookup)
    assert html.count('class="claim-group"') == 2
    assert "Ola &#60;i&#62;Brandt&#60;/i&#62;" in html and "<i>" not in html  # escaped
    assert "ministry spokesman" in html and "15 Jan 2016" in html and "c. Sep 2017" in html
    assert "“Toll rises” reports" in html  # no speaker: whose report it is
    assert 'class="disagreement"' in html and "<strong>at least 310</strong>" in html
    assert html.count('href="#src-2-1"') >= 2 and 'href="#src-2-2"' in html
    assert 'class="timeline"' in html and "<time>" in html
    assert 'class="source-list"' in html and 'class="timings"' in html


def test_a_gathered_answer_streams_its_claims_and_reads_back_from_a_saved_chat():
    draft = render.gathered_draft(GATHERED.claims[:1], (), GATHERED.citations, 0)
    assert draft.count('class="claim-group"') == 1 and 'class="cursor"' in draft
    assert "timeline" not in draft
    again = Answer.from_dict(json.loads(json.dumps(GATHERED.to_dict())))
    assert again.claims == GATHERED.claims and again.disagreements == GATHERED.disagreements
