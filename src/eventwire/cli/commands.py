"""`run`, the read commands (events, quotes, actors), `show`, `export` and `bench`."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from eventwire.cli.app import (
    EXIT_PARTIAL,
    config_option,
    db_option,
    fatal,
    filter_options,
    format_option,
    main,
    parse_date,
    parse_languages,
    quote_kind_option,
    settings_from,
)
from eventwire.errors import EventwireError
from eventwire.output import render_table, write_csv, write_jsonl
from eventwire.store.queries import FIELDS, Filters, rows

if TYPE_CHECKING:
    from eventwire.runner import RunSummary
    from eventwire.settings import Settings

EVENT_COLUMNS = (
    ("date", "date", 10),
    ("source_code", "source", 10),
    ("source_text", "source text", 24),
    ("cameo", "cameo", 5),
    ("plover_type", "plover", 9),
    ("trigger_text", "action", 12),
    ("modality", "modality", 9),
    ("negated", "negated", 7),
    ("target_code", "target", 10),
    ("target_text", "target text", 24),
    ("mentions", "mentions", 8),
    ("sentence", "sentence", 60),
)
QUOTE_COLUMNS = (
    ("speaker_code", "code", 8),
    ("speaker_name", "speaker", 22),
    ("speaker_text", "speaker text", 22),
    ("direct", "direct", 6),
    ("partial", "partial", 7),
    ("rule", "rule", 12),
    ("text", "quote", 90),
)
ACTOR_COLUMNS = (
    ("article_id", "article", 16),
    ("text", "text", 34),
    ("code", "code", 10),
    ("name", "name", 28),
    ("role", "role", 18),
    ("rule", "rule", 22),
    ("confidence", "conf", 4),
)


@main.command()
@click.argument("paths", nargs=-1, required=False)
@db_option
@config_option
@click.option(
    "--date", callback=parse_date, help="Publication date for every article (YYYY-MM-DD)."
)
@click.option("--source", help="Source name for every article (e.g. Reuters).")
@click.option("--reprocess", is_flag=True, help="Process articles already in the database again.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None, help="Articles per batch.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Processes running the pipeline (0: one per core; default 1).")  # fmt: skip
@click.option("--dictionaries", type=click.Path(exists=True, path_type=Path), default=None,
              help="Actor dictionaries: a folder (PETRARCH *.actors.txt and *.agents.txt,"
                   " our *.csv) or one file; they decide before the built-in lexicon.")  # fmt: skip
@click.option("--feed", "feeds", multiple=True,
              help="RSS/Atom feed URL or file; its linked pages are fetched.")  # fmt: skip
@click.option("--text-field", help="Record field with the article text (JSONL/CSV/Parquet).")
@click.option("--date-field", help="Record field with the publication date.")
@click.option("--id-field", help="Record field with the article id.")
@click.option("--url-field", help="Record field with the article URL.")
@click.option("--title-field", help="Record field with the title.")
@click.option("--dedup", type=click.Choice(("off", "exact", "near")), default=None,
              help="Duplicates recorded as copies, not processed (default: near).")  # fmt: skip
@click.option("--languages", default=None,
              help="ISO codes to keep, comma-separated (default: en; 'all').")  # fmt: skip
def run(
    paths: tuple[str, ...],
    db: Path | None,
    config: Path | None,
    date: dt.date | None,
    source: str | None,
    reprocess: bool,
    batch_size: int | None,
    workers: int | None,
    dictionaries: Path | None,
    feeds: tuple[str, ...],
    languages: str | None,
    **ingest: str | None,
) -> None:
    """Process files, folders, URLs and feeds into the database.

    Reads .txt, .jsonl, .csv, .parquet, .html/.htm, .warc, .urls (one URL a line) and .rss/.atom
    files, and .gz forms of .txt, .jsonl, .csv, .html and .warc; http(s):// arguments are fetched.
    Files read completely before (same size and modification time) are skipped unless
    --reprocess is given. Other files in folders are reported and make the exit code 1.
    """
    if not paths and not feeds:
        raise click.UsageError("give at least one PATH, URL or --feed")
    from eventwire.cli.progress import ProgressLines, report_run
    from eventwire.runner import RunSummary

    summary = RunSummary()
    try:
        settings = settings_from(
            config, db_path=db, batch_size=batch_size, workers=workers, dictionaries=dictionaries,
            languages=parse_languages(languages), **ingest,
        )  # fmt: skip
        with ProgressLines(summary, settings.progress_seconds, enabled=not sys.stderr.isatty()):
            _run(settings, paths, feeds, date, source, reprocess, summary)
    except EventwireError as exc:
        fatal(exc)
    report_run(summary)
    click.echo(
        f"{summary.articles} articles ({summary.unchanged} unchanged), {summary.events} events, "
        f"{summary.quotes} quotes, {len(summary.errors)} errors, "
        f"{summary.articles_per_s:.1f} articles/s → {settings.db_path}",
        err=True,
    )
    if summary.copies or summary.skipped:
        skipped = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.skipped.items()))
        click.echo(f"{summary.copies} copies recorded; skipped: {skipped or 'none'}", err=True)
    if summary.partial:
        sys.exit(EXIT_PARTIAL)


def _run(
    settings: Settings,
    paths: tuple[str, ...],
    feeds: tuple[str, ...],
    date: dt.date | None,
    source: str | None,
    reprocess: bool,
    summary: RunSummary,
) -> None:
    """The body of `run`: read, process and store into ``summary``."""
    from eventwire.ingest import Inputs, read_inputs
    from eventwire.ingest.screen import KnownFiles
    from eventwire.parallel import make_pipeline
    from eventwire.runner import Overrides, count_files, process_items
    from eventwire.store.database import Store

    pipeline = make_pipeline(settings)
    try:
        with Store(settings.db_path) as store:
            files = [Path(p) for p in paths if not p.startswith(("http://", "https://"))]
            overrides = Overrides(date=date, source=source)
            total = count_files(files)
            with click.progressbar(
                length=total,
                label="files",
                file=sys.stderr,
                hidden=total < 2 or not sys.stderr.isatty(),
            ) as bar:
                items = read_inputs(
                    Inputs(paths=paths, feeds=feeds, quiet=_database_files(settings.db_path)),
                    settings=settings,
                    on_file=lambda _: bar.update(1),
                    known=None if reprocess else KnownFiles(store, overrides.variant),
                )  # fmt: skip
                process_items(
                    items, pipeline=pipeline, store=store, overrides=overrides,
                    reprocess=reprocess, summary=summary,
                )  # fmt: skip
    finally:
        pipeline.close()


def _database_files(db: Path) -> tuple[Path, ...]:
    return (db, db.with_name(db.name + ".wal"))


def _read_command(table: str, columns: Sequence[tuple[str, str, int]]) -> Callable[..., None]:
    def command(db: Path | None, config: Path | None, fmt: str, **kw: Any) -> None:
        from eventwire.store.database import Store

        filters = Filters(**kw)
        try:
            settings = settings_from(config, db_path=db)
            with Store(settings.db_path, read_only=True) as store:
                found = rows(store, table, filters, sentence_text=fmt == "table")
        except EventwireError as exc:
            fatal(exc)
        _emit(found, fmt, table, columns)

    return command


def _emit(
    found: list[dict[str, Any]], fmt: str, table: str, columns: Sequence[tuple[str, str, int]]
) -> None:
    if fmt == "jsonl":
        write_jsonl(found, sys.stdout)
    elif fmt == "csv":
        write_csv(found, sys.stdout, FIELDS[table])
    else:
        click.echo(render_table(found, columns), nl=False)


def _register_read(
    name: str, table: str, columns: Sequence[tuple[str, str, int]], doc: str
) -> None:
    command = _read_command(table, columns)
    command.__doc__ = doc
    command.__name__ = name
    decorated = format_option(config_option(db_option(filter_options(command))))
    if table == "quotes":
        decorated = click.option("--speaker", help="Speaker code prefix or name.")(decorated)
        decorated = quote_kind_option(decorated)
    main.command(name=name)(decorated)


_register_read("events", "events", EVENT_COLUMNS, "List stored events.")
_register_read("quotes", "quotes", QUOTE_COLUMNS, "List stored quotes with their speakers.")
_register_read("actors", "actors", ACTOR_COLUMNS, "List stored actor mentions.")


@main.command()
@click.argument("article_id")
@db_option
@config_option
def show(article_id: str, db: Path | None, config: Path | None) -> None:
    """Print an article with its events and quotes marked in the text."""
    from eventwire.show import render_article
    from eventwire.store.database import Store

    try:
        settings = settings_from(config, db_path=db)
        with Store(settings.db_path, read_only=True) as store:
            click.echo(render_article(store, article_id))
    except EventwireError as exc:
        fatal(exc)


@main.command()
@click.option(
    "--table", type=click.Choice(tuple(FIELDS)), required=True, help="Which table to export."
)
@click.option("--format", "fmt", type=click.Choice(("jsonl", "csv", "parquet", "gdelt", "plover")),
              default="jsonl", show_default=True,
              help="gdelt: GDELT 2.0 event columns (TSV); plover: POLECAT-style JSON lines"
                   " (both --table events only).")  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (default: standard output; required for parquet).")  # fmt: skip
@click.option("--keep-nonfactual", is_flag=True,
              help="gdelt: keep negated and hypothetical (possible, conditional) events, which"
                   " are left out by default: GDELT has no field to flag them.")  # fmt: skip
@db_option
@config_option
@filter_options
@quote_kind_option
def export(
    table: str,
    fmt: str,
    output: Path | None,
    keep_nonfactual: bool,
    db: Path | None,
    config: Path | None,
    **kw: Any,
) -> None:
    """Export a table with offsets into the article text as given."""
    from eventwire.export import export_table
    from eventwire.store.database import Store

    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs -o FILE")
    if fmt in ("gdelt", "plover") and table != "events":
        raise click.UsageError(f"--format {fmt} needs --table events")
    if kw.get("all_mentions") and fmt in ("gdelt", "plover"):
        raise click.UsageError(f"--format {fmt} writes one record per event; drop --all-mentions")
    if keep_nonfactual and fmt != "gdelt":
        raise click.UsageError("--keep-nonfactual applies to --format gdelt only")
    filters = Filters(**kw, factual_only=fmt == "gdelt" and not keep_nonfactual)
    try:
        settings = settings_from(config, db_path=db)
        with Store(settings.db_path, read_only=True) as store:
            count = export_table(store, table, fmt, output, filters, sys.stdout)
    except EventwireError as exc:
        fatal(exc)
    if output is not None:
        click.echo(f"{count} {table} rows → {output}", err=True)


@main.command()
@db_option
@config_option
def migrate(db: Path | None, config: Path | None) -> None:
    """Upgrade a database made by an older eventwire to this version's schema, in place.

    One transaction: if it fails or is killed, the database stays as it was. Every stored row is
    kept; new columns are computed from the stored ones.
    """
    from eventwire.store.migrate import migrate as run_migration

    try:
        settings = settings_from(config, db_path=db)
        done = run_migration(settings.db_path)
    except EventwireError as exc:
        fatal(exc)
    if done.changed:
        click.echo(
            f"{done.path}: schema {done.from_version} → {done.to_version} "
            f"({done.events} event rows updated)",
            err=True,
        )
    else:
        click.echo(f"{done.path}: already at schema {done.to_version}; nothing to do", err=True)


@main.command()
@click.option("--articles", "n", type=click.IntRange(min=1), default=500, show_default=True,
              help="How many articles to process.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object as the last line.")
@click.option("--corpus", type=click.Path(exists=True, path_type=Path), multiple=True,
              help="Seed articles (default: the VOA stories in data/labelled/voa, else the "
                   "bundled examples/).")  # fmt: skip
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Processes (0: one per core; default 1).")  # fmt: skip
@click.option("--rounds", type=click.IntRange(min=1), default=3, show_default=True,
              help="Alternate bare spaCy and the pipeline over this many slices of the "
                   "articles (the same minutes of a shared machine for both).")  # fmt: skip
@click.option("--scaling", "scaling", is_flag=True,
              help="Instead: one article of each --sizes length through the pipeline, seconds "
                   "per stage.")  # fmt: skip
@click.option("--sizes", default=None,
              help="Article lengths in characters for --scaling, comma-separated "
                   "(default: 10000,100000,1000000).")  # fmt: skip
@config_option
def bench(
    n: int,
    as_json: bool,
    corpus: tuple[Path, ...],
    workers: int | None,
    rounds: int,
    scaling: bool,
    sizes: str | None,
    config: Path | None,
) -> None:
    """Articles and words per second end to end (ingest → DuckDB) and the ratio to bare spaCy;
    with --scaling, how one article's time grows with its length."""

    from eventwire.bench import SCALING_SIZES, SHORT_WORDS, run_bench, run_scaling, seed_texts

    try:
        settings = settings_from(config, workers=workers)
        texts = seed_texts(list(corpus or _default_corpus()), settings)
        if not texts:
            raise click.UsageError("no seed articles found; pass --corpus PATH")
        words = sum(len(t.split()) for t in texts) / len(texts)
        if words < SHORT_WORDS:
            click.echo(
                f"warning: the seed articles average {words:.0f} words; real news is 600-900 "
                "words, and costs that grow with length do not show on short ones",
                err=True,
            )
        if scaling:
            lengths = _sizes(sizes) if sizes else SCALING_SIZES
            _print_scaling([r.as_dict() for r in run_scaling(texts, lengths, settings)], as_json)
            return
        result = run_bench(texts, n, settings, rounds)
    except EventwireError as exc:
        fatal(exc)
    data = result.as_dict()
    click.echo(
        f"{data['articles']} articles, {data['words']} words "
        f"({data['words_per_article']:.0f} an article), {data['workers']} process(es)\n"
        f"eventwire end to end: {data['articles_per_s']:.1f} articles/s, "
        f"{data['words_per_s']} words/s\n"
        f"bare spaCy pipeline:  {data['spacy_articles_per_s']:.1f} articles/s, "
        f"{data['spacy_words_per_s']} words/s\n"
        f"ratio:                {data['ratio']:.3f}\n"
        f"peak memory:          {data['peak_rss_mb']:.0f} MB (largest process)\n"
        f"per stage (s):        {data['stage_seconds']}"
    )
    if as_json:
        click.echo(json.dumps(data))


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(size) for size in text.split(",") if size.strip())
    except ValueError as exc:
        raise click.BadParameter(f"not a list of numbers: {text!r}", param_hint="--sizes") from exc
    if not sizes or min(sizes) < 1:
        raise click.BadParameter("give lengths of 1 or more characters", param_hint="--sizes")
    return sizes


def _default_corpus() -> tuple[Path, ...]:
    from eventwire.bench import DEFAULT_CORPUS, FALLBACK_CORPUS

    if DEFAULT_CORPUS.exists():
        return (DEFAULT_CORPUS,)
    click.echo(
        f"warning: {DEFAULT_CORPUS} not found (run from the repository); using the bundled "
        f"examples, which are short (83 words an article)",
        err=True,
    )
    return (FALLBACK_CORPUS,)


def _print_scaling(rows: list[dict[str, Any]], as_json: bool) -> None:
    for row in rows:
        stages = ", ".join(f"{k} {v:.2f}" for k, v in row["stage_seconds"].items() if v >= 0.005)
        click.echo(
            f"{row['chars']:>9,} chars, {row['words']:>7,} words: {row['seconds']:7.2f} s, "
            f"{row['words_per_s']:>6} words/s ({stages})"
        )
        for error in row["errors"]:
            click.echo(f"  error: {error}")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = (last["seconds"] / first["seconds"]) / (last["chars"] / first["chars"])
        click.echo(f"time per character, longest against shortest: x{growth:.2f}")
    if as_json:
        click.echo(json.dumps({"scaling": rows}))
