"""The glossary assistant's output: its proposals as text, and (`--write DIR`) as files for review.

`write` puts in DIR one stub entry `<slug>.md` for each proposed new entry (an acronym with its
expansion, a recurring name) and `propositions.yml` with the proposed aliases and case rules of
existing entries. It never writes over a file, and never into a glossary entry that exists:
stubs whose slug is already an entry are left out.
"""

from __future__ import annotations

from pathlib import Path

from ..folding import slugify
from .proposals import Suggestion
from ..i18n import N_, _

TITLES = {
    "acronym": N_("Acronyms that the texts explain"),
    "name": N_("Recurring names that no entry finds"),
    "phrase": N_("Recurring phrases that no entry finds"),
    "near-miss": N_("Near-misses of existing forms"),
    "over-match": N_("Aliases that may over-match"),
}
"""The heading of each kind of proposal, in the order they are shown."""

PROPOSALS = "propositions.yml"
"""The file of alias proposals that `--write` puts beside the stubs."""


def as_text(suggestions: list[Suggestion]) -> str:
    """The proposals, kind by kind: count, form, entry, detail, then the first places."""
    lines = []
    for kind, title in TITLES.items():
        chosen = [s for s in suggestions if s.kind == kind]
        if not chosen:
            continue
        lines.append(f"\n{_(title)} ({len(chosen)}):")
        for s in chosen:
            where = f" -> {s.slug}" if s.slug else _(" (new entry)") if kind in ("acronym", "name") else ""
            detail = f"  [{s.detail}]" if s.detail else ""
            lines.append(f"  {s.count:4}  {s.text}{where}{detail}")
            lines += [f"          {place}" for place in s.places]
    return "\n".join(lines).lstrip("\n") + "\n" if lines else _("Nothing to propose.") + "\n"


def write(suggestions: list[Suggestion], into: Path, glossary: Path) -> list[Path]:
    """Write the stubs and the alias proposals into `into` (created if needed); return the
    files written."""
    into.mkdir(parents=True, exist_ok=True)
    written = []
    for s in suggestions:
        if s.kind not in ("acronym", "name") or s.slug:
            continue
        slug = slugify(s.text)
        path = into / f"{slug}.md"
        if not slug or path.exists() or (glossary / f"{slug}.md").exists():
            continue
        path.write_text(_stub(s), encoding="utf-8")
        written.append(path)
    proposals = [s for s in suggestions if s.slug]
    path = into / PROPOSALS
    if proposals and not path.exists():
        path.write_text(_proposals(proposals), encoding="utf-8")
        written.append(path)
    return written


def _stub(s: Suggestion) -> str:
    """A glossary entry to complete: the name, the expansion as an alias, placeholders."""
    expansion = s.detail.removeprefix(_("expansion: {text}").format(text="")) if s.kind == "acronym" else ""
    aliases = f"aliases:\n  - {_quoted(expansion)}\n" if expansion else ""
    places = "\n".join(f"- {place}" for place in s.places)
    return (f"---\nterm: {_quoted(s.text)}\n{aliases}summary: \"À écrire : une phrase de 200 caractères au plus.\"\n"
            f"english: \"\"\nsee_also: []\ntags: []\n---\n"
            f"À écrire. Proposé par `build.py suggest` : {s.count} fois dans le corpus, par exemple :\n\n{places}\n")


def _proposals(suggestions: list[Suggestion]) -> str:
    """Alias proposals by entry, as YAML lists to copy into the entries, with why as comments."""
    lines = ["# " + _("Proposals of `build.py suggest` for existing entries: copy what you keep into glossary/<slug>.md."),
             "# " + _("Near-misses and acronym expansions are alias candidates; over-matches suggest `case_sensitive:`.")]
    for slug in sorted({s.slug for s in suggestions}):
        lines.append(f"{slug}:")
        for s in (s for s in suggestions if s.slug == slug):
            lines.append(f"  - {_quoted(s.text)}  # " + _("{kind}, {count} time(s): {detail}").format(kind=s.kind, count=s.count, detail=s.detail))
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    """A YAML double-quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
