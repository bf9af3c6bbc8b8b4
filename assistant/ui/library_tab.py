"""The library tab's handlers: index status, the table of articles, uploads and rebuilds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.config import Settings
from assistant.errors import ArticleError, AssistantError
from assistant.index import build_index, open_index
from assistant.library import (
    ALL_FOLDERS,
    ArticleRow,
    add_article_file,
    browse,
    index_status,
    list_articles,
)
from assistant.records import Article, IndexReport
from assistant.ui.chat import model_choices
from assistant.ui.render import articles_table, escape_text, skipped_details

Progress = Callable[..., Any]


class LibraryHandlers:
    """Handlers bound to one server's settings. Uploads and rebuilds of all sessions run one at a
    time (one Gradio concurrency group), so the table always reflects a finished build."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def status(self) -> str:
        """Markdown: when the live index was built, with which models, and what it holds."""
        try:
            status = index_status(self.settings.index_dir)
        except AssistantError as error:
            return f"**No usable index.** {escape_text(str(error))}"
        llm = model_choices(self.settings)[0].label.removesuffix(" (default)")
        lines = [
            f"**Index** built {status.built_at.replace('T', ' ').replace('+00:00', ' UTC')}"
            f" · **{status.articles}** {_plural(status.articles, 'article')}"
            f" · **{status.chunks}** {_plural(status.chunks, 'passage')}"
            f" · {status.vector_search} vector search",
            f"**Embedding model** {escape_text(status.embedding_model)} ({status.dimension} "
            f"dimensions) · **LLM** {escape_text(llm)}",
            f"**Corpus folder** `{self.settings.corpus_dir}`",
        ]
        skipped = skipped_details([(item["path"], item["reason"]) for item in status.skipped])
        return "  \n".join(lines) + (f"\n\n{skipped}" if skipped else "")

    def table(self) -> str:
        return self.view()[0]

    def view(
        self, query: str = "", folder: str = ALL_FOLDERS, sort: str = "date", page: int = 1
    ) -> tuple[str, int, tuple[str, ...]]:
        """One page of the table after search, folder and sort: (HTML, the page shown, what
        "ask only these" would ask about)."""
        rows = self._rows()
        shown = browse(rows, query or "", folder or ALL_FOLDERS, sort or "date", int(page or 1))
        return articles_table(shown), shown.page, shown.scope

    def folders(self) -> Any:
        """The folder menu: every folder that holds an indexed article."""
        rows = self._rows()
        found = sorted({"/".join(row.path.split("/")[:depth]) for row in rows
                        for depth in range(1, row.path.count("/") + 1)})  # fmt: skip
        return gr.update(choices=[("All folders", ALL_FOLDERS), *[(f, f) for f in found]])

    def _rows(self) -> list[ArticleRow]:
        """The library's rows; none when there is no usable index yet."""
        try:
            return list_articles(self.settings.index_dir)
        except AssistantError:
            return []

    @staticmethod
    def resort(current: str, column: str) -> str:
        """A click on a column head: sort by it, or the other way round when it is the sort."""
        return f"-{column}" if current == column else column

    def refresh(self) -> tuple[str, str]:
        return self.status(), self.table()

    def upload(self, files: list[str] | None, progress: Progress) -> tuple[str, str, Any]:
        """Check and save each uploaded file, then index the new ones incrementally.

        Returns (report HTML, status Markdown, table). A rejected file changes nothing.
        """
        if not files:
            return "", *self.refresh()
        added: list[Article] = []
        rejected: list[tuple[str, str]] = []
        for file in files:
            name = Path(file).name  # Gradio keeps the uploaded file's own name
            try:
                added.append(add_article_file(Path(file), name, self.settings))
            except ArticleError as error:
                rejected.append((name, str(error)))
        report, failure = self._build(progress, full=False) if added else (None, None)
        lines = [_added_line(article, report) for article in added]
        lines += [
            f'<li class="rejected"><strong>{escape_text(name)}</strong> was not added: '
            f"{escape_text(reason)}. Nothing was changed.</li>"
            for name, reason in rejected
        ]
        if failure:
            lines.append(f'<li class="rejected">Indexing failed: {escape_text(failure)}</li>')
        role = ' role="alert"' if rejected or failure else ""
        return f'<ul class="upload-report"{role}>{"".join(lines)}</ul>', *self.refresh()

    def rebuild(self, progress: Progress) -> tuple[str, str, Any]:
        """Rebuild the whole index from the corpus folder."""
        report, failure = self._build(progress, full=True)
        if failure:
            message = f'<p class="rejected" role="alert">Rebuild failed: {escape_text(failure)}</p>'
        else:
            assert report is not None
            message = (
                f"<p>Rebuilt: {report.articles} articles, {report.chunks} passages in "
                f"{report.seconds:.1f} s.</p>"
                + skipped_details([(item.path, item.reason) for item in report.skipped])
            )
        return message, *self.refresh()

    def _build(self, progress: Progress, full: bool) -> tuple[IndexReport | None, str | None]:
        def on_progress(fraction: float, message: str) -> None:
            progress(fraction, desc=message)

        try:
            report = build_index(
                self.settings.corpus_dir, self.settings.index_dir, full=full,
                settings=self.settings, on_progress=on_progress,
            )  # fmt: skip
        except AssistantError as error:
            return None, str(error)
        open_index(self.settings.index_dir)  # questions asked from now on use the new build
        return report, None


def _added_line(article: Article, report: IndexReport | None) -> str:
    details = " · ".join(part for part in (article.publisher, article.published) if part)
    skipped = {item.path: item.reason for item in report.skipped} if report else {}
    name = f"<strong>{escape_text(article.title)}</strong> ({escape_text(article.path)}"
    name += f", {escape_text(details)})" if details else ")"
    if article.path in skipped:
        reason = escape_text(skipped[article.path])
        return f'<li class="rejected">{name} was saved but not indexed: {reason}</li>'
    return f'<li class="added">Added and indexed {name}.</li>'


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
