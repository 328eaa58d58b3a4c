"""The public world: parsing presented credentials, resolvers, the check pipeline, the
verification page and API. May import `keys` and `common`; never `issuer` or `wallet_export`.

Public API: :func:`verify_credential` (-> :class:`VerificationReport`),
:func:`verify_presentation` (-> (HTTP status, VC-API result with ``credentialResults``)),
:func:`verify` (anything presented: a credential, presentation, link, QR payload, PDF, image
-> :class:`verifier.dispatch.Outcome`), :class:`VerificationContext`, :func:`derive_verdict`.
The map is docs/verifier.md."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from verifier.context import VerificationContext
    from verifier.report import VerificationReport

__all__ = ["VerificationContext", "VerificationReport", "derive_verdict", "verify", "verify_credential",
           "verify_presentation"]


def verify_credential(credential: Any, *, at: Any = None, context: Any = None, **kwargs: Any) -> VerificationReport:
    """Verify a credential (JSON object or text, or a VC-JWT); see :mod:`verifier.pipeline`."""
    from verifier.pipeline import verify_credential as _verify

    return _verify(credential, at=at, context=context, **kwargs)


def verify_presentation(
    presentation: dict[str, Any], *, options: dict[str, Any] | None = None, context: Any = None
) -> tuple[int, dict[str, Any]]:
    """Verify a verifiable presentation: its own proof (if any) and each embedded credential as
    its own document; see :mod:`verifier.presentation`."""
    from verifier.presentation import verify_presentation as _verify

    return _verify(presentation, options, context)


def verify(value: Any, *, context: Any = None, at: Any = None, **kwargs: Any) -> Any:
    """Verify anything presented; see :mod:`verifier.dispatch`."""
    from verifier.context import default_context
    from verifier.dispatch import verify_any

    return verify_any(value, context or default_context(), at=at, **kwargs)


def __getattr__(name: str) -> Any:
    # lazily: importing the package must not load the JSON-LD processor (the CLI starts fast)
    if name == "VerificationContext":
        from verifier.context import VerificationContext

        return VerificationContext
    if name in ("VerificationReport", "derive_verdict"):
        from verifier import report

        return getattr(report, name)
    raise AttributeError(name)
