"""An offline bundle cannot widen the trust a verifier was configured with."""

from __future__ import annotations

import json

from dalel.settings import Settings
from tests.support.verifier import Key, diploma, entry, sign, trust_list, write_json
from verifier import verify_credential
from verifier.context import VerificationContext


def _bundle(directory, signer: Key, institution: Key):
    directory.mkdir()
    write_json(directory / "tl.json", trust_list(signer, [entry(institution.did)]))
    (directory / "manifest.json").write_text(json.dumps({
        "resources": {"https://ministry.example/trust-list": "tl.json"},
        "trust_lists": ["https://ministry.example/trust-list"],
        "trust_anchors": [signer.did],
    }))
    return directory


def test_bundle_anchors_do_not_add_to_configured_ones(tmp_path):
    ministry, forger, fake_uni = Key.generate(), Key.generate(), Key.generate()
    directory = _bundle(tmp_path / "b", forger, fake_uni)  # the forger's own list and anchor
    settings = Settings(data_dir=tmp_path / "d", role="verifier", verifier_bundle=directory,
                        trust_anchors=[ministry.did])
    context = VerificationContext.from_settings(settings)
    report = verify_credential(sign(diploma(fake_uni, status=False), fake_uni), context=context)
    assert report.verdict != "valid"
    assert report.check("issuer_trust").status != "passed"


def test_bundle_anchors_are_used_when_none_are_configured(tmp_path):
    ministry, uni = Key.generate(), Key.generate()
    directory = _bundle(tmp_path / "b", ministry, uni)
    settings = Settings(data_dir=tmp_path / "d", role="verifier", verifier_bundle=directory)
    report = verify_credential(sign(diploma(uni, status=False), uni), context=VerificationContext.from_settings(settings))
    assert report.verdict == "valid"
