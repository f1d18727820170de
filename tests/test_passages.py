"""A long concordance in parts (glose/render/passages.py): how a concordance is cut, what the
page and its data files hold, and that a build keeps or drops the data files with their page."""

from __future__ import annotations

import json

import pytest

from glose import pipeline
from glose.render import passages
from support import write_project


@pytest.mark.parametrize(("counts", "expected"), [
    ([], (0, [])),
    ([5, 5], (2, [])),
    ([150, 60, 10], (2, [(2, 3)])),                      # whole articles: 210 shown
    ([200, 600, 600, 10], (1, [(1, 3), (3, 4)])),         # about PER_FILE passages a file
    ([250, 5000], (1, [(1, 2)])),                        # an article never splits
])
def test_plan(counts, expected):
    assert passages.plan(counts) == expected


def _project(tmp_path, articles: int):
    sentence = "L'Otan se réunit, et l'Otan décide. " * 5
    corpus = {f"a{n:02d}.txt": f"title A{n} </script>\ndate 2022-03-{1 + n:02d}\n\n{sentence}\n\nEncore l'Otan.\n"
              for n in range(articles)}
    return write_project(tmp_path, corpus=corpus, glossary={"otan.md": "---\nterm: Otan\nsummary: S.\n---\nD.\n"})


def test_a_long_concordance_goes_to_data_files(tmp_path):
    root = _project(tmp_path, 30)  # 330 passages
    pipeline.build(root, with_site=False)
    page = (root / "docs" / "glossary" / "otan.md").read_text(encoding="utf-8")
    assert page.count('<li><a href="../articles/') == 209  # 19 articles of 11
    assert 'data-term="otan" data-files="1">Afficher les 121 autres passages (11 articles)' in page
    data = (root / "docs" / "glossary" / "otan-passages-1.js").read_text(encoding="utf-8")
    assert data.startswith('document.currentScript.dispatchEvent(new CustomEvent("glose:passages",{detail:[')
    assert "</script>" not in data and "\\u003c/script>" in data
    groups = json.loads(data[data.index("detail:") + 7:data.rindex("}));")])
    assert len(groups) == 11 and sum(len(g[3]) for g in groups) == 121


def test_data_files_follow_their_page(tmp_path):
    root = _project(tmp_path, 30)
    pipeline.build(root, with_site=False)
    data = root / "docs" / "glossary" / "otan-passages-1.js"
    inode = data.stat().st_ino
    (root / "corpus" / "zz.txt").write_text("title Z\n\nRien.\n", encoding="utf-8")
    pipeline.build(root, with_site=False)  # an article without the term: the page is kept
    assert data.stat().st_ino == inode
    for n in range(12, 30):
        (root / "corpus" / f"a{n:02d}.txt").unlink()
    result = pipeline.build(root, with_site=False)  # 132 passages: no data file any more
    assert "glossary/otan-passages-1.js" in result.removed and not data.exists()
