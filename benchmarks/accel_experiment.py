"""The mypyc experiment of issue 18: the generated converter compiled ahead of time, timed
against the same functions in pure Python and against pydantic v2, interleaved in one run.

``nox -s accel`` writes the module twice (``python -m coparent._converter_code --write``, and
with ``--typed`` the variant whose fast functions mypyc can compile to native operations),
compiles both with mypyc and runs this script with the build folder as its argument. The
compiled functions are checked against the pure-Python ones first (same objects,
byte-identical JSON). The result is in docs/performance.md ("What we tried"): too little gain
to ship a compiled build.

The compiled functions are the orjson route's (FAST, FAST_PARSED) and the dumps, so loading
here is timed with msgspec's mirror route (round seven) turned off: text goes to the orjson
route, as it did when the experiment was made.

    python benchmarks/accel_experiment.py BUILD_FOLDER
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from bench_convert import _Peers, interleaved, large_plan

import coparent
from coparent import _converter_code as code
from coparent import convert
from coparent.model.introspect import all_classes

TABLES = ("FAST", "FAST_PARSED", "DUMP", "SHALLOW")


def _compiled(name: str) -> Any:
    module: Any = importlib.import_module(name)
    if not str(module.__file__).endswith(".so"):
        raise SystemExit(f"{module.__file__} is not a compiled module: build it first")
    return module


def main(folder: str) -> None:
    sys.path.insert(0, folder)
    untyped, typed = _compiled("_converter_accel"), _compiled("_converter_typed")
    source, generator = code.documents_source()
    for module in (untyped, typed):
        if code.fingerprint(source) != module.FINGERPRINT:
            raise SystemExit("the build is stale: its fingerprint is not the generator's now")
    untyped._install(generator.ns)
    roots = (coparent.ParentingPlan, coparent.Referral, coparent.Review)
    for root in roots:
        code.ensure(root)
    pure = {name: dict(getattr(code, name)) for name in TABLES}
    builds: dict[str, dict[str, dict[type[Any], Any]]] = {}
    for label, module in (("untyped", untyped), ("typed", typed)):
        functions: dict[str, dict[type[Any], Any]] = {name: dict(pure[name]) for name in TABLES}
        for spec in {s.cls: s for root in roots for s in all_classes(root)}.values():
            fast = getattr(module, generator.fn("fast", spec.cls))
            # The typed build reads text as orjson parsed it, so it stands for FAST_PARSED only;
            # its other functions are the untyped ones, so the pure dumps are kept beside it.
            functions["FAST_PARSED"][spec.cls] = fast
            if module is untyped:
                functions["FAST"][spec.cls] = fast
                functions["DUMP"][spec.cls] = getattr(module, generator.fn("dump", spec.cls))
                functions["SHALLOW"][spec.cls] = getattr(module, generator.fn("shallow", spec.cls))
        builds[label] = functions

    current: list[Any] = [None]

    def use(functions: dict[str, dict[type[Any], Any]]) -> None:
        if current[0] is not functions:  # swapped once per round, not in the timed calls
            for name in TABLES:
                getattr(code, name).update(functions[name])
            current[0] = functions

    # The compiled functions are the orjson route's: the mirror route is turned off.
    convert._MIRROR_ROUTES.update(dict.fromkeys(convert.DOCUMENT_TYPES.values()))
    peers = _Peers()
    for label, doc, number in (
        ("example plan", coparent.ParentingPlan.example(), 500),
        ("large plan (500 slots, 200 holidays, 100 changes)", large_plan(500, 200, 100), 20),
        ("referral", coparent.Referral.example(), 500),
    ):
        cls = type(doc)
        text = coparent.to_json(doc).encode()
        pyd = peers.pyd_model(cls, document=True)
        pyd_doc = pyd.model_validate_json(text)
        for functions in builds.values():
            use(functions)
            assert coparent.from_json(text, cls) == doc
            assert coparent.to_json(doc).encode() == text  # byte-identical to the pure dump

        def trip(
            functions: dict[str, dict[type[Any], Any]], cls: Any = cls, text: Any = text
        ) -> Any:
            def run() -> None:
                use(functions)
                coparent.to_json(coparent.from_json(text, cls))

            return run

        timed = interleaved(
            {
                "typed": trip(builds["typed"]),
                "untyped": trip(builds["untyped"]),
                "pure": trip(pure),
                "pydantic": lambda pyd=pyd, d=pyd_doc, t=text: (
                    pyd.model_validate_json(t),
                    d.model_dump_json(),
                ),
            },
            number,
        )
        ratio = {k: timed[k] / timed["pydantic"] for k in ("typed", "untyped", "pure")}
        print(
            f"{label}: round trip vs pydantic v2 ({timed['pydantic']:,.0f} µs): "
            + ", ".join(
                f"{k} {timed[k]:,.0f} µs ({ratio[k]:.2f}x)" for k in ("typed", "untyped", "pure")
            )
        )


if __name__ == "__main__":
    main(sys.argv[1])
