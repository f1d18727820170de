"""Benchmark of glose.annotate.matching on generated French-like text (a script, not a test).

    python bench/matching.py [--mb 20] [--aliases 100,1000,10000] [--seed 1] [--repeat 3]
                             [--profile]

Generates about --mb megabytes (UTF-8) of paragraphs of ~100 words: accented words,
elisions (l', d', qu' with both apostrophes), no-break spaces before : ; ! ? and inside
« », a few line breaks and double spaces. For each glossary size it builds alias sets
(single words, multiword names, acronyms, 1% case sensitive), inserts one of them every
~40 words, builds a Matcher and runs `find` paragraph by paragraph, as the pipeline does.
Everything is reproducible from --seed. The build machine is shared, so each size is run
--repeat times: the best and median wall-clock throughputs are shown, and the best by
process CPU time (less sensitive to other jobs).
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

from glose.folding import fold  # noqa: E402
from glose.annotate.matching import Matcher  # noqa: E402

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


def fill(rng: random.Random, paragraphs: list[str], forms: list) -> list[str]:
    """Replace every slot by a form, written as in a text (case and accents may vary)."""
    written = [form for _slug, form, _cs in forms]
    out = []
    for paragraph in paragraphs:
        parts = paragraph.split(SLOT)
        picks = [vary(rng, rng.choice(written)) for _ in parts[1:]]
        out.append("".join(p for pair in zip(parts, picks + [""]) for p in pair))
    return out


def vary(rng: random.Random, form: str) -> str:
    """Return the form as an author might write it: in capitals, in lower case, without
    accents, with a line break or a no-break space; mostly as it is."""
    roll = rng.random()
    if roll < 0.08:
        return form.upper()
    if roll < 0.1:
        return form.lower()
    if roll < 0.15:
        return fold(form, case=False)
    if roll < 0.2:
        return form.replace(" ", rng.choice(("\n", "\u00a0")), 1)
    return form


def run(paragraphs: list[str], forms: list, repeat: int, profile: bool) -> None:
    """Build a Matcher, find in every paragraph `repeat` times, print the figures."""
    megabytes = sum(len(p.encode()) for p in paragraphs) / 1e6
    started = time.perf_counter()
    matcher = Matcher(forms)
    built = time.perf_counter() - started
    profiler = cProfile.Profile() if profile else None
    walls, cpus = [], []
    for _ in range(repeat):
        if profiler:
            profiler.enable()
        wall, cpu = time.perf_counter(), time.process_time()
        mentions = sum(len(matcher.find(p)) for p in paragraphs)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        if profiler:
            profiler.disable()
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(12)
    print(f"{len(forms):>6} aliases  build {built:5.2f} s  find {min(walls):5.2f} s  "
          f"{megabytes / min(walls):5.1f} MB/s (median {megabytes / statistics.median(walls):5.1f}, "
          f"CPU time {megabytes / min(cpus):5.1f})  {mentions:>7} mentions")


def main() -> None:
    """Parse the options, generate the text once, run each glossary size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--aliases", default="100,1000,10000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="find runs per size (best is shown)")
    parser.add_argument("--profile", action="store_true", help="cProfile the find runs")
    args = parser.parse_args()
    print(f"{platform.platform()}  {platform.processor() or platform.machine()}  "
          f"{os.cpu_count()} CPUs  Python {platform.python_version()}")
    rng = random.Random(args.seed)
    paragraphs, words = make_paragraphs(rng, args.mb)
    for count in (int(n) for n in args.aliases.split(",")):
        forms = make_forms(random.Random(args.seed * 1000 + count), count, words)
        filled = fill(random.Random(args.seed), paragraphs, forms)
        if count == int(args.aliases.split(",")[0]):
            whole = "\n\n".join(filled)
            started = time.perf_counter()
            fold(whole)
            print(f"fold: {len(whole.encode()) / 1e6:.1f} MB in "
                  f"{time.perf_counter() - started:.3f} s ({len(filled)} paragraphs)")
        run(filled, forms, args.repeat, args.profile)


if __name__ == "__main__":
    main()
