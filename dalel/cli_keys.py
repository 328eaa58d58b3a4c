"""``dalel keys …``: create, list, rotate, retire and compromise issuer keys."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer
from sqlmodel import Session

from common import i18n
from common.problems import Problem
from dalel import cli

T = TypeVar("T")

i18n.register(
    {
        "cli.keys.created": {
            "kk": "{institution} үшін {algorithm} кілті жасалды: {id}\n  did:web: {did_web}\n  "
            "тексеру әдісі: {verification_method}\n  did:key: {did_key}",
            "ru": "Для {institution} создан ключ {algorithm}: {id}\n  did:web: {did_web}\n  "
            "метод проверки: {verification_method}\n  did:key: {did_key}",
            "en": "Created {algorithm} key {id} for {institution}\n  did:web: {did_web}\n  "
            "verification method: {verification_method}\n  did:key: {did_key}",
        },
        "cli.keys.rotated": {
            "kk": "{institution}: енді {id} кілті қол қояды; қолданыстан шығарылды: {retired}. "
            "Ескі қолтаңбалар жарамды болып қала береді.",
            "ru": "{institution}: теперь подписывает ключ {id}; выведены из использования: {retired}. "
            "Старые подписи остаются действительными.",
            "en": "{institution}: key {id} signs from now on; retired: {retired}. Old signatures stay valid.",
        },
        "cli.keys.retired": {
            "kk": "{id} кілті қолданыстан шығарылды: енді қол қоймайды, бұрынғы қолтаңбалар жарамды.",
            "ru": "Ключ {id} выведен из использования: больше не подписывает, прежние подписи действительны.",
            "en": "Key {id} retired: it signs no more; signatures made before stay valid.",
        },
        "cli.keys.compromised": {
            "kk": "{id} кілтінің құпиясы {at} бастап ашылған деп белгіленді: осы уақыттан кейінгі "
            "қолтаңбалар тексеруден өтпейді. Жаңа кілт: dalel keys rotate --institution {institution}",
            "ru": "Ключ {id} отмечен как скомпрометированный с {at}: подписи с этого момента не пройдут "
            "проверку. Новый ключ: dalel keys rotate --institution {institution}",
            "en": "Key {id} marked compromised from {at}: signatures dated from then on fail verification. "
            "New key: dalel keys rotate --institution {institution}",
        },
        "cli.keys.none": {"kk": "Кілттер жоқ", "ru": "Ключей нет", "en": "No keys"},
        "cli.keys.none_retired": {"kk": "жоқ", "ru": "нет", "en": "none"},
        "cli.keys.status.active": {"kk": "белсенді", "ru": "действует", "en": "active"},
        "cli.keys.status.retired": {"kk": "шығарылған", "ru": "выведен", "en": "retired"},
        "cli.keys.status.compromised": {"kk": "құпиясы ашылған", "ru": "скомпрометирован", "en": "compromised"},
    }
)

keys_app = typer.Typer(
    name="keys",
    help="Issuer signing keys: create, list, rotate, retire, compromise.",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(keys_app, name="keys")


def _out(text: str) -> None:
    cli.console.print(text, markup=False, emoji=False, highlight=False, soft_wrap=True)


def _run(action: Callable[[], T]) -> T:
    """Run `action`; a Problem becomes one translated line and the CLI's exit code."""
    try:
        return action()
    except Problem as exc:
        if cli._state["debug"]:
            raise
        title = exc.title(cli.lang())
        line = f"{title}: {exc.detail}" if exc.detail else title
        cli.err_console.print(
            f"{i18n.t('cli.error.prefix', cli.lang())}: {line}", markup=False, emoji=False, highlight=False, soft_wrap=True
        )
        raise typer.Exit(cli._exit_code_for(exc)) from None


def _session_and_settings() -> tuple[Session, Any]:
    s = cli.settings()
    engine = cli.init_database(s)
    return Session(engine), s


def _keystore(s: Any) -> Any:
    from keys.keystore import Keystore

    return Keystore.open(s.keystore_dir, passphrase=s.keystore_passphrase, passphrase_file=s.keystore_passphrase_file)


InstitutionOpt = Annotated[str, typer.Option("--institution", help="Institution slug, e.g. demo.")]
AlgOpt = Annotated[str | None, typer.Option("--alg", help="ed25519 (default) or p256.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@keys_app.command("create")
def create(institution: InstitutionOpt, alg: AlgOpt = None, as_json: JsonOpt = False) -> None:
    """Create a new active signing key for an institution."""
    from keys.service import create_key, key_info, parse_algorithm

    def action() -> dict[str, Any]:
        parse_algorithm(alg)
        session, s = _session_and_settings()
        with session:
            key = create_key(session, _keystore(s), institution=institution, algorithm=alg or "Ed25519")
            return key_info(key, s.public_url)

    info = _run(action)
    _out(json.dumps(info, ensure_ascii=False, indent=2) if as_json else i18n.t("cli.keys.created", cli.lang(), **info))


@keys_app.command("list")
def list_(
    as_json: JsonOpt = False,
    institution: Annotated[str | None, typer.Option("--institution", help="Only this institution.")] = None,
) -> None:
    """List every key with its status, did:key and did:web."""
    from keys.service import check_institution, key_info, list_keys

    def action() -> list[dict[str, Any]]:
        if institution is not None:
            check_institution(institution)
        session, s = _session_and_settings()
        with session:
            return [key_info(k, s.public_url) for k in list_keys(session, institution)]

    infos = _run(action)
    if as_json:
        _out(json.dumps(infos, ensure_ascii=False, indent=2))
        return
    if not infos:
        _out(i18n.t("cli.keys.none", cli.lang()))
        return
    for info in infos:
        status = i18n.t(f"cli.keys.status.{info['status']}", cli.lang())
        _out(
            f"{info['id']}  {info['institution']}  {info['algorithm']}  {status}  {info['created']}\n"
            f"  {info['verification_method']}\n  {info['did_key']}"
        )


@keys_app.command("rotate")
def rotate(institution: InstitutionOpt, alg: AlgOpt = None, as_json: JsonOpt = False) -> None:
    """Create a new active key; the old one is retired and keeps verifying old diplomas."""
    from keys.service import key_info, list_keys, parse_algorithm, rotate_key

    def action() -> tuple[dict[str, Any], list[str]]:
        if alg is not None:
            parse_algorithm(alg)
        session, s = _session_and_settings()
        with session:
            before = {k.id for k in list_keys(session, institution) if k.status == "active"}
            key = rotate_key(session, _keystore(s), institution=institution, algorithm=alg)
            retired = sorted(k.id for k in list_keys(session, institution) if k.id in before and k.status != "active")
            return key_info(key, s.public_url), retired

    info, retired = _run(action)
    if as_json:
        _out(json.dumps({**info, "retired": retired}, ensure_ascii=False, indent=2))
        return
    retired_text = ", ".join(retired) or i18n.t("cli.keys.none_retired", cli.lang())
    _out(i18n.t("cli.keys.rotated", cli.lang(), id=info["id"], institution=info["institution"], retired=retired_text))


@keys_app.command("retire")
def retire(key_id: Annotated[str, typer.Argument(help="Key id, e.g. key-3xQ…")]) -> None:
    """Stop signing with a key; signatures made before stay valid."""
    from keys.service import retire_key

    def action() -> str:
        session, _s = _session_and_settings()
        with session:
            return retire_key(session, key_id).id

    _out(i18n.t("cli.keys.retired", cli.lang(), id=_run(action)))


@keys_app.command("compromise")
def compromise(
    key_id: Annotated[str, typer.Argument(help="Key id, e.g. key-3xQ…")],
    at: Annotated[str, typer.Option("--at", help="Earliest time the key may have leaked, ISO 8601 with timezone.")],
) -> None:
    """Mark a key compromised from --at: signatures dated from then on fail verification."""
    from keys.service import compromise_key, key_info, parse_instant

    def action() -> dict[str, Any]:
        parse_instant(at)
        session, s = _session_and_settings()
        with session:
            return key_info(compromise_key(session, key_id, at), s.public_url)

    info = _run(action)
    _out(i18n.t("cli.keys.compromised", cli.lang(), id=info["id"], at=info["compromised_at"], institution=info["institution"]))
