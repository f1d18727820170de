"""Work on several cores, by forks of this process: rendering the pages, reading the sources
of a build from nothing (read/), and the workers of the site's search index and shares (site/).

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
from functools import partial
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
    if jobs <= 1 or len(items) < MIN_ITEMS or not _fork_is_safe():
        return [function(*shared, item) for item in items]
    slices = min(jobs * CHUNKS_PER_JOB, len(items))
    results: list = [None] * len(items)
    for index, part in _forked_map(function, items, jobs, shared, slices):
        results[index::slices] = part
    return results


def _fork_is_safe() -> bool:
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
"""How long _fork_is_safe waits for joined threads to be gone (measured: right after a pool
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


def in_workers(function: Callable[..., Any], items: Sequence, shared: tuple = ()) -> list:
    """[function(*shared, item) for item in items], each item in a worker process of its own
    started like a Background's, threads or not: for a few long tasks that take and give
    back little data (the site's shares, which read and write files). `function` must be a
    module-level function, and `shared`, the items and the results picklable."""
    with ProcessPoolExecutor(len(items), mp_context=_context(), initializer=_quiet_worker) as pool:
        return list(pool.map(partial(function, *shared), items))


class Standby:
    """Worker processes forked now, each to run one call later: what `prepare` does in each
    first (importing a library, say) is then out of the way of the call, on a core this
    process leaves idle meanwhile. The workers are forks of this process as it is now, so
    make them early, while it holds little. Only where a fork is safe (_fork_is_safe), and
    for more than one job; elsewhere there are none (len 0): the caller does the work as it
    would have. `close` stops the workers not used."""

    def __init__(self, count: int, prepare: Callable[[], Any] | None = None, prepared: int | None = None):
        """`prepare` runs in the first `prepared` workers (all by default)."""
        self._workers: list[tuple[Any, Any]] = []
        if count < 2 or not _fork_is_safe():
            return
        context = multiprocessing.get_context("fork")
        for number in range(count):
            mine, theirs = context.Pipe()
            first = prepare if prepared is None or number < prepared else None
            process = context.Process(target=_standing_by, args=(theirs, first), daemon=True)
            process.start()
            theirs.close()
            self._workers.append((process, mine))

    def __len__(self) -> int:
        return len(self._workers)

    def run(self, function: Callable[..., Any], calls: Sequence[tuple]) -> list:
        """[function(*args) for args in calls], each call in a worker of its own (at most
        len(self) calls), all at once; raise what a call raised. The workers used are gone
        after. `function` must be a module-level function; arguments and results picklable."""
        if len(calls) > len(self._workers):
            raise ValueError(f"{len(calls)} calls for {len(self._workers)} standing workers")
        used, self._workers = self._workers[:len(calls)], self._workers[len(calls):]
        outcomes = []
        try:
            for (_, connection), args in zip(used, calls):
                connection.send((function, args))
            for _, connection in used:
                try:
                    outcomes.append(connection.recv())
                except EOFError:
                    outcomes.append(("raise", ChildProcessError("a worker process ended before it answered")))
        except BaseException:
            for process, _ in used:
                process.terminate()
            raise
        finally:
            for process, connection in used:
                connection.close()
                process.join()
        for kind, value in outcomes:
            if kind == "raise":
                raise value
        return [value for _, value in outcomes]

    def close(self) -> None:
        """Stop the workers not used (at once: they are preparing, or waiting)."""
        for process, connection in self._workers:
            process.terminate()
            connection.close()
        for process, _ in self._workers:
            process.join()
        self._workers = []


def _standing_by(connection: Any, prepare: Callable[[], Any] | None) -> None:
    """In a Standby worker: prepare, then run the one call sent (None: stop) and send back
    ("return", its result) or ("raise", what it raised)."""
    _quiet_worker()
    if prepare is not None:
        try:
            prepare()
        except Exception:  # noqa: BLE001 - only a head start: the call does it again
            pass
    try:
        task = connection.recv()
    except EOFError:  # this process's parent is gone
        return
    if task is None:
        return
    function, args = task
    try:
        outcome = ("return", function(*args))
    except BaseException as err:  # noqa: BLE001 - handed to the parent, which raises it
        outcome = ("raise", err)
    try:
        connection.send(outcome)
    except Exception as err:  # noqa: BLE001 - not picklable
        connection.send(("raise", ChildProcessError(f"{outcome[1]!r} ({err})")))


class Background:
    """A call running in a worker process while this one goes on (result() waits for it).

    Where a fork is safe (`_fork_is_safe`), the worker is a fork of this process, which
    already holds the arguments: nothing is pickled on the way out, and no fork server starts
    (together 0.3 to 0.5 s for the search index of 2,000 articles). Elsewhere (`serve`, the
    tests after the browser tests, macOS, Windows) it comes from a fork server, arguments
    pickled."""

    def __init__(self, function: Callable[..., Any], *args: Any):
        global _background_task
        if not _fork_is_safe():
            self._pool = ProcessPoolExecutor(1, mp_context=_context(), initializer=_quiet_worker)
            self._future = self._pool.submit(function, *args)
            return
        self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"), initializer=_quiet_worker)
        _background_task = (function, args)
        try:
            self._future = self._pool.submit(_run_background)  # the fork happens here, before the pool's thread
        finally:
            _background_task = None

    def result(self) -> Any:
        """What the call returned (or raise what it raised); the worker is stopped."""
        try:
            return self._future.result()
        finally:
            self._pool.shutdown()


_background_task: tuple[Callable, tuple] | None = None
"""While a forked Background starts: its function and arguments (the fork inherits them)."""


def _run_background() -> Any:
    """In a forked Background worker: the call it was started for."""
    assert _background_task is not None, "a forked Background worker inherits its task"
    function, args = _background_task
    return function(*args)


def _context():
    """The context of a Background worker: "forkserver" (or "spawn" where it does not exist),
    not a fork, since it starts beside the threads of serve; with the fork server's preload."""
    context = multiprocessing.get_context(_start_method())
    if isinstance(context, multiprocessing.context.ForkServerContext):
        # The fork server imports these once for every worker. Its default is the main
        # script, which it would run again when that script has no __main__ guard (a build
        # started from such a script would then wait for its own lock).
        context.set_forkserver_preload(["glose.render"])
    return context


def _start_method() -> str:
    """forkserver where the platform has it (Linux, macOS), else spawn (Windows)."""
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def _quiet_worker() -> None:
    """In a worker: leave Ctrl-C and kill to the parent, which stops the pool and cleans up
    (build.py turns SIGTERM into KeyboardInterrupt; a worker would print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
