"""Wijkkompas: YAML content -> validated models -> knowledge graph -> Markdown + data.

The generator writes Markdown and JSON only; MkDocs renders them into the site.
"""

__version__ = "0.1.0"
