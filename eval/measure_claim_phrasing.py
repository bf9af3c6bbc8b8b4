"""Measured once for the gathered answers (issue: "the local model may phrase one claim at a
time ... measure which reads better and holds"): the local model restating each gathered claim,
each rewrite verified against its evidence (no content word that its sentence does not hold),
versus the template (the claim quoted as written). Run from the project root after `make eval`
has built eval/indexes: `.venv/bin/python eval/measure_claim_phrasing.py`."""

import time

from assistant import answer
from assistant.config import get_settings
from assistant.generation import get_generator
from assistant.lexical import terms
from assistant.prompting import Prompt

QUESTIONS = [
    ("eval/indexes/seed", "What did Russia claim about civilian deaths?"),
    ("eval/indexes/seed", "Which organisations reported civilian deaths from Russian air strikes?"),
    ("eval/indexes/seed", "What did Konashenkov say about the allegations of civilian casualties?"),
    ("eval/indexes/reuters", "What did oil ministers say about the OPEC accord?"),
    ("eval/indexes/reuters",
     "What did coffee traders and roasters say about prices after the ICO talks failed?"),
    ("eval/indexes/noisy", "What did health ministers say about measles in Carrow?"),
]  # fmt: skip
SYSTEM = (
    "You rewrite one news sentence as a short plain statement of what the speaker claimed. "
    "Use only words from the sentence. Reply with the statement only."
)


def main() -> None:
    generator = get_generator(get_settings())
    total = held = 0
    seconds: list[float] = []
    samples = []
    for index, question in QUESTIONS:
        for claim in answer(question, index_dir=index).claims:
            who = claim.speaker or "the article"
            user = f"Speaker: {who}\nSentence: {claim.text}\nWhat did {who} claim?"
            started, reply = time.perf_counter(), ""
            for piece in generator.stream(Prompt(system=SYSTEM, user=user), 48, 0.0):
                reply += piece
                if "\n" in reply.strip():
                    break
            seconds.append(time.perf_counter() - started)
            reply = reply.strip().splitlines()[0] if reply.strip() else ""
            new = set(terms(reply)) - set(terms(claim.text)) - set(terms(who))
            verified = bool(reply) and not new and len(terms(reply)) >= 3
            total += 1
            held += verified
            if len(samples) < 14:
                samples.append((verified, who, claim.text[:110], reply[:140], sorted(new)[:6]))
    p50 = sorted(seconds)[len(seconds) // 2]
    print(f"claims {total}, rewrites verified {held} ({held / total:.2f}), "
          f"model seconds per claim p50 {p50:.2f}")  # fmt: skip
    for sample in samples:
        print(sample)


if __name__ == "__main__":
    main()
