"""The fetcher refuses every form of an internal address: literal, resolved, redirected."""

from __future__ import annotations

import httpx
import pytest

from common.fetch import Fetcher, FetchError, is_public_address

INTERNAL = [
    "127.0.0.1", "10.0.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
    "::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "fe80::1%eth0", "fd00::1",
    "fec0::1",  # deprecated site-local
    "2002:7f00:1::1", "2002:a9fe:a9fe::1", "2002:a00:1::",  # 6to4 around 127.0.0.1, 169.254.169.254, 10.0.0.1
    "2001:0:4136:e378:8000:63bf:80ff:fffe",  # Teredo (its client address is 127.0.0.1)
    "64:ff9b::7f00:1",  # NAT64 around 127.0.0.1
]


@pytest.mark.parametrize("address", INTERNAL)
def test_internal_addresses_are_not_public(address):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "2002:5db8:d822::1"])
def test_public_addresses_stay_public(address):
    assert is_public_address(address)


def _never(request: httpx.Request) -> httpx.Response:  # pragma: no cover - must not be reached
    raise AssertionError(f"fetched {request.url}")


@pytest.mark.parametrize("address", ["2002:7f00:1::1", "fec0::1", "::ffff:10.0.0.1"])
def test_a_name_resolving_to_an_embedded_internal_address_is_refused(address):
    fetcher = Fetcher(["*"], transport=httpx.MockTransport(_never), resolver=lambda host: [address])
    with pytest.raises(FetchError) as info:
        fetcher.get_json("https://evil.example/did.json")
    assert info.value.code == "address_not_allowed"


@pytest.mark.parametrize("url", [
    "https://2130706433/x", "https://0177.0.0.1/x", "https://0x7f.1/x", "https://[::ffff:7f00:1]/x",
    "https://user:pw@example.org/x", "https://example.org@127.0.0.1/x",
])
def test_odd_url_forms_do_not_reach_loopback(url):
    from common.fetch import system_resolver

    fetcher = Fetcher(["*"], transport=httpx.MockTransport(_never), resolver=system_resolver)
    with pytest.raises(FetchError) as info:
        fetcher.get_json(url)
    assert info.value.code in ("address_not_allowed", "invalid_url", "dns_failed")


def test_redirect_to_an_internal_address_is_refused():
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "good.example":
            return httpx.Response(302, headers={"Location": "https://[2002:a9fe:a9fe::1]/latest/meta-data"})
        raise AssertionError(f"followed to {request.url}")

    fetcher = Fetcher(["*"], transport=httpx.MockTransport(handler), resolver=lambda host: ["93.184.216.34"])
    with pytest.raises(FetchError) as info:
        fetcher.get_json("https://good.example/did.json")
    assert info.value.code == "address_not_allowed"
