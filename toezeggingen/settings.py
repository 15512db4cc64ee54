"""The one settings object, read once from the environment or a `.env` file."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_ignore_empty=True, extra="ignore")

    database_url: str | None = None
    data_dir: Path = Field(default=Path("data"), validation_alias="TOEZEGGINGEN_DATA_DIR")
    tk_syncfeed_url: str = "https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0"
    tk_odata_url: str = "https://gegevensmagazijn.tweedekamer.nl/OData/v5"
    ob_url: str = "https://zoek.officielebekendmakingen.nl"
    request_interval: float = Field(default=0.25, validation_alias="TOEZEGGINGEN_REQUEST_INTERVAL")
    request_timeout: float = Field(default=60.0, validation_alias="TOEZEGGINGEN_REQUEST_TIMEOUT")
    user_agent: str = Field(
        default="toezeggingen/0.1 (commitment tracker; https://github.com/toezeggingen)",
        validation_alias="TOEZEGGINGEN_USER_AGENT",
    )
    smtp_host: str | None = None
    smtp_port: int = 25
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


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
