"""A local, offline question-answering assistant over news articles, with cited sources."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "answer", "build_index"]

if TYPE_CHECKING:
    from assistant.index import build_index
    from assistant.pipeline import answer


def __getattr__(name: str) -> Any:
    # Imported lazily so that `import assistant` stays cheap (no torch, no llama.cpp).
    if name == "answer":
        from assistant.pipeline import answer

        return answer
    if name == "build_index":
        from assistant.index import build_index

        return build_index
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
