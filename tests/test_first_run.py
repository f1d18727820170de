"""A first run that cannot go wrong (issue 17): a Python without the dependencies is told the
command that installs them, `--version` works anywhere, and `new article` / `new entry` write a
commented template that builds as it is, never over a file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import ARTICLE, REPO, TERM_OTAN, build_in_subprocess, write_project


def _bare_python(*args: str, cwd: Path, lang: str = "en") -> subprocess.CompletedProcess:
    """build.py run by this Python without its site-packages (-S) nor PYTHONPATH (-E): the
    standard library and the checkout only, as a Python where Glose was never installed."""
    env = {**os.environ, "LANGUAGE": lang}
    return subprocess.run([sys.executable, "-E", "-S", str(REPO / "build.py"), *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=120)


def test_a_python_without_the_dependencies_is_told_how_to_install_them(tmp_path):
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    run = _bare_python(cwd=root)
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert run.stderr == (f"glose: this Python ({sys.executable}) lacks a library Glose needs (ahocorasick_rs); install them all, "
                          "from the Glose folder, with: python -m pip install -e . && python build.py\n")
    french = _bare_python("check", cwd=root, lang="fr")
    assert french.returncode == 1
    assert "installez-les toutes, depuis le dossier de Glose, avec : python -m pip install -e . && python build.py" in french.stderr


def test_version_and_help_need_no_dependency(tmp_path):
    from glose import __version__

    assert _bare_python("--version", cwd=tmp_path).stdout == f"build.py (Glose) {__version__}\n"
    assert "usage: build.py" in _bare_python("--help", cwd=tmp_path).stdout


def test_new_article_and_entry_write_templates_that_build(tmp_path, run_cli):
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    code, err = run_cli(root, "new", "article", "La Loire déborde à Tours")
    assert code == 0, err
    assert err.splitlines() == [
        "glose: wrote corpus/la-loire-deborde-a-tours.md",
        "glose: wrote corpus/la-loire-deborde-a-tours.notes.yml",
        "glose: open corpus/la-loire-deborde-a-tours.md in a text editor, fill it in, then check it with `python build.py check`",
    ]
    code, err = run_cli(root, "new", "entry", "Crue centennale")
    assert code == 0 and err.splitlines()[0] == "glose: wrote glossary/crue-centennale.md"
    article = (root / "corpus" / "la-loire-deborde-a-tours.md").read_text(encoding="utf-8")
    assert 'titre: "La Loire déborde à Tours"   # le titre affiché' in article
    assert "# auteur: Prénom Nom   # qui a écrit l'article" in article
    entry = (root / "glossary" / "crue-centennale.md").read_text(encoding="utf-8")
    assert 'term: "Crue centennale"   # le terme' in entry
    assert run_cli(root, "check") == (0, "glose: no errors (0 warning(s))\n")  # not even a warning
    build_in_subprocess(root)
    page = (root / "site" / "articles" / "la-loire-deborde-a-tours.html").read_text(encoding="utf-8")
    assert "La Loire déborde à Tours" in page and "Un exemple de note" in page  # the example note is anchored
    assert (root / "site" / "glossary" / "crue-centennale.html").is_file()


def test_new_never_writes_over_a_file(tmp_path, run_cli):
    root = write_project(tmp_path, corpus={"la-loire.txt": ARTICLE}, glossary={"Otan.md": TERM_OTAN})
    before = (root / "corpus" / "la-loire.txt").read_bytes()
    code, err = run_cli(root, "new", "article", "La Loire")
    assert (code, err) == (1, "corpus/la-loire.txt: already gives the page name 'la-loire'; nothing was written: "
                              "choose another name, or open that file\n")
    assert (root / "corpus" / "la-loire.txt").read_bytes() == before
    assert not (root / "corpus" / "la-loire.notes.yml").exists()
    code, err = run_cli(root, "new", "entry", "OTAN")
    assert code == 1 and err.startswith("glossary/Otan.md: already gives the page name 'otan'")
    code, err = run_cli(root, "--lang", "fr", "new", "entry", "…")
    assert (code, err) == (1, "…: ce nom ne donne pas de nom de page (il faut une lettre ou un chiffre, et « index » est "
                              "pris) ; choisissez un autre nom\n")


def test_new_makes_the_folder_of_a_project_that_has_none(tmp_path, run_cli):
    root = tmp_path / "vide"
    root.mkdir()
    (root / "mkdocs.yml").write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    code, err = run_cli(root, "new", "entry", "Traité de Washington")
    assert code == 0, err
    assert (root / "glossary" / "traite-de-washington.md").is_file()
