"""Calendars and month grids as text and HTML (the data comes from :mod:`coparent.scheduling`).

Dates and times are formatted by :mod:`coparent.formatting`, so a day reads the same here as
in a diff, the HTML of a plan and every PDF. A month grid marks each day with the parents'
initials, so it reads without colour.
"""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from ..formatting import format_date, format_time, month_name, weekday_name
from ..i18n import _, fit_words, use_locale
from ..model._base import ParentRef
from ._theme import theme_style

if TYPE_CHECKING:
    from ..scheduling import ContactCalendar, MonthGrid

__all__ = [
    "calendar_html",
    "calendar_text",
    "day_text",
    "month_html",
    "month_text",
    "share_text",
    "when_text",
]

# Tints of equal weight (light or dark with the theme, see _theme.py); the initials carry the
# meaning, the tint only helps on screen.
_TINTS = {ParentRef.A: " coparent-a", ParentRef.B: " coparent-b"}


def day_text(d: date) -> str:
    """A day with its weekday: ``Friday 6 November 2026``."""
    return format_date(d, weekday=True)


def when_text(dt: datetime) -> str:
    """A moment in the family's own time: ``Friday 6 November 2026 17:00``."""
    return f"{day_text(dt.date())} {format_time(dt.time())}"


def calendar_text(cal: ContactCalendar) -> str:
    """The periods, clashes, undecided days and events as plain text, one per line."""
    from ..model import Allocation

    last = cal.end - timedelta(days=1)
    lines = [
        _("Calendar {start} to {end}").format(
            start=day_text(cal.start), end=day_text(max(cal.start, last))
        )
    ]
    for p in cal.periods:
        where = ""
        if p.handover is not None:
            where = _("; handover: {place}").format(place=_(p.handover.place.label))
            if p.handover.place_details:
                where += f", {p.handover.place_details}"
        period = fit_words(
            _("{start} to {end}: with {name} ({rule})"),
            start=when_text(p.start),
            end=when_text(p.end),
            name=cal.name(p.parent),
            rule=_(p.rule_name),
        )
        lines.append(f"  {period}{where}")
    for c in cal.clashes:
        clash = _("CLASH {start} to {end}: {source} {rules} give this time to different parents")
        lines.append(
            "  "
            + clash.format(
                start=when_text(c.start),
                end=when_text(c.end),
                source=_(c.source.label),
                rules=", ".join(c.rule_ids),
            )
        )
    for u in cal.undecided:
        lines.append(
            "  "
            + _("TO AGREE {start} to {end}: {rule} ({how})").format(
                start=when_text(u.start),
                end=when_text(u.end),
                rule=_(u.rule_name),
                how=_(Allocation.BY_AGREEMENT.label).lower(),
            )
        )
    for e in cal.events:
        lines.append(f"  {day_text(e.on)}: {_(e.title)}")
    return "\n".join(lines)


def share_text(cal: ContactCalendar) -> str:
    """The nights and days with each parent over the range, in two lines."""
    share = cal.time_share()
    a, b = cal.names
    unsettled = ""
    if share.unassigned_nights:
        unsettled = _(", not settled {count}").format(count=share.unassigned_nights)
    nights = _("Nights: {a} {nights_a}, {b} {nights_b}{unsettled}").format(
        a=a, nights_a=share.nights_a, b=b, nights_b=share.nights_b, unsettled=unsettled
    )
    days = _("Days with some time: {a} {days_a}, {b} {days_b}").format(
        a=a, days_a=share.days_a, b=b, days_b=share.days_b
    )
    return f"{nights}\n{days}"


def calendar_html(cal: ContactCalendar) -> str:
    """Each month of the calendar's range as a grid, then the nights with each parent."""
    from ..scheduling import month_grid

    last = cal.end - timedelta(days=1)
    grids, y, m = [], cal.start.year, cal.start.month
    while (y, m) <= (last.year, last.month):
        grids.append(_month_table(month_grid(cal, y, m)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    share = html.escape(share_text(cal)).replace("\n", "<br>")
    return (
        f'<section class="coparent-calendar">{theme_style()}{"".join(grids)}<p>{share}</p>'
        "</section>"
    )


def _weekdays() -> list[str]:
    return [weekday_name(i, width="abbreviated") for i in range(7)]


def _grid_title(grid: MonthGrid) -> str:
    return f"{month_name(grid.month)} {grid.year}"


def _grid_legend(grid: MonthGrid) -> str:
    (ia, ib), (na, nb) = grid.initials, grid.names
    return _(
        "{a} = {name_a}, {b} = {name_b}, → = handover, ? = not settled by the plan, ! = clash"
    ).format(a=ia, name_a=na, b=ib, name_b=nb)


def month_text(grid: MonthGrid, *, locale: str | None = None) -> str:
    """A month grid as text: a row per week, each day its number and the parents' initials.

    Month and weekday names and the legend are in ``locale`` (default: the active locale,
    English outside any output; see :mod:`coparent.i18n`)."""
    if locale is not None:
        with use_locale(locale):
            return month_text(grid)
    head = " | ".join(f"{d:<9}" for d in _weekdays())
    lines = [_grid_title(grid), _grid_legend(grid), head.rstrip()]
    for week in grid.weeks:
        cells = []
        for day in week:
            text = f"{day.on.day:>2} {day.marks}" if day.in_month else ""
            if day.events:
                text += " *"
            cells.append(f"{text:<9}")
        lines.append(" | ".join(cells).rstrip())
    events = [
        f"* {day_text(d.on)}: {_(e)}" for w in grid.weeks for d in w if d.in_month for e in d.events
    ]
    return "\n".join(lines + events)


def month_html(grid: MonthGrid, *, locale: str | None = None) -> str:
    """A month grid as an HTML table, Monday first, each day's initials in bold; words in
    ``locale`` as for :func:`month_text`. It starts with the ``<style>`` of its tints, which
    follow a light or dark notebook theme."""
    if locale is not None:
        with use_locale(locale):
            return month_html(grid)
    return theme_style() + _month_table(grid)


def _month_table(grid: MonthGrid) -> str:
    esc = html.escape
    rows = []
    for week in grid.weeks:
        cells = []
        for day in week:
            if not day.in_month:
                cells.append('<td class="coparent-out"></td>')
                continue
            who = _(" then ").join(
                grid.names[0] if p is ParentRef.A else grid.names[1] for p in day.parents
            )
            tint = ""
            if len(set(day.parents)) == 1:
                tint = _TINTS[day.parents[0]]
            events = "".join(f"<div><small>{esc(_(e))}</small></div>" for e in day.events)
            cells.append(
                f'<td class="coparent-day{tint}" title="{esc(who)}">'
                f"<div>{day.on.day}</div><div><strong>{esc(day.marks)}</strong></div>"
                f"{events}</td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f'<th scope="col">{esc(d)}</th>' for d in _weekdays())
    return (
        '<table class="coparent-month">'
        f"<caption>{esc(_grid_title(grid))}<br><small>{esc(_grid_legend(grid))}</small></caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
