"""A catalogue of bad input: one test each. Errors read `path:line: problem; what to do`, every
problem of a run is reported together, the exit code is 1, and docs/ and site/ stay exactly as
they were (bytes, inodes, dates). Accepted oddities (BOM, CRLF, NFD...) build normally."""

from __future__ import annotations

import os
import re
import shutil
import unicodedata

import pytest

from support import ARTICLE, TERM_OTAN, run_build_cli, tree_snapshot, write_project

UTF8_HINT = "re-save it as UTF-8 (in your editor: Save as, encoding UTF-8; or `iconv -f cp1252 -t utf-8 FILE > NEW`)"
IMPORT_HINT = "convert it with `python build.py import corpus/b.txt`, or " + UTF8_HINT
SUMMARY = "glose: {n} error(s); nothing was written (docs/ and site/ are unchanged)"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """A small valid project, built once (docs/ and site/), copied by each test."""
    root = write_project(tmp_path_factory.mktemp("base"), corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    code, err = run_build_cli(root, "--quiet")
    assert code == 0, err
    return root


@pytest.fixture
def project(built, tmp_path):
    """A fresh copy of the built project."""
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    return root


def problems(stderr: str) -> list[str]:
    """The diagnostic lines of a run (progress and summary lines left out)."""
    return [line for line in stderr.splitlines() if not line.startswith("glose: ")]


def fails_with(root, *expected: str) -> None:
    """The build exits 1, prints exactly these diagnostics, and leaves docs/ and site/ alone."""
    before = {name: tree_snapshot(root / name) for name in ("docs", "site")}
    code, err = run_build_cli(root, "--quiet")
    assert code == 1, err
    assert problems(err) == list(expected)
    errors = sum(": warning: " not in line for line in expected)
    assert err.splitlines()[-1] == SUMMARY.format(n=errors)
    assert {name: tree_snapshot(root / name) for name in ("docs", "site")} == before
    assert not list((root / ".glose").glob("stage-*"))


def builds_with(root, *expected: str) -> str:
    """The build succeeds with exactly these warnings; returns stderr."""
    code, err = run_build_cli(root, "--quiet", "--docs-only")
    assert code == 0, err
    assert problems(err) == list(expected)
    return err


def page(root, slug: str) -> str:
    return (root / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8")


# -- encodings and line ends ------------------------------------------------------------

def test_cp1252_file_names_the_line_of_the_first_bad_byte(project):
    (project / "corpus" / "b.txt").write_bytes(b"title Un titre\n\nLa d\xe9fense \x93collective\x94.\n")
    fails_with(project, f"corpus/b.txt:3: is not UTF-8 (byte 0xE9 in 'La défense “collective”.', probably Windows-1252 or Latin-1); {IMPORT_HINT}")


def test_latin1_markdown_with_crlf_counts_lines_like_an_editor(project):
    data = "---\r\ntitle: Été\r\n---\r\nTexte.\r\n".encode("latin-1")
    (project / "corpus" / "b.md").write_bytes(data)
    fails_with(project, f"corpus/b.md:2: is not UTF-8 (byte 0xC9 in 'title: Été', probably Windows-1252 or Latin-1); {UTF8_HINT}")


def test_old_mac_line_ends_count_as_lines(project):
    (project / "corpus" / "b.txt").write_bytes(b"title T\r\rUn\rtexte \xe0 lire.\r")
    fails_with(project, f"corpus/b.txt:4: is not UTF-8 (byte 0xE0 in 'texte à lire.', probably Windows-1252 or Latin-1); {IMPORT_HINT}")


def test_utf16_file_is_named_as_such(project):
    (project / "corpus" / "b.txt").write_bytes("title T\n\nTexte.\n".encode("utf-16"))
    fails_with(project, 'corpus/b.txt: is saved as UTF-16 ("Unicode" in Notepad), not UTF-8; open it in its program and save it as plain text (.txt, UTF-8) or Markdown (.md)')


@pytest.mark.parametrize("newline", [b"\r\n", b"\r", b"\n"])
def test_byte_order_mark_and_any_line_end_are_accepted(project, newline):
    text = b"\xef\xbb\xbftitle Avec BOM\ndate 2022-02-01\n\nL'Otan se r\xc3\xa9unit.\nSuite.\n\nFin.\n"
    (project / "corpus" / "b.txt").write_bytes(text.replace(b"\n", newline))
    builds_with(project)
    markdown = page(project, "b")
    assert "# Avec BOM\n" in markdown and "\ufeff" not in markdown and "\r" not in markdown
    assert "se réunit. Suite.</p>" in markdown and '<p id="p2" class="glose-para">' in markdown
    assert 'data-term="otan"' in markdown


def test_decomposed_accents_are_normalised_to_nfc(project):
    nfd = unicodedata.normalize("NFD", "title Défense\n\nLa défense de l'Alliance atlantique, été.\n")
    (project / "corpus" / "b.txt").write_bytes(nfd.encode("utf-8"))
    builds_with(project)
    markdown = page(project, "b")
    assert "# Défense\n" in markdown and "La défense de" in markdown and "été." in markdown
    assert unicodedata.is_normalized("NFC", markdown)
    assert '">Alliance atlantique</a>' in markdown


# -- files that are not articles ----------------------------------------------------------

def test_empty_file(project):
    (project / "corpus" / "b.txt").write_bytes(b"")
    fails_with(project, "corpus/b.txt: has no text; add the article's text (or delete the file)")


def test_header_only_file(project):
    (project / "corpus" / "b.txt").write_text("title Seul\ndate 2022-01-01\n", encoding="utf-8")
    fails_with(project, "corpus/b.txt:2: has a header but no text; add the article's text after a blank line below the header")


def test_binary_file(project):
    (project / "corpus" / "b.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    fails_with(project, "corpus/b.txt: holds binary data (NUL bytes), not text; open it in its program and save it as plain text (.txt, UTF-8) or Markdown (.md)")


def test_word_document_saved_as_txt(project):
    (project / "corpus" / "b.txt").write_bytes(b"PK\x03\x04\x14\x00\x06\x00word/document.xml")
    fails_with(project, "corpus/b.txt: is a Word, OpenDocument or zip file, not plain text; convert it with "
               "`python build.py import corpus/b.txt`, or open it in its program and save it as plain text (.txt, UTF-8) or Markdown (.md)")


@pytest.mark.parametrize("name, kind", [("b.docx", "a Word document"), ("b.pdf", "a PDF document"), ("b.html", "a saved web page"),
                                        ("b.HTM", "a saved web page"), ("b.odt", "an OpenDocument text")])
def test_document_in_corpus_is_skipped_with_a_pointer_to_import(project, name, kind):
    (project / "corpus" / name).write_bytes(b"%PDF-1.4 <html>")
    builds_with(project, f"corpus/{name}: warning: skipped: {kind} is not an article yet; import it: "
                f"`python build.py import corpus/{name}` writes its text to corpus/ as a .txt article")
    assert not (project / "docs" / "articles" / "b.md").exists()


@pytest.mark.parametrize("name", ["b.rtf", "b.doc", "notes"])
def test_unsupported_extension_is_skipped_with_a_warning(project, name):
    (project / "corpus" / name).write_bytes(b"{\\rtf1 x}")
    kind = f"a {name[1:]} file" if "." in name else "a file without extension"
    builds_with(project, f"corpus/{name}: warning: skipped: {kind}, and Glose reads only .txt and .md files here; save it as plain text (.txt, UTF-8) to include it")


def test_file_name_that_is_not_a_slug_is_accepted_with_a_warning(project):
    (project / "corpus" / "Défense Collective (2).txt").write_text("title T\n\nTexte.\n", encoding="utf-8")
    builds_with(project, "corpus/Défense Collective (2).txt: warning: file name is not a URL name; its page is articles/defense-collective-2.html (rename it defense-collective-2.txt to silence this)")
    assert "Texte." in page(project, "defense-collective-2")


def test_symlink_leading_outside_the_project_is_refused(project, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("title Secret\n\nNe pas publier.\n", encoding="utf-8")
    os.symlink(secret, project / "corpus" / "b.txt")
    fails_with(project, "corpus/b.txt: is a link to a file outside the project; copy the file into the project instead")


def test_symlinked_folder_is_not_followed(project, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "c.txt").write_text("title C\n\nTexte.\n", encoding="utf-8")
    os.symlink(outside, project / "corpus" / "more")
    builds_with(project, "corpus/more: warning: is a link to a folder, which Glose does not follow; move the files into corpus/ instead")
    assert not (project / "docs" / "articles" / "c.md").exists()


# -- headers ------------------------------------------------------------------------------

def test_unknown_header_key_is_a_warning(project):
    (project / "corpus" / "b.txt").write_text("title T\nautor Moi\n\nTexte.\n", encoding="utf-8")
    builds_with(project, "corpus/b.txt:2: warning: 'autor Moi' looks like a header line, but 'autor' is not a key Glose reads (did you mean `author`?), "
                "so the line was left out of the text; write one of title (titre), date, source, author (auteur), url (lien), "
                "tags (étiquettes), lang (langue), or delete the line")


def test_bad_date(project):
    (project / "corpus" / "b.txt").write_text("title T\ndate 2022-02-30\n\nTexte.\n", encoding="utf-8")
    fails_with(project, "corpus/b.txt:2: bad date '2022-02-30'; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2022-02-24")


def test_bad_date_in_front_matter_is_text_not_a_crash(project):
    (project / "corpus" / "b.md").write_text("---\ntitle: T\ndate: 2022-02-30\n---\nTexte.\n", encoding="utf-8")
    fails_with(project, "corpus/b.md:3: bad date '2022-02-30'; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2022-02-24")


def test_header_key_twice(project):
    (project / "corpus" / "b.txt").write_text("title T\ntitle U\n\nTexte.\n", encoding="utf-8")
    fails_with(project, "corpus/b.txt:2: header key 'title' appears twice (first on line 1); keep only one")


# -- YAML front matter --------------------------------------------------------------------

def test_front_matter_with_a_tab(project):
    (project / "corpus" / "b.md").write_text("---\ntitle: T\ntags:\n\t- a\n---\nTexte.\n", encoding="utf-8")
    fails_with(project, "corpus/b.md:4: front matter is not valid YAML (while scanning for the next token found character '\\t' that cannot start any token); indent with spaces, not tabs")


def test_front_matter_with_an_unclosed_quote_points_at_the_quote(project):
    (project / "corpus" / "b.md").write_text('---\ntitle: "Le titre\ndate: 2022\n---\nTexte.\n', encoding="utf-8")
    fails_with(project, 'corpus/b.md:2: front matter is not valid YAML (while scanning a quoted scalar found unexpected end of stream); close the quote, or put the value in double quotes and escape inner ones as \\"')


def test_front_matter_with_a_duplicate_key(project):
    (project / "glossary" / "b.md").write_text("---\nterm: Bouclier\nsummary: Un.\nsummary: Deux.\n---\nDéfinition.\n", encoding="utf-8")
    fails_with(project, "glossary/b.md:4: key 'summary' appears twice (first on line 3); keep only one")


def test_front_matter_string_where_a_list_is_expected(project):
    (project / "glossary" / "b.md").write_text("---\nterm: Bouclier\naliases: bouclier antimissile\nsummary: Un.\n---\nDéfinition.\n", encoding="utf-8")
    fails_with(project, "glossary/b.md:3: 'aliases' should be a list; write one `  - item` line per item under `aliases:`")


def test_front_matter_yaml_tags_and_odd_keys_are_refused(project):
    (project / "glossary" / "b.md").write_text(
        "---\nterm: !!python/object:os.system Bouclier\n[a, b]: x\n'': y\nsummary: Un.\n---\nDéfinition.\n", encoding="utf-8")
    fails_with(
        project,
        "glossary/b.md:2: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed here; remove it and write the value as plain text",
        "glossary/b.md:3: a list or mapping is not a field name; write `name: value` with one of the names the README lists",
        "glossary/b.md:4: '' is not a field name; write `name: value` with one of the names the README lists",
    )


def test_yaml_1_1_booleans_and_numbers_stay_text(project):
    (project / "glossary" / "no.md").write_text("---\nterm: No\nenglish: 1e3\nsummary: 010\n---\nDéfinition.\n", encoding="utf-8")
    builds_with(project, "glossary/no.md:2: warning: name 'No' has only 2 letter(s): it is linked wherever it stands "
                "alone; write the full form, or make it case sensitive")  # issue 14: a real two-letter name
    markdown = (project / "docs" / "glossary" / "no.md").read_text(encoding="utf-8")
    assert "# No\n" in markdown and ">1e3<" in markdown and ">010</p>" in markdown


# -- glossary entries ---------------------------------------------------------------------

def test_empty_alias_and_punctuation_alias(project):
    (project / "glossary" / "b.md").write_text(
        '---\nterm: Bouclier\naliases:\n  -\n  - ""\n  - "..."\nsummary: Un.\n---\nDéfinition.\n', encoding="utf-8")
    fails_with(
        project,
        "glossary/b.md:4: 'aliases' has an empty item; write `  - text`, one item a line, or remove it",
        "glossary/b.md:5: alias '' has no letter or digit; remove it or write the word",
        "glossary/b.md:6: alias '...' has no letter or digit; remove it or write the word",
    )


def test_term_made_only_of_punctuation(project):
    (project / "glossary" / "b.md").write_text("---\nterm: '?!'\nsummary: Un.\n---\nDéfinition.\n", encoding="utf-8")
    fails_with(project, "glossary/b.md:2: term '?!' has no letter or digit; write the word as it appears in the articles")


def test_term_differing_only_by_case_or_accents(project):
    (project / "glossary" / "otan-bis.md").write_text("---\nterm: OTAN\nsummary: Un.\n---\nDéfinition.\n", encoding="utf-8")
    (project / "glossary" / "zz.md").write_text("---\nterm: Bouclier\naliases:\n  - Bouclier\n  - Alliance Atlantiqué\nsummary: Un.\n---\nDéfinition.\n", encoding="utf-8")
    fails_with(
        project,
        "glossary/otan-bis.md:2: 'OTAN' is also a name or alias of glossary/otan.md:2 (case, accents and hyphens are ignored); keep it in one entry only",
        "glossary/zz.md:5: 'Alliance Atlantiqué' is also a name or alias of glossary/otan.md:4 (case, accents and hyphens are ignored); keep it in one entry only",
    )


def test_every_problem_of_a_run_is_reported_together(project):
    (project / "corpus" / "b.txt").write_bytes(b"caf\xe9\n")
    (project / "corpus" / "c.txt").write_text("title T\ndate demain\n\nTexte.\n", encoding="utf-8")
    (project / "corpus" / "d.md").write_text("---\ntitle: [a\n---\nTexte.\n", encoding="utf-8")
    (project / "glossary" / "e.md").write_text("---\nterm: E\n---\n", encoding="utf-8")
    (project / "corpus" / "f.odt").write_bytes(b"PK")
    fails_with(
        project,
        f"corpus/b.txt:1: is not UTF-8 (byte 0xE9 in 'café', probably Windows-1252 or Latin-1); {IMPORT_HINT}",
        "corpus/c.txt:2: bad date 'demain'; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2022-02-24",
        "corpus/d.md:2: front matter is not valid YAML (while parsing a flow sequence expected ',' or ']', but got '<stream end>'); check the indentation and the quotes on this line, or put the value in double quotes",
        "corpus/f.odt: warning: skipped: an OpenDocument text is not an article yet; import it: `python build.py import corpus/f.odt` writes its text to corpus/ as a .txt article",
        "glossary/e.md:1: 'summary' is missing; add a line `summary: one sentence shown as the tooltip` to the front matter",
        "glossary/e.md:3: has no definition; write it in Markdown after the closing `---`",
    )


def test_file_name_that_is_not_utf8_or_holds_a_line_break(project):
    corpus = bytes(project / "corpus")
    for name in (b"caf\xe9.txt", b"deux\nlignes.txt"):
        with open(os.path.join(corpus, name), "wb") as handle:
            handle.write(b"title T\n\nTexte.\n")
    fails_with(
        project,
        "corpus/caf\ufffd.txt: the file name is not valid UTF-8 or holds a line break or control character; rename the file",
        "corpus/deux?lignes.txt: the file name is not valid UTF-8 or holds a line break or control character; rename the file",
    )


# -- teacher notes ------------------------------------------------------------------------

def test_notes_file_whose_quote_is_missing(project):
    (project / "corpus" / "a.notes.yml").write_text(
        "- quote: se réunit aujourd'hui\n  note: Bien.\n- quote: n'existe pas\n  note: Perdue.\n", encoding="utf-8")
    fails_with(project, 'corpus/a.notes.yml:3: quote "n\'existe pas" not found in corpus/a.txt; copy the words exactly as in the article')


def test_note_prefix_or_suffix_of_the_wrong_type_is_an_error_not_a_traceback(project):
    """Issue 11, item 6: `prefix: true` or `suffix: [a, b]` crashed with AttributeError."""
    (project / "corpus" / "a.notes.yml").write_text(
        "- quote: Otan\n  prefix: true\n  note: x\n- quote: Otan\n  suffix: [a, b]\n  note: y\n", encoding="utf-8")
    fails_with(
        project,
        'corpus/a.notes.yml:2: `prefix: true` reads as yes/no, not as text; put the words in quotes: `prefix: "true"`',
        "corpus/a.notes.yml:5: `suffix:` should be text, not a list; write `suffix: words` on one line",
    )


def test_every_note_field_is_type_checked_at_its_line(project):
    (project / "corpus" / "a.notes.yml").write_text(
        "- quote: [Otan]\n  note: {a: b}\n  kind: [note]\n  autre: 1\n- quote: Otan\n  note: false\n", encoding="utf-8")
    fails_with(
        project,
        "corpus/a.notes.yml:1: `quote:` should be text, not a list; write `quote: words` on one line",
        "corpus/a.notes.yml:2: `note:` should be text, not a set of `name: value` pairs; write `note: words` on one line",
        "corpus/a.notes.yml:3: kind a list is not one of note, question, vocabulaire; write `kind: note`, `kind: question` or `kind: vocabulaire` (or leave it out)",
        "corpus/a.notes.yml:4: unknown key 'autre' in a note (did you mean `quote`?); use quote, prefix, suffix, note, kind",
        'corpus/a.notes.yml:6: `note: false` reads as yes/no, not as text; put the words in quotes: `note: "false"`',
    )


# -- YAML built to hang or fill the memory ---------------------------------------------------

def _alias_bomb(depth: int) -> str:
    """460 bytes at depth 30 that expand to 2**30 strings when turned into text."""
    anchors = ", ".join(["&b0 [lol, lol]"] + [f"&b{i} [*b{i - 1}, *b{i - 1}]" for i in range(1, depth)])
    return f"[{anchors}]"


def test_yaml_alias_bomb_is_refused_at_its_line(project):
    """Issue 11, item 3: nested anchors in a yes/no field or a note's kind took 13 s and 470 MB
    at depth 24, and never finished at depth 30 (the value was turned into text for the message)."""
    bomb = _alias_bomb(30)
    (project / "glossary" / "bombe.md").write_text(f"---\nterm: Bombe\nsummary: Une.\ncase_sensitive: {bomb}\n---\nDéfinition.\n", encoding="utf-8")
    (project / "corpus" / "b.md").write_text(f"---\ntitle: {bomb}\n---\nTexte.\n", encoding="utf-8")
    (project / "corpus" / "a.notes.yml").write_text(f"- quote: Otan\n  note: x\n  kind: {bomb}\n", encoding="utf-8")
    alias = "uses a YAML alias (`*b0`); write the value itself (anchors `&` and aliases `*` are not used here)"
    fails_with(project, f"corpus/a.notes.yml:3: the notes file {alias}", f"corpus/b.md:2: front matter {alias}",
               f"glossary/bombe.md:4: front matter {alias}")


def test_a_yes_no_field_quotes_a_bad_value_briefly(project):
    (project / "glossary" / "b.md").write_text("---\nterm: B\nsummary: Un.\ncase_sensitive: " + "oui " * 100 + "\n---\nD.\n", encoding="utf-8")
    (project / "glossary" / "c.md").write_text("---\nterm: C\nsummary: Un.\nplurals: [a, b]\n---\nD.\n", encoding="utf-8")
    fails_with(
        project,
        "glossary/b.md:4: 'case_sensitive' should be true or false, not 'oui oui oui oui oui oui oui oui oui oui…'; write `case_sensitive: true` or `case_sensitive: false`",
        "glossary/c.md:4: 'plurals' should be true or false, not a list; write `plurals: true` or `plurals: false`",
    )


def test_yaml_alias_bomb_in_mkdocs_yml_is_refused_before_mkdocs_reads_it(project):
    """MkDocs copies and checks every value of mkdocs.yml: an alias bomb there never finished."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("site_description: Corpus annoté et glossaire\n", "")
    config.write_text(text + f"site_description: {_alias_bomb(30)}\ncopyright: &c [*c]\n", encoding="utf-8")
    lines = len(text.splitlines())
    too_big = "its YAML aliases (`*name`) expand to more than 100,000 values, or into themselves; write the values out, without `&` and `*`"
    fails_with(project, f"mkdocs.yml:{lines + 1}: site_description: {too_big}", f"mkdocs.yml:{lines + 2}: copyright: {too_big}")


def test_deeply_nested_mkdocs_yml_is_a_message_not_a_traceback(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "copyright: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    fails_with(project, "mkdocs.yml: cannot be read (RecursionError); fix the file (it must be UTF-8 YAML)")


# -- files that are not files ----------------------------------------------------------------

def test_fifo_socket_and_link_to_a_fifo_are_skipped_not_waited_for(project, run_cli, monkeypatch):
    """Issue 11, item 4: `mkfifo corpus/pipe.txt` made build and check wait forever."""
    import socket

    os.mkfifo(project / "corpus" / "pipe.txt")
    os.mkfifo(project / "corpus" / "a.notes.yml")
    os.mkfifo(project / "fifo")
    os.symlink(project / "fifo", project / "corpus" / "lien.md")
    os.mkfifo(project / "docs" / "pipe.md")
    (project / "docs" / ".glose-manifest.json").unlink()
    os.mkfifo(project / "docs" / ".glose-manifest.json")
    monkeypatch.chdir(project / "corpus")  # a socket's path must be short: bind it relative
    server = socket.socket(socket.AF_UNIX)
    server.bind("sock.txt")
    skipped = "not a file (reading it could wait forever); delete it, or put the text in a regular file"
    expected = [f"corpus/a.notes.yml: warning: skipped: a named pipe (FIFO), {skipped}",
                f"corpus/lien.md: warning: skipped: a named pipe (FIFO), {skipped}",
                f"corpus/pipe.txt: warning: skipped: a named pipe (FIFO), {skipped}",
                f"corpus/sock.txt: warning: skipped: a socket, {skipped}"]
    try:
        code, err = run_cli(project, "check")
        assert code == 0 and problems(err) == expected, err
        builds_with(project, *expected)
    finally:
        server.close()
    assert (project / "docs" / "articles" / "a.md").is_file()


def test_a_fifo_found_where_a_file_was_is_an_error_not_a_wait(project):
    from glose.diagnostics import Report
    from glose.read.sources import read_text

    os.mkfifo(project / "corpus" / "b.txt")  # as if made between the listing and the reading
    report = Report()
    assert read_text(project / "corpus" / "b.txt", project, report) is None
    assert [str(d) for d in report.items] == ["corpus/b.txt: is a named pipe (FIFO); Glose reads only regular files: delete it"]


# -- tags and names in other scripts -----------------------------------------------------------

def test_every_tag_has_its_own_page_and_none_replaces_an_index(project, run_cli):
    """Issue 11, item 8: a tag `Index` replaced tags/index.md; Україна, Росія, 日本 and — merged
    into one tags/sans-nom.md listing the article 4 times, and the article linked to ../tags/.html."""
    (project / "corpus" / "b.txt").write_text("title B\ntags Index, Україна, Росія, 日本, —, OTAN, Otan\n\nTexte.\n", encoding="utf-8")
    assert run_cli(project, "--quiet")[0] == 0  # MkDocs too: every link between the pages resolves
    tags = project / "docs" / "tags"
    pages = {p.name: p.read_text(encoding="utf-8") for p in tags.iterdir()}
    assert pages["index.md"].startswith("# Thèmes\n")
    names = {"theme--1bc04b52.md": "Index", "ukraina.md": "Україна", "rosiya.md": "Росія", "riben.md": "日本",
             "theme--bda05058.md": "—", "otan.md": "OTAN"}
    assert sorted(pages) == sorted(["index.md", *names])
    for name, tag in names.items():
        assert pages[name].startswith(f"# Thème : {tag}\n"), name
        assert pages[name].count('href="../articles/b.html"') == 1, name
        assert f"({name})" in pages["index.md"]
    article = (project / "docs" / "articles" / "b.md").read_text(encoding="utf-8")
    links = re.findall(r'href="\.\./tags/([^"]*)\.html">([^<]*)<', article)
    assert links == [(n[:-3], t) for n, t in names.items()]
    assert (project / "site" / "tags" / "ukraina.html").is_file()
    assert (project / "site" / "articles" / "b.html").is_file()  # what the tag pages link to


def test_a_file_name_in_another_script_gets_a_transliterated_page_name(project):
    """Issue 11, item 12: `corpus/Статья.txt` was told its name had no letter or digit."""
    (project / "corpus" / "Статья.txt").write_text("title Статья\n\nТекст.\n", encoding="utf-8")
    (project / "corpus" / "—.txt").write_text("title Tiret\n\nTexte.\n", encoding="utf-8")
    warning = "corpus/Статья.txt: warning: file name is not a URL name; its page is articles/stat-ya.html (rename it stat-ya.txt to silence this)"
    fails_with(project, warning, "corpus/—.txt: the file name has no letter or digit to make a page name from; rename the file")
    (project / "corpus" / "—.txt").unlink()
    builds_with(project, warning)
    assert "Текст." in page(project, "stat-ya")


# -- notes files that no article reads -------------------------------------------------------

def test_notes_file_that_no_article_reads_names_the_article_it_should_match(project):
    """Issue 11, item 11: these notes were dropped without a word (X.NOTES.yml was told to
    "save it as .txt")."""
    (project / "corpus" / "otan-invasion-ukraine-2022-02.txt").write_text("title O\n\nTexte.\n", encoding="utf-8")
    note = "- quote: Texte\n  note: x\n"
    for rel in ("otan-invasion-ukraine.notes.yml", "A.NOTES.yml", "sub/a.notes.yml", "zzz.notes.yaml"):
        (project / "corpus" / rel).parent.mkdir(exist_ok=True)
        (project / "corpus" / rel).write_text(note, encoding="utf-8")
    (project / "corpus" / "a.notes.yml").write_text("- quote: Otan\n  note: lue\n", encoding="utf-8")
    (project / "corpus" / "a.txt").rename(project / "corpus" / "a.TXT")  # still read, and its notes too
    fails_with(
        project,
        "corpus/A.NOTES.yml: is not read: no article is named A.txt or A.md; if these are the notes of corpus/a.TXT, rename it a.notes.yml",
        "corpus/otan-invasion-ukraine.notes.yml: is not read: no article is named otan-invasion-ukraine.txt or otan-invasion-ukraine.md; "
        "if these are the notes of corpus/otan-invasion-ukraine-2022-02.txt, rename it otan-invasion-ukraine-2022-02.notes.yml",
        "corpus/sub/a.notes.yml: is not read: notes are read beside their article; move it to the folder of corpus/a.TXT",
        "corpus/zzz.notes.yaml: is not read: no article is named zzz.txt or zzz.md; name it after its article (<article>.notes.yml, beside it), or delete it",
    )


def test_notes_file_in_the_wrong_case_beside_its_article(project):
    (project / "corpus" / "b.txt").write_text("title B\n\nTexte.\n", encoding="utf-8")
    (project / "corpus" / "b.Notes.yml").write_text("- quote: Texte\n  note: x\n", encoding="utf-8")
    fails_with(project, "corpus/b.Notes.yml: is not read: a notes file is named exactly <article>.notes.yml; rename it b.notes.yml")


def test_bidirectional_controls_never_reach_a_title(project, run_cli):
    """Issue 11, item 14: U+202E and its kin reached <title>, where they show text reordered."""
    (project / "corpus" / "b.txt").write_text("title Les \u202egnp.exe\u202c et \u2067Otan\u2069\ntags a\u202eb\n\nTexte \u202dici.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: Glose", "site_name: Glose \u202e"), encoding="utf-8")
    removed = "warning: invisible characters removed ({}); check the text around them"
    fails_with(project,
               "corpus/b.txt:1: " + removed.format("U+202E RIGHT-TO-LEFT OVERRIDE, U+202C POP DIRECTIONAL FORMATTING, "
                                                   "U+2067 RIGHT-TO-LEFT ISOLATE, U+2069 POP DIRECTIONAL ISOLATE"),
               "corpus/b.txt:2: " + removed.format("U+202E RIGHT-TO-LEFT OVERRIDE"),
               "corpus/b.txt:4: " + removed.format("U+202D LEFT-TO-RIGHT OVERRIDE"),
               "mkdocs.yml:3: site_name: holds U+202E, an invisible character that reorders the text around it; delete it")
    config.write_text(config.read_text(encoding="utf-8").replace(" \u202e", ""), encoding="utf-8")
    assert run_cli(project, "--quiet")[0] == 0
    html = (project / "site" / "articles" / "b.html").read_text(encoding="utf-8")
    assert "<title>Les gnp.exe et Otan - Glose</title>" in html
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", "".join(p.read_text(encoding="utf-8") for p in (project / "docs").rglob("*.md")))


def test_file_name_with_a_bidirectional_control_is_refused(project):
    (project / "corpus" / "b\u202etxt.md").write_text("title B\n\nTexte.\n", encoding="utf-8")
    fails_with(project, "corpus/b?txt.md: the file name is not valid UTF-8 or holds a line break or control character; rename the file")


def test_a_file_name_too_long_for_its_pages_is_found_by_check(project, run_cli):
    """Issue 11, item 12: at 241 characters `check` found nothing and `build` failed with "File
    name too long; check the permissions and the free space"; at 250 it named a .notes.yml
    file that does not exist. Long tags get a shortened page name."""
    for length in (241, 250):
        (project / "corpus" / ("a" * length + ".txt")).write_text("title Long\ntags " + "b" * 300 + "\n\nTexte.\n", encoding="utf-8")
    too_long = ("the file name is too long: its page name would be {n} characters, and file names stop at 255 "
                "(Glose adds -vocabulaire.csv); rename the file to at most 200 characters")
    expected = [f"corpus/{'a' * n}.txt: {too_long.format(n=n)}" for n in (241, 250)]
    code, err = run_cli(project, "check")
    assert code == 1 and problems(err) == expected
    fails_with(project, *expected)
    for path in (project / "corpus").glob("aaa*"):
        path.rename(path.with_name("long.txt"))
    builds_with(project)
    assert [p.name for p in (project / "docs" / "tags").glob("b*")] == ["b" * 120 + "--" + "dccc1450.md"]


# -- notes in Markdown paragraphs ------------------------------------------------------------

def _paragraph_html(root, slug: str):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((root / "site" / "articles" / f"{slug}.html").read_text(encoding="utf-8"), "html.parser")
    return page.find(id="p1")


def test_a_literal_number_in_parentheses_is_split_only_where_it_shows(project, run_cli):
    """Issue 11, item 9: in a .md paragraph with notes, the split of a literal "(1)" went inside
    code (`print(<span class="glose-nomark"></span>1)` on the page) and link addresses."""
    (project / "corpus" / "md-art.md").write_text(
        "---\ntitle: M\n---\nVoir [le lien (1)](https://example.org/a(2)b) ici, et `print(1) < 2` là, "
        "https://example.org/x(3) et (4) <b title=\"(5)\">b</b>.\n", encoding="utf-8")
    (project / "corpus" / "md-art.notes.yml").write_text("- quote: ici\n  note: Un.\n", encoding="utf-8")
    assert run_cli(project, "--quiet")[0] == 0
    paragraph = _paragraph_html(project, "md-art")
    assert paragraph.find("a", href=re.compile("^https:"))["href"] == "https://example.org/a(2)b"
    assert paragraph.find("code").get_text() == "print(1) < 2"
    assert paragraph.find("b")["title"] == "(5)"
    assert " ".join(paragraph.get_text().split()) == "§1 Voir le lien (1) ici(1), et print(1) < 2 là, https://example.org/x(3) et (4) b."
    assert len(paragraph.select("span.glose-nomark")) == 4  # link text, code, address, text


def test_a_quote_that_cuts_a_link_or_code_highlights_it_whole(project, run_cli):
    """Issue 11, item 12: a quote cutting a Markdown link broke it, and MkDocs' message named
    docs/articles/md-art.md, a file never written, instead of the notes file."""
    (project / "corpus" / "md-art.md").write_text(
        "---\ntitle: M\n---\nVoir [le lien](https://example.org/a) ici, et `print(x)` là.\n", encoding="utf-8")
    (project / "corpus" / "md-art.notes.yml").write_text(
        "- quote: lien](https://example.org/a) ici\n  note: Un.\n- quote: (x)` là\n  note: Deux.\n", encoding="utf-8")
    assert run_cli(project, "--quiet")[0] == 0
    marks = _paragraph_html(project, "md-art").find_all("mark")
    assert [(m.get_text(), [e.name for e in m.find_all(True)]) for m in marks] == [("le lien ici", ["a"]), ("print(x) là", ["code"])]
    assert marks[0].find("a")["href"] == "https://example.org/a"


# -- sizes (issue 11, item 5; the times are in bench/hostile.py) ------------------------------

def test_an_article_too_large_to_be_a_reading_text_is_refused(project):
    """One paragraph of 2 MB took minutes; 100,000 short paragraphs, 307 s in MkDocs."""
    (project / "corpus" / "long.txt").write_text("title Long\n\n" + "mot " * 250_001 + "\n", encoding="utf-8")
    (project / "corpus" / "many.txt").write_text("title Beaucoup\n\n" + "\n\n".join(["Ligne."] * 5_001) + "\n", encoding="utf-8")
    (project / "corpus" / "many-md.md").write_text("# Beaucoup\n\n" + "\n\n".join(["Ligne."] * 5_000) + "\n", encoding="utf-8")
    fails_with(
        project,
        "corpus/long.txt: is 1,000,017 characters long; an article has at most 1,000,000 (about 160,000 words): split it into several files",
        "corpus/many.txt: has 5,001 paragraphs; an article has at most 5,000: split it into several files",
    )


def test_a_name_or_alias_of_more_than_12_words_is_refused(project):
    """200 nested aliases ("mot", "mot mot", ...) on a 400 KB article took 3 GB and 20 s."""
    aliases = "".join(f"  - {' '.join(['mot'] * n)}\n" for n in range(2, 15))
    (project / "glossary" / "mot.md").write_text(f"---\nterm: {'un ' * 13}mot\naliases:\n{aliases}summary: Un.\n---\nD.\n", encoding="utf-8")
    fails_with(
        project,
        "glossary/mot.md:2: term 'un un un un un un un un un un un un un …' has 14 words; a name or an alias has at most 12: shorten it (it is looked for in every text)",
        "glossary/mot.md:15: alias 'mot mot mot mot mot mot mot mot mot mot…' has 13 words; a name or an alias has at most 12: shorten it (it is looked for in every text)",
        "glossary/mot.md:16: alias 'mot mot mot mot mot mot mot mot mot mot…' has 14 words; a name or an alias has at most 12: shorten it (it is looked for in every text)",
    )


def test_a_quote_is_found_at_every_place_even_overlapping(project):
    """Quotes are now found in one pass over the text, at every place: a regex per note found
    non-overlapping places only, so "la la" after "la" was never found."""
    (project / "corpus" / "b.txt").write_text("title B\n\nOn chante la la la, et voilà.\n", encoding="utf-8")
    (project / "corpus" / "b.notes.yml").write_text("- quote: la la\n  prefix: chante la\n  note: La fin.\n- quote: la la\n  note: Où ?\n", encoding="utf-8")
    fails_with(project, 'corpus/b.notes.yml:4: quote "la la" found 2 times in corpus/b.txt: §1 (line 3) «On chante [la la] la, '
                        'et voilà.»; §1 (line 3) «On chante la [la la], et voilà.»; add `prefix:` (the words just before) '
                        'or `suffix:` (just after) to say which')
    (project / "corpus" / "b.notes.yml").write_text("- quote: la la\n  prefix: chante la\n  note: La fin.\n", encoding="utf-8")
    builds_with(project)
    assert 'On chante la <mark class="glose-quote">la la</mark>(1), et voilà.' in page(project, "b")


def test_the_concordance_reads_a_window_around_each_mention_even_in_markdown(monkeypatch):
    """Each mention's context was read from the whole Markdown paragraph: 51 s for 200 KB. Now a
    window around it, never cutting a link, gives the same words with work linear in the mentions."""
    from glose.annotate import concordance as module
    from glose.model import AnnotatedArticle, Article, Mention, Paragraph, ParagraphKind

    text = " ".join(f"[lien {i}](https://example.org/{i}) un *mot* Otan" if i % 7 == 0 else f"mot{i} Otan" for i in range(3000))
    mentions = tuple(Mention(m.start(), m.end(), "otan", "Otan") for m in re.finditer("Otan", text))
    paragraph = Paragraph(1, text, 1, ParagraphKind.PROSE)
    article = AnnotatedArticle(Article("a", "corpus/a.md", "A", True, "", (paragraph,), format="md"), (mentions,))
    read = []
    words = module._words
    monkeypatch.setattr(module, "_words", lambda part, p: read.append(len(part)) or words(part, p))
    windowed = module.concordance((article,))["otan"]
    assert sum(read) < 4 * (2 * module._WINDOW) * len(mentions)
    monkeypatch.setattr(module, "_WINDOW", 10 * len(text))  # the whole paragraph each time
    assert module.concordance((article,))["otan"] == windowed


def test_a_mkdocs_warning_on_a_generated_page_names_its_source(project):
    """Issue 11, item 12: MkDocs' messages named docs/articles/<page>.md, a file never written
    (the build stopped before the swap), instead of the source to fix."""
    (project / "corpus" / "md-art.md").write_text("---\ntitle: M\n---\nVoir [la page](manquante.md).\n", encoding="utf-8")
    before = {name: tree_snapshot(project / name) for name in ("docs", "site")}
    code, err = run_build_cli(project, "--quiet")
    assert code == 1 and {name: tree_snapshot(project / name) for name in ("docs", "site")} == before
    assert err.splitlines() == [
        "corpus/md-art.md: MkDocs warning on its page articles/md-art.md: Doc file 'articles/md-art.md' contains a link "
        "'manquante.md', but the target 'articles/manquante.md' is not found among documentation files; fix it in "
        "corpus/md-art.md (or in its notes file)",
        "mkdocs.yml: MkDocs failed: Aborted with 1 warnings in strict mode!; fix the problems above and build again",
    ]
