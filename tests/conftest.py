"""Shared fixtures. Articles here are short wire-style stories written for these tests."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import hypothesis
import pytest
import uvicorn
from fastapi import FastAPI

from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.runner import process_items
from eventwire.settings import Settings
from eventwire.store.database import Store
from eventwire.web import ServeSettings, create_app

# Tests never write into the checkout: no example database under .hypothesis/.
hypothesis.settings.register_profile("eventwire", database=None)
hypothesis.settings.load_profile("eventwire")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

PAPER_STORY = """Envoy to urge council to back ceasefire, a plan already rejected by Ruritania

The United States on Friday stepped up pressure on Russia, as US diplomats left the embassy in Moscow and Germany vowed to support its allies.

US Secretary of State Mary Lane on Saturday will urge members of the United Nations Security Council to recognise opposition leader Ana Torres as Bolivia’s interim president.

Russia has accused Washington of backing a coup. Bolivian President Luis Ortega thanked Lane for raising the issue.

“I was about to ask for a debate myself,” Ortega said. “Thanks, Mary … We will tell the truth.”

In a speech on Wednesday, Ortega broke off diplomatic relations with Washington and ordered the US personnel out within 72 hours.

.

Leave a Reply

Your email address will not be published. Required fields are marked *
"""


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(batch_size=8)


@pytest.fixture(scope="session")
def pipeline(settings: Settings) -> Pipeline:
    """The full pipeline, built once per test session (loading spaCy takes a second)."""
    return Pipeline(settings)


@pytest.fixture(scope="session")
def process(pipeline: Pipeline) -> Callable[..., Article]:
    """Run one text through the pipeline: ``process(text, date=..., title=...)``."""

    def run(text: str, *, date: dt.date | None = None, title: str | None = None) -> Article:
        article = Article(text=text, date=date, title=title)
        (result,) = pipeline.process_batch([article])
        return result

    return run


@pytest.fixture(scope="session")
def parsed(pipeline: Pipeline) -> Callable[..., Article]:
    """One text through the stages up to ``actors``, its parse kept (``process`` drops it)."""

    def run(text: str, *, date: dt.date | None = None) -> Article:
        article = Article(text=text, date=date)
        for stage in pipeline.stages:
            if stage.name not in ("normalise", "metadata", "nlp", "actors"):
                break
            article = stage.run(article)
        return article

    return run


#: (source code, CAMEO code, target code) of each event that is not negated.
Coded = list[tuple[str | None, str, str | None]]


@pytest.fixture(scope="session")
def coded(process: Callable[..., Article]) -> Callable[[str], Coded]:
    """Code one text and list its non-negated events as (source, CAMEO, target) codes."""

    def run(text: str) -> Coded:
        return [
            (e.source.code if e.source else None, e.type.cameo, e.target.code if e.target else None)
            for e in process(text).events
            if not e.negated
        ]

    return run


@pytest.fixture(scope="session")
def paper_story(process: Callable[..., Article]) -> Article:
    """A processed story in the shape of the Venezuela wire (invented names)."""
    title = PAPER_STORY.split("\n", 1)[0]
    return process(PAPER_STORY, date=dt.date(2019, 1, 26), title=title)


@pytest.fixture()
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


def _stored_bytes(db: Path) -> int:
    wal = db.with_name(db.name + ".wal")
    return sum(p.stat().st_size for p in (db, wal) if p.exists())


def _kill_mid_run(process: subprocess.Popen[bytes], db: Path) -> None:
    """Wait until some batches of a run are stored in ``db``, then SIGKILL the run (only it,
    as a user would) and reap it; its worker processes must end by themselves."""
    deadline = time.monotonic() + 120
    baseline = None
    while time.monotonic() < deadline and process.poll() is None:
        size = _stored_bytes(db)
        baseline = baseline or (size or None)
        if baseline and size > baseline + 50_000:  # some batches are in
            break
        time.sleep(0.1)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)


@pytest.fixture()
def kill_mid_run() -> Callable[[subprocess.Popen[bytes], Path], None]:
    """``kill_mid_run(process, db)``: SIGKILL an `eventwire run` once it has stored something."""
    return _kill_mid_run


# -- web: a small database built from invented wire stories, and servers over it ----------
SLASH_ID = "https://news.example.org/2024/06/15/envoy?ref=rss#top"
WEB_STORIES = [
    Article(
        external_id="web-1",
        title="Ruritania expels Freedonian diplomat",
        date=dt.date(2024, 6, 8),
        source="Test Wire",
        url="https://example.org/web-1",
        text=(
            "Ruritania expels Freedonian diplomat\n\n"
            "Serbia on Friday expelled a senior Croatian diplomat and accused Zagreb of spying, "
            "the foreign ministry said in Belgrade.\n\n"
            "“We will not tolerate this,” Foreign Minister Petar Ilic told reporters."
        ),
    ),
    Article(
        external_id="web-2",
        title="Leaders sign trade deal",
        date=dt.date(2024, 6, 12),
        source="Test Wire",
        text=(
            "Leaders sign trade deal\n\n"
            "Kenyan President Daniel Mwangi met Ethiopian Prime Minister Abebe Tadesse in Nairobi "
            "on Tuesday.\n\n"
            "The European Union called on Kenya and Ethiopia to open their markets."
        ),
    ),
    Article(
        external_id="web-evil",
        title="<script>window.__pwned = 1</script>",
        date=dt.date(2024, 6, 14),
        source="Test Wire",
        text=(
            "<script>window.__pwned = 1</script> Police arrest protesters\n\n"
            "Nigerian police on Saturday arrested dozens of protesters in Lagos "
            '<img src=x onerror="window.__pwned = 2">.\n\n'
            "Amnesty International urged the Nigerian government to release them."
        ),
    ),
    # Issue 17: a URL-style id, one expulsion told three times, a negated and a hypothetical event.
    Article(
        external_id=SLASH_ID,
        title="Serbia expelled Croatian envoy over spying",
        date=dt.date(2024, 6, 15),
        source="Test Wire",
        url=SLASH_ID,
        text=(
            "Serbia expelled Croatian envoy over spying\n\n"
            "Serbia on Wednesday expelled a Croatian envoy, the foreign ministry said.\n\n"
            "The ministry said Serbia expelled the Croatian envoy because of spying.\n\n"
            "Serbia expelled the Croatian envoy after a border incident, officials said.\n\n"
            "Croatia did not expel any Serbian diplomats in response. Croatia might sanction Serbia."
        ),
    ),
    # Issue 17: events dated by a year, a month, a season and a week only.
    Article(
        external_id="web-coarse",
        title="Sanctions and arrests",
        date=dt.date(2024, 6, 15),
        source="Test Wire",
        text=(
            "Sanctions and arrests\n\n"
            "The United States has sanctioned Iranian banks since 2019, the Treasury said on "
            "Thursday.\n\n"
            "In March 2023, Serbia expelled a Croatian diplomat.\n\n"
            "Last summer, Kenyan police arrested dozens of protesters in Nairobi.\n\n"
            "Last week, Japan accused North Korea of firing a missile."
        ),
    ),
]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.duckdb"
    with Store(path) as store:
        summary = process_items(WEB_STORIES, pipeline=pipeline, store=store)
    assert summary.errors == [] and summary.events > 0
    return path


@pytest.fixture()
def app(web_db: Path) -> Iterator[FastAPI]:
    yield create_app(ServeSettings(db_path=web_db))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerThread:
    """uvicorn on 127.0.0.1 and a free port, in a background thread."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def web_server(web_db: Path) -> Iterator[ServerThread]:
    with ServerThread(create_app(ServeSettings(db_path=web_db))) as server:
        yield server


@pytest.fixture(scope="session")
def server_thread() -> type[ServerThread]:
    """The class, for tests that serve an app of their own: ``with server_thread(app) as s``."""
    return ServerThread


# --- hand-built parses: unit tests of NLP stages without a statistical model ---------------------

#: (word, head index, dep, pos, tag, lemma) for each token of a hand-built parse.
HandRow = tuple[str, int, str, str, str, str]


@pytest.fixture(scope="session")
def hand_doc() -> Callable[[list[HandRow]], object]:
    """Build a spaCy ``Doc`` from rows of (word, head, dep, pos, tag, lemma)."""
    import spacy
    from spacy.tokens import Doc

    vocab = spacy.blank("en").vocab

    def build(rows: list[HandRow]) -> Doc:
        words, heads, deps, pos, tags, lemmas = map(list, zip(*rows, strict=True))
        return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas)

    return build


@pytest.fixture(scope="session")
def hand_context() -> Callable[..., object]:
    """A sentence context over a whole hand-built doc, with actor mentions over token ranges
    ``[(start, end, code), ...]`` (article id ``a1``)."""
    from eventwire.context import SentenceContext
    from eventwire.model import Actor, Mention, Sentence, Span

    def build(doc: object, mentions: list[tuple[int, int, str]]) -> SentenceContext:
        text: str = doc.text  # type: ignore[attr-defined]
        found = []
        for start, end, code in mentions:
            last = doc[end - 1]  # type: ignore[index]
            chars = Span(doc[start].idx, last.idx + len(last.text))  # type: ignore[index]
            found.append(Mention(chars, chars.text_of(text), 0, Actor(code, code), "test", 1.0))
        sent = doc[:]  # type: ignore[index]
        context = SentenceContext.of(Sentence(0, Span(0, len(text)), 0), sent, 0)
        context = context.with_mentions(found)
        return SentenceContext(
            context.record, context.sent, 0, context.tokens_by_start, context.mentions, "a1"
        )

    return build


# --- hand-made trigger models: the learned coder without a trained model --------------------


@pytest.fixture(scope="session")
def lemma_model() -> Callable[..., object]:
    """A trigger model over the types ASSAULT and COERCE (4,096 buckets) that gives each lemma
    of ``words`` its type (feature ``l=<lemma>``, score ``weight - 3``) and nothing else."""
    import numpy as np

    from eventwire.events.triggers import TriggerModel, feature_ids

    labels = ("ASSAULT", "COERCE")

    def build(words: dict[str, str], weight: float = 6.0) -> TriggerModel:
        w = np.zeros((1 << 12, len(labels)), dtype=np.float32)
        for lemma, kind in words.items():
            (bucket,) = feature_ids([f"l={lemma}"], 1 << 12)
            w[bucket, labels.index(kind)] = weight
        return TriggerModel(
            labels=labels,
            weights=w,
            bias=np.full(len(labels), -3.0, dtype=np.float32),
            calibration=np.tile(np.array([1.0, 0.0], dtype=np.float32), (len(labels), 1)),
            thresholds=np.array([0.5, 0.5], dtype=np.float32),
            meta={"test": True},
        )

    return build


# --- the training scripts (training/ is no package): loaded from their files ------------------


@pytest.fixture(scope="session")
def training_module() -> Callable[[str], object]:
    """Load ``training/<name>.py`` as a module (once per name in a session)."""
    import importlib.util
    import sys

    folder = Path(__file__).resolve().parents[1] / "training"
    loaded: dict[str, object] = {}

    def load(name: str) -> object:
        if name not in loaded:
            spec = importlib.util.spec_from_file_location(
                f"eventwire_training_{name}", folder / f"{name}.py"
            )
            assert spec is not None and spec.loader is not None
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module  # dataclasses look their module up while built
            spec.loader.exec_module(module)
            loaded[name] = module
        return loaded[name]

    return load
