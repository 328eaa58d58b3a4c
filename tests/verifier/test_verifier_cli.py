"""`dalel verify` exit codes and output, and offline bundles (`dalel bundle build`, --bundle)."""

from __future__ import annotations

import copy
import json

import httpx
import pytest

from common.fetch import Fetcher
from tests.support.verifier import Key, diploma, entry, sign, trust_list, write_json
from verifier.bundle import build_bundle

WEB_DID = "did:web:uni.example:institutions:demo"


@pytest.fixture
def env(tmp_path, trust_file, ministry):
    return {
        "DALEL_ROLE": "verifier",
        "DALEL_TRUST_LISTS": json.dumps([str(trust_file)]),
        "DALEL_TRUST_ANCHORS": json.dumps([ministry.did]),
    }


@pytest.fixture
def files(tmp_path, uni):
    valid = sign(diploma(uni, status=False), uni)
    tampered = copy.deepcopy(valid)
    tampered["documentNumber"]["number"] = "00099999"
    outsider = Key.generate()
    return {
        "valid": write_json(tmp_path / "valid.json", valid),
        "tampered": write_json(tmp_path / "tampered.json", tampered),
        "untrusted": write_json(tmp_path / "untrusted.json", sign(diploma(outsider, status=False), outsider)),
        "valid_doc": valid,
    }


def test_valid_exits_0(cli, env, files):
    code, out, err = cli("verify", str(files["valid"]), env=env)
    assert code == 0, out + err
    assert "The diploma is valid" in out
    assert "BD 00012345" in out


def test_tampered_exits_1_with_proof_failed(cli, env, files):
    code, out, _ = cli("verify", str(files["tampered"]), env=env)
    assert code == 1
    assert "[proof: failed, invalid_signature]" in out


def test_untrusted_exits_3(cli, env, files):
    code, out, _ = cli("verify", str(files["untrusted"]), "--lang", "ru", env=env)
    assert code == 3
    assert "Подпись верна, но издатель не в доверенном списке" in out


def test_json_format_prints_the_report(cli, env, files):
    code, out, _ = cli("verify", str(files["tampered"]), "--format", "json", env=env)
    assert code == 1
    report = json.loads(out)
    assert report["verdict"] == "invalid"
    assert {c["id"]: c["status"] for c in report["checks"]}["proof"] == "failed"


def test_stdin_input(cli, env, files):
    code, _out, _ = cli("verify", "-", env=env, input=files["valid"].read_text())
    assert code == 0


def test_at_before_award_is_invalid(cli, env, files):
    code, out, _ = cli("verify", str(files["valid"]), "--at", "2020-01-01", env=env)
    assert code == 1
    assert "validity_period: failed" in out


@pytest.mark.parametrize(
    "args",
    [
        ("verify", "/no/such/file.json"),
        ("verify", "--format", "xml", "FILE"),
        ("verify", "--lang", "de", "FILE"),
        ("verify", "--at", "yesterday", "FILE"),
        ("verify",),
    ],
)
def test_usage_and_unreadable_input_exit_2(cli, env, files, args):
    args = tuple(str(files["valid"]) if a == "FILE" else a for a in args)
    code, _out, _err = cli(*args, env=env)
    assert code == 2


def test_malformed_input_exits_2(cli, env, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json")
    code, _out, err = cli("verify", str(bad), env=env)
    assert code == 2
    assert "JSON" in err


def test_unreachable_did_document_exits_4(cli, env, tmp_path, ministry):
    key = Key.generate(WEB_DID)
    path = write_json(tmp_path / "web.json", sign(diploma(key, status=False), key))
    env = dict(env, DALEL_FETCH_ALLOW_HOSTS=json.dumps(["uni.example"]))
    # uni.example does not resolve to a public address here (or at all): indeterminate, never valid
    code, out, _ = cli("verify", str(path), env=env)
    assert code == 4, out


# --------------------------------------------------------------------------- offline bundle


def _serving(documents):
    def handler(request):
        url = str(request.url)
        return httpx.Response(200, json=documents[url]) if url in documents else httpx.Response(404)

    return handler


def test_bundle_build_and_verify_air_gapped(cli, tmp_path, ministry):
    key = Key.generate(WEB_DID)
    credential = sign(diploma(key, status=False), key)
    credential_file = write_json(tmp_path / "web.json", credential)
    ministry_web = Key.generate("did:web:dalel.example:institutions:ministry")
    documents = {
        "https://dalel.example/trust-list": trust_list(ministry_web, [entry(WEB_DID)]),
        "https://dalel.example/institutions/ministry/did.json": ministry_web.did_document(),
        "https://uni.example/institutions/demo/did.json": key.did_document(),
    }
    fetcher = Fetcher(["*"], transport=httpx.MockTransport(_serving(documents)), resolver=lambda h: ["93.184.216.34"])
    out = tmp_path / "bundle"
    manifest = build_bundle(out, fetcher, source="https://dalel.example", credentials=[credential])
    assert manifest["errors"] == []
    assert set(manifest["resources"]) == set(documents)
    assert manifest["trust_lists"] == ["https://dalel.example/trust-list"]
    assert manifest["trust_anchors"] == [ministry_web.did]
    assert all((out / name).is_file() for name in manifest["resources"].values())

    env = {"DALEL_ROLE": "verifier"}  # no network, no trust list configured: all from the bundle
    code, out_text, err = cli("verify", str(credential_file), "--bundle", str(out), env=env)
    assert code == 0, out_text + err
    # the same without the bundle cannot fetch anything
    code, _, _ = cli("verify", str(credential_file), env=env)
    assert code in (3, 4)


def test_bundle_with_status_lists(tmp_path, uni):
    credential = sign(diploma(uni), uni)
    lists = {e["statusListCredential"] for e in credential["credentialStatus"]}
    documents = {url: {"type": ["VerifiableCredential", "BitstringStatusListCredential"], "issuer": uni.did} for url in lists}
    fetcher = Fetcher(["*"], transport=httpx.MockTransport(_serving(documents)), resolver=lambda h: ["93.184.216.34"])
    manifest = build_bundle(tmp_path / "b", fetcher, credentials=[credential])
    assert set(manifest["resources"]) == lists


def test_bundle_build_cli_reports_what_it_could_not_fetch(cli, tmp_path):
    code, out, err = cli(
        "bundle", "build", "--out", str(tmp_path / "b"), "--from", "https://unreachable.invalid",
        env={"DALEL_FETCH_ALLOW_HOSTS": json.dumps(["unreachable.invalid"])},
    )
    assert code == 1
    assert "unreachable.invalid/trust-list" in err


def test_server_uses_the_bundle_from_settings(tmp_path, uni, ministry):
    from dalel.settings import Settings
    from verifier.context import VerificationContext

    directory = tmp_path / "b"
    directory.mkdir()
    write_json(directory / "tl.json", trust_list(ministry, [entry(uni.did)]))
    (directory / "manifest.json").write_text(json.dumps({
        "resources": {"https://ministry.example/trust-list": "tl.json"},
        "trust_lists": ["https://ministry.example/trust-list"],
        "trust_anchors": [ministry.did],
    }))
    settings = Settings(data_dir=tmp_path / "d", role="verifier", verifier_bundle=directory)
    ctx = VerificationContext.from_settings(settings)
    from verifier import verify_credential

    assert verify_credential(sign(diploma(uni, status=False), uni), context=ctx).verdict == "valid"


def test_verify_the_link_of_a_running_dalel(cli, env, app, uni):
    """`dalel verify https://…/v/TOKEN` asks that Dalel for the credential (by-token API) and
    verifies it locally."""
    import socket
    import threading
    import time

    import uvicorn

    from verifier.lookup import TokenResolution

    token = "9xQ3mV7kT2pL8wN4rB6cZ1yF5hJ"
    credential = sign(diploma(uni, status=False), uni)
    app.state.ctx.extras["credential_lookup"] = (
        lambda t, org=None: TokenResolution("ok", [credential]) if t == token else TokenResolution("unknown")
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.05)
        code, out, err = cli("verify", f"http://127.0.0.1:{port}/v/{token}", "--format", "json", env=env)
        assert code == 0, out + err
        report = json.loads(out)
        assert report["verdict"] == "valid"
        assert {c["id"]: c["status"] for c in report["checks"]}["supersession"] == "passed"
        code, _out, err = cli("verify", f"http://127.0.0.1:{port}/v/NoSuchToken1234567890abc", env=env)
        assert code == 2 and "not found" in err.lower()
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _vp(*credentials) -> dict:
    return {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiablePresentation"],
            "verifiableCredential": list(credentials)}


def test_a_presentation_verifies_each_credential(cli, env, files, tmp_path):
    valid = files["valid_doc"]
    both = write_json(tmp_path / "vp.json", _vp(valid, json.loads(files["untrusted"].read_text())))
    code, out, err = cli("verify", str(both), env=env)
    assert code == 3, out + err  # the worst of valid and untrusted
    assert "Credential 1 of 2 in the presentation" in out and "Credential 2 of 2 in the presentation" in out
    assert "The diploma is valid" in out
    code, out, _ = cli("verify", str(both), "--format", "json", env=env)
    body = json.loads(out)
    assert body["verdict"] == "untrusted" and body["presentation"]["verified"] is True
    assert [c["verdict"] for c in body["credentials"]] == ["valid", "untrusted"]
    with_tampered = write_json(tmp_path / "vp-bad.json", _vp(valid, json.loads(files["tampered"].read_text())))
    code, out, _ = cli("verify", str(with_tampered), "--lang", "kk", env=env)
    assert code == 1 and "[proof: failed, invalid_signature]" in out
    old = write_json(tmp_path / "vp-v1.json", dict(_vp(valid), **{"@context": ["https://www.w3.org/2018/credentials/v1"]}))
    code, out, _ = cli("verify", str(old), "--lang", "ru", env=env)
    assert code == 0 and "презентация VC 1.1 (credentials/v1) не может содержать удостоверение VC 2.0" in out


def test_a_presentation_given_as_a_credential_says_so(make_ctx, files):
    from verifier import verify_credential

    report = verify_credential(_vp(files["valid_doc"]), context=make_ctx())
    fmt = report.check("format")
    assert (fmt.status, fmt.code) == ("failed", "presentation")
    assert "/presentations/verify" in fmt.message["en"] and "Verifiable Presentation" in fmt.message["kk"]


def test_local_https_deployment_verifies_and_bundles_its_own_did_web(tmp_path):
    """Dalel served over HTTPS on 127.0.0.1 (e.g. the W3C suite runs, a test certificate):
    its own did:web documents are at https://127.0.0.1:PORT/…, not http (before: issuer key
    unreachable, so its own diplomas were indeterminate)."""
    from verifier.context import VerificationContext
    from verifier.pipeline import verify_credential

    key = Key.generate("did:web:127.0.0.1%3A8443:institutions:demo")
    credential = sign(diploma(key, status=False), key)
    documents = {"https://127.0.0.1:8443/institutions/demo/did.json": key.did_document()}
    fetcher = Fetcher([], transport=httpx.MockTransport(_serving(documents)), self_origins=["https://127.0.0.1:8443"])
    report = verify_credential(credential, context=VerificationContext.build(fetcher))
    checks = {c.id: c.status for c in report.checks}
    assert checks["proof"] == "passed" and checks["issuer_key"] == "passed", report.to_dict()

    manifest = build_bundle(tmp_path / "b", fetcher, credentials=[credential])
    assert manifest["errors"] == []
    assert set(manifest["resources"]) == set(documents)
    offline = VerificationContext.build(Fetcher([], bundle=tmp_path / "b"))
    assert {c.id: c.status for c in verify_credential(credential, context=offline).checks}["proof"] == "passed"
