"""Building the Discord bot from the app, and running it until it is stopped."""

from __future__ import annotations

import asyncio
import logging
import signal

import discord
import yarl

from bot.bootstrap import App, open_app
from bot.chat.discord._bot import Defaults, StudyBot
from bot.config import Settings

log = logging.getLogger(__name__)


def create_bot(
    app: App,
    *,
    api_base: str | None = None,
    gateway: str | None = None,
    sync_commands: bool = True,
    guild_ready_timeout: float = 2.0,
) -> StudyBot:
    """The discord.py client for an app, not yet connected: `await bot.start(token)` runs it.

    `api_base` (e.g. `http://127.0.0.1:8080/api/v10`) and `gateway` (`ws://…/gateway`) point
    it at another Discord, such as the fake server in the tests. discord.py keeps both
    process-wide, so they apply to every client in the process. `guild_ready_timeout` is how
    long discord.py waits for the servers to arrive after connecting.
    """
    if api_base is not None:
        discord.http.Route.BASE = api_base
    if gateway is not None:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway)
    settings = app.settings
    return StudyBot(
        app.quiz,
        app.clock,
        content=app.content,
        defaults=Defaults(language=settings.language, timezone=settings.timezone),
        notes_url=settings.notes_url,
        sync_commands=sync_commands,
        guild_ready_timeout=guild_ready_timeout,
    )


async def run_discord(settings: Settings) -> int:
    """Run the bot on Discord until SIGINT or SIGTERM; the exit status for the CLI."""
    assert settings.discord_token is not None
    async with open_app(settings) as app:
        bot = create_bot(app)
        loop = asyncio.get_running_loop()
        stops = (signal.SIGINT, signal.SIGTERM)
        for signum in stops:
            loop.add_signal_handler(signum, lambda: asyncio.ensure_future(bot.close()))
        try:
            await bot.start(settings.discord_token.get_secret_value())
        except discord.LoginFailure:
            log.error("Discord rejected the token: check STUDYBOT_DISCORD_TOKEN")
            return 2
        finally:
            for signum in stops:
                loop.remove_signal_handler(signum)
            if not bot.is_closed():
                await bot.close()
    log.info("stopped")
    return 0
