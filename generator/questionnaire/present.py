"""Show advice and questions as text or Markdown, and ask questions in a terminal."""

from __future__ import annotations

from typing import Any, Callable, TextIO

from .advice import Answers, _route

__all__ = ["list_questions", "advice_as_text", "advice_as_markdown", "ask_interactively"]

_SECTIONS = (("bouwstenen", "Bouwstenen om op te letten"), ("tips", "Tips"),
             ("casussen", "Casussen die op uw situatie lijken"), ("kaders", "Kaders"))


def list_questions(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The questions as plain data: id, tekst, type and options (id, tekst)."""
    return [
        {"id": v["id"], "tekst": v["tekst"], "type": v["type"],
         "opties": [{"id": o["id"], "tekst": o["tekst"]} for o in v["opties"]]}
        for v in data["vragen"]
    ]


def _name(item: dict[str, Any]) -> str:
    return item.get("naam") or item.get("titel") or item["id"]


def advice_as_text(result: dict[str, Any]) -> str:
    """A plain-text report for the terminal."""
    lines = ["Uw antwoorden:"]
    lines += [f"  - {a['vraag_tekst']} {a['optie_tekst']}" for a in result["antwoorden"]] or ["  (geen)"]
    if result["stap"]:
        lines += ["", f"U zit waarschijnlijk in: {_name(result['stap'])}", f"  {result['stap']['waarom']}"]
    if result["volgende_stap"]:
        lines += [f"Daarna: {_name(result['volgende_stap'])}"]
    for key, title in _SECTIONS:
        if result[key]:
            lines += ["", f"{title}:"]
            for number, item in enumerate(result[key], 1):
                lines += [f"  {number}. {_name(item)} (score {item['score']})", f"     {item['waarom']}"]
    if result["waarschuwingen"]:
        lines += ["", "Let op:"]
        lines += [f"  ! {w['titel']} — {w['waarom']}" for w in result["waarschuwingen"]]
    if result["genegeerd"]:
        lines += ["", "Genegeerd:"] + [f"  - {note}" for note in result["genegeerd"]]
    return "\n".join(lines) + "\n"


def advice_as_markdown(result: dict[str, Any], base_url: str = "") -> str:
    """A Markdown report (also what the site's 'download als Markdown' writes)."""

    def link(item: dict[str, Any]) -> str:
        return f"[{_name(item)}]({base_url}{item['url']})" if item.get("url") else _name(item)

    out = ["# Advies van Wijkkompas", "", "## Uw antwoorden", ""]
    out += [f"- {a['vraag_tekst']} **{a['optie_tekst']}**" for a in result["antwoorden"]] or ["- (geen)"]
    if result["stap"]:
        out += ["", "## Waar u staat", "", f"U zit waarschijnlijk in de stap {link(result['stap'])}.",
                "", f"*{result['stap']['waarom']}*"]
        if result["volgende_stap"]:
            out += ["", f"De volgende stap is {link(result['volgende_stap'])}."]
    for key, title in _SECTIONS:
        if result[key]:
            out += ["", f"## {title}", ""]
            out += [f"{n}. {link(item)}  \n   *{item['waarom']}*" for n, item in enumerate(result[key], 1)]
    if result["waarschuwingen"]:
        out += ["", "## Let op", ""] + [f"- {link(w)}: {w['waarom']}" for w in result["waarschuwingen"]]
    return "\n".join(out) + "\n"


def ask_interactively(data: dict[str, Any], read: Callable[[str], str], out: TextIO) -> Answers | None:
    """Ask one question at a time; ``terug`` goes back; a summary before the result.

    Returns the answers, or ``None`` when the user stops (``stop`` or end of input).
    """
    questions = {v["id"]: v for v in data["vragen"]}
    answers: Answers = {}
    history: list[str] = []
    current = data["start"]
    print("Typ het nummer van uw antwoord (bij meerdere antwoorden: nummers met komma's),\n"
          "'overslaan' om een vraag over te slaan, 'terug' voor de vorige vraag, 'stop' om te stoppen.\n", file=out)
    while True:
        if current == "resultaat":
            print("\nUw antwoorden:", file=out)
            for vraag_id in _route(data, answers):
                chosen = answers.get(vraag_id)
                texts = [o["tekst"] for o in questions[vraag_id]["opties"] if chosen and o["id"] in chosen]
                print(f"  - {questions[vraag_id]['tekst']} {', '.join(texts) or '(overgeslagen)'}", file=out)
            reply = read("Klopt dit? [j = advies tonen / terug / stop] ").strip().lower()
            if reply in ("j", "ja", ""):
                # Going back and choosing differently can leave answers off the route.
                on_route = set(_route(data, answers))
                return {k: v for k, v in answers.items() if k in on_route}
            if reply == "stop":
                return None
            if history:
                current = history.pop()
            continue
        vraag = questions[current]
        steps = len(_route(data, answers))
        print(f"\nVraag {len(history) + 1} (van ongeveer {steps}): {vraag['tekst']}", file=out)
        if vraag.get("uitleg"):
            print(f"  {vraag['uitleg']}", file=out)
        for number, optie in enumerate(vraag["opties"], 1):
            print(f"  {number}. {optie['tekst']}", file=out)
        hint = "meerdere antwoorden mogelijk" if vraag["type"] == "meerdere" else "één antwoord"
        try:
            reply = read(f"Uw keuze ({hint}): ").strip().lower()
        except EOFError:
            return None
        if reply == "stop":
            return None
        if reply == "terug":
            if history:
                current = history.pop()
            continue
        if reply in ("overslaan", ""):
            answers.pop(current, None)
        else:
            try:
                numbers = [int(part) for part in reply.replace(" ", "").split(",") if part]
                picked = [vraag["opties"][n - 1]["id"] for n in numbers if 1 <= n <= len(vraag["opties"])]
            except ValueError:
                picked = []
            if not picked or len(picked) != len(numbers) or (vraag["type"] == "een" and len(picked) > 1):
                print("  Dat antwoord begrijp ik niet; probeer het opnieuw.", file=out)
                continue
            answers[current] = picked
        history.append(current)
        nxt = vraag["volgende"]
        if vraag["type"] == "een" and answers.get(current):
            optie = next(o for o in vraag["opties"] if o["id"] == answers[current][0])
            nxt = optie["volgende"] or nxt
        current = nxt
