"""Alembic from inside the application's event loop, on the application's own engine."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

import bot
from bot.storage.database import IMMEDIATE

MIGRATIONS = Path(bot.__file__).resolve().parent.parent / "migrations"
"""The repository's Alembic directory (the Docker image copies it next to `bot/`)."""


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Migrate the database up to `revision`, the latest one by default."""
    async with migration_connection(engine) as connection:
        await connection.run_sync(lambda sync: command.upgrade(_config(sync), revision))


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    """Migrate the database down to `revision` ("base" empties it)."""
    async with migration_connection(engine) as connection:
        await connection.run_sync(lambda sync: command.downgrade(_config(sync), revision))


async def current(engine: AsyncEngine) -> str | None:
    """The database's revision, or None for a database never migrated (or migrated to base)."""
    async with engine.connect() as connection:
        return await connection.run_sync(
            lambda sync: MigrationContext.configure(sync).get_current_revision()
        )


@asynccontextmanager
async def migration_connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection inside one transaction, committed when the block succeeds.

    Both this module and `alembic` on the command line (migrations/env.py) migrate through it.
    On SQLite it differs from `engine.begin()` in two ways:

    - Foreign keys are off until the transaction ends. Batch mode changes a table by copying
      it and dropping the old one, and with foreign keys on, that DROP deletes every row first,
      cascading into the referencing tables (a team's members, rounds and answers). The pragma
      does nothing inside a transaction, so it is set before BEGIN; `foreign_key_check` then
      refuses to commit a migration that left rows pointing nowhere.
    - BEGIN IMMEDIATE: the migration reads alembic_version and then writes, and two processes
      migrating at once should wait for each other instead of failing with "database is locked".
    """
    async with engine.connect() as connection:
        if engine.dialect.name != "sqlite":
            async with connection.begin():
                yield connection
            return
        await connection.run_sync(_set_foreign_keys, enabled=False)
        try:
            await connection.execution_options(**IMMEDIATE)
            async with connection.begin():
                yield connection
                await connection.run_sync(_check_foreign_keys)
        finally:
            await connection.run_sync(_set_foreign_keys, enabled=True)


def _config(connection: Connection) -> Config:
    config = Config()
    # The value goes through ConfigParser interpolation, where a bare "%" is an error.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def _set_foreign_keys(connection: Connection, *, enabled: bool) -> None:
    # Straight to the driver: a statement through SQLAlchemy would BEGIN first (see database.py).
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if enabled else 'OFF'}")
    finally:
        cursor.close()


def _check_foreign_keys(connection: Connection) -> None:
    orphans = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if orphans:
        shown = ", ".join(f"{row[0]} rowid {row[1]} -> {row[2]}" for row in orphans[:5])
        raise RuntimeError(f"migration left {len(orphans)} rows with a missing parent: {shown}")
