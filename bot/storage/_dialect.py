"""The few statements whose spelling differs between SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite


def insert(dialect_name: str, table: Any) -> Any:
    """An INSERT that supports ON CONFLICT on both databases (same API in both dialects)."""
    module = postgresql if dialect_name == "postgresql" else sqlite
    return module.insert(table)
