"""Build the message catalogues: extract, update, compile, and make the pseudo-locale.

Run by ``nox -s translations`` (``python -m coparent._catalogues``). Messages come from two
places:

- the model's spec tree (:func:`model_messages`): every class title and description, every
  field title and description, every choice label, each document kind's name, and the
  JSON Schema's ``$defs`` titles and descriptions (the class's name in words and its
  docstring summary), and each class's cross-field rules (its ``RULES``);
- the source: strings marked with ``_()`` or ``N_()`` in coparent's modules (the fixed phrases
  of ``render/``, ``formatting.py`` and ``errors.py``).

:func:`extract_model` is also a Babel extractor (entry point ``coparent_model``), so
``pybabel extract -F babel.cfg`` finds the model's messages as well.

The English source text is the msgid. ``coparent.pot`` is rewritten from scratch; each
language's ``.po`` is updated from it (new messages added untranslated, gone ones marked
obsolete) and compiled to ``.mo``. The pseudo-locale ``en_XA`` is generated, never edited.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from .i18n import DOMAIN, LOCALE_DIR, PSEUDO_LOCALE

__all__ = ["build", "extract_model", "model_messages", "pseudo_translate"]

SOURCE_DIR = Path(__file__).parent
POT = LOCALE_DIR / f"{DOMAIN}.pot"
#: The date written into every generated header, so that rebuilding unchanged catalogues
#: changes no byte (a moving date would make every run a diff).
_STAMP = datetime(2026, 11, 30, tzinfo=UTC)
_PLACEHOLDER = re.compile(r"\{\w*\}|%(?:\(\w+\))?[sd]")


def _roots() -> list[type[Any]]:
    from .convert import DOCUMENT_TYPES

    return list(DOCUMENT_TYPES.values())


def model_messages() -> Iterator[tuple[str, str]]:
    """Each message the model owns, with where it comes from (``"ParentingPlan.status"``)."""
    from .model.introspect import all_classes, choice_classes, docstring_summary
    from .schema import noun_title

    roots = _roots()
    for spec in all_classes(*roots):
        where = spec.cls.__name__
        if spec.kind:
            yield spec.kind.replace("_", " ").capitalize(), f"{where} (document kind)"
        yield noun_title(where), f"{where} (schema title)"
        yield docstring_summary(spec.cls), f"{where} (schema description)"
        yield spec.title, where
        yield spec.description, where
        for f in spec.fields:
            yield f.title, f"{where}.{f.name}"
            yield f.description, f"{where}.{f.name}"
        for name, rule in spec.rules:
            yield rule, f"{where}.{name} (rule)"
    for choice in choice_classes(*roots):
        yield docstring_summary(choice).rstrip("."), f"{choice.__name__} (summary)"
        yield noun_title(choice.__name__), f"{choice.__name__} (schema title)"
        yield docstring_summary(choice), f"{choice.__name__} (schema description)"
        for value, label in choice.labels().items():
            yield label, f"{choice.__name__}.{value}"


def extract_model(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """A Babel extractor: the model's messages, whatever file it is pointed at."""
    del fileobj, keywords, comment_tags, options
    for text, where in model_messages():
        if text:
            yield 0, None, text, [where]


def _source_messages() -> Iterator[tuple[str | tuple[str, str], str, int]]:
    from babel.messages.extract import extract_from_dir

    keywords = {"_": None, "N_": None, "P_": None, "ngettext": (1, 2)}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SOURCE_DIR),
        method_map=[("**.py", "python")],
        keywords=keywords,
        comment_tags=("TRANSLATORS:",),
    ):
        if isinstance(message, str) and message:
            yield message, filename, lineno
        elif isinstance(message, tuple) and len(message) == 2 and all(message):
            yield (str(message[0]), str(message[1])), filename, lineno


def _operation_messages() -> Iterator[tuple[str, str]]:
    """The labels of the choices the operations report with (a section agreed or differing,
    why a merge conflicts, how it was resolved, which rule made a period, a calendar event's
    kind): the diff, merge and calendar outputs show them."""
    from ._tree import ABSENT
    from .checks import Severity
    from .differences import DETAILS_TITLE, SectionStatus, Side
    from .merging import ConflictKind, ResolutionChoice
    from .scheduling import EventKind, PeriodSource

    yield ABSENT, "a value not in one version (diffs and merges)"
    yield DETAILS_TITLE, "the section of a document's own details (diffs and merges)"
    choices = (
        SectionStatus,
        Side,
        ConflictKind,
        ResolutionChoice,
        EventKind,
        PeriodSource,
        Severity,
    )
    for choice in choices:
        for value, label in choice.labels().items():
            yield label, f"{choice.__name__}.{value}"


def extract() -> Any:
    """The template catalogue: every message, from the model and the marked source."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(project="coparent", domain=DOMAIN, fuzzy=False, creation_date=_STAMP)
    for text, where in model_messages():
        if text:
            catalog.add(text, auto_comments=[where])
    for text, where in _operation_messages():
        catalog.add(text, auto_comments=[where])
    for message, filename, lineno in _source_messages():
        catalog.add(message, locations=[(f"coparent/{filename}", lineno)])
    return catalog


def pseudo_translate(text: str) -> str:
    """``"Status: {name}"`` -> ``"[Status: {name}]"``: bracketed, placeholders kept."""
    return f"[{text}]"


def _write_po(path: Path, catalog: Any) -> None:
    from babel.messages.pofile import write_po

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        write_po(out, catalog, width=100, omit_header=False, sort_output=True)


def _read_po(path: Path, locale: str) -> Any:
    from babel.messages.pofile import read_po

    with path.open("rb") as src:
        return read_po(src, locale=locale, domain=DOMAIN)


def _compile(po: Path, catalog: Any) -> None:
    from babel.messages.mofile import write_mo

    with po.with_suffix(".mo").open("wb") as out:
        write_mo(out, catalog, use_fuzzy=False)


def build(languages: Iterable[str] | None = None) -> list[str]:
    """Extract the ``.pot``, update each language's ``.po``, regenerate the pseudo-locale and
    compile every catalogue. Returns the locales compiled."""
    from babel.messages.catalog import Catalog

    template = extract()
    _write_po(POT, template)
    done = []
    if languages is None:
        languages = sorted(
            p.name
            for p in LOCALE_DIR.iterdir()
            if p.is_dir() and p.name != PSEUDO_LOCALE and (p / "LC_MESSAGES").is_dir()
        )
    for lang in languages:
        po = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
        catalog = _read_po(po, lang) if po.exists() else Catalog(locale=lang, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        _write_po(po, catalog)
        _compile(po, catalog)
        done.append(lang)
    pseudo = Catalog(
        locale="en",
        domain=DOMAIN,
        project="coparent",
        fuzzy=False,
        creation_date=_STAMP,
        revision_date=_STAMP,
    )
    for message in template:
        if isinstance(message.id, tuple):
            pseudo.add(message.id, tuple(pseudo_translate(str(i)) for i in message.id))
        elif message.id:
            pseudo.add(message.id, pseudo_translate(str(message.id)))
    po = LOCALE_DIR / PSEUDO_LOCALE / "LC_MESSAGES" / f"{DOMAIN}.po"
    _write_po(po, pseudo)
    _compile(po, pseudo)
    done.append(PSEUDO_LOCALE)
    return done


def placeholders(text: str) -> list[str]:
    """The placeholders in a message (``{name}``, ``%s``), sorted: a translation keeps them."""
    return sorted(_PLACEHOLDER.findall(text))


if __name__ == "__main__":  # pragma: no cover - run by nox -s translations
    print("compiled:", ", ".join(build(sys.argv[1:] or None)))
