"""The real discord.py client, driven through a fake Discord server on 127.0.0.1.

Each scenario starts the bot the way `studybot run` does (open_app + create_bot), against a
real SQLite file, with a hand-driven clock. Scheduled jobs are fired through APScheduler itself.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import discord
import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from pydantic import SecretStr

from bot.bootstrap import App, open_app
from bot.chat.discord import StudyBot, create_bot, run_discord
from bot.chat.discord import _courier as courier_module
from bot.config import Settings
from bot.content import load_bank
from bot.core.model import QuestionKind, TeamInfo
from bot.services.clock import ManualClock
from bot.services.views import QuestionCard
from tests.support.discord_server import FakeDiscord, FakeInteraction, FakeMessage

BANK = Path(__file__).parent / "discord_bank"
TOKEN = "MTE-test.token-value.that-must-never-be-logged"
START = datetime(2026, 11, 22, 23, 0, tzinfo=UTC)  # Mon 2026-11-23 08:00 in Tokyo
NINE = START + timedelta(hours=1)
EPHEMERAL = 64
MESSAGES = r"/channels/\d+/messages"


@dataclass
class Server:
    fake: FakeDiscord
    guild: int
    channel: int
    admin: int
    alice: int
    bob: int
    carol: int

    async def slash(
        self,
        user: int,
        name: str,
        subcommand: str | None = None,
        *,
        locale: str = "ja",
        **options: object,
    ) -> FakeInteraction:
        interaction = await self.fake.slash(
            self.guild,
            self.channel,
            user,
            name,
            options or None,
            subcommand=subcommand,
            locale=locale,
        )
        return await self.fake.wait_response(interaction)

    async def click(self, message: FakeMessage, custom_id: str, user: int) -> FakeInteraction:
        return await self.fake.wait_response(await self.fake.click(message, custom_id, user))

    def posts(self) -> list[FakeMessage]:
        return self.fake.messages(self.channel)


@dataclass
class Bot:
    app: App
    client: StudyBot
    clock: ManualClock

    async def team(self, server: Server) -> TeamInfo:
        return await self.app.quiz.team(platform="discord", external_id=str(server.guild))

    async def daily(self, server: Server) -> QuestionCard:
        card = await self.app.quiz.current_daily(await self.team(server))
        assert card is not None, "no open daily round"
        return card

    async def fire(self, job_id: str) -> None:
        """Run a scheduled job now, through the scheduler, and wait until it has run."""
        job = self.client.courier.scheduler.get_job(job_id)
        assert job is not None, f"no job {job_id}: {self.client.courier.jobs()}"
        ran = asyncio.Event()

        def listener(event: object) -> None:
            if getattr(event, "job_id", None) == job_id:
                ran.set()

        self.client.courier.scheduler.add_listener(listener, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
        try:
            job.modify(next_run_time=datetime.now(UTC))
            await asyncio.wait_for(ran.wait(), 10)
        finally:
            self.client.courier.scheduler.remove_listener(listener)
        await asyncio.sleep(0.05)

    async def live_counts(self) -> None:
        await asyncio.gather(*self.client.courier.pending())


@pytest.fixture
async def fake(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    server = FakeDiscord()
    await server.start()
    server.patch(monkeypatch)  # so discord.py's URLs are put back after the test
    monkeypatch.setattr(courier_module, "LIVE_COUNT_DELAY", 0.05)
    yield server
    await server.stop()


@pytest.fixture
def server(fake: FakeDiscord) -> Server:
    guild = fake.add_guild("AWS 勉強会")
    return Server(
        fake=fake,
        guild=guild,
        channel=fake.add_channel(guild, "daily-quiz"),
        admin=fake.add_member(guild, "Admin", admin=True),
        alice=fake.add_member(guild, "Alice"),
        bob=fake.add_member(guild, "Bob"),
        carol=fake.add_member(guild, "Carol"),
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path,
        content_dir=BANK,
        notes_url="https://notes.example/aws",
        language="ja",
        timezone="Asia/Tokyo",
        _env_file=None,  # type: ignore[call-arg]
    )


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@asynccontextmanager
async def running(settings: Settings, clock: ManualClock, fake: FakeDiscord) -> AsyncIterator[Bot]:
    """Start the bot as `studybot run` does; stop it cleanly, failing if it crashed."""
    async with open_app(settings, clock=clock) as app:
        client = create_bot(
            app, api_base=fake.api_base, gateway=fake.gateway_url, guild_ready_timeout=0.01
        )
        task = asyncio.create_task(client.start(TOKEN))
        try:
            await fake.wait_ready()
            await asyncio.wait_for(client.wait_until_ready(), 5)
            yield Bot(app=app, client=client, clock=clock)
        finally:
            await client.close()
            await asyncio.wait_for(task, 5)


@pytest.fixture
async def bot(
    settings: Settings, clock: ManualClock, fake: FakeDiscord, server: Server
) -> AsyncIterator[Bot]:
    async with running(settings, clock, fake) as started:
        yield started


async def set_up(server: Server, **options: object) -> FakeInteraction:
    values: dict[str, object] = {
        "channel": server.channel,
        "time": "09:00",
        "timezone": "Asia/Tokyo",
    }
    values.update(options)
    return await server.slash(server.admin, "studybot", "setup", **values)


async def post_daily(bot: Bot, server: Server) -> FakeMessage:
    """Set up, move the clock to 09:00 and let the scheduled job post the question."""
    await set_up(server)
    bot.clock.set(NINE)
    await bot.fire(f"team-{(await bot.team(server)).id}")
    return await server.fake.wait_for_message(server.channel)


async def answer(
    bot: Bot, server: Server, post: FakeMessage, user: int, *, correct: bool
) -> FakeInteraction:
    """Answer the daily question right or wrong, with a button or through the modal."""
    card = await bot.daily(server)
    question = card.question
    if question.kind is QuestionKind.CHOICE:
        index = question.correct_index if correct else (question.correct_index + 1) % 4
        return await server.click(post, f"sb:c:{card.round.id}:{index}", user)
    opened = await server.click(post, f"sb:t:{card.round.id}", user)
    text = question.accepted[0] if correct else "わからない"
    submitted = await server.fake.submit_modal(opened, {"answer": text}, user)
    return await server.fake.wait_response(submitted)


def no_mentions_anywhere(fake: FakeDiscord) -> None:
    """Every message the bot created or edited, in channels and in replies, had every kind of
    mention switched off."""
    checked = 0
    for method, path, body in fake.requests:
        if not isinstance(body, dict):
            continue
        message = body.get("data") if "type" in body and "data" in body else body
        if not isinstance(message, dict) or not ({"content", "embeds"} & message.keys()):
            continue
        mentions = message.get("allowed_mentions")
        assert mentions is not None, (method, path)
        assert mentions.get("parse") == [], (method, path, mentions)
        assert not mentions.get("users")
        assert not mentions.get("roles")
        assert not mentions.get("replied_user", False)
        checked += 1
    assert checked >= 3


# -- setup ------------------------------------------------------------------------------


async def test_admin_commands_need_manage_server(bot: Bot, server: Server) -> None:
    group = server.fake.command("studybot")
    assert int(group["default_member_permissions"]) == discord.Permissions(manage_guild=True).value

    await set_up(server, time="07:30")
    # a member without Manage Server who calls the command anyway is refused in code too
    refused = await server.slash(
        server.alice, "studybot", "setup", channel=server.channel, time="07:30", timezone="UTC"
    )
    assert refused.ephemeral
    assert "サーバー管理" in refused.text
    team = await bot.team(server)
    assert f"{team.schedule.daily_time:%H:%M}" == "07:30"  # the admin's setup stood
    assert team.schedule.timezone == "Asia/Tokyo"


async def test_setup_explains_bad_values(bot: Bot, server: Server) -> None:
    late = await set_up(server, time="25:00")
    assert late.ephemeral
    assert "25:00" in late.text

    typo = await set_up(server, timezone="Asia/Tokio")
    assert typo.ephemeral
    assert "Asia/Tokyo" in typo.text  # the suggestion

    window = await set_up(server, close_after="3d")
    assert "close_after" in window.text

    team = await bot.team(server)
    assert team.channel is None, "nothing was saved from a bad setup"


async def test_setup_saves_and_schedules_in_the_teams_time_zone(bot: Bot, server: Server) -> None:
    done = await set_up(
        server, time="08:30", timezone="America/New_York", close_after="90m", weekly_day=4
    )
    assert done.ephemeral
    assert "America/New_York" in done.text
    team = await bot.team(server)
    assert team.channel == str(server.channel)
    assert team.schedule.close_after_minutes == 90
    assert team.schedule.weekly_day == 4
    # 08:00 in Tokyo is 18:00 the day before in New York: the next post is 08:30 New York.
    expected = datetime(2026, 11, 23, 13, 30, tzinfo=UTC)
    assert await bot.app.quiz.next_post(team) == expected
    job = bot.client.courier.jobs()[f"team-{team.id}"]
    wall_delay = job - datetime.now(UTC)
    assert abs(wall_delay - (expected - bot.clock.now())) < timedelta(seconds=30)

    shown = await server.slash(server.admin, "studybot", "settings")
    assert "08:30" in shown.text
    assert "America/New_York" in shown.text

    paused = await server.slash(server.admin, "studybot", "pause")
    assert "一時停止" in paused.text
    assert f"team-{team.id}" not in bot.client.courier.jobs()
    await server.slash(server.admin, "studybot", "resume")
    assert f"team-{team.id}" in bot.client.courier.jobs()


async def test_timezone_autocomplete(bot: Bot, server: Server) -> None:
    interaction = await server.fake.autocomplete(
        server.guild,
        server.channel,
        server.admin,
        "studybot",
        "timezone",
        "tok",
        subcommand="setup",
    )
    await server.fake.wait_response(interaction)
    choices = interaction.responses[0]["data"]["choices"]
    assert {"name": "Asia/Tokyo", "value": "Asia/Tokyo"} in choices


# -- the daily round --------------------------------------------------------------------


async def test_daily_round_from_post_to_reveal(bot: Bot, server: Server) -> None:
    post = await post_daily(bot, server)
    card = await bot.daily(server)
    assert card.question.prompt in post.text
    assert card.round.local_date is not None
    assert card.round.local_date.isoformat() in post.text
    if card.question.kind is QuestionKind.CHOICE:
        assert post.custom_ids() == [f"sb:c:{card.round.id}:{i}" for i in range(4)]

    first = await answer(bot, server, post, server.alice, correct=True)
    second = await answer(bot, server, post, server.bob, correct=False)
    third = await answer(bot, server, post, server.carol, correct=True)
    again = await answer(bot, server, post, server.alice, correct=False)
    for reply in (first, second, third):
        assert reply.ephemeral
        assert "受け付けました" in reply.text
        # correctness is not told before the reveal
        assert "正解" not in reply.text.replace("正解は締め切り後", "")
    assert again.ephemeral
    assert "回答済み" in again.text

    await bot.live_counts()
    live = server.posts()[0]
    assert "回答 3 件" in live.text
    assert live.edits >= 1

    # the scheduled close at 21:00
    bot.clock.set(NINE + timedelta(hours=12))
    await bot.fire("close")
    reveal = await server.fake.wait_for_message(server.channel, lambda m: m.id != post.id)
    closed = server.posts()[0]
    assert closed.custom_ids() == []
    assert "締め切りました" in closed.text
    assert reveal.message_reference is not None
    assert str(reveal.message_reference["message_id"]) == str(post.id)
    assert card.question.explanation.split()[0] in reveal.text
    assert "2/3" in reveal.text
    assert "Alice" in reveal.text  # first correct
    assert "network.md" in reveal.text or "storage.md" in reveal.text
    assert "https://notes.example/aws/" in reveal.text
    assert len(server.posts()) == 2

    # the reveal moved the leaderboard: Alice and Carol 10 points, Bob 1
    board = await server.slash(server.bob, "leaderboard")
    assert not board.ephemeral
    text = board.text
    assert text.index("Alice") < text.index("Bob")
    assert "10 pt" in text
    assert "1 pt" in text
    assert "Bob さんの順位: 3 位" in text

    no_mentions_anywhere(server.fake)


async def test_post_now_and_reveal_now(bot: Bot, server: Server) -> None:
    await set_up(server)
    posted = await server.slash(server.admin, "studybot", "post-now")
    assert "投稿しました" in posted.text
    post = await server.fake.wait_for_message(server.channel)
    again = await server.slash(server.admin, "studybot", "post-now")
    assert "投稿済み" in again.text
    await answer(bot, server, post, server.alice, correct=True)

    shown = await server.slash(server.bob, "quiz", topic="today")
    assert not shown.ephemeral
    card = await bot.daily(server)
    assert card.question.prompt in shown.text

    revealed = await server.slash(server.admin, "studybot", "reveal-now")
    assert "締め切りました" in revealed.text
    await server.fake.wait_until(lambda: len(server.posts()) == 2)
    assert "1/1" in server.posts()[1].text
    nothing = await server.slash(server.admin, "studybot", "reveal-now")
    assert "ありません" in nothing.text
    assert len(server.posts()) == 2

    none_today = await server.slash(server.bob, "quiz", topic="today")
    assert none_today.ephemeral


async def test_buttons_and_modals_survive_a_restart(
    settings: Settings, clock: ManualClock, fake: FakeDiscord, server: Server
) -> None:
    async with running(settings, clock, fake) as first:
        post = await post_daily(first, server)
        card = await first.daily(server)
    # a new process on the same database: nothing in memory carries over
    async with running(settings, clock, fake) as second:
        reply = await answer(second, server, post, server.alice, correct=True)
        assert "受け付けました" in reply.text
        assert await second.app.quiz.answer_count(card.round.id) == 1
        await asyncio.sleep(0.1)
        assert len(server.posts()) == 1, "the restart posted nothing twice"


async def test_a_close_missed_while_down_is_done_at_start(
    settings: Settings, clock: ManualClock, fake: FakeDiscord, server: Server
) -> None:
    async with running(settings, clock, fake) as first:
        post = await post_daily(first, server)
        await answer(first, server, post, server.alice, correct=True)
    clock.set(NINE + timedelta(hours=13))  # the close at 21:00 passed while the bot was down
    async with running(settings, clock, fake):
        reveal = await fake.wait_for_message(server.channel, lambda m: m.id != post.id)
        assert "1/1" in reveal.text
    assert len(server.posts()) == 2


async def test_a_burst_of_clicks_is_answered_and_counted_in_few_edits(
    bot: Bot, server: Server, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(courier_module, "LIVE_COUNT_DELAY", 1.0)
    crowd = [server.fake.add_member(server.guild, f"member-{i}") for i in range(20)]
    post = await post_daily(bot, server)
    edits_before = server.posts()[0].edits
    replies = await asyncio.gather(
        *(answer(bot, server, post, user, correct=i % 2 == 0) for i, user in enumerate(crowd))
    )
    assert all("受け付けました" in reply.text for reply in replies)
    card = await bot.daily(server)
    assert await bot.app.quiz.answer_count(card.round.id) == 20
    await bot.live_counts()
    live = server.posts()[0]
    assert "回答 20 件" in live.text
    # the clicks are gathered for a second before the count is edited: a couple of edits,
    # not one per click (Discord rate-limits edits)
    assert 1 <= live.edits - edits_before <= 2


async def test_a_dropped_gateway_loses_no_answer(bot: Bot, server: Server) -> None:
    post = await post_daily(bot, server)
    await answer(bot, server, post, server.alice, correct=True)
    await server.fake.drop_connection()
    await server.fake.wait_ready(within=10)
    await answer(bot, server, post, server.bob, correct=True)
    await server.slash(server.admin, "studybot", "reveal-now")
    await server.fake.wait_until(lambda: len(server.posts()) == 2)
    assert "2/2" in server.posts()[1].text


# -- member commands ---------------------------------------------------------------------


async def test_practice_with_a_modal_answer(bot: Bot, server: Server) -> None:
    card = await server.slash(server.alice, "quiz", topic="s3")
    assert card.ephemeral
    assert "ストレージクラス" in card.text
    assert card.original is not None
    [button] = card.original.custom_ids()
    assert button.startswith("sb:t:")

    opened = await server.click(card.original, button, server.alice)
    assert opened.modal is not None
    submitted = await server.fake.submit_modal(opened, {"answer": "ｇｌａｃｉｅｒ"}, server.alice)
    verdict = await server.fake.wait_response(submitted)
    assert verdict.ephemeral
    assert "正解" in verdict.text
    assert "Glacier 系のクラス" in verdict.text  # the explanation
    assert "storage.md" in verdict.text
    assert verdict.original is not None
    assert any(c.startswith("sb:n:s3") for c in verdict.original.custom_ids())

    # practice never moves the leaderboard
    board = await server.slash(server.alice, "leaderboard", period="all")
    assert "Alice" not in board.text.replace("Alice:", "")


async def test_practice_choice_and_unknown_topic(bot: Bot, server: Server) -> None:
    unknown = await server.slash(server.alice, "quiz", topic="kubernetes")
    assert "kubernetes" in unknown.text
    assert "vpc" in unknown.text

    card = await server.slash(server.alice, "quiz", topic="vpc")
    assert card.original is not None
    ids = card.original.custom_ids()
    assert len(ids) == 4
    picked = await server.click(card.original, ids[0], server.alice)
    assert picked.ephemeral
    assert "正解" in picked.text or "不正解" in picked.text

    choices = await server.fake.autocomplete(
        server.guild, server.channel, server.alice, "quiz", "topic", "sto"
    )
    await server.fake.wait_response(choices)
    values = [c["value"] for c in choices.responses[0]["data"]["choices"]]
    assert "s3" in values  # matched through "Simple Storage Service"
    assert "vpc" not in values


async def test_weakspots_and_stats(bot: Bot, server: Server) -> None:
    for _ in range(3):
        card = await server.slash(server.bob, "quiz", topic="vpc")
        assert card.original is not None
        # answer wrong on purpose: the first choice that is not the answer
        wrong = next(cid for cid in card.original.custom_ids() if not _is_correct(card, cid))
        await server.click(card.original, wrong, server.bob)

    mine = await server.slash(server.bob, "weakspots")
    assert mine.ephemeral
    assert "0/3" in mine.text
    assert "/quiz topic:vpc" in mine.text

    theirs = await server.slash(server.alice, "weakspots", member=server.bob)
    assert "Bob" in theirs.text
    team = await server.slash(server.alice, "weakspots", team=True)
    assert "チーム" in team.text

    stats = await server.slash(server.bob, "stats")
    assert stats.ephemeral
    assert "0/3" in stats.text  # practice answers


def _is_correct(card: FakeInteraction, custom_id: str) -> bool:
    """Whether a practice button is the right answer: the button whose letter the card shows
    beside the bank's answer."""
    assert card.original is not None
    return _button_of_answer(card.original) == custom_id


def _button_of_answer(message: FakeMessage) -> str:
    """The custom id of the button labelled with the letter that the message shows beside the
    question's answer (from the bank the bot loaded)."""
    question = next(q for q in load_bank(BANK).questions if q.prompt in message.text)
    shown = re.search(rf"\*\*([A-F])\.\*\* {re.escape(question.answer)}\n", message.text + "\n")
    assert shown is not None, message.text
    return _buttons(message)[shown[1]]


def _buttons(message: FakeMessage) -> dict[str, str]:
    """Each button's label and custom id."""
    return {
        button["label"]: button["custom_id"]
        for row in message.components
        for button in row.get("components", [])
        if "label" in button and "custom_id" in button
    }


async def test_the_answer_is_not_always_a_and_the_reveal_names_the_letter_shown(
    bot: Bot, server: Server
) -> None:
    """Every bank question lists its answer first; posts, buttons and reveals must not."""
    await set_up(server)
    team = await bot.team(server)
    for day in range(10):
        seen = len(server.posts())
        bot.clock.set(NINE + timedelta(days=day))
        await bot.fire(f"team-{team.id}")
        await server.fake.wait_until(lambda: len(server.posts()) > seen)  # noqa: B023
        post = server.posts()[-1]
        card = await bot.daily(server)
        if card.question.kind is QuestionKind.CHOICE and card.question.correct_index != 0:
            break
        await server.slash(server.admin, "studybot", "reveal-now")
        await server.fake.wait_until(lambda: len(server.posts()) == seen + 2)  # noqa: B023
    else:
        pytest.fail("ten daily posts all showed their answer at A")

    right = _button_of_answer(post)
    assert right != _buttons(post)["A"]
    shown_letter = next(label for label, cid in _buttons(post).items() if cid == right)
    assert shown_letter == "ABCDEF"[card.question.correct_index]
    await server.click(post, right, server.alice)
    await server.click(post, _buttons(post)["A"], server.bob)

    revealed = await server.slash(server.admin, "studybot", "reveal-now")
    assert "締め切りました" in revealed.text
    reveal = await server.fake.wait_for_message(
        server.channel,
        lambda m: (
            m.message_reference is not None
            and str(m.message_reference["message_id"]) == str(post.id)
        ),
    )
    assert f"{shown_letter}) {card.question.answer}" in reveal.text
    assert "1/2" in reveal.text
    assert "Alice" in reveal.text  # first correct
    assert f"`{shown_letter}` ████████ 1 ✅" in reveal.text
    assert "`A` ████████ 1\n" in reveal.text + "\n"


async def test_forget_me_deletes_only_after_confirming(bot: Bot, server: Server) -> None:
    post = await post_daily(bot, server)
    await answer(bot, server, post, server.alice, correct=True)
    asked = await server.slash(server.alice, "forget-me")
    assert asked.ephemeral
    assert asked.original is not None
    [confirm] = asked.original.custom_ids()
    team = await bot.team(server)

    stranger = await server.click(asked.original, confirm, server.bob)
    assert "本人" in stranger.text
    done = await server.click(asked.original, confirm, server.alice)
    assert "削除しました" in done.text
    card = await bot.daily(server)
    assert await bot.app.quiz.answer_count(card.round.id) == 0
    assert not await bot.app.quiz.forget_member(team, external_id=str(server.alice))


# -- the weekly post ---------------------------------------------------------------------


async def test_weekly_leaderboard_post(bot: Bot, server: Server) -> None:
    post = await post_daily(bot, server)
    await answer(bot, server, post, server.alice, correct=True)
    await answer(bot, server, post, server.bob, correct=False)
    bot.clock.set(NINE + timedelta(hours=12))
    await bot.fire("close")
    await server.fake.wait_until(lambda: len(server.posts()) == 2)

    # next Monday 09:00: the week that just ended is posted, with today's question
    bot.clock.set(NINE + timedelta(days=7))
    await bot.fire(f"team-{(await bot.team(server)).id}")
    await server.fake.wait_until(lambda: len(server.posts()) == 4)
    weekly = next(m for m in server.posts() if "週間ランキング" in m.text)
    assert "2026-11-23" in weekly.text
    assert weekly.text.index("Alice") < weekly.text.index("Bob")
    assert "10 pt" in weekly.text
    await bot.fire(f"team-{(await bot.team(server)).id}")
    assert len(server.posts()) == 4, "nothing is posted twice"


# -- Discord failing ---------------------------------------------------------------------


async def test_a_500_on_posting_is_retried_once_posted(bot: Bot, server: Server) -> None:
    server.fake.fail("POST", MESSAGES, status=500, after_effect=True)
    await post_daily(bot, server)
    await asyncio.sleep(0.2)
    assert len(server.posts()) == 1, "Discord kept the first attempt; the retry reused it"
    card = await bot.daily(server)
    assert card.round.message_ref is not None


async def test_a_429_on_posting_waits_and_posts(bot: Bot, server: Server) -> None:
    server.fake.fail("POST", MESSAGES, status=429, retry_after=0.1)
    await post_daily(bot, server)
    assert len(server.posts()) == 1


async def test_an_outage_on_posting_is_retried_later(bot: Bot, server: Server) -> None:
    # discord.py gives up after five rate-limited attempts; the bot tries again later
    server.fake.fail("POST", MESSAGES, status=429, times=5, retry_after=0.01)
    await set_up(server)
    bot.clock.set(NINE)
    team = await bot.team(server)
    await bot.fire(f"team-{team.id}")
    assert server.posts() == []
    retry = f"retry-{team.id}"
    assert retry in bot.client.courier.jobs()
    bot.clock.advance(timedelta(seconds=15))
    await bot.fire(retry)
    await server.fake.wait_until(lambda: len(server.posts()) == 1)
    await asyncio.sleep(0.1)
    assert len(server.posts()) == 1


# -- running it as `studybot run` does ---------------------------------------------------


async def test_run_serves_until_sigterm(
    settings: Settings, fake: FakeDiscord, server: Server
) -> None:
    token = SecretStr(TOKEN)
    runner = asyncio.create_task(run_discord(settings.model_copy(update={"discord_token": token})))
    await fake.wait_ready()
    reply = await server.slash(server.alice, "stats")
    assert "Alice" in reply.text
    os.kill(os.getpid(), signal.SIGTERM)
    assert await asyncio.wait_for(runner, 10) == 0


async def test_run_with_a_rejected_token_says_so(
    settings: Settings, fake: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail("GET", r"^/users/@me$", status=401)
    token = SecretStr(TOKEN)
    status = await run_discord(settings.model_copy(update={"discord_token": token}))
    assert status == 2
    assert "STUDYBOT_DISCORD_TOKEN" in caplog.text
    assert TOKEN not in caplog.text


async def test_a_post_whose_reply_was_lost_is_not_posted_again(bot: Bot, server: Server) -> None:
    # Discord creates the message but every reply is lost, until discord.py gives up; the
    # bot's own retry sends it again with the same nonce, and Discord hands back the first.
    server.fake.fail("POST", MESSAGES, status=429, times=5, retry_after=0.01, after_effect=True)
    await set_up(server)
    bot.clock.set(NINE)
    team = await bot.team(server)
    await bot.fire(f"team-{team.id}")
    assert len(server.posts()) == 1
    card = await bot.daily(server)
    assert card.round.message_ref is None, "not marked posted: no reply said so"
    bot.clock.advance(timedelta(seconds=15))
    await bot.fire(f"retry-{team.id}")
    card = await bot.daily(server)
    assert card.round.message_ref == f"{server.channel}/{server.posts()[0].id}"
    assert len(server.posts()) == 1


# -- safety -----------------------------------------------------------------------------


async def test_no_mentions_and_no_token_in_logs(
    settings: Settings,
    clock: ManualClock,
    fake: FakeDiscord,
    server: Server,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    sneaky = fake.add_member(server.guild, "@everyone")
    async with running(settings, clock, fake) as bot:
        post = await post_daily(bot, server)
        await answer(bot, server, post, sneaky, correct=True)
        await server.slash(server.admin, "studybot", "reveal-now")
        await fake.wait_until(lambda: len(server.posts()) == 2)
        assert "@everyone" in server.posts()[1].text
        no_mentions_anywhere(fake)
    assert TOKEN not in caplog.text
