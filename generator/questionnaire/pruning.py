"""Keep only what an advice can show, so the questionnaire's data stays small.

The full engine data has every node of the graph in ``knopen`` and, per answer,
the whole breadth-first tree its explanations are taken from. An advice only
ever reads:

- the ``knopen`` entry of a node an answer contributes to (it may be listed),
  of every step (the next step is looked up by number), of every warning, and
  of every node on an explanation path (its label);
- per answer, the path from its effects to a node it contributes to.

Everything else is dropped. Nodes no answer nominates (see ``scoring.py``) can
never reach a top list, so they go too. ``tests/test_questionnaire_pruning.py``
checks that the advice is identical on the full and on the pruned data.
"""

from __future__ import annotations

from typing import Any

__all__ = ["prune_engine_data"]


def prune_engine_data(data: dict[str, Any]) -> dict[str, Any]:
    """The engine data with only the nodes and paths an advice can show."""
    needed = {node for node, info in data["knopen"].items() if info["soort"] == "stap"}
    vragen = []
    for vraag in data["vragen"]:
        opties = []
        for optie in vraag["opties"]:
            needed.update(optie["waarschuwingen"])
            ouders: dict[str, str] = {}
            for node in optie["bijdragen"]:
                needed.add(node)
                # Walk up the tree until a node whose path is already kept.
                while node in optie["ouders"] and node not in ouders:
                    ouders[node] = optie["ouders"][node]
                    node = ouders[node]
                    needed.add(node)
            opties.append({**optie, "ouders": dict(sorted(ouders.items()))})
        vragen.append({**vraag, "opties": opties})
    knopen = {node: info for node, info in data["knopen"].items() if node in needed}
    return {**data, "vragen": vragen, "knopen": knopen}
