"""The `studybot` command."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from bot.config import Settings

log = logging.getLogger("studybot")

NO_CHAT_PLATFORM = """\
studybot: no chat token is configured, so there is nothing to connect to.

  Discord: set STUDYBOT_DISCORD_TOKEN to your bot's token (environment or a .env file).

To try the bot without any token, play it in the terminal:

  studybot console
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="studybot",
        description="A study-group quiz bot: a daily question, practice on demand, "
        "leaderboards and weak spots, from the team's own notes.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("run", help="connect to the configured chat platform and run the bot")

    console = commands.add_parser(
        "console", help="play a team channel in the terminal (no token needed)"
    )
    console.add_argument("--as", dest="member", default="you", help="who speaks first")
    console.add_argument("--lang", choices=["ja", "en"], help="the bot's language")

    db = commands.add_parser("db", help="database migrations")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = db_commands.add_parser("upgrade", help="apply migrations (default: to the latest)")
    upgrade.add_argument("revision", nargs="?", default="head")
    downgrade = db_commands.add_parser("downgrade", help="revert migrations to REVISION")
    downgrade.add_argument("revision", help="e.g. -1, or base to remove everything")
    db_commands.add_parser("current", help="show the applied revision")

    content = commands.add_parser("content", help="the question bank")
    content_commands = content.add_subparsers(
        dest="content_command", required=True, metavar="ACTION"
    )
    check = content_commands.add_parser(
        "check", help="validate the bank; every problem is printed as file:line: message"
    )
    check.add_argument("directory", nargs="?", type=Path, help="default: the configured bank")

    team = argparse.ArgumentParser(add_help=False)
    team.add_argument(
        "--team",
        default="console:console",
        metavar="PLATFORM:ID",
        help="whose candidates: e.g. discord:<server id> (default: the console's team)",
    )
    notes = content_commands.add_parser(
        "import",
        parents=[team],
        help="propose questions from markdown notes (files or folders) as candidates",
    )
    notes.add_argument("notes", nargs="+", type=Path, metavar="NOTES")
    notes.add_argument("--dry-run", action="store_true", help="report only; store nothing")
    notes.add_argument("--show", type=int, default=0, metavar="N", help="print the N surest")
    content_commands.add_parser(
        "review", parents=[team], help="approve, fix or reject imported candidates"
    )
    auto = content_commands.add_parser(
        "auto-accept",
        parents=[team],
        help="candidates this confident join the bank unreviewed (off: review all)",
    )
    auto.add_argument("confidence", help="a number from 0 to 1 such as 0.8, or off")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings()
    except ValidationError as error:
        for problem in error.errors():
            field = "STUDYBOT_" + "_".join(str(p) for p in problem["loc"]).upper()
            print(f"studybot: {field}: {problem['msg']}", file=sys.stderr)
        return 2
    quiet = args.command in {"console", "content"} and settings.log_level != "DEBUG"
    logging.basicConfig(
        level="WARNING" if quiet else settings.log_level,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if args.command == "content" and args.content_command == "check":
        return _content_check(args.directory or settings.content_dir)
    if args.command == "content" and hasattr(args, "team") and _team_ref(args.team) is None:
        print("studybot: --team takes PLATFORM:ID, e.g. discord:123456789", file=sys.stderr)
        return 2
    if args.command == "content" and args.content_command == "import" and args.dry_run:
        return _import_dry_run(settings, args)
    if args.command == "content":
        return asyncio.run(_content(settings, args))
    if args.command == "db":
        return asyncio.run(_db(settings, args))
    if args.command == "console":
        return asyncio.run(_console(settings, member=args.member, language=args.lang))
    return _run(settings)


def _team_ref(value: str) -> tuple[str, str] | None:
    """(platform, id) from --team's PLATFORM:ID, or None when it is not that shape."""
    platform, _, external_id = value.partition(":")
    return (platform, external_id) if platform and external_id else None


def _content_check(directory: Path) -> int:
    from bot.content import check_bank, summarise

    bank, problems, warnings = check_bank(directory)
    for problem in [*problems, *warnings]:
        print(problem)
    if bank is None:
        print(f"{len(problems)} problem(s) in {directory}", file=sys.stderr)
        return 1
    noted = f" ({len(warnings)} warning{'' if len(warnings) == 1 else 's'})" if warnings else ""
    print(
        f"{directory}: {len(bank.questions)} questions in {len(bank.topics)} topics,"
        f" all valid{noted}"
    )
    summary = summarise(bank)
    print("questions per topic:")
    for topic, count in summary.per_topic.items():
        print(f"  {count:4}  {topic}")
    exams = [f"{exam} {count}" for exam, count in summary.per_exam.items()]
    print("questions per exam:", " · ".join([*exams, f"none {summary.untagged}"]))
    levels = " · ".join(f"{level}: {count}" for level, count in summary.per_difficulty.items())
    print("difficulty:", levels)
    if summary.choice_questions:
        total = summary.choice_questions
        share = summary.answer_longest / total
        print(
            "choice questions whose answer is the longest choice:"
            f" {summary.answer_longest} of {total} ({share:.0%})"
        )
        ranks = " · ".join(f"{rank}: {n / total:.0%}" for rank, n in summary.answer_ranks.items())
        print("the answer's place by length (1 = longest):", ranks)
    return 0


def _import_dry_run(settings: Settings, args: argparse.Namespace) -> int:
    """The importer's report without a database: what it would propose."""
    from bot.chat.console import print_import
    from bot.content import ContentError, load_bank
    from bot.content.notes import propose, read_notes
    from bot.services.content import ImportSummary

    try:
        bank = load_bank(settings.content_dir)
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    notes, problems = read_notes(args.notes)
    report = propose(notes, bank.topics, problems)
    summary = ImportSummary(report, added=0, auto_accepted=0)
    print_import(summary, sys.stdout, show=args.show, dry_run=True)
    return 0 if report.files else 1


async def _content(settings: Settings, args: argparse.Namespace) -> int:
    """import, review and auto-accept: these keep candidates in the database."""
    from bot.bootstrap import open_app
    from bot.chat.console import print_import, review
    from bot.content.notes import read_notes
    from bot.core.parsing import InputError, parse_confidence
    from bot.services.content import ReviewError

    team_ref = _team_ref(args.team)
    assert team_ref is not None, "checked in main"
    platform, external_id = team_ref
    async with open_app(settings) as app:
        if platform == "console":
            team = await app.quiz.team(platform=platform, external_id=external_id)
        else:
            found = await app.quiz.find_team(platform=platform, external_id=external_id)
            if found is None:
                known = ", ".join(
                    f"{t.platform}:{t.external_id}" for t in await app.quiz.teams(platform)
                )
                print(
                    f"studybot: no team {args.team} yet (the bot creates it when it first sees the"
                    f" server); known: {known or 'none'}",
                    file=sys.stderr,
                )
                return 2
            team = found
        if args.content_command == "import":
            notes, problems = read_notes(args.notes)
            summary = await app.content.import_notes(team, notes, problems)
            print_import(summary, sys.stdout, show=args.show)
            return 0 if summary.report.files else 1
        if args.content_command == "auto-accept":
            try:
                threshold = parse_confidence(args.confidence)
                team = await app.content.set_auto_accept(team, threshold)
            except (InputError, ReviewError) as error:
                print(f"studybot: {error}", file=sys.stderr)
                return 2
            bar = (
                "off (every candidate is reviewed)"
                if team.auto_accept is None
                else team.auto_accept
            )
            print(f"auto-accept: {bar}")
            return 0
        await review(app.content, team, _read_line, sys.stdout, by="terminal")
    return 0


def _read_line(prompt: str) -> str | None:
    if sys.stdin.isatty():
        try:
            return input(prompt)
        except EOFError:
            return None
    line = sys.stdin.readline()
    if not line:
        return None
    print(prompt + line.rstrip("\n"))
    return line.rstrip("\n")


async def _db(settings: Settings, args: argparse.Namespace) -> int:
    from bot.storage import migrate
    from bot.storage.database import create_engine

    engine = create_engine(settings.database_url)
    try:
        if args.db_command == "upgrade":
            await migrate.upgrade(engine, args.revision)
        elif args.db_command == "downgrade":
            await migrate.downgrade(engine, args.revision)
        print(f"database at revision {await migrate.current(engine) or 'base (empty)'}")
    finally:
        await engine.dispose()
    return 0


async def _console(settings: Settings, *, member: str, language: str | None) -> int:
    from bot.bootstrap import open_app
    from bot.chat.console import run_console
    from bot.content import ContentError
    from bot.core.model import TeamSchedule
    from bot.services.clock import ManualClock

    clock = ManualClock(datetime.now(UTC))
    try:
        async with open_app(settings, clock=clock) as app:
            await run_console(
                app.quiz,
                clock,
                member=member,
                language=language or settings.language,
                schedule=TeamSchedule(timezone=settings.timezone),
                notes_url=settings.notes_url,
                content=app.content,
            )
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("studybot: the content bank has problems and none is stored yet", file=sys.stderr)
        return 1
    return 0


def _run(settings: Settings) -> int:
    if settings.discord_token is None:
        print(NO_CHAT_PLATFORM, file=sys.stderr)
        return 2
    from bot.chat.discord import run_discord
    from bot.content import ContentError

    try:
        return asyncio.run(run_discord(settings))
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print("studybot: the content bank has problems and none is stored yet", file=sys.stderr)
        return 1
