"""Killing an index build at any moment leaves a usable index: the old one or the new one."""

from __future__ import annotations

import fcntl
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.index import MANIFEST, LoadedIndex, build_index, read_manifest

pytestmark = pytest.mark.integration
ADDED = 15


def add_generated_articles(corpus: Path, count: int) -> None:
    """Articles made of the seed articles' sentences, shuffled: real text, distinct files."""
    sentences = [
        sentence.strip() + "."
        for file in sorted(corpus.glob("*.txt"))
        for sentence in file.read_text().replace("\n", " ").split(". ")
        if len(sentence.split()) > 6
    ]
    generator = random.Random(7)
    for number in range(count):
        body = " ".join(generator.sample(sentences, 12))
        (corpus / f"generated-{number:03d}.txt").write_text(
            f"Generated report {number}\n\n{body}\n"
        )


def live_index(index_dir: Path) -> LoadedIndex:
    """Open the live build afresh (no cache), as a new process would."""
    return LoadedIndex(index_dir.resolve(), read_manifest(index_dir))


def test_sigkill_at_any_moment_of_a_build_leaves_the_old_or_the_new_index(corpus_copy, tmp_path):
    index_dir = tmp_path / "index"
    build_index(corpus_copy, index_dir)
    old_articles = len(read_manifest(index_dir)["articles"])
    add_generated_articles(corpus_copy, ADDED)
    command = [sys.executable, "-m", "assistant", "index", "--full"]
    command += ["--corpus", str(corpus_copy), "--index", str(tmp_path / "probe")]
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)  # how long an unkilled build takes
    duration = time.perf_counter() - started
    command[-1] = str(index_dir)
    outcomes = []
    # Kills spread over the whole build: start-up, reading, embedding, writing, committing.
    for delay in [duration * share for share in (0.1, 0.3, 0.5, 0.7, 0.85, 0.93, 0.97, 1.02)]:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        killed = process.poll() is None
        if killed:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        index = live_index(index_dir)
        articles = len(index.manifest["articles"])
        assert articles in {old_articles, old_articles + ADDED}
        assert index.size == index.store.chunk_count() == index.lexical.size
        assert list(index.dense.search(index.vectors([0]), 1, None, 16)) == [0]  # searchable
        outcomes.append((round(delay, 1), killed, "new" if articles > old_articles else "old"))
    print("kill outcomes (delay s, killed, index left):", outcomes)
    assert any(killed for _, killed, _ in outcomes)

    report = build_index(corpus_copy, index_dir)  # the lock died with the process
    assert report.articles == old_articles + ADDED
    live = read_manifest(index_dir)["build"]
    assert [p.name for p in index_dir.glob("build-*")] == [live]  # half-written builds removed
    assert len(read_manifest(index_dir)["articles"]) == old_articles + ADDED
    assert not list(index_dir.glob(f"{MANIFEST}.*.tmp"))


def test_a_second_build_at_the_same_time_is_refused(corpus_copy, tmp_path):
    index_dir = tmp_path / "index"
    build_index(corpus_copy, index_dir)
    before = (index_dir / MANIFEST).read_text()
    with (index_dir / ".build.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # as a running build holds it
        with pytest.raises(AssistantError, match="Another index build is running"):
            build_index(corpus_copy, index_dir, full=True)
    assert (index_dir / MANIFEST).read_text() == before
    assert json.loads(before)["build"] in {p.name for p in index_dir.glob("build-*")}
