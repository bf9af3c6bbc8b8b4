"""Index builds on the real embedder, real FAISS and real files in a temporary folder."""

import json
import shutil

import pytest

from assistant.errors import IndexIncompatibleError, IndexMissingError
from assistant.index import build_index, open_index

pytestmark = pytest.mark.integration


def test_build_then_refresh_with_nothing_changed_embeds_nothing(corpus_copy, tmp_path):
    index_dir = tmp_path / "index"
    first = build_index(corpus_copy, index_dir)
    assert (first.added, first.articles, first.embedded_chunks) == (5, 5, first.chunks)
    manifest_before = (index_dir / "manifest.json").read_text()
    second = build_index(corpus_copy, index_dir)
    assert (second.added, second.updated, second.removed, second.unchanged) == (0, 0, 0, 5)
    assert second.embedded_chunks == 0
    assert (index_dir / "manifest.json").read_text() == manifest_before  # nothing rewritten


def test_a_refresh_reads_only_files_whose_size_or_time_changed(corpus_copy, tmp_path, monkeypatch):
    import os

    import assistant.index as index_module

    index_dir = tmp_path / "index"
    build_index(corpus_copy, index_dir)
    (corpus_copy / "notes.txt").write_bytes(b"\x00\x01binary")  # skipped, and stays skipped
    build_index(corpus_copy, index_dir)
    read = []
    real_read_text = index_module.read_text
    monkeypatch.setattr(
        index_module,
        "read_text",
        lambda path, limit: read.append(path.name) or real_read_text(path, limit),
    )
    report = build_index(corpus_copy, index_dir)
    assert (
        read == [] and report.unchanged == 5 and [s.path for s in report.skipped] == ["notes.txt"]
    )

    touched = sorted(corpus_copy.glob("*.txt"))[0]
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    report = build_index(corpus_copy, index_dir)  # read again, same text: nothing re-embedded
    # (skipped files are read again too: "same text as X" no longer holds once X is gone)
    assert sorted(read) == sorted([touched.name, "notes.txt"])
    assert report.unchanged == 5 and report.embedded_chunks == 0
    read.clear()
    assert build_index(corpus_copy, index_dir).unchanged == 5 and read == []  # stats recorded


def test_manifest_records_how_the_index_was_made(seed_index):
    manifest = json.loads((seed_index / "manifest.json").read_text())
    assert manifest["embedding"]["name"] == "all-MiniLM-L6-v2"
    assert manifest["embedding"]["dimension"] == 384
    assert manifest["chunking"]["max_tokens"] == 160
    assert len(manifest["articles"]) == 5 and all(
        len(h) == 64 for h in manifest["articles"].values()
    )
    assert manifest["built_at"] and manifest["package_version"]
    index = open_index(seed_index)
    assert index.size == manifest["chunks"] == index.store.chunk_count()


def test_changed_added_and_removed_articles_are_handled_incrementally(corpus_copy, tmp_path):
    index_dir = tmp_path / "index"
    build_index(corpus_copy, index_dir)
    changed = corpus_copy / "russia-denies-bombing-civilians-in-syria.txt"
    changed.write_text(
        changed.read_text() + "\n\nA new closing paragraph about the Geneva talks.\n"
    )
    (corpus_copy / "trtworld-us-criticises-russia-for-killing-syrian-civilians.txt").unlink()
    (corpus_copy / "new.md").write_text(
        "Brand new article\n\nThe harbour of Tartus was expanded in 2017.\n"
    )
    report = build_index(corpus_copy, index_dir)
    assert (report.added, report.updated, report.removed, report.unchanged) == (1, 1, 1, 3)
    index = open_index(index_dir)
    new_chunks = index.store.chunks_of("new.md")
    assert report.embedded_chunks == len(new_chunks) + len(index.store.chunks_of(changed.name))
    assert index.size == report.chunks
    assert (
        "trtworld-us-criticises-russia-for-killing-syrian-civilians.txt"
        not in json.loads((index_dir / "manifest.json").read_text())["articles"]
    )
    # the vectors of kept articles were carried over, not mixed up: each chunk finds itself
    from assistant.chunking import embedding_text
    from assistant.embedding import get_embedder

    embedder = get_embedder("all-MiniLM-L6-v2")
    for chunk in index.store.chunks([0, index.size - 1]).values():
        title = index.store.article(chunk.path).title
        vector = embedder.embed([embedding_text(title, chunk.text)])
        assert list(index.dense.search(vector, 1, None, 16)) == [chunk.id]


def test_bad_files_are_skipped_with_reasons_and_the_rest_is_indexed(corpus_copy, tmp_path):
    (corpus_copy / "empty.txt").write_text("")
    (corpus_copy / "binary.txt").write_bytes(b"\x00\xff\x00garbage")
    shutil.copy(
        corpus_copy / "russia-denies-bombing-civilians-in-syria.txt", corpus_copy / "copy.txt"
    )
    (corpus_copy / "big.txt").write_text("word " * 1_100_000)  # 5.5 MB, over the 5 MB limit
    (corpus_copy / "sub").mkdir()
    (corpus_copy / "sub" / "latin.txt").write_bytes(
        "Café owners in Zürich protest\n\nThe owners said the tax was “unfair”.\n".encode("cp1252")
    )
    report = build_index(corpus_copy, tmp_path / "index")
    reasons = {item.path: item.reason for item in report.skipped}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "over the 5,000,000-byte limit" in reasons["big.txt"]
    assert "sub/latin.txt" not in reasons  # decoded from cp1252 and indexed
    assert (
        "same text as" in reasons["russia-denies-bombing-civilians-in-syria.txt"]
        or "same text as" in reasons["copy.txt"]
    )
    assert report.articles == 6


def test_a_failure_mid_build_leaves_the_previous_index_usable(corpus_copy, tmp_path, monkeypatch):
    index_dir = tmp_path / "index"
    build_index(corpus_copy, index_dir)
    before = (index_dir / "manifest.json").read_text()
    (corpus_copy / "new.txt").write_text("New article\n\nSomething happened in Aleppo today.\n")

    def crash(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("assistant.builds.write_store", crash)
    with pytest.raises(RuntimeError):
        build_index(corpus_copy, index_dir)
    assert (index_dir / "manifest.json").read_text() == before
    assert [p.name for p in index_dir.glob("build-*")] == [json.loads(before)["build"]]
    assert open_index(index_dir).size > 0


def test_changed_chunk_settings_force_a_full_rebuild(corpus_copy, tmp_path, capsys):
    from assistant.config import get_settings

    index_dir = tmp_path / "index"
    build_index(corpus_copy, index_dir)
    report = build_index(corpus_copy, index_dir, settings=get_settings(chunk_tokens=120))
    assert report.embedded_chunks == report.chunks
    assert "rebuilding it from scratch" in capsys.readouterr().err
    assert json.loads((index_dir / "manifest.json").read_text())["chunking"]["max_tokens"] == 120


def test_links_out_of_the_corpus_loops_and_unreadable_folders_never_stop_a_build(
    corpus_copy, tmp_path, monkeypatch
):
    import os

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "README.txt").write_text("Private notes\n\nThese notes are not an article.\n")
    (corpus_copy / "notes.txt").symlink_to(outside / "README.txt")  # leads out: not followed
    (corpus_copy / "system").symlink_to("/etc")
    (corpus_copy / "sub").mkdir()
    (corpus_copy / "sub" / "loop").symlink_to("..")  # a link loop
    (corpus_copy / "gone.txt").symlink_to("nowhere.txt")
    locked = corpus_copy / "locked"
    locked.mkdir()
    (locked / "story.txt").write_text("Locked story\n\nA story nobody may read here.\n")
    real_scandir = os.scandir

    def scandir(path):  # as for a folder without read permission (the tests may run as root)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    report = build_index(corpus_copy, tmp_path / "index")
    reasons = {item.path: item.reason for item in report.skipped}
    assert reasons["notes.txt"] == "link to a place outside the corpus folder"
    assert reasons["system"] == "link to a place outside the corpus folder"
    assert "same folder as the corpus folder itself" in reasons["sub/loop"]
    assert reasons["gone.txt"] == "link to a file that does not exist"
    assert reasons["locked"] == "folder cannot be read: Permission denied"
    assert report.articles == 5
    index = open_index(tmp_path / "index")
    indexed = set(index.manifest["articles"])
    assert len(indexed) == 5 and not any("notes" in p or "locked" in p for p in indexed)
    # the next refresh is just as calm
    assert build_index(corpus_copy, tmp_path / "index").unchanged == 5


@pytest.mark.parametrize("damage", ["delete", "overwrite"])
def test_a_refresh_rebuilds_a_live_build_that_was_damaged(corpus_copy, tmp_path, capsys, damage):
    import os

    index_dir = tmp_path / "index"
    build_index(corpus_copy, index_dir)
    build = json.loads((index_dir / "manifest.json").read_text())["build"]
    target = index_dir / build / "faiss.index"
    if damage == "delete":
        target.unlink()
    else:  # same size, same time: only the contents say it
        status = target.stat()
        data = bytearray(target.read_bytes())
        data[-64:] = bytes(64)
        target.write_bytes(bytes(data))
        os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))
    report = build_index(corpus_copy, index_dir)  # a plain refresh, no --full
    assert (report.added, report.unchanged, report.articles) == (5, 0, 5)
    assert "faiss.index" in capsys.readouterr().err
    assert open_index(index_dir).size == report.chunks
    assert build_index(corpus_copy, index_dir).unchanged == 5  # and now it is whole


def test_a_read_only_index_folder_is_said_plainly(corpus_copy, tmp_path, monkeypatch):
    from pathlib import Path

    from assistant.errors import AssistantError

    real_write_bytes = Path.write_bytes

    def write_bytes(self, data):  # as on a read-only folder (the tests may run as root)
        if self.parent == tmp_path / "index":
            raise PermissionError(13, "Permission denied")
        return real_write_bytes(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    with pytest.raises(AssistantError, match=r"Cannot write the index to .*Permission denied"):
        build_index(corpus_copy, tmp_path / "index")


def test_missing_index_says_how_to_build_it(tmp_path):
    with pytest.raises(IndexMissingError, match="assistant index"):
        open_index(tmp_path / "nothing")


@pytest.mark.parametrize(
    "damage",
    ["faiss.index", "store.sqlite", "lexical/frequencies.json", "lexical/size.txt", "manifest"],
)
def test_damaged_or_truncated_index_files_give_a_clear_error(tmp_path, seed_index, damage):
    damaged = tmp_path / "damaged"
    shutil.copytree(seed_index, damaged)
    build = json.loads((damaged / "manifest.json").read_text())["build"]
    target = damaged / "manifest.json" if damage == "manifest" else damaged / build / damage
    data = target.read_bytes()
    target.write_bytes(data[: len(data) // 2])  # truncated, as by a full disk
    with pytest.raises(IndexIncompatibleError, match=r"`assistant index --full`"):
        open_index(damaged)


def test_a_file_vanishing_mid_build_is_skipped_with_its_reason(corpus_copy, tmp_path, monkeypatch):
    import assistant.index

    victim = corpus_copy / "russia-denies-bombing-civilians-in-syria.txt"
    original = assistant.index.read_text

    def read_text(path, max_bytes):
        if path == victim:
            victim.unlink()  # deleted by the user between listing and reading
        return original(path, max_bytes)

    monkeypatch.setattr(assistant.index, "read_text", read_text)
    report = build_index(corpus_copy, tmp_path / "index")
    assert [(s.path, s.reason[:20]) for s in report.skipped] == [
        (victim.name, "cannot read the file")
    ]
    assert report.articles == 4


def test_an_open_index_keeps_answering_after_a_new_build_replaces_it(corpus_copy, tmp_path):
    from assistant.config import get_settings
    from assistant.embedding import get_embedder
    from assistant.retrieval import retrieve

    index_dir = tmp_path / "index"
    build_index(corpus_copy, index_dir)
    old = open_index(index_dir)
    (corpus_copy / "port.md").write_text("Port expanded\n\nThe port of Tartus was expanded.\n")
    build_index(corpus_copy, index_dir)  # removes the old build folder
    assert not (index_dir / old.manifest["build"]).exists()
    settings, embedder = get_settings(), get_embedder("all-MiniLM-L6-v2")
    assert retrieve("Russian air strikes", old, embedder, settings)  # a question in flight
    new = open_index(index_dir)
    assert new is not old and new.size > old.size
    assert retrieve("Tartus port", new, embedder, settings)[0].article.path == "port.md"


def test_progress_is_reported_from_start_to_finish(corpus_copy, tmp_path):
    calls: list[tuple[float, str]] = []
    build_index(corpus_copy, tmp_path / "index", on_progress=lambda f, m: calls.append((f, m)))
    fractions = [fraction for fraction, _ in calls]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert any(message.startswith("Embedding passages 37/37") for _, message in calls)
    assert calls[-1][1] == "Index ready"


def test_large_indexes_use_hnsw_which_refreshes_and_filters_like_exact_search(
    corpus_copy, tmp_path
):
    from assistant.config import get_settings
    from assistant.embedding import get_embedder
    from assistant.retrieval import retrieve

    settings = get_settings(approximate_from=10)  # the seed corpus has 37 chunks
    index_dir = tmp_path / "index"
    build_index(corpus_copy, index_dir, settings=settings)
    assert json.loads((index_dir / "manifest.json").read_text())["dense_index"] == "IndexHNSWFlat"
    (corpus_copy / "port.md").write_text("Port expanded\n\nThe port of Tartus was expanded.\n")
    report = build_index(corpus_copy, index_dir, settings=settings)  # kept vectors reconstructed
    assert report.embedded_chunks == 1
    index, embedder = open_index(index_dir), get_embedder(settings.embedding_model)
    exact_dir = tmp_path / "exact"
    build_index(corpus_copy, exact_dir)
    exact = open_index(exact_dir)
    for question in ("Russian air strikes on civilians", "Tartus port"):
        approximate_hits = retrieve(question, index, embedder, settings, top_k=5)
        exact_hits = retrieve(question, exact, embedder, get_settings(), top_k=5)
        assert [h.chunk.text for h in approximate_hits] == [h.chunk.text for h in exact_hits]
    filtered = retrieve(
        "air strikes", index, embedder, settings.model_copy(update={"outlet": "TRT"})
    )
    assert filtered and {hit.article.publisher for hit in filtered} == {"TRT World"}


def test_the_store_keeps_only_recently_used_articles_in_memory(seed_index, monkeypatch):
    import assistant.store
    from assistant.store import Store

    monkeypatch.setattr(assistant.store, "ARTICLE_CACHE", 2)
    build = json.loads((seed_index / "manifest.json").read_text())["build"]
    store = Store(seed_index / build / "store.sqlite")
    paths = [article.path for article in store.articles()]
    for path in paths:
        assert store.article(path).path == path
    assert list(store._articles) == paths[-2:]


def test_an_index_made_with_another_embedding_model_is_rebuilt_not_mixed(
    corpus_copy, tmp_path, capsys
):
    index_dir = tmp_path / "index"
    build_index(corpus_copy, index_dir)
    manifest_path = index_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["embedding"]["config_sha256"] = "another model"  # as if built by another model
    manifest_path.write_text(json.dumps(manifest))
    report = build_index(corpus_copy, index_dir)
    assert report.embedded_chunks == report.chunks  # every chunk embedded again
    assert "other embedding settings" in capsys.readouterr().err
