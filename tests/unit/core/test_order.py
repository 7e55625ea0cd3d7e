"""The order choices are shown in: fixed per round, independent of the file, fair over rounds."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import pytest

from bot.core.model import Question, QuestionKind, SourceRef
from bot.core.order import SEED_BITS, as_shown, round_seed, shuffled

# The chi-square statistic's critical value for 3 degrees of freedom (four positions) at
# p = 0.001: a fair order exceeds it once in a thousand runs, a biased one almost always.
CHI2_CRITICAL_3DF = 16.27


def question(*choices: str, answer: str | None = None) -> Question:
    return Question(
        id="q",
        topic="t",
        kind=QuestionKind.CHOICE,
        prompt="?",
        explanation="!",
        source=SourceRef(note="n"),
        choices=choices,
        answer=answer or choices[0],
    )


def chi_square(counts: Counter[int], positions: int) -> float:
    total = sum(counts.values())
    expected = total / positions
    return sum((counts.get(p, 0) - expected) ** 2 / expected for p in range(positions))


def daily_seeds(team: int, days: int) -> list[int]:
    """The seeds a team's daily rounds get over `days` consecutive days."""
    start = date(2026, 12, 1)
    return [round_seed(f"{team}:{(start + timedelta(days=d)).isoformat()}") for d in range(days)]


# -- one round ----------------------------------------------------------------------------------


def test_a_round_always_shows_the_same_order() -> None:
    q = question("30秒", "60秒", "15分", "12時間")
    seed = round_seed("1:2026-12-01")

    shown = [as_shown(q, seed).choices for _ in range(5)]

    assert len(set(shown)) == 1
    assert sorted(shown[0]) == sorted(q.choices)


def test_the_order_does_not_depend_on_the_order_in_the_file() -> None:
    choices = ("SQS", "SNS", "Kinesis", "MQ")
    seed = round_seed("7:2026-12-24")

    orders = {
        as_shown(question(*perm, answer="SQS"), seed).choices
        for perm in itertools.permutations(choices)
    }

    assert len(orders) == 1


def test_the_answer_and_what_letters_mean_follow_the_shown_order() -> None:
    q = question("IGW", "NAT", "VGW", "TGW")
    shown = next(as_shown(q, s) for s in daily_seeds(1, 50) if as_shown(q, s).choices[0] != "IGW")

    assert shown.answer == "IGW"
    assert shown.choices[shown.correct_index] == "IGW"
    assert shown.correct_index != 0


def test_a_round_without_a_seed_keeps_the_bank_order() -> None:
    q = question("a", "b", "c", "d")
    assert as_shown(q, None) is q


def test_typed_questions_are_left_alone() -> None:
    q = replace(question("x"), kind=QuestionKind.TEXT, choices=(), answer="", accepted=("x",))
    assert as_shown(q, 12345) is q


def test_seeds_fit_a_32_bit_column_and_differ_between_rounds() -> None:
    seeds = daily_seeds(1, 1000) + daily_seeds(2, 1000)
    assert all(0 <= s < 2**SEED_BITS for s in seeds)
    assert len(set(seeds)) == len(seeds)


def test_shuffled_is_a_permutation_and_repeatable() -> None:
    items = [f"item {i}" for i in range(10)]
    assert shuffled(items, "salt") == shuffled(reversed(items), "salt")
    assert sorted(shuffled(items, "salt")) == sorted(items)
    assert shuffled(items, "salt") != shuffled(items, "pepper")


# -- many rounds --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [2, 3, 4, 5, 6])
def test_the_answer_lands_on_each_position_equally_often(count: int) -> None:
    """1,000 daily rounds of bank questions that all list their answer first."""
    rng = random.Random(20261201)
    positions: Counter[int] = Counter()
    for seed in daily_seeds(team=3, days=1000):
        choices = tuple(f"choice {rng.randrange(10**6)}-{i}" for i in range(count))
        positions[as_shown(question(*choices), seed).correct_index] += 1

    statistic = chi_square(positions, count)

    # Critical values at p = 0.001 for count - 1 degrees of freedom.
    assert statistic < {2: 10.83, 3: 13.82, 4: CHI2_CRITICAL_3DF, 5: 18.47, 6: 20.52}[count], (
        positions
    )


def test_the_chi_square_check_catches_a_biased_order() -> None:
    """The same check fails on the order the bank files use, and on a mild bias."""
    always_first: Counter[int] = Counter({0: 1000})
    assert chi_square(always_first, 4) > CHI2_CRITICAL_3DF

    rng = random.Random(5)
    mild: Counter[int] = Counter(
        0 if rng.random() < 0.35 else rng.choice([1, 2, 3]) for _ in range(1000)
    )
    assert chi_square(mild, 4) > CHI2_CRITICAL_3DF


def test_every_position_pair_is_reachable() -> None:
    """Each choice reaches each position: the order is a full shuffle, not a rotation."""
    q = question("a", "b", "c", "d")
    seen = {(c, as_shown(q, s).choices.index(c)) for s in daily_seeds(4, 200) for c in q.choices}
    assert len(seen) == 16
    orders = {as_shown(q, s).choices for s in daily_seeds(4, 1000)}
    assert len(orders) == 24
