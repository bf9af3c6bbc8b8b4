"""Shared fixtures. Integration fixtures use the real embedded models and a real index on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SEED_CORPUS = PROJECT / "corpus"


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A private copy of the seed corpus that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(SEED_CORPUS, target)
    return target


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus indexed once for the session, in a temporary folder."""
    from assistant.index import build_index

    index_dir = tmp_path_factory.mktemp("seed-index")
    build_index(SEED_CORPUS, index_dir)
    return index_dir
