"""coparent's exceptions. Every error a user can cause is a :class:`CoparentError`.

The hierarchy (catch ``CoparentError`` to catch them all)::

    CoparentError
    ├── ValidationError (also a ValueError)   bad input: .errors lists every problem by path
    ├── FieldRuleError (also a ValueError)    a model object built directly with a bad value
    ├── DiffError (also a ValueError)         documents or a diff that do not fit together
    ├── UnresolvedConflictsError              a merge still has conflicts to resolve
    ├── NoSuchConflictError (also a KeyError) no open conflict at the path given
    ├── FileRefusedError                      not a regular file (a device, FIFO, symlink...)
    ├── RenderError                           a document could not be rendered; keeps its cause
    └── WorkflowError (also a ValueError)     a case-record step that does not apply to the case

Messages never echo values from fields withheld from an audience, and echoed values are cut
short and escaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs

from .i18n import (
    N_,
    ngettext,
    translate,
    translate_problem,
    use_locale,
)

__all__ = [
    "MAX_PROBLEMS",
    "CoparentError",
    "DiffError",
    "ErrorDetail",
    "FieldRuleError",
    "FileRefusedError",
    "NoSuchConflictError",
    "RenderError",
    "UnresolvedConflictsError",
    "ValidationError",
    "WorkflowError",
    "json_pointer",
]


#: What a :class:`ValidationError` is about when nobody says.
THE_DOCUMENT = N_("the document")

#: The most problems a :class:`ValidationError` lists; the rest are counted ("and N more").
#: Whoever collects problems may stop collecting after this many (and pass ``more``).
MAX_PROBLEMS = 100


class CoparentError(Exception):
    """The base of every exception coparent raises on purpose."""

    def describe(self, locale: str | None = None) -> str:
        """The message in ``locale`` (default: the active locale, see :mod:`coparent.i18n`).

        ``str()`` stays English, for logs and for code that reads it; this is the text to show
        a person. A message coparent has no translation for is given in English.
        """
        return "\n".join(translate_problem(line, locale) for line in str(self).split("\n"))


class FileRefusedError(CoparentError):
    """A path coparent will not write to: a device, a FIFO, a socket, a folder or a symlink.

    coparent writes only to a regular file or a new path; a symbolic link is not followed
    (writing replaces the link itself), so give the path of the file it points to.
    """


@attrs.frozen(kw_only=True)
class ErrorDetail:
    """One problem in a document: where it is (a JSON pointer) and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '/'}: {self.message}"

    def text(self, locale: str | None = None) -> str:
        """``str()`` of the problem with its message in ``locale`` (default: the active
        locale): ``/children/0/date_of_birth: nid yw 2024-02-30 yn ddyddiad go iawn``."""
        return f"{self.path or '/'}: {translate_problem(self.message, locale)}"


def _escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def json_pointer(*tokens: str | int) -> str:
    """The RFC 6901 JSON pointer for a path, e.g. ``("children", 0)`` -> ``/children/0``."""
    return "".join("/" + _escape(t) for t in tokens)


class ValidationError(CoparentError, ValueError):
    """A document (or its JSON) is not valid; ``errors`` lists every problem found, by path.

    ``str()`` of it reads as a list a person can act on::

        2 problems in a parenting_plan:
          /children/0/date_of_birth: 2024-02-30 is not a real date (use YYYY-MM-DD)
          /colour: unknown field; this document has no field of that name

    At most :data:`MAX_PROBLEMS` problems are kept in ``errors``; ``more`` counts the others
    (given by the caller, which may have stopped collecting, plus any beyond the limit in
    ``errors``), and the message ends "... and N more problems".
    """

    def __init__(
        self, errors: Iterable[ErrorDetail], *, what: str = THE_DOCUMENT, more: int = 0
    ) -> None:
        kept: list[ErrorDetail] = []
        for error in errors:
            if len(kept) == MAX_PROBLEMS:
                more += 1
            else:
                kept.append(error)
        self.errors: tuple[ErrorDetail, ...] = tuple(kept)
        #: How many problems there were beyond those in ``errors``.
        self.more = more
        self.what = what
        super().__init__(self._describe())

    def _describe(self) -> str:
        with use_locale(None):  # str() is English whatever the active locale
            return self.describe()

    def describe(self, locale: str | None = None) -> str:
        """The list of problems (as ``str()`` gives it in English) in ``locale`` (default: the
        active locale): the head, each problem's message and the count of the rest."""
        if locale is not None:
            with use_locale(locale):
                return self.describe()
        n = len(self.errors) + self.more
        head = ngettext("{count} problem in {what}:", "{count} problems in {what}:", n)
        lines = [head.format(count=f"{n:,}", what=_what_text(self.what))]
        lines += [f"  {e.text()}" for e in self.errors]
        if self.more:
            rest = ngettext(
                "... and {count} more problem", "... and {count} more problems", self.more
            )
            lines.append("  " + rest.format(count=f"{self.more:,}"))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self._describe()

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_validation_error, (self.errors, self.what, self.more))


#: What a document's problems are "in": ``"a parenting_plan"``, as :mod:`coparent.convert`
#: names it.
_A_KIND = re.compile(r"a ([a-z]+(?:_[a-z]+)*)")


def _what_text(what: str) -> str:
    """``"a parenting_plan"`` as the document kind's name in the active locale
    (``"Cynllun rhianta"``); any other description through :func:`translate_problem`."""
    match = _A_KIND.fullmatch(what)
    if match is not None:
        name = match.group(1).replace("_", " ").capitalize()
        found = translate(name)
        if found != name:
            return found
    return translate_problem(what)


def _rebuild_validation_error(
    errors: tuple[ErrorDetail, ...], what: str, more: int = 0
) -> ValidationError:
    return ValidationError(errors, what=what, more=more)


class FieldRuleError(CoparentError, ValueError):
    """A value breaks a rule of the model, e.g. when a document is built directly in Python.

    ``field`` names the attribute and ``message`` says what is wrong. The converter turns these
    into a :class:`ValidationError` with the JSON pointer of each problem.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message

    def describe(self, locale: str | None = None) -> str:
        """``field: message`` with the message in ``locale`` (default: the active locale)."""
        return f"{self.field}: {translate_problem(self.message, locale)}"

    def __reduce__(self) -> tuple[object, ...]:
        return (FieldRuleError, (self.field, self.message))


class RenderError(CoparentError):
    """A document could not be rendered (to PDF or HTML); the message says why and what to do."""


class WorkflowError(CoparentError, ValueError):
    """A workflow step that does not apply to this case, with the reason in plain English.

    For example a contact-centre review asked of a referral to a parenting programme, or a
    review applied to a referral it was not written for.
    """


class DiffError(CoparentError, ValueError):
    """Documents (or a diff and a document) that do not fit together.

    Raised when two documents of different kinds are compared or merged, or when a diff is
    applied to a document other than the one it was made from.
    """


class UnresolvedConflictsError(CoparentError):
    """A merge still has conflicts, so there is no final document yet.

    ``paths`` lists the open conflicts; resolve each with ``MergeResult.resolve``.
    """

    def __init__(self, paths: Iterable[str]) -> None:
        self.paths: tuple[str, ...] = tuple(paths)
        with use_locale(None):  # str() is English whatever the active locale
            super().__init__(self.describe())

    def describe(self, locale: str | None = None) -> str:
        """The count of open conflicts and what to do, in ``locale`` (default: the active
        locale), then the conflicts' paths, one a line."""
        if locale is not None:
            with use_locale(locale):
                return self.describe()
        n = len(self.paths)
        head = ngettext(
            "{count} conflict still open; resolve each (take ours, take theirs or give a value) "
            "before using the merged document:",
            "{count} conflicts still open; resolve each (take ours, take theirs or give a "
            "value) before using the merged document:",
            n,
        ).format(count=n)
        return "\n".join([head, *(f"  {p}" for p in self.paths)])

    def __reduce__(self) -> tuple[object, ...]:
        return (UnresolvedConflictsError, (self.paths,))


class NoSuchConflictError(CoparentError, KeyError):
    """A merge has no open conflict at the path given to ``MergeResult.resolve``."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "no such conflict"
