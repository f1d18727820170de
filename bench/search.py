"""Benchmark of the site's search from disk (issue 7): time to the first result, browser memory.

    python bench/search.py [--articles 500,2000] [--terms 1000] [--runs 3] [--scheme file,http]
                           [--query gouvernement] [--trim 0,2000,500] [--reuse]

For each size, makes and builds a project under bench/out/project-<N> (bench/corpus.py, then
`build.py build`), describes what search/search_index.json holds (bytes per kind of page, the
sections that should have been kept out of it), then, in a fresh headless Chromium for each
run: opens an article page, clicks the search box, types the query with press_sequentially()
and waits for the first `.md-search-result__item` for the whole query to be visible. It reports the time from
opening the page to that result and the browser's memory once it shows: the sum of the PSS
and of the RSS of its processes, and the page's JS heap (CDP Performance.getMetrics).

Under file:// the search runs through glose/static/assets/glose/iframe-worker.js; http:// is
served by http.server on 127.0.0.1. --trim K1,K2 measures copies of the site whose index
keeps only the first K characters of each section's text (0: titles only), to show how the
time grows with what Material's worker has to index when the page opens.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from build import _pss, _tree, describe, machine  # noqa: E402
from corpus import make_project  # noqa: E402

MB = 1024 * 1024
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
TARGET = 1.5
"""Seconds from opening a page to the first result, at 2,000 articles."""


# ---------------------------------------------------------------- project and index


def built_project(size: int, terms: int, seed: int, glose: Path, reuse: bool) -> Path:
    """bench/out/project-<size> with its site/ built (kept when --reuse and already there)."""
    project = BENCH / "out" / f"project-{size}"
    if reuse and (project / "site" / "search" / "search_index.json").is_file():
        return project
    if not (reuse and (project / "corpus").is_dir()):
        make_project(project, size, terms, seed)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(glose / "build.py"), "build", "--quiet", "--project", str(project)], check=True)
    print(f"built {project} in {time.perf_counter() - started:.1f} s", flush=True)
    return project


def index_report(site: Path) -> dict:
    """What the search index holds: bytes by kind of page, per article, and stray annex text."""
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    kinds: dict[str, list[int]] = {}
    for doc in data["docs"]:
        page = doc["location"].split("#")[0]
        kind = page.split("/")[0] if "/" in page else "home and other pages"
        sizes = kinds.setdefault(kind, [0, 0])
        sizes[0] += 1
        sizes[1] += len(json.dumps(doc, ensure_ascii=False).encode())
    annexes = ("Vocabulaire", "Articles liés", "Dans le corpus")
    stray = sorted({doc["title"] for doc in data["docs"] if doc["title"] in annexes})
    articles = sum(1 for p in (site / "articles").glob("*.html") if "-" in p.stem)
    size = (site / "search" / "search_index.json").stat().st_size
    return {"bytes": size, "js_bytes": (site / "search" / "search_index.js").stat().st_size,
            "sections": len(data["docs"]), "per_article": size / max(articles, 1),
            "kinds": kinds, "annex_sections_indexed": stray, "config": data["config"]}


def sharded_estimate(site: Path, query: str) -> dict:
    """Sizes of the prebuilt index of the design in bench/README.md: every (folded) token of the
    index's text and titles with the sections it occurs in, split into files by the token's
    first two characters; the file a one-word query needs is the one of its first two letters."""
    import re

    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(data["config"]["separator"])
    tags = re.compile(r"<[^>]+>")
    postings: dict[str, set[int]] = {}
    for number, doc in enumerate(data["docs"]):
        for token in separator.split(_fold(tags.sub(" ", f"{doc['title']} {doc['text']}"))):
            token = token.strip(".,;:!?«»()\"…")
            if token:
                postings.setdefault(token, set()).add(number)
    shards: dict[str, int] = {}
    for token, sections in postings.items():
        # token, then the section numbers as gaps in base 36: about what a compact file holds
        numbers = sorted(sections)
        gaps = [numbers[0]] + [b - a for a, b in zip(numbers, numbers[1:])]
        shards[token[:2]] = shards.get(token[:2], 0) + len(token) + 4 + sum(len(_base36(g)) + 1 for g in gaps)
    table = sum(len(json.dumps([d["location"], d["title"], d["text"][:160]], ensure_ascii=False).encode()) for d in data["docs"])
    sizes = sorted(shards.values())
    return {"tokens": len(postings), "postings": sum(len(v) for v in postings.values()),
            "shards": len(shards), "all_shards_bytes": sum(sizes), "largest_shard_bytes": sizes[-1],
            "median_shard_bytes": sizes[len(sizes) // 2], "section_table_bytes": table,
            "query_shard_bytes": shards.get(query.lower()[:2], 0)}


def _fold(text: str) -> str:
    """Lower case without accents (what the prebuilt index stores, and what a query becomes)."""
    import unicodedata

    text = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


PROTOTYPE_PAGE = """<!doctype html><meta charset="utf-8"><title>search</title><ol id="results"></ol>
<script>
// Prototype of the data path of the design in bench/README.md: fold the query, load the one
// shard file per word (a script tag: works from file://), AND the words as prefixes, rank by
// count, load the section-table files of the ten best, show them.
const shards = {}, tables = {};
window.__glose_shard = (key, data) => { shards[key] = data; };
window.__glose_table = (key, data) => { tables[key] = data; };
const load = src => new Promise((ok, fail) => {
  const s = document.createElement("script"); s.src = src; s.onload = ok; s.onerror = fail; document.head.append(s);
});
const hex = w => Array.from(new TextEncoder().encode(w)).map(b => b.toString(16).padStart(2, "0")).join("");
const fold = t => t.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
(async () => {
  const words = fold(decodeURIComponent(location.hash.slice(1))).split(/[\s\-'\u2019]+/).filter(Boolean);
  let scores = null;
  for (const word of words) {
    const key = hex(word.slice(0, 2));
    if (!(key in shards)) await load(`shards/${key}.js`).catch(() => { shards[key] = {}; });
    const found = new Map();
    for (const [token, list] of Object.entries(shards[key]))
      if (token.startsWith(word))
        for (let i = 0; i < list.length; i += 2) found.set(list[i], (found.get(list[i]) || 0) + list[i + 1]);
    scores = scores === null ? found
      : new Map([...scores].filter(([s]) => found.has(s)).map(([s, n]) => [s, n + found.get(s)]));
  }
  const best = [...(scores || [])].sort((a, b) => b[1] - a[1]).slice(0, 10);
  await Promise.all([...new Set(best.map(([s]) => s >> 8))].map(c => load(`table/${c}.js`)));
  const list = document.getElementById("results");
  for (const [s] of best) {
    const [location, title, excerpt] = tables[s >> 8][s & 255];
    const item = document.createElement("li");
    item.className = "result";
    item.innerHTML = `<a href="../${location}">${title}</a><p>${excerpt}</p>`;
    list.append(item);
  }
})();
</script>
"""


def write_prototype(site: Path) -> Path:
    """The prebuilt, sharded index of the design, and PROTOTYPE_PAGE, in a folder beside site/."""
    import re

    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(data["config"]["separator"])
    tags = re.compile(r"<[^>]+>")
    target = site.parent / ".glose" / "search-prototype"
    shutil.rmtree(target, ignore_errors=True)
    (target / "shards").mkdir(parents=True)
    (target / "table").mkdir()
    postings: dict[str, dict[str, dict[int, int]]] = {}
    for number, doc in enumerate(data["docs"]):
        for token in separator.split(_fold(tags.sub(" ", f"{doc['title']} {doc['text']}"))):
            token = token.strip(".,;:!?«»()\"…")
            if token:
                counts = postings.setdefault(token[:2].encode().hex(), {}).setdefault(token, {})
                counts[number] = counts.get(number, 0) + 1
    for key, tokens in postings.items():
        flat = {token: [x for pair in sorted(counts.items()) for x in pair] for token, counts in tokens.items()}
        (target / "shards" / f"{key}.js").write_text(
            f"__glose_shard({json.dumps(key)},{json.dumps(flat, ensure_ascii=False, separators=(',', ':'))})", encoding="utf-8")
    rows = [[d["location"], tags.sub("", d["title"]), tags.sub("", d["text"])[:160]] for d in data["docs"]]
    for chunk in range(0, len(rows), 256):
        (target / "table" / f"{chunk >> 8}.js").write_text(
            f"__glose_table({chunk >> 8},{json.dumps(rows[chunk:chunk + 256], ensure_ascii=False, separators=(',', ':'))})", encoding="utf-8")
    (target / "search.html").write_text(PROTOTYPE_PAGE, encoding="utf-8")
    return target


def measure_prototype(folder: Path, query: str, runs: int) -> dict:
    """Fresh browser, open the prototype page with the query, time its ten results, memory."""
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as playwright:
        for _ in range(runs):
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                page = browser.new_page()
                cdp = page.context.new_cdp_session(page)
                cdp.send("Performance.enable")
                started = time.perf_counter()
                page.goto(f"{(folder / 'search.html').resolve().as_uri()}#{query}")
                page.locator(".result").first.wait_for(state="visible", timeout=60_000)
                elapsed = time.perf_counter() - started
                metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
                processes = [p for p in _tree(os.getpid()) if _is_chromium(p)]
                results.append({"first_result": elapsed, "results": page.locator(".result").count(),
                                "js_heap": metrics.get("JSHeapUsedSize", 0), "loaded": 0.0,
                                "pss": sum(_pss(p) for p in processes), "rss": sum(_rss(p) for p in processes),
                                "processes": len(processes)})
            finally:
                browser.close()
    times = [r["first_result"] for r in results]
    median = sorted(results, key=lambda r: r["first_result"])[len(results) // 2]
    return {**median, "runs": [round(t, 2) for t in times], "median": statistics.median(times), "best": min(times)}


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = digits[n % 36]
    while n >= 36:
        n //= 36
        out = digits[n % 36] + out
    return out


def trimmed_site(site: Path, keep: int) -> Path:
    """A copy of site/ whose index keeps the first `keep` characters of each section's text."""
    target = site.parent / ".glose" / f"site-trim-{keep}"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(site, target, copy_function=os.link)  # pages hard-linked: only the index differs
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in data["docs"]:
        doc["text"] = doc["text"][:keep]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for name, content in (("search_index.json", text), ("search_index.js", _as_script(site, text))):
        (target / "search" / name).unlink()
        (target / "search" / name).write_text(content, encoding="utf-8")
    return target


def _as_script(site: Path, text: str) -> str:
    """search_index.js as the offline plugin writes it, around another index."""
    original = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    head = original[: original.index("{")]
    tail = original[original.rindex("}") + 1:]
    return head + text + tail


# ---------------------------------------------------------------- browser


@contextlib.contextmanager
def served(site: Path, scheme: str):
    """The base URL of site/: file://, or http:// from a local http.server thread."""
    if scheme == "file":
        yield site.resolve().as_uri()
        return
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


# The first visible result for the whole query: Material puts the query words it matched in each
# result link's ?h= (an earlier keystroke, "gouv", would show results too).
_RESULT = """(words) => [...document.querySelectorAll('.md-search-result__item .md-search-result__link')]
  .some(a => a.offsetParent !== null && (new URL(a.href).searchParams.get('h') || '')
    .split(' ').filter(Boolean).sort().join(' ') === words)"""


def first_result(playwright, url: str, query: str) -> dict:
    """Open the page in a new browser, search, time the first result, measure memory."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    try:
        page = browser.new_page()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        started = time.perf_counter()
        page.goto(url, wait_until="load")
        loaded = time.perf_counter() - started
        box = page.get_by_role("textbox", name="Rechercher")
        box.click()
        box.press_sequentially(query)
        typed = time.perf_counter() - started
        words = " ".join(sorted(query.lower().split()))
        page.wait_for_function(_RESULT, arg=words, timeout=120_000, polling="raf")
        elapsed = time.perf_counter() - started
        count = page.locator(".md-search-result__item").count()
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        processes = [p for p in _tree(os.getpid()) if _is_chromium(p)]
        return {
            "first_result": elapsed, "loaded": loaded, "typed": typed, "results": count,
            "js_heap": metrics.get("JSHeapUsedSize", 0), "pss": sum(_pss(p) for p in processes),
            "rss": sum(_rss(p) for p in processes), "processes": len(processes),
        }
    finally:
        browser.close()


def _is_chromium(pid: int) -> bool:
    try:
        return "chromium" in Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0].decode()
    except (OSError, IndexError):
        return False


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def measure(site: Path, scheme: str, query: str, runs: int) -> dict:
    """Median and best of `runs` fresh browsers opening an article page of `site`."""
    from playwright.sync_api import sync_playwright

    article = sorted(p for p in (site / "articles").glob("*.html") if "-" in p.stem)[0]
    results = []
    with served(site, scheme) as base, sync_playwright() as playwright:
        url = f"{base}/articles/{article.name}"
        for _ in range(runs):
            results.append(first_result(playwright, url, query))
    times = [r["first_result"] for r in results]
    median = sorted(results, key=lambda r: r["first_result"])[len(results) // 2]
    return {**median, "runs": [round(t, 2) for t in times], "median": statistics.median(times), "best": min(times)}


# ---------------------------------------------------------------- report


def line(label: str, r: dict) -> str:
    return (f"{label:<44} first result {r['median']:5.2f} s (best {r['best']:.2f}, runs {r['runs']}), "
            f"page loaded {r['loaded']:.2f} s, {r['results']} results; memory PSS {r['pss'] / MB:.0f} MB, "
            f"RSS {r['rss'] / MB:.0f} MB ({r['processes']} processes), JS heap {r['js_heap'] / MB:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="500,2000")
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scheme", default="file,http", help="file, http or both")
    parser.add_argument("--query", default="gouvernement", help="a word found in most generated articles")
    parser.add_argument("--trim", default="", help="comma-separated K: also measure an index cut to K characters a section")
    parser.add_argument("--glose", type=Path, default=BENCH.parent)
    parser.add_argument("--reuse", action="store_true", help="reuse bench/out/project-<N> and its site/ when present")
    parser.add_argument("--prototype", action="store_true", help="also time the prebuilt sharded index of the design (file://)")
    args = parser.parse_args(argv)
    figures = {"machine": machine(), "query": args.query, "sizes": {}}
    print(describe(figures["machine"]), flush=True)
    for size in (int(n) for n in args.articles.split(",")):
        project = built_project(size, args.terms, args.seed, args.glose, args.reuse)
        report = {"index": index_report(project / "site"), "search": {}}
        report["sharded"] = sharded_estimate(project / "site", args.query)
        index = report["index"]
        print(f"\n{size} articles: search_index.json {index['bytes'] / MB:.1f} MB (and .js {index['js_bytes'] / MB:.1f} MB), "
              f"{index['sections']} sections, {index['per_article'] / 1024:.1f} KB per article; by page kind "
              f"{ {k: f'{n} sections, {b / MB:.1f} MB' for k, (n, b) in index['kinds'].items()} }; "
              f"annex sections indexed: {index['annex_sections_indexed'] or 'none'}", flush=True)
        shard = report["sharded"]
        print(f"prebuilt sharded index (design): {shard['tokens']} tokens, {shard['postings']} postings, "
              f"{shard['shards']} files, {shard['all_shards_bytes'] / MB:.1f} MB in all, largest {shard['largest_shard_bytes'] / 1024:.0f} KB, "
              f"median {shard['median_shard_bytes'] / 1024:.1f} KB, the query's {shard['query_shard_bytes'] / 1024:.0f} KB; section table {shard['section_table_bytes'] / MB:.1f} MB", flush=True)
        for scheme in args.scheme.split(","):
            result = measure(project / "site", scheme, args.query, args.runs)
            report["search"][scheme] = result
            print(line(f"{scheme}://, full index", result), flush=True)
        for keep in (int(k) for k in args.trim.split(",") if k):
            site = trimmed_site(project / "site", keep)
            result = measure(site, args.scheme.split(",")[0], args.query, args.runs)
            result["index_bytes"] = (site / "search" / "search_index.json").stat().st_size
            report["search"][f"trim-{keep}"] = result
            print(line(f"{args.scheme.split(',')[0]}://, text cut to {keep} chars ({result['index_bytes'] / MB:.1f} MB)", result), flush=True)
            shutil.rmtree(site)
        if args.prototype:
            folder = write_prototype(project / "site")
            result = measure_prototype(folder, args.query, args.runs)
            result["bytes"] = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
            report["search"]["prototype"] = result
            print(line(f"file://, prototype of the design ({result['bytes'] / MB:.1f} MB on disk)", result), flush=True)
        figures["sizes"][size] = report
        if size >= 2000:
            best = report["search"][args.scheme.split(",")[0]]["median"]
            print(f"target: first result within {TARGET} s at 2,000 articles: {best:.2f} s "
                  f"{'ok' if best <= TARGET else 'MISSED'}")
    figures["machine"]["load_after"] = os.getloadavg()[0]
    out = BENCH / "out" / "search.json"
    out.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nfigures saved to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
