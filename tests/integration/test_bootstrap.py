"""Starting the app: migrations, the content bank, and what happens when the bank is broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.bootstrap import open_app
from bot.config import Settings
from bot.content import ContentError
from bot.storage import migrate

ROOT = Path(__file__).resolve().parents[2]


def settings(tmp_path: Path, content: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", content_dir=content)


def broken_copy(tmp_path: Path) -> Path:
    bank = tmp_path / "bank"
    shutil.copytree(ROOT / "content", bank)
    first = sorted((bank / "questions").glob("*.yaml"))[0]
    first.write_text(first.read_text(encoding="utf-8") + "\n  - id: [unclosed\n", encoding="utf-8")
    return bank


async def test_start_creates_the_database_and_loads_the_bundled_bank(tmp_path: Path) -> None:
    async with open_app(settings(tmp_path, ROOT / "content")) as app:
        assert await migrate.current(app.engine) == "0003"
        topics = await app.quiz.topics()
        assert len(topics) >= 10
    assert (tmp_path / "data" / "studybot.sqlite3").exists()


async def test_a_broken_bank_keeps_the_stored_one(tmp_path: Path) -> None:
    async with open_app(settings(tmp_path, ROOT / "content")) as app:
        before = await app.quiz.topics()
    async with open_app(settings(tmp_path, broken_copy(tmp_path))) as app:
        assert await app.quiz.topics() == before


async def test_a_broken_bank_with_nothing_stored_refuses_to_start(tmp_path: Path) -> None:
    with pytest.raises(ContentError) as raised:
        async with open_app(settings(tmp_path, broken_copy(tmp_path))):
            pass
    assert any(p.line > 1 and p.path.suffix == ".yaml" for p in raised.value.problems)
