"""Alembic environment: async engines, batch mode for SQLite, the app's own URL and models."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import Connection

from bot.storage.database import create_engine
from bot.storage.tables import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    """`alembic -x url=...` if given, else the application's configured database."""
    url = context.get_x_argument(as_dictionary=True).get("url")
    if url:
        return url
    from bot.config import Settings

    return Settings().database_url


async def _run_online() -> None:
    engine = create_engine(_url())
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


def run_offline() -> None:
    context.configure(
        url=_url(), target_metadata=target_metadata, render_as_batch=True, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
elif (connection := config.attributes.get("connection")) is not None:
    # The application passes its own connection (see bot/storage/migrate.py).
    _run(connection)
else:
    asyncio.run(_run_online())
