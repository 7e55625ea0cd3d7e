"""A quiz service with a clock the test moves, on a real database or on the in-memory fakes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.core.model import Bank, Question, QuestionKind, SourceRef, TeamInfo, Topic
from bot.services.clock import ManualClock
from bot.services.quiz import QuizService

# Monday 2026-11-23 08:00 in Tokyo.
START = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)

TOPICS = (Topic(id="sqs", name="SQS"), Topic(id="vpc", name="VPC"), Topic(id="iam", name="IAM"))


def choice(qid: str, topic: str, answer: str, *others: str) -> Question:
    return Question(
        id=qid,
        topic=topic,
        kind=QuestionKind.CHOICE,
        prompt=f"prompt of {qid}",
        explanation=f"why {answer}",
        source=SourceRef(note="note.md", heading="Heading > Sub"),
        choices=(answer, *others),
        answer=answer,
    )


def text(qid: str, topic: str, *accepted: str) -> Question:
    return Question(
        id=qid,
        topic=topic,
        kind=QuestionKind.TEXT,
        prompt=f"prompt of {qid}",
        explanation="because",
        source=SourceRef(note="note.md"),
        accepted=accepted,
    )


BANK = Bank(
    topics=TOPICS,
    questions=(
        choice("sqs-1", "sqs", "30秒", "60秒", "15分", "12時間"),
        choice("sqs-2", "sqs", "SQS", "SNS", "Kinesis", "MQ"),
        choice("vpc-1", "vpc", "パブリック", "プライベート", "どちらでも", "VPC外"),
        choice("vpc-2", "vpc", "IGW", "NAT", "VGW", "TGW"),
        choice("iam-1", "iam", "ロール", "ユーザー", "グループ", "ポリシー"),
        text("iam-2", "iam", "AssumeRole", "sts:AssumeRole"),
    ),
)


def right_and_wrong(question: Question) -> tuple[str, str]:
    """A correct response and a wrong one, for either kind of question."""
    if question.kind is QuestionKind.CHOICE:
        return question.answer, next(c for c in question.choices if c != question.answer)
    return question.accepted[0], "まちがい"


class World:
    """The service under test, its clock, and a team with a daily channel."""

    def __init__(
        self, quiz: QuizService, clock: ManualClock, team: TeamInfo, *, uow: Any, writer: Any
    ) -> None:
        self.quiz = quiz
        self.clock = clock
        self.team = team
        self._uow = uow
        self._writer = writer

    def restart(self) -> None:
        """A new service over the same storage, as after the process restarts."""
        self.quiz = QuizService(uow=self._uow, writer=self._writer, clock=self.clock)

    async def member(self, name: str):  # type: ignore[no-untyped-def]
        return await self.quiz.member(self.team, external_id=name, name=name)


async def post_at_nine(world: World) -> int:
    """Move to 09:00 Tokyo, let the schedule post, and return the round id."""
    world.clock.advance(timedelta(hours=1))
    await world.quiz.run_due()
    card = await world.quiz.current_daily(world.team)
    assert card is not None
    return card.round.id


async def make_world(uow: Any, writer: Any) -> AsyncIterator[World]:
    clock = ManualClock(START)
    quiz = QuizService(uow=uow, writer=writer, clock=clock)
    await quiz.sync_bank(BANK)
    team = await quiz.team(platform="test", external_id="guild-1", name="team")
    team = await quiz.configure(team.id, channel="daily")
    async with writer:
        yield World(quiz, clock, team, uow=uow, writer=writer)
