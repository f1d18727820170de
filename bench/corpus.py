"""Generate a Glose project of N articles and M glossary entries, reproducible from a seed.

    python bench/corpus.py OUT --articles 2000 --terms 1000 --seed 1

Articles hold about 600 words of French-looking text (real French words and made-up ones
with accents, elisions with both apostrophes, no-break spaces before : ; ? ! and inside
« », hard-wrapped lines), dated over 2015-2024, tagged; one in ten is Markdown with YAML
front matter (a heading, a link, emphasis, a list). The glossary has people, organisations
with their acronyms, places, multiword notions, bare acronyms, "Article 17" style entries
and a few case-sensitive acronyms that are also common words of the text ("ONDE" vs
"onde"). Each article mentions a handful of topic terms (popular terms are far more common,
as in a real corpus) at about one mention per 25 words, written as an author would:
elided (l'Otan, d’Otan), at a sentence start, with a no-break space or a line break inside.
OUT gets corpus/, glossary/ and a copy of the repository's mkdocs.yml.

Importable: `make_project(path, articles, terms, seed) -> Made`.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import textwrap
from bisect import bisect
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from glose.folding import fold_key, slugify  # noqa: E402

NBSP, NNBSP = "\u00a0", "\u202f"
SYLLABLES = ("ba be bi bo bu ca co da de di do du fa fe fi ga go la le li lo lu ma me mi mo "
             "na ne ni no pa pe pi po ra re ri ro ru sa se si so ta te ti to va ve vi vo za "
             "an en in on ou ai au eu oi ré dé pré é è ê à ç ès ét ion tion ment eur ette "
             "age ance ier ière ois gue que").split()
SMALL = ("le la les de des du un une et à en au aux que qui pour dans sur par avec pas est a "
         "été sont ont plus ce cette son sa ses leur se ne il elle ils nous vous mais ou "
         "comme après avant entre sans sous depuis très déjà aussi encore où même").split()
FRENCH = ("gouvernement ministre défense sécurité frontière économie élection réforme année "
          "président armée accord négociation crise région député société côté début "
          "première dernière général européen français étranger intérieur évolution "
          "décision réunion opération déclaration conférence manifestation général soldats "
          "alliés menace conflit guerre paix traité sommet chefs État pays voisins sanctions "
          "énergie pétrole gaz réfugiés frontières militaires déploiement exercice budget "
          "dépenses capacité stratégie coopération réponse attaque invasion territoire "
          "souveraineté démocratie élections parlement opposition majorité coalition "
          "journaliste presse témoignage semaine mois jours hier aujourd'hui demain "
          "déclaré annoncé précisé souligné rappelé estimé affirmé expliqué ajouté "
          "nombreux plusieurs certains grand nouvelle nouveau fort faible rapide lent "
          "onde base cap col mer port rade voie zone").split()
FIRST_NAMES = ("Élodie Jérôme Hélène François Anaïs Loïc Cécile Benoît Zoé Noël Gaëlle Amélie "
               "Rémi Léa Théo Chloé Joël Inès Mathéo Maëlle Stéphane Agnès Frédéric").split()
CAPITALS = "ABCDEFGHIJKLMNOPRSTUVW"
ORG_HEADS = ("Conseil", "Agence", "Organisation", "Comité", "Commission", "Office", "Fonds",
             "Union", "Assemblée", "Haut-commissariat")
ORG_ADJ = ("européen", "international", "national", "permanent", "régional", "fédéral")
NOTION_HEADS = ("plan", "force", "présence", "politique", "zone", "accord", "régime", "pacte",
                "doctrine", "mécanisme")
TAGS = ("organisation", "personne", "lieu", "notion", "traité", "armée", "économie",
        "politique", "énergie", "droit")
SOURCES = ("Le Quotidien de Bavolie", "La Gazette du Nord", "Agence Dépêches", "L’Écho "
           "européen", "Radio Frontières", "Le Courrier des régions")
ARTICLE_TAGS = ("défense", "Europe", "diplomatie", "économie", "énergie", "élections", "OTAN",
                "sécurité", "réfugiés", "frontières", "sanctions", "sommet")
MD_SHARE = 0.1
"""Share of articles written in Markdown (.md with front matter)."""
WORDS_PER_MENTION = 25
"""About one glossary mention every so many words of article text."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A generated glossary entry."""

    slug: str
    term: str
    aliases: tuple[str, ...]
    kind: str
    case_sensitive: bool = False


@dataclass(slots=True)
class Made:
    """What make_project wrote."""

    articles: int = 0
    terms: int = 0
    words: int = 0
    mentions: int = 0
    """Mentions the generator inserted (the matcher may find a few more or fewer)."""
    bytes: int = 0
    markdown_articles: int = 0
    paths: list[str] = field(default_factory=list)
    """Article files, relative to the project."""


class Lexicon:
    """Ordinary words with Zipf-like frequencies: a few very common, a long tail of rare ones."""

    def __init__(self, rng: random.Random, size: int = 30_000):
        made = sorted({made_word(rng) for _ in range(size)} - set(FRENCH) - set(SMALL))
        rng.shuffle(made)  # frequency must not follow the alphabet
        self.words = FRENCH + made
        self.cumulative = list(accumulate(1 / (rank + 10) for rank in range(len(self.words))))
        self.folded = {fold_key(w) for w in self.words + SMALL}

    def pick(self, rng: random.Random) -> str:
        """One word, drawn by frequency."""
        return self.words[bisect(self.cumulative, rng.random() * self.cumulative[-1])]


def made_word(rng: random.Random, low: int = 1, high: int = 4) -> str:
    """A made-up word of `low` to `high` syllables."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(low, high)))


def capital(word: str) -> str:
    """The word with its first letter in upper case."""
    return word[:1].upper() + word[1:]


# ---------------------------------------------------------------- glossary


class Glossary:
    """Builds entries whose forms never fold to a word of the text nor to another form."""

    def __init__(self, rng: random.Random, lexicon: Lexicon):
        self.rng, self.lexicon = rng, lexicon
        self.taken: set[str] = set()
        self.entries: list[Entry] = []

    def fresh(self, make, tries: int = 50) -> str | None:
        """A form from `make()` that folds to nothing taken yet, or None."""
        for _ in range(tries):
            form = make()
            key = fold_key(form)
            if key and key not in self.taken and key not in self.lexicon.folded and slugify(form) != "index":
                self.taken.add(key)
                return form
        return None

    def name(self) -> str:
        """A proper name: two to four syllables, capitalised."""
        return capital(made_word(self.rng, 2, 4))

    def acronym(self, low: int = 2, high: int = 5) -> str:
        return "".join(self.rng.choice(CAPITALS) for _ in range(self.rng.randint(low, high)))

    def add(self, count: int) -> list[Entry]:
        """Generate `count` entries (kinds drawn at random), slugs unique."""
        kinds = (("person", 25), ("organisation", 25), ("place", 18), ("notion", 20),
                 ("acronym", 5), ("article", 4), ("homonym", 3))
        names, weights = zip(*kinds)
        slugs: set[str] = set()
        while len(self.entries) < count:
            kind = self.rng.choices(names, weights)[0]
            made = getattr(self, f"_make_{kind}")()
            if made is None or slugify(made[0]) in slugs:
                continue
            term, aliases, case_sensitive = made
            slugs.add(slugify(term))
            self.entries.append(Entry(slugify(term), term, tuple(a for a in aliases if a), kind, case_sensitive))
        return self.entries

    def _make_person(self):
        last = self.fresh(self.name)
        first = self.rng.choice(FIRST_NAMES)
        term = last and self.fresh(lambda: f"{first} {last}")
        return term and (term, [last] if self.rng.random() < 0.7 else [], False)

    def _make_organisation(self):
        place = self.name()
        adjective = self.rng.choice(ORG_ADJ) + " " if self.rng.random() < 0.4 else ""
        term = self.fresh(lambda: f"{self.rng.choice(ORG_HEADS)} {adjective}de {place}")
        if term is None:
            return None
        initials = "".join(w[0] for w in term.replace("-", " ").split() if w not in ("de", "du"))
        acronym = self.fresh(lambda: fold_key(initials).upper() + self.acronym(0, 1))
        return term, [acronym], False

    def _make_place(self):
        term = self.fresh(lambda: self.name() + self.rng.choice(("ie", "ia", "", "land", "ovie")))
        old = self.fresh(lambda: "ancienne " + self.name()) if self.rng.random() < 0.2 else None
        return term and (term, [old], False)

    def _make_notion(self):
        head = self.rng.choice(NOTION_HEADS)
        tail = [self.rng.choice(FRENCH[:60]) for _ in range(self.rng.randint(1, 2))]
        link = self.rng.choice(("de ", "d'", "du ", "", "des ")) if self.rng.random() < 0.6 else ""
        if link == "d'" and not tail[0].startswith(tuple("aeiouéèêh")):
            link = "de "
        term = self.fresh(lambda: f"{head} {link}{' '.join(tail)} {made_word(self.rng, 2, 3)}")
        plural = self.fresh(lambda: term.replace(head, head + "s", 1)) if term and self.rng.random() < 0.4 else None
        return term and (term, [plural], False)

    def _make_acronym(self):
        term = self.fresh(lambda: self.acronym(3, 5))
        return term and (term, [], False)

    def _make_article(self):
        number = self.rng.randint(1, 400)
        term = self.fresh(lambda: f"article {number} du traité de {self.name()}")
        short = self.fresh(lambda: f"Article {number}") if term else None
        return term and (term, [short], False)

    def _make_homonym(self):
        """An acronym spelt like a common word of the text: only the capitals are the term."""
        word = self.rng.choice([w for w in FRENCH if w.isalpha() and 3 <= len(w) <= 5 and w.isascii()])
        key = fold_key(word)
        if key in self.taken:
            return None
        self.taken.add(key)
        return word.upper(), [], True


def entry_file(entry: Entry, rng: random.Random, glossary: list[Entry], weights, lexicon: Lexicon) -> str:
    """The glossary/<slug>.md text of one entry."""
    others = [e for e in rng.choices(glossary, cum_weights=weights, k=3) if e.slug != entry.slug]
    front = {"term": entry.term}
    if entry.aliases:
        front["aliases"] = list(entry.aliases)
    kind_word = {"person": "Personnalité", "organisation": "Organisation", "place": "Territoire",
                 "notion": "Notion", "acronym": "Sigle", "article": "Disposition", "homonym": "Sigle"}
    front["summary"] = f"{kind_word[entry.kind]} {sentence(rng, lexicon, 8, 16, capitalise=False)}"[:199].rstrip(" .,;:?!…" + NBSP + NNBSP) + "."
    if rng.random() < 0.5:
        front["english"] = capital(" ".join(made_word(rng) for _ in range(rng.randint(1, 3))))
    if others and rng.random() < 0.6:
        front["see_also"] = list(dict.fromkeys(e.slug for e in others))
    front["tags"] = sorted({entry.kind if entry.kind in TAGS else "notion", rng.choice(TAGS)})
    if entry.case_sensitive:
        front["case_sensitive"] = True
    body = []
    for _ in range(rng.randint(1, 3)):
        words = sentence(rng, lexicon, 25, 60).split(" ")
        for other in others[: rng.randint(0, 2)]:
            words.insert(rng.randrange(1, len(words)), write_form(rng, other, False))
        body.append(" ".join(words))
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n" + "\n\n".join(body) + "\n"


# ---------------------------------------------------------------- text


def sentence(rng: random.Random, lexicon: Lexicon, low: int, high: int, capitalise: bool = True) -> str:
    """Words with French punctuation: elisions, no-break spaces before : ; ? ! and in « »."""
    words = []
    for _ in range(rng.randint(low, high)):
        roll = rng.random()
        word = rng.choice(SMALL) if roll < 0.42 else lexicon.pick(rng)
        if roll > 0.9 and word[0] in "aeiouéèêh":
            word = rng.choice(("l'", "l’", "d'", "d’", "qu'", "n’", "s'")) + word
        words.append(word)
        if rng.random() < 0.06:
            words[-1] += rng.choice((",", ",", NBSP + ":", NNBSP + ";"))
    if rng.random() < 0.15:
        i = rng.randrange(len(words))
        words[i] = f"«{NBSP}{words[i]}{NBSP}»"
    if rng.random() < 0.05:
        words.insert(rng.randrange(len(words)), f"{rng.randint(2, 99)}{NNBSP}000")
    text = " ".join(words)
    end = rng.choices((".", NBSP + "?", NBSP + "!", "…"), (90, 5, 3, 2))[0]
    return (capital(text) if capitalise else text) + end


def write_form(rng: random.Random, entry: Entry, sentence_start: bool) -> str:
    """One mention of the entry as an author writes it."""
    form = rng.choice((entry.term,) + entry.aliases) if entry.aliases and rng.random() < 0.5 else entry.term
    if not entry.case_sensitive:
        roll = rng.random()
        if roll < 0.03:
            form = fold_key(form)  # accents and capitals lost (typed on a phone)
        elif roll < 0.12 and " " in form:
            form = form.replace(" ", NBSP, 1)
        if form[:1].lower() in "aeiouéèêh" and rng.random() < 0.5:
            form = rng.choice(("l'", "l’", "d'", "d’")) + form
        if sentence_start:
            form = capital(form)
    return form


def paragraph(rng: random.Random, lexicon: Lexicon, topic: list[Entry], words: int) -> tuple[str, int]:
    """About `words` words of sentences with mentions of the topic's entries; (text, mentions)."""
    sentences, count, mentions = [], 0, 0
    while count < words:
        parts = sentence(rng, lexicon, 8, 25).split(" ")
        first = parts[0]
        count += len(parts)
        for _ in range(sum(rng.random() < len(parts) / WORDS_PER_MENTION / 2 for _ in range(2)) if topic else 0):
            at = rng.randrange(len(parts) + 1)
            parts.insert(at, write_form(rng, rng.choice(topic), at == 0))
            if at == 0 and parts[1] is first:  # the sentence's old first word is no longer first
                parts[1] = first[:1].lower() + first[1:]
            mentions += 1
        sentences.append(" ".join(parts))
    return " ".join(sentences), mentions


def article_meta(rng: random.Random, lexicon: Lexicon, topic: list[Entry], number: int) -> dict:
    """Title, date, source, author, url and tags of one article."""
    year = rng.randint(2015, 2024)
    month = rng.randint(1, 12)
    roll = rng.random()
    date = (f"{year}-{month:02d}-{rng.randint(1, 28):02d}" if roll < 0.8
            else f"{year}-{month:02d}" if roll < 0.95 else "" if roll < 0.97 else str(year))
    title_words = sentence(rng, lexicon, 4, 9).rstrip(".?!…" + NBSP).split(" ")
    if topic:
        title_words.insert(rng.randrange(1, len(title_words) + 1), write_form(rng, topic[0], False))
    title = " ".join(title_words)
    slug = f"{slugify(title)[:48].rstrip('-')}-{number:05d}"
    return {
        "title": title, "date": date, "source": rng.choice(SOURCES),
        "author": f"{rng.choice(FIRST_NAMES)} {capital(made_word(rng, 2, 3))}",
        "url": f"https://exemple.org/{year}/{month:02d}/{slug}" if rng.random() < 0.8 else "",
        "tags": sorted(set(rng.sample(ARTICLE_TAGS, rng.randint(1, 3)))), "slug": slug, "year": year,
    }


def article_file(rng: random.Random, lexicon: Lexicon, topic: list[Entry], meta: dict, markdown: bool) -> tuple[str, int, int]:
    """The article file's text, its word count and the mentions inserted."""
    blocks, words, mentions = [], 0, 0
    for _ in range(rng.randint(5, 8)):
        text, found = paragraph(rng, lexicon, topic, rng.randint(50, 100))
        blocks.append(text)
        words += len(text.split())
        mentions += found
    if markdown:
        return _markdown_article(rng, meta, blocks), words, mentions
    header = [f"{key} {meta[key]}" for key in ("title", "date", "source", "author", "url") if meta[key]]
    header.append(f"tags {', '.join(meta['tags'])}")
    wrapped = [textwrap.fill(b, width=rng.randint(64, 80), break_long_words=False, break_on_hyphens=False) for b in blocks]
    return "\n".join(header) + "\n\n" + "\n\n".join(wrapped) + "\n", words, mentions


def _markdown_article(rng: random.Random, meta: dict, blocks: list[str]) -> str:
    """Front matter, then prose blocks with a heading, emphasis, a link and a list."""
    front = {key: meta[key] for key in ("title", "date", "source", "author", "url", "tags") if meta[key]}
    first = blocks[0].split(" ")
    first[3] = f"*{first[3]}*"
    first[6] = f"[{first[6]}](https://exemple.org/source/{meta['slug']})"
    blocks[0] = " ".join(first)
    blocks.insert(2, "## " + capital(" ".join(blocks[1].split(" ")[2:6]).strip(".,:;" + NBSP + NNBSP)))
    items = [b.split(". ")[0] for b in blocks[3:6]]
    blocks.insert(4, "\n".join(f"- {item.rstrip('.')}" for item in items))
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n\n" + "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------- project


def make_project(path: Path | str, articles: int, terms: int, seed: int = 1) -> Made:
    """Write corpus/, glossary/ and mkdocs.yml of a project into `path` (created or replaced)."""
    path = Path(path)
    for folder in ("corpus", "glossary", "docs", "site", ".glose"):
        shutil.rmtree(path / folder, ignore_errors=True)
    (path / "glossary").mkdir(parents=True)
    (path / "corpus").mkdir(parents=True)
    shutil.copyfile(ROOT / "mkdocs.yml", path / "mkdocs.yml")
    rng = random.Random(seed)
    lexicon = Lexicon(rng)
    glossary = Glossary(rng, lexicon).add(terms)
    weights = list(accumulate(1 / (rank + 3) ** 0.9 for rank in range(len(glossary))))
    made = Made(terms=len(glossary))
    for entry in glossary:
        text = entry_file(entry, rng, glossary, weights, lexicon)
        (path / "glossary" / f"{entry.slug}.md").write_text(text, encoding="utf-8")
    for number in range(1, articles + 1):
        _write_article(path, rng, lexicon, glossary, weights, number, made)
    return made


def _write_article(path: Path, rng, lexicon, glossary, weights, number: int, made: Made) -> None:
    """One article: a topic of 5 to 14 entries (popular ones more likely), then its file."""
    topic = list(dict.fromkeys(rng.choices(glossary, cum_weights=weights, k=rng.randint(5, 14)))) if glossary else []
    meta = article_meta(rng, lexicon, topic, number)
    markdown = rng.random() < MD_SHARE
    text, words, mentions = article_file(rng, lexicon, topic, meta, markdown)
    rel = Path("corpus") / str(meta["year"]) / f"{meta['slug']}.{'md' if markdown else 'txt'}"
    (path / rel).parent.mkdir(parents=True, exist_ok=True)
    (path / rel).write_text(text, encoding="utf-8")
    made.articles += 1
    made.words += words
    made.mentions += mentions
    made.bytes += len(text.encode("utf-8"))
    made.markdown_articles += markdown
    made.paths.append(rel.as_posix())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="project folder to write (corpus/ and glossary/ are replaced)")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    made = make_project(args.out, args.articles, args.terms, args.seed)
    print(f"{args.out}: {made.articles} articles ({made.markdown_articles} .md), {made.terms} glossary entries, "
          f"{made.words} words, {made.mentions} mentions inserted, {made.bytes / 1e6:.1f} MB of text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
