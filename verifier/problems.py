"""Problems whose ``detail`` is a sentence of the verifier's catalogue: written in the
language of the request that receives it (the title always is; a plain Problem's detail is
fixed when raised)."""

from __future__ import annotations

from typing import Any

from common import i18n
from common.problems import Problem


class Localised(Problem):
    """A Problem whose detail is the catalogue message `key` with `params`."""

    def __init__(self, status: int, code: str, key: str, **params: Any) -> None:
        super().__init__(status, code, i18n.t(key, None, **params))
        self.key = key
        self.params = params

    def detail_in(self, lang: str | None) -> str:
        return i18n.t(self.key, lang, **self.params)

    def to_dict(self, lang: str | None = None, instance: str | None = None) -> dict[str, Any]:
        body = super().to_dict(lang, instance)
        body["detail"] = self.detail_in(lang)
        return body
