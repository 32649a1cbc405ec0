"""coparent's converter against pydantic v2 and msgspec, and against the floor (orjson alone).

The peers' models are generated from coparent's own attrs classes (same fields, same types, same
strictness where the library allows it), so every library reads and writes the same JSON. All
figures come from one run, side by side and interleaved (each round times every library in turn,
in thread CPU time), and are printed as ratios: trust them more than the times.

The peers do less than coparent: their mirrors check types, required fields and unknown keys, but
not coparent's id patterns, number bounds, unique ids and values, canonical dates, times and UUIDs
beyond what the library itself checks, repeated keys, or rules between fields. The table says so.

    nox -s bench            # or: python benchmarks/bench_convert.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import types
import typing
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import attrs
import msgspec
import orjson
import pydantic
from _summary import record

import coparent
from coparent.model._base import field_default

ROUNDS = 7

#: What the peers' mirrors do not check (printed under the table).
PEER_CAVEAT = (
    "The peers' mirrors skip coparent's id patterns, number bounds, unique ids and values, "
    "repeated-key refusal (pydantic and msgspec keep the last), canonical text of dates/times/"
    "UUIDs and rules between fields: coparent does more work in every row."
)


def best(fn: typing.Callable[[], object], number: int) -> float:
    """Microseconds per call (thread CPU time): the median of the best half of ROUNDS rounds."""
    return interleaved({"x": fn}, number)["x"]


def interleaved(fns: dict[str, typing.Callable[[], object]], number: int) -> dict[str, float]:
    """Microseconds per call of each function, timed in turn in each of ROUNDS rounds.

    Thread CPU time (``time.thread_time``) counts only this thread's work, so another process
    on the shared machine slows every library alike; interleaving spreads any drift over all.
    """
    samples: dict[str, list[float]] = {k: [] for k in fns}
    for _ in range(ROUNDS):
        for name, fn in fns.items():
            start = time.thread_time()
            for _ in range(number):
                fn()
            samples[name].append((time.thread_time() - start) / number * 1e6)
    return {k: statistics.median(sorted(v)[: ROUNDS // 2 + 1]) for k, v in samples.items()}


# --- peer models generated from the attrs classes ---------------------------------------------


def _members(tp: Any) -> list[Any]:
    return [m for m in typing.get_args(tp) if m is not type(None)]


class _Peers:
    def __init__(self) -> None:
        self.pyd: dict[type, Any] = {}
        self.msg: dict[type, Any] = {}

    def pyd_type(self, tp: Any) -> Any:
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            members = [self.pyd_type(m) for m in _members(tp)]
            inner = (
                members[0]
                if len(members) == 1
                else typing.Annotated[
                    typing.Union[tuple(members)], pydantic.Field(discriminator="type")  # noqa: UP007 - built at run time
                ]
            )
            return inner | None if type(None) in typing.get_args(tp) else inner
        if origin is tuple:
            return tuple[self.pyd_type(typing.get_args(tp)[0]), ...]
        if tp is datetime:
            return pydantic.AwareDatetime
        if attrs.has(tp):
            return self.pyd_model(tp)
        return tp

    def pyd_model(self, cls: type, *, document: bool = False) -> Any:
        if cls in self.pyd:
            return self.pyd[cls]
        attrs.resolve_types(cls)
        fields: dict[str, Any] = {}
        if document:
            fields["kind"] = (Literal[cls.KIND], ...)  # type: ignore[attr-defined]
            fields["schema_version"] = (int, ...)
        if hasattr(cls, "TAG"):
            fields["type"] = (Literal[cls.TAG], cls.TAG)  # type: ignore[attr-defined]
        for a in attrs.fields(cls):
            default = ... if a.default is attrs.NOTHING else field_default(a)
            fields[a.name] = (self.pyd_type(a.type), default)
        config = pydantic.ConfigDict(extra="forbid", strict=True, frozen=True)
        model = pydantic.create_model(cls.__name__, __config__=config, **fields)
        self.pyd[cls] = model
        return model

    def msg_type(self, tp: Any) -> Any:
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            members = [self.msg_type(m) for m in _members(tp)]
            inner = members[0] if len(members) == 1 else typing.Union[tuple(members)]  # noqa: UP007 - built at run time
            return inner | None if type(None) in typing.get_args(tp) else inner
        if origin is tuple:
            return tuple[self.msg_type(typing.get_args(tp)[0]), ...]
        if attrs.has(tp):
            return self.msg_struct(tp)
        return tp

    def msg_struct(self, cls: type, *, document: bool = False) -> Any:
        if cls in self.msg:
            return self.msg[cls]
        attrs.resolve_types(cls)
        fields: list[Any] = []
        if document:
            fields += [("kind", str), ("schema_version", int)]
        for a in attrs.fields(cls):
            if a.default is attrs.NOTHING:
                fields.append((a.name, self.msg_type(a.type)))
            else:
                fields.append((a.name, self.msg_type(a.type), field_default(a)))
        struct = msgspec.defstruct(
            cls.__name__,
            fields,
            kw_only=True,
            frozen=True,
            forbid_unknown_fields=True,
            # Only a union member is tagged: a tag_field on every struct would turn tagging on
            # for all of them (40 extra "type" keys in the example plan).
            **(
                {"tag": cls.TAG, "tag_field": "type"}  # type: ignore[attr-defined]
                if hasattr(cls, "TAG")
                else {}
            ),
        )
        self.msg[cls] = struct
        return struct


# --- documents ---------------------------------------------------------------------------------


def large_plan(slots: int, holidays: int, changes: int) -> coparent.ParentingPlan:
    """The example plan with that many schedule slots, holidays and one-off changes."""
    plan = coparent.ParentingPlan.example()
    la = plan.living_arrangements
    base_slot, base_holiday, base_change = la.schedule.slots[0], la.holidays[0], la.exceptions[0]
    living = attrs.evolve(
        la,
        schedule=attrs.evolve(
            la.schedule,
            slots=tuple(attrs.evolve(base_slot, id=f"slot-{i}") for i in range(slots)),
        ),
        holidays=tuple(attrs.evolve(base_holiday, id=f"holiday-{i}") for i in range(holidays)),
        exceptions=tuple(attrs.evolve(base_change, id=f"change-{i}") for i in range(changes)),
    )
    return attrs.evolve(plan, living_arrangements=living)


def convert_rows(
    label: str, doc: Any, number: int, peers: _Peers, ratios: dict[str, float] | None = None
) -> list[tuple[str, ...]]:
    """The table's rows for ``doc``; ``ratios`` (when given) gets coparent / peer of the round
    trip and of the dump, keyed ``trip pydantic``, ``trip msgspec``, ``dump pydantic``."""
    cls = type(doc)
    text = coparent.to_json(doc).encode()
    pyd = peers.pyd_model(cls, document=True)
    msg = peers.msg_struct(cls, document=True)
    pyd_doc = pyd.model_validate_json(text)
    msg_doc = msgspec.json.decode(text, type=msg)
    cop_doc = coparent.from_json(text, cls)
    assert cop_doc == doc

    assert msgspec.json.encode(msg_doc).count(b'"type"') == text.count(b'"type"')
    assert coparent.to_json_bytes(cop_doc) == text
    # Every library writes bytes in the dump and round-trip rows, as msgspec only does; the
    # str row beside them costs coparent and pydantic a UTF-8 decode (the example plan's
    # text has letters beyond ASCII).
    pyd_bytes = pydantic.TypeAdapter(pyd).dump_json
    timed = interleaved(
        {
            "load coparent": lambda: coparent.from_json(text, cls),
            "load pydantic": lambda: pyd.model_validate_json(text),
            "load msgspec": lambda: msgspec.json.decode(text, type=msg),
            "dump coparent": lambda: coparent.to_json_bytes(cop_doc),
            "dump pydantic": lambda: pyd_bytes(pyd_doc),
            "dump msgspec": lambda: msgspec.json.encode(msg_doc),
            "str coparent": lambda: coparent.to_json(cop_doc),
            "str pydantic": lambda: pyd_doc.model_dump_json(),
            "floor": lambda: orjson.dumps(orjson.loads(text)),
        },
        number,
    )
    load = {k: timed[f"load {k}"] for k in ("coparent", "pydantic", "msgspec")}
    dump = {k: timed[f"dump {k}"] for k in ("coparent", "pydantic", "msgspec")}
    floor = timed["floor"]
    rows = []
    for what, table in (("JSON -> document", load), ("document -> JSON bytes", dump)):
        rows.append(_row(f"{label}: {what}", table))
    c, p = timed["str coparent"], timed["str pydantic"]
    rows.append((f"{label}: document -> JSON str", f"{c:,.0f}", f"{c / p:.2f}", "", f"p {p:,.0f}"))
    trip = {k: load[k] + dump[k] for k in load}
    if ratios is not None:
        ratios["trip pydantic"] = trip["coparent"] / trip["pydantic"]
        ratios["trip msgspec"] = trip["coparent"] / trip["msgspec"]
        ratios["dump pydantic"] = dump["coparent"] / dump["pydantic"]
    rows.append(_row(f"{label}: round trip", trip))
    rows.append(
        (
            f"{label}: floor, orjson loads + dumps",
            f"{floor:,.0f}",
            "",
            "",
            f"{trip['coparent'] / floor:.1f}x floor",
        )
    )
    return rows


def _row(what: str, table: dict[str, float]) -> tuple[str, ...]:
    c, p, m = table["coparent"], table["pydantic"], table["msgspec"]
    return (what, f"{c:,.0f}", f"{c / p:.2f}", f"{c / m:.2f}", f"p {p:,.0f} / m {m:,.0f}")


def import_rows() -> list[tuple[str, ...]]:
    """Import and first-load times in fresh interpreters, with bytecode as an installed copy has
    it (a shared ``PYTHONPYCACHEPREFIX`` folder, filled by one untimed run first)."""
    import tempfile

    text = coparent.to_json(coparent.ParentingPlan.example())
    load = f"import coparent; coparent.from_json({text!r}, coparent.ParentingPlan)"
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "PYTHONPYCACHEPREFIX": cache}
        env.pop("PYTHONDONTWRITEBYTECODE", None)

        def run(statement: str) -> float:
            code = (
                f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
            )
            done = subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env
            )
            return float(done.stdout)

        def forget_code() -> None:
            for path in Path(cache).rglob("converter-*.bin"):  # see coparent._code_cache
                path.unlink()

        def cold(statement: str, *, fresh_code: bool = False) -> float:
            """Milliseconds to run ``statement`` in a fresh interpreter (median of 9)."""
            runs = []
            for _ in range(9):
                if fresh_code:
                    forget_code()
                runs.append(run(statement))
            return statistics.median(runs) * 1e3

        run(load)  # writes the bytecode, and the converter's compiled code
        base = cold("import attrs, orjson")
        ours = cold("import coparent")
        # The first load generates the converter's code for the plan's classes; the first
        # process compiles it, later ones read the compiled code (coparent._code_cache).
        compiling = cold(load, fresh_code=True)
        first_use = cold(load)
    record(
        "import coparent, fresh processes (median of 9, wall time)",
        f"{ours:.0f} ms ({ours / base:.2f}x import attrs, orjson; with the first from_json "
        f"{first_use:.0f} ms, {compiling:.0f} ms compiling the converter)",
    )
    return [
        (
            "import coparent (ms)",
            f"{ours:.1f}",
            f"{ours / base:.2f}x attrs+orjson",
            "",
            f"attrs+orjson {base:.1f}",
        ),
        (
            "import + first from_json of the example plan (ms)",
            f"{first_use:.1f}",
            f"{first_use / base:.2f}x attrs+orjson",
            "",
            f"compiling the converter {compiling:.1f}",
        ),
    ]


def validation_rows() -> list[tuple[str, ...]]:
    data = coparent.to_dict(coparent.ParentingPlan.example())
    cls = coparent.ParentingPlan
    coparent.validate(data)  # builds and caches the validator
    cached = best(lambda: coparent.validate(data), 50)
    import jsonschema

    schema = coparent.json_schema(cls)

    def rebuilt() -> None:
        v = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        v.validate(data)

    fresh = best(rebuilt, 5)
    structure = best(lambda: coparent.from_dict(data, cls), 500)
    return [
        (
            "jsonschema validate, cached validator (us)",
            f"{cached:,.0f}",
            f"{cached / structure:.0f}x from_dict",
            "",
            f"rebuilt each call {fresh:,.0f}",
        ),
    ]


def _record_targets(example: dict[str, float], large: dict[str, float]) -> None:
    """The converter's rows of the combined table (``summary.py``), with issue 18's targets."""
    for measure, ratio, target in (
        (
            "example plan round trip (from_json + to_json_bytes), vs pydantic v2",
            example["trip pydantic"],
            1.0,
        ),
        ("example plan round trip, vs msgspec", example["trip msgspec"], 4.0),
        (
            "large plan round trip (500 slots, 200 holidays, 100 changes), vs pydantic v2",
            large["trip pydantic"],
            1.0,
        ),
        ("large plan document -> JSON, vs pydantic v2", large["dump pydantic"], 0.6),
    ):
        record(measure, f"{ratio:.2f}x", met=ratio <= target)


def main() -> None:
    peers = _Peers()
    print(
        f"Python {sys.version.split()[0]}, coparent {coparent.__version__}, "
        f"pydantic {pydantic.VERSION}, msgspec {msgspec.__version__}, orjson {orjson.__version__}"
    )
    print(
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores. Times in microseconds "
        "of thread CPU time (best-half median of 7 interleaved rounds); ratios are coparent / "
        "peer.\n"
    )
    rows: list[tuple[str, ...]] = [("measure", "coparent", "vs pydantic", "vs msgspec", "peers")]
    example: dict[str, float] = {}
    large: dict[str, float] = {}
    rows += convert_rows("example plan", coparent.ParentingPlan.example(), 500, peers, example)
    rows += convert_rows(
        "large plan (500 slots, 200 holidays, 100 changes)",
        large_plan(500, 200, 100),
        20,
        peers,
        large,
    )
    _record_targets(example, large)
    rows += convert_rows("referral", coparent.Referral.example(), 500, peers)
    rows += validation_rows()
    rows += import_rows()
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for i, row in enumerate(rows):
        print(" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
        if i == 0:
            print("-+-".join("-" * w for w in widths))
    print("\n" + PEER_CAVEAT)


if __name__ == "__main__":
    main()
