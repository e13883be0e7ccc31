"""What was reported: the content clause of indirect speech, as a span of the article text.

- "X said (that) C": the clausal complement C of the speech verb, without "that";
- "X said in a statement that C": C parsed as a clause on the statement noun;
- "according to X, C" / "C, according to X": the clause "according to" hangs from, minus it;
- "X quoted Y as saying C": C is the complement of "saying".

A clause is cut before a coordinated or adverbial clause that has its own speech verb ("Ukraine
said A, while Russia said B" gives A and B, not "A, while Russia said B").
"""

from __future__ import annotations

from typing import Any

from eventwire.context import SentenceContext, subtree
from eventwire.model import Span

_MIN_CHARS = 10
_CUT = frozenset({"advcl", "conj", "parataxis", "cc"})


def reported_content(
    cue: Any, view: SentenceContext, reports: frozenset[str], nouns: frozenset[str]
) -> Span | None:
    """The content span reported by ``cue`` (a speech verb or "according"), if any.

    ``nouns``: nouns of a speech act whose that-clause is the content ("in a statement that")."""
    if cue.lower_ == "according":
        return _according_content(cue, view)
    clause = _complement(cue, nouns)
    if clause is None:
        return None
    tokens = [*subtree(clause), *_coordinated(cue, clause, reports)]
    span = _clause_span(clause, tokens, view, excluded=_nested_speech(clause, reports))
    return span if span is not None and span.end - span.start >= _MIN_CHARS else None


def _complement(cue: Any, nouns: frozenset[str]) -> Any | None:
    for child in cue.children:
        if child.dep_ == "ccomp":
            return child
    for prep in (c for c in cue.children if c.dep_ == "prep"):
        for noun in (c for c in prep.children if c.lemma_.lower() in nouns):
            for clause in noun.children:
                if clause.dep_ in ("acl", "relcl") and _has_that(clause):
                    return clause
    return None


def _coordinated(cue: Any, clause: Any, reports: frozenset[str]) -> list[Any]:
    """A clause with its own subject coordinated onto the cue is more content: "said A and B".

    (The parser often hangs B from the speech verb; a second speech verb is reported on its own.)
    """
    tokens: list[Any] = []
    for conj in (c for c in cue.children if c.dep_ == "conj" and c.i > clause.i):
        if _speaks(conj, reports) or not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in conj.children
        ):
            break
        tokens.extend(c for c in cue.children if c.dep_ == "cc" and clause.i < c.i < conj.i)
        tokens.extend(subtree(conj))
    return sorted(tokens, key=lambda t: t.i)


def _has_that(clause: Any) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _nested_speech(clause: Any, reports: frozenset[str]) -> set[int]:
    """Token indices of sub-clauses carrying their own speech verb (reported separately)."""
    excluded: set[int] = set()
    for child in clause.children:
        if child.dep_ in _CUT and _speaks(child, reports):
            excluded.update(t.i for t in subtree(child))
    return excluded


def _speaks(token: Any, reports: frozenset[str]) -> bool:
    return any(t.pos_ == "VERB" and t.lemma_.lower() in reports for t in subtree(token))


def _according_content(according: Any, view: SentenceContext) -> Span | None:
    head = according.head
    while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
        head = head.head
    excluded = {t.i for t in subtree(according)}
    return _clause_span(head, subtree(head), view, excluded=excluded)


def _clause_span(
    clause: Any, tokens: list[Any], view: SentenceContext, *, excluded: set[int]
) -> Span | None:
    """The span of the clause's tokens, trimmed of marks, punctuation and excluded parts.

    When the excluded tokens sit inside the clause, the span keeps the longer side.
    """
    runs = _contiguous_runs(sorted((t for t in tokens if t.i not in excluded), key=lambda t: t.i))
    if not runs:
        return None
    best = max(runs, key=lambda run: (clause.i in {t.i for t in run}, len(run)))
    best = _balanced(_trimmed(best), clause.doc)
    if not best:
        return None
    return Span(view.span_of(best[0]).start, view.span_of(best[-1]).end)


def _contiguous_runs(tokens: list[Any]) -> list[list[Any]]:
    runs: list[list[Any]] = []
    for token in tokens:
        if runs and runs[-1][-1].i == token.i - 1:
            runs[-1].append(token)
        else:
            runs.append([token])
    return runs


def _trimmed(tokens: list[Any]) -> list[Any]:
    start, end = 0, len(tokens)
    while start < end and (tokens[start].is_punct or _is_that(tokens[start])):
        start += 1
    while end > start and (tokens[end - 1].is_punct or tokens[end - 1].dep_ == "cc"):
        end -= 1
    return tokens[start:end]


def _balanced(tokens: list[Any], doc: Any) -> list[Any]:
    """Keep the closing mark of a quote the content opened: ``was “very much alive.”``."""
    if not tokens or sum(_is_mark(t) for t in tokens) % 2 == 0:
        return tokens
    for token in doc[tokens[-1].i + 1 : tokens[-1].i + 3]:
        if _is_mark(token):
            return [*tokens, *doc[tokens[-1].i + 1 : token.i + 1]]
        if not token.is_punct:
            break
    return tokens


def _is_mark(token: Any) -> bool:
    return bool(token.text in ('"', "\u201c", "\u201d"))


def _is_that(token: Any) -> bool:
    return bool(token.dep_ == "mark" and token.lower_ == "that")
