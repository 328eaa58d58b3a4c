"""Registrar commands: institutions, accreditations, programmes, responsible persons and their
tokens, batch issuance with a progress bar, the cohort template, the audit log check."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, overload

import typer
from sqlmodel import select

from common import i18n
from common.files import write_private
from common.problems import BadInput, Problem
from common.timestamps import parse_date
from dalel import cli_runtime as rt
from issuer.audit import verify_chain
from issuer.models import Institution
from issuer.setup import add_accreditation, add_institution, add_person, add_programme, ensure_ministry_key

institution_app = typer.Typer(help="Institutions (universities).", no_args_is_help=True)
programme_app = typer.Typer(help="Educational programmes.", no_args_is_help=True)
person_app = typer.Typer(help="Responsible persons.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens of responsible persons.", no_args_is_help=True)
issue_app = typer.Typer(help="Issue diplomas and supplements.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit log.", no_args_is_help=True)
accreditation_app = typer.Typer(help="Accreditation records (trust list data).", no_args_is_help=True)


@overload
def _date(value: str, name: str) -> date: ...
@overload
def _date(value: str | None, name: str) -> date | None: ...
def _date(value: str | None, name: str) -> date | None:
    """An option's YYYY-MM-DD (:func:`common.timestamps.parse_date`); a usage error otherwise."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError:
        raise BadInput("bad-request", i18n.t("{option}: the date must be YYYY-MM-DD", rt.lang(), option=name)) from None


# --------------------------------------------------------------------------- institution


@institution_app.command("add")
def institution_add(
    slug: Annotated[str, typer.Option("--slug", help="Identifier in URLs and the DID (a-z, 0-9, -).")],
    name_kk: Annotated[str, typer.Option("--name-kk", help="Name in Kazakh.")],
    name_ru: Annotated[str, typer.Option("--name-ru", help="Name in Russian.")],
    name_en: Annotated[str, typer.Option("--name-en", help="Name in English.")],
    country: Annotated[str, typer.Option("--country", help="Country code (ISO 3166-1 alpha-2).")] = "KZ",
    address: Annotated[str | None, typer.Option("--address", help="Postal address.")] = None,
    bin_: Annotated[str | None, typer.Option("--bin", help="Business identification number (12 digits).")] = None,
) -> None:
    """Add an institution, its did:web and its first signing key."""
    s = rt.settings()
    keystore = rt.keystore(s)
    with rt.session() as session:
        inst = add_institution(session, keystore, slug=slug, name_kk=name_kk, name_ru=name_ru, name_en=name_en,
                               public_url=s.public_url, country=country, address=address, bin=bin_,
                               lang=rt.lang())
        if s.serves("ministry"):
            ensure_ministry_key(session, keystore)
        rt.say("Institution added: {slug} ({did})", slug=inst.slug, did=inst.did)


@institution_app.command("list")
def institution_list() -> None:
    """List institutions."""
    with rt.session() as session:
        for inst in session.exec(select(Institution).order_by(Institution.slug)):
            name = getattr(inst, f"name_{rt.lang()}", None) or inst.name_en
            rt.out(f"{inst.slug}\t{inst.did}\t{name}")


# --------------------------------------------------------------------------- accreditation


@accreditation_app.command("add")
def accreditation_add(
    institution: Annotated[str, typer.Option("--institution", help="Institution slug, e.g. demo.")],
    agency: Annotated[str, typer.Option("--agency", help="Accreditation agency.")],
    valid_from: Annotated[str, typer.Option("--valid-from", help="YYYY-MM-DD")],
    scope: Annotated[str, typer.Option("--scope", help="institution | programme")] = "institution",
    programme: Annotated[str | None, typer.Option("--programme", help="Programme code (scope programme).")] = None,
    valid_until: Annotated[str | None, typer.Option("--valid-until", help="YYYY-MM-DD")] = None,
) -> None:
    """Record an accreditation (published in the trust list)."""
    with rt.session() as session:
        row = add_accreditation(session, institution=institution, agency=agency, scope=scope,
                                programme_code=programme, valid_from=_date(valid_from, "--valid-from"),
                                valid_until=_date(valid_until, "--valid-until"), lang=rt.lang())
        rt.say(
            "Accreditation added: {agency} ({scope}), {valid_from} – {valid_until}",
            agency=row.agency,
            scope=row.scope,
            valid_from=row.valid_from,
            valid_until=row.valid_until or "…",
        )


# --------------------------------------------------------------------------- programme


@programme_app.command("add")
def programme_add(
    institution: Annotated[str, typer.Option("--institution", help="Institution slug, e.g. demo.")],
    code: Annotated[str, typer.Option("--code", help="Code in the Register of Educational Programmes.")],
    level: Annotated[int, typer.Option("--level", min=1, max=8, help="NQF level 1-8.")],
    credits: Annotated[int, typer.Option("--credits", min=1, help="ECTS credits.")],
    isced: Annotated[str, typer.Option("--isced", help="ISCED-F 2013 field code, e.g. 0613.")],
    name_kk: Annotated[str, typer.Option("--name-kk", help="Name in Kazakh.")],
    name_ru: Annotated[str, typer.Option("--name-ru", help="Name in Russian.")],
    name_en: Annotated[str, typer.Option("--name-en", help="Name in English.")],
    mode: Annotated[
        str, typer.Option("--mode", help="full-time | part-time | distance | evening | blended")
    ] = "full-time",
    language: Annotated[
        str, typer.Option("--language", help="Language(s) of instruction, e.g. kk or kk,ru,en")
    ] = "kk",
) -> None:
    """Add an educational programme."""
    with rt.session() as session:
        p = add_programme(session, institution=institution, code=code, name_kk=name_kk, name_ru=name_ru,
                          name_en=name_en, isced=isced, level=level, credits=credits, mode_of_study=mode,
                          language=language, lang=rt.lang())
        rt.say(
            "Programme added: {code} (NQF {level}, EQF {eqf}, {credits} ECTS)",
            code=p.code,
            level=p.nqf_level,
            eqf=p.eqf_level,
            credits=p.ects_credits,
        )


# --------------------------------------------------------------------------- person and token


@person_app.command("add")
def person_add(
    institution: Annotated[str, typer.Option("--institution", help="Institution slug, e.g. demo.")],
    name: Annotated[str, typer.Option("--name", help="Full name.")],
    position: Annotated[str, typer.Option("--position", help="Position (job title).")],
    order_number: Annotated[str, typer.Option("--order-number", help="Number of the appointing order.")],
    order_date: Annotated[str, typer.Option("--order-date", help="YYYY-MM-DD")],
    active_until: Annotated[str | None, typer.Option("--active-until", help="YYYY-MM-DD (exclusive)")] = None,
) -> None:
    """Add a responsible person; prints their id."""
    until = _date(active_until, "--active-until")
    with rt.session() as session:
        person = add_person(
            session, institution=institution, name=name, position=position, order_number=order_number,
            order_date=_date(order_date, "--order-date"),
            active_until=datetime(until.year, until.month, until.day, tzinfo=UTC) if until else None,
            lang=rt.lang(),
        )
        rt.out(str(person.id))


@token_app.command("create")
def token_create(
    person: Annotated[int, typer.Option("--person", help="Responsible person id.")],
    scopes: Annotated[str, typer.Option("--scopes", help="Comma-separated: issue,revoke,correct")] = "issue",
) -> None:
    """Create a bearer token; prints it once."""
    from issuer.auth import create_token  # deferred: heavy (FastAPI)

    with rt.session() as session:
        token, _ = create_token(session, person, scopes)
    rt.out(token)
    rt.warn(i18n.t("The token is shown only once; keep it somewhere safe.", rt.lang()))


@token_app.command("revoke")
def token_revoke(token_id: Annotated[int, typer.Argument(help="Token id.")]) -> None:
    """Revoke a token."""
    from issuer.auth import revoke_token  # deferred: heavy (FastAPI)

    with rt.session() as session:
        revoke_token(session, token_id)


# --------------------------------------------------------------------------- issuance


@issue_app.command("batch")
def issue_batch_command(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="CSV or XLSX cohort file.")
    ],
    institution: Annotated[str, typer.Option("--institution", help="Institution slug, e.g. demo.")],
    supplements: Annotated[
        Path | None,
        typer.Option("--supplements", exists=True, dir_okay=False, help="Supplement rows (CSV/XLSX)."),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate only; issue nothing.")] = False,
    manifest: Annotated[Path | None, typer.Option("--manifest", help="Write the manifest JSON here.")] = None,
    token: Annotated[
        str | None, typer.Option("--token", envvar="DALEL_TOKEN", help="Bearer token (or DALEL_TOKEN).")
    ] = None,
) -> None:
    """Validate a cohort file and issue every diploma and supplement in it (or nothing)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from issuer.auth import authenticate  # deferred: heavy (FastAPI)
    from issuer.batch import read_path  # deferred: heavy (openpyxl)
    from issuer.service import issue_batch  # deferred: heavy (JSON-LD, signing)

    lang = rt.lang()
    if not token:
        raise BadInput("unauthorized", i18n.t("No token: give --token or DALEL_TOKEN", lang))
    s = rt.settings()
    rows, supplement_rows = read_path(file, supplements, lang)
    keystore = None if dry_run else rt.keystore(s)
    created_manifest = _check_writable(manifest, lang) if manifest is not None else False  # before issuing
    with rt.session() as session:
        actor = authenticate(session, token)
        progress = Progress(TextColumn(i18n.t("Issuing", lang)), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=rt.err_console, transient=True)
        task = progress.add_task("issue", total=len(rows) or 1)
        try:
            with progress:
                result = issue_batch(
                    session, keystore, s, institution=institution, rows=rows, supplement_rows=supplement_rows,
                    actor=actor, lang=lang, dry_run=dry_run, request_id="cli-" + os.urandom(4).hex(),
                    progress=lambda done, total: progress.update(task, completed=done, total=total),
                )
        except BaseException as exc:
            if created_manifest and manifest is not None:
                manifest.unlink(missing_ok=True)
            if not isinstance(exc, Problem) or exc.code != "batch-invalid":
                raise
            errors = exc.extra.get("errors", [])
            rt.warn(i18n.nt("{count} error; nothing was issued:", "{count} errors; nothing was issued:", len(errors),
                            lang))
            for e in errors:
                rt.warn(
                    "  "
                    + i18n.t(
                        "{file}, row {row}, column “{column}”: {message}",
                        lang,
                        file=e["file"],
                        row=e["row"],
                        column=e["column"],
                        message=e["message"],
                    )
                )
            raise typer.Exit(2) from None
    data = result.manifest()
    if dry_run:
        rt.out(i18n.nt("Check passed: {count} row would be issued, {existing} issued before (nothing written)",
                       "Check passed: {count} rows would be issued, {existing} issued before (nothing written)",
                       result.to_issue, lang, existing=result.already_issued))
    else:
        for item in result.diplomas:
            rt.out(f"{item.display}\t{item.verify_url}")
        rt.say("Issued: {issued}; issued before: {existing}", issued=result.to_issue, existing=result.already_issued)
    if manifest is not None:  # graduates' names and numbers: the registrar's eyes only
        write_private(manifest, json.dumps(data, ensure_ascii=False, indent=2), overwrite=True)
        rt.say("Manifest written to {path}", path=manifest)


def _check_writable(path: Path, lang: str) -> bool:
    """BadInput unless `path` can be written (checked without truncating it); True if the
    check created the file (the caller removes it if the run then fails)."""
    existed = path.exists()
    try:
        with path.open("a", encoding="utf-8"):
            pass
    except OSError:
        raise BadInput("bad-request", i18n.t("Cannot write the file {path}", lang, path=path)) from None
    return not existed


@issue_app.command("template")
def issue_template(
    out: Annotated[Path, typer.Argument(help="cohort.xlsx (two sheets) or cohort.csv (two CSV files).")] = Path(
        "cohort-template.xlsx"
    ),
) -> None:
    """Write the cohort template (see docs/BATCH-IMPORT.md)."""
    from issuer.batch import write_template  # deferred: heavy (openpyxl)

    lang = rt.lang()
    for target in (out, out.with_name(out.stem + ".supplements.csv")) if out.suffix.lower() == ".csv" else (out,):
        _check_writable(target, lang)
    paths = write_template(out)
    rt.say("Template written: {paths}", paths=", ".join(str(p) for p in paths))


# --------------------------------------------------------------------------- audit


@audit_app.command("verify")
def audit_verify(
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Check the hash chain of the audit log (exit 1 if any row was edited, deleted or moved)."""
    with rt.session() as session:
        report = verify_chain(session)
    if as_json:
        rt.console.print_json(json.dumps({"ok": report.ok, "rows": report.rows, "head": report.head,
                                          "problems": report.problems}))
    elif report.ok:
        rt.out(i18n.nt("Audit log intact: {count} row, head {head}", "Audit log intact: {count} rows, head {head}",
                       report.rows, rt.lang(), head=report.head))
    else:
        rt.warn(i18n.nt("Audit log tampered with: {count} problem", "Audit log tampered with: {count} problems",
                        len(report.problems), rt.lang()))
        for p in report.problems:
            rt.warn("  " + i18n.t("row {seq}: {problem}", rt.lang(), seq=p["seq"], problem=p["problem"]))
    if not report.ok:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(institution_app, name="institution")
    app.add_typer(accreditation_app, name="accreditation")
    app.add_typer(programme_app, name="programme")
    app.add_typer(person_app, name="person")
    app.add_typer(token_app, name="token")
    app.add_typer(issue_app, name="issue")
    app.add_typer(audit_app, name="audit")
