import socket
import subprocess
import sys
import time

import httpx
import pytest

from assistant.records import Answer, Citation, Timings
from assistant.ui import format_answer


def test_answer_message_lists_sources_with_outlet_date_and_quote():
    citation = Citation(
        1, "a.txt", "A <b>title</b>", "The Independent", "2016-01-15", "He said “no”."
    )
    text = format_answer(
        Answer("q", "Russia denied it [1].", False, (citation,), (), Timings(0.1, 0.5, 1.0))
    )
    assert text.startswith("Russia denied it [1].")
    assert "**[1] A &lt;b&gt;title&lt;/b&gt;** — The Independent · 2016-01-15" in text
    assert "> He said “no”." in text and "`a.txt`" in text


def test_abstention_is_marked():
    assert format_answer(Answer("q", "The articles do not answer this question.", True)).startswith(
        "⚠️"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.integration
def test_served_ui_answers_the_example_question_with_sources(seed_index):
    from gradio_client import Client

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "assistant", "serve", "--index", str(seed_index)]
        + ["--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.time() + 120
        while time.time() < deadline:
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail("the UI did not start")
        reply = Client(url, verbose=False).predict(
            "What did Russia claim about civilian deaths?", api_name="/ask"
        )
        assert "**Sources**" in reply and "[" in reply
    finally:
        server.terminate()
        server.wait(timeout=30)
