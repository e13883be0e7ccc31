"""The ``eventwire`` command group and what every command shares (options, exit codes, errors).

The ``eventwire`` command: a thin shell over the library.

Exit codes: 0 everything worked; 1 the run finished but some inputs or articles failed (each is
reported on stderr and stored in the ``errors`` table); 2 the command line is wrong; 3 nothing
could be done (database, model or settings problem).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from eventwire.dates import parse_bound
from eventwire.errors import EventwireError
from eventwire.output import FORMATS
from eventwire.settings import Settings, load_settings

EXIT_PARTIAL = 1
EXIT_FATAL = 3


def parse_date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date like 2019-01-26") from exc


def parse_since(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    return _bound(value, end=False)


def parse_until(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    return _bound(value, end=True)


def _bound(value: str | None, *, end: bool) -> dt.date | None:
    """YYYY-MM-DD, or a coarser YYYY-MM / YYYY (its first day for --since, last for --until)."""
    if value is None:
        return None
    try:
        return parse_bound(value, end=end)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from exc


def parse_languages(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if value.strip().lower() == "all":
        return ()
    return tuple(code.strip().lower() for code in value.split(",") if code.strip())


def settings_from(config: Path | None, **overrides: Any) -> Settings:
    return load_settings(config, **overrides)


def fatal(exc: EventwireError) -> NoReturn:
    """Report an error nothing could be done about and exit with code 3."""
    click.echo(f"error: {exc}", err=True)
    sys.exit(EXIT_FATAL)


db_option = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="DuckDB file (default: eventwire.duckdb, or db_path in the settings).",
)  # fmt: skip
config_option = click.option(
    "--config", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
    help="Settings file (TOML).",
)  # fmt: skip
format_option = click.option(
    "--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True,
    help="Output format.",
)  # fmt: skip


#: ``--quote-kind`` choices and the :class:`~eventwire.store.queries.Filters` value of each.
QUOTE_KINDS: dict[str, str | None] = {"quote": "quote", "unattributed": "unattributed", "all": None}


def quote_kind_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--quote-kind``: quotes with a speaker (default), unattributed quoted text, or all."""
    return click.option(
        "--quote-kind",
        type=click.Choice(tuple(QUOTE_KINDS)),
        default="quote",
        show_default=True,
        callback=lambda _ctx, _param, value: QUOTE_KINDS[value],
        help="Quotes: 'quote' (words with a speaker), 'unattributed' (scare quotes, titles and"
        " fragments nobody is said to have spoken, kept apart) or 'all'.",
    )(func)


def filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """The same filters on every read command."""
    options = [
        click.option("--actor", help="Actor code prefix, e.g. USA or VENGOV."),
        click.option("--code", help="CAMEO code prefix, e.g. 02 or 112."),
        click.option(
            "--since",
            callback=parse_since,
            help="First date: YYYY-MM-DD, YYYY-MM or YYYY (events whose date overlaps"
            " the range are kept: an event dated 2019 matches --since 2019-06-01).",
        ),
        click.option(
            "--until",
            callback=parse_until,
            help="Last date: YYYY-MM-DD, YYYY-MM or YYYY (the end of that month or year).",
        ),
        click.option("--article", help="Article id (external or content id)."),
        click.option("--limit", type=click.IntRange(min=1), help="At most this many rows."),
        click.option(
            "--all-mentions",
            is_flag=True,
            help="Events: one row per mention (an event told again in a later sentence"
            " of the same article), not one row per event.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group()
@click.version_option(package_name="eventwire")
def main() -> None:
    """eventwire: news articles to explainable event data."""
