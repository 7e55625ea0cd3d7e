"""The bundled bank as a team sees it: broad, tagged for the exams, and fair to guess at."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content import check_bank, summarise
from bot.content._audit import answer_rank
from bot.core.matching import is_correct
from bot.core.model import Bank, QuestionKind

REPO = Path(__file__).resolve().parents[3]
EXAMS = {"SAA", "DVA", "SOA"}


@pytest.fixture(scope="module")
def bank() -> Bank:
    loaded, problems, warnings = check_bank(REPO / "content")
    assert problems == []
    assert [str(w) for w in warnings] == []
    assert loaded is not None
    return loaded


def test_the_bank_is_broad_enough_for_daily_use(bank: Bank) -> None:
    summary = summarise(bank)
    assert summary.questions >= 450
    assert len(summary.per_topic) >= 32
    assert min(summary.per_topic.values()) >= 8, "every topic has enough for practice"
    assert set(summary.per_topic) == {t.id for t in bank.topics}, "no topic is empty"


def test_every_question_names_the_exams_it_serves(bank: Bank) -> None:
    untagged = [q.id for q in bank.questions if not q.exams]
    unknown = [(q.id, q.exams) for q in bank.questions if not set(q.exams) <= EXAMS]
    assert untagged == []
    assert unknown == []
    summary = summarise(bank)
    for exam in EXAMS:
        assert summary.per_exam[exam] >= 0.2 * summary.questions, exam


def test_difficulty_spreads_over_the_three_levels(bank: Bank) -> None:
    levels = summarise(bank).per_difficulty
    assert all(levels.get(level, 0) >= 0.1 * len(bank.questions) for level in (1, 2, 3)), levels


def test_no_place_by_length_gives_the_answer_away(bank: Bank) -> None:
    """A guesser who always picks the longest (or the second longest...) choice of the
    four-choice questions should do about as well as chance: a quarter."""
    four = [q for q in bank.questions if q.kind is QuestionKind.CHOICE and len(q.choices) == 4]
    assert len(four) >= 0.6 * len(bank.questions)
    for rank in (1, 2, 3, 4):
        share = sum(answer_rank(q.answer, q.choices) == rank for q in four) / len(four)
        assert 0.15 <= share <= 0.35, (rank, share)
    summary = summarise(bank)
    assert summary.answer_longest <= summary.choice_questions / 3


def test_choices_look_alike_in_kind(bank: Bank) -> None:
    """Four choices, usually: a question with two or three invites a lucky guess."""
    short = [q.id for q in bank.questions if q.kind is QuestionKind.CHOICE and len(q.choices) < 4]
    assert short == []


# What learners type for the bank's own typed questions: right answers in the forms people
# use, and near misses that must stay wrong.
TYPED = [
    ("sqs-fifo-throughput", "300/秒", True),
    ("sqs-fifo-throughput", "毎秒300回", True),
    ("sqs-fifo-throughput", "300回/秒", True),
    ("sqs-fifo-throughput", "3000", False),
    ("sqs-fifo-throughput", "30", False),
    ("rds-manual-snapshot-limit", "100件", True),
    ("rds-manual-snapshot-limit", "100個まで", True),
    ("rds-manual-snapshot-limit", "1000件", False),
    ("vpc-igw-one-per-vpc", "一つ", True),
    ("vpc-igw-one-per-vpc", "2つ", False),
    ("aurora-storage-six-copies", "6 copies", True),
    ("aurora-storage-six-copies", "計6つ", True),
    ("aurora-storage-six-copies", "16個", False),
    ("aurora-storage-six-copies", "3つ", False),
    ("ebs-sc1-lowest-cost", "sc1 (Cold HDD)", True),
    ("ebs-sc1-lowest-cost", "Cold HDD（sc1）", True),
    ("ebs-sc1-lowest-cost", "st1", False),
    ("autoscaling-step-scaling-warmup", "ウォームアップ期間", True),
    ("s3-deep-archive-long-term", "S3 Glacier ディープアーカイブ", True),
    ("s3-deep-archive-long-term", "S3 Glacier Flexible Retrieval", False),
    ("elasticache-memcached-multithread", "Memcashed", True),
    ("elasticache-memcached-multithread", "Redis", False),
    ("iam-aws-managed-policy", "AWS管理ポリシー", True),
    ("iam-aws-managed-policy", "管理ポリシー", False),
    ("iam-aws-managed-policy", "カスタマー管理ポリシー", False),
]


@pytest.mark.parametrize(("question_id", "typed", "right"), TYPED)
def test_typed_answers_accept_what_learners_type(
    bank: Bank, question_id: str, typed: str, right: bool
) -> None:
    question = next(q for q in bank.questions if q.id == question_id)
    assert question.kind is QuestionKind.TEXT
    assert is_correct(question, typed) is right, question.accepted
