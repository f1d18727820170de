"""The warnings of `check` that issue 14 added: acronyms without an entry (and the common press
acronyms, headings and datelines it keeps quiet about), forms that find far more than their term."""

from __future__ import annotations

from pathlib import Path

from glose import pipeline

ENTRY = "---\nterm: {term}\naliases: [{aliases}]\nsummary: S.\n{extra}---\nDéfinition.\n"
MKDOCS = "site_name: T\n"


def check(tmp_path: Path, article: str, entries: dict[str, str], mkdocs: str = MKDOCS) -> list[str]:
    """The warnings of `check` on a throwaway project, word for word."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "glossary").mkdir()
    (tmp_path / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    (tmp_path / "corpus" / "a.txt").write_text("title T\n\n" + article, encoding="utf-8")
    for slug, entry in entries.items():
        (tmp_path / "glossary" / f"{slug}.md").write_text(entry, encoding="utf-8")
    return [str(d) for d in pipeline.check(tmp_path).report.warnings]


def otan(aliases: str = "Otan", extra: str = "") -> str:
    return ENTRY.format(term="OTAN", aliases=aliases, extra=extra)


def test_real_gaps_are_named_with_their_place(tmp_path: Path) -> None:
    article = "L'OTAN et le CAN.\n\nLe CAN, selon l'AFP (GMT), et le SHAPE, NDLR.\n"
    assert check(tmp_path, article, {"otan": otan()}) == [
        'corpus/a.txt:3: warning: "CAN" looks like a term with no glossary entry (2 times in this article); add glossary/can.md '
        "or an alias, or list it under `extra: glose: ignore_acronyms:` in mkdocs.yml",
        'corpus/a.txt:5: warning: "SHAPE" looks like a term with no glossary entry; add glossary/shape.md '
        "or an alias, or list it under `extra: glose: ignore_acronyms:` in mkdocs.yml"]


def test_headings_datelines_credits_and_english_names_are_quiet(tmp_path: Path) -> None:
    article = ("WASHINGTON/STOCKHOLM (Reuters) - La NATO et l'OTAN.\n\nCHISINAU, 15 avril. Texte.\n\n"
               "AMÉLIORATIONS À COURT TERME\n\nUne photo (PETRAS MALUKAS/AFP) de LA HAYE.\n")
    assert check(tmp_path, article, {"otan": otan(extra="english: NATO\n")}) == []


def test_a_project_extends_the_quiet_list(tmp_path: Path) -> None:
    mkdocs = MKDOCS + "extra:\n  glose:\n    ignore_acronyms: [CAN, shape]\n"
    assert check(tmp_path, "Le CAN et le SHAPE.\n", {"otan": otan()}, mkdocs) == []


def test_the_quiet_list_must_be_a_list(tmp_path: Path) -> None:
    mkdocs = MKDOCS + "extra:\n  glose:\n    ignore_acronyms: {a: b}\n"
    (tmp_path / "corpus").mkdir()
    (tmp_path / "glossary").mkdir()
    (tmp_path / "mkdocs.yml").write_text(mkdocs, encoding="utf-8")
    try:
        pipeline.check(tmp_path)
    except pipeline.InputError as err:
        assert [str(d) for d in err.report.errors] == [
            "mkdocs.yml:4: extra.glose.ignore_acronyms: write a list, e.g. [GTIA, CEMA]"]
    else:
        raise AssertionError("no error")


def test_short_forms_and_common_words_are_warned_about(tmp_path: Path) -> None:
    entry = ENTRY.format(term="Force", aliases="l, UE, ue2, force de réaction, Plan",
                         extra="case_sensitive: [UE, Plan]\n")
    warnings = check(tmp_path, "La force, l'UE et l'Otan.\n", {"force": entry, "otan": otan("Otan, Alliance", "case_sensitive: [Alliance]\n")})
    assert warnings == [
        "glossary/force.md:2: warning: name 'Force' is a common French word: it is linked wherever the word is used (1 link(s) "
        "in the corpus); write a longer form, or list the capitalised form under `case_sensitive:`",
        "glossary/force.md:3: warning: alias 'l' has only 1 letter(s): it is linked wherever it stands alone (2 link(s) in the "
        "corpus); write the full form"]
