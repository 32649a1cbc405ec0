"""``coparent render FILE... -o OUT --audience WHO``: printable PDFs of saved documents.

One file with ``-o OUT.pdf`` writes that PDF (a saved merge, ``.conflicts.json``, gives its
agreement report); several files (or ``-o`` naming a folder) write
``<name>-<audience>.pdf`` for each into the folder, on every core, each file's problems reported
without stopping the batch. Each input's line says which PDF it wrote; inputs whose names would
give the same PDF (``famA/plan.json famB/plan.json``) are refused before anything is written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ._progress_bar import add_jobs_option, add_progress_option
from .i18n import _

__all__ = ["add_commands"]

from ._cli_diffmerge import AUDIENCES, add_locale_option, in_asked_locale


def _cmd_render(args: argparse.Namespace) -> int:
    from .redaction import Audience

    audience = Audience.parse(args.audience)
    out = Path(args.out)
    if len(args.files) == 1 and not out.is_dir() and out.suffix.lower() == ".pdf":
        from .render.pdf import render_pdf

        doc = _load_document_or_merge(Path(args.files[0]))
        # Without --locale the PDF follows the document's language, as render_pdf does.
        data = render_pdf(doc, out, audience=audience, locale=args.locale)
        with in_asked_locale(args.locale):
            done = _("{out}: {size} bytes, for {reader}")
            print(done.format(out=out, size=f"{len(data):,}", reader=_(audience.label).lower()))
        return 0
    with in_asked_locale(args.locale):
        return _render_many(args, out)


def _load_document_or_merge(path: Path) -> Any:
    """A saved document, or a saved merge (``.conflicts.json``: its agreement report)."""
    from ._files import read_bounded
    from .convert import load, parse_json
    from .merging import MERGE_FILE_KIND, MERGE_MAX_BYTES, MergeResult

    # as big as a saved merge may be; a document is held to its own limit by load
    text = read_bounded(path, MERGE_MAX_BYTES)
    data = parse_json(text, what=str(path), max_bytes=MERGE_MAX_BYTES)
    if isinstance(data, dict) and data.get("kind") == MERGE_FILE_KIND:
        return MergeResult.from_dict(data)
    return load(path)


def _render_many(args: argparse.Namespace, folder: Path) -> int:
    from ._progress_bar import Progress
    from .batch import RenderToFolder, process_files

    files: list[str] = args.files

    if folder.suffix.lower() == ".pdf":
        need = _("coparent: {count} files need a folder for -o, not {name}")
        print(need.format(count=len(files), name=folder.name), file=sys.stderr)
        return 2
    render = RenderToFolder(folder=folder, audience=args.audience, locale=args.locale)
    clashes = render.clashes(files)
    if clashes:
        each = _("  {files} would each write {name}")
        lines = [
            each.format(files=" and ".join(found), name=render.target(found[0]).name)
            for found in clashes.values()
        ]
        clash = _(
            "coparent: files with the same name would overwrite each other's PDF; render them "
            "into separate folders:"
        )
        print("\n".join([clash, *lines]), file=sys.stderr)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    status = 0
    with Progress(len(files), label="render", enabled=args.progress) as bar:
        results = process_files(render, files, workers=args.jobs)
        for name, result in zip(files, results, strict=True):
            if result.ok:
                bar.echo(f"{name}: {result.summary}", file=sys.stdout)
            else:
                lines = [f"{name}: {result.summary}", *(f"  {e}" for e in result.errors)]
                bar.echo("\n".join(lines), file=sys.stderr)
                status = 1
            bar.advance()
    return status


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``render`` to the ``coparent`` command."""
    render = sub.add_parser(
        "render",
        help="render plans, referrals or reviews as PDFs for one reader",
        description=(
            "Render saved documents as PDFs. Information withheld from the chosen reader "
            "(e.g. a confidential address, a referral's risk section) is left out. One FILE "
            "with -o OUT.pdf writes that PDF; several files write <name>-<audience>.pdf into "
            "the folder -o names, in parallel."
        ),
    )
    render.add_argument("files", nargs="+", metavar="FILE", help="saved documents to render")
    render.add_argument(
        "-o", "--out", required=True, metavar="OUT", help="OUT.pdf for one file; a folder for many"
    )
    render.add_argument(
        "--audience",
        required=True,
        choices=AUDIENCES,
        help="who the PDF is for: facilitator, court, parent_a or parent_b",
    )
    add_jobs_option(render, verb="render")
    add_progress_option(render)
    add_locale_option(render)
    render.set_defaults(func=_cmd_render)
