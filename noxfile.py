"""Developer tasks. ``nox -l`` lists them; ``python run.py test`` runs every session tagged "ci".

Sessions tagged "ci" run in the order they are defined here; ``tests`` stays last so that
pytest's summary is the last thing CI prints.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True

LINT_DEPS = ["ruff==0.17.6"]
TYPING_DEPS = ["mypy==2.4.1", "types-jsonschema", "hypothesis>=6.100,<6.170.10"]  # coparent.testing


@nox.session(tags=["ci"])
def lint(session: nox.Session) -> None:
    """ruff: style and common mistakes, across the code, tests and tools."""
    session.install(*LINT_DEPS)
    session.run("ruff", "check", "src", "tests", "benchmarks", "noxfile.py", "run.py")
    session.run("ruff", "format", "--check", "src", "tests", "noxfile.py", "run.py")


@nox.session(tags=["ci"])
def typing(session: nox.Session) -> None:
    """mypy --strict on the library, and on tests/typing: the public API's types stay precise.

    Then mypy as ``nox -s accel``'s mypyc build runs it (its own empty settings) on the two
    converter modules ``python -m coparent._converter_code --write`` writes, so a change to the
    generator cannot break that build unseen.
    """
    session.install("-e", ".", *TYPING_DEPS)
    session.run("mypy", "--strict", "src/coparent", "tests/typing")
    build, modules = _converter_modules(session, "converter-modules")
    with session.chdir(build):
        session.run("mypy", "--config-file", "mypy.ini", *modules)


def _converter_modules(session: nox.Session, folder: str) -> tuple[Path, list[str]]:
    """Write the converter as two modules, untyped and typed (``python -m
    coparent._converter_code --write``), into a fresh folder of the session's, with its own
    empty mypy settings: the project's strict ones (pyproject.toml, found by walking up from
    the folder) refuse the untyped functions the modules are made of."""
    build = Path(session.create_tmp()).resolve() / folder
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    (build / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
    modules = {"_converter_accel.py": [], "_converter_typed.py": ["--typed"]}
    for name, options in modules.items():
        session.run(
            "python", "-m", "coparent._converter_code", "--write", str(build / name), *options
        )
    return build, list(modules)


@nox.session
def schemas(session: nox.Session) -> None:
    """Regenerate the committed JSON Schemas under schemas/."""
    session.install("-e", ".")
    session.run("coparent", "schema", "export", "--openapi", "schemas")


@nox.session
def translations(session: nox.Session) -> None:
    """Extract coparent.pot (model + marked phrases), update each .po, regenerate the
    pseudo-locale and compile the .mo files under src/coparent/locale."""
    session.install("-e", ".")
    session.run("python", "-m", "coparent._catalogues", *session.posargs)


@nox.session
def demo(session: nox.Session) -> None:
    """The README's main job: the example documents and everything made from them, in out/."""
    session.install("-e", ".")
    session.run("coparent", "demo", "--out", "out")


@nox.session
def snapshots(session: nox.Session) -> None:
    """Regenerate the PNG snapshots of the example PDFs in docs/snapshots (needs pdftoppm)."""
    session.install("-e", ".", "pypdf")
    session.run("python", "docs/snapshots/make_snapshots.py")


@nox.session(tags=["ci"])
def fuzz(session: nox.Session) -> None:
    """Junk, deep nesting, huge values and bad Unicode into every reader and the command line."""
    session.install("-e", ".[test]")
    session.run("pytest", "-m", "fuzz", "tests/fuzz", "-q", "-p", "no:randomly", *session.posargs)


@nox.session(tags=["ci"])
def dask(session: nox.Session) -> None:
    """docs/many-documents.md's Dask example, on Dask's local scheduler."""
    session.install("-e", ".[test]", "dask>=2024.1")
    session.run("pytest", "-m", "dask", "tests/test_many_documents.py", "-q")


@nox.session
def bench(session: nox.Session) -> None:
    """Speed against peers, printed as ratios measured side by side in one run."""
    session.install("-e", ".", "pydantic>=2.7", "pypdf")  # pypdf: bench_pdf (msgspec: a dependency)
    # Each script records its headline rows here; summary.py prints them as one table.
    results = Path(session.create_tmp()) / "bench-results.json"
    results.unlink(missing_ok=True)
    env = {"COPARENT_BENCH_RESULTS": str(results)}
    for script in sorted(Path("benchmarks").glob("bench_*.py")):
        session.run("python", str(script), env=env)
    session.run("python", "benchmarks/summary.py", env=env)


@nox.session
def accel(session: nox.Session) -> None:
    """The mypyc experiment of issue 18 (docs/performance.md, "What we tried"): write the
    generated converter as a module, untyped and typed, compile both with mypyc (about 10
    minutes here) and time them against pure Python and pydantic. No compiled build is
    shipped: the gain was too small.

    Needs a C compiler; without one it says so and skips.
    """
    compiler = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        session.skip("the accel session needs a C compiler (cc or gcc) for mypyc")
    session.install("-e", ".", "mypy==2.4.1", "setuptools", "pydantic>=2.7")
    build, modules = _converter_modules(session, "accel")
    with session.chdir(build):
        session.run("mypyc", *modules)
    session.run("python", "benchmarks/accel_experiment.py", str(build))


CHROMIUM = os.environ.get("COPARENT_CHROMIUM", "/usr/bin/chromium")


@nox.session(tags=["ci"])
def frontend(session: nox.Session) -> None:
    """The web form for real: ajv agrees with jsonschema, and docs/web-form works in Chromium
    (the RJSF form, and the JSON Forms UI schema with JSON Forms' Material renderers); the
    notebook's HTML reads in dark themes; TypeScript types generated from the schemas
    (openapi-typescript, json-schema-to-typescript) compile with tsc --strict against the
    examples.

    Needs Node.js with npm and Debian's chromium. Without them it says what is missing and
    skips, except under CI=true, where it fails.
    """
    missing = [f"{tool} (Node.js)" for tool in ("node", "npm") if shutil.which(tool) is None]
    if not Path(CHROMIUM).exists():
        missing.append(f"chromium at {CHROMIUM} (apt-get install -y chromium)")
    if missing:
        message = "the frontend session needs " + ", ".join(missing)
        if os.environ.get("CI") == "true":
            session.error(message)
        session.skip(message)
    session.install("-e", ".[test]")
    with session.chdir("docs/web-form"):
        session.run("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error", external=True)
        session.run("npm", "run", "build", "--silent", external=True)
    session.run(
        "pytest",
        "-m",
        "frontend",
        "tests/test_frontend.py",
        "-p",
        "no:cacheprovider",
        *session.posargs,
        env={"COPARENT_CHROMIUM": CHROMIUM},
    )


@nox.session(tags=["ci"])
def docs(session: nox.Session) -> None:
    """The documentation site (MkDocs, API reference from the docstrings), built with --strict."""
    session.install("-e", ".[docs]")
    session.run("mkdocs", "build", "--strict", "--site-dir", str(session.create_tmp() + "/site"))


@nox.session(tags=["ci"])
def tests(session: nox.Session) -> None:
    """The whole pytest suite: unit, property (Hypothesis) and end-to-end tests."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)
