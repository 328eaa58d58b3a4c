"""Property tests of every HTTP operation in the OpenAPI document: whatever a client sends,
with or without a valid bearer token, the answer is never a 5xx, and every 4xx is an RFC 9457
``application/problem+json`` body with ``type``, ``title`` and ``status``.

Schemathesis generates requests from the OpenAPI document; the issuance endpoints take raw
bodies (no schema), so Hypothesis also sends them arbitrary JSON, cohort-shaped objects with
hostile values and raw bytes under every accepted content type. Example counts are bounded.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from issuer.service import REQUIRED_COLUMNS

pytestmark = pytest.mark.filterwarnings("ignore")

FUZZ_SETTINGS = settings(
    max_examples=12,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def fuzz_app(app, engine, settings):
    """The app with an institution, its keys, a responsible person and a token."""
    from issuer.auth import create_token
    from issuer.setup import add_institution, add_person, add_programme, ensure_ministry_key
    from keys.keystore import Keystore

    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    app.state.ctx._keystore = keystore
    with Session(engine) as s:
        add_institution(s, keystore, slug="kaznu", name_kk="ҚазҰУ", name_ru="КазНУ", name_en="KazNU",
                        public_url=settings.public_url)
        add_programme(s, institution="kaznu", code="6B06101", name_kk="АЖ", name_ru="ИС", name_en="IS",
                      isced="0613", level=6, credits=240)
        from datetime import date

        person = add_person(s, institution="kaznu", name="Registrar", position="Registrar",
                            order_number="1", order_date=date(2024, 9, 1))
        token, _ = create_token(s, person.id, "issue,revoke,correct")
        ensure_ministry_key(s, keystore)
    return app, {"Authorization": f"Bearer {token}"}


# Pages for people (the QR's verification page, the graduate's page) answer their errors with
# an HTML page in the reader's language; everything else with problem+json.
HTML_PAGES = ("/v/", "/me", "/login/", "/verify")
# The VC-API verify endpoints answer a credential they could not verify 400 {"verified": false}
VC_API_VERIFY = ("/credentials/verify", "/presentations/verify")


def check_response(status: int, headers, body: bytes, what: str) -> None:
    assert status < 500, f"{what}: {status} {body[:500]!r}"
    if 400 <= status < 500:
        ctype = headers.get("content-type", "")
        parts = what.split()
        if len(parts) > 1 and parts[1].startswith(HTML_PAGES) and ctype.startswith("text/html"):
            assert b'<html lang="' in body, what
            return
        if status == 400 and len(parts) > 1 and parts[1] in VC_API_VERIFY and ctype.startswith("application/json"):
            assert json.loads(body)["verified"] is False, what  # the VC-API's documented "not verified"
            return
        assert ctype.startswith("application/problem+json"), f"{what}: {status} {ctype} {body[:300]!r}"
        problem = json.loads(body)
        assert isinstance(problem.get("type"), str) and problem["type"], what
        assert isinstance(problem.get("title"), str) and problem["title"], what
        assert problem.get("status") == status, what


def _operations(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    ops = []
    for result in schema.get_all_operations():
        ops.append(result.ok())
    return ops


@pytest.mark.parametrize("authenticated", [False, True], ids=["anonymous", "token"])
def test_openapi_operations_never_fail_on_generated_input(fuzz_app, authenticated):
    app, auth = fuzz_app
    headers = auth if authenticated else {}
    operations = _operations(app)
    assert len(operations) >= 10
    for operation in operations:
        strategy = operation.as_strategy()

        @FUZZ_SETTINGS
        @given(case=strategy)
        def run(case):
            _operation = case.operation
            response = case.call(headers=headers)
            flat = {k.lower(): v[0] if isinstance(v, list) else v for k, v in response.headers.items()}
            check_response(response.status_code, flat, response.content,
                           f"{_operation.method.upper()} {_operation.path} {case.path_parameters} {case.query}")

        run()


# ---------------------------------------------------------------------- raw bodies

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=40),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=20,
)
hostile_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["", " ", "0", "-1", "1e400", "NaN", "2025-02-30", "30.06.2025", "\u200b", "\x00", "BD", "ВD",
                     "6B06101", "010314500170", "2001-03-14", "=1+1", "9" * 400, "yes", "3.45", "4,5"]),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
VALID_ROW = {
    "series": "BD", "number": "", "family_name": "Сәрсенбаев", "given_name": "Нұрлан", "patronymic": "Асқарұлы",
    "name_latin": "Nurlan Sarsenbayev", "iin": "010314500170", "date_of_birth": "2001-03-14",
    "programme_code": "6B06101", "award_date": "2025-06-30", "honours": "no", "gpa": "3.45",
}
cohort_rows = st.dictionaries(
    st.sampled_from([*REQUIRED_COLUMNS, "_row", "courses", "institution", "name_en", "classification"]),
    hostile_scalars,
    max_size=4,
).map(lambda overrides: {**VALID_ROW, **overrides})
POST_PATHS = ["/api/v1/diplomas", "/api/v1/batches", "/credentials/issue",
              "/issuers/eddsa-rdfc-2022/credentials/issue"]
RAW_BODIES = [
    b"NaN", b"[Infinity]", b'{"rows": [{"iin": Infinity}]}', b'{"iin": 1e400}', b'{"iin": NaN}',
    b'{"rows": [{"_row": "x"}]}', b'{"rows": [{"_row": {}}]}', b'{"rows": [{"_row": 1e400}]}',
    b"[" * 5000 + b"]" * 5000, b'{"a":' * 3000 + b"1" + b"}" * 3000, b"\xff\xfe\x00", b"\x00" * 10,
    b'{"credential": {"@context": ' + b"[" * 2000 + b"]" * 2000 + b"}}",
    b'"\\ud800"', b'{"rows": "\\ud800"}',
]


def _post(client, path, content: bytes, ctype: str, headers):
    return client.post(path, content=content, headers={**headers, "Content-Type": ctype})


@pytest.mark.parametrize("authenticated", [False, True], ids=["anonymous", "token"])
def test_raw_bodies(fuzz_app, authenticated):
    from fastapi.testclient import TestClient

    app, auth = fuzz_app
    headers = auth if authenticated else {}
    with TestClient(app, raise_server_exceptions=False) as client:
        for path in POST_PATHS:
            for body in RAW_BODIES:
                for ctype in ("application/json", "text/csv", "application/ld+json", "text/plain"):
                    r = _post(client, path, body, ctype, headers)
                    check_response(r.status_code, r.headers, r.content, f"{path} {ctype} {body[:40]!r}")

        @FUZZ_SETTINGS
        @given(path=st.sampled_from(POST_PATHS), body=json_values)
        def arbitrary_json(path, body):
            r = client.post(path, json=body, headers=headers)
            check_response(r.status_code, r.headers, r.content, f"{path} {body!r}"[:300])

        @FUZZ_SETTINGS
        @given(
            path=st.sampled_from(POST_PATHS),
            body=st.binary(max_size=200),
            ctype=st.sampled_from(["application/json", "multipart/form-data", "multipart/form-data; boundary=x",
                                   "application/x-www-form-urlencoded", "text/csv", "application/vc+jwt",
                                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"]),
        )
        def arbitrary_bytes(path, body, ctype):
            r = _post(client, path, body, ctype, headers)
            check_response(r.status_code, r.headers, r.content, f"{path} {ctype} {body!r}"[:300])

        arbitrary_json()
        arbitrary_bytes()


def test_cohort_shaped_bodies(fuzz_app):
    """Objects with the cohort columns and hostile values reach row validation."""
    from fastapi.testclient import TestClient

    app, auth = fuzz_app
    with TestClient(app, raise_server_exceptions=False) as client:

        @settings(FUZZ_SETTINGS, max_examples=40)
        @given(row=cohort_rows, batch=st.booleans())
        def run(row, batch):
            if batch:
                r = client.post("/api/v1/batches", json={"rows": [row], "supplements": [row], "dry_run": True},
                                headers=auth)
            else:
                r = client.post("/api/v1/diplomas", json=row, headers=auth)
            check_response(r.status_code, r.headers, r.content, f"{batch} {row!r}"[:400])

        run()


def test_multipart_uploads(fuzz_app):
    from fastapi.testclient import TestClient

    app, auth = fuzz_app
    with TestClient(app, raise_server_exceptions=False) as client:

        @FUZZ_SETTINGS
        @given(
            data=st.one_of(st.binary(max_size=300), st.just(b"PK\x03\x04" + b"\x00" * 50),
                           st.text(max_size=200).map(lambda t: t.encode("utf-8"))),
            name=st.sampled_from(["c.csv", "c.xlsx", "", "c"]),
            supplements=st.booleans(),
        )
        def run(data, name, supplements):
            files = {"file": (name, data, "application/octet-stream")}
            if supplements:
                files["supplements"] = (name, data, "text/csv")
            r = client.post("/api/v1/batches", files=files, data={"dry_run": "true"}, headers=auth)
            check_response(r.status_code, r.headers, r.content, f"{name} {data[:60]!r}")

        run()


ISSUER_DID = "did:web:testserver:institutions:kaznu"
VALID_CREDENTIAL = {
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "type": ["VerifiableCredential"],
    "issuer": ISSUER_DID,
    "credentialSubject": {"id": "did:example:graduate", "name": "Nurlan"},
}
credential_values = st.one_of(
    hostile_scalars,
    json_values,
    st.sampled_from([ISSUER_DID, {"id": ISSUER_DID}, {"id": 7}, {}, [ISSUER_DID], "did:key:z6Mk", "did:web:",
                     ["https://www.w3.org/ns/credentials/v2", {"@vocab": "https://ex.org/"}],
                     ["https://www.w3.org/ns/credentials/v2", {"name": {"@id": "https://ex.org/n"}}],
                     [{"type": "BitstringStatusListEntry"}], {"@graph": []}, "2024-13-45T00:00:00Z",
                     "2024-01-01T00:00:00Z", {"@value": "x", "@language": "kk"}, [{"id": "urn:x", "type": []}]]),
)
credentials = st.dictionaries(
    st.sampled_from(["@context", "type", "issuer", "credentialSubject", "validFrom", "validUntil", "id",
                     "credentialStatus", "proof", "name", "description", "relatedResource", "evidence",
                     "credentialSchema", "termsOfUse", "refreshService", "@id", "@type"]),
    credential_values,
    max_size=3,
).map(lambda overrides: {**VALID_CREDENTIAL, **overrides})
options = st.one_of(st.none(), st.dictionaries(
    st.sampled_from(["cryptosuite", "created", "challenge", "domain", "credentialId", "other"]),
    st.one_of(hostile_scalars, st.sampled_from(["eddsa-jcs-2022", "vc+jwt", "ecdsa-rdfc-2019",
                                                "2024-01-01T00:00:00Z", "urn:uuid:1"])),
    max_size=3,
))


def test_vcapi_credential_shaped_bodies(fuzz_app):
    """Credentials that are almost right reach VCDM checks, JSON-LD and signing."""
    from fastapi.testclient import TestClient

    app, auth = fuzz_app
    with TestClient(app, raise_server_exceptions=False) as client:

        @settings(FUZZ_SETTINGS, max_examples=60)
        @given(credential=credentials, options=options,
               path=st.sampled_from(["/credentials/issue", "/issuers/eddsa-jcs-2022/credentials/issue",
                                     "/issuers/vc+jwt/credentials/issue", "/issuers/ecdsa-rdfc-2019/credentials/issue"]))
        def run(credential, options, path):
            body = {"credential": credential} if options is None else {"credential": credential, "options": options}
            r = client.post(path, json=body, headers=auth)
            check_response(r.status_code, r.headers, r.content, f"{path} {body!r}"[:400])

        run()
