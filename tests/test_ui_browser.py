"""End-to-end tests of the web UI in headless Chromium (Debian's), driven by Playwright.

One real server (real models, real index on disk, its own copy of the corpus) for the module;
a fresh browser page per test. Screenshots of the answered chat go to test-output/ui/.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import PROJECT, SEED_CORPUS
from server import running_server

pytestmark = pytest.mark.integration

CHROMIUM = Path("/usr/bin/chromium")
# Without the networking switches Chromium keeps trying hosts this offline machine cannot reach.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
OUTPUT = PROJECT / "test-output" / "ui"
EXAMPLE = "What did Russia claim about civilian deaths?"
ANSWER_TIMEOUT_MS = 90_000
NEW_ARTICLE = """---
title: Fishing fleet seized in Marovo harbour
outlet: Coastal Gazette
date: 2019-03-04
author: Ana Petrova
---
The harbour authority of Marovo seized 37 fishing boats on Monday after inspectors found nets
below the legal mesh size.

Harbour master Lidia Varga said the owners would be fined and the boats returned within a month.
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path | str]]:
    from assistant.index import build_index

    root = tmp_path_factory.mktemp("ui")
    corpus, index = root / "corpus", root / "index"
    shutil.copytree(SEED_CORPUS, corpus)
    build_index(corpus, index)
    with running_server(index, corpus, root / "server.log") as url:
        yield {"url": url, "corpus": corpus, "index": index, "root": root}


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: `sudo apt-get install chromium` (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, served) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(served["url"], wait_until="load")
    page.wait_for_selector("#chat")
    yield page
    context.close()


def ask(page, question: str) -> object:
    """Type a question, send it, and return the locator of the finished answer message."""
    answers_before = page.locator("#chat .timings").count()
    page.fill("#question textarea", question)
    page.click("#ask")
    page.wait_for_function(
        f"document.querySelectorAll('#chat .timings').length > {answers_before}",
        timeout=ANSWER_TIMEOUT_MS,
    )
    return page.locator("#chat .message-content").last


def test_example_question_gets_a_cited_answer_and_a_clean_layout(page):
    page.get_by_text(EXAMPLE).first.click()
    page.wait_for_selector("#chat .working, #chat .cursor, #chat .timings")  # visible progress
    page.wait_for_selector("#chat .timings", timeout=ANSWER_TIMEOUT_MS)
    answer = page.locator("#chat .message-content").last
    assert answer.locator(".answer a.cite").count() >= 1
    assert "search" in answer.locator(".timings").inner_text()
    sources = answer.locator(".source-list li")
    assert sources.count() >= 1 and ".txt" in sources.first.inner_text()
    assert page.locator("#sources details.selected mark").count() >= 1  # panel filled at once
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "answered-1280x800.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280

    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)
    page.screenshot(path=str(OUTPUT / "answered-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing off-screen
    assert page.locator("#question textarea").is_visible()
    assert page.locator("#ask").is_visible()


def test_citation_opens_the_article_with_the_passage_highlighted(page):
    answer = ask(page, "What civilian death toll did Amnesty International give?")
    page.click("#new-chat")  # then reopen the panel only through the citation
    page.wait_for_selector("#sources .panel-empty")
    assert page.locator("#sources mark").count() == 0
    answer = ask(page, "What civilian death toll did Amnesty International give?")
    citation = answer.locator(".answer a.cite").first
    title = citation.get_attribute("title")
    citation.click()
    page.wait_for_selector("#sources details.selected mark")
    selected = page.locator("#sources details.selected")
    assert title in selected.locator(".source-title").inner_text()
    assert ".txt" in selected.locator(".meta").first.inner_text()  # file name shown
    highlighted = " ".join(selected.locator("mark").all_inner_texts())
    assert "Amnesty" in highlighted
    assert selected.locator(".article-text p").count() > 3  # the passage in its article
    # The passage is scrolled into view inside the article box.
    assert page.evaluate(
        """() => { const m = document.querySelector('#sources .selected mark');
                   const box = m.closest('.article-text').getBoundingClientRect();
                   const r = m.getBoundingClientRect();
                   return r.top >= box.top - 1 && r.top <= box.bottom; }"""
    )
    page.screenshot(path=str(OUTPUT / "citation-opened.png"))


def test_unanswerable_question_is_shown_as_abstained_with_closest_articles(page):
    answer = ask(page, "What did the Pope say about the election in Brazil?")
    abstained = answer.locator(".abstained")
    assert abstained.count() == 1 and "Not in the articles" in abstained.inner_text()
    assert answer.locator(".answer").count() == 0
    closest = abstained.locator("a.cite")
    assert closest.count() >= 1
    closest.first.click()
    page.wait_for_selector("#sources details.selected")
    assert "Closest passages" in page.locator("#sources .panel-title").inner_text()


def test_follow_up_uses_history_and_new_chat_clears_it(page):
    ask(page, "What did Amnesty International report?")
    follow_up = ask(page, "What death toll did it give?")
    assert follow_up.locator(".answer").count() == 1, follow_up.inner_text()
    page.click("#new-chat")
    page.wait_for_function("document.querySelectorAll('#chat .message-content').length === 0")
    assert "Click a citation" in page.locator("#sources").inner_text()


def test_uploaded_article_is_indexed_and_answers_what_only_it_knows(page, served):
    article = served["root"] / "marovo-harbour.md"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    before = ask(page, "How many fishing boats were seized in Marovo harbour?")
    assert before.locator(".abstained").count() == 1  # not known before the upload

    page.get_by_role("tab", name="Library").click()
    page.set_input_files("#upload input[type=file]", str(article))
    page.wait_for_selector("#upload-report li.added", timeout=ANSWER_TIMEOUT_MS)
    assert "Coastal Gazette" in page.locator("#upload-report").inner_text()
    assert "Marovo" in page.locator("#articles").inner_text()
    assert (served["corpus"] / "marovo-harbour.md").read_text() == NEW_ARTICLE

    page.get_by_role("tab", name="Chat").click()
    after = ask(page, "How many fishing boats were seized in Marovo harbour?")
    assert "37" in after.locator(".answer").inner_text()
    assert "Coastal Gazette" in after.locator(".source-list").inner_text()


def test_bad_uploads_get_clear_errors_and_change_nothing(page, served):
    binary = served["root"] / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    unsupported = served["root"] / "report.docx"
    unsupported.write_bytes(b"PK\x03\x04 not an article")
    corpus_before = sorted(p.name for p in served["corpus"].rglob("*"))
    manifest_before = (served["index"] / "manifest.json").read_text()

    page.get_by_role("tab", name="Library").click()
    page.set_input_files("#upload input[type=file]", [str(binary), str(unsupported)])
    page.wait_for_selector("#upload-report li.rejected")
    report = page.locator("#upload-report").inner_text()
    assert "photo.txt was not added: file looks binary, not text" in report
    assert "report.docx was not added: .docx files are not supported" in report
    assert page.locator("#upload-report [role=alert], #upload-report[role=alert]").count() == 1
    page.screenshot(path=str(OUTPUT / "upload-rejected.png"))
    assert sorted(p.name for p in served["corpus"].rglob("*")) == corpus_before
    assert (served["index"] / "manifest.json").read_text() == manifest_before


def test_two_tabs_asking_at_once_both_get_answers(browser, served):
    questions = [EXAMPLE, "What did the US State Department say about Russian air strikes?"]
    results: list[str] = []
    pages = []
    for _ in questions:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        tab = context.new_page()
        tab.goto(served["url"], wait_until="load")
        tab.wait_for_selector("#chat")
        pages.append(tab)
    for tab, question in zip(pages, questions, strict=True):
        tab.fill("#question textarea", question)
        tab.click("#ask")  # both sent before either is answered
    for tab in pages:
        tab.wait_for_selector("#chat .timings", timeout=ANSWER_TIMEOUT_MS)
        results.append(tab.locator("#chat .message-content").last.inner_text())
        tab.context.close()
    assert all("total" in result for result in results)
    assert results[0] != results[1]


def test_no_file_outside_corpus_and_index_can_be_fetched(served):
    url = served["url"].rstrip("/")
    outside = ("/etc/passwd", str(PROJECT / "pyproject.toml"), str(served["root"] / "server.log"))
    for path in outside:
        for route in (f"/gradio_api/file={path}", f"/file={path}", f"/gradio_api/file/{path}"):
            response = httpx.get(url + route, timeout=10)
            assert response.status_code in {403, 404}, (route, response.status_code)
            assert "root:" not in response.text and "[project]" not in response.text


def test_strictness_setting_applies_to_this_tab_only(page, browser, served):
    page.get_by_role("tab", name="Settings").click()
    strictness = page.locator("#strictness input[type=number]")
    strictness.fill("1")
    strictness.press("Enter")
    page.get_by_role("tab", name="Chat").click()
    strict = ask(page, EXAMPLE)
    assert strict.locator(".abstained").count() == 1  # 1: never sure enough to answer

    context = browser.new_context()
    other = context.new_page()
    other.goto(served["url"], wait_until="load")
    other.wait_for_selector("#chat")
    assert ask(other, EXAMPLE).locator(".answer a.cite").count() >= 1  # default strictness
    context.close()


def test_rebuild_button_rebuilds_the_index_with_progress_and_a_report(page):
    page.get_by_role("tab", name="Library").click()
    page.click("#rebuild")
    page.wait_for_selector("#upload-report p", timeout=ANSWER_TIMEOUT_MS)
    report = page.locator("#upload-report").inner_text()
    assert report.startswith("Rebuilt: ") and " articles, " in report
    assert "Index" in page.locator("#index-status").inner_text()


def test_outlet_filter_limits_the_sources(page):
    page.get_by_role("tab", name="Settings").click()
    page.click("#outlet input")
    page.get_by_role("option", name="TRT World").click()
    page.get_by_role("tab", name="Chat").click()
    answer = ask(page, "What did the US say about Russian strikes?")
    metas = answer.locator(".source-list .meta").all_inner_texts()
    assert metas and all("TRT World" in meta for meta in metas)
