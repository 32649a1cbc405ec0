"""``coparent render FILE -o OUT.pdf --audience WHO``: a printable PDF of a saved document."""

from __future__ import annotations

import argparse

__all__ = ["add_commands"]

AUDIENCES = ("facilitator", "court", "parent_a", "parent_b")


def _cmd_render(args: argparse.Namespace) -> int:
    from .convert import load
    from .redaction import Audience
    from .render.pdf import render_pdf

    doc = load(args.file)
    data = render_pdf(doc, args.out, audience=Audience.parse(args.audience))
    print(f"{args.out}: {len(data):,} bytes, for {Audience.parse(args.audience).label.lower()}")
    return 0


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]  # argparse's private class is generic only in typeshed
    """Add ``render`` to the ``coparent`` command."""
    render = sub.add_parser(
        "render",
        help="render a plan, referral or review as a PDF for one reader",
        description=(
            "Render a saved document as a PDF. Information withheld from the chosen reader "
            "(e.g. a confidential address, a referral's risk section) is left out."
        ),
    )
    render.add_argument("file", metavar="FILE")
    render.add_argument("-o", "--out", required=True, metavar="OUT.pdf")
    render.add_argument(
        "--audience",
        required=True,
        choices=AUDIENCES,
        help="who the PDF is for: facilitator, court, parent_a or parent_b",
    )
    render.set_defaults(func=_cmd_render)
