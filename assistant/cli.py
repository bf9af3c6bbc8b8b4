"""The `assistant` command: index, ask, serve, eval. It adds no logic of its own."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from pathlib import Path
from typing import Any

import click

from assistant import __version__
from assistant.errors import AssistantError

DIRECTORY = click.Path(file_okay=False, path_type=Path)
BASELINE_HELP = "Run the plain pipeline instead: top-k chunks, one prompt, raw answer."


def reports_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Print an AssistantError as one clear line and exit 1, without a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except AssistantError as error:
            click.secho(f"Error: {error}", fg="red", err=True)
            sys.exit(1)

    return wrapper


def backend_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--llm-backend/--llm-url/--llm-model: the `ASSISTANT_LLM_*` settings as flags, handed to
    the command as one `backends` dict of overrides."""
    names = ("llm_backend", "llm_url", "llm_model")

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        backends = {name: kwargs.pop(name) for name in names}
        return command(*args, backends=backends, **kwargs)

    options = [
        click.option("--llm-backend", type=click.Choice(["llamacpp", "openai"]),
                     help="llamacpp: the GGUF model in this process [default]; openai: an "
                     "OpenAI-compatible server at --llm-url."),
        click.option("--llm-url", help="Base URL of the OpenAI-compatible server "
                     "[default: http://127.0.0.1:8000/v1]."),
        click.option("--llm-model", help="Model name to ask the server for."),
    ]  # fmt: skip
    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


@click.group()
@click.version_option(__version__, prog_name="assistant")
def main() -> None:
    """Ask questions about a folder of news articles; answers cite the articles."""


@main.command()
@click.option("--corpus", type=DIRECTORY, help="Folder of articles [default: corpus/].")
@click.option("--index", "index_dir", type=DIRECTORY, help="Index folder [default: index/].")
@click.option("--full", is_flag=True, help="Rebuild from scratch instead of refreshing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.option(
    "--vector-store",
    type=click.Choice(["faiss", "qdrant"]),
    help="Where the vectors go: FAISS files in the index folder [default], or Qdrant.",
)
@click.option("--vector-url", help="Qdrant server URL; without it Qdrant runs embedded.")
@reports_errors
def index(
    corpus: Path | None, index_dir: Path | None, full: bool, as_json: bool,
    vector_store: str | None, vector_url: str | None,
) -> None:  # fmt: skip
    """Build the index, or refresh it with new, changed and deleted articles."""
    from assistant.config import get_settings
    from assistant.index import build_index

    settings = get_settings(vector_store=vector_store, vector_url=vector_url)
    report = build_index(corpus, index_dir, full=full, progress=not as_json, settings=settings)
    if as_json:
        click.echo(json.dumps(report.to_dict()))
        return
    click.echo(
        f"{report.articles} articles, {report.chunks} chunks in {report.seconds:.1f} s "
        f"({report.added} added, {report.updated} updated, {report.removed} removed, "
        f"{report.unchanged} unchanged)."
    )
    for skipped in report.skipped:
        click.secho(f"Skipped {skipped.path}: {skipped.reason}", fg="yellow")


@main.command()
@click.argument("question")
@click.option("--index", "index_dir", type=DIRECTORY, help="Index folder [default: index/].")
@click.option("--top-k", type=click.IntRange(1, 20), help="Passages given to the model.")
@click.option("--model", "model_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A GGUF model file to use instead of the embedded one.")  # fmt: skip
@click.option("--outlet", help="Only articles whose outlet contains this text.")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only articles from this date.")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Only articles up to this date.")
@click.option("--json", "as_json", is_flag=True, help="Print Answer.to_dict() as JSON.")
@backend_options
@reports_errors
def ask(
    question: str,
    index_dir: Path | None,
    top_k: int | None,
    model_path: Path | None,
    outlet: str | None,
    since: datetime | None,
    until: datetime | None,
    as_json: bool,
    backends: dict[str, Any],
) -> None:
    """Answer QUESTION from the indexed articles, with sources."""
    from assistant.pipeline import answer

    result = answer(
        question, index_dir=index_dir, top_k=top_k, model_path=model_path, outlet=outlet,
        since=since.date() if since else None, until=until.date() if until else None, **backends,
    )  # fmt: skip
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
        return
    click.echo(result.text)
    if result.citations:
        click.echo("\nSources:")
    for citation in result.citations:
        details = ", ".join(part for part in (citation.publisher, citation.published) if part)
        click.echo(f"[{citation.number}] {citation.title}" + (f" ({details})" if details else ""))
        click.echo(f"    {citation.path}: “{citation.quote}”")


@main.command()
@click.option("--index", "index_dir", type=DIRECTORY, help="Index folder [default: index/].")
@click.option("--corpus", type=DIRECTORY, help="Where uploaded articles go [default: corpus/].")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 exposes the UI to the network.",
)
@click.option("--port", default=7860, show_default=True, type=int)
@click.option(
    "--model",
    "models",
    multiple=True,
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Another GGUF file to offer in the UI's model menu (repeatable).",
)
@backend_options
@reports_errors
def serve(
    index_dir: Path | None, corpus: Path | None, host: str, port: int, models: tuple[Path, ...],
    backends: dict[str, Any],
) -> None:  # fmt: skip
    """Serve the chat UI in the browser."""
    from assistant.ui import serve as serve_ui

    serve_ui(
        index_dir=index_dir, host=host, port=port, corpus_dir=corpus, models=models, **backends
    )


@main.command(name="eval")
@click.option("--questions", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Question file (JSON lines) [default: eval/questions.jsonl].")  # fmt: skip
@click.option("--index", "index_dir", type=DIRECTORY, help="Index folder [default: index/].")
@click.option("--llm", type=click.Choice(["smollm2", "gemma3"]), help="Embedded model to use.")
@click.option("--model", "model_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A GGUF model file to use instead of the embedded one.")  # fmt: skip
@click.option("--baseline", is_flag=True, help=BASELINE_HELP)
@click.option("--compare", is_flag=True, help="Run both pipelines and show them side by side.")
@click.option("--sets", "sets_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Run every set of this file (e.g. eval/sets.toml), building their indexes, "
              "and print one table.")  # fmt: skip
@click.option("--only", multiple=True, help="With --sets: only this set (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@backend_options
@reports_errors
def evaluate(
    questions: Path | None, index_dir: Path | None, llm: str | None, model_path: Path | None,
    baseline: bool, compare: bool, sets_file: Path | None, only: tuple[str, ...], as_json: bool,
    backends: dict[str, Any],
) -> None:  # fmt: skip
    """Measure answer quality and speed on a question file, or on every set of a sets file."""
    from assistant.evaluation import DEFAULT_QUESTIONS, format_comparison, format_report, run_eval

    modes = ["grounded", "baseline"] if compare else ["baseline" if baseline else "grounded"]
    if sets_file is not None:
        from assistant.eval_sets import format_sets, run_sets

        results = run_sets(
            sets_file, modes, list(only), progress=not as_json, llm=llm, model_path=model_path,
            **backends,
        )  # fmt: skip
        click.echo(json.dumps(results, indent=2) if as_json else format_sets(results))
        return
    reports = {
        mode: run_eval(
            questions or DEFAULT_QUESTIONS, index_dir=index_dir, llm=llm, model_path=model_path,
            mode=mode, progress=not as_json, **backends,
        )
        for mode in modes
    }  # fmt: skip
    if as_json:
        click.echo(json.dumps(reports if compare else reports[modes[0]], indent=2))
    elif compare:
        click.echo(format_comparison(reports["grounded"], reports["baseline"]))
    else:
        click.echo(format_report(reports[modes[0]]))
