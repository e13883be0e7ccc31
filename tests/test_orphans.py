"""Pool workers end when their parent is killed (else they would hold its pipes forever)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

SCRIPT = """
import multiprocessing, os, sys
from concurrent.futures import ProcessPoolExecutor
from eventwire.orphans import exit_with_parent

if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=exit_with_parent, initargs=(os.getpid(),))
    print(pool.submit(os.getpid).result(), flush=True)
    os._exit(0)  # like SIGKILL: no pool shutdown
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split()[2] != "Z"


def test_worker_exits_after_its_parent_dies() -> None:
    parent = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, check=True
    )
    worker = int(parent.stdout.strip())
    deadline = time.monotonic() + 10
    while _alive(worker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(worker)


def test_worker_whose_parent_died_before_it_started_still_exits() -> None:
    # Regression: the watcher read its parent's pid itself, so a worker still starting when the
    # run was killed took init for its parent and lived on, holding the run's stderr open.
    worker = (
        "import sys, time\n"
        "from eventwire.orphans import exit_with_parent\n"
        "time.sleep(2)  # still starting up when its parent is killed\n"
        "exit_with_parent(int(sys.argv[1]))\n"
        "time.sleep(30)\n"
    )
    parent = (
        "import os, subprocess, sys, time\n"
        f"child = subprocess.Popen([sys.executable, '-c', {worker!r}, str(os.getpid())])\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(30)\n"
    )
    middle = subprocess.Popen([sys.executable, "-c", parent], stdout=subprocess.PIPE, text=True)
    assert middle.stdout is not None
    pid = int(middle.stdout.readline())
    middle.kill()  # before the worker ran its initializer
    middle.communicate()
    deadline = time.monotonic() + 15
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(pid)
