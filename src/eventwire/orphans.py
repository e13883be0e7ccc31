"""Worker processes end when the process that started them dies (even by SIGKILL).

A pool worker waits on its task queue forever if its parent is killed, and keeps holding the
parent's stdout/stderr open. Each worker runs :func:`exit_with_parent` as its initializer: a
daemon thread notices the parent is gone and ends the worker.
"""

from __future__ import annotations

import os
import threading
import time

POLL_SECONDS = 0.5


def exit_with_parent(parent: int) -> None:
    """Pool initializer: end this process soon after process ``parent`` disappears.

    Pass the parent's pid from the parent (``initargs=(os.getpid(),)``): a worker whose parent
    died while it was still starting would otherwise take its new parent (init) for the real one.
    """
    thread = threading.Thread(target=_watch, args=(parent,), name="exit-with-parent", daemon=True)
    thread.start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(POLL_SECONDS)
    os._exit(1)  # the parent is gone: no one will collect our results
