"""The HTML's few colours read in light and dark notebooks: every text colour set against a
background set has a WCAG contrast ratio of at least 4.5 in every theme a notebook can have.

The oracle is this file's own CSS cascade (a small one: rules, ``@media``, custom properties)
and the WCAG 2 formula, applied to the style sheet that the calendar's HTML really carries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

import coparent
from coparent.render.html import html_page
from coparent.scheduling import calendar, month_grid

# --- a small CSS reader -------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    media: str | None
    selector: str
    declarations: dict[str, str]
    order: int


def _blocks(css: str) -> list[tuple[str, str]]:
    """Top-level ``prelude { body }`` pairs, braces matched."""
    out, depth, start, prelude = [], 0, 0, ""
    for i, ch in enumerate(css):
        if ch == "{":
            if depth == 0:
                prelude, start = css[start:i].strip(), i + 1
            depth += 1
        elif ch == "}":
            depth -= 1
            assert depth >= 0, "unbalanced braces"
            if depth == 0:
                out.append((prelude, css[start:i]))
                start = i + 1
    assert depth == 0, "unbalanced braces"
    assert not css[start:].strip(), f"text after the last rule: {css[start:]!r}"
    return out


def parse(css: str) -> list[Rule]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules: list[Rule] = []

    def add(media: str | None, prelude: str, body: str) -> None:
        declarations = {}
        for part in body.split(";"):
            if part.strip():
                name, _, value = part.partition(":")
                assert value.strip(), f"a declaration without a value: {part!r}"
                declarations[name.strip()] = value.strip()
        for selector in prelude.split(","):
            rules.append(Rule(media, " ".join(selector.split()), declarations, len(rules)))

    for prelude, body in _blocks(css):
        if prelude.startswith("@media"):
            for inner, inner_body in _blocks(body):
                add(prelude.removeprefix("@media").strip(), inner, inner_body)
        else:
            add(None, prelude, body)
    return rules


# --- WCAG 2 contrast ------------------------------------------------------------------------


def luminance(colour: str) -> float:
    match = re.fullmatch(r"#([0-9a-fA-F]{6})", colour)
    assert match, f"not a #rrggbb colour: {colour!r}"
    channels = [int(match[1][i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


# --- the themes a notebook can be in --------------------------------------------------------

#: (the system prefers dark, the notebook's own theme marker, whether the reader sees dark)
THEMES = [
    (False, None, False),
    (True, None, True),
    (False, '[data-jp-theme-light="false"]', True),
    (False, "body.vscode-dark", True),
    # An explicitly light notebook stays light on a dark system, and the other way round.
    (True, '[data-jp-theme-light="true"]', False),
    (True, "body.vscode-light", False),
    (False, "body.vscode-high-contrast", True),
]


def _applies(rule: Rule, os_dark: bool, marker: str | None, target: str) -> bool:
    """Does ``rule`` select the element ``target`` (a class selector) in that theme?"""
    if rule.media is not None and not (os_dark and "prefers-color-scheme: dark" in rule.media):
        return False
    parts = rule.selector.split(" ")
    if not _simple(parts[-1]) <= _simple(target):
        return False
    # A day cell sits in a month table, which sits in a calendar.
    holders = {".coparent-month", ".coparent-calendar"} if target.startswith("td") else set()
    return all(a == marker or a in holders for a in parts[:-1])


def _simple(compound: str) -> set[str]:
    """``td.coparent-a`` -> {"td", ".coparent-a"}."""
    return set(re.findall(r"[.#]?[\w-]+|\[[^\]]+\]", compound))


def _specificity(selector: str) -> tuple[int, int]:
    classes = selector.count(".") + selector.count("[")
    elements = len(re.findall(r"(?:^|\s)[a-z]+", selector))
    return classes, elements


def computed(rules: list[Rule], os_dark: bool, marker: str | None, target: str) -> dict[str, str]:
    """The declarations on ``target``, by the cascade, with custom properties inherited from
    the holders (the calendar, then the month table) and ``var()`` resolved."""
    variables: dict[str, str] = {}
    for holder in (".coparent-calendar", ".coparent-month"):
        for rule in _cascade(rules, os_dark, marker, holder):
            variables.update({k: v for k, v in rule.declarations.items() if k.startswith("--")})
    out: dict[str, str] = {}
    for rule in _cascade(rules, os_dark, marker, target):
        out.update(rule.declarations)

    def resolve(value: str) -> str:
        return re.sub(r"var\((--[\w-]+)\)", lambda m: variables[m[1]], value)

    return {k: resolve(v) for k, v in out.items()}


def _cascade(rules: list[Rule], os_dark: bool, marker: str | None, target: str) -> list[Rule]:
    hits = [r for r in rules if _applies(r, os_dark, marker, target)]
    return sorted(hits, key=lambda r: (_specificity(r.selector), r.order))


def _calendar_css() -> str:
    plan = coparent.quick_plan(
        parents=("Sam Jones", "Alex Jones"), children=["Mia"], starts_on=date(2027, 1, 4)
    )
    page = calendar(plan, date(2027, 1, 1), date(2027, 3, 1))._repr_html_()
    styles = re.findall(r"<style>(.*?)</style>", page, flags=re.S)
    assert len(styles) == 1, "one style sheet per calendar"
    # Each tint is used: the oracle below checks classes that the grid really has.
    assert 'class="coparent-day coparent-a"' in page
    assert 'class="coparent-day coparent-b"' in page
    return styles[0]


TINTED = ["td.coparent-a", "td.coparent-b"]


@pytest.mark.parametrize(("os_dark", "marker", "dark"), THEMES)
def test_every_colour_pair_set_reads_in_every_theme(
    os_dark: bool, marker: str | None, dark: bool
) -> None:
    rules = parse(_calendar_css())
    # Every rule that sets a background sets the text colour too (or both are inherited).
    pairs = []
    for rule in rules:
        declarations = rule.declarations
        if "background" in declarations or "background-color" in declarations:
            assert "color" in declarations, rule
        if "color" in declarations:
            assert "background" in declarations or "background-color" in declarations, rule
            pairs.append(rule.selector.split(" ")[-1])
    assert sorted(set(pairs)) == sorted({"td", *TINTED})
    for target in TINTED:
        style = computed(rules, os_dark, marker, target)
        fg, bg = style["color"], style["background"]
        assert contrast(fg, bg) >= 4.5, (target, marker, fg, bg)
        # The tint follows the theme: dark under light text in a dark theme.
        assert (luminance(bg) < 0.1 and luminance(fg) > 0.6) is dark, (target, marker, fg, bg)
        assert (luminance(bg) > 0.6 and luminance(fg) < 0.1) is not dark, (target, marker)
    # An untinted day takes the notebook's own colours, whatever they are.
    plain = computed(rules, os_dark, marker, "td")
    assert (plain["color"], plain["background"]) == ("inherit", "transparent")


def test_the_two_tints_are_told_apart_in_every_theme() -> None:
    rules = parse(_calendar_css())
    for os_dark, marker, _dark in THEMES:
        a, b = (computed(rules, os_dark, marker, t)["background"] for t in TINTED)
        assert a != b


def _colours_in_html(text: str) -> list[str]:
    text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
    return re.findall(r"(?:color|background)[^;\"]*", text)


@pytest.mark.parametrize("cls", [coparent.ParentingPlan, coparent.Referral, coparent.Review])
def test_documents_take_their_colours_from_the_notebook(cls: type[Any]) -> None:
    """Documents' HTML sets no colour at all: text and tables follow the notebook's theme."""
    doc = cls.example()
    assert _colours_in_html(doc._repr_html_()) == []
    assert _colours_in_html(coparent.to_html(doc, audience="facilitator")) == []


def test_a_month_grid_alone_carries_its_style_and_no_inline_colour() -> None:
    plan = coparent.quick_plan(parents=("Sam Jones", "Alex Jones"), children=["Mia"])
    grid = month_grid(plan, 2027, 2)
    shown = grid._repr_html_()
    assert shown.startswith("<style>")
    assert _colours_in_html(shown) == []


def test_a_standalone_page_follows_the_systems_light_or_dark() -> None:
    page = html_page(coparent.ParentingPlan.example(), audience="facilitator")
    style = re.findall(r"<style>(.*?)</style>", page, flags=re.S)[0]
    root = [r for r in parse(style) if r.selector == ":root"]
    assert root
    assert root[0].declarations["color-scheme"] == "light dark"
    # Borders only: no text or background colour that a dark page would have to fight.
    assert not [r for r in parse(style) if {"color", "background"} & set(r.declarations)]
