"""DCC verifier-core (through the tests/interop harness) and Dalel's verifier agree on the same
inputs: a Dalel diploma, the same tampered, a diploma the Digital Bazaar libraries signed, and
that tampered. Skips without Node.js (fails under CI, like the harness)."""

from __future__ import annotations

import copy
import importlib.util
from pathlib import Path

import pytest

from tests.support.verifier import Key, diploma, sign
from verifier import verify_credential

pytestmark = pytest.mark.interop

HARNESS = Path(__file__).resolve().parents[1] / "interop" / "conftest.py"
DALEL_CONTEXT_FILE = Path(__file__).resolve().parents[2] / "keys" / "contexts" / "dalel-credentials-v1.jsonld"


@pytest.fixture(scope="module")
def harness():
    if not HARNESS.is_file():
        pytest.skip("the interop harness (tests/interop) is not merged")
    spec = importlib.util.spec_from_file_location("dalel_interop_harness", HARNESS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.ensure_node_harness()
    return module


def _dalel_proof(report) -> str:
    return report.check("proof").status


def _js_signature(harness, credential) -> str:
    import json

    contexts = {"https://dalel.kz/ns/credentials/v1": json.loads(DALEL_CONTEXT_FILE.read_text("utf-8"))}
    return harness.js_verify(credential, contexts=contexts)["summary"]["signature"]


def test_agree_on_a_dalel_diploma_and_its_tampered_copy(harness, make_ctx):
    uni = Key.generate()
    signed = sign(diploma(uni, status=False), uni, cryptosuite="eddsa-rdfc-2022")
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["name"] = "Someone Else"
    for credential, expected in ((signed, ("passed", "valid")), (tampered, ("failed", "invalid"))):
        dalel = _dalel_proof(verify_credential(credential, context=make_ctx()))
        js = _js_signature(harness, credential)
        assert (dalel, js) == expected


def test_agree_on_a_diploma_signed_by_digital_bazaar(harness, make_ctx):
    unsigned = diploma(Key.generate(), status=False)
    unsigned["@context"] = unsigned["@context"][:2]  # the JS signer knows the public contexts only
    unsigned.pop("documentNumber")
    signed = harness.js_sign(unsigned, "eddsa-rdfc-2022")
    tampered = copy.deepcopy(signed)
    tampered["validFrom"] = "2020-06-30T00:00:00Z"
    for credential, expected in ((signed, ("passed", "valid")), (tampered, ("failed", "invalid"))):
        dalel = _dalel_proof(verify_credential(credential, context=make_ctx()))
        js = _js_signature(harness, credential)
        assert (dalel, js) == expected
