"""Fixtures for the verifier tests: throwaway issuer and ministry keys, a signed trust list
file, and a verification context that never touches the network."""

from __future__ import annotations

import httpx
import pytest

from common.fetch import Fetcher
from tests.support.verifier import FakeStatus, Key, diploma, entry, sign, trust_list, write_json
from verifier.context import VerificationContext


@pytest.fixture(scope="session")
def uni() -> Key:
    return Key.generate()


@pytest.fixture(scope="session")
def ministry() -> Key:
    return Key.generate()


@pytest.fixture(scope="session")
def signed_diploma(uni):
    return sign(diploma(uni), uni)


@pytest.fixture
def trust_file(tmp_path, uni, ministry):
    return write_json(tmp_path / "trust-list.json", trust_list(ministry, [entry(uni.did)]))


def _offline_transport(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("offline test", request=request)


@pytest.fixture
def make_ctx(trust_file, ministry):
    """make_ctx(status=FakeStatus(...), trust_lists=[...], anchors=[...], transport=...)"""

    def make(*, status=None, trust_lists=None, anchors=None, transport=None, hosts=("*",)):
        fetcher = Fetcher(list(hosts), transport=httpx.MockTransport(transport or _offline_transport),
                          resolver=lambda host: ["93.184.216.34"])
        return VerificationContext.build(
            fetcher,
            trust_lists=[str(trust_file)] if trust_lists is None else trust_lists,
            trust_anchors=[ministry.did] if anchors is None else anchors,
            status_checker=status or FakeStatus(),
        )

    return make


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The credentials `dalel demo` issues, in an in-process deployment (see demo_world.py)."""
    from demo_world import build_demo_world, close

    world = build_demo_world(tmp_path_factory.mktemp("demo"))
    yield world
    close(world)
