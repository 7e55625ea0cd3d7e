"""All configuration, from the environment (prefix STUDYBOT_) or a .env file.

Only `bootstrap.py`, the CLI and `migrations/env.py` read settings; everything else is
handed plain values.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.core.parsing import InputError, parse_timezone

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDERS = {"", "changeme", "change-me", "token", "your-token", "your_token", "xxx", "todo"}


def _bundled_content() -> Path:
    """The content bank next to the code (a checkout or the Docker image), else ./content."""
    bundled = PROJECT_ROOT / "content"
    return bundled if bundled.is_dir() else Path("content")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="STUDYBOT_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    data_dir: Path = Field(default=Path("data"), description="Where the SQLite database lives.")
    database: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default: SQLite at DATA_DIR/studybot.sqlite3.",
    )
    content_dir: Path = Field(default_factory=_bundled_content)
    notes_url: str | None = Field(
        default=None,
        description="Base URL of the team's notes; reveals link to NOTES_URL/<note>#<heading>.",
    )
    timezone: str = "Asia/Tokyo"
    language: Literal["ja", "en"] = "ja"
    discord_token: SecretStr | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            return parse_timezone(value)
        except InputError as error:
            raise ValueError(str(error)) from error

    @field_validator("discord_token")
    @classmethod
    def _no_placeholder(cls, value: SecretStr | None) -> SecretStr | None:
        if (
            value is not None
            and value.get_secret_value().strip().strip("<>").lower() in PLACEHOLDERS
        ):
            raise ValueError("is a placeholder: set the real token or unset the variable")
        return value

    @property
    def database_url(self) -> str:
        """The async SQLAlchemy URL, with the usual sync driver names mapped to async ones."""
        if not self.database:
            return f"sqlite+aiosqlite:///{self.data_dir / 'studybot.sqlite3'}"
        url = self.database
        for prefix, replacement in (
            ("sqlite:///", "sqlite+aiosqlite:///"),
            ("postgresql://", "postgresql+asyncpg://"),
            ("postgres://", "postgresql+asyncpg://"),
        ):
            if url.startswith(prefix):
                return replacement + url[len(prefix) :]
        return url
