"""The Discord adapter: slash commands, answer buttons and scheduled posts on discord.py."""

from bot.chat.discord._bot import Defaults, StudyBot
from bot.chat.discord._factory import create_bot, run_discord

__all__ = ["Defaults", "StudyBot", "create_bot", "run_discord"]
