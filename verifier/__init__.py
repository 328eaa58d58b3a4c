"""The public world: parsing presented credentials, resolvers, the check pipeline, the
verification page and API. May import `keys` and `common`; never `issuer`.

Public API: :func:`verify_credential` (-> :class:`VerificationReport`),
:class:`VerificationContext`, :func:`derive_verdict`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from verifier.context import VerificationContext
    from verifier.report import VerificationReport

__all__ = ["VerificationContext", "VerificationReport", "derive_verdict", "verify_credential"]


def verify_credential(credential: Any, *, at: Any = None, context: Any = None, **kwargs: Any) -> VerificationReport:
    """Verify a credential (JSON object or text, or a VC-JWT); see :mod:`verifier.pipeline`."""
    from verifier.pipeline import verify_credential as _verify

    return _verify(credential, at=at, context=context, **kwargs)


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
