"""The knowledge graph: build it from content, query it, check it."""

from .build import build_graph, node_id
from .checks import find_graph_problems
from .queries import neighbours, related_items

__all__ = ["build_graph", "node_id", "find_graph_problems", "neighbours", "related_items"]
