"""Fuzz the readers and the matcher with hypothesis for a set time (a script, not a test).

    python bench/fuzz.py [--minutes 10] [--target all|project|matcher] [--out bench/out]

Targets, run in turn until the time is up:

- project: a throwaway project whose corpus/ and glossary/ files are random bytes, random
  `key value` headers or random YAML front matter (with BOMs, CRLF, cp1252, tabs, quotes,
  YAML tags, anchors and aliases, alias bombs, deep nesting...), notes files (random keys
  and types, or up to 2,000 notes), sometimes a paragraph of 50 to 400 KB, and FIFOs and
  links (to a FIFO, outside, nowhere, to themselves) among the sources (issue 11).
  `glose.pipeline.generate` must return or raise InputError within SLOW seconds; and every
  diagnostic must read `path:line: problem; what to do` with a relative path and a line
  that exists in the file.
- render: random .txt paragraphs (the syntax above, accents, terms) through readers, linking,
  render and Python-Markdown with mkdocs.yml's extensions: the paragraph must show its text
  (whitespace collapsed) and hold only the § anchor and one link per mention.
- matcher: random glossary forms (accents, NFD, apostrophes, hyphens, case) and texts built
  from them; `Matcher.find` must return sorted, non-overlapping, whole-word mentions whose
  text is the text at their offsets and folds to a form of their entry; `find_all` on the
  text's two halves must give what `find` gives on each.

Anything else (an exception, a broken invariant) is a finding: printed with its falsifying
example and written to <out>/fuzz-findings.txt. Exit 1 when something was found.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from glose import pipeline  # noqa: E402
from glose.diagnostics import InputError, Report  # noqa: E402
from glose.folding import fold_key, is_word_char  # noqa: E402
from glose.annotate.matching import Matcher  # noqa: E402
from glose.output import survey  # noqa: E402
from glose.read.cleaning import clean_text  # noqa: E402

# -- random sources ---------------------------------------------------------------------

KEYS = ["title", "date", "source", "author", "url", "tags", "lang", "term", "aliases",
        "summary", "english", "see_also", "case_sensitive", "autor", "Title", "<<", "? [a]",
        "1", "true", "null", "2022-01-01", "", " "]
NASTY = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
         "{ .c onclick=x }", '--8<-- "README.md"', "{{ x }}", "{% raw %}", "&amp;", "&lt;",
         "| a | b |", "*", "_", "`", "[x](y)", "#", "\\", "\x02", "\x03", "\x00", "\ufeff",
         "\u2028", "\u2029", "\x85", "\x92", "\ufffe", "\u202e", "e\u0301", "œ", "’", "\t",
         " ", "\xa0", "\u202f", "'", '"', ":", "- ", "---", "...", "\\u0000"]
YAML_VALUES = ["", "~", "null", "[]", "{}", "[a, b]", "{a: 1}", '"quoted"', '"unclosed',
               "'single", "2022-02-30", "2022-02-24", "2022", "12:30", "yes", "no", "true",
               "0x1F", "1e3", ".nan", "!!binary aGVsbG8=", "!!set {a, b}", "!!python/object:os.system x",
               "!!str 5", "!!timestamp 2022-13-01", "&a x", "*a", "*undefined", "|\n  block\n  text",
               ">\n  folded", "\n  - one\n  - two", "\n  - \n  -", "\n\t- tab", "\n  -\n    - nested",
               "[" * 60 + "]" * 60, "[" * 3000, "{a: [b, {c: d}]}", "a: b: c", "- x", "@bad", "`bad",
               "%bad", "? complex", "\n  ? [x]\n  : y"]
ALIAS_BOMB = "[" + ", ".join(["&b0 [lol, lol]"] + [f"&b{i} [*b{i - 1}, *b{i - 1}]" for i in range(1, 30)]) + "]"
YAML_VALUES += ["&a [x, x]", "[&a [x], *a, *a]", "&a [*a]", "&a {k: *a}", ALIAS_BOMB, "&a x\n*a: y", "<<: *a"]
TEXT_CHARS = st.characters(blacklist_categories=("Cs",))
SAMPLE = "corpus/a.txt"


def _line_ends(text: str, end: str) -> str:
    return text.replace("\n", end)


@st.composite
def txt_article(draw) -> bytes:
    """A .txt article: maybe a header of `key value` lines, then paragraphs."""
    header = draw(st.lists(st.tuples(st.sampled_from(KEYS), st.one_of(st.sampled_from(YAML_VALUES + NASTY), st.text(TEXT_CHARS, max_size=30))), max_size=6))
    lines = [f"{k} {v}" for k, v in header]
    body = draw(st.lists(st.one_of(st.text(TEXT_CHARS, max_size=80), st.sampled_from(NASTY)), max_size=6))
    text = "\n".join(lines) + draw(st.sampled_from(["\n\n", "\n", " ", ""])) + "\n\n".join(body)
    return _encode(draw, _line_ends(text, draw(st.sampled_from(["\n", "\r\n", "\r"]))))


@st.composite
def front_matter_file(draw, keys=KEYS) -> bytes:
    """A .md file: maybe YAML front matter (random keys and values), then a Markdown body."""
    pairs = draw(st.lists(st.tuples(st.sampled_from(keys), st.one_of(st.sampled_from(YAML_VALUES + NASTY), st.text(TEXT_CHARS, max_size=30))), max_size=8))
    indent = draw(st.sampled_from(["", "", "  ", "\t"]))
    yaml_text = "\n".join(f"{indent if i else ''}{k}: {v}" for i, (k, v) in enumerate(pairs))
    close = draw(st.sampled_from(["---", "---", "...", "--- ", ""]))
    body = draw(st.lists(st.one_of(st.text(TEXT_CHARS, max_size=80), st.sampled_from(NASTY + ["# Titre", "```", "    code", "<div>", "Setext\n==="])), max_size=5))
    text = f"---\n{yaml_text}\n{close}\n" + "\n\n".join(body)
    return _encode(draw, _line_ends(text, draw(st.sampled_from(["\n", "\r\n", "\r"]))))


def _encode(draw, text: str) -> bytes:
    """UTF-8 mostly; sometimes a BOM, cp1252, Latin-1, UTF-16 or an NFD text."""
    how = draw(st.sampled_from(["utf-8"] * 6 + ["bom", "cp1252", "latin-1", "utf-16", "nfd"]))
    if how == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    if how == "nfd":
        return unicodedata.normalize("NFD", text).encode("utf-8", "surrogatepass")
    return text.encode("utf-8" if how == "utf-8" else how, errors="replace" if how != "utf-8" else "surrogatepass")


@st.composite
def mutated(draw, base) -> bytes:
    """A valid-looking file with a few random byte edits."""
    data = bytearray(draw(base))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        chunk = draw(st.one_of(st.binary(max_size=4), st.sampled_from([b"\x00", b"\xe9", b"\xff", b"\r", b"\n---\n", b"\t", b'"', b"\xc3"])))
        if draw(st.booleans()) and at < len(data):
            del data[at:at + len(chunk) + 1]
        data[at:at] = chunk
    return bytes(data)


NOTE_KEYS = ["quote", "prefix", "suffix", "note", "kind", "autre"]


@st.composite
def notes_file(draw) -> bytes:
    """A notes file: a list of notes with random keys and values (types, anchors, aliases), or
    many notes (up to 2,000) quoting words of the article."""
    if draw(st.integers(0, 9)) == 0:
        count = draw(st.integers(100, 2000))
        return "".join(f"- quote: {w}\n  note: n{i}\n" for i, w in enumerate(draw(st.lists(st.sampled_from(WORDS), min_size=count, max_size=count)))).encode()
    notes = draw(st.lists(st.lists(st.tuples(st.sampled_from(NOTE_KEYS), st.one_of(st.sampled_from(YAML_VALUES + NASTY + WORDS), st.text(TEXT_CHARS, max_size=20))), max_size=5), max_size=6))
    text = "".join("- " + "\n  ".join(f"{k}: {v}" for k, v in note) + "\n" if note else "- \n" for note in notes)
    return _encode(draw, text)


@st.composite
def huge_article(draw) -> bytes:
    """One paragraph of 50 to 400 KB of words and forms (or many short paragraphs)."""
    words = draw(st.lists(st.sampled_from(WORDS + ["[lien](https://x.org/a(1)b)", "`code (2)`", "(3)", "de", "la"]), min_size=1, max_size=20))
    size = draw(st.integers(50_000, 400_000))
    sep = draw(st.sampled_from([" ", " ", "\n\n"]))
    unit = sep.join(words) + sep
    return ("title Long\n\n" + unit * (size // len(unit) + 1)).encode("utf-8", "surrogatepass")


SPECIALS = st.lists(st.tuples(st.sampled_from(["p.txt", "q.md", "r.notes.yml", "sub/s.txt", "t.NOTES.yml"]),
                              st.sampled_from(["fifo", "link-fifo", "link-outside", "broken-link", "loop", "folder-link"])), max_size=3)
ANY_FILE = st.one_of(txt_article(), front_matter_file(), mutated(txt_article()), mutated(front_matter_file()), st.binary(max_size=300))
NAMES = st.sampled_from(["a.txt", "b.md", "Article Défense (2).txt", "index.txt", "x.docx", "c.TXT", "n.notes.yml",
                         ".hidden.txt", "d~", "é.md", "---.txt", "z.html", "caf\udce9.txt", "deux\nlignes.md", "sub/e.txt"])
TERM_KEYS = ["term", "aliases", "summary", "english", "see_also", "tags", "case_sensitive", "autre", "<<"]


# -- checks -----------------------------------------------------------------------------

def check_report(report: Report, files: dict[str, bytes]) -> None:
    """Every diagnostic names a project file (relative) and a line that exists in it."""
    for d in report.items:
        assert not d.path.startswith("/") and "\\" not in d.path, f"path not relative: {d}"
        assert "; " in d.message, f"no '; what to do' part: {d}"
        assert isinstance(d.line, int) and d.line >= 0, f"bad line: {d}"
        data = files.get(d.path)
        if data is not None and d.line:
            count = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1
            assert d.line <= count, f"line {d.line} past the end ({count} lines): {d}"


class ProjectTarget:
    """Random files in a throwaway project, through pipeline.generate."""

    def __init__(self, root: Path):
        self.root = root
        self.tried = 0

    def run(self, corpus: dict[str, bytes], glossary: dict[str, bytes], specials=()) -> None:
        self.tried += 1
        for folder, files in (("corpus", corpus), ("glossary", glossary)):
            shutil.rmtree(self.root / folder, ignore_errors=True)
            (self.root / folder).mkdir()
            for name, data in files.items():
                path = self.root / folder / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
        for name, kind in specials:
            self._special(self.root / "corpus" / name, kind)
        report = Report()
        started = time.monotonic()
        try:
            pipeline.generate(self.root, report, survey.survey(self.root / "docs"))
        except InputError:
            pass
        took = time.monotonic() - started
        assert took < SLOW, f"slow: {took:.1f} s for {sum(map(len, corpus.values())):,} bytes of corpus"
        shown = {f"corpus/{n}": d for n, d in corpus.items()} | {f"glossary/{n}": d for n, d in glossary.items()}
        assert all(str(d).isprintable() for d in report.items), f"unprintable diagnostic: {report.items}"
        check_report(report, shown)


    def _special(self, path: Path, kind: str) -> None:
        """A file that is no regular file: a FIFO, links to one, outside, nowhere, to itself."""
        if path.exists() or path.is_symlink():
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        outside = self.root.parent / "outside"
        outside.mkdir(exist_ok=True)
        (outside / "x.txt").write_text("title X\n\nDehors.\n", encoding="utf-8")
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "link-fifo":
            if not (self.root / "fifo").exists():
                os.mkfifo(self.root / "fifo")
            path.symlink_to(self.root / "fifo")
        else:
            target = {"link-outside": outside / "x.txt", "broken-link": self.root / "nowhere",
                      "loop": path, "folder-link": outside}[kind]
            path.symlink_to(target)


SLOW = 30.0
"""Seconds one project input may take (a hang or a super-linear step shows as a finding)."""


class RenderTarget:
    """Random .txt paragraphs, rendered as MkDocs would render them."""

    def __init__(self):
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
        import test_property  # the property test's renderer: same checks, more examples

        self.check = test_property.test_paragraph_shows_its_text_and_only_our_elements.hypothesis.inner_test
        self.tried = 0

    def run(self, body: str) -> None:
        self.tried += 1
        self.check(body)


class MatcherTarget:
    """Random forms and texts through Matcher.find."""

    def __init__(self):
        self.tried = 0

    def run(self, forms: list[tuple[str, str, bool]], text: str) -> None:
        self.tried += 1
        matcher = Matcher(forms)
        mentions = matcher.find(text)
        halves = [text[:len(text) // 2], text[len(text) // 2:]]  # as two paragraphs: searched in one pass
        assert matcher.find_all(halves) == [matcher.find(half) for half in halves], "find_all differs from find"
        text = unicodedata.normalize("NFC", text)
        by_slug: dict[str, set[str]] = {}
        for slug, form, _ in forms:
            by_slug.setdefault(slug, set()).add(fold_key(form))
        taken = 0
        for m in mentions:
            assert taken <= m.start < m.end <= len(text), f"overlap or out of range: {mentions}"
            assert text[m.start:m.end] == m.text, f"text mismatch: {m}"
            assert m.start == 0 or not is_word_char(text[m.start - 1]), f"not a word start: {m}"
            assert m.end == len(text) or not is_word_char(text[m.end]), f"not a word end: {m}"
            assert _close(fold_key(m.text), by_slug[m.slug]), f"{m.text!r} is no form of {m.slug}"
            taken = m.end


def _close(key: str, forms: set[str]) -> bool:
    """The mention folds to a form, punctuation-free forms matching any punctuation run."""
    squash = lambda s: "".join(ch if is_word_char(ch) else " " for ch in s).split()  # noqa: E731
    return key in forms or squash(key) in (squash(f) for f in forms)


WORDS = ["otan", "OTAN", "Otan", "l'Otan", "l’Otan", "défense", "de\u0301fense", "Défense collective",
         "article 4", "Interfax-Ukraine", "Interfax Ukraine", "œuvre", "ŒUVRE", "ß", "İstanbul",
         "ﬁn", "x", "a b", "  ", "-", "'", "us", "US", "ı", "ǅ", "Ⅻ", "²", "٣", "e\u0301\u0301"]
FORMS = st.lists(st.tuples(st.sampled_from(["s1", "s2", "s3"]), st.one_of(st.sampled_from(WORDS), st.text(TEXT_CHARS, max_size=8)), st.booleans()), min_size=1, max_size=6)
TEXTS = st.lists(st.one_of(st.sampled_from(WORDS + NASTY), st.text(TEXT_CHARS, max_size=10)), max_size=20).map(lambda parts: " ".join(parts))


def _no_controls(text: str) -> str:
    """What sources.decode_text removes or refuses (checked by the project target) is left out:
    controls, byte-order marks, and the bidirectional controls (issue 11)."""
    removed = "\ufeff\ufffe\uffff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs") and ch not in removed)


# -- the loop ---------------------------------------------------------------------------

def _tests(project: ProjectTarget, matcher: MatcherTarget, render: RenderTarget):
    fast = settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))

    @fast
    @given(st.dictionaries(NAMES, ANY_FILE, max_size=3),
           st.dictionaries(st.sampled_from(["otan.md", "b.md", "Élan.md", "x.txt"]),
                           st.one_of(front_matter_file(TERM_KEYS), mutated(front_matter_file(TERM_KEYS))), max_size=3),
           st.dictionaries(st.sampled_from(["a.notes.yml", "b.notes.yml", "zz.notes.yml"]), notes_file(), max_size=2),
           st.one_of(st.just({}), st.just({}), st.just({}), st.dictionaries(st.just("big.txt"), huge_article(), max_size=1)),
           SPECIALS)
    def fuzz_project(corpus, glossary, notes, big, specials):
        project.run({**corpus, **notes, **big}, glossary, specials)

    @fast
    @given(FORMS, TEXTS)
    def fuzz_matcher(forms, text):
        matcher.run(forms, text)

    @fast
    @given(st.lists(st.one_of(st.sampled_from(NASTY + WORDS), st.text(TEXT_CHARS, max_size=12)), min_size=1, max_size=30)
           .map(" ".join).map(_no_controls).filter(lambda t: clean_text(t).text.strip()))  # a text once cleaned
    def fuzz_render(body):
        render.run(body)

    return {"project": fuzz_project, "matcher": fuzz_matcher, "render": fuzz_render}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    parser.add_argument("--target", choices=["all", "project", "render", "matcher"], default="all")
    parser.add_argument("--out", default=str(Path(__file__).parent / "out"), help="folder for fuzz-findings.txt")
    args = parser.parse_args()
    deadline = time.monotonic() + args.minutes * 60
    findings: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="glose-fuzz-") as tmp:
        project, matcher, render = ProjectTarget(Path(tmp)), MatcherTarget(), RenderTarget()
        tests = _tests(project, matcher, render)
        names = list(tests) if args.target == "all" else [args.target]
        rounds = 0
        while time.monotonic() < deadline:
            name = names[rounds % len(names)]
            rounds += 1
            try:
                tests[name]()
            except Exception as err:  # a finding: keep one report per place it was raised
                for one in getattr(err, "exceptions", [err]):  # hypothesis groups distinct bugs
                    _record(findings, name, one)
        print(f"fuzz: {project.tried} project inputs, {render.tried} render inputs, {matcher.tried} matcher inputs, "
              f"{len(findings)} distinct finding(s) in {args.minutes:g} min", file=sys.stderr)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "fuzz-findings.txt").write_text("\n\n".join(findings.values()) + "\n", encoding="utf-8")
    return 1 if findings else 0


def _record(findings: dict[str, str], target: str, err: Exception) -> None:
    """One entry per (target, exception type, innermost glose frame)."""
    frames = [f for f in traceback.extract_tb(err.__traceback__) if "/glose/" in f.filename]
    where = f"{frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
    key = f"{target} {type(err).__name__} {where} {str(err)[:80] if isinstance(err, AssertionError) else ''}"
    if key not in findings:
        notes = "\n".join(getattr(err, "__notes__", []))
        text = f"== {key}\n{''.join(traceback.format_exception(err))}\n{notes}"
        findings[key] = text
        print(text, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
