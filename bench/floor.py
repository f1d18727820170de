"""Glose's build costs as ratios to MkDocs' own floor, measured side by side in one run (issue 15).

    python bench/floor.py [--articles 2000] [--terms 1000] [--seed 1] [--runs 3] [--serve]

The floor is a plain MkDocs + Material build of the same article texts: no annotation, no
glossary, the same theme, plugins and Markdown extensions as the project's mkdocs.yml (Glose's
own overrides, scripts and styles left out), articles out of the navigation. Every figure is
the median of --runs runs, the runs of the different steps taking turns so that a burst of
load elsewhere on this shared machine hits all of them alike:

1. floor: `mkdocs build` of the plain project, from nothing;
2. whole: `build.py build` from nothing (no docs/, site/ or .glose/);
3. edit: `build.py build` after one sentence of one article changed (no term in it);
4. mention: `build.py build` after a new mention of a term in one article;
5. with --serve: `build.py serve` running, the time from saving an edit to the page being
   served with it (polled over http every 50 ms).

Prints wall and CPU seconds, peak memory and each figure as a ratio to the floor (the ratio of
the medians, and the median of each round's ratio to its own floor: "rounds"); writes
bench/out/floor-<N>.json. Times come from runs with nothing else looking at the processes;
peak memory from one more round, sampled every 50 ms (sampling slows a build down: not timed).
Before a build from nothing, the last build's outputs are moved aside, not removed (see
set_aside), and removed after the last run. --project DIR measures an existing project instead
of generating one.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(REPO))

from corpus import make_project  # noqa: E402

_spec = importlib.util.spec_from_file_location("bench_build", BENCH / "build.py")
bench_build = importlib.util.module_from_spec(_spec)
sys.modules["bench_build"] = bench_build  # its dataclasses look their module up
_spec.loader.exec_module(bench_build)
run, glose_build = bench_build.run, bench_build.glose_build

NO_TERM = "xyxy zyx xyzzy."
"""A sentence no generated glossary form matches (bench/corpus.py never uses x, y or z)."""


def plain_project(project: Path, target: Path) -> int:
    """Write the floor project: each article's title and text as plain Markdown, the project's
    mkdocs.yml without Glose's own theme overrides, scripts and styles. Returns the number of
    articles."""
    from glose.diagnostics import Report
    from glose.read import read_project

    docs = target / "docs" / "articles"
    docs.mkdir(parents=True)
    articles = read_project(project, Report()).articles
    for article in articles:
        body = "\n\n".join(p.text for p in article.paragraphs)
        (docs / f"{article.slug}.md").write_text(f"# {article.title}\n\n{body}\n", encoding="utf-8")
    (target / "docs" / "index.md").write_text("# Accueil\n\nUn corpus.\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(plain_config(project / "mkdocs.yml"), encoding="utf-8")
    return len(articles)


def plain_config(path: Path) -> str:
    """The project's mkdocs.yml without what only Glose's pages need (theme overrides, scripts,
    styles, the offline shim) and with a one-page navigation."""
    import yaml

    from glose.config import _Loader  # reads MkDocs' tags as nothing

    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    config["theme"].pop("custom_dir", None)
    for key in ("extra_css", "extra_javascript", "extra"):
        config.pop(key, None)
    config["nav"] = [{"Accueil": "index.md"}]
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


def mkdocs_build(target: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--strict", "-f", str(target / "mkdocs.yml")]


def edit_article(project: Path, sentence: str) -> None:
    """Add a sentence to the first .txt article (a new paragraph at its end)."""
    article = sorted((project / "corpus").rglob("*.txt"))[0]
    article.write_text(article.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def a_term(project: Path) -> str:
    """The name of a glossary entry (to make a new mention)."""
    entry = sorted((project / "glossary").rglob("*.md"))[0].read_text(encoding="utf-8")
    return re.search(r"^term: *(.+)$", entry, re.MULTILINE).group(1).strip("'\"")


TRASH = BENCH / "out" / "floor-trash"
"""Where the outputs of a build go before the next one from nothing: moved, not removed."""


def set_aside(project: Path, *folders: str) -> None:
    """Move `folders` of `project` out of the way, to be removed after the last run. Removing
    them right before a timed build slowed it down: on this project's build machine (ext4 on a
    virtual disk, mounted with `discard`), creating files ran 10 to 30 times slower (0.015 ms
    -> 0.3 to 0.5 ms a file) for 10 to 40 s after 20,000 files were removed, which charged
    the removal of the last build's 30,000 files to Glose's next build and the 2,800 of
    MkDocs' site to the floor's."""
    TRASH.mkdir(parents=True, exist_ok=True)
    for folder in folders:
        if (project / folder).exists():
            os.rename(project / folder, TRASH / f"{len(os.listdir(TRASH))}-{folder.strip('.')}")


def measure_round(project: Path, floor: Path, env: dict, sample: bool = False) -> dict:
    """One run of each step (see the module docstring); with `sample`, their peak memory."""
    figures = {}
    set_aside(floor, "site")
    figures["floor"] = run(mkdocs_build(floor), env, sample)
    set_aside(project, "docs", "site", ".glose")
    figures["whole"] = run(glose_build(REPO, project), env, sample)
    edit_article(project, NO_TERM)
    figures["edit"] = run(glose_build(REPO, project), env, sample)
    edit_article(project, f"xyxy {a_term(project)} zyx.")
    figures["mention"] = run(glose_build(REPO, project), env, sample)
    return figures


def measure_serve(project: Path, runs: int, env: dict) -> list[float]:
    """Seconds from saving an edit to the page served with it, `runs` times."""
    port = _free_port()
    set_aside(project, "docs", "site", ".glose")
    server = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--project", str(project),
                               "--dev-addr", f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env={**os.environ, **env})
    article = sorted((project / "corpus").rglob("*.txt"))[0]
    url = f"http://127.0.0.1:{port}/articles/{_slug(article)}.html"
    try:
        _wait_for(url, "", timeout=600)
        took = []
        for n in range(runs):
            marker = f"xyxy{n}zyx{time.time_ns()}"
            started = time.perf_counter()
            edit_article(project, marker)
            _wait_for(url, marker, timeout=600)
            took.append(time.perf_counter() - started)
        return took
    finally:
        server.terminate()
        server.wait(timeout=60)


def _slug(path: Path) -> str:
    from glose.folding import slugify

    return slugify(path.stem)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, text: str, timeout: float) -> None:
    """Poll `url` every 50 ms until it answers with `text` in its body."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return
        except OSError:
            pass
        time.sleep(0.05)  # a poll interval, not a measurement
    raise SystemExit(f"{url} did not show {text!r} within {timeout} s")


def summary(rounds: list[dict], memory: dict) -> dict:
    """Median wall and CPU of each step over the timed `rounds`, its peak memory in the
    `memory` round, and its ratio to the floor."""
    steps = {}
    for name in rounds[0]:
        walls = [r[name].wall for r in rounds]
        steps[name] = {"wall": statistics.median(walls), "walls": [round(w, 2) for w in walls],
                       "cpu": statistics.median(r[name].cpu for r in rounds),
                       "peak_pss_mb": memory[name].peak_pss / 2**20}
    floor = steps["floor"]["wall"]
    for name, step in steps.items():
        step["ratio"] = step["wall"] / floor
        # The same step's ratio to the floor of its own round, median over the rounds: the
        # floor itself moved by 40 % between rounds of one run on this shared machine.
        step["round_ratio"] = statistics.median(r[name].wall / r["floor"].wall for r in rounds)
    return steps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve", action="store_true", help="also time build.py serve from save to page")
    parser.add_argument("--project", type=Path, help="measure this project (a copy is used) instead of a generated one")
    args = parser.parse_args()
    out = BENCH / "out"
    project, floor = out / f"floor-project-{args.articles}", out / f"floor-plain-{args.articles}"
    if args.project and args.project.resolve() == project.resolve():
        parser.error(f"--project {args.project} is this script's own work folder, which it empties first: "
                     "give the project's own folder (bench/corpus.py makes one)")
    set_aside(project.parent, project.name)  # a previous run's project, and its plain one (plain_project)
    set_aside(floor.parent, floor.name)
    if args.project:
        shutil.copytree(args.project, project, ignore=shutil.ignore_patterns("docs", "site", ".glose"))
    else:
        make_project(project, articles=args.articles, terms=args.terms, seed=args.seed)
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml") if not (project / "mkdocs.yml").exists() else None
    count = plain_project(project, floor)
    env = {"NO_MKDOCS_2_WARNING": "1"}
    # MkDocs and its libraries come compiled (pip writes their .pyc files); Glose, installed
    # editable, is compiled when first imported, unless PYTHONDONTWRITEBYTECODE is set (it is
    # on the machine these figures were measured on): then every run compiled it again
    # (0.1 s). Compiled here, as a regular install or a first run leaves it.
    compileall.compile_dir(REPO / "glose", quiet=1)
    load_before = os.getloadavg()
    try:
        rounds = [measure_round(project, floor, env) for _ in range(args.runs)]
        steps = summary(rounds, measure_round(project, floor, env, sample=True))
        if args.serve:
            serve = measure_serve(project, args.runs, env)
            steps["serve"] = {"wall": statistics.median(serve), "walls": [round(s, 2) for s in serve],
                              "ratio": statistics.median(serve) / steps["floor"]["wall"]}
    finally:
        shutil.rmtree(TRASH, ignore_errors=True)
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "load_before": load_before,
               "load_after": os.getloadavg(), "platform": platform.platform()}
    print(f"{count} articles; machine: {machine['cpus']} CPUs, load {load_before[0]:.2f} -> {machine['load_after'][0]:.2f}")
    print(f"{'step':10} {'wall s':>8} {'ratio':>7} {'rounds':>7} {'cpu s':>8} {'peak MB':>8}  walls")
    for name, step in steps.items():
        rounds_ratio = f"{step['round_ratio']:7.2f}" if "round_ratio" in step else " " * 7
        print(f"{name:10} {step['wall']:8.2f} {step['ratio']:7.2f} {rounds_ratio} "
              f"{step.get('cpu', 0):8.2f} {step.get('peak_pss_mb', 0):8.0f}  {step['walls']}")
    out.mkdir(exist_ok=True)
    (out / f"floor-{count}.json").write_text(json.dumps({"machine": machine, "steps": steps}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
