"""coparent's own words in the reader's language: gettext catalogues managed with Babel.

Every human-facing string coparent owns (field titles and descriptions, choice labels, the
fixed phrases of the outputs) is English in the source and looked up here in the catalogue of
the active locale. The catalogues live in ``coparent/locale/<locale>/LC_MESSAGES/coparent.mo``
(compiled from the ``.po`` files by ``nox -s translations``) and ship in the wheel.

The outputs choose a locale per call (``to_text(doc, audience=..., locale="cy")``; by
default the document's own ``language``) and make it active with :func:`use_locale` while they
render, so the formatter and every renderer below them translate with :func:`_` without being
handed a locale. A language with no catalogue falls back to English.

User-entered text is never translated: only the strings coparent itself wrote.
"""

from __future__ import annotations

import functools
import gettext
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")
_D = TypeVar("_D")

__all__ = [
    "DEFAULT_LOCALE",
    "N_",
    "PSEUDO_LOCALE",
    "P_",
    "_",
    "active_locale",
    "available_locales",
    "babel_locale",
    "document_locale",
    "fit_words",
    "in_document_locale",
    "ngettext",
    "resolve_locale",
    "translate",
    "translate_path",
    "translate_plural",
    "translate_problem",
    "translate_schema",
    "use_document_locale",
    "use_locale",
]

#: The source language: every msgid is English.
DEFAULT_LOCALE = "en"
#: The pseudo-locale (bracketed English), generated from the ``.pot`` to prove that every
#: string goes through the catalogue. Not a language a reader asks for.
PSEUDO_LOCALE = "en_XA"
DOMAIN = "coparent"
LOCALE_DIR = Path(__file__).parent / "locale"

#: The locale an output (or a caller's :func:`use_locale`) is rendering in; unset outside.
_active: ContextVar[str] = ContextVar("coparent_locale")


def N_(text: str) -> str:
    """Mark ``text`` for extraction without translating it (for constants read later)."""
    return text


#: The problem templates :func:`P_` has marked, in the order they were marked.
_PROBLEMS: list[str] = []


def P_(template: str) -> str:
    """Mark a problem message with named placeholders (``"{value} is not a real date"``) for
    extraction, and register it so that :func:`translate_problem` can read messages made from
    it. Returns ``template`` unchanged: the English is formatted from it as usual."""
    if template not in _PROBLEMS:
        _PROBLEMS.append(template)
        _problem_patterns.cache_clear()
    return template


@functools.cache
def _problem_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """A regular expression per registered template, the most specific (longest words) first."""
    out = []
    for template in _PROBLEMS:
        pieces = re.split(r"\{(\w+)\}", template)
        regex = "".join(
            re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>.+?)"
            for i, piece in enumerate(pieces)
        )
        out.append((re.compile(regex, re.DOTALL), template))
    words = {t: len(re.sub(r"\{\w+\}", "", t)) for t in _PROBLEMS}
    return tuple(sorted(out, key=lambda pair: -words[pair[1]]))


def translate_problem(message: str, locale: str | None = None) -> str:
    """An English problem message (as errors and ``ErrorDetail.message`` hold it) in
    ``locale`` (default: the active locale).

    A message that is a msgid is looked up; one made from a template marked with :func:`P_`
    is matched against it, and the translated template is filled with the same values, each
    value translated in turn where it is itself a message (``"a number"``). Values people
    typed, quoted in the message, are never translated. Anything else is left in English.
    """
    name = _active.get(DEFAULT_LOCALE) if locale is None else resolve_locale(locale)
    if name == DEFAULT_LOCALE or not message:
        return message
    found = translate(message, name)
    if found != message:
        return found
    for pattern, template in _problem_patterns():
        match = pattern.fullmatch(message)
        if match is not None:
            values = {k: _problem_value(v, name) for k, v in match.groupdict().items()}
            return translate(template, name).format(**values)
    return message


def _problem_value(value: str, locale: str) -> str:
    """A value inside a problem message in ``locale``: a message in its own right, or a
    choice's label written in lower case (``"closed"``), translated; anything else unchanged."""
    found = translate_problem(value, locale)
    if found == value and value[:1].islower():
        label = value[:1].upper() + value[1:]
        named = translate(label, locale)
        if named != label:
            return named[:1].lower() + named[1:]
    return found


@functools.cache
def available_locales() -> tuple[str, ...]:
    """The locales with a compiled catalogue (``("cy", "en_XA")``), English not included."""
    if not LOCALE_DIR.is_dir():
        return ()
    return tuple(
        sorted(
            p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
        )
    )


def resolve_locale(locale: str | None) -> str:
    """The catalogue to use for a language tag: ``"cy-GB"`` -> ``"cy"``; ``"pl"`` (no
    catalogue yet), ``""`` or ``None`` -> ``"en"``."""
    if not locale:
        return DEFAULT_LOCALE
    tag = str(locale).replace("-", "_")
    known = {name.lower(): name for name in available_locales()}
    for candidate in (tag, tag.split("_")[0]):
        if candidate.lower() in known:
            return known[candidate.lower()]
    return DEFAULT_LOCALE


def document_locale(obj: Any, locale: str | None = None) -> str:
    """The locale an output uses: ``locale`` if given, else the document's ``language``
    (the outputs' rule), resolved with :func:`resolve_locale`."""
    if locale is None:
        language = getattr(obj, "language", None)
        locale = language if isinstance(language, str) else None
    return resolve_locale(locale)


@functools.cache
def _catalogue(locale: str) -> gettext.NullTranslations:
    if locale == DEFAULT_LOCALE:
        return gettext.NullTranslations()
    from babel.support import Translations

    found = Translations.load(str(LOCALE_DIR), [locale], domain=DOMAIN)
    return found if isinstance(found, gettext.NullTranslations) else gettext.NullTranslations()


def translate(text: str, locale: str | None = None) -> str:
    """``text`` (an English msgid) in ``locale`` (default: the active locale).

    Text with no translation, and every locale without a catalogue, give ``text`` unchanged.
    """
    if not text:
        return text
    name = _active.get(DEFAULT_LOCALE) if locale is None else resolve_locale(locale)
    if name == DEFAULT_LOCALE:
        return text
    return _catalogue(name).gettext(text)


def _(text: str) -> str:
    """``text`` in the active locale: the marker the extractor looks for."""
    return translate(text)


def translate_plural(singular: str, plural: str, n: int, locale: str | None = None) -> str:
    """The form of a message for the count ``n`` in ``locale`` (default: the active locale).

    Each language has its own number of forms (English 2, Welsh 6: ``n`` = 0, 1, 2, 3, 6 and
    the rest, from CLDR through Babel), so a count is never glued to a word in the source.
    """
    name = _active.get(DEFAULT_LOCALE) if locale is None else resolve_locale(locale)
    if name == DEFAULT_LOCALE:
        return singular if n == 1 else plural
    return _catalogue(name).ngettext(singular, plural, n)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The plural marker: :func:`translate_plural` in the active locale. Format the result
    with the count, ``ngettext("{count} conflict", "{count} conflicts", n).format(count=n)``."""
    return translate_plural(singular, plural, n)


#: What joins the titles along a path in a diff's or merge's labels (``Health > Allergies``).
PATH_JOIN = " > "


def translate_path(label: str, locale: str | None = None) -> str:
    """A label made of titles along a path (``"Children > Mia > Date of birth"``) with each
    title that is one of coparent's messages translated; names people typed stay as they are."""
    return PATH_JOIN.join(translate(part, locale) for part in label.split(PATH_JOIN))


def active_locale() -> str:
    """The locale the outputs are rendering in now (``"en"`` outside any output)."""
    return _active.get(DEFAULT_LOCALE)


@contextmanager
def use_locale(locale: str | None) -> Iterator[str]:
    """Render in ``locale`` (resolved; English when it has no catalogue) inside the block."""
    name = resolve_locale(locale)
    token = _active.set(name)
    try:
        yield name
    finally:
        _active.reset(token)


@contextmanager
def use_document_locale(obj: Any) -> Iterator[str]:
    """Inside an output or a caller's :func:`use_locale`, keep that locale; otherwise use the
    document's own ``language``. For text made ahead of any output, such as a calendar's
    event titles: ``with use_locale("cy"): coparent.calendar(...)`` writes them in Welsh."""
    current = _active.get(None)
    if current is not None:
        yield current
        return
    with use_locale(document_locale(obj)) as name:
        yield name


def in_document_locale(
    func: Callable[Concatenate[_D, _P], _R],
) -> Callable[Concatenate[_D, _P], _R]:
    """Run ``func(document, ...)`` in :func:`use_document_locale` of its first argument: the
    text it makes (a calendar's event titles) reads in the family's language."""

    @functools.wraps(func)
    def run(document: _D, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with use_document_locale(document):
            return func(document, *args, **kwargs)

    return run


def babel_locale(locale: str | None = None) -> str:
    """The Babel locale for dates and numbers: the catalogue's language where Babel knows it
    (``"cy"``), British English otherwise (and for the pseudo-locale)."""
    name = _active.get(DEFAULT_LOCALE) if locale is None else resolve_locale(locale)
    if name in (DEFAULT_LOCALE, PSEUDO_LOCALE):
        return "en_GB"
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        return "en_GB"
    return name


#: The keys of a JSON Schema or UI schema whose text a person reads.
_SCHEMA_TEXT_KEYS = frozenset({"title", "description", "ui:title", "ui:help", "ui:description"})


def translate_schema(node: Any, locale: str | None) -> Any:
    """A JSON Schema or UI schema (a fresh copy) with every title, description and help text
    in ``locale``; values, examples, patterns and defaults are left as they are."""
    name = resolve_locale(locale)
    if isinstance(node, dict):
        return {
            k: translate(v, name)
            if k in _SCHEMA_TEXT_KEYS and isinstance(v, str)
            else translate_schema(v, name)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [translate_schema(v, name) for v in node]
    return node


#: Per language, the small words that change before a vowel: Welsh *a* (and) -> *ac*,
#: *â* (with, as) -> *ag*, *gyda* (with) -> *gydag*, *na* (than, nor) -> *nag*.
_BEFORE_VOWEL: dict[str, dict[str, str]] = {
    "cy": {"a": "ac", "â": "ag", "gyda": "gydag", "na": "nag"},
}
#: The Welsh vowels (w and y are vowels in Welsh), with their accents.
_VOWELS = frozenset("aeiouwyáéíóúẃýâêîôûŵŷäëïöüẅÿàèìòùẁỳ")
#: A word, one space, then a placeholder: ``a {b}``.
_WORD_BEFORE_PLACEHOLDER = re.compile(r"(?<![\w'’])(\w+) \{(\w+)\}")


def starts_with_vowel(text: str) -> bool:
    """Whether ``text`` begins (after spaces and opening punctuation) with a vowel letter."""
    for ch in text:
        if ch.isalpha():
            return ch.lower() in _VOWELS
        if ch.isdigit():
            return False
    return False


def fit_words(pattern: str, locale: str | None = None, **values: object) -> str:
    """``pattern.format(**values)``, with each small word that stands right before a
    placeholder fitted to the value that follows it, as the language requires: in Welsh
    ``"{a} a {b}"`` gives ``"Siân a Tom"`` but ``"Siân ac Owen"``.

    Only the translator's own words next to a placeholder change, never the values: what
    people typed is left as it is. Languages with no such rule format as usual.
    """
    name = _active.get(DEFAULT_LOCALE) if locale is None else resolve_locale(locale)
    table = _BEFORE_VOWEL.get(name)
    if table:

        def fit(match: re.Match[str]) -> str:
            word, key = match.group(1), match.group(2)
            swap = table.get(word.lower())
            if swap is not None and starts_with_vowel(str(values.get(key, ""))):
                word = swap.capitalize() if word[0].isupper() else swap
            return f"{word} {{{key}}}"

        pattern = _WORD_BEFORE_PLACEHOLDER.sub(fit, pattern)
    return pattern.format(**values)
