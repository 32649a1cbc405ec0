"""Schema versions of saved documents and the migrations that upgrade older ones.

Every saved document carries ``kind`` and ``schema_version``. Loading an older document runs
the registered migration steps, one version at a time, before the document is structured;
loading a document from a newer coparent is refused with a clear error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["Migration", "migrate", "register_migration", "registered_migrations"]

#: A migration takes the JSON object of version N (without kind and version) and returns
#: that of version N+1.
Migration = Callable[[dict[str, Any]], dict[str, Any]]

_MIGRATIONS: dict[tuple[str, int], Migration] = {}


def register_migration(kind: str, from_version: int) -> Callable[[Migration], Migration]:
    """Register a function that upgrades ``kind`` documents from ``from_version`` to the next."""

    def decorate(func: Migration) -> Migration:
        key = (kind, from_version)
        if key in _MIGRATIONS:
            raise ValueError(f"a migration for {kind} version {from_version} already exists")
        _MIGRATIONS[key] = func
        return func

    return decorate


def registered_migrations() -> dict[tuple[str, int], Migration]:
    """Every registered migration, keyed by (kind, version it upgrades from)."""
    return dict(_MIGRATIONS)


def migrate(kind: str, version: int, target: int, body: dict[str, Any]) -> dict[str, Any]:
    """Upgrade ``body`` from ``version`` to ``target``; KeyError names a missing step."""
    while version < target:
        step = _MIGRATIONS[(kind, version)]
        body = step(body)
        version += 1
    return body
