"""The chat tab's event handlers: ask (streamed), open a source in the panel, start a new chat.

The chat history the model sees is kept in a per-session list of `Turn`s (the questions as typed
and the Answers), never read back from the displayed HTML. The panel only ever shows sources of
this session's answers, chosen by turn and number: no path comes from the browser.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.errors import AssistantError, ConfigurationError, IndexMissingError
from assistant.records import Answer, Article, Timings
from assistant.ui import render
from assistant.ui.conversations import (
    EXPORTS,
    MAX_SAVED,
    export_markdown,
    saved_choices,
    saved_entry,
)

Message = dict[str, Any]
SOURCE_KEY = re.compile(r"(?P<turn>\d+)-(?P<key>p?\d+)")
ANY_OUTLET = "Any outlet"
QUESTION_PLACEHOLDER = "Ask about the articles…"
SEARCHING = "Searching the articles…"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Turn:
    question: str
    answer: Answer


@dataclass(frozen=True)
class ModelChoice:
    """An entry of the model menu: its label and the settings it changes."""

    label: str
    overrides: dict[str, Any] = field(default_factory=dict)


def model_choices(settings: Settings) -> list[ModelChoice]:
    """The server's default model first, then the other models the server was configured with."""
    if settings.llm_backend == "openai":
        default = ModelChoice(f"{settings.llm_model} at {settings.llm_url} (default)")
    elif settings.model_path:
        default = ModelChoice(f"{Path(settings.model_path).name} (default)")
    else:
        default = ModelChoice("SmolLM2 135M Instruct (default)")  # short: fits a phone
    choices = [default]
    if settings.llm_backend == "llamacpp" and not settings.model_path:
        other = "gemma3" if settings.llm == "smollm2" else "smollm2"
        names = {"gemma3": "Gemma 3 270M base", "smollm2": "SmolLM2 135M Instruct"}
        choices.append(ModelChoice(names[other], {"llm": other}))
    for path in settings.ui_models:
        overrides = {"llm_backend": "llamacpp", "model_path": Path(path)}
        choices.append(ModelChoice(Path(path).name, overrides))
    return choices


class ChatHandlers:
    """Handlers bound to one server's settings; Gradio calls them once per event and session."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.models = {choice.label: choice for choice in model_choices(settings)}

    def lookup(self, path: str) -> Article | None:
        """The indexed article at `path`, or None (no index, or the article was removed)."""
        from assistant.index import open_index

        try:
            return open_index(self.settings.index_dir).store.article(path)
        except (AssistantError, KeyError):
            return None

    def start(self, message: str, chat: list[Message]) -> tuple[Any, ...]:
        """Show the question and a working indicator at once, lock the question box and offer
        Stop; the answer follows in `respond`."""
        question = (message or "").strip()
        if not question:
            return chat, "", *self.idle()
        chat = [
            *chat,
            {"role": "user", "content": render.user_message(question)},
            {"role": "assistant", "content": render.working_message(SEARCHING)},
        ]
        locked = gr.update(
            value="", interactive=False, placeholder="Answering… press Stop to ask something else"
        )
        return chat, question, locked, gr.update(visible=False), gr.update(visible=True)

    @staticmethod
    def idle() -> tuple[Any, Any, Any]:
        """The question box open again, Ask back in place of Stop."""
        box = gr.update(interactive=True, placeholder=QUESTION_PLACEHOLDER)
        return box, gr.update(visible=True), gr.update(visible=False)

    @staticmethod
    def stopped(chat: list[Message]) -> list[Message]:
        """The answer being written when Stop was pressed is marked as stopped."""
        chat = list(chat or [])
        if chat and chat[-1].get("role") == "assistant":
            chat[-1] = {"role": "assistant", "content": render.stopped_message()}
        return chat

    def respond(
        self,
        question: str,
        chat: list[Message],
        turns: list[Turn],
        *tab_settings: Any,
    ) -> Iterator[tuple[list[Message], list[Turn], Any]]:
        """Stream the answer into the last chat message, then show it cited, and its sources.

        `tab_settings` are the Settings tab's values, in the order `overrides` takes them.
        """
        from assistant.index import open_index
        from assistant.pipeline import answer

        if not question:
            yield chat, turns, gr.skip()
            return
        chat = list(chat)
        try:
            overrides = self.overrides(*tab_settings)
            open_index(self.settings.index_dir)  # no index: said before any model is loaded
            loading = self._model_to_load(overrides)
            if loading is not None:  # say so: a first use of a model takes seconds
                message = render.working_message("Loading the language model (first use)…")
                chat[-1] = {"role": "assistant", "content": message}
                yield chat, turns, gr.skip()
                loading.load()
                chat[-1] = {"role": "assistant", "content": render.working_message(SEARCHING)}
                yield chat, turns, gr.skip()
            stream = answer(
                question, self.settings.index_dir, history=_history(turns), stream=True,
                **overrides,
            )  # fmt: skip
            draft = ""
            shown_sources = False
            for piece in stream:
                draft += piece
                panel: Any = gr.skip()
                if stream.sources and not shown_sources:  # the sources first, as soon as known
                    shown_sources = True
                    panel = render.sources_panel(
                        _preview(question, stream.sources), question, len(turns), self.lookup
                    )
                if stream.gathered:  # a gathered answer: its list, claim by claim
                    message = render.gathered_draft(
                        stream.claims, stream.disagreements, stream.sources, len(turns)
                    )
                else:
                    message = (
                        render.draft_message(draft) if draft
                        else render.working_message("Writing the answer…")
                    )  # fmt: skip
                chat[-1] = {"role": "assistant", "content": message}
                yield chat, turns, panel
            result = stream.answer
        except AssistantError as error:
            message = str(error)
            if isinstance(error, IndexMissingError):
                message += " Or add articles in the Library tab: they are indexed at once."
            # Said in the message and in a notice; not raised: a raised error would cover the
            # whole conversation and leave the question box locked.
            gr.Warning(message)
            chat[-1] = {"role": "assistant", "content": render.error_message(message)}
            yield chat, turns, gr.skip()
            return
        turn = len(turns)
        turns = [*turns, Turn(question, result)]
        final = render.answer_message(result, turn, self.lookup)
        chat[-1] = {"role": "assistant", "content": final}
        yield chat, turns, render.sources_panel(result, question, turn, self.lookup)

    def _model_to_load(self, overrides: dict[str, Any]) -> Any:
        """The local model these settings answer with, when it is not loaded yet; else None."""
        from assistant.config import get_settings
        from assistant.generation import get_generator

        settings = get_settings(index_dir=self.settings.index_dir, **overrides)
        if settings.mode == "baseline" or settings.answering.extractor != "model":
            return None
        generator = get_generator(settings)
        return generator if getattr(generator, "loaded", True) is False else None

    def overrides(
        self,
        articles: int,
        strictness: float,
        model: str,
        outlet: str = ANY_OUTLET,
        since: str = "",
        until: str = "",
        only: tuple[str, ...] | list[str] = (),
    ) -> dict[str, Any]:
        """The settings of this browser tab, as `answer()` keyword arguments."""
        choice = self.models.get(model) or next(iter(self.models.values()))
        return {
            "articles": int(articles),
            "strictness": float(strictness),
            "outlet": outlet if outlet and outlet != ANY_OUTLET else None,
            "since": _date(since, "From"),
            "until": _date(until, "To"),
            "only": tuple(only or ()),
            **choice.overrides,
        }

    @staticmethod
    def limit_to(scope: tuple[str, ...], query: str, folder: str) -> tuple[Any, ...]:
        """ "Ask only about these": questions keep to what the library table shows (a folder, or
        the articles a search found); the chat says so, with a way back to all articles."""
        scope = tuple(scope or ())
        if not scope:
            return (*ChatHandlers.all_articles(), gr.Tabs(selected="chat-tab"))
        if len(scope) == 1 and scope[0].endswith("/"):
            what = f"the folder “{scope[0].rstrip('/')}”"
        else:
            what = f"{len(scope)} article{'' if len(scope) == 1 else 's'}"
            if (query or "").strip():
                what += f" found by “{query.strip()}”"
            if folder:
                what += f" in the folder “{folder}”"
        line = f'<p class="scope">Asking only about {render.escape_text(what)}.</p>'
        return scope, gr.update(visible=True), line, gr.Tabs(selected="chat-tab")

    @staticmethod
    def all_articles() -> tuple[Any, Any, str]:
        return (), gr.update(visible=False), ""

    def overview(self) -> tuple[str, Any]:
        """The chat tab's line about the library, and example questions made from it."""
        overview = library_overview_or_none(self.settings.index_dir)
        examples = overview.examples if overview else []
        return render.library_summary(overview), gr.update(
            examples=[{"text": question} for question in examples] or None
        )

    def outlet_choices(self) -> Any:
        """The outlets of the indexed articles, for the filter menu."""
        from assistant.index import open_index

        try:
            outlets = open_index(self.settings.index_dir).store.outlets()
        except AssistantError:
            outlets = []
        return gr.update(choices=[ANY_OUTLET, *outlets])

    def open_source(self, target: str, turns: list[Turn]) -> Any:
        """Show one source of one earlier answer (`<turn>-<number>` or `<turn>-p<rank>`)."""
        match = SOURCE_KEY.fullmatch(target or "")
        if match is None or int(match["turn"]) >= len(turns):
            return gr.skip()
        turn = int(match["turn"])
        chosen = turns[turn]
        return render.sources_panel(
            chosen.answer, chosen.question, turn, self.lookup, selected=match["key"]
        )

    def api_answer(self, question: str) -> str:
        """Answer one question with the server's settings: `Answer.to_dict()` as JSON text.

        Text, not a dict: Gradio clients take any dict with a "path" key for a file to download.
        """
        from assistant.pipeline import answer

        try:
            result = answer(question, self.settings.index_dir)
        except AssistantError as error:
            raise gr.Error(str(error)) from error
        return json.dumps(result.to_dict(), ensure_ascii=False)

    def save(
        self, conversation: str, turns: list[Turn], saved: list[dict[str, Any]] | None
    ) -> tuple[Any, ...]:
        """Keep the conversation in the browser's list (after each answer) and offer it for
        download as Markdown."""
        if not turns:
            return conversation, saved or [], gr.skip(), None
        conversation = conversation or uuid.uuid4().hex[:12]
        others = [entry for entry in saved or [] if entry.get("id") != conversation]
        kept = [saved_entry(conversation, turns), *others][:MAX_SAVED]
        return conversation, kept, saved_choices(kept), export_markdown(turns, EXPORTS)

    def open_saved(self, chosen: str, saved: list[dict[str, Any]] | None) -> tuple[Any, ...]:
        """A saved conversation back in the chat, its sources clickable, its history read by
        follow-up questions."""
        entry = next((e for e in saved or [] if e.get("id") == chosen), None)
        if entry is None:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        turns = [
            Turn(item["question"], Answer.from_dict(item["answer"], item.get("refusal")))
            for item in entry["turns"]
        ]
        chat: list[Message] = []
        for number, turn in enumerate(turns):
            chat.append({"role": "user", "content": render.user_message(turn.question)})
            content = render.answer_message(turn.answer, number, self.lookup)
            chat.append({"role": "assistant", "content": content})
        return chat, turns, render.EMPTY_PANEL, entry["id"], export_markdown(turns, EXPORTS)

    @staticmethod
    def delete_saved(chosen: str, saved: list[dict[str, Any]] | None) -> tuple[Any, Any]:
        kept = [entry for entry in saved or [] if entry.get("id") != chosen]
        return kept, saved_choices(kept)

    def regenerate(self, chat: list[Message], turns: list[Turn]) -> tuple[Any, ...]:
        """Ask the last question again: its answer is replaced by a new one."""
        if not turns:
            return chat, turns, "", *self.idle()
        question = turns[-1].question
        shown, _, locked, ask, stop = self.start(question, list(chat)[:-2])
        return shown, turns[:-1], question, locked, ask, stop

    @staticmethod
    def new_chat() -> tuple[list[Message], list[Turn], str, str]:
        return [], [], render.EMPTY_PANEL, ""

    @staticmethod
    def example(selection: gr.SelectData) -> str:
        """The text of the example question that was clicked."""
        value = selection.value
        return value.get("text", "") if isinstance(value, dict) else str(value or "")


def _preview(question: str, sources: tuple[Any, ...]) -> Answer:
    """The answer-to-be as the sources panel reads it: its citations, no text yet."""
    return Answer(question, "", False, sources, (), Timings(0.0, 0.0, 0.0))


def library_overview_or_none(index_dir: Path) -> Any:
    """`library.library_overview`, or None when there is no usable index yet."""
    from assistant.library import library_overview

    try:
        return library_overview(Path(index_dir))
    except AssistantError:
        return None


def _history(turns: list[Turn]) -> list[Message]:
    """The chat so far as `answer()` reads it: the questions as typed, the answers' text and the
    paths they cite (a follow-up looks in those articles first)."""
    return [
        message
        for turn in turns
        for message in (
            {"role": "user", "content": turn.question},
            {
                "role": "assistant",
                "content": turn.answer.text,
                "citations": [citation.path for citation in turn.answer.citations],
            },
        )
    ]


def _date(text: str | None, label: str) -> date | None:
    """An ISO date typed in a filter box; ConfigurationError saying what to type otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if not ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigurationError(
            f"{label} date “{text}” is not a date: type it as YYYY-MM-DD, e.g. 2016-01-31."
        ) from None
