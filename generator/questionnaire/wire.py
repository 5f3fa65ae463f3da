"""The compact file form of the engine data (``data/vragenlijst.json``).

In memory the engine refers to nodes by id ("casus:de-ketel"); in the file,
contributions and explanation trees refer to them by their position in the
sorted ``knopen`` list, which makes the download a fraction of the size.
``decode`` (here and in ``advies.js``) restores the in-memory form exactly.

>>> data = {"versie": 2, "knopen": {"a:x": {"soort": "a"}, "b:y": {"soort": "b"}},
...         "vragen": [{"id": "v", "opties": [{"id": "o", "bijdragen": {"b:y": 3}, "ouders": {"b:y": "a:x"}}]}]}
>>> encode(data)["vragen"][0]["opties"][0]
{'id': 'o', 'bijdragen': [[1, 3]], 'ouders': [[1, 0]]}
>>> decode(encode(data)) == data
True
"""

from __future__ import annotations

from typing import Any

__all__ = ["encode", "decode"]


def encode(data: dict[str, Any]) -> dict[str, Any]:
    """The file form of in-memory engine data."""
    order = sorted(data["knopen"])
    index = {node: i for i, node in enumerate(order)}
    vragen = []
    for vraag in data["vragen"]:
        opties = []
        for optie in vraag["opties"]:
            opties.append({
                **optie,
                "bijdragen": sorted([index[node], points] for node, points in optie["bijdragen"].items()),
                "ouders": sorted([index[node], index[parent]] for node, parent in optie["ouders"].items()),
            })
        vragen.append({**vraag, "opties": opties})
    knopen = [{"id": node, **data["knopen"][node]} for node in order]
    return {**data, "vragen": vragen, "knopen": knopen}


def decode(wire: dict[str, Any]) -> dict[str, Any]:
    """The in-memory engine data from its file form."""
    order = [entry["id"] for entry in wire["knopen"]]
    knopen = {entry["id"]: {k: v for k, v in entry.items() if k != "id"} for entry in wire["knopen"]}
    vragen = []
    for vraag in wire["vragen"]:
        opties = []
        for optie in vraag["opties"]:
            opties.append({
                **optie,
                "bijdragen": {order[i]: points for i, points in optie["bijdragen"]},
                "ouders": {order[i]: order[j] for i, j in optie["ouders"]},
            })
        vragen.append({**vraag, "opties": opties})
    return {**wire, "vragen": vragen, "knopen": knopen}
