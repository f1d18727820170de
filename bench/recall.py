"""Recall and precision of Glose's term finding against a hand-annotated development set (issue 14).

    python bench/recall.py DEVSET_DIR [--project PROJECT_DIR] [--slugs a,b,c] [--json OUT]
                           [--nested-are-errors]

DEVSET_DIR/gold/*.txt are articles in Glose's plain-text format (header lines, a blank line,
paragraphs separated by blank lines) with every mention marked inline by hand:

    [[surface text|slug]]                       a mention of one glossary entry
    [[articles 4 et 5|article-4,article-5]]     a coordinated form: one mention of each slug
    [[flanc oriental de l'[[OTAN|otan]]|flanc-oriental]]
                                                nested: counted as flanc-oriental when the
                                                glossary has that entry, else as the mentions
                                                inside it (the longest phrase wins among the
                                                entries that exist)

The script strips the markup, builds a temporary Glose project (the glossary/ and mkdocs.yml
of PROJECT_DIR, default this repository; the stripped articles as corpus/), lets Glose find
the mentions, and compares: a found mention matches a gold one when they are in the same
paragraph of the same article, have the same slug and overlap (one to one).

Nested names (the scoring convention of issue 14): a found mention that matches no gold one
but lies inside a gold mention of another entry, after its first character (a complement:
the "OTAN" of "[[article 5 de l'OTAN|article-5]]" or of "[[groupement tactique de
l'[[OTAN|otan]]|presence-avancee-renforcee]]"), and that no mark nested there gives to
another entry, names its own entry: it is not a false positive. It is not counted as found
either (the gold counts the outer mention only), and the report lists these apart. A found
mention at the start of a longer gold mention ("secrétaire général" of "secrétaire général
adjoint") is its head, not a complement: it stays a false positive. --nested-are-errors
counts every such mention as a false positive. It prints, per
glossary entry, gold, found, matched, recall and precision, the micro-averaged totals, the
gold mentions of entries the glossary lacks, then every miss and every false positive with
the words around it. --slugs restricts the table and the lists to some entries; --json also
writes everything to a file. When DEVSET_DIR/articles/<name> exists, it must be the gold file
without its markup (a warning says otherwise).

Offsets are those of Glose's `Paragraph.text`: the header is skipped and each paragraph's
lines are stripped and joined with one space (glose/read/articles.py). The gold files must separate
their header from the text by a blank line.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER_KEYS = frozenset({"date", "title", "source", "author", "url", "tags", "lang"})
"""Header keys of a plain-text article (glose/fields.py)."""
_HEADER_RE = re.compile(r"[ \t]*([a-z][a-z_]*)[ \t]+\S")
CONTEXT_WORDS = 6
"""Words shown on each side of a miss or a false positive."""


@dataclass(frozen=True, slots=True)
class Found:
    """A mention found by Glose."""

    article: str
    """Path of the article relative to the project (corpus/<name>.txt)."""
    paragraph: int
    """1-based paragraph number (§)."""
    start: int
    """Offset in the paragraph's text."""
    end: int
    """Offset just past the mention."""
    slug: str
    """Glossary entry."""
    text: str
    """The mention as written."""


@dataclass
class Gold:
    """A hand-marked mention; offsets into the article text without markup."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""
    slugs: tuple[str, ...]
    """One slug, or several for a coordinated form ("articles 4 et 5")."""
    children: list[Gold] = field(default_factory=list)
    """Mentions marked inside this one."""


@dataclass(frozen=True, slots=True)
class Item:
    """One mention of one slug in one paragraph, gold or found, for comparison and reports."""

    article: str
    """File name of the article."""
    paragraph: int
    """1-based paragraph number (§)."""
    start: int
    """Offset in the paragraph's text."""
    end: int
    """Offset just past the mention."""
    slug: str
    """Glossary entry."""
    text: str
    """The mention as written."""
    context: str
    """The mention in [brackets] with the words around it."""


def glose_mentions(project_dir: Path) -> list[Found]:
    """Every mention Glose finds in the articles of a project: the one place that calls Glose."""
    from glose.diagnostics import Report
    from glose.annotate import annotate
    from glose.read import read_project

    report = Report()
    project = read_project(project_dir, report)
    if report.errors:
        sys.exit("the temporary project has errors:\n" + "\n".join(map(str, report.errors)))
    return [Found(annotated.article.path, paragraph.number, m.start, m.end, m.slug, m.text)
            for annotated in annotate(project).articles
            for paragraph, mentions in zip(annotated.article.paragraphs, annotated.mentions)
            for m in mentions]


def parse_gold(text: str) -> tuple[str, list[Gold]]:
    """The text without markup and its outermost gold mentions (nested ones as children)."""
    out: list[str] = []
    size = 0
    stack: list[tuple[int, list[Gold]]] = [(0, [])]
    i = 0
    while i < len(text):
        if text.startswith("[[", i) and not text.startswith("[[[", i):
            stack.append((size, []))
            i += 2
        elif text.startswith("]]", i) and len(stack) > 1:
            size = _close(out, stack)
            i += 2
        else:
            out.append(text[i])
            size += 1
            i += 1
    if len(stack) > 1:
        raise ValueError(f"unclosed [[ at offset {stack[-1][0]} of the text without markup")
    return "".join(out), stack[0][1]


def _close(out: list[str], stack: list) -> int:
    """End the innermost open mention: cut its `|slugs` from `out`; return the new size."""
    start, children = stack.pop()
    inner = "".join(out[start:])
    surface, bar, slugs = inner.rpartition("|")
    if not bar or not slugs.strip():
        raise ValueError(f"mention {inner[:40]!r} has no |slug")
    del out[start + len(surface):]
    names = tuple(s.strip() for s in slugs.split(",") if s.strip())
    stack[-1][1].append(Gold(start, start + len(surface), names, children))
    return len(out)


def effective(golds: list[Gold], known: set[str]) -> list[tuple[int, int, str]]:
    """(start, end, slug) of the mentions that count: a mention's own slugs that the glossary
    has, else, when it has none of them, the mentions nested inside it."""
    found = []
    for gold in golds:
        own = [slug for slug in gold.slugs if slug in known]
        if own:
            found.extend((gold.start, gold.end, slug) for slug in own)
        else:
            found.extend(effective(gold.children, known))
    return found


def flatten(golds: list[Gold]) -> list[Gold]:
    """Every gold mention, nested ones included."""
    return [g for gold in golds for g in (gold, *flatten(gold.children))]


@dataclass(frozen=True, slots=True)
class Paragraphs:
    """The paragraphs of a plain-text article as Glose reads them, with a map from offsets of
    the file's text to (paragraph number, offset in the paragraph's text)."""

    texts: list[str]
    lines: list[tuple[int, int, int, int]]
    """(first offset, last offset, paragraph number, offset in that paragraph) of each
    stripped line of the body."""

    def locate(self, offset: int, end: bool = False) -> tuple[int, int]:
        """(paragraph number, paragraph offset) of a file offset (of the character just before
        it when `end`)."""
        probe = offset - 1 if end else offset
        for first, last, number, base in self.lines:
            if first <= probe < last:
                return number, base + offset - first
        raise ValueError(f"offset {offset} is not inside a paragraph (in the header or a blank line?)")


def split_paragraphs(text: str) -> Paragraphs:
    """Split as glose/readers.py does: optional header, then blank-line separated paragraphs
    whose lines are stripped and joined with one space."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    first = _body_start(lines)
    texts: list[str] = []
    spans = []
    current: list[str] = []
    for index in range(first, len(lines) + 1):
        line = lines[index] if index < len(lines) else ""
        if line.strip():
            if not current:
                texts.append("")
            lead = len(line) - len(line.lstrip())
            base = len(texts[-1]) + (1 if current else 0)
            begin = offsets[index] + lead
            spans.append((begin, begin + len(line.strip()), len(texts), base))
            texts[-1] += (" " if current else "") + line.strip()
            current.append(line)
        else:
            current = []
    return Paragraphs(texts, spans)


def _body_start(lines: list[str]) -> int:
    """Index of the first line after the header (0 when there is no header)."""
    block = []
    for line in lines:
        if not line.strip():
            break
        block.append(_HEADER_RE.match(line))
    if block and all(block) and any(m[1] in HEADER_KEYS for m in block):
        return len(block)
    return 0


def normalise(text: str) -> str:
    """Text as Glose reads it: no byte-order mark, \\n line ends, NFC."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def context(text: str, start: int, end: int, words: int = CONTEXT_WORDS) -> str:
    """The mention in [brackets] with a few words on each side ("…" where the text goes on)."""
    starts = [m.start() for m in re.finditer(r"\S+", text[:start])][-words:]
    ends = [m.end() for m in re.finditer(r"\S+", text[end:])][:words]
    left = text[starts[0]:start] if starts else text[:start]
    right = text[end:end + ends[-1]] if ends else text[end:]
    before = "…" if starts and starts[0] > 0 and text[:starts[0]].strip() else ""
    after = "…" if text[end + (ends[-1] if ends else 0):].strip() else ""
    return f"{before}{left}[{text[start:end]}]{right}{after}"


@dataclass
class Article:
    """A gold article: its name, paragraphs and gold mentions."""

    name: str
    plain: str
    paragraphs: Paragraphs
    golds: list[Gold]


def read_devset(devset: Path) -> list[Article]:
    """Parse every gold file; warn when it differs from DEVSET_DIR/articles/<name>."""
    articles = []
    for path in sorted((devset / "gold").glob("*.txt")):
        try:
            plain, golds = parse_gold(normalise(path.read_text(encoding="utf-8")))
        except ValueError as error:
            sys.exit(f"{path}: {error}")
        original = devset / "articles" / path.name
        if original.exists() and normalise(original.read_text(encoding="utf-8")) != plain:
            print(f"warning: {path} without its markup differs from {original}", file=sys.stderr)
        articles.append(Article(path.name, plain, split_paragraphs(plain), golds))
    if not articles:
        sys.exit(f"no gold files in {devset / 'gold'}")
    return articles


def make_project(project: Path, articles: list[Article], into: Path) -> None:
    """A Glose project: the glossary and mkdocs.yml of `project`, the articles as corpus/."""
    shutil.copytree(project / "glossary", into / "glossary")
    if (project / "mkdocs.yml").exists():
        shutil.copy(project / "mkdocs.yml", into / "mkdocs.yml")
    (into / "corpus").mkdir()
    for article in articles:
        (into / "corpus" / article.name).write_text(article.plain, encoding="utf-8")


def glossary_slugs(project: Path) -> set[str]:
    """The slugs of the entries of a glossary: its file names, accents folded, lower case,
    other runs of characters one hyphen (README, Page names)."""
    slugs = set()
    for path in (project / "glossary").rglob("*.md"):
        stem = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
        slugs.add(re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-"))
    return slugs


def gold_items(article: Article, known: set[str]) -> list[Item]:
    """The gold mentions that count with this glossary, one Item per slug."""
    return [_item(article, start, end, slug) for start, end, slug in effective(article.golds, known)]


def _item(article: Article, start: int, end: int, slug: str) -> Item:
    """An Item for a span of the article's text."""
    number, offset = article.paragraphs.locate(start)
    end_number, end_offset = article.paragraphs.locate(end, end=True)
    if end_number != number:
        raise ValueError(f"{article.name}: the mention {article.plain[start:end]!r} spans two paragraphs")
    text = article.paragraphs.texts[number - 1]
    return Item(article.name, number, offset, end_offset, slug, text[offset:end_offset],
                context(text, offset, end_offset))


def found_items(found: list[Found], articles: dict[str, Article]) -> list[Item]:
    """Glose's mentions as Items, checked against our own paragraph split."""
    items = []
    for f in found:
        name = Path(f.article).name
        text = articles[name].paragraphs.texts[f.paragraph - 1]
        if text[f.start:f.end] != f.text:
            sys.exit(f"{name} §{f.paragraph}: Glose's paragraph text differs from this script's "
                     f"split ({f.text!r} vs {text[f.start:f.end]!r}); update split_paragraphs")
        items.append(Item(name, f.paragraph, f.start, f.end, f.slug, f.text,
                          context(text, f.start, f.end)))
    return items


def match(gold: list[Item], found: list[Item]) -> tuple[list[tuple[Item, Item]], list[Item], list[Item]]:
    """Pair found and gold mentions one to one (same article, paragraph and slug, overlapping);
    return the pairs, the misses and the false positives."""
    pending: dict[tuple, list[Item]] = defaultdict(list)
    for item in sorted(gold, key=lambda i: i.start):
        pending[(item.article, item.paragraph, item.slug)].append(item)
    pairs, false_positives = [], []
    for item in sorted(found, key=lambda i: (i.article, i.paragraph, i.start)):
        candidates = pending[(item.article, item.paragraph, item.slug)]
        partner = next((g for g in candidates if g.start < item.end and item.start < g.end), None)
        if partner is None:
            false_positives.append(item)
        else:
            candidates.remove(partner)
            pairs.append((partner, item))
    misses = sorted((g for items in pending.values() for g in items),
                    key=lambda i: (i.article, i.paragraph, i.start))
    return pairs, misses, false_positives


def scores(slugs: list[str], gold: list[Item], found: list[Item], pairs: list) -> dict:
    """Per slug and in total (micro): gold, found, matched, recall, precision."""
    counts = {name: Counter(i.slug for i in items)
              for name, items in (("gold", gold), ("found", found), ("matched", [g for g, _ in pairs]))}
    table = {slug: _row(counts["gold"][slug], counts["found"][slug], counts["matched"][slug]) for slug in slugs}
    total = _row(*(sum(row[k] for row in table.values()) for k in ("gold", "found", "matched")))
    return {"slugs": table, "total": total}


def _row(gold: int, found: int, matched: int) -> dict:
    """One line of the table; a ratio with a zero denominator is None."""
    return {"gold": gold, "found": found, "matched": matched,
            "recall": matched / gold if gold else None,
            "precision": matched / found if found else None}


def overlapping_gold(item: Item, articles: dict[str, Article]) -> list[str]:
    """Slugs of the hand-marked mentions (at any depth, any slug) that overlap a found mention:
    tells a false positive inside a longer term from one in plain text."""
    article = articles[item.article]
    hits = []
    for gold in flatten(article.golds):
        number, start = article.paragraphs.locate(gold.start)
        end = start + gold.end - gold.start
        if number == item.paragraph and start < item.end and item.start < end:
            hits.extend(gold.slugs)
    return hits


def print_report(result: dict) -> None:
    """The table, the entries the glossary lacks, the misses and the false positives."""
    print(f"{result['articles']} articles, {result['paragraphs']} paragraphs; glossary of {result['project']}")
    print(f"\n{'slug':38} {'gold':>5} {'found':>6} {'match':>6} {'recall':>7} {'prec.':>7}")
    for slug, row in [*result["slugs"].items(), ("TOTAL (micro)", result["total"])]:
        print(f"{slug:38} {row['gold']:5} {row['found']:6} {row['matched']:6} "
              f"{_ratio(row['recall']):>7} {_ratio(row['precision']):>7}")
    if result["outside_glossary"]:
        print("\nGold mentions of entries the glossary lacks (not counted above):")
        for slug, count in result["outside_glossary"].items():
            print(f"  {count:4}  {slug}")
    for title, key in (("Misses", "misses"), ("False positives", "false_positives"),
                       ("Names inside a longer gold mention of another entry (not counted)", "nested")):
        print(f"\n{title} ({len(result[key])}):")
        for item in result[key]:
            note = f"  (overlaps gold: {', '.join(item['overlaps'])})" if item.get("overlaps") else ""
            print(f"  {item['slug']:30} {item['article']} §{item['paragraph']}: {item['context']}{note}")


def _ratio(value: float | None) -> str:
    """0.812 for a ratio, "-" for none."""
    return "-" if value is None else f"{value:.3f}"


def evaluate(devset: Path, project: Path, only: set[str] | None, nested_are_errors: bool = False) -> dict:
    """Read the development set, run Glose on it, compare; everything as plain data."""
    articles = {a.name: a for a in read_devset(devset)}
    known = glossary_slugs(project)
    with tempfile.TemporaryDirectory(prefix="glose-recall-") as tmp:
        make_project(project, list(articles.values()), Path(tmp))
        found = found_items(glose_mentions(Path(tmp)), articles)
    gold = [item for a in articles.values() for item in gold_items(a, known)]
    keep = only or known
    gold = [i for i in gold if i.slug in keep]
    found = [i for i in found if i.slug in keep]
    pairs, misses, false_positives = match(gold, found)
    nested = [] if nested_are_errors else [i for i in false_positives if names_a_complement(i, articles[i.article])]
    if nested:
        false_positives = [i for i in false_positives if i not in nested]
        found = [i for i in found if i not in nested]
    outside = Counter(s for a in articles.values() for g in flatten(a.golds) for s in g.slugs if s not in known)
    result = {"devset": str(devset), "project": str(project), "articles": len(articles),
              "paragraphs": sum(len(a.paragraphs.texts) for a in articles.values()),
              **scores(sorted(keep), gold, found, pairs),
              "outside_glossary": dict(outside.most_common()),
              "misses": [asdict(i) for i in misses],
              "false_positives": [{**asdict(i), "overlaps": overlapping_gold(i, articles)}
                                  for i in false_positives],
              "nested": [{**asdict(i), "overlaps": overlapping_gold(i, articles)} for i in nested]}
    return result


def names_a_complement(item: Item, article: Article) -> bool:
    """True when a found mention lies inside a gold mention of another entry, after its first
    character, with no mark nested there for another entry (module docstring, Nested names)."""
    for gold in flatten(article.golds):
        number, start = article.paragraphs.locate(gold.start)
        end = start + gold.end - gold.start
        if number != item.paragraph or item.slug in gold.slugs or not start < item.start < item.end <= end:
            continue
        inner = [child for child in gold.children
                 if article.paragraphs.locate(child.start)[1] < item.end
                 and item.start < article.paragraphs.locate(child.start)[1] + child.end - child.start]
        if all(item.slug in child.slugs for child in inner):
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("devset", type=Path, help="folder holding gold/*.txt (and articles/*.txt)")
    parser.add_argument("--project", type=Path, default=ROOT,
                        help="project whose glossary/ is measured (default: this repository)")
    parser.add_argument("--slugs", help="comma-separated entries to report (default: every entry of the glossary)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--nested-are-errors", action="store_true",
                        help="count a name found inside a longer gold mention of another entry as a false positive")
    args = parser.parse_args(argv)
    only = {s.strip() for s in args.slugs.split(",") if s.strip()} if args.slugs else None
    if only and (unknown := only - glossary_slugs(args.project)):
        print(f"warning: not in the glossary: {', '.join(sorted(unknown))}", file=sys.stderr)
    result = evaluate(args.devset, args.project, only, args.nested_are_errors)
    print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
