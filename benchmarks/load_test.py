"""Load test: N clients asking at once through the API of a real `assistant serve` (loopback).

    .venv/bin/python benchmarks/load_test.py [--clients 1 4 16] [--backend llamacpp|openai]

Each client asks eval questions one after another through the server's `ask` API (what the UI's
chat does too), all clients at the same time; for each N: questions answered, failures,
answers/s, latency p50/p95 as the client sees it (queueing included). With `--backend openai`
the server generates through llama-cpp-python's OpenAI-compatible server (started here, with
the same embedded GGUF) instead of in-process. Also reports the serving process's resident
memory (VmRSS now, VmHWM peak). Writes benchmarks/results/load_test[-openai].json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "tests"))  # the server helpers the tests use

from server import running_llm_server, serving  # noqa: E402

from assistant.config import get_settings  # noqa: E402
from assistant.evaluation import load_questions  # noqa: E402
from assistant.generation import embedded_model_path  # noqa: E402


def memory_mb(pid: int) -> dict[str, float]:
    """Resident memory of a process now and at its peak, from /proc (Linux)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = round(int(value.split()[0]) / 1024, 1)
    return fields


def percentile(values: list[float], percent: int) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


def load(url: str, clients: int, per_client: int, questions: list[str]) -> dict[str, object]:
    """`clients` threads, each with its own API client, asking `per_client` questions."""
    from gradio_client import Client

    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()

    def client_loop(number: int) -> None:
        client = Client(url, verbose=False)
        for turn in range(per_client):
            question = questions[(number * per_client + turn) % len(questions)]
            started = time.perf_counter()
            try:
                result = json.loads(client.predict(question, api_name="/ask"))
                problem = None if result.get("text") else "empty answer"
            except Exception as error:  # noqa: BLE001 - every failure counts, whatever its kind
                problem = repr(error)
            with lock:
                if problem:
                    failures.append(problem)
                else:
                    latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return {
        "clients": clients,
        "questions": clients * per_client,
        "answered": len(latencies),
        "failed": len(failures),
        "answers_per_s": round(len(latencies) / wall, 2),
        "p50_s": round(percentile(latencies, 50), 2) if latencies else None,
        "p95_s": round(percentile(latencies, 95), 2) if latencies else None,
        "first_failure": failures[0] if failures else "",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--questions-per-run", type=int, default=16)
    parser.add_argument("--backend", choices=["llamacpp", "openai"], default="llamacpp")
    arguments = parser.parse_args()
    settings = get_settings()
    questions = [q.q for q in load_questions(PROJECT / "eval" / "questions.jsonl") if not q.history]
    report: dict[str, object] = {"backend": arguments.backend, "rows": []}
    with tempfile.TemporaryDirectory() as temporary, ExitStack() as stack:
        logs = Path(temporary)
        env = {}
        if arguments.backend == "openai":
            model = embedded_model_path(settings.llm, settings.models_dir)
            llm_url = stack.enter_context(running_llm_server(model, logs / "llm.log"))
            env = {"ASSISTANT_LLM_BACKEND": "openai", "ASSISTANT_LLM_URL": llm_url,
                   "ASSISTANT_LLM_MODEL": "smollm2"}  # fmt: skip
        url, process = stack.enter_context(
            serving(settings.index_dir, settings.corpus_dir, logs / "serve.log", env)
        )
        for clients in arguments.clients:
            per_client = max(1, arguments.questions_per_run // clients)
            row = load(url, clients, per_client, questions)
            print(json.dumps(row), flush=True)
            report["rows"].append(row)
        memory = memory_mb(process.pid)
    report["rss_mb"], report["peak_rss_mb"] = memory["VmRSS"], memory["VmHWM"]
    print(f"serving process: {report['rss_mb']} MB resident, {report['peak_rss_mb']} MB peak")
    suffix = "" if arguments.backend == "llamacpp" else f"-{arguments.backend}"
    output = PROJECT / "benchmarks" / "results" / f"load_test{suffix}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
