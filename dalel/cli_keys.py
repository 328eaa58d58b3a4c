"""``dalel keys …``: create, list, rotate, retire and compromise issuer keys."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from common import i18n
from common.i18n import N_
from common.problems import NotFound
from dalel import cli_runtime as rt
from keys.service import (
    check_institution,
    compromise_key,
    create_key,
    get_key,
    key_info,
    list_keys,
    parse_algorithm,
    parse_instant,
    retire_key,
    rotate_key,
)

_KEY_STATUS = {"active": N_("active"), "retired": N_("retired"), "compromised": N_("compromised")}

keys_app = typer.Typer(
    name="keys",
    help="Issuer signing keys: create, list, rotate, retire, compromise.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")


InstitutionOpt = Annotated[str, typer.Option("--institution", help="Institution slug, e.g. demo.")]
AlgOpt = Annotated[str | None, typer.Option("--alg", help="ed25519 (default) or p256.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (scripts).")]


@keys_app.command("create")
def create(institution: InstitutionOpt, alg: AlgOpt = None, as_json: JsonOpt = False) -> None:
    """Create a new active signing key for an institution."""
    parse_algorithm(alg)
    s = rt.settings()
    with rt.session() as session:
        key = create_key(session, rt.keystore(s), institution=institution, algorithm=alg or "Ed25519")
        info = key_info(key, s.public_url)
    rt.out(
        json.dumps(info, ensure_ascii=False, indent=2)
        if as_json
        else i18n.t(
            "Created {algorithm} key {id} for {institution}\n  did:web: {did_web}\n  verification method: {verification_method}\n  did:key: {did_key}",
            rt.lang(),
            **info,
        )
    )


@keys_app.command("list")
def list_(
    as_json: JsonOpt = False,
    institution: Annotated[str | None, typer.Option("--institution", help="Only this institution.")] = None,
) -> None:
    """List every key with its status, did:key and did:web."""
    if institution is not None:
        check_institution(institution)
    s = rt.settings()
    with rt.session() as session:
        infos = [key_info(k, s.public_url) for k in list_keys(session, institution)]
    if institution is not None and not infos:  # a mistyped slug is not "no keys"
        raise NotFound(institution, code="institution-not-found")
    if as_json:
        rt.out(json.dumps(infos, ensure_ascii=False, indent=2))
        return
    if not infos:
        rt.out(i18n.t("No keys", rt.lang()))
        return
    for info in infos:
        status = i18n.t(_KEY_STATUS[info["status"]], rt.lang())
        rt.out(
            f"{info['id']}  {info['institution']}  {info['algorithm']}  {status}  {info['created']}\n"
            f"  {info['verification_method']}\n  {info['did_key']}"
        )


@keys_app.command("rotate")
def rotate(institution: InstitutionOpt, alg: AlgOpt = None, as_json: JsonOpt = False) -> None:
    """Create a new active key; the old one is retired and keeps verifying old diplomas."""
    if alg is not None:
        parse_algorithm(alg)
    s = rt.settings()
    with rt.session() as session:
        before = {k.id for k in list_keys(session, institution) if k.status == "active"}
        key = rotate_key(session, rt.keystore(s), institution=institution, algorithm=alg)
        retired = sorted(k.id for k in list_keys(session, institution) if k.id in before and k.status != "active")
        info = key_info(key, s.public_url)
    if as_json:
        rt.out(json.dumps({**info, "retired": retired}, ensure_ascii=False, indent=2))
        return
    retired_text = ", ".join(retired) or i18n.t("none", rt.lang())
    rt.out(i18n.t("{institution}: key {id} signs from now on; retired: {retired}. Old signatures stay valid.", rt.lang(), id=info["id"], institution=info["institution"], retired=retired_text))


@keys_app.command("retire")
def retire(key_id: Annotated[str, typer.Argument(help="Key id, e.g. key-3xQ…")]) -> None:
    """Stop signing with a key; signatures made before stay valid."""
    with rt.session() as session:
        retired = retire_key(session, key_id).id
    rt.out(i18n.t("Key {id} retired: it signs no more; signatures made before stay valid.", rt.lang(), id=retired))


@keys_app.command("compromise")
def compromise(
    key_id: Annotated[str, typer.Argument(help="Key id, e.g. key-3xQ…")],
    at: Annotated[str, typer.Option("--at", help="Earliest time the key may have leaked, ISO 8601 with timezone.")],
    yes: YesOpt = False,
) -> None:
    """Mark a key compromised from --at: signatures dated from then on fail verification."""
    instant = parse_instant(at)
    s = rt.settings()
    with rt.session() as session:
        key = get_key(session, key_id)  # an unknown or already compromised key is said before the question
        if key.compromised_at is None:
            rt.confirm(i18n.t("Key {id} of {institution} will be marked compromised from {at}: everything it signed from then on fails verification. This cannot be undone.", rt.lang(), id=key.id, institution=key.institution,
                              at=instant.strftime("%Y-%m-%dT%H:%M:%SZ")), yes=yes)
        info = key_info(compromise_key(session, key_id, at), s.public_url)
    rt.out(i18n.t("Key {id} marked compromised from {at}: signatures dated from then on fail verification. New key: dalel keys rotate --institution {institution}", rt.lang(), id=info["id"], at=info["compromised_at"],
                  institution=info["institution"]))
