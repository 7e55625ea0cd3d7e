"""The one place that wires settings, storage, services and the clock together."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.config import Settings
from bot.content import ContentError, check_bank
from bot.services.clock import Clock, SystemClock
from bot.services.content import ContentService
from bot.services.quiz import QuizService
from bot.storage import migrate
from bot.storage.database import create_engine
from bot.storage.uow import UnitOfWorkFactory
from bot.storage.writer import AnswerWriter

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class App:
    settings: Settings
    engine: AsyncEngine
    quiz: QuizService
    content: ContentService
    clock: Clock


async def load_content(
    quiz: QuizService, directory: Path, content: ContentService | None = None
) -> None:
    """Sync the bank into the database, or keep the stored one if the files have problems.

    A bank with any problem loads nothing: the bot goes on with the questions it already has,
    and only refuses to start when it has none at all.
    """
    bank, problems, _ = check_bank(directory)
    if bank is None:
        for problem in problems:
            log.error("%s", problem)
        if not await quiz.topics():
            raise ContentError(problems)
        log.warning("content has %d problem(s); keeping the bank already stored", len(problems))
        return
    added, changed, retired = await quiz.sync_bank(bank)
    if content is not None:
        content.use_topics(bank.topics)  # the importer's taxonomy, typo lists included
    log.info(
        "content: %d questions in %d topics (%d new, %d changed, %d retired)",
        len(bank.questions),
        len(bank.topics),
        added,
        changed,
        retired,
    )


@asynccontextmanager
async def open_app(settings: Settings, *, clock: Clock | None = None) -> AsyncIterator[App]:
    """Upgrade the database, load the content bank and start the answer writer."""
    clock = clock or SystemClock()
    engine = create_engine(settings.database_url)
    try:
        await migrate.upgrade(engine)
        writer = AnswerWriter(engine)
        uow = UnitOfWorkFactory(engine)
        quiz = QuizService(uow=uow, writer=writer, clock=clock)
        content = ContentService(uow=uow, clock=clock)
        await load_content(quiz, settings.content_dir, content)
        async with writer:
            yield App(settings=settings, engine=engine, quiz=quiz, content=content, clock=clock)
    finally:
        await engine.dispose()
