"""Printing an article (headless Chromium's PDF): the text, § numbers and notes, no site chrome."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.browser

ARTICLE = "articles/otan-invasion-ukraine-2022-02.html"
CHROME = ["Télécharger ce vocabulaire", "Rechercher", "Masquer le vocabulaire", "Afficher le vocabulaire", "Table des matières",
          "Accueil", "Voir la fiche", "Fermer", "Made with", "Material for MkDocs",
          "en anglais"]  # the card, and the hidden list of definitions it is built from


def _pdf_text(path) -> str:
    """The PDF's text: pdftotext (poppler-utils), else pypdf; skip when neither is there."""
    if shutil.which("pdftotext"):
        run = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                             capture_output=True, text=True, check=True)
        return run.stdout
    try:
        from pypdf import PdfReader
    except ImportError:
        pytest.skip("no PDF text extractor: apt-get install poppler-utils (or pip install pypdf)")
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_printed_article(page, site, tmp_path):
    page.goto(site.url(ARTICLE))
    page.locator("a.term").first.hover()
    page.locator(".glose-card").wait_for()  # a card open when printing stays off the paper
    title = page.locator("h1").inner_text()
    notes = page.locator("p.glose-para + ol").count()
    pdf = tmp_path / "article.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = _pdf_text(pdf)
    flat = re.sub(r"\s+", " ", text)

    assert " ".join(title.split()) in flat
    assert "février 2022" in flat
    assert "§1" in flat and "§6" in flat
    assert "Vocabulaire" in flat
    for chrome in CHROME:
        assert chrome not in flat, f"{chrome!r} printed"
    assert notes == 2  # the 4 shipped notes sit under 2 paragraphs, printed as numbered lists
    assert re.search(r"\b1\.? Question\. L.Ukraine", flat) and re.search(r"\b2\.? Vocabulaire\. Déborder", flat), flat


def test_term_links_print_as_plain_text(page, site):
    page.goto(site.url(ARTICLE))
    page.add_style_tag(content="* { transition: none !important; }")  # read the final colours
    page.emulate_media(media="print")
    styles = page.evaluate("""() => {
        const term = document.querySelector("p.glose-para a.term");
        const para = term.closest("p");
        const s = getComputedStyle(term), p = getComputedStyle(para);
        return {color: s.color, body: p.color, line: s.textDecorationLine, border: s.borderBottomStyle};
    }""")
    assert styles["color"] == styles["body"]
    assert styles["line"] == "none" and styles["border"] == "none"
