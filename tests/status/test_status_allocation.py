"""Allocation of status entries: random, distinct, rolled over to a new list when one fills,
never shared between concurrent transactions (threads with their own sessions)."""

from __future__ import annotations

import threading

from sqlmodel import Session, col, func, select

from issuer.status import LIST_SIZE, allocate_status_entries, list_id_from_url
from issuer.status.models import StatusAllocation, StatusList

PUBLIC_URL = "http://testserver"


def test_two_entries_shape(session):
    entries = allocate_status_entries(session, "demo", PUBLIC_URL)
    session.commit()
    assert [e["statusPurpose"] for e in entries] == ["revocation", "suspension"]
    for entry in entries:
        assert entry["type"] == "BitstringStatusListEntry"
        assert entry["statusListIndex"].isdigit() and str(int(entry["statusListIndex"])) == entry["statusListIndex"]
        assert entry["statusListCredential"].startswith(PUBLIC_URL + "/status/")
        assert entry["id"] == f"{entry['statusListCredential']}#{entry['statusListIndex']}"
        assert entry["id"] != entry["statusListCredential"]
    assert entries[0]["statusListCredential"] != entries[1]["statusListCredential"]
    lst = session.get(StatusList, list_id_from_url(entries[0]["statusListCredential"]))
    assert lst.size == LIST_SIZE >= 131072 and lst.purpose == "revocation" and lst.institution == "demo"
    assert len(lst.id) >= 22  # 128 random bits


def test_indexes_random_and_distinct(session):
    indexes = []
    for _ in range(60):
        entries = allocate_status_entries(session, "demo", PUBLIC_URL)
        indexes.append(int(entries[0]["statusListIndex"]))
    session.commit()
    assert len(set(indexes)) == len(indexes)
    assert indexes != sorted(indexes)  # not handed out in order
    assert max(indexes) > 4096  # spread over the list, not packed at its start


def test_institutions_have_their_own_lists(session):
    a = allocate_status_entries(session, "demo", PUBLIC_URL)
    b = allocate_status_entries(session, "other", PUBLIC_URL)
    assert a[0]["statusListCredential"] != b[0]["statusListCredential"]


def test_rollover_to_a_new_list_when_full(session):
    seen = set()
    lists = []
    for _ in range(20):
        entry = allocate_status_entries(session, "demo", PUBLIC_URL, list_size=16, purposes=("revocation",))[0]
        key = (entry["statusListCredential"], int(entry["statusListIndex"]))
        assert key not in seen
        seen.add(key)
        if entry["statusListCredential"] not in lists:
            lists.append(entry["statusListCredential"])
    session.commit()
    assert len(lists) == 2
    first = list_id_from_url(lists[0])
    used = session.exec(select(StatusAllocation.status_index).where(StatusAllocation.list_id == first)).all()
    assert sorted(used) == list(range(16))  # every slot of the first list, once
    assert session.get(StatusList, first).closed is True
    assert session.get(StatusList, list_id_from_url(lists[1])).closed is False


def test_rollback_frees_the_indexes(session):
    allocate_status_entries(session, "demo", PUBLIC_URL)
    session.rollback()
    assert session.exec(select(func.count()).select_from(StatusAllocation)).one() == 0


def test_concurrent_batches_never_share_an_index(engine):
    """Four batches at once on tiny lists (many collisions, several rollovers)."""
    results: list[list[tuple[str, int]]] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)
    lock = threading.Lock()

    def batch() -> None:
        try:
            with Session(engine) as s:
                barrier.wait(timeout=30)
                mine = []
                for _ in range(15):
                    for entry in allocate_status_entries(s, "demo", PUBLIC_URL, list_size=24):
                        mine.append((entry["statusListCredential"], int(entry["statusListIndex"])))
                s.commit()
            with lock:
                results.append(mine)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=batch) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    handed_out = [key for batch_keys in results for key in batch_keys]
    assert len(handed_out) == 4 * 15 * 2
    assert len(set(handed_out)) == len(handed_out)
    with Session(engine) as s:
        stored = s.exec(select(StatusAllocation.list_id, StatusAllocation.status_index)).all()
        assert len(stored) == len(handed_out)
        # every list respects its size
        for lst in s.exec(select(StatusList)).all():
            count = s.exec(
                select(func.count()).select_from(StatusAllocation).where(col(StatusAllocation.list_id) == lst.id)
            ).one()
            assert count <= lst.size


def test_malformed_entries_are_found_anywhere():
    from issuer.status import malformed_status_entries

    good = {
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": "https://example.com/status/3",
    }
    assert malformed_status_entries({"credentialStatus": [good]}) == []
    suite_fixture = {
        "credentialSubject": {"id": "did:example:1"},
        "statusEntry": {"type": "BitstringStatusListEntry", "statusListIndex": True,
                        "statusListCredential": "https://example.com"},
    }
    problems = malformed_status_entries(suite_fixture)
    assert any(p.startswith("$.statusEntry.statusListIndex") for p in problems)
    assert any(p.startswith("$.statusEntry.statusPurpose") for p in problems)
    assert malformed_status_entries({"credentialStatus": {**good, "statusListIndex": "007"}})
    assert malformed_status_entries({"credentialStatus": {**good, "statusSize": 2}})  # needs 4 messages
    assert malformed_status_entries({"credentialStatus": {**good, "id": good["statusListCredential"]}})


def test_with_status_entries_for_vc2_only(session):
    from issuer.status import with_status_entries

    v2 = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "urn:uuid:1",
          "credentialStatus": {"id": "did:example:status", "type": "CredentialStatusList2017"}}
    out = with_status_entries(session, v2, "demo", PUBLIC_URL)
    assert [e["type"] for e in out["credentialStatus"]] == [
        "CredentialStatusList2017", "BitstringStatusListEntry", "BitstringStatusListEntry"]
    assert v2["credentialStatus"]["type"] == "CredentialStatusList2017"  # input untouched
    v1 = {"@context": ["https://www.w3.org/2018/credentials/v1"]}
    assert with_status_entries(session, v1, "demo", PUBLIC_URL) is v1
