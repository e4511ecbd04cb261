"""Points an unmodified discord.py at the fake Discord named by TALLY_FAKE_DISCORD (tests and benchmarks only).

It is on PYTHONPATH only for processes the tests start, so the bot's own code carries no test hooks.
"""

import os

_url = os.environ.get("TALLY_FAKE_DISCORD")
if _url:
    import discord.gateway
    import discord.http
    import yarl

    discord.http.Route.BASE = f"{_url}/api/v10"
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(_url.replace("http", "ws", 1) + "/gateway")
