"""The unit of work: one session, one transaction, per interaction or job."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.storage.database import IMMEDIATE
from bot.storage.repositories import (
    CandidateRepository,
    FlagRepository,
    MemberRepository,
    QuestionRepository,
    RoundRepository,
    StatsRepository,
    TeamRepository,
)


class UnitOfWork:
    """`async with uow: ...; await uow.commit()` — anything not committed is rolled back."""

    teams: TeamRepository
    members: MemberRepository
    questions: QuestionRepository
    rounds: RoundRepository
    stats: StatsRepository
    candidates: CandidateRepository
    flags: FlagRepository

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions
        self._session: AsyncSession | None = None

    async def __aenter__(self) -> Self:
        session = self._session = self._sessions()
        self.teams = TeamRepository(session)
        self.members = MemberRepository(session)
        self.questions = QuestionRepository(session)
        self.rounds = RoundRepository(session)
        self.stats = StatsRepository(session)
        self.candidates = CandidateRepository(session)
        self.flags = FlagRepository(session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            await self._session.rollback()
        finally:
            await self._session.close()
            self._session = None

    async def commit(self) -> None:
        assert self._session is not None
        await self._session.commit()


class UnitOfWorkFactory:
    """Makes units of work; `write=True` ones take SQLite's write lock up front."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._reads = async_sessionmaker(engine, expire_on_commit=False)
        self._writes = async_sessionmaker(
            engine.execution_options(**IMMEDIATE), expire_on_commit=False
        )

    def __call__(self, *, write: bool = False) -> UnitOfWork:
        return UnitOfWork(self._writes if write else self._reads)
