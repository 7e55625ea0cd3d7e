"""`studybot content import | review | auto-accept`: the real command in a subprocess.

Each test has its own data directory (so its own SQLite database) and the shipped content bank,
whose taxonomy puts the note below under the `iam` topic. The database is read back with
the standard library's sqlite3, so what the command stored is checked, not only what it printed.
The last tests run the review loop in process, against a second reviewer deciding meanwhile.
"""

from __future__ import annotations

import asyncio
import io
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.bootstrap import open_app
from bot.chat.console import review
from bot.config import Settings
from bot.content.notes import NoteFile
from bot.core.model import StoredCandidate, TeamInfo
from bot.services.content import ContentService
from bot.storage.uow import UnitOfWorkFactory

ROOT = Path(__file__).resolve().parents[2]

NOTE = """\
# IAM のまとめ

## IAM ポリシーの要素

- Principal: アクセスを要求する利用者を示す要素
- Action: ポリシーで許可または拒否する操作の一覧
- Resource: 操作の対象になるAWS上のリソースを示す設定
- Condition: ポリシーが効く条件を指定する仕組み
- Effect: 許可と拒否のどちらにするかを決める設定
"""
HEADING = "IAM のまとめ > IAM ポリシーの要素"
CANDIDATES = 10
"""A "which term?" and a "which definition?" question for each of the five terms."""
SURE = 5
"""The "which term?" ones score 1.00; the others 0.85 or 0.90."""

BAR_ERROR = "studybot: '{}' is not a confidence: give a number from 0 to 1 (e.g. 0.8), or off\n"
TEAM_ERROR = "studybot: --team takes PLATFORM:ID, e.g. discord:123456789\n"


class Studybot:
    """Runs `python -m bot` with a data directory of its own; no STUDYBOT_* from outside."""

    def __init__(self, tmp_path: Path) -> None:
        self.cwd = tmp_path  # no .env here
        self.data = tmp_path / "data"
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("STUDYBOT_")}
        self.env |= {
            "STUDYBOT_DATA_DIR": str(self.data),
            "STUDYBOT_CONTENT_DIR": str(ROOT / "content"),
        }

    def __call__(self, *args: str | Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [sys.executable, "-m", "bot", *map(str, args)],
            input=stdin,
            capture_output=True,
            text=True,
            env=self.env,
            cwd=self.cwd,
            timeout=120,
            check=False,
        )
        assert "Traceback" not in result.stderr, result.stderr
        return result

    @property
    def database(self) -> Path:
        return self.data / "studybot.sqlite3"

    def add_team(self, platform: str, external_id: str) -> None:
        """The team the bot makes when it first sees a server."""

        async def make() -> None:
            settings = Settings(data_dir=self.data, content_dir=ROOT / "content")
            async with open_app(settings) as app:
                await app.quiz.team(platform=platform, external_id=external_id)

        asyncio.run(make())

    def rows(self, sql: str, *params: object) -> list[tuple[object, ...]]:
        connection = sqlite3.connect(self.database)
        try:
            return connection.execute(sql, params).fetchall()
        finally:
            connection.close()


@pytest.fixture
def studybot(tmp_path: Path) -> Studybot:
    return Studybot(tmp_path)


@pytest.fixture
def note(tmp_path: Path) -> Path:
    path = tmp_path / "notes" / "iam.md"
    path.parent.mkdir()
    path.write_text(NOTE, encoding="utf-8")
    return path


def table(stdout: str) -> list[list[str]]:
    """The per-file table's header and rows, split into cells."""
    lines = stdout.splitlines()
    assert lines[0].split() == ["note", "lines", "facts", "questions", ">=0.8"]
    rows = []
    for line in lines[1:]:
        if line.startswith(("skipped ", "dry run: ")) or " new candidate(s) stored" in line:
            break
        rows.append(line.split())
    return rows


def statuses(studybot: Studybot, team: str = "console") -> dict[str, int]:
    rows = studybot.rows(
        "SELECT c.status, count(*) FROM candidate c JOIN team t ON t.id = c.team_id"
        " WHERE t.external_id = ? GROUP BY c.status",
        team,
    )
    return {str(status): int(str(count)) for status, count in rows}


# -- import ---------------------------------------------------------------------------------------


def test_dry_run_prints_the_report_and_stores_nothing(studybot: Studybot, note: Path) -> None:
    result = studybot("content", "import", note, "--dry-run", "--show", "2")

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    assert out.splitlines()[:3] == [
        f"{'note':<34} {'lines':>6} {'facts':>6} {'questions':>10} {'>=0.8':>6}",
        f"{'iam.md':<34} {9:>6} {5:>6} {CANDIDATES:>10} {CANDIDATES:>6}",
        f"dry run: {CANDIDATES} candidate(s) proposed, nothing stored.",
    ]
    # --show 2: the two surest candidates, in full.
    assert out.count(f"[1.00] iam · iam.md › {HEADING} (line ") == 2
    assert "[1.00] iam · iam.md › IAM のまとめ > IAM ポリシーの要素 (line 5)" in out
    assert out.count("  ✓ ") == 2, "one right answer marked in each"
    assert not studybot.database.exists(), "a dry run opens no database"


def test_import_stores_candidates_once(studybot: Studybot, note: Path) -> None:
    first = studybot("content", "import", note)

    assert first.returncode == 0, first.stderr
    assert table(first.stdout) == [["iam.md", "9", "5", str(CANDIDATES), str(CANDIDATES)]]
    assert f"{CANDIDATES} new candidate(s) stored; review them" in first.stdout
    assert statuses(studybot) == {"pending": CANDIDATES}
    assert studybot.rows(
        "SELECT DISTINCT topic_id, source_note, source_heading FROM candidate"
    ) == [("iam", "iam.md", HEADING)]
    assert studybot.rows("SELECT platform, external_id FROM team") == [("console", "console")]

    again = studybot("content", "import", note)

    assert again.returncode == 0, again.stderr
    assert "0 new candidate(s) stored; review them" in again.stdout
    assert statuses(studybot) == {"pending": CANDIDATES}


def test_files_that_are_not_notes_are_reported_by_name(
    studybot: Studybot, note: Path, tmp_path: Path
) -> None:
    binary = tmp_path / "bad.bin"
    binary.write_bytes(b"\x00\x01\x02 not a note")
    empty = tmp_path / "empty.md"
    empty.write_text("  \n\n", encoding="utf-8")
    missing = tmp_path / "missing.md"

    result = studybot("content", "import", binary, empty, missing)

    assert result.returncode == 1
    assert result.stdout.splitlines()[1:] == [
        f"skipped {binary}: a binary file, not a text note",
        f"skipped {empty}: empty: nothing to import",
        f"skipped {missing}: no such file or folder",
        "0 new candidate(s) stored; review them with `studybot content review`.",
    ]
    assert statuses(studybot) == {}

    # With one good note among them, the good one is stored and the run succeeds.
    mixed = studybot("content", "import", binary, note)

    assert mixed.returncode == 0, mixed.stderr
    assert f"skipped {binary}: a binary file, not a text note" in mixed.stdout
    assert f"{CANDIDATES} new candidate(s) stored" in mixed.stdout
    assert statuses(studybot) == {"pending": CANDIDATES}


def test_a_folder_of_notes_is_imported(studybot: Studybot, note: Path) -> None:
    (note.parent / "image.png").write_bytes(b"\x89PNG\x00")

    result = studybot("content", "import", note.parent, "--dry-run")

    assert result.returncode == 0, result.stderr
    assert table(result.stdout) == [["iam.md", "9", "5", str(CANDIDATES), str(CANDIDATES)]]


# -- review ---------------------------------------------------------------------------------------

SCRIPT = """\
a
r
e
新しい問題文？



e


Nope

x
s
q
"""
"""Approve, reject, edit the prompt of the third; a broken edit; a typo; skip it; quit."""


def test_review_approves_rejects_and_edits_from_stdin(studybot: Studybot, note: Path) -> None:
    studybot("content", "import", note)

    result = studybot("content", "review", stdin=SCRIPT)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("[a]pprove [r]eject [e]dit [s]kip [q]uit > ") == 7
    for pending in (10, 9, 8):
        assert f"\n{pending} pending\n" in out
    assert "prompt (empty: keep) > 新しい問題文？\n" in out
    assert "choices, separated by ' | ' (empty: keep) > \n" in out
    assert "answer (empty: keep) > Nope\n" in out
    assert "explanation (empty: keep) > \n" in out
    assert out.count("\nsaved\n") == 1
    assert "not saved: the answer must be one of the choices\n" in out
    assert "type a, r, e, s or q\n" in out
    assert out.endswith("1 approved, 1 rejected, 1 edited, 1 skipped\n")

    # Most confident first, in the order they were stored: Principal, Action, Resource.
    assert statuses(studybot) == {"approved": 1, "rejected": 1, "pending": 8}
    decided = studybot.rows(
        "SELECT answer, status, decided_by FROM candidate WHERE status != 'pending' ORDER BY id"
    )
    assert decided == [("Principal", "approved", "terminal"), ("Action", "rejected", "terminal")]
    edited = studybot.rows("SELECT answer, status FROM candidate WHERE prompt = '新しい問題文？'")
    assert edited == [("Resource", "pending")]
    asked = studybot.rows(
        "SELECT answer, active, team_id IS NOT NULL FROM question WHERE id LIKE 'imp-%'"
    )
    assert asked == [("Principal", 1, 1)]

    # The skip lasted one session: the next one starts at the edited candidate.
    again = studybot("content", "review", stdin="q\n")
    assert "\n8 pending\n[1.00] iam · iam.md" in again.stdout
    assert "新しい問題文？\n" in again.stdout
    assert again.stdout.endswith("0 approved, 0 rejected, 0 edited, 0 skipped\n")


def test_review_with_nothing_pending_ends_at_once(studybot: Studybot) -> None:
    result = studybot("content", "review")

    assert result.returncode == 0, result.stderr
    assert result.stdout == "nothing left to review\n0 approved, 0 rejected, 0 edited, 0 skipped\n"


def test_review_ends_cleanly_at_the_end_of_input(studybot: Studybot, note: Path) -> None:
    studybot("content", "import", note)

    result = studybot("content", "review", stdin="a\na\n")

    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("2 approved, 0 rejected, 0 edited, 0 skipped\n")
    assert statuses(studybot) == {"approved": 2, "pending": CANDIDATES - 2}


# -- auto-accept ----------------------------------------------------------------------------------


def test_auto_accept_on_and_off(studybot: Studybot, note: Path) -> None:
    def bar() -> object:
        ((value,),) = studybot.rows("SELECT auto_accept FROM team WHERE external_id = 'console'")
        return value

    on = studybot("content", "auto-accept", "0.8")
    assert (on.returncode, on.stdout, on.stderr) == (0, "auto-accept: 0.8\n", "")
    assert bar() == 0.8

    off = studybot("content", "auto-accept", "OFF")
    assert (off.returncode, off.stdout) == (0, "auto-accept: off (every candidate is reviewed)\n")
    assert bar() is None

    studybot("content", "auto-accept", "0.95")
    imported = studybot("content", "import", note)
    assert imported.returncode == 0, imported.stderr
    assert (
        f"{CANDIDATES} new candidate(s) stored, {SURE} accepted automatically; review them"
        in imported.stdout
    )
    assert statuses(studybot) == {"approved": SURE, "pending": CANDIDATES - SURE}
    assert studybot.rows("SELECT DISTINCT decided_by FROM candidate WHERE status = 'approved'") == [
        ("auto",)
    ]
    assert studybot.rows("SELECT count(*) FROM question WHERE id LIKE 'imp-%' AND active") == [
        (SURE,)
    ]


def test_auto_accept_refuses_what_is_not_a_bar(studybot: Studybot) -> None:
    studybot("content", "auto-accept", "0.7")

    for value, message in [
        ("nope", BAR_ERROR.format("nope")),
        ("1.5", BAR_ERROR.format("1.5")),
        ("-0.1", BAR_ERROR.format("-0.1")),
        ("nan", BAR_ERROR.format("nan")),
    ]:
        result = studybot("content", "auto-accept", value)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", message), value

    assert studybot.rows("SELECT auto_accept FROM team") == [(0.7,)]


# -- --team ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["content", "import", "NOTE"],
        ["content", "import", "NOTE", "--dry-run"],
        ["content", "review"],
        ["content", "auto-accept", "0.5"],
    ],
    ids=["import", "dry-run", "review", "auto-accept"],
)
@pytest.mark.parametrize("team", ["bad", "discord:", ":123"])
def test_a_malformed_team_is_refused(
    studybot: Studybot, note: Path, command: list[str], team: str
) -> None:
    args = [note if arg == "NOTE" else arg for arg in command]

    result = studybot(*args, "--team", team)

    assert (result.returncode, result.stdout, result.stderr) == (2, "", TEAM_ERROR)
    assert not studybot.database.exists()


def test_candidates_belong_to_the_team_named(studybot: Studybot, note: Path) -> None:
    unknown = studybot("content", "import", note, "--team", "discord:4242")
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("studybot: no team discord:4242 yet"), unknown.stderr
    assert studybot.rows("SELECT platform, external_id FROM team") == [], "no team made up"
    studybot.add_team("discord", "4242")

    result = studybot("content", "import", note, "--team", "discord:4242")

    assert result.returncode == 0, result.stderr
    assert statuses(studybot, "4242") == {"pending": CANDIDATES}
    assert statuses(studybot, "console") == {}
    assert studybot("content", "review", stdin="q\n").stdout.startswith("nothing left to review")
    theirs = studybot("content", "review", "--team", "discord:4242", stdin="a\nq\n")
    assert theirs.stdout.endswith("1 approved, 0 rejected, 0 edited, 0 skipped\n")
    assert statuses(studybot, "4242") == {"approved": 1, "pending": CANDIDATES - 1}


# -- a review racing another reviewer (in process) ------------------------------------------------


class RacedContent(ContentService):
    """The service as a terminal reviewer sees it while someone else (on Discord, say) decides
    each candidate a moment before the terminal's own decision reaches the database."""

    def __init__(self, *, other: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.other = other

    async def _other_first(self, team: TeamInfo, candidate_id: int) -> None:
        decide = super().approve if self.other == "approve" else super().reject
        assert await decide(team, candidate_id, by="discord") is True

    async def approve(self, team: TeamInfo, candidate_id: int, *, by: str) -> bool:
        await self._other_first(team, candidate_id)
        return await super().approve(team, candidate_id, by=by)

    async def reject(self, team: TeamInfo, candidate_id: int, *, by: str) -> bool:
        await self._other_first(team, candidate_id)
        return await super().reject(team, candidate_id, by=by)

    async def edit(self, team: TeamInfo, candidate_id: int, **changes: Any) -> StoredCandidate:
        await self._other_first(team, candidate_id)
        return await super().edit(team, candidate_id, **changes)


@pytest.mark.parametrize(
    ("script", "other", "status"),
    [
        (["a", "q"], "reject", "rejected"),
        (["r", "q"], "approve", "approved"),
        (["e", "新しい問題文？", "", "", "", "q"], "approve", "approved"),
    ],
    ids=["approve", "reject", "edit"],
)
async def test_a_candidate_decided_meanwhile_is_not_counted_and_does_not_crash(
    tmp_path: Path, script: list[str], other: str, status: str
) -> None:
    settings = Settings(data_dir=tmp_path / "data", content_dir=ROOT / "content")
    async with open_app(settings) as app:
        team = await app.quiz.team(platform="console", external_id="console")
        await app.content.import_notes(team, [NoteFile("iam.md", NOTE)])
        content = RacedContent(other=other, uow=UnitOfWorkFactory(app.engine), clock=app.clock)
        lines = iter(script)
        out = io.StringIO()

        done = await review(content, team, lambda _: next(lines, None), out, by="terminal")

        assert done == {"approved": 0, "rejected": 0, "edited": 0, "skipped": 0}
        text = out.getvalue()
        assert "not saved: someone else decided this candidate meanwhile\n" in text
        assert text.endswith("0 approved, 0 rejected, 0 edited, 0 skipped\n")
        counts = await app.content.counts(team)
        assert {str(k): v for k, v in counts.items() if v} == {
            status: 1,
            "pending": CANDIDATES - 1,
        }
        prompts = {c.question.prompt for c in await app.content.pending(team, limit=50)}
        assert "新しい問題文？" not in prompts
