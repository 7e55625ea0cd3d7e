"""Databases for the tests: a fresh SQLite file, and the real PostgreSQL server.

Storage tests take the `engine` fixture and run once on each database. Without a reachable
PostgreSQL server its half is skipped, except in CI (the `CI` variable set), where a missing
server is a failure.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path

import asyncpg
import pytest
import pytest_asyncio
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage import migrate
from bot.storage.database import create_engine

POSTGRES_URL = os.environ.get(
    "STUDYBOT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@cache
def _postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used, or None; asked once per session."""
    import asyncio

    async def probe() -> None:
        connection = await asyncpg.connect(_dsn(POSTGRES_URL), timeout=5)
        await connection.close()

    try:
        asyncio.run(probe())
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        return f"PostgreSQL at {make_url(POSTGRES_URL).render_as_string()} unreachable: {error}"
    return None


async def _reset_postgres() -> None:
    connection = await asyncpg.connect(_dsn(POSTGRES_URL))
    try:
        await connection.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
    finally:
        await connection.close()


def resolve_database(kind: str, tmp_path: Path) -> str:
    """The URL of a test database of this kind, skipping (or failing in CI) without PostgreSQL."""
    if kind == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
    problem = _postgres_problem()
    if problem is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{problem} (required in CI)")
        pytest.skip(problem)
    return POSTGRES_URL


@asynccontextmanager
async def fresh_engine(url: str, *, migrated: bool = True) -> AsyncIterator[AsyncEngine]:
    """An engine on an emptied database, migrated to the latest schema unless told not to."""
    if url.startswith("postgresql"):
        await _reset_postgres()
    engine = create_engine(url)
    try:
        if migrated:
            await migrate.upgrade(engine)
        yield engine
    finally:
        await engine.dispose()


DATABASES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=DATABASES)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return resolve_database(request.param, tmp_path)


@pytest_asyncio.fixture
async def empty_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on an empty database."""
    async with fresh_engine(database_url, migrated=False) as engine:
        yield engine


@pytest_asyncio.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on a database migrated to the latest schema."""
    async with fresh_engine(database_url) as engine:
        yield engine
