"""The catalogue of errors eventwire raises. Each message says what to do about it."""

from __future__ import annotations


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class SettingsError(EventwireError):
    """A settings file or option is invalid."""


class ModelNotFoundError(EventwireError):
    """The spaCy pipeline named in the settings is not installed."""


class IngestError(EventwireError):
    """An input item could not be read as an article.

    ``origin`` names the file (and line, for JSONL) so the user can find it.
    """

    def __init__(self, origin: str, message: str) -> None:
        super().__init__(f"{origin}: {message}")
        self.origin = origin
        self.reason = message


class StageError(EventwireError):
    """A pipeline stage failed on one article (recorded on the article, not raised further)."""


class UnknownStageError(EventwireError):
    """A stage name in the settings is not registered."""


class StageOrderError(EventwireError):
    """A stage reads an article field that no earlier stage assigns (the message names both)."""


class StageRegistrationError(EventwireError):
    """A stage or event coder is declared wrongly (bad entry point, unknown field)."""


class UnknownCoderError(EventwireError):
    """An event coder or merge policy named in the settings is not registered."""


class LanguageDataError(EventwireError):
    """The language data folder for a language is missing or malformed."""


class UnknownEventCodeError(EventwireError):
    """A CAMEO code is not in the ontology."""


class DictionaryError(EventwireError):
    """An actor or verb dictionary file could not be parsed."""


class StoreError(EventwireError):
    """The database could not be opened, or its schema is from another version."""


class EvaluationError(EventwireError):
    """A gold file could not be read or scored."""


class ArticleTimeoutError(StageError):
    """An article used up its time budget (``article_seconds``); recorded on that article."""
