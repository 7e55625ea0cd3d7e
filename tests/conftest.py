"""Databases for the tests: a fresh SQLite file, and the real PostgreSQL server.

Storage tests take the `engine` fixture and run once on each database. Without a reachable
PostgreSQL server its half is skipped, except in CI (the `CI` variable set), where a missing
server is a failure.

Every PostgreSQL test starts from an empty `public` schema, and holds an advisory lock until
it ends: other test runs on this machine share the database, and one run's DROP SCHEMA must
not land in the middle of another run's test.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import cache
from pathlib import Path

import asyncpg
import pytest
import pytest_asyncio
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage import migrate
from bot.storage.database import create_engine, is_sqlite

POSTGRES_URL = os.environ.get(
    "STUDYBOT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
POSTGRES_LOCK = 0x57D0B07
DATABASES = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
]

_lock_depth = 0
"""How many emptied PostgreSQL databases this process has open; only the first one locks."""


def _dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


async def _connect_postgres() -> asyncpg.Connection:
    # A stuck run holding POSTGRES_LOCK should fail this one, not hang it.
    return await asyncpg.connect(
        _dsn(POSTGRES_URL), timeout=5, server_settings={"lock_timeout": "120s"}
    )


@cache
def _postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used, or None; asked once per session."""

    async def probe() -> None:
        connection = await _connect_postgres()
        await connection.close()

    # In a thread of its own, so that sync and async fixtures alike can ask.
    with ThreadPoolExecutor(max_workers=1) as thread:
        try:
            thread.submit(asyncio.run, probe()).result()
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            where = make_url(POSTGRES_URL).render_as_string()
            return f"PostgreSQL at {where} is unreachable: {error!r}"
    return None


def resolve_database(kind: str, tmp_path: Path) -> str:
    """The URL of a test database of this kind, skipping (or failing in CI) without PostgreSQL.

    PostgreSQL is not emptied here: `fresh_engine` (or the `database_url` fixture) does that.
    """
    if kind == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"
    problem = _postgres_problem()
    if problem is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{problem} (CI is set, so the PostgreSQL tests must run)")
        pytest.skip(problem)
    return POSTGRES_URL


@asynccontextmanager
async def _emptied(url: str) -> AsyncIterator[None]:
    """PostgreSQL with an empty `public` schema, kept from other test runs until exit."""
    global _lock_depth
    if is_sqlite(url):  # a new file for every test already
        yield
        return
    connection = await _connect_postgres()
    try:
        if _lock_depth == 0:
            await connection.execute("SELECT pg_advisory_lock($1)", POSTGRES_LOCK)
        _lock_depth += 1
        try:
            await connection.execute("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;")
            yield
        finally:
            _lock_depth -= 1
    finally:
        await connection.close()  # which releases the lock


@asynccontextmanager
async def _engine(url: str, *, migrated: bool) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(url)
    try:
        if migrated:
            await migrate.upgrade(engine)
        yield engine
    finally:
        await engine.dispose()


@asynccontextmanager
async def fresh_engine(url: str, *, migrated: bool = True) -> AsyncIterator[AsyncEngine]:
    """An engine on an emptied database, migrated to the latest schema unless told not to."""
    async with _emptied(url), _engine(url, migrated=migrated) as engine:
        yield engine


@pytest_asyncio.fixture(params=DATABASES)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of an empty database: a new SQLite file, or PostgreSQL with a fresh schema."""
    url = resolve_database(request.param, tmp_path)
    async with _emptied(url):
        yield url


@pytest_asyncio.fixture
async def empty_engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on an empty database."""
    async with _engine(database_url, migrated=False) as engine:
        yield engine


@pytest_asyncio.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """An engine on a database migrated to the latest schema."""
    async with _engine(database_url, migrated=True) as engine:
        yield engine
