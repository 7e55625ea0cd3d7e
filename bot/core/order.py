"""The order choices are shown in: drawn per round, the same every time that round is shown.

A bank file lists its choices in whatever order its author wrote them (often the answer first),
so that order must never reach a member. Each round stores a seed; the choices are sorted by a
hash of the seed and each choice's text. That order is

- fixed for the round: a restart, a re-render, `/quiz today` and the reveal show the same one;
- independent of the file: it depends on the set of choices, not on where each was written;
- uniform: every choice is equally likely to land in each position, over rounds.

The notes importer orders its candidates' choices with the same function.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import replace

from bot.core.model import Question, QuestionKind

SEED_BITS = 31
"""A round's seed fits a signed 32-bit column on every database."""


def shuffled(items: Iterable[str], salt: str) -> list[str]:
    """`items` in an order that looks random and is the same for the same items and salt."""
    return sorted(items, key=lambda item: _digest(salt + "\x1f" + item))


def round_seed(key: str) -> int:
    """A round's choice seed, drawn from what identifies the round (its team and date, say)."""
    return int.from_bytes(_digest("choices\x1f" + key)[:4], "big") >> (32 - SEED_BITS)


def as_shown(question: Question, seed: int | None) -> Question:
    """The question with its choices in the round's order.

    A round stored without a seed was posted before choices were shuffled: it keeps the bank's
    order, which is the order its members saw.
    """
    if seed is None or question.kind is not QuestionKind.CHOICE:
        return question
    return replace(question, choices=tuple(shuffled(question.choices, f"{seed}")))


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode()).digest()
