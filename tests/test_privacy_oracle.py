"""Privacy tests whose answer key is the model's metadata, not :func:`coparent.redact`.

An independent walker here reads each field's ``visibility``, ``party`` and
``confidential_flag`` from the spec tree, plants a unique marker in every text that some
audience must not see (and in every text inside such a section or item), and then looks for
the markers in every output an audience can get: the redacted JSON, the text and HTML forms,
diffs and merges (with their conflicts and resolutions), and the PDF. If redaction forgot a
field, its marker leaks and these tests fail; :func:`test_the_checker_reports_a_forgotten_mark`
proves it by removing one field's mark from what redaction sees.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import coparent
from coparent import Audience, ParentingPlan, ParentRef, Referral, Review
from coparent.model._base import Visibility
from coparent.model.introspect import ClassSpec, FieldSpec, Kind, spec_of
from pdftext import pdf_text, squash
from strategies import documents
from typed_in import cut_short

AUDIENCES = {
    "facilitator": Audience.facilitator(),
    "court": Audience.court(),
    ParentRef.A.value: Audience.parent(ParentRef.A),
    ParentRef.B.value: Audience.parent(ParentRef.B),
}
PARENTS = frozenset({ParentRef.A.value, ParentRef.B.value})
MARKER_RE = re.compile(r"zq[a-z]mark\d{4}q")
CLASSES = [ParentingPlan, Referral, Review]


# --- the oracle: who must not see a field, from its metadata alone ---------------------------


@attrs.frozen
class Marks:
    """An object's own marks, and the document's: who is confidential."""

    confidential: bool = False
    shareable: bool = False
    #: The parents from whom places that could find a confidential person are withheld.
    locating: frozenset[str] = frozenset()


def hidden_from(
    f: FieldSpec, marks: Marks, party: str | None
) -> tuple[frozenset[str], frozenset[str]]:
    """The audiences a field is withheld from: (in a document, in a diff or merge)."""
    if f.info.visibility is Visibility.STAFF:
        return PARENTS, PARENTS
    if f.info.visibility is Visibility.CONFIDENTIAL:
        others = frozenset(p for p in PARENTS if p != party)
        return (others if marks.confidential else frozenset()), others
    if f.info.visibility is Visibility.LOCATING:
        return marks.locating, PARENTS
    if f.info.visibility is Visibility.CHILD_WORDS:
        return (frozenset() if marks.shareable else PARENTS), PARENTS
    return frozenset(), frozenset()


def _flag(obj: Any, which: str) -> bool:
    spec = spec_of(type(obj))
    flag = next((f for f in spec.fields if getattr(f.info, which)), None)
    return flag is not None and bool(getattr(obj, flag.name))


def confidential_parties(obj: Any, party: str | None = None) -> list[str | None]:
    """The party (None: no parent) of every person in ``obj`` marked confidential."""
    found: list[str | None] = [party] if _flag(obj, "confidential_flag") else []
    for f in spec_of(type(obj)).fields:
        value = getattr(obj, f.name)
        inner = f.info.party or party
        if f.kind in (Kind.SECTION, Kind.UNION) and value is not None:
            found += confidential_parties(value, inner)
        elif f.kind is Kind.ITEMS:
            for item in value:
                found += confidential_parties(item, inner)
    return found


def locating_hidden_from(doc: Any) -> frozenset[str]:
    parties = confidential_parties(doc)
    return frozenset(p for p in PARENTS if any(q is None or q != p for q in parties))


#: The kinds of field whose withheld text is also scrubbed from other free text.
SCRUBBED = frozenset({Visibility.CONFIDENTIAL, Visibility.LOCATING})


@attrs.frozen
class Marker:
    """A planted text and who must not see it."""

    text: str
    in_document: frozenset[str]
    in_change: frozenset[str]
    #: The parents whose copy takes this text out of other free text too.
    scrubbed_for: frozenset[str] = frozenset()
    #: The value planted (the text, or an email address made of it).
    value: str = ""


class Planter:
    """Plants a marker in every text some audience must not see (documents are rebuilt)."""

    def __init__(self, letter: str) -> None:
        self.letter = letter
        self.count = itertools.count(1)
        self.markers: list[Marker] = []
        #: With texts set, :meth:`plant` copies them into every free text everyone may see
        #: (the scrubbing test) and plants nothing else.
        self.copies = ""

    def new(
        self,
        f: FieldSpec,
        hidden: tuple[frozenset[str], frozenset[str]],
        outermost: dict[str, Visibility],
    ) -> str:
        text = f"zq{self.letter}mark{next(self.count):04d}q"
        value = f"{text}@example.org" if f.info.format == "email" else text
        scrubbed = frozenset(a for a, v in outermost.items() if v in SCRUBBED)
        self.markers.append(Marker(text, hidden[0], hidden[1], scrubbed, value))
        return value

    def plant(
        self,
        obj: Any,
        party: str | None = None,
        inherited: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
        locating: frozenset[str] | None = None,
        outermost: dict[str, Visibility] | None = None,
    ) -> Any:
        if locating is None:
            locating = locating_hidden_from(obj)
        outermost = outermost or {}
        spec = spec_of(type(obj))
        marks = Marks(
            confidential=_flag(obj, "confidential_flag"),
            shareable=_flag(obj, "shareable_flag"),
            locating=locating,
        )
        changes: dict[str, Any] = {}
        for f in spec.fields:
            own = hidden_from(f, marks, party)
            hidden = (inherited[0] | own[0], inherited[1] | own[1])
            here = {**dict.fromkeys(own[0], f.info.visibility), **outermost}
            inner_party = f.info.party or party
            value = getattr(obj, f.name)
            if f.info.withholds:
                # a user's own marks are data, not metadata: tested in test_protection.py
                changes[f.name] = ()
                continue
            if self.copies:
                if not hidden[1] and f.kind is Kind.TEXT and f.info.format is None:
                    changes[f.name] = f"see {self.copies} here"
                elif hidden[1]:
                    continue
            elif not hidden[1] and f.kind.is_scalar:
                continue
            if f.kind is Kind.TEXT:
                if not self.copies:
                    changes[f.name] = self.new(f, hidden, here)
            elif f.kind is Kind.VALUES and f.value_kind is Kind.TEXT:
                if not self.copies:
                    changes[f.name] = (self.new(f, hidden, here),)
            elif f.kind in (Kind.SECTION, Kind.UNION):
                if value is None and hidden[1] and not self.copies:
                    value = build(next(iter(f.variants.values())))
                if value is not None:
                    changes[f.name] = self.plant(value, inner_party, hidden, locating, here)
            elif f.kind is Kind.ITEMS:
                items = value or ((build(f.cls),) if hidden[1] and not self.copies else ())
                changes[f.name] = tuple(
                    self.plant(i, inner_party, hidden, locating, here)
                    for i in items
                    if i is not None
                )
        try:
            return attrs.evolve(obj, **changes)
        except (ValueError, TypeError, coparent.CoparentError):  # a rule the markers broke
            return obj

    def hidden(self, audience: str, *, change: bool) -> set[str]:
        return {
            m.text for m in self.markers if audience in (m.in_change if change else m.in_document)
        }

    def visible(self, audience: str) -> set[str]:
        return {m.text for m in self.markers if audience not in m.in_document}


def hidden_texts(
    obj: Any,
    audience: str,
    *,
    change: bool,
    party: str | None = None,
    inherited: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    locating: frozenset[str] | None = None,
) -> list[str]:
    """Every text in ``obj`` that ``audience`` must not see, from the fields' metadata alone (as
    :class:`Planter` decides, without planting): in a document, or with ``change`` in a diff or
    merge. A text counts whole: a visible value that only contains a withheld word is not here.
    """
    if locating is None:
        locating = locating_hidden_from(obj)
    marks = Marks(
        confidential=_flag(obj, "confidential_flag"),
        shareable=_flag(obj, "shareable_flag"),
        locating=locating,
    )
    found: list[str] = []
    for f in spec_of(type(obj)).fields:
        own = hidden_from(f, marks, party)
        hidden = (inherited[0] | own[0], inherited[1] | own[1])
        inner = f.info.party or party
        value = getattr(obj, f.name)
        if f.kind in (Kind.SECTION, Kind.UNION):
            if value is not None:
                found += hidden_texts(
                    value,
                    audience,
                    change=change,
                    party=inner,
                    inherited=hidden,
                    locating=locating,
                )
        elif f.kind is Kind.ITEMS:
            for item in value:
                found += hidden_texts(
                    item,
                    audience,
                    change=change,
                    party=inner,
                    inherited=hidden,
                    locating=locating,
                )
        elif audience in hidden[1 if change else 0] and value is not None:
            found += [str(v) for v in value] if f.kind is Kind.VALUES else [str(value)]
    return found


_PLAIN = {
    Kind.TEXT: "x",
    Kind.BOOL: False,
    Kind.NUMBER: 0,
    Kind.DATE: date(2030, 1, 1),
    Kind.TIME: time(9),
    Kind.DATETIME: datetime(2030, 1, 1, tzinfo=UTC),
}
_IDS = itertools.count(1)


def build(cls: type[Any]) -> Any:
    """An object of ``cls`` with only its required fields, each a plain value (None if none)."""
    spec: ClassSpec = spec_of(cls)
    values: dict[str, Any] = {}
    for f in spec.fields:
        if not f.required:
            continue
        if f.kind is Kind.ID:
            values[f.name] = f"marked-{next(_IDS)}"
        elif f.kind is Kind.CHOICE:
            values[f.name] = next(iter(f.value_type))
        elif f.kind in (Kind.ITEMS, Kind.VALUES):
            values[f.name] = ()
        elif f.kind is Kind.SECTION:
            values[f.name] = build(f.cls)
        elif f.kind in _PLAIN:
            values[f.name] = _PLAIN[f.kind]
        else:
            return None
    try:
        return cls(**values)
    except (ValueError, TypeError, coparent.CoparentError):
        return None


# --- the outputs and the checker -------------------------------------------------------------

Redact = Callable[[Any, Audience], Any]


def outputs(
    plain: Any, ours: Any, theirs: Any, audience: Audience, redact: Redact
) -> Iterator[tuple[str, bool, str]]:
    """(what, is a diff or merge, its text) for every output ``audience`` can get."""
    yield "json", False, coparent.to_json(redact(ours, audience))
    for d in (coparent.diff(plain, ours), coparent.diff(ours, plain)):
        yield "diff", True, json.dumps(redact(d, audience).to_dict(), ensure_ascii=False)
    merged = coparent.merge(plain, ours, theirs)
    for result in _with_resolutions(merged):
        data = redact(result, audience).to_dict()
        yield "merged document", False, json.dumps(data.pop("document"), ensure_ascii=False)
        yield "merge", True, json.dumps(data, ensure_ascii=False)


def _with_resolutions(merged: Any) -> Iterator[Any]:
    yield merged
    for c in merged.conflicts:
        try:
            merged = merged.resolve(c.path, "ours", by="The mediator")
        except (coparent.CoparentError, ValueError):
            continue
    yield merged


def leaks(doc: Any, redact: Redact = coparent.redact) -> list[str]:
    """Every marker that reaches an audience who must not see it (empty: no leak)."""
    ours_planter, theirs_planter = Planter("o"), Planter("t")
    ours, theirs = ours_planter.plant(doc), theirs_planter.plant(doc)
    found = []
    for name, audience in AUDIENCES.items():
        for what, change, text in outputs(doc, ours, theirs, audience, redact):
            for planter in (ours_planter, theirs_planter):
                for marker in planter.hidden(name, change=change):
                    if marker in text:
                        found.append(f"{marker} reached {name} in the {what}")
    return found


# --- the tests -------------------------------------------------------------------------------


@pytest.mark.parametrize("cls", CLASSES)
@given(data=st.data())
def test_no_withheld_text_reaches_any_audience(cls: type[Any], data: st.DataObject) -> None:
    doc = data.draw(documents(cls))
    assert leaks(doc) == []


@pytest.mark.parametrize("cls", CLASSES)
@given(data=st.data())
def test_every_planted_text_reaches_whoever_may_see_it(cls: type[Any], data: st.DataObject) -> None:
    planter = Planter("o")
    doc = planter.plant(data.draw(documents(cls)))
    assert planter.markers, "a document of every kind holds something to withhold"
    everything = coparent.to_json(coparent.redact(doc, Audience.facilitator()))
    assert {m.text for m in planter.markers} <= set(MARKER_RE.findall(everything))
    for name, audience in AUDIENCES.items():
        shown = set(MARKER_RE.findall(coparent.to_json(coparent.redact(doc, audience))))
        assert shown == planter.visible(name), name


@pytest.mark.parametrize("cls", CLASSES)
@given(data=st.data())
def test_no_withheld_text_reaches_the_text_or_html_form(
    cls: type[Any], data: st.DataObject
) -> None:
    planter = Planter("o")
    doc = planter.plant(data.draw(documents(cls)))
    for name, audience in AUDIENCES.items():
        for render in (coparent.to_text, coparent.to_html):
            shown = set(MARKER_RE.findall(render(doc, audience=audience)))
            assert not shown & planter.hidden(name, change=False), (render.__name__, name)


@pytest.mark.parametrize("cls", CLASSES)
@given(data=st.data(), ref=st.sampled_from(list(ParentRef)))
def test_no_withheld_text_reaches_a_parents_pdf(
    cls: type[Any], data: st.DataObject, ref: ParentRef
) -> None:
    planter = Planter("o")
    doc = planter.plant(data.draw(documents(cls)))
    text = squash(pdf_text(coparent.render_pdf(doc, audience=Audience.parent(ref))))
    leaked = {m for m in planter.hidden(ref.value, change=False) if m in text}
    assert not leaked, f"withheld values reached {ref.label}'s PDF: {sorted(leaked)}"


@pytest.mark.parametrize("cls", CLASSES)
@given(data=st.data())
def test_withheld_text_typed_into_other_free_text_is_scrubbed(
    cls: type[Any], data: st.DataObject
) -> None:
    planter = Planter("o")
    doc = planter.plant(data.draw(documents(cls)))
    scrubbable = [m for m in planter.markers if m.scrubbed_for]
    if not scrubbable:
        return  # nothing confidential or locating is withheld from anyone in this document
    planted = doc
    copier = Planter("c")
    copier.copies = " ".join(m.value for m in scrubbable)
    doc = copier.plant(planted, locating=locating_hidden_from(planted))
    # another version types them too, differently: a merge of the two has conflicts there
    other = Planter("c")
    other.copies = " ".join(m.value for m in reversed(scrubbable)) + " again"
    again = other.plant(planted, locating=locating_hidden_from(planted))
    changes = _changes(planted, doc, again)
    everything = {m.text for m in scrubbable}
    for name, audience in AUDIENCES.items():
        must_go = {m.text for m in scrubbable if name in m.scrubbed_for}
        for output in (
            coparent.to_json(coparent.redact(doc, audience)),
            coparent.to_text(doc, audience=audience),
            coparent.to_html(doc, audience=audience),
        ):
            assert not must_go & set(MARKER_RE.findall(output)), name
        for what, result in changes.items():
            if not audience.is_parent:  # staff see every value typed, in the JSON at least
                if doc != planted:
                    shown = _change_forms(result, audience, json_only=True)
                    assert everything <= set(MARKER_RE.findall(shown["json"])), (name, what)
                continue
            for form, output in _change_forms(result, audience).items():
                assert not must_go & set(MARKER_RE.findall(output)), (name, what, form)
                # a summary or label cut short must not end with the beginning of one either
                cut = cut_short(output, sorted(must_go), least=len("zqomark0000"))
                assert not cut, (name, what, form)


def _changes(planted: Any, doc: Any, again: Any) -> dict[str, Any]:
    """The diffs and merges of a version with withheld texts typed into its free text."""
    merged = coparent.merge(planted, doc, again)
    return {
        "diff": coparent.diff(planted, doc),
        "diff back": coparent.diff(doc, planted),
        "merge": merged,
        "merge, no base": coparent.merge(None, planted, doc),
        "merge, resolved": list(_with_resolutions(merged))[-1],
        "merge, saved": coparent.MergeResult.from_json(merged.to_json()),
    }


def _change_forms(result: Any, audience: Audience, *, json_only: bool = False) -> dict[str, str]:
    """A diff or merge as ``audience`` gets it: JSON (without the versions), text and HTML."""
    data = coparent.redact(result, audience).to_dict()
    data.pop("versions", None)  # staff's copy keeps the versions, which hold every marker
    forms = {"json": json.dumps(data, ensure_ascii=False)}
    if not json_only:
        forms["text"] = coparent.to_text(result, audience=audience)
        forms["html"] = coparent.to_html(result, audience=audience)
    return forms


def _without_mark(cls: type[Any], name: str) -> Callable[[Any], ClassSpec]:
    """A ``class_spec`` that shows ``cls.name`` as visible to everyone (a forgotten mark)."""
    real = spec_of

    def fake(c: Any) -> ClassSpec:
        spec = real(c)
        if c is not cls:
            return spec
        fields = tuple(
            attrs.evolve(f, info=attrs.evolve(f.info, visibility=Visibility.EVERYONE))
            if f.name == name
            else f
            for f in spec.fields
        )
        return attrs.evolve(spec, fields=fields)

    return fake


@pytest.mark.parametrize(
    ("doc", "cls", "name"),
    [
        (ParentingPlan.example(), coparent.model.Safety, "concerns"),
        (Referral.example(), Referral, "risk"),
        (Referral.example(), coparent.model.Person, "contact"),
        (ParentingPlan.example(), coparent.model.Education, "school"),
        (ParentingPlan.example(), coparent.model.Child, "wishes_and_feelings"),
        (Review.example(), Review, "children_view"),
    ],
)
def test_the_checker_reports_a_forgotten_mark(
    doc: Any, cls: type[Any], name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert leaks(doc) == []
    # Redaction reads the spec tree through coparent._tree.class_spec; the oracle does not.
    monkeypatch.setattr(coparent._tree, "class_spec", _without_mark(cls, name))
    found = leaks(doc)
    assert found, f"removing the mark on {cls.__name__}.{name} went unnoticed"
    assert any("parent_" in f for f in found)
