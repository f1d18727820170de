"""`python build.py import PATH...` end to end (issue 13): exit codes, messages, the files
written (and those never overwritten), documents recognised when imported twice, bad files,
files of corpus/ moved to originals/, and a teacher going from a web page, a .docx or a PDF
to a built, annotated page. Every document is made here (tests/import_fixtures.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

import import_fixtures as fx
from support import REPO, run_build_cli, write_project

LOIRE = "---\nterm: Loire\nsummary: Le plus long fleuve de France.\n---\nLa Loire prend sa source au mont Gerbier-de-Jonc.\n"
COMPOST = "---\nterm: compost\nsummary: Engrais fait de déchets organiques.\n---\nLe compost nourrit la terre.\n"
PAGE_NAME = "la-loire-deborde-a-tours-les-quais-fermes"


@pytest.fixture
def project(tmp_path):
    return write_project(tmp_path, glossary={"loire.md": LOIRE, "compost.md": COMPOST})


def run_import(root, *paths) -> tuple[int, list[str]]:
    """`build.py --project root import paths...`: (exit code, lines printed)."""
    code, err = run_build_cli(root, "import", *map(str, paths))
    return code, err.splitlines()


def corpus_files(root) -> list[str]:
    return sorted(p.relative_to(root / "corpus").as_posix() for p in (root / "corpus").rglob("*") if p.is_file())


def page(tmp_path, name="page.html", html=None):
    path = tmp_path / name
    path.write_text(html if html is not None else fx.news_page(), encoding="utf-8")
    return path


# --- what is written ----------------------------------------------------------------------

def test_a_web_page_becomes_an_article_with_its_header(project, tmp_path):
    source = page(tmp_path)
    code, lines = run_import(project, source)
    assert code == 0, lines
    written = f"corpus/{PAGE_NAME}.txt"
    assert lines == [
        f'{source}: imported as {written}: "La Loire déborde à Tours : les quais fermés", 2024-03-05, by Jeanne Martin, '
        f"{fx.SITE}; 6 paragraphs, 137 words",
        "glose: 1 article(s) imported; then run `python build.py` to build the site",
    ]
    text = (project / written).read_text(encoding="utf-8")
    header = (f"title La Loire déborde à Tours : les quais fermés\ndate 2024-03-05\nauthor Jeanne Martin\n"
              f"source {fx.SITE}\nurl {fx.URL}\n\n")
    assert text == header + "\n\n".join((*fx.ARTICLE, fx.HEADING, fx.LAST)) + "\n"


def test_what_could_not_be_found_is_said_with_what_to_do(project, tmp_path):
    code, lines = run_import(project, fx.make_docx(tmp_path / "tri.docx"))
    assert code == 0, lines
    written = "corpus/le-tri-des-dechets-au-college.txt"
    assert lines[0] == (f'{tmp_path / "tri.docx"}: imported as {written}: "{fx.DOC_TITLE}"; 5 paragraphs, 49 words')
    assert f"{written}: warning: no date found; add a line `date YYYY-MM-DD` (or YYYY-MM, or YYYY) at the top of {written}" in lines
    assert f"{written}: note: no author, source or url found; add `author`, `source` and `url` lines at the top if you know them" in lines
    assert f"{written}: note: document's author property: Compte du CDI (not used as the article's author)" in lines
    assert (project / written).read_text(encoding="utf-8").startswith(f"title {fx.DOC_TITLE}\n\n{fx.DOC_BLOCKS[0][1]}\n\n")


def test_a_text_in_windows_1252_is_written_as_utf8_with_a_note(project, tmp_path):
    source = tmp_path / "ancien.txt"
    source.write_bytes(("titre: Le pont\ndate: 3 mars 2024\n\n" + fx.CP1252_TEXT).encode("cp1252"))
    code, lines = run_import(project, source)
    assert code == 0, lines
    assert "corpus/le-pont.txt: note: encoding detected: windows-1252 (written as UTF-8)" in lines
    assert (project / "corpus" / "le-pont.txt").read_text(encoding="utf-8") == (
        "title Le pont\ndate 2024-03-03\n\n" + fx.CP1252_TEXT)


# --- never overwrite; the same document twice -----------------------------------------------

def test_the_same_page_twice_is_recognised_by_its_address(project, tmp_path):
    assert run_import(project, page(tmp_path))[0] == 0
    before = corpus_files(project)
    copy = page(tmp_path, "copie de la page.html", fx.news_page().replace("Météo-France prévoit", "Météo France prévoit"))
    code, lines = run_import(project, copy)
    assert code == 0
    assert lines[0] == (f"{copy}: already imported as corpus/{PAGE_NAME}.txt (the same address, {fx.URL}); nothing written")
    assert lines[-1] == "glose: 0 article(s) imported, 1 already in the corpus"
    assert corpus_files(project) == before


def test_the_same_document_twice_is_recognised_by_its_text(project, tmp_path):
    docx = fx.make_docx(tmp_path / "tri.docx")
    assert run_import(project, docx)[0] == 0
    other = tmp_path / "autre dossier"
    other.mkdir()
    odt = fx.make_odt(other / "tri (copie).odt")  # the same text, another format, another name
    code, lines = run_import(project, odt)
    assert code == 0
    assert lines[0] == f"{odt}: already imported as corpus/le-tri-des-dechets-au-college.txt (the same text); nothing written"
    assert corpus_files(project) == ["le-tri-des-dechets-au-college.txt"]


def test_the_same_document_twice_in_one_run(project, tmp_path):
    first, second = page(tmp_path, "a.html"), page(tmp_path, "b.html")
    code, lines = run_import(project, first, second)
    assert code == 0
    assert lines[1] == f"{second}: already imported as corpus/{PAGE_NAME}.txt (the same address, {fx.URL}); nothing written"


def test_a_different_document_with_the_same_name_gets_a_free_name(project, tmp_path):
    mine = "title La Loire déborde à Tours : les quais fermés\n\nMon propre texte sur la crue.\n"
    (project / "corpus" / f"{PAGE_NAME}.txt").write_text(mine, encoding="utf-8")
    (project / "corpus" / f"{PAGE_NAME}-2.md").write_text("Un autre texte encore.\n", encoding="utf-8")
    code, lines = run_import(project, page(tmp_path))
    assert code == 0, lines
    assert lines[0].split(": ")[1] == f"imported as corpus/{PAGE_NAME}-3.txt"
    assert (project / "corpus" / f"{PAGE_NAME}.txt").read_text(encoding="utf-8") == mine


def test_an_article_of_the_corpus_is_already_there(project):
    (project / "corpus" / "a.txt").write_text("title A\n\nUn texte sur la Loire.\n", encoding="utf-8")
    code, lines = run_import(project, project / "corpus" / "a.txt")
    assert code == 0
    assert lines[0] == f"{project / 'corpus' / 'a.txt'}: already an article of the corpus; nothing to import"


# --- bad files ----------------------------------------------------------------------------

def test_bad_files_are_refused_and_the_good_ones_written(project, tmp_path):
    good = page(tmp_path)
    bad = {
        "abime.docx": (fx.make_corrupt_docx(tmp_path / "abime.docx", fx.make_docx(tmp_path / "bon.docx")),
                       "the Word document is damaged"),
        "scan.pdf": (fx.make_image_pdf(tmp_path / "scan.pdf"), "the PDF has no text layer, only images (a scan?); run text recognition"),
        "secret.pdf": (fx.make_pdf(tmp_path / "secret.pdf", user_password="motdepasse"),
                       "the PDF is protected by a password; open it with its password"),
        "vide.html": (page(tmp_path, "vide.html", fx.empty_page()), "no article text found in the page; the page may build its text with JavaScript"),
        "zero.html": (page(tmp_path, "zero.html", ""), "empty page; save the page again once it has loaded"),
        "secret.odt": (fx.make_encrypted_odt(tmp_path / "secret.odt"), "the document is password-protected; open it in LibreOffice"),
        "cours.rtf": (tmp_path / "cours.rtf", "not a kind of file that can be imported; import one of these: .docx, .htm, .html, .md, .odt, .pdf, .txt"),
        "absent.pdf": (tmp_path / "absent.pdf", "no such file or folder; check the name"),
    }
    (tmp_path / "cours.rtf").write_text("{\\rtf1 Bonjour}")
    code, lines = run_import(project, *(path for path, _ in bad.values()), good)
    assert code == 1
    for path, problem in bad.values():
        assert any(line.startswith(f"{path}: {problem}") for line in lines), (path, lines)
    assert lines[-1] == "glose: 1 article(s) imported, 8 file(s) could not be imported (nothing written for them); then run `python build.py` to build the site"
    assert corpus_files(project) == [f"{PAGE_NAME}.txt"]


def test_an_empty_folder_and_a_missing_command_argument(project, tmp_path):
    (tmp_path / "vide").mkdir()
    code, lines = run_import(project, tmp_path / "vide")
    assert code == 1
    assert lines[0].startswith(f"{tmp_path / 'vide'}: no file to import in this folder; files that can be imported: .docx")
    with pytest.raises(SystemExit) as usage:
        run_build_cli(project, "import")
    assert usage.value.code == 2


def test_a_folder_imports_every_document_in_it(project, tmp_path):
    folder = tmp_path / "à importer"
    (folder / "sous-dossier").mkdir(parents=True)
    page(folder)
    fx.make_docx(folder / "sous-dossier" / "tri.docx")
    fx.make_pdf(folder / "crue.pdf")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / ".cache.html").write_text("<html></html>")
    code, lines = run_import(project, folder)
    assert code == 0, lines
    assert corpus_files(project) == [f"{PAGE_NAME}.txt", "la-loire-sort-de-son-lit.txt", "le-tri-des-dechets-au-college.txt"]


def test_a_failed_write_leaves_no_half_article_and_puts_the_original_back(project, monkeypatch):
    import glose.importing

    def full_disk(article, fallback):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(glose.importing, "article_text", full_disk)
    source = page(project / "corpus", "ma page.html")
    code, lines = run_import(project, source)
    assert code == 1
    assert lines[0] == (f"{source}: could not be written to corpus/ (No space left on device); "
                        "check the permissions and the free space, then import it again")
    assert corpus_files(project) == ["ma page.html"] and not list((project / "originals").iterdir())


# --- files of corpus/ -------------------------------------------------------------------------

def test_a_page_in_corpus_is_imported_and_moved_to_originals(project):
    source = page(project / "corpus", "ma page.html")
    code, err = run_build_cli(project, "check")
    assert "corpus/ma page.html: warning: skipped: a saved web page is not an article yet; import it: " \
           "`python build.py import corpus/ma page.html` writes its text to corpus/ as a .txt article" in err
    code, lines = run_import(project, source)
    assert code == 0, lines
    assert lines[0].startswith(f"{source}: imported as corpus/ma-page.txt:")
    assert f"{source}: moved to originals/ma page.html, which the build does not read (the article is corpus/ma-page.txt)" in lines
    assert corpus_files(project) == ["ma-page.txt"]
    assert (project / "originals" / "ma page.html").read_text(encoding="utf-8") == fx.news_page()
    code, err = run_build_cli(project, "check")
    assert code == 0 and "skipped" not in err


def test_a_text_that_is_not_utf8_in_corpus_is_converted_in_place(project):
    source = project / "corpus" / "ancien.txt"
    data = ("title Le pont\n\n" + fx.CP1252_TEXT).encode("cp1252")
    source.write_bytes(data)
    code, err = run_build_cli(project, "check")
    assert code == 1 and "convert it with `python build.py import corpus/ancien.txt`" in err
    code, lines = run_import(project, source)
    assert code == 0, lines
    assert lines[0].startswith(f"{source}: imported as corpus/ancien.txt:")
    assert source.read_text(encoding="utf-8") == "title Le pont\n\n" + fx.CP1252_TEXT
    assert (project / "originals" / "ancien.txt").read_bytes() == data
    assert run_build_cli(project, "check")[0] == 0


def test_a_web_page_saved_as_txt_is_read_as_a_page(project):
    source = page(project / "corpus", "page.txt")
    code, err = run_build_cli(project, "check")
    assert ("corpus/page.txt:1: warning: is a web page (HTML) saved as text: it would be shown as raw markup; import it: "
            "`python build.py import corpus/page.txt` turns it into a clean article (the page goes to originals/)") in err
    code, lines = run_import(project, source)
    assert code == 0, lines
    assert "corpus/page.txt: note: the file is a web page (HTML): read as one" in lines
    assert (project / "corpus" / "page.txt").read_text(encoding="utf-8").startswith("title La Loire déborde à Tours")


@pytest.mark.parametrize("make, kind", [
    (lambda tmp: fx.make_docx(tmp / "x.docx"), "a Word document"),
    (lambda tmp: fx.make_odt(tmp / "x.odt"), "an OpenDocument text"),
    (lambda tmp: fx.make_pdf(tmp / "x.pdf"), "a PDF document"),
])
def test_a_document_renamed_txt_is_read_as_what_it_is(project, tmp_path, make, kind):
    source = project / "corpus" / "renomme.txt"
    make(tmp_path).rename(source)
    code, err = run_build_cli(project, "check")
    assert code == 1 and "convert it with `python build.py import corpus/renomme.txt`, or open it in its program" in err
    code, lines = run_import(project, source)
    assert code == 0, lines
    assert f"corpus/renomme.txt: note: the file is {kind}: read as one" in lines
    assert run_build_cli(project, "check")[0] == 0


# --- from a document to a built page ------------------------------------------------------------

def teacher(root, source, build_args=("build", "--docs-only")) -> None:
    """`python build.py import FILE && python build.py ...`, in the project folder, as a teacher types it."""
    build = [sys.executable, str(REPO / "build.py")]
    command = f"{subprocess.list2cmdline([*build, 'import', str(source)])} && {subprocess.list2cmdline([*build, *build_args])}"
    run = subprocess.run(command, shell=True, cwd=root, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize("make, name, term", [
    (lambda tmp: page(tmp), PAGE_NAME, "loire"),
    (lambda tmp: fx.make_docx(tmp / "tri.docx"), "le-tri-des-dechets-au-college", "compost"),
    (lambda tmp: fx.make_pdf(tmp / "crue.pdf"), "la-loire-sort-de-son-lit", "loire"),
])
def test_a_teacher_goes_from_a_document_to_an_annotated_page(project, tmp_path, make, name, term):
    teacher(project, make(tmp_path))
    markdown = (project / "docs" / "articles" / f"{name}.md").read_text(encoding="utf-8")
    assert f'data-term="{term}"' in markdown


def test_a_teacher_builds_the_site_from_a_pdf(project, tmp_path):
    """One real build, MkDocs included: the PDF's words cut at line ends are whole on the page."""
    teacher(project, fx.make_pdf(tmp_path / "crue.pdf"), build_args=())
    html = (project / "site" / "articles" / "la-loire-sort-de-son-lit.html").read_text(encoding="utf-8")
    assert "déborde sur les quais" in html and 'data-term="loire"' in html
    assert "dé- borde" not in html and "- 1 -" not in html
    shutil.rmtree(project / "site")
