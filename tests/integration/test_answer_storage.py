"""What the answer writer and the tallies leave in the database, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.model import MemberInfo
from bot.services.views import AnswerReceipt, AnswerStatus, RevealEvent
from bot.storage import tables
from tests.support.world import World, post_at_nine, right_and_wrong


async def test_burst_of_answers_is_recorded_once_each_with_consistent_tallies(
    world: World, engine: AsyncEngine
) -> None:
    round_id = await post_at_nine(world)
    members = [await world.member(f"m{i}") for i in range(60)]
    card = await world.quiz.current_daily(world.team)
    assert card is not None
    right, wrong = right_and_wrong(card.question)
    attempts = [
        world.quiz.answer(round_id=round_id, member=m, response=right if i % 3 else wrong)
        for i, m in enumerate(members)
        for _ in range(2)  # every member double-clicks
    ]
    receipts = await asyncio.gather(*attempts)
    statuses = [r.status for r in receipts]
    assert statuses.count(AnswerStatus.RECORDED) == 60
    assert statuses.count(AnswerStatus.ALREADY_ANSWERED) == 60

    async with engine.connect() as connection:
        tallied = await connection.scalar(select(func.count()).select_from(tables.MemberDay))
    assert tallied == 0, "daily answers reach the leaderboard only when the round closes"

    world.clock.advance(timedelta(hours=12))
    await world.quiz.run_due()
    async with engine.connect() as connection:
        answers = await connection.scalar(select(func.count()).select_from(tables.Answer))
        answered = await connection.scalar(select(func.sum(tables.MemberDay.answered)))
        correct_rows = await connection.scalar(
            select(func.count()).select_from(tables.Answer).where(tables.Answer.correct)
        )
        correct_tally = await connection.scalar(select(func.sum(tables.MemberDay.correct)))
    assert answers == answered == 60
    assert correct_rows == correct_tally


async def test_forget_member_deletes_their_data(world: World, engine: AsyncEngine) -> None:
    round_id = await post_at_nine(world)
    alice, bob = await world.member("alice"), await world.member("bob")
    card = await world.quiz.current_daily(world.team)
    assert card is not None
    right, _ = right_and_wrong(card.question)
    await world.quiz.answer(round_id=round_id, member=alice, response=right)
    await world.quiz.answer(round_id=round_id, member=bob, response=right)
    assert await world.quiz.forget_member(world.team, external_id="alice")
    assert not await world.quiz.forget_member(world.team, external_id="alice")
    async with engine.connect() as connection:
        for table in (tables.Answer, tables.MemberDay, tables.MemberTopicDay):
            rows = await connection.scalar(
                select(func.count()).select_from(table).where(table.member_id == alice.id)
            )
            assert rows == 0, table.__tablename__
        assert await connection.scalar(select(func.count()).select_from(tables.Answer)) == 1


async def test_closing_during_a_burst_loses_no_answer_and_counts_none_twice(
    world: World, engine: AsyncEngine
) -> None:
    round_id = await post_at_nine(world)
    members = [await world.member(f"m{i}") for i in range(40)]
    card = await world.quiz.current_daily(world.team)
    assert card is not None
    right, _ = right_and_wrong(card.question)

    async def answer_later(delay: float, member: MemberInfo) -> AnswerReceipt:
        await asyncio.sleep(delay)
        return await world.quiz.answer(round_id=round_id, member=member, response=right)

    async def close_later(delay: float) -> bool:
        await asyncio.sleep(delay)
        return await world.quiz.close_round(round_id)

    # Answers trickle in over ~80 ms and the close lands in the middle of them.
    receipts, closed = await asyncio.gather(
        asyncio.gather(*(answer_later(i * 0.002, m) for i, m in enumerate(members))),
        close_later(0.04),
    )
    assert closed
    recorded = sum(r.status is AnswerStatus.RECORDED for r in receipts)
    refused = sum(r.status is AnswerStatus.CLOSED for r in receipts)
    assert recorded + refused == len(members)

    async with engine.connect() as connection:
        stored = await connection.scalar(select(func.count()).select_from(tables.Answer))
        tallied = await connection.scalar(select(func.sum(tables.MemberDay.answered)))
    assert stored == recorded, "every acknowledged answer is stored, and only those"
    assert (tallied or 0) == recorded, "every stored answer is scored exactly once"
    reveal = next(
        e.reveal for e in (await world.quiz.outbox(world.team)).events if isinstance(e, RevealEvent)
    )
    assert reveal.answered == recorded
