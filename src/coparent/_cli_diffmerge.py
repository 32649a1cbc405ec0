"""The ``coparent diff``, ``coparent merge`` and ``coparent resolve`` commands.

``diff A B`` prints the differences (text, HTML, JSON or RFC 6902 JSON Patch).
``merge [--base BASE] OURS THEIRS -o OUT`` writes the merged document to OUT; if conflicts
remain it also writes the saved merge (conflicts to resolve) next to it and exits 1.
``resolve MERGE PATH --take ours|theirs|base|--value JSON --by NAME`` resolves one conflict
of a saved merge and writes the document when none is left.
``merge-export MERGE -o OUT`` writes the final document of a saved merge whose conflicts are
all resolved (say, when ``resolve -o`` could not write it).

Writes go in a safe order: ``merge`` saves the conflicts before writing OUT, so an OUT without
its conflicts file is always a complete merge; ``resolve -o`` writes OUT before recording the
resolution, so if OUT cannot be written the same ``resolve`` can simply be run again.

Exit codes: 0 done (merged cleanly), 1 conflicts remain or a document is invalid, 2 usage.
Document contents are printed only where the user asked for them (the diff itself); merge and
resolve print paths and counts.
"""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ._files import read_bounded
from .convert import dump, load, parse_json, write_atomic
from .i18n import (
    DEFAULT_LOCALE,
    N_,
    _,
    available_locales,
    fit_words,
    ngettext,
    resolve_locale,
    use_locale,
)

if TYPE_CHECKING:
    from .merging import MergeResult
    from .redaction import Audience

__all__ = [
    "AUDIENCES",
    "LOCALE_HELP",
    "add_audience_option",
    "add_commands",
    "add_locale_option",
    "conflicts_path",
    "in_asked_locale",
    "locale_name",
]

_T = TypeVar("_T")

#: The audiences ``--audience`` accepts (``coparent.Audience.parse`` reads them).
AUDIENCES = ("facilitator", "court", "parent_a", "parent_b")

EXIT_OK = 0
EXIT_CONFLICTS = 1
EXIT_USAGE = 2

_EXPORT_DESCRIPTION = (
    "Write the merged document of a saved merge (.conflicts.json) to OUT, for instance when "
    "resolve -o could not write it. Exits 1, writing nothing, while any conflict is open."
)


def conflicts_path(out: Path) -> Path:
    """Where ``coparent merge -o OUT`` saves the merge when conflicts remain."""
    return out.with_name(f"{out.stem}.conflicts.json")


def _write_text(path: Path, text: str) -> None:
    write_atomic(path, (text if text.endswith("\n") else text + "\n").encode("utf-8"))


def add_audience_option(parser: argparse.ArgumentParser, what: str) -> None:
    """``--audience``: who the output is for (what is withheld from them is left out)."""
    parser.add_argument(
        "--audience",
        default="facilitator",
        choices=AUDIENCES,
        help=f"who {what} is for: facilitator (default), court, parent_a or parent_b; what is "
        "withheld from a parent is left out",
    )


#: What ``--locale`` does, the same for every command that takes it.
LOCALE_HELP = N_(
    "the language of the output, such as cy (default: the document's language, else English)"
)


def locale_name(text: str) -> str:
    """``--locale``'s value, refused (argparse's exit 2, naming the option) unless coparent has
    a catalogue for it or it is English: a typo must not quietly give English."""
    language = text.replace("-", "_").split("_")[0].lower()
    if resolve_locale(text) != DEFAULT_LOCALE or language == DEFAULT_LOCALE:
        return text
    known = ", ".join([DEFAULT_LOCALE, *available_locales()])
    raise argparse.ArgumentTypeError(f"no translation for {text!r}; the languages are: {known}")


def add_locale_option(parser: argparse.ArgumentParser, help: str = LOCALE_HELP) -> None:
    """``--locale LANG``: the language of coparent's own words in what the command writes."""
    parser.add_argument("--locale", metavar="LANG", type=locale_name, help=help)


def in_asked_locale(
    locale: str | None,
) -> contextlib.AbstractContextManager[str | None]:
    """:func:`~coparent.i18n.use_locale` for ``--locale`` when it is given; without it nothing
    changes, so each output keeps its own default (the document's language)."""
    return use_locale(locale) if locale else contextlib.nullcontext()


def _in_asked_locale(
    func: Callable[[argparse.Namespace], _T],
) -> Callable[[argparse.Namespace], _T]:
    """Run a command inside :func:`in_asked_locale` of its ``--locale``."""

    def run(args: argparse.Namespace) -> _T:
        with in_asked_locale(args.locale):
            return func(args)

    return run


def _cmd_diff(args: argparse.Namespace) -> int:
    from .differences import diff
    from .redaction import Audience, redact

    audience = Audience.parse(args.audience)
    result = diff(load(args.a), load(args.b), a_label=args.a_label, b_label=args.b_label)
    result = redact(result, audience)
    if args.format == "text":
        text = str(result)
    elif args.format == "html":
        text = result._repr_html_()
    elif args.format == "json":
        text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    else:
        text = json.dumps(result.to_json_patch(), ensure_ascii=False, indent=2)
    if args.out:
        _write_text(Path(args.out), text)
    else:
        from .cli import terminal_safe

        print(terminal_safe(text))
    return EXIT_OK


def _report(result: MergeResult, out: Path, saved: Path | None, audience: Audience) -> int:
    from .redaction import redact

    if result.is_complete:
        print(_("Merged cleanly: wrote {out}").format(out=out))
        return EXIT_OK
    n = len(result.conflicts)
    to_resolve = ngettext(
        "{count} conflict to resolve; wrote {out} and {saved}:",
        "{count} conflicts to resolve; wrote {out} and {saved}:",
        n,
    )
    print(fit_words(to_resolve, count=n, out=out, saved=saved))
    shown = redact(result, audience).conflicts
    for c in shown:
        print(f"  {c.path}  ({_(c.kind.label).lower()})")
    hidden = n - len(shown)
    if hidden:
        withheld = _("({count} more withheld from this copy, for {reader})")
        print("  " + withheld.format(count=hidden, reader=_(audience.label).lower()))
    return EXIT_CONFLICTS


def _cmd_merge(args: argparse.Namespace) -> int:
    from .merging import merge
    from .redaction import Audience

    audience = Audience.parse(args.audience)
    base = load(args.base) if args.base else None
    result = merge(
        base,
        load(args.ours),
        load(args.theirs),
        ours_label=args.ours_label,
        theirs_label=args.theirs_label,
    )
    out = Path(args.out)
    saved = None
    if not result.is_complete:
        # First the conflicts: if writing them fails, no OUT may pass for a complete merge.
        saved = Path(args.conflicts) if args.conflicts else conflicts_path(out)
        _write_text(saved, result.to_json())
    dump(result.document, out)
    return _report(result, out, saved, audience)


def _cmd_resolve(args: argparse.Namespace) -> int:
    from .merging import ResolutionChoice
    from .redaction import Audience

    audience = Audience.parse(args.audience)
    merge_file = Path(args.merge)
    result = _load_saved_merge(merge_file)
    if args.value is not None:
        value = parse_json(args.value, what="--value")
        result = result.resolve(
            args.path, ResolutionChoice.VALUE, by=args.by, value=value, audience=audience
        )
    else:
        result = result.resolve(args.path, args.take, by=args.by, audience=audience)
    out = Path(args.out) if args.out else None
    if out is not None:
        # OUT first: if it cannot be written the resolution is not recorded either, and the
        # same command can be run again.
        dump(result.document, out)
    _write_text(merge_file, result.to_json())
    if result.is_complete:
        done = _("All conflicts resolved; wrote {out}") if out else _("All conflicts resolved")
        print(done.format(out=out))
        return EXIT_OK
    n = len(result.conflicts)
    left = ngettext("{count} conflict left in {file}", "{count} conflicts left in {file}", n)
    print(left.format(count=n, file=merge_file))
    return EXIT_CONFLICTS


def _load_saved_merge(path: Path) -> MergeResult:
    from .merging import MERGE_MAX_BYTES, MergeResult

    return MergeResult.from_json(read_bounded(path, MERGE_MAX_BYTES))


def _cmd_merge_export(args: argparse.Namespace) -> int:
    merge_file = Path(args.merge)
    document = _load_saved_merge(merge_file).final_document()  # UnresolvedConflictsError: exit 1
    out = dump(document, Path(args.out))
    print(_("Wrote {out}").format(out=out))
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``diff``, ``merge``, ``resolve`` and ``merge-export`` to the ``coparent`` command."""
    d = sub.add_parser("diff", help="show where two documents of the same kind differ")
    d.add_argument("a", metavar="A", help="the first version")
    d.add_argument("b", metavar="B", help="the second version")
    d.add_argument(
        "--format",
        choices=("text", "html", "json", "patch"),
        default="text",
        help="text (default), html, json (differences and summary) or patch (RFC 6902)",
    )
    d.add_argument("--a-label", default="First version", help="name of the first version")
    d.add_argument("--b-label", default="Second version", help="name of the second version")
    d.add_argument("-o", "--out", help="write to this file instead of standard output")
    add_audience_option(d, "the diff")
    add_locale_option(d)
    d.set_defaults(func=_in_asked_locale(_cmd_diff))

    m = sub.add_parser(
        "merge",
        help="merge two versions against the last agreed one; exit 1 if conflicts remain",
    )
    m.add_argument("--base", help="the last agreed version (omit for two first drafts)")
    m.add_argument("ours", metavar="OURS")
    m.add_argument("theirs", metavar="THEIRS")
    m.add_argument("-o", "--out", required=True, help="where to write the merged document")
    m.add_argument(
        "--conflicts",
        help="where to save the merge if conflicts remain (default: OUT's name + .conflicts.json)",
    )
    m.add_argument("--ours-label", default="Ours", help="name of OURS in the saved conflicts")
    m.add_argument("--theirs-label", default="Theirs", help="name of THEIRS")
    add_audience_option(m, "the list of conflicts printed")
    add_locale_option(m)
    m.set_defaults(func=_in_asked_locale(_cmd_merge))

    r = sub.add_parser("resolve", help="resolve one conflict of a saved merge")
    r.add_argument("merge", metavar="MERGE", help="the saved merge (.conflicts.json)")
    r.add_argument("path", metavar="PATH", help="the conflict's path, as listed by merge")
    how = r.add_mutually_exclusive_group(required=True)
    how.add_argument("--take", choices=("ours", "theirs", "base"))
    how.add_argument("--value", help="the agreed value, as JSON (e.g. '\"18:00:00\"')")
    r.add_argument("--by", required=True, help="who agreed it (for the audit trail)")
    r.add_argument("-o", "--out", help="also write the merged document here")
    r.add_argument(
        "--audience",
        default="parent_a",
        choices=AUDIENCES,
        help="who is resolving: a conflict that lowers protection needs facilitator or court "
        "(default parent_a: a parent, who cannot lower it)",
    )
    add_locale_option(r)
    r.set_defaults(func=_in_asked_locale(_cmd_resolve))

    export_help = "write the final document of a fully resolved saved merge (exit 1 if not)"
    x = sub.add_parser("merge-export", help=export_help, description=_EXPORT_DESCRIPTION)
    x.add_argument("merge", metavar="MERGE", help="the saved merge (.conflicts.json)")
    x.add_argument("-o", "--out", required=True, help="where to write the merged document")
    x.set_defaults(func=_cmd_merge_export)
