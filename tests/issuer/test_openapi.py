"""`/openapi.json` is a document a recognition body's developer can code against: every operation
says what it takes (a typed request body, with an example), what it answers (a typed response,
every problem as application/problem+json) and which credential it needs, and what the app
really does matches what it says."""

from __future__ import annotations

import re

from jsonschema import Draft202012Validator

from tests.support.issuer import row, seed_app

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}

VERIFIER_ROUTES: set[tuple[str, str]] = set()  # every route is documented now
SAMPLE = {"series": "BD", "number": "00000001", "slug": "kaznu", "code": "6B06101", "name": "diploma",
          "uuid": "00000000-0000-4000-8000-000000000000", "list_id": "nosuch", "cryptosuite": "eddsa-rdfc-2022",
          "token": "NoSuchToken1234567890abcd"}


def _operations(doc):
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield method, path, operation


def _url(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: SAMPLE[m.group(1)], path)


def _seed(app, engine, settings):
    return seed_app(app, engine, settings)[1]


def _schema_of(doc, operation, status: str, media_type: str = "application/json"):
    response = operation["responses"][status]
    return {"components": doc["components"], **response["content"][media_type]["schema"]}


def _example_of(doc, schema):
    if "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema.get("examples") or schema.get("example")


def test_every_operation_says_what_it_takes_and_answers(client):
    doc = client.get("/openapi.json").json()
    schemes = doc["components"]["securitySchemes"]
    assert schemes["registrarToken"] == {**schemes["registrarToken"], "type": "http", "scheme": "bearer"}
    assert schemes["graduateSession"] == {**schemes["graduateSession"], "type": "apiKey", "in": "cookie",
                                          "name": "dalel_session"}
    problems = []
    for method, path, operation in _operations(doc):
        if (method, path) in VERIFIER_ROUTES:
            continue
        where = f"{method.upper()} {path}"
        responses = operation["responses"]
        errors = {s: r for s, r in responses.items() if s[0] in "45"}
        if not operation.get("summary"):
            problems.append(f"{where}: no summary")
        ok = [r for s, r in responses.items() if s.startswith("2")]
        if not ok or not all(r.get("content") and all(c.get("schema") for c in r["content"].values()) for r in ok):
            problems.append(f"{where}: a success response without a typed body")
        if any(not PROBLEM.items() <= (r.get("content") or {}).items() for r in errors.values()):
            problems.append(f"{where}: an error response that is not application/problem+json ProblemDetails")
        if path != "/health" and not errors:  # /health answers or is down
            problems.append(f"{where}: no problem responses")
        if "{" in path and "404" not in errors and path != "/issuers/{cryptosuite}/credentials/issue":
            problems.append(f"{where}: a path parameter but no 404")
        body = operation.get("requestBody")
        if body is not None:
            content = body.get("content", {})
            if not content or not all(c.get("schema", {}).get("$ref") or c["schema"].get("type") for c in content.values()):
                problems.append(f"{where}: a request body without a schema")
            if not any(_example_of(doc, c["schema"]) for c in content.values()):
                problems.append(f"{where}: a request body without an example")
            for status in ("400", "413", "415", "422"):
                if status not in errors:
                    problems.append(f"{where}: takes a body but does not document {status}")
        if operation.get("security"):
            if "401" not in errors:
                problems.append(f"{where}: needs a credential but does not document 401")
            named = {name for requirement in operation["security"] for name in requirement}
            if not named <= set(schemes):
                problems.append(f"{where}: names an unknown security scheme {named}")
    assert not problems, "\n".join(problems)


def test_the_document_is_true_to_what_the_app_does(client, app, engine, settings):
    """Each operation, called without a credential, answers 401 exactly when it declares
    security; called with a malformed JSON body, answers malformed-json exactly when it
    documents a request body."""
    auth = _seed(app, engine, settings)
    doc = client.get("/openapi.json").json()
    problems = []
    for method, path, operation in _operations(doc):
        if (method, path) in VERIFIER_ROUTES:
            continue
        where = f"{method.upper()} {path}"
        anonymous = client.request(method, _url(path), json={} if method == "post" else None)
        assert anonymous.status_code < 500, (where, anonymous.text)
        if (anonymous.status_code == 401) != bool(operation.get("security")):
            problems.append(f"{where}: answers {anonymous.status_code} without credentials, security "
                            f"{operation.get('security')}")
        if method == "post":
            broken = client.request(method, _url(path), content=b'{"rows": [NaN', headers={
                **auth, "content-type": "application/json"})
            reads_body = broken.status_code == 400 and broken.json()["code"] == "malformed-json"
            if reads_body != ("requestBody" in operation):
                problems.append(f"{where}: reads a body: {reads_body}; documents one: {'requestBody' in operation}")
        if anonymous.status_code >= 400:
            # an error comes in a media type the document gives for that status; pages for people
            # answer errors as pages (HTML), every API as application/problem+json
            media = anonymous.headers["content-type"].split(";")[0]
            documented = set((operation["responses"].get(str(anonymous.status_code)) or {}).get("content") or {})
            page = "text/html" in ((operation["responses"].get("200") or {}).get("content") or {})
            allowed = documented or ({"text/html", "application/problem+json"} if page else {"application/problem+json"})
            assert media in allowed, (where, anonymous.status_code, media, allowed)
    assert not problems, "\n".join(problems)


def test_answers_match_their_documented_schemas(client, app, engine, settings):
    auth = _seed(app, engine, settings)
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]

    def check(response, path: str, method: str = "get"):
        operation = paths[path][method]
        status = str(response.status_code)
        media_type = response.headers["content-type"].split(";")[0]
        schema = _schema_of(doc, operation, status, media_type)
        errors = sorted(Draft202012Validator(schema).iter_errors(response.json()), key=str)
        assert not errors, f"{method.upper()} {path} {status}: {[e.message for e in errors][:3]}"
        return response.json()

    issued = check(client.post("/api/v1/diplomas", json={**row(1), "courses": [{
        "course_code": "DB1", "course_title_en": "Databases", "credits": "6", "grade": "A"}]}, headers=auth),
        "/api/v1/diplomas", "post")
    series, number = issued["series"], issued["number"]
    check(client.post("/api/v1/batches", json={"rows": [row(2)], "dry_run": True}, headers=auth),
          "/api/v1/batches", "post")
    check(client.get(f"/api/v1/diplomas/{series}/{number}", headers=auth), "/api/v1/diplomas/{series}/{number}")
    check(client.post(f"/api/v1/diplomas/{series}/{number}/status", json={"action": "suspend", "reason": "other"},
                      headers=auth), "/api/v1/diplomas/{series}/{number}/status", "post")
    check(client.get(f"/api/v1/diplomas/{series}/{number}/status", headers=auth),
          "/api/v1/diplomas/{series}/{number}/status")
    check(client.post(f"/api/v1/diplomas/{series}/{number}/login-link", headers=auth),
          "/api/v1/diplomas/{series}/{number}/login-link", "post")
    check(client.get("/institutions/kaznu/did.json"), "/institutions/{slug}/did.json")
    check(client.get("/institutions/kaznu/programmes/6B06101"), "/institutions/{slug}/programmes/{code}")
    check(client.get("/credentials/" + issued["credential_id"].rsplit("/", 1)[1]), "/credentials/{uuid}")
    check(client.get("/trust-list"), "/trust-list")
    check(client.get("/health"), "/health")
    # problems too: the body a client is told it will get
    check(client.get("/api/v1/diplomas/BD/99999999", headers=auth), "/api/v1/diplomas/{series}/{number}")
    check(client.post("/api/v1/diplomas", json={**row(3), "famly_name": "typo"}, headers=auth),
          "/api/v1/diplomas", "post")
    check(client.post("/api/v1/batches", json={"rows": [row(4, iin="123")]}, headers=auth),
          "/api/v1/batches", "post")


def test_docs_work_without_internet(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text) + re.findall(r"url: '([^']+)'", page.text)
    assert assets and not [a for a in assets if a.startswith(("http://", "https://", "//"))], assets
    for asset in assets:
        if asset.startswith("/docs-assets/"):
            fetched = client.get(asset)
            assert fetched.status_code == 200 and len(fetched.content) > 1000, asset
    redoc = client.get("/redoc")
    assert redoc.status_code == 200 and "https://" not in "".join(re.findall(r'src="([^"]+)"', redoc.text))
