"""OpenAPI building blocks shared by every router: the RFC 9457 problem body as a schema, the
`responses=` entries a route declares for the problems it can answer, and :func:`document`,
which the app factory calls once so that the whole document says what the app does.

    @router.post("/api/v1/things", responses=problem_responses(401, 404, 409, 413, 422, 429))

Each entry documents ``application/problem+json`` (and only that: the app answers every error
so) with the :class:`ProblemDetails` schema, so a client generated from ``/openapi.json`` knows
every error shape it will meet.
"""

from __future__ import annotations

from collections.abc import Callable
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
_REF = "#/components/schemas/ProblemDetails"
_FIELD_ERROR_REF = "#/components/schemas/FieldError"


class FieldError(BaseModel):
    """One field that failed: where (``loc``, or the cohort ``row`` and ``column``) and why."""

    model_config = ConfigDict(extra="allow")

    loc: list[str] | None = Field(default=None, examples=[["body", "rows", "0", "family_name"]])
    row: int | None = None
    column: str | None = None
    message: str = Field(examples=["Input should be a valid string"])
    code: str | None = None
    type: str | None = None


class ProblemDetails(BaseModel):
    """An RFC 9457 problem: ``type`` is stable (``urn:dalel:problem:<code>``), ``title`` is
    translated (``?lang=`` or Accept-Language), ``request_id`` matches ``X-Request-ID``."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [{
        "type": "urn:dalel:problem:diploma-not-found", "title": "No diploma with this series and number",
        "status": 404, "code": "diploma-not-found", "detail": "BD 99999999",
        "instance": "/api/v1/diplomas/BD/99999999", "request_id": "3f2a9c1e5b7d4a60"}]})

    type: str = Field(examples=["urn:dalel:problem:not-found"])
    title: str = Field(examples=["Not found"])
    status: int = Field(examples=[404])
    code: str = Field(examples=["not-found"])
    detail: str | None = None
    instance: str | None = Field(default=None, examples=["/api/v1/diplomas/BD/99999999"])
    request_id: str | None = None
    errors: list[FieldError] | None = Field(default=None, description="Each field or cohort cell that failed")


_COMPONENTS: list[type[BaseModel]] = [ProblemDetails]


def component_ref(model: type[BaseModel]) -> dict[str, str]:
    """``{"$ref": …}`` to `model`'s schema, which :func:`complete` adds to the document's
    components: for a body a route reads by hand and documents with ``openapi_extra``."""
    if model not in _COMPONENTS:
        _COMPONENTS.append(model)
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def _problem_content() -> dict[str, Any]:
    return {MEDIA_TYPE: {"schema": {"$ref": _REF}}}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` for a route: each status documented as a problem+json body."""
    return {status: {"description": _DESCRIPTIONS.get(status, "Problem"), "content": _problem_content()}
            for status in statuses}


def _is_error(status: str) -> bool:
    return status[:1] in ("4", "5") and status[1:].isdigit() or status in ("4XX", "5XX")


def _refs(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str):
            found.add(ref.rsplit("/", 1)[-1])
        for value in node.values():
            _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)


def _own_model(response: dict[str, Any]) -> bool:
    """Whether an error response documents a body of its own (e.g. a VC-API result with
    ``verified: false``), not FastAPI's default or the problem schema."""
    refs: set[str] = set()
    _refs(response.get("content") or {}, refs)
    return bool(refs - {"ProblemDetails", "HTTPValidationError", "ValidationError"})


def complete(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` (FastAPI's document) made true to the app: every error response is a problem
    (FastAPI's own 422 ``HTTPValidationError`` included, which the app never sends), and the
    problem schemas are among the components."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in _COMPONENTS:
        model_schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in model_schema.pop("$defs", {}).items():
            components.setdefault(name, sub)
        components.setdefault(model.__name__, model_schema)
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            page = "text/html" in ((operation["responses"].get("200") or {}).get("content") or {})
            for status, response in operation["responses"].items():
                if _is_error(str(status)):
                    # a problem always; beside it a body of the route's own (a VC-API result with
                    # verified: false) or, for a page for people, the error page
                    own = (response.get("content") or {}) if _own_model(response) else {}
                    if page:
                        own = {"text/html": {"schema": {"type": "string"}}, **own}
                    response["content"] = {**own, **_problem_content()}
                    if response.get("description") == "Validation Error":
                        response["description"] = _DESCRIPTIONS[422]
    used: set[str] = set()
    _refs({k: v for k, v in schema.items() if k != "components"}, used)
    _refs(components, used)  # schemas that used schemas name
    for name in ("HTTPValidationError", "ValidationError"):
        if name not in used:
            components.pop(name, None)
    return schema


def document(app: Any) -> None:
    """Make ``app.openapi()`` return :func:`complete` of FastAPI's document (built once)."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if not getattr(app, "_dalel_openapi_done", False):
            complete(build())  # FastAPI keeps the document in app.openapi_schema
            app._dalel_openapi_done = True
        return app.openapi_schema

    app.openapi = openapi


__all__ = ["FieldError", "ProblemDetails", "complete", "component_ref", "document", "problem_responses"]
