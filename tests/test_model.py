"""The model: frozen, keyword-only classes; every field titled and described; labelled enums."""

from __future__ import annotations

import typing
from datetime import datetime, time, timedelta, timezone
from typing import Any

import attrs
import pytest

import coparent
import coparent.model
from coparent.model._base import Choice, field_info


def _classes() -> list[type[Any]]:
    return [
        obj
        for name in coparent.model.__all__
        if isinstance(obj := getattr(coparent.model, name), type)
        and attrs.has(obj)
        and obj is not coparent.model.FieldInfo
    ]


def _enums() -> list[type[Choice]]:
    return [
        obj
        for name in coparent.model.__all__
        if isinstance(obj := getattr(coparent.model, name), type)
        and issubclass(obj, Choice)
        and obj is not Choice
    ]


@pytest.mark.parametrize("cls", _classes(), ids=lambda c: c.__name__)
def test_every_field_has_a_title_and_a_description(cls: type[Any]) -> None:
    for a in attrs.fields(cls):
        info = field_info(a)
        assert info.title[:1].isupper(), f"{cls.__name__}.{a.name}"
        assert info.description.endswith((".", "?", ")")), f"{cls.__name__}.{a.name}"


@pytest.mark.parametrize("cls", _classes(), ids=lambda c: c.__name__)
def test_classes_are_frozen_slotted_keyword_only(cls: type[Any]) -> None:
    assert "__slots__" in cls.__dict__
    assert all(a.kw_only for a in attrs.fields(cls))
    assert cls.__setattr__ is not object.__setattr__


@pytest.mark.parametrize("cls", _classes(), ids=lambda c: c.__name__)
def test_no_strings_for_dates_or_times(cls: type[Any]) -> None:
    attrs.resolve_types(cls)
    for a in attrs.fields(cls):
        if a.name.endswith(("_date", "_on", "_at", "_time")) or a.name in ("start", "end"):
            assert a.type is not str, f"{cls.__name__}.{a.name} is a string"


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


def test_weekday_numbers_match_python() -> None:
    assert [d.number for d in coparent.Weekday] == list(range(7))


def test_document_classes_carry_kind_and_version() -> None:
    for kind, cls in coparent.DOCUMENT_TYPES.items():
        assert kind == cls.KIND
        assert cls.example().schema_version == cls.SCHEMA_VERSION
        hints = typing.get_type_hints(cls)
        assert "id" in hints
