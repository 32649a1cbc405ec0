"""The generated converter's compiled code, kept on disk as CPython keeps a module's bytecode.

Compiling the source :mod:`._converter_code` writes for a document class is most of the first
load in a new process (about 200 ms of 340 for the example plan). So, as CPython does with
``.pyc`` files, the code object is written once beside coparent's own bytecode (the package's
``__pycache__``, or under ``sys.pycache_prefix``), named by a hash of everything it is compiled
from (the interpreter's bytecode version, the file name and the source), and read back by a later
process that writes the same source. It is as trusted as those ``.pyc`` files, in the same
folder. It is written as coparent writes every file (:func:`._files.write_atomic`: a temporary
file renamed over the target, never through a symbolic link). Nothing is written where bytecode
is not (``PYTHONDONTWRITEBYTECODE``) or the folder is not writable; a file that does not read
back whole, with its checksum, is ignored and the source compiled again.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
from pathlib import Path
from types import CodeType

from ._files import write_atomic
from .errors import FileRefusedError

__all__ = ["compiled"]

_MAGIC = b"coparent converter code\n"


def compiled(source: str, filename: str) -> CodeType:
    """``compile(source, filename, "exec")``, read from the cache when it holds it."""
    key = hashlib.sha256(
        importlib.util.MAGIC_NUMBER + filename.encode() + b"\0" + source.encode()
    ).hexdigest()
    try:
        path = folder() / f"converter-{key[:32]}.bin"
    except NotImplementedError:  # an interpreter that keeps no bytecode
        return compile(source, filename, "exec")
    code = _read(path, key, filename)
    if code is None:
        code = compile(source, filename, "exec")
        if not sys.dont_write_bytecode:
            _write(path, key, code)
    return code


def folder() -> Path:
    """Where the code is kept: the folder CPython writes this module's bytecode to."""
    return Path(importlib.util.cache_from_source(__file__)).parent


def _read(path: Path, key: str, filename: str) -> CodeType | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = _MAGIC + key.encode() + b"\n"
    start = len(head) + 32  # then the SHA-256 of the marshalled code, then the code
    payload = data[start:]
    if not data.startswith(head) or hashlib.sha256(payload).digest() != data[len(head) : start]:
        return None
    try:
        code = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(code, CodeType) or code.co_filename != filename:
        return None
    return code


def _write(path: Path, key: str, code: CodeType) -> None:
    payload = marshal.dumps(code)
    data = _MAGIC + key.encode() + b"\n" + hashlib.sha256(payload).digest() + payload
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)  # whole or not at all, as another process may read it
        # Readable by whoever may read coparent's own files, as CPython's bytecode is.
        os.chmod(path, (Path(__file__).stat().st_mode & 0o666) | 0o200)
    except (OSError, FileRefusedError):
        pass  # not writable here (or not a regular file): the next process compiles again
