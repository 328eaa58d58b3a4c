"""``dalel export`` (a diploma as PDF, JSON-LD, VC-JWT, presentation or QR) and
``dalel graduate login-link`` (a one-time login URL for the graduate's page)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from common import i18n
from common.problems import BadInput, Problem
from dalel import cli_runtime as rt
from issuer.lookup import find_diploma
from wallet_export.service import create_login_link, require_login_link_scope

graduate_app = typer.Typer(name="graduate", help="The graduate's access: one-time login links.", no_args_is_help=True)


def export(
    series: Annotated[str, typer.Argument(help="Diploma series, e.g. BD.")],
    number: Annotated[str, typer.Argument(help="Diploma number.")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="pdf | json | jwt | vp | qr-png | qr-svg")
    ] = "pdf",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Output file (default: diploma-SERIES-NUMBER.EXT).")
    ] = None,
) -> None:
    """Write a diploma as a signed PDF, credential JSON-LD, VC-JWT, presentation or QR image."""
    from wallet_export import exports  # deferred: heavy (the PDF renderer and signer)

    if fmt not in exports.FORMATS:
        raise BadInput("unknown-export-format", fmt)
    s = rt.settings()
    with rt.session() as session:
        diploma = find_diploma(session, series, number, rt.lang())
        data = exports.export_bytes(session, s, diploma, fmt, keystore_factory=lambda: rt.keystore(s))
        target = out or Path(exports.file_name(diploma, fmt))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    rt.say("{what} written to {path}", what=fmt.upper(), path=target)


@graduate_app.command("login-link")
def login_link(
    series: Annotated[str, typer.Argument(help="Diploma series.")],
    number: Annotated[str, typer.Argument(help="Diploma number.")],
    minutes: Annotated[
        int, typer.Option("--valid-minutes", min=5, max=7 * 24 * 60, help="Validity of the link.")
    ] = 60,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="DALEL_TOKEN",
            help="A registrar's token (scope issue or correct) of the diploma's institution.",
        ),
    ] = None,
) -> None:
    """Print a one-time login URL for the graduate who holds the diploma (send it to them)."""
    from issuer.auth import authenticate  # deferred: heavy (FastAPI)

    s = rt.settings()
    with rt.session() as session:
        if token:  # a registrar acting through their token: scope issue or correct, own institution
            actor = authenticate(session, token)
            require_login_link_scope(actor.scopes, operator=actor.operator)
        diploma = find_diploma(session, series, number, rt.lang())
        if token and not actor.operator and actor.institution_id != diploma.institution_id:
            raise Problem(404, "diploma-not-found", f"{diploma.series} {diploma.number}")
        url = create_login_link(session, diploma.graduate_id, s.public_url, ttl=timedelta(minutes=minutes))
    rt.out(i18n.nt("One-time login link for the graduate (valid {count} minute):",
                   "One-time login link for the graduate (valid {count} minutes):", minutes, rt.lang()))
    rt.out(url)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.add_typer(graduate_app, name="graduate")
