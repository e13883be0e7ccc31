"""``eventwire serve``: the HTTP API and web UI over a database (registered on the main group)."""

from __future__ import annotations

from pathlib import Path

import click

from eventwire.cli.app import config_option, db_option, fatal, main, settings_from
from eventwire.errors import EventwireError


@main.command()
@db_option
@config_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind (the default serves this machine only).")  # fmt: skip
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--token", default=None, envvar="EVENTWIRE_TOKEN", show_envvar=True,
              help="Enables POST /articles for clients sending it as a bearer token; "
                   "the database is then opened read-write.")  # fmt: skip
def serve(db: Path | None, config: Path | None, host: str, port: int, token: str | None) -> None:
    """Serve the HTTP API (docs at /docs) and the web UI (at /) over a database."""
    import uvicorn

    from eventwire.web import ServeSettings, create_app

    try:
        settings = settings_from(config, db_path=db)
        app = create_app(
            ServeSettings(db_path=Path(settings.db_path), token=token or None, pipeline=settings)
        )
    except EventwireError as exc:
        fatal(exc)
    mode = "read-write (POST /articles on)" if token else "read-only"
    click.echo(f"eventwire: {settings.db_path} {mode} on http://{host}:{port}/", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("warning: serving beyond this machine; there is no authentication for reads",
                   err=True)  # fmt: skip
    uvicorn.run(app, host=host, port=port, log_level="info")
