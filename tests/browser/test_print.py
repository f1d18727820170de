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
    assert "Annexe : Vocabulaire" in flat
    for chrome in CHROME:
        assert chrome not in flat, f"{chrome!r} printed"
    assert notes == 2  # the 4 shipped notes sit under 2 paragraphs, printed as numbered lists
    assert re.search(r"\b1\.? Question\. L.Ukraine", flat) and re.search(r"\b2\.? Vocabulaire\. Déborder", flat), flat


def test_terms_print_underlined_in_the_text_colour(page, site):
    """On paper a term is still marked (underlined, not coloured); its definition is in the
    vocabulary, printed as an annex."""
    page.goto(site.url(ARTICLE))
    page.add_style_tag(content="* { transition: none !important; }")  # read the final colours
    page.emulate_media(media="print")
    styles = page.evaluate("""() => {
        const term = document.querySelector("p.glose-para a.term");
        const again = document.querySelector("p.glose-para a.term.term--again");
        const para = term.closest("p");
        const s = getComputedStyle(term), p = getComputedStyle(para), a = getComputedStyle(again);
        return {color: s.color, body: p.color, line: s.textDecorationLine, again: a.textDecorationLine,
                style: s.textDecorationStyle};
    }""")
    assert styles["color"] == styles["body"]
    assert styles["line"] == styles["again"] == "underline" and styles["style"] == "solid"


def test_the_vocabulary_is_an_annex_on_a_page_of_its_own(page, site, tmp_path):
    page.goto(site.url(ARTICLE))
    pdf = tmp_path / "article.pdf"
    page.pdf(path=str(pdf), format="A4")
    pages = _pdf_text(pdf).split("\f")
    annex = [n for n, text in enumerate(pages) if "Annexe : Vocabulaire" in text]
    assert len(annex) == 1 and annex[0] > 0, pages
    assert pages[annex[0]].lstrip().startswith("Annexe : Vocabulaire")
    assert "Jens Stoltenberg" in pages[annex[0]]  # its table follows


_LINE_STARTS_WITH_PUNCTUATION = re.compile(r"^\s*[,.;:!?…)\]»]", re.MULTILINE)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_no_line_starts_with_punctuation_after_a_note_marker(request, site, tmp_path, viewport):
    """Material's note marker is an inline block: a line may break after it, before ", a-t-il"
    (notes.js glues them). Printed at several scales, every line break falls somewhere else."""
    page = request.getfixturevalue("page" if viewport == "desktop" else "phone")
    page.goto(site.url(ARTICLE))
    page.locator("aside.md-annotation").first.wait_for()
    for scale in (0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.35, 1.5):
        pdf = tmp_path / f"article-{scale}.pdf"
        page.pdf(path=str(pdf), format="A4", scale=scale)
        text = _pdf_text(pdf).split("Annexe : Vocabulaire")[0]  # the article, its markers and its notes
        starts = [line for line in text.splitlines() if _LINE_STARTS_WITH_PUNCTUATION.match(line)]
        assert not starts, (scale, starts)
