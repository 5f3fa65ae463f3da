"""Render content and graph into Markdown pages and JSON data (no MkDocs here)."""

from .data import render_data
from .environment import make_environment
from .pages import page_jobs

__all__ = ["make_environment", "page_jobs", "render_data"]
