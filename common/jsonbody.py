"""JSON request bodies: the one strict parser (:mod:`common.strictjson`) under every route,
typed pydantic request models behind it.

FastAPI's own body parsing (``json.loads``: NaN accepted, any depth) is replaced on every
router made with ``APIRouter(route_class=StrictJSONRoute)``: a JSON body is parsed by
:func:`common.strictjson.parse_json` before FastAPI validates it against the route's model. Routes that read a body by hand (a JSON-or-multipart
upload) call :func:`read_json` or :func:`read_model`.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

from common import i18n
from common.strictjson import MAX_JSON_DEPTH, parse_json

Model = TypeVar("Model", bound=BaseModel)


def is_json(request: Request) -> bool:
    """Whether the request says its body is JSON (``application/json`` or ``…+json``)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return ctype == "application/json" or (ctype.startswith("application/") and ctype.endswith("+json"))


def _language(request: Request) -> str:
    settings = getattr(getattr(request.app.state, "ctx", None), "settings", None)
    default = getattr(settings, "default_language", i18n.DEFAULT_LANGUAGE)
    return i18n.negotiate(request.query_params.get("lang"), request.headers.get("accept-language"), default)


async def read_json(request: Request) -> Any:
    """The request body parsed by :func:`parse_json` (once per request)."""
    if not hasattr(request.state, "strict_json"):
        request.state.strict_json = parse_json(await request.body(), _language(request))
    return request.state.strict_json


async def read_model(request: Request, model: type[Model]) -> Model:
    """The request body as `model`; a body that does not fit is the same 422 a typed body
    parameter gets (``validation-error`` with ``errors``)."""
    data = await read_json(request)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from None


class _StrictRequest(Request):
    async def json(self) -> Any:
        return await read_json(self)


class StrictJSONRoute(APIRoute):
    """A route whose JSON body goes through :func:`parse_json` before FastAPI reads it, so a
    typed body parameter never sees NaN, a lone surrogate or a thousand nested arrays."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict_handler(request: Request) -> Response:
            request = _StrictRequest(request.scope, request.receive)
            if is_json(request) and request.method in ("POST", "PUT", "PATCH"):
                await read_json(request)  # a Problem here reaches the app's handler as itself
            return await handler(request)

        return strict_handler


__all__ = ["MAX_JSON_DEPTH", "StrictJSONRoute", "is_json", "parse_json", "read_json", "read_model"]
