"""Settings as an operator writes them: empty lines, odd digits, typos in names."""

from __future__ import annotations

import pytest
from dotenv import dotenv_values
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.config import KNOWN, ROOT, Settings, near_misses
from bot.domain.errors import SettingsError


def test_every_empty_setting_means_its_default() -> None:
    assert Settings.from_env(dict.fromkeys(KNOWN, "")) == Settings()
    assert Settings.from_env({"MODERATORS_MANAGE_GUILD": "  "}).moderators_manage_guild is True


def test_an_env_file_made_from_the_example_starts_with_the_defaults() -> None:
    example = {k: v or "" for k, v in dotenv_values(ROOT / ".env.example").items()}
    assert Settings.from_env(example) == Settings()


@pytest.mark.parametrize("name", ["MODERATOR_ROLE_IDS", "ASK_COOLDOWN_RATE", "SHARD_COUNT", "DEV_GUILD_ID"])
@pytest.mark.parametrize("value", ["²", "١٢٣", "1²", "9" * 5000])
def test_unicode_digits_are_refused_with_what_to_write(name: str, value: str) -> None:
    with pytest.raises(SettingsError) as refused:
        Settings.from_env({name: value})
    assert name in refused.value.message


def test_a_name_close_to_a_setting_is_warned_about() -> None:
    assert near_misses(["MODERATOR_ROLE_ID", "DISCORD_TOKEN", "TALLY_DATADIR", "PATH", "TALLY_COLOUR"]) == [
        "MODERATOR_ROLE_ID is not a setting; did you mean MODERATOR_ROLE_IDS?",
        "TALLY_DATADIR is not a setting; did you mean TALLY_DATA_DIR?",
        "TALLY_COLOUR is not a setting; the settings are listed in .env.example.",
    ]


def test_charts_pick_a_writable_cache_folder_when_home_is_read_only(tmp_path) -> None:
    from bot.matplotlib_home import first_writable

    (tmp_path / "home").write_text("a file where a folder should be, as unwritable as a read-only home")
    assert first_writable([tmp_path / "home" / ".config", tmp_path / "volume"]) == tmp_path / "volume"


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(KNOWN), value=st.text(max_size=40))
def test_no_setting_value_crashes_the_start(name: str, value: str) -> None:
    try:
        Settings.from_env({name: value})
    except SettingsError as refused:
        assert name in refused.message
