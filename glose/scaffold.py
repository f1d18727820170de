"""`build.py new article NAME` and `build.py new entry NAME`: a commented template to fill in.

An article is written as corpus/<name>.md (YAML front matter: the only article header that takes
comments) with an example notes file corpus/<name>.notes.yml; an entry as glossary/<name>.md.
Every key has a comment in French, the teachers' language, whatever language the messages use;
the optional keys are written commented out, ready to uncomment. Each template passes `check`
as it is (tests/test_new.py builds with it), so a first run cannot fail on it. Nothing is ever
overwritten: a file of the same page name stops the command.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from .folding import slugify
from .i18n import _
from .read.discover import RESERVED_SLUGS, SLUG_MAX

ARTICLE = """\
---
# L'en-tête de l'article : une clé par ligne, « clé: valeur ». Ce qui suit un # est un
# commentaire, que Glose ne lit pas : pour remplir une clé en commentaire, retirez son #.
titre: {title}   # le titre affiché en haut de la page et dans les listes
date: {today}   # la date de parution : AAAA-MM-JJ, AAAA-MM ou AAAA
# auteur: Prénom Nom   # qui a écrit l'article
# source: Nom du journal   # le journal ou le site d'où vient l'article
# lien: https://www.exemple.fr/article   # l'adresse de l'original, qui commence par https://
# étiquettes: [thème, autre thème]   # les thèmes : chacun a sa page qui liste ses articles
# langue: fr   # la langue du texte (fr quand rien n'est dit)
---
Écrivez ici le texte de l'article. Laissez une ligne vide entre deux paragraphes : chacun
reçoit son numéro (§) sur la page.

Ce fichier est en Markdown : **gras**, *italique*, [lien](https://www.exemple.fr). Pour un
texte copié d'un journal, préférez la commande d'import, ou un fichier .txt, où rien n'est
interprété. Les termes du glossaire sont trouvés et reliés tout seuls.
"""

NOTES = """\
# Les notes de l'enseignant sur l'article {name}.md : chacune s'accroche à une citation.
# Ce qui suit un # est un commentaire. Supprimez l'exemple une fois le vôtre écrit.
- quote: Laissez une ligne vide   # les mots exacts de l'article, où la note s'accroche
  kind: note   # note, question ou vocabulaire
  note: Un exemple de note, à remplacer par la vôtre.   # le texte de la note (Markdown)
  # prefix: mots juste avant   # quand la citation figure plusieurs fois dans l'article
  # suffix: mots juste après   # (ou bien ceux juste après) pour désigner la bonne
"""

ENTRY = """\
---
# L'en-tête de l'entrée du glossaire : une clé par ligne, « clé: valeur ». Ce qui suit un #
# est un commentaire : pour remplir une clé en commentaire, retirez son #.
term: {term}   # le terme, tel qu'il est affiché ; il est cherché dans les articles
summary: À compléter en une phrase de 200 caractères au plus.   # la phrase de la bulle
aliases: []   # les autres formes cherchées dans les textes : [forme 1, forme 2]
# english: English name   # l'équivalent anglais, affiché et cherché lui aussi
# see_also: [autre-entree]   # les entrées liées : leur nom de fichier, sans .md
# tags: [thème]   # les thèmes : chacun a sa page
# case_sensitive: true   # true : la majuscule compte (« Alliance » mais pas « alliance »)
# exclude: [forme plus longue]   # des expressions qui contiennent le terme sans le désigner
---
La définition, en Markdown, après la ligne `---` : autant de paragraphes qu'il faut. Les
autres termes du glossaire qu'elle cite sont reliés à leur entrée.
"""


def new(root: Path, kind: str, name: str) -> tuple[list[str], str]:
    """Write the template of a new "article" or "entry" named `name` under `root`: (the files
    written, relative to root; a problem, "" when there is none). Nothing is overwritten."""
    slug = slugify(name)[:SLUG_MAX].strip("-")
    folder = "corpus" if kind == "article" else "glossary"
    if not slug or slug in RESERVED_SLUGS:
        return [], _("{name}: this name gives no page name (a letter or digit is needed, and \"index\" is taken); "
                     "choose another name").format(name=name)
    taken = _taken(root / folder, slug)
    if taken:
        return [], _("{path}: already gives the page name {slug!r}; nothing was written: choose another name, "
                     "or open that file").format(path=taken, slug=slug)
    quoted = json.dumps(" ".join(name.split()), ensure_ascii=False)  # a YAML string, whatever it holds
    if kind == "article":
        files = {f"{slug}.md": ARTICLE.format(title=quoted, today=datetime.date.today().isoformat()),
                 f"{slug}.notes.yml": NOTES.format(name=slug)}
    else:
        files = {f"{slug}.md": ENTRY.format(term=quoted)}
    written = []
    (root / folder).mkdir(exist_ok=True)
    for file_name, text in files.items():
        with (root / folder / file_name).open("x", encoding="utf-8") as handle:  # "x": never over a file
            handle.write(text)
        written.append(f"{folder}/{file_name}")
    return written, ""


def _taken(folder: Path, slug: str) -> str:
    """A file of `folder` whose page name is `slug` (or that the template would overwrite), as
    messages show it; "" when there is none."""
    if not folder.is_dir():
        return ""
    for path in sorted(folder.rglob("*")):
        stem = path.name.split(".")[0] if path.name.endswith((".notes.yml", ".notes.yaml")) else path.stem
        if path.is_file() and slugify(stem) == slug:
            return path.relative_to(folder.parent).as_posix()
    return ""
