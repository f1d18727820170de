"""The tool speaks French or English (issue 17): every message of the code has its French
translation, the committed glose.mo is glose.po compiled, the language comes from --lang or the
locale in gettext's order, and real commands answer in French, argparse's own words included."""

from __future__ import annotations

import ast
import gettext
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from support import ARTICLE, REPO, TERM_OTAN, write_project
from glose import i18n

messages = pytest.importorskip("tools.messages", reason="Babel keeps the catalog: pip install -e '.[test]'")

FIELDS = re.compile(r"%\((\w+)\)[sdr]|%[sdr]")


def _fields(text: str) -> list[str]:
    """The named fields of a message: `{name}` for ours, `%(name)s` and `%s` for argparse's."""
    names = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    return sorted(names + [m.group(1) or "%" for m in FIELDS.finditer(text)])


def test_every_message_of_the_code_has_a_french_translation():
    french = messages.read_french()
    missing = []
    for message in messages.template():
        if not message.id:
            continue
        found = french.get(message.id)
        strings = found.string if found is not None and isinstance(found.string, (tuple, list)) else [found and found.string]
        if found is None or found.fuzzy or not all(strings):
            missing.append(f"{message.locations[0][0]}:{message.locations[0][1]}: {message.id!r}")
    assert not missing, "no French for these (run `python tools/messages.py`, then translate glose.po):\n" + "\n".join(missing)


def test_the_catalog_holds_no_message_the_code_lost():
    code = {m.id if isinstance(m.id, str) else m.id[0] for m in messages.template() if m.id}
    stale = [m.id for m in messages.read_french() if m.id and (m.id if isinstance(m.id, str) else m.id[0]) not in code]
    assert not stale, f"in glose.po but no longer in the code (run `python tools/messages.py`): {stale}"


def test_every_translation_keeps_the_fields_of_its_message():
    wrong = []
    for message in messages.read_french():
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            if _fields(text) != _fields(ids[-1]):
                wrong.append(f"{ids[0]!r} -> {text!r}")
    assert not wrong, "\n".join(wrong)


def test_the_committed_mo_is_the_po_compiled():
    """Glose reads glose.mo with the standard library only: it must say what glose.po says."""
    with messages.MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    expected = {}
    for message in messages.read_french():
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, tuple):
            expected.update({(message.id[0], i): text for i, text in enumerate(message.string)})
        else:
            expected[message.id] = message.string
    assert {k: v for k, v in compiled.items() if k != ""} == expected, "run `python tools/messages.py` to compile glose.mo"


def test_no_message_escapes_translation():
    """A message written as a bare string or f-string in a report, a problem or a print would
    stay English: every one goes through `_` (text made only of punctuation and fields may not)."""
    calls = {"error": 2, "warning": 2, "ImportProblem": 0, "SearchIndexError": 0, "print": 0, "ArgumentTypeError": 0}
    """The calls that carry a user's message, and where the message is among their arguments."""
    found = []
    for path in [*sorted((REPO / "glose").rglob("*.py")), REPO / "build.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in calls:
                continue
            for arg in node.args[calls[name]:]:
                words = _literal_words(arg).replace("glose", "")  # the program's name starts lines
                if re.search(r"[A-Za-z]{3,}", words):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {words[:60]!r}")
    assert not found, "wrap these messages in _():\n" + "\n".join(found)


def test_no_message_is_marked_inside_an_f_string():
    """Babel reads an f-string as one token under Python 3.11: a `_("...")` inside one would
    never reach the catalog."""
    inside = re.compile(r"""\bf(["']).*\{[^}]*\b_\(["']""")
    found = [f"{path.relative_to(REPO)}:{number}" for path in [*sorted((REPO / "glose").rglob("*.py")), REPO / "build.py"]
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if inside.search(line)]
    assert not found, f"take these messages out of their f-string: {found}"


def _literal_words(node: ast.AST) -> str:
    """The literal text of a string or f-string argument ("" for anything else)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    return ""


def test_underscore_is_never_a_local_name_where_it_translates():
    """`for x, _ in ...` in a function that calls `_()` would make `_` that value there."""
    found = []
    for path in [*sorted((REPO / "glose").rglob("*.py")), REPO / "build.py"]:
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and _calls_underscore(function):
                found += [f"{path.relative_to(REPO)}:{n.lineno}" for n in _own_nodes(function)
                          if isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)]
    assert not found, f"`_` assigned where it translates: {found}"


def _calls_underscore(function: ast.AST) -> bool:
    return any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_" for n in ast.walk(function))


def _own_nodes(node: ast.AST):
    """The nodes of a function's own scope (not those of nested functions or comprehensions)."""
    scopes = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp, ast.ClassDef)
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, scopes):
            yield child
            yield from _own_nodes(child)


@pytest.mark.parametrize("environ, language", [
    ({}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_CA.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "fr_BE.UTF-8"}, "fr"),
    ({"LC_ALL": "fr_FR.UTF-8", "LANGUAGE": "en"}, "en"),
    ({"LANGUAGE": "de:fr", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LANGUAGE": "", "LANG": "fr_FR@euro"}, "fr"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
])
def test_the_language_comes_from_the_locale_in_gettexts_order(environ, language):
    assert i18n.from_environment(environ) == language


def _run(root: Path, *args: str, language: str = "fr_FR.UTF-8", python: str = sys.executable) -> subprocess.CompletedProcess:
    """build.py in a new process under a French locale (LANGUAGE unset, as on most systems)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run([python, str(REPO / "build.py"), *args], capture_output=True, text=True, cwd=root,
                          env={**env, "LANG": language}, timeout=300)


def test_check_speaks_french_under_a_french_locale(tmp_path):
    notes = "- quote: L'Otan\n  note: Qui ?\n- quote: Otan se réunit\n  notes: x\n"
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE.replace("title Un article", "titel Un article"), "a.notes.yml": notes},
                         glossary={"otan.md": TERM_OTAN.replace("aliases:", "alias:")})
    run = _run(root, "check")
    assert run.returncode == 1
    assert run.stderr.splitlines() == [
        "corpus/a.notes.yml:3: une note a besoin de `note:` suivi d'un texte ; ajoutez-le (voyez le README)",
        "corpus/a.notes.yml:4: clé inconnue 'notes' dans une note (vouliez-vous dire `note` ?) ; utilisez quote, prefix, suffix, note, kind",
        "corpus/a.txt:1: attention : 'titel Un article' ressemble à une ligne d'en-tête, mais 'titel' n'est pas une clé que Glose "
        "lit (vouliez-vous dire `titre` ?), donc la ligne a été retirée du texte ; écrivez l'une des clés titre (title), date, "
        "source, auteur (author), lien (url), étiquettes (tags), langue (lang), ou supprimez la ligne",
        "glossary/otan.md:3: clé inconnue 'alias' (vouliez-vous dire `aliases` ?) ; utilisez l'une des clés term, aliases, summary, "
        "english, see_also, tags, case_sensitive, exclude, plurals, match_english",
        "glose: 3 erreur(s) ; rien n'a été écrit (docs/ et site/ sont inchangés)",
    ]


def test_lang_en_overrides_a_french_locale_and_lang_fr_an_english_one(tmp_path):
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    assert _run(root, "--lang", "en", "check").stderr == "glose: no errors (0 warning(s))\n"
    assert _run(root, "check", "--lang", "fr", language="en_US.UTF-8").stderr == "glose: aucune erreur (0 avertissement(s))\n"


def test_argparse_speaks_french_too(tmp_path):
    helped = _run(tmp_path, "--help")
    assert helped.returncode == 0
    assert helped.stdout.startswith("utilisation : build.py [-h]")
    assert "afficher ce message d'aide et quitter" in helped.stdout and "commandes:" in helped.stdout
    wrong = _run(tmp_path, "build", "--jobs", "deux")
    assert wrong.returncode == 2
    assert wrong.stderr.splitlines()[-1] == ("build.py build: erreur : argument --jobs/-j : 'deux' n'est pas un nombre de "
                                             "processus ; donnez un nombre entier comme 2")
    assert _run(tmp_path, "import").stderr.splitlines()[-1] == ("build.py import: erreur : les arguments suivants sont "
                                                                "obligatoires : PATH")
    assert "choix non valable : 'de'" in _run(tmp_path, "--lang", "de", "check").stderr


def test_the_version_comes_from_the_package(tmp_path):
    from glose import __version__

    run = _run(tmp_path, "--version")
    assert run.returncode == 0 and run.stdout == f"build.py (Glose) {__version__}\n"


@pytest.mark.parametrize("word, keys, hint", [
    ("résumé", ("term", "summary"), " (did you mean `summary`?)"),
    ("Terme", ("term", "summary"), " (did you mean `term`?)"),
    ("genre", ("quote", "note", "kind"), " (did you mean `kind`?)"),
    ("sumary", ("term", "summary"), " (did you mean `summary`?)"),
    ("zzz", ("term", "summary"), ""),
    (["a", "list"], ("term",), ""),
])
def test_an_unknown_key_names_the_nearest_or_the_one_a_french_word_means(word, keys, hint):
    from glose.read.fields import nearest

    assert nearest(word, keys) == hint
