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
    page.locator("#chat button.example").first.click()
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


def test_a_gathering_question_gets_a_list_by_speaker_a_marked_disagreement_and_a_timeline(page):
    message = ask(page, "What did Russia claim about civilian deaths?")
    groups = message.locator(".gathered .claim-group")
    assert groups.count() >= 3
    speakers = " ".join(groups.locator(".claim-speaker").all_inner_texts())
    assert "Konashenkov" in speakers and "Bondarev" in speakers
    assert message.locator(".claim-when").first.inner_text()  # dated where the article dates it
    disagreement = message.locator(".disagreement")
    assert disagreement.count() == 1 and "849" in disagreement.inner_text()
    assert disagreement.locator(".disagreement-mark").is_visible()
    assert message.locator(".timeline time").count() >= 2
    OUTPUT.mkdir(parents=True, exist_ok=True)
    message.locator(".gathered-lead").scroll_into_view_if_needed()  # the list from its top
    page.evaluate("document.querySelector('#chat .gathered-lead').scrollIntoView()")
    page.screenshot(path=str(OUTPUT / "gathered-1280x800.png"))
    # Every citation of the list opens its source in the panel, as in any answer.
    cite = message.locator(".claim a.cite").nth(1)
    number = cite.inner_text().strip("[]")
    cite.click()
    selected = "document.querySelector('#sources details.selected .num')"
    page.wait_for_function(f"{selected}?.innerText.includes('[{number}]')")
    assert page.locator("#sources details.selected mark").count() >= 1


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
    page.wait_for_function(
        """() => { const m = document.querySelector('#sources .selected mark');
                   const box = m.closest('.article-text').getBoundingClientRect();
                   const r = m.getBoundingClientRect();
                   return r.top >= box.top - 1 && r.top <= box.bottom; }""",
        timeout=5000,
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
    page.click("#rebuild-no")  # asked first; cancelled, nothing happens
    page.wait_for_selector("#rebuild", state="visible")
    assert page.locator("#upload-report p").count() == 0
    page.click("#rebuild")
    page.click("#rebuild-yes")
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


# A library that is not the seed corpus: other topics, folders, outlets, an HTML entity in a
# title and a "By" byline, as real folders have.
NEWS_LIBRARY = {
    "business/lumen-results.txt": """---
title: Lumenfield Bank profit rises 12 pct
outlet: Nordic Ledger
date: 2016-02-14
author: By Jane Roe
---
Lumenfield Bank said on Sunday its 2015 net profit rose 12 pct to 480 million crowns.

Revenue was 2.1 billion crowns, the bank said. Chief executive Maria Olsen said the bank would open
14 new branches in 2016.
""",
    "business/lumen-branches.txt": """---
title: Lumenfield Bank to close rural offices
outlet: Harbour Times
date: 2016-05-02
---
Lumenfield Bank will close 9 rural offices by the end of the year, the bank said on Monday.

Maria Olsen, the chief executive, said customers had moved to mobile banking.
""",
    "sport/marovo-regatta.txt": """---
title: Marovo regatta won by Tiberan crew
outlet: Harbour Times
date: 2017-07-09
---
A crew from Tiberan won the Marovo harbour regatta on Sunday, finishing in 2 hours and 41 minutes.

The race drew 37 boats and about 5,000 spectators. Skipper Ana Petrova said her crew had trained
for two years.
""",
    "sport/tiberan-stadium.txt": """---
title: Tiberan council approves &#163;18m stadium
outlet: Nordic Ledger
date: 2017-03-21
---
The council of Tiberan approved an 18 million pound football stadium on Tuesday by 21 votes to 9.

Mayor Pavel Novak said building would start in the autumn and take two years.
""",
    "world/marovo-storm.txt": """---
title: Storm sinks fishing boats in Marovo
outlet: Coastal Gazette
date: 2018-11-06
---
A storm sank 41 fishing boats in the harbour of Marovo on Tuesday night, and the coastguard rescued
12 fishermen, the port authority said.

Harbour master Lidia Varga said repairs to the sea wall would cost about 4 million euros.
""",
}
STORM_QUESTION = "How many fishing boats did the storm sink in Marovo?"


@pytest.fixture(scope="module")
def news_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path | str]]:
    from assistant.index import build_index

    root = tmp_path_factory.mktemp("ui-news")
    corpus, index = root / "corpus", root / "index"
    for name, text in NEWS_LIBRARY.items():
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        (corpus / name).write_text(text, encoding="utf-8")
    build_index(corpus, index)
    with running_server(index, corpus, root / "server.log") as url:
        yield {"url": url, "corpus": corpus, "index": index, "root": root}


@pytest.fixture
def news_page(browser, news_served) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(news_served["url"], wait_until="load")
    page.wait_for_selector("#chat")
    yield page
    context.close()


def test_examples_and_the_library_line_come_from_this_library(news_page):
    page = news_page
    summary = page.locator("#library-summary").inner_text()
    assert "5 articles" in summary and "2016-02-14 to 2018-11-06" in summary
    assert "Harbour Times (2)" in summary and "sport (2)" in summary
    examples = page.locator("#chat button.example")
    texts = examples.all_inner_texts()
    assert len(texts) >= 2 and not any("Russia" in text for text in texts)
    assert any("Marovo" in text or "Tiberan" in text or "Lumenfield" in text for text in texts)
    examples.first.click()
    page.wait_for_selector("#chat .timings", timeout=ANSWER_TIMEOUT_MS)
    answer = page.locator("#chat .message-content").last
    assert answer.locator("a.cite").count() >= 1, answer.inner_text()


def test_sources_show_before_the_answer_is_written(news_page):
    page = news_page
    page.evaluate(
        """() => { window.seen = {};
        new MutationObserver(() => {
          const now = performance.now();
          if (!window.seen.sources && document.querySelector('#sources details.source'))
            window.seen.sources = now;
          if (!window.seen.answer && document.querySelector('#chat .answer'))
            window.seen.answer = now;
        }).observe(document.body, {subtree: true, childList: true, characterData: true}); }"""
    )
    page.fill("#question textarea", STORM_QUESTION)
    page.click("#ask")
    page.wait_for_selector("#chat .timings", timeout=ANSWER_TIMEOUT_MS)
    seen = page.evaluate("window.seen")
    assert seen["sources"] < seen["answer"], seen
    assert "41" in page.locator("#chat .answer").last.inner_text()
    assert page.locator("#chat .working, #chat .cursor").count() == 0  # no spinner left behind
    assert page.locator(".progress-text, .eta-bar").count() == 0  # Gradio's overlay not shown


def test_the_box_is_locked_while_answering_and_stop_interrupts(news_page):
    page = news_page
    page.get_by_role("tab", name="Settings").click()
    page.click("#model input")
    page.get_by_role("option").nth(1).click()  # a model not loaded yet: seconds of work
    page.get_by_role("tab", name="Chat").click()
    page.fill("#question textarea", STORM_QUESTION)
    page.click("#ask")
    page.wait_for_selector("#chat .working")
    assert page.locator("#question textarea").is_disabled()  # nothing typed can be lost
    assert page.locator("#stop").is_visible() and not page.locator("#ask").is_visible()
    page.wait_for_selector("text=Loading the language model", timeout=ANSWER_TIMEOUT_MS)
    page.click("#stop")
    page.wait_for_selector("#chat .stopped")
    page.wait_for_function("!document.querySelector('#question textarea').disabled")
    page.wait_for_selector("#ask", state="visible")
    assert not page.locator("#stop").is_visible()
    page.wait_for_timeout(1500)  # the stopped answer does not come back
    assert (
        page.locator("#chat .stopped").count() == 1 and page.locator("#chat .timings").count() == 0
    )
    page.get_by_role("tab", name="Settings").click()
    page.click("#model input")
    page.get_by_role("option").nth(0).click()
    page.get_by_role("tab", name="Chat").click()
    page.fill("#question textarea", STORM_QUESTION)
    page.click("#ask")
    page.wait_for_selector("#chat .timings", timeout=ANSWER_TIMEOUT_MS)
    assert "41" in page.locator("#chat .answer").last.inner_text()


def test_copy_gives_the_answer_as_plain_text_with_its_sources(news_page):
    page = news_page
    page.fill("#question textarea", STORM_QUESTION)
    page.click("#ask")
    page.wait_for_selector("#chat .timings", timeout=ANSWER_TIMEOUT_MS)
    page.locator("#chat button[aria-label='Copy message']").last.click()
    page.wait_for_function("window.newsAssistantCopied !== undefined")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "41 [1]" in copied and "\nSources:\n[1] Storm sinks fishing boats in Marovo" in copied
    assert "Coastal Gazette" in copied and "<" not in copied and "&#" not in copied
    assert "search" not in copied  # not the timings line


def test_titles_and_bylines_read_as_written_at_both_widths(news_page):
    page = news_page
    page.fill("#question textarea", "How much will the Tiberan stadium cost?")
    page.click("#ask")
    page.wait_for_selector("#chat .timings", timeout=ANSWER_TIMEOUT_MS)
    assert "£18m stadium" in page.locator("#chat .source-list").last.inner_text()
    page.fill("#question textarea", "How much did Lumenfield Bank earn in 2015?")
    page.click("#ask")
    page.wait_for_function("document.querySelectorAll('#chat .timings').length === 2",
                           timeout=ANSWER_TIMEOUT_MS)  # fmt: skip
    panel = page.locator("#sources").inner_text()
    assert "By Jane Roe" in panel and "By By" not in panel
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "news-library-1280x800.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_timeout(300)
    page.screenshot(path=str(OUTPUT / "news-library-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.get_by_role("tab", name="Settings").click()  # the model's name fits a phone
    fits = page.evaluate(
        "() => { const i = document.querySelector('#model input');"
        " return i.scrollWidth <= i.clientWidth; }"
    )
    assert fits
    page.get_by_role("tab", name="Chat").click()
    # the chat's bin icon is opaque: a message's copy icon scrolling under it does not show
    background = page.evaluate(
        """() => getComputedStyle(document.querySelector("#chat button[aria-label='Clear']")
                 .closest('.icon-button-wrapper')).backgroundColor"""
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), background
    # the message buttons do not sit on top of one another
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('#chat button[aria-label]')]
            .filter((b) => b.offsetParent).map((b) => b.getBoundingClientRect())
            .map((r) => [r.left, r.top, r.right, r.bottom])"""
    )
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = (
                min(a[2], b[2]) - max(a[0], b[0]) > 2 and min(a[3], b[3]) - max(a[1], b[1]) > 2
            )
            assert not overlap, (a, b)


def test_a_settings_error_is_said_and_the_conversation_stays(news_page):
    page = news_page
    page.fill("#question textarea", STORM_QUESTION)
    page.click("#ask")
    page.wait_for_selector("#chat .timings", timeout=ANSWER_TIMEOUT_MS)
    page.get_by_role("tab", name="Settings").click()
    page.fill("#since textarea, #since input", "last week")
    page.get_by_role("tab", name="Chat").click()
    page.fill("#question textarea", "Who won the Marovo regatta?")
    page.click("#ask")
    page.wait_for_selector("#chat .answer-error")
    assert "YYYY-MM-DD" in page.locator("#chat .answer-error").inner_text()
    assert "41 [1]" in page.locator("#chat").inner_text()  # the earlier answer still in view
    page.wait_for_function("!document.querySelector('#question textarea').disabled")
    assert page.locator("#ask").is_visible()


def test_conversations_are_saved_in_the_browser_regenerated_and_exported(news_page):
    page = news_page
    page.fill("#question textarea", STORM_QUESTION)
    page.click("#ask")
    page.wait_for_selector("#chat .timings", timeout=ANSWER_TIMEOUT_MS)
    page.fill("#question textarea", "Who won the Marovo regatta?")
    page.click("#ask")
    page.wait_for_function("document.querySelectorAll('#chat .timings').length === 2",
                           timeout=ANSWER_TIMEOUT_MS)  # fmt: skip
    page.wait_for_timeout(500)  # saved after the answer
    with page.expect_download() as download:
        page.click("#export")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert f"## {STORM_QUESTION}" in exported and "## Who won the Marovo regatta?" in exported
    assert "[1] Storm sinks fishing boats in Marovo (Coastal Gazette, 2018-11-06)" in exported

    page.click("#regenerate")  # the last answer is asked again and replaced, not added
    page.wait_for_selector("#chat .working")
    page.wait_for_function("document.querySelectorAll('#chat .timings').length === 2",
                           timeout=ANSWER_TIMEOUT_MS)  # fmt: skip
    assert page.locator("#chat .message-content").count() == 4
    page.wait_for_timeout(500)

    page.reload(wait_until="load")  # a reload starts an empty chat, the conversation is kept
    page.wait_for_selector("#chat")
    assert page.locator("#chat .message-content").count() == 0
    page.locator("#saved-conversations").get_by_text("Saved conversations").click()
    page.click("#saved-list input")
    saved = page.get_by_role("option").all_inner_texts()
    assert len(saved) == 1 and STORM_QUESTION in saved[0]
    page.get_by_role("option").first.click()
    page.click("#open-saved")
    page.wait_for_function("document.querySelectorAll('#chat .timings').length === 2")
    page.locator("#chat a.cite").first.click()  # its sources open as before
    page.wait_for_selector("#sources details.selected mark")
    assert "Marovo" in page.locator("#sources details.selected").inner_text()
    page.click("#delete-saved")
    page.click("#saved-list input")
    assert page.get_by_role("option").count() == 0


def test_the_library_is_searched_sorted_paged_and_asked_about(news_page):
    page = news_page
    page.get_by_role("tab", name="Library").click()
    page.wait_for_selector("#articles table")
    caption = page.locator("#articles caption").inner_text()
    assert "5 articles in the library · page 1 of 1" in caption
    page.click("#articles a[href='#sort-title']")
    page.wait_for_selector("#articles th[aria-sort=ascending]")
    titles = page.locator("#articles tbody td:first-child").all_inner_texts()
    assert titles == sorted(titles, key=str.lower)
    page.click("#articles a[href='#sort-title']")
    page.wait_for_selector("#articles th[aria-sort=descending]")
    page.fill("#library-search textarea, #library-search input", "lumenfield")
    page.wait_for_function(
        "document.querySelector('#articles caption').innerText.includes('2 match')"
    )
    page.fill("#library-search textarea, #library-search input", "")
    page.click("#library-folder input")
    page.get_by_role("option", name="sport").click()
    page.wait_for_function(
        "document.querySelector('#articles caption').innerText.includes('2 match')"
    )
    page.click("#ask-these")
    page.wait_for_selector("#scope-line .scope")
    assert "the folder “sport”" in page.locator("#scope-line").inner_text()
    page.fill("#question textarea", "How many boats?")
    page.click("#ask")
    page.wait_for_selector("#chat .timings", timeout=ANSWER_TIMEOUT_MS)
    metas = page.locator("#chat .source-list .meta").all_inner_texts()
    assert metas and all("sport/" in meta for meta in metas)  # the storm article is not asked
    page.click("#scope-clear")
    page.wait_for_selector("#scope-row", state="hidden")


def test_the_highlighted_passage_is_readable_in_dark_mode(browser, news_served):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    page = context.new_page()
    page.goto(news_served["url"] + "?__theme=dark", wait_until="load")
    page.wait_for_selector("#chat")
    page.fill("#question textarea", STORM_QUESTION)
    page.click("#ask")
    page.wait_for_selector("#sources details.selected mark", timeout=ANSWER_TIMEOUT_MS)
    colours = page.evaluate(
        """() => { const m = getComputedStyle(document.querySelector('#sources mark'));
                   return [m.color, m.backgroundColor]; }"""
    )

    def luminance(css: str) -> float:
        red, green, blue = (int(x) for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    text, background = (luminance(colour) for colour in colours)
    assert background - text > 120, colours  # dark text on the pale mark, not white on yellow
    context.close()
