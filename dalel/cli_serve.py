"""``dalel serve`` and ``dalel demo``: the server in this process (on the process's one engine,
see :mod:`dalel.resources`), and the newcomer's first command with what to do next."""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import sys
from pathlib import Path
from typing import Annotated

import typer

from common import i18n
from common.errors import DalelError
from common.files import write_private
from common.i18n import N_
from dalel import cli_runtime as rt
from dalel.logging import configure_logging
from dalel.settings import Settings
from keys.keystore import generate_demo_passphrase


class PortInUse(DalelError):
    """The address to serve on is taken (exit code 3)."""

    exit_code = 3


def check_port_free(
    host: str,
    port: int,
    message: str = N_("Port {host}:{port} is in use (is Dalel running already?): choose another with --port"),
) -> None:
    """PortInUse unless `host`:`port` can be bound now (as the server binds it)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        return  # the server reports a name it cannot resolve
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortInUse(i18n.t(message, rt.lang(), host=host, port=port, other=port + 1)) from None


def _check_role_can_start(s: Settings) -> None:
    """An issuer must have its keystore passphrase before it serves anything."""
    if s.role in ("all", "issuer", "ministry"):
        rt.keystore(s)


def run_server(host: str, port: int, role: str | None, workers: int, tls_cert: Path | None = None,
               tls_key: Path | None = None) -> None:
    import uvicorn  # deferred: only the server needs it

    if role:
        os.environ["DALEL_ROLE"] = role  # the app factory reads it (in every worker process)
    s = rt.reload_settings()
    check_port_free(host, port)
    rt.init_database(s)
    _check_role_can_start(s)
    configure_logging(s.log_format, s.log_level)
    url = f"{'https' if tls_cert else 'http'}://{host}:{port}"
    rt.say("Dalel is running: {url}  (API docs: {url}/docs, health: {url}/health)", url=url)
    # one worker: the app is made in this process and takes its engine from dalel.resources
    uvicorn.run(
        "dalel.app:create_app_from_env", factory=True, host=host, port=port, workers=workers, log_config=None,
        access_log=False, proxy_headers=True, ssl_certfile=str(tls_cert) if tls_cert else None,
        ssl_keyfile=str(tls_key) if tls_key else None,
    )


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
        raise typer.BadParameter(i18n.t("--tls-cert and --tls-key go together", rt.lang()), param_hint="--tls-cert")
    for path in (tls_cert, tls_key):
        if path is not None and not path.is_file():
            raise typer.BadParameter(
                i18n.t("{path}: no such file", rt.lang(), path=path), param_hint="--tls-cert/--tls-key"
            )
    run_server(host, port, role, workers, tls_cert, tls_key)


def ensure_demo_passphrase(s: Settings) -> None:
    """`dalel demo` only: a random keystore passphrase in the data dir (0600), announced. Every
    command on this data dir then finds it (``Settings.effective_keystore_passphrase_file``)."""
    if s.keystore_passphrase or s.keystore_passphrase_file:
        return
    existed = s.demo_passphrase_file.exists()
    path = generate_demo_passphrase(s.data_dir)
    if not existed:
        rt.say("Demo: generated a random keystore passphrase in {path} (demo only)", path=path)


def _shown(path: Path) -> str:
    """`path` relative to the working directory when under it (what a person types)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _program() -> str:
    """``dalel`` as this person can type it again: the name when it is on PATH, else the path
    they typed (``.venv/bin/dalel``), or ``python -m dalel``."""
    invoked = Path(sys.argv[0]) if sys.argv and sys.argv[0] else Path("dalel")
    if invoked.name == "__main__.py":
        return "python -m dalel"
    on_path = shutil.which("dalel")
    try:
        if on_path and Path(on_path).resolve() == invoked.resolve():
            return "dalel"
    except OSError:
        pass
    return _shown(invoked) if invoked.name == "dalel" else "dalel"


def _next_steps(s: Settings) -> None:
    token_file = s.data_dir / "demo-token"
    prefix = "" if s.data_dir.resolve() == Path(".dalel").resolve() else f"DALEL_DATA_DIR={_shown(s.data_dir)} "
    env = f"{prefix}DALEL_TOKEN=$(cat {_shown(token_file)}) "
    rt.say(
        "Next (in another terminal, in this directory; dalel commands find the keystore passphrase in {data_dir} "
        "themselves):\n"
        "  the registrar's token: {token_file}\n"
        "  {env}{dalel} revoke BD 00000003 --reason other     # revoke a diploma, then reload its page\n"
        "  {plain}{dalel} graduate login-link BD 00000001     # the graduate's page /me\n"
        "  {plain}{dalel} demo --no-serve --out demo-files    # QR codes (PNG), signed PDFs, credentials, manifest.json",
        data_dir=_shown(s.data_dir),
        token_file=_shown(token_file),
        plain=prefix,
        env=env,
        dalel=_program(),
    )


def demo(
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Prepare the demo and exit without serving.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Write the demo's credentials (JSON), QR codes (PNG), "
                                             "signed PDF diplomas and manifest.json (0600: the registrar's token, "
                                             "the graduates' IINs) to this directory.")] = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")] = 8000,
) -> None:
    """A newcomer's first command: a ready data directory with demo data, then the server."""
    from dalel.demo import run_demo  # deferred: heavy (issuance, the PDF renderer)

    current = rt.lang()
    rt.out(_languages_line(current))  # the first line: how to read all this in another language
    s = rt.settings()
    if not no_serve:
        check_port_free(host, port, N_("Port {host}:{port} is in use (is Dalel running already?). Another port: DALEL_PUBLIC_URL=http://{host}:{other} dalel demo --port {other}"))  # before the work, not after it
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)  # before anything is written
    rt.prepare_data_dir(s)
    ensure_demo_passphrase(s)
    engine = rt.init_database(s)
    manifest = run_demo(s, engine, rt.keystore(s), out_dir=out, say=rt.say, lang=current)
    if out is not None:
        # the registrar's token and the graduates' IINs: the user's eyes only
        write_private(out / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2), overwrite=True)
        rt.say("Demo results written to {path}", path=out / "manifest.json")
    _next_steps(s)
    if not no_serve:
        run_server(host, port, None, 1)


def _languages_line(current: str) -> str:
    return " · ".join(i18n.t("In English: dalel --lang en demo", other) for other in i18n.LANGUAGES if other != current)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.command("demo")(demo)


__all__ = ["PortInUse", "check_port_free", "register", "run_server"]
