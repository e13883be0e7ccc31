"""The per-article time budget: a hard stop inside a stage where the process allows it.

:func:`deadline` arms a one-shot ``SIGALRM`` timer around a stage call. When it fires, the
handler raises :class:`Expired` in whatever Python code is running, which the pipeline turns into
an :class:`~eventwire.errors.ArticleTimeoutError` on the article. ``Expired`` derives from
``BaseException`` so that a stage's own ``except Exception`` cannot swallow it.

The timer is only armed where it is safe and possible: in the main thread of a process whose
``SIGALRM`` handler is the default one (not in the web server's worker threads, not under a tool
that uses the alarm itself). Elsewhere :func:`deadline` does nothing and the pipeline's check
between stages is the only limit. A stage stuck in C code that never returns to the interpreter
is not interrupted by the alarm either: worker processes (``--workers``) are ended from outside
for that (:mod:`eventwire.parallel`).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class Expired(BaseException):
    """The alarm went off inside a stage (never escapes the pipeline)."""


def can_interrupt() -> bool:
    """True when :func:`deadline` can arm an alarm in this thread."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    )


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise :class:`Expired` in the code run inside, after ``seconds`` (``<= 0``: no limit)."""
    if seconds <= 0 or not can_interrupt():
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise Expired

    signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
