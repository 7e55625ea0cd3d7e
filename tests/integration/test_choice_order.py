"""The order each round shows its choices in, kept by the database across restarts and upgrades."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.matching import letter
from bot.core.model import QuestionKind
from bot.services.views import QuestionCard, RevealEvent
from bot.storage import migrate
from tests.support.world import BANK, World, post_at_nine

BANK_QUESTIONS = {q.id: q for q in BANK.questions}


async def choice_round(world: World) -> QuestionCard:
    """The first daily round whose question is a choice question."""
    while True:
        await post_at_nine(world)
        card = await world.quiz.current_daily(world.team)
        assert card is not None
        if card.question.kind is QuestionKind.CHOICE:
            return card
        world.clock.advance(timedelta(hours=23))
        await world.quiz.run_due()


async def test_the_seed_is_stored_with_the_round(world: World, engine: AsyncEngine) -> None:
    card = await choice_round(world)
    async with engine.connect() as connection:
        stored = await connection.scalar(
            sa.text("SELECT choice_seed FROM round WHERE id = :id"), {"id": card.round.id}
        )
    assert stored == card.round.choice_seed
    assert stored is not None


async def test_a_round_posted_before_the_upgrade_keeps_the_order_its_members_saw(
    world: World, engine: AsyncEngine
) -> None:
    """Rounds from before shuffling have no seed: they go on showing the bank's order, and
    their answers (stored as the choice's text) count where that order shows them."""
    card = await choice_round(world)
    bank_question = BANK_QUESTIONS[card.question.id]
    members = [await world.member(name) for name in ("alice", "bob", "carol")]
    picks = [bank_question.answer, bank_question.choices[1], bank_question.answer]
    for member, pick in zip(members, picks, strict=True):
        await world.quiz.answer(round_id=card.round.id, member=member, response=pick)

    # Back to the schema before seeds, and up again: the round now has none, like an old one.
    await migrate.downgrade(engine, "0002")
    await migrate.upgrade(engine)
    world.restart()

    legacy = await world.quiz.current_daily(world.team)
    assert legacy is not None
    assert legacy.round.choice_seed is None
    assert legacy.question.choices == bank_question.choices
    assert legacy.answers == 3

    # A letter typed now names the choice at that letter of the bank's order.
    late = await world.member("dave")
    receipt = await world.quiz.answer(
        round_id=card.round.id, member=late, response=letter(bank_question.correct_index)
    )
    assert receipt.response == bank_question.answer

    world.clock.advance(timedelta(hours=12))
    await world.quiz.run_due()
    (reveal,) = [
        e.reveal
        for e in (await world.quiz.outbox(world.team)).events
        if isinstance(e, RevealEvent) and e.reveal.card.round.id == card.round.id
    ]
    assert reveal.card.question.choices == bank_question.choices
    expected = [0] * len(bank_question.choices)
    expected[bank_question.correct_index] = 3
    expected[1] += 1
    assert list(reveal.choice_counts) == expected
    assert (reveal.answered, reveal.correct) == (4, 3)
