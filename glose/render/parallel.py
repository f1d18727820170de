"""Rendering on several cores.

Workers are started with the "forkserver" method (or "spawn" where it does not exist), never
by forking this process: `serve` and the tests run threads, and a fork copies a thread's locks
without the thread (Python 3.12+ warns about it; 3.14 makes forkserver the default). So what
the workers need travels by pickle: the shared context (the entries and articles every page
may name) once per worker, then the items in a few slices per worker. Below MIN_ITEMS items,
or with one job, the work is done in this process: starting workers would cost more than it
saves. Measured figures: bench/README.md.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from typing import Any

MIN_ITEMS = 200
"""Fewer items than this are handled in this process."""
CHUNKS_PER_JOB = 4
"""Slices per worker: small enough to even out slow slices, few enough to keep messages rare."""

_worker_task: tuple[Callable, tuple] | None = None
"""In a worker process only: the function and the shared context it was started with."""


def default_jobs() -> int:
    """One job per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def parallel_map(function: Callable[..., Any], items: Sequence, jobs: int, shared: tuple = (),
                 minimum: int = MIN_ITEMS) -> list:
    """[function(*shared, item) for item in items], split over `jobs` worker processes when
    that pays (from `minimum` items on). `function` must be a module-level function, and
    `shared`, the items and the results picklable. Order is kept."""
    if jobs <= 1 or len(items) < minimum:
        return [function(*shared, item) for item in items]
    context = multiprocessing.get_context(_start_method())
    if isinstance(context, multiprocessing.context.ForkServerContext):
        # The fork server imports these once for every worker. Its default is the main
        # script, which it would run again when that script has no __main__ guard (a build
        # started from such a script would then wait for its own lock).
        context.set_forkserver_preload(["glose.render"])
    slices = [items[start:end] for start, end in _slices(len(items), jobs * CHUNKS_PER_JOB)]
    with context.Pool(jobs, initializer=_start_worker, initargs=(function, shared)) as pool:
        parts = pool.map(_run_slice, slices)
    return [result for part in parts for result in part]


def _start_method() -> str:
    """forkserver where the platform has it (Linux, macOS), else spawn (Windows)."""
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _start_worker(function: Callable, shared: tuple) -> None:
    """In a new worker: keep the task, and leave Ctrl-C and kill to the parent, which stops
    the pool and cleans up (build.py turns SIGTERM into KeyboardInterrupt; a worker would
    print a traceback)."""
    global _worker_task
    _worker_task = (function, shared)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _run_slice(items: Sequence) -> list:
    """In a worker: the task's function on one slice of the items."""
    assert _worker_task is not None, "a worker runs slices only after _start_worker"
    function, shared = _worker_task
    return [function(*shared, item) for item in items]


def _slices(count: int, parts: int) -> list[tuple[int, int]]:
    """`parts` contiguous (start, end) ranges covering range(count), sizes differing by one at most."""
    parts = max(1, min(parts, count))
    size, extra = divmod(count, parts)
    bounds, start = [], 0
    for i in range(parts):
        end = start + size + (i < extra)
        bounds.append((start, end))
        start = end
    return bounds
