"""Worker processes that each run one call, beside a build that goes on: the search index's
(Background), MkDocs' processes forked ahead (Standby), and a fork server's for the site's
shares where this process runs threads (in_workers). The maps over many items, and when a
fork is safe, are parallel.py's."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any

from . import parallel
from .parallel import _quiet_worker


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
    make them early, while it holds little. Only where a fork is safe (parallel.fork_is_safe), and
    for more than one job; elsewhere there are none (len 0): the caller does the work as it
    would have. `close` stops the workers not used."""

    def __init__(self, count: int, prepare: Callable[[], Any] | None = None, prepared: int | None = None):
        """`prepare` runs in the first `prepared` workers (all by default)."""
        self._workers: list[tuple[Any, Any]] = []
        if count < 2 or not parallel.fork_is_safe():
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
        try:
            for (_, connection), args in zip(used, calls):
                connection.send((function, args))
            outcomes = [_received(connection) for _, connection in used]
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
    _answer(connection, *task)


class Background:
    """A call running in a worker process while this one goes on (result() waits for it).

    Where a fork is safe (`parallel.fork_is_safe`), the worker is a fork of this process, which
    already holds the arguments: nothing is pickled on the way out, and no fork server starts
    (together 0.3 to 0.5 s for the search index of 2,000 articles). It is a plain process with
    a pipe, no pool: a pool's thread in this process would keep the build from forking again
    (the pages' renderers) while the worker runs. Elsewhere (`serve`, the tests after the
    browser tests, macOS, Windows) it comes from a fork server, arguments pickled."""

    def __init__(self, function: Callable[..., Any], *args: Any):
        global _background_task
        self._pool: ProcessPoolExecutor | None = None
        if not parallel.fork_is_safe():
            self._pool = ProcessPoolExecutor(1, mp_context=_context(), initializer=_quiet_worker)
            self._future = self._pool.submit(function, *args)
            return
        context = multiprocessing.get_context("fork")
        self._connection, theirs = context.Pipe(duplex=False)
        _background_task = (function, args)
        try:
            self._process = context.Process(target=_run_background, args=(theirs,), daemon=True)
            self._process.start()
        finally:
            _background_task = None
            theirs.close()

    def result(self) -> Any:
        """What the call returned (or raise what it raised); the worker is stopped."""
        if self._pool is not None:
            try:
                return self._future.result()
            finally:
                self._pool.shutdown()
        try:
            kind, value = _received(self._connection)
        finally:
            self._connection.close()
            self._process.join()
        if kind == "raise":
            raise value
        return value

    def stop(self) -> None:
        """Stop the call, its result unwanted: a fork at once; a fork server's worker, which
        cannot be stopped alone, is waited for (it must not write after the caller cleans up)."""
        if self._pool is not None:
            try:
                self.result()
            except Exception:  # noqa: BLE001 - unwanted, like its result
                pass
            return
        self._process.terminate()
        self._process.join()
        self._connection.close()


_background_task: tuple[Callable, tuple] | None = None
"""While a forked Background starts: its function and arguments (the fork inherits them)."""


def _run_background(connection: Any) -> None:
    """In a forked Background worker: the call it was started for; sends back ("return", its
    result) or ("raise", what it raised)."""
    assert _background_task is not None, "a forked Background worker inherits its task"
    _quiet_worker()
    _answer(connection, *_background_task)


def _answer(connection: Any, function: Callable[..., Any], args: tuple) -> None:
    """In a worker: run the call and send back ("return", its result) or ("raise", what it
    raised); an error that cannot be pickled is sent as its text."""
    try:
        outcome = ("return", function(*args))
    except BaseException as err:  # noqa: BLE001 - handed to the parent, which raises it
        outcome = ("raise", err)
    try:
        connection.send(outcome)
    except Exception as err:  # noqa: BLE001 - not picklable
        connection.send(("raise", ChildProcessError(f"{outcome[1]!r} ({err})")))


def _received(connection: Any) -> tuple[str, Any]:
    """In the parent: what a worker sent back (_answer), or an error when it ended first."""
    try:
        return connection.recv()
    except EOFError:
        return "raise", ChildProcessError("a worker process ended before it answered")


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

