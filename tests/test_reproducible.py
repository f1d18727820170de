"""Reproducible builds: the same input gives byte-identical docs/ and site/, whatever the folder
and the hash seed. The only differences by design are MkDocs' sitemap dates: sitemap.xml.gz
carries the build day as its gzip mtime, and, when mkdocs.yml sets site_url (without it the
sitemap lists no page), sitemap.xml gives every page a <lastmod> of the build day. Both follow
SOURCE_DATE_EPOCH; the search index and every page are identical."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys

import pytest

from support import REPO, tree_snapshot, write_project

EXTRA = {
    "b.txt": "title Deuxième\ndate 2022-03\ntags défense, Europe\n\nL'Otan et la Moldavie, la NRF et l'article 5.\n",
    "c.md": "---\ntitle: Troisième\ntags:\n  - Europe\n  - diplomatie\n---\nJens Stoltenberg parle de l'Otan et de la Moldavie.\n",
    "d.txt": "title Sans date\ntags diplomatie\n\nLa Moldavie et l'article 4.\n",
}
DAY_1, DAY_2 = "1700000000", "1800000000"  # 2023-11-14 and 2027-01-15
SITE_URL = "site_url: https://example.org/glose/\n"


def project(base, name: str, site_url: bool = False):
    """The shipped corpus and glossary plus a few tagged articles, in its own folder."""
    root = write_project(base / name, corpus=EXTRA)
    if site_url:
        config = root / "mkdocs.yml"
        config.write_text(SITE_URL + config.read_text(encoding="utf-8"), encoding="utf-8")
    shutil.copytree(REPO / "corpus", root / "corpus", dirs_exist_ok=True)
    shutil.copytree(REPO / "glossary", root / "glossary", dirs_exist_ok=True)
    return root


def build(root, seed: str, epoch: str) -> dict[str, dict[str, bytes]]:
    """Build in a fresh process (its own hash seed); return {folder: {path: bytes}}."""
    env = dict(os.environ, PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH=epoch)
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "--project", str(root), "--quiet"],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return {name: {rel: data for rel, (data, _, _) in tree_snapshot(root / name).items()} for name in ("docs", "site")}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Two builds on one day with other folders and hash seeds, one another day; and two with
    a site_url, on two days."""
    base = tmp_path_factory.mktemp("repro")
    return {
        "one": build(project(base, "one"), "1", DAY_1),
        "two": build(project(base, "two"), "2", DAY_1),
        "later": build(project(base, "later"), "3", DAY_2),
        "url": build(project(base, "url", site_url=True), "1", DAY_1),
        "url later": build(project(base, "url-later", site_url=True), "2", DAY_2),
    }


def differences(a, b) -> set[str]:
    assert set(a) == set(b)
    return {rel for rel in a if a[rel] != b[rel]}


def test_same_input_same_day_gives_identical_docs_and_site(builds):
    one, two = builds["one"], builds["two"]
    assert len(one["docs"]) > 30 and any(rel.startswith("tags/") for rel in one["docs"])
    assert one["docs"] == two["docs"]
    assert one["site"] == two["site"]


def test_another_day_changes_only_the_gzip_date_of_the_sitemap(builds):
    one, later = builds["one"], builds["later"]
    assert one["docs"] == later["docs"]
    assert differences(one["site"], later["site"]) == {"sitemap.xml.gz"}
    assert gzip.decompress(one["site"]["sitemap.xml.gz"]) == gzip.decompress(later["site"]["sitemap.xml.gz"])


def test_with_a_site_url_another_day_changes_only_the_sitemap_dates(builds):
    one, later = builds["url"], builds["url later"]
    assert one["docs"] == later["docs"]
    assert differences(one["site"], later["site"]) == {"sitemap.xml", "sitemap.xml.gz"}
    dates = re.compile(rb"<lastmod>\d{4}-\d\d-\d\d</lastmod>")
    assert len(dates.findall(one["site"]["sitemap.xml"])) > 30
    assert b"<lastmod>2023-11-14</lastmod>" in one["site"]["sitemap.xml"]
    assert dates.sub(b"", one["site"]["sitemap.xml"]) == dates.sub(b"", later["site"]["sitemap.xml"])
    assert gzip.decompress(one["site"]["sitemap.xml.gz"]) == one["site"]["sitemap.xml"]


def test_no_build_folder_leaks_into_the_output(builds):
    for name in ("docs", "site"):
        for rel, data in builds["one"][name].items():
            assert b"/repro" not in data and b".glose/stage-" not in data, f"{name}/{rel}"
