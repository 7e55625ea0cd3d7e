from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings


def test_defaults_use_sqlite_under_the_data_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STUDYBOT_DATABASE", raising=False)
    settings = Settings(data_dir=Path("/srv/bot"), _env_file=None)  # type: ignore[call-arg]
    assert settings.database_url == "sqlite+aiosqlite:////srv/bot/studybot.sqlite3"
    assert settings.timezone == "Asia/Tokyo"
    assert settings.discord_token is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql://u@db/studybot", "postgresql+asyncpg://u@db/studybot"),
        ("postgres://u@db/studybot", "postgresql+asyncpg://u@db/studybot"),
        ("sqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("postgresql+asyncpg://u@db/s", "postgresql+asyncpg://u@db/s"),
    ],
)
def test_database_urls_get_async_drivers(given: str, expected: str) -> None:
    assert Settings(database=given, _env_file=None).database_url == expected  # type: ignore[call-arg]


def test_environment_is_read_with_the_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STUDYBOT_TIMEZONE", "Europe/Paris")
    monkeypatch.setenv("STUDYBOT_DISCORD_TOKEN", "a-real-looking-token")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.timezone == "Europe/Paris"
    assert settings.discord_token is not None
    assert "a-real-looking-token" not in repr(settings), "secrets never show in reprs or logs"


@pytest.mark.parametrize("token", ["changeme", "<token>", "  ", "your-token"])
def test_placeholder_tokens_are_rejected(token: str) -> None:
    with pytest.raises(ValidationError, match="placeholder"):
        Settings(discord_token=token, _env_file=None)  # type: ignore[call-arg]


def test_a_misspelt_timezone_gets_a_suggestion() -> None:
    with pytest.raises(ValidationError, match="Did you mean Asia/Tokyo"):
        Settings(timezone="Asia/Tokio", _env_file=None)  # type: ignore[call-arg]
