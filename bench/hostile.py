"""Hostile sizes (issue 11, item 5): inputs shaped to make a build slow, each timed (a script,
not a test: the tests never time anything). The limits it meets are in the README ("Limits").

    python bench/hostile.py [--only NAME,...] [--timeout 300] [--keep]

Each case writes a throwaway project, then runs `build.py check` (or `build`) on it in its own
process, and prints the wall time, the peak memory (os.wait4's ru_maxrss) and the last line
the command printed. A case still running after --timeout seconds is stopped and shown as
"> N s". Every case must now finish in a few seconds, or stop early with a clear message
when the input is past one of the limits the README gives. Run it before and after a change
to the readers, the matcher, the anchoring of notes or the concordance: a regression shows.

Cases (the sizes of issue 11; `--only` takes a prefix, e.g. `--only notes`):

- md-paragraph-200k / -400k: a .md article of one 200 / 400 KB paragraph mentioning a term
  every few words (each mention's context in the concordance).
- notes-1000 / -2000 / -10000: an article with that many notes, four per paragraph.
- quote-prefix-2mb / -990k: a note whose quote ("de") occurs 100,000 (50,000) times in a 2 MB
  (990 KB) paragraph, told apart by its prefix.
- nested-aliases-200 / -12: a glossary entry with 200 (or 12, the most a form may have)
  nested aliases ("mot", "mot mot", ...) on a 400 KB article of "mot mot mot ...".
- md-paragraph-990k: one Markdown paragraph just under the 1,000,000 characters an article may have.
- short-paragraphs-100k / -5000: an article of 100,000 (or 5,000, the most an article may
  have) short paragraphs, built with MkDocs.
- alias-bomb-24 / -30: 460 bytes of nested YAML anchors in `case_sensitive` and in a note's
  `kind`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TERM = "---\nterm: Otan\nsummary: Une alliance militaire.\n---\nL'Otan est une alliance.\n"


def _write(root: Path, files: dict[str, str]) -> None:
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("corpus", "glossary"):
        (root / folder).mkdir(exist_ok=True)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def md_paragraph(size: int) -> dict[str, str]:
    sentence = "L'Otan se réunit et chaque allié répond. "
    return {"corpus/md-art.md": "---\ntitle: Long\n---\n" + sentence * (size // len(sentence)) + "\n",
            "glossary/otan.md": TERM}


def notes(count: int) -> dict[str, str]:
    lines = [f"Phrase numéro {i} sur l'Otan." for i in range(count)]
    body = "\n\n".join(" ".join(lines[i:i + 4]) for i in range(0, count, 4))  # 4 notes a paragraph
    notes_file = "".join(f"- quote: numéro {i}\n  note: Note {i}.\n" for i in range(count))
    return {"corpus/a.txt": f"title Notes\n\n{body}\n", "corpus/a.notes.yml": notes_file, "glossary/otan.md": TERM}


def quote_prefix(size: int) -> dict[str, str]:
    filler = "le mot de la phrase "
    half = "la " + filler * (size // len(filler) // 2)
    text = half + "unique de la fin " + half
    note = "- quote: de\n  prefix: unique\n  note: Ici.\n"
    return {"corpus/a.txt": f"title Long\n\n{text}\n", "corpus/a.notes.yml": note, "glossary/otan.md": TERM}


def nested_aliases(depth: int, size: int) -> dict[str, str]:
    aliases = "".join(f"  - {' '.join(['mot'] * n)}\n" for n in range(2, depth + 1))
    term = f"---\nterm: mot\naliases:\n{aliases}summary: Un mot.\n---\nUn mot.\n"
    return {"corpus/a.txt": "title Mots\n\n" + "mot " * (size // 4) + "\n", "glossary/mot.md": term}


def short_paragraphs(count: int) -> dict[str, str]:
    body = "\n\n".join(f"Ligne {i}." for i in range(count))
    return {"corpus/a.txt": f"title Court\n\n{body}\n", "glossary/otan.md": TERM}


def alias_bomb(depth: int) -> dict[str, str]:
    anchors = ", ".join(["&b0 [lol, lol]"] + [f"&b{i} [*b{i - 1}, *b{i - 1}]" for i in range(1, depth)])
    bomb = f"[{anchors}]"
    term = f"---\nterm: Bombe\nsummary: Une.\ncase_sensitive: {bomb}\n---\nDéfinition.\n"
    return {"corpus/a.txt": "title A\n\nUne bombe.\n", "corpus/a.notes.yml": f"- quote: bombe\n  note: x\n  kind: {bomb}\n",
            "glossary/bombe.md": term}


CASES: dict[str, tuple[Callable[[], dict[str, str]], str]] = {
    "md-paragraph-200k": (lambda: md_paragraph(200_000), "check"),
    "md-paragraph-400k": (lambda: md_paragraph(400_000), "check"),
    "notes-1000": (lambda: notes(1000), "check"),
    "notes-2000": (lambda: notes(2000), "check"),
    "notes-10000": (lambda: notes(10000), "check"),
    "quote-prefix-2mb": (lambda: quote_prefix(2_000_000), "check"),
    "quote-prefix-990k": (lambda: quote_prefix(990_000), "check"),
    "nested-aliases-200": (lambda: nested_aliases(200, 400_000), "check"),
    "nested-aliases-12": (lambda: nested_aliases(12, 400_000), "check"),
    "md-paragraph-990k": (lambda: md_paragraph(990_000), "check"),
    "short-paragraphs-100k": (lambda: short_paragraphs(100_000), "build"),
    "short-paragraphs-5000": (lambda: short_paragraphs(5000), "build"),
    "alias-bomb-24": (lambda: alias_bomb(24), "check"),
    "alias-bomb-30": (lambda: alias_bomb(30), "check"),
}


def run_case(name: str, timeout: float, keep: bool) -> tuple[str, str, str]:
    """(wall, peak memory, last line printed) of one case."""
    make, command = CASES[name]
    folder = Path(tempfile.mkdtemp(prefix=f"glose-hostile-{name}-"))
    try:
        _write(folder, make())
        with tempfile.TemporaryFile() as err:
            process = subprocess.Popen([sys.executable, str(REPO / "build.py"), command, "--project", str(folder)],
                                       stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
            started = time.perf_counter()
            status, rss = _wait(process.pid, started + timeout)
            wall = time.perf_counter() - started
            err.seek(0)
            lines = err.read().decode("utf-8", "replace").strip().splitlines()
        if status is None:
            return f"> {timeout:.0f} s", f"{rss / 1024:.0f} MB", "(stopped)"
        last = lines[-1] if lines else ""
        return f"{wall:.2f} s", f"{rss / 1024:.0f} MB", f"exit {os.waitstatus_to_exitcode(status)}: {last[:110]}"
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def _wait(pid: int, deadline: float) -> tuple[int | None, int]:
    """(wait status, or None when stopped at the deadline; peak RSS in KB) of a child process.
    (Polled: os.wait4 has no timeout. A bench script may poll; the tests never do.)"""
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return status, usage.ru_maxrss
        if time.perf_counter() > deadline:
            os.killpg(pid, signal.SIGKILL)  # the whole session: MkDocs and render workers too
            _, _, usage = os.wait4(pid, 0)
            return None, usage.ru_maxrss
        time.sleep(0.05)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated case names or prefixes (default: all)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a case is stopped (default 300)")
    parser.add_argument("--keep", action="store_true", help="keep the projects (their paths are printed)")
    args = parser.parse_args()
    wanted = [w for w in args.only.split(",") if w]
    names = [n for n in CASES if not wanted or any(n.startswith(w) for w in wanted)]
    print(f"{'case':24} {'command':8} {'wall':>10} {'peak':>9}  result", flush=True)
    for name in names:
        wall, rss, last = run_case(name, args.timeout, args.keep)
        print(f"{name:24} {CASES[name][1]:8} {wall:>10} {rss:>9}  {last}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
