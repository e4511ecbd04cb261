"""HOME_GUILD_IDS: required whenever someone could moderate, because the figures are shared by every server."""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.domain.errors import SettingsError


def settings(**env: str) -> Settings:
    return Settings.from_env(env)


def test_manage_server_moderation_is_on_by_default_and_needs_a_home_server() -> None:
    default = settings(DISCORD_TOKEN="t")
    assert default.moderation_on
    with pytest.raises(SettingsError) as refused:
        default.check_moderation()
    assert "members with Manage Server are moderators" in refused.value.message
    assert "HOME_GUILD_IDS" in (refused.value.hint or "")


def test_moderator_roles_need_a_home_server_even_without_manage_server() -> None:
    with pytest.raises(SettingsError, match="MODERATOR_ROLE_IDS is set"):
        settings(MODERATOR_ROLE_IDS="11", MODERATORS_MANAGE_GUILD="false").check_moderation()


def test_home_servers_are_read_and_make_moderation_safe() -> None:
    configured = settings(HOME_GUILD_IDS="123, 456", MODERATOR_ROLE_IDS="11")
    assert configured.home_guild_ids == (123, 456)
    configured.check_moderation()


def test_a_read_only_bot_needs_no_home_server() -> None:
    read_only = settings(MODERATORS_MANAGE_GUILD="false")
    assert not read_only.moderation_on
    read_only.check_moderation()


def test_malformed_home_servers_are_refused_with_the_setting_named() -> None:
    with pytest.raises(SettingsError, match="HOME_GUILD_IDS='my server' must be Discord ids"):
        settings(HOME_GUILD_IDS="my server")
