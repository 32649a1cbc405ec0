"""iCalendar (RFC 5545) export of a :class:`~coparent.ContactCalendar`, via ``icalendar``.

One VEVENT per period (recurrence rules would be exact only for plans without holidays, special
days or one-off changes, so every period is written out), plus an all-day VEVENT per dated event
(court stop date, review dates) and a timed VEVENT per call, video call or letter. Times carry
a TZID with a VTIMEZONE for the family's zone, so Google, Apple and Outlook show them at the
right wall-clock time on both sides of a daylight-saving change. UIDs come from the plan id,
the rule and the start, so importing the file again updates events rather than duplicating
them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import icalendar

from ..i18n import _, fit_words, use_locale
from ..model import Handover
from ..scheduling import ContactCalendar, PeriodSource

__all__ = ["to_ics"]

PRODID = "-//coparent//coparent calendar//EN"


def _when(dt: datetime) -> datetime:
    """A time for DTSTART/DTEND: local with its TZID, or UTC where the local time is ambiguous.

    RFC 5545 reads a repeated wall-clock time (01:30 on the autumn change) as its first
    occurrence, so the second one is written in UTC to keep the exact instant.
    """
    first = dt.replace(fold=0)
    if first.astimezone(UTC) != dt.astimezone(UTC):
        return dt.astimezone(UTC)
    return first


def _handover_lines(label: str, h: Handover) -> list[str]:
    lines = [f"{label}: {_(h.place.label)}"]
    lines += [text for text in (h.place_details, h.when, h.conditions) if text]
    if h.brings:
        lines.append(_("Brings the children: {who}").format(who=h.brings))
    if h.collects:
        lines.append(_("Collects the children: {who}").format(who=h.collects))
    return lines


def to_ics(
    cal: ContactCalendar,
    *,
    include_default: bool = False,
    stamp: datetime | None = None,
    locale: str | None = None,
) -> bytes:
    """The calendar as an ``.ics`` file's bytes.

    Time with the resident parent that no rule produced (``PeriodSource.RESIDENCE``) is left out
    unless ``include_default`` is true: a calendar full of "with Mum" events hides the ones
    that matter. ``stamp`` (the DTSTAMP) defaults to the plan's ``updated_at``, so the same
    plan gives the same bytes, or to now if the plan has none. Summaries and descriptions are
    in ``locale`` (default: the active locale; see :mod:`coparent.i18n`).
    """
    if locale is not None:
        with use_locale(locale):
            return to_ics(cal, include_default=include_default, stamp=stamp)
    when = stamp or cal.stamp or datetime.now(UTC)
    when = when.astimezone(UTC)
    ical = icalendar.Calendar()
    ical.add("prodid", PRODID)
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("x-wr-calname", _("Parenting plan"))
    ical.add("x-wr-timezone", cal.timezone)
    for p in cal.periods:
        if p.source is PeriodSource.RESIDENCE and not include_default:
            continue
        event = icalendar.Event()
        event.add("uid", p.uid)
        event.add("dtstamp", when)
        event.add("dtstart", _when(p.start))
        event.add("dtend", _when(p.end))
        event.add(
            "summary",
            fit_words(_("With {name}: {rule}"), name=cal.name(p.parent), rule=_(p.rule_name)),
        )
        lines = [f"{_(p.source.label)}: {_(p.rule_name)}"]
        if p.handover is not None:
            lines += _handover_lines(_("Pick-up"), p.handover)
            if p.handover.place_details:
                event.add("location", p.handover.place_details)
        if p.return_handover is not None and p.return_handover != p.handover:
            lines += _handover_lines(_("Return"), p.return_handover)
        event.add("description", "\n".join(lines))
        event.add("categories", [_(p.source.label)])
        event.add("transp", "TRANSPARENT")
        ical.add_component(event)
    for c in cal.clashes:
        event = icalendar.Event()
        event.add(
            "uid",
            f"clash-{'-'.join(c.rule_ids)}-{c.start.astimezone(UTC):%Y%m%dT%H%M%SZ}-{cal.plan_id}@coparent",
        )
        event.add("dtstamp", when)
        event.add("dtstart", _when(c.start))
        event.add("dtend", _when(c.end))
        event.add("summary", _("To agree: the plan gives this time to both parents"))
        event.add("description", f"{_(c.source.label)}: {', '.join(c.rule_ids)}")
        ical.add_component(event)
    for e in cal.events:
        event = icalendar.Event()
        event.add("uid", e.uid)
        event.add("dtstamp", when)
        if e.at is not None:
            # A call or letter: at its time, for its length (an instant if none is given).
            event.add("dtstart", _when(e.at))
            if e.minutes is not None:
                end = (e.at.astimezone(UTC) + timedelta(minutes=e.minutes)).astimezone(e.at.tzinfo)
                event.add("dtend", _when(end))
            event.add("categories", [_(e.kind.label)])
        else:
            event.add("dtstart", e.on)
            event.add("dtend", e.on + timedelta(days=1))
        event.add("summary", _(e.title))
        event.add("transp", "TRANSPARENT")
        ical.add_component(event)
    # The time zone's rules from a year either side, kept a year inside Python's dates (icalendar
    # adds offsets to them).
    lo, hi, year = date(2, 1, 1), date(9998, 12, 31), timedelta(days=366)
    ical.add_missing_timezones(
        first_date=min(max(cal.start - min(year, cal.start - date.min), lo), hi),
        last_date=max(min(cal.end + min(year, date.max - cal.end), hi), lo),
    )
    data: bytes = ical.to_ical()
    return data
