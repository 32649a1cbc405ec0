"""The few colours coparent's HTML sets, for light and dark notebooks and pages alike.

Everything else in the HTML (text, tables, headings) takes its colours from the page or the
notebook around it. The month grid's tints are the exception: a tinted cell sets its own
background *and* text colour, from CSS custom properties that a dark theme overrides, so a cell
never shows the notebook's light text on a light tint. Dark comes from the reader's system
(``prefers-color-scheme``), JupyterLab's ``data-jp-theme-light`` and VS Code's ``vscode-dark``
body class; an explicitly light JupyterLab or VS Code theme wins over a dark system setting.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["DARK", "LIGHT", "THEME_CSS", "theme_style"]

#: Custom property -> colour in a light theme. ``a``/``b``: the two parents' day tints.
LIGHT: Mapping[str, str] = {
    "--coparent-a-bg": "#e8f0fb",
    "--coparent-a-fg": "#1a1a1a",
    "--coparent-b-bg": "#fbf0e0",
    "--coparent-b-fg": "#1a1a1a",
    "--coparent-rule": "#767676",
}

#: The same properties in a dark theme: dark tints of equal weight under light text.
DARK: Mapping[str, str] = {
    "--coparent-a-bg": "#1d3557",
    "--coparent-a-fg": "#f2f2f2",
    "--coparent-b-bg": "#4a3415",
    "--coparent-b-fg": "#f2f2f2",
    "--coparent-rule": "#9a9a9a",
}

#: The elements that carry the custom properties (a calendar and a month grid).
_HOLDERS = (".coparent-calendar", ".coparent-month")

#: Selectors of an explicitly dark and an explicitly light notebook theme.
_DARK_THEMES = ('[data-jp-theme-light="false"]', "body.vscode-dark", "body.vscode-high-contrast")
_LIGHT_THEMES = (
    '[data-jp-theme-light="true"]',
    "body.vscode-light",
    "body.vscode-high-contrast-light",
)


def _declarations(colours: Mapping[str, str]) -> str:
    return ";".join(f"{name}:{value}" for name, value in colours.items())


def _under(themes: tuple[str, ...]) -> str:
    return ",".join(f"{theme} {holder}" for theme in themes for holder in _HOLDERS)


def _css() -> str:
    holders = ",".join(_HOLDERS)
    return (
        f"{holders}{{{_declarations(LIGHT)}}}"
        f"@media (prefers-color-scheme: dark){{{holders}{{{_declarations(DARK)}}}}}"
        f"{_under(_DARK_THEMES)}{{{_declarations(DARK)}}}"
        f"{_under(_LIGHT_THEMES)}{{{_declarations(LIGHT)}}}"
        ".coparent-month{border-collapse:collapse}"
        ".coparent-month td{vertical-align:top;padding:4px;"
        "border:1px solid var(--coparent-rule);background:transparent;color:inherit}"
        ".coparent-month td.coparent-a{background:var(--coparent-a-bg);color:var(--coparent-a-fg)}"
        ".coparent-month td.coparent-b{background:var(--coparent-b-bg);color:var(--coparent-b-fg)}"
    )


#: The style sheet: custom properties for light and dark, then the rules that use them.
THEME_CSS = _css()


def theme_style() -> str:
    """The ``<style>`` element that a fragment with month grids starts with."""
    return f"<style>{THEME_CSS}</style>"
