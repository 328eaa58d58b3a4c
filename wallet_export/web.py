"""HTTP of the graduate's world, as one router for the app: the diploma's files and the login
link API (:mod:`wallet_export.downloads`), signing in and out (:mod:`wallet_export.login`) and
the graduate's page (:mod:`wallet_export.me`), laid out by :mod:`wallet_export.pages`."""

from __future__ import annotations

from fastapi import APIRouter

from wallet_export import downloads, login, me

router = APIRouter()
router.include_router(downloads.router)
router.include_router(login.router)
router.include_router(me.router)

__all__ = ["router"]
