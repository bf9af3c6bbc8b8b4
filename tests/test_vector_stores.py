"""Both vector stores, FAISS files and Qdrant (embedded), behind the same index and answer():
incremental refresh, deletes, outlet/date filters and hybrid retrieval behave the same."""

from __future__ import annotations

import shutil

import pytest
from conftest import SEED_CORPUS
from helpers import MAROVO_ARTICLE, MAROVO_QUESTION

from assistant import answer
from assistant.config import get_settings
from assistant.embedding import get_embedder
from assistant.index import build_index, open_index
from assistant.retrieval import retrieve
from assistant.vectorstore import QdrantCollection

pytestmark = pytest.mark.integration

EXAMPLE = "What did Russia claim about civilian deaths?"
STORES = ["faiss", "qdrant"]


@pytest.fixture(params=STORES)
def store(request, monkeypatch) -> str:
    monkeypatch.setenv("ASSISTANT_VECTOR_STORE", request.param)
    return request.param


def top_paths(question: str, index_dir, **filters) -> list[str]:
    settings = get_settings(index_dir=index_dir, **filters)
    embedder = get_embedder(settings.embedding_model)
    hits = retrieve(question, open_index(index_dir), embedder, settings, top_k=5)
    return [hit.article.path for hit in hits]


def qdrant_points(index_dir) -> int:
    entry = open_index(index_dir).manifest["vector_store"]
    return QdrantCollection(entry, entry["collection"]).count()


def test_refresh_add_change_delete_and_answer(store, tmp_path):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEED_CORPUS, corpus)
    first = build_index(corpus, index_dir)
    assert open_index(index_dir).manifest["vector_store"]["kind"] == store
    assert open_index(index_dir).dense.kind == ("qdrant" if store == "qdrant" else "IndexFlatIP")
    result = answer(EXAMPLE, index_dir=index_dir)
    assert not result.abstained and result.citations

    (corpus / "marovo.md").write_text(MAROVO_ARTICLE)
    added = build_index(corpus, index_dir)
    assert (added.added, added.unchanged) == (1, 5)
    assert added.embedded_chunks == added.chunks - first.chunks  # only the new article embedded
    result = answer(MAROVO_QUESTION, index_dir=index_dir)
    assert "37" in result.text and [c.path for c in result.citations] == ["marovo.md"]

    (corpus / "marovo.md").write_text(MAROVO_ARTICLE.replace("37", "41"))
    changed = build_index(corpus, index_dir)
    assert changed.updated == 1
    assert "41" in answer(MAROVO_QUESTION, index_dir=index_dir).text

    (corpus / "marovo.md").unlink()
    removed = build_index(corpus, index_dir)
    assert (removed.removed, removed.chunks) == (1, first.chunks)
    assert "marovo.md" not in top_paths(MAROVO_QUESTION, index_dir)
    assert answer(MAROVO_QUESTION, index_dir=index_dir).abstained
    if store == "qdrant":  # the points of the changed and the deleted article are gone
        assert qdrant_points(index_dir) == first.chunks


def test_filters_and_hybrid_retrieval(store, tmp_path):
    index_dir = tmp_path / "index"
    build_index(SEED_CORPUS, index_dir)
    assert set(top_paths(EXAMPLE, index_dir, outlet="independent")) == {
        "independent-2016-01-15-russia-denies-killing-civilians.txt"
    }
    dated = top_paths(EXAMPLE, index_dir, since="2016-01-01", until="2016-01-31")
    assert dated and all(path.startswith("independent-2016-01-15") for path in dated)
    assert answer(EXAMPLE, index_dir=index_dir, outlet="No Such Outlet").text.startswith(
        "No indexed article matches the filters"
    )
    # A name only the lexical side can match exactly still comes first (hybrid retrieval).
    assert top_paths("Blumenfeld", index_dir)[0].startswith("independent-2016-01-15")


def test_both_stores_rank_the_same(tmp_path, monkeypatch):
    rankings = {}
    for store in STORES:
        monkeypatch.setenv("ASSISTANT_VECTOR_STORE", store)
        index_dir = tmp_path / store
        build_index(SEED_CORPUS, index_dir)
        settings = get_settings(index_dir=index_dir)
        vector = get_embedder(settings.embedding_model).embed_query(EXAMPLE)
        found = open_index(index_dir).dense.search(vector, 10, None, 64)
        rankings[store] = [(chunk_id, round(score, 4)) for chunk_id, score in found.items()]
    assert rankings["faiss"] == rankings["qdrant"]


def test_a_full_rebuild_on_qdrant_replaces_the_collection(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_VECTOR_STORE", "qdrant")
    index_dir = tmp_path / "index"
    build_index(SEED_CORPUS, index_dir)
    old = open_index(index_dir).manifest["vector_store"]
    build_index(SEED_CORPUS, index_dir, full=True)
    new = open_index(index_dir).manifest["vector_store"]
    assert new["collection"] != old["collection"]
    collection = QdrantCollection(old, old["collection"])
    assert not collection.client.collection_exists(old["collection"])
    assert qdrant_points(index_dir) == open_index(index_dir).size


def test_switching_the_store_rebuilds_instead_of_mixing(tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    build_index(SEED_CORPUS, index_dir)
    monkeypatch.setenv("ASSISTANT_VECTOR_STORE", "qdrant")
    report = build_index(SEED_CORPUS, index_dir)
    assert report.embedded_chunks == report.chunks  # everything went into Qdrant
    assert open_index(index_dir).manifest["vector_store"]["kind"] == "qdrant"


def test_the_cli_builds_into_qdrant_and_answers_from_it(tmp_path):
    import json
    import subprocess
    import sys

    index_dir = tmp_path / "index"
    command = [sys.executable, "-m", "assistant"]
    subprocess.run(
        [*command, "index", "--corpus", str(SEED_CORPUS), "--index", str(index_dir),
         "--vector-store", "qdrant", "--json"],
        check=True, capture_output=True,
    )  # fmt: skip
    assert json.loads((index_dir / "manifest.json").read_text())["dense_index"] == "qdrant"
    asked = subprocess.run(
        [*command, "ask", EXAMPLE, "--index", str(index_dir), "--json"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    result = json.loads(asked.stdout)
    assert not result["abstained"] and result["citations"]


def test_an_embedded_qdrant_in_use_by_another_process_is_a_clear_error(tmp_path, monkeypatch):
    import subprocess
    import sys

    monkeypatch.setenv("ASSISTANT_VECTOR_STORE", "qdrant")
    index_dir = tmp_path / "index"
    build_index(SEED_CORPUS, index_dir)  # this process now holds the embedded Qdrant folder
    asked = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", EXAMPLE, "--index", str(index_dir)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert asked.returncode == 1
    assert "in use by another process" in asked.stderr and "ASSISTANT_VECTOR_URL" in asked.stderr
    assert "Traceback" not in asked.stderr and "damaged" not in asked.stderr


def test_a_qdrant_server_that_is_down_is_a_clear_error(tmp_path, monkeypatch):
    from server import free_port

    from assistant.errors import VectorStoreError

    monkeypatch.setenv("ASSISTANT_VECTOR_STORE", "qdrant")
    monkeypatch.setenv("ASSISTANT_VECTOR_URL", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(VectorStoreError, match="Qdrant at http://127.0.0.1:.*ASSISTANT_VECTOR_URL"):
        build_index(SEED_CORPUS, tmp_path / "index")
    assert not (tmp_path / "index" / "manifest.json").exists()
