"""Publishing: one build at a time per project, and the swap that puts the staged docs/ and
site/ in place together, with the recovery of a swap cut by SIGKILL."""

from __future__ import annotations

import fcntl
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .files import clear, open_lock, real_folder
from ..i18n import _


@contextmanager
def build_lock(root: Path, work_dir: str) -> Iterator[None]:
    """One build at a time per project: a second one waits for the first to finish."""
    path = root / work_dir / "lock"
    path.parent.mkdir(exist_ok=True)
    with open(open_lock(path), "r+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(_("glose: another build of this project is running; waiting for it to finish…"), file=sys.stderr)
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
            print(_("glose: stop signal received while the new docs/ and site/ were being put in place; "
                    "the build finished first"), file=sys.stderr)
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


def swap(pairs: list[tuple[Path, Path]], trash: Path, empty_trash: bool = True) -> None:
    """Replace each live folder by its staged twin; on failure put every live folder back
    (and remove one that did not exist before). The folders replaced go to `trash`, removed
    at the end unless not `empty_trash` (the caller removes it)."""
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
    if empty_trash:
        clear(trash)


def _roll_back(done: list[tuple[Path, Path]], pairs: list[tuple[Path, Path]], trash: Path) -> None:
    """Undo the renames of a swap that failed half-way."""
    for live, old in reversed(done):
        clear(live)
    for _, live in pairs:
        old = trash / live.name
        if old.exists() and not live.exists():
            os.rename(old, live)


def recycle(trashes: list[Path], work: Path) -> Path | None:
    """The docs/ and site/ the last build replaced (in the newest of `trashes`) moved into
    `work`, as the start of this build's: most of their files are still the live ones (hard
    links), so staging keeps them instead of linking 7,000 files again, and the next removal
    has only what changed to remove (files.recycle; writers.stage, site.build_site). docs/
    becomes work/docs; returns where site/ went (work/site.recycled), or None."""
    newest = max(trashes, key=_made_at, default=None)
    if newest is None or not real_folder(newest) or not real_folder(newest / "old"):
        return None
    moved = {}
    for name, target in (("docs", work / "docs"), ("site", work / "site.recycled")):
        if real_folder(newest / "old" / name):
            try:
                work.mkdir(parents=True, exist_ok=True)
                os.rename(newest / "old" / name, target)
                moved[name] = target
            except OSError:
                continue  # not recycled: the removal takes it
    return moved.get("site")


def _made_at(trash: Path) -> int:
    """When a trash folder was made (its name ends with the time: _record); -1 when unknown."""
    try:
        return int(trash.name.rpartition("-")[2])
    except ValueError:
        return -1


def recover(work: Path, root: Path, names: tuple[str, ...] = ("docs", "site")) -> list[str]:
    """Clean up after a build killed with SIGKILL (which no program can catch); to be called
    with the build lock held, by every command that writes (build and serve). A swap cut
    half-way is finished: it starts only once MkDocs has succeeded (its trash folder, made
    first, says so), so the staged folders are complete, and putting them in place gives
    what the build would have given. Other staging folders are removed. Nothing the build
    does not own is deleted: a docs/ made by hand after the cut gives its files to the docs/
    put in place. Returns the names of the folders put in place."""
    placed = []
    for stage in sorted(work.glob("stage-*")):
        trash = stage / "old"
        if real_folder(stage) and real_folder(trash):
            placed += _finish_swap(stage, trash, root, names)
        clear(stage)  # a link is removed, never followed
    return placed


def _finish_swap(stage: Path, trash: Path, root: Path, names: tuple[str, ...]) -> list[str]:
    """The renames a cut swap had left to do, as swap does them."""
    placed = []
    for name in names:
        staged, live, old = stage / name, root / name, trash / name
        if not real_folder(staged):
            continue  # already in place, or not built (--docs-only)
        if live.exists() and old.exists():  # live was made after the cut: by hand
            _keep_hand_made(live, staged if name == "docs" else None, root / f"{name}.kept-{stage.name}")
        elif live.exists():
            os.rename(live, old)
        os.rename(staged, live)
        placed.append(name)
    return placed


def _keep_hand_made(live: Path, staged: Path | None, spare: Path) -> None:
    """Empty a folder made by hand after a cut swap: its files go to the same place in `staged`
    (over what is there: the user's file wins, and the next build reports it where a page goes);
    what cannot go there (a folder in the way; site/ is all generated) stays, and the folder
    is then renamed `spare` (said on stderr). Nothing is deleted."""
    if staged is not None:
        _move_files(live, staged)
    for folder, _folders, _files in sorted(os.walk(live), reverse=True):  # deepest first
        with suppress(OSError):
            os.rmdir(folder)
    if live.exists():
        os.rename(live, spare)
        print(_("glose: {folder}/ was made after a build was cut off; files of it are now in {spare}/").format(folder=live.name, spare=spare.name),
              file=sys.stderr)


def _move_files(source: Path, target: Path) -> None:
    """Move each file and link of `source` to the same place in `target` where _is_free."""
    for folder, dirs, files in os.walk(source):
        base = Path(folder)
        for name in [*files, *(d for d in dirs if (base / d).is_symlink())]:
            destination = target / base.relative_to(source) / name
            if _is_free(destination, target):
                destination.parent.mkdir(parents=True, exist_ok=True)
                os.replace(base / name, destination)


def _is_free(path: Path, base: Path) -> bool:
    """True when a file can be put at `path`: no folder there, and no file or link where one of
    its folders (below `base`) goes."""
    if real_folder(path):
        return False
    parent = path.parent
    while parent != base:
        if parent.is_symlink() or (parent.exists() and not parent.is_dir()):
            return False
        parent = parent.parent
    return True
