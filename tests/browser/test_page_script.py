"""The assembled page script (glose/site/scripts.py) in Chromium: it adds nothing to the page's
global scope, and runs on a page without Material."""

from __future__ import annotations

import pytest

from glose.site.scripts import scripts

pytestmark = pytest.mark.browser


def _script(path: str) -> str:
    return next(page.content.decode("utf-8") for page in scripts() if page.path == path)


def test_page_script_defines_no_global(new_context):
    page = new_context().new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_content('<article class="md-content__inner"><p class="glose-para">Texte.</p></article>')
    before = page.evaluate("Object.getOwnPropertyNames(window)")
    page.add_script_tag(content=_script("assets/glose/glose.js"))
    after = page.evaluate("Object.getOwnPropertyNames(window)")
    assert errors == []
    assert sorted(set(after) - set(before)) == []
