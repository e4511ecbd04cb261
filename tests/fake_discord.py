"""A small fake Discord on 127.0.0.1: REST under /api/v10 and a gateway websocket, enough to run the real bot
process as users run it (see ../shared/notes/discord-offline-testing.md). Used by the process tests and by
bench/interactions.py. It records every request with the time it arrived.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

BOT_TOKEN = "fake-bot-token"
APP_ID = "900000000000000001"
GUILD_ID = "900000000000000002"
CHANNEL_ID = "900000000000000003"
BOT_USER = {"id": APP_ID, "username": "Tally", "discriminator": "0", "avatar": None, "bot": True,
            "global_name": "Tally"}
MEMBER_USER = {"id": "900000000000000010", "username": "alice", "discriminator": "0", "avatar": None,
               "global_name": "Alice"}
"""Alice owns the home server (GUILD_ID)."""
OTHER_GUILD_ID = "900000000000000020"
OTHER_CHANNEL_ID = "900000000000000021"
OTHER_ADMINS_ROLE_ID = "900000000000000022"
"""A second server the bot was added to, with its own owner and a role that has Manage Server."""
OTHER_OWNER = {"id": "900000000000000030", "username": "mallory", "discriminator": "0", "avatar": None,
               "global_name": "Mallory"}
OTHER_MANAGER = {"id": "900000000000000031", "username": "trent", "discriminator": "0", "avatar": None,
                 "global_name": "Trent"}
_EVERYONE = "2248473465835073"
"""View, send, read history, use commands… but not Manage Server (32) nor Administrator (8)."""
_ids = itertools.count(910_000_000_000_000_000)


def snowflake() -> str:
    return str(next(_ids))


@dataclass
class Request:
    at: float
    method: str
    path: str
    body: Any


@dataclass
class FakeDiscord:
    port: int = 0
    requests: list[Request] = field(default_factory=list)
    commands: list[dict] = field(default_factory=list)
    identified: asyncio.Event = field(default_factory=asyncio.Event)
    synced: asyncio.Event = field(default_factory=asyncio.Event)
    heartbeats: list[float] = field(default_factory=list)
    _socket: web.WebSocketResponse | None = None
    _sequence: int = 0
    _runner: web.AppRunner | None = None
    _waiters: list[tuple[Any, asyncio.Future]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- REST ----------------------------------------------------------------------------------

    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["path"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            if request.content_type == "application/json":
                body = json.loads(raw or b"null")
            elif request.content_type.startswith("multipart"):
                body = {"multipart": raw.decode("utf-8", "replace")}
        entry = Request(time.perf_counter(), request.method, path, body)
        self.requests.append(entry)
        status, reply = self._route(request, path, body)
        self._notify(entry)
        if status == 204:
            return web.Response(status=204)
        # Exactly application/json: discord.py reads anything else as text (notes, trap 1).
        return web.Response(status=status, body=json.dumps(reply).encode(),
                            headers={"Content-Type": "application/json"})

    def _route(self, request: web.Request, path: str, body: Any) -> tuple[int, Any]:
        method = request.method
        authorised = request.headers.get("Authorization") == f"Bot {BOT_TOKEN}"
        if not authorised and not path.startswith(("/webhooks", "/interactions")):
            return 401, {"message": "401: Unauthorized", "code": 0}
        if path == "/users/@me":
            return 200, BOT_USER
        if path == "/oauth2/applications/@me":
            return 200, {"id": APP_ID, "name": "Tally", "description": "", "icon": None, "bot_public": True,
                         "bot_require_code_grant": False, "owner": MEMBER_USER, "verify_key": "00", "flags": 0}
        if path == "/gateway/bot":
            return 200, {"url": self.url.replace("http", "ws", 1) + "/gateway", "shards": 1,
                         "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0,
                                                 "max_concurrency": 1}}
        if method == "PUT" and path.endswith("/commands"):
            self.commands = [{**c, "id": snowflake(), "application_id": APP_ID, "version": "1"} for c in body]
            self.synced.set()
            return 200, self.commands
        if path.startswith("/interactions/") and path.endswith("/callback"):
            kind = body.get("type")
            resource: dict[str, Any] = {"type": kind}
            if kind == 4:
                resource["message"] = self._message(body.get("data") or {})
            return 200, {"interaction": {"id": path.split("/")[2], "type": 2, "response_message_loading": kind == 5},
                         "resource": resource}
        if path.startswith("/webhooks/"):
            return 200, self._message(body if isinstance(body, dict) else {})
        if method == "POST" and path.endswith("/typing"):
            return 204, None
        if method == "POST" and path.endswith("/messages"):
            return 200, self._message(body if isinstance(body, dict) else {})
        return 404, {"message": "404: Not Found", "code": 10000}

    def _message(self, data: dict) -> dict:
        return {"id": snowflake(), "channel_id": CHANNEL_ID, "author": BOT_USER, "content": data.get("content") or "",
                "timestamp": "2026-11-23T00:00:00+00:00", "edited_timestamp": None, "tts": False,
                "mention_everyone": False, "mentions": [], "mention_roles": [], "attachments": [],
                "embeds": data.get("embeds") or [], "pinned": False, "type": 0, "flags": data.get("flags", 0),
                "components": data.get("components") or []}

    # -- gateway -------------------------------------------------------------------------------

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(max_msg_size=0)
        await socket.prepare(request)
        self._socket = socket
        await socket.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        async for message in socket:
            if message.type != WSMsgType.TEXT:
                continue
            payload = json.loads(message.data)
            op = payload.get("op")
            if op == 1:
                self.heartbeats.append(time.perf_counter())
                await socket.send_json({"op": 11})  # trap 4: acknowledge, or the bot reconnects
            elif op == 2:
                await self._ready(socket)
                self.identified.set()
        return socket

    async def _ready(self, socket: web.WebSocketResponse) -> None:
        await self.dispatch("READY", {
            "v": 10, "user": BOT_USER, "guilds": [{"id": GUILD_ID, "unavailable": True},
                                                  {"id": OTHER_GUILD_ID, "unavailable": True}], "session_id": "fake",
            "resume_gateway_url": self.url.replace("http", "ws", 1) + "/gateway", "shard": [0, 1],
            "application": {"id": APP_ID, "flags": 0},
        })
        await self.dispatch("GUILD_CREATE", _guild(GUILD_ID, "Community", MEMBER_USER, CHANNEL_ID, "general", []))
        admins = {"id": OTHER_ADMINS_ROLE_ID, "name": "Admins", "permissions": str(int(_EVERYONE) | 32),
                  "position": 1, "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}
        await self.dispatch("GUILD_CREATE", _guild(OTHER_GUILD_ID, "Elsewhere", OTHER_OWNER, OTHER_CHANNEL_ID,
                                                   "lobby", [admins]))

    async def dispatch(self, event: str, data: dict) -> None:
        assert self._socket is not None, "the bot has not connected"
        self._sequence += 1
        await self._socket.send_json({"op": 0, "t": event, "s": self._sequence, "d": data})

    async def request_heartbeat(self) -> None:
        """Op 1: the bot heartbeats at once — it answers only when its event loop is free (notes, trap 4)."""
        assert self._socket is not None
        await self._socket.send_json({"op": 1, "d": self._sequence})

    # -- what users do -------------------------------------------------------------------------

    def registered(self, name: str) -> dict:
        """Trap 10: discord.py runs any name; the fake refuses commands the bot never synced."""
        found = next((c for c in self.commands if c["name"] == name), None)
        assert found is not None, f"/{name} was never synced"
        return found

    def interaction(self, name: str, options: list[dict], kind: int = 2, user: dict | None = None,
                    guild: str = GUILD_ID, roles: tuple[str, ...] = ()) -> dict:
        command = self.registered(name)
        interaction_id = snowflake()
        channel = CHANNEL_ID if guild == GUILD_ID else OTHER_CHANNEL_ID
        permissions = str(int(_EVERYONE) | 32) if OTHER_ADMINS_ROLE_ID in roles else _EVERYONE
        member = {"user": user or MEMBER_USER, "roles": list(roles), "flags": 0, "permissions": permissions,
                  "joined_at": "2026-01-01T00:00:00+00:00", "deaf": False, "mute": False}
        return {
            "id": interaction_id, "application_id": APP_ID, "type": kind, "token": f"tok{interaction_id}",
            "version": 1, "attachment_size_limit": 8388608, "guild_id": guild, "channel_id": channel,
            "channel": {"id": channel, "type": 0, "guild_id": guild,
                        "name": "general" if guild == GUILD_ID else "lobby"},
            "member": member, "app_permissions": _EVERYONE, "locale": "en-US", "guild_locale": "en-US",
            "entitlements": [], "authorizing_integration_owners": {"0": guild},
            "data": {"id": command["id"], "name": name, "type": 1, "options": options},
        }

    async def slash(self, name: str, user: dict | None = None, guild: str = GUILD_ID, roles: tuple[str, ...] = (),
                    **options: str) -> dict:
        payload = self.interaction(name, [{"name": k, "type": 3, "value": v} for k, v in options.items()], user=user,
                                   guild=guild, roles=roles)
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def subcommand(self, path: str, user: dict | None = None, guild: str = GUILD_ID,
                         roles: tuple[str, ...] = (), **options: str) -> dict:
        """`/group [subgroup] name option:…` (ids and versions are sent as integers, the rest as strings)."""
        root, *groups, name = path.split()
        inner: list[dict] = [{"name": k, "type": 4 if k in ("id", "version") else 3,
                              "value": int(v) if k in ("id", "version") else v} for k, v in options.items()]
        node = {"name": name, "type": 1, "options": inner}
        for group in reversed(groups):
            node = {"name": group, "type": 2, "options": [node]}
        payload = self.interaction(root, [node], user=user, guild=guild, roles=roles)
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def autocomplete(self, name: str, option: str, typed: str) -> dict:
        payload = self.interaction(name, [{"name": option, "type": 3, "value": typed, "focused": True}], kind=4)
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def mention(self, text: str) -> dict:
        payload = {
            "id": snowflake(), "channel_id": CHANNEL_ID, "guild_id": GUILD_ID, "author": MEMBER_USER,
            "member": {"roles": [], "flags": 0, "joined_at": "2026-01-01T00:00:00+00:00", "deaf": False,
                       "mute": False},
            "content": f"<@{APP_ID}> {text}", "type": 0, "mentions": [BOT_USER], "mention_roles": [],
            "mention_everyone": False, "attachments": [], "embeds": [], "pinned": False, "tts": False,
            "timestamp": "2026-11-23T00:00:00+00:00", "edited_timestamp": None, "flags": 0, "components": [],
        }
        await self.dispatch("MESSAGE_CREATE", payload)
        return payload

    # -- waiting for the bot -------------------------------------------------------------------

    def _notify(self, entry: Request) -> None:
        for predicate, future in list(self._waiters):
            if not future.done() and predicate(entry):
                future.set_result(entry)
                self._waiters.remove((predicate, future))

    async def wait_for(self, predicate: Any, timeout: float = 15) -> Request:
        for entry in self.requests:
            if predicate(entry):
                return entry
        future: asyncio.Future[Request] = asyncio.get_running_loop().create_future()
        self._waiters.append((predicate, future))
        return await asyncio.wait_for(future, timeout)

    async def callback_for(self, interaction: dict, timeout: float = 15) -> Request:
        path = f"/interactions/{interaction['id']}/{interaction['token']}/callback"
        return await self.wait_for(lambda r: r.path == path, timeout)

    async def followup_for(self, interaction: dict, timeout: float = 15) -> Request:
        path = f"/webhooks/{APP_ID}/{interaction['token']}"
        return await self.wait_for(lambda r: r.method == "POST" and r.path == path, timeout)


def _guild(guild_id: str, name: str, owner: dict, channel_id: str, channel_name: str, roles: list[dict]) -> dict:
    return {
        "id": guild_id, "name": name, "unavailable": False, "member_count": 2, "large": False,
        "owner_id": owner["id"], "features": [], "emojis": [], "stickers": [], "threads": [],
        "stage_instances": [], "guild_scheduled_events": [], "voice_states": [], "presences": [],
        "channels": [{"id": channel_id, "type": 0, "name": channel_name, "position": 0, "guild_id": guild_id,
                      "permission_overwrites": []}],
        "roles": [{"id": guild_id, "name": "@everyone", "permissions": _EVERYONE, "position": 0,
                   "color": 0, "hoist": False, "managed": False, "mentionable": False, "flags": 0}, *roles],
        "members": [{"user": BOT_USER, "roles": [], "flags": 0, "joined_at": "2026-01-01T00:00:00+00:00",
                     "deaf": False, "mute": False}],
    }
