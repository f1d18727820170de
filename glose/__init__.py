"""Glose: a folder of articles and a folder of glossary entries -> an annotated static site.

The pipeline stages, in order (see pipeline.py): sources -> readers -> matching -> linking ->
render -> writers -> site.
"""

__version__ = "0.1.0"
