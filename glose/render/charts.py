"""A small bar chart of counts over time, written at build time as inline SVG (no script, no
file to load: it shows from file:// and on paper): a glossary entry's mentions in the corpus,
the articles of the corpus. The picture is for the eye (aria-hidden); its caption says what it
shows, and a folded table under it gives every number, for screen readers and for anyone who
wants them.

Periods are months when the dated counts span at most MONTHS_MAX months, else years; periods
without a count between the first and the last are shown (a gap is information). Undated
counts are told in the caption.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from html import escape

from markupsafe import Markup

from .escaping import french_date, prepared

MONTHS_MAX = 36
"""Past this many months between the first and the last count, the periods are years."""
WIDTH, HEIGHT, TOP = 600, 100, 4
"""The chart's drawing box (SVG units, stretched to the figure's size) and its top margin."""
MIN_SLOTS = 12
"""A bar takes at most 1/MIN_SLOTS of the figure's width: one period is no wall of colour."""


def periods(dates: Iterable[tuple[str, int]]) -> tuple[list[tuple[str, int]], int]:
    """([(period, count)] from the first to the last period, every one in between included;
    the undated count). `dates`: (date as written, count) pairs; a period is "YYYY-MM" or
    "YYYY" (years when the months would be too many, or when a date gives its year only)."""
    counts: Counter[str] = Counter()
    undated = 0
    for date, count in dates:
        if date:
            counts[date[:7]] += count
        else:
            undated += count
    if not counts:
        return [], undated
    months = sorted(counts)
    by_year = any(len(m) == 4 for m in months) or _months_between(months[0], months[-1]) > MONTHS_MAX
    if by_year:
        years: Counter[str] = Counter()
        for month, count in counts.items():
            years[month[:4]] += count
        first, last = int(min(years)), int(max(years))
        return [(str(y), years.get(str(y), 0)) for y in range(first, last + 1)], undated
    return [(m, counts.get(m, 0)) for m in _month_range(months[0], months[-1])], undated


def chart(series: list[tuple[str, int]], undated: int, what: str, unit: str) -> Markup:
    """The figure: `series` as bars, a caption that says what they show (`what`: "Mentions de
    « OTAN »", "Articles du corpus"), and the table of every period's count (`unit`: the
    table's column, "Mentions", "Articles")."""
    if not series:
        return Markup("")
    rows = "".join(f'<tr><th scope="row">{escape(label(p))}</th><td>{n}</td></tr>' for p, n in series)
    if undated:
        rows += f'<tr><th scope="row">sans date</th><td>{undated}</td></tr>'
    first, last = label(series[0][0]), label(series[-1][0])
    axis = f"<span>{escape(first)}</span>" + (f"<span>{escape(last)}</span>" if len(series) > 1 else "")
    return prepared(
        f'<figure class="glose-chart">\n<div class="glose-chart__plot" aria-hidden="true"{_width(series)}>'
        f'<span class="glose-chart__max">{max(n for _, n in series)}</span>{_svg(series)}'
        f'<div class="glose-chart__axis">{axis}</div></div>\n'
        f"<figcaption>{escape(caption(series, undated, what))}</figcaption>\n"
        f'<details class="glose-chart__numbers"><summary>Les chiffres</summary>\n'
        f'<table><thead><tr><th scope="col">Période</th><th scope="col">{escape(unit)}</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></details>\n</figure>")


def caption(series: list[tuple[str, int]], undated: int, what: str) -> str:
    """"Mentions de « OTAN » par mois, de février 2022 à mars 2022 : 12 en tout, 8 au plus
    (mars 2022)." (and the undated ones)."""
    per = "par an" if len(series[0][0]) == 4 else "par mois"
    first, last = label(series[0][0]), label(series[-1][0])
    span = f"en {first}" if len(series) == 1 else f"de {first} à {last}"
    total = sum(n for _, n in series)
    peak_period, peak = max(series, key=lambda item: item[1])
    text = f"{what} {per}, {span} : {total} en tout"
    if len(series) > 1:
        text += f", {peak} au plus ({label(peak_period)})"
    if undated:
        text += f" ; et {undated} sans date"
    return text + "."


def label(period: str) -> str:
    """"2022-02" -> "février 2022", "2022" -> "2022"."""
    return french_date(period)


def _svg(series: list[tuple[str, int]]) -> str:
    """One bar per period, on a baseline; stretched to the figure's width (labels are HTML)."""
    top = max(n for _, n in series) or 1
    slot = WIDTH / max(len(series), MIN_SLOTS)
    width = slot * len(series)
    bar = max(slot * 0.8, 1)
    high = HEIGHT - TOP
    parts = [f'<svg class="glose-chart__svg" viewBox="0 0 {width:.1f} {HEIGHT}" preserveAspectRatio="none" '
             'focusable="false">']
    for i, (period, count) in enumerate(series):
        h = high * count / top
        parts.append(f'<rect x="{i * slot + (slot - bar) / 2:.1f}" y="{HEIGHT - h:.1f}" width="{bar:.1f}" '
                     f'height="{h:.1f}"><title>{escape(label(period))} : {count}</title></rect>')
    parts.append(f'<line x1="0" y1="{HEIGHT}" x2="{width:.1f}" y2="{HEIGHT}" vector-effect="non-scaling-stroke"/>')
    parts.append("</svg>")
    return "".join(parts)


def _width(series: list[tuple[str, int]]) -> str:
    """Fewer periods than MIN_SLOTS take a part of the width only: bars keep their size."""
    if len(series) >= MIN_SLOTS:
        return ""
    return f' style="width: {100 * len(series) / MIN_SLOTS:.1f}%"'


def _months_between(first: str, last: str) -> int:
    return (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7])


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found
