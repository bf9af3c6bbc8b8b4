"""The Gradio UI: chat beside a sources panel, the library of indexed articles, and settings.

Layout and event wiring only; the handlers are in chat.py and library_tab.py, the HTML in
render.py, the page's style and its one script (citation clicks) in static/.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from assistant.config import Settings, get_settings
from assistant.errors import AssistantError
from assistant.library import ALL_FOLDERS
from assistant.ui import render
from assistant.ui.chat import (
    ANY_OUTLET,
    QUESTION_PLACEHOLDER,
    ChatHandlers,
    library_overview_or_none,
    model_choices,
)
from assistant.ui.conversations import saved_choices
from assistant.ui.library_tab import LibraryHandlers

STATIC = Path(__file__).parent / "static"
# After the panel changes: scroll its article to the highlighted passage (see bridge.js).
SHOW_PASSAGE = "() => window.newsAssistantShowPassage && window.newsAssistantShowPassage(true)"
SHOW_PASSAGE_QUIETLY = (
    "() => window.newsAssistantShowPassage && window.newsAssistantShowPassage(false)"
)
PRIVATE = {"api_visibility": "private"}  # UI plumbing, not part of the server's API
log = logging.getLogger(__name__)


def build_app(settings: Settings) -> Any:
    """The Blocks app (not launched)."""
    import gradio as gr

    chat = ChatHandlers(settings)
    library = LibraryHandlers(settings)
    with gr.Blocks(title="News assistant", fill_width=True) as app:
        gr.HTML(
            '<header class="app-header"><h1>News assistant</h1><p>Answers only from your '
            "articles, each claim citing its source. Runs offline.</p></header>"
        )
        overview = library_overview_or_none(settings.index_dir)
        with gr.Tabs() as tabs:
            with gr.Tab("Chat", id="chat-tab") as chat_tab:
                controls = _chat_tab(gr, chat, overview)
            with gr.Tab("Library", id="library-tab") as library_tab:
                shelf = _library_tab(gr, library)
            with (
                gr.Tab("Settings", id="settings-tab") as settings_tab,
                gr.Column(elem_id="settings-panel"),
            ):
                settings_inputs = _settings_tab(gr, settings)
        _wire_chat(gr, chat, controls, settings_inputs)
        status, table = shelf["status"], shelf["table"]
        library_tab.select(library.refresh, None, [status, table], queue=False, **PRIVATE)
        library_tab.select(library.folders, None, shelf["folder"], queue=False, **PRIVATE)
        # "Ask only about these": the chat keeps to the articles the table shows.
        scope_outputs = [controls["scope"], controls["scope_row"], controls["scope_line"], tabs]
        shelf["choose"].click(
            chat.limit_to, [shelf["scope"], shelf["search"], shelf["folder"]], scope_outputs,
            queue=False, **PRIVATE,
        )  # fmt: skip
        controls["scope_clear"].click(
            chat.all_articles, None, scope_outputs[:3], queue=False, **PRIVATE
        )
        app.load(library.refresh, None, [status, table], queue=False, **PRIVATE)
        # What the library holds, and examples from it: anew on each visit of the chat tab.
        about = [controls["summary"], controls["chatbot"]]
        app.load(chat.overview, None, about, queue=False, **PRIVATE)
        app.load(saved_choices, controls["saved"], controls["saved_list"], queue=False, **PRIVATE)
        chat_tab.select(chat.overview, None, about, queue=False, **PRIVATE)
        outlet = settings_inputs[3]
        settings_tab.select(chat.outlet_choices, None, outlet, queue=False, **PRIVATE)
        gr.api(chat.api_answer, api_name="ask")
    return app


def _chat_tab(gr: Any, chat: ChatHandlers, overview: Any) -> dict[str, Any]:
    summary = gr.HTML(render.library_summary(overview), elem_id="library-summary", padding=False)
    with gr.Row(visible=False, elem_id="scope-row") as scope_row:
        scope_line = gr.HTML(elem_id="scope-line", padding=False)
        scope_clear = gr.Button("Ask about all articles", size="sm", scale=0, min_width=180,
                                elem_id="scope-clear")  # fmt: skip
    examples = overview.examples if overview else []
    with gr.Row(equal_height=False, elem_id="chat-row"):
        with gr.Column(scale=3, min_width=340):
            chatbot = gr.Chatbot(
                elem_id="chat",
                height="64vh",
                min_height=360,
                show_label=False,
                placeholder="<strong>Ask about the articles.</strong><br>Every answer cites the "
                "articles it comes from; click a citation to read the passage in context.",
                examples=[{"text": question} for question in examples] or None,
                buttons=["copy"],
                feedback_options=None,
                latex_delimiters=[],
            )
            with gr.Row(elem_id="ask-row"):
                question = gr.Textbox(
                    placeholder=QUESTION_PLACEHOLDER,
                    show_label=False,
                    scale=1,
                    min_width=180,
                    lines=1,
                    max_lines=4,
                    elem_id="question",
                    autofocus=True,
                )
                ask = gr.Button("Ask", variant="primary", scale=0, min_width=90, elem_id="ask")
                stop = gr.Button(
                    "Stop", variant="stop", scale=0, min_width=90, elem_id="stop", visible=False
                )
                new_chat = gr.Button("New chat", scale=0, min_width=110, elem_id="new-chat")
            with gr.Row(elem_id="conversation-row"):
                regenerate = gr.Button(
                    "Regenerate last answer", size="sm", min_width=170, elem_id="regenerate"
                )
                export = gr.DownloadButton(
                    "Export chat (Markdown)", size="sm", min_width=170, elem_id="export"
                )
            with gr.Accordion("Saved conversations", open=False, elem_id="saved-conversations"):
                gr.Markdown(
                    "Each conversation is saved in this browser after every answer; nothing "
                    "leaves it. Open one to go on with it."
                )
                with gr.Row():
                    saved_list = gr.Dropdown(
                        [], show_label=False, scale=3, min_width=200, elem_id="saved-list"
                    )
                    open_saved = gr.Button("Open", size="sm", scale=0, min_width=80,
                                           elem_id="open-saved")  # fmt: skip
                    delete_saved = gr.Button("Delete", size="sm", scale=0, min_width=80,
                                             elem_id="delete-saved")  # fmt: skip
        with gr.Column(scale=2, min_width=300, elem_id="sources-column"):
            sources = gr.HTML(render.EMPTY_PANEL, elem_id="sources", padding=False)
    return {
        "regenerate": regenerate,
        "export": export,
        "saved_list": saved_list,
        "open_saved": open_saved,
        "delete_saved": delete_saved,
        "saved": gr.BrowserState(
            [], storage_key="news-assistant-conversations", secret="news-assistant-local"
        ),
        "conversation": gr.State(""),
        "summary": summary,
        "chatbot": chatbot,
        "question": question,
        "ask": ask,
        "stop": stop,
        "new_chat": new_chat,
        "sources": sources,
        "turns": gr.State([]),
        "pending": gr.State(""),
        # "Ask only about these" (library tab): the articles or folder questions are limited to.
        "scope": gr.State(()),
        "scope_row": scope_row,
        "scope_line": scope_line,
        "scope_clear": scope_clear,
        # Citation clicks arrive through these two (see static/bridge.js).
        "cite_target": gr.Textbox(visible="hidden", elem_id="cite-target"),
        "cite_open": gr.Button("open source", visible="hidden", elem_id="cite-open"),
    }


def _library_tab(gr: Any, library: LibraryHandlers) -> dict[str, Any]:
    status = gr.Markdown(elem_id="index-status")
    with gr.Row(equal_height=False):
        with gr.Column(scale=2, min_width=300):
            upload = gr.File(
                label="Add articles: .txt, .md, .html or .pdf (saved to the corpus, then indexed)",
                file_count="multiple",
                type="filepath",
                elem_id="upload",
            )
            report = gr.HTML(elem_id="upload-report")
            rebuild = gr.Button("Rebuild index", variant="secondary", elem_id="rebuild")
            with gr.Group(visible=False, elem_id="rebuild-confirm") as confirm:
                gr.Markdown(
                    "Rebuild reads and embeds every article again: minutes for a large "
                    "library. Questions are still answered meanwhile."
                )
                with gr.Row():
                    confirmed = gr.Button("Rebuild now", variant="stop", elem_id="rebuild-yes")
                    cancel = gr.Button("Cancel", elem_id="rebuild-no")
        with gr.Column(scale=3, min_width=300):
            with gr.Row(elem_id="library-tools"):
                search = gr.Textbox(
                    placeholder="Search titles, outlets, dates, files…", show_label=False,
                    scale=3, min_width=160, elem_id="library-search",
                )  # fmt: skip
                folder = gr.Dropdown(
                    [("All folders", ALL_FOLDERS)], value=ALL_FOLDERS, show_label=False,
                    scale=1, min_width=140, elem_id="library-folder",
                )  # fmt: skip
            table = gr.HTML(elem_id="articles")
            with gr.Row(elem_id="library-pager"):
                previous = gr.Button("◀ Previous", size="sm", min_width=100, elem_id="page-prev")
                following = gr.Button("Next ▶", size="sm", min_width=100, elem_id="page-next")
                choose = gr.Button(
                    "Ask only about these", size="sm", variant="primary", min_width=160,
                    elem_id="ask-these",
                )  # fmt: skip
    page, scope = gr.State(1), gr.State(())
    # Column-head clicks arrive through these two (see static/bridge.js).
    sort = gr.Textbox("date", visible="hidden", elem_id="library-sort")
    sort_open = gr.Button("sort", visible="hidden", elem_id="sort-open")

    def add(files: list[str] | None, progress: Any = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        return (*library.upload(files, progress), None)

    def rebuild_all(progress: Any = gr.Progress()) -> tuple[Any, ...]:  # noqa: B008
        return library.rebuild(progress)

    def first_page(query: str, chosen: str, order: str) -> tuple[Any, ...]:
        return library.view(query, chosen, order, 1)

    def turn_page(step: int) -> Any:
        return lambda query, chosen, order, at: library.view(query, chosen, order, at + step)

    shown = [table, page, scope]
    quiet = {"queue": False, **PRIVATE}
    for change in (search.change, folder.change):
        change(first_page, [search, folder, sort], shown, **quiet)
    previous.click(turn_page(-1), [search, folder, sort, page], shown, **quiet)
    following.click(turn_page(+1), [search, folder, sort, page], shown, **quiet)
    sort_open.click(
        library.resort, [sort, sort], sort,
        js="(order) => [order, window.newsAssistantSort || order]", **quiet,
    ).then(first_page, [search, folder, sort], shown, **quiet)  # fmt: skip
    # One indexing job at a time across all sessions; questions keep being answered meanwhile.
    indexing = {"concurrency_id": "index", "concurrency_limit": 1, **PRIVATE}
    upload.upload(add, upload, [report, status, table, upload], **indexing)
    # Rebuilding everything is asked for twice: a stray click costs nothing.
    rebuild.click(lambda: (gr.update(visible=False), gr.update(visible=True)), None,
                  [rebuild, confirm], **quiet)  # fmt: skip
    settle = (lambda: (gr.update(visible=True), gr.update(visible=False)), None, [rebuild, confirm])
    cancel.click(*settle, **quiet)
    confirmed.click(*settle, **quiet).then(rebuild_all, None, [report, status, table], **indexing)
    return {"status": status, "table": table, "folder": folder, "search": search,
            "choose": choose, "scope": scope}  # fmt: skip


def _settings_tab(gr: Any, settings: Settings) -> list[Any]:
    choices = [choice.label for choice in model_choices(settings)]
    passages = gr.Slider(
        1, 20, value=settings.answering.articles, step=1, label="Articles searched per question",
        info="Every sentence of this many of the best-matching articles competes as evidence.",
        elem_id="passages",
    )  # fmt: skip
    strictness = gr.Slider(
        0.0, 1.0, value=settings.answering.strictness, step=0.05, label="Answer strictness",
        info="How sure the assistant must be that the evidence answers before it answers, "
        "instead of saying the articles do not answer. Higher: fewer answers, fewer mistakes.",
        elem_id="strictness",
    )  # fmt: skip
    model = gr.Dropdown(
        choices, value=choices[0], label="Language model",
        info="The language models this assistant offers. Each is loaded on its first use, "
        "which takes a few seconds.",
        elem_id="model",
    )  # fmt: skip
    gr.Markdown("**Filters**: answer only from some of the articles.")
    with gr.Row():
        outlet = gr.Dropdown(
            [ANY_OUTLET], value=ANY_OUTLET, label="Outlet", elem_id="outlet", min_width=200
        )
        since = gr.Textbox(label="From", placeholder="YYYY-MM-DD", elem_id="since", min_width=140)
        until = gr.Textbox(label="To", placeholder="YYYY-MM-DD", elem_id="until", min_width=140)
    gr.Markdown(
        "A date filter keeps only dated articles. These settings apply to this browser tab only."
    )
    return [passages, strictness, model, outlet, since, until]


def _wire_chat(gr: Any, chat: ChatHandlers, c: dict[str, Any], settings_inputs: list[Any]) -> None:
    answer_inputs = [c["pending"], c["chatbot"], c["turns"], *settings_inputs, c["scope"]]
    answer_outputs = [c["chatbot"], c["turns"], c["sources"]]
    busy_outputs = [c["question"], c["ask"], c["stop"]]
    start_io = ([c["question"], c["chatbot"]], [c["chatbot"], c["pending"], *busy_outputs])
    answering = []
    saved_outputs = [c["conversation"], c["saved"], c["saved_list"], c["export"]]

    def answer_after(started: Any) -> None:
        """After `chat.start` showed the question: stream the answer, then scroll the panel.
        While it runs the question box is locked and Stop replaces Ask: a question typed
        meanwhile can be neither lost nor mixed into the running answer."""
        # One progress indicator: the message's own ("Searching the articles…"), not Gradio's
        # overlay on every output.
        event = started.then(
            chat.respond, answer_inputs, answer_outputs, show_progress="hidden", **PRIVATE
        )
        answering.append(event)
        event.then(chat.idle, None, busy_outputs, queue=False, **PRIVATE).then(
            None, js=SHOW_PASSAGE_QUIETLY, **PRIVATE
        )
        event.then(chat.save, [c["conversation"], c["turns"], c["saved"]], saved_outputs,
                   queue=False, **PRIVATE)  # fmt: skip

    for trigger in (c["question"].submit, c["ask"].click):
        answer_after(trigger(chat.start, *start_io, queue=False, **PRIVATE))
    example = c["chatbot"].example_select(chat.example, None, c["question"], queue=False, **PRIVATE)
    answer_after(example.then(chat.start, *start_io, queue=False, **PRIVATE))
    c["stop"].click(
        chat.stopped, c["chatbot"], c["chatbot"], cancels=answering, queue=False, **PRIVATE
    ).then(chat.idle, None, busy_outputs, queue=False, **PRIVATE)
    regenerate_outputs = [c["chatbot"], c["turns"], c["pending"], *busy_outputs]
    answer_after(
        c["regenerate"].click(
            chat.regenerate, [c["chatbot"], c["turns"]], regenerate_outputs, queue=False,
            **PRIVATE,
        )
    )  # fmt: skip
    opened = [c["chatbot"], c["turns"], c["sources"], c["conversation"], c["export"]]
    c["open_saved"].click(chat.open_saved, [c["saved_list"], c["saved"]], opened, queue=False,
                          **PRIVATE)  # fmt: skip
    c["delete_saved"].click(chat.delete_saved, [c["saved_list"], c["saved"]],
                            [c["saved"], c["saved_list"]], queue=False, **PRIVATE)  # fmt: skip
    new_chat_outputs = [c["chatbot"], c["turns"], c["sources"], c["question"]]
    forget = (lambda: ("", None), None, [c["conversation"], c["export"]])
    for clear in (c["new_chat"].click, c["chatbot"].clear):
        clear(chat.new_chat, None, new_chat_outputs, queue=False, **PRIVATE).then(
            *forget, queue=False, **PRIVATE
        )
    c["cite_open"].click(
        chat.open_source,
        [c["cite_target"], c["turns"]],
        c["sources"],
        js="(target, turns) => [window.newsAssistantSource || target, turns]",
        queue=False,
        **PRIVATE,
    ).then(None, js=SHOW_PASSAGE, **PRIVATE)


def warm_up(settings: Settings) -> None:
    """Open the index and load both models now, so the first question does not wait for them."""
    from assistant.embedding import get_embedder
    from assistant.generation import LlamaCppGenerator, get_generator
    from assistant.index import open_index

    get_embedder(settings.embedding_model).embed(["warm up"])
    generator = get_generator(settings)
    if isinstance(generator, LlamaCppGenerator):
        generator.load()
    try:
        open_index(settings.index_dir)
    except AssistantError as error:  # the UI still starts: articles can be added in its library
        log.warning("%s", error)
        return
    from assistant.pipeline import answer

    # One real question runs every first-time path (tokenizers, sentence splitter, llama.cpp
    # buffers). Measured here: the example question as the first one took 4.6 s without this,
    # 2.2 s with it.
    overview = library_overview_or_none(settings.index_dir)
    answer(overview.examples[0] if overview and overview.examples else "What happened?",
           settings.index_dir)  # fmt: skip


def theme(gr: Any) -> Any:
    """Gradio's Soft theme with the system's fonts: the page fetches nothing from the internet."""
    return gr.themes.Soft(
        primary_hue="blue",
        neutral_hue="slate",
        font=["ui-sans-serif", "system-ui", "Segoe UI", "Roboto", "sans-serif"],
        font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
    )


def serve(
    index_dir: Path | None = None,
    host: str = "127.0.0.1",
    port: int = 7860,
    corpus_dir: Path | None = None,
    models: tuple[Path, ...] = (),
    **settings_overrides: Any,
) -> None:
    """Serve the UI until interrupted (blocks). `settings_overrides` are Settings fields."""
    import gradio as gr

    overrides: dict[str, Any] = {
        "index_dir": index_dir, "corpus_dir": corpus_dir, **settings_overrides
    }  # fmt: skip
    if models:
        overrides["ui_models"] = [Path(model).expanduser().resolve() for model in models]
    settings = get_settings(**overrides)
    warm_up(settings)
    app = build_app(settings)
    app.queue(default_concurrency_limit=4).launch(
        server_name=host,
        server_port=port,
        show_error=True,
        footer_links=[],
        theme=theme(gr),
        css_paths=[STATIC / "style.css"],
        head=f"<script>{(STATIC / 'bridge.js').read_text(encoding='utf-8')}</script>",
    )
