"""Index build and refresh: the seed corpus, then N generated articles.

    .venv/bin/python benchmarks/index_refresh.py [--articles 10000] [--paragraphs 1] [--sentences 3]

1. Seed corpus (corpus/): a full build (models already loaded), articles/s and chunks/s, beside
   the plain pipeline on the same chunks: one `SentenceTransformer.encode` over the chunk texts
   and a FAISS `IndexFlatIP`, nothing else (no parsing, no BM25, no store, no crash safety).
2. N articles generated from the seed articles' sentences (shuffled, so each text is distinct;
   `--paragraphs` of `--sentences` each: the default makes news briefs of about 70 words, one
   chunk each, so that 10,000 of them embed in about 4 minutes on 2 cores) in a temporary
   folder: full build, then `build_index()` with nothing changed and with one article changed
   (in this process, models loaded), and the `assistant index` command with nothing changed (a
   new process, as a user runs it). The plain pipeline re-embeds everything on every change, so
   the full build is the baseline of both refreshes.

Prints JSON and writes benchmarks/results/index_refresh.json.
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

import faiss

from assistant.chunking import embedding_text
from assistant.config import get_settings
from assistant.embedding import get_embedder
from assistant.index import build_index, open_index

PROJECT = Path(__file__).resolve().parent.parent


def generate_corpus(
    folder: Path, count: int, paragraphs: int, sentences_per_paragraph: int, seed: int = 7
) -> None:
    sentences = [
        sentence.strip() + "."
        for file in sorted((PROJECT / "corpus").glob("*.txt"))
        for sentence in file.read_text(encoding="utf-8").replace("\n", " ").split(". ")
        if len(sentence.split()) > 6
    ]
    generator = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        body = "\n\n".join(
            " ".join(generator.sample(sentences, sentences_per_paragraph))
            for _ in range(paragraphs)
        )
        text = f"Generated report {number}\n\n{body}\n"
        (folder / f"article-{number:05d}.txt").write_text(text, encoding="utf-8")


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def seed_build(folder: Path) -> dict[str, float]:
    """Our full build of corpus/ beside the plain encode-and-add loop on the same chunks."""
    embedder = get_embedder(get_settings().embedding_model)
    embedder.embed(["warm up"])  # model loading is not indexing speed
    seconds, report = timed(lambda: build_index(PROJECT / "corpus", folder, full=True))
    index = open_index(folder)
    texts = [
        embedding_text(index.store.article(chunk.path).title, chunk.text)
        for chunk in index.store.chunks(list(range(index.size))).values()
    ]  # exactly what the build embedded

    def plain() -> None:
        vectors = embedder.model.encode(texts, batch_size=32, normalize_embeddings=True)
        faiss.IndexFlatIP(vectors.shape[1]).add(vectors)

    plain_s, _ = timed(plain)
    return {
        "seed_articles": report.articles,
        "seed_chunks": report.chunks,
        "seed_build_s": round(seconds, 3),
        "seed_articles_per_s": round(report.articles / seconds, 2),
        "seed_chunks_per_s": round(report.chunks / seconds, 1),
        "plain_seed_chunks_per_s": round(len(texts) / plain_s, 1),
    }


def generated_build(
    folder: Path, articles: int, paragraphs: int, sentences: int
) -> dict[str, float]:
    corpus, index = folder / "corpus", folder / "index"
    generate_corpus(corpus, articles, paragraphs, sentences)
    full_s, report = timed(lambda: build_index(corpus, index))
    no_change_s, _ = timed(lambda: build_index(corpus, index))
    changed = corpus / "article-00000.txt"
    changed.write_text(changed.read_text() + "\nOne more sentence was added here.\n")
    one_changed_s, _ = timed(lambda: build_index(corpus, index))
    command = [sys.executable, "-m", "assistant", "index", "--corpus", str(corpus)]
    command += ["--index", str(index), "--json"]
    cli_s, _ = timed(lambda: subprocess.run(command, check=True, capture_output=True))
    return {
        "articles": articles,
        "chunks": report.chunks,
        "full_build_s": round(full_s, 3),
        "articles_per_s": round(articles / full_s, 1),
        "chunks_per_s": round(report.chunks / full_s, 1),
        "no_change_refresh_s": round(no_change_s, 3),
        "no_change_cli_s": round(cli_s, 3),
        "one_changed_refresh_s": round(one_changed_s, 3),
        "plain_refresh_s": round(full_s, 3),  # the plain pipeline rebuilds everything
        "no_change_speedup": round(full_s / no_change_s, 1),
        "one_changed_speedup": round(full_s / one_changed_s, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--paragraphs", type=int, default=1)
    parser.add_argument("--sentences", type=int, default=3, help="per paragraph")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        results = seed_build(Path(temporary) / "seed-index")
        results |= generated_build(
            Path(temporary), arguments.articles, arguments.paragraphs, arguments.sentences
        )
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(results, indent=2))
    output = PROJECT / "benchmarks" / "results" / "index_refresh.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
