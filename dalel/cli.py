"""The ``dalel`` command line. Exit codes: 0 ok, 1 operation failed, 2 usage or input error.
A user error prints one line and no traceback (``--debug`` shows it)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from common import i18n
from common.errors import DalelError
from common.problems import Problem
from dalel import __version__

i18n.register(
    {
        "cli.init.done": {
            "kk": "Деректер қалтасы дайын: {data_dir}; дерекқор: {db}",
            "ru": "Каталог данных готов: {data_dir}; база данных: {db}",
            "en": "Data directory ready: {data_dir}; database: {db}",
        },
        "cli.serve.urls": {
            "kk": "Dalel іске қосылды: {url}  (API құжаттамасы: {url}/docs, күйі: {url}/health)",
            "ru": "Dalel запущен: {url}  (документация API: {url}/docs, состояние: {url}/health)",
            "en": "Dalel is running: {url}  (API docs: {url}/docs, health: {url}/health)",
        },
        "cli.demo.passphrase": {
            "kk": "Демо: кілттер қоймасының кездейсоқ құпия сөзі жасалды: {path} (тек демо үшін)",
            "ru": "Демо: создан случайный пароль хранилища ключей: {path} (только для демо)",
            "en": "Demo: generated a random keystore passphrase in {path} (demo only)",
        },
        "cli.demo.written": {
            "kk": "Демо нәтижелері жазылды: {path}",
            "ru": "Результаты демо записаны: {path}",
            "en": "Demo results written to {path}",
        },
        "cli.error.unexpected": {
            "kk": "Күтпеген қате: {error} (толығырақ: --debug)",
            "ru": "Непредвиденная ошибка: {error} (подробнее: --debug)",
            "en": "Unexpected error: {error} (details: --debug)",
        },
        "cli.error.prefix": {"kk": "Қате", "ru": "Ошибка", "en": "Error"},
        "cli.serve.tls_pair": {
            "kk": "--tls-cert пен --tls-key бірге беріледі",
            "ru": "--tls-cert и --tls-key указываются вместе",
            "en": "--tls-cert and --tls-key go together",
        },
        "cli.serve.no_file": {
            "kk": "{path}: мұндай файл жоқ",
            "ru": "{path}: нет такого файла",
            "en": "{path}: no such file",
        },
        "cli.error.os": {
            "kk": "Файлды немесе қалтаны жасау, оқу не жазу мүмкін емес: {path}",
            "ru": "Не удаётся создать, прочитать или записать файл или каталог: {path}",
            "en": "Cannot create, read or write the file or directory {path}",
        },
        "cli.error.database_url": {
            "kk": "Дерекқор мекенжайы жарамсыз: {db}",
            "ru": "Недопустимый адрес базы данных: {db}",
            "en": "Invalid database URL: {db}",
        },
        "cli.error.database": {
            "kk": "Дерекқорға қосылу мүмкін емес: {db}",
            "ru": "Не удаётся подключиться к базе данных: {db}",
            "en": "Cannot connect to the database: {db}",
        },
        "cli.error.settings": {
            "kk": "Баптаулар қате: {error}",
            "ru": "Ошибка в настройках: {error}",
            "en": "Invalid settings: {error}",
        },
    }
)

app = typer.Typer(
    name="dalel",
    help="Dalel: diplomas as W3C Verifiable Credentials — issue, share, verify.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state: dict[str, object] = {"debug": False, "lang": None}
console = Console(stderr=False, emoji=False, highlight=False)
err_console = Console(stderr=True, emoji=False, highlight=False)


def lang() -> str:
    if _state["lang"]:
        return str(_state["lang"])
    return i18n.normalise_language(os.environ.get("DALEL_DEFAULT_LANGUAGE"), i18n.DEFAULT_LANGUAGE)


def say(key: str, **params: object) -> None:
    console.print(i18n.t(key, lang(), **params), soft_wrap=True, markup=False)


def settings():
    """Current settings; invalid settings are a usage error, not a traceback."""
    from pydantic import ValidationError

    from dalel.settings import Settings, get_settings

    try:
        return get_settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise Problem(400, "bad-request", i18n.t("cli.error.settings", lang(), error=f"{where}: {first.get('msg')}")) from None
    except Exception as exc:  # e.g. an unreadable TOML file
        raise Problem(400, "bad-request", i18n.t("cli.error.settings", lang(), error=str(exc))) from None
    finally:
        _ = Settings


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of errors.")] = False,
    language: Annotated[str | None, typer.Option("--lang", help="Language of messages: kk, ru or en.")] = None,
) -> None:
    _state["debug"] = debug
    if language:
        if language not in i18n.LANGUAGES:
            raise typer.BadParameter("kk | ru | en", param_hint="--lang")
        _state["lang"] = language


def prepare_data_dir(s) -> None:
    s.data_dir.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(s.data_dir, 0o700)
    except OSError:
        pass


def init_database(s):
    """The migrated database of settings `s`; an unusable URL or an unreachable database is
    one clear line (the URL without its password), not a traceback."""
    from sqlalchemy.exc import ArgumentError, OperationalError

    from dalel.db import make_engine, migrate

    prepare_data_dir(s)
    label = _db_label(s.effective_database_url)
    try:
        engine = make_engine(s.effective_database_url)
    except (ArgumentError, ValueError, ImportError):
        raise Problem(400, "bad-request", i18n.t("cli.error.database_url", lang(), db=label)) from None
    try:
        migrate(engine)
    except OperationalError:
        raise DalelError(i18n.t("cli.error.database", lang(), db=label)) from None
    return engine


def _db_label(url: str) -> str:
    """The database URL without credentials, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        return f"{scheme}://…@{rest.split('@', 1)[1]}"
    return url


@app.command()
def init() -> None:
    """Create the data directory and apply every database migration."""
    s = settings()
    init_database(s)
    say("cli.init.done", data_dir=s.data_dir, db=_db_label(s.effective_database_url))


@app.command()
def version() -> None:
    """Print Dalel's version."""
    console.print(f"dalel {__version__}")


def _check_role_can_start(role: str) -> None:
    """An issuer must have its keystore passphrase before it serves anything."""
    if role in ("all", "issuer", "ministry"):
        from keys.keystore import Keystore

        s = settings()
        Keystore.open(s.keystore_dir, passphrase=s.keystore_passphrase, passphrase_file=s.keystore_passphrase_file)


def run_server(
    host: str, port: int, role: str | None, workers: int, tls_cert: Path | None = None, tls_key: Path | None = None
) -> None:
    import uvicorn

    from dalel.logging import configure_logging

    if role:
        os.environ["DALEL_ROLE"] = role
    from dalel.settings import get_settings

    get_settings.cache_clear()
    s = settings()
    init_database(s)
    _check_role_can_start(s.role)
    configure_logging(s.log_format, s.log_level)
    scheme = "https" if tls_cert else "http"
    say("cli.serve.urls", url=f"{scheme}://{host}:{port}")
    uvicorn.run(
        "dalel.app:create_app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=None,
        access_log=False,
        proxy_headers=True,
        ssl_certfile=str(tls_cert) if tls_cert else None,
        ssl_keyfile=str(tls_key) if tls_key else None,
    )


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
    role: Annotated[str | None, typer.Option(help="all | issuer | verifier | ministry (default: DALEL_ROLE).")] = None,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes.")] = 1,
    tls_cert: Annotated[Path | None, typer.Option(help="Serve HTTPS with this PEM certificate.")] = None,
    tls_key: Annotated[Path | None, typer.Option(help="Private key (PEM) of --tls-cert.")] = None,
) -> None:
    """Apply migrations and serve the HTTP API and pages."""
    if role is not None and role not in ("all", "issuer", "verifier", "ministry"):
        raise typer.BadParameter("all | issuer | verifier | ministry", param_hint="--role")
    if (tls_cert is None) != (tls_key is None):
        raise typer.BadParameter(i18n.t("cli.serve.tls_pair", lang()), param_hint="--tls-cert")
    for path in (tls_cert, tls_key):
        if path is not None and not path.is_file():
            raise typer.BadParameter(i18n.t("cli.serve.no_file", lang(), path=path), param_hint="--tls-cert/--tls-key")
    run_server(host, port, role, workers, tls_cert, tls_key)


def ensure_demo_passphrase(s) -> None:
    """`dalel demo` only: a random keystore passphrase in the data dir (0600), announced."""
    if s.keystore_passphrase or s.keystore_passphrase_file:
        return
    from keys.keystore import generate_demo_passphrase

    path = generate_demo_passphrase(s.data_dir)
    os.environ["DALEL_KEYSTORE_PASSPHRASE_FILE"] = str(path)
    from dalel.settings import get_settings

    get_settings.cache_clear()
    say("cli.demo.passphrase", path=path)


@app.command()
def demo(
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Prepare the demo and exit without serving.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Write the demo's files and manifest.json here.")] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """A newcomer's first command: a ready data directory with demo data, then the server."""
    s = settings()
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)  # before anything is written
    prepare_data_dir(s)
    ensure_demo_passphrase(s)
    s = settings()
    engine = init_database(s)
    from dalel.demo import run_demo

    manifest = run_demo(s, engine, out_dir=out, say=say, lang=lang())
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
        say("cli.demo.written", path=out / "manifest.json")
    if not no_serve:
        run_server(host, port, None, 1)


def _register_subcommands() -> None:
    """Sub-command groups contributed by the packages (each a Typer app)."""
    import importlib

    if _state.get("registered"):
        return
    _state["registered"] = True
    for module_name in SUBCOMMANDS:
        module = importlib.import_module(module_name)
        module.register(app)


# modules with a `register(app: typer.Typer)` function
SUBCOMMANDS: list[str] = [
    "dalel.cli_keys",
    "dalel.cli_issuer",
    "dalel.cli_status",
    "dalel.cli_verify",
    "dalel.cli_wallet",
]


def _exit_code_for(exc: BaseException) -> int:
    if isinstance(exc, Problem):
        return 2 if 400 <= exc.status < 500 and exc.status not in (404, 409) else 1
    return getattr(exc, "exit_code", 1)


def _one_line(exc: BaseException) -> str:
    """A translated title with the detail, on one line."""
    if isinstance(exc, Problem):
        title = exc.title(lang())
        text = f"{title}: {exc.detail}" if exc.detail and exc.detail != title else title
    else:
        text = str(exc)
    return " ".join(text.split())


def _run_app() -> None:
    """Build the commands with help in the language the command line asks for, then run them."""
    from dalel import cli_help

    cli_help.run(app, sys.argv[1:])


def main() -> None:
    _register_subcommands()
    try:
        _run_app()
    except (Problem, DalelError) as exc:
        if _state["debug"]:
            raise
        err_console.print(f"{i18n.t('cli.error.prefix', lang())}: {_one_line(exc)}", soft_wrap=True, markup=False)
        sys.exit(_exit_code_for(exc))
    except KeyboardInterrupt:
        sys.exit(130)
    except OSError as exc:  # a file or directory that cannot be created, read or written
        if _state["debug"]:
            raise
        where = exc.filename or ""
        err_console.print(
            f"{i18n.t('cli.error.prefix', lang())}: {i18n.t('cli.error.os', lang(), path=where)}",
            soft_wrap=True, markup=False, highlight=False,
        )
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - never a traceback for the user
        if _state["debug"]:
            raise
        err_console.print(i18n.t("cli.error.unexpected", lang(), error=type(exc).__name__), highlight=False)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
