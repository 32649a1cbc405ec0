"""The dates of days whose date moves: Easter and the days keyed to it, Mothering Sunday,
Father's Day, UK bank holidays and the festivals of other calendars.

Easter (Western churches) is computed here with the anonymous Gregorian algorithm; bank
holidays and other calendars' festivals come from the ``holidays`` package, imported only when
such a rule is used. ``holidays`` gives Eid dates as *expected* dates: the day a community
keeps Eid depends on the moon being seen and may be a day later, so a plan can list the date
kept in ``SpecialDay.dates``, which then replaces the computed date in that year.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from .model.schedule import DateRule

__all__ = ["easter_sunday", "rule_dates"]


def easter_sunday(year: int) -> date:
    """Easter Sunday of the Western churches (Gregorian calendar), for years 1583 and later."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _in_year(found: Iterable[Any], year: int) -> tuple[date, ...]:
    """Dates from ``holidays``' calendar helpers (dates, or (date, estimated) pairs) in ``year``."""
    out = set()
    for item in found:
        d = item[0] if isinstance(item, tuple) else item
        if isinstance(d, date) and d.year == year:
            out.add(d)
    return tuple(sorted(out))


def _bank(subdivision: str) -> Callable[[int], tuple[date, ...]]:
    def dates(year: int) -> tuple[date, ...]:
        import holidays

        return tuple(sorted(holidays.country_holidays("GB", subdiv=subdivision, years=year)))

    return dates


def _calendars() -> Any:
    # The lunar and lunisolar calendars of ``holidays`` (tables kept by its maintainers).
    from holidays import calendars

    return calendars


def _islamic(name: str) -> Callable[[int], tuple[date, ...]]:
    def dates(year: int) -> tuple[date, ...]:
        lunar = _calendars()._IslamicLunar()
        return _in_year(getattr(lunar, name)(year), year)

    return dates


def _one(cls: str, name: str) -> Callable[[int], tuple[date, ...]]:
    def dates(year: int) -> tuple[date, ...]:
        cal = getattr(_calendars(), cls)()
        found = getattr(cal, name)(year)
        return _in_year(found if isinstance(found, set) else (found,), year)

    return dates


_RULES: dict[DateRule, Callable[[int], tuple[date, ...]]] = {
    DateRule.EASTER_SUNDAY: lambda y: (easter_sunday(y),),
    DateRule.GOOD_FRIDAY: lambda y: (easter_sunday(y) - timedelta(days=2),),
    DateRule.EASTER_MONDAY: lambda y: (easter_sunday(y) + timedelta(days=1),),
    DateRule.MOTHERING_SUNDAY: lambda y: (easter_sunday(y) - timedelta(days=21),),
    DateRule.FATHERS_DAY: lambda y: (_nth_weekday(y, 6, 6, 3),),
    DateRule.BANK_HOLIDAYS_ENGLAND_WALES: _bank("ENG"),
    DateRule.BANK_HOLIDAYS_SCOTLAND: _bank("SCT"),
    DateRule.BANK_HOLIDAYS_NORTHERN_IRELAND: _bank("NIR"),
    DateRule.EID_AL_FITR: _islamic("eid_al_fitr_dates"),
    DateRule.EID_AL_ADHA: _islamic("eid_al_adha_dates"),
    DateRule.DIWALI: _one("_HinduLunisolar", "diwali_date"),
    DateRule.VAISAKHI: _one("_HinduLunisolar", "vaisakhi_date"),
    DateRule.LUNAR_NEW_YEAR: _one("_ChineseLunisolar", "lunar_new_year_date"),
    DateRule.HANUKKAH: _one("_HebrewLunisolar", "hanukkah_date"),
}


@functools.cache
def rule_dates(rule: DateRule, year: int) -> tuple[date, ...]:
    """The dates a computed rule gives in ``year``, in order; ``()`` if none is known.

    ``DateRule.GIVEN`` computes nothing (its dates are in the plan). Other calendars' festivals
    are known for the years ``holidays``' tables cover (about 1925 to 2077 for Eid); outside
    them there is no date, and a plan lists the dates itself.
    """
    if rule is DateRule.GIVEN or not 1583 <= year <= 9999:
        return ()
    return _RULES[rule](year)
