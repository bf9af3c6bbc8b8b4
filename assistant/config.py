"""One settings object: documented defaults < `ASSISTANT_*` environment variables < overrides.

The CLI turns its flags into overrides; `answer()` and `build_index()` take keyword overrides too.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.errors import ConfigurationError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class AnsweringSettings(BaseModel):
    """The answering stage's thresholds, each with its range. The ranker and the abstention
    model themselves are fitted (assistant/answering/weights.json, eval/fit_answering.py)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    strictness: float = Field(
        0.25, ge=0.0, le=1.0,
        description="Answer only when the abstention model gives the evidence at least this "
        "probability of answering (0 = always answer, 1 = never). Higher: fewer answers, fewer "
        "mistakes. The default maximises accuracy + refusal accuracy on the Reuters calibration "
        "half with false refusals at most 0.08 there, measured on out-of-fold decisions "
        "(eval/fit_answering.py --strictness).",
    )  # fmt: skip
    articles: int = Field(
        6, ge=1, le=20,
        description="Retrieved articles whose every sentence competes as evidence.",
    )  # fmt: skip
    second_ratio: float = Field(
        0.8, ge=0.0, le=1.0,
        description="A second evidence sentence is quoted when its ranker score is at least this "
        "share of the best one's (and at least second_min).",
    )  # fmt: skip
    same_article_ratio: float = Field(
        0.3, ge=0.0, le=1.0,
        description="The same for a second sentence of the best sentence's own article (it "
        "cannot add a wrong source).",
    )  # fmt: skip
    second_min: float = Field(
        0.25,
        ge=0.0,
        le=1.0,
        description="Least ranker score of a second evidence sentence from another article.",
    )
    min_novelty: float = Field(
        0.2, ge=0.0, le=1.0,
        description="Share of an evidence sentence's words that must be new to the question: a "
        "sentence that only restates the question is never the answer.",
    )  # fmt: skip
    extractor: Literal["model", "rules"] = Field(
        "model",
        description="Who picks the short answer put first: the language model (its reply is "
        "kept only if it is a span of the evidence) or the shape of the text alone.",
    )
    max_parts: int = Field(
        4, ge=1, le=8, description="Most parts a question is split into (one answer each)."
    )
    gather_articles: int = Field(
        10, ge=1, le=50,
        description="A gathering question (\"What did X claim about Y?\") reads the claims of "
        "this many of the best retrieved articles.",
    )  # fmt: skip
    gather_min_similarity: float = Field(
        0.35, ge=0.0, le=1.0,
        description="Least cosine similarity of a gathered sentence to the question or its "
        "topic.",
    )  # fmt: skip
    gather_window: float = Field(
        0.2, ge=0.0, le=1.0,
        description="A claim is gathered when its similarity is within this of the best "
        "claim's.",
    )  # fmt: skip
    gather_close: float = Field(
        0.15, ge=0.0, le=1.0,
        description="A claim of the asked speaker that does not name the topic is gathered "
        "only when its similarity is within this of the best claim's.",
    )  # fmt: skip
    gather_per_speaker: int = Field(4, ge=1, le=10, description="Most claims shown per speaker.")
    gather_claims: int = Field(12, ge=1, le=40, description="Most claims in a gathered answer.")


class Settings(BaseSettings):
    """Every knob of the assistant, each with a default that works offline on 2 CPU cores."""

    model_config = SettingsConfigDict(
        env_prefix="ASSISTANT_", env_nested_delimiter="__", frozen=True, extra="ignore"
    )

    # Folders.
    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="Folder of articles to index.")
    index_dir: Path = Field(PROJECT_ROOT / "index", description="Folder of the built index.")
    prompts_dir: Path | None = Field(
        None, description="Folder of prompt templates; default: the project's prompts/."
    )
    models_dir: Path = Field(
        Path.home() / ".cache" / "assistant" / "models",
        description="Where models that ship in chunks (Gemma) are assembled once.",
    )

    # Corpus and chunking.
    max_file_bytes: int = Field(5_000_000, description="Larger article files are skipped.")
    chunk_tokens: int = Field(
        160, description="Word pieces per chunk, title included (the embedder truncates at 256)."
    )
    chunk_overlap_sentences: int = Field(1, description="Sentences repeated between chunks.")

    # Embedding.
    embedding_model: str = Field(
        "all-MiniLM-L6-v2", description="Packaged model name, or a path to a local model folder."
    )
    embedding_batch_size: int = 32

    # Vector index.
    approximate_from: int = Field(
        150_000,
        description="Chunks from which FAISS uses an approximate HNSW index instead of exact "
        "search. Measured (benchmarks/vector_search.py, 2 cores): exact search takes 14 ms p50 "
        "at 100k chunks and 26 ms at 200k; HNSW 0.2 ms, recall@10 1.0 on synthetic vectors, "
        "but 30 s to build at 200k, on every refresh.",
    )
    vector_store: Literal["faiss", "qdrant"] = Field(
        "faiss",
        description="faiss: vector files inside the index folder; qdrant: a Qdrant collection "
        "(a server at vector_url, or embedded in the index folder without it).",
    )
    vector_url: str | None = Field(
        None, description="URL of the Qdrant server, e.g. http://127.0.0.1:6333."
    )
    vector_collection: str = Field(
        "assistant", description="Prefix of the Qdrant collection names (one per index)."
    )
    hnsw_neighbors: int = Field(32, description="HNSW graph degree (M).")
    hnsw_ef_search: int = Field(96, description="HNSW candidates visited per search (efSearch).")

    # Retrieval and evidence.
    mode: Literal["grounded", "baseline"] = Field(
        "grounded",
        description="grounded: evidence sentences, verification, abstention by evidence; "
        "baseline: top-k chunks in one prompt and the model's raw answer (for comparison).",
    )
    top_k: int = Field(
        5, description="Chunks retrieved (and, in baseline mode, given to the model)."
    )
    evidence_chunks: int = Field(
        8,
        ge=1,
        le=50,
        description="Chunks retrieved for each part of a question; the articles "
        "they come from are where evidence sentences are looked for.",
    )
    candidates: int = Field(30, description="Hits taken from each of dense and lexical search.")
    rrf_k: int = Field(60, description="Reciprocal rank fusion constant.")
    same_article_decay: float = Field(
        0.5, description="Score factor for each further chunk of an already chosen article."
    )
    outlet: str | None = Field(
        None, description="Only articles whose outlet contains this text (case-insensitive)."
    )
    since: date | None = Field(None, description="Only articles published on or after this date.")
    until: date | None = Field(None, description="Only articles published on or before this date.")
    only: tuple[str, ...] = Field(
        (),
        description="Only these articles: paths relative to the corpus folder, or folders "
        "ending in '/' (e.g. ['sport/']). Empty: all articles.",
    )
    time_preference: float = Field(
        0.5,
        description="When the question names a year or month, articles of that time score this "
        "much more (0.5 = +50%), dated articles of other times this much less.",
    )
    answering: AnsweringSettings = Field(
        default_factory=lambda: AnsweringSettings(),
        description="Thresholds of the answering stage (environment: ASSISTANT_ANSWERING__NAME).",
    )

    # Generation.
    llm: Literal["smollm2", "gemma3"] = Field(
        "smollm2", description="Embedded default GGUF model (used when model_path is not set)."
    )
    model_path: Path | None = Field(None, description="Any local GGUF file to use instead.")
    ui_models: list[Path] = Field(
        default_factory=list,
        description="Other GGUF files the UI offers in its model menu (a JSON list in the "
        "environment; `assistant serve --model PATH`, repeatable).",
    )
    llm_backend: Literal["llamacpp", "openai"] = Field(
        "llamacpp",
        description="llamacpp: the GGUF model in this process; openai: any OpenAI-compatible "
        "chat-completions server (llama.cpp server, vLLM, Ollama, a hosted API) at llm_url.",
    )
    llm_url: str = Field(
        "http://127.0.0.1:8000/v1", description="Base URL of an OpenAI-compatible server."
    )
    llm_model: str = Field(
        "default",
        description="Model name sent to the OpenAI-compatible server; default: the one model it "
        "lists at /models.",
    )
    llm_api_key: str = Field("none", description="API key for the OpenAI-compatible server.")
    llm_timeout_s: float = Field(
        120.0, description="Seconds to wait for the server's next streamed piece (5 to connect)."
    )
    llm_retries: int = Field(
        2, description="Retries after a connection failure before anything was streamed."
    )
    context_tokens: int = 2048
    max_answer_tokens: int = 160
    temperature: float = 0.0
    threads: int | None = Field(None, description="CPU threads for llama.cpp; default: all cores.")


def get_settings(**overrides: object) -> Settings:
    """Settings from the environment, with non-None keyword overrides applied on top. A field
    of the answering group may be given by its own name (`strictness=0.7`)."""
    given = {key: value for key, value in overrides.items() if value is not None}
    grouped = {key: given.pop(key) for key in list(given) if key in AnsweringSettings.model_fields}
    try:
        settings = Settings(**given)
        if grouped:
            answering = settings.answering.model_dump() | grouped
            settings = settings.model_copy(
                update={"answering": AnsweringSettings.model_validate(answering)}
            )
        return settings
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
            for item in error.errors()
        )
        raise ConfigurationError(f"Invalid setting ({problems}).") from None
