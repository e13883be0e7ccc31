"""A learned event-trigger detector: which verb or noun reports an event, and of which PLOVER type.

The model is a one-vs-rest logistic regression over features of the dependency parse that the
pipeline has already made (the word, its lemma and part of speech, its dependents and head, the
objects and particles of a verb, negation and modal auxiliaries, the words around it). Features
are hashed into a fixed number of buckets, so the model is a weight matrix and a few numbers:
it ships in the package and costs well under a millisecond per sentence.

Each type's score goes through a calibration (Platt scaling fitted on cross-validated scores),
so ``probabilities`` are calibrated probabilities, and each type has its own decision threshold.
``make train`` rebuilds the model from the repository (``training/train_triggers.py``).
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from eventwire.chars import QUOTE_TOKENS
from eventwire.errors import ModelNotFoundError
from eventwire.events.trigger_vectors import VectorScores, WordRows, vector_parts

#: Parts of speech a trigger can have (event nouns and verbs; adjectives that carry a
#: predicate: "called the claims baseless", "is unacceptable").
CANDIDATE_POS: Final = frozenset({"VERB", "NOUN"})
_PREDICATE_ADJ_DEPS: Final = frozenset({"acomp", "oprd", "ROOT", "ccomp", "xcomp", "conj"})
_CHILD_DEPS: Final = frozenset(
    {"dobj", "nsubj", "nsubjpass", "prt", "aux", "auxpass", "neg", "xcomp", "ccomp", "attr",
     "acomp", "agent", "compound", "amod", "poss", "dative", "advmod", "pobj", "nmod", "det",
     "oprd"}
)  # fmt: skip
_MODALS: Final = frozenset({"will", "would", "may", "might", "could", "should", "must", "can"})
_CONDITIONS: Final = frozenset({"if", "unless"})
#: Entity types that name an actor (a state, group, organisation or person).
_ACTOR_ENTS: Final = frozenset({"GPE", "NORP", "ORG", "PERSON"})
MODEL_FILE: Final = "trigger_model.npz"

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


def is_candidate(token: Any) -> bool:
    """Verbs and nouns made of letters can be triggers, and predicative adjectives."""
    if not (token.is_alpha and len(token.text) > 1):
        return False
    pos = token.pos_
    return bool(pos in CANDIDATE_POS or (pos == "ADJ" and token.dep_ in _PREDICATE_ADJ_DEPS))


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


def _actor(token: Any) -> str:
    """``A`` when the noun phrase headed by the token names an actor (its head or a compound
    or modifier of it is a state, group, organisation or person), else ``-``."""
    if token.ent_type_ in _ACTOR_ENTS:
        return "A"
    for child in token.children:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and child.ent_type_ in _ACTOR_ENTS:
            return "A"
    return "-"


def _children_features(token: Any) -> Iterator[str]:
    lemma = _lemma(token)
    for child in token.children:
        dep = child.dep_
        if dep == "prep":
            prep = _lemma(child)
            yield f"pp={prep}"
            yield f"lpp={lemma}|{prep}"
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield f"ppo={prep}|{_lemma(obj)}"
                    yield f"lppo={lemma}|{prep}|{_lemma(obj)}"
                    yield f"ppa={prep}|{_actor(obj)}"
        elif dep in _CHILD_DEPS:
            child_lemma = _lemma(child)
            yield f"c={dep}|{child_lemma}"
            yield f"cd={dep}"
            if child.ent_type_:
                yield f"ce={dep}|{child.ent_type_}"
            if dep in ("nsubj", "nsubjpass", "dobj", "poss", "compound", "agent"):
                yield f"ca={dep}|{_actor(child)}"
            if dep in ("dobj", "prt", "nsubjpass", "acomp", "oprd"):
                yield f"lc={lemma}|{dep}|{child_lemma}"
            if dep in ("aux", "auxpass") and child_lemma in _MODALS:
                yield f"modal={child_lemma}"
                yield f"ml={child_lemma}|{lemma}"
            elif dep == "neg":
                yield f"nl={lemma}"
        elif dep == "mark" and child.lower_ in _CONDITIONS:
            yield "cond"


def _head_features(token: Any, lemma: str) -> Iterator[str]:
    head = token.head
    if head.i == token.i:
        yield "root"
        return
    dep, head_lemma = token.dep_, _lemma(head)
    yield f"hd={head_lemma}|{dep}"
    yield f"hp={head.pos_}"
    yield f"hh={_lemma(head.head)}"
    if dep == "pobj":  # "a freeze on flights", "called for an end to": the governing word
        yield f"gv={_lemma(head.head)}|{head_lemma}"
        yield f"gvl={_lemma(head.head)}|{head_lemma}|{lemma}"
    elif dep in ("dobj", "nsubj", "nsubjpass", "attr", "xcomp", "ccomp", "amod", "acomp", "oprd"):
        yield f"hl={head_lemma}|{dep}|{lemma}"
    if any(c.dep_ == "neg" for c in head.children) and dep in ("xcomp", "dobj", "ccomp"):
        yield "headneg"


def sentence_features(sent: Any) -> list[str]:
    """Features every candidate of a sentence shares: a quotation mark in it."""
    return ["quote"] if any(t.text in QUOTE_TOKENS for t in sent) else []


def token_features(
    token: Any, shared: Sequence[str] = (), words: Mapping[int, str] | None = None
) -> list[str]:
    """The hashed model's raw features for one candidate token (strings, before hashing).
    ``shared``: the sentence's own features (:func:`sentence_features`); ``words``: the lower
    case words around the sentence by token index, if already read (else read from the doc)."""
    lemma = _lemma(token)
    lower = str(token.text).lower()
    pos, dep = token.pos_, token.dep_
    features = [
        "bias",
        f"l={lemma}",
        f"w={lower}",
        f"p={pos}",
        f"t={token.tag_}",
        f"d={dep}",
        f"ld={lemma}|{dep}",
        f"lp={lemma}|{pos}",
        f"s3={lower[-3:]}",
        f"s4={lower[-4:]}",
        *_head_features(token, lemma),
    ]
    doc = token.doc
    for offset in (-2, -1, 1, 2):
        i = token.i + offset
        if words is not None:
            word = words.get(i, "<s>")
        else:
            word = doc[i].lower_ if 0 <= i < len(doc) else "<s>"
        features.append(f"w{offset}={word}")
        if offset in (-1, 1):
            features.append(f"lw{offset}={lemma}|{word}")
    if token.ent_type_:
        features.append(f"ent={token.ent_type_}")
    features.extend(_children_features(token))
    for feature in shared:
        features.append(feature)
        features.append(f"{feature}|{lemma}")
    return features


def feature_ids(features: Sequence[str], buckets: int) -> IntArray:
    """Stable bucket indices (CRC-32 of each feature) for a list of features."""
    ids = {zlib.crc32(f.encode("utf-8")) % buckets for f in features}
    return np.fromiter(sorted(ids), dtype=np.int64, count=len(ids))


def sentence_rows(
    tokens: Sequence[Any], buckets: int, sent: Any = None, table: DocTable | None = None
) -> tuple[IntArray, IntArray]:
    """The bucket ids of every token's features in one pass over a sentence (``sent``, else the
    first token's): (ids, starts), the ids of token ``k`` being ``ids[starts[k]:starts[k + 1]]``,
    each token's ids distinct and sorted, as :func:`feature_ids` gives them. ``table``: the
    doc's :class:`DocTable`, if already built (else built here)."""
    if not tokens:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    sent = tokens[0].sent if sent is None else sent
    table = DocTable.of(sent.doc) if table is None else table
    return table_rows(table, [t.i for t in tokens], buckets, sent.start, sent.end)


def table_rows(
    table: DocTable, indices: Sequence[int], buckets: int, start: int, end: int
) -> tuple[IntArray, IntArray]:
    """:func:`sentence_rows` of the tokens at ``indices`` of the sentence ``start:end``."""
    if not indices:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    text = table.text
    shared = ["quote"] if any(text[k] in QUOTE_TOKENS for k in range(start, end)) else []
    features: list[str] = []
    lengths: list[int] = []
    for i in indices:
        own = table_features(table, i, shared)
        features.extend(own)
        lengths.append(len(own))
    hashed = np.fromiter(map(zlib.crc32, map(str.encode, features)), np.int64, len(features))
    rows = np.repeat(np.arange(len(indices), dtype=np.int64), lengths)
    keyed = np.unique(rows * buckets + hashed % buckets)  # sorted by token, then id; distinct
    starts = np.searchsorted(keyed // buckets, np.arange(len(indices), dtype=np.int64))
    return keyed % buckets, starts


@dataclass(frozen=True, slots=True)
class DocTable:
    """The token attributes the features read, for a whole doc at once (Python lists by token
    index, from one ``Doc.to_array``), so that a sentence's features are built without a spaCy
    ``Token`` per look-up. :func:`table_features` gives what :func:`token_features` gives."""

    doc: Any
    text: list[str]
    lower: list[str]  # the LOWER attribute (the words around a token)
    text_lower: list[str]  # the text, lower-cased in Python (the ``w=`` feature)
    lemma: list[str]  # lower-cased lemmas
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent: list[str]
    alpha: list[bool]
    head: list[int]
    children: list[list[int]]
    lower_key: npt.NDArray[np.uint64]  # spaCy's string hashes of LOWER and LEMMA (word vectors)
    lemma_key: npt.NDArray[np.uint64]
    parts: IntArray  # (tokens, 3): each token's word-vector parts (:func:`vector_parts`)

    @classmethod
    def of(cls, doc: Any) -> DocTable:
        from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_ALPHA, LEMMA, LOWER, ORTH, POS, TAG

        n = len(doc)
        array = doc.to_array([ORTH, LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, IS_ALPHA, HEAD])
        strings = doc.vocab.strings
        text, text_lower = _strings(array[:, 0], strings, lowered=True)
        lemma = _strings(array[:, 2], strings, lowered=True)[1]
        lower, pos, tag, dep, ent = (_strings(array[:, k], strings)[0] for k in (1, 3, 4, 5, 6))
        head = (np.arange(n, dtype=np.int64) + array[:, 8].astype(np.int64)).tolist()
        children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(head):
            if h != i:
                children[h].append(i)
        alpha = array[:, 7].astype(bool).tolist()
        keys = array[:, 1:3].astype(np.uint64)
        parts = vector_parts(head, dep)
        return cls(
            doc, text, lower, text_lower, lemma, pos, tag, dep, ent, alpha, head, children,
            keys[:, 0].copy(), keys[:, 1].copy(), parts,
        )  # fmt: skip

    def candidate(self, i: int) -> bool:
        """:func:`is_candidate` of token ``i``."""
        if not (self.alpha[i] and len(self.text[i]) > 1):
            return False
        pos = self.pos[i]
        return pos in CANDIDATE_POS or (pos == "ADJ" and self.dep[i] in _PREDICATE_ADJ_DEPS)


def _strings(column: Any, strings: Any, *, lowered: bool = False) -> tuple[list[str], list[str]]:
    """The strings of a column of hashes (each distinct hash looked up once), and, with
    ``lowered``, the same lower-cased (else an empty list)."""
    unique, inverse = np.unique(column, return_inverse=True)
    inverse = inverse.reshape(-1)
    names = [strings[int(h)] for h in unique.tolist()]
    found: list[str] = np.array(names, dtype=object)[inverse].tolist()
    if not lowered:
        return found, []
    lower: list[str] = np.array([x.lower() for x in names], dtype=object)[inverse].tolist()
    return found, lower


def _table_actor(t: DocTable, i: int) -> str:
    """:func:`_actor` of token ``i``."""
    if t.ent[i] in _ACTOR_ENTS:
        return "A"
    for c in t.children[i]:
        if t.dep[c] in ("compound", "amod", "poss", "nmod") and t.ent[c] in _ACTOR_ENTS:
            return "A"
    return "-"


def _table_children(t: DocTable, i: int, lemma: str, out: list[str]) -> None:
    """:func:`_children_features` of token ``i``, appended to ``out``."""
    append = out.append
    for c in t.children[i]:
        dep = t.dep[c]
        if dep == "prep":
            prep = t.lemma[c]
            append(f"pp={prep}")
            append(f"lpp={lemma}|{prep}")
            for obj in t.children[c]:
                if t.dep[obj] == "pobj":
                    obj_lemma = t.lemma[obj]
                    append(f"ppo={prep}|{obj_lemma}")
                    append(f"lppo={lemma}|{prep}|{obj_lemma}")
                    append(f"ppa={prep}|{_table_actor(t, obj)}")
        elif dep in _CHILD_DEPS:
            child_lemma = t.lemma[c]
            append(f"c={dep}|{child_lemma}")
            append(f"cd={dep}")
            if t.ent[c]:
                append(f"ce={dep}|{t.ent[c]}")
            if dep in ("nsubj", "nsubjpass", "dobj", "poss", "compound", "agent"):
                append(f"ca={dep}|{_table_actor(t, c)}")
            if dep in ("dobj", "prt", "nsubjpass", "acomp", "oprd"):
                append(f"lc={lemma}|{dep}|{child_lemma}")
            if dep in ("aux", "auxpass") and child_lemma in _MODALS:
                append(f"modal={child_lemma}")
                append(f"ml={child_lemma}|{lemma}")
            elif dep == "neg":
                append(f"nl={lemma}")
        elif dep == "mark" and t.lower[c] in _CONDITIONS:
            append("cond")


def _table_head(t: DocTable, i: int, lemma: str, out: list[str]) -> None:
    """:func:`_head_features` of token ``i``, appended to ``out``."""
    head = t.head[i]
    if head == i:
        out.append("root")
        return
    dep, head_lemma = t.dep[i], t.lemma[head]
    above = t.lemma[t.head[head]]
    out.append(f"hd={head_lemma}|{dep}")
    out.append(f"hp={t.pos[head]}")
    out.append(f"hh={above}")
    if dep == "pobj":
        out.append(f"gv={above}|{head_lemma}")
        out.append(f"gvl={above}|{head_lemma}|{lemma}")
    elif dep in ("dobj", "nsubj", "nsubjpass", "attr", "xcomp", "ccomp", "amod", "acomp", "oprd"):
        out.append(f"hl={head_lemma}|{dep}|{lemma}")
    if dep in ("xcomp", "dobj", "ccomp") and any(t.dep[c] == "neg" for c in t.children[head]):
        out.append("headneg")


def table_features(t: DocTable, i: int, shared: Sequence[str] = ()) -> list[str]:
    """:func:`token_features` of token ``i`` of the table's doc (the same strings in the same
    order), read from the table."""
    lemma, lower, pos, dep = t.lemma[i], t.text_lower[i], t.pos[i], t.dep[i]
    out = [
        "bias", f"l={lemma}", f"w={lower}", f"p={pos}", f"t={t.tag[i]}", f"d={dep}",
        f"ld={lemma}|{dep}", f"lp={lemma}|{pos}", f"s3={lower[-3:]}", f"s4={lower[-4:]}",
    ]  # fmt: skip
    _table_head(t, i, lemma, out)
    n, words = len(t.lower), t.lower
    before2 = words[i - 2] if i >= 2 else "<s>"
    before = words[i - 1] if i >= 1 else "<s>"
    after = words[i + 1] if i + 1 < n else "<s>"
    after2 = words[i + 2] if i + 2 < n else "<s>"
    out.append(f"w-2={before2}")
    out.append(f"w-1={before}")
    out.append(f"lw-1={lemma}|{before}")
    out.append(f"w1={after}")
    out.append(f"lw1={lemma}|{after}")
    out.append(f"w2={after2}")
    if t.ent[i]:
        out.append(f"ent={t.ent[i]}")
    _table_children(t, i, lemma, out)
    for feature in shared:
        out.append(feature)
        out.append(f"{feature}|{lemma}")
    return out


@dataclass(frozen=True)
class TriggerModel:
    """Weights, biases, per-type calibration and thresholds of the trigger detector."""

    labels: tuple[str, ...]
    weights: FloatArray  # (buckets, labels)
    bias: FloatArray  # (labels,)
    calibration: FloatArray  # (labels, 2): Platt scaling a * score + b
    thresholds: FloatArray  # (labels,)
    meta: dict[str, Any]
    vectors: VectorScores | None = None  # the word-vector layer (:mod:`.trigger_vectors`)

    @property
    def buckets(self) -> int:
        return int(self.weights.shape[0])

    def scores(self, ids: Sequence[IntArray]) -> FloatArray:
        """Raw (uncalibrated) scores, one row per candidate."""
        if not ids:
            return np.empty((0, len(self.labels)), dtype=np.float32)
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        if not lengths.all():  # reduceat needs a feature in every row
            out = np.empty((len(ids), len(self.labels)), dtype=np.float32)
            for row, idx in enumerate(ids):
                out[row] = self.weights[idx].sum(axis=0, dtype=np.float32) + self.bias
            return out
        starts = np.zeros(len(ids), dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        summed = np.add.reduceat(self.weights[np.concatenate(ids)], starts, axis=0)
        scores: FloatArray = (summed + self.bias).astype(np.float32, copy=False)
        return scores

    def row_scores(self, ids: IntArray, starts: IntArray) -> FloatArray:
        """Raw scores of rows given as one id array and each row's start (every row holds at
        least one id: the ``bias`` feature)."""
        summed = np.add.reduceat(self.weights[ids], starts, axis=0)
        scores: FloatArray = (summed + self.bias).astype(np.float32, copy=False)
        return scores

    def table_scores(
        self,
        table: DocTable,
        indices: Sequence[int],
        ids: IntArray,
        starts: IntArray,
        token_rows: npt.NDArray[np.int32] | None = None,
    ) -> FloatArray:
        """Raw scores of the candidates ``indices`` of a doc table whose hashed features are
        ``ids``/``starts`` (:func:`table_rows`): the parse features plus the word vectors
        (``token_rows``: the table's vector rows, :meth:`WordRows.token_rows`, if looked up)."""
        raw = self.row_scores(ids, starts)
        if self.vectors is not None:
            raw += self.vectors.scores(table, indices, token_rows)
        return raw

    def calibrated(self, raw: FloatArray) -> FloatArray:
        """Calibrated probabilities of raw scores."""
        return platt(raw, self.calibration)

    def probabilities(self, ids: Sequence[IntArray]) -> FloatArray:
        """Calibrated probability of each type, one row per candidate."""
        return self.calibrated(self.scores(ids))

    def save(self, path: Path) -> None:
        vectors: dict[str, Any] = {}
        if self.vectors is not None:
            vectors = {
                "vector_keys": self.vectors.words.keys, "vector_rows": self.vectors.words.rows,
                "vector_table": self.vectors.table.astype(np.float16),
            }  # fmt: skip
        np.savez_compressed(
            path,
            **vectors,
            weights=self.weights.astype(np.float16),
            bias=self.bias,
            calibration=self.calibration,
            thresholds=self.thresholds,
            labels=np.array(self.labels),
            meta=np.array(json.dumps(self.meta)),
        )

    @classmethod
    def load(cls, path: Path) -> TriggerModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(
                    labels=tuple(str(x) for x in data["labels"]),
                    weights=data["weights"].astype(np.float32),
                    bias=data["bias"].astype(np.float32),
                    calibration=data["calibration"].astype(np.float32),
                    thresholds=data["thresholds"].astype(np.float32),
                    meta=json.loads(str(data["meta"])),
                    vectors=_vectors(data),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ModelNotFoundError(
                f"cannot read the trigger model {path}: {exc}; rebuild it with `make train`"
            ) from exc


def _vectors(data: Mapping[str, Any]) -> VectorScores | None:
    """The vector layer of a saved model, if it has one."""
    if "vector_table" not in data:
        return None
    table = data["vector_table"].astype(np.float32)
    rows = data["vector_rows"].astype(np.int32)
    words = WordRows(data["vector_keys"].astype(np.uint64), rows, table.shape[1] - 1)
    return VectorScores(words, table)


def platt(raw: FloatArray, calibration: FloatArray) -> FloatArray:
    """Probabilities of raw scores under per-type Platt scaling ``(a, b)``: sigmoid(a * s + b)."""
    z = raw * calibration[:, 0] + calibration[:, 1]
    probs: FloatArray = (1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))).astype(np.float32)
    return probs


def trigger_model_file(path: Path) -> TriggerModel:
    """A trigger model of one's own (``[eventwire.stage.events] model``; a relative path is
    read from the working directory)."""
    if not path.is_file():
        raise ModelNotFoundError(
            f"stage.events.model: no trigger model file at {path} (absolute: {path.absolute()}); "
            "write one with `make train` or training/train_triggers.py --out, or leave `model` "
            "empty for the model shipped in the package"
        )
    return TriggerModel.load(path)


@cache
def builtin_trigger_model() -> TriggerModel:
    """The trigger model shipped in the package (``eventwire/data/trigger_model.npz``)."""
    ref = resources.files("eventwire") / "data" / MODEL_FILE
    with resources.as_file(ref) as path:
        if not path.is_file():
            raise ModelNotFoundError(
                f"the trigger model {MODEL_FILE} is missing from the package; run `make train`"
            )
        return TriggerModel.load(path)
