"""`principal serve`: the local web app over a database of deals (SQLite by default, PostgreSQL for a team)."""

from __future__ import annotations

import errno
import socket

import typer

from principal.cli.output import EXIT_BAD_INPUT, command, console, emit_result, err_console


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def _port_free(host: str, port: int) -> str | None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host.strip("[]"), port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"port {port} on {host} is in use; choose another with --port"
            return f"cannot listen on {host}:{port} ({exc.strerror}); check --host"
    return None


@command("serve", file_param=None)
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; other than loopback needs --token."),
    port: int = typer.Option(8450, "--port", min=1, max=65535, help="Port to listen on."),
    database_url: str | None = typer.Option(
        None,
        "--database-url",
        envvar="PRINCIPAL_DATABASE_URL",
        help="sqlite:///PATH or postgresql+psycopg://USER@HOST/DB; default: SQLite in your data directory.",
    ),
    token: str | None = typer.Option(
        None,
        "--token",
        envvar="PRINCIPAL_TOKEN",
        help="Access token every browser and API client must present (required off loopback). "
        "Prefer the PRINCIPAL_TOKEN variable: command lines are visible to other users.",
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the address and database as JSON, then serve."),
    generate_token: bool = typer.Option(
        False, "--generate-token", help="Print a fresh access token (for PRINCIPAL_TOKEN) and exit."
    ),
    workers: int | None = typer.Option(
        None, "--workers", min=1, max=64, help="CPU-bound jobs computed at once; default one per core (at most 8)."
    ),
    cpu_budget: float = typer.Option(
        60.0, "--cpu-budget", min=1.0, max=3600.0, help="CPU seconds one request may spend on its jobs."
    ),
) -> None:
    """Open the local web app: deals, offer forms, version history (and the engines' pages)."""
    from principal.web.access_token import generate_token as fresh_token

    if generate_token:
        if as_json:
            emit_result({"token": fresh_token()})
        else:
            console.print(fresh_token(), markup=False)
        return
    from principal.store.database import DatabaseUnavailable, default_database_url, display_url, open_store
    from principal.web.settings import WebSettings, default_work_slots

    settings = WebSettings(
        host=host,
        port=port,
        token=token or None,
        work_slots=workers or default_work_slots(),
        cpu_seconds_per_request=cpu_budget,
    )
    problem = settings.bind_problem() or _port_free(host, port)
    if problem is not None:
        err_console.print(f"error: {problem}", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT)
    url = database_url or default_database_url()
    try:
        store = open_store(url)
    except DatabaseUnavailable as exc:
        err_console.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None

    import uvicorn

    from principal.web.app import create_app
    from principal.web.server import server_config

    app = create_app(store, settings)
    shown_host = f"[{host}]" if ":" in host else host
    address = f"http://{shown_host}:{port}/"
    if as_json:
        emit_result({"url": address, "database": display_url(url), "token_required": token is not None})
    else:
        console.print(f"Principal is running at {address} (database: {display_url(url)})", markup=False)
        if token:
            console.print("Open it with ?token=YOUR_TOKEN once; the browser then keeps a cookie.", markup=False)
        console.print("Press Ctrl+C to stop.", markup=False)
    try:
        uvicorn.Server(server_config(app, settings)).run()
    finally:
        store.close()
