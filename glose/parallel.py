"""Work on several cores, by forks of this process: rendering the pages and reading the sources
of a build from nothing (read/); the processes that each run one call (the search index's,
MkDocs') are workers.py's.

On Linux, in a process that runs one thread (`build.py build`, `check`), the workers are
forks of this process: they already hold the items and the shared context, and this process
takes slices too; only the results travel back, by pickle. Elsewhere the work is done in
this process: a fork copies the locks of other threads without them (`serve` and the tests
run threads), macOS's system libraries may not survive one (Python has not forked there by
default since 3.8), and Windows has none. Workers from a fork server, which receive
everything by pickle, were measured instead: on two cores, rendering 2,000 articles with
two of them took 1.25 times as long as in this process (bench/render.py, before they were
removed): shipping the texts out and the pages back cost more than the second core saved.

Slices are strided (item i goes to slice i % slices), so each holds the same mix of article
pages, glossary pages and decks (with contiguous slices, the worker given the decks
finished long after the other). Below MIN_ITEMS items, or with one job, the work is done in
this process: starting workers would cost more than it saves. Figures: bench/README.md.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

MIN_ITEMS = 200
"""Fewer items than this are handled in this process."""
CHUNKS_PER_JOB = 8
"""Slices per job: small enough to even out slow slices, few enough to keep messages rare."""

_fork_task: tuple[Callable, tuple, Sequence, Any, int] | None = None
"""During a forked map, in this process and its forks: the function, the shared context,
the items, the counter of slices taken, and the number of slices."""


def default_jobs() -> int:
    """One job per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def parallel_map(function: Callable[..., Any], items: Sequence, jobs: int, shared: tuple = ()) -> list:
    """[function(*shared, item) for item in items], split over this process and `jobs - 1`
    forks of it when that pays (from MIN_ITEMS items on) and is safe (see the module
    docstring). The results must be picklable. Order is kept."""
    if jobs <= 1 or len(items) < MIN_ITEMS or not fork_is_safe():
        return [function(*shared, item) for item in items]
    slices = min(jobs * CHUNKS_PER_JOB, len(items))
    results: list = [None] * len(items)
    for index, part in _forked_map(function, items, jobs, shared, slices):
        results[index::slices] = part
    return results


def fork_is_safe() -> bool:
    """True on Linux in a process that runs one thread (the kernel's count: threads started
    by C libraries included). A thread that Python has just joined (a pool's, shut down)
    may still be leaving the kernel for a moment: when Python runs no other thread, the
    count is looked at again for up to FORK_GRACE seconds."""
    if sys.platform != "linux":
        return False
    deadline = time.monotonic() + FORK_GRACE
    while len(os.listdir("/proc/self/task")) > 1:
        if threading.active_count() > 1 or time.monotonic() > deadline:
            return False
        time.sleep(0.001)
    return True


FORK_GRACE = 0.1
"""How long fork_is_safe waits for joined threads to be gone (measured: right after a pool
shut down, 20 times in 50 its thread was still counted; a C library's threads never go)."""


def _forked_map(function: Callable, items: Sequence, jobs: int, shared: tuple, slices: int) -> list[tuple[int, list]]:
    """(slice index, results) of every strided slice, computed by `jobs - 1` forks of this
    process and by this process, each taking the next slice not taken: a worker slowed by
    other work takes fewer. The first `jobs - 1` slices are left to the forks' first tasks,
    so the forks take part however fast this process goes."""
    global _fork_task
    context = multiprocessing.get_context("fork")
    counter = context.Value("i", jobs - 1)
    _fork_task = (function, shared, items, counter, slices)
    try:
        with ProcessPoolExecutor(jobs - 1, mp_context=context, initializer=_quiet_worker) as pool:
            futures = [pool.submit(_drain, k) for k in range(jobs - 1)]  # forks now: before the pool's thread
            try:
                parts = _drain(None)
            except BaseException:
                with counter.get_lock():  # the workers stop after their current slice
                    counter.value = slices
                raise
            for future in futures:
                parts += future.result()
    finally:
        _fork_task = None
    return parts


def _drain(first: int | None) -> list[tuple[int, list]]:
    """In this process or a fork of it: slice `first` (if any), then each slice not yet taken."""
    assert _fork_task is not None, "_drain runs during a forked map only"
    function, shared, items, counter, slices = _fork_task
    done: list[tuple[int, list]] = []
    index = first
    while True:
        if index is None:
            with counter.get_lock():
                index = counter.value
                counter.value = index + 1
        if index >= slices:
            return done
        done.append((index, [function(*shared, item) for item in items[index::slices]]))
        index = None


def _quiet_worker() -> None:
    """In a worker: leave Ctrl-C and kill to the parent, which stops the pool and cleans up
    (build.py turns SIGTERM into KeyboardInterrupt; a worker would print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
