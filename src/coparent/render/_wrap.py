"""Word wrap with cached glyph widths: the lines fpdf2's ``multi_cell`` would make, made faster.

fpdf2 measures a paragraph one character at a time and re-measures the whole line for every
character it adds (about 28 width look-ups per printed character). This module measures each
run of letters once, from a per-font table of widths read once per process, and only walks
character by character through the word that crosses the right edge. It follows the rules of
fpdf2's ``MultiLineBreak`` (word wrap, left-aligned, no character spacing or stretching):

- a line breaks at ``\\n``; a text ending in ``\\n`` moves down one more line;
- a line that would cross the edge breaks at its last breaking space (which is dropped) or its
  last soft hyphen (drawn as ``-``), whichever leaves the longer line;
- a word longer than a line is cut where it reaches the edge;
- a no-break space is drawn as a space; a soft hyphen that is not a break is not drawn;
- a last line of zero width (only zero-width characters) is not drawn; an empty text is one
  empty line.

The text must have no form feed and be drawn in one font that has every character (``widths``
holds them all): anything else (fallback fonts, shaped scripts) goes to ``multi_cell``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

__all__ = ["BREAKING_SPACES", "Wrapped", "wrap"]

#: The characters fpdf2 may break a line at, dropping the one it breaks at.
BREAKING_SPACES = (
    " \u200b\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000\t"
)
_SOFT_HYPHEN = "\u00ad"
_NBSP = "\u00a0"
#: fpdf2's tolerance when it compares a line's width with the room there is.
_TOLERANCE = 1e-9
#: A run of characters that are neither breaks nor special (one measure for the whole run).
_RUN = re.compile(f"[^{re.escape(BREAKING_SPACES)}\n{_SOFT_HYPHEN}{_NBSP}]+")


class Wrapped(NamedTuple):
    """The lines of a wrapped text, and whether the text ended with a line break."""

    lines: list[str]
    trailing_newline: bool


class NoRoom(ValueError):
    """A single character is wider than the line (fpdf2 raises here too)."""


def wrap(
    text: str, widths: Mapping[str, int], size_pt: float, k: float, max_width: float
) -> Wrapped:
    """``text`` cut into lines no wider than ``max_width`` (in user units).

    ``widths`` gives each character's advance in thousandths of an em (fpdf2's ``cw``), ``k``
    is the number of points in a user unit: a width is ``units * size_pt * 0.001 / k``, the
    same arithmetic as fpdf2, so lines break where fpdf2's do.
    """

    def width(units: int) -> float:
        return units * size_pt * 0.001 / k

    def over(line: int, extra: int) -> bool:
        return width(line) + width(extra) - max_width > _TOLERANCE

    units = widths.__getitem__
    lines: list[str] = []
    newline: list[bool] = []  # whether each line ended at a "\n"
    n = len(text)
    i = 0
    forced_at = -1
    while i < n:
        parts: list[str] = []
        line = 0
        # (number of parts, line width, where the next line starts) at the last break chance
        space: tuple[int, int, int] | None = None
        hyphen: tuple[int, int, int] | None = None
        last_forced, forced_at = forced_at, -1
        j = i
        ended = False
        while j < n:
            c = text[j]
            if c == "\n":
                lines.append("".join(parts))
                newline.append(True)
                j += 1
                ended = True
                break
            if c in BREAKING_SPACES or c in (_SOFT_HYPHEN, _NBSP):
                u = units("-" if c == _SOFT_HYPHEN else c)
                if not over(line, u):
                    if c == _SOFT_HYPHEN:
                        hyphen = (len(parts), line, j + 1)
                    elif c == _NBSP:
                        parts.append(" ")
                        line += units(" ")
                    else:
                        space = (len(parts), line, j + 1)
                        parts.append(c)
                        line += u
                    j += 1
                    continue
                if c not in (_SOFT_HYPHEN, _NBSP):
                    lines.append("".join(parts))  # the space at the edge is dropped
                    newline.append(False)
                    j += 1
                    ended = True
                    break
            else:
                run = _RUN.match(text, j)
                assert run is not None
                word = run.group()
                total = sum(map(units, word))
                last = units(word[-1])
                if not over(line + total - last, last):
                    parts.append(word)
                    line += total
                    j = run.end()
                    continue
                for ch in word:  # the word crosses the edge: find the first letter that does
                    u = units(ch)
                    if over(line, u):
                        break
                    parts.append(ch)
                    line += u
                    j += 1
                else:
                    continue
            # the character at j does not fit
            if hyphen is not None and (space is None or hyphen[1] > space[1]):
                count, _width, j = hyphen
                lines.append("".join(parts[:count]) + "-")
            elif space is not None:
                count, _width, j = space
                lines.append("".join(parts[:count]))
            else:
                if last_forced == j:
                    raise NoRoom("not enough horizontal space to render a single character")
                forced_at = j
                lines.append("".join(parts))
            newline.append(False)
            ended = True
            break
        if not ended and line:
            lines.append("".join(parts))
            newline.append(False)
        i = j
    if not lines:
        return Wrapped([""], False)
    return Wrapped(lines, newline[-1])
