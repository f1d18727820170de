"""`build.py suggest` (issue 14): proposals from the corpus, and stubs written for review only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from glose import pipeline

ROOT = Path(__file__).resolve().parent.parent
ENTRY = "---\nterm: {term}\naliases: [{aliases}]\nsummary: S.\n{extra}---\nDéfinition.\n"
TEXT = """title T

Le Conseil de coopération nordique (CCN) se réunit. Mark Rutte y parle de l'Alliance atlantique.

Le secrétaire général Mark Rutte a rencontré le commandant suprême des forces alliée en Europe.

Pour Mark Rutte, l'alliance atlantique et le flanc oriental comptent. Le flanc oriental tient.

Le CCN et le flanc oriental encore : l'ALLIANCE.
"""


def project(tmp_path: Path) -> Path:
    """A project whose single article holds one case of each kind of proposal."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "glossary").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: T\n", encoding="utf-8")
    (tmp_path / "corpus" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "corpus" / "b.txt").write_text("title B\n\nLe flanc oriental, Mark Rutte.\n", encoding="utf-8")
    entries = {
        "otan": ENTRY.format(term="OTAN", aliases="Alliance atlantique, Alliance", extra="case_sensitive: [Alliance]\n"),
        "saceur": ENTRY.format(term="SACEUR", aliases="commandant suprême des forces alliées en Europe", extra=""),
    }
    for slug, entry in entries.items():
        (tmp_path / "glossary" / f"{slug}.md").write_text(entry, encoding="utf-8")
    return tmp_path


def test_each_kind_of_proposal(tmp_path: Path) -> None:
    _, suggestions = pipeline.suggest(project(tmp_path), minimum=3)
    found = {(s.kind, s.text, s.slug, s.count) for s in suggestions}
    assert ("acronym", "CCN", "", 2) in found
    assert ("name", "Mark Rutte", "", 4) in found
    assert ("phrase", "flanc oriental", "", 4) in found
    assert ("near-miss", "commandant suprême des forces alliée en Europe", "saceur", 1) in found
    assert ("near-miss", "ALLIANCE", "otan", 1) in found
    assert ("over-match", "Alliance atlantique", "otan", 1) in found
    acronym = next(s for s in suggestions if s.kind == "acronym")
    assert acronym.detail == "expansion: Conseil de coopération nordique"
    assert acronym.places[0].startswith("corpus/a.txt:3: …Le Conseil de coopération nordique ([CCN])")


def test_write_makes_stubs_and_never_touches_the_glossary(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "glossary" / "mark-rutte.md").write_text(ENTRY.format(term="M", aliases="x y", extra=""), encoding="utf-8")
    before = {p.name: p.read_text(encoding="utf-8") for p in (root / "glossary").iterdir()}
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "suggest", "--project", str(root), "--write", str(root / "glossary")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Acronyms that the texts explain (1):" in done.stdout
    after = {p.name: p.read_text(encoding="utf-8") for p in (root / "glossary").iterdir()}
    assert {name: after[name] for name in before} == before
    assert sorted(set(after) - set(before)) == ["ccn.md", "propositions.yml"]
    assert 'term: "CCN"\naliases:\n  - "Conseil de coopération nordique"\n' in after["ccn.md"]
    assert "saceur:\n  - \"commandant suprême des forces alliée en Europe\"  # near-miss" in after["propositions.yml"]
