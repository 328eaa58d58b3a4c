"""What a verification needs from its surroundings: the fetcher (network or offline bundle),
a DID resolver, the trust lists, the status checker, the limits of one request
(:mod:`verifier.limits`). Built once per deployment (or per CLI run) and reused; tests build
their own with throwaway parts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from common.fetch import Fetcher
from keys.resolve import DidResolver
from verifier.limits import Limits
from verifier.status_list import StatusListCache
from verifier.trust import TrustStore

StatusChecker = Callable[..., Any]


@dataclass
class VerificationContext:
    fetcher: Fetcher | None
    resolver: Any  # keys.signer.KeyResolver with .resolve_key
    trust: TrustStore
    status_checker: StatusChecker | None = None  # default: verifier.status.check_credential_status
    status_cache: Any = None  # verifier.status.StatusListCache
    limits: Limits = field(default_factory=Limits)

    def __post_init__(self) -> None:
        if self.status_cache is None:
            self.status_cache = StatusListCache()

    @classmethod
    def build(
        cls,
        fetcher: Fetcher | None,
        *,
        trust_lists: list[str] | None = None,
        trust_anchors: list[str] | None = None,
        status_checker: StatusChecker | None = None,
        limits: Limits | None = None,
    ) -> VerificationContext:
        resolver = DidResolver(fetcher.get_json if fetcher is not None else None, allow_http_localhost=True)
        trust = TrustStore(trust_lists or [], trust_anchors or [], fetcher=fetcher, resolve_key=resolver)
        return cls(
            fetcher=fetcher, resolver=resolver, trust=trust, status_checker=status_checker, limits=limits or Limits()
        )

    @classmethod
    def from_settings(cls, settings: Any, fetcher: Fetcher | None = None) -> VerificationContext:
        """For a deployment: its fetcher (or one from the settings), its trust lists and anchors
        (``effective_trust_lists`` / ``effective_trust_anchors`` when the settings have them).
        With an offline bundle whose manifest names trust lists, those are used too; its trust
        anchors only when none are configured (a bundle must not widen the configured trust:
        whoever wrote it could otherwise name their own list and its signer)."""
        fetcher = fetcher or Fetcher.from_settings(settings)
        lists = list(getattr(settings, "effective_trust_lists", None) or getattr(settings, "trust_lists", []) or [])
        anchors = list(
            getattr(settings, "effective_trust_anchors", None) or getattr(settings, "trust_anchors", []) or []
        )
        if fetcher.bundle is not None:
            lists += [u for u in fetcher.bundle.trust_lists if u not in lists]
            if not anchors:
                anchors = list(dict.fromkeys(fetcher.bundle.trust_anchors))
        return cls.build(fetcher, trust_lists=lists, trust_anchors=anchors, limits=Limits.from_settings(settings))

    @classmethod
    def default(cls) -> VerificationContext:
        """For library use without a deployment: pinned contexts, did:key offline, did:web and
        status lists from any public https host (no private addresses), no trust list (so a
        credential can at best be ``untrusted``)."""
        return cls.build(Fetcher(["*"]))


_default: VerificationContext | None = None
_default_factory: Callable[[], VerificationContext | None] | None = None


def set_default_factory(factory: Callable[[], VerificationContext | None] | None) -> None:
    """Where :func:`default_context` comes from: ``dalel.app.create_app`` installs the
    deployment's context (its settings and fetcher), so in-process callers of
    ``verifier.verify_credential(c)`` verify as the deployment does. None restores the
    library default."""
    global _default_factory
    _default_factory = factory


def default_context() -> VerificationContext:
    """The deployment's context when an app installed one, else :meth:`VerificationContext.default`."""
    global _default
    if _default_factory is not None:
        ctx = _default_factory()
        if ctx is not None:
            return ctx
    if _default is None:
        _default = VerificationContext.default()
    return _default
