"""Stage 2, annotation: a Project -> a Corpus where every mention of every term is found, the
teachers' notes are placed, and texts and terms are linked (related articles, concordance,
see also both ways); plus the warnings that do not stop a build (lint)."""

from __future__ import annotations

from .anchoring import anchor_notes
from .linking import cited_by, link
from .lint import lint
from .mentions import annotate, glossary_key

__all__ = ["anchor_notes", "annotate", "cited_by", "glossary_key", "link", "lint"]
