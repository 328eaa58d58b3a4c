"""The public world: parsing presented credentials, resolvers, the check pipeline, the
verification page and API. May import `keys` and `common`; never `issuer`.

Public API: :func:`verify_credential` (-> :class:`VerificationReport`),
:func:`verify_presentation` (-> (HTTP status, VC-API result with ``credentialResults``)),
:class:`VerificationContext`, :func:`derive_verdict`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from verifier.context import VerificationContext
    from verifier.report import VerificationReport

__all__ = ["VerificationContext", "VerificationReport", "derive_verdict", "verify_credential", "verify_presentation"]


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


def __getattr__(name: str) -> Any:
    if name == "VerificationContext":
        from verifier.context import VerificationContext

        return VerificationContext
    if name == "VerificationReport":
        from verifier.report import VerificationReport

        return VerificationReport
    if name == "derive_verdict":
        from verifier.report import derive_verdict

        return derive_verdict
    raise AttributeError(name)
