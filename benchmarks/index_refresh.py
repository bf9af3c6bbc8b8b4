"""Index refresh at size: full build, no-change refresh and one-article-changed refresh.

    .venv/bin/python benchmarks/index_refresh.py [--articles 1000]

Generates N articles from the seed articles' sentences (shuffled, so each is distinct text) in a
temporary folder, builds the index, then times `build_index()` in this process (models loaded)
and the `assistant index` command (a new process, as a user runs it). Prints JSON and writes
benchmarks/results/index_refresh-<N>.json.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assistant.index import build_index

PROJECT = Path(__file__).resolve().parent.parent


def generate_corpus(folder: Path, count: int, seed: int = 7) -> None:
    sentences = [
        sentence.strip() + "."
        for file in sorted((PROJECT / "corpus").glob("*.txt"))
        for sentence in file.read_text(encoding="utf-8").replace("\n", " ").split(". ")
        if len(sentence.split()) > 6
    ]
    generator = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        body = "\n\n".join(" ".join(generator.sample(sentences, 4)) for _ in range(3))
        text = f"Generated report {number}\n\n{body}\n"
        (folder / f"article-{number:05d}.txt").write_text(text, encoding="utf-8")


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        corpus, index = Path(temporary) / "corpus", Path(temporary) / "index"
        generate_corpus(corpus, arguments.articles)
        full_s, report = timed(lambda: build_index(corpus, index))
        no_change_s, _ = timed(lambda: build_index(corpus, index))
        changed = corpus / "article-00000.txt"
        changed.write_text(changed.read_text() + "\nOne more sentence was added here.\n")
        one_changed_s, _ = timed(lambda: build_index(corpus, index))
        command = [sys.executable, "-m", "assistant", "index", "--corpus", str(corpus)]
        command += ["--index", str(index), "--json"]
        cli_s, _ = timed(lambda: subprocess.run(command, check=True, capture_output=True))
    results = {
        "articles": arguments.articles,
        "chunks": report.chunks,
        "full_build_s": round(full_s, 3),
        "chunks_per_s": round(report.chunks / full_s, 1),
        "no_change_refresh_s": round(no_change_s, 3),
        "one_changed_refresh_s": round(one_changed_s, 3),
        "no_change_cli_s": round(cli_s, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(results, indent=2))
    output = PROJECT / "benchmarks" / "results" / f"index_refresh-{arguments.articles}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
