"""Settings from the environment, read once, passed explicitly (no import-time globals)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = f"sqlite+aiosqlite:///{ROOT / 'data' / 'fabrique.sqlite3'}"


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE
    host: str = "0.0.0.0"
    port: int = 8000
    # The address phones use: http://<LAN address>:<port> unless set (behind a proxy, say).
    public_url: str = ""
    # On a hosted instance, only organisers who know this may create sessions.
    organiser_passphrase: str = ""
    # Extra origins allowed to open sockets (our own is always allowed).
    allowed_origins: tuple[str, ...] = ()
    frontend_dir: Path = ROOT / "frontend"
    vendor_dir: Path = ROOT / "node_modules"
    # Serve the screens bundled and versioned (server/assets.py); FABRIQUE_ASSETS=plain serves
    # the sources as they are (to compare, or to debug in the browser).
    bundle_assets: bool = True
    # Largest Socket.IO message accepted; commands are small (a note is 280 characters).
    max_message_bytes: int = 64 * 1024
    secure_cookies: bool = False
    # Several processes on the same sessions: change notices and presence go through Redis.
    redis_url: str = ""
    # The time zone the minutes give times in (the events are stamped in UTC).
    timezone: str = "Europe/Paris"
    # Where every session's minutes are published unless its facilitator sets otherwise: a
    # WebDAV folder (Nextcloud: .../remote.php/dav/files/<user>/<folder>, an app password) and
    # a Mattermost incoming webhook.
    publish_webdav_url: str = ""
    publish_webdav_user: str = ""
    publish_webdav_password: str = ""
    publish_webhook_url: str = ""
    # The first delay before publishing again after a failure; it doubles at each try.
    publish_retry_seconds: float = 30.0
    # Sessions with no activity for this many days are deleted with their whole log, at start-up
    # and each day (0: kept until their facilitator deletes them). README, *Your data*.
    retention_days: int = 90
    # Engine.IO's heartbeat: the server pings each socket this often (seconds) and drops one
    # that has not answered within the timeout (a phone asleep, out of range). Its participant
    # shows as away; the phone comes back with its token and gets what it missed.
    ping_interval: float = 25.0
    ping_timeout: float = 20.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        public_url = env.get("PUBLIC_URL", "").rstrip("/")
        return cls(
            database_url=env.get("DATABASE_URL") or DEFAULT_DATABASE,
            host=env.get("HOST") or "0.0.0.0",
            port=int(env.get("PORT") or 8000),
            public_url=public_url,
            organiser_passphrase=env.get("ORGANISER_PASSPHRASE", ""),
            allowed_origins=tuple(
                o.strip().rstrip("/")
                for o in env.get("ALLOWED_ORIGINS", "").split(",")
                if o.strip()
            ),
            secure_cookies=public_url.startswith("https://"),
            redis_url=env.get("REDIS_URL", ""),
            timezone=env.get("TIMEZONE") or "Europe/Paris",
            publish_webdav_url=env.get("PUBLISH_WEBDAV_URL", ""),
            publish_webdav_user=env.get("PUBLISH_WEBDAV_USER", ""),
            publish_webdav_password=env.get("PUBLISH_WEBDAV_PASSWORD", ""),
            publish_webhook_url=env.get("PUBLISH_WEBHOOK_URL", ""),
            publish_retry_seconds=float(env.get("PUBLISH_RETRY_SECONDS") or 30),
            retention_days=_days(env.get("RETENTION_DAYS")),
            ping_interval=float(env.get("PING_INTERVAL") or 25),
            ping_timeout=float(env.get("PING_TIMEOUT") or 20),
            bundle_assets=env.get("FABRIQUE_ASSETS", "").strip().lower() != "plain",
        )


def _days(value: str | None) -> int:
    if value is None or not value.strip():
        return Settings.retention_days
    days = int(value)
    if days < 0:
        raise ValueError("RETENTION_DAYS must be 0 (keep) or a number of days")
    return days
