"""Render content and graph into Markdown pages and JSON data (no MkDocs here)."""

from .data import render_data
from .environment import make_environment
from .pages import render_pages

__all__ = ["make_environment", "render_pages", "render_data"]
