"""Rendering on one core and on several, side by side in one run (issue 12; a script, not a test).

    python bench/render.py [--articles 2000] [--terms 1000] [--seed 1] [--jobs 1,2] [--runs 5]
                           [--project DIR] [--way fork|in-process]

Reads and annotates a project once (bench/corpus.py's, made in bench/out/render-project-N
unless --project names one), then times `glose.render.render_site` from nothing (every page
rendered: article and glossary pages, decks, indexes) with each number of --jobs, the jobs
taking turns run by run so that load elsewhere on this shared machine hits them alike.
Prints the best and the median wall-clock time of each, and the ratio of the medians to one
job. --way in-process renders as a process with threads does, in itself whatever the jobs
(glose/parallel.py forks workers only from a process that runs one thread, on Linux).
The fork-server workers of earlier revisions were measured with this script too (see
parallel.py's docstring).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

from corpus import make_project  # noqa: E402

from glose import pipeline, render  # noqa: E402
from glose.diagnostics import Report  # noqa: E402
from glose.output import survey  # noqa: E402
from glose import parallel  # noqa: E402


def linked_corpus(root: Path) -> dict:
    """What pipeline.generate hands to rendering, for a build from nothing."""
    captured: dict = {}

    def grab(corpus, config, keys, before, with_home, jobs):
        captured.update(corpus=corpus, config=config, keys=keys, with_home=with_home)
        return []

    real, pipeline._render = pipeline._render, grab
    try:
        nothing = survey.survey(root / "no-docs", root / "no-stats.json")
        pipeline.generate(root, Report(), nothing, jobs=1)
    finally:
        pipeline._render = real
    return captured


def main() -> None:
    """Parse the options, make or read the project, time each number of jobs in turn."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project", type=Path)
    parser.add_argument("--way", choices=("fork", "in-process"))
    args = parser.parse_args()
    root = args.project or BENCH / "out" / f"render-project-{args.articles}"
    if not args.project and not (root / "corpus").is_dir():
        make_project(root, articles=args.articles, terms=args.terms, seed=args.seed)
    if args.way:
        parallel._fork_is_safe = lambda: args.way == "fork"  # type: ignore[assignment]
    given = linked_corpus(root)
    jobs = [int(n) for n in args.jobs.split(",")]
    times: dict[int, list[float]] = {n: [] for n in jobs}
    load = os.getloadavg()[0]
    for turn in range(args.runs):
        for n in jobs if turn % 2 == 0 else jobs[::-1]:
            started = time.perf_counter()
            pages = render.render_site(given["corpus"], given["config"], given["with_home"], n, given["keys"], set())
            times[n].append(time.perf_counter() - started)
    print(f"{platform.platform()}  {os.cpu_count()} CPUs  Python {platform.python_version()}  "
          f"load average {load:.2f} -> {os.getloadavg()[0]:.2f}")
    way = args.way or ("fork" if parallel._fork_is_safe() else "in-process")
    print(f"{len(given['corpus'].articles)} articles, {len(pages)} files rendered; {way}")
    one = statistics.median(times[jobs[0]])
    for n in jobs:
        median = statistics.median(times[n])
        print(f"  {n} job{'s' if n > 1 else ' '}  best {min(times[n]):5.2f} s  median {median:5.2f} s  "
              f"({one / median:.2f} times as fast as {jobs[0]})  runs {[round(t, 2) for t in times[n]]}")


if __name__ == "__main__":
    main()
