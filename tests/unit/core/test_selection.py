from __future__ import annotations

from datetime import date

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


def test_daily_prefers_never_asked_then_longest_ago() -> None:
    asked = {"a1": date(2026, 1, 1), "a2": date(2026, 1, 3), "b1": date(2026, 1, 2)}
    assert choose_daily(BANK, last_asked=asked, seed="x") == BANK[3]
    asked["c1"] = date(2026, 1, 4)
    assert choose_daily(BANK, last_asked=asked, seed="x") == BANK[0]


def test_daily_avoids_recent_topics_while_others_remain() -> None:
    picked = choose_daily(BANK, last_asked={}, recent_topics=["a", "c"], seed="x")
    assert picked is not None
    assert picked.topic == "b"
    only_a = [q("a1", "a")]
    assert choose_daily(only_a, last_asked={}, recent_topics=["a"], seed="x") == only_a[0]


def test_daily_is_deterministic_for_a_seed_and_varies_across_seeds() -> None:
    never = [q(f"q{i}", "t") for i in range(20)]
    first = choose_daily(never, last_asked={}, seed="team:2026-01-01")
    assert first == choose_daily(never, last_asked={}, seed="team:2026-01-01")
    picks = {choose_daily(never, last_asked={}, seed=f"team:{d}") for d in range(30)}
    assert len(picks) > 5


def test_empty_bank() -> None:
    assert choose_daily([], last_asked={}, seed="x") is None
    assert choose_practice([], topic=None, seed="x") is None
    assert choose_practice(BANK, topic="zzz", seed="x") is None


def test_practice_stays_on_topic_and_avoids_recent_questions() -> None:
    picked = choose_practice(BANK, topic="a", recently_seen=["a1"], seed="x")
    assert picked == BANK[1]
    oldest = choose_practice(BANK, topic="a", recently_seen=["a2", "a1"], seed="x")
    assert oldest == BANK[1], "when all were seen, the one seen longest ago"


def test_find_topic_by_id_name_or_alias() -> None:
    topics = [("sqs-sns", "SQS / SNS", ("Simple Queue Service",)), ("vpc", "VPC", ())]
    assert find_topic("ｖｐｃ", topics) == "vpc"
    assert find_topic("simple queue service", topics) == "sqs-sns"
    assert find_topic("sqs/sns", topics) == "sqs-sns"
    assert find_topic("ec2", topics) is None
