"""The verify rate limit cannot be dodged by changing address within one subscriber's IPv6
network, nor by a forged X-Forwarded-For; its bucket map stays bounded."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from verifier.ratelimit import RateLimiter


def _client(app, host: str) -> TestClient:
    return TestClient(app, raise_server_exceptions=False, client=(host, 50000))


@pytest.fixture
def limited(app):
    app.state.ctx.extras["verify_rate_limiter"] = RateLimiter(1, 2)
    return app


def _hit(app, host: str, headers: dict | None = None) -> int:
    return _client(app, host).get("/api/v1/verify/zzzzzzzzzzzzzzzzzzzz", headers=headers or {}).status_code


def test_ipv6_addresses_of_one_64_share_a_bucket(limited):
    codes = [_hit(limited, f"2001:db8:1:2::{n:x}") for n in range(1, 5)]
    assert codes[:2] != [429, 429] and codes[2:] == [429, 429]
    assert _hit(limited, "2001:db8:1:3::1") != 429  # another network has its own bucket


def test_forwarded_for_from_a_client_is_not_believed(limited):
    codes = [_hit(limited, "198.51.100.7", {"X-Forwarded-For": f"203.0.113.{n}"}) for n in range(1, 5)]
    assert codes[2:] == [429, 429]


def test_bucket_map_is_bounded():
    limiter = RateLimiter(60, 5, max_clients=100)
    for n in range(10_000):
        limiter.acquire(f"client-{n}")
    assert len(limiter._buckets) <= 100
