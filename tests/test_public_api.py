"""The public API is what ``eventwire.__all__`` says, and nothing in it disappears silently."""

from __future__ import annotations

import eventwire

PUBLIC = {
    "Actor", "Article", "Coder", "CoderSpec", "Event", "EventDate", "EventPlace", "EventType",
    "EventwireError", "IngestError", "Inputs", "LanguageData", "Mention", "MentionIndex",
    "MergeSpec", "Overrides", "Pipeline", "Place", "Quote", "RunSummary", "Sentence",
    "SentenceContext", "Settings", "SettingsError", "Span", "Stage", "StageError",
    "StageOrderError", "StageSpec", "Store", "StoreError", "Timex", "UnknownStageError",
    "language_data", "load_settings", "process_items", "read_inputs", "stage",
}  # fmt: skip


def test_all_is_locked() -> None:
    assert set(eventwire.__all__) == PUBLIC
    assert len(eventwire.__all__) == len(PUBLIC)  # no name twice


def test_every_public_name_is_defined() -> None:
    missing = [name for name in eventwire.__all__ if not hasattr(eventwire, name)]
    assert missing == []
    assert callable(eventwire.process_items) and isinstance(
        eventwire.Settings(), eventwire.Settings
    )


def test_the_cli_package_imports_without_cycles() -> None:
    from eventwire.cli import main

    assert {"run", "events", "evaluate", "serve", "spark", "gate"} <= set(main.commands)
