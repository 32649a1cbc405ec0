"""A generated fast path for structuring valid documents.

For every attrs class reachable from the documents this writes one plain Python function that
checks each field inline (exact types, enum values, canonical dates) and builds the object. It
knows nothing about error messages: on the first problem of any kind it gives up, and the
converter runs its careful path, which finds and reports every problem by path. The careful path
is the specification; a property test proves both paths give the same result.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

from .model._base import Choice, default_factory


class _Missing:
    """The type of :data:`MISSING`: a field the input leaves out."""


MISSING = _Missing()


class _Generator:
    def __init__(self, leaf_hooks: dict[type[Any], Callable[[Any, Any], Any]], tag: str) -> None:
        self.ns: dict[str, Any] = {
            "_MISSING": MISSING,
            "_text_ok": _text_ok,
            "_TAG": tag,
            "_SLOW": Slow,
        }
        self.leaf_hooks = leaf_hooks
        self.sources: list[str] = []
        self.done: set[str] = set()
        self.counter = 0

    def fresh(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def bind(self, prefix: str, value: Any) -> str:
        name = self.fresh(prefix)
        self.ns[name] = value
        return name

    def class_function(self, cls: type[Any]) -> str:
        name = f"_fast_{cls.__module__.replace('.', '_')}_{cls.__name__}"
        if name in self.done:
            return name
        self.done.add(name)
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
        cls_name = self.bind("_C", cls)
        lines = [f"def {name}(d):", "    if type(d) is not dict: raise _SLOW", "    n = 0"]
        args = []
        for a in fields:
            src = f"s_{a.name}"
            dst = f"v_{a.name}"
            if a.default is attrs.NOTHING:
                lines.append(f"    {src} = d[{a.name!r}]")
                lines.append("    n += 1")
                lines += self.check(a.type, src, dst, "    ")
            else:
                lines.append(f"    {src} = d.get({a.name!r}, _MISSING)")
                lines.append(f"    if {src} is _MISSING:")
                factory = default_factory(a)
                if factory is not None:
                    lines.append(f"        {dst} = {self.bind('_F', factory)}()")
                else:
                    default = self.bind("_D", a.default)
                    lines.append(f"        {dst} = {default}")
                lines.append("    else:")
                lines.append("        n += 1")
                lines += self.check(a.type, src, dst, "        ")
            args.append(f"{a.name}={dst}")
        lines.append("    if len(d) != n: raise _SLOW")
        lines.append(f"    return {cls_name}({', '.join(args)})")
        self.sources.append("\n".join(lines))
        return name

    def union_function(self, members: list[type[Any]]) -> str:
        name = self.fresh("_fast_union")
        lines = [
            f"def {name}(d):",
            "    if type(d) is not dict: raise _SLOW",
            "    tag = d[_TAG]",
            "    rest = {k: v for k, v in d.items() if k != _TAG}",
        ]
        for member in members:
            lines.append(
                f"    if tag == {member.TAG!r}: return {self.class_function(member)}(rest)"
            )
        lines.append("    raise _SLOW")
        self.sources.append("\n".join(lines))
        return name

    def check(self, tp: Any, src: str, dst: str, ind: str) -> list[str]:
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            args = typing.get_args(tp)
            members = [m for m in args if m is not type(None)]
            optional = len(members) < len(args)
            inner: list[str]
            if len(members) == 1:
                inner = self.check(members[0], src, dst, ind + ("    " if optional else ""))
            else:
                fn = self.union_function(members)
                inner = [f"{ind}{'    ' if optional else ''}{dst} = {fn}({src})"]
            if not optional:
                return inner
            return [f"{ind}if {src} is None:", f"{ind}    {dst} = None", f"{ind}else:", *inner]
        if origin is tuple:
            item = typing.get_args(tp)[0]
            head = [
                f"{ind}if type({src}) is not list and type({src}) is not tuple: raise _SLOW",
            ]
            if item is str:
                return [
                    *head,
                    f"{ind}for _i in {src}:",
                    f"{ind}    if type(_i) is not str or not (_i.isascii() or _text_ok(_i)):",
                    f"{ind}        raise _SLOW",
                    f"{ind}{dst} = tuple({src})",
                ]
            if isinstance(item, type) and issubclass(item, Choice):
                table = self.bind("_M", dict(item._value2member_map_))
                return [*head, f"{ind}{dst} = tuple([{table}[_i] for _i in {src}])"]
            if attrs.has(item):
                fn = self.class_function(item)
                return [*head, f"{ind}{dst} = tuple([{fn}(_i) for _i in {src}])"]
            hook = self.bind("_H", self.leaf_hooks[item])
            return [*head, f"{ind}{dst} = tuple([{hook}(_i, None) for _i in {src}])"]
        if tp is str:
            return [
                f"{ind}if type({src}) is not str or not ({src}.isascii() or _text_ok({src})):",
                f"{ind}    raise _SLOW",
                f"{ind}{dst} = {src}",
            ]
        if tp is int or tp is bool:
            return [f"{ind}if type({src}) is not {tp.__name__}: raise _SLOW", f"{ind}{dst} = {src}"]
        if isinstance(tp, type) and issubclass(tp, Choice):
            table = self.bind("_M", dict(tp._value2member_map_))
            return [f"{ind}{dst} = {table}[{src}]"]
        if attrs.has(tp):
            return [f"{ind}{dst} = {self.class_function(tp)}({src})"]
        hook = self.bind("_H", self.leaf_hooks[tp])
        return [f"{ind}{dst} = {hook}({src}, None)"]


class Slow(Exception):
    """The fast path met something it does not handle; the careful path takes over."""


def _text_ok(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def build(
    classes: list[type[Any]], leaf_hooks: dict[type[Any], Callable[[Any, Any], Any]], tag: str
) -> dict[type[Any], Callable[[Any], Any]]:
    """Generate the fast structuring function of each class in ``classes``."""
    gen = _Generator(leaf_hooks, tag)
    names = {cls: gen.class_function(cls) for cls in classes}
    source = "\n\n".join(gen.sources)
    code = compile(source, "<coparent fast path>", "exec")
    exec(code, gen.ns)  # the source is generated above from the model's own classes
    return {cls: gen.ns[name] for cls, name in names.items()}
