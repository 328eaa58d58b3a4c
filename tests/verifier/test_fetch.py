"""The one fetcher: allowlist, https only, no private addresses, redirects, size caps, cache,
no cookies, offline bundle."""

from __future__ import annotations

import gzip
import json

import httpx
import pytest

from common.errors import ResourceUnavailable
from common.fetch import Bundle, Fetcher, FetchError, NotJson, is_public_address

PUBLIC_IP = "93.184.216.34"


def fetcher(handler, *, hosts=("uni.example", "other.example"), resolver=None, **kwargs) -> Fetcher:
    return Fetcher(
        list(hosts),
        transport=httpx.MockTransport(handler),
        resolver=resolver or (lambda host: [PUBLIC_IP]),
        **kwargs,
    )


def ok_json(request):
    return httpx.Response(200, json={"url": str(request.url)})


def code_of(excinfo) -> str:
    assert isinstance(excinfo.value, ResourceUnavailable)
    return excinfo.value.code


def test_fetches_json_from_an_allowed_host():
    assert fetcher(ok_json).get_json("https://uni.example/a.json") == {"url": "https://uni.example/a.json"}


def test_host_outside_the_allowlist_is_refused_without_a_request():
    calls = []
    f = fetcher(lambda r: calls.append(r) or ok_json(r))
    with pytest.raises(FetchError) as exc:
        f.get_json("https://evil.example/x.json")
    assert code_of(exc) == "host_not_allowed" and calls == []


def test_wildcard_allowlist_entries():
    f = fetcher(ok_json, hosts=["*.edu.kz"])
    assert f.get_json("https://uni.edu.kz/x")
    with pytest.raises(FetchError):
        f.get_json("https://edu.kz.evil.example/x")
    assert fetcher(ok_json, hosts=["*"]).get_json("https://anything.example/x")


def test_http_is_refused_unless_allowed():
    with pytest.raises(FetchError) as exc:
        fetcher(ok_json).get_json("http://uni.example/a.json")
    assert code_of(exc) == "scheme_not_allowed"
    assert fetcher(ok_json, allow_http=True).get_json("http://uni.example/a.json")


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "192.168.0.10", "169.254.169.254", "::1", "fe80::1", "0.0.0.0", "::ffff:127.0.0.1", "100.64.0.1"])
def test_names_resolving_to_private_addresses_are_refused(address):
    calls = []
    f = fetcher(lambda r: calls.append(r) or ok_json(r), resolver=lambda host: [address])
    with pytest.raises(FetchError) as exc:
        f.get_json("https://uni.example/did.json")
    assert code_of(exc) == "address_not_allowed" and calls == []


def test_any_private_address_among_several_is_refused():
    f = fetcher(ok_json, resolver=lambda host: [PUBLIC_IP, "10.0.0.1"])
    with pytest.raises(FetchError):
        f.get_json("https://uni.example/x")


def test_ip_literal_private_is_refused():
    with pytest.raises(FetchError) as exc:
        fetcher(ok_json, hosts=["*"]).get_json("https://169.254.169.254/latest/meta-data")
    assert code_of(exc) == "address_not_allowed"


def test_private_addresses_allowed_when_configured():
    f = fetcher(ok_json, resolver=lambda host: ["127.0.0.1"], allow_private=True)
    assert f.get_json("https://uni.example/x")


def test_public_address_check():
    assert is_public_address(PUBLIC_IP)
    assert not is_public_address("127.0.0.2")


def test_connection_goes_to_the_checked_address_without_a_transport():
    f = Fetcher(["uni.example"], resolver=lambda host: [PUBLIC_IP])
    target, host_header, extensions = f._check_url("https://uni.example/institutions/x/did.json")
    assert target.host == PUBLIC_IP and host_header == "uni.example"
    assert extensions["sni_hostname"] == "uni.example"


def test_dns_failure():
    def fail(host):
        raise OSError("no such host")

    with pytest.raises(FetchError) as exc:
        fetcher(ok_json, resolver=fail).get_json("https://uni.example/x")
    assert code_of(exc) == "dns_failed"


def redirecting(hops: int, final_host: str = "uni.example"):
    def handler(request):
        n = int(request.url.params.get("n", "0"))
        if n < hops:
            return httpx.Response(302, headers={"Location": f"https://{final_host if n + 1 == hops else 'uni.example'}/r?n={n + 1}"})
        return httpx.Response(200, json={"hops": n})

    return handler


def test_three_redirects_are_followed():
    assert fetcher(redirecting(3)).get_json("https://uni.example/r?n=0") == {"hops": 3}


def test_a_fourth_redirect_is_refused():
    with pytest.raises(FetchError) as exc:
        fetcher(redirecting(4)).get_json("https://uni.example/r?n=0")
    assert code_of(exc) == "too_many_redirects"


def test_redirect_targets_are_checked_again():
    with pytest.raises(FetchError) as exc:
        fetcher(redirecting(1, "evil.example")).get_json("https://uni.example/r?n=0")
    assert code_of(exc) == "host_not_allowed"

    def to_private(request):
        if request.url.path == "/start":
            return httpx.Response(302, headers={"Location": "https://169.254.169.254/x"})
        return ok_json(request)

    with pytest.raises(FetchError) as exc:
        fetcher(to_private, hosts=["*"]).get_json("https://uni.example/start")
    assert code_of(exc) == "address_not_allowed"


def test_size_cap_while_streaming():
    def big(request):
        def body():
            for _ in range(100):
                yield b"x" * 10_000

        return httpx.Response(200, content=body())

    with pytest.raises(FetchError) as exc:
        fetcher(big).get_bytes("https://uni.example/big", max_bytes=50_000)
    assert code_of(exc) == "too_large"


def test_size_cap_by_content_length():
    def big(request):
        return httpx.Response(200, content=b"x" * 200_001)

    with pytest.raises(FetchError) as exc:
        fetcher(big).get_json("https://uni.example/big")  # default cap for JSON: 100 000 bytes
    assert code_of(exc) == "too_large"


def test_gzip_bomb_is_capped_after_decompression():
    bomb = gzip.compress(b"0" * 5_000_000)

    def handler(request):
        return httpx.Response(200, content=bomb, headers={"Content-Encoding": "gzip"})

    with pytest.raises(FetchError) as exc:
        fetcher(handler).get_bytes("https://uni.example/bomb", max_bytes=100_000)
    assert code_of(exc) == "too_large"


def test_timeout_is_a_reason():
    def slow(request):
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(FetchError) as exc:
        fetcher(slow).get_json("https://uni.example/x")
    assert code_of(exc) == "timeout"


def test_http_error_status_is_unavailable():
    with pytest.raises(FetchError) as exc:
        fetcher(lambda r: httpx.Response(500)).get_json("https://uni.example/x")
    assert code_of(exc) == "http_status"


def test_not_json_is_a_value_error():
    with pytest.raises(NotJson):
        fetcher(lambda r: httpx.Response(200, content=b"<html>")).get_json("https://uni.example/x")


def test_no_cookies_are_kept_or_sent():
    seen = []

    def handler(request):
        seen.append(request.headers.get("cookie"))
        return httpx.Response(200, json={}, headers={"Set-Cookie": "session=abc; Path=/"})

    f = fetcher(handler)
    f.get_json("https://uni.example/a")
    f.get_json("https://uni.example/b")
    assert seen == [None, None]


def test_max_age_is_honoured():
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(200, json={"n": len(calls)}, headers={"Cache-Control": "public, max-age=300"})

    f = fetcher(handler)
    assert f.get_json("https://uni.example/s") == {"n": 1}
    assert f.get_json("https://uni.example/s") == {"n": 1}
    assert len(calls) == 1


def test_etag_revalidation():
    calls = []

    def handler(request):
        calls.append(request.headers.get("if-none-match"))
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return httpx.Response(200, json={"v": 1}, headers={"ETag": '"v1"', "Cache-Control": "max-age=0"})

    f = fetcher(handler)
    assert f.get_json("https://uni.example/s") == {"v": 1}
    assert f.get_json("https://uni.example/s") == {"v": 1}
    assert calls == [None, '"v1"']


def test_no_store_is_not_cached():
    calls = []

    def handler(request):
        calls.append(1)
        return httpx.Response(200, json={}, headers={"Cache-Control": "no-store", "ETag": '"x"'})

    f = fetcher(handler)
    f.get_json("https://uni.example/s")
    f.get_json("https://uni.example/s")
    assert len(calls) == 2


def test_own_origin_is_always_revalidated_and_may_be_http_loopback():
    calls = []

    def handler(request):
        calls.append(1)
        return httpx.Response(200, json={}, headers={"Cache-Control": "max-age=300"})

    f = fetcher(handler, hosts=[], resolver=lambda h: ["127.0.0.1"], self_origins=["http://127.0.0.1:8000"])
    f.get_json("http://127.0.0.1:8000/status/1")
    f.get_json("http://127.0.0.1:8000/status/1")
    assert len(calls) == 2
    with pytest.raises(FetchError):
        f.get_json("http://127.0.0.1:9000/status/1")


def test_from_settings():
    class S:
        public_url = "https://dalel.example"
        fetch_allow_hosts = ["uni.example"]
        trust_lists = ["https://ministry.example/trust-list", "/etc/dalel/tl.json"]
        fetch_allow_http = False
        fetch_allow_private = False
        fetch_timeout_seconds = 3.0
        verifier_bundle = None

    f = Fetcher.from_settings(S())
    assert {"uni.example", "dalel.example", "ministry.example"} <= f.allowed_hosts
    assert f.timeout == 3.0


# --------------------------------------------------------------------------- offline bundle


def make_bundle(tmp_path, resources: dict[str, str], files: dict[str, bytes]):
    for name, data in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (tmp_path / "manifest.json").write_text(json.dumps({"resources": resources}))
    return tmp_path


def test_bundle_serves_instead_of_the_network(tmp_path):
    directory = make_bundle(tmp_path, {"https://uni.example/did.json": "did/uni.json"}, {"did/uni.json": b'{"id": 1}'})
    calls = []
    f = Fetcher([], bundle=directory, transport=httpx.MockTransport(lambda r: calls.append(r) or ok_json(r)))
    assert f.get_json("https://uni.example/did.json") == {"id": 1}
    with pytest.raises(FetchError) as exc:
        f.get_json("https://uni.example/other.json")
    assert code_of(exc) == "not_in_bundle" and calls == []


@pytest.mark.parametrize("evil", ["../secret.json", "/etc/passwd", "sub/../../secret.json", "."])
def test_bundle_paths_are_confined_to_the_directory(tmp_path, evil):
    (tmp_path / "secret.json").write_text('{"secret": true}')
    directory = tmp_path / "bundle"
    directory.mkdir()
    make_bundle(directory, {"https://uni.example/x": evil}, {})
    with pytest.raises(FetchError) as exc:
        Fetcher([], bundle=directory).get_json("https://uni.example/x")
    assert code_of(exc) == "bundle_invalid"


def test_bundle_without_manifest_is_refused(tmp_path):
    with pytest.raises(FetchError) as exc:
        Bundle(tmp_path)
    assert code_of(exc) == "bundle_invalid"


def test_real_connection_goes_to_the_checked_address_with_the_original_host(monkeypatch):
    """Without an injected transport: the name is resolved by the fetcher's resolver, the
    connection goes to that address, and the server sees the original Host."""
    import http.server
    import threading

    import common.fetch as fetch_module

    seen = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen["host"] = self.headers.get("Host")
            seen["cookie"] = self.headers.get("Cookie")
            body = b'{"ok": true}'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Set-Cookie", "a=b")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        monkeypatch.setattr(fetch_module, "is_public_address", lambda address: True)  # let 127.0.0.1 stand in
        f = Fetcher(["uni.example"], allow_http=True, resolver=lambda host: ["127.0.0.1"])
        assert f.get_json(f"http://uni.example:{port}/did.json") == {"ok": True}
        assert seen["host"] == f"uni.example:{port}"
        f.get_json(f"http://uni.example:{port}/again.json")
        assert seen["cookie"] is None
    finally:
        server.shutdown()
