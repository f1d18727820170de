"""Documents made in the tests, for tests/test_importers.py. Every text is written for these
tests (no third-party text); the PDF text keeps to Latin-1, the range of the PDF core fonts."""

from __future__ import annotations

import zipfile
from pathlib import Path

SITE = "Le Courrier du Val"
URL = "https://www.courrier-du-val.example/region/2024/03/05/la-loire-deborde-a-tours"

ARTICLE = (
    "La Loire est sortie de son lit dans la nuit de lundi à mardi et recouvre depuis l’aube les "
    "quais bas de Tours, où la circulation a été interrompue jusqu’à nouvel ordre.",
    "Selon la préfecture d’Indre-et-Loire, le fleuve a atteint 4,20 mètres à l’échelle du pont "
    "Wilson, un niveau que la ville n’avait plus connu depuis l’hiver 2016.",
    "Les pompiers ont évacué une trentaine d’habitations de l’île Simon et installé des barrages "
    "mobiles devant les caves de la rive nord, particulièrement exposées.",
    "« Nous surveillons la décrue heure par heure », a expliqué la maire, qui a demandé aux "
    "riverains de ne pas s’approcher des berges avant la fin de la semaine.",
)
HEADING = "Une décrue attendue jeudi"
LAST = (
    "Météo-France prévoit une baisse lente du niveau à partir de jeudi, si les pluies annoncées "
    "sur le Massif central restent modérées."
)


def news_page() -> str:
    """A news page as saved from a browser: navigation, an advert, a byline, a photo with its
    caption, a "Lire aussi" box, related links, comments and a footer around the article;
    Open Graph, JSON-LD and a canonical link in the head."""
    paragraphs = "\n".join(f"      <p>{text}</p>" for text in ARTICLE[1:])
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>La Loire déborde à Tours : les quais fermés - {SITE}</title>
  <link rel="canonical" href="{URL}">
  <meta property="og:title" content="La Loire déborde à Tours : les quais fermés - {SITE}">
  <meta property="og:site_name" content="{SITE}">
  <meta property="og:type" content="article">
  <meta property="og:url" content="{URL}?utm_source=partage">
  <meta property="article:published_time" content="2024-03-05T07:30:00+01:00">
  <meta name="description" content="La crue de la Loire a atteint 4,20 mètres à Tours.">
  <script type="application/ld+json">
  {{"@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "La Loire déborde à Tours : les quais fermés",
    "datePublished": "2024-03-05T07:30:00+01:00", "dateModified": "2024-03-06T10:00:00+01:00",
    "author": [{{"@type": "Person", "name": "Jeanne Martin"}}],
    "publisher": {{"@type": "Organization", "name": "{SITE}"}}}}
  </script>
</head>
<body>
  <header>
    <a href="/">{SITE}</a>
    <nav><ul><li><a href="/region">Région</a></li><li><a href="/sport">Sport</a></li>
    <li><a href="/culture">Culture</a></li><li><a href="/abonnement">S’abonner</a></li></ul></nav>
  </header>
  <div class="pub ad-banner">Publicité : découvrez nos offres de printemps sur les vélos électriques.</div>
  <main>
    <article>
      <h1>La Loire déborde à Tours : les quais fermés</h1>
      <p class="byline">Par Jeanne Martin</p>
      <time datetime="2024-03-05T07:30:00+01:00">Publié le 5 mars 2024 à 7 h 30</time>
      <figure>
        <img src="/photos/quais.jpg" alt="Les quais sous l'eau">
        <figcaption>Les quais de Tours sous l’eau, mardi matin. © Photo Le Courrier du Val</figcaption>
      </figure>
      <p>{ARTICLE[0]}</p>
      <div class="lire-aussi"><p>Lire aussi : <a href="/region/2023/12/01/crues">Les crues de décembre en cinq chiffres</a></p></div>
{paragraphs}
      <h2>{HEADING}</h2>
      <p>{LAST}</p>
    </article>
    <aside class="related">
      <h3>Sur le même sujet</h3>
      <ul><li><a href="/region/a">Inondations : comment s’assurer</a></li>
      <li><a href="/region/b">Le barrage de Villerest en question</a></li>
      <li><a href="/region/c">Les photos de la crue de 2016</a></li></ul>
    </aside>
    <section id="comments" class="comments">
      <h3>3 commentaires</h3>
      <div class="comment"><p class="comment-author">Loulou37</p>
      <p>Encore une fois les caves de la rive nord sont sous l’eau, on le savait depuis des années !</p></div>
      <div class="comment"><p class="comment-author">Marc</p>
      <p>Merci aux pompiers pour leur travail remarquable cette nuit.</p></div>
    </section>
  </main>
  <footer><p>© {SITE} 2024 – Mentions légales – Contact – Plan du site</p></footer>
</body>
</html>
"""


def empty_page() -> str:
    """A page whose text is built by JavaScript: nothing but navigation when saved."""
    return """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Chargement…</title>
<script>document.addEventListener("DOMContentLoaded", () => loadArticle());</script></head>
<body><nav><a href="/">Accueil</a> <a href="/region">Région</a></nav><div id="app"></div></body></html>"""


DOC_TITLE = "Le tri des déchets au collège"
DOC_BLOCKS = (
    ("heading", "Un projet des élèves de quatrième"),
    ("text", "Depuis la rentrée, les élèves de quatrième trient les déchets de la cantine en trois bacs."),
    ("text", "Le compost obtenu nourrit le potager installé derrière le gymnase."),
    ("heading", "Des résultats encourageants"),
    ("text", "En six mois, le volume des ordures ménagères du collège a baissé d’un tiers."),
)


def make_docx(path: Path) -> Path:
    """A Word document with a Title paragraph, headings and paragraphs (python-docx)."""
    import docx

    document = docx.Document()
    document.core_properties.author = "Compte du CDI"
    document.core_properties.title = ""
    document.add_paragraph(DOC_TITLE, style="Title")
    for kind, text in DOC_BLOCKS:
        if kind == "heading":
            document.add_heading(text, level=1)
        else:
            document.add_paragraph(text)
    document.add_paragraph("")
    document.add_paragraph("Le potager du collège au printemps.", style="Caption")
    document.save(str(path))
    return path


def make_odt(path: Path) -> Path:
    """An OpenDocument text with a Title paragraph, headings, paragraphs and a footnote (odfdo)."""
    from odfdo import Document, Header, Paragraph

    document = Document("text")
    document.body.clear()
    document.body.append(Paragraph(DOC_TITLE, style="Title"))
    for kind, text in DOC_BLOCKS:
        if kind == "heading":
            document.body.append(Header(1, text))
        else:
            paragraph = Paragraph(text)
            if "potager" in text:
                paragraph.insert_note(after="potager", note_id="n1", citation="1", body="Il a été planté en mars.")
            document.body.append(paragraph)
    document.save(str(path))
    return path


RUNNING_HEADER = "Revue de presse - classe de 1re B"
PDF_TITLE = "La Loire sort de son lit"
PDF_PAGES = (
    (
        ("line", "La crue de la Loire dé-"),
        ("line", "borde sur les quais de Tours depuis mardi. Une agence comme Interfax-"),
        ("line", "Ukraine n'en parlerait pas, mais c'est peut-"),
        ("line", "être la plus forte crue depuis vingt ans."),
        ("gap", ""),
        ("line", "Les pompiers ont évacué trois rues du quartier"),
        ("line", "de la gare et installé des barrages pendant"),
    ),
    (
        ("line", "la nuit, selon la préfecture. Le porte-parole de la mairie a confirmé la fermeture"),
        ("line", "des écoles riveraines. Le porte-"),
        ("line", "parole a aussi appelé à la prudence sur les berges."),
        ("gap", ""),
        ("line", "La décrue est attendue à partir de jeudi."),
    ),
)
PDF_PARAGRAPHS = (
    "La crue de la Loire déborde sur les quais de Tours depuis mardi. Une agence comme "
    "Interfax-Ukraine n'en parlerait pas, mais c'est peut-être la plus forte crue depuis vingt ans.",
    "Les pompiers ont évacué trois rues du quartier de la gare et installé des barrages pendant la "
    "nuit, selon la préfecture. Le porte-parole de la mairie a confirmé la fermeture des écoles "
    "riveraines. Le porte-parole a aussi appelé à la prudence sur les berges.",
    "La décrue est attendue à partir de jeudi.",
)


def make_pdf(path: Path, *, user_password: str | None = None) -> Path:
    """A two-page PDF (fpdf2): a large title, a running header, page numbers at the foot,
    words cut at line ends, a paragraph running over the page break. With ``user_password``
    it is encrypted (an empty one opens without asking)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_title("Microsoft Word - crue.docx")
    for number, lines in enumerate(PDF_PAGES, start=1):
        pdf.add_page()
        pdf.set_font("helvetica", size=9)
        pdf.set_xy(20, 10)
        pdf.cell(0, 5, RUNNING_HEADER)
        y = 30.0
        if number == 1:
            pdf.set_font("helvetica", "B", size=18)
            pdf.set_xy(20, y)
            pdf.cell(0, 8, PDF_TITLE)
            y += 14
        pdf.set_font("helvetica", size=11)
        for kind, text in lines:
            if kind == "gap":
                y += 6
                continue
            pdf.set_xy(20, y)
            pdf.cell(0, 6, text)
            y += 6
        pdf.set_font("helvetica", size=9)
        pdf.set_xy(100, 285)
        pdf.cell(10, 5, f"- {number} -")
    if user_password is not None:
        pdf.set_encryption(owner_password="proprietaire", user_password=user_password)
    pdf.output(str(path))
    return path


def make_image_pdf(path: Path) -> Path:
    """A PDF whose page is a picture only, like a scan without text recognition."""
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    picture = path.with_suffix(".png")
    image = Image.new("RGB", (600, 300), "white")
    ImageDraw.Draw(image).rectangle((40, 40, 560, 260), outline="black", width=4)
    image.save(picture)
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(str(picture), x=10, y=10, w=190)
    pdf.output(str(path))
    picture.unlink()
    return path


def make_corrupt_docx(path: Path, good: Path) -> Path:
    """A .docx whose package is sound but whose main part is cut in the middle."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(item, data)
    return path


def make_encrypted_odt(path: Path) -> Path:
    """What LibreOffice writes for a password-protected document: its parts are encrypted and
    the manifest says so."""
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">\n'
        ' <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>\n'
        ' <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="2048">\n'
        '  <manifest:encryption-data manifest:checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" '
        'manifest:checksum="AAAA"><manifest:algorithm manifest:algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" '
        'manifest:initialisation-vector="AAAA"/></manifest:encryption-data>\n'
        ' </manifest:file-entry>\n'
        '</manifest:manifest>\n'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("META-INF/manifest.xml", manifest)
        archive.writestr("content.xml", bytes(range(256)) * 8)
    return path


CP1252_TEXT = (
    "L’œuvre de l’ingénieur — un pont « suspendu » — a coûté 3 000 €.\n"
    "\n"
    "Les élèves de Noël ont visité le chantier ; ils ont posé des questions à l’équipe.\n"
)


JUSTIFIED = (
    "Depuis le début de la semaine, les habitants des bords de Loire surveillent la montée des eaux avec "
    "une inquiétude croissante, car les prévisions annoncent encore plusieurs jours de pluie sur l'amont "
    "du bassin et les sols sont déjà gorgés d'eau.",
    "À Tours, la municipalité a fermé les quais bas et demandé aux commerçants de la rive nord de "
    "surélever leurs marchandises. Les services techniques ont installé des batardeaux devant les caves "
    "les plus exposées, comme lors de la crue de 2016.",
    "Les agriculteurs du Val redoutent quant à eux des dégâts importants sur les semis d'hiver, déjà "
    "fragilisés par un automne particulièrement humide et par des gelées tardives.",
)


def make_justified_pdf(path: Path, repeat: int = 3) -> Path:
    """Justified paragraphs told apart only by an indented first line (no gap between them),
    flowing over automatic page breaks."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(25, 20, 25)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for paragraph in JUSTIFIED * repeat:
        pdf.set_x(25)
        pdf.multi_cell(0, 5.5, "      " + paragraph, align="J")
    pdf.output(str(path))
    return path


PRINTED = (
    "Les habitants des bords de Loire surveillent la montée des eaux depuis lundi soir, car les "
    "prévisions annoncent encore de fortes pluies sur le bassin.",
    "La municipalité a fermé les quais bas et demandé aux commerçants de surélever leurs marchandises "
    "avant la nuit de jeudi.",
)


def make_printed_pdf(path: Path) -> Path:
    """A page as a browser prints it: a justified narrow column whose words are placed one by
    one, with gaps wider than two letters between them, a soft hyphen printed as a space glyph
    that the next letter overlaps ("surveil" + " " + "lent" at the same place), and a large
    title."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="pt")
    pdf.add_page()
    pdf.set_font("helvetica", "B", size=20)
    pdf.text(50, 60, "La Loire monte")
    pdf.set_font("helvetica", size=11)
    y = 100.0
    for paragraph in PRINTED:
        words = paragraph.replace("surveillent", "surveil\u00adlent").split(" ")
        lines, line = [], []
        for word in words:
            if sum(len(w) for w in line) + len(word) > 38 and line:
                lines.append(line)
                line = []
            line.append(word)
        lines.append(line)
        for number, line in enumerate(lines):
            x = 70.0 if number == 0 else 50.0
            gap = 10.0 if number < len(lines) - 1 else 3.0  # justified, but the last line
            for word in line:
                for piece_number, piece in enumerate(word.split("\u00ad")):
                    if piece_number:
                        pdf.text(x, y, " ")  # the soft hyphen's glyph, overlapped by what follows
                    pdf.text(x, y, piece)
                    x += pdf.get_string_width(piece)
                x += gap
            y += 14
        y += 4
    pdf.output(str(path))
    return path
