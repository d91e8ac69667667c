"""Settings: defaults, a full file, environment overrides and every way a file can be wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from caredesk.config import (
    CONFIG_ENV,
    DATABASE_URL_ENV,
    DEFAULT_DATABASE_URL,
    ConfigError,
    Settings,
    load_settings,
    secret,
)
from caredesk.domain import Network, Priority

ROOT = Path(__file__).resolve().parents[2]

FULL_TOML = """
[database]
url = "sqlite:///from-file.db"

[brand]
x = ["@NorthwindCare", "NorthwindHelp"]
mastodon = ["NorthwindCare@social.example.com"]
bluesky = ["care.northwind.example.com"]
email = ["care@example.com"]

[connectors.x]
bearer_token_env = "MY_X_TOKEN"
page_size = 50

[connectors.mastodon]
base_url = "https://social.example.com"
access_token_env = "MY_MASTODON_TOKEN"

[connectors.bluesky]
handle = "care.northwind.example.com"
app_password_env = "MY_BLUESKY_PASSWORD"

[smtp]
host = "smtp.example.com"
port = 2525
starttls = false
username = "care"
password_env = "MY_SMTP_PASSWORD"
from_address = "help@example.com"

[nlp]
model_path = "models/care"
batch_size = 64

[sla]
urgent_hours = 0.5
high_hours = 2
normal_hours = 12
low_hours = 48

[queues]
high_visibility_followers = 5000
repeat_contact_cases = 4
repeat_contact_days = 14
"""


def write(tmp_path: Path, text: str, name: str = "caredesk.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_a_file() -> None:
    settings = load_settings(environ={})

    assert settings == Settings()
    assert settings.database_url == DEFAULT_DATABASE_URL == "sqlite:///caredesk.db"
    assert settings.source == "(defaults)"
    assert settings.x.page_size == 100
    assert settings.smtp.port == 587 and settings.smtp.starttls is True
    assert [settings.sla.hours_for(p) for p in Priority] == [1, 4, 24, 72]
    assert settings.queues.high_visibility_followers == 10_000
    assert settings.queues.repeat_contact_cases == 3
    assert settings.queues.repeat_contact_days == 30


def test_a_full_file_sets_every_value(tmp_path: Path) -> None:
    path = write(tmp_path, FULL_TOML)

    settings = load_settings(path, environ={})

    assert settings.source == str(path)
    assert settings.database_url == "sqlite:///from-file.db"
    assert settings.brand_accounts[Network.X] == ("northwindcare", "northwindhelp")
    assert settings.brand_accounts[Network.MASTODON] == ("northwindcare@social.example.com",)
    assert settings.brand_accounts[Network.BLUESKY] == ("care.northwind.example.com",)
    assert settings.brand_accounts[Network.EMAIL] == ("care@example.com",)
    assert (settings.x.bearer_token_env, settings.x.page_size) == ("MY_X_TOKEN", 50)
    assert settings.mastodon.base_url == "https://social.example.com"
    assert settings.mastodon.access_token_env == "MY_MASTODON_TOKEN"
    assert settings.bluesky.handle == "care.northwind.example.com"
    assert settings.bluesky.app_password_env == "MY_BLUESKY_PASSWORD"
    assert settings.smtp.host == "smtp.example.com"
    assert settings.smtp.port == 2525
    assert settings.smtp.starttls is False
    assert settings.smtp.username == "care"
    assert settings.smtp.password_env == "MY_SMTP_PASSWORD"
    assert settings.smtp.from_address == "help@example.com"
    assert (settings.nlp.model_path, settings.nlp.batch_size) == ("models/care", 64)
    assert settings.sla.hours_for(Priority.URGENT) == 0.5
    assert settings.sla.hours_for(Priority.HIGH) == 2.0
    assert settings.sla.hours_for(Priority.NORMAL) == 12.0
    assert settings.sla.hours_for(Priority.LOW) == 48.0
    assert settings.queues.high_visibility_followers == 5000
    assert settings.queues.repeat_contact_cases == 4
    assert settings.queues.repeat_contact_days == 14


def test_the_shipped_example_file_loads() -> None:
    """config.example.toml says its values are the defaults (brand and connectors aside)."""
    settings = load_settings(ROOT / "config.example.toml", environ={})

    defaults = Settings()
    assert settings.database_url == defaults.database_url
    assert settings.sla == defaults.sla
    assert settings.queues == defaults.queues
    assert settings.smtp == defaults.smtp
    assert settings.brand_accounts[Network.X] == ("northwindcare",)


def test_an_empty_file_gives_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "# nothing set\n")

    settings = load_settings(path, environ={})

    assert settings.sla == Settings().sla
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.source == str(path)


def test_config_env_names_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, FULL_TOML)

    settings = load_settings(environ={CONFIG_ENV: str(path)})

    assert settings.source == str(path)
    assert settings.smtp.port == 2525


def test_an_explicit_path_beats_config_env(tmp_path: Path) -> None:
    chosen = write(tmp_path, "[smtp]\nport = 25\n", name="chosen.toml")
    ignored = write(tmp_path, FULL_TOML, name="ignored.toml")

    settings = load_settings(chosen, environ={CONFIG_ENV: str(ignored)})

    assert settings.smtp.port == 25


def test_database_url_env_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, FULL_TOML)

    settings = load_settings(path, environ={DATABASE_URL_ENV: "sqlite:///from-env.db"})

    assert settings.database_url == "sqlite:///from-env.db"
    assert settings.smtp.port == 2525  # the rest still comes from the file


def test_db_option_beats_env_and_file(tmp_path: Path) -> None:
    path = write(tmp_path, FULL_TOML)

    settings = load_settings(
        path, database_url="sqlite:///from-option.db",
        environ={DATABASE_URL_ENV: "sqlite:///from-env.db", CONFIG_ENV: str(path)},
    )

    assert settings.database_url == "sqlite:///from-option.db"


def test_database_url_env_applies_without_a_file() -> None:
    settings = load_settings(environ={DATABASE_URL_ENV: "sqlite:///only-env.db"})

    assert settings.database_url == "sqlite:///only-env.db"
    assert settings.source == "(defaults)"


def test_empty_environment_values_are_ignored() -> None:
    settings = load_settings(environ={CONFIG_ENV: "", DATABASE_URL_ENV: ""})

    assert settings == Settings()


def test_secret_reads_the_named_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREDESK_TEST_SECRET", "s3cret")
    monkeypatch.setenv("CAREDESK_TEST_EMPTY", "")
    monkeypatch.delenv("CAREDESK_TEST_UNSET", raising=False)

    assert secret("CAREDESK_TEST_SECRET") == "s3cret"
    assert secret("CAREDESK_TEST_EMPTY") is None
    assert secret("CAREDESK_TEST_UNSET") is None


@pytest.mark.parametrize(
    ("text", "key", "reason"),
    [
        pytest.param("[database\nurl = 'x'\n", "(syntax)", "line 1", id="syntax-error"),
        pytest.param("[smtp]\nport = \"587\"\n", "smtp.port", "must be a whole number, got '587'",
                     id="wrong-type-int"),
        pytest.param("[smtp]\nstarttls = \"yes\"\n", "smtp.starttls", "must be true or false",
                     id="wrong-type-bool"),
        pytest.param("[database]\nurl = 5\n", "database.url", "must be a string, got 5",
                     id="wrong-type-string"),
        pytest.param("[nlp]\nbatch_size = 1.5\n", "nlp.batch_size", "must be a whole number",
                     id="float-for-int"),
        pytest.param("[queues]\nrepeat_contact_cases = true\n", "queues.repeat_contact_cases",
                     "must be a whole number", id="bool-for-int"),
        pytest.param("[sla]\nhigh_hours = \"4\"\n", "sla.high_hours", "must be a number",
                     id="wrong-type-number"),
        pytest.param("[connectors.x]\npage_size = 500\n", "connectors.x.page_size",
                     "must be between 5 and 100, got 500", id="out-of-range-high"),
        pytest.param("[smtp]\nport = 0\n", "smtp.port", "must be between 1 and 65535, got 0",
                     id="out-of-range-low"),
        pytest.param("[sla]\nurgent_hours = 0\n", "sla.urgent_hours",
                     "must be greater than 0, got 0", id="zero-hours"),
        pytest.param("[sla]\nlow_hours = -3\n", "sla.low_hours", "must be greater than 0",
                     id="negative-hours"),
        pytest.param("[sla]\nurgent_hour = 2\n", "sla.urgent_hour", "unknown setting; known: ",
                     id="unknown-key-typo"),
        pytest.param("[connectors.x]\nbearer_token = \"abc\"\n", "connectors.x.bearer_token",
                     "unknown setting", id="unknown-key-nested"),
        pytest.param("[databse]\nurl = \"sqlite:///x.db\"\n", "databse", "unknown section",
                     id="unknown-section"),
        pytest.param("stray = 1\n", "stray", "unknown section", id="unknown-top-level-key"),
        pytest.param("[brand]\nx = \"NorthwindCare\"\n", "brand.x", "must be a list of handles",
                     id="brand-not-a-list"),
        pytest.param("[brand]\nx = [\"ok\", 5]\n", "brand.x", "must be a list of handles",
                     id="brand-list-of-non-strings"),
        pytest.param("sla = 5\n", "sla", "must be a table", id="section-not-a-table"),
    ],
)
def test_a_bad_file_names_file_key_and_reason(
    tmp_path: Path, text: str, key: str, reason: str
) -> None:
    path = write(tmp_path, text)

    with pytest.raises(ConfigError) as raised:
        load_settings(path, environ={})

    error = raised.value
    assert error.source == str(path)
    assert error.key == key
    assert reason in error.reason
    assert str(error) == f"{path}: {key}: {error.reason}"


def test_unknown_setting_lists_the_known_ones(tmp_path: Path) -> None:
    path = write(tmp_path, "[sla]\nurgent_hour = 2\n")

    with pytest.raises(ConfigError) as raised:
        load_settings(path, environ={})

    assert "urgent_hours" in raised.value.reason
    assert "low_hours" in raised.value.reason


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"

    with pytest.raises(ConfigError) as raised:
        load_settings(path, environ={})

    assert raised.value.source == str(path)
    assert raised.value.key == "(file)"
    assert "no such file" in raised.value.reason


def test_a_missing_file_named_by_config_env_says_so(tmp_path: Path) -> None:
    path = tmp_path / "absent.toml"

    with pytest.raises(ConfigError, match="no such file") as raised:
        load_settings(environ={CONFIG_ENV: str(path)})

    assert raised.value.source == str(path)


def test_a_file_that_is_not_utf8_says_so(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(b"[smtp]\nusername = \"caf\xe9\"\n")

    with pytest.raises(ConfigError) as raised:
        load_settings(path, environ={})

    assert raised.value.key == "(file)"
    assert "utf-8" in raised.value.reason.lower()


def test_a_folder_instead_of_a_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        load_settings(tmp_path, environ={})

    assert raised.value.key == "(file)"


@pytest.mark.parametrize("value", ["nan", "inf", "+inf"])
def test_hours_must_be_finite(tmp_path: Path, value: str) -> None:
    """TOML allows nan and inf; neither is a number of hours (SLA arithmetic breaks).

    BUG: `_Reader.number` only checks `value <= 0`, which is False for nan and inf.
    """
    path = write(tmp_path, f"[sla]\nurgent_hours = {value}\n")

    with pytest.raises(ConfigError) as raised:
        load_settings(path, environ={})

    assert raised.value.key == "sla.urgent_hours"


def test_unknown_connector_section_is_named_in_full(tmp_path: Path) -> None:
    """A typo in [connectors.mastodon] must point at `connectors.mastodn`, not a bare
    `mastodn` that reads like a top-level section.

    BUG: `_Reader.reject_unknown` raises with the sub-table name only.
    """
    path = write(tmp_path, "[connectors.mastodn]\nbase_url = \"https://social.example.com\"\n")

    with pytest.raises(ConfigError) as raised:
        load_settings(path, environ={})

    assert raised.value.key == "connectors.mastodn"
    assert raised.value.reason == "unknown section"
