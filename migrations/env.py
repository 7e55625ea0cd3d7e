"""Alembic environment: async engines, batch mode for SQLite, the app's own URL and models.

The application migrates from inside its own event loop (bot/storage/migrate.py): it opens
the connection and hands it over in `config.attributes["connection"]`. The `alembic` command
opens its own, on `alembic -x url=...`, else `sqlalchemy.url`, else the configured database.
Either way the URL is an async one (sqlite+aiosqlite, postgresql+asyncpg).
"""

from __future__ import annotations

import asyncio
from typing import Any

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection

from bot.storage.database import create_engine
from bot.storage.migrate import migration_connection
from bot.storage.tables import Base, UtcDateTime

config = context.config
target_metadata = Base.metadata


def _render_item(kind: str, item: Any, _autogen: AutogenContext) -> str | bool:
    """Write UtcDateTime as the plain type it stores: a migration never imports the app."""
    if kind == "type" and isinstance(item, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url")
    if url:
        return url
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from bot.config import Settings

    return Settings().database_url


async def _run_online() -> None:
    engine = create_engine(_url())
    try:
        async with migration_connection(engine) as connection:
            await connection.run_sync(_run)
    finally:
        await engine.dispose()


def _run_offline() -> None:
    context.configure(
        url=_url(), target_metadata=target_metadata, render_as_batch=True, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()


_given = config.attributes.get("connection")
if context.is_offline_mode():
    _run_offline()
elif isinstance(_given, Connection):
    _run(_given)
elif _given is not None:
    raise TypeError(
        f'config.attributes["connection"] must be a sync Connection, not {type(_given).__name__}'
        " (from async code: `await connection.run_sync(...)`)"
    )
else:
    asyncio.run(_run_online())
