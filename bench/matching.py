"""Benchmark of glose.annotate.matching on generated French-like text (a script, not a test).

    python bench/matching.py [--mb 20] [--aliases 100,1000,10000] [--seed 1] [--repeat 3]
                             [--profile] [--baseline REV] [--plain]

Generates about --mb megabytes (UTF-8) of paragraphs of ~100 words: accented words,
elisions (l', d', qu' with both apostrophes), no-break spaces before : ; ! ? and inside
« », a few line breaks and double spaces. For each glossary size it builds alias sets
(single words, multiword names, acronyms, 1% case sensitive), inserts one of them every
~40 words, builds a Matcher and runs `find_all` article by article, as the pipeline does
(articles of 2 to 8 paragraphs, 5 on average: the median of 72 real French news articles
was 5, their range 2 to 12; a matcher without `find_all`, --baseline's before it was
written, runs `find` paragraph by paragraph, as its pipeline did).
Everything is reproducible from --seed. The build machine is shared, so each size is run
--repeat times: the best and median wall-clock throughputs are shown, and the best by
process CPU time (less sensitive to other jobs).

Issue 14: each alias also brings its variants as the build makes them (annotate/variants.py:
French plural, glued words, dotted acronym), one alias in a hundred an exclusion, and a few
numbered forms ("article 12") for coordinated numbers; the text uses those variants too
("articles 12 et 13", plurals, hyphens for spaces). --plain turns the variants off.
--baseline REV also runs the matcher of git revision REV (glose/annotate/matching.py there,
given the aliases without variants, which it cannot use) on the same text, the two
interleaved run by run so that both see the same load; the ratio new/old of the best
throughputs is printed with the load average. The revisions before 2026-11-30 used
pyahocorasick (`python -m pip install pyahocorasick` to run them).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import importlib.util  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402

from glose.annotate.matching import Matcher  # noqa: E402
from glose.annotate.variants import plural, variants  # noqa: E402
from glose.folding import fold  # noqa: E402

SLOT = "\x01"
SYLLABLES = ("ba be bi bo bu da de di do du fa fe fi la le li lo ma me mi mo na ne ni no "
             "pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi an en in on ou ai "
             "au eu oi ré dé pré é è ê à ç ès ét ion tion ment eur ette age ance").split()
SMALL = ("le la les de des du un une et à en au aux que qui pour dans sur par avec pas "
         "est a été sont ont plus ce cette son sa ses leur se ne il elle ils nous vous").split()
ELISIONS = ("l'", "l\u2019", "d'", "d\u2019", "qu'", "n'", "s'")
PUNCT = (",", ",", ".", " :", " ;", " ?", " !")


def make_word(rng: random.Random) -> str:
    """Return a made-up word of one to four syllables."""
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))


def make_paragraph(rng: random.Random, lexicon: list[str]) -> str:
    """Return ~100 words of French-looking text with SLOT where a form goes (1 in 40)."""
    words = []
    for _ in range(rng.randint(80, 120)):
        roll = rng.random()
        if roll < 0.025:
            words.append(SLOT)
        elif roll < 0.45:
            words.append(rng.choice(SMALL))
        elif roll < 0.55:
            words.append(rng.choice(ELISIONS) + rng.choice(lexicon))
        else:
            words.append(rng.choice(lexicon))
        if rng.random() < 0.08:
            words[-1] += rng.choice(PUNCT).replace(" ", "\u00a0")
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), "«\u00a0" + rng.choice(lexicon) + "\u00a0»")
    if rng.random() < 0.2:
        words[rng.randrange(len(words))] += rng.choice(("\n", "  ", "\u202f"))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def make_paragraphs(rng: random.Random, megabytes: float) -> tuple[list[str], set[str]]:
    """Return paragraphs with slots (about `megabytes` MB in UTF-8 once filled) and the
    set of their words, folded."""
    lexicon = [make_word(rng) for _ in range(20_000)]
    paragraphs, size = [], 0
    while size < megabytes * 1e6:
        paragraphs.append(make_paragraph(rng, lexicon))
        size += len(paragraphs[-1].encode()) + 12
    return paragraphs, {fold(word) for word in lexicon + SMALL}


def make_forms(rng: random.Random, count: int, taken: set[str]) -> list[tuple[str, str, bool]]:
    """Return `count` (slug, form, case_sensitive) triples, 1 to 3 forms a slug.

    A one-word form never folds to a word of the running text (`taken`): a glossary of
    common words would find far more than one mention in 40 words.
    """
    forms: list[tuple[str, str, bool]] = []
    seen = set(taken)
    while len(forms) < count:
        slug = f"t{len(forms)}"
        name, acronym = make_name(rng), make_acronym(rng)
        if fold(name) in seen or acronym.lower() in seen:
            continue
        seen.update((fold(name), acronym.lower()))
        forms.append((slug, name, False))
        if rng.random() < 0.5:
            forms.append((slug, acronym, rng.random() < 0.02))
        if rng.random() < 0.3:
            forms.append((slug, "l'" + name.lower(), False))
    return forms[:count]


def make_name(rng: random.Random) -> str:
    """Return a term name: one long word, or two to five words with de/du/l'."""
    if rng.random() < 0.4:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 6)))
        return word[0].upper() + word[1:]
    words = [make_word(rng) for _ in range(rng.randint(2, 5))]
    for i in range(1, len(words)):
        if rng.random() < 0.3:
            words[i] = rng.choice(("de ", "du ", "de l'", "des ")) + words[i]
    return " ".join(words).capitalize()


def make_acronym(rng: random.Random) -> str:
    """Return a 3 to 5 letter acronym."""
    return "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVW") for _ in range(rng.randint(3, 5)))


def fill(rng: random.Random, paragraphs: list[str], forms: list, varied: bool = True) -> list[str]:
    """Replace every slot by a form, written as in a text (case and accents may vary; with
    `varied`, also plurals, hyphens and coordinated numbers)."""
    written = [form for _slug, form, _cs in forms]
    out = []
    for paragraph in paragraphs:
        parts = paragraph.split(SLOT)
        picks = [vary(rng, rng.choice(written), varied) for _ in parts[1:]]
        out.append("".join(p for pair in zip(parts, picks + [""]) for p in pair))
    return out


def vary(rng: random.Random, form: str, varied: bool = True) -> str:
    """Return the form as an author might write it: in capitals, in lower case, without
    accents, with a line break or a no-break space, in the plural, with hyphens, or as
    coordinated numbers; mostly as it is."""
    roll = rng.random()
    if roll < 0.08:
        return form.upper()
    if roll < 0.1:
        return form.lower()
    if roll < 0.15:
        return fold(form, case=False)
    if roll < 0.2:
        return form.replace(" ", rng.choice(("\n", "\u00a0")), 1)
    if varied and roll < 0.25:
        return form.replace(" ", "-")
    if varied and roll < 0.3:
        return plural(form) or form
    if varied and roll < 0.31:
        return f"articles {rng.randint(1, 20)} et {rng.randint(1, 20)}"
    return form


def with_variants(rng: random.Random, forms: list) -> tuple[list, list]:
    """The forms as the build gives them to the matcher: written forms, a few numbered ones,
    then every variant; and an exclusion for one alias in a hundred."""
    numbered = [(f"n{i}", f"article {i}", False) for i in range(1, 21)]
    written = forms + numbered
    derived = [v for form in written for v in variants(form)]
    exclusions = [(slug, form + " " + rng.choice(("adjoint", "délégué", "de l'Union")), cs)
                  for slug, form, cs in forms if rng.random() < 0.01]
    return written + derived, exclusions


def run(articles: list[list[str]], matchers: dict, repeat: int, profile: bool) -> None:
    """Find in every article with each matcher `repeat` times, interleaved; print the figures."""
    megabytes = sum(len(p.encode()) for article in articles for p in article) / 1e6
    profiler = cProfile.Profile() if profile else None
    walls: dict[str, list[float]] = {name: [] for name in matchers}
    cpus: dict[str, list[float]] = {name: [] for name in matchers}
    mentions = {}
    for turn in range(repeat):
        order = list(matchers.items())
        for name, (matcher, _built, _count) in order[::-1] if turn % 2 else order:  # each goes first in turn
            if profiler and name == "new":
                profiler.enable()
            wall, cpu = time.perf_counter(), time.process_time()
            mentions[name] = count_mentions(matcher, articles)
            walls[name].append(time.perf_counter() - wall)
            cpus[name].append(time.process_time() - cpu)
            if profiler and name == "new":
                profiler.disable()
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)
    for name, (_matcher, built, count) in matchers.items():
        print(f"  {name:4} {count:>6} forms  build {built:5.2f} s  find {min(walls[name]):5.2f} s  "
              f"{megabytes / min(walls[name]):5.1f} MB/s (median {megabytes / statistics.median(walls[name]):5.1f}, "
              f"CPU time {megabytes / min(cpus[name]):5.1f})  {mentions[name]:>7} mentions")
    if "old" in matchers:
        print(f"  new/old: {min(walls['old']) / min(walls['new']):.2f} (wall, best), "
              f"{min(cpus['old']) / min(cpus['new']):.2f} (CPU, best); load average {os.getloadavg()[0]:.2f}")


def count_mentions(matcher, articles: list[list[str]]) -> int:
    """Find in every article, as the pipeline of the matcher's revision did; count the mentions."""
    if hasattr(matcher, "find_all"):
        return sum(len(found) for article in articles for found in matcher.find_all(article))
    return sum(len(matcher.find(p)) for article in articles for p in article)


def group(rng: random.Random, paragraphs: list[str]) -> list[list[str]]:
    """Cut the paragraphs into articles of 2 to 8 paragraphs."""
    articles, start = [], 0
    while start < len(paragraphs):
        size = rng.randint(2, 8)
        articles.append(paragraphs[start:start + size])
        start += size
    return articles


def baseline_matcher(revision: str):
    """The Matcher class of glose/annotate/matching.py at a git revision (same folding module)."""
    source = subprocess.run(["git", "show", f"{revision}:glose/annotate/matching.py"], capture_output=True,
                            text=True, check=True, cwd=Path(__file__).resolve().parent.parent).stdout
    path = Path(tempfile.mkdtemp(prefix="glose-bench-")) / "matching_baseline.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("glose.annotate.matching_baseline", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except ModuleNotFoundError as error:  # revisions before ahocorasick-rs used pyahocorasick
        sys.exit(f"bench/matching.py: the matcher of {revision} needs {error.name}: "
                 f"python -m pip install {'pyahocorasick' if error.name == 'ahocorasick' else error.name}")
    return module.Matcher


def timed(make):
    """(matcher, seconds to build it, number of forms) for a zero-argument factory."""
    started = time.perf_counter()
    matcher, count = make()
    return matcher, time.perf_counter() - started, count


def main() -> None:
    """Parse the options, generate the text once, run each glossary size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--aliases", default="100,1000,10000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="find runs per size (best is shown)")
    parser.add_argument("--profile", action="store_true", help="cProfile the find runs")
    parser.add_argument("--baseline", metavar="REV", help="also run the matcher of this git revision, interleaved")
    parser.add_argument("--plain", action="store_true", help="no variants, exclusions nor numbered forms")
    args = parser.parse_args()
    print(f"{platform.platform()}  {platform.processor() or platform.machine()}  "
          f"{os.cpu_count()} CPUs  Python {platform.python_version()}  load average {os.getloadavg()[0]:.2f}")
    old_class = baseline_matcher(args.baseline) if args.baseline else None
    rng = random.Random(args.seed)
    paragraphs, words = make_paragraphs(rng, args.mb)
    for count in (int(n) for n in args.aliases.split(",")):
        forms = make_forms(random.Random(args.seed * 1000 + count), count, words)
        full, exclusions = (forms, []) if args.plain else with_variants(random.Random(args.seed), forms)
        filled = fill(random.Random(args.seed), paragraphs, forms, not args.plain)
        if count == int(args.aliases.split(",")[0]):
            whole = "\n\n".join(filled)
            started = time.perf_counter()
            fold(whole)
            print(f"fold: {len(whole.encode()) / 1e6:.1f} MB in "
                  f"{time.perf_counter() - started:.3f} s ({len(filled)} paragraphs)")
        print(f"{count} aliases" + ("" if args.plain else f" ({len(full)} forms with variants, {len(exclusions)} exclusions)"))
        matchers = {"new": timed(lambda: (Matcher(full, exclusions), len(full)))}
        if old_class:
            matchers["old"] = timed(lambda: (old_class(forms), len(forms)))
        run(group(random.Random(args.seed), filled), matchers, args.repeat, args.profile)


if __name__ == "__main__":
    main()
