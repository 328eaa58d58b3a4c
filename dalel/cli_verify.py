"""``dalel verify INPUT`` and ``dalel bundle build``.

Exit codes of ``dalel verify``: 0 valid, 3 untrusted, 1 invalid, 4 indeterminate, 2 usage
or unreadable input."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from common import i18n
from common.errors import ResourceUnavailable
from common.problems import Problem

i18n.register(
    {
        "cli.verify.unreadable": {
            "kk": "Файлды оқу мүмкін емес: {path}",
            "ru": "Не удалось прочитать файл: {path}",
            "en": "Cannot read the file: {path}",
        },
        "cli.verify.checked_at": {
            "kk": "Тексерілген уақыты: {at}",
            "ru": "Время проверки: {at}",
            "en": "Verified at: {at}",
        },
        "cli.verify.presentation_credential": {
            "kk": "Ұсынымдағы {n}/{total} куәлік",
            "ru": "Удостоверение {n} из {total} в презентации",
            "en": "Credential {n} of {total} in the presentation",
        },
        "cli.verify.presentation.presentation_context_conflict": {
            "kk": "Ұсыным: VC 1.1 ұсынымы (credentials/v1) VC 2.0 куәлігін қамти алмайды; куәліктер жеке тексерілді",
            "ru": "Презентация: презентация VC 1.1 (credentials/v1) не может содержать удостоверение VC 2.0; удостоверения проверены по отдельности",
            "en": "Presentation: a VC 1.1 presentation (credentials/v1) cannot carry a VC 2.0 credential; the credentials were verified one by one",
        },
        "cli.verify.presentation.related_resource_mismatch": {
            "kk": "Ұсыным: {where} басқа куәлікке сілтейді, бірақ оның дайджесті сәйкес келмейді (қосымша осы дипломға жатпайды)",
            "ru": "Презентация: {where} ссылается на другое удостоверение, но его дайджест не совпадает (приложение не относится к этому диплому)",
            "en": "Presentation: {where} names another credential but its digest does not match (the supplement does not belong to this diploma)",
        },
        "cli.verify.presentation.other": {
            "kk": "Ұсыным: {where} — {code}",
            "ru": "Презентация: {where} — {code}",
            "en": "Presentation: {where} — {code}",
        },
        "cli.bundle.written": {
            "kk": "Офлайн бума жазылды: {path} ({count} ресурс)",
            "ru": "Офлайн-пакет записан: {path} (ресурсов: {count})",
            "en": "Offline bundle written to {path} ({count} resources)",
        },
        "cli.bundle.missing": {
            "kk": "Алынбады: {what}",
            "ru": "Не удалось получить: {what}",
            "en": "Could not fetch: {what}",
        },
    }
)

EXIT_CODES = {"valid": 0, "invalid": 1, "untrusted": 3, "indeterminate": 4}
_SYMBOL = {"passed": "✓", "failed": "✗", "warning": "!", "indeterminate": "?", "not_applicable": "–"}


def _usage_error(message: str) -> typer.Exit:
    from dalel.cli import err_console, lang

    err_console.print(f"{i18n.t('cli.error.prefix', lang())}: {message}", highlight=False, soft_wrap=True)
    return typer.Exit(2)


def _read_input(value: str) -> str | bytes:
    from verifier.inputs import MAX_INPUT_BYTES

    if value == "-":
        return sys.stdin.read(MAX_INPUT_BYTES + 1)
    if value.lower().startswith(("http://", "https://")):
        return value
    path = Path(value)
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_INPUT_BYTES + 1)
    except OSError:
        from dalel.cli import lang

        raise _usage_error(i18n.t("cli.verify.unreadable", lang(), path=value)) from None


def _print_text(report, language: str) -> None:
    """The report as a person reads it: the headline, the details only as far as the signature
    confirms them (none when it failed, marked "NOT confirmed" when it could not be checked),
    the institution as the trust list names it, then every check."""
    from dalel.cli import console
    from verifier.display import local_datetime
    from verifier.page import details_rows, verdict_view

    _colour, headline, detail = verdict_view(report)
    console.print(i18n.t(headline, language), highlight=False, soft_wrap=True)
    console.print(i18n.t(detail, language), highlight=False, soft_wrap=True)
    heading, rows = details_rows(report, language)
    console.print(i18n.t(heading, language), highlight=False, soft_wrap=True)
    for key, value, _css in rows:
        console.print(f"  {i18n.t(key, language)}: {value}", highlight=False, soft_wrap=True, markup=False)
    for check in report.checks:
        name = i18n.t("verifier.check.name." + check.id, language)
        console.print(
            f"{_SYMBOL.get(check.status, '–')} {name} [{check.id}: {check.status}, {check.code}] — {check.message[language]}",
            highlight=False,
            soft_wrap=True,
            markup=False,
        )
    console.print(i18n.t("cli.verify.checked_at", language, at=local_datetime(report.verified_at, language)), highlight=False)


def _print_presentation(outcome, language: str) -> None:
    """Each credential's report, then what the presentation itself says."""
    from dalel.cli import console

    body = outcome.body
    total = len(outcome.reports)
    for n, (report, result) in enumerate(zip(outcome.reports, body["credentialResults"], strict=True), start=1):
        console.rule(i18n.t("cli.verify.presentation_credential", language, n=n, total=total))
        if report is None:
            codes = ", ".join(e["code"] for e in result["errors"] + result["warnings"])
            console.print(i18n.t("cli.verify.presentation.other", language, where=f"credential[{n - 1}]", code=codes),
                          highlight=False, markup=False)
        else:
            _print_text(report, language)
    own = [e for e in body["errors"] if not e["id"].startswith("credential[") or ".related_resource" in e["id"]]
    entries = own + [w for w in body["warnings"] if not w["id"].startswith("credential[")]
    if entries:
        console.rule()
    for entry in entries:
        key = f"cli.verify.presentation.{entry['code']}"
        if key not in i18n.catalogue():
            key = "cli.verify.presentation.other"
        console.print(i18n.t(key, language, where=entry["id"], code=entry["code"]), highlight=False, markup=False,
                      soft_wrap=True)


def _problem_text(exc: Problem, language: str) -> str:
    detail = exc.detail_in(language) if hasattr(exc, "detail_in") else exc.detail
    return exc.title(language) + (f": {detail}" if detail and detail != exc.title(language) else "")


def register(app: typer.Typer) -> None:
    bundle_app = typer.Typer(help="Offline bundles for air-gapped verification.", no_args_is_help=True)
    app.add_typer(bundle_app, name="bundle")

    @app.command("verify")
    def verify(
        input_: Annotated[str, typer.Argument(
            metavar="INPUT", help="A credential or presentation file (JSON, JWT), a PDF diploma, a photo of a QR code, - for stdin, or a URL.")],
        format_: Annotated[str, typer.Option("--format", help="text | json")] = "text",
        language: Annotated[str | None, typer.Option("--lang", help="kk | ru | en")] = None,
        bundle: Annotated[Path | None, typer.Option("--bundle", help="Offline bundle directory.")] = None,
        at: Annotated[str | None, typer.Option("--at", help="Verify as of this date (YYYY-MM-DD or dateTime).")] = None,
    ) -> None:
        """Verify a diploma: exit 0 valid, 3 untrusted, 1 invalid, 4 indeterminate, 2 unreadable input."""
        from dalel.cli import console, lang, settings

        if format_ not in ("text", "json"):
            raise typer.BadParameter("text | json", param_hint="--format")
        if language is not None and language not in i18n.LANGUAGES:
            raise typer.BadParameter("kk | ru | en", param_hint="--lang")
        out_lang = language or lang()
        if at is not None:
            from verifier.pipeline import parse_moment

            try:
                parse_moment(at)
            except Problem:
                raise typer.BadParameter("YYYY-MM-DD", param_hint="--at") from None

        from common.fetch import Bundle, Fetcher
        from verifier.context import VerificationContext
        from verifier.dispatch import verify_any

        s = settings()
        value = _read_input(input_)
        self_origins = [s.public_url]
        if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
            self_origins.append(value)  # the link the user typed is theirs to fetch
        try:
            bundle_dir = bundle or s.verifier_bundle
            fetcher = Fetcher.from_settings(s)
            fetcher = Fetcher(
                fetcher.allowed_hosts,
                allow_http=fetcher.allow_http,
                allow_private=fetcher.allow_private,
                timeout=fetcher.timeout,
                bundle=Bundle(bundle_dir) if bundle_dir else None,
                self_origins=self_origins,
                deadline=fetcher.deadline,
            )
        except ResourceUnavailable as exc:
            raise _usage_error(str(exc)) from None
        ctx = VerificationContext.from_settings(s, fetcher)
        try:
            outcome = verify_any(value, ctx, public_url=None, at=at)
        except Problem as exc:
            if exc.status >= 500:
                from dalel.cli import err_console

                err_console.print(f"{i18n.t('cli.error.prefix', out_lang)}: {_problem_text(exc, out_lang)}",
                                  highlight=False, soft_wrap=True)
                raise typer.Exit(4) from None
            raise _usage_error(_problem_text(exc, out_lang)) from None
        if format_ == "json":
            console.print_json(json.dumps(outcome.to_dict(), ensure_ascii=False))
        elif outcome.presentation is not None:
            _print_presentation(outcome.presentation, out_lang)
        else:
            _print_text(outcome.report, out_lang)
            for related in outcome.related:
                console.rule()
                _print_text(related, out_lang)
        raise typer.Exit(EXIT_CODES[outcome.verdict])

    @bundle_app.command("build")
    def build(
        out: Annotated[Path, typer.Option("--out", help="Directory to write the bundle to.")],
        from_: Annotated[str | None, typer.Option("--from", help="URL of a running Dalel (default: DALEL_PUBLIC_URL).")] = None,
        credential: Annotated[list[Path] | None, typer.Option("--credential", help="Credential files whose resources to include.")] = None,
    ) -> None:
        """Write an offline bundle (trust lists, DID documents, status lists) from a running Dalel."""
        from common.fetch import Fetcher
        from dalel.cli import err_console, lang, say, settings
        from verifier.bundle import build_bundle
        from verifier.inputs import parse_bytes

        s = settings()
        source = (from_ or s.public_url).rstrip("/")
        base = Fetcher.from_settings(s)
        fetcher = Fetcher(
            base.allowed_hosts,
            allow_http=base.allow_http,
            allow_private=base.allow_private,
            timeout=base.timeout,
            self_origins=[source, s.public_url],
        )
        credentials = []
        for path in credential or []:
            try:
                presented = parse_bytes(path.read_bytes())
            except OSError:
                raise _usage_error(i18n.t("cli.verify.unreadable", lang(), path=path)) from None
            except Problem as exc:
                raise _usage_error(f"{path}: {exc.title(lang())}") from None
            if presented.credential is not None:
                credentials.append(presented.credential)
        manifest = build_bundle(out, fetcher, source=source, trust_lists=s.trust_lists, credentials=credentials)
        for error in manifest["errors"]:
            err_console.print(i18n.t("cli.bundle.missing", lang(), what=error), highlight=False, soft_wrap=True)
        say("cli.bundle.written", path=out, count=len(manifest["resources"]))
        if not manifest["resources"]:
            raise typer.Exit(1)
