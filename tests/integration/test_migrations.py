"""Migrations on both databases: up, down, up again, and no drift from the models."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.operations import Operations
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage import migrate
from bot.storage.database import create_engine
from bot.storage.tables import Base

MODEL_TABLES = set(Base.metadata.tables)
HEAD = "0003"


async def table_names(engine: AsyncEngine) -> set[str]:
    async with engine.connect() as connection:
        return set(await connection.run_sync(lambda sync: inspect(sync).get_table_names()))


async def test_upgrade_creates_every_table(empty_engine: AsyncEngine) -> None:
    assert await migrate.current(empty_engine) is None

    await migrate.upgrade(empty_engine)

    assert await table_names(empty_engine) == MODEL_TABLES | {"alembic_version"}
    assert await migrate.current(empty_engine) == HEAD


async def test_downgrade_to_base_leaves_only_alembic_version(engine: AsyncEngine) -> None:
    await migrate.downgrade(engine, "base")

    assert await table_names(engine) == {"alembic_version"}
    assert await migrate.current(engine) is None


async def test_upgrade_downgrade_upgrade(empty_engine: AsyncEngine) -> None:
    await migrate.upgrade(empty_engine)
    await migrate.downgrade(empty_engine, "base")
    await migrate.upgrade(empty_engine)

    assert await table_names(empty_engine) == MODEL_TABLES | {"alembic_version"}
    assert await migrate.current(empty_engine) == HEAD


async def test_upgrade_at_head_changes_nothing(engine: AsyncEngine) -> None:
    await migrate.upgrade(engine)

    assert await migrate.current(engine) == HEAD


async def test_migrated_schema_matches_the_models(engine: AsyncEngine) -> None:
    def differences(connection: Connection) -> list[Any]:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return list(compare_metadata(context, Base.metadata))

    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []


async def test_constraints_and_indexes_have_the_models_names(engine: AsyncEngine) -> None:
    """Names matter to later migrations, and autogenerate does not compare all of them."""

    def names(connection: Connection) -> set[tuple[str, str, str]]:
        found = set()
        inspector = inspect(connection)
        for table in MODEL_TABLES:
            found.add((table, "pk", inspector.get_pk_constraint(table)["name"]))
            found |= {(table, "fk", fk["name"]) for fk in inspector.get_foreign_keys(table)}
            found |= {(table, "uq", uq["name"]) for uq in inspector.get_unique_constraints(table)}
            found |= {(table, "ck", ck["name"]) for ck in inspector.get_check_constraints(table)}
            found |= {
                (table, "ix", ix["name"])
                for ix in inspector.get_indexes(table)
                if not ix.get("duplicates_constraint")  # PostgreSQL's index behind a UNIQUE
            }
        return found

    kinds = {
        sa.PrimaryKeyConstraint: "pk",
        sa.ForeignKeyConstraint: "fk",
        sa.UniqueConstraint: "uq",
        sa.CheckConstraint: "ck",
    }
    expected = {
        (table.name, kinds[type(constraint)], constraint.name)
        for table in Base.metadata.tables.values()
        for constraint in table.constraints
    } | {
        (table.name, "ix", index.name)
        for table in Base.metadata.tables.values()
        for index in table.indexes
    }

    async with engine.connect() as connection:
        assert await connection.run_sync(names) == expected


async def test_open_rounds_index_stays_partial(engine: AsyncEngine) -> None:
    def where(connection: Connection) -> str:
        (index,) = (
            ix for ix in inspect(connection).get_indexes("round") if ix["name"] == "ix_round_open"
        )
        return str(index["dialect_options"][f"{connection.dialect.name}_where"])

    async with engine.connect() as connection:
        assert "closed_at IS NULL" in await connection.run_sync(where)


async def test_alembic_command_line_uses_sqlalchemy_url(database_url: str) -> None:
    """`alembic upgrade head` with a URL: env.py opens its own engine and event loop."""
    config = Config()
    config.set_main_option("script_location", str(migrate.MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url)

    await asyncio.to_thread(command.upgrade, config, "head")

    engine = create_engine(database_url)
    try:
        assert await migrate.current(engine) == HEAD
        assert await table_names(engine) == MODEL_TABLES | {"alembic_version"}
    finally:
        await engine.dispose()


# SQLite only: the connection settings, and foreign keys during migrations.


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}"


async def pragmas(connection: Any) -> dict[str, Any]:
    return {
        name: (await connection.exec_driver_sql(f"PRAGMA {name}")).scalar()
        for name in ("journal_mode", "synchronous", "busy_timeout", "foreign_keys")
    }


CONFIGURED = {"journal_mode": "wal", "synchronous": 1, "busy_timeout": 5000, "foreign_keys": 1}


async def test_every_sqlite_connection_is_configured(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    try:
        # Held open together, so each one is a new DB-API connection from the pool.
        async with engine.connect() as a, engine.connect() as b, engine.connect() as c:
            assert [await pragmas(x) for x in (a, b, c)] == [CONFIGURED] * 3
        # Migrating switches foreign keys off on its connection; the pool gets it back on.
        await migrate.upgrade(engine)
        async with engine.connect() as connection:
            assert await pragmas(connection) == CONFIGURED
    finally:
        await engine.dispose()


async def seed_team_and_member(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.exec_driver_sql(
            "INSERT INTO team (id, platform, external_id, name, timezone, language, daily_time,"
            " close_after_minutes, weekly_day, weekly_time, paused, created_at) VALUES (1, 'test',"
            " 'g', 'team', 'UTC', 'ja', '08:00:00', 60, 0, '09:00:00', 0, '2026-01-01 00:00:00')"
        )
        await connection.exec_driver_sql(
            "INSERT INTO member (team_id, external_id, display_name, streak_answered,"
            " streak_correct, best_answered, best_correct, created_at)"
            " VALUES (1, 'm', 'm', 0, 0, 0, 0, '2026-01-01 00:00:00')"
        )


async def test_rebuilding_a_referenced_table_keeps_the_rows_that_point_at_it(
    sqlite_url: str,
) -> None:
    """Batch mode drops and recreates a table; with foreign keys on that DROP would cascade."""
    engine = create_engine(sqlite_url)
    try:
        await migrate.upgrade(engine)
        await seed_team_and_member(engine)

        def rebuild_team(connection: Connection) -> None:
            context = MigrationContext.configure(connection, opts={"render_as_batch": True})
            with Operations(context).batch_alter_table("team", recreate="always") as batch:
                batch.add_column(sa.Column("extra", sa.Integer(), nullable=True))

        async with migrate.migration_connection(engine) as connection:
            assert (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar() == 0
            await connection.run_sync(rebuild_team)

        async with engine.connect() as connection:
            members = await connection.exec_driver_sql("SELECT count(*) FROM member")
            assert members.scalar() == 1
    finally:
        await engine.dispose()


async def test_a_migration_leaving_orphans_is_rolled_back(sqlite_url: str) -> None:
    engine = create_engine(sqlite_url)
    try:
        await migrate.upgrade(engine)
        await seed_team_and_member(engine)

        with pytest.raises(RuntimeError, match="1 rows with a missing parent"):
            async with migrate.migration_connection(engine) as connection:
                await connection.exec_driver_sql("DELETE FROM team")

        async with engine.connect() as connection:
            teams = await connection.exec_driver_sql("SELECT count(*) FROM team")
            assert teams.scalar() == 1
    finally:
        await engine.dispose()
