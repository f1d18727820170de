"""Publishing: one build at a time per project, and the swap that puts the staged docs/ and
site/ in place together, with the recovery of a swap cut by SIGKILL."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def build_lock(root: Path, work_dir: str) -> Iterator[None]:
    """One build at a time per project: a second one waits for the first to finish."""
    path = root / work_dir / "lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("glose: another build of this project is running; waiting for it to finish…", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield


@contextmanager
def signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while folders are swapped: a kill lands before or after, never in
    the middle. (Signals are blocked for the calling thread: build.py runs no other thread
    by then, the render workers' pool being closed.) One that arrived during a swap that succeeded is dropped: the new docs/ and
    site/ are in place, so stopping now would only skip the clean-up."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
        late = _take_pending(blocked)
        if late:
            print("glose: stop signal received while the new docs/ and site/ were being put in place; "
                  "the build finished first", file=sys.stderr)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _take_pending(blocked: set) -> list[int]:
    """Consume the blocked signals that are waiting to be delivered."""
    taken = []
    while signal.sigpending() & blocked:
        info = signal.sigtimedwait(blocked, 0)
        if info is None:
            break
        taken.append(info.si_signo)
    return taken


def swap(pairs: list[tuple[Path, Path]], trash: Path) -> None:
    """Replace each live folder by its staged twin; on failure put every live folder back
    (and remove one that did not exist before)."""
    trash.mkdir(parents=True, exist_ok=True)
    done: list[tuple[Path, Path]] = []
    with signals_deferred():
        try:
            for staged, live in pairs:
                old = trash / live.name
                if live.exists():
                    os.rename(live, old)
                os.rename(staged, live)
                done.append((live, old))
        except OSError:
            _roll_back(done, pairs, trash)
            raise
    shutil.rmtree(trash, ignore_errors=True)


def _roll_back(done: list[tuple[Path, Path]], pairs: list[tuple[Path, Path]], trash: Path) -> None:
    """Undo the renames of a swap that failed half-way."""
    for live, old in reversed(done):
        shutil.rmtree(live, ignore_errors=True)
    for _, live in pairs:
        old = trash / live.name
        if old.exists() and not live.exists():
            os.rename(old, live)


def recover(work: Path, root: Path, names: tuple[str, ...] = ("docs", "site")) -> list[str]:
    """Clean up after a build that was killed with SIGKILL (which no program can catch), to be
    called with the build lock held: a swap cut half-way is rolled back (the previous folders
    come back from the stage's trash), and every stale staging folder is removed. Returns the
    names of the folders that were put back."""
    restored = []
    for stage in sorted(work.glob("stage-*")):
        trash = stage / "old"
        # A swap renames every staged folder before it empties the trash: a staged folder
        # left beside a non-empty trash means the swap was cut in the middle.
        if any((stage / n).exists() for n in names) and any((trash / n).exists() for n in names):
            for name in names:
                if (trash / name).exists():
                    shutil.rmtree(root / name, ignore_errors=True)
                    os.rename(trash / name, root / name)
                    restored.append(name)
        shutil.rmtree(stage, ignore_errors=True)
    return restored
