"""Deployment settings: environment variables (``DALEL_*`` and ``DATABASE_URL``) over an
optional TOML file (``DALEL_CONFIG``, or ``./dalel.toml`` when present) over defaults."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from common.files import is_private_file
from keys.did import institution_did
from keys.keystore import DEMO_PASSPHRASE_FILENAME

Role = Literal["all", "issuer", "verifier", "ministry"]
Language = Literal["kk", "ru", "en"]


def _config_file() -> Path | None:
    explicit = os.environ.get("DALEL_CONFIG")
    if explicit:
        return Path(explicit)
    default = Path("dalel.toml")
    return default if default.is_file() else None


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DALEL_", extra="ignore", populate_by_name=True)

    data_dir: Path = Field(default=Path(".dalel"), description="Where the SQLite file, keystore and caches live")
    database_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("DATABASE_URL", "DALEL_DATABASE_URL", "database_url"),
        description="SQLAlchemy URL; default: SQLite file in the data dir",
    )
    public_url: str = Field(default="http://127.0.0.1:8000", description="Base of every URL put into a credential or QR")
    role: Role = "all"
    keystore_passphrase: str | None = Field(default=None, repr=False)
    keystore_passphrase_file: Path | None = None
    default_language: Language = "kk"
    max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    log_format: Literal["auto", "json", "text"] = "auto"
    log_level: str = "INFO"
    # network safety for the single fetcher (did:web, status lists, trust lists)
    fetch_allow_hosts: list[str] = Field(default_factory=list)
    fetch_allow_http: bool = False
    fetch_allow_private: bool = False
    fetch_timeout_seconds: float = 5.0
    # extra certificate authorities (PEM) the fetcher trusts besides the public roots
    fetch_ca_file: Path | None = None
    verifier_bundle: Path | None = None
    # verifier: trust lists (URLs or files) and the DIDs allowed to sign them; in an `all`
    # deployment both default to this deployment's own /trust-list and ministry DID
    trust_lists: list[str] = Field(default_factory=list)
    trust_anchors: list[str] = Field(default_factory=list)
    # a verifier-only deployment reads tokens from an upstream Dalel (GET /api/v1/credentials/by-token/{token})
    verifier_upstream_url: str | None = None
    # per-client rate limit of the verify endpoints: requests per minute and burst (0 = off)
    verify_rate_per_minute: float = Field(default=60.0, ge=0)
    verify_rate_burst: int = Field(default=20, ge=1)
    # bounded work per verification request (verifier/limits.py, docs/verifier.md): beyond them a 422
    verify_max_proofs: int = Field(default=8, ge=1, le=64)
    verify_max_credentials: int = Field(default=16, ge=1, le=256)
    verify_work_steps: int = Field(default=20_000, ge=1_000)
    verify_deadline_seconds: float = Field(default=8.0, gt=0, description="all fetches of one verification")
    fetch_deadline_seconds: float = Field(default=5.0, gt=0, description="one fetch, redirects and streaming included")
    verify_max_image_pixels: int = Field(default=25_000_000, ge=100_000)
    # VC-API issue endpoint: an operator token until responsible-person tokens are used. It acts
    # for every institution (issue, revoke, export), so a guessable one is refused at start-up
    vcapi_token: str | None = Field(default=None, repr=False, min_length=24)
    number_width: int = Field(default=8, ge=4, le=12)
    # PDF signatures: an operator CA that issues the institutions' certificates (else self-signed)
    pdf_ca_cert: Path | None = None
    pdf_ca_key: Path | None = None
    pdf_ca_key_password: str | None = Field(default=None, repr=False)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        path = _config_file()
        if path is not None:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
        return tuple(sources)

    @field_validator("public_url")
    @classmethod
    def _check_public_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("DALEL_PUBLIC_URL must be an absolute http(s) URL")
        if parts.query or parts.fragment:
            raise ValueError("DALEL_PUBLIC_URL must not carry a query or fragment")
        return value.rstrip("/")

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            url = self.database_url
            if url.startswith("postgresql://") or url.startswith("postgres://"):
                url = "postgresql+psycopg://" + url.split("://", 1)[1]
            return url
        return f"sqlite:///{(self.data_dir / 'dalel.sqlite3').resolve()}"

    @property
    def effective_trust_lists(self) -> list[str]:
        """Configured trust lists; in an `all` deployment, this deployment's own /trust-list."""
        if self.trust_lists:
            return list(self.trust_lists)
        return [f"{self.public_url}/trust-list"] if self.role == "all" else []

    @property
    def effective_trust_anchors(self) -> list[str]:
        """DIDs allowed to sign trust lists; in an `all` deployment, this deployment's ministry."""
        if self.trust_anchors:
            return list(self.trust_anchors)
        if self.role == "all":
            return [institution_did(self.public_url, "ministry")]
        return []

    @property
    def keystore_dir(self) -> Path:
        return self.data_dir / "keystore"

    @property
    def demo_passphrase_file(self) -> Path:
        """Where ``dalel demo`` keeps the random passphrase of its keystore."""
        return self.data_dir / DEMO_PASSPHRASE_FILENAME

    @property
    def effective_keystore_passphrase_file(self) -> Path | None:
        """The configured passphrase file; without a passphrase or a file configured, the
        demo's file in the data directory, if it is a regular file of this user that nobody
        else may read (so commands run beside ``dalel demo`` need no variable)."""
        if self.keystore_passphrase_file or self.keystore_passphrase:
            return self.keystore_passphrase_file
        return self.demo_passphrase_file if is_private_file(self.demo_passphrase_file) else None

    def serves(self, role: str) -> bool:
        """Whether this deployment mounts the routers of `role`."""
        return self.role == "all" or self.role == role


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
