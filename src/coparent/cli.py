"""The ``coparent`` command.

Exit codes: 0 success, 1 a document is invalid (or conflicts remain), 2 bad usage.
Errors go to stderr; document contents are never logged.

Commands that belong to one capability live beside it in a private ``_cli_<name>.py`` module
with an ``add_commands(subparsers)`` function, listed in :data:`COMMAND_MODULES`.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ._progress_bar import Progress, add_jobs_option, add_progress_option
from .convert import DOCUMENT_TYPES, write_atomic
from .errors import CoparentError
from .i18n import ngettext

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

#: The exit codes, as ``--help`` states them.
EXIT_CODES = """exit codes:
  0  success
  1  a document is invalid, a file cannot be read or written, or the result needs
     attention (merge conflicts remain, the calendar has clashes)
  2  bad usage (unknown command, missing or wrong arguments)"""

#: Modules that add their own subcommands (each has ``add_commands(subparsers)``).
COMMAND_MODULES: tuple[str, ...] = (
    "coparent._cli_calendar",
    "coparent._cli_check",
    "coparent._cli_diffmerge",
    "coparent._cli_render",
)


def _cmd_demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    out = Path(args.out)
    written = run_demo(out)
    n = len(written)
    wrote = ngettext("Wrote {count} file to {folder}:", "Wrote {count} files to {folder}:", n)
    print(wrote.format(count=n, folder=out.resolve()))
    for path in written:
        print(f"  {path.relative_to(out)}")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from .batch import process_files, validate_file

    status = EXIT_OK
    with Progress(len(args.files), label="validate", enabled=args.progress) as bar:
        results = process_files(validate_file, args.files, workers=args.jobs)
        for name, result in zip(args.files, results, strict=True):
            if result.ok:
                bar.echo(f"{name}: {result.summary}", file=sys.stdout)
            else:
                lines = [f"{name}: {result.summary}", *(f"  {e}" for e in result.errors)]
                bar.echo("\n".join(lines), file=sys.stderr)
                status = EXIT_INVALID
            bar.advance()
    return status


def _cmd_schema_export(args: argparse.Namespace) -> int:
    written = export_schemas(Path(args.dir), openapi=args.openapi)
    for path in written:
        print(path)
    return EXIT_OK


def export_schemas(folder: Path, *, openapi: bool = False) -> list[Path]:
    """Write ``<kind>.schema.json``, ``<kind>.uischema.json`` (RJSF) and ``<kind>.jsonforms.json``
    for every kind into ``folder``; with ``openapi``, ``openapi.json`` (OpenAPI 3.1 components)
    too."""
    from .openapi import openapi_components
    from .schema import json_schema
    from .uischema import jsonforms_ui_schema, ui_schema

    makers = (
        (".schema.json", json_schema),
        (".uischema.json", ui_schema),
        (".jsonforms.json", jsonforms_ui_schema),
    )
    folder.mkdir(parents=True, exist_ok=True)
    outputs: list[tuple[Path, Any]] = []
    for kind, cls in DOCUMENT_TYPES.items():
        outputs += [(folder / f"{kind}{suffix}", make(cls)) for suffix, make in makers]
    if openapi:
        outputs.append((folder / "openapi.json", openapi_components()))
    for path, value in outputs:
        text = json.dumps(value, ensure_ascii=False, indent=2) + "\n"
        write_atomic(path, text.encode("utf-8"))
    return [path for path, _ in outputs]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coparent",
        description="Parenting plans, referrals and contact reviews: validate, export, render.",
        epilog=EXIT_CODES,
        formatter_class=_HelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser(
        "demo",
        help="write the example documents and everything made from them to a folder",
        description="Write the example plan, referral and review, and everything coparent makes "
        "from them (schemas, and what each installed capability adds), into a folder.",
    )
    demo.add_argument("--out", default="out", help="output folder (default: out)")
    demo.set_defaults(func=_cmd_demo)

    validate = sub.add_parser(
        "validate",
        help="check saved documents; list every problem",
        description="Check saved documents (JSON files with a kind and a schema version) and "
        "list every problem in each, by its JSON-pointer path. Problems go to stderr.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="documents to check")
    add_jobs_option(validate, verb="check")
    add_progress_option(validate)
    validate.set_defaults(func=_cmd_validate)

    schema = sub.add_parser(
        "schema",
        help="JSON Schema commands",
        description="JSON Schema commands. `coparent schema export DIR` writes the schemas.",
    )
    schema_sub = schema.add_subparsers(dest="schema_command", required=True, metavar="COMMAND")
    export = schema_sub.add_parser(
        "export",
        help="write the JSON Schemas to a folder",
        description="Write <kind>.schema.json (Draft 2020-12), <kind>.uischema.json (the RJSF "
        "form layout) and <kind>.jsonforms.json (the JSON Forms layout) for every document kind "
        "into DIR, creating it if needed; with --openapi, openapi.json too.",
    )
    export.add_argument("dir", metavar="DIR", help="folder to write the schemas into")
    export.add_argument(
        "--openapi",
        action="store_true",
        help="also write openapi.json: OpenAPI 3.1 components for the three documents",
    )
    export.set_defaults(func=_cmd_schema_export)

    for module in COMMAND_MODULES:
        importlib.import_module(module).add_commands(sub)
    _state_exit_codes(parser)
    return parser


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, but the exit-code table keeps its lines."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text == EXIT_CODES:
            return "\n".join(indent + line for line in text.splitlines())
        return super()._fill_text(text, width, indent)


def _state_exit_codes(parser: argparse.ArgumentParser) -> None:
    """Every command's ``--help`` ends with the exit codes (also the capabilities' commands)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                if command.epilog is None:
                    command.epilog = EXIT_CODES
                    command.formatter_class = _HelpFormatter
                _state_exit_codes(command)


def _printable_streams() -> None:
    """Let stdout and stderr print any file name, whatever the terminal's encoding.

    A file name that is not UTF-8 (kept by Python as lone surrogates), or an accented one on a
    terminal with a narrow encoding (``LANG=C``, ``PYTHONIOENCODING=ascii``), is printed with
    backslash escapes rather than ending the command with a traceback.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(Exception):  # a stream that cannot be reconfigured
                reconfigure(errors="backslashreplace")


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with control and bidi-override characters shown as escapes (``\x1b``), so a
    file name or a document's text cannot move the cursor, recolour or reorder a terminal.
    Newlines and tabs stay."""
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    _printable_streams()
    parser = _parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except CoparentError as e:
        # In the language the command was asked for (``check --locale``); English otherwise.
        message = e.describe(getattr(args, "locale", None))
        print(f"coparent: {terminal_safe(message)}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as e:
        print(f"coparent: {terminal_safe(str(e))}", file=sys.stderr)
        return EXIT_INVALID
