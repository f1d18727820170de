"""Text pasted into corpus/ (issue 13): invisible characters and ligatures cleaned before
anything sees them (read/cleaning.py), warnings on pasted mistakes (read/pasted.py), forgiving
headers (read/header.py) and derived titles that skip captions and datelines (read/titles.py),
all through `build.py check` and `build.py build` as a teacher runs them."""

from __future__ import annotations

import html

import pytest

from glose.read.cleaning import clean_text
from support import TERM_OTAN, run_build_cli, write_project

UKRAINE = "---\nterm: Ukraine\nsummary: Pays d'Europe de l'Est.\n---\nL'Ukraine est un pays d'Europe de l'Est.\n"
CONFLIT = "---\nterm: conflit\nsummary: Lutte armée entre des États.\n---\nUn conflit oppose des États.\n"
FLEUVE = "---\nterm: fleuve\nsummary: Cours d'eau qui se jette dans la mer.\n---\nUn fleuve se jette dans la mer.\n"
GLOSSARY = {"otan.md": TERM_OTAN, "ukraine.md": UKRAINE, "conflit.md": CONFLIT, "fleuve.md": FLEUVE}


def check(tmp_path, text: str | bytes, name: str = "a.txt") -> tuple[int, list[str]]:
    """`build.py check` on a project whose only article is `text`: (exit code, diagnostics)."""
    root = write_project(tmp_path, corpus={name: text}, glossary=GLOSSARY)
    code, err = run_build_cli(root, "check")
    return code, [line for line in err.splitlines() if not line.startswith("glose: ")]


def article_page(tmp_path, text: str, name: str = "a") -> str:
    """The generated Markdown page of an article (docs only)."""
    root = write_project(tmp_path, corpus={f"{name}.txt": text}, glossary=GLOSSARY)
    code, err = run_build_cli(root, "build", "--docs-only", "--quiet")
    assert code == 0, err
    return (root / "docs" / "articles" / f"{name}.md").read_text(encoding="utf-8")


# --- invisible characters and ligatures --------------------------------------------------------

INVISIBLE = {
    "soft hyphen": "\u00ad", "zero-width space": "\u200b", "zero-width non-joiner": "\u200c",
    "zero-width joiner": "\u200d", "word joiner": "\u2060", "byte-order mark": "\ufeff",
}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_each_invisible_character_is_removed_before_matching(tmp_path, char):
    text = f"title La crise\n\nL'O{char}TAN soutient l'Ukr{char}aine dans ce con{char}flit.\n"
    code, lines = check(tmp_path, text)
    assert code == 0 and lines == []  # no '"TAN" looks like a term', no warning at all
    markdown = article_page(tmp_path / "page", text)
    assert char not in markdown
    for term in ("otan", "ukraine", "conflit"):
        assert f'data-term="{term}"' in markdown
    assert "L'<a" in markdown and ">OTAN</a>" in markdown


def test_ligatures_are_spelt_out_so_search_and_matching_find_the_words(tmp_path):
    markdown = article_page(tmp_path, "title Crue\n\nLe \ufb02euve en\ufb02e ; le con\ufb02it \ufb01nit.\n")
    assert "\ufb02" not in markdown and "\ufb01" not in markdown
    assert 'data-term="fleuve"' in markdown and 'data-term="conflit"' in markdown and "finit" in markdown


def test_other_invisible_characters_are_removed_and_reported_with_their_line(tmp_path):
    code, lines = check(tmp_path, "title T\n\nL'Otan\u200e réagit.\n\nSuite\x07 et \u202efin.\n")
    assert code == 0
    assert lines == [
        "corpus/a.txt:3: warning: invisible characters removed (U+200E LEFT-TO-RIGHT MARK); check the text around them",
        "corpus/a.txt:5: warning: invisible characters removed (U+0007 control character, U+202E RIGHT-TO-LEFT OVERRIDE); "
        "check the text around them",
    ]


def test_emoji_keep_their_joiners_and_flags_their_tags():
    teacher = "\U0001f469\u200d\U0001f3eb"  # woman + ZWJ + school = woman teacher
    runner = "\U0001f3c3\u200d\u2640\ufe0f"  # runner + ZWJ + female sign + VS16
    scotland = "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    text = f"{teacher} {runner} {scotland} mot\u200dcoupé"
    assert clean_text(text).text == f"{teacher} {runner} {scotland} motcoupé"
    assert clean_text(text).removed == ()


def test_cleaning_keeps_line_numbers_and_composes_accents():
    cleaned = clean_text("e\u0301te\u0301\r\n\u00adligne\v2\r\x01trois\u2028")
    assert cleaned.text == "été\nligne 2\ntrois "
    assert [(r.line, r.names) for r in cleaned.removed] == [(3, ("U+0001 control character",))]


# --- pasted mistakes ---------------------------------------------------------------------------

def test_words_cut_at_a_pdf_line_end(tmp_path):
    text = "title T\n\nLa crue dé-\nborde en Trans- nistrie,\nd'avant- hier, pré- et post-crue, hist \u2010\noires.\n"
    code, lines = check(tmp_path, text)
    assert code == 0
    assert lines == [
        "corpus/a.txt:3: warning: a word cut at a line end, as copied from a PDF: 'dé- borde' (and 3 more, on lines 4, 5); "
        'join the two halves ("déborde"), or import the PDF itself: `python build.py import FILE.pdf` rejoins them',
    ]


@pytest.mark.parametrize("number", ["3", "- 12 -", "Page 4", "4/12", "page 3 sur 12"])
def test_a_paragraph_that_is_only_a_page_number(tmp_path, number):
    code, lines = check(tmp_path, f"title T\n\nL'Otan réagit.\n\n{number}\n\nSuite du texte.\n")
    assert code == 0
    assert lines == [f"corpus/a.txt:5: warning: paragraph {number!r} is only a page number (copied from a PDF?); delete it"]


def test_html_markup_in_a_txt(tmp_path):
    code, lines = check(tmp_path, "title T\n\nL'Otan <strong>réagit</strong>.\n\nSuite&nbsp;: <a href=\"x\">ici</a>.\n")
    assert code == 0
    assert lines == ["corpus/a.txt:3: warning: HTML markup '<strong>' in a plain-text article on 2 lines, shown as typed; "
                     "import the page instead (`python build.py import PAGE.html`), or delete the markup"]


def test_numbers_and_compounds_are_not_pasted_mistakes(tmp_path):
    code, lines = check(tmp_path, "title T\n\nEn 2022, l'Otan a vingt-neuf membres - non, trente.\n\n2022\n\nx < y et a > b.\n")
    assert code == 0 and lines == []


# --- headers ----------------------------------------------------------------------------------

@pytest.mark.parametrize("header", [
    "title: La guerre\ndate: 2022-02\ntags: OTAN, UE",
    "Title La guerre\nDate 2022-02\nTags OTAN, UE",
    "titre La guerre\ndate 2022-02\nétiquettes OTAN, UE",
    "TITRE : La guerre\nDate : 24 février 2022\nÉtiquettes : OTAN, UE",
    "Titre: La guerre\ndate 2022-02\nTags OTAN, UE",
])
def test_forgiving_header_forms(tmp_path, header):
    code, lines = check(tmp_path, f"{header}\n\nL'Otan réagit.\n")
    assert code == 0 and lines == []
    markdown = article_page(tmp_path / "page", f"{header}\n\nL'Otan réagit.\n")
    assert "# La guerre" in markdown and "OTAN" in markdown and "UE" in markdown and "2022" in markdown
    assert "La guerre" not in markdown.split("# La guerre", 1)[1]  # not also article text


def test_french_keys_fill_every_field(tmp_path):
    header = "Titre : T\nAuteur : Jeanne Martin\nSource : Le Courrier\nLien : https://x.example/a\nLangue : fr\nDate : 2024-03-05"
    markdown = article_page(tmp_path, f"{header}\n\nL'Otan réagit.\n")
    assert "Jeanne Martin" in markdown and "Le Courrier" in markdown and "https://x.example/a" in markdown


@pytest.mark.parametrize("text, line, shown, key, nearest", [
    ("title T\nauteure Moi\n\nL'Otan réagit.\n", 2, "auteure Moi", "auteure", " (did you mean `auteur`?)"),
    ("Titel: La guerre\n\nL'Otan réagit.\n", 1, "Titel: La guerre", "Titel", " (did you mean `titre`?)"),
    ("title T\nPublié le : 3 mars 2024\n\nL'Otan réagit.\n", 2, "Publié le : 3 mars 2024", "Publié le", ""),
])
def test_a_header_line_that_is_not_understood_is_a_warning_never_text(tmp_path, text, line, shown, key, nearest):
    code, lines = check(tmp_path, text)
    assert code == 0
    assert f"corpus/a.txt:{line}: warning: {shown!r} looks like a header line, but {key!r} is not a key Glose reads{nearest}, so the line " \
           "was left out of the text; write one of title (titre), date, source, author (auteur), url (lien), tags (étiquettes), " \
           "lang (langue), or delete the line" in lines
    assert shown not in article_page(tmp_path / "page", text)


@pytest.mark.parametrize("first", [
    "Source de tensions, la Transnistrie inquiète l'Otan.",
    "Date limite : jeudi, dit l'Otan.",
    "Ukraine : l'Otan réagit.",
    "Bien que l'Otan réagisse, rien ne change.",
])
def test_a_first_sentence_that_starts_like_a_key_stays_text(tmp_path, first):
    markdown = article_page(tmp_path, f"{first}\nSuite.\n\nFin.\n")
    assert first.split(" ")[0] in markdown.split("§1", 1)[1]


def test_the_shipped_first_lines_read_as_before(tmp_path):
    text = "title Invasion de l'Ukraine : l'Otan\n date 2022-02 \"Nous avons aujourd'hui la guerre\" : l'Otan réagit.\n\nFin.\n"
    code, lines = check(tmp_path, text)
    assert code == 0 and lines == []
    markdown = html.unescape(article_page(tmp_path / "page", text))
    assert "# Invasion de l'Ukraine : l'Otan\n" in markdown and "\"Nous avons aujourd'hui la guerre\"" in markdown


# --- derived titles ---------------------------------------------------------------------------

@pytest.mark.parametrize("opening", [
    "© AFP",
    "Photo : Jeanne Martin / AFP",
    "Les quais de Tours sous l'eau, mardi. / AFP",
    "24 février 2022",
    "Publié le 24 février 2022 à 10h05",
    "Par Jeanne Martin",
    "11/30/26, 1:23 PM",
])
def test_a_derived_title_skips_openings_that_are_not_the_article(tmp_path, opening):
    code, lines = check(tmp_path, f"{opening}\n\nL'Otan active ses plans de défense. Suite.\n")
    assert code == 0
    assert [line for line in lines if "has no title" in line] == ["corpus/a.txt:1: warning: has no title; it is shown as \"L'Otan active ses plans de défense.\": "
                     "add a `title ...` line at the top"]


def test_a_derived_title_skips_a_dateline(tmp_path):
    code, lines = check(tmp_path, "BRUXELLES (AFP) - L'Otan active ses plans de défense. Suite.\n")
    assert [line for line in lines if "has no title" in line] == ["corpus/a.txt:1: warning: has no title; it is shown as \"L'Otan active ses plans de défense.\": "
                     "add a `title ...` line at the top"]
