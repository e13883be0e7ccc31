"""Design B for the trigger model: a spaCy tagger with its own tok2vec, trained with spaCy.

Compared with design A (``train_triggers.py``: logistic regression over the parse eventwire has
already made) on the same data and the same sentence-level metric, on one cross-validation fold
of the VOA ``tune`` split (its stories never seen in training):

    python training/compare_spacy_tagger.py --synthetic FILE.jsonl [--epochs 6]

Each token is tagged with the PLOVER type of the labelled trigger it belongs to, or ``O`` (words
of a trigger phrase that are not verbs or nouns, and negated or conditional synthetic triggers,
are ``O`` too: spaCy's tagger takes no missing values from a dict). Prints design B's
sentence-level scores, its training time and its tagging speed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import spacy
from spacy.tokens import Doc
from spacy.training import Example as SpacyExample

import train_triggers as design_a
from eventwire.labelled import load_labelled
from eventwire.settings import Settings

Sentence = tuple[str, tuple[int, int], list[str], list[bool], list[str], list[int]]


def sentences_of(group: str, tokens: Sequence[design_a.LabelledToken]) -> list[Sentence]:
    """(group, sentence span, words, spaces, tags, token offsets) per sentence."""
    by_sentence: dict[tuple[int, int, int], list[design_a.LabelledToken]] = {}
    for lt in tokens:
        key = (id(lt.token.doc), lt.token.sent.start, lt.sentence[0])
        by_sentence.setdefault(key, []).append(lt)
    out: list[Sentence] = []
    for items in by_sentence.values():
        tags: list[str] = []
        for lt in items:
            if lt.types is None:
                tags.append("O")  # spaCy's tagger takes no missing tags from a dict
            elif lt.types:
                tags.append(sorted(lt.types)[0])
            else:
                tags.append("O")
        words = [str(lt.token.text) for lt in items]
        spaces = [bool(lt.token.whitespace_) for lt in items]
        offsets = [lt.offset for lt in items]
        out.append((group, items[0].sentence, words, spaces, tags, offsets))
    return out


def build_sentences(args: argparse.Namespace) -> tuple[list[Sentence], dict[Any, set[str]]]:
    settings = Settings()
    stories = load_labelled(args.labelled, "tune")
    found: list[Sentence] = []
    gold: dict[Any, set[str]] = {}
    for story, article in zip(
        stories, design_a.parse([s.text for s in stories], settings), strict=True
    ):
        spans = [(e.sentence_start, e.sentence_end) for e in story.events]
        for e in story.events:
            gold.setdefault((story.id, (e.sentence_start, e.sentence_end)), set()).add(e.type)
        triggers = [(e.trigger_start, e.trigger_end, e.type) for e in story.events]
        found += sentences_of(story.id, design_a.label_tokens(article, triggers, (), spans))
    lines = [json.loads(x) for x in args.synthetic.read_text(encoding="utf-8").splitlines()]
    lines = lines[: args.synthetic_limit]
    for d, article in zip(lines, design_a.parse([d["text"] for d in lines], settings), strict=True):
        positives, ignored = [], []
        for e in d["events"]:
            if e.get("negated") or e.get("modality") == "conditional":
                ignored.append((e["start"], e["end"]))
            else:
                positives.append((e["start"], e["end"], e["type"]))
        found += sentences_of("synthetic", design_a.label_tokens(article, positives, ignored))
    return found, gold


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", type=Path, required=True)
    parser.add_argument("--synthetic-limit", type=int, default=20000)
    parser.add_argument("--labelled", type=Path, default=design_a.ROOT / "data/labelled/voa")
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--fold", type=int, default=0)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    spacy.util.fix_random_seed(args.seed)
    found, gold = build_sentences(args)
    stories = sorted({g for g, *_ in found if g != "synthetic"})
    random.Random(args.seed).shuffle(stories)
    held = {sid for i, sid in enumerate(stories) if i % design_a.FOLDS == args.fold}
    nlp = spacy.blank("en")
    tagger = nlp.add_pipe("tagger")
    train = []
    for group, _, words, spaces, tags, _ in found:
        if group in held:
            continue
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        train.append(SpacyExample.from_dict(doc, {"tags": tags}))
    for label in (*design_a.LABELS, "O"):
        tagger.add_label(label)
    started = time.perf_counter()
    optimizer = nlp.initialize(lambda: train[:500])
    rng = random.Random(args.seed)
    for epoch in range(args.epochs):
        rng.shuffle(train)
        losses: dict[str, float] = {}
        for batch in spacy.util.minibatch(train, size=32):
            nlp.update(batch, sgd=optimizer, losses=losses)
        print(f"epoch {epoch}: loss {losses.get('tagger', 0):.1f}", file=sys.stderr)
    train_seconds = time.perf_counter() - started
    test = [s for s in found if s[0] in held]
    docs = [Doc(nlp.vocab, words=s[2], spaces=s[3]) for s in test]
    started = time.perf_counter()
    tagged = list(nlp.pipe(docs))
    tag_seconds = time.perf_counter() - started
    predicted: dict[Any, set[str]] = {}
    for (group, span, *_), doc in zip(test, tagged, strict=True):
        kinds = {t.tag_ for t in doc if t.tag_ not in ("O", "")}
        if kinds:
            predicted.setdefault((group, span), set()).update(kinds)
    held_gold = {k: v for k, v in gold.items() if k[0] in held}
    keys = set(held_gold) | set(predicted)
    tp = sum(len(held_gold.get(k, set()) & predicted.get(k, set())) for k in keys)
    n_gold = sum(map(len, held_gold.values()))
    n_pred = sum(map(len, predicted.values()))
    words = sum(len(s[2]) for s in test)
    report = {
        "design": "B: spaCy tagger, own tok2vec",
        "fold": args.fold,
        "held_out_stories": len(held),
        "model_only_sentence_type": design_a._prf((tp, n_gold, n_pred)),
        "train_seconds": round(train_seconds, 1),
        "tagging_words_per_second": round(words / tag_seconds) if tag_seconds else None,
        "probability_note": "tagger softmax per token; no per-type thresholds",
    }
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    np.seterr(over="ignore")
    sys.exit(main())
