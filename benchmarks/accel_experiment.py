"""The mypyc experiment of issue 18: the generated converter compiled ahead of time, timed
against the same functions in pure Python and against pydantic v2, interleaved in one run.

``nox -s accel`` writes the module (``python -m coparent._converter_code --write``), compiles it
with mypyc and runs this script with the build folder as its argument. The compiled functions
are checked against the pure-Python ones first (same objects, byte-identical JSON). The result
is in docs/performance.md ("What we tried"): no gain, so no compiled build is shipped.

    python benchmarks/accel_experiment.py BUILD_FOLDER
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

from bench_convert import _Peers, interleaved, large_plan

import coparent
from coparent import _converter_code as code
from coparent.model.introspect import all_classes

TABLES = ("FAST", "FAST_PARSED", "DUMP", "SHALLOW")


def main(folder: str) -> None:
    sys.path.insert(0, folder)
    module: Any = importlib.import_module("_converter_accel")
    if not str(module.__file__).endswith(".so"):
        raise SystemExit(f"{module.__file__} is not a compiled module: build it first")
    source, generator = code.documents_source()
    if code.fingerprint(source) != module.FINGERPRINT:
        raise SystemExit("the build is stale: its fingerprint is not the generator's now")
    module._install(generator.ns)
    roots = (coparent.ParentingPlan, coparent.Referral, coparent.Review)
    for root in roots:
        code.ensure(root)
    pure = {name: dict(getattr(code, name)) for name in TABLES}
    compiled: dict[str, dict[type[Any], Any]] = {name: {} for name in TABLES}
    for spec in {s.cls: s for root in roots for s in all_classes(root)}.values():
        fast = getattr(module, generator.fn("fast", spec.cls))
        compiled["FAST"][spec.cls] = compiled["FAST_PARSED"][spec.cls] = fast
        compiled["DUMP"][spec.cls] = getattr(module, generator.fn("dump", spec.cls))
        compiled["SHALLOW"][spec.cls] = getattr(module, generator.fn("shallow", spec.cls))

    def use(functions: dict[str, dict[type[Any], Any]]) -> None:
        for name in TABLES:
            getattr(code, name).update(functions[name])

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
        use(compiled)
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
                "compiled": trip(compiled),
                "pure": trip(pure),
                "pydantic": lambda pyd=pyd, d=pyd_doc, t=text: (
                    pyd.model_validate_json(t),
                    d.model_dump_json(),
                ),
            },
            number,
        )
        ratio = {k: timed[k] / timed["pydantic"] for k in ("compiled", "pure")}
        print(
            f"{label}: round trip, compiled {timed['compiled']:,.0f} µs "
            f"({ratio['compiled']:.2f}x pydantic), pure Python {timed['pure']:,.0f} µs "
            f"({ratio['pure']:.2f}x), pydantic {timed['pydantic']:,.0f} µs"
        )


if __name__ == "__main__":
    main(sys.argv[1])
