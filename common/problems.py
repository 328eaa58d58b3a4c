"""RFC 9457 problem details. Raise :class:`Problem` anywhere; the app turns it into an
``application/problem+json`` response whose ``title`` is translated, and the CLI into one line.

``type`` is stable: ``urn:dalel:problem:<code>``; ``code`` repeats the last part for clients
that prefer a short string. Titles live in the i18n catalogue under ``problem.<code>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from common import i18n

PROBLEM_TYPE_PREFIX = "urn:dalel:problem:"
MEDIA_TYPE = "application/problem+json"

i18n.register(
    {
        "problem.bad-request": {"kk": "Сұрау дұрыс емес", "ru": "Некорректный запрос", "en": "Bad request"},
        "problem.malformed-json": {
            "kk": "JSON құжаты қате жазылған",
            "ru": "JSON-документ повреждён",
            "en": "Malformed JSON document",
        },
        "problem.validation-error": {
            "kk": "Сұрау деректері тексеруден өтпеді",
            "ru": "Данные запроса не прошли проверку",
            "en": "The request data failed validation",
        },
        "problem.unsupported-media-type": {
            "kk": "Мазмұн түріне қолдау жоқ",
            "ru": "Неподдерживаемый тип содержимого",
            "en": "Unsupported content type",
        },
        "problem.payload-too-large": {
            "kk": "Сұрау денесі тым үлкен",
            "ru": "Тело запроса слишком велико",
            "en": "Request body too large",
        },
        "problem.not-found": {"kk": "Табылмады", "ru": "Не найдено", "en": "Not found"},
        "problem.method-not-allowed": {
            "kk": "Бұл әдіске рұқсат жоқ",
            "ru": "Метод не разрешён",
            "en": "Method not allowed",
        },
        "problem.unauthorized": {
            "kk": "Аутентификация қажет",
            "ru": "Требуется аутентификация",
            "en": "Authentication required",
        },
        "problem.forbidden": {"kk": "Рұқсат жоқ", "ru": "Доступ запрещён", "en": "Forbidden"},
        "problem.conflict": {"kk": "Қайшылық", "ru": "Конфликт", "en": "Conflict"},
        "problem.too-many-requests": {
            "kk": "Сұраулар тым көп",
            "ru": "Слишком много запросов",
            "en": "Too many requests",
        },
        "problem.not-acceptable": {
            "kk": "Сұралған пішім қолжетімсіз",
            "ru": "Запрошенный формат недоступен",
            "en": "Requested format not available",
        },
        "problem.service-unavailable": {
            "kk": "Қызмет уақытша қолжетімсіз",
            "ru": "Сервис временно недоступен",
            "en": "Service temporarily unavailable",
        },
        "problem.internal-error": {
            "kk": "Сервердің ішкі қатесі",
            "ru": "Внутренняя ошибка сервера",
            "en": "Internal server error",
        },
    }
)


class Problem(Exception):
    """A user-facing error. `code` names a registered title (``problem.<code>``);
    `detail` is a human sentence (already translated or language-neutral); `headers` go on the
    HTTP response (``WWW-Authenticate``, ``Retry-After``); `extra` members are added to the
    body (e.g. ``errors`` with per-field problems)."""

    def __init__(
        self, status: int, code: str, detail: str | None = None, *, headers: Mapping[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(detail or code)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers: dict[str, str] = dict(headers or {})
        self.extra = extra

    @property
    def type(self) -> str:
        return PROBLEM_TYPE_PREFIX + self.code

    def title(self, lang: str | None = None) -> str:
        key = f"problem.{self.code}"
        title = i18n.t(key, lang)
        return title if title != key else self.code.replace("-", " ").capitalize()

    def message(self, lang: str | None = None) -> str:
        """One line for a person: the translated title, then the detail if it adds anything
        (a detail that already says the title is not said twice)."""
        title = self.title(lang)
        detail = (self.detail or "").strip()
        if not detail or detail == title:
            return title
        if detail.startswith(title):
            return detail
        return f"{title}: {detail}"

    def to_dict(self, lang: str | None = None, instance: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"type": self.type, "title": self.title(lang), "status": self.status, "code": self.code}
        if self.detail:
            body["detail"] = self.detail
        if instance:
            body["instance"] = instance
        body.update(self.extra)
        return body

    def __str__(self) -> str:  # one line for the CLI
        return self.detail or self.title("en")


class BadInput(Problem):
    """400 with a code; for input a person or client sent."""

    def __init__(self, code: str, detail: str | None = None, **extra: Any) -> None:
        super().__init__(400, code, detail, **extra)


class NotFound(Problem):
    def __init__(self, detail: str | None = None, code: str = "not-found", **extra: Any) -> None:
        super().__init__(404, code, detail, **extra)
