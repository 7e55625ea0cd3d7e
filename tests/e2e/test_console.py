"""Scripted console sessions: the whole stack from typed lines to printed text."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bot.bootstrap import open_app
from bot.chat.console import run_console
from bot.config import Settings
from bot.core.model import TeamSchedule
from bot.services.clock import ManualClock

ROOT = Path(__file__).resolve().parents[2]

TOPICS = """\
topics:
  - id: sqs
    name: SQS
  - id: vpc
    name: VPC
"""

QUESTIONS = """\
questions:
  - id: sqs-visibility-default
    topic: sqs
    kind: choice
    prompt: SQS の可視性タイムアウトの既定値は？
    choices: [30秒, 60秒, 15分, 12時間]
    answer: 30秒
    explanation: 既定は 30 秒で、最大 12 時間まで延ばせる。
    source: {note: aws.md, heading: SQS > 可視性タイムアウト}
  - id: vpc-nat-subnet
    topic: vpc
    kind: choice
    prompt: NAT ゲートウェイを置くサブネットは？
    choices: [パブリックサブネット, プライベートサブネット, 分離サブネット, どこでもよい]
    answer: パブリックサブネット
    explanation: NAT ゲートウェイ自身がインターネットゲートウェイへ出る必要がある。
    source: {note: aws.md, heading: VPC > NAT}
"""

SESSION = """\
/advance 1h
B
/as alice
A
/as bob
C
C
/as alice
B
/advance 12h
/leaderboard week
/weakspots team
/stats
/quiz vpc
パブリックサブネット
/quiz nosuchtopic
/frobnicate
/setup time=25:00
/setup timezone=Asia/Tokio
/advance 7d
/quit
"""


def bank(tmp_path: Path) -> Path:
    root = tmp_path / "bank"
    (root / "questions").mkdir(parents=True, exist_ok=True)
    (root / "topics.yaml").write_text(TOPICS, encoding="utf-8")
    (root / "questions" / "all.yaml").write_text(QUESTIONS, encoding="utf-8")
    return root


async def play(
    tmp_path: Path, script: str, *, language: str = "ja", content: Path | None = None
) -> str:
    settings = Settings(data_dir=tmp_path / "data", content_dir=content or bank(tmp_path))
    # Monday 2026-11-23, 08:00 in Tokyo.
    clock = ManualClock(datetime(2026, 11, 22, 23, 0, tzinfo=UTC))
    out = io.StringIO()
    async with open_app(settings, clock=clock) as app:
        await run_console(
            app.quiz,
            clock,
            member="you",
            language=language,
            schedule=TeamSchedule(),
            content=app.content,
            stdin=io.StringIO(script),
            stdout=out,
        )
    return out.getvalue()


async def test_a_study_day_from_post_to_weekly_leaderboard(tmp_path: Path) -> None:
    out = await play(tmp_path, SESSION)

    assert "今日の問題 2026-11-23" in out
    assert out.count("を受け付けました") == 3
    assert "bob さんはこの問題に回答済みです" in out
    assert "alice さんはこの問題に回答済みです" in out

    reveal = out[out.index("答え合わせ 2026-11-23") :]
    answer_letter = re.search(r"正解: ([A-D])\)", reveal)
    assert answer_letter is not None
    expected = sum(1 for given in "BAC" if given == answer_letter[1])
    assert f"チームの正答率 {expected}/3" in reveal
    assert "解説: " in reveal
    assert "出典: aws.md › " in reveal

    board = out[out.index("🏆 今週のランキング") :]
    for name in ("you", "alice", "bob"):
        assert name in board
    assert "チームの苦手トピック" in out
    assert "alice さんの成績" in out
    assert "毎日の問題: " in out

    practice = out[out.index("練習問題 · VPC") :]
    assert "⭕ 正解！" in practice, "a choice's text answers it, wherever it is shown"
    assert "「nosuchtopic」というトピックはありません" in out
    assert "? /frobnicate" in out
    assert "/leaderboard [week|7d|all]" in out
    assert "hours go 00–23" in out
    assert "Did you mean Asia/Tokyo?" in out

    assert "週間ランキング (2026-11-23 〜 2026-11-29)" in out
    assert out.count("今日の問題 2026-11-2") + out.count("今日の問題 2026-11-30") >= 7


DAYS = 200
DATE = r"(\d{4}-\d\d-\d\d) · [^\n]*\n"
POST = re.compile(r"今日の問題 " + DATE + r"\nQ\. [^\n]*\n((?:  [A-F]\) [^\n]*\n)+)")
REVEAL = re.compile(r"答え合わせ " + DATE + r"Q\. [^\n]*\n\n正解: ([A-F])\) ([^\n]*)\n")


async def test_two_hundred_daily_rounds_of_the_real_bank_spread_the_answer_over_a_to_d(
    tmp_path: Path,
) -> None:
    """Every bank file lists its answer first; what members see must not."""
    script = "/advance 1h\n" + "/advance 1d\n" * DAYS
    out = await play(tmp_path, script, content=ROOT / "content")

    posts = {day: re.findall(r"  ([A-F])\) ([^\n]*)", block) for day, block in POST.findall(out)}
    reveals = REVEAL.findall(out)
    assert len(posts) >= DAYS * 0.6, "most daily questions are choice questions"
    assert len(reveals) >= len(posts) - 1, "all but the last day's round are revealed"
    for day, shown_letter, answer in reveals:
        # The reveal names the answer by the letter it had in the post.
        assert (shown_letter, answer) in posts[day], day
    letters = Counter(shown_letter for _, shown_letter, _ in reveals)
    assert set(letters) >= set("ABCD"), letters
    assert max(letters.values()) <= 0.35 * len(reveals), letters


async def test_english_and_a_restart_keeps_state(tmp_path: Path) -> None:
    first = await play(tmp_path, "/advance 1h\nA\n/quit\n", language="en")
    assert "Question of the day 2026-11-23" in first
    assert "The answer is revealed when the round closes" in first
    second = await play(tmp_path, "A\n/advance 12h\n/stats\n", language="en")
    assert "you, you have already answered this one" in second
    assert "Answer 2026-11-23" in second
    assert "Daily: " in second
    assert "/1 correct" in second


def test_studybot_console_runs_from_the_command_line(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "STUDYBOT_DATA_DIR": str(tmp_path / "data"),
        "STUDYBOT_CONTENT_DIR": str(ROOT / "content"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console", "--lang", "en"],
        input="/help\n/topics\n/quiz\n/leaderboard all\n/quit\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "studybot console" in result.stdout
    assert "/leaderboard [week|7d|all]" in result.stdout
    assert "Practice question" in result.stdout
    assert "All time" in result.stdout
    assert "Traceback" not in result.stderr


def test_run_without_a_token_points_to_the_console(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("STUDYBOT_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "STUDYBOT_DISCORD_TOKEN" in result.stderr
    assert "studybot console" in result.stderr


def test_content_check_reports_file_and_line(tmp_path: Path) -> None:
    root = bank(tmp_path)
    broken = QUESTIONS.replace("topic: vpc", "topic: vpcc")
    (root / "questions" / "all.yaml").write_text(broken, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bot", "content", "check", str(root)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert re.search(r"all\.yaml:11: .*vpcc", result.stdout), result.stdout

    good = subprocess.run(
        [sys.executable, "-m", "bot", "content", "check", str(ROOT / "content")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert good.returncode == 0, good.stdout
    assert re.search(r"\d+ questions in \d+ topics", good.stdout)


REPORTS = """\
/report
/post-now
/reveal-now
/report 選択肢が紛らわしい
/report
/as alice
/report 解説が古い
/reported
/quiz sqs
/reported keep 1
/reported
/quiz sqs
/quit
"""


async def test_reports_hold_a_question_until_it_is_kept(tmp_path: Path) -> None:
    out = await play(tmp_path, REPORTS)

    assert "報告できる問題がまだありません" in out, "nothing is reported before a reveal"
    assert "報告しました。ありがとう！" in out
    assert "この問題はすでに報告済みです。" in out
    assert "管理者が確認するまで出題を止めます" in out, "a second member's report holds it"
    listed = re.search(r"1\. (\S+) ×2 出題停止中 選択肢が紛らわしい / 解説が古い", out)
    assert listed is not None
    assert listed[1] == "sqs-visibility-default", "the first post of the day is the SQS question"
    held, kept = out.split(f"{listed[1]}: 出題に戻しました。")
    assert "出せる問題がありません。" in held.split("/quiz sqs")[1], "held: no SQS question left"
    assert "報告された問題はありません。" in kept
    assert "練習問題 · SQS" in kept, "kept: the question is asked again"
