"""Settings: a TOML file read into typed, frozen dataclasses.

There is no import-time singleton: the CLI calls `load_settings` once and
hands the result down. Secrets never live in the file; the file names the
environment variable that holds each one (`*_env` keys).
"""

from __future__ import annotations

import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from caredesk.domain import Network, Priority

CONFIG_ENV = "CAREDESK_CONFIG"
DATABASE_URL_ENV = "CAREDESK_DATABASE_URL"
DEFAULT_DATABASE_URL = "sqlite:///caredesk.db"


class ConfigError(Exception):
    """A config file that cannot be used; the message names file, key and reason."""

    def __init__(self, source: str, key: str, reason: str) -> None:
        super().__init__(f"{source}: {key}: {reason}")
        self.source = source
        self.key = key
        self.reason = reason


@dataclass(frozen=True)
class XSettings:
    bearer_token_env: str = "CAREDESK_X_BEARER_TOKEN"
    page_size: int = 100


@dataclass(frozen=True)
class MastodonSettings:
    base_url: str = ""
    access_token_env: str = "CAREDESK_MASTODON_TOKEN"


@dataclass(frozen=True)
class BlueskySettings:
    handle: str = ""
    app_password_env: str = "CAREDESK_BLUESKY_APP_PASSWORD"


@dataclass(frozen=True)
class SmtpSettings:
    host: str = "localhost"
    port: int = 587
    starttls: bool = True
    username: str = ""
    password_env: str = "CAREDESK_SMTP_PASSWORD"
    from_address: str = "care@example.com"


@dataclass(frozen=True)
class NlpSettings:
    model_path: str = ""
    batch_size: int = 1000
    workers: int = 0
    """Processes `caredesk analyze` runs in; 0 means one per CPU core."""


@dataclass(frozen=True)
class SlaSettings:
    """First-response targets in hours, per priority."""

    urgent_hours: float = 1
    high_hours: float = 4
    normal_hours: float = 24
    low_hours: float = 72

    def hours_for(self, priority: Priority) -> float:
        return {
            Priority.URGENT: self.urgent_hours,
            Priority.HIGH: self.high_hours,
            Priority.NORMAL: self.normal_hours,
            Priority.LOW: self.low_hours,
        }[priority]


@dataclass(frozen=True)
class QueueSettings:
    high_visibility_followers: int = 10_000
    repeat_contact_cases: int = 3
    repeat_contact_days: int = 30


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    brand_accounts: Mapping[Network, tuple[str, ...]] = field(default_factory=dict)
    x: XSettings = XSettings()
    mastodon: MastodonSettings = MastodonSettings()
    bluesky: BlueskySettings = BlueskySettings()
    smtp: SmtpSettings = SmtpSettings()
    nlp: NlpSettings = NlpSettings()
    sla: SlaSettings = SlaSettings()
    queues: QueueSettings = QueueSettings()
    source: str = "(defaults)"


def secret(env_name: str) -> str | None:
    """Read a secret named by a settings `*_env` key; None when it is unset."""
    value = os.environ.get(env_name, "")
    return value or None


def load_settings(
    path: Path | None = None,
    *,
    database_url: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build settings from defaults, a TOML file and overrides, in that order.

    The file is `path`, else `$CAREDESK_CONFIG`, else none. The database URL
    is `database_url` (from `--db`), else `$CAREDESK_DATABASE_URL`, else the file.
    """
    env = os.environ if environ is None else environ
    if path is None and env.get(CONFIG_ENV):
        path = Path(env[CONFIG_ENV])
    settings = Settings() if path is None else _from_file(path)
    override = database_url or env.get(DATABASE_URL_ENV)
    if override:
        settings = replace(settings, database_url=override)
    return settings


def _from_file(path: Path) -> Settings:
    source = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(source, "(file)", "no such file; copy config.example.toml") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, "(syntax)", str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(source, "(file)", str(exc)) from None
    reader = _Reader(source, data)
    settings = Settings(
        database_url=reader.string("database", "url", DEFAULT_DATABASE_URL),
        brand_accounts=reader.brand_accounts(),
        x=XSettings(
            bearer_token_env=reader.string("connectors.x", "bearer_token_env",
                                           XSettings.bearer_token_env),
            page_size=reader.integer("connectors.x", "page_size", XSettings.page_size, 5, 100),
        ),
        mastodon=MastodonSettings(
            base_url=reader.string("connectors.mastodon", "base_url", ""),
            access_token_env=reader.string("connectors.mastodon", "access_token_env",
                                           MastodonSettings.access_token_env),
        ),
        bluesky=BlueskySettings(
            handle=reader.string("connectors.bluesky", "handle", ""),
            app_password_env=reader.string("connectors.bluesky", "app_password_env",
                                           BlueskySettings.app_password_env),
        ),
        smtp=SmtpSettings(
            host=reader.string("smtp", "host", SmtpSettings.host),
            port=reader.integer("smtp", "port", SmtpSettings.port, 1, 65535),
            starttls=reader.boolean("smtp", "starttls", SmtpSettings.starttls),
            username=reader.string("smtp", "username", ""),
            password_env=reader.string("smtp", "password_env", SmtpSettings.password_env),
            from_address=reader.string("smtp", "from_address", SmtpSettings.from_address),
        ),
        nlp=NlpSettings(
            model_path=reader.string("nlp", "model_path", ""),
            batch_size=reader.integer("nlp", "batch_size", NlpSettings.batch_size, 1, 100_000),
            workers=reader.integer("nlp", "workers", NlpSettings.workers, 0, 256),
        ),
        sla=SlaSettings(
            urgent_hours=reader.number("sla", "urgent_hours", SlaSettings.urgent_hours),
            high_hours=reader.number("sla", "high_hours", SlaSettings.high_hours),
            normal_hours=reader.number("sla", "normal_hours", SlaSettings.normal_hours),
            low_hours=reader.number("sla", "low_hours", SlaSettings.low_hours),
        ),
        queues=QueueSettings(
            high_visibility_followers=reader.integer(
                "queues", "high_visibility_followers",
                QueueSettings.high_visibility_followers, 0, 10**12),
            repeat_contact_cases=reader.integer("queues", "repeat_contact_cases",
                                                QueueSettings.repeat_contact_cases, 2, 1000),
            repeat_contact_days=reader.integer("queues", "repeat_contact_days",
                                               QueueSettings.repeat_contact_days, 1, 3650),
        ),
        source=source,
    )
    reader.reject_unknown()
    return settings


_KNOWN_KEYS: dict[str, set[str]] = {
    "database": {"url"},
    "brand": {network.value for network in Network},
    "connectors.x": {"bearer_token_env", "page_size"},
    "connectors.mastodon": {"base_url", "access_token_env"},
    "connectors.bluesky": {"handle", "app_password_env"},
    "smtp": {"host", "port", "starttls", "username", "password_env", "from_address"},
    "nlp": {"model_path", "batch_size", "workers"},
    "sla": {"urgent_hours", "high_hours", "normal_hours", "low_hours"},
    "queues": {"high_visibility_followers", "repeat_contact_cases", "repeat_contact_days"},
}


class _Reader:
    """Typed access to a parsed TOML document that reports the offending key."""

    def __init__(self, source: str, data: dict[str, Any]) -> None:
        self.source = source
        self.data = data

    def _table(self, dotted: str) -> dict[str, Any]:
        node: Any = self.data
        for part in dotted.split("."):
            node = node.get(part, {}) if isinstance(node, dict) else {}
            if not isinstance(node, dict):
                raise ConfigError(self.source, dotted, "must be a table")
        return node

    def _get(self, table: str, key: str, default: Any) -> Any:
        return self._table(table).get(key, default)

    def _fail(self, table: str, key: str, reason: str) -> ConfigError:
        return ConfigError(self.source, f"{table}.{key}", reason)

    def string(self, table: str, key: str, default: str) -> str:
        value = self._get(table, key, default)
        if not isinstance(value, str):
            raise self._fail(table, key, f"must be a string, got {value!r}")
        return value

    def boolean(self, table: str, key: str, default: bool) -> bool:
        value = self._get(table, key, default)
        if not isinstance(value, bool):
            raise self._fail(table, key, f"must be true or false, got {value!r}")
        return value

    def integer(self, table: str, key: str, default: int, low: int, high: int) -> int:
        value = self._get(table, key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise self._fail(table, key, f"must be a whole number, got {value!r}")
        if not low <= value <= high:
            raise self._fail(table, key, f"must be between {low} and {high}, got {value}")
        return value

    def number(self, table: str, key: str, default: float) -> float:
        value = self._get(table, key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self._fail(table, key, f"must be a number, got {value!r}")
        if not math.isfinite(value):
            raise self._fail(table, key, f"must be a finite number, got {value}")
        if value <= 0:
            raise self._fail(table, key, f"must be greater than 0, got {value}")
        return float(value)

    def brand_accounts(self) -> dict[Network, tuple[str, ...]]:
        accounts: dict[Network, tuple[str, ...]] = {}
        for network in Network:
            handles = self._get("brand", network.value, [])
            if not isinstance(handles, list) or not all(isinstance(h, str) for h in handles):
                raise self._fail("brand", network.value, "must be a list of handles")
            accounts[network] = tuple(h.lstrip("@").lower() for h in handles)
        return accounts

    def reject_unknown(self) -> None:
        """Unknown keys are almost always typos; say so instead of ignoring them."""
        for table, known in _KNOWN_KEYS.items():
            for key in self._table(table):
                if key not in known:
                    known_list = ", ".join(sorted(known))
                    raise self._fail(table, key, f"unknown setting; known: {known_list}")
        for key, value in self.data.items():
            if key == "connectors" and isinstance(value, dict):
                unknown = set(value) - {"x", "mastodon", "bluesky"}
            else:
                unknown = set() if key in {t.split(".")[0] for t in _KNOWN_KEYS} else {key}
            for name in sorted(unknown):
                section = f"connectors.{name}" if key == "connectors" else name
                raise ConfigError(self.source, section, "unknown section")
