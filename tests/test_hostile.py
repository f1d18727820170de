"""Text is text: HTML, Markdown, attr_list, snippets, Jinja, entities and table syntax written in
an article, its header or a glossary entry show literally on the built page, and no element or
attribute comes from them. Checked on the HTML that MkDocs builds, parsed with BeautifulSoup."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from support import REPO, read_search_script, run_build_cli, write_project

HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror=alert(1)> [lien](javascript:alert(1)) '
    '*gras* _it_ `code` { .evil onclick=alert(1) } --8<-- "README.md" {{ jinja }} {% if x %} '
    '&amp; &lt; | a | b | </p></div> <!-- c --> \\* ~~b~~ ==m== ^^i^^ [^1] <b>gras</b>'
)
TITLE = f"T {HOSTILE}"
SUMMARY = "S <script>alert(2)</script> `c [x](javascript:alert(3)) *e* _i_ { .evil onclick=x } &amp; &lt; | \" ' {{ j }} --8<-- fin"
ODD_TERM = "Pacte *de* <Varsovie> & {{ x }}"
BODY = f"Début {HOSTILE} l'Otan, le {ODD_TERM} fin."
MD_TITLE = f"M {HOSTILE}"
ARTICLE = (
    f"title {TITLE}\ndate 2022-02-24\nsource S {HOSTILE}\nauthor A {HOSTILE}\n"
    f"url javascript:alert(1)\ntags <b>tag</b>, {{{{ x }}}}\n\n"
    f"{BODY}\n\n--8<-- \"README.md\"\n\n# pas un titre\n\n| a | b |\n| --- | --- |\n| c | d |\n"
)


def _yaml(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The hostile project, built once with MkDocs; returns (root, stderr)."""
    root = write_project(
        tmp_path_factory.mktemp("hostile"),
        corpus={
            "h.txt": ARTICLE,
            "m.md": f"---\ntitle: {_yaml(MD_TITLE)}\nsource: {_yaml(HOSTILE)}\n---\nL'Otan est là, puis `un code` et [x](y).\n",
        },
        glossary={
            "otan.md": f"---\nterm: Otan\nsummary: {_yaml(SUMMARY)}\nsee_also:\n  - pacte\n---\nDéfinition du {ODD_TERM}.\n",
            "pacte.md": f"---\nterm: {_yaml(ODD_TERM)}\nsummary: {_yaml(SUMMARY)}\ntags:\n  - <b>thème</b> {{{{ x }}}}\n"
                        "---\nL'Otan et lui.\n",  # the glossary's list by theme, its tag page
        },
        files={"README.md": "SNIPPET-MARKER must never be pulled into a page\n"},
    )
    code, err = run_build_cli(root, "--quiet")
    assert code == 0, err
    return root, err


def soup(root, rel: str) -> BeautifulSoup:
    return BeautifulSoup((root / "site" / rel).read_text(encoding="utf-8"), "html.parser")


def flat(text: str) -> str:
    return " ".join(text.split())


def test_txt_paragraph_is_literal_with_only_our_links(site):
    root, _ = site
    paragraph = soup(root, "articles/h.html").find(id="p1")
    assert paragraph.name == "p"
    assert flat(paragraph.get_text()) == flat(f"§1 {BODY}")
    inner = paragraph.find_all(True)
    assert [tuple(e.get("class")) for e in inner] == [("glose-pnum",), ("term",), ("term",)]
    assert {e.name for e in inner} == {"a"}
    assert [e.get_text() for e in inner] == ["§1", "Otan", ODD_TERM]


def test_txt_lines_that_look_like_markdown_stay_text(site):
    root, _ = site
    page = soup(root, "articles/h.html")
    assert flat(page.find(id="p2").get_text()) == '§2 --8<-- "README.md"'
    assert flat(page.find(id="p3").get_text()) == "§3 # pas un titre"
    assert flat(page.find(id="p4").get_text()) == "§4 | a | b | | --- | --- | | c | d |"
    article = page.find("article")
    assert article.find("table", class_=False) is None or not article.select("p#p4 table")
    assert [h.get_text() for h in article.find_all("h1")] == [TITLE]


def test_header_fields_are_literal(site):
    root, err = site
    meta = soup(root, "articles/h.html").find(class_="glose-meta")
    assert flat(meta.get_text()) == flat(f"24 février 2022 · S {HOSTILE} · A {HOSTILE} · javascript:alert(1)")
    assert [e.name for e in meta.find_all(True)] == ["time", "span", "span", "span"]
    tags = soup(root, "articles/h.html").find(class_="glose-tags")
    assert [a.get_text() for a in tags.find_all("a")] == ["<b>tag</b>", "{{ x }}"]
    assert "corpus/h.txt:5: warning: url 'javascript:alert(1)' is not a web address; it is shown as text, not as a link: write the full address, starting with https://" in err


def test_summary_is_the_exact_description_in_text_and_markdown(site):
    """Each term link names its entry in the page's hidden list of definitions
    (aria-describedby), which holds the name and the summary as typed; no title attribute,
    which Material would turn into a tooltip with innerHTML."""
    root, _ = site
    for rel in ("articles/h.html", "articles/m.html", "glossary/pacte.html"):
        page = soup(root, rel)
        links = page.select("a.term[data-term=otan]")
        assert links and all("title" not in a.attrs and a.find(True) is None for a in links), rel
        entry = page.select_one(f"div.glose-defs[hidden][data-search-exclude] > p#{links[0]['aria-describedby']}")
        assert entry.get_text() == f"Otan : {SUMMARY}", rel
        assert entry.select_one(".glose-def__summary").get_text() == SUMMARY
        assert {e.name for e in entry.find_all(True)} == {"span"}, rel
    odd = soup(root, "articles/h.html").select_one("#glose-def-pacte")
    assert odd.select_one(".glose-def__term").get_text() == ODD_TERM
    paragraph = soup(root, "articles/m.html").find(id="p1")
    assert flat(paragraph.get_text()) == "§1 L'Otan est là, puis un code et x."
    assert [e.name for e in paragraph.find_all(True)] == ["p", "a", "p", "a", "code", "a"]


def test_summary_and_term_on_the_glossary_page(site):
    root, _ = site
    page = soup(root, "glossary/pacte.html")
    assert page.find("article").find("h1").get_text() == ODD_TERM
    assert page.find(class_="glose-summary").get_text() == SUMMARY
    for rel, other in (("glossary/otan.html", ODD_TERM), ("glossary/pacte.html", "Otan")):  # see also, both ways
        items = soup(root, rel).find(id="voir-aussi").find_next("ul").find_all("li")
        assert [li.get_text() for li in items] == [f"{other} : {SUMMARY}"], rel
        assert [e.name for e in items[0].find_all(True)] == ["a"], rel
    cells = [td.get_text() for td in soup(root, "articles/h.html").select(".glose-vocabulary tbody td, .glose-vocabulary tbody th")]
    assert SUMMARY in cells and ODD_TERM in cells


@pytest.mark.parametrize("rel, title", [("articles/h.html", TITLE), ("articles/m.html", MD_TITLE), ("glossary/pacte.html", ODD_TERM)], ids=["txt", "md", "term"])
def test_titles_everywhere(site, rel, title):
    """<title>, Material's header, the h1 and the search index all show the title as typed."""
    root, _ = site
    page = soup(root, rel)
    assert page.title.get_text() == f"{title} - Glose"
    assert flat(page.select('[data-md-component="header-topic"]')[0].get_text()) == flat(title)
    assert page.find("article").find("h1").get_text() == title
    # The search table holds titles as text (the search worker escapes them for Material,
    # which renders results with innerHTML), in script files that no text can end.
    rows = [row for path in (root / "site" / "search" / "table").glob("*.js") for row in read_search_script(path)[2]]
    assert [row[1] for row in rows if row[0] == rel] == [flat(title)]
    assert "<" not in "".join(p.read_text(encoding="utf-8") for p in (root / "site" / "search" / "table").glob("*.js"))


def test_articles_index_lists_titles_literally(site):
    root, _ = site
    links = {a["href"]: a.get_text() for a in soup(root, "articles/index.html").select("article a[href]")}
    assert links["h.html"] == TITLE and links["m.html"] == MD_TITLE


def test_no_element_or_attribute_comes_from_the_input(site):
    root, _ = site
    for path in (root / "site").rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        rel = path.relative_to(root / "site").as_posix()
        for element in page.find_all(True):
            assert not [a for a in element.attrs if a.startswith("on")], (rel, element.name)
            for name in ("href", "src", "action", "formaction"):
                assert not re.match(r"\s*javascript:", str(element.get(name, "")), re.I), (rel, element)
            assert "evil" not in (element.get("class") or []), (rel, element)
        assert page.find("img", src="x") is None, rel
        assert page.find("b") is None, rel
        assert not [s for s in page.find_all("script") if "alert" in s.get_text()], rel
        assert "SNIPPET-MARKER" not in page.get_text(), rel


# -- safe by construction -----------------------------------------------------------------

def test_yaml_tags_never_run_code(make_project, tmp_path, run_cli):
    marker = tmp_path / "ran"
    payload = f"!!python/object/apply:os.system [\"touch {marker}\"]"
    root = make_project(
        tmp_path,
        corpus={"a.md": f"---\ntitle: {payload}\n---\nTexte.\n", "b.txt": "title B\n\nTexte.\n",
                "b.notes.yml": f"- quote: {payload}\n  note: x\n"},
        glossary={"g.md": f"---\nterm: G\nsummary: {payload}\n---\nDéfinition.\n"},
    )
    code, err = run_cli(root, "--quiet", "--docs-only")
    assert code == 1 and not marker.exists()
    assert "corpus/a.md:2: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed here" in err
    assert "glossary/g.md:3: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed here" in err


def test_only_safe_yaml_loading_and_autoescaped_jinja_in_the_code():
    """No YAML loader that can build Python objects; every Jinja2 environment autoescapes."""
    from glose.render import templating

    assert templating.ENV.autoescape is True
    unsafe = re.compile(r"yaml\.(load|full_load|unsafe_load|load_all)\(|yaml\.(Full|Unsafe)?Loader\b|Loader=yaml\.Loader")
    for path in [REPO / "build.py", *sorted((REPO / "glose").rglob("*.py"))]:
        source = path.read_text(encoding="utf-8")
        assert not unsafe.search(source), path
        for call in re.findall(r"jinja2\.Environment\((.*?)\n\)", source, re.S):
            assert "autoescape=True" in call, path


def test_a_build_needs_no_network(make_project, tmp_path, monkeypatch):
    import socket

    from glose import pipeline

    def refuse(*args, **kwargs):
        raise AssertionError("the build tried to open a network connection")

    def local_only(family=-1, *args, **kwargs):
        """Sockets between the build's own processes (multiprocessing's pipes: socketpair) are
        no network; without this the test passed only after the browser tests, which leave
        threads that keep the build from forking its workers."""
        return real_socket(family, *args, **kwargs) if family == socket.AF_UNIX else refuse()

    real_socket = socket.socket
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket, "socket", local_only)
    root = make_project(tmp_path, corpus={"a.txt": "title A\n\nL'Otan.\n"},
                        glossary={"otan.md": "---\nterm: Otan\nsummary: Une alliance.\n---\nDéfinition.\n"})
    result = pipeline.build(root)
    assert (root / "site" / "articles" / "a.html").is_file() and not result.report.errors


def test_a_note_cannot_break_the_page_around_it(make_project, tmp_path, run_cli):
    """Issue 11, item 10: notes are Markdown the teacher writes (README), raw HTML kept; but
    `</div></div>` in one closed the article's own elements, and an element left open took in
    the rest of the page."""
    root = make_project(tmp_path, corpus={
        "a.txt": "title A\n\nL'Otan se réunit.\n\nSuite.\n",
        "a.notes.yml": "- quote: se réunit\n  note: '</div></div><b>gras</b> <div class=\"x\">ouverte <!-- fin'\n"
                       "- quote: Suite\n  note: '`</div>` reste du code <span>'\n",
    }, glossary={"otan.md": "---\nterm: Otan\nsummary: Une alliance.\n---\nDéfinition.\n"})
    assert run_cli(root, "--quiet")[0] == 0
    page = soup(root, "articles/a.html")
    article = page.find("article")
    assert article.find(id="vocabulaire") is not None and article.find(id="p2") is not None
    notes = article.find_all("li")
    assert flat(notes[0].get_text()) == "Note. </div></div>gras ouverte <!-- fin"
    assert [e.name for e in notes[0].find_all(True)] == ["strong", "b", "div"]
    assert notes[1].find("code").get_text() == "</div>" and notes[1].find("span") is not None
