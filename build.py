#!/usr/bin/env python3
"""Glose command line: `python build.py [build|check|serve|import PATH...|suggest|new KIND NAME] [--project DIR] [--lang fr|en]`.

Messages are in French or English (glose/i18n.py), argparse's own words included.
Exit codes: 0 done, 1 problems in the input (or the site could not be built, or a file could
not be written), 2 bad usage, 130 and 143 stopped by Ctrl-C or SIGTERM (docs/ and site/ are
then as they were before the build).
"""

from __future__ import annotations

import argparse
import re
import signal
import sys
import time
from pathlib import Path

from glose import __version__, i18n
from glose.i18n import _

try:
    from glose import pipeline
    from glose.diagnostics import InputError
    from glose.site import SiteError
except ModuleNotFoundError as missing:  # a Python without the dependencies: say how to get them
    if (missing.name or "glose").partition(".")[0] == "glose":
        raise
    MISSING: ModuleNotFoundError | None = missing
else:
    MISSING = None

USAGE_ERROR = 2
INSTALL = "python -m pip install -e . && python build.py"
"""The README's first command, the one that installs what Glose needs."""


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run the command, turn errors into exit codes."""
    argv = sys.argv[1:] if argv is None else argv
    i18n.use(_language(argv))
    args = _parser().parse_args(argv)
    if MISSING is not None:
        print(_("glose: this Python ({python}) lacks a library Glose needs ({module}); install them all, from the "
                "Glose folder, with: {command}").format(python=sys.executable, module=MISSING.name, command=INSTALL),
              file=sys.stderr)
        return 1
    root = Path(args.project).resolve()
    if not (root / "mkdocs.yml").is_file():
        print(_("{project}: no mkdocs.yml here; run from the project folder or pass --project DIR").format(project=args.project), file=sys.stderr)
        return USAGE_ERROR
    signal.signal(signal.SIGTERM, _interrupt)  # a kill cleans up like Ctrl-C
    try:
        return args.run(root, args)
    except InputError as err:
        return _fail(err.report)
    except SiteError as err:
        _print(err.report.items)  # in the order MkDocs found them: what stopped it comes last
        return 1
    except OSError as err:  # disk full, a folder we may not write: say which, not a traceback
        where = _shown(err.filename, root) if err.filename else "glose"
        print(_("{where}: {problem}; docs/ and site/ are as they were before this build: "
                "check the permissions and the free space, then build again").format(where=where, problem=err.strerror or err), file=sys.stderr)
        return 1
    except KeyboardInterrupt as err:
        print(_("glose: interrupted; docs/ and site/ are as they were before this build"), file=sys.stderr)
        return 128 + (err.args[0] if err.args else signal.SIGINT)


def _language(argv: list[str]) -> str | None:
    """The language `--lang fr|en` asks for (the last one given), before the parser is made
    in that language; None when there is none (or an unknown one, which the parser reports)."""
    wanted = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else arg[7:] if arg.startswith("--lang=") else None
        if value is not None:
            wanted = value if value in i18n.LANGUAGES else None
    return wanted


def _build(root: Path, args) -> int:
    started = time.perf_counter()
    progress = None if args.quiet else _progress(started)
    result = pipeline.build(root, with_site=not args.docs_only, progress=progress, jobs=args.jobs)
    _print(result.report.sorted())
    if not args.quiet:
        print(_("glose: {written} file(s) of docs/ written, {removed} removed; done in {seconds:.1f} s").format(
              written=len(result.changed), removed=len(result.removed), seconds=time.perf_counter() - started), file=sys.stderr)
    return 0


def _check(root: Path, args) -> int:
    result = pipeline.check(root, jobs=args.jobs)
    _print(result.report.sorted())
    print(_("glose: no errors ({count} warning(s))").format(count=len(result.report.warnings)), file=sys.stderr)
    return 0


def _import(root: Path, args) -> int:
    from glose import importing

    outcomes = importing.import_files(root, [Path(p) for p in args.paths])
    for outcome in outcomes:
        for line in importing.messages(outcome):
            print(line, file=sys.stderr)
    print(importing.summary(outcomes), file=sys.stderr)
    return 1 if any(outcome.problem for outcome in outcomes) else 0


def _suggest(root: Path, args) -> int:
    from glose.annotate import stubs

    report, suggestions = pipeline.suggest(root, args.min_count)
    _print(report.sorted())
    print(stubs.as_text(suggestions), end="")
    if args.write:
        for path in stubs.write(suggestions, Path(args.write), root / "glossary"):
            print(_("glose: wrote {path}").format(path=_shown(path, root)), file=sys.stderr)
    return 0


def _serve(root: Path, args) -> int:
    from glose.serve import serve

    return serve(root, args.dev_addr)


def _new(root: Path, args) -> int:
    from glose import scaffold

    written, problem = scaffold.new(root, "article" if args.kind == "article" else "entry", args.name)
    for path in written:
        print(_("glose: wrote {path}").format(path=path), file=sys.stderr)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    print(_("glose: open {path} in a text editor, fill it in, then check it with `python build.py check`").format(path=written[0]), file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    argparse._ = _  # type: ignore[attr-defined]  # argparse's own words ("usage:", "error:"...) in our language
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]
    parser = argparse.ArgumentParser(prog="build.py", description=_("Annotate corpus/ with glossary/ into docs/, then build site/ with MkDocs."))
    parser.set_defaults(run=_build, quiet=False, docs_only=False, jobs=None)
    parser.add_argument("--version", action="version", version=f"%(prog)s (Glose) {__version__}", help=_("show the version of Glose and exit"))
    parser.add_argument("--project", default=".", metavar=_("DIR"), help=_("project folder (the one holding mkdocs.yml); default: the current folder"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=_("language of the messages: fr or en (default: the system's, French when it is French)"))
    parser.add_argument("--docs-only", action="store_true", help=_("build: generate docs/ without building site/"))
    parser.add_argument("--quiet", "-q", action="store_true", help=_("build: print only warnings and errors"))
    parser.add_argument("--jobs", "-j", type=_positive, metavar="N", help=_("build: processes that render the pages (default: one per core)"))
    commands = parser.add_subparsers(title=_("commands"), metavar="{build,check,serve,import,suggest,new}")
    _commands(commands, _common())
    return parser


def _common() -> argparse.ArgumentParser:
    """The options every command takes."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--project", default=argparse.SUPPRESS, metavar=_("DIR"), help=_("project folder (the one holding mkdocs.yml)"))
    common.add_argument("--lang", choices=i18n.LANGUAGES, default=argparse.SUPPRESS, help=_("language of the messages: fr or en"))
    return common


def _commands(commands, common: argparse.ArgumentParser) -> None:
    """The commands of build.py, each with its options."""
    jobs_help = _("processes that render the pages (default: one per core)")
    build = commands.add_parser("build", parents=[common], help=_("generate docs/ and build site/ (the default)"), description=_("Generate docs/ from corpus/ and glossary/, then run `mkdocs build --strict` into site/. Both are replaced only when everything succeeded."))
    build.add_argument("--docs-only", action="store_true", default=argparse.SUPPRESS, help=_("generate docs/ without building site/"))
    build.add_argument("--quiet", "-q", action="store_true", default=argparse.SUPPRESS, help=_("print only warnings and errors"))
    build.add_argument("--jobs", "-j", type=_positive, default=argparse.SUPPRESS, metavar="N", help=jobs_help)
    build.set_defaults(run=_build)
    check = commands.add_parser("check", parents=[common], help=_("validate the sources, write nothing"), description=_("Read and validate corpus/ and glossary/; print every problem as path:line: message; write nothing."))
    check.add_argument("--jobs", "-j", type=_positive, default=argparse.SUPPRESS, metavar="N", help=jobs_help)
    check.set_defaults(run=_check)
    serve = commands.add_parser("serve", parents=[common], help=_("live preview on 127.0.0.1"), description=_("Regenerate docs/ when a file of corpus/ or glossary/ changes, and serve the site with live reload; a failed build shows its problems over the page."))
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help=_("address to serve on (default 127.0.0.1:8000)"))
    serve.set_defaults(run=_serve)
    imp = commands.add_parser("import", parents=[common], help=_("turn web pages, Word, OpenDocument, PDF or text files into articles of corpus/"),
                              description=_("Read each file (a saved web page .html/.htm, .docx, .odt, a PDF with a text layer, a .txt or .md "
                                            "in any encoding; a folder: every such file in it) and write its text as a new article corpus/<name>.txt "
                                            "with a header (title, date, author, source, url). Nothing is overwritten; a document already imported "
                                            "is not written again. A file that cannot be imported gets its problem and nothing is written for it; "
                                            "the other files are imported (exit code 1)."))
    imp.add_argument("paths", nargs="+", metavar="PATH", help=_("a file or a folder"))
    imp.set_defaults(run=_import)
    suggest = commands.add_parser("suggest", parents=[common], help=_("propose glossary entries and aliases from the corpus"), description=_("Read the corpus and propose, with counts and places: acronyms with the expansion the text gives, recurring names and phrases no entry finds, near-misses of existing forms, aliases that may over-match. Writes nothing unless --write DIR."))
    suggest.add_argument("--write", metavar="DIR", help=_("write stub entries and propositions.yml into DIR (never over an existing file or glossary entry)"))
    suggest.add_argument("--min-count", type=_positive, default=3, metavar="N", help=_("propose names and phrases used at least N times (default 3)"))
    suggest.set_defaults(run=_suggest)
    new = commands.add_parser("new", parents=[common], help=_("write a commented template for a new article or glossary entry"), description=_("Write a new article (corpus/NAME.md and an example notes file corpus/NAME.notes.yml) or a new glossary entry (glossary/NAME.md), each key explained by a comment, ready to fill in. An existing file is never overwritten."))
    new.add_argument("kind", choices=("article", "entry"), help=_("article or entry (a glossary entry)"))
    new.add_argument("name", metavar="NAME", help=_("the article's title or the entry's term; the file is named after it"))
    new.set_defaults(run=_new)


def _positive(value: str) -> int:
    """A --jobs value: a whole number of at least 1."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(_("{value!r} is not a number of processes; give a whole number such as 2").format(value=value))
    return int(value)


def _progress(started: float):
    def step(message: str) -> None:
        print(f"glose: [{time.perf_counter() - started:5.1f} s] {message}", file=sys.stderr, flush=True)
    return step


def _print(diagnostics) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def _fail(report) -> int:
    _print(report.sorted())
    count = len(report.errors)
    print(_("glose: {count} error(s); nothing was written (docs/ and site/ are unchanged)").format(count=count), file=sys.stderr)
    return 1


def _interrupt(signum, frame):
    """SIGTERM unwinds like Ctrl-C (staging folders are removed); the exit code is 128 + 15."""
    raise KeyboardInterrupt(signum)


def _shown(filename, root: Path) -> str:
    """A path of an OSError as messages show it: relative to the project when inside it, and
    a file being staged as the file of docs/ or site/ it was to become."""
    path = Path(str(filename))
    try:
        shown = path.resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return str(filename)
    return re.sub(r"^\.glose/stage-\d+/(?=(docs|site)(/|$))", "", shown)


if __name__ == "__main__":
    sys.exit(main())
