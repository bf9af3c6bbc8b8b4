"""A running `assistant serve` picks up a new index built by another process, mid-questions."""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import pytest
from helpers import MAROVO_ARTICLE, MAROVO_QUESTION
from server import running_server

pytestmark = pytest.mark.integration

EXAMPLE = "What did Russia claim about civilian deaths?"


def test_server_answers_from_a_new_index_without_restart_or_failed_questions(corpus_copy, tmp_path):
    from gradio_client import Client

    from assistant.index import build_index

    index_dir = tmp_path / "index"
    build_index(corpus_copy, index_dir)
    with running_server(index_dir, corpus_copy, tmp_path / "server.log") as url:
        ask = Client(url, verbose=False).predict
        assert json.loads(ask(MAROVO_QUESTION, api_name="/ask"))["abstained"]
        (corpus_copy / "marovo.md").write_text(MAROVO_ARTICLE)

        answers, errors, done = [], [], threading.Event()

        def keep_asking() -> None:
            client = Client(url, verbose=False)
            while not done.is_set():
                try:
                    answers.append(json.loads(client.predict(EXAMPLE, api_name="/ask")))
                except Exception as error:  # noqa: BLE001 - any failure is what the test looks for
                    errors.append(error)

        asker = threading.Thread(target=keep_asking)
        asker.start()
        try:
            command = [sys.executable, "-m", "assistant", "index", "--corpus", str(corpus_copy)]
            subprocess.run([*command, "--index", str(index_dir)], check=True, capture_output=True)
        finally:
            done.set()
            asker.join(timeout=120)
        assert not errors and answers
        assert all(not item["abstained"] and item["citations"] for item in answers)

        after = json.loads(ask(MAROVO_QUESTION, api_name="/ask"))
    assert "37" in after["text"] and [c["path"] for c in after["citations"]] == ["marovo.md"]
