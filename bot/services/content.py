"""A team's own content: importing notes as candidates, reviewing them, and members' reports."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from bot.content.notes import ImportReport, NoteFile, NoteProblem, propose
from bot.core.matching import normalise
from bot.core.model import (
    MAX_CHOICES,
    MIN_CHOICES,
    CandidateStatus,
    FlaggedQuestion,
    MemberInfo,
    Question,
    QuestionKind,
    StoredCandidate,
    TeamInfo,
    Topic,
)
from bot.services.clock import Clock
from bot.storage.uow import UnitOfWork

AUTO = "auto"
"""Who decided a candidate that passed the team's auto-accept bar."""

REVIEW_PAGE = 25


class ReviewProblem(enum.StrEnum):
    NO_PROMPT = "no_prompt"
    NO_EXPLANATION = "no_explanation"
    CHOICE_COUNT = "choice_count"
    CHOICES_ALIKE = "choices_alike"
    ANSWER_NOT_A_CHOICE = "answer_not_a_choice"
    NO_ACCEPTED = "no_accepted"
    BAR_OUT_OF_RANGE = "bar_out_of_range"


_REVIEW_MESSAGES = {
    ReviewProblem.NO_PROMPT: "the question needs a prompt",
    ReviewProblem.NO_EXPLANATION: "the question needs an explanation",
    ReviewProblem.CHOICE_COUNT: "a choice question needs 2 to 6 non-empty choices",
    ReviewProblem.CHOICES_ALIKE: "the choices must all be different (also when typed)",
    ReviewProblem.ANSWER_NOT_A_CHOICE: "the answer must be one of the choices",
    ReviewProblem.NO_ACCEPTED: "a typed question needs at least one accepted answer",
    ReviewProblem.BAR_OUT_OF_RANGE: "the confidence bar is a number from 0 to 1, e.g. 0.8",
}


class ReviewError(ValueError):
    """An edit that would make a broken question; `problem` says what to fix, in any language."""

    def __init__(self, problem: ReviewProblem) -> None:
        super().__init__(_REVIEW_MESSAGES[problem])
        self.problem = problem


@dataclass(frozen=True, slots=True)
class ImportSummary:
    report: ImportReport
    added: int
    """New candidates stored (one seen in an earlier import is not added again)."""
    auto_accepted: int
    """Of those, how many passed the team's auto-accept bar and joined its questions."""


@dataclass(frozen=True, slots=True)
class ReportReceipt:
    recorded: bool
    """False if this member had already reported this question."""
    held: bool
    """The question is now out of the team's rotation, waiting for an admin."""


def _team_question(team: TeamInfo, question: Question) -> Question:
    """The id a team's copy of an imported question takes: two teams may import one note."""
    return replace(question, id=f"{question.id}-{team.id}")


def check_question(question: Question) -> None:
    """The bank's rules for one question, for edits made in a review."""
    if not question.prompt.strip():
        raise ReviewError(ReviewProblem.NO_PROMPT)
    if not question.explanation.strip():
        raise ReviewError(ReviewProblem.NO_EXPLANATION)
    if question.kind is QuestionKind.CHOICE:
        choices = [c.strip() for c in question.choices]
        if not MIN_CHOICES <= len(choices) <= MAX_CHOICES or any(not c for c in choices):
            raise ReviewError(ReviewProblem.CHOICE_COUNT)
        if len({normalise(c) for c in choices}) != len(choices):
            raise ReviewError(ReviewProblem.CHOICES_ALIKE)
        if question.answer.strip() not in choices:
            raise ReviewError(ReviewProblem.ANSWER_NOT_A_CHOICE)
    elif not [a for a in question.accepted if a.strip()]:
        raise ReviewError(ReviewProblem.NO_ACCEPTED)


class ContentService:
    def __init__(
        self,
        *,
        uow: Callable[..., UnitOfWork],
        clock: Clock,
        topics: Sequence[Topic] = (),
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._topics = tuple(topics)
        """The bank's taxonomy (with its typo lists); the stored topics when empty."""

    def use_topics(self, topics: Sequence[Topic]) -> None:
        self._topics = tuple(topics)

    def topic(self, topic_id: str) -> Topic:
        """A topic of the taxonomy by id (one made of the id itself when it is unknown)."""
        found = next((t for t in self._topics if t.id == topic_id), None)
        return found or Topic(id=topic_id, name=topic_id)

    # -- importing ----------------------------------------------------------------------------

    async def import_notes(
        self, team: TeamInfo, notes: Sequence[NoteFile], problems: Sequence[NoteProblem] = ()
    ) -> ImportSummary:
        """Propose questions from notes and store them as the team's candidates, in one go.

        Nothing is stored from a run that fails; candidates at or above the team's auto-accept
        bar join its questions at once.
        """
        topics = self._topics
        if not topics:
            async with self._uow() as uow:
                topics = tuple(await uow.questions.topics())
        # Pure work of a tenth of a second or so: off the event loop, so chat stays responsive.
        report = await asyncio.to_thread(propose, notes, topics, problems)
        now = self._clock.now()
        stored = [
            StoredCandidate(
                id=0,
                question=_team_question(team, c.question),
                line=c.line,
                confidence=c.confidence,
                style=c.style,
                reasons=c.reasons,
                status=CandidateStatus.PENDING,
            )
            for c in report.candidates
        ]
        accepted = 0
        async with self._uow(write=True) as uow:
            # The bar as stored now, not as the caller last read it.
            team = await uow.teams.get(team.id) or team
            added = await uow.candidates.add(team.id, stored, now=now)
            bar = team.auto_accept
            for candidate in added:
                if bar is not None and candidate.confidence >= bar:
                    await self._approve(uow, team, candidate, by=AUTO)
                    accepted += 1
            await uow.commit()
        return ImportSummary(report=report, added=len(added), auto_accepted=accepted)

    # -- reviewing ----------------------------------------------------------------------------

    async def pending(self, team: TeamInfo, *, limit: int = REVIEW_PAGE) -> list[StoredCandidate]:
        async with self._uow() as uow:
            return await uow.candidates.pending(team.id, limit=limit)

    async def candidate(self, team: TeamInfo, candidate_id: int) -> StoredCandidate | None:
        async with self._uow() as uow:
            return await uow.candidates.get(team.id, candidate_id)

    async def counts(self, team: TeamInfo) -> dict[CandidateStatus, int]:
        async with self._uow() as uow:
            return await uow.candidates.counts(team.id)

    async def approve(self, team: TeamInfo, candidate_id: int, *, by: str) -> bool:
        """Accept a candidate into the team's questions; False if it was already decided."""
        async with self._uow(write=True) as uow:
            candidate = await uow.candidates.get(team.id, candidate_id)
            if candidate is None or not await self._approve(uow, team, candidate, by=by):
                return False
            await uow.commit()
        return True

    async def reject(self, team: TeamInfo, candidate_id: int, *, by: str) -> bool:
        async with self._uow(write=True) as uow:
            if await uow.candidates.get(team.id, candidate_id) is None:
                return False
            done = await uow.candidates.decide(
                candidate_id, CandidateStatus.REJECTED, by=by, now=self._clock.now()
            )
            await uow.commit()
        return done

    async def edit(
        self,
        team: TeamInfo,
        candidate_id: int,
        *,
        prompt: str | None = None,
        choices: Sequence[str] | None = None,
        answer: str | None = None,
        accepted: Sequence[str] | None = None,
        explanation: str | None = None,
    ) -> StoredCandidate:
        """Fix a pending candidate's wording. Raises ReviewError for a question that would break,
        LookupError when the candidate is gone or already decided."""
        async with self._uow(write=True) as uow:
            candidate = await uow.candidates.get(team.id, candidate_id)
            if candidate is None or candidate.status is not CandidateStatus.PENDING:
                raise LookupError(candidate_id)
            old = candidate.question
            new_choices = tuple(c.strip() for c in choices) if choices is not None else old.choices
            new_answer = answer.strip() if answer is not None else old.answer
            if (
                choices is not None
                and answer is None
                and old.answer in old.choices
                and old.answer not in new_choices
            ):
                # The answer follows its position when its wording is fixed; a choice that is
                # still there (the choices only reordered) stays the answer.
                index = old.choices.index(old.answer)
                new_answer = new_choices[index] if index < len(new_choices) else ""
            question = replace(
                old,
                prompt=prompt.strip() if prompt is not None else old.prompt,
                choices=new_choices,
                answer=new_answer,
                accepted=tuple(a.strip() for a in accepted if a.strip())
                if accepted is not None
                else old.accepted,
                explanation=explanation.strip() if explanation is not None else old.explanation,
            )
            check_question(question)
            await uow.candidates.edit(candidate_id, question)
            await uow.commit()
        return replace(candidate, question=question)

    async def set_auto_accept(self, team: TeamInfo, threshold: float | None) -> TeamInfo:
        """Set the confidence at which imported candidates skip review (None: review all)."""
        if threshold is not None and not 0.0 <= threshold <= 1.0:
            raise ReviewError(ReviewProblem.BAR_OUT_OF_RANGE)
        async with self._uow(write=True) as uow:
            await uow.teams.set_auto_accept(team.id, threshold)
            updated = await uow.teams.get(team.id)
            await uow.commit()
        assert updated is not None
        return updated

    async def _approve(
        self, uow: UnitOfWork, team: TeamInfo, candidate: StoredCandidate, *, by: str
    ) -> bool:
        now = self._clock.now()
        if not await uow.candidates.decide(candidate.id, CandidateStatus.APPROVED, by=by, now=now):
            return False
        await uow.questions.add_for_team(team.id, candidate.question, now=now)
        return True

    # -- members' reports ---------------------------------------------------------------------

    async def report(
        self, team: TeamInfo, member: MemberInfo, question_id: str, *, reason: str = ""
    ) -> ReportReceipt:
        """A member reports a problem with a question; enough reports hold it for an admin."""
        async with self._uow(write=True) as uow:
            if not await uow.questions.asked_of(team.id, question_id):
                raise LookupError(question_id)
            recorded = await uow.flags.add(
                team.id, question_id, member.id, reason=reason.strip()[:500], now=self._clock.now()
            )
            held = await uow.flags.is_held(team.id, question_id)
            await uow.commit()
        return ReportReceipt(recorded=recorded, held=held)

    async def reported(self, team: TeamInfo) -> list[FlaggedQuestion]:
        """Questions with open reports, most reported first."""
        async with self._uow() as uow:
            found = []
            for question_id, count, reasons in await uow.flags.open_reports(team.id):
                question = await uow.questions.get(question_id)
                if question is not None:
                    held = await uow.flags.is_held(team.id, question_id)
                    found.append(FlaggedQuestion(question, count, tuple(reasons), held))
            return found

    async def resolve(self, team: TeamInfo, question_id: str, *, keep: bool) -> int:
        """An admin keeps a reported question (back in rotation) or removes it for the team."""
        async with self._uow(write=True) as uow:
            closed = await uow.flags.resolve(
                team.id, question_id, outcome="kept" if keep else "removed", now=self._clock.now()
            )
            await uow.commit()
        return closed
