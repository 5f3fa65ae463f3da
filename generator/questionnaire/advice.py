"""Answer -> advice, as a pure function over the engine data (mirrored in advies.js).

Everything here is integer arithmetic and sorting over the JSON that
``scoring.engine_data`` writes, so the browser's copy of this module gives
exactly the same result. Keep the two in step; the parity test checks them.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from ..errors import WijkkompasError
from .routing import route

__all__ = ["AdviceError", "LIMITS", "choice_hint", "limit_message", "normalise_answers", "advise"]

# How many items of each kind an advice lists. The engine data carries them
# (``aantallen``), so advies.js reads them there instead of keeping a copy.
LIMITS = {"bouwsteen": 3, "tip": 8, "casus": 5, "kader": 2}

Answers = dict[str, list[str]]


class AdviceError(WijkkompasError, ValueError):
    """An answer set that does not fit the questionnaire (Dutch message)."""


def _questions(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {vraag["id"]: vraag for vraag in data["vragen"]}


_NUMBER_WORDS = ("nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
                 "elf", "twaalf")


def limit_message(vraag: dict[str, Any]) -> str:
    """A question's limit in words, e.g. "Kies hoogstens drie thema's" (``max_keuzes``, ``keuzenaam``).

    The one wording of the limit on the Python side: the CLI prompts with it and
    the advice refuses with it; advies.js has the same function for the site.
    """
    limit = vraag["max_keuzes"]
    number = _NUMBER_WORDS[limit] if limit < len(_NUMBER_WORDS) else str(limit)
    return f"Kies hoogstens {number} {vraag.get('keuzenaam') or 'antwoorden'}"


def choice_hint(vraag: dict[str, Any]) -> str:
    """The hint under a question: how many answers it takes."""
    if vraag["type"] == "een":
        return "Kies één antwoord."
    if vraag.get("max_keuzes"):
        return limit_message(vraag) + "."
    return "Kies alles wat van toepassing is."


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
        limit = vraag.get("max_keuzes")
        if limit and len(picked) > limit:
            problem(f"{limit_message(vraag)} bij vraag '{vraag_id}' (u koos er {len(picked)})")
            picked = picked[:limit]
        if picked:
            clean[vraag_id] = sorted(picked, key=known.index)
    on_route = set(route(data, clean))
    for vraag_id in [v["id"] for v in data["vragen"] if v["id"] in clean]:
        if vraag_id not in on_route:
            problem(f"vraag '{vraag_id}' wordt door uw andere antwoorden overgeslagen")
            del clean[vraag_id]
            on_route = set(route(data, clean))
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


def _kind(data: dict[str, Any], node: str) -> str:
    return str(data["knopen"][node]["soort"])


def _label(data: dict[str, Any], node: str) -> str:
    """An item in a sentence: 'de casus De Ketel', 'het thema Armoede', "de tip ‘Begin klein’"."""
    info = data["knopen"][node]
    title = f"‘{info['titel']}’" if info["soort"] == "tip" else info["titel"]
    return f"{data['taal']['soorten'][info['soort']]['lidwoord']} {info['soort']} {title}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    # 'Bewoner, vrijwilliger' -> 'bewoner, vrijwilliger'; an abbreviation ('GGD') keeps its capitals.
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _quoted(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> str:
    texts = [f"‘{optie['tekst']}’" for _, optie in pairs]
    return texts[0] if len(texts) == 1 else ", ".join(texts[:-1]) + " en " + texts[-1]


def _warning_line(title: str) -> str:
    """A valkuil's title (which reads as advice) as a warning: 'Pas op: overschat … niet'."""
    return title if title.startswith("Pas op") else f"Pas op: {_lower_first(title)}"


def _why(data: dict[str, Any], node: str, pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    """Why an item is advised, in words: the (at most two) answers that added most to its
    score, then how the first of them leads to the item along its explanation path."""
    ranked = sorted(
        ((optie["bijdragen"].get(node, 0), index, vraag, optie) for index, (vraag, optie) in enumerate(pairs)),
        key=lambda t: (-t[0], t[1]),
    )
    top = [(vraag, optie) for points, _, vraag, optie in ranked if points > 0][:2]
    if not top:
        return {"tekst": "", "antwoorden": [], "pad": []}
    path = _path(top[0][1], node)
    words = data["taal"]["soorten"]
    this = f"{words[_kind(data, node)]['deze']} {_kind(data, node)}"
    subject = "Dat antwoord" if len(top) == 1 else "Het eerste antwoord"
    sentences = [f"U antwoordde {_quoted(top)}."]
    if len(path) == 1:
        sentences.append(f"{subject} wijst rechtstreeks naar {this}.")
    else:
        sentences.append(f"{subject} gaat over {_label(data, path[0])}.")
        for earlier, later in zip(path, path[1:]):
            relation = data["taal"]["relaties"].get(f"{_kind(data, later)}>{_kind(data, earlier)}",
                                                    data["taal"]["relatie_anders"])
            name = this if later == node else _label(data, later)
            sentences.append(f"{_capital(name)} {relation} {words[_kind(data, earlier)]['die']} {_kind(data, earlier)}.")
    return {
        "tekst": " ".join(sentences),
        "antwoorden": [{"vraag": v["id"], "optie": o["id"]} for v, o in top],
        "pad": path,
    }


def _item(data: dict[str, Any], node: str, score: int, pairs: list[Any]) -> dict[str, Any]:
    info = data["knopen"][node]
    title_key = "titel" if info["soort"] == "tip" else "naam"
    item = {"id": node.split(":", 1)[1], title_key: info["titel"], "url": info["url"], "score": score,
            "regel": info.get("regel", "")}
    why = _why(data, node, pairs)
    item["waarom"] = why["tekst"]
    item["waarom_antwoorden"] = why["antwoorden"]
    item["waarom_pad"] = why["pad"]
    if info["soort"] == "tip":
        item["soort"] = "valkuil" if info.get("valkuil") else "tip"
        if info.get("valkuil"):
            item["waarschuwing"] = _warning_line(info["titel"])
    return item


def _described(pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[str]:
    """Per question answered, what it asked in a few words and the answers quoted:
    "looptijd: ‘Eén collegeperiode’" (the answers' own commas and semicolons stay inside the quotes)."""
    parts = []
    # ``pairs`` is in questionnaire order, so a question's answers are next to each other.
    for _, group in groupby(pairs, key=lambda pair: pair[0]["id"]):
        chosen = list(group)
        kort = chosen[0][0].get("kort")
        parts.append(f"{kort}: {_quoted(chosen)}" if kort else _quoted(chosen))
    return parts


def _summary(data: dict[str, Any], result: dict[str, Any], pairs: list[Any]) -> dict[str, Any]:
    """The opening of the advice: the situation in the person's own answers, the stap,
    and three things to do first, taken from the stap, the top tips and bouwstenen."""
    situation = "U beschreef uw situatie zo: " + "; ".join(_described(pairs)) + "." if pairs else ""
    stap = ""
    if result["stap"]:
        total = sum(1 for info in data["knopen"].values() if info["soort"] == "stap")
        number = data["knopen"]["stap:" + result["stap"]["id"]].get("nummer", 0)
        stap = f"U zit waarschijnlijk in de stap {result['stap']['naam']} (stap {number} van {total})."
        if result["volgende_stap"]:
            stap += f" Daarna volgt de stap {result['volgende_stap']['naam']}."
    sources = [("stap", result["stap"])] if result["stap"] else []
    tips = [("tip", t) for t in result["tips"] if t["soort"] == "tip"]
    blocks = [("bouwsteen", b) for b in result["bouwstenen"]]
    # Interleaved, so the three come from the stap, a tip and a bouwsteen when there are.
    for index in range(max(len(tips), len(blocks))):
        sources += tips[index:index + 1] + blocks[index:index + 1]
    actions: list[dict[str, str]] = []
    for kind, item in sources:
        text = data["knopen"][f"{kind}:{item['id']}"].get("actie", "")
        if text and all(a["tekst"] != text for a in actions):
            actions.append({"tekst": text, "bij": _label(data, f"{kind}:{item['id']}"), "url": item["url"]})
    return {"situatie": situation, "stap": stap, "acties": actions[:3]}


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
            "regel": info.get("regel", ""), "waarschuwing": _warning_line(info["titel"]),
            "waarom": f"U antwoordde {_quoted(sources)}. Bij {'dat antwoord' if len(sources) == 1 else 'die antwoorden'}"
                      " hoort deze valkuil uit de praktijk.",
        })
    result["antwoorden"] = [{"vraag": v["id"], "vraag_tekst": v["tekst"], "optie": o["id"], "optie_tekst": o["tekst"]}
                            for v, o in pairs]
    result["genegeerd"] = dropped
    result["samenvatting"] = _summary(data, result, pairs)
    result["uitleg"] = {kind: data["taal"]["soorten"][kind]["uitleg"]
                        for kind in ("stap", "bouwsteen", "tip", "casus", "kader")}
    return result
