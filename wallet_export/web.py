"""HTTP of the graduate's world, as one router for the app: the diploma's files and the login
link API (:mod:`wallet_export.downloads`) and the graduate's pages (:mod:`wallet_export.me`,
laid out by :mod:`wallet_export.pages`)."""

from __future__ import annotations

from fastapi import APIRouter

from wallet_export import downloads, me

router = APIRouter()
router.include_router(downloads.router)
router.include_router(me.router)

__all__ = ["router"]
