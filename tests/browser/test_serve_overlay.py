"""`build.py serve` in Chromium (issue 17): a broken glossary entry shows the build's problems
over the open page, in the teacher's language; fixing the entry brings the page back alone.
Every wait is for something on the page or in the server's output, never for a time."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading

import pytest

from support import ARTICLE, REPO, TERM_OTAN, write_project

pytestmark = pytest.mark.browser

OVERLAY = "#glose-build-errors"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    """(project root, base URL, the server's output so far) of `build.py serve` under a French
    locale; returns once the server says it serves."""
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    server = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=root, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                              env={**env, "LANG": "fr_FR.UTF-8", "PYTHONUNBUFFERED": "1"})
    output: list[str] = []
    assert server.stderr is not None
    for line in server.stderr:  # blocks until the first build is done and the server listens
        output.append(line)
        if line.startswith("glose: aperçu sur "):
            break
    else:
        pytest.fail("serve stopped before serving:\n" + "".join(output))
    drain = threading.Thread(target=lambda: output.extend(server.stderr), daemon=True)  # type: ignore[arg-type]
    drain.start()
    try:
        yield root, f"http://127.0.0.1:{port}/", output
    finally:
        server.terminate()
        server.wait(timeout=60)
        drain.join(timeout=10)


def test_a_broken_entry_shows_over_the_page_in_french_until_it_is_fixed(served, new_context):
    root, base, output = served
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(base + "articles/a.html")
    page.wait_for_selector("a.term")  # the built page, its mention linked
    assert page.locator(OVERLAY).count() == 0

    (root / "glossary" / "otan.md").write_text(TERM_OTAN.replace("summary:", "resume:"), encoding="utf-8")
    overlay = page.wait_for_selector(OVERLAY, timeout=90_000)  # the reload after the failed build
    assert overlay.get_attribute("lang") == "fr"
    assert overlay.get_attribute("role") == "alert"
    text = overlay.inner_text()
    assert "La dernière construction a échoué ; la page montre la version précédente. Corrigez :" in text
    assert ("glossary/otan.md:1: 'summary' manque ; ajoutez une ligne `summary: une phrase, affichée dans la bulle` "
            "à l'en-tête") in text
    assert ("glossary/otan.md:5: clé inconnue 'resume' (vouliez-vous dire `summary` ?) ; utilisez l'une des clés term, "
            "aliases, summary, english, see_also, tags, case_sensitive, exclude, plurals, match_english") in text
    assert page.get_by_text("Un second paragraphe").is_visible()  # the last good page stays under it

    (root / "glossary" / "otan.md").write_text(TERM_OTAN, encoding="utf-8")
    page.wait_for_selector(OVERLAY, state="detached", timeout=90_000)  # the reload after the good build
    page.wait_for_selector("a.term")
    assert page.get_by_text("Un second paragraphe").is_visible()
    printed = "".join(output)
    assert "glose: corrigez les problèmes ci-dessus ; en attendant, l'aperçu montre la dernière version réussie" in printed
