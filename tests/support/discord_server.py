"""A fake Discord for the real discord.py client: REST under /api/v10 and a gateway websocket,
on 127.0.0.1. It keeps what a test needs to look at (messages, interactions, registered
commands, every request) and can fail on purpose (a 500, a 429, a dropped connection)."""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import discord
import pytest
import yarl
from aiohttp import WSMsgType, web

EPHEMERAL = 64
MANAGE_GUILD = 1 << 5
MEMBER_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 16) | (1 << 31)
OPTION_TYPES = {3: str, 4: int, 5: bool, 10: float}
NONCE_WINDOW = 600.0

JSON = "application/json"


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _text_of(content: str | None, embeds: list[dict[str, Any]]) -> str:
    parts = [content or ""]
    for embed in embeds:
        parts += [
            embed.get("title", ""),
            embed.get("description", ""),
            embed.get("author", {}).get("name", ""),
            embed.get("footer", {}).get("text", ""),
        ]
        for embed_field in embed.get("fields", []):
            parts += [embed_field.get("name", ""), embed_field.get("value", "")]
    return "\n".join(p for p in parts if p)


def _custom_ids(components: list[dict[str, Any]]) -> list[str]:
    found: list[str] = []
    for component in components:
        if "custom_id" in component:
            found.append(component["custom_id"])
        found += _custom_ids(component.get("components", []))
    return found


@dataclass
class FakeMessage:
    id: int
    channel_id: int
    author: dict[str, Any]
    content: str | None = None
    embeds: list[dict[str, Any]] = field(default_factory=list)
    components: list[dict[str, Any]] = field(default_factory=list)
    allowed_mentions: dict[str, Any] | None = None
    nonce: str | None = None
    flags: int = 0
    edits: int = 0
    message_reference: dict[str, Any] | None = None
    deleted: bool = False
    by_interaction: bool = False
    created: float = field(default_factory=time.monotonic)

    def apply(self, body: dict[str, Any]) -> None:
        """A create or edit body: only the keys it carries change."""
        for key in ("content", "embeds", "components", "allowed_mentions", "flags"):
            if key in body:
                setattr(self, key, body[key] if body[key] is not None else _EMPTY[key])

    def payload(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "author": self.author,
            "content": self.content or "",
            "embeds": self.embeds,
            "components": self.components,
            "attachments": [],
            "mentions": [],
            "mention_roles": [],
            "mention_everyone": False,
            "pinned": False,
            "tts": False,
            "timestamp": _now(),
            "edited_timestamp": None,
            "flags": self.flags,
            "type": 19 if self.message_reference else 0,
        }
        if self.nonce is not None:
            data["nonce"] = self.nonce
        if self.message_reference:
            data["message_reference"] = self.message_reference
        return data

    @property
    def text(self) -> str:
        return _text_of(self.content, self.embeds)

    def custom_ids(self) -> list[str]:
        return _custom_ids(self.components)


_EMPTY: dict[str, Any] = {
    "content": None,
    "embeds": [],
    "components": [],
    "allowed_mentions": None,
    "flags": 0,
}


@dataclass
class FakeInteraction:
    id: int
    token: str
    type: int
    user_id: int
    channel_id: int
    responses: list[dict[str, Any]] = field(default_factory=list)
    followups: list[FakeMessage] = field(default_factory=list)
    original: FakeMessage | None = None
    modal: dict[str, Any] | None = None
    deferred_flags: int = 0
    message_id: int | None = None
    """The message whose component was clicked (or whose button opened the modal)."""
    edits_before: int = 0
    """The edits the clicked message had when a response said it would edit it later."""

    @property
    def response_type(self) -> int | None:
        return self.responses[0]["type"] if self.responses else None

    @property
    def ephemeral(self) -> bool:
        if self.original is not None:
            return bool(self.original.flags & EPHEMERAL)
        return bool(self.deferred_flags & EPHEMERAL)

    @property
    def text(self) -> str:
        messages = ([self.original] if self.original else []) + self.followups
        return "\n".join(m.text for m in messages)

    @property
    def answered(self) -> bool:
        """Has a response a person could read (or a modal, or autocomplete choices)?"""
        if not self.responses:
            return False
        if self.response_type in {5, 6}:
            edited = self.original is not None and self.original.edits > self.edits_before
            return bool(self.followups) or edited
        return True


@dataclass
class _Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    times: int
    retry_after: float
    after_effect: bool


@dataclass
class _Member:
    id: int
    name: str
    permissions: int

    def user(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "username": self.name,
            "global_name": self.name,
            "discriminator": "0",
            "avatar": None,
        }

    def member(self, *, with_user: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "roles": [],
            "joined_at": _now(),
            "deaf": False,
            "mute": False,
            "flags": 0,
            "nick": None,
            "permissions": str(self.permissions),
        }
        if with_user:
            data["user"] = self.user()
        return data


@dataclass
class FakeAttachment:
    """A file attached to a slash command; the fake serves its bytes as Discord's CDN would."""

    id: int
    filename: str
    data: bytes
    size: int
    downloads: int = 0

    def payload(self, base: str) -> dict[str, Any]:
        url = f"{base}/attachments/{self.id}/{urllib.parse.quote(self.filename)}"
        return {
            "id": str(self.id),
            "filename": self.filename,
            "size": self.size,
            "url": url,
            "proxy_url": url,
            "content_type": "text/markdown; charset=utf-8",
        }


@dataclass
class _Guild:
    id: int
    name: str
    channels: dict[int, str] = field(default_factory=dict)
    members: dict[int, _Member] = field(default_factory=dict)


class FakeDiscord:
    def __init__(self) -> None:
        self._ids = itertools.count(1_100_000_000_000_000_000)
        self.application_id = self._id()
        self.bot_user_id = self.application_id
        self.commands: list[dict[str, Any]] = []
        self.guild_commands: dict[int, list[dict[str, Any]]] = {}
        self.requests: list[tuple[str, str, object]] = []
        self._guilds: dict[int, _Guild] = {}
        self._messages: dict[int, FakeMessage] = {}
        self._interactions: dict[str, FakeInteraction] = {}
        self.attachments: dict[int, FakeAttachment] = {}
        self._failures: list[_Failure] = []
        self._ws: web.WebSocketResponse | None = None
        self._seq = 0
        self._ready = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    def _id(self) -> int:
        return next(self._ids)

    # -- running --------------------------------------------------------------------------

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        app.router.add_get("/attachments/{id}/{name}", self._download)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def patch(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(discord.http.Route, "BASE", self.api_base)
        monkeypatch.setattr(
            discord.gateway.DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(self.gateway_url)
        )

    # -- the world ------------------------------------------------------------------------

    def add_guild(self, name: str = "Study Group") -> int:
        guild = _Guild(id=self._id(), name=name)
        self._guilds[guild.id] = guild
        return guild.id

    def add_channel(self, guild_id: int, name: str = "study") -> int:
        channel_id = self._id()
        self._guilds[guild_id].channels[channel_id] = name
        return channel_id

    def add_member(
        self, guild_id: int, name: str, *, admin: bool = False, manage_guild: bool | None = None
    ) -> int:
        can_manage = admin if manage_guild is None else manage_guild
        permissions = MEMBER_PERMISSIONS | (MANAGE_GUILD if can_manage else 0)
        member = _Member(id=self._id(), name=name, permissions=permissions)
        self._guilds[guild_id].members[member.id] = member
        return member.id

    def add_attachment(self, filename: str, data: bytes, *, size: int | None = None) -> int:
        """A file to pass as an attachment option: `slash(..., file=<this id>)`. `size` is what
        Discord says the file weighs (its real size unless given)."""
        attachment = FakeAttachment(
            id=self._id(), filename=filename, data=data, size=len(data) if size is None else size
        )
        self.attachments[attachment.id] = attachment
        return attachment.id

    async def _download(self, request: web.Request) -> web.Response:
        attachment = self.attachments.get(int(request.match_info["id"]))
        if attachment is None:
            return web.Response(status=404)
        attachment.downloads += 1
        return web.Response(body=attachment.data, content_type="application/octet-stream")

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": str(self.bot_user_id),
            "username": "studybot",
            "discriminator": "0",
            "global_name": None,
            "avatar": None,
            "bot": True,
        }

    def _guild_of_channel(self, channel_id: int) -> _Guild:
        return next(g for g in self._guilds.values() if channel_id in g.channels)

    def _member(self, user_id: int) -> tuple[_Guild, _Member]:
        for guild in self._guilds.values():
            if user_id in guild.members:
                return guild, guild.members[user_id]
        raise KeyError(f"no member {user_id}")

    def _channel_payload(self, guild: _Guild, channel_id: int) -> dict[str, Any]:
        return {
            "id": str(channel_id),
            "type": 0,
            "name": guild.channels[channel_id],
            "guild_id": str(guild.id),
            "position": list(guild.channels).index(channel_id),
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
        }

    def _guild_payload(self, guild: _Guild) -> dict[str, Any]:
        return {
            "id": str(guild.id),
            "name": guild.name,
            "icon": None,
            "owner_id": str(next(iter(guild.members), self.bot_user_id)),
            "unavailable": False,
            "member_count": len(guild.members) + 1,
            "large": False,
            "features": [],
            "emojis": [],
            "stickers": [],
            "threads": [],
            "presences": [],
            "voice_states": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
            "roles": [
                {
                    "id": str(guild.id),
                    "name": "@everyone",
                    "permissions": str(MEMBER_PERMISSIONS),
                    "position": 0,
                    "color": 0,
                    "hoist": False,
                    "managed": False,
                    "mentionable": False,
                    "flags": 0,
                }
            ],
            "channels": [self._channel_payload(guild, c) for c in guild.channels],
            "members": [{"user": self._bot_user(), "roles": [], "joined_at": _now(), "flags": 0}],
            "joined_at": _now(),
        }

    # -- gateway --------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_str(json.dumps({"op": 10, "d": {"heartbeat_interval": 41250}}))
        async for message in ws:
            if message.type is not WSMsgType.TEXT:
                break
            payload = json.loads(message.data)
            op = payload.get("op")
            if op == 1:
                await ws.send_str(json.dumps({"op": 11}))
            elif op == 2:
                await self._identify(ws)
            elif op == 6:
                await self._dispatch("RESUMED", {}, ws)
                self._ready.set()
        if self._ws is ws:
            self._ws = None
            self._ready.clear()
        return ws

    async def _identify(self, ws: web.WebSocketResponse) -> None:
        self._seq = 0
        await self._dispatch(
            "READY",
            {
                "v": 10,
                "user": self._bot_user(),
                "session_id": f"session-{self._id()}",
                "resume_gateway_url": self.gateway_url,
                "guilds": [{"id": str(g), "unavailable": True} for g in self._guilds],
                "application": {"id": str(self.application_id), "flags": 0},
            },
            ws,
        )
        for guild in self._guilds.values():
            await self._dispatch("GUILD_CREATE", self._guild_payload(guild), ws)
        self._ready.set()

    async def _dispatch(
        self, event: str, data: dict[str, Any], ws: web.WebSocketResponse | None = None
    ) -> None:
        target = ws or self._ws
        assert target is not None, "no client is connected"
        self._seq += 1
        await target.send_str(json.dumps({"op": 0, "t": event, "s": self._seq, "d": data}))

    async def wait_ready(self, within: float = 5) -> None:
        await asyncio.wait_for(self._ready.wait(), within)

    async def drop_connection(self) -> None:
        """Close the websocket as an outage would; the client reconnects."""
        if self._ws is not None:
            ws, self._ws = self._ws, None
            self._ready.clear()
            await ws.close(code=4000, message=b"fake outage")

    # -- REST -----------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        path_regex: str,
        *,
        status: int,
        times: int = 1,
        retry_after: float = 0.05,
        after_effect: bool = False,
    ) -> None:
        """The next `times` matching requests get `status`; with `after_effect` the request
        is carried out first (a reply lost on the way back)."""
        self._failures.append(
            _Failure(method, re.compile(path_regex), status, times, retry_after, after_effect)
        )

    def _failure_for(self, method: str, path: str) -> _Failure | None:
        for failure in self._failures:
            if failure.times > 0 and failure.method == method and failure.pattern.search(path):
                failure.times -= 1
                return failure
        return None

    @staticmethod
    def _json(
        data: object, status: int = 200, headers: dict[str, str] | None = None
    ) -> web.Response:
        return web.Response(
            body=json.dumps(data).encode(),
            status=status,
            headers={"Content-Type": JSON, **(headers or {})},
        )

    def _error(self, failure: _Failure) -> web.Response:
        if failure.status == 429:
            return self._json(
                {
                    "message": "You are being rate limited.",
                    "retry_after": failure.retry_after,
                    "global": False,
                },
                status=429,
                headers={
                    "Retry-After": str(failure.retry_after),
                    "X-RateLimit-Limit": "5",
                    "X-RateLimit-Remaining": "0",
                    "X-RateLimit-Reset-After": str(failure.retry_after),
                    "X-RateLimit-Bucket": "fake-bucket",
                    "X-RateLimit-Scope": "user",
                    "Via": "1.1 fake",
                },
            )
        return self._json({"message": "fake server error", "code": 0}, status=failure.status)

    async def _body(self, request: web.Request) -> Any:
        if not request.can_read_body:
            return None
        if request.content_type.startswith("multipart/"):
            form = await request.post()
            raw = form.get("payload_json")
            return json.loads(str(raw)) if raw is not None else {}
        text = await request.text()
        return json.loads(text) if text else None

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        body = await self._body(request)
        self.requests.append((request.method, path, body))
        failure = self._failure_for(request.method, path)
        if failure is not None and not failure.after_effect:
            return self._error(failure)
        response = self._route(request.method, path, body)
        if failure is not None:
            return self._error(failure)
        return response

    def _route(self, method: str, path: str, body: Any) -> web.Response:
        for route_method, pattern, handler in self._routes():
            match = re.fullmatch(pattern, path)
            if match and method == route_method:
                return handler(body, *match.groups())
        return self._json({"message": "404: Not Found", "code": 0}, status=404)

    def _routes(self) -> list[tuple[str, str, Callable[..., web.Response]]]:
        app = str(self.application_id)
        return [
            ("GET", r"/users/@me", lambda _b: self._json(self._bot_user())),
            ("GET", r"/oauth2/applications/@me", lambda _b: self._json(self._app_info())),
            ("GET", r"/gateway", lambda _b: self._json({"url": self.gateway_url})),
            ("PUT", rf"/applications/{app}/commands", self._put_commands),
            ("PUT", rf"/applications/{app}/guilds/(\d+)/commands", self._put_commands),
            ("GET", rf"/applications/{app}/commands", lambda _b: self._json(self.commands)),
            ("POST", r"/channels/(\d+)/messages", self._create_message),
            ("GET", r"/channels/(\d+)/messages/(\d+)", self._get_message),
            ("PATCH", r"/channels/(\d+)/messages/(\d+)", self._edit_message),
            ("DELETE", r"/channels/(\d+)/messages/(\d+)", self._delete_message),
            ("POST", r"/interactions/(\d+)/([^/]+)/callback", self._callback),
            ("POST", rf"/webhooks/{app}/([^/]+)", self._followup),
            ("GET", rf"/webhooks/{app}/([^/]+)/messages/(@original|\d+)", self._get_webhook),
            ("PATCH", rf"/webhooks/{app}/([^/]+)/messages/(@original|\d+)", self._edit_webhook),
            ("DELETE", rf"/webhooks/{app}/([^/]+)/messages/(@original|\d+)", self._delete_webhook),
        ]

    def _app_info(self) -> dict[str, Any]:
        return {
            "id": str(self.application_id),
            "name": "studybot",
            "description": "",
            "icon": None,
            "bot_public": True,
            "bot_require_code_grant": False,
            "owner": self._bot_user(),
            "verify_key": "0" * 64,
            "flags": 0,
            "summary": "",
            "team": None,
        }

    def _put_commands(self, body: Any, guild: str | None = None) -> web.Response:
        stored = []
        for command in body:
            stored.append(
                {
                    **command,
                    "id": str(self._id()),
                    "application_id": str(self.application_id),
                    "version": str(self._id()),
                    "default_member_permissions": command.get("default_member_permissions"),
                }
            )
        if guild is None:
            self.commands = stored
        else:
            self.guild_commands[int(guild)] = stored
        return self._json(stored)

    def command(self, name: str) -> dict[str, Any]:
        for command in [*self.commands, *itertools.chain(*self.guild_commands.values())]:
            if command["name"] == name:
                return command
        raise KeyError(f"command /{name} is not registered")

    def _new_message(
        self, channel_id: int, body: dict[str, Any], *, by_interaction: bool = False
    ) -> FakeMessage:
        message = FakeMessage(
            id=self._id(),
            channel_id=channel_id,
            author=self._bot_user(),
            by_interaction=by_interaction,
        )
        message.apply(body)
        message.nonce = body.get("nonce")
        message.message_reference = body.get("message_reference")
        self._messages[message.id] = message
        return message

    def _create_message(self, body: Any, channel: str) -> web.Response:
        channel_id = int(channel)
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            for earlier in self._messages.values():
                if (
                    earlier.channel_id == channel_id
                    and earlier.nonce == nonce
                    and time.monotonic() - earlier.created < NONCE_WINDOW
                ):
                    return self._json(earlier.payload())
        return self._json(self._new_message(channel_id, body).payload())

    def _stored(self, channel: str, message: str) -> FakeMessage | None:
        found = self._messages.get(int(message))
        if found is None or found.deleted or found.channel_id != int(channel):
            return None
        return found

    def _not_found(self) -> web.Response:
        return self._json({"message": "Unknown Message", "code": 10008}, status=404)

    def _get_message(self, _body: Any, channel: str, message: str) -> web.Response:
        found = self._stored(channel, message)
        return self._json(found.payload()) if found else self._not_found()

    def _edit_message(self, body: Any, channel: str, message: str) -> web.Response:
        found = self._stored(channel, message)
        if found is None:
            return self._not_found()
        found.apply(body)
        found.edits += 1
        return self._json(found.payload())

    def _delete_message(self, _body: Any, channel: str, message: str) -> web.Response:
        found = self._stored(channel, message)
        if found is None:
            return self._not_found()
        found.deleted = True
        return web.Response(status=204)

    # interactions

    def _callback(self, body: Any, interaction_id: str, token: str) -> web.Response:
        interaction = self._interactions[token]
        interaction.responses.append(body)
        kind = body["type"]
        data = body.get("data") or {}
        resource: dict[str, Any] = {"type": kind}
        if kind == 4:
            interaction.original = self._new_message(
                interaction.channel_id, data, by_interaction=True
            )
            resource["message"] = interaction.original.payload()
        elif kind == 5:
            interaction.deferred_flags = data.get("flags", 0)
            interaction.original = FakeMessage(
                id=self._id(),
                channel_id=interaction.channel_id,
                author=self._bot_user(),
                flags=interaction.deferred_flags,
            )
        elif kind == 6:
            # a deferred update: the clicked message is edited later, through @original
            clicked = self._messages.get(interaction.message_id or 0)
            if clicked is not None:
                interaction.original = clicked
                interaction.edits_before = clicked.edits
        elif kind == 7:
            message = self._messages.get(interaction.message_id or 0)
            if message is not None:
                message.apply(data)
                message.edits += 1
                interaction.original = message
                resource["message"] = message.payload()
        elif kind == 9:
            interaction.modal = data
        return self._json(
            {
                "interaction": {
                    "id": interaction_id,
                    "type": interaction.type,
                    "response_message_loading": kind == 5,
                    "response_message_ephemeral": bool(data.get("flags", 0) & EPHEMERAL),
                },
                "resource": resource,
            }
        )

    def _followup(self, body: Any, token: str) -> web.Response:
        interaction = self._interactions[token]
        message = self._new_message(interaction.channel_id, body, by_interaction=True)
        interaction.followups.append(message)
        return self._json(message.payload())

    def _webhook_message(self, token: str, which: str) -> FakeMessage | None:
        interaction = self._interactions.get(token)
        if interaction is None:
            return None
        if which == "@original":
            return interaction.original
        return next((m for m in interaction.followups if m.id == int(which)), None)

    def _get_webhook(self, _body: Any, token: str, which: str) -> web.Response:
        found = self._webhook_message(token, which)
        return self._json(found.payload()) if found else self._not_found()

    def _edit_webhook(self, body: Any, token: str, which: str) -> web.Response:
        found = self._webhook_message(token, which)
        if found is None:
            return self._not_found()
        found.apply(body)
        found.edits += 1
        return self._json(found.payload())

    def _delete_webhook(self, _body: Any, token: str, which: str) -> web.Response:
        found = self._webhook_message(token, which)
        if found is None:
            return self._not_found()
        found.deleted = True
        return web.Response(status=204)

    # -- driving the bot ------------------------------------------------------------------

    async def _interact(
        self,
        kind: int,
        channel_id: int,
        user_id: int,
        data: dict[str, Any],
        *,
        locale: str,
        message: FakeMessage | None = None,
    ) -> FakeInteraction:
        guild, member = self._member(user_id)
        interaction = FakeInteraction(
            id=self._id(),
            token=f"token-{self._id()}",
            type=kind,
            user_id=user_id,
            channel_id=channel_id,
        )
        if message is not None:
            interaction.message_id = message.id
        self._interactions[interaction.token] = interaction
        payload: dict[str, Any] = {
            "id": str(interaction.id),
            "application_id": str(self.application_id),
            "type": kind,
            "token": interaction.token,
            "version": 1,
            "attachment_size_limit": 8 * 1024 * 1024,
            "data": data,
            "guild_id": str(guild.id),
            "channel_id": str(channel_id),
            "channel": self._channel_payload(guild, channel_id),
            "member": member.member(),
            "locale": locale,
            "guild_locale": "ja",
            "app_permissions": str(MEMBER_PERMISSIONS),
            "entitlements": [],
            "authorizing_integration_owners": {"0": str(guild.id)},
            "context": 0,
        }
        if message is not None:
            payload["message"] = message.payload()
        await self._dispatch("INTERACTION_CREATE", payload)
        return interaction

    def _options(
        self,
        guild: _Guild,
        definitions: list[dict[str, Any]],
        values: dict[str, object],
        resolved: dict[str, dict[str, Any]],
        focused: str | None = None,
    ) -> list[dict[str, Any]]:
        by_name = {d["name"]: d for d in definitions}
        options = []
        for name, value in values.items():
            if name not in by_name:
                raise KeyError(f"option {name!r} is not registered; have {sorted(by_name)}")
            kind = by_name[name]["type"]
            option: dict[str, Any] = {"name": name, "type": kind}
            if kind == 6:
                assert isinstance(value, int)
                member = guild.members[value]
                resolved.setdefault("users", {})[str(value)] = member.user()
                resolved.setdefault("members", {})[str(value)] = member.member(with_user=False)
                option["value"] = str(value)
            elif kind == 7:
                assert isinstance(value, int)
                resolved.setdefault("channels", {})[str(value)] = {
                    **self._channel_payload(guild, value),
                    "permissions": str(MEMBER_PERMISSIONS),
                }
                option["value"] = str(value)
            elif kind == 11:
                assert isinstance(value, int)
                attachment = self.attachments[value].payload(f"http://127.0.0.1:{self.port}")
                resolved.setdefault("attachments", {})[str(value)] = attachment
                option["value"] = str(value)
            else:
                option["value"] = value
            if name == focused:
                option["focused"] = True
            options.append(option)
        return options

    def _command_data(
        self,
        guild: _Guild,
        name: str,
        values: dict[str, object],
        subcommand: str | None,
        focused: str | None = None,
    ) -> dict[str, Any]:
        command = self.command(name)
        resolved: dict[str, dict[str, Any]] = {}
        definitions = command.get("options", [])
        if subcommand is not None:
            sub = next((o for o in definitions if o["name"] == subcommand), None)
            if sub is None:
                raise KeyError(f"/{name} has no subcommand {subcommand!r}")
            inner = self._options(guild, sub.get("options", []), values, resolved, focused)
            options = [{"name": subcommand, "type": 1, "options": inner}]
        else:
            options = self._options(guild, definitions, values, resolved, focused)
        data: dict[str, Any] = {
            "id": command["id"],
            "name": name,
            "type": 1,
            "options": options,
            "guild_id": str(guild.id),
        }
        if resolved:
            data["resolved"] = resolved
        return data

    async def slash(
        self,
        guild_id: int,
        channel_id: int,
        user_id: int,
        name: str,
        options: dict[str, object] | None = None,
        *,
        subcommand: str | None = None,
        locale: str = "ja",
    ) -> FakeInteraction:
        guild = self._guilds[guild_id]
        data = self._command_data(guild, name, options or {}, subcommand)
        return await self._interact(2, channel_id, user_id, data, locale=locale)

    async def autocomplete(
        self,
        guild_id: int,
        channel_id: int,
        user_id: int,
        name: str,
        option: str,
        value: str,
        *,
        subcommand: str | None = None,
        locale: str = "ja",
    ) -> FakeInteraction:
        guild = self._guilds[guild_id]
        data = self._command_data(guild, name, {option: value}, subcommand, focused=option)
        return await self._interact(4, channel_id, user_id, data, locale=locale)

    async def click(
        self, message: FakeMessage, custom_id: str, user_id: int, *, locale: str = "ja"
    ) -> FakeInteraction:
        if custom_id not in message.custom_ids():
            raise KeyError(f"no component {custom_id!r} on message {message.id}")
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._interact(
            3, message.channel_id, user_id, data, locale=locale, message=message
        )

    async def submit_modal(
        self,
        opened_by: FakeInteraction,
        values: dict[str, str],
        user_id: int | None = None,
        *,
        locale: str = "ja",
    ) -> FakeInteraction:
        assert opened_by.modal is not None, "that interaction opened no modal"
        data = {
            "custom_id": opened_by.modal["custom_id"],
            "components": [_filled(c, values) for c in opened_by.modal.get("components", [])],
        }
        user = user_id if user_id is not None else opened_by.user_id
        # a modal opened by a button carries that button's message, as Discord's does
        message = self._messages.get(opened_by.message_id or 0)
        return await self._interact(
            5, opened_by.channel_id, user, data, locale=locale, message=message
        )

    # -- waiting --------------------------------------------------------------------------

    async def wait_until(
        self, predicate: Callable[[], bool], within: float = 5, what: str = "condition"
    ) -> None:
        deadline = time.monotonic() + within
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {within}s waiting for {what}")
            await asyncio.sleep(0.01)

    async def wait_response(
        self, interaction: FakeInteraction, within: float = 5
    ) -> FakeInteraction:
        await self.wait_until(
            lambda: interaction.answered, within, f"a response to interaction {interaction.id}"
        )
        return interaction

    def messages(self, channel_id: int) -> list[FakeMessage]:
        """What the bot posted to a channel by itself, oldest first; replies to interactions
        are on their FakeInteraction."""
        return [
            m
            for m in self._messages.values()
            if m.channel_id == channel_id and not m.deleted and not m.by_interaction
        ]

    async def wait_for_message(
        self,
        channel_id: int,
        predicate: Callable[[FakeMessage], bool] = lambda _m: True,
        within: float = 5,
    ) -> FakeMessage:
        found: list[FakeMessage] = []

        def seen() -> bool:
            found[:] = [m for m in self.messages(channel_id) if predicate(m)]
            return bool(found)

        await self.wait_until(seen, within, f"a message in channel {channel_id}")
        return found[0]


def _filled(component: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """A modal component as a submit carries it: text inputs with their values."""
    if component.get("type") == 4:
        custom_id = component["custom_id"]
        return {"type": 4, "custom_id": custom_id, "value": values.get(custom_id, "")}
    filled: dict[str, Any] = {"type": component["type"]}
    if "id" in component:
        filled["id"] = component["id"]
    if "components" in component:
        filled["components"] = [_filled(c, values) for c in component["components"]]
    if "component" in component:
        filled["component"] = _filled(component["component"], values)
    return filled
