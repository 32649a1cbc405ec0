"""The model: frozen, keyword-only classes; every field titled and described; labelled enums;
every rule between fields stated next to its check."""

from __future__ import annotations

import inspect
import re
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coparent
import coparent.convert
import coparent.model
from coparent.model._base import Choice
from coparent.model.introspect import ClassSpec, Kind, all_classes, is_model_class, spec_of

SPECS = list(all_classes(*coparent.convert.DOCUMENT_TYPES.values()))


def _enums() -> list[type[Choice]]:
    return [
        obj
        for name in coparent.model.__all__
        if isinstance(obj := getattr(coparent.model, name), type)
        and issubclass(obj, Choice)
        and obj is not Choice
    ]


def test_every_exported_class_is_part_of_a_document() -> None:
    exported = {
        obj
        for name in coparent.model.__all__
        if is_model_class(obj := getattr(coparent.model, name))
        and obj is not coparent.model.FieldInfo
    }
    assert exported == {spec.cls for spec in SPECS}


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_field_has_a_title_and_a_description(spec: ClassSpec) -> None:
    for f in spec.fields:
        assert f.title[:1].isupper(), f"{spec.name}.{f.name}"
        assert f.description.endswith((".", "?", ")")), f"{spec.name}.{f.name}"


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_classes_are_frozen_slotted_keyword_only(spec: ClassSpec) -> None:
    assert "__slots__" in spec.cls.__dict__
    assert all(f.attribute.kw_only for f in spec.fields)
    assert spec.cls.__setattr__ is not object.__setattr__


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_no_strings_for_dates_or_times(spec: ClassSpec) -> None:
    for f in spec.fields:
        if f.kind is Kind.BOOL:
            # A yes/no holds no date or time, whatever its name ends with: its name is a
            # statement about one ("make_up_time", "ends_at_stop_date").
            continue
        if f.name.endswith(("_date", "_on", "_at", "_time")) or f.name in ("start", "end"):
            assert f.kind in (Kind.DATE, Kind.TIME, Kind.DATETIME), f"{spec.name}.{f.name}"


def _reporting(cls: type[Any]) -> re.Pattern[str]:
    """The field a rule check reports: ``FieldRuleError("end", ...)``, or the field it passes
    first to a helper of its module that raises ``FieldRuleError`` for its first argument
    (``_not_before("until", ...)``)."""
    module = inspect.getmodule(cls)
    helpers = [
        name
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == cls.__module__
        and (first := next(iter(inspect.signature(function).parameters), None))
        and re.search(rf"FieldRuleError\(\s*{first}\b", inspect.getsource(function))
    ]
    return re.compile(rf"\b(?:{'|'.join(['FieldRuleError', *helpers])})\(\s*\"(\w+)\"")


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_rule_between_fields_is_stated_in_the_model(spec: ClassSpec) -> None:
    """A class that checks a rule in ``__attrs_post_init__`` states it in ``RULES`` (which the
    JSON Schema's CROSS_FIELD_RULES collect), for exactly the fields it reports."""
    check = spec.cls.__dict__.get("__attrs_post_init__")
    source = inspect.getsource(check) if check else ""
    reported = set(_reporting(spec.cls).findall(source))
    assert {name for name, _ in spec.rules} == reported
    for name, rule in spec.rules:
        assert name in spec.by_name
        assert rule[:1].islower(), rule
        assert not rule.endswith("."), rule


@pytest.mark.parametrize("enum", _enums(), ids=lambda e: e.__name__)
def test_enums_have_readable_labels(enum: type[Choice]) -> None:
    labels = [member.label for member in enum]
    assert all(label[:1] and not label[0].islower() for label in labels)
    assert len(set(labels)) == len(labels)
    assert enum.__doc__


def test_naive_datetime_and_zoned_time_are_refused() -> None:
    plan = coparent.ParentingPlan.example()
    with pytest.raises(ValueError, match="time zone offset"):
        attrs.evolve(plan, updated_at=datetime(2026, 1, 1, 12, 0))
    slot = plan.living_arrangements.schedule.slots[0]
    with pytest.raises(ValueError, match="local clock time"):
        attrs.evolve(slot, start_time=time(9, 0, tzinfo=timezone(timedelta(hours=1))))


def test_weekday_of_known_dates() -> None:
    assert coparent.model.Weekday("monday").number == date(2026, 11, 30).weekday()
    assert coparent.model.Weekday("sunday").number == date(1969, 7, 20).weekday()
    assert coparent.model.Weekday("saturday").number == date(2000, 1, 1).weekday()


@given(st.dates())
def test_weekday_numbers_match_python(day: date) -> None:
    # strftime("%A") names the day in English (Python leaves LC_TIME at "C").
    weekday = coparent.model.Weekday(day.strftime("%A").lower())
    assert weekday.number == day.weekday()
    assert weekday.label == day.strftime("%A")


@pytest.mark.parametrize(
    "cls", list(coparent.convert.DOCUMENT_TYPES.values()), ids=lambda c: c.KIND
)
def test_document_classes_carry_kind_and_version(cls: type[Any]) -> None:
    spec = spec_of(cls)
    assert coparent.convert.DOCUMENT_TYPES[spec.kind] is cls  # type: ignore[index]
    assert cls.example().schema_version == spec.schema_version
    assert spec.by_name["id"].kind is Kind.UUID
