"""The OpenAI-compatible generation backend: retries, clear errors, and a real server end to end."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import httpx
import pytest
from server import free_port, running_llm_server

from assistant import answer
from assistant.config import get_settings
from assistant.errors import GenerationError
from assistant.generation import OpenAICompatibleGenerator, embedded_model_path
from assistant.prompting import Prompt

PROMPT = Prompt(system="Answer briefly.", user="Say hello.")
MODELS = {"data": [{"id": "tiny"}]}
# A one-fact question: its short answer is asked of the model (a gathered answer, such as the
# design's example question gets, is composed from the articles without it).
EXAMPLE = "How many sorties had the Russian air force carried out since the start of its campaign?"


def events(*pieces: str) -> bytes:
    lines = [f"data: {json.dumps({'choices': [{'delta': {'content': p}}]})}" for p in pieces]
    return ("\n\n".join([*lines, "data: [DONE]"]) + "\n\n").encode()


def generator(handler, model: str = "tiny", retries: int = 2) -> OpenAICompatibleGenerator:
    return OpenAICompatibleGenerator(
        "http://llm.test/v1", model, "key", 5.0, retries, transport=httpx.MockTransport(handler)
    )


def test_a_connection_failure_is_retried_and_the_answer_streams():
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        if request.url.path.endswith("/models"):
            return httpx.Response(200, json=MODELS)
        if calls.count("/v1/chat/completions") == 1:
            raise httpx.ConnectError("connection refused")
        assert json.loads(request.content)["stream"] is True
        assert request.headers["authorization"] == "Bearer key"
        return httpx.Response(200, content=events("Hel", "lo."))

    assert "".join(generator(handler).stream(PROMPT, 10, 0.0)) == "Hello."
    assert calls.count("/v1/chat/completions") == 2


def test_a_server_that_stays_down_is_a_clear_error_after_the_retries():
    attempts = []

    def handler(request: httpx.Request) -> httpx.Response:
        attempts.append(request)
        raise httpx.ConnectError("connection refused")

    with pytest.raises(GenerationError, match="cannot be reached.*3 attempts.*ASSISTANT_LLM_URL"):
        list(generator(handler).stream(PROMPT, 10, 0.0))
    assert len(attempts) == 3


def test_a_server_too_slow_to_answer_is_a_clear_error():
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out")

    with pytest.raises(GenerationError, match="ReadTimeout"):
        list(generator(handler, retries=0).stream(PROMPT, 10, 0.0))


def test_a_model_the_server_does_not_serve_is_named_with_what_it_serves():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=MODELS)

    with pytest.raises(GenerationError, match="'gpt-9'.*serves tiny.*ASSISTANT_LLM_MODEL"):
        list(generator(handler, model="gpt-9").stream(PROMPT, 10, 0.0))


def test_an_error_status_is_reported_with_the_server_text():
    asked_models = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/models"):
            asked_models.append(1)
            return httpx.Response(404)  # not every server lists models
        return httpx.Response(401, text="invalid api key")

    client = generator(handler)
    for _ in range(2):
        with pytest.raises(GenerationError, match="answered 401: invalid api key"):
            list(client.stream(PROMPT, 10, 0.0))
    assert asked_models == [1]  # a server without /models is not asked again


def test_a_stream_cut_short_is_an_error_not_a_short_answer():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/models"):
            return httpx.Response(200, json=MODELS)
        return httpx.Response(200, content=events("Russia denied").replace(b"data: [DONE]", b""))

    with pytest.raises(GenerationError, match="ended the answer before its end"):
        list(generator(handler).stream(PROMPT, 10, 0.0))


def test_nothing_listening_fails_fast_through_answer(seed_index):
    url = f"http://127.0.0.1:{free_port()}/v1"
    started = time.perf_counter()
    with pytest.raises(GenerationError, match="cannot be reached"):
        answer(EXAMPLE, index_dir=seed_index, llm_backend="openai", llm_url=url, llm_retries=1)
    assert time.perf_counter() - started < 10


@pytest.mark.integration
def test_answers_through_a_real_llama_cpp_server_shared_by_two_processes(seed_index, tmp_path):
    settings = get_settings()
    model = embedded_model_path(settings.llm, settings.models_dir)
    with running_llm_server(model, tmp_path / "llm.log") as url:
        result = answer(EXAMPLE, index_dir=seed_index, llm_backend="openai", llm_url=url)
        assert not result.abstained and result.citations
        assert any("russia" in c.title.lower() for c in result.citations)

        # Two assistant processes ask at once through the same server; both answer.
        command = [sys.executable, "-m", "assistant", "ask", EXAMPLE, "--index", str(seed_index)]
        command += ["--llm-backend", "openai", "--llm-url", url, "--llm-model", "smollm2", "--json"]
        askers = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(2)]
        outputs = [asker.communicate(timeout=300)[0] for asker in askers]
        assert [asker.returncode for asker in askers] == [0, 0]
        for output in outputs:
            item = json.loads(output)
            assert not item["abstained"] and item["citations"]

        wrong = subprocess.run(
            [*command[:-2], "no-such-model"], capture_output=True, text=True, timeout=300
        )
        assert wrong.returncode == 1
        assert "does not serve a model named 'no-such-model'" in wrong.stderr
        assert "smollm2" in wrong.stderr
