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
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from eventwire.errors import ModelNotFoundError

#: Parts of speech a trigger can have (event nouns and verbs).
CANDIDATE_POS: Final = frozenset({"VERB", "NOUN"})
_CHILD_DEPS: Final = frozenset(
    {"dobj", "nsubj", "nsubjpass", "prt", "aux", "auxpass", "neg", "xcomp", "ccomp", "attr",
     "acomp", "agent", "compound", "amod", "poss", "dative", "advmod", "pobj", "nmod"}
)  # fmt: skip
_MODALS: Final = frozenset({"will", "would", "may", "might", "could", "should", "must", "can"})
MODEL_FILE: Final = "trigger_model.npz"

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


def is_candidate(token: Any) -> bool:
    """Verbs and nouns made of letters can be triggers."""
    return bool(token.pos_ in CANDIDATE_POS and token.is_alpha and len(token.text) > 1)


def _lemma(token: Any) -> str:
    return str(token.lemma_).lower()


def _children_features(token: Any) -> Iterator[str]:
    for child in token.children:
        dep = child.dep_
        if dep == "prep":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            yield f"pp={_lemma(child)}"
            for obj in objects:
                yield f"ppo={_lemma(child)}|{_lemma(obj)}"
                yield f"lppo={_lemma(token)}|{_lemma(child)}|{_lemma(obj)}"
            yield f"lpp={_lemma(token)}|{_lemma(child)}"
        elif dep in _CHILD_DEPS:
            yield f"c={dep}|{_lemma(child)}"
            yield f"cd={dep}"
            if child.ent_type_:
                yield f"ce={dep}|{child.ent_type_}"
            if dep in ("dobj", "prt", "nsubjpass"):
                yield f"lc={_lemma(token)}|{dep}|{_lemma(child)}"
            if dep in ("aux", "auxpass") and _lemma(child) in _MODALS:
                yield f"modal={_lemma(child)}"


def token_features(token: Any) -> list[str]:
    """The hashed model's raw features for one candidate token (strings, before hashing)."""
    lemma, head = _lemma(token), token.head
    lower = str(token.text).lower()
    features = [
        "bias",
        f"l={lemma}",
        f"w={lower}",
        f"p={token.pos_}",
        f"t={token.tag_}",
        f"d={token.dep_}",
        f"ld={lemma}|{token.dep_}",
        f"lp={lemma}|{token.pos_}",
        f"s3={lower[-3:]}",
        f"s4={lower[-4:]}",
        f"hd={_lemma(head)}|{token.dep_}",
        f"hp={head.pos_}",
        f"hh={_lemma(head.head)}" if head.i != token.i else "root",
    ]
    doc = token.doc
    for offset in (-2, -1, 1, 2):
        i = token.i + offset
        word = doc[i].lower_ if 0 <= i < len(doc) else "<s>"
        features.append(f"w{offset}={word}")
        if offset in (-1, 1):
            features.append(f"lw{offset}={lemma}|{word}")
    if token.ent_type_:
        features.append(f"ent={token.ent_type_}")
    features.extend(_children_features(token))
    return features


def feature_ids(features: Sequence[str], buckets: int) -> IntArray:
    """Stable bucket indices (CRC-32 of each feature) for a list of features."""
    ids = {zlib.crc32(f.encode("utf-8")) % buckets for f in features}
    return np.fromiter(sorted(ids), dtype=np.int64, count=len(ids))


@dataclass(frozen=True)
class TriggerModel:
    """Weights, biases, per-type calibration and thresholds of the trigger detector."""

    labels: tuple[str, ...]
    weights: FloatArray  # (buckets, labels)
    bias: FloatArray  # (labels,)
    calibration: FloatArray  # (labels, 2): Platt scaling a * score + b
    thresholds: FloatArray  # (labels,)
    meta: dict[str, Any]

    @property
    def buckets(self) -> int:
        return int(self.weights.shape[0])

    def scores(self, ids: Sequence[IntArray]) -> FloatArray:
        """Raw (uncalibrated) scores, one row per candidate."""
        out = np.empty((len(ids), len(self.labels)), dtype=np.float32)
        for row, idx in enumerate(ids):
            out[row] = self.weights[idx].sum(axis=0, dtype=np.float32) + self.bias
        return out

    def probabilities(self, ids: Sequence[IntArray]) -> FloatArray:
        """Calibrated probability of each type, one row per candidate."""
        raw = self.scores(ids)
        z = raw * self.calibration[:, 0] + self.calibration[:, 1]
        probs: FloatArray = (1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))).astype(np.float32)
        return probs

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
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
                )
        except (OSError, KeyError, ValueError) as exc:
            raise ModelNotFoundError(
                f"cannot read the trigger model {path}: {exc}; rebuild it with `make train`"
            ) from exc


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
