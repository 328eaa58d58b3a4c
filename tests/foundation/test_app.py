"""The HTTP house rules: health, readiness, docs, and problem+json for every kind of bad input."""

from fastapi import Body

PROBLEM = "application/problem+json"


def _echo_app(app):
    @app.post("/test-echo")
    def echo(payload: dict = Body(...)) -> dict:
        return payload

    return app


def test_health_ready_docs(client):
    r = client.get("/health")
    assert r.status_code == 200 and r.json()["status"] == "ok"
    r = client.get("/ready")
    assert r.status_code == 200 and r.json() == {"status": "ready"}
    assert client.get("/docs").status_code == 200
    assert "paths" in client.get("/openapi.json").json()


def test_request_id_is_echoed(client):
    r = client.get("/health", headers={"X-Request-ID": "abcdef1234567890"})
    assert r.headers["x-request-id"] == "abcdef1234567890"
    assert len(client.get("/health").headers["x-request-id"]) >= 16


def test_unknown_path_is_problem_json_translated(client):
    for lang, title in (("kk", "Табылмады"), ("ru", "Не найдено"), ("en", "Not found")):
        r = client.get(f"/no-such-thing?lang={lang}")
        assert r.status_code == 404
        assert r.headers["content-type"].startswith(PROBLEM)
        body = r.json()
        assert body["type"] == "urn:dalel:problem:not-found"
        assert body["title"] == title
    r = client.get("/no-such-thing", headers={"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"})
    assert r.json()["title"] == "Не найдено"


def test_malformed_json_wrong_type_and_huge_body(app, client):
    _echo_app(app)
    r = client.post("/test-echo", content=b'{"a": ', headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.headers["content-type"].startswith(PROBLEM)
    assert r.json()["code"] == "malformed-json"

    r = client.post("/test-echo", content=b"<a/>", headers={"content-type": "application/xml"})
    assert r.status_code == 415 and r.json()["code"] == "unsupported-media-type"

    r = client.post("/test-echo", content=b"{}", headers={"content-type": ""})
    assert r.status_code == 415

    big = b"[" + b"1," * (5 * 1024 * 1024 // 2) + b"1]"
    r = client.post("/test-echo", content=big, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.headers["content-type"].startswith(PROBLEM)

    def chunks():  # no Content-Length: counted while streaming
        for _ in range(6):
            yield b" " * (1024 * 1024)

    r = client.post("/test-echo", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.headers["content-type"].startswith(PROBLEM)

    r = client.post("/test-echo", json=[1, 2])
    assert r.status_code == 422 and r.json()["code"] == "validation-error"
    assert r.json()["errors"][0]["loc"][0] == "body"


def test_method_not_allowed_is_problem(client):
    r = client.delete("/health")
    assert r.status_code == 405 and r.headers["content-type"].startswith(PROBLEM)


def test_every_post_endpoint_rejects_bad_bodies(client):
    """Whatever routers later issues mount: no POST endpoint answers bad input with a 5xx."""
    spec = client.get("/openapi.json").json()
    posts = [p for p, ops in spec["paths"].items() if "post" in ops]
    for path in posts:
        concrete = path.replace("{", "x").replace("}", "")
        for content, ctype in ((b'{"a": ', "application/json"), (b"<a/>", "application/xml"), (b"x" * (5 * 1024 * 1024), "application/json")):
            r = client.post(concrete, content=content, headers={"content-type": ctype})
            assert 400 <= r.status_code < 500, (path, ctype, r.status_code)
            assert r.headers["content-type"].startswith(PROBLEM), (path, r.headers["content-type"])


def test_unexpected_errors_are_problem_json_without_traceback(app, client):
    @app.get("/test-boom")
    def boom():
        raise RuntimeError("secret internals")

    r = client.get("/test-boom")
    assert r.status_code == 500
    assert r.headers["content-type"].startswith(PROBLEM)
    assert "secret internals" not in r.text and "Traceback" not in r.text


def test_ready_reports_unmigrated_database(tmp_path):
    from fastapi.testclient import TestClient

    from dalel.app import create_app
    from dalel.db import make_engine
    from dalel.settings import Settings

    s = Settings(data_dir=tmp_path)
    app = create_app(s, engine=make_engine(s.effective_database_url))
    with TestClient(app) as c:
        r = c.get("/ready")
    assert r.status_code == 503 and r.headers["content-type"].startswith(PROBLEM)
