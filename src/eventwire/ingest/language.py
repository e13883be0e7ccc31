"""Language detection: keep the configured languages, skip the rest with a reason.

English text is recognised cheaply by its share of common function words; anything else goes
to langdetect (profiles shipped in the package, so it works offline; seeded, so deterministic).
A text too short to judge is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from eventwire.model import Article

_WORD = re.compile(r"[^\W\d_]+")
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "that",
        "is",
        "was",
        "he",
        "for",
        "it",
        "with",
        "as",
        "his",
        "on",
        "be",
        "at",
        "by",
        "i",
        "this",
        "had",
        "not",
        "are",
        "but",
        "from",
        "or",
        "have",
        "an",
        "they",
        "which",
        "one",
        "you",
        "were",
        "her",
        "all",
        "she",
        "there",
        "would",
        "their",
        "we",
        "him",
        "been",
        "has",
        "when",
        "who",
        "will",
        "more",
        "no",
        "if",
        "out",
        "so",
        "said",
        "what",
        "up",
        "its",
        "about",
        "than",
        "into",
        "them",
        "can",
        "only",
        "other",
        "new",
        "some",
        "could",
        "time",
        "these",
        "two",
        "may",
        "then",
        "do",
        "first",
        "any",
        "my",
        "now",
        "such",
        "like",
        "our",
        "over",
        "man",
        "me",
        "even",
        "most",
        "also",
        "after",
        "did",
        "many",
        "before",
        "must",
        "through",
        "back",
        "where",
        "much",
        "your",
        "way",
        "well",
        "down",
        "should",
        "because",
        "each",
        "just",
        "those",
        "people",
        "how",
        "too",
        "little",
        "state",
        "good",
        "very",
        "make",
        "world",
        "still",
        "own",
        "see",
        "men",
        "work",
        "long",
        "get",
        "here",
        "between",
        "both",
        "life",
        "being",
        "under",
        "never",
        "day",
        "same",
        "another",
        "know",
        "while",
        "last",
    ]
)
ENGLISH_SHARE = 0.2  # English news runs at 0.35-0.5 of these words; other languages below 0.1
MIN_WORDS = 8
MIN_PROBABILITY = 0.8
SAMPLE_CHARS = 3000


@dataclass
class LanguageGate:
    """Detects an article's language and says why it is not in one of ``languages`` (ISO 639-1
    codes; empty: every language is kept)."""

    languages: tuple[str, ...]
    _factory: Any = field(default=None, repr=False)

    def check(self, article: Article) -> tuple[str | None, str | None]:
        """The article's language (``None``: too short or unsure) and why it is skipped (``None``:
        it is kept). English is recognised first by its share of function words."""
        sample = article.text[:SAMPLE_CHARS]
        words = [w.lower() for w in _WORD.findall(sample)]
        if len(words) < MIN_WORDS:
            return None, None
        wants_english = not self.languages or "en" in self.languages
        if wants_english and _english_share(words) >= ENGLISH_SHARE:
            return "en", None
        found = self._detect(sample)
        if found is None:
            return None, None
        language, probability = found
        if probability < MIN_PROBABILITY:
            return None, None
        if not self.languages or language in self.languages:
            return language, None
        wanted = ", ".join(self.languages)
        return language, f"language '{language}' (p={probability:.2f}), not {wanted}"

    def _detect(self, text: str) -> tuple[str, float] | None:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._detector_factory().create()
        detector.append(text)
        try:
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return None  # no letters it knows: cannot tell, so keep
        return str(best.lang), float(best.prob)

    def _detector_factory(self) -> Any:
        if self._factory is None:
            from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

            factory = DetectorFactory()
            factory.load_profile(PROFILES_DIRECTORY)
            factory.seed = 0  # on this instance only: results do not vary between runs
            self._factory = factory
        return self._factory


def _english_share(words: list[str]) -> float:
    return sum(1 for w in words if w in _ENGLISH) / len(words)
