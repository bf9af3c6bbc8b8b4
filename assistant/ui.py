"""The Gradio chat UI: streamed answers, then their sources (title, outlet, date, quote)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from assistant.config import get_settings
from assistant.errors import AssistantError
from assistant.records import Answer, Citation

EXAMPLES = [
    "What did Russia claim about civilian deaths?",
    "What civilian death toll did Amnesty International give?",
    "How did Russia's defence ministry describe the reports?",
]


def format_source(citation: Citation) -> str:
    """One source line in Markdown: number, title, outlet and date, file, quoted passage."""
    details = " · ".join(part for part in (citation.publisher, citation.published) if part)
    header = f"**[{citation.number}] {html.escape(citation.title, quote=False)}**"
    if details:
        header += f" — {html.escape(details, quote=False)}"
    return f"{header}  \n`{citation.path}`  \n> {html.escape(citation.quote, quote=False)}"


def format_answer(result: Answer) -> str:
    """The final chat message: the answer, then its sources (or the abstention, plainly)."""
    if result.abstained:
        return f"⚠️ {result.text}"
    sources = "\n\n".join(format_source(citation) for citation in result.citations)
    timing = result.timings
    footer = (
        f"<sub>retrieval {timing.retrieve_s:.2f} s · first token {timing.first_token_s:.2f} s · "
        f"total {timing.total_s:.2f} s</sub>"
    )
    return f"{result.text}\n\n**Sources**\n\n{sources}\n\n{footer}"


def respond(message: str, history: list[dict[str, Any]], index_dir: Path | None) -> Iterator[str]:
    """Gradio's chat function: stream the draft, then replace it with the cited answer."""
    import gradio as gr

    from assistant.pipeline import answer

    if not message.strip():
        yield "Please type a question about the articles."
        return
    try:
        stream = answer(message, index_dir=index_dir, history=history, stream=True)
        draft = ""
        for piece in stream:
            draft += piece
            yield draft
        yield format_answer(stream.answer)
    except AssistantError as error:
        raise gr.Error(str(error)) from error


def build_app(index_dir: Path | None = None) -> Any:
    import gradio as gr

    chatbot = gr.Chatbot(
        height="70vh",
        placeholder="Ask about the articles in the corpus. Every answer cites its sources.",
        buttons=["copy"],
    )

    def chat(message: str, history: list[dict[str, Any]]) -> Iterator[str]:
        yield from respond(message, history, index_dir)  # a generator function, so Gradio streams

    return gr.ChatInterface(
        fn=chat,
        chatbot=chatbot,
        examples=EXAMPLES,
        title="News assistant",
        description="Answers come only from the indexed articles, with numbered sources.",
        concurrency_limit=4,
        fill_height=True,
        api_name="ask",
    )


def warm_up(index_dir: Path | None) -> None:
    """Open the index and load both models now, so the first question does not wait for them."""
    from assistant.embedding import get_embedder
    from assistant.generation import LlamaCppGenerator, get_generator
    from assistant.index import open_index

    settings = get_settings(index_dir=index_dir)
    open_index(settings.index_dir)
    get_embedder(settings.embedding_model).embed(["warm up"])
    generator = get_generator(settings)
    if isinstance(generator, LlamaCppGenerator):
        generator.load()


def serve(index_dir: Path | None = None, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Serve the UI until interrupted (blocks)."""
    warm_up(index_dir)
    app = build_app(index_dir)
    app.queue(default_concurrency_limit=4).launch(
        server_name=host, server_port=port, show_error=True, footer_links=[]
    )
