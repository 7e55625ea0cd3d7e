"""The quiz use cases, each run on the in-memory fakes, SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, timedelta

from bot.core.leaderboard import Period
from bot.core.matching import letter
from bot.core.model import QuestionKind
from bot.core.order import as_shown
from bot.services.views import AnswerStatus, PostEvent, RevealEvent, WeeklyEvent
from tests.support.world import BANK, World, post_at_nine, right_and_wrong

BANK_QUESTIONS = {q.id: q for q in BANK.questions}

MONDAY = date(2026, 11, 23)


async def test_daily_post_happens_once_per_local_date(world: World) -> None:
    await world.quiz.run_due()
    assert await world.quiz.current_daily(world.team) is None, "nothing before 09:00"

    round_id = await post_at_nine(world)
    card = await world.quiz.current_daily(world.team)
    assert card is not None
    assert card.round.local_date == MONDAY
    assert card.round.closes_at - card.round.opened_at == timedelta(hours=12)

    again = await asyncio.gather(*(world.quiz.post_daily(world.team) for _ in range(5)))
    assert again == [None] * 5
    await world.quiz.run_due()
    latest = await world.quiz.current_daily(world.team)
    assert latest is not None
    assert latest.round.id == round_id


async def test_answers_first_counts_and_closed_rounds_take_nothing(world: World) -> None:
    round_id = await post_at_nine(world)
    alice, bob, carol = [await world.member(n) for n in ("alice", "bob", "carol")]
    card = await world.quiz.current_daily(world.team)
    assert card is not None
    right, wrong = right_and_wrong(card.question)

    world.clock.advance(timedelta(minutes=5))
    first = await world.quiz.answer(round_id=round_id, member=alice, response=right)
    assert first.status is AnswerStatus.RECORDED
    assert first.correct is None, "a daily answer's correctness waits for the reveal"
    assert (await world.quiz.answer(round_id=round_id, member=bob, response=wrong)).status is (
        AnswerStatus.RECORDED
    )
    second = await world.quiz.answer(round_id=round_id, member=bob, response=right)
    assert second.status is AnswerStatus.ALREADY_ANSWERED
    blank = await world.quiz.answer(round_id=round_id, member=carol, response="  ")
    assert blank.status is AnswerStatus.INVALID

    world.clock.advance(timedelta(hours=12))
    await world.quiz.run_due()
    late = await world.quiz.answer(round_id=round_id, member=carol, response=right)
    assert late.status is AnswerStatus.CLOSED

    outbox = await world.quiz.outbox(world.team)
    reveals = [e.reveal for e in outbox.events if isinstance(e, RevealEvent)]
    assert len(reveals) == 1
    reveal = reveals[0]
    assert (reveal.answered, reveal.correct) == (2, 1)
    assert reveal.share == 0.5
    assert reveal.first_correct == "alice"
    if card.question.kind is QuestionKind.CHOICE:
        assert sum(reveal.choice_counts) == 2
        assert reveal.choice_counts[card.question.correct_index] == 1


async def test_answer_after_close_time_but_before_the_job_is_refused(world: World) -> None:
    round_id = await post_at_nine(world)
    alice = await world.member("alice")
    world.clock.advance(timedelta(hours=12, seconds=1))
    receipt = await world.quiz.answer(round_id=round_id, member=alice, response="A")
    assert receipt.status is AnswerStatus.CLOSED


async def test_outbox_delivers_each_event_once_even_after_a_crash(world: World) -> None:
    await post_at_nine(world)
    first = await world.quiz.outbox(world.team)
    assert [type(e) for e in first.events] == [PostEvent]
    # A crash before the message was confirmed: the next run sends it again, once.
    again = await world.quiz.outbox(world.team)
    assert [type(e) for e in again.events] == [PostEvent]
    await world.quiz.delivered(again.events[0], message_ref="m-1")
    assert (await world.quiz.outbox(world.team)).events == ()

    world.clock.advance(timedelta(hours=12))
    await world.quiz.run_due()
    await world.quiz.run_due()
    reveal = (await world.quiz.outbox(world.team)).events
    assert [type(e) for e in reveal] == [RevealEvent]
    await world.quiz.delivered(reveal[0])
    assert (await world.quiz.outbox(world.team)).events == ()


async def test_missed_post_is_made_late_within_the_window_and_skipped_after(world: World) -> None:
    world.clock.advance(timedelta(hours=6))  # 14:00 Tokyo: late but inside 09:00-21:00
    await world.quiz.run_due()
    card = await world.quiz.current_daily(world.team)
    assert card is not None
    assert card.round.local_date == MONDAY

    # Down from Monday evening until Wednesday 22:00: Tuesday and Wednesday were missed.
    world.clock.set(world.clock.now() + timedelta(days=2, hours=8))
    notes = await world.quiz.run_due()
    assert any("2026-11-24" in n for n in notes)
    assert any("2026-11-25" in n for n in notes)
    assert await world.quiz.run_due() == [], "each missed date is reported once"
    assert await world.quiz.current_daily(world.team) is None
    events = (await world.quiz.outbox(world.team)).events
    assert [type(e) for e in events] == [RevealEvent], "no post for a date whose window passed"
    assert isinstance(events[0], RevealEvent)
    assert events[0].reveal.card.round.local_date == MONDAY


async def test_practice_never_moves_the_leaderboard_but_counts_for_weak_spots(
    world: World,
) -> None:
    alice = await world.member("alice")
    for _ in range(4):
        card = await world.quiz.practice(world.team, alice, channel="daily", topic="VPC")
        assert card is not None
        assert card.question.topic == "vpc"
        _, wrong = right_and_wrong(card.question)
        receipt = await world.quiz.answer(round_id=card.round.id, member=alice, response=wrong)
        assert receipt.status is AnswerStatus.RECORDED
        assert receipt.correct is False, "practice feedback is immediate"

    board = await world.quiz.leaderboard(world.team, period=Period.ALL, member=alice)
    assert board.entries == ()
    spots = await world.quiz.weak_spots(world.team, member=alice)
    assert [s.topic.id for s in spots.spots] == ["vpc"]
    assert (spots.spots[0].spot.attempts, spots.spots[0].spot.correct) == (4, 0)
    stats = await world.quiz.stats(world.team, alice)
    assert (stats.practice_answered, stats.daily_answered) == (4, 0)


async def test_leaderboard_periods_streaks_and_ranks(world: World) -> None:
    alice, bob = await world.member("alice"), await world.member("bob")
    for day in range(3):
        round_id = await post_at_nine(world)
        card = await world.quiz.current_daily(world.team)
        assert card is not None
        right, wrong = right_and_wrong(card.question)
        await world.quiz.answer(round_id=round_id, member=alice, response=right)
        if day != 1:
            await world.quiz.answer(round_id=round_id, member=bob, response=wrong)
        world.clock.advance(timedelta(hours=23))  # to 08:00 the next day; closes at 21:00
        await world.quiz.run_due()

    week = await world.quiz.leaderboard(world.team, period=Period.WEEK, member=bob)
    assert [(r.rank, r.tally.name, r.tally.points) for r in week.entries] == [
        (1, "alice", 30),
        (2, "bob", 2),
    ]
    assert week.me is not None
    assert week.me.rank == 2
    assert week.entries[0].tally.streak.answered == 3
    assert week.entries[0].tally.streak.correct == 3
    assert week.entries[1].tally.streak.answered == 1
    assert week.entries[1].tally.streak.best_answered == 1

    # Next Monday the week resets; 7 days and all time still count.
    world.clock.advance(timedelta(days=4, hours=2))
    assert (await world.quiz.leaderboard(world.team, period=Period.WEEK)).entries == ()
    rolling = await world.quiz.leaderboard(world.team, period=Period.ROLLING)
    assert [r.tally.name for r in rolling.entries] == ["alice", "bob"]
    total = await world.quiz.leaderboard(world.team, period=Period.ALL)
    assert total.entries[0].tally.correct == 3


async def test_weekly_post_once_with_top_and_weakest(world: World) -> None:
    alice = await world.member("alice")
    round_id = await post_at_nine(world)
    card = await world.quiz.current_daily(world.team)
    assert card is not None
    await world.quiz.answer(
        round_id=round_id, member=alice, response=right_and_wrong(card.question)[1]
    )
    world.clock.set(world.clock.now() + timedelta(days=7))  # next Monday 09:00
    await world.quiz.run_due()
    await world.quiz.run_due()
    weekly = [e for e in (await world.quiz.outbox(world.team)).events if isinstance(e, WeeklyEvent)]
    assert len(weekly) == 1
    assert weekly[0].weekly.week_start == MONDAY
    assert [r.tally.name for r in weekly[0].weekly.entries] == ["alice"]
    await world.quiz.delivered(weekly[0])
    await world.quiz.run_due()
    assert not [
        e for e in (await world.quiz.outbox(world.team)).events if isinstance(e, WeeklyEvent)
    ]


async def test_bank_sync_is_idempotent_and_keeps_history(world: World) -> None:
    assert await world.quiz.sync_bank(BANK) == (0, 0, 0)
    round_id = await post_at_nine(world)
    alice = await world.member("alice")
    card = await world.quiz.current_daily(world.team)
    assert card is not None
    receipt = await world.quiz.answer(
        round_id=round_id, member=alice, response=right_and_wrong(card.question)[0]
    )
    assert receipt.status is AnswerStatus.RECORDED

    removed = next(q.id for q in BANK.questions if q.id != card.question.id)
    edited = tuple(
        replace(q, prompt=q.prompt + "（改訂）") if q.id == card.question.id else q
        for q in BANK.questions
        if q.id != removed
    )
    assert await world.quiz.sync_bank(replace(BANK, questions=edited)) == (0, 1, 1)
    again = await world.quiz.current_daily(world.team)
    assert again is not None
    assert again.question.prompt.endswith("（改訂）")
    assert again.answers == 1, "editing the text keeps the answers that point at it"


async def test_nothing_gives_away_correctness_before_the_reveal(world: World) -> None:
    round_id = await post_at_nine(world)
    alice, bob = await world.member("alice"), await world.member("bob")
    card = await world.quiz.current_daily(world.team)
    assert card is not None
    right, wrong = right_and_wrong(card.question)
    await world.quiz.answer(round_id=round_id, member=alice, response=right)
    await world.quiz.answer(round_id=round_id, member=bob, response=wrong)

    board = await world.quiz.leaderboard(world.team, period=Period.WEEK)
    assert board.entries == ()
    stats = await world.quiz.stats(world.team, alice)
    assert (stats.daily_answered, stats.daily_correct, stats.points) == (0, 0, 0)
    assert (await world.quiz.weak_spots(world.team, member=None)).attempts == 0

    world.clock.advance(timedelta(hours=12))
    await world.quiz.run_due()
    board = await world.quiz.leaderboard(world.team, period=Period.WEEK)
    assert [(r.tally.name, r.tally.correct) for r in board.entries] == [("alice", 1), ("bob", 0)]
    assert (await world.quiz.weak_spots(world.team, member=None)).attempts == 2


async def test_each_round_shows_its_own_choice_order_and_letters_follow_it(world: World) -> None:
    """Every bank question lists its answer first; the rounds must not."""
    alice, bob = await world.member("alice"), await world.member("bob")
    positions = []
    for _ in range(len(BANK.questions)):
        round_id = await post_at_nine(world)
        card = await world.quiz.current_daily(world.team)
        assert card is not None
        bank_question = BANK_QUESTIONS[card.question.id]
        if bank_question.kind is QuestionKind.CHOICE:
            assert card.round.choice_seed is not None
            assert card.question.choices == as_shown(bank_question, card.round.choice_seed).choices
            assert sorted(card.question.choices) == sorted(bank_question.choices)
            index = card.question.correct_index
            positions.append(index)
            # alice types the letter shown beside the answer; bob always presses A.
            await world.quiz.answer(round_id=round_id, member=alice, response=letter(index))
            await world.quiz.answer(round_id=round_id, member=bob, response="A")
        world.clock.advance(timedelta(hours=23))
        await world.quiz.run_due()

    assert len(set(positions)) > 1, positions
    board = await world.quiz.leaderboard(world.team, period=Period.ALL)
    correct = {r.tally.name: r.tally.correct for r in board.entries}
    assert correct["alice"] == len(positions)
    assert correct["bob"] == positions.count(0)


async def test_a_reveal_after_a_restart_counts_each_pick_where_it_was_shown(
    world: World,
) -> None:
    # Find a day whose question is a choice question with its answer away from A.
    while True:
        round_id = await post_at_nine(world)
        posted = await world.quiz.current_daily(world.team)
        assert posted is not None
        if posted.question.kind is QuestionKind.CHOICE and posted.question.correct_index != 0:
            break
        world.clock.advance(timedelta(hours=23))
        await world.quiz.run_due()
    shown = posted.question.choices
    members = [await world.member(name) for name in ("a", "b", "c", "d", "e")]
    picks = ["A", "B", "C", "D", letter(posted.question.correct_index)]
    for member, pick in zip(members, picks, strict=True):
        receipt = await world.quiz.answer(round_id=round_id, member=member, response=pick)
        assert receipt.status is AnswerStatus.RECORDED
        assert receipt.response == shown["ABCD".index(pick)], "the choice itself is stored"

    world.restart()
    again = await world.quiz.current_daily(world.team)
    assert again is not None
    assert again.question.choices == shown, "a restart shows the same order"
    world.clock.advance(timedelta(hours=12))
    await world.quiz.run_due()
    (reveal,) = [
        e.reveal
        for e in (await world.quiz.outbox(world.team)).events
        if isinstance(e, RevealEvent) and e.reveal.card.round.id == round_id
    ]
    assert reveal.card.question.choices == shown
    expected = [1, 1, 1, 1]
    expected[posted.question.correct_index] += 1
    assert list(reveal.choice_counts) == expected
    assert reveal.correct == 2


async def test_a_choice_letter_typed_for_a_worded_answer_uses_up_nothing(world: World) -> None:
    alice = await world.member("alice")
    for _ in range(2):  # the IAM topic has one choice and one typed question
        card = await world.quiz.practice(world.team, alice, channel="daily", topic="IAM")
        assert card is not None
        if card.question.kind is QuestionKind.TEXT:
            break
        await world.quiz.answer(round_id=card.round.id, member=alice, response="A")
    assert card.question.kind is QuestionKind.TEXT

    slip = await world.quiz.answer(round_id=card.round.id, member=alice, response="A")
    assert slip.status is AnswerStatus.INVALID
    answer = await world.quiz.answer(round_id=card.round.id, member=alice, response="AssumeRole")
    assert answer.status is AnswerStatus.RECORDED
    assert answer.correct is True
