"""``coparent calendar FILE --from DATE --to DATE [--ics OUT]``: a plan's dated contact.

Prints the periods (who, from when to when, which rule, the handover) and the nights with each
parent; ``--ics`` also writes them as an iCalendar file, atomically. The output is the plan's
own schedule, printed because the user asked for it; nothing is logged.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ._cli_diffmerge import add_audience_option, add_locale_option, in_asked_locale
from .convert import load, write_atomic
from .errors import ErrorDetail, ValidationError
from .i18n import _
from .model import ParentingPlan, Referral, Review

__all__ = ["add_commands"]


def _date(text: str) -> date:
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)") from None
    if value.isoformat() != text:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (use YYYY-MM-DD)")
    return value


def _cmd_calendar(args: argparse.Namespace) -> int:
    # With --locale, the event titles the calendar holds are made in that language too.
    with in_asked_locale(args.locale):
        return _calendar(args)


def _calendar(args: argparse.Namespace) -> int:
    from .redaction import Audience, redact
    from .render.ics import to_ics
    from .scheduling import calendar

    plan = load(args.file)
    if not isinstance(plan, ParentingPlan):
        raise ValidationError(
            [ErrorDetail(path="/kind", message="must be a parenting_plan to make a calendar")],
            what=str(args.file),
        )
    audience = Audience.parse(args.audience)
    plan = redact(plan, audience)
    referral = load(args.referral, Referral) if args.referral else None
    reviews = [load(name, Review) for name in args.review]
    if referral is not None:
        referral = redact(referral, audience)
    reviews = [redact(r, audience) for r in reviews]
    cal = calendar(
        plan,
        args.start,
        args.end,
        referral=referral,
        reviews=reviews,
        timezone=args.timezone,
    )
    from .cli import terminal_safe

    print(terminal_safe(cal.text()))
    print(terminal_safe(cal.share_text()))
    if args.ics:
        out = Path(args.ics)
        write_atomic(out, to_ics(cal, include_default=args.include_default, locale=args.locale))
        print(_("Wrote {out}").format(out=out))
    return 1 if cal.clashes else 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``calendar`` subcommand."""
    p = sub.add_parser(
        "calendar",
        help="a plan's contact as dates, from --from up to (not including) --to; optionally .ics",
    )
    p.add_argument("file", metavar="FILE", help="a saved parenting plan (.json)")
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="DATE")
    p.add_argument(
        "--to", dest="end", type=_date, required=True, metavar="DATE", help="exclusive end date"
    )
    p.add_argument("--ics", metavar="OUT", help="also write an iCalendar file here")
    p.add_argument(
        "--include-default",
        action="store_true",
        help="in the .ics, include time with the resident parent that no rule sets",
    )
    p.add_argument("--referral", metavar="FILE", help="a referral: its court stop date is shown")
    p.add_argument(
        "--review", metavar="FILE", action="append", default=[], help="a review: its next date"
    )
    p.add_argument("--timezone", metavar="ZONE", help="IANA time zone (default: the plan's own)")
    add_audience_option(p, "the calendar and the .ics")
    add_locale_option(p)
    p.set_defaults(func=_cmd_calendar)
