from collections.abc import AsyncIterator

import pytest_asyncio
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.uow import UnitOfWorkFactory
from bot.storage.writer import AnswerWriter
from tests.support.world import World, make_world


@pytest_asyncio.fixture
async def world(engine: AsyncEngine) -> AsyncIterator[World]:
    """The quiz service on the same database as the test's `engine`."""
    async for world in make_world(UnitOfWorkFactory(engine), AnswerWriter(engine)):
        yield world
