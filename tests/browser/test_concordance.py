"""A long concordance in parts (glose/render/passages.py, site/js/concordance.js): the glossary
page shows its first passages and a button that loads the others, from disk and over http."""

from __future__ import annotations

import pytest

from support import build_in_subprocess, write_project

pytestmark = pytest.mark.browser

ENTRY = "---\nterm: Otan\nsummary: Une <b>alliance</b>.\n---\nDéfinition.\n"


def _article(n: int) -> str:
    sentence = "L'Otan se réunit, et l'Otan décide. " * 5
    return f"title Article {n} <i>\ndate 2022-{1 + n % 12:02d}-{1 + n % 27:02d}\n\n{sentence}\n\nEncore l'Otan.\n"


@pytest.fixture(scope="module")
def long_concordance(tmp_path_factory):
    """30 articles of 11 mentions each: 330 passages, more than a page shows (200)."""
    folder = tmp_path_factory.mktemp("concordance")
    root = write_project(folder, corpus={f"a{n:02d}.txt": _article(n) for n in range(30)}, glossary={"otan.md": ENTRY})
    build_in_subprocess(root, "--quiet")
    return root / "site"


@pytest.mark.parametrize("mode", ["file", "http"])
def test_the_rest_of_a_long_concordance_loads_on_demand(new_context, long_concordance, http_server, mode):
    base = long_concordance.as_uri() + "/" if mode == "file" else http_server(long_concordance)
    assert (long_concordance / "glossary" / "otan-passages-1.js").is_file()
    page = new_context().new_page()
    page.goto(base + "glossary/otan.html")
    shown = page.locator(".glose-concordance .glose-kwic li").count()
    assert 200 <= shown < 330
    button = page.locator("button.glose-more__button")
    assert "autres passages" in button.inner_text()
    button.click()
    page.wait_for_selector("button.glose-more__button", state="detached")
    assert page.locator(".glose-concordance .glose-kwic li").count() == 330
    titles = page.locator(".glose-concordance .glose-kwic-group a[href^='../articles/']").all_inner_texts()
    assert "Article 0 <i>" in titles  # text, never markup
    assert page.locator(".glose-concordance i").count() == 0
