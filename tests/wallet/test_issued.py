"""With diplomas issued by the issuer (signed credentials, real numbering and tokens)."""

from __future__ import annotations

import io
from datetime import date

import pypdf
import pytest
from sqlmodel import Session

from issuer.auth import authenticate, create_token
from issuer.pii import make_iin
from issuer.service import issue_diploma
from issuer.setup import add_accreditation, add_institution, add_person, add_programme, ensure_ministry_key
from keys.keystore import Keystore


def _institution(session, keystore, settings, slug, name):
    add_institution(session, keystore, slug=slug, name_kk=f"{name} университеті", name_ru=f"Университет {name}",
                    name_en=f"{name} University", public_url=settings.public_url)
    add_accreditation(session, institution=slug, agency="IAAR", scope="institution",
                      valid_from=date(2020, 1, 1), valid_until=date(2030, 1, 1))
    add_programme(session, institution=slug, code="6B06101", name_kk="Ақпараттық жүйелер",
                  name_ru="Информационные системы", name_en="Information Systems", isced="0613", level=6, credits=240)
    person = add_person(session, institution=slug, name="Registrar", position="Registrar",
                        order_number="12-к", order_date=date(2024, 9, 1))
    token, _ = create_token(session, person.id, "issue")
    return token


@pytest.fixture
def issued(engine, settings):
    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    with Session(engine) as s:
        token = _institution(s, keystore, settings, "alpha", "Альфа")
        other_token = _institution(s, keystore, settings, "beta", "Бета")
        ensure_ministry_key(s, keystore)  # signs this deployment's trust list
        item = issue_diploma(s, keystore, settings, institution="alpha", actor=authenticate(s, token), data={
            "series": "BD", "number": "", "family_name": "Сәрсенбаев", "given_name": "Нұрлан",
            "patronymic": "Асқарұлы", "name_latin": "Nurlan Sarsenbayev",
            "iin": make_iin(date(2001, 3, 14), "m", 1), "date_of_birth": "2001-03-14",
            "programme_code": "6B06101", "award_date": "2025-06-30", "honours": "no", "gpa": "3.45",
        })
    return {"token": token, "other_token": other_token, "item": item, "iin": make_iin(date(2001, 3, 14), "m", 1)}


def test_staff_get_the_qr_of_their_institution_only(client, issued, qr):
    item = issued["item"]
    base = f"/api/v1/diplomas/{item.series}/{item.number}"
    r = client.get(f"{base}/qr.png", headers={"Authorization": f"Bearer {issued['token']}"})
    assert r.status_code == 200
    url = qr.decode_png(r.content)
    assert url == item.verify_url and url.startswith("http://testserver/v/")
    svg = client.get(f"{base}/qr.svg", headers={"Authorization": f"Bearer {issued['token']}"})
    assert qr.decode_svg(svg.content) == url
    assert client.get(f"{base}/qr.png", headers={"Authorization": f"Bearer {issued['other_token']}"}).status_code == 404
    assert client.get(f"{base}/qr.png", headers={"Authorization": "Bearer dalel_wrong"}).status_code == 401
    # the URL in the QR resolves through the deployment's lookup to the signed diploma
    token = url.rsplit("/", 1)[1]
    resolution = client.app.state.ctx.credential_lookup(token, None)
    assert resolution.status == "ok" and resolution.credentials[0]["id"] == item.credential_id
    assert resolution.credentials[0]["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    # no IIN anywhere in what the wallet hands out
    for path in ("qr.svg", "credential.json", "presentation.json"):
        body = client.get(f"{base}/{path}", headers={"Authorization": f"Bearer {issued['token']}"}).text
        assert issued["iin"] not in body


def test_pdf_of_an_issued_diploma(client, issued, qr):
    item = issued["item"]
    r = client.get(f"/api/v1/diplomas/{item.series}/{item.number}/diploma.pdf",
                   headers={"Authorization": f"Bearer {issued['token']}"})
    assert r.status_code == 200
    page = pypdf.PdfReader(io.BytesIO(r.content)).pages[0]
    text = page.extract_text()
    assert item.verify_url in text and "Сәрсенбаев" in text and item.display in text
    assert issued["iin"] not in text
    buf = io.BytesIO()
    page.images[0].image.save(buf, format="PNG")
    assert qr.decode_png(buf.getvalue()) == item.verify_url


def test_demo_files(engine, settings, issued, tmp_path, qr):
    from dalel.demo_wallet import add_wallet_files

    item = issued["item"]
    manifest = {"diplomas": [{"series": item.series, "number": item.number, "verify_url": item.verify_url}]}
    out = tmp_path / "demo-out"
    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    add_wallet_files(settings, engine, manifest, out, keystore=keystore)
    entry = manifest["diplomas"][0]
    assert qr.decode_png((out / entry["qr_png"]).read_bytes()) == item.verify_url
    pdf = (out / entry["pdf"]).read_bytes()
    assert item.verify_url in pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_dalel_demo_writes_qr_and_pdf(cli, tmp_path, qr, monkeypatch):
    import json

    out = tmp_path / "demo"
    code, _, err = cli("demo", "--no-serve", "--out", str(out), env={"DALEL_PUBLIC_URL": "http://testserver"})
    assert code == 0, err
    manifest = json.loads((out / "manifest.json").read_text())
    if not manifest.get("diplomas"):
        pytest.skip("the issuer's demo seeding is not merged yet")
    for entry in manifest["diplomas"]:
        assert qr.decode_png((out / entry["qr_png"]).read_bytes()) == entry["verify_url"]
        text = pypdf.PdfReader(io.BytesIO((out / entry["pdf"]).read_bytes())).pages[0].extract_text()
        assert entry["verify_url"] in text and entry["graduate"]["iin"] not in text
    # the graduate's PDF: its QR, read by a real decoder, opens a page that says valid
    import httpx
    from fastapi.testclient import TestClient

    from common.fetch import Fetcher
    from dalel.app import create_app
    from dalel.settings import Settings

    data_dir = tmp_path / "cli-data"
    settings = Settings(data_dir=data_dir, public_url="http://testserver", fetch_allow_http=True,
                        fetch_allow_private=True, keystore_passphrase_file=data_dir / "keystore-passphrase")
    entry = manifest["diplomas"][0]
    page = pypdf.PdfReader(io.BytesIO((out / entry["pdf"]).read_bytes())).pages[0]
    buf = io.BytesIO()
    page.images[0].image.save(buf, format="PNG")
    url = qr.decode_png(buf.getvalue())
    assert url == entry["verify_url"]
    with TestClient(create_app(settings)) as demo_client:
        def handler(request: httpx.Request) -> httpx.Response:
            r = demo_client.get(request.url.raw_path.decode("ascii"))
            return httpx.Response(r.status_code, headers=r.headers, content=r.content)

        demo_client.app.state.ctx.fetcher = Fetcher.from_settings(settings, transport=httpx.MockTransport(handler))
        path = url.removeprefix("http://testserver")
        for lang in ("kk", "ru", "en"):
            html = demo_client.get(f"{path}?lang={lang}")
            assert html.status_code == 200 and 'data-verdict="valid"' in html.text


@pytest.fixture
def live_client(client, settings):
    """The TestClient, with the app's fetcher answering its own URLs in-process (DID documents,
    status lists, the trust list), as a deployed Dalel answers them over HTTP."""
    import httpx

    from common.fetch import Fetcher

    def handler(request: httpx.Request) -> httpx.Response:
        r = client.get(request.url.raw_path.decode("ascii"))
        return httpx.Response(r.status_code, headers=r.headers, content=r.content)

    ctx = client.app.state.ctx
    ctx.fetcher = Fetcher.from_settings(settings, transport=httpx.MockTransport(handler))
    ctx.verification_context = None
    return client


def test_qr_url_verifies_as_valid_and_share_links_say_expired_or_revoked(live_client, engine, issued, qr):
    from datetime import timedelta

    client = live_client

    from common.timestamps import utcnow
    from issuer.lookup import find_diploma
    from wallet_export.service import create_share_link, revoke_share_link

    item = issued["item"]
    headers = {"Authorization": f"Bearer {issued['token']}"}
    url = qr.decode_png(client.get(f"/api/v1/diplomas/{item.series}/{item.number}/qr.png", headers=headers).content)
    path = url.removeprefix("http://testserver")
    with Session(engine) as s:
        diploma = find_diploma(s, item.series, item.number)
        live = create_share_link(s, diploma, scope="diploma+supplement")
        old = create_share_link(s, diploma, expires_in_days=1, now=utcnow() - timedelta(days=2))
        gone = create_share_link(s, diploma)
        revoke_share_link(s, diploma.graduate_id, gone.id)
        live_token, old_token, gone_token = live.token, old.token, gone.token
        graduate_id = diploma.graduate_id
    shared = client.get(f"/api/v1/verify/{live_token}?org=ACME").json()
    assert shared["verdict"] == "valid", shared
    for lang in ("kk", "ru", "en"):
        expired = client.get(f"/v/{old_token}?lang={lang}")
        revoked = client.get(f"/v/{gone_token}?lang={lang}")
        assert expired.status_code == 410 and revoked.status_code == 410
        assert f'lang="{lang}"' in expired.text and expired.text != revoked.text
    # the access log saw the organisation the viewer typed, never an IP
    from wallet_export.service import access_log_of

    with Session(engine) as s:
        log = access_log_of(s, graduate_id)
    assert "ACME" in {e.organisation for e, _ in log}
    assert {e.outcome for e, _ in log} == {"ok", "expired", "revoked"}
    assert all(e.ip_hash is None or len(e.ip_hash) == 32 for e, _ in log)

    # the diploma's own QR URL: every check the wallet and issuer answer for passes
    report = client.get(path.replace("/v/", "/api/v1/verify/")).json()
    checks = {c["id"]: c for c in report["checks"]}
    for check_id in ("format", "proof", "issuer_key", "issuer_trust", "accreditation", "validity_period",
                     "status_revocation", "status_suspension", "supersession"):
        assert checks[check_id]["status"] == "passed", checks[check_id]
    assert report["verdict"] == "valid", report
    page = client.get(path + "?lang=en")
    assert page.status_code == 200 and 'data-verdict="valid"' in page.text and issued["iin"] not in page.text


def test_me_shows_the_status_of_each_diploma(client, engine, settings, issued):
    from issuer.auth import authenticate
    from issuer.lookup import find_diploma
    from issuer.status import REASON_CODES, set_status
    from wallet_export.service import create_login_link

    item = issued["item"]
    with Session(engine) as s:
        url = create_login_link(s, find_diploma(s, item.series, item.number).graduate_id, settings.public_url)
    client.get(url.removeprefix("http://testserver"))
    client.post(url.removeprefix("http://testserver"))
    page = client.get("/me?lang=en").text
    assert "Valid" in page and "Revoked" not in page and item.display in page and issued["iin"] not in page
    keystore = Keystore.open(settings.keystore_dir, passphrase=settings.keystore_passphrase)
    with Session(engine) as s:
        set_status(s, item.series, item.number, "revoke", sorted(REASON_CODES)[0], actor=authenticate(s, issued["token"]),
                   keystore=keystore, public_url=settings.public_url)
    assert "Revoked" in client.get("/me?lang=en").text
    assert "Отозван" in client.get("/me?lang=ru").text


def test_qr_made_on_demand_and_cached_without_the_token_in_file_names(client, settings, issued):
    from wallet_export.qr import qr_cache_dir

    cache = qr_cache_dir(settings.data_dir)
    assert not cache.exists() or not any(cache.rglob("*.png"))  # issuance made no QR image
    item = issued["item"]
    headers = {"Authorization": f"Bearer {issued['token']}"}
    first = client.get(f"/api/v1/diplomas/{item.series}/{item.number}/qr.png", headers=headers).content
    files = list(cache.rglob("*.png"))
    assert len(files) == 1 and item.verify_token not in str(files[0])
    assert files[0].read_bytes() == first
    assert client.get(f"/api/v1/diplomas/{item.series}/{item.number}/qr.png", headers=headers).content == first


def test_registrar_system_requests_a_login_link(client, issued):
    item = issued["item"]
    path = f"/api/v1/diplomas/{item.series}/{item.number}/login-link"
    assert client.post(path).status_code == 401
    assert client.post(path, headers={"Authorization": f"Bearer {issued['other_token']}"}).status_code == 404
    r = client.post(path, headers={"Authorization": f"Bearer {issued['token']}"})
    assert r.status_code == 201 and r.headers["cache-control"] == "no-store"
    url = r.json()["url"]
    assert url.startswith("http://testserver/login/") and r.json()["expires_at"].endswith("Z")
    assert client.get(url.removeprefix("http://testserver")).status_code == 200
    login = client.post(url.removeprefix("http://testserver"), follow_redirects=False)
    assert login.status_code == 303 and "dalel_session=" in login.headers["set-cookie"]
    assert item.display in client.get("/me?lang=en").text
