"""Dalel diplomas and supplements verify in DCC's verifier-core (second implementation), with no
Dalel context given to it (tests/interop/test_demo_interop.py does the same end to end)."""

import copy
import json
from pathlib import Path

import pytest
from sqlmodel import Session

from tests.support.issuer import row

pytestmark = pytest.mark.interop



def _js_verify():
    harness = Path(__file__).resolve().parents[1] / "interop" / "conftest.py"
    if not harness.exists():
        pytest.skip("interop harness (tests/interop) not merged")
    import importlib.util

    spec = importlib.util.spec_from_file_location("dalel_interop_harness", harness)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.ensure_node_harness()
    return module.js_verify


def test_diploma_and_supplement_verify_in_verifier_core(engine, keystore, settings):
    js_verify = _js_verify()
    from issuer.service import issue_batch
    from keys.service import institution_did_document
    from tests.support.issuer import seed_institution

    with Session(engine) as s:
        seed = seed_institution(s, keystore, settings)
        r = row(1, honours="yes")
        courses = [{"iin": r["iin"], "course_code": "CS1", "course_title_en": "Programming", "credits": "5",
                    "grade": "A"}]
        item = issue_batch(s, keystore, settings, institution=seed.slug, rows=[r], supplement_rows=courses,
                           actor=seed.actor).diplomas[0]
        did_doc = institution_did_document(s, seed.slug, settings.public_url)
    # as VerifierPlus: verifier-core's bundled contexts only, nothing of Dalel's preloaded
    resources = {"https://testserver/institutions/kaznu/did.json": did_doc}
    for document in (item.diploma, item.supplement):
        out = js_verify(document, resources=resources, engine="verifier-plus")
        assert out["summary"]["signature"] == "valid", json.dumps(out["summary"], indent=1)
    tampered = copy.deepcopy(item.diploma)
    tampered["credentialSubject"]["name"] = "Someone Else"
    out = js_verify(tampered, resources=resources, engine="verifier-plus")
    assert out["summary"]["signature"] == "invalid"
