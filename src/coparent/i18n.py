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
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_LOCALE",
    "N_",
    "PSEUDO_LOCALE",
    "_",
    "active_locale",
    "available_locales",
    "babel_locale",
    "document_locale",
    "resolve_locale",
    "translate",
    "translate_schema",
    "use_locale",
]

#: The source language: every msgid is English.
DEFAULT_LOCALE = "en"
#: The pseudo-locale (bracketed English), generated from the ``.pot`` to prove that every
#: string goes through the catalogue. Not a language a reader asks for.
PSEUDO_LOCALE = "en_XA"
DOMAIN = "coparent"
LOCALE_DIR = Path(__file__).parent / "locale"

_active: ContextVar[str] = ContextVar("coparent_locale", default=DEFAULT_LOCALE)


def N_(text: str) -> str:
    """Mark ``text`` for extraction without translating it (for constants read later)."""
    return text


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
    name = _active.get() if locale is None else resolve_locale(locale)
    if name == DEFAULT_LOCALE:
        return text
    return _catalogue(name).gettext(text)


def _(text: str) -> str:
    """``text`` in the active locale: the marker the extractor looks for."""
    return translate(text)


def active_locale() -> str:
    """The locale the outputs are rendering in now (``"en"`` outside any output)."""
    return _active.get()


@contextmanager
def use_locale(locale: str | None) -> Iterator[str]:
    """Render in ``locale`` (resolved; English when it has no catalogue) inside the block."""
    name = resolve_locale(locale)
    token = _active.set(name)
    try:
        yield name
    finally:
        _active.reset(token)


def babel_locale(locale: str | None = None) -> str:
    """The Babel locale for dates and numbers: the catalogue's language where Babel knows it
    (``"cy"``), British English otherwise (and for the pseudo-locale)."""
    name = _active.get() if locale is None else resolve_locale(locale)
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
