"""Benchmark of the site's search from disk (issue 7): time to the first result, browser memory.

    python bench/search.py [--articles 500,2000] [--terms 1000] [--runs 3] [--scheme file,http]
                           [--query gouvernement] [--reuse] [--writer]

For each size, makes and builds a project under bench/out/project-<N> (bench/corpus.py, then
`build.py build`: the real site, searched by Glose's worker from the index that
glose/search_shards.py writes), reports the sizes of that index (search/shards, table, text and
pages.js, and what is left of search_index.json) and of site/, then, in a fresh headless
Chromium for each run: opens an article page, clicks the search box, types the query with
press_sequentially() and waits for the first `.md-search-result__item` for the whole query to be
visible. It reports the time from opening the page to that result, the count Material shows
above the results ("2.6k documents trouvés"), the index files the search loaded (while the
query was typed, one prefix after the other), and the browser's memory once the result shows:
the sum of the PSS and of the RSS of its processes, and the page's JS heap (CDP
Performance.getMetrics).

--writer also times the shard writer on each project: glose.site.build_site (MkDocs, then
glose/search_shards.py) runs once more into a folder beside site/, the writer timed apart.

Under file:// the worker runs through glose/site/static/assets/glose/iframe-worker.js; http:// is
served by http.server on 127.0.0.1. Material's own search (a lunr index built in the browser
on every page, before Glose's worker) was measured by earlier versions of this script; its
figures are in bench/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import re
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

KB, MB = 1024, 1024 * 1024
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
TARGET = 1.5
"""Seconds from opening a page to the first result, at 2,000 articles."""


# ---------------------------------------------------------------- project and index


def built_project(size: int, terms: int, seed: int, glose: Path, reuse: bool) -> Path:
    """bench/out/project-<size> with its site/ built (kept when --reuse and already built with
    the prebuilt search index)."""
    project = BENCH / "out" / f"project-{size}"
    if reuse and (project / "site" / "search" / "shards").is_dir():
        return project
    if not (reuse and (project / "corpus").is_dir()):
        make_project(project, size, terms, seed)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(glose / "build.py"), "build", "--quiet", "--project", str(project)], check=True)
    print(f"built {project} in {time.perf_counter() - started:.1f} s", flush=True)
    return project


def index_report(site: Path, query: str) -> dict:
    """Sizes of the prebuilt search index, of the shard the query's first word needs, of site/."""
    search = site / "search"
    config = json.loads((search / "search_index.json").read_text(encoding="utf-8"))["config"]
    first = re.split(config["separator"], query.lower())[0]
    shard = search / "shards" / f"{first[:2].encode().hex()}.js"
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"index_bytes": (search / "search_index.json").stat().st_size,
            "index_js_bytes": (search / "search_index.js").stat().st_size,
            "sections": config["glose"]["sections"],
            **{folder: _sizes(search / folder) for folder in ("shards", "table", "text")},
            "pages_bytes": (search / "pages.js").stat().st_size if (search / "pages.js").is_file() else 0,
            "query_shard_bytes": shard.stat().st_size if shard.is_file() else 0,
            "site_bytes": sum(p.stat().st_size for p in files), "site_files": len(files)}


def _sizes(folder: Path) -> dict:
    sizes = sorted(p.stat().st_size for p in folder.glob("*.js"))
    return {"files": len(sizes), "bytes": sum(sizes), "median": sizes[len(sizes) // 2] if sizes else 0,
            "largest": sizes[-1] if sizes else 0}


WRITER_DRIVER = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import glose.site
took = []
write = glose.site.write_search_shards  # looked up in glose.site by build_site
def timed(site):
    wall, cpu = time.perf_counter(), time.process_time()
    write(site)
    took.append([time.perf_counter() - wall, time.process_time() - cpu])
glose.site.write_search_shards = timed
root = Path(sys.argv[2])
glose.site.build_site(root / "mkdocs.yml", root / "docs", Path(sys.argv[3]))
print(json.dumps(took[0]))
"""


def time_writer(glose: Path, project: Path) -> dict:
    """Wall and CPU seconds of glose/search_shards.py on the project's site (built again)."""
    import shutil

    target = project / ".glose" / "bench-search-site"
    shutil.rmtree(target, ignore_errors=True)
    try:
        done = subprocess.run([sys.executable, "-c", WRITER_DRIVER, str(glose), str(project), str(target)],
                              check=True, capture_output=True, text=True)
    finally:
        shutil.rmtree(target, ignore_errors=True)
    wall, cpu = json.loads(done.stdout.splitlines()[-1])
    return {"wall": wall, "cpu": cpu}


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


def first_result(playwright, url: str, query: str, site: Path) -> dict:
    """Open the page in a new browser, search, time the first result, measure memory, and
    count the index files (under search/) the page and its worker loaded."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    try:
        context = browser.new_context()
        requested: list[str] = []
        context.on("request", lambda request: requested.append(request.url))
        page = context.new_page()
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
        shown = page.locator(".md-search-result__meta").inner_text()
        metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
        processes = [p for p in _tree(os.getpid()) if _is_chromium(p)]
        search = {site / "search" / u.split("/search/", 1)[1] for u in requested if "/search/" in u}
        return {
            "first_result": elapsed, "loaded": loaded, "typed": typed, "results": count, "shown": shown,
            "search_files": len(search), "search_bytes": sum(p.stat().st_size for p in search),
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
            results.append(first_result(playwright, url, query, site))
    times = [r["first_result"] for r in results]
    median = sorted(results, key=lambda r: r["first_result"])[len(results) // 2]
    return {**median, "runs": [round(t, 2) for t in times], "median": statistics.median(times), "best": min(times)}


# ---------------------------------------------------------------- report


def line(label: str, r: dict) -> str:
    return (f"{label:<14} first result {r['median']:5.2f} s (best {r['best']:.2f}, runs {r['runs']}), "
            f"page loaded {r['loaded']:.2f} s, {r['results']} items drawn, \"{r['shown']}\"; "
            f"index files loaded {r['search_files']} "
            f"({r['search_bytes'] / KB:.0f} KB); memory PSS {r['pss'] / MB:.0f} MB, "
            f"RSS {r['rss'] / MB:.0f} MB ({r['processes']} processes), JS heap {r['js_heap'] / MB:.1f} MB")


def describe_index(size: int, index: dict) -> str:
    parts = [f"{size} articles, {index['sections']} sections: search_index.json {index['index_bytes'] / KB:.1f} KB "
             f"(and .js {index['index_js_bytes'] / KB:.1f} KB)"]
    for folder in ("shards", "table", "text"):
        f = index[folder]
        parts.append(f"{folder}/ {f['files']} files, {f['bytes'] / MB:.2f} MB (median {f['median'] / KB:.1f} KB, "
                     f"largest {f['largest'] / KB:.0f} KB)")
    parts.append(f"pages.js {index['pages_bytes'] / KB:.0f} KB")
    parts.append(f"the query's shard {index['query_shard_bytes'] / KB:.0f} KB; "
                 f"site/ {index['site_bytes'] / MB:.1f} MB, {index['site_files']} files")
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="500,2000")
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scheme", default="file,http", help="file, http or both")
    parser.add_argument("--query", default="gouvernement", help="a word found in most generated articles")
    parser.add_argument("--glose", type=Path, default=BENCH.parent)
    parser.add_argument("--reuse", action="store_true", help="reuse bench/out/project-<N> and its site/ when present")
    parser.add_argument("--writer", action="store_true", help="also time the shard writer (MkDocs runs once more)")
    args = parser.parse_args(argv)
    figures = {"machine": machine(), "query": args.query, "sizes": {}}
    print(describe(figures["machine"]), flush=True)
    for size in (int(n) for n in args.articles.split(",")):
        project = built_project(size, args.terms, args.seed, args.glose, args.reuse)
        report = {"index": index_report(project / "site", args.query), "search": {}}
        print(f"\n{describe_index(size, report['index'])}", flush=True)
        if args.writer:
            report["writer"] = time_writer(args.glose, project)
            print(f"shard writer: {report['writer']['wall']:.2f} s (CPU {report['writer']['cpu']:.2f} s)", flush=True)
        for scheme in args.scheme.split(","):
            result = measure(project / "site", scheme, args.query, args.runs)
            report["search"][scheme] = result
            print(line(f"{scheme}://", result), flush=True)
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
