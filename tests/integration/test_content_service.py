"""A team's own content on both databases: importing notes, reviewing candidates, reports.

Every test runs on SQLite and on PostgreSQL (the `engine` fixture), with the quiz service and
the content service sharing one database and one clock.
"""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import timedelta

import pytest
import pytest_asyncio
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.content.notes import NoteFile, NoteProblem, ProblemKind
from bot.core.model import (
    Bank,
    CandidateStatus,
    FlaggedQuestion,
    MemberInfo,
    QuestionKind,
    StoredCandidate,
    TeamInfo,
    Topic,
)
from bot.services.clock import ManualClock
from bot.services.content import ContentService, ReviewError
from bot.services.quiz import QuizService
from bot.storage import migrate
from bot.storage.uow import UnitOfWorkFactory
from bot.storage.writer import AnswerWriter
from tests.support.world import BANK, START, TOPICS

# The shared bank has no IAM question: an IAM practice question can only be a team's own.
SHARED = Bank(topics=TOPICS, questions=tuple(q for q in BANK.questions if q.topic != "iam"))
SHARED_IDS = sorted(q.id for q in SHARED.questions)

NOTE = NoteFile(
    name="iam.md",
    text="""\
# IAM のまとめ

## IAM ポリシーの要素

- Principal: アクセスを要求する利用者を示す要素
- Action: ポリシーで許可または拒否する操作の一覧
- Resource: 操作の対象になるAWS上のリソースを示す設定
- Condition: ポリシーが効く条件を指定する仕組み
- Effect: 許可と拒否のどちらにするかを決める設定
""",
)
TERMS = {"Principal", "Action", "Resource", "Condition", "Effect"}
DEFINITIONS = {
    "アクセスを要求する利用者を示す要素",
    "ポリシーで許可または拒否する操作の一覧",
    "操作の対象になるAWS上のリソースを示す設定",
    "ポリシーが効く条件を指定する仕組み",
    "許可と拒否のどちらにするかを決める設定",
}
# Each term gives a "which term is this?" and a "which definition is this?" question.
CANDIDATES = 10
NONE = dict.fromkeys(CandidateStatus, 0)
STATUSES = {
    CandidateStatus.PENDING: CANDIDATES,
    CandidateStatus.APPROVED: 0,
    CandidateStatus.REJECTED: 0,
}


@dataclass
class Env:
    engine: AsyncEngine
    uow: UnitOfWorkFactory
    quiz: QuizService
    content: ContentService
    clock: ManualClock
    team: TeamInfo
    other: TeamInfo
    """A second team on the same database, which must see none of the first one's content."""

    async def active(self, team: TeamInfo | None) -> list[str]:
        async with self.uow() as uow:
            return [q.id for q in await uow.questions.active(None if team is None else team.id)]

    async def imported(self, team: TeamInfo | None) -> list[str]:
        return [qid for qid in await self.active(team) if qid.startswith("imp-")]

    async def member(self, team: TeamInfo, name: str) -> MemberInfo:
        return await self.quiz.member(team, external_id=name, name=name)

    async def scalar(self, sql: str, **params: object) -> object:
        async with self.engine.connect() as connection:
            return (await connection.execute(sa.text(sql), params)).scalar()


@pytest_asyncio.fixture
async def env(engine: AsyncEngine) -> AsyncIterator[Env]:
    uow = UnitOfWorkFactory(engine)
    clock = ManualClock(START)
    quiz = QuizService(uow=uow, writer=AnswerWriter(engine), clock=clock)
    assert await quiz.sync_bank(SHARED) == (len(SHARED.questions), 0, 0)
    # No taxonomy given: the service reads the stored topics.
    content = ContentService(uow=uow, clock=clock)
    team = await quiz.team(platform="test", external_id="guild-1", name="team")
    other = await quiz.team(platform="test", external_id="guild-2", name="other")
    yield Env(engine, uow, quiz, content, clock, team, other)


async def imported_once(env: Env) -> list[StoredCandidate]:
    summary = await env.content.import_notes(env.team, [NOTE])
    assert summary.added == CANDIDATES
    assert summary.auto_accepted == 0
    return await env.content.pending(env.team)


def by_answer(pending: list[StoredCandidate], answer: str) -> StoredCandidate:
    (found,) = [c for c in pending if c.question.answer == answer]
    return found


# -- importing ----------------------------------------------------------------------------------


async def test_import_stores_pending_candidates_for_the_team(env: Env) -> None:
    summary = await env.content.import_notes(env.team, [NOTE])

    assert summary.added == CANDIDATES
    assert summary.auto_accepted == 0
    assert [(f.name, f.lines, f.facts, len(f.candidates)) for f in summary.report.files] == [
        ("iam.md", 9, 5, CANDIDATES)
    ]
    assert summary.report.problems == ()
    assert await env.content.counts(env.team) == STATUSES

    pending = await env.content.pending(env.team)
    assert len(pending) == CANDIDATES
    assert {c.status for c in pending} == {CandidateStatus.PENDING}
    assert {c.question.topic for c in pending} == {"iam"}
    assert {c.question.kind for c in pending} == {QuestionKind.CHOICE}
    assert {c.question.answer for c in pending} == TERMS | DEFINITIONS
    assert all(c.question.answer in c.question.choices for c in pending)
    assert all(len(c.question.choices) == 4 for c in pending)
    # The stored question takes the team's id, so two teams may import one note.
    assert all(c.question.id.endswith(f"-{env.team.id}") for c in pending)
    assert all(c.question.source.note == "iam.md" for c in pending)
    assert {c.line for c in pending} == {5, 6, 7, 8, 9}
    # Most confident first, as a reviewer sees them.
    assert [c.confidence for c in pending] == sorted((c.confidence for c in pending), reverse=True)
    first = pending[0]
    assert await env.content.candidate(env.team, first.id) == first

    # Nothing is askable before a review, and the other team has nothing at all.
    assert await env.imported(env.team) == []
    assert await env.content.counts(env.other) == NONE
    assert await env.content.pending(env.other) == []
    assert await env.content.candidate(env.other, first.id) is None


async def test_importing_the_same_note_again_adds_nothing(env: Env) -> None:
    first = await imported_once(env)

    again = await env.content.import_notes(env.team, [NOTE])

    assert again.added == 0
    assert again.auto_accepted == 0
    assert len(again.report.candidates) == CANDIDATES, "proposed again, but already stored"
    assert await env.content.counts(env.team) == STATUSES
    assert await env.content.pending(env.team) == first


async def test_two_teams_import_one_note_each_into_its_own_candidates(env: Env) -> None:
    mine = await imported_once(env)
    theirs = await env.content.import_notes(env.other, [NOTE])

    assert theirs.added == CANDIDATES
    others = await env.content.pending(env.other)
    assert {c.question.id for c in others}.isdisjoint({c.question.id for c in mine})
    assert {c.question.id.removesuffix(f"-{env.other.id}") for c in others} == {
        c.question.id.removesuffix(f"-{env.team.id}") for c in mine
    }


async def test_pending_is_paged(env: Env) -> None:
    await imported_once(env)

    assert len(await env.content.pending(env.team, limit=3)) == 3


async def test_a_note_with_nothing_to_ask_is_a_problem_and_stores_nothing(env: Env) -> None:
    blank = NoteFile(name="prose.md", text="ただの文章です。見出しも箇条書きもない。\n")
    unreadable = NoteProblem("bad.bin", ProblemKind.BINARY)

    summary = await env.content.import_notes(env.team, [blank], [unreadable])

    assert summary.added == 0
    assert summary.report.files == ()
    assert [str(p) for p in summary.report.problems] == [
        "bad.bin: a binary file, not a text note",
        "prose.md: no structure to read (no headings, lists or tables): nothing to ask",
    ]
    assert await env.content.counts(env.team) == NONE


async def test_an_import_that_fails_midway_stores_nothing(env: Env) -> None:
    """The IAM candidates are inserted first; the ghost topic was never stored, so the next
    insert breaks a foreign key, and the whole import must roll back."""
    ghost = NoteFile(
        name="ghost.md",
        text=NOTE.text
        + """
## Ghost の部品

- Shell: 幽霊を包む外側の殻を示す要素
- Spirit: 幽霊を動かす内側の魂を示す要素
- Chain: 幽霊をつなぎとめる鎖を示す設定
- Lantern: 幽霊を照らして導く明かりの仕組み
""",
    )
    content = ContentService(
        uow=env.uow, clock=env.clock, topics=(*TOPICS, Topic(id="ghost", name="Ghost"))
    )
    await content.set_auto_accept(env.team, 0.0)
    team = await env.quiz.team(platform="test", external_id="guild-1")
    assert team.auto_accept == 0.0

    with pytest.raises(sa.exc.IntegrityError):
        await content.import_notes(team, [ghost])

    assert await env.content.counts(env.team) == NONE
    assert await env.imported(env.team) == []
    assert await env.scalar("SELECT count(*) FROM candidate") == 0
    assert await env.scalar("SELECT count(*) FROM question WHERE team_id IS NOT NULL") == 0


# -- approving and rejecting --------------------------------------------------------------------


async def test_an_approved_candidate_is_asked_of_that_team_only(env: Env) -> None:
    pending = await imported_once(env)
    chosen = by_answer(pending, "Principal")
    qid = chosen.question.id

    assert await env.content.approve(env.team, chosen.id, by="alice") is True

    assert await env.imported(env.team) == [qid]
    assert await env.active(env.team) == sorted([*SHARED_IDS, qid])
    assert await env.active(env.other) == SHARED_IDS
    assert await env.active(None) == SHARED_IDS
    counts = await env.content.counts(env.team)
    assert counts == {
        CandidateStatus.PENDING: CANDIDATES - 1,
        CandidateStatus.APPROVED: 1,
        CandidateStatus.REJECTED: 0,
    }
    decided = await env.content.candidate(env.team, chosen.id)
    assert decided is not None
    assert decided.status is CandidateStatus.APPROVED
    assert (
        await env.scalar("SELECT decided_by FROM candidate WHERE id = :id", id=chosen.id) == "alice"
    )

    # The shared bank has no IAM question, so IAM practice is the team's own question...
    alice = await env.member(env.team, "alice")
    card = await env.quiz.practice(env.team, alice, channel="c", topic="IAM")
    assert card is not None
    assert card.question.id == qid
    assert card.question.answer == "Principal"
    assert sorted(card.question.choices) == sorted(chosen.question.choices)
    assert card.question.prompt == chosen.question.prompt
    assert card.topic.id == "iam"
    # ...and the other team has none.
    bob = await env.member(env.other, "bob")
    assert await env.quiz.practice(env.other, bob, channel="c", topic="IAM") is None


async def test_the_exam_a_note_names_goes_with_its_questions(env: Env) -> None:
    titled = NoteFile(name="iam-soa.md", text="---\ntopics: [AWS, SOA]\n---\n" + NOTE.text)
    await env.content.import_notes(env.team, [titled])
    pending = await env.content.pending(env.team)
    assert {c.question.exams for c in pending} == {("SOA",)}
    chosen = by_answer(pending, "Principal")
    await env.content.approve(env.team, chosen.id, by="alice")
    alice = await env.member(env.team, "alice")
    card = await env.quiz.practice(env.team, alice, channel="c", topic="IAM")
    assert card is not None
    assert card.question.exams == ("SOA",)


async def test_a_team_cannot_decide_another_teams_candidate(env: Env) -> None:
    pending = await imported_once(env)
    chosen = pending[0]

    assert await env.content.approve(env.other, chosen.id, by="mallory") is False
    assert await env.content.reject(env.other, chosen.id, by="mallory") is False
    with pytest.raises(LookupError):
        await env.content.edit(env.other, chosen.id, prompt="乗っ取り")

    assert await env.content.counts(env.team) == STATUSES
    assert await env.content.candidate(env.team, chosen.id) == chosen
    assert await env.imported(env.team) == []
    assert await env.imported(env.other) == []


async def test_approving_twice_adds_the_question_once(env: Env) -> None:
    pending = await imported_once(env)
    chosen = pending[0]

    assert await env.content.approve(env.team, chosen.id, by="alice") is True
    assert await env.content.approve(env.team, chosen.id, by="bob") is False
    assert await env.content.reject(env.team, chosen.id, by="bob") is False

    assert await env.imported(env.team) == [chosen.question.id]
    assert (await env.content.counts(env.team))[CandidateStatus.APPROVED] == 1
    assert (
        await env.scalar("SELECT decided_by FROM candidate WHERE id = :id", id=chosen.id) == "alice"
    )
    assert await env.content.approve(env.team, 10_000, by="alice") is False


async def test_a_rejected_candidate_is_never_asked(env: Env) -> None:
    pending = await imported_once(env)
    chosen = by_answer(pending, "Action")

    assert await env.content.reject(env.team, chosen.id, by="alice") is True
    assert await env.content.reject(env.team, chosen.id, by="alice") is False
    assert await env.content.approve(env.team, chosen.id, by="alice") is False
    assert await env.content.reject(env.team, 10_000, by="alice") is False

    assert await env.imported(env.team) == []
    assert await env.content.counts(env.team) == {
        CandidateStatus.PENDING: CANDIDATES - 1,
        CandidateStatus.APPROVED: 0,
        CandidateStatus.REJECTED: 1,
    }
    assert chosen.id not in [c.id for c in await env.content.pending(env.team)]
    alice = await env.member(env.team, "alice")
    assert await env.quiz.practice(env.team, alice, channel="c", topic="iam") is None


async def test_syncing_the_bank_keeps_the_teams_own_questions(env: Env) -> None:
    pending = await imported_once(env)
    approved = sorted(c.question.id for c in pending[:3])
    for candidate in pending[:3]:
        assert await env.content.approve(env.team, candidate.id, by="alice")

    # The same bank again: nothing added, changed or retired, imports included.
    assert await env.quiz.sync_bank(SHARED) == (0, 0, 0)
    assert await env.imported(env.team) == approved

    # A bank with one question fewer retires that one only.
    smaller = Bank(topics=TOPICS, questions=SHARED.questions[1:])
    assert await env.quiz.sync_bank(smaller) == (0, 0, 1)
    assert await env.active(env.team) == sorted([*(q.id for q in smaller.questions), *approved])
    assert await env.active(None) == sorted(q.id for q in smaller.questions)

    # And it comes back when the bank has it again.
    assert await env.quiz.sync_bank(SHARED) == (0, 0, 0)
    assert await env.active(env.team) == sorted([*SHARED_IDS, *approved])


# -- editing ------------------------------------------------------------------------------------


async def test_an_edit_that_breaks_the_question_is_refused_and_not_saved(env: Env) -> None:
    pending = await imported_once(env)
    chosen = by_answer(pending, "Condition")
    choices = chosen.question.choices
    TWINS = "the choices must all be different (also when typed)"

    broken = [
        ({"answer": "Policy"}, "the answer must be one of the choices"),
        ({"prompt": "   "}, "the question needs a prompt"),
        ({"explanation": ""}, "the question needs an explanation"),
        ({"choices": [choices[0], choices[0], *choices[2:]]}, TWINS),
        # Choices that read the same when typed (case, width) are twins too.
        ({"choices": [*choices[:3], choices[0].upper()]}, TWINS),
        ({"choices": [*choices[:3], "  "]}, "a choice question needs 2 to 6 non-empty choices"),
        ({"choices": ["Condition"]}, "a choice question needs 2 to 6 non-empty choices"),
        (
            {"choices": [*choices, "A", "B", "C"]},
            "a choice question needs 2 to 6 non-empty choices",
        ),
        ({"choices": ["X", "Y"], "answer": "Condition"}, "the answer must be one of the choices"),
    ]
    for changes, message in broken:
        with pytest.raises(ReviewError) as raised:
            await env.content.edit(env.team, chosen.id, **changes)  # type: ignore[arg-type]
        assert str(raised.value) == message, changes

    assert await env.content.candidate(env.team, chosen.id) == chosen


async def test_a_good_edit_is_saved_and_approved_as_edited(env: Env) -> None:
    pending = await imported_once(env)
    chosen = by_answer(pending, "Condition")
    old = chosen.question
    index = old.choices.index("Condition")
    fixed = [f" {c}（修正） " for c in old.choices]

    edited = await env.content.edit(
        env.team,
        chosen.id,
        prompt="  ポリシーが効く条件を書く要素はどれ？  ",
        choices=fixed,
        explanation="Condition で条件を書く。",
    )

    # Choices are stripped, and the answer follows its position to the fixed wording.
    expected = tuple(c.strip() for c in fixed)
    assert edited.question.prompt == "ポリシーが効く条件を書く要素はどれ？"
    assert edited.question.choices == expected
    assert edited.question.answer == "Condition（修正）"
    assert edited.question.choices.index(edited.question.answer) == index
    assert edited.question.explanation == "Condition で条件を書く。"
    assert edited.question.id == old.id
    assert edited.status is CandidateStatus.PENDING
    stored = await env.content.candidate(env.team, chosen.id)
    assert stored == edited

    # An answer given explicitly wins over the position.
    other = expected[(index + 1) % 4]
    again = await env.content.edit(env.team, chosen.id, answer=f" {other} ")
    assert again.question.answer == other
    assert again.question.choices == expected

    assert await env.content.approve(env.team, chosen.id, by="alice")
    alice = await env.member(env.team, "alice")
    card = await env.quiz.practice(env.team, alice, channel="c", topic="iam")
    assert card is not None
    assert card.question.prompt == "ポリシーが効く条件を書く要素はどれ？"
    assert sorted(card.question.choices) == sorted(expected), "in the round's own order"
    assert card.question.answer == other
    assert card.question.explanation == "Condition で条件を書く。"

    # A decided candidate can no longer be edited.
    with pytest.raises(LookupError):
        await env.content.edit(env.team, chosen.id, prompt="遅すぎる")


async def test_reordering_the_choices_keeps_the_answer(env: Env) -> None:
    pending = await imported_once(env)
    chosen = by_answer(pending, "Condition")
    reordered = list(reversed(chosen.question.choices))

    edited = await env.content.edit(env.team, chosen.id, choices=reordered)

    assert edited.question.choices == tuple(reordered)
    assert edited.question.answer == "Condition"
    stored = await env.content.candidate(env.team, chosen.id)
    assert stored is not None
    assert stored.question.answer == "Condition"


# -- auto-accept --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bar", "accepted"),
    [(0.5, CANDIDATES), (0.95, 5), (1.0, 5)],
    ids=["all", "surest", "exactly-the-bar"],
)
async def test_auto_accept_approves_the_candidates_at_or_above_the_bar(
    env: Env, bar: float, accepted: int
) -> None:
    team = await env.content.set_auto_accept(env.team, bar)
    assert team.auto_accept == bar
    assert (await env.quiz.team(platform="test", external_id="guild-1")).auto_accept == bar

    summary = await env.content.import_notes(team, [NOTE])

    sure = [c for c in summary.report.candidates if c.confidence >= bar]
    assert len(sure) == accepted
    assert summary.added == CANDIDATES
    assert summary.auto_accepted == accepted
    assert await env.content.counts(team) == {
        CandidateStatus.PENDING: CANDIDATES - accepted,
        CandidateStatus.APPROVED: accepted,
        CandidateStatus.REJECTED: 0,
    }
    wanted = sorted(f"{c.question.id}-{team.id}" for c in summary.report.candidates if c in sure)
    assert await env.imported(team) == wanted
    assert await env.imported(env.other) == []
    assert all(c.confidence < bar for c in await env.content.pending(team))
    assert await env.scalar("SELECT count(*) FROM candidate WHERE decided_by = 'auto'") == accepted


async def test_auto_accept_bar_is_checked_and_can_be_turned_off(env: Env) -> None:
    for wrong in (1.5, -0.1, math.nan, math.inf):
        with pytest.raises(ReviewError, match="a number from 0 to 1"):
            await env.content.set_auto_accept(env.team, wrong)
    assert (await env.quiz.team(platform="test", external_id="guild-1")).auto_accept is None

    assert (await env.content.set_auto_accept(env.team, 0.5)).auto_accept == 0.5
    team = await env.content.set_auto_accept(env.team, None)
    assert team.auto_accept is None

    summary = await env.content.import_notes(team, [NOTE])
    assert summary.auto_accepted == 0
    assert await env.content.counts(team) == STATUSES
    assert await env.imported(team) == []


async def test_auto_accept_is_per_team(env: Env) -> None:
    await env.content.set_auto_accept(env.team, 0.5)
    other = await env.quiz.team(platform="test", external_id="guild-2")
    assert other.auto_accept is None

    summary = await env.content.import_notes(other, [NOTE])

    assert summary.auto_accepted == 0
    assert await env.imported(other) == []


# -- members' reports ---------------------------------------------------------------------------


async def test_two_members_reports_hold_a_question_for_their_team_only(env: Env) -> None:
    qid = "sqs-1"
    alice, bob = await env.member(env.team, "alice"), await env.member(env.team, "bob")

    first = await env.content.report(env.team, alice, qid, reason="  答えが古い  ")
    assert (first.recorded, first.held) == (True, False)
    assert qid in await env.active(env.team)

    again = await env.content.report(env.team, alice, qid, reason="もう一度")
    assert (again.recorded, again.held) == (False, False)
    assert qid in await env.active(env.team)

    second = await env.content.report(env.team, bob, qid)
    assert (second.recorded, second.held) == (True, True)
    assert await env.active(env.team) == [q for q in SHARED_IDS if q != qid]
    assert await env.active(env.other) == SHARED_IDS
    assert await env.active(None) == SHARED_IDS

    (flagged,) = await env.content.reported(env.team)
    assert flagged == FlaggedQuestion(
        question=flagged.question, reports=2, reasons=("答えが古い",), held=True
    )
    assert flagged.question.id == qid
    assert await env.content.reported(env.other) == []
    # Another team's admin cannot release it.
    assert await env.content.resolve(env.other, qid, keep=True) == 0
    assert qid not in await env.active(env.team)

    # Held questions are not practised either.
    for _ in range(6):
        env.clock.advance(timedelta(minutes=1))
        card = await env.quiz.practice(env.team, alice, channel="c", topic="sqs")
        assert card is not None
        assert card.question.id == "sqs-2"


async def test_reports_on_a_teams_own_question(env: Env) -> None:
    pending = await imported_once(env)
    chosen = by_answer(pending, "Effect")
    await env.content.approve(env.team, chosen.id, by="alice")
    qid = chosen.question.id
    alice, bob = await env.member(env.team, "alice"), await env.member(env.team, "bob")

    await env.content.report(env.team, alice, qid)
    receipt = await env.content.report(env.team, bob, qid)

    assert receipt.held is True
    assert await env.imported(env.team) == []
    assert await env.quiz.practice(env.team, alice, channel="c", topic="iam") is None

    # Another team never sees this question, so its members cannot report it either.
    stranger = await env.member(env.other, "carol")
    with pytest.raises(LookupError):
        await env.content.report(env.other, stranger, qid)


async def test_keep_puts_it_back_and_remove_takes_it_out_for_good(env: Env) -> None:
    qid = "vpc-2"
    members = [await env.member(env.team, name) for name in ("m1", "m2", "m3", "m4", "m5")]
    await env.content.report(env.team, members[0], qid)
    await env.content.report(env.team, members[1], qid)
    assert qid not in await env.active(env.team)

    assert await env.content.resolve(env.team, qid, keep=True) == 2
    assert qid in await env.active(env.team)
    assert await env.content.reported(env.team) == []
    assert await env.content.resolve(env.team, qid, keep=True) == 0

    # After a keep, a member who reported it before can report it again: the report reopens,
    # and one open report is not enough to hold it.
    repeat = await env.content.report(env.team, members[0], qid, reason="選択肢が二つ正しい")
    assert (repeat.recorded, repeat.held) == (True, False)
    twice = await env.content.report(env.team, members[0], qid)
    assert twice.recorded is False, "an open report is not recorded twice"
    assert qid in await env.active(env.team)
    (flagged,) = await env.content.reported(env.team)
    assert (flagged.reports, flagged.reasons, flagged.held) == (1, ("選択肢が二つ正しい",), False)

    assert await env.content.resolve(env.team, qid, keep=False) == 1
    assert qid not in await env.active(env.team)
    assert await env.content.reported(env.team) == []
    assert await env.active(env.other) == SHARED_IDS

    # Out for good: a re-sync of the bank and later reports do not bring it back.
    assert await env.quiz.sync_bank(SHARED) == (0, 0, 0)
    assert qid not in await env.active(env.team)
    later = await env.content.report(env.team, members[2], qid)
    assert later.held is True
    await env.content.report(env.team, members[4], qid)
    assert await env.content.resolve(env.team, qid, keep=True) == 2
    assert qid not in await env.active(env.team)


async def test_reporting_an_unknown_question_is_a_lookup_error(env: Env) -> None:
    alice = await env.member(env.team, "alice")

    with pytest.raises(LookupError):
        await env.content.report(env.team, alice, "no-such-question")

    assert await env.scalar("SELECT count(*) FROM flag") == 0


async def test_a_long_reason_is_cut_to_500_characters(env: Env) -> None:
    alice = await env.member(env.team, "alice")

    await env.content.report(env.team, alice, "sqs-1", reason="あ" * 600)

    (flagged,) = await env.content.reported(env.team)
    assert flagged.reasons == ("あ" * 500,)


async def test_forgetting_a_member_deletes_their_reports(env: Env) -> None:
    qid = "sqs-2"
    alice, bob = await env.member(env.team, "alice"), await env.member(env.team, "bob")
    await env.content.report(env.team, alice, qid, reason="alice says")
    await env.content.report(env.team, bob, qid, reason="bob says")
    await env.content.report(env.team, bob, "vpc-1")
    assert qid not in await env.active(env.team)

    assert await env.quiz.forget_member(env.team, external_id="bob") is True

    count = "SELECT count(*) FROM flag WHERE member_id = :member"
    assert await env.scalar(count, member=bob.id) == 0
    assert await env.scalar(count, member=alice.id) == 1
    assert qid in await env.active(env.team)
    (flagged,) = await env.content.reported(env.team)
    assert (flagged.question.id, flagged.reports, flagged.reasons, flagged.held) == (
        qid,
        1,
        ("alice says",),
        False,
    )


# -- the migration ------------------------------------------------------------------------------


async def test_downgrading_0002_retires_the_teams_own_questions(env: Env) -> None:
    pending = await imported_once(env)
    approved = sorted(c.question.id for c in pending[:2])
    for candidate in pending[:2]:
        await env.content.approve(env.team, candidate.id, by="alice")

    await migrate.downgrade(env.engine, "0001")

    assert await migrate.current(env.engine) == "0001"
    async with env.engine.connect() as connection:
        rows = (await connection.execute(sa.text("SELECT id, active FROM question"))).all()
    assert sorted((qid, bool(active)) for qid, active in rows) == sorted(
        [*((qid, True) for qid in SHARED_IDS), *((qid, False) for qid in approved)]
    )

    # Up again: the retired questions are in nobody's rotation, the shared bank is intact.
    await migrate.upgrade(env.engine)
    assert await env.active(env.team) == SHARED_IDS
    assert await env.active(None) == SHARED_IDS
    assert await env.quiz.sync_bank(SHARED) == (0, 0, 0)
    assert await env.active(env.team) == SHARED_IDS
    assert await env.content.counts(env.team) == NONE


async def test_a_topics_misspelling_finds_it_in_practice(env: Env) -> None:
    sqs = next(t for t in TOPICS if t.id == "sqs")
    topics = tuple(replace(t, typos=("Simple Queu",)) if t is sqs else t for t in TOPICS)
    await env.quiz.sync_bank(replace(SHARED, topics=topics))
    alice = await env.member(env.team, "alice")

    card = await env.quiz.practice(env.team, alice, channel="c", topic="simple queu")

    assert card is not None
    assert card.topic.id == "sqs"
