"""``dalel revoke``, ``dalel suspend``, ``dalel reinstate`` and ``dalel status``.

Who acts: every change is attributed to a responsible person. Either
``--token`` / ``DALEL_TOKEN`` (a token of the person with scope ``revoke``, exactly as the API
takes it), or ``--person ID`` for an operator at the server's console: whoever can run the CLI
against the data directory and keystore already holds every key, so the CLI does not ask for a
token, but it still requires the id of the responsible person on whose instruction the change
is made; the person must be active and belong to the diploma's institution, and the audit row
says the change came through the console (``channel: cli-operator``).
"""

from __future__ import annotations

import json
import os
from typing import Annotated

import typer
from sqlmodel import Session

from common import i18n
from common.problems import BadInput, NotFound, Problem

i18n.register(
    {
        "cli.status.who": {
            "kk": "Кім әрекет етеді: --token (немесе DALEL_TOKEN) не --person ID беріңіз",
            "ru": "Кто действует: укажите --token (или DALEL_TOKEN) либо --person ID",
            "en": "Who acts: give --token (or DALEL_TOKEN) or --person ID",
        },
        "cli.status.done": {
            "kk": "{display}: {state} ({reason}); диплом мен қосымшаның күй тізімдері жаңартылды",
            "ru": "{display}: {state} ({reason}); списки статусов диплома и приложения обновлены",
            "en": "{display}: {state} ({reason}); the status lists of the diploma and its supplement are updated",
        },
        "cli.status.now": {
            "kk": "{display}: {state} ({at} жағдайы бойынша)",
            "ru": "{display}: {state} (на {at})",
            "en": "{display}: {state} (as of {at})",
        },
        "cli.status.action.revoke": {"kk": "кері қайтарылды", "ru": "отозван", "en": "revoked"},
        "cli.status.action.suspend": {
            "kk": "әрекеті тоқтатылды",
            "ru": "действие приостановлено",
            "en": "suspended",
        },
        "cli.status.action.reinstate": {
            "kk": "әрекеті қалпына келтірілді",
            "ru": "действие восстановлено",
            "en": "reinstated",
        },
    }
)

REASON_HELP = "issued_in_error | fraud | superseded_by_correction | court_decision | graduate_request | other"


def _cli():
    from dalel import cli

    return cli


def _actor(session: Session, token: str | None, person: int | None, lang: str):
    """The acting responsible person: by token (scope revoke) or, at the console, by id."""
    from issuer.auth import Actor, authenticate, person_is_active
    from issuer.models import Institution, ResponsiblePerson

    if token:
        actor = authenticate(session, token)
        if "revoke" not in actor.scopes:
            raise Problem(403, "missing-scope", "revoke")
        return actor, "cli-token"
    if person is None:
        raise BadInput("unauthorized", i18n.t("cli.status.who", lang))
    row = session.get(ResponsiblePerson, person)
    if row is None:
        raise NotFound(str(person), code="person-not-found")
    if not person_is_active(row):
        raise Problem(403, "person-inactive")
    institution = session.get(Institution, row.institution_id)
    return (
        Actor(
            person_id=row.id,
            institution_id=row.institution_id,
            institution_slug=institution.slug if institution else None,
            order_number=row.order_number,
            scopes={"revoke"},
        ),
        "cli-operator",
    )


def _explained(exc: Problem, lang: str) -> Problem:
    """The problem's translated title in front of its detail, for one line on the console."""
    title = exc.title(lang)
    exc.detail = f"{title}: {exc.detail}" if exc.detail and exc.detail != title else title
    return exc


def _change(action: str, series: str, number: str, reason: str, note: str | None, token: str | None,
            person: int | None) -> None:
    from dalel.cli_issuer import open_keystore
    from issuer.numbering import display
    from issuer.status import set_status

    cli = _cli()
    lang = cli.lang()
    s = cli.settings()
    engine = cli.init_database(s)
    keystore = open_keystore(s)  # before the change: the lists are re-signed right after it
    with Session(engine) as session:
        try:
            actor, channel = _actor(session, token, person, lang)
            result = set_status(
                session, series, number, action, reason, note, actor,
                keystore=keystore, public_url=s.public_url, request_id=f"{channel}-{os.urandom(4).hex()}",
                institution_slug=actor.institution_slug, number_width=s.number_width,
            )
        except Problem as exc:
            raise _explained(exc, lang) from None
    cli.say(
        "cli.status.done",
        display=display(result.series, result.number),
        state=i18n.t(f"status.state.{result.state}", lang),
        reason=i18n.t(f"status.reason.{result.reason}", lang),
    )


Series = Annotated[str, typer.Argument(help="Diploma series, e.g. BD.")]
Number = Annotated[str, typer.Argument(help="Diploma number, e.g. 00012345.")]
Reason = Annotated[str, typer.Option("--reason", help=REASON_HELP)]
Note = Annotated[str | None, typer.Option("--note", help="Free text kept in the status history (not published).")]
Token = Annotated[
    str | None, typer.Option("--token", envvar="DALEL_TOKEN", help="Token with scope revoke (or DALEL_TOKEN).")
]
Person = Annotated[
    int | None, typer.Option("--person", help="Console operator: id of the responsible person who instructed it.")
]


def revoke(series: Series, number: Number, reason: Reason, note: Note = None, token: Token = None,
           person: Person = None) -> None:
    """Revoke a diploma and its supplement (final)."""
    _change("revoke", series, number, reason, note, token, person)


def suspend(series: Series, number: Number, reason: Reason, note: Note = None, token: Token = None,
            person: Person = None) -> None:
    """Suspend a diploma and its supplement (until reinstated)."""
    _change("suspend", series, number, reason, note, token, person)


def reinstate(series: Series, number: Number, reason: Reason, note: Note = None, token: Token = None,
              person: Person = None) -> None:
    """Lift a suspension (a revocation cannot be lifted)."""
    _change("reinstate", series, number, reason, note, token, person)


def status(
    series: Series,
    number: Number,
    at: Annotated[str | None, typer.Option("--at", help="YYYY-MM-DD or a date-time with zone.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    token: Token = None,
    person: Person = None,
) -> None:
    """A diploma's status (as of --at) and its history of changes."""
    from issuer.numbering import display
    from issuer.status import find_diploma, status_history

    cli = _cli()
    lang = cli.lang()
    s = cli.settings()
    engine = cli.init_database(s)
    from issuer.models import Institution

    with Session(engine) as session:
        try:
            actor, _channel = _actor(session, token, person, lang)
            diploma = find_diploma(session, series, number, number_width=s.number_width, lang=lang)
            institution = session.get(Institution, diploma.institution_id)
            if not actor.operator and (institution is None or institution.slug != actor.institution_slug):
                raise Problem(403, "wrong-institution", actor.institution_slug)
            answer = status_history(session, diploma.series, diploma.number, at)
        except Problem as exc:
            raise _explained(exc, lang) from None
    if as_json:
        cli.console.print_json(json.dumps(answer, ensure_ascii=False))
        return
    cli.say("cli.status.now", display=display(answer["series"], answer["number"]),
            state=i18n.t(f"status.state.{answer['status']}", lang), at=answer["at"])
    for change in answer["changes"]:
        action = i18n.t(f"cli.status.action.{change['action']}", lang)
        reason = i18n.t(f"status.reason.{change['reason']}", lang)
        cli.console.print(f"  {change['at']}  {action}  {reason}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("revoke")(revoke)
    app.command("suspend")(suspend)
    app.command("reinstate")(reinstate)
    app.command("status")(status)
