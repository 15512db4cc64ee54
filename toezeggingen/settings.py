"""The one settings object, read once from the environment or a `.env` file, and checked when read.

A bad value (`TOEZEGGINGEN_REQUEST_TIMEOUT=abc`, `DATABASE_URL=mysql://…`, a source URL without a host)
raises pydantic's ValidationError; `describe_error` makes it the one line the CLI prints.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The databases the project runs on (and tests on): SQLite files and PostgreSQL through psycopg 3.
DATABASE_SCHEMES = ("sqlite", "sqlite+pysqlite", "postgres", "postgresql", "postgresql+psycopg")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_ignore_empty=True, extra="ignore")

    database_url: str | None = None
    data_dir: Path = Field(default=Path("data"), validation_alias="TOEZEGGINGEN_DATA_DIR")
    tk_syncfeed_url: str = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0"
    tk_odata_url: str = "https://gegevensmagazijn.tweedekamer.nl/OData/v5"
    ob_url: str = "https://zoek.officielebekendmakingen.nl"
    request_interval: float = Field(default=0.25, ge=0, validation_alias="TOEZEGGINGEN_REQUEST_INTERVAL")
    request_timeout: float = Field(default=60.0, gt=0, validation_alias="TOEZEGGINGEN_REQUEST_TIMEOUT")
    user_agent: str = Field(
        default="toezeggingen/0.1 (commitment tracker; https://github.com/toezeggingen)",
        validation_alias="TOEZEGGINGEN_USER_AGENT",
    )
    smtp_host: str | None = None
    smtp_port: int = Field(default=25, ge=1, le=65535)
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_ssl: bool = False  # SMTP over TLS from the first byte (port 465), instead of STARTTLS
    digest_from: str | None = None
    digest_rate: float = Field(default=60.0, gt=0)  # messages per minute at most
    dashboard_url: str = "http://localhost:8501"
    # Signs the unsubscribe and confirmation links; nothing is sent without it.
    secret_key: str | None = Field(default=None, validation_alias="TOEZEGGINGEN_SECRET_KEY")
    sync_minutes: float = Field(default=30.0, gt=0, validation_alias="TOEZEGGINGEN_SYNC_MINUTES")
    # Dashboard editors when Streamlit's OIDC login is not configured: "name:argon2hash,..." (editor-hash)
    dashboard_editors: str | None = None

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        scheme = value.split("://", 1)[0].lower() if "://" in value else ""
        if scheme not in DATABASE_SCHEMES:
            shown = scheme or value[:40]
            raise ValueError(f"unsupported database {shown!r}: use sqlite:///PATH or postgresql://…")
        return value

    @field_validator("tk_syncfeed_url", "tk_odata_url", "ob_url", "dashboard_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"not an http(s) URL with a host: {value!r}")
        return value

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return normalise_database_url(self.database_url)
        return f"sqlite:///{(self.data_dir / 'toezeggingen.db').resolve()}"


def normalise_database_url(url: str) -> str:
    """Accept the usual `postgres://` spellings and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def describe_error(exc: ValidationError) -> str:
    """The first problem of a ValidationError as one line naming the setting, as the user spells it."""
    err = exc.errors()[0]
    name = str(err["loc"][0]).upper() if err["loc"] else "settings"
    message = err["msg"].removeprefix("Value error, ")
    value = err.get("input")
    # URLs may carry a password, and a password is never echoed.
    secret = "URL" in name or "PASSWORD" in name
    shown = (
        f" (got {value!r})" if isinstance(value, str) and not secret and repr(value) not in message else ""
    )
    more = len(exc.errors()) - 1
    return f"bad setting {name}: {message}{shown}" + (f" (and {more} more)" if more else "")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
