"""Schema versions of saved documents and the migrations that upgrade older ones.

Every saved document carries ``kind`` and ``schema_version``. Loading an older document runs
the registered migration steps, one version at a time, before the document is structured;
loading a document from a newer coparent is refused with a clear error.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import attrs

__all__ = [
    "Migration",
    "SchemaChange",
    "breaking_changes",
    "migrate",
    "register_migration",
    "registered_migrations",
    "unmigrated_changes",
]

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


# --- comparing schema versions ---------------------------------------------------------------


@attrs.frozen(kw_only=True)
class SchemaChange:
    """A change between two versions of a schema that makes some old documents invalid.

    ``path`` points into the documents (``*`` stands for every item of a list), ``message``
    says what changed.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path or '/'}: {self.message}"


def breaking_changes(old: dict[str, Any], new: dict[str, Any]) -> tuple[SchemaChange, ...]:
    """Every change from schema ``old`` to schema ``new`` that an old document could fail.

    Found: a removed field, a field that becomes required (or a new required field), a type,
    choice or tagged option no longer allowed, a raised minimum or lowered maximum, a closed
    object that was open, and any changed ``pattern``, ``format`` or ``const`` (which cannot be
    proved wider, so count as breaking). The ``schema_version`` of the envelope is left out:
    it changes with every version.
    """
    comparer = _Comparer(old, new)
    comparer.compare(old, new, "", top=True)
    return tuple(comparer.changes)


def unmigrated_changes(
    kind: str,
    released_version: int,
    released: dict[str, Any],
    current_version: int,
    current: dict[str, Any],
) -> tuple[SchemaChange, ...]:
    """The breaking changes since the last released schema that no migration covers.

    Empty when nothing breaks, or when the version was bumped and a migration is registered
    for every step from ``released_version`` to ``current_version``. Otherwise each change
    says what to do: bump ``SCHEMA_VERSION`` and register the missing migration steps.
    """
    if current_version < released_version:
        return (
            SchemaChange(
                path="/schema_version",
                message=(
                    f"the current version ({current_version}) is older than the released "
                    f"one ({released_version})"
                ),
            ),
        )
    changes = breaking_changes(released, current)
    if not changes:
        return ()
    if current_version == released_version:
        advice = (
            f"breaks documents of released version {released_version}: bump {kind}'s "
            f"SCHEMA_VERSION and register a migration from version {released_version}"
        )
    else:
        missing = [
            v for v in range(released_version, current_version) if (kind, v) not in _MIGRATIONS
        ]
        if not missing:
            return ()
        steps = ", ".join(f"{v} -> {v + 1}" for v in missing)
        advice = f"no migration registered for {kind} step {steps}"
    return tuple(SchemaChange(path=c.path, message=f"{c.message} ({advice})") for c in changes)


def _types(schema: dict[str, Any]) -> set[str] | None:
    found = schema.get("type")
    if found is None:
        return None
    return set(found) if isinstance(found, list) else {found}


class _Comparer:
    def __init__(self, old_root: dict[str, Any], new_root: dict[str, Any]) -> None:
        self.roots = (old_root, new_root)
        self.changes: list[SchemaChange] = []
        self.seen: set[tuple[str, str]] = set()

    def add(self, path: str, message: str) -> None:
        self.changes.append(SchemaChange(path=path, message=message))

    def resolve(self, schema: dict[str, Any], which: int) -> tuple[dict[str, Any], str | None]:
        name = None
        while "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[1]
            schema = self.roots[which].get("$defs", {})[name]
        return schema, name

    def compare(
        self,
        old: dict[str, Any],
        new: dict[str, Any],
        path: str,
        *,
        top: bool = False,
        options_done: bool = False,
    ) -> None:
        old, old_name = self.resolve(old, 0)
        new, new_name = self.resolve(new, 1)
        if old_name is not None and new_name is not None:
            if (old_name, new_name) in self.seen:
                return
            self.seen.add((old_name, new_name))
        if not options_done:
            self.compare_options((old, old_name), (new, new_name), path)
        if "const" in old and old.get("const") != new.get("const"):
            self.add(path, f"the value {old['const']!r} is no longer the one allowed")
        old_types, new_types = _types(old), _types(new)
        if old_types is not None and new_types is not None and old_types - new_types:
            lost = ", ".join(sorted(old_types - new_types))
            self.add(path, f"no longer accepts {lost}")
        for key in ("pattern", "format"):
            if key in new and new.get(key) != old.get(key):
                self.add(path, f"{key} changed from {old.get(key)!r} to {new[key]!r}")
        if "minimum" in new and new["minimum"] > old.get("minimum", float("-inf")):
            self.add(path, f"minimum raised to {new['minimum']}")
        if "maximum" in new and new["maximum"] < old.get("maximum", float("inf")):
            self.add(path, f"maximum lowered to {new['maximum']}")
        for key in ("minLength", "minItems"):
            if key in new and new[key] > old.get(key, 0):
                self.add(path, f"{key} raised to {new[key]}")
        for key in ("maxLength", "maxItems"):
            if key in new and new[key] < old.get(key, float("inf")):
                self.add(path, f"{key} lowered to {new[key]}")
        if new.get("uniqueItems") is True and old.get("uniqueItems") is not True:
            self.add(path, "no longer accepts a value listed twice")
        if "items" in old and "items" in new:
            self.compare(old["items"], new["items"], f"{path}/*")
        self.compare_object(old, new, path, top=top)

    def compare_object(
        self, old: dict[str, Any], new: dict[str, Any], path: str, *, top: bool
    ) -> None:
        if "properties" not in old or "properties" not in new:
            return
        if (
            new.get("additionalProperties") is False
            and old.get("additionalProperties") is not False
        ):
            self.add(path, "no longer accepts fields it does not name")
        for name, old_prop in old["properties"].items():
            if top and name == "schema_version":
                continue
            if name not in new["properties"]:
                self.add(f"{path}/{name}", "field removed")
            else:
                self.compare(old_prop, new["properties"][name], f"{path}/{name}")
        for name in sorted(set(new.get("required", ())) - set(old.get("required", ()))):
            what = "new required field" if name not in old["properties"] else "now required"
            self.add(f"{path}/{name}", what)

    def compare_options(
        self,
        old: tuple[dict[str, Any], str | None],
        new: tuple[dict[str, Any], str | None],
        path: str,
    ) -> None:
        old_consts, new_consts = _consts(old[0]), _consts(new[0])
        if old_consts is not None:
            for value in sorted(old_consts - (new_consts or set())):
                self.add(path, f"choice {value!r} removed")
            return
        old_options, new_options = _options(old[0]), _options(new[0])
        if old_options is None and new_options is None:
            return
        # A node without anyOf/oneOf counts as its own single option (a field may become
        # optional, and an optional field may stop being optional).
        olds = (
            [(o, self.key(o, 0)) for o in old_options]
            if old_options
            else [(None, self.key_of(*old))]
        )
        news = (
            {self.key(o, 1): o for o in new_options} if new_options else {self.key_of(*new): None}
        )
        for option, key in olds:
            if key not in news:
                self.add(path, f"{key[1]} is no longer allowed")
                continue
            matched = news[key]
            self.compare(
                option if option is not None else old[0],
                matched if matched is not None else new[0],
                path,
                options_done=option is None and matched is None,
            )

    def key(self, option: dict[str, Any], which: int) -> tuple[str, str]:
        return self.key_of(*self.resolve(option, which))

    @staticmethod
    def key_of(resolved: dict[str, Any], name: str | None) -> tuple[str, str]:
        if resolved.get("type") == "null":
            return ("null", "null")
        tag = resolved.get("properties", {}).get("type", {}).get("const")
        if tag is not None:
            return ("tag", f"the kind {tag!r}")
        if name is not None:
            return ("ref", f"a {name}")
        return ("value", "the value")


def _options(schema: dict[str, Any]) -> list[dict[str, Any]] | None:
    if _consts(schema) is not None:
        return None
    for keyword in ("anyOf", "oneOf"):
        if keyword in schema:
            return list(schema[keyword])
    return None


def _consts(schema: dict[str, Any]) -> set[Any] | None:
    options = schema.get("oneOf")
    if options and all("const" in o for o in options):
        return {o["const"] for o in options}
    return None


# The upgrade steps in coparent.migrations register themselves on import; loading them here,
# once register_migration exists, means every reader of saved documents has them.
importlib.import_module("coparent.migrations")
