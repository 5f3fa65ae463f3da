"""The content model: safe text, links, slugs and completeness rules."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.models import BronVerwijzing, Casus, Link, Tip
from generator.models.common import find_link_problem, find_text_problem

TIP = {
    "titel": "Begin klein",
    "tekst": "Begin met één maaltijd.",
    "doelgroepen": ["bewoners"],
    "bronnen": [{"bron": "b", "hoofdstuk": "H1", "regels": "1-2"}],
}


def test_valid_tip_loads() -> None:
    assert Tip.model_validate(TIP).soort == "tip"


@pytest.mark.parametrize(
    "text",
    [
        "Kijk <script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "Een <b>vet</b> woord",
        "<!-- verborgen -->",
        "[klik](javascript:alert(1))",
        "[klik](JavaScript:alert(1))",
        "[klik](java\tscript:alert(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD4=)",
        "[klik](vbscript:msgbox)",
        "[klik](//evil.example/x)",
        "![foto](https://tracker.example/pixel.gif)",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "tekst met NUL \x00 erin",
    ],
)
def test_unsafe_markdown_text_is_refused(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        Tip.model_validate({**TIP, "tekst": text})
    assert info.value.errors()[0]["loc"] == ("tekst",)


@pytest.mark.parametrize(
    "text",
    [
        "Meer dan 5 < 6 deelnemers & een tuin.",
        "Zie [de site](https://example.org/pagina) of [mail](mailto:a@example.org).",
        "Zie [de bouwsteen](../bouwstenen/vertrouwen.md).",
        "Dit is *nadruk* en **vet**.\n\n- een lijst\n- met items",
    ],
)
def test_ordinary_markdown_text_is_accepted(text: str) -> None:
    assert Tip.model_validate({**TIP, "tekst": text}).tekst == text


def test_plain_fields_refuse_links_and_newlines() -> None:
    with pytest.raises(ValidationError, match="links zijn hier niet toegestaan"):
        Tip.model_validate({**TIP, "titel": "[x](https://example.org)"})
    with pytest.raises(ValidationError, match="één regel"):
        Tip.model_validate({**TIP, "titel": "twee\nregels"})


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org", "//example.org", "https:foo", "data:,x"])
def test_link_urls_must_be_web_or_mail(url: str) -> None:
    with pytest.raises(ValidationError):
        Link(titel="x", url=url)


def test_link_problem_allows_internal_paths() -> None:
    assert find_link_problem("../casussen/de-ketel.md") is None
    assert find_link_problem("https://example.org") is None
    assert "javascript" in (find_link_problem(" JAVASCRIPT:x") or "")
    assert find_text_problem("a < b", markdown=True) is None


@pytest.mark.parametrize(("given", "stored"), [("1137-1382", "1137-1382"), ("1137–1382", "1137-1382"), (12, "12")])
def test_line_ranges_are_normalised(given: object, stored: str) -> None:
    assert BronVerwijzing(bron="b", hoofdstuk="H1", regels=given).regels == stored


def test_line_range_must_run_forward() -> None:
    with pytest.raises(ValidationError, match="kleinste"):
        BronVerwijzing(bron="b", hoofdstuk="H1", regels="20-10")


def test_references_must_be_slugs() -> None:
    with pytest.raises(ValidationError, match="geen geldige id"):
        Tip.model_validate({**TIP, "themas": ["Zorg en welzijn"]})


def test_uitgebreid_case_needs_every_field() -> None:
    kort = {
        "naam": "X", "stad": "Y", "wijk": "Z", "periode": "2018", "samenvatting": "S.",
        "themas": ["zorg"], "initiatiefnemers": ["bewoners"], "organisatievorm": "O",
        "financiering": "F", "plek": "P", "diepgang": "kort",
        "bronnen": [{"bron": "b", "hoofdstuk": "H1", "regels": "1"}],
    }
    assert Casus.model_validate(kort).diepgang == "kort"
    with pytest.raises(ValidationError, match="verhaal, tijdlijn"):
        Casus.model_validate({**kort, "diepgang": "uitgebreid"})


def test_unknown_fields_are_errors() -> None:
    with pytest.raises(ValidationError) as info:
        Tip.model_validate({**TIP, "titl": "x"})
    assert info.value.errors()[0]["type"] == "extra_forbidden"
