"""OpenAPI building blocks shared by every router: the RFC 9457 problem body as a schema, and
the `responses=` entries a route declares for the problems it can answer.

    @router.post("/api/v1/things", responses=problem_responses(401, 404, 409, 413, 422, 429))

Each entry documents ``application/problem+json`` with the :class:`ProblemDetails` schema, so a
client generated from ``/openapi.json`` knows every error shape it will meet.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from common.problems import MEDIA_TYPE

_DESCRIPTIONS = {
    400: "Bad request (malformed JSON, a value out of range)",
    401: "Authentication required (missing, unknown or revoked token)",
    403: "Forbidden (the token lacks the scope, or belongs to another institution)",
    404: "Not found",
    405: "Method not allowed",
    406: "The requested format is not available",
    409: "Conflict with the current state",
    413: "Request body too large",
    415: "Unsupported content type",
    422: "The request data failed validation",
    429: "Too many requests (see Retry-After)",
    503: "Service temporarily unavailable",
}


class ProblemDetails(BaseModel):
    """An RFC 9457 problem: ``type`` is stable (``urn:dalel:problem:<code>``), ``title`` is
    translated (``?lang=`` or Accept-Language), ``request_id`` matches ``X-Request-ID``."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(examples=["urn:dalel:problem:not-found"])
    title: str = Field(examples=["Not found"])
    status: int = Field(examples=[404])
    code: str = Field(examples=["not-found"])
    detail: str | None = None
    instance: str | None = Field(default=None, examples=["/api/v1/diplomas/BD/99999999"])
    request_id: str | None = None


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: each status documented as a problem+json body."""
    return {
        status: {
            "model": ProblemDetails,
            "description": _DESCRIPTIONS.get(status, "Problem"),
            "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}},
        }
        for status in statuses
    }
