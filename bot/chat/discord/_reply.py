"""Answering an interaction: on time, in the member's language, errors included."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any

import discord

from bot.chat.discord._locale import user_language
from bot.chat.messages import say
from bot.core.parsing import InputError

log = logging.getLogger(__name__)

DEFER_AFTER = 1.5
"""Seconds of work after which a reply is deferred: Discord drops an interaction that has
had no response within 3 seconds."""


@dataclass(frozen=True, slots=True)
class Reply:
    content: str | None = None
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None
    ephemeral: bool | None = None
    """Overrides the command's choice, unless the reply had to be deferred already."""
    new_message: bool = False
    """With `update`: send this as a new ephemeral message and leave the pressed one as it is
    (an error, or a refusal)."""

    def fields(self) -> dict[str, Any]:
        values: dict[str, Any] = {"content": self.content, "embed": self.embed}
        if self.view is not None:
            values["view"] = self.view
        return values


async def respond(
    interaction: discord.Interaction[Any],
    work: Awaitable[Reply],
    *,
    ephemeral: bool = True,
    defer: bool = False,
) -> None:
    """Reply with the result of `work`, deferring first if it is slow (or at once, with
    `defer`, for work known to be slow). An InputError becomes a helpful ephemeral reply;
    anything else is logged and the member told so."""
    task = asyncio.ensure_future(_settle(work))
    if not defer:
        done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
        defer = not done
    if defer:
        await interaction.response.defer(ephemeral=ephemeral, thinking=True)
    reply, problem = await task
    if problem is not None:
        reply = _trouble(interaction, problem)
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=ephemeral, **reply.fields())
        return
    if reply.ephemeral is not None:
        ephemeral = reply.ephemeral
    await interaction.response.send_message(ephemeral=ephemeral, **reply.fields())


async def update(interaction: discord.Interaction[Any], work: Awaitable[Reply]) -> None:
    """Show the result of `work` in place of the message whose button (or whose button's
    modal) was used, deferring if it is slow. A reply marked `new_message`, and every error,
    is sent as a new ephemeral message instead."""
    task = asyncio.ensure_future(_settle(work))
    done, _ = await asyncio.wait({task}, timeout=DEFER_AFTER)
    in_place = interaction.message is not None
    if not done:
        if in_place:
            await interaction.response.defer()  # the message stays as it is meanwhile
        else:
            await interaction.response.defer(ephemeral=True, thinking=True)
    reply, problem = await task
    if problem is not None:
        reply = _trouble(interaction, problem)
    if reply.new_message or not in_place:
        if interaction.response.is_done():
            await interaction.followup.send(ephemeral=True, **reply.fields())
        else:
            await interaction.response.send_message(ephemeral=True, **reply.fields())
        return
    shown: dict[str, Any] = {"content": reply.content, "embed": reply.embed, "view": reply.view}
    if interaction.response.is_done():
        await interaction.edit_original_response(**shown)
    else:
        await interaction.response.edit_message(**shown)


def _trouble(interaction: discord.Interaction[Any], problem: str) -> Reply:
    lang = user_language(interaction, None)
    text = say(lang, "internal_error") if problem == "" else say(lang, "bad_input", error=problem)
    return Reply(content=text, ephemeral=True, new_message=True)


async def _settle(work: Awaitable[Reply]) -> tuple[Reply, str | None]:
    """(reply, None), or (empty, the input error's text), or (empty, "") on a bug."""
    try:
        return await work, None
    except InputError as error:
        return Reply(), str(error)
    except Exception:
        log.exception("an interaction failed")
        return Reply(), ""
