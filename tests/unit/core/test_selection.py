"""What to ask next: daily questions, practice questions, and topics by name."""

from __future__ import annotations

from datetime import date
from itertools import permutations

import pytest

from bot.core.model import Question, QuestionKind, SourceRef
from bot.core.selection import choose_daily, choose_practice, find_topic


def q(qid: str, topic: str) -> Question:
    return Question(
        id=qid,
        topic=topic,
        kind=QuestionKind.TEXT,
        prompt="?",
        explanation="!",
        source=SourceRef("n"),
        accepted=("a",),
    )


BANK = [q("a1", "a"), q("a2", "a"), q("b1", "b"), q("c1", "c")]


def ids(question: Question | None) -> str | None:
    return None if question is None else question.id


# -- choose_daily -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last_asked", "expected"),
    [
        # Never-asked first, whatever the dates of the others.
        ({"a1": date(2026, 1, 1), "a2": date(2026, 1, 3), "b1": date(2026, 1, 2)}, "c1"),
        # All asked: the one asked longest ago.
        (
            {
                "a1": date(2026, 1, 1),
                "a2": date(2026, 1, 3),
                "b1": date(2026, 1, 2),
                "c1": date(2026, 1, 4),
            },
            "a1",
        ),
        (
            {
                "a1": date(2026, 2, 1),
                "a2": date(2026, 1, 3),
                "b1": date(2026, 1, 2),
                "c1": date(2026, 1, 4),
            },
            "b1",
        ),
    ],
)
def test_daily_prefers_never_asked_then_longest_ago(
    last_asked: dict[str, date], expected: str
) -> None:
    assert ids(choose_daily(BANK, last_asked=last_asked, seed="x")) == expected


@pytest.mark.parametrize(
    ("recent_topics", "allowed"),
    [
        (["a", "c"], {"b1"}),
        (["a"], {"b1", "c1"}),
        (["b", "c"], {"a1", "a2"}),
        (["a", "b", "c"], {"a1", "a2", "b1", "c1"}),  # nothing else left: anything goes
        ([], {"a1", "a2", "b1", "c1"}),
    ],
)
def test_daily_avoids_recent_topics_while_others_remain(
    recent_topics: list[str], allowed: set[str]
) -> None:
    picks = {
        ids(choose_daily(BANK, last_asked={}, recent_topics=recent_topics, seed=str(seed)))
        for seed in range(30)
    }
    assert picks == allowed, "only allowed questions, and each of them for some seed"


def test_a_recent_topic_is_avoided_even_if_it_has_never_asked_questions() -> None:
    asked = {"b1": date(2026, 1, 1), "c1": date(2026, 1, 2)}
    assert ids(choose_daily(BANK, last_asked=asked, recent_topics=["a"], seed="x")) == "b1"


def test_daily_is_deterministic_for_a_seed_and_varies_across_seeds() -> None:
    never = [q(f"q{i}", "t") for i in range(20)]
    first = choose_daily(never, last_asked={}, seed="team:2026-01-01")
    assert first == choose_daily(never, last_asked={}, seed="team:2026-01-01")
    assert first == choose_daily(list(reversed(never)), last_asked={}, seed="team:2026-01-01")
    picks = {ids(choose_daily(never, last_asked={}, seed=f"team:{d}")) for d in range(30)}
    assert len(picks) > 5


def test_ties_on_the_same_date_are_broken_by_the_seed_not_the_order() -> None:
    same_day = dict.fromkeys(["a1", "a2", "b1", "c1"], date(2026, 1, 1))
    for seed in ("x", "y", "z"):
        picks = {ids(choose_daily(p, last_asked=same_day, seed=seed)) for p in permutations(BANK)}
        assert len(picks) == 1


def test_daily_from_an_empty_bank() -> None:
    assert choose_daily([], last_asked={}, seed="x") is None


# -- choose_practice --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("topic", "recently_seen", "expected"),
    [
        ("a", ["a1"], "a2"),
        ("a", ["a2"], "a1"),
        # All seen (oldest first): the one seen longest ago.
        ("a", ["a2", "a1"], "a2"),
        ("a", ["a1", "a2"], "a1"),
        # A question seen again counts from its latest sighting.
        ("a", ["a1", "a2", "a1"], "a2"),
        ("a", ["a2", "a1", "a1", "a2"], "a1"),
        ("b", ["b1"], "b1"),  # the only one on the topic
        ("b", ["a1", "a2"], "b1"),  # other topics' history does not matter
        (None, ["a1", "a2", "b1"], "c1"),  # any topic: the unseen one
    ],
)
def test_practice_stays_on_topic_and_avoids_recent_questions(
    topic: str | None, recently_seen: list[str], expected: str
) -> None:
    assert (
        ids(choose_practice(BANK, topic=topic, recently_seen=recently_seen, seed="x")) == expected
    )


def test_practising_a_small_topic_takes_turns() -> None:
    """Each practice round is added to the history; the same question never comes twice in a row
    while the topic has another."""
    seen: list[str] = []
    for n in range(10):
        picked = choose_practice(BANK, topic="a", recently_seen=seen, seed=str(n))
        assert picked is not None
        assert not seen or picked.id != seen[-1], f"round {n}: {seen} then {picked.id} again"
        seen.append(picked.id)
    assert set(seen) == {"a1", "a2"}


def test_unseen_practice_questions_are_picked_by_the_seed() -> None:
    many = [q(f"q{i}", "t") for i in range(20)]
    pick = choose_practice(many, topic="t", seed="m:1")
    assert pick == choose_practice(list(reversed(many)), topic="t", seed="m:1")
    picks = {ids(choose_practice(many, topic="t", seed=f"m:{n}")) for n in range(30)}
    assert len(picks) > 5


@pytest.mark.parametrize(("questions", "topic"), [([], None), ([], "a"), (BANK, "zzz")])
def test_practice_with_nothing_to_ask(questions: list[Question], topic: str | None) -> None:
    assert choose_practice(questions, topic=topic, seed="x") is None


# -- find_topic -------------------------------------------------------------------------------

TOPICS = [
    ("sqs-sns", "SQS / SNS", ("Simple Queue Service", "メッセージング")),
    ("vpc", "VPC", ("Virtual Private Cloud",)),
    ("iam", "IAM", ("",)),  # a topic with no English name passes an empty alias
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("vpc", "vpc"),  # id
        ("VPC", "vpc"),
        ("ｖｐｃ", "vpc"),  # full width
        ("virtual private cloud", "vpc"),  # alias
        ("simple queue service", "sqs-sns"),
        ("sqs/sns", "sqs-sns"),  # name, with spacing and punctuation folded
        ("SQS・SNS", "sqs-sns"),
        ("sqs-sns", "sqs-sns"),
        ("メッセージング", "sqs-sns"),
        ("めっせーじんぐ", "sqs-sns"),  # kana folded
        ("ec2", None),
        ("vp", None),  # no prefix matches
        ("sqs", None),
        ("", None),
        ("・", None),  # punctuation alone must not match the empty alias
        ("!!", None),
    ],
)
def test_find_topic(query: str, expected: str | None) -> None:
    assert find_topic(query, TOPICS) == expected
