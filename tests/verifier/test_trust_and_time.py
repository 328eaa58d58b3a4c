"""Who the page says it is, and time semantics a thief cannot use (issue 12.3, 12.4b, 12.4c):
the institution's name comes from the trust list; accreditation holds at the award date and
when the credential was signed; a trust list outside its own validity is refused, whatever
moment a verification asks about."""

from __future__ import annotations

import json

from tests.support.verifier import (
    Key,
    diploma,
    entry,
    institution_accreditation,
    sign,
    trust_list,
    write_json,
)
from verifier import verify_credential
from verifier.page import render_report


def _names(*pairs):
    return [{"@value": text, "@language": lang} for lang, text in pairs]


def test_the_institution_is_named_as_the_trust_list_names_it(tmp_path, make_ctx, ministry):
    """A registrar of an accredited "Evil University" issues a credential naming itself
    "Dalel Demo University": the report and the page name Evil University, show the claim, warn."""
    evil = Key.generate()
    listed = entry(evil.did)
    listed["name"] = _names(("kk", "Зұлым университеті"), ("ru", "Злой университет"), ("en", "Evil University"))
    tl = write_json(tmp_path / "tl.json", trust_list(ministry, [listed]))
    credential = diploma(evil)
    credential["issuer"]["name"] = "Dalel Demo University"
    report = verify_credential(sign(credential, evil), context=make_ctx(trust_lists=[str(tl)]))
    assert report.verdict == "valid"
    trust = report.check("issuer_trust")
    assert (trust.status, trust.code) == ("warning", "name_differs")
    assert report.credential["institution"]["en"] == "Evil University"
    assert report.credential["institution_claimed"] == "Dalel Demo University"
    for lang, name in (("kk", "Зұлым университеті"), ("ru", "Злой университет"), ("en", "Evil University")):
        html = render_report(report, lang, path="/v/x")
        details = html[html.index('data-confirmed="true"'):]
        assert details.index(name) < details.index("Dalel Demo University")  # the list's name first
        assert 'class="warn">Dalel Demo University' in html


def test_a_name_the_trust_list_also_gives_is_no_warning(make_ctx, uni, signed_diploma):
    report = verify_credential(signed_diploma, context=make_ctx())  # "Demo University" both
    assert report.check("issuer_trust").status == "passed"
    assert "institution_claimed" not in report.credential


def test_an_unlisted_issuer_is_named_only_as_it_claims(make_ctx):
    outsider = Key.generate()
    report = verify_credential(sign(diploma(outsider), outsider), context=make_ctx())
    assert report.verdict == "untrusted"
    assert report.credential["institution"] is None
    assert report.credential["institution_claimed"] == "Demo University"
    assert "no trust list confirms it" in render_report(report, "en", path="/v/x")


def test_accreditation_must_hold_when_the_credential_was_signed(tmp_path, make_ctx, ministry):
    """Signed in 2026 by an institution accredited until 2020, claiming validFrom 2019: not
    accredited (12.4b)."""
    uni = Key.generate()
    listed = entry(uni.did, institution_accreditation("2015-01-01", "2020-12-31"))
    tl = write_json(tmp_path / "tl.json", trust_list(ministry, [listed]))
    ctx = make_ctx(trust_lists=[str(tl)])
    backdated = sign(diploma(uni, valid_from="2019-06-30T00:00:00Z"), uni, created="2026-07-01T10:00:00Z")
    report = verify_credential(backdated, context=ctx)
    assert (report.check("accreditation").status, report.check("accreditation").code) == (
        "failed", "not_accredited_at_signing")
    assert report.verdict == "untrusted"
    honest = sign(diploma(uni, valid_from="2019-06-30T00:00:00Z"), uni, created="2019-06-30T10:00:00Z")
    assert verify_credential(honest, context=ctx).check("accreditation").status == "passed"


def _list_file(tmp_path, ministry, uni, **dates):
    document = trust_list(ministry, [entry(uni.did)])
    document.pop("proof")
    document.update(dates)
    from keys.dataintegrity import add_proof

    return write_json(tmp_path / "tl.json", add_proof(document, ministry, cryptosuite="eddsa-jcs-2022"))


def test_a_trust_list_not_yet_valid_is_refused(tmp_path, make_ctx, ministry, uni, signed_diploma):
    tl = _list_file(tmp_path, ministry, uni, validFrom="2099-01-01T00:00:00Z", validUntil="2099-12-31T00:00:00Z")
    report = verify_credential(signed_diploma, context=make_ctx(trust_lists=[str(tl)]))
    assert report.check("issuer_trust").status != "passed" and report.verdict != "valid"


def test_an_expired_trust_list_is_refused_even_for_a_past_moment(tmp_path, make_ctx, ministry, uni, signed_diploma):
    """`at=` judges the credential, not which trust lists are current: a lookup as of 2025 must
    not put a list that expired in 2025 back into the cache for now (12.4c)."""
    tl = _list_file(tmp_path, ministry, uni, validFrom="2020-01-01T00:00:00Z", validUntil="2025-12-31T00:00:00Z")
    ctx = make_ctx(trust_lists=[str(tl)])
    past = verify_credential(signed_diploma, context=ctx, at="2025-07-01")
    assert past.check("issuer_trust").status != "passed"
    now = verify_credential(signed_diploma, context=ctx)
    assert now.check("issuer_trust").status != "passed" and now.verdict != "valid"
    usable, errors = ctx.trust.lists()
    assert not usable and [e.code for e in errors] == ["trust_list_expired"]


def test_a_cached_trust_list_is_dropped_when_it_expires(tmp_path, make_ctx, ministry, uni, signed_diploma, monkeypatch):
    from datetime import UTC, datetime, timedelta

    import verifier.trust as trust

    until = datetime.now(UTC) + timedelta(hours=1)
    tl = _list_file(tmp_path, ministry, uni, validUntil=until.strftime("%Y-%m-%dT%H:%M:%SZ"))
    ctx = make_ctx(trust_lists=[str(tl)])
    assert verify_credential(signed_diploma, context=ctx).verdict == "valid"

    class Later(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.now(tz) + timedelta(hours=2)

    monkeypatch.setattr(trust, "datetime", Later)
    assert ctx.trust.lists()[0] == []  # the cached list has expired: not used


def test_json_report_keeps_its_fields(make_ctx, signed_diploma):
    body = json.loads(json.dumps(verify_credential(signed_diploma, context=make_ctx()).to_dict()))
    assert set(body) == {"verdict", "checks", "credential", "verified_at"}
    assert body["credential"]["confirmed"] is True
