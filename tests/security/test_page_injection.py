"""Nothing a credential says reaches the verification page as markup, in any language."""

from __future__ import annotations

import pytest

from tests.support.verifier import Key, diploma, sign
from verifier import verify_credential
from verifier.context import VerificationContext
from verifier.page import render_report

HOSTILE = '"><script>alert(1)</script><img src=x onerror=alert(2)>'


def _hostile_credential(issuer: Key) -> dict:
    credential = diploma(issuer)
    credential["issuer"]["name"] = HOSTILE
    credential["name"] = HOSTILE
    credential["credentialSubject"]["name"] = HOSTILE
    achievement = credential["credentialSubject"]["achievement"]
    achievement["name"] = [{"@value": HOSTILE, "@language": code} for code in ("kk", "ru", "en")]
    achievement["humanCode"] = HOSTILE
    achievement["achievementType"] = HOSTILE
    credential["documentNumber"] = {"series": HOSTILE, "number": HOSTILE}
    return credential


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
@pytest.mark.parametrize("signed", [True, False])
def test_credential_fields_are_escaped(lang, signed):
    issuer = Key.generate()
    credential = _hostile_credential(issuer)
    if signed:
        credential = sign(credential, issuer)
    report = verify_credential(credential, context=VerificationContext.build(None))
    html = render_report(report, lang, path='/v/"><script>x</script>', token='"><script>y</script>')
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered
    assert "&lt;script&gt;" in html  # shown as text, not dropped silently
