"""Benchmark of a whole build (issue 7): our generation and MkDocs, timed apart, against the targets.

    python bench/build.py [--articles 2000] [--terms 1000] [--seed 1] [--runs 3] [--jobs 1,2]

Makes a project with bench/corpus.py under bench/out/, then, each step in its own subprocess
(wall time, CPU time and peak memory from os.wait4; the PSS of the whole process tree is
sampled too, so worker processes count):

1. the whole build, `build.py build` from scratch (no docs/, no site/);
2. generation alone, `build.py build --docs-only` from an empty docs/ (with `--jobs N` for each
   N of --jobs when build.py has that option);
3. MkDocs alone (glose.site.build_site on that docs/, as the build calls it: MkDocs, then
   the prebuilt search index of glose/search_shards.py);
4. regeneration after one article changed (`build.py build --docs-only`): once with a new
   sentence that mentions no term, once with a new mention; the files of docs/ it wrote
   (inodes that changed) are counted;
5. sizes: article pages (HTML), glossary pages, site/, the search index.

Prints the machine and a table of target against measured; writes bench/out/build-<N>.json.
--glose DIR benchmarks another checkout (a scratch copy with a patch applied, say).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from corpus import make_project  # noqa: E402

KB, MB = 1024, 1024 * 1024
NO_TERM = "xyxy zyx xyzzy."
"""A sentence no generated glossary form matches (bench/corpus.py never uses x, y or z)."""


@dataclass
class Run:
    """One subprocess: what it cost."""

    wall: float
    """Seconds, start to exit."""
    cpu: float
    """User + system seconds of the process and the children it waited for."""
    peak_rss: int
    """Largest resident set of any one of those processes, in bytes (wait4's ru_maxrss)."""
    peak_pss: int
    """Largest sum of the PSS of the process tree, sampled every 50 ms, in bytes."""
    stderr: str = ""


@dataclass
class Figures:
    """Everything measured, as saved to bench/out/build-<N>.json."""

    machine: dict = field(default_factory=dict)
    project: dict = field(default_factory=dict)
    whole: dict = field(default_factory=dict)
    generation: dict = field(default_factory=dict)
    """`jobs=N` (or "default") -> best Run."""
    mkdocs: dict = field(default_factory=dict)
    incremental: dict = field(default_factory=dict)
    sizes: dict = field(default_factory=dict)
    compared: dict = field(default_factory=dict)
    """`jobs=N` -> fastest in-process pipeline.generate and all its walls (--compare)."""
    stages: dict = field(default_factory=dict)
    """jobs setting -> stage label -> [wall, CPU] seconds (--profile)."""


# ---------------------------------------------------------------- processes


def run(command: list[str], env: dict | None = None, sample: bool = True) -> Run:
    """Run a command to its end; raise with its stderr when it fails. With `sample`, its peak
    memory (the sum over its processes) is sampled every 50 ms, which slows it down: reading a
    process's memory map holds its lock (about 10 % of a 2.5 s build of Glose measured side by
    side, more than of MkDocs' single process); without, peak_pss is 0."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err,
                                   env={**os.environ, **(env or {})})
        sampler = _PssSampler(process.pid)
        if sample:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        if sample:
            sampler.stop()
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{text}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * KB, sampler.peak, text)


class _PssSampler(threading.Thread):
    """Sums the proportional set size of a process and its descendants, keeps the largest sum."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self._done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.05):
            self.peak = max(self.peak, sum(_pss(p) for p in _tree(self.pid)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    """The process and all its descendants (from /proc/<pid>/task/*/children)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(c) for c in task.read_text().split()]
            except OSError:
                pass
    return found


def _pss(pid: int) -> int:
    """Proportional set size of one process in bytes (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * KB
    except (OSError, ValueError):
        pass
    return 0


def best(runs: list[Run]) -> dict:
    """The fastest of several runs (the others were slowed by something else), with all walls."""
    fastest = min(runs, key=lambda r: r.wall)
    return {**asdict(fastest), "walls": [round(r.wall, 2) for r in runs]}


# ---------------------------------------------------------------- steps


def glose_build(glose: Path, project: Path, *options: str) -> list[str]:
    return [sys.executable, str(glose / "build.py"), "build", "--quiet", "--project", str(project), *options]


def clean(project: Path, *folders: str) -> None:
    for folder in folders:
        shutil.rmtree(project / folder, ignore_errors=True)


def measure_whole(glose: Path, project: Path) -> dict:
    clean(project, "docs", "site", ".glose")
    return asdict(run(glose_build(glose, project)))


def measure_generation(glose: Path, project: Path, jobs: list[str], runs: int) -> dict:
    """`build --docs-only` from an empty docs/, best of `runs`, for each jobs setting. The
    settings take turns, so that a burst of load elsewhere on the machine hits all of them."""
    timed: dict[str, list[Run]] = {setting: [] for setting in jobs}
    for _ in range(runs):
        for setting in jobs:
            clean(project, "docs")
            options = ["--docs-only"] + ([] if setting == "default" else ["--jobs", setting])
            timed[setting].append(run(glose_build(glose, project, *options)))
    return {(s if s == "default" else f"jobs={s}"): best(r) for s, r in timed.items()}


MKDOCS_DRIVER = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from glose.site import build_site
root = Path(sys.argv[2])
build_site(root / "mkdocs.yml", root / "docs", Path(sys.argv[3]))
"""


def measure_mkdocs(glose: Path, project: Path, runs: int) -> dict:
    """MkDocs alone on the generated docs/, into a folder beside site/."""
    target = project / ".glose" / "bench-site"
    timed = []
    for _ in range(runs):
        shutil.rmtree(target, ignore_errors=True)
        timed.append(run([sys.executable, "-c", MKDOCS_DRIVER, str(glose), str(project), str(target)]))
    shutil.rmtree(target, ignore_errors=True)
    return best(timed)


def inodes(docs: Path) -> dict[str, int]:
    return {p.relative_to(docs).as_posix(): p.stat().st_ino for p in docs.rglob("*") if p.is_file()}


def measure_incremental(glose: Path, project: Path, article: Path, addition: str, runs: int) -> dict:
    """Append `addition` to an article, regenerate, count the files written; put it back."""
    original = article.read_bytes()
    timed, written = [], []
    try:
        for _ in range(runs):
            article.write_bytes(original)
            run(glose_build(glose, project, "--docs-only"))  # docs/ up to date with the original
            before = inodes(project / "docs")
            article.write_bytes(original + f"\n{addition}\n".encode())
            timed.append(run(glose_build(glose, project, "--docs-only")))
            after = inodes(project / "docs")
            written = sorted(rel for rel, ino in after.items() if before.get(rel) != ino and rel != ".glose-manifest.json")
    finally:
        article.write_bytes(original)
    return {**best(timed), "written": written}


def first_term(project: Path) -> str:
    """The display name of the first glossary entry that is not case-sensitive."""
    import yaml

    for path in sorted((project / "glossary").glob("*.md")):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        if not front.get("case_sensitive"):
            return str(front["term"])
    raise SystemExit("no glossary entry")


def sizes(project: Path, slugs: set[str]) -> dict:
    """Article and glossary pages (HTML), site/ and its search index, in bytes."""
    site = project / "site"
    articles = [p.stat().st_size for p in (site / "articles").glob("*.html") if p.stem in slugs]
    glossary = [p.stat().st_size for p in (site / "glossary").glob("*.html") if p.stem != "index"]
    index = site / "search" / "search_index.json"
    config = json.loads(index.read_text(encoding="utf-8"))["config"] if index.is_file() else {}
    prebuilt = [p for folder in ("shards", "table", "text") for p in (site / "search" / folder).glob("*.js")]
    return {
        "article_pages": len(articles), "article_avg": sum(articles) / max(len(articles), 1),
        "article_max": max(articles, default=0),
        "glossary_pages": len(glossary), "glossary_avg": sum(glossary) / max(len(glossary), 1),
        "glossary_max": max(glossary, default=0),
        "site": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        "site_files": sum(1 for p in site.rglob("*") if p.is_file()),
        "search_index": index.stat().st_size if index.is_file() else 0,
        "search_index_js": (site / "search" / "search_index.js").stat().st_size if (site / "search" / "search_index.js").is_file() else 0,
        "search_sections": config.get("glose", {}).get("sections", 0),
        "search_files": sum(p.stat().st_size for p in prebuilt), "search_file_count": len(prebuilt),
    }


# ---------------------------------------------------------------- profile

STAGES = (
    ("pipeline", "read_project", "read"),
    ("annotate", "annotate", "annotate: find mentions (matching)"),
    ("annotate.linking", "related_articles", "link: related articles"),
    ("annotate.linking", "concordance", "link: concordance"),
    ("annotate", "lint", "lint"),
    ("render", "render_article", "render: article pages"),
    ("render", "render_term", "render: glossary pages"),
    ("render", "render_indexes", "render: indexes, tags, CSV"),
)
"""(module of glose, function, label): the stages timed by --profile, each where its caller
looks it up, when it exists."""

PROFILE_DRIVER = """
import cProfile, json, pstats, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
import importlib
import glose.pipeline
from glose.diagnostics import Report
from glose.output import survey
times = {}
def timed(module, name, label):
    function = getattr(module, name, None)
    if function is None:
        return
    def wrapper(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent = times.setdefault(label, [0.0, 0.0])
            spent[0] += time.perf_counter() - wall
            spent[1] += time.process_time() - cpu
    setattr(module, name, wrapper)
for module, name, label in json.loads(sys.argv[4]):
    timed(importlib.import_module("glose." + module), name, label)
options = {"jobs": int(sys.argv[5])} if sys.argv[5] != "default" else {}
root = Path(sys.argv[2])
before = lambda: survey.survey(root / "docs", root / glose.pipeline.STATS)
wall, cpu = time.perf_counter(), time.process_time()
glose.pipeline.generate(root, Report(), before(), **options)
times["generate (whole, in-process)"] = [time.perf_counter() - wall, time.process_time() - cpu]
print(json.dumps(times))
profiler = cProfile.Profile()
profiler.runcall(glose.pipeline.generate, root, Report(), before(), **options)
profiler.dump_stats(sys.argv[3])
"""


def profile_generation(glose: Path, project: Path, jobs: str) -> dict:
    """Time each stage of pipeline.generate (wall and CPU), then cProfile a second run."""
    out = BENCH / "out" / f"generate-{jobs}.prof"
    result = subprocess.run([sys.executable, "-c", PROFILE_DRIVER, str(glose), str(project), str(out),
                             json.dumps(STAGES), jobs], capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"profiling failed:\n{result.stderr}")
    import pstats

    print(f"\ncProfile of pipeline.generate (jobs={jobs}), saved to {out}; top 25 by own time:")
    pstats.Stats(str(out)).sort_stats("tottime").print_stats(25)
    return json.loads(result.stdout.strip().splitlines()[-1])


COMPARE_DRIVER = """
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from glose import pipeline
from glose.diagnostics import Report
from glose.output import survey
root = Path(sys.argv[2])
walls = {}
for _ in range(int(sys.argv[3])):
    for jobs in json.loads(sys.argv[4]):
        before = survey.survey(root / "docs", root / pipeline.STATS)
        started = time.perf_counter()
        pipeline.generate(root, Report(), before, jobs=jobs)
        walls.setdefault(jobs, []).append(round(time.perf_counter() - started, 3))
print(json.dumps({"walls": walls, "load": os.getloadavg()[0]}))
"""


def compare_jobs(glose: Path, project: Path, jobs: list[int], rounds: int) -> dict:
    """pipeline.generate in one process, jobs settings taking turns `rounds` times: the
    fastest of each is the figure least disturbed by the rest of the machine."""
    result = subprocess.run([sys.executable, "-c", COMPARE_DRIVER, str(glose), str(project), str(rounds),
                             json.dumps(jobs)], capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"comparing jobs failed:\n{result.stderr}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return {f"jobs={j}": {"best": min(w), "walls": w} for j, w in data["walls"].items()}


def stage_table(times: dict) -> str:
    lines = [f"{'stage of generation':<40}  {'wall':>7}  {'CPU':>7}"]
    lines += [f"{label:<40}  {wall:6.2f}s  {cpu:6.2f}s" for label, (wall, cpu) in times.items()]
    return "\n".join(lines)


# ---------------------------------------------------------------- report


def machine() -> dict:
    """What the figures were measured on."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) * KB for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    from importlib.metadata import version

    return {
        "platform": platform.platform(), "cpu": model, "cpus": os.cpu_count(),
        "memory_gb": round(memory / 1024**3, 1), "python": platform.python_version(),
        "mkdocs": version("mkdocs"), "material": version("mkdocs-material"),
        "load_before": os.getloadavg()[0],
    }


def table(f: Figures) -> str:
    """Target against measured, one line each."""
    gens = f.generation
    gen = gens.get("default") or next(iter(gens.values()))
    whole, size = f.whole, f.sizes
    rows = [
        ("whole build (build.py build, from scratch)", "≤ 60 s", f"{whole['wall']:.1f} s (CPU {whole['cpu']:.1f} s)", whole["wall"] <= 60),
        ("generation (build --docs-only, empty docs/)", "≤ 10 s", f"{gen['wall']:.1f} s (CPU {gen['cpu']:.1f} s)", gen["wall"] <= 10),
        ("generation share of the whole build", "≤ 15 %", f"{100 * gen['wall'] / whole['wall']:.0f} %", gen["wall"] <= 0.15 * whole["wall"]),
        ("MkDocs alone (with the search shards)", "", f"{f.mkdocs['wall']:.1f} s (CPU {f.mkdocs['cpu']:.1f} s)", None),
    ]
    rows += [(f"  generation, {name}", "", f"{r['wall']:.2f} s (CPU {r['cpu']:.1f} s, walls {r['walls']})", None)
             for name, r in gens.items()]
    for name, inc in f.incremental.items():
        rows.append((f"regeneration after one article changed ({name})", "≤ 3 s", f"{inc['wall']:.2f} s (CPU {inc['cpu']:.2f} s)", inc["wall"] <= 3))
        rows.append((f"  files of docs/ written ({name})", "only those that changed",
                     f"{len(inc['written'])}: {', '.join(inc['written'][:6])}{' …' if len(inc['written']) > 6 else ''}", None))
    rows += [
        ("article page HTML, average", "≤ 60 KB", f"{size['article_avg'] / KB:.1f} KB", size["article_avg"] <= 60 * KB),
        ("article page HTML, largest", "≤ 60 KB", f"{size['article_max'] / KB:.1f} KB", size["article_max"] <= 60 * KB),
        ("glossary page HTML, average / largest", "", f"{size['glossary_avg'] / KB:.1f} KB / {size['glossary_max'] / KB:.1f} KB", None),
        ("site/", "≤ 150 MB", f"{size['site'] / MB:.1f} MB ({size['site_files']} files)", size["site"] <= 150 * MB),
        ("search: search_index.json (.js the same again), loaded by every page", "", f"{size['search_index'] / KB:.1f} KB", None),
        ("search: prebuilt index (search/shards, table, text)", "",
         f"{size['search_files'] / MB:.1f} MB in {size['search_file_count']} files, {size['search_sections']} sections", None),
        ("peak memory, generation (largest process / tree PSS)", "", f"{gen['peak_rss'] / MB:.0f} MB / {gen['peak_pss'] / MB:.0f} MB", None),
        ("peak memory, MkDocs", "", f"{f.mkdocs['peak_rss'] / MB:.0f} MB", None),
        ("peak memory, whole build", "", f"{whole['peak_rss'] / MB:.0f} MB", None),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'measure':<{width}}  {'target':<12}  measured (wall, best of runs; CPU = user + system of the processes)",
             "-" * (width + 40)]
    for name, target, value, ok in rows:
        mark = "" if ok is None else ("  ok" if ok else "  MISSED")
        lines.append(f"{name:<{width}}  {target:<12}  {value}{mark}")
    return "\n".join(lines)


def describe(m: dict) -> str:
    return (f"machine: {m['platform']}; {m['cpu']}; {m['cpus']} CPUs; {m['memory_gb']} GB; Python {m['python']}; "
            f"mkdocs {m['mkdocs']}, material {m['material']}; load average before: {m['load_before']:.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="runs of each quick step; the fastest counts")
    parser.add_argument("--jobs", default="", help="comma-separated --jobs values to time generation with (needs build.py --jobs)")
    parser.add_argument("--glose", type=Path, default=BENCH.parent, help="checkout whose build.py to run")
    parser.add_argument("--project", type=Path, help="project folder (default bench/out/project-<articles>)")
    parser.add_argument("--reuse", action="store_true", help="keep the project's corpus/ and glossary/ if present")
    parser.add_argument("--profile", action="store_true", help="also time each stage of generation and cProfile it")
    parser.add_argument("--only-profile", action="store_true", help="profile generation, skip the builds")
    parser.add_argument("--compare", type=int, default=0, metavar="ROUNDS",
                        help="also time pipeline.generate in-process with each --jobs value, taking turns ROUNDS times")
    args = parser.parse_args(argv)
    project = args.project or BENCH / "out" / f"project-{args.articles}"
    figures = Figures(machine=machine())
    print(describe(figures.machine), flush=True)
    if not (args.reuse and (project / "corpus").is_dir()):
        made = make_project(project, args.articles, args.terms, args.seed)
        figures.project = {"articles": made.articles, "terms": made.terms, "words": made.words,
                           "mentions": made.mentions, "megabytes": round(made.bytes / 1e6, 1), "seed": args.seed}
    slugs = {p.stem for p in (project / "corpus").rglob("*") if p.suffix in (".txt", ".md")}
    figures.project.setdefault("articles", len(slugs))
    print(f"project: {project} {figures.project}", flush=True)

    has_jobs = "--jobs" in subprocess.run(glose_build(args.glose, project, "--help"), capture_output=True, text=True).stdout
    jobs = ["default"] + ([j for j in args.jobs.split(",") if j] if has_jobs else [])
    if args.jobs and not has_jobs:
        print("build.py has no --jobs option: generation timed with its default only", flush=True)
    if args.profile or args.only_profile:
        for setting in jobs:
            figures.stages[setting] = profile_generation(args.glose, project, setting)
            print(stage_table(figures.stages[setting]), flush=True)
    if args.compare and has_jobs:
        figures.compared = compare_jobs(args.glose, project, [int(j) for j in jobs if j != "default"], args.compare)
        print(f"in-process generate: { {k: (v['best'], v['walls']) for k, v in figures.compared.items()} }", flush=True)
    if args.only_profile:
        return 0
    figures.whole = measure_whole(args.glose, project)
    print(f"whole build: {figures.whole['wall']:.1f} s", flush=True)
    figures.sizes = sizes(project, slugs)
    figures.generation = measure_generation(args.glose, project, jobs, args.runs)
    print(f"generation: { {k: round(v['wall'], 2) for k, v in figures.generation.items()} }", flush=True)
    figures.mkdocs = measure_mkdocs(args.glose, project, max(1, args.runs // 3))
    print(f"mkdocs: {figures.mkdocs['wall']:.1f} s", flush=True)
    article = sorted(p for p in (project / "corpus").rglob("*.txt"))[len(slugs) // 2]
    figures.incremental = {
        "text without terms": measure_incremental(args.glose, project, article, NO_TERM, args.runs),
        "new mention": measure_incremental(args.glose, project, article, f"xyxy {first_term(project)} zyx.", args.runs),
    }
    figures.machine["load_after"] = os.getloadavg()[0]
    print()
    print(describe(figures.machine) + f"; load average after: {figures.machine['load_after']:.2f}")
    print(table(figures))
    for name, r in figures.compared.items():
        print(f"in-process pipeline.generate, {name}: best {r['best']:.2f} s of {r['walls']}")
    for setting, times in figures.stages.items():
        print(f"\nstages of generation (in-process, jobs={setting}):\n{stage_table(times)}")
    out = BENCH / "out" / f"build-{figures.project['articles']}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    for part in (figures.whole, figures.mkdocs, *figures.generation.values(), *figures.incremental.values()):
        part["stderr"] = part.get("stderr", "")[-2000:]
    out.write_text(json.dumps(asdict(figures), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nfigures saved to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
