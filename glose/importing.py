"""`build.py import PATH...`: documents -> new articles of corpus/ (one .txt file each).

Each file is read by its importer (read/importers: a saved web page, .docx, .odt, a PDF with
a text layer, a .txt or .md file in any encoding) and written as corpus/<name>.txt: a header
(title, date, author, source, url: what was found), a blank line, then one paragraph a line
with a blank line between them; the text stays literal. Rules:

- Files are independent: a file that cannot be imported gets its problem and nothing is
  written for it, and the good files of the same run are written (the exit code is then 1).
  Running the same command again is safe, since documents already imported are recognised.
- Never overwrite: a document already in corpus/ (the same address, or the same words in
  the same order) is not written again, and the message names the article that holds it; a
  different document whose name is taken gets the next free name (name-2.txt, name-3.txt).
- The name comes from the title (at most 60 characters of it), else from the file's name.
- A file that lies in corpus/ (a page or document the build skips, a text the build refuses)
  keeps its own name, and once its article is written it is moved to originals/, which the
  build does not read: the next build neither skips nor refuses it again.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .diagnostics import Report
from .digests import digest
from .folding import slugify
from .read.articles import READERS, read_article
from .read.discover import RESERVED_SLUGS, discover
from .read.importers import Imported, ImportProblem, extract, importers
from .i18n import _

CORPUS = "corpus"
ORIGINALS = "originals"
"""Where a file of corpus/ goes once imported: a folder the build does not read."""
NAME_MAX = 60
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|xtor|at_\w+|ref|src)$", re.IGNORECASE)


@dataclass(frozen=True)
class Outcome:
    """What became of one file."""

    source: str
    """The file as the user named it (or as found in a folder they named)."""
    written: str = ""
    """The article written, relative to the project ("corpus/x.txt"); "" when none was."""
    article: Imported | None = None
    """What was read from the file."""
    problem: ImportProblem | None = None
    """Why nothing was written, when the file could not be imported."""
    already: str = ""
    """The article of corpus/ that already holds this document (nothing was written)."""
    same_by: str = ""
    """How the document was recognised: "address" or "text"."""
    moved_to: str = ""
    """Where the original went (originals/...), for a file that lay in corpus/."""
    is_itself: bool = False
    """Whether the file named is itself the article of corpus/ that holds the document."""


@dataclass
class _Corpus:
    """What corpus/ holds: names taken, and the articles by address and by text."""

    root: Path
    names: dict[str, set[Path]] = field(default_factory=dict)
    """Each name (slug) taken in corpus/, and the files that give it."""
    by_url: dict[str, str] = field(default_factory=dict)
    by_text: dict[str, str] = field(default_factory=dict)

    def take(self, slug: str, path: Path) -> None:
        self.names.setdefault(slug, set()).add(path.resolve())

    def taken(self, slug: str, own: Path | None) -> bool:
        """Whether a file of corpus/ other than `own` gives this name."""
        return slug in RESERVED_SLUGS or bool(self.names.get(slug, set()) - {own})

    def add(self, shown: str, url: str, paragraphs: tuple[str, ...]) -> None:
        if url:
            self.by_url.setdefault(url_key(url), shown)
        self.by_text.setdefault(text_key(paragraphs), shown)

    def holding(self, article: Imported) -> tuple[str, str]:
        """The article holding the same document and how it was recognised, or ("", "")."""
        if article.url and url_key(article.url) in self.by_url:
            return self.by_url[url_key(article.url)], "address"
        found = self.by_text.get(text_key(article.paragraphs), "")
        return (found, "text") if found else ("", "")


def import_files(root: Path, paths: list[Path]) -> list[Outcome]:
    """Import every file named (folders: every file of a kind that can be imported in them);
    see the module docstring."""
    corpus = _read_corpus(root)
    outcomes = []
    for path, shown in _files(paths):
        if path.is_dir():
            problem = ImportProblem(_("no file to import in this folder"), _("files that can be imported: {suffixes}").format(suffixes=", ".join(sorted(importers()))))
            outcomes.append(Outcome(shown, problem=problem))
            continue
        try:
            article = extract(path)
        except ImportProblem as problem:
            outcomes.append(Outcome(shown, problem=problem))
            continue
        held, how = corpus.holding(article)
        if held:
            itself = (root / held).resolve() == path.resolve()
            outcomes.append(Outcome(shown, article=article, already=held, same_by=how, is_itself=itself))
            continue
        try:
            outcomes.append(_write(root, path, shown, article, corpus))
        except OSError as error:  # a folder we may not write, a full disk: say so, go on
            failure = ImportProblem(_("could not be written to {folder}/ ({problem})").format(folder=CORPUS, problem=error.strerror or error),
                                    _("check the permissions and the free space, then import it again"))
            outcomes.append(Outcome(shown, article=article, problem=failure))
    return outcomes


def _files(paths: list[Path]) -> Iterator[tuple[Path, str]]:
    """Each file to import and how to show it: the files named, and in the folders named the
    files of a kind that can be imported (hidden ones and teachers' notes left out)."""
    suffixes = set(importers())
    for path in paths:
        if not path.is_dir():
            yield path, str(path)
            continue
        found = [f for f in sorted(path.rglob("*")) if f.is_file() and f.suffix.lower() in suffixes
                 and not f.name.endswith(".notes.yml") and not any(p.startswith(".") for p in f.relative_to(path).parts)]
        yield from ((f, str(f)) for f in found) if found else [(path, str(path))]


def _read_corpus(root: Path) -> _Corpus:
    """The articles of corpus/ as the build reads them (their problems are the build's to
    report), and every name taken there."""
    corpus = _Corpus(root)
    folder = root / CORPUS
    if not folder.is_dir():
        return corpus
    for path in folder.rglob("*"):
        corpus.take(slugify(path.name[: -len(path.suffix)] if path.suffix else path.name), path)
    report = Report()
    for source in discover(root, CORPUS, tuple(READERS), report):
        article = read_article(source, root, report)
        if article is not None:
            corpus.add(source.shown, article.url, tuple(p.text for p in article.paragraphs))
    return corpus


def url_key(url: str) -> str:
    """An address compared without its scheme, "www.", fragment, tracking parameters
    (utm_..., fbclid...) or final slash."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    return urlunsplit(("", host, parts.path.rstrip("/"), query, ""))


def text_key(paragraphs: tuple[str, ...]) -> str:
    """The words of a text in order, without case, punctuation or paragraph breaks."""
    return digest(" ".join(re.findall(r"\w+", " ".join(paragraphs).casefold())))


def _write(root: Path, path: Path, shown: str, article: Imported, corpus: _Corpus) -> Outcome:
    """Write the article under a free name; a file of corpus/ goes to originals/ first."""
    inside = _is_inside(path, root / CORPUS)
    base = slugify(path.stem) if inside else _name(article.title) or slugify(path.stem)
    own = path.resolve() if inside else None
    slug = _free_name(base or "article", corpus, own)
    target = root / CORPUS / f"{slug}.txt"
    moved = _move_original(root, path) if inside else None
    created = False
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "x", encoding="utf-8", newline="\n") as file:  # "x": never overwrite
            created = True
            file.write(article_text(article, path.stem))
    except BaseException:  # a full disk, Ctrl-C: no half-written article, the original back
        if created:
            target.unlink(missing_ok=True)
        if moved is not None and not path.exists():
            os.replace(moved, path)
        raise
    written = f"{CORPUS}/{slug}.txt"
    corpus.take(slug, target)
    corpus.add(written, article.url, article.paragraphs)
    return Outcome(shown, written=written, article=article, moved_to=moved.relative_to(root).as_posix() if moved else "")


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _name(title: str) -> str:
    """A file name from a title: its slug, cut at a hyphen to at most NAME_MAX characters."""
    slug = slugify(title)
    if len(slug) <= NAME_MAX:
        return slug
    return slug[: NAME_MAX + 1].rsplit("-", 1)[0]


def _free_name(base: str, corpus: _Corpus, own: Path | None) -> str:
    """`base`, or base-2, base-3... : the first name that no other file of corpus/ gives (a
    file of corpus/ may keep its own name: it is moved away before its article is written)."""
    candidate, number = base, 1
    while corpus.taken(candidate, own):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _move_original(root: Path, path: Path) -> Path:
    """Move a file of corpus/ to originals/ under a free name; its new path."""
    folder = root / ORIGINALS
    folder.mkdir(exist_ok=True)
    target, number = folder / path.name, 1
    while target.exists():
        number += 1
        target = folder / f"{path.stem}-{number}{path.suffix}"
    os.replace(path, target)
    return target


def article_text(article: Imported, fallback_title: str) -> str:
    """The .txt article: its header (the fields found), a blank line, one paragraph a line."""
    fields = [("title", article.title or fallback_title), ("date", article.date), ("author", article.author),
              ("source", article.site), ("url", article.url)]
    header = [f"{key} {value}" for key, value in fields if value]
    return "\n".join(header) + "\n\n" + "\n\n".join(article.paragraphs) + "\n"


def messages(outcome: Outcome) -> list[str]:
    """What to tell of one file: what was found and written, or why nothing was."""
    if outcome.problem is not None:
        return [f"{outcome.source}: {outcome.problem}"]
    article = outcome.article
    assert article is not None
    if outcome.already:
        if outcome.is_itself:
            return [_("{source}: already an article of the corpus; nothing to import").format(source=outcome.source)]
        how = _("the same address, {url}").format(url=article.url) if outcome.same_by == "address" else _("the same text")
        return [_("{source}: already imported as {article} ({how}); nothing written").format(source=outcome.source, article=outcome.already, how=how)]
    return [_found(outcome.source, outcome.written, article), *_advice(outcome, article)]


def _found(source: str, written: str, article: Imported) -> str:
    """`page.html: imported as corpus/x.txt: "Title", 2024-03-05, by X, Site; 6 paragraphs, 412 words`."""
    words = sum(len(p.split()) for p in article.paragraphs)
    fields = [f'"{article.title}"', article.date, _("by {author}").format(author=article.author) if article.author else "", article.site]
    found = ", ".join(f for f in fields if f)
    return _("{source}: imported as {written}: {found}; {paragraphs} paragraphs, {words} words").format(
        source=source, written=written, found=found, paragraphs=len(article.paragraphs), words=words)


def _advice(outcome: Outcome, article: Imported) -> list[str]:
    """Notes from the importer, what could not be found, and where a file of corpus/ went."""
    written = outcome.written
    lines = [_("{path}: note: {note}").format(path=written, note=note) for note in article.notes]
    if not article.date:
        lines.append(_("{path}: warning: no date found; add a line `date YYYY-MM-DD` (or YYYY-MM, or YYYY) at the top of {path}").format(path=written))
    missing = [key for key, value in (("author", article.author), ("source", article.site), ("url", article.url)) if not value]
    if missing:
        keys = _listed([f"`{key}`" for key in missing], _("and"))
        what = (_("{keys} lines at the top if you know them") if len(missing) > 1 else _("a {keys} line at the top if you know it")).format(keys=keys)
        lines.append(_("{path}: note: no {keys} found; add {what}").format(path=written, keys=_listed(missing, _("or")), what=what))
    if outcome.moved_to:
        lines.append(_("{source}: moved to {moved}, which the build does not read (the article is {path})").format(
            source=outcome.source, moved=outcome.moved_to, path=written))
    return lines


def _listed(words: list[str], last: str) -> str:
    """"a, b and c"."""
    return f"{', '.join(words[:-1])} {last} {words[-1]}" if len(words) > 1 else words[0]


def summary(outcomes: list[Outcome]) -> str:
    """The last line: how many files were imported, were there already, could not be."""
    imported = sum(1 for o in outcomes if o.written)
    already = sum(1 for o in outcomes if o.already)
    failed = sum(1 for o in outcomes if o.problem is not None)
    parts = [_("{count} article(s) imported").format(count=imported)]
    if already:
        parts.append(_("{count} already in the corpus").format(count=already))
    if failed:
        parts.append(_("{count} file(s) could not be imported (nothing written for them)").format(count=failed))
    then = _("; then run `python build.py` to build the site") if imported else ""
    return f"glose: {', '.join(parts)}{then}"
