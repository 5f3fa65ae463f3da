"""Answer -> advice, as a pure function over the engine data (mirrored in advies.js).

Everything here is integer arithmetic and sorting over the JSON that
``scoring.engine_data`` writes, so the browser's copy of this module gives
exactly the same result. Keep the two in step; the parity test checks them.
"""

from __future__ import annotations

from typing import Any

__all__ = ["AdviceError", "LIMITS", "KIND_LABEL", "normalise_answers", "advise"]

LIMITS = {"bouwsteen": 3, "tip": 8, "casus": 5, "kader": 2}
KIND_LABEL = {"casus": "casus", "bouwsteen": "bouwsteen", "stap": "stap", "tip": "tip", "kader": "kader",
              "thema": "thema", "begrip": "begrip"}

Answers = dict[str, list[str]]


class AdviceError(ValueError):
    """An answer set that does not fit the questionnaire (Dutch message)."""


def _questions(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {vraag["id"]: vraag for vraag in data["vragen"]}


def _route(data: dict[str, Any], answers: Answers) -> list[str]:
    questions = _questions(data)
    path, current = [], data["start"]
    while current != "resultaat" and current not in path:
        path.append(current)
        vraag = questions[current]
        nxt = vraag["volgende"]
        chosen = answers.get(current) or []
        if vraag["type"] == "een" and chosen:
            optie = next(o for o in vraag["opties"] if o["id"] == chosen[0])
            nxt = optie["volgende"] or nxt
        current = nxt
    return path


def normalise_answers(data: dict[str, Any], answers: Answers, *, strict: bool = True) -> tuple[Answers, list[str]]:
    """Check answers against the questionnaire.

    Returns the usable answers (in questionnaire order, options in option
    order, duplicates removed) and, when ``strict`` is false, a Dutch note per
    part that was dropped. With ``strict`` true, the first problem raises
    ``AdviceError`` instead.
    """
    questions = _questions(data)
    clean: Answers = {}
    dropped: list[str] = []

    def problem(message: str) -> None:
        if strict:
            raise AdviceError(message)
        dropped.append(message)

    for vraag_id, chosen in answers.items():
        vraag = questions.get(vraag_id)
        if vraag is None:
            problem(f"onbekende vraag '{vraag_id}'")
            continue
        known = [o["id"] for o in vraag["opties"]]
        picked = []
        for optie_id in chosen:
            if optie_id not in known:
                problem(f"onbekend antwoord '{optie_id}' bij vraag '{vraag_id}' (kies uit: {', '.join(known)})")
            elif optie_id not in picked:
                picked.append(optie_id)
        if vraag["type"] == "een" and len(picked) > 1:
            problem(f"bij vraag '{vraag_id}' past maar één antwoord")
            picked = picked[:1]
        if picked:
            clean[vraag_id] = sorted(picked, key=known.index)
    on_route = set(_route(data, clean))
    for vraag_id in [v["id"] for v in data["vragen"] if v["id"] in clean]:
        if vraag_id not in on_route:
            problem(f"vraag '{vraag_id}' wordt door uw andere antwoorden overgeslagen")
            del clean[vraag_id]
            on_route = set(_route(data, clean))
    order = [v["id"] for v in data["vragen"]]
    return {k: clean[k] for k in order if k in clean}, dropped


def _chosen_options(data: dict[str, Any], answers: Answers) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    pairs = []
    for vraag in data["vragen"]:
        for optie in vraag["opties"]:
            if optie["id"] in answers.get(vraag["id"], []):
                pairs.append((vraag, optie))
    return pairs


def _path(optie: dict[str, Any], target: str) -> list[str]:
    """The path from the answer's nearest effect to ``target``, along its breadth-first tree."""
    path = [target]
    while path[-1] in optie["ouders"]:
        path.append(optie["ouders"][path[-1]])
    return list(reversed(path))


def _label(data: dict[str, Any], node: str) -> str:
    info = data["knopen"][node]
    return f"{KIND_LABEL[info['soort']]} {info['titel']}"


def _why(data: dict[str, Any], node: str, pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    ranked = sorted(
        ((optie["bijdragen"].get(node, 0), index, vraag, optie) for index, (vraag, optie) in enumerate(pairs)),
        key=lambda t: (-t[0], t[1]),
    )
    top = [(vraag, optie) for points, _, vraag, optie in ranked if points > 0][:2]
    if not top:
        return {"tekst": "", "antwoorden": [], "pad": []}
    vraag, optie = top[0]
    path = _path(optie, node)
    sentence = f"Omdat u antwoordde ‘{optie['tekst']}’ → " + " → ".join(_label(data, n) for n in path)
    if len(top) > 1:
        sentence += f" (ook ‘{top[1][1]['tekst']}’ telde mee)"
    return {
        "tekst": sentence,
        "antwoorden": [{"vraag": v["id"], "optie": o["id"]} for v, o in top],
        "pad": path,
    }


def _item(data: dict[str, Any], node: str, score: int, pairs: list[Any]) -> dict[str, Any]:
    info = data["knopen"][node]
    title_key = "titel" if info["soort"] == "tip" else "naam"
    item = {"id": node.split(":", 1)[1], title_key: info["titel"], "url": info["url"], "score": score}
    why = _why(data, node, pairs)
    item["waarom"] = why["tekst"]
    item["waarom_antwoorden"] = why["antwoorden"]
    item["waarom_pad"] = why["pad"]
    if info["soort"] == "tip":
        item["soort"] = "valkuil" if info.get("valkuil") else "tip"
    return item


def advise(data: dict[str, Any], answers: Answers, *, strict: bool = True) -> dict[str, Any]:
    """The advice for a (partial) set of answers.

    Parameters
    ----------
    data : dict
        The engine data from ``scoring.engine_data`` (or ``vragenlijst.json``).
    answers : dict
        Question id -> chosen option ids. Unanswered questions contribute nothing.
    strict : bool
        Raise ``AdviceError`` on unknown or skipped answers (CLI); otherwise drop
        them and list why under ``genegeerd`` (the site, for a tampered URL).

    Returns
    -------
    dict
        ``stap``, ``volgende_stap``, ``bouwstenen``, ``tips``, ``casussen``,
        ``kaders``, ``waarschuwingen``, ``antwoorden`` and ``genegeerd``. Items
        are ranked by score, ties by id.
    """
    clean, dropped = normalise_answers(data, answers, strict=strict)
    pairs = _chosen_options(data, clean)
    scores: dict[str, int] = {}
    for _, optie in pairs:
        for node, points in optie["bijdragen"].items():
            scores[node] = scores.get(node, 0) + points
    audience = [optie["doelgroep"] for _, optie in pairs if optie.get("doelgroep")]

    warnings: list[str] = []
    for _, optie in pairs:
        for node in optie["waarschuwingen"]:
            if node not in warnings:
                warnings.append(node)

    def ranked(kind: str) -> list[str]:
        nodes = [n for n, s in scores.items() if s > 0 and data["knopen"][n]["soort"] == kind]
        return sorted(nodes, key=lambda n: (-scores[n], n))

    def fits(node: str) -> bool:
        groups = data["knopen"][node].get("doelgroepen", [])
        return not audience or "iedereen" in groups or any(a in groups for a in audience)

    result: dict[str, Any] = {}
    steps = ranked("stap")
    result["stap"] = _item(data, steps[0], scores[steps[0]], pairs) if steps else None
    result["volgende_stap"] = None
    if steps:
        number = data["knopen"][steps[0]].get("nummer", 0)
        following = [n for n, info in data["knopen"].items() if info["soort"] == "stap" and info.get("nummer") == number + 1]
        if following:
            result["volgende_stap"] = _item(data, following[0], scores.get(following[0], 0), pairs)
    result["bouwstenen"] = [_item(data, n, scores[n], pairs) for n in ranked("bouwsteen")[: LIMITS["bouwsteen"]]]
    tips = [n for n in ranked("tip") if fits(n) and n not in warnings]
    result["tips"] = [_item(data, n, scores[n], pairs) for n in tips[: LIMITS["tip"]]]
    result["casussen"] = [_item(data, n, scores[n], pairs) for n in ranked("casus")[: LIMITS["casus"]]]
    result["kaders"] = [_item(data, n, scores[n], pairs) for n in ranked("kader")[: LIMITS["kader"]]]
    result["waarschuwingen"] = []
    for node in warnings:
        sources = [(v, o) for v, o in pairs if node in o["waarschuwingen"]]
        info = data["knopen"][node]
        result["waarschuwingen"].append({
            "id": node.split(":", 1)[1], "titel": info["titel"], "url": info["url"], "score": scores.get(node, 0),
            "waarom": "Omdat u antwoordde " + " en ".join(f"‘{o['tekst']}’" for _, o in sources),
        })
    result["antwoorden"] = [{"vraag": v["id"], "vraag_tekst": v["tekst"], "optie": o["id"], "optie_tekst": o["tekst"]}
                            for v, o in pairs]
    result["genegeerd"] = dropped
    return result
