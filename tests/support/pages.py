"""Reading the pages for people the way a test needs: the CSRF token of a form, the text."""

from __future__ import annotations

import re

_CSRF = re.compile(r'name="?csrf"? value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token the page's forms carry."""
    match = _CSRF.search(html)
    assert match is not None, "no CSRF token on the page"
    return match.group(1)
