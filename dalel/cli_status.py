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
from common.i18n import N_
from common.problems import BadInput, NotFound, Problem
from dalel import cli_runtime as rt
from issuer.models import Institution, ResponsiblePerson
from issuer.numbering import display
from issuer.status import REASON_NAMES, STATE_NAMES, check_reason, find_diploma, set_status, status_history

# the question before a final action (only a revocation is final)
_CONFIRM = {
    "revoke": N_("Diploma {display} and its supplement will be revoked ({reason}). This is final: a revoked "
                 "diploma cannot be reinstated."),
}
# a change in the history, as a line says it happened
_DONE = {"revoke": N_("revoked"), "suspend": N_("suspended"), "reinstate": N_("reinstated")}

REASON_HELP = "issued_in_error | fraud | superseded_by_correction | court_decision | graduate_request | other"


def _actor(session: Session, token: str | None, person: int | None, lang: str):
    """The acting responsible person: by token (scope revoke) or, at the console, by id."""
    from issuer.auth import Actor, authenticate, person_is_active  # deferred: heavy (FastAPI)

    if token:
        actor = authenticate(session, token)
        if "revoke" not in actor.scopes:
            raise Problem(403, "missing-scope", "revoke")
        return actor, "cli-token"
    if person is None:
        raise BadInput("unauthorized", i18n.t("Who acts: give --token (or DALEL_TOKEN) or --person ID", lang))
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


def _change(action: str, series: str, number: str, reason: str, note: str | None, token: str | None,
            person: int | None, *, yes: bool = True) -> None:
    lang = rt.lang()
    s = rt.settings()
    keystore = rt.keystore(s)  # before the change: the lists are re-signed right after it
    with rt.session() as session:
        actor, channel = _actor(session, token, person, lang)
        if not yes:  # who acts, and on what, is checked before the question
            diploma = find_diploma(session, series, number, lang)
            rt.confirm(i18n.t(_CONFIRM[action], lang, display=display(diploma.series, diploma.number),
                              reason=i18n.t(REASON_NAMES[check_reason(reason)], lang)), yes=False)
        result = set_status(
            session, series, number, action, reason, note, actor,
            keystore=keystore, public_url=s.public_url, request_id=f"{channel}-{os.urandom(4).hex()}",
            institution_slug=actor.institution_slug,
        )
    rt.say(
        "{display}: {state} ({reason}); the status lists of the diploma and its supplement are updated",
        display=display(result.series, result.number),
        state=i18n.t(STATE_NAMES[result.state], lang),
        reason=i18n.t(REASON_NAMES[result.reason], lang),
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
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation (scripts).")]


def revoke(series: Series, number: Number, reason: Reason, note: Note = None, token: Token = None,
           person: Person = None, yes: Yes = False) -> None:
    """Revoke a diploma and its supplement (final)."""
    _change("revoke", series, number, reason, note, token, person, yes=yes)


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
    lang = rt.lang()
    with rt.session() as session:
        actor, _channel = _actor(session, token, person, lang)
        diploma = find_diploma(session, series, number, lang)
        institution = session.get(Institution, diploma.institution_id)
        if not actor.operator and (institution is None or institution.slug != actor.institution_slug):
            raise Problem(403, "wrong-institution", actor.institution_slug)
        answer = status_history(session, diploma.series, diploma.number, at)
    if as_json:
        rt.console.print_json(json.dumps(answer, ensure_ascii=False))
        return
    rt.say("{display}: {state} (as of {at})", display=display(answer["series"], answer["number"]),
            state=i18n.t(STATE_NAMES[answer["status"]], lang), at=answer["at"])
    for change in answer["changes"]:
        action = i18n.t(_DONE[change["action"]], lang)
        reason = i18n.t(REASON_NAMES[change["reason"]], lang)
        rt.out(f"  {change['at']}  {action}  {reason}")


def register(app: typer.Typer) -> None:
    app.command("revoke")(revoke)
    app.command("suspend")(suspend)
    app.command("reinstate")(reinstate)
    app.command("status")(status)
