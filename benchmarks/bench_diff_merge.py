"""Diff and merge of a large plan: time at 100, 1,000 and 10,000 items, and growth per 10x.

Each plan has half its items in the weekly schedule and half in the school holidays; each
side makes 50 changes (edits, additions, removals; some clash with the other side).
Matching by id with dictionaries should grow close to linearly: about 10x per 10x items.
``to_dict`` (turning the three plans into JSON, which diff and merge start from) is timed
alongside as the floor.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from datetime import date, timedelta
from datetime import time as clock
from typing import Any

import attrs

import coparent
from coparent import ParentRef
from coparent.model import Allocation, Holiday, HolidayKind, Weekday, WeeklySlot

SIZES = (100, 1_000, 10_000)
CHANGES = 50
REPEAT = 3


def big_plan(n: int) -> coparent.ParentingPlan:
    plan = coparent.ParentingPlan.example()
    days = list(Weekday)
    slots = tuple(
        WeeklySlot(
            id=f"slot-{i}",
            parent=ParentRef.B,
            start_day=days[i % 7],
            start_time=clock(9, 0),
            end_day=days[i % 7],
            end_time=clock(17, 0),
        )
        for i in range(n // 2)
    )
    first = date(2027, 1, 1)
    holidays = tuple(
        Holiday(
            id=f"holiday-{i}",
            name=f"Holiday {i}",
            kind=HolidayKind.OTHER,
            start=first + timedelta(days=i),
            end=first + timedelta(days=i + 2),
            allocation=Allocation.SPLIT,
        )
        for i in range(n - n // 2)
    )
    la = plan.living_arrangements
    return attrs.evolve(
        plan,
        living_arrangements=attrs.evolve(
            la, schedule=attrs.evolve(la.schedule, slots=slots), holidays=holidays
        ),
    )


def edit(plan: coparent.ParentingPlan, offset: int, end: clock) -> coparent.ParentingPlan:
    """50 changes: 20 slot times, 20 holiday allocations, 5 removals, 5 additions."""
    la = plan.living_arrangements
    slots = list(la.schedule.slots)
    holidays = list(la.holidays)
    for k in range(20):
        i = (offset + k * 7) % len(slots)
        slots[i] = attrs.evolve(slots[i], end_time=end)
        j = (offset + k * 11) % len(holidays)
        holidays[j] = attrs.evolve(holidays[j], allocation=Allocation.BY_AGREEMENT)
    removed = {holidays[(offset + 3 + k * 13) % len(holidays)].id for k in range(5)}
    holidays = [h for h in holidays if h.id not in removed]
    holidays += [attrs.evolve(holidays[0], id=f"new-{offset}-{k}") for k in range(5)]
    return attrs.evolve(
        plan,
        living_arrangements=attrs.evolve(
            la, schedule=attrs.evolve(la.schedule, slots=tuple(slots)), holidays=tuple(holidays)
        ),
    )


def best(fn: Callable[[], Any]) -> float:
    """The best of REPEAT runs, with the garbage collector paused as ``timeit`` does."""
    times = []
    for _ in range(REPEAT):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times)


def measure(base: Any, ours: Any, theirs: Any) -> dict[str, float]:
    return {
        "to_dict x3": best(lambda: [coparent.to_dict(d) for d in (base, ours, theirs)]),
        "diff": best(lambda: coparent.diff(base, ours)),
        "merge": best(lambda: coparent.merge(base, ours, theirs)),
    }


def main() -> None:
    print(f"diff and merge of a plan with N items, {CHANGES} changes per side (best of {REPEAT})")
    rows: dict[str, list[float]] = {"to_dict x3": [], "diff": [], "merge": []}
    for n in SIZES:
        base = big_plan(n)
        # Where the two sides edit the same slots they choose different times: conflicts.
        ours = edit(base, 0, clock(18, 0))
        theirs = edit(base, 35, clock(18, 30))
        result = coparent.merge(base, ours, theirs)
        changes = coparent.diff(base, ours)
        assert coparent.apply_diff(changes, base) == ours
        for name, seconds in measure(base, ours, theirs).items():
            rows[name].append(seconds)
        print(
            f"  N={n:>6,}: {len(changes)} differences on one side, "
            f"{len(result.conflicts)} conflicts"
        )
    header = "".join(f"{f'N={n:,}':>12}" for n in SIZES)
    growth = "".join(f"{f'x{SIZES[i + 1] // SIZES[i]}':>10}" for i in range(len(SIZES) - 1))
    print(f"  {'':<12}{header}   growth per step {growth}")
    for name, times in rows.items():
        cells = "".join(f"{t * 1000:>10.1f}ms" for t in times)
        ratios = "".join(f"{times[i + 1] / times[i]:>10.1f}" for i in range(len(times) - 1))
        print(f"  {name:<12}{cells}   {'':<15}{ratios}")
    print("  (linear growth is 10.0 per step; merge/diff include turning documents into JSON)")


if __name__ == "__main__":
    main()
