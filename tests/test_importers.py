"""The document importers (glose/read/importers): documents made here, real outputs asserted."""

from __future__ import annotations

import dataclasses

import pytest

import import_fixtures as fx
from glose.read.dates import normalise_date
from glose.read.importers import Imported, ImportProblem, extract, importers, register
from glose.read.importers.common import one_line, tidy
from glose.read.importers.html_meta import without_site
from glose.read.importers.pdf_layout import keeps_hyphen
from glose.read.titles import derive_title, heading_title


# --- the table --------------------------------------------------------------------------

def test_table_has_one_importer_per_suffix():
    assert sorted(importers()) == [".docx", ".htm", ".html", ".md", ".odt", ".pdf", ".txt"]


def test_a_suffix_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="two importers for .txt"):
        register(".txt")(lambda path: None)


def test_imported_is_frozen():
    article = Imported("t", "", "", "", "", ("p",))
    with pytest.raises(dataclasses.FrozenInstanceError):
        article.title = "x"


def test_unknown_type_and_missing_file(tmp_path):
    (tmp_path / "cours.rtf").write_text("{\\rtf1 Bonjour}")
    with pytest.raises(ImportProblem) as problem:
        extract(tmp_path / "cours.rtf")
    assert problem.value.message == "not a kind of file that can be imported"
    assert problem.value.hint == "import one of these: .docx, .htm, .html, .md, .odt, .pdf, .txt"
    with pytest.raises(ImportProblem, match="no such file or folder"):
        extract(tmp_path / "absent.pdf")


# --- cleaning ---------------------------------------------------------------------------

@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_clean_removes_each_invisible_character(invisible):
    assert tidy(f"dé{invisible}bor{invisible}de") == "déborde"


@pytest.mark.parametrize(
    ("ligature", "spelt"),
    [("\ufb00", "ff"), ("\ufb01", "fi"), ("\ufb02", "fl"), ("\ufb03", "ffi"), ("\ufb04", "ffl"), ("\ufb05", "st"), ("\ufb06", "st")],
)
def test_clean_spells_out_ligatures(ligature, spelt):
    assert tidy(f"a{ligature}b") == f"a{spelt}b"


def test_clean_whitespace_and_nfc():
    decomposed = "e\u0301te\u0301"  # "été" with combining accents
    assert tidy(f"  {decomposed}\t\t à\u2009Tours  \r\n\r\n\r\n\rsuite ") == "été à Tours\n\nsuite"
    assert tidy("80 \u00a0%  et « oui\u202f»") == "80\u00a0% et « oui\u202f»"
    assert tidy("a\x00b\x07c") == "abc"
    assert one_line("une\nligne\u00a0 coupée") == "une ligne\u00a0coupée"


def test_pasted_text_with_each_invisible_character(tmp_path):
    pasted = (
        "Le gouverne\u00adment a an\u00adnoncé jeudi un plan d\u2019urgence\u200b pour les\u200c "
        "com\u200dmunes inondées.\u2060\r\n\r\nLes e\ufb00ets de la crue se \ufb01nissent \ufeffà peine."
    )
    (tmp_path / "colle.txt").write_text(pasted, encoding="utf-8")
    article = extract(tmp_path / "colle.txt")
    assert article.paragraphs == (
        "Le gouvernement a annoncé jeudi un plan d\u2019urgence pour les communes inondées.",
        "Les effets de la crue se finissent à peine.",
    )


# --- plain text and Markdown ------------------------------------------------------------

def test_windows_1252_text(tmp_path):
    (tmp_path / "ancien.txt").write_bytes(fx.CP1252_TEXT.encode("cp1252"))
    article = extract(tmp_path / "ancien.txt")
    assert article.paragraphs == (
        "L’œuvre de l’ingénieur — un pont « suspendu » — a coûté 3 000 €.",
        "Les élèves de Noël ont visité le chantier ; ils ont posé des questions à l’équipe.",
    )
    assert "encoding detected: windows-1252 (written as UTF-8)" in article.notes
    assert article.title == "L’œuvre de l’ingénieur — un pont « suspendu » — a coûté 3 000 €."


def test_utf8_text_has_no_encoding_note(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xef\xbb\xbf" + "Un été à Tours.\n\nDeuxième paragraphe.".encode())
    article = extract(tmp_path / "a.txt")
    assert article.notes == ("title derived from the first sentence",)
    assert article.paragraphs == ("Un été à Tours.", "Deuxième paragraphe.")


def test_utf16_text_with_byte_order_mark(tmp_path):
    (tmp_path / "a.txt").write_bytes("Un été à Tours.\r\n\r\nSuite.".encode("utf-16"))
    article = extract(tmp_path / "a.txt")
    assert article.paragraphs == ("Un été à Tours.", "Suite.")
    assert article.notes[0] == "encoding: UTF-16, from its byte-order mark (written as UTF-8)"


def test_text_with_a_glose_header_and_a_title_line(tmp_path):
    (tmp_path / "a.txt").write_text(
        "title La crue\ndate 2024-03\nsource Le Courrier du Val\nauthor Jeanne Martin\nurl https://x.example/a\n\n"
        "Premier paragraphe,\ncoupé en deux lignes.\n\nSecond paragraphe.\n"
    )
    article = extract(tmp_path / "a.txt")
    assert (article.title, article.date, article.site, article.author, article.url) == (
        "La crue", "2024-03", "Le Courrier du Val", "Jeanne Martin", "https://x.example/a",
    )
    assert article.paragraphs == ("Premier paragraphe, coupé en deux lignes.", "Second paragraphe.")


def test_pasted_page_with_one_paragraph_per_line(tmp_path):
    long = "Une phrase assez longue pour ressembler à un paragraphe copié depuis un navigateur web, " * 2
    (tmp_path / "a.txt").write_text(f"La crue de la Loire\nPar Jeanne Martin\n5 mars 2024\n{long}1\n{long}2\n")
    article = extract(tmp_path / "a.txt")
    assert article.title == "La crue de la Loire"
    assert article.author == "Jeanne Martin"
    assert article.date == "2024-03-05"
    assert article.paragraphs == ((long + "1").strip(), (long + "2").strip())
    assert "title taken from the first line" in article.notes


def test_markdown_with_front_matter(tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: Ce que dit l'article 5\ndate: 2024-03-07\n---\n"
        "Texte en **gras** avec un [lien](https://example.org).\n\n## Un intertitre\n\n- un point\n- un autre\n"
    )
    article = extract(tmp_path / "a.md")
    assert (article.title, article.date) == ("Ce que dit l'article 5", "2024-03-07")
    assert article.paragraphs == ("Texte en gras avec un lien.", "Un intertitre", "un point", "un autre")


def test_markdown_heading_is_the_title(tmp_path):
    (tmp_path / "a.md").write_text("# Le billet du jour\n\nPremière phrase. Deuxième phrase.\n")
    article = extract(tmp_path / "a.md")
    assert article.title == "Le billet du jour"
    assert article.paragraphs == ("Première phrase. Deuxième phrase.",)


def test_binary_file_named_txt(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    with pytest.raises(ImportProblem, match="not a text file"):
        extract(tmp_path / "a.txt")


# --- web pages --------------------------------------------------------------------------

def test_news_page(tmp_path):
    (tmp_path / "page.html").write_text(fx.news_page(), encoding="utf-8")
    article = extract(tmp_path / "page.html")
    assert article.title == "La Loire déborde à Tours : les quais fermés"
    assert article.date == "2024-03-05"
    assert article.author == "Jeanne Martin"
    assert article.site == fx.SITE
    assert article.url == fx.URL
    assert article.paragraphs == (*fx.ARTICLE, fx.HEADING, fx.LAST)
    text = "\n".join(article.paragraphs)
    for boilerplate in ("Publicité", "Région", "Par Jeanne Martin", "©", "Lire aussi", "Sur le même sujet",
                        "Inondations", "commentaires", "Loulou37", "pompiers pour leur travail", "Mentions légales"):
        assert boilerplate not in text


def test_page_in_latin1_without_metadata(tmp_path):
    body = "".join(f"<p>{text}</p>" for text in fx.ARTICLE)
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        "<title>Crue de la Loire | Courrier-du-Val</title></head><body>"
        f"<nav><a href='/'>Accueil</a></nav><div class='article'><p>Par Jeanne Martin</p>{body}</div></body></html>"
    )
    (tmp_path / "page.htm").write_bytes(page.replace("’", "'").encode("latin-1"))
    article = extract(tmp_path / "page.htm")
    assert article.title == "Crue de la Loire | Courrier-du-Val"  # no site name known: nothing to strip
    assert article.author == "Jeanne Martin"
    assert article.paragraphs[0] == fx.ARTICLE[0].replace("’", "'")
    assert len(article.paragraphs) == len(fx.ARTICLE)


def test_site_is_the_name_the_title_ends_with(tmp_path):
    body = "".join(f"<p>{text}</p>" for text in fx.ARTICLE)
    (tmp_path / "page.html").write_text(
        '<html><head><meta charset="utf-8"><meta property="og:site_name" content="Édition Centre">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "La Loire déborde",'
        ' "datePublished": "2024-03-05", "publisher": {"@type": "Organization", "name": "Le Courrier du Val"}}</script>'
        f"<title>La Loire déborde | Le Courrier du Val</title></head><body><article>{body}</article></body></html>"
    )
    article = extract(tmp_path / "page.html")
    assert (article.title, article.site, article.date) == ("La Loire déborde", "Le Courrier du Val", "2024-03-05")


@pytest.mark.parametrize(
    ("title", "site", "host", "expected"),
    [
        ("La Loire déborde - Le Monde", "Le Monde", "www.lemonde.fr", ("La Loire déborde", "Le Monde")),
        ("La Loire déborde | PSL", "", "www.psl.eu", ("La Loire déborde", "PSL")),
        ("Le Monde - La Loire déborde", "Le Monde", "", ("La Loire déborde", "Le Monde")),
        ("Jean-Pierre - le retour", "Le Monde", "lemonde.fr", ("Jean-Pierre - le retour", "")),
        ("La Loire déborde – La Nouvelle République", "", "lanouvellerepublique.fr", ("La Loire déborde", "La Nouvelle République")),
    ],
)
def test_site_name_removed_from_titles(title, site, host, expected):
    assert without_site(title, site, host) == expected


def test_page_without_main_text(tmp_path):
    (tmp_path / "vide.html").write_text(fx.empty_page())
    with pytest.raises(ImportProblem) as problem:
        extract(tmp_path / "vide.html")
    assert problem.value.message == "no article text found in the page"
    assert "JavaScript" in problem.value.hint
    (tmp_path / "zero.html").write_bytes(b"")
    with pytest.raises(ImportProblem, match="empty page"):
        extract(tmp_path / "zero.html")


# --- Word and OpenDocument --------------------------------------------------------------

EXPECTED_DOC = tuple(text for _, text in fx.DOC_BLOCKS)


def test_docx(tmp_path):
    article = extract(fx.make_docx(tmp_path / "tri.docx"))
    assert article.title == fx.DOC_TITLE
    assert article.paragraphs == EXPECTED_DOC  # the caption and the empty paragraph are left out
    assert (article.author, article.date) == ("", "")
    assert "document's author property: Compte du CDI (not used as the article's author)" in article.notes


def test_odt(tmp_path):
    article = extract(fx.make_odt(tmp_path / "tri.odt"))
    assert article.title == fx.DOC_TITLE
    assert article.paragraphs == EXPECTED_DOC  # the footnote is left out


def test_corrupt_docx(tmp_path):
    good = fx.make_docx(tmp_path / "bon.docx")
    with pytest.raises(ImportProblem, match="the Word document is damaged"):
        extract(fx.make_corrupt_docx(tmp_path / "abime.docx", good))
    (tmp_path / "faux.docx").write_bytes(b"Ceci n'est pas un document Word.")
    with pytest.raises(ImportProblem, match="not a Word document"):
        extract(tmp_path / "faux.docx")


def test_password_protected_docx(tmp_path):
    (tmp_path / "secret.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    with pytest.raises(ImportProblem, match="password-protected"):
        extract(tmp_path / "secret.docx")


def test_password_protected_and_corrupt_odt(tmp_path):
    with pytest.raises(ImportProblem, match="password-protected"):
        extract(fx.make_encrypted_odt(tmp_path / "secret.odt"))
    (tmp_path / "faux.odt").write_text("pas un zip")
    with pytest.raises(ImportProblem, match="not an OpenDocument file"):
        extract(tmp_path / "faux.odt")


# --- PDF --------------------------------------------------------------------------------

def test_pdf(tmp_path):
    article = extract(fx.make_pdf(tmp_path / "crue.pdf"))
    assert article.title == fx.PDF_TITLE  # the large first line; "Microsoft Word - crue.docx" is not a title
    assert article.paragraphs == fx.PDF_PARAGRAPHS
    text = "\n".join(article.paragraphs)
    assert "Revue de presse" not in text and "- 1 -" not in text and "- 2 -" not in text
    assert article.notes == ()


def test_pdf_paragraphs_from_indents_across_pages(tmp_path):
    article = extract(fx.make_justified_pdf(tmp_path / "justifie.pdf"))
    assert article.paragraphs == fx.JUSTIFIED * 3
    assert article.title == "Depuis le début de la semaine, les habitants des bords de Loire surveillent la montée…"


def test_pdf_printed_by_a_browser(tmp_path):
    """Words placed one by one with wide justified gaps stay in order (pdfminer's defaults
    scatter them), and a soft hyphen printed as a space glyph does not split its word."""
    article = extract(fx.make_printed_pdf(tmp_path / "imprime.pdf"))
    assert article.title == "La Loire monte"
    assert article.paragraphs == fx.PRINTED


def test_pdf_with_empty_password_opens(tmp_path):
    article = extract(fx.make_pdf(tmp_path / "crue.pdf", user_password=""))
    assert article.paragraphs == fx.PDF_PARAGRAPHS
    assert article.notes == ("the PDF is encrypted, but with an empty password: it was opened without one",)


def test_pdf_with_password_is_refused(tmp_path):
    with pytest.raises(ImportProblem) as problem:
        extract(fx.make_pdf(tmp_path / "secret.pdf", user_password="motdepasse"))
    assert problem.value.message == "the PDF is protected by a password"


def test_image_only_pdf_is_refused(tmp_path):
    with pytest.raises(ImportProblem) as problem:
        extract(fx.make_image_pdf(tmp_path / "scan.pdf"))
    assert "no text layer" in problem.value.message
    assert "ocrmypdf" in problem.value.hint


def test_damaged_pdf(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer")
    with pytest.raises(ImportProblem, match="damaged"):
        extract(tmp_path / "a.pdf")
    (tmp_path / "b.pdf").write_text("<html>une page web renommée</html>")
    with pytest.raises(ImportProblem, match="damaged or is not a PDF"):
        extract(tmp_path / "b.pdf")


@pytest.mark.parametrize(
    ("before", "after", "keeps"),
    [
        ("La crue dé", "borde sur les quais", False),
        ("L'agence Interfax", "Ukraine rapporte", True),
        ("c'est peut", "être la fin", True),
        ("a-t", "il dit", True),
        ("vis-à", "vis du pont", True),
        ("celui", "ci est fermé", True),
        ("entre 2019 et", "2020", True),
        ("le porte", "parole a parlé", True),  # "porte-parole" appears inside a line below
        ("les pom", "piers sont là", False),
    ],
)
def test_line_end_hyphens(before, after, keeps):
    vocabulary = {"déborde", "crue", "pompiers"}
    hyphenated = {"porte-parole"}
    assert keeps_hyphen(before, after, vocabulary, hyphenated) is keeps


# --- titles and dates -------------------------------------------------------------------

@pytest.mark.parametrize(
    ("paragraphs", "title"),
    [
        (["Bucarest | Le président roumain a reçu M. Stoltenberg jeudi. Il a insisté."], "Le président roumain a reçu M. Stoltenberg jeudi."),
        (["28-30 juin 2022", "Les alliés se retrouvent à Madrid. Suite."], "Les alliés se retrouvent à Madrid."),
        (["PARIS (AFP) - Les ministres se réunissent jeudi. Suite."], "Les ministres se réunissent jeudi."),
        (["(Belga) Photo Jean Dupont", "Le roi a visité les sinistrés de Liège."], "Le roi a visité les sinistrés de Liège."),
        (["© AFP", "Photo : Jeanne Martin", "Le fleuve monte encore."], "Le fleuve monte encore."),
        (["Les quais de Tours sous l'eau, mardi. / AFP", "Le fleuve monte encore."], "Le fleuve monte encore."),
        (["Lundi 3 mars 2024 à 10h05", "Par Jeanne Martin", "La Loire déborde."], "La Loire déborde."),
        (["KIEV, 24 février (Reuters) – Les troupes avancent vers la capitale."], "Les troupes avancent vers la capitale."),
        (["J.-P. Martin a parlé à l'ONU. Ensuite, il est parti."], "J.-P. Martin a parlé à l'ONU."),
        (["Le gouvernement a présenté mercredi un plan de soutien aux communes touchées par les inondations de la vallée."],
         "Le gouvernement a présenté mercredi un plan de soutien aux communes touchées par les…"),
        (["EXCLUSIF", "03/03/2024"], ""),
    ],
)
def test_derived_titles(paragraphs, title):
    assert derive_title(paragraphs) == title


def test_heading_title():
    assert heading_title(["La crue de la Loire", "Le fleuve monte."]) == "La crue de la Loire"
    assert heading_title(["La crue de la Loire."]) == ""
    assert heading_title(["Le fleuve monte.", "Suite."]) == ""
    assert heading_title(["5 mars 2024", "Suite."]) == ""


@pytest.mark.parametrize(
    ("value", "date"),
    [
        ("2020-01-20T08:40:32+01:00", "2020-01-20"), ("2018-06-21", "2018-06-21"), ("2022-02", "2022-02"),
        ("2022", "2022"), ("D:20240315120000+01'00'", "2024-03-15"), ("14/01/2020", "2020-01-14"),
        ("1er mars 2024", "2024-03-01"), ("Publié le 5 mars 2024 à 7 h 30", "2024-03-05"),
        ("28-30 juin 2022", "2022-06-28"), ("juin 2022", "2022-06"), ("2024-02-30", ""), ("hier", ""),
    ],
)
def test_dates(value, date):
    assert normalise_date(value) == date
