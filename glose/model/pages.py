"""What the render stage hands to the output stage: the files of docs/."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Page:
    """A file the build generates under docs/, rendered by this build."""

    path: str
    """Path relative to docs/, with forward slashes."""
    content: bytes
    """Exact bytes to write."""
    key: str = ""
    """Digest of what the page is made from (output/keys.py); "" for pages rendered on every build."""


@dataclass(frozen=True, slots=True)
class KeptPage:
    """A page not rendered again: its key is unchanged and its file in docs/ is still the one
    the last build wrote (output/keys.py), so that file is kept as it is."""

    path: str
    """Path relative to docs/, with forward slashes."""
    key: str
    """Digest of what the page is made from: the same as at the last build."""


GeneratedFile = Page | KeptPage
"""What the render stage hands to the output stage for each path of docs/ it generates."""


@dataclass(frozen=True, slots=True)
class SearchSection:
    """What the site's search finds in one page, or in one section of a page."""

    location: str
    """Path of the page in site/, with `#id` for a section under a heading."""
    title: str
    """The page's or the section's title, plain text."""
    text: str
    """Its words, plain text on one line."""
