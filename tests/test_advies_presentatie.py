"""The advice as a person reads it: a summary with three actions, a line of content
and a reason in words per item, warnings worded as warnings; the same in the
browser, the CLI's text and its Markdown (with absolute links)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.check import check_project
from generator.project import Project
from generator.questionnaire.advice import advise
from generator.publish import site_address
from generator.questionnaire.present import advice_as_markdown, advice_as_text
from generator.render.data import questionnaire_data

from conftest import REPO

# Three people, as they would answer.
SITUATIES = {
    # A resident whose garden initiative loses its subsidy.
    "bewoner-subsidie-stopt": {"rol": ["bewoner"], "thema": ["groen"], "soort": ["initiatief"],
                               "fase-initiatief": ["bedreigd"], "geld": ["subsidie"]},
    # A civil servant starting a wijkaanpak where poverty piles up.
    "ambtenaar-start-wijkaanpak": {"rol": ["gemeente"], "thema": ["armoede", "wonen"], "soort": ["wijkaanpak"],
                                   "fase-aanpak": ["signalen"], "toestand": ["afglijden"]},
    # A professional in an initiative that grows fast and wears out its people.
    "professional-groeiend-initiatief": {"rol": ["professional"], "thema": ["zorg", "ontmoeting"],
                                         "soort": ["initiatief"], "fase-initiatief": ["groeispurt"],
                                         "plek": ["buurthuis"], "groeipijnen": ["uitputting"]},
}
LISTS = ("bouwstenen", "tips", "casussen", "kaders")
SCORE_OR_ARROW = re.compile(r"→|->|\bscore\b|\d{4,}")


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    result = check_project(Project.at(REPO))
    assert result.ok and result.vragenlijst is not None
    return json.loads(json.dumps(questionnaire_data(result.content, result.graph, result.vragenlijst)))


def _items(advice: dict[str, Any]) -> list[dict[str, Any]]:
    steps = [advice["stap"]] if advice["stap"] else []
    return steps + [item for key in LISTS for item in advice[key]]


def _node(data: dict[str, Any], item: dict[str, Any]) -> str:
    matches = [n for n, info in data["knopen"].items() if n.split(":", 1)[1] == item["id"] and info["url"] == item["url"]]
    assert len(matches) == 1
    return matches[0]


@pytest.mark.parametrize("naam", SITUATIES)
def test_summary_has_situation_stap_and_three_actions(data: dict[str, Any], naam: str) -> None:
    advice = advise(data, SITUATIES[naam])
    summary = advice["samenvatting"]
    kort = {vraag["id"]: vraag["kort"] for vraag in data["vragen"]}
    for answer in advice["antwoorden"]:
        # Each answer whole and quoted, after what its question asked: "looptijd: ‘Eén collegeperiode’".
        assert f"‘{answer['optie_tekst']}’" in summary["situatie"]
        assert f"{kort[answer['vraag']]}: ‘" in summary["situatie"]
    assert summary["stap"].startswith("U zit waarschijnlijk in de stap " + advice["stap"]["naam"])
    assert len(summary["acties"]) == 3
    titles = {item.get("naam") or item.get("titel") for item in _items(advice)}
    for action in summary["acties"]:
        # An action is something to do, from the content: not just a link title.
        assert action["tekst"] not in titles and len(action["tekst"]) > 30
        assert action["url"]


@pytest.mark.parametrize("naam", SITUATIES)
def test_every_item_has_a_line_of_content_and_a_reason_in_words(data: dict[str, Any], naam: str) -> None:
    advice = advise(data, SITUATIES[naam])
    for item in _items(advice) + advice["waarschuwingen"]:
        assert item["regel"].strip(), item
        assert item["waarom"].startswith("U antwoordde ‘"), item["waarom"]
        assert item["waarom"].endswith("."), item["waarom"]
        assert not SCORE_OR_ARROW.search(item["waarom"]), item["waarom"]
    for warning in advice["waarschuwingen"] + [t for t in advice["tips"] if t["soort"] == "valkuil"]:
        assert warning["waarschuwing"].startswith("Pas op"), warning


@pytest.mark.parametrize("naam", SITUATIES)
def test_the_answers_a_reason_names_are_the_top_contributors(data: dict[str, Any], naam: str) -> None:
    advice = advise(data, SITUATIES[naam])
    chosen = [(vraag, optie) for vraag in data["vragen"] for optie in vraag["opties"]
              if optie["id"] in SITUATIES[naam].get(vraag["id"], [])]
    checked = 0
    for item in _items(advice):
        node = _node(data, item)
        points = {optie["tekst"]: optie["bijdragen"].get(node, 0) for _, optie in chosen}
        first_sentence = item["waarom"].split("’.", 1)[0] + "’"
        named = re.findall(r"‘([^’]*)’", first_sentence)
        assert 1 <= len(named) <= 2
        assert all(points[text] > 0 for text in named), (item["waarom"], points)
        # No answer that is not named added more to this item than one that is.
        unnamed = [p for text, p in points.items() if text not in named]
        assert not unnamed or min(points[t] for t in named) >= max(unnamed), (item["waarom"], points)
        if len(named) == 1:
            assert sum(1 for p in points.values() if p > 0) == 1
        checked += 1
    assert checked >= 10


def _cli(*args: str) -> str:
    out = subprocess.run([sys.executable, "-m", "generator", "--root", str(REPO), "advise", *args],
                         capture_output=True, text=True, check=True)
    return out.stdout


def _answer_args(answers: dict[str, list[str]]) -> list[str]:
    return [arg for vraag, opties in answers.items() for arg in ("--answer", f"{vraag}={','.join(opties)}")]


@pytest.mark.parametrize("naam", SITUATIES)
def test_cli_text_and_markdown_say_what_the_advice_says(data: dict[str, Any], naam: str) -> None:
    advice = advise(data, SITUATIES[naam])
    text = _cli(*_answer_args(SITUATIES[naam]))
    markdown = _cli(*_answer_args(SITUATIES[naam]), "--format", "markdown")
    assert text == advice_as_text(advice)
    assert markdown == advice_as_markdown(advice, site_address(REPO / "mkdocs.yml"))
    assert not re.search(r"→|\bscore\b", text + markdown)
    assert text.count("Uw antwoorden") == 0 and markdown.count("## Uw antwoorden") == 1
    summary = advice["samenvatting"]
    for sentence in [summary["situatie"], summary["stap"]] + [a["tekst"] for a in summary["acties"]]:
        assert sentence in text
    for item in _items(advice):
        assert item["waarom"] in text and item["regel"] in text
    for answer in advice["antwoorden"]:
        assert answer["optie_tekst"] in markdown


def test_markdown_links_are_absolute_and_the_address_can_be_chosen(data: dict[str, Any]) -> None:
    answers = _answer_args(SITUATIES["bewoner-subsidie-stopt"])
    default = _cli(*answers, "--format", "markdown")
    targets = re.findall(r"\]\(([^)]*)\)", default)
    assert len(targets) > 10
    assert all(t.startswith(site_address(REPO / "mkdocs.yml")) and t.startswith("https://") for t in targets)
    chosen = _cli(*answers, "--format", "markdown", "--site-url", "https://voorbeeld.nl/wk/")
    assert all(t.startswith("https://voorbeeld.nl/wk/") for t in re.findall(r"\]\(([^)]*)\)", chosen))


def test_site_address_follows_mkdocs_yml_and_its_environment_variable(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text('site_name: x\nsite_url: !ENV [WIJKKOMPAS_SITE_URL, "https://a.nl/b/"]\n', encoding="utf-8")
    monkeypatch.delenv("WIJKKOMPAS_SITE_URL", raising=False)
    assert site_address(config) == "https://a.nl/b/"
    monkeypatch.setenv("WIJKKOMPAS_SITE_URL", "https://c.nl/d")
    assert site_address(config) == "https://c.nl/d/"
    config.write_text("site_url: https://e.nl\n", encoding="utf-8")
    assert site_address(config) == "https://e.nl/"


# ------------------------------------------------------------------ in the browser

def _hash(answers: dict[str, list[str]]) -> str:
    return "#" + "&".join(f"{k}={','.join(v)}" for k, v in answers.items()) + "&scherm=resultaat"


@pytest.mark.parametrize("naam", SITUATIES)
def test_browser_result_matches_the_cli(page, site_url: str, data: dict[str, Any], naam: str,  # type: ignore[no-untyped-def]
                                        tmp_path: Path) -> None:
    from test_site import _axe

    advice = advise(data, SITUATIES[naam])
    page.goto(site_url + "/hulp-bij-kiezen/" + _hash(SITUATIES[naam]))
    page.locator("#wk-vragenlijst h2", has_text="Uw advies").wait_for()
    result = page.locator("#wk-vragenlijst")
    situatie = result.locator(".wk-situatie").inner_text()
    stap = result.locator(".wk-stap-zin").inner_text()
    actions = result.locator(".wk-acties .wk-actie").all_inner_texts()
    reasons = result.locator(".wk-reden").all_inner_texts()
    lines = result.locator(".wk-regel").all_inner_texts()
    assert len(actions) == 3
    summary = advice["samenvatting"]
    assert (situatie, stap, actions) == (summary["situatie"], summary["stap"], [a["tekst"] for a in summary["acties"]])
    expected = advice["waarschuwingen"] + _items(advice)
    assert sorted(reasons) == sorted(i["waarom"] for i in expected)
    assert len(lines) == len(expected) + (1 if advice["volgende_stap"] else 0)
    for reason in reasons:
        assert not SCORE_OR_ARROW.search(reason)
    # The answers are on the page (and so on paper).
    answers = result.locator(".wk-antwoorden dd").all_inner_texts()
    assert answers == [a["optie_tekst"] for a in advice["antwoorden"]]
    text = advice_as_text(advice)
    for sentence in [situatie, stap] + actions + reasons:
        assert sentence in text
    # The downloaded Markdown is the CLI's, with this site's address and the link to the advice.
    with page.expect_download() as download:
        page.get_by_role("button", name="Download als Markdown").click()
    saved = tmp_path / "advies.md"
    download.value.save_as(saved)
    expected_md = advice_as_markdown(advice, site_url + "/")
    assert saved.read_text(encoding="utf-8") == expected_md + f"\nLink naar dit advies: {page.url}\n"
    assert _axe(page) == []
