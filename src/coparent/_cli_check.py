"""``coparent check FILE... [--referral FILE] [--plan FILE]``: safety and consistency findings.

Prints each finding with its severity, paths, message and source (in Welsh with
``--locale cy``; the severity and code stay as scripts read them). Exit 1 when any finding is
serious, so a script can stop a plan that needs a person's attention; findings never echo the
document's contents.
"""

from __future__ import annotations

import argparse

from ._cli_diffmerge import add_locale_option
from .convert import load
from .i18n import _, ngettext, use_locale
from .model import ParentingPlan, Referral

__all__ = ["add_commands"]


def _cmd_check(args: argparse.Namespace) -> int:
    from .checks import Severity, check
    from .cli import terminal_safe

    referral = load(args.referral, Referral) if args.referral else None
    plan = load(args.plan, ParentingPlan) if args.plan else None
    status = 0
    with use_locale(args.locale):
        for name in args.files:
            findings = check(load(name), referral=referral, plan=plan)
            n = len(findings)
            head = ngettext("{file}: {count} finding", "{file}: {count} findings", n)
            print(head.format(file=terminal_safe(name), count=n))
            for f in findings:
                print(f"  [{f.severity.value}] {f.code}: {terminal_safe(f.text())}")
                print("      " + _("at {paths}").format(paths=", ".join(f.paths)))
                print("      " + _("source: {source}").format(source=f.source_text()))
                if f.severity is Severity.SERIOUS:
                    status = 1
    return status


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` subcommand."""
    p = sub.add_parser(
        "check",
        help="safety and consistency findings for a facilitator (exit 1 on a serious one)",
        description="Look for unsafe or contradictory combinations: supported contact where "
        "domestic abuse is disclosed, mediation as a dispute step beside domestic abuse, a plan "
        "that contradicts its referral, references to items that do not exist, and more. "
        "Findings are advice for a person to weigh, not validation errors.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="plans, referrals or reviews")
    p.add_argument("--referral", metavar="FILE", help="the family's referral, to compare with")
    p.add_argument("--plan", metavar="FILE", help="the family's plan, to compare a review with")
    add_locale_option(p, help="the language of the findings, such as cy (default: English)")
    p.set_defaults(func=_cmd_check)
