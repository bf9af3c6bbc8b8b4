"""Start `assistant serve` in a subprocess on a free port, for tests that talk to the real UI."""

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
def running_server(index_dir: Path, corpus_dir: Path, log: Path) -> Iterator[str]:
    """The URL of a UI server serving `index_dir`; stopped on exit. Its output goes to `log`."""
    port = free_port()
    command = [sys.executable, "-m", "assistant", "serve", "--index", str(index_dir)]
    command += ["--corpus", str(corpus_dir), "--port", str(port)]
    with log.open("w") as output:
        server = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"}
        )
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_until_up(url, server, log)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


def wait_until_up(url: str, server: subprocess.Popen, log: Path, timeout_s: float = 180) -> None:
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the UI server exited:\n{log.read_text()}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the UI server did not start in {timeout_s} s:\n{log.read_text()}")
