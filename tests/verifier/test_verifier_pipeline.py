"""Each named check's pass and fail paths, and the verdict derived from them."""

from __future__ import annotations

import copy
import json

import httpx
import pytest

from common import i18n
from tests.support.verifier import (
    FakeStatus,
    Key,
    diploma,
    entry,
    institution_accreditation,
    programme_accreditation,
    sign,
    trust_list,
    write_json,
)
from verifier import verify_credential
from verifier.report import CHECK_IDS, Check, derive_verdict


def _check(report, check_id):
    found = report.check(check_id)
    assert found is not None, check_id
    return found


def _statuses(report):
    return {c.id: (c.status, c.code) for c in report.checks}


def serve(documents: dict[str, dict]):
    def handler(request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        if url in documents:
            return httpx.Response(200, json=documents[url])
        return httpx.Response(404)

    return handler


WEB_DID = "did:web:uni.example:institutions:demo"
WEB_DID_URL = "https://uni.example/institutions/demo/did.json"


# --------------------------------------------------------------------------- the happy path


def test_valid_diploma_passes_every_check_in_order(make_ctx, signed_diploma):
    report = verify_credential(signed_diploma, context=make_ctx())
    assert report.verdict == "valid"
    optional = {"related_resource", "holder_binding"}  # reported only where they apply
    assert [c.id for c in report.checks] == [i for i in CHECK_IDS if i not in optional]
    assert all(c.status == "passed" for c in report.checks if c.id != "supersession")
    assert _check(report, "supersession").code == "not_applicable"


def test_report_shape_and_languages(make_ctx, signed_diploma):
    body = verify_credential(signed_diploma, context=make_ctx()).to_dict()
    assert set(body) == {"verdict", "checks", "credential", "verified_at"}
    for check in body["checks"]:
        assert {"id", "status", "code", "message"} <= set(check)
        assert set(check["message"]) == {"kk", "ru", "en"}
        assert all(check["message"][lang] for lang in ("kk", "ru", "en"))
        assert "{" not in "".join(check["message"].values())
    summary = body["credential"]
    assert summary["holder"] == "Aigerim Nurlanovna"
    assert summary["series_number"] == "BD 00012345"
    assert summary["award_date"] == "2024-06-30"
    assert summary["programme_code"] == "6B06101"
    assert summary["institution"] == {"en": "Demo University"}  # as the trust list names it
    assert summary["confirmed"] is True and "institution_claimed" not in summary
    assert "identityHash" not in json.dumps(body) and "salt" not in json.dumps(summary)
    assert body["verified_at"].endswith("Z")


def test_report_is_dict_like(make_ctx, signed_diploma):
    report = verify_credential(signed_diploma, context=make_ctx())
    assert report["verdict"] == "valid" and dict(report)["verdict"] == "valid"


def test_rdfc_signed_diploma_verifies(make_ctx, uni):
    credential = sign(diploma(uni), uni, cryptosuite="eddsa-rdfc-2022")
    assert verify_credential(credential, context=make_ctx()).verdict == "valid"


def test_json_text_is_accepted(make_ctx, signed_diploma):
    report = verify_credential(json.dumps(signed_diploma), context=make_ctx())
    assert report.verdict == "valid"


# --------------------------------------------------------------------------- format


def test_format_fails_for_a_non_credential(make_ctx):
    report = verify_credential({"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["Thing"]}, context=make_ctx())
    assert _check(report, "format").status == "failed"
    assert report.verdict == "invalid"


def test_diplomas_issued_with_a_published_salt_still_verify(make_ctx, uni):
    """Dalel no longer publishes the salt of identityHash (the issuer's schema forbids it), but a
    diploma signed before that change is still the issuer's: the verifier's copy accepts it."""
    credential = diploma(uni)
    credential["credentialSubject"]["identifier"][0]["salt"] = "0c304bdf95fc8c04eb34fba3e741d487"
    report = verify_credential(sign(credential, uni), context=make_ctx())
    assert _check(report, "format").status == "passed"


def test_format_fails_on_the_schema_of_a_known_type(make_ctx, uni):
    credential = diploma(uni)
    credential["documentNumber"]["series"] = "XX"
    report = verify_credential(sign(credential, uni), context=make_ctx())
    fmt = _check(report, "format")
    assert (fmt.status, fmt.code) == ("failed", "schema_invalid")
    assert "documentNumber" in fmt.message["en"]
    assert report.verdict == "invalid"


def test_format_fails_for_an_undefined_term_added_after_signing(make_ctx, uni, signed_diploma):
    credential = copy.deepcopy(signed_diploma)
    credential["credentialSubject"]["achievement"]["gpa"] = "4.0"
    report = verify_credential(credential, context=make_ctx())
    assert report.verdict == "invalid"
    assert _check(report, "format").status == "failed" or _check(report, "proof").status == "failed"


def test_format_fails_for_a_bad_date(make_ctx, uni):
    credential = diploma(uni)
    credential["validFrom"] = "30.06.2024"
    report = verify_credential(credential, context=make_ctx())
    assert _check(report, "format").code in ("invalid_date", "schema_invalid")
    assert report.verdict == "invalid"


# --------------------------------------------------------------------------- proof


def test_proof_fails_when_one_character_changes(make_ctx, signed_diploma):
    credential = copy.deepcopy(signed_diploma)
    credential["credentialSubject"]["name"] = "Aigerim Nurlanovnb"
    report = verify_credential(credential, context=make_ctx())
    proof = _check(report, "proof")
    assert (proof.status, proof.code) == ("failed", "invalid_signature")
    assert report.verdict == "invalid"


def test_proof_fails_without_a_proof(make_ctx, uni):
    report = verify_credential(diploma(uni), context=make_ctx())
    assert _check(report, "proof").code == "no_proof"
    assert report.verdict == "invalid"


def test_proof_by_another_key_fails_issuer_key(make_ctx, uni):
    intruder = Key.generate()
    credential = sign(diploma(uni), intruder)  # the issuer claims to be uni
    report = verify_credential(credential, context=make_ctx())
    assert _check(report, "issuer_key").status == "failed"
    assert report.verdict == "invalid"


# --------------------------------------------------------------------------- issuer_key (did:web)


def _web_setup(tmp_path, ministry, *, revoked=None, created="2024-06-30T08:00:00Z"):
    key = Key.generate(WEB_DID)
    credential = sign(diploma(key), key, created=created)
    tl = write_json(tmp_path / "tl-web.json", trust_list(ministry, [entry(WEB_DID)]))
    documents = {WEB_DID_URL: key.did_document(revoked=revoked)}
    return key, credential, tl, documents


def test_issuer_key_resolves_from_did_web(tmp_path, make_ctx, ministry):
    _key, credential, tl, documents = _web_setup(tmp_path, ministry)
    report = verify_credential(credential, context=make_ctx(trust_lists=[str(tl)], transport=serve(documents)))
    assert _check(report, "issuer_key").status == "passed"
    assert report.verdict == "valid"


def test_issuer_key_compromised_before_signing_fails(tmp_path, make_ctx, ministry):
    _key, credential, tl, documents = _web_setup(tmp_path, ministry, revoked="2024-01-01T00:00:00Z")
    report = verify_credential(credential, context=make_ctx(trust_lists=[str(tl)], transport=serve(documents)))
    # the proof itself fails (signed after the compromise); what it covers is not checked further
    assert (_check(report, "proof").status, _check(report, "proof").code) == ("failed", "key_revoked")
    assert _check(report, "issuer_key").code == "not_checked"
    assert report.verdict == "invalid"


def test_issuer_key_compromised_after_signing_is_not_valid_uncorroborated(tmp_path, make_ctx, ministry):
    """A proof dated before its key's compromise proves nothing by its date alone (the key's
    thief can backdate `created`): not valid unless the issuer's own registry holds it (12.4a)."""
    from verifier.run import Options

    _key, credential, tl, documents = _web_setup(tmp_path, ministry, revoked="2025-01-01T00:00:00Z")
    ctx = make_ctx(trust_lists=[str(tl)], transport=serve(documents))
    report = verify_credential(credential, context=ctx)
    assert (_check(report, "issuer_key").status, _check(report, "issuer_key").code) == (
        "indeterminate", "key_compromised_uncorroborated")
    assert report.verdict == "indeterminate"
    from verifier.vcapi import vcapi_result

    assert vcapi_result(report)[1]["verified"] is False
    confirmed = verify_credential(credential, context=ctx, options=Options(via_token=True, registry_confirmed=True))
    assert (_check(confirmed, "issuer_key").status, _check(confirmed, "issuer_key").code) == (
        "warning", "key_compromised_later")
    assert confirmed.verdict == "valid"


def test_unreachable_did_document_is_indeterminate(tmp_path, make_ctx, ministry):
    _key, credential, tl, _documents = _web_setup(tmp_path, ministry)
    report = verify_credential(credential, context=make_ctx(trust_lists=[str(tl)]))
    assert (_check(report, "issuer_key").status, _check(report, "issuer_key").code) == ("indeterminate", "did_unavailable")
    assert report.verdict == "indeterminate"


def test_did_web_host_outside_the_allowlist_is_not_fetched(tmp_path, make_ctx, ministry):
    _key, credential, tl, documents = _web_setup(tmp_path, ministry)
    calls = []

    def handler(request):
        calls.append(request)
        return serve(documents)(request)

    ctx = make_ctx(trust_lists=[], transport=handler, hosts=["other.example"])
    report = verify_credential(credential, context=ctx)
    assert calls == []
    assert report.verdict in ("indeterminate", "untrusted") and report.verdict != "valid"


def test_trust_list_adds_its_institutions_hosts_to_the_allowlist(tmp_path, make_ctx, ministry):
    _key, credential, tl, documents = _web_setup(tmp_path, ministry)
    ctx = make_ctx(trust_lists=[str(tl)], transport=serve(documents), hosts=[])
    assert verify_credential(credential, context=ctx).verdict == "valid"


# --------------------------------------------------------------------------- issuer_trust


def test_issuer_outside_every_trust_list_is_untrusted(make_ctx):
    outsider = Key.generate()
    report = verify_credential(sign(diploma(outsider), outsider), context=make_ctx())
    assert (_check(report, "issuer_trust").status, _check(report, "issuer_trust").code) == ("failed", "issuer_not_trusted")
    assert report.verdict == "untrusted"


def test_no_trust_list_configured_is_untrusted(make_ctx, signed_diploma):
    report = verify_credential(signed_diploma, context=make_ctx(trust_lists=[]))
    assert _check(report, "issuer_trust").code == "no_trust_list"
    assert report.verdict == "untrusted"


def test_trust_list_signed_by_a_non_anchor_is_not_used(make_ctx, signed_diploma):
    report = verify_credential(signed_diploma, context=make_ctx(anchors=["did:key:z6MkNotTheMinistry"]))
    assert report.verdict != "valid"
    assert _check(report, "issuer_trust").status != "passed"


def test_forged_trust_list_is_not_used(tmp_path, make_ctx, ministry, uni, signed_diploma):
    outsider = Key.generate()
    document = trust_list(ministry, [entry(uni.did)])
    document["credentialSubject"]["entries"].append(entry(outsider.did))  # added after signing
    forged = write_json(tmp_path / "forged.json", document)
    report = verify_credential(sign(diploma(outsider), outsider), context=make_ctx(trust_lists=[str(forged)]))
    assert report.verdict != "valid"
    assert _check(report, "issuer_trust").status != "passed"


def test_unreachable_trust_list_is_indeterminate(make_ctx, signed_diploma):
    report = verify_credential(signed_diploma, context=make_ctx(trust_lists=["https://ministry.example/trust-list"]))
    assert _check(report, "issuer_trust").code == "trust_list_unavailable"
    assert report.verdict == "indeterminate"


def test_trust_list_from_a_url(make_ctx, ministry, uni, signed_diploma):
    document = trust_list(ministry, [entry(uni.did)])
    ctx = make_ctx(
        trust_lists=["https://ministry.example/trust-list"],
        transport=serve({"https://ministry.example/trust-list": document}),
    )
    assert verify_credential(signed_diploma, context=ctx).verdict == "valid"


def test_expired_trust_list_is_not_used(tmp_path, make_ctx, ministry, uni, signed_diploma):
    old = write_json(tmp_path / "old.json", trust_list(ministry, [entry(uni.did)], valid_until="2021-01-01T00:00:00Z"))
    assert verify_credential(signed_diploma, context=make_ctx(trust_lists=[str(old)])).verdict != "valid"


# --------------------------------------------------------------------------- accreditation


def _with_entry(tmp_path, ministry, uni, *accreditations):
    return write_json(tmp_path / "acc.json", trust_list(ministry, [entry(uni.did, *accreditations)]))


def test_accreditation_lapsed_before_award_is_untrusted(tmp_path, make_ctx, ministry, uni, signed_diploma):
    path = _with_entry(tmp_path, ministry, uni, institution_accreditation("2015-01-01", "2020-12-31"))
    report = verify_credential(signed_diploma, context=make_ctx(trust_lists=[str(path)]))
    assert (_check(report, "accreditation").status, _check(report, "accreditation").code) == ("failed", "not_accredited")
    assert _check(report, "issuer_trust").status == "passed"
    assert report.verdict == "untrusted"


def test_accreditation_starting_after_award_is_untrusted(tmp_path, make_ctx, ministry, uni, signed_diploma):
    path = _with_entry(tmp_path, ministry, uni, institution_accreditation("2024-07-01", None))
    assert verify_credential(signed_diploma, context=make_ctx(trust_lists=[str(path)])).verdict == "untrusted"


def test_programme_accreditation_required_where_the_list_has_programmes(tmp_path, make_ctx, ministry, uni, signed_diploma):
    path = _with_entry(
        tmp_path, ministry, uni, institution_accreditation(), programme_accreditation("6B99999")
    )
    report = verify_credential(signed_diploma, context=make_ctx(trust_lists=[str(path)]))
    acc = _check(report, "accreditation")
    assert (acc.status, acc.code) == ("failed", "programme_not_accredited")
    assert "6B06101" in acc.message["ru"]
    assert report.verdict == "untrusted"


def test_programme_accredited_on_award_date_passes(tmp_path, make_ctx, ministry, uni, signed_diploma):
    path = _with_entry(
        tmp_path, ministry, uni, institution_accreditation(), programme_accreditation("6B06101", "2022-01-01")
    )
    report = verify_credential(signed_diploma, context=make_ctx(trust_lists=[str(path)]))
    assert (_check(report, "accreditation").status, _check(report, "accreditation").code) == ("passed", "programme_accredited")
    assert report.verdict == "valid"


# --------------------------------------------------------------------------- validity_period


def test_expired_credential_is_invalid(make_ctx, uni):
    credential = sign(diploma(uni, valid_until="2025-01-01T00:00:00Z"), uni)
    report = verify_credential(credential, context=make_ctx(), at="2026-01-01")
    assert (_check(report, "validity_period").status, _check(report, "validity_period").code) == ("failed", "expired")
    assert report.verdict == "invalid"
    assert verify_credential(credential, context=make_ctx(), at="2024-12-01").verdict == "valid"


def test_not_yet_valid_credential_is_invalid(make_ctx, signed_diploma):
    report = verify_credential(signed_diploma, context=make_ctx(), at="2024-01-01")
    assert _check(report, "validity_period").code == "not_yet_valid"
    assert report.verdict == "invalid"


# --------------------------------------------------------------------------- status


def test_revoked_is_invalid(make_ctx, signed_diploma):
    report = verify_credential(signed_diploma, context=make_ctx(status=FakeStatus(revocation="set")))
    assert (_check(report, "status_revocation").status, _check(report, "status_revocation").code) == ("failed", "revoked")
    assert report.revoked and report.verdict == "invalid"


def test_suspended_is_invalid(make_ctx, signed_diploma):
    report = verify_credential(signed_diploma, context=make_ctx(status=FakeStatus(suspension="set")))
    assert _check(report, "status_suspension").code == "suspended"
    assert report.suspended and report.verdict == "invalid"


def test_status_list_unavailable_is_indeterminate_never_not_revoked(make_ctx, signed_diploma):
    report = verify_credential(signed_diploma, context=make_ctx(status=FakeStatus(revocation="unavailable")))
    assert (_check(report, "status_revocation").status, _check(report, "status_revocation").code) == (
        "indeterminate",
        "list_unavailable",
    )
    assert report.verdict == "indeterminate"


def test_forged_status_list_is_invalid(make_ctx, signed_diploma):
    report = verify_credential(signed_diploma, context=make_ctx(status=FakeStatus(suspension="forged")))
    assert (_check(report, "status_suspension").status, _check(report, "status_suspension").code) == (
        "failed",
        "list_proof_invalid",
    )
    assert report.verdict == "invalid"


def test_checker_raising_is_a_failed_status(make_ctx, signed_diploma):
    def broken(credential, **kwargs):
        raise ValueError("forged list")

    report = verify_credential(signed_diploma, context=make_ctx(status=broken))
    assert _check(report, "status_revocation").status == "failed"
    assert report.verdict == "invalid"


def test_credential_without_status_entries(make_ctx, uni):
    status = FakeStatus()
    report = verify_credential(sign(diploma(uni, status=False), uni), context=make_ctx(status=status))
    assert _check(report, "status_revocation").code == "not_applicable"
    assert status.calls == 0
    assert report.verdict == "valid"


# --------------------------------------------------------------------------- supersession


def test_superseded_credential_warns_and_links(make_ctx, signed_diploma):
    newer = "https://uni.example/credentials/new"
    report = verify_credential(signed_diploma, context=make_ctx(), via_token=True, superseded_by=newer)
    check = _check(report, "supersession")
    assert (check.status, check.code, check.link) == ("warning", "superseded", newer)
    assert report.to_dict()["checks"][-1]["link"] == newer
    assert report.verdict == "valid"


def test_not_superseded_via_token_passes(make_ctx, signed_diploma):
    report = verify_credential(signed_diploma, context=make_ctx(), via_token=True)
    assert _check(report, "supersession").status == "passed"


# --------------------------------------------------------------------------- verdict derivation


def _c(check_id, status, code="x"):
    return Check(check_id, status, code, {"kk": "-", "ru": "-", "en": "-"})


ALL_PASSED = [_c(i, "passed") for i in CHECK_IDS]


def _replace(check_id, status, code="x"):
    return [_c(check_id, status, code) if c.id == check_id else c for c in ALL_PASSED]


@pytest.mark.parametrize("check_id", ["format", "proof", "issuer_key", "validity_period", "status_revocation", "status_suspension"])
def test_invalidating_failures(check_id):
    assert derive_verdict(_replace(check_id, "failed")) == "invalid"


@pytest.mark.parametrize("check_id", ["issuer_trust", "accreditation"])
def test_trust_failures_are_untrusted(check_id):
    assert derive_verdict(_replace(check_id, "failed")) == "untrusted"


def test_invalid_wins_over_indeterminate_and_untrusted():
    checks = _replace("proof", "failed")
    checks = [_c("issuer_trust", "indeterminate", "trust_list_unavailable") if c.id == "issuer_trust" else c for c in checks]
    assert derive_verdict(checks) == "invalid"


def test_indeterminate_wins_over_untrusted():
    checks = _replace("status_revocation", "indeterminate", "status_list_unavailable")
    checks = [_c("issuer_trust", "failed") if c.id == "issuer_trust" else c for c in checks]
    assert derive_verdict(checks) == "indeterminate"


def test_reports_of_before_indeterminate_are_read_alike():
    """A stored report from before `indeterminate` (skipped + *_unavailable) still derives so."""
    assert derive_verdict([c.to_dict() for c in _replace("proof", "skipped", "key_unavailable")]) == "indeterminate"


@pytest.mark.parametrize("check_id", ["related_resource", "holder_binding"])
def test_optional_integrity_checks_invalidate_when_failed(check_id):
    assert derive_verdict(ALL_PASSED + [_c(check_id, "failed")]) == "invalid"


def test_all_passed_is_valid_and_warnings_do_not_change_it():
    assert derive_verdict(ALL_PASSED) == "valid"
    assert derive_verdict(_replace("supersession", "warning", "superseded")) == "valid"


def test_missing_proof_check_is_never_valid():
    assert derive_verdict([c for c in ALL_PASSED if c.id != "proof"]) != "valid"


def test_verdict_is_derived_not_stored():
    from verifier.report import VerificationReport

    r = VerificationReport(checks=list(ALL_PASSED))
    assert r.verdict == "valid"
    r.checks[1] = _c("proof", "failed")
    assert r.verdict == "invalid"


def test_every_check_message_exists_in_three_languages():
    catalogue = i18n.catalogue()
    keys = [k for k in catalogue if k.startswith("verifier.")]
    assert keys
    for key in keys:
        assert all(catalogue[key][lang] for lang in ("kk", "ru", "en"))


# --------------------------------------------------------------------------- VC-JWT


def test_vc_jwt_verifies_and_tampering_fails(make_ctx, uni):
    from keys.jose import sign_vc_jwt

    token = sign_vc_jwt(diploma(uni), uni)
    report = verify_credential(token, context=make_ctx())
    assert _check(report, "proof").status == "passed"
    assert _check(report, "issuer_key").status == "passed"
    assert report.verdict == "valid"
    import base64

    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["credentialSubject"]["name"] = "Someone Else"
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    forged = f"{header}.{payload}.{signature}"
    report = verify_credential(forged, context=make_ctx())
    assert report.verdict == "invalid"


def test_issuer_key_accepts_an_extra_proof_beside_the_issuers(make_ctx, uni, signed_diploma):
    endorser = Key.generate()
    both = sign(signed_diploma, endorser)
    assert len(both["proof"]) == 2
    report = verify_credential(both, context=make_ctx())
    assert _check(report, "issuer_key").status == "passed"
