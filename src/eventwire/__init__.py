"""eventwire: news articles to explainable event data.

The public API (locked by ``tests/test_public_api.py``)::

    from eventwire import Article, Pipeline, Settings

    pipeline = Pipeline(Settings())
    for article in pipeline.process([Article(text="Russia criticised Germany on Monday.")]):
        print(article.events)

Reading inputs, screening and storing go through :func:`process_items` (as the command line, the
web API and the Spark runner do). Stages are declared with :func:`stage`; event coders implement
:class:`Coder`.
"""

from eventwire.context import MentionIndex, SentenceContext
from eventwire.errors import (
    EventwireError,
    IngestError,
    SettingsError,
    StageError,
    StageOrderError,
    StoreError,
    UnknownStageError,
)
from eventwire.events.coding import Coder, CoderSpec, MergeSpec
from eventwire.ingest import Inputs, read_inputs
from eventwire.lang import LanguageData, language_data
from eventwire.model import (
    Actor,
    Article,
    Event,
    EventDate,
    EventPlace,
    EventType,
    Mention,
    Place,
    Quote,
    Sentence,
    Span,
    Timex,
)
from eventwire.pipeline import Pipeline, Stage, StageSpec, stage
from eventwire.runner import Overrides, RunSummary, process_items
from eventwire.settings import Settings, load_settings
from eventwire.store.database import Store

__all__ = [
    "Actor",
    "Article",
    "Coder",
    "CoderSpec",
    "Event",
    "EventDate",
    "EventPlace",
    "EventType",
    "EventwireError",
    "IngestError",
    "Inputs",
    "LanguageData",
    "Mention",
    "MentionIndex",
    "MergeSpec",
    "Overrides",
    "Pipeline",
    "Place",
    "Quote",
    "RunSummary",
    "Sentence",
    "SentenceContext",
    "Settings",
    "SettingsError",
    "Span",
    "Stage",
    "StageError",
    "StageOrderError",
    "StageSpec",
    "Store",
    "StoreError",
    "Timex",
    "UnknownStageError",
    "language_data",
    "load_settings",
    "process_items",
    "read_inputs",
    "stage",
]
