"""Writing without writing through a link. The build writes in three places only: docs/, site/
and .glose/ of the project. A link there (docs/articles pointing to a folder elsewhere, say)
would make it write somewhere it does not own, so the three folders must be real folders, a
file is written under a new name then renamed over the old one (a link in its place is
replaced, never followed), and .glose/, the build's own, is put right when a link or a file
stands where one of its folders goes."""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from contextlib import suppress
from pathlib import Path

from ..diagnostics import Report
from ..i18n import _

OUTPUTS = ("docs", "site", ".glose")
"""The folders of a project the build writes in."""


def check_outputs(root: Path, report: Report) -> None:
    """Report each of OUTPUTS that is a link, or a file: the build replaces docs/ and site/
    whole and writes in .glose/, never through a link."""
    for name in OUTPUTS:
        path = root / name
        if path.is_symlink():
            report.error(name, 0, _("is a link (to {target}), and Glose writes {name}/ itself, never "
                                    "through a link; remove the link (Glose makes the folder)").format(target=os.readlink(path), name=name))
        elif path.exists() and not path.is_dir():
            report.error(name, 0, _("is a file where Glose keeps its {name}/ folder; rename or move it").format(name=name))


def write_file(path: Path, data: bytes) -> None:
    """Write `data` at `path` in one step: into a new file beside it, renamed over it. A link
    at `path` is replaced by the file, never followed; readers never see half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name[:40]}.", suffix=".tmp")
    try:
        with open(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """A file kept from the previous build: hard-linked (it keeps its inode and date: it was
    not rewritten), else copied where links are not possible."""
    try:
        os.link(source, target, follow_symlinks=False)
    except FileExistsError:
        raise  # never copied over: the file there may be another name of a live one (prune)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def real_folder(path: Path) -> bool:
    """A folder, not a link to one (the build never goes into a folder through a link)."""
    return path.is_dir() and not path.is_symlink()


def prune(folder: str, keep: Callable[[str, int], bool]) -> tuple[set[str], set[str]]:
    """Reduce `folder`, a staging folder made of the docs/ or site/ an earlier build replaced
    (recycled: publish.recycle), to what `keep` accepts: each file, link or other entry for
    which keep(its path relative to `folder`, its inode) is false is unlinked (a link, to a
    folder too, is unlinked, never followed), then each folder left empty is removed. A file
    kept there is the live one (the same inode, by `keep`): relinking 7,000 unchanged files
    into a new staging folder, then removing the old one, cost 14,000 operations a build.
    Returns (the paths left, the folders left: paths as strings, `folder` among them). Raises
    OSError on what cannot be removed: the caller then starts from an empty folder."""
    left: set[str] = set()
    folders: set[str] = set()

    def walk(path: str, prefix: str) -> bool:
        held = False
        with os.scandir(path) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_dir(follow_symlinks=False):
                    if walk(entry.path, rel + "/"):
                        held = True
                    else:
                        os.rmdir(entry.path)
                elif keep(rel, entry.inode()):
                    left.add(rel)
                    held = True
                else:
                    os.unlink(entry.path)
        if held:
            folders.add(path)
        return held

    walk(folder, "")
    folders.add(folder)
    return left, folders


def own_folder(folder: Path, base: Path) -> Path:
    """Make `folder` (below `base`, a folder the build owns) a real folder: a link or a file
    found in its place, or in the place of a folder between, is removed first."""
    base.mkdir(exist_ok=True)
    current = base
    for part in folder.relative_to(base).parts:
        current = current / part
        if current.is_symlink() or (current.exists() and not current.is_dir()):
            current.unlink()
        current.mkdir(exist_ok=True)
    return folder


def clear(path: Path) -> None:
    """Remove a folder of the build's own with what it holds; a link there is removed, not
    followed. A read-only folder inside (a site/ sub-folder someone made read-only, left in
    the trash by the swap) is made writable first: else the staging folder stayed behind."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        path.unlink()
        return
    shutil.rmtree(path, ignore_errors=True)
    if path.exists():
        _writable(path)
        for folder, dirs, _ in os.walk(path):  # top-down: each folder is opened after it was made writable
            for name in dirs:
                _writable(Path(folder, name))
        shutil.rmtree(path, ignore_errors=True)


def recycle(folder: Path, inodes: Mapping[str, int], wanted: int) -> tuple[set[str], set[str]]:
    """Make a staging folder that may hold a recycled one ready: (the files left in it, its
    folders, as strings; nothing when there is no folder). A recycled folder keeps the files
    of `inodes` (relative path -> the live file's inode) that are still the live ones, and
    nothing else (prune); when fewer than half of the `wanted` files would stay, or pruning
    fails, it is set aside whole instead (removed with the build's folder, not file by file
    now), and the build starts from an empty folder."""
    if not real_folder(folder):
        return set(), set()
    if 2 * len(inodes) >= wanted:
        try:
            return prune(str(folder), lambda rel, inode: inodes.get(rel) == inode)
        except OSError:
            pass
    set_aside(folder)
    return set(), set()


def set_aside(folder: Path) -> None:
    """Move a folder of the build's own out of the way, beside itself (renamed: it goes with
    the build's folder, which a later build removes); removed now if it cannot be renamed."""
    try:
        os.rename(folder, folder.with_name(f"{folder.name}.unused-{time.time_ns()}"))
    except OSError:
        clear(folder)


_REMOVE = "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)\n"


class Removal:
    """Folders of the build's own removed by another process while the build goes on: the
    previous docs/ and site/ set aside by earlier builds (14,000 files at 2,000 articles,
    0.3 s). A thread would queue for the interpreter's lock after each file while the build
    runs Python; a process runs on another core. `wait` ends it, then removes what it left
    (a read-only folder: clear), or everything when it could not be started."""

    def __init__(self) -> None:
        self.folders: list[Path] = []
        self.process: subprocess.Popen | None = None

    def start(self, folders: list[Path]) -> None:
        """Begin removing `folders` (each a folder, or a link, of the build's own)."""
        self.folders = folders
        if folders and sys.executable:
            try:
                self.process = subprocess.Popen([sys.executable, "-I", "-c", _REMOVE, *map(str, folders)],
                                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                                stderr=subprocess.DEVNULL)
            except OSError:  # no process to be had: wait removes them
                self.process = None

    def wait(self) -> None:
        """Return once every folder is gone."""
        process, self.process = self.process, None
        if process is not None:
            process.wait()
        for folder in self.folders:
            if os.path.lexists(folder):
                clear(folder)
        self.folders = []


def _writable(folder: Path) -> None:
    """Give the owner every right on a folder (not a link): its files can then be removed."""
    with suppress(OSError):
        mode = os.lstat(folder).st_mode
        if stat.S_ISDIR(mode):
            os.chmod(folder, stat.S_IMODE(mode) | stat.S_IRWXU)


def open_lock(path: Path) -> int:
    """Open (or make) the lock file of the build's own folder, never through a link: a link,
    a named pipe or a folder in its place is removed first. Returns the descriptor."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    try:
        handle = os.open(path, flags, 0o644)
    except OSError as err:
        if err.errno not in (errno.ELOOP, errno.EISDIR):  # a link, a folder
            raise
        clear(path)
        return os.open(path, flags, 0o644)
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        clear(path)
        return os.open(path, flags, 0o644)
    return handle
