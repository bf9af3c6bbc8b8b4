"""The two fitted models of the answering stage, read from `weights.json` beside this file.

- the ranker: P(this sentence holds the answer) from the evidence features (evidence.FEATURES);
- the abstention model: P(the chosen evidence answers the question) from the decision features
  (abstention.FEATURES).

Both are logistic regressions over standardised features, fitted by `eval/fit_answering.py` on
the Reuters calibration half and our own eval sets (never the Reuters test half). The file
records its version, the features in order, and what it was fitted on; a file whose features
differ from the code's is refused with the command that refits it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.errors import ConfigurationError

WEIGHTS_FILE = Path(__file__).resolve().parent / "weights.json"
FORMAT = 1


@dataclass(frozen=True)
class Logistic:
    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]

    def probability(self, values: tuple[float, ...]) -> float:
        z = self.intercept + sum(
            c * (v - m) / s
            for c, v, m, s in zip(self.coefficients, values, self.mean, self.scale, strict=True)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @classmethod
    def from_dict(cls, data: dict, expected: tuple[str, ...], path: Path) -> Logistic:
        if tuple(data["features"]) != expected:
            raise ConfigurationError(
                f"{path} was fitted on other features ({data['features']}); the code uses "
                f"{list(expected)}. Refit it: .venv/bin/python eval/fit_answering.py"
            )
        return cls(
            tuple(data["features"]), tuple(data["coefficients"]), float(data["intercept"]),
            tuple(data["mean"]), tuple(data["scale"]),
        )  # fmt: skip


@dataclass(frozen=True)
class Weights:
    version: str
    ranker_model: Logistic
    abstention_model: Logistic

    def ranker(self, values: tuple[float, ...]) -> float:
        return self.ranker_model.probability(values)

    def answerable(self, values: tuple[float, ...]) -> float:
        return self.abstention_model.probability(values)


@cache
def load_weights(path: Path = WEIGHTS_FILE) -> Weights:
    from assistant.answering.abstention import FEATURES as DECISION_FEATURES
    from assistant.answering.evidence import FEATURES as EVIDENCE_FEATURES

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ConfigurationError(f"Cannot read the answering weights {path}: {error}") from error
    if data.get("format") != FORMAT:
        raise ConfigurationError(f"{path} has format {data.get('format')}, expected {FORMAT}.")
    return Weights(
        version=str(data.get("version")),
        ranker_model=Logistic.from_dict(data["ranker"], EVIDENCE_FEATURES, path),
        abstention_model=Logistic.from_dict(data["abstention"], DECISION_FEATURES, path),
    )
