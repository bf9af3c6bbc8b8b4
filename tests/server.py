"""Real servers in subprocesses on free loopback ports, for tests and benchmarks that talk to them:
`assistant serve` (the UI and its API) and llama-cpp-python's OpenAI-compatible server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_process(
    command: list[str], ready_url: str, log: Path, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen]:
    """Run `command` until the block ends, once `ready_url` answers 200. Output goes to `log`."""
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_COLOR": "1", **(env or {})},
        )
        try:
            wait_until_up(ready_url, process, log)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@contextmanager
def running_server(
    index_dir: Path, corpus_dir: Path, log: Path, env: dict[str, str] | None = None
) -> Iterator[str]:
    """The URL of a UI server serving `index_dir`; stopped on exit. Its output goes to `log`."""
    with serving(index_dir, corpus_dir, log, env) as (url, _):
        yield url


@contextmanager
def serving(
    index_dir: Path, corpus_dir: Path, log: Path, env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`assistant serve` on a free port: its URL and its process."""
    port = free_port()
    command = [sys.executable, "-m", "assistant", "serve", "--index", str(index_dir)]
    command += ["--corpus", str(corpus_dir), "--port", str(port)]
    url = f"http://127.0.0.1:{port}/"
    with running_process(command, url, log, env) as process:
        yield url, process


@contextmanager
def running_llm_server(model: Path, log: Path, alias: str = "smollm2") -> Iterator[str]:
    """llama-cpp-python's OpenAI-compatible server for `model`: its base URL (.../v1)."""
    port = free_port()
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(model)]
    command += ["--model_alias", alias, "--host", "127.0.0.1", "--port", str(port)]
    command += ["--n_ctx", "2048", "--n_threads", "2", "--n_threads_batch", "2"]
    command += ["--interrupt_requests", "False"]  # queue concurrent requests, do not drop them
    url = f"http://127.0.0.1:{port}/v1"
    with running_process(command, f"{url}/models", log):
        yield url


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout_s: float = 180) -> None:
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the server did not start in {timeout_s} s:\n{log.read_text()}")
