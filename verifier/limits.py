"""Bounded work per request: what one verification may cost, and the 422 it gets beyond.

======================================  ==============================  =======
limit                                   setting (``DALEL_…``)            default
======================================  ==============================  =======
proofs verified per credential          ``verify_max_proofs``            8
credentials per presentation            ``verify_max_credentials``       16
RDFC-1.0 canonicalisation steps         ``verify_work_steps``            20000
wall time of one fetch                  ``fetch_deadline_seconds``       5
wall time of all fetches of one request ``verify_deadline_seconds``      8
QR image: bytes / pixels                ``verify_max_image_pixels``      25 Mpx
======================================  ==============================  =======

A canonicalisation step is one Hash N-Degree Quads call or one blank node identifier issued
while trying a permutation (:class:`keys.jsonld.WorkBudget`): a Dalel diploma takes none, a
clique of blank nodes takes them by the thousand. Beyond a limit the request is answered
``422`` ``verification-over-budget`` (problem+json), in milliseconds: the budget is counted as
the work is done, and a document that ran out is remembered (:mod:`keys.jsonld`'s memo).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from common import i18n
from common.fetch import fetch_deadline
from keys import jsonld
from verifier.problems import Localised

i18n.register(
    {
        "problem.verification-over-budget": {
            "kk": "Тексеру рұқсат етілген жұмыс көлемінен асады",
            "ru": "Проверка требует больше работы, чем разрешено",
            "en": "Verifying this needs more work than a request is allowed",
        },
        "verifier.budget.proofs": {
            "kk": "Құжатта {count} қолтаңба бар, ең көбі {limit} тексеріледі",
            "ru": "В документе {count} подписей, проверяется не более {limit}",
            "en": "The document carries {count} proofs; at most {limit} are verified",
        },
        "verifier.budget.credentials": {
            "kk": "Ұсынымда {count} куәлік бар, ең көбі {limit} тексеріледі",
            "ru": "В презентации {count} удостоверений, проверяется не более {limit}",
            "en": "The presentation carries {count} credentials; at most {limit} are verified",
        },
        "verifier.budget.work": {
            "kk": "Құжатты канондық түрге келтіру тым көп есептеуді қажет етеді",
            "ru": "Канонизация документа требует слишком много вычислений",
            "en": "Canonicalising the document needs too much work",
        },
    }
)

# JSON-LD codes that mean "too much work", not "wrong document"
OVER_BUDGET_CODES = frozenset({jsonld.CANONICALIZATION_LIMIT, jsonld.WORK_BUDGET_EXCEEDED, jsonld.TOO_COMPLEX})


@dataclass(frozen=True)
class Limits:
    max_proofs: int = 8
    max_credentials: int = 16
    work_steps: int = 20_000
    deadline_seconds: float = 8.0
    max_image_pixels: int = 25_000_000

    @classmethod
    def from_settings(cls, settings: Any) -> Limits:
        defaults = cls()
        return cls(
            max_proofs=int(getattr(settings, "verify_max_proofs", defaults.max_proofs)),
            max_credentials=int(getattr(settings, "verify_max_credentials", defaults.max_credentials)),
            work_steps=int(getattr(settings, "verify_work_steps", defaults.work_steps)),
            deadline_seconds=float(getattr(settings, "verify_deadline_seconds", defaults.deadline_seconds)),
            max_image_pixels=int(getattr(settings, "verify_max_image_pixels", defaults.max_image_pixels)),
        )


class OverBudget(Localised):
    """422: the request needs more work than one verification is allowed."""

    def __init__(self, key: str = "verifier.budget.work", **params: Any) -> None:
        super().__init__(422, "verification-over-budget", key, **params)


def over_budget(exc: jsonld.JsonLdError) -> OverBudget | None:
    """The 422 for a JSON-LD error that means too much work, else None."""
    return OverBudget() if exc.code in OVER_BUDGET_CODES else None


@contextmanager
def bounded(limits: Limits) -> Iterator[None]:
    """Run one request's verification within its canonicalisation budget and fetch deadline;
    nested use (a presentation's credentials) shares the outer budget and deadline."""
    if jsonld.current_budget() is not None:
        yield
        return
    with jsonld.work_budget(limits.work_steps), fetch_deadline(limits.deadline_seconds):
        yield
