"""The answering stage: from a question and the index to a cited answer, or a refusal.

One module a step: question.py (parts and the kind of answer each wants), evidence.py and
spans.py (ranking every sentence of the retrieved articles; answer spans), abstention.py and
weights.py (the calibrated decision and the fitted models' data), facts.py and verify.py (the
short answer put first, and its checks), compose.py (the text). pipeline.answer() wires them.
"""
