"""Show advice and questions as text or Markdown, and ask questions in a terminal."""

from __future__ import annotations

import re
from typing import Any, Callable, TextIO

from .advice import Answers, choice_hint, limit_message
from .routing import next_question, route

__all__ = ["list_questions", "advice_as_text", "advice_as_markdown", "ask_interactively"]

# Section, its heading, and the kind whose one-line explanation goes under the heading.
_SECTIONS = (("bouwstenen", "Bouwstenen om op te letten", "bouwsteen"), ("tips", "Tips", "tip"),
             ("casussen", "Casussen die op uw situatie lijken", "casus"), ("kaders", "Kaders", "kader"))


def list_questions(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The questions as plain data: id, tekst, type, the hint (how many answers) and options (id, tekst)."""
    return [
        {"id": v["id"], "tekst": v["tekst"], "type": v["type"], "max_keuzes": v.get("max_keuzes"),
         "hint": choice_hint(v), "opties": [{"id": o["id"], "tekst": o["tekst"]} for o in v["opties"]]}
        for v in data["vragen"]
    ]


def _name(item: dict[str, Any]) -> str:
    return item.get("naam") or item.get("titel") or item["id"]


def _heading(item: dict[str, Any]) -> str:
    # A valkuil among the tips is shown as the warning it is.
    return item.get("waarschuwing") or _name(item)


def advice_as_text(result: dict[str, Any]) -> str:
    """A plain-text report for the terminal (the same content as the site's result page).

    The answers are not listed again: the summary names them all, and in the
    interactive mode the person has just checked them.
    """
    summary = result["samenvatting"]
    lines = ["UW ADVIES", ""]
    lines += [text for text in (summary["situatie"], summary["stap"]) if text] or [
        "U heeft nog geen vragen beantwoord, dus er is nog geen advies."]
    if summary["acties"]:
        lines += ["", "Wat u eerst kunt doen:"]
        lines += [f"  {n}. {a['tekst']} (uit {a['bij']})" for n, a in enumerate(summary["acties"], 1)]
    if result["waarschuwingen"]:
        lines += ["", "Pas op:"]
        for w in result["waarschuwingen"]:
            lines += [f"  ! {w['waarschuwing']}", f"    {w['regel']}", f"    Waarom: {w['waarom']}"]
    if result["stap"]:
        lines += ["", "Waar u staat:", f"  ({result['uitleg']['stap']})",
                  f"  Stap: {_name(result['stap'])}", f"    {result['stap']['regel']}",
                  f"    Waarom: {result['stap']['waarom']}"]
        if result["volgende_stap"]:
            lines += [f"  Daarna: {_name(result['volgende_stap'])}", f"    {result['volgende_stap']['regel']}"]
    for key, title, kind in _SECTIONS:
        if result[key]:
            lines += ["", f"{title}:", f"  ({result['uitleg'][kind]})"]
            for number, item in enumerate(result[key], 1):
                lines += [f"  {number}. {_heading(item)}", f"     {item['regel']}", f"     Waarom: {item['waarom']}"]
    if result["genegeerd"]:
        lines += ["", "Genegeerd:"] + [f"  - {note}" for note in result["genegeerd"]]
    return "\n".join(lines) + "\n"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    """Plain text made safe inside Markdown (a title with '*' stays a title)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)




def advice_as_markdown(result: dict[str, Any], base_url: str = "") -> str:
    """A Markdown report; the site's 'Download als Markdown' writes the same text.

    ``base_url`` is the site's address, so the links work wherever the file is saved.
    """

    def link(item: dict[str, Any], text: str | None = None) -> str:
        label = _md(text or _name(item))
        return f"[{label}]({base_url}{item['url']})" if item.get("url") else label

    summary = result["samenvatting"]
    out = ["# Advies van Wijkkompas", "", "## Samenvatting", ""]
    out += [_md(text) for text in (summary["situatie"], summary["stap"]) if text] or [
        "U heeft nog geen vragen beantwoord, dus er is nog geen advies."]
    if summary["acties"]:
        out += ["", "**Wat u eerst kunt doen:**", ""]
        out += [f"{n}. {_md(a['tekst'])} (uit {link(a, a['bij'])})" for n, a in enumerate(summary["acties"], 1)]
    if result["waarschuwingen"]:
        out += ["", "## Pas op", ""]
        out += [f"- **{link(w, w['waarschuwing'])}**  \n  {_md(w['regel'])}  \n  *Waarom:* {_md(w['waarom'])}"
                for w in result["waarschuwingen"]]
    if result["stap"]:
        out += ["", "## Waar u staat", "", f"*{_md(result['uitleg']['stap'])}*", "",
                f"- **Stap: {link(result['stap'])}**  \n  {_md(result['stap']['regel'])}  \n"
                f"  *Waarom:* {_md(result['stap']['waarom'])}"]
        if result["volgende_stap"]:
            out += [f"- **Daarna: {link(result['volgende_stap'])}**  \n  {_md(result['volgende_stap']['regel'])}"]
    for key, title, kind in _SECTIONS:
        if result[key]:
            out += ["", f"## {title}", "", f"*{_md(result['uitleg'][kind])}*", ""]
            out += [f"{n}. **{link(item, _heading(item))}**  \n   {_md(item['regel'])}  \n   *Waarom:* {_md(item['waarom'])}"
                    for n, item in enumerate(result[key], 1)]
    out += ["", "## Uw antwoorden", ""]
    out += [f"- {_md(a['vraag_tekst'])} **{_md(a['optie_tekst'])}**" for a in result["antwoorden"]] or ["- (geen)"]
    return "\n".join(out) + "\n"


def _read_choice(vraag: dict[str, Any], reply: str) -> tuple[list[str], str]:
    """The option ids a typed reply picks, or ``([], why)``: what was wrong and what is accepted."""
    count = len(vraag["opties"])
    accepted = (f"Typ een nummer van 1 tot {count}" if vraag["type"] == "een"
                else f"Typ een of meer nummers van 1 tot {count}, met komma's ertussen (bijv. 1,3)")
    accepted += ", of 'overslaan', 'terug' of 'stop'."
    parts = [part for part in re.split(r"[,;\s]+", reply) if part]
    numbers: list[int] = []
    for part in parts:
        if not part.isdigit():
            return [], f"Dat antwoord begrijp ik niet: '{part}' is geen nummer. {accepted}"
        if not 1 <= int(part) <= count:
            return [], f"Dat antwoord begrijp ik niet: er is geen antwoord {int(part)}. {accepted}"
        if int(part) not in numbers:
            numbers.append(int(part))
    if not numbers:
        return [], f"Dat antwoord begrijp ik niet. {accepted}"
    if vraag["type"] == "een" and len(numbers) > 1:
        return [], f"Bij deze vraag past maar één antwoord. Typ één nummer van 1 tot {count}."
    if vraag.get("max_keuzes") and len(numbers) > vraag["max_keuzes"]:
        return [], f"{limit_message(vraag)} (u koos er {len(numbers)}). Probeer het opnieuw."
    return [vraag["opties"][n - 1]["id"] for n in numbers], ""


def ask_interactively(data: dict[str, Any], read: Callable[[str], str], out: TextIO) -> Answers | None:
    """Ask one question at a time; ``terug`` goes back; a summary before the result.

    An empty reply skips the question and says so; a reply that cannot be read
    says why and what is accepted, and the question is asked again. Returns the
    answers, or ``None`` when the user stops (``stop`` or end of input).
    """
    questions = {v["id"]: v for v in data["vragen"]}
    answers: Answers = {}
    history: list[str] = []
    current = data["start"]
    print("Typ bij elke vraag het nummer van uw antwoord (bij meerdere antwoorden: nummers met komma's),\n"
          "'overslaan' of alleen Enter om een vraag over te slaan, 'terug' voor de vorige vraag, "
          "'stop' om te stoppen.\n", file=out)
    while True:
        if current == "resultaat":
            print("\nControleer uw antwoorden:", file=out)
            for vraag_id in route(data, answers):
                chosen = answers.get(vraag_id)
                texts = [o["tekst"] for o in questions[vraag_id]["opties"] if chosen and o["id"] in chosen]
                print(f"  - {questions[vraag_id]['tekst']} {', '.join(texts) or '(overgeslagen)'}", file=out)
            while True:
                try:
                    reply = read("Klopt dit? [j = advies tonen / terug / stop] ").strip().lower()
                except EOFError:
                    return None
                if reply in ("j", "ja", "", "stop", "terug", "t", "n", "nee"):
                    break
                print("  Dat antwoord begrijp ik niet. Typ 'j' voor het advies, 'terug' om een antwoord "
                      "te wijzigen, of 'stop'.", file=out)
            if reply in ("j", "ja", ""):
                # Going back and choosing differently can leave answers off the route.
                on_route = set(route(data, answers))
                return {k: v for k, v in answers.items() if k in on_route}
            if reply == "stop":
                return None
            current = history.pop() if history else data["start"]
            continue
        vraag = questions[current]
        steps = len(route(data, answers))
        print(f"\nVraag {len(history) + 1} (van ongeveer {steps}): {vraag['tekst']}", file=out)
        if vraag.get("uitleg"):
            print(f"  {vraag['uitleg']}", file=out)
        for number, optie in enumerate(vraag["opties"], 1):
            print(f"  {number}. {optie['tekst']}", file=out)
        print(f"  {choice_hint(vraag)}", file=out)
        try:
            reply = read("Uw keuze: ").strip().lower()
        except EOFError:
            return None
        if reply == "stop":
            return None
        if reply == "terug":
            if history:
                current = history.pop()
            else:
                print("  Dit is de eerste vraag; er is geen vorige.", file=out)
            continue
        if reply in ("overslaan", ""):
            answers.pop(current, None)
            print("  Overgeslagen: deze vraag telt niet mee in het advies. Typ 'terug' om hem alsnog te beantwoorden.",
                  file=out)
        else:
            picked, why = _read_choice(vraag, reply)
            if not picked:
                print(f"  {why}", file=out)
                continue
            answers[current] = picked
        history.append(current)
        current = next_question(vraag, answers.get(current) or [])
