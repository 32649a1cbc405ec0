"""The ``coparent`` command.

Exit codes: 0 success, 1 a document is invalid (or conflicts remain), 2 bad usage.
Errors go to stderr; document contents are never logged.

Commands that belong to one capability live beside it in a private ``_cli_<name>.py`` module
with an ``add_commands(subparsers)`` function, listed in :data:`COMMAND_MODULES`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from .convert import DOCUMENT_TYPES, load, write_atomic
from .errors import CoparentError, ValidationError

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

#: Modules that add their own subcommands (each has ``add_commands(subparsers)``).
COMMAND_MODULES: tuple[str, ...] = (
    "coparent._cli_calendar",
    "coparent._cli_diffmerge",
    "coparent._cli_render",
)


def _cmd_demo(args: argparse.Namespace) -> int:
    from .demo import run_demo

    out = Path(args.out)
    written = run_demo(out)
    print(f"Wrote {len(written)} files to {out.resolve()}:")
    for path in written:
        print(f"  {path.relative_to(out)}")
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for name in args.files:
        try:
            doc = load(name)
        except ValidationError as e:
            print(f"{name}: invalid", file=sys.stderr)
            for detail in e.errors:
                print(f"  {detail}", file=sys.stderr)
            status = EXIT_INVALID
        except OSError as e:
            print(f"{name}: cannot read: {e.strerror}", file=sys.stderr)
            status = EXIT_INVALID
        else:
            print(f"{name}: valid {type(doc).KIND}")
    return status


def _cmd_schema_export(args: argparse.Namespace) -> int:
    written = export_schemas(Path(args.dir))
    for path in written:
        print(path)
    return EXIT_OK


def export_schemas(folder: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` and ``<kind>.uischema.json`` for every kind into ``folder``."""
    from .schema import json_schema
    from .uischema import ui_schema

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, cls in DOCUMENT_TYPES.items():
        for suffix, make in ((".schema.json", json_schema), (".uischema.json", ui_schema)):
            path = folder / f"{kind}{suffix}"
            text = json.dumps(make(cls), ensure_ascii=False, indent=2) + "\n"
            write_atomic(path, text.encode("utf-8"))
            written.append(path)
    return written


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coparent",
        description="Parenting plans, referrals and contact reviews: validate, export, render.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser(
        "demo", help="write the example documents and everything made from them to a folder"
    )
    demo.add_argument("--out", default="out", help="output folder (default: out)")
    demo.set_defaults(func=_cmd_demo)

    validate = sub.add_parser("validate", help="check saved documents; list every problem")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.set_defaults(func=_cmd_validate)

    schema = sub.add_parser("schema", help="JSON Schema commands")
    schema_sub = schema.add_subparsers(dest="schema_command", required=True, metavar="COMMAND")
    export = schema_sub.add_parser("export", help="write the JSON Schemas to a folder")
    export.add_argument("dir", metavar="DIR")
    export.set_defaults(func=_cmd_schema_export)

    for module in COMMAND_MODULES:
        importlib.import_module(module).add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except CoparentError as e:
        print(f"coparent: {e}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as e:
        print(f"coparent: {e}", file=sys.stderr)
        return EXIT_INVALID
