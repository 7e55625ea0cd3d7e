from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.storage.uow import UnitOfWorkFactory
from bot.storage.writer import AnswerWriter
from tests.conftest import DATABASES, fresh_engine, resolve_database
from tests.support.fakes import FakeUnitOfWorkFactory, FakeWriter
from tests.support.world import World, make_world


@pytest.fixture(params=["fake", *DATABASES])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return "fake" if request.param == "fake" else resolve_database(request.param, tmp_path)


@pytest_asyncio.fixture
async def world(backend: str) -> AsyncIterator[World]:
    """The quiz service on the in-memory fakes, on SQLite and on PostgreSQL."""
    if backend == "fake":
        uow = FakeUnitOfWorkFactory()
        async for world in make_world(uow, FakeWriter(uow)):
            yield world
        return
    async with fresh_engine(backend) as engine:
        async for world in make_world(UnitOfWorkFactory(engine), AnswerWriter(engine)):
            yield world
