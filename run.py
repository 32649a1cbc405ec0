"""Run a coparent task on a fresh machine with only Python 3.11+ and pip.

    python3 run.py demo    # the example plans, referral and review, and what is made from them
    python3 run.py test    # every check CI runs: lint, typing and the whole test suite

It makes a private virtual environment (.venv-run) with nox in it, then hands over to nox,
which installs what each task needs into its own environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv-run"
NOX = "nox>=2024.10.9"
TASKS = {
    "demo": ["-s", "demo"],
    "test": ["-t", "ci"],
}


def _venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def main(argv: list[str]) -> int:
    if len(argv) < 1 or argv[0] not in TASKS:
        print(f"usage: python3 run.py {{{'|'.join(TASKS)}}} [nox arguments]", file=sys.stderr)
        return 2
    python = _venv_python()
    if not python.exists():
        print(f"Setting up {VENV.name} (once)...", flush=True)
        venv.create(VENV, with_pip=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", NOX],
        check=True,
    )
    command = [str(python), "-m", "nox", "-f", str(ROOT / "noxfile.py"), *TASKS[argv[0]], *argv[1:]]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    if sys.version_info < (3, 11):  # noqa: UP036 - run.py must say this on an old Python too
        sys.exit("coparent needs Python 3.11 or newer.")
    raise SystemExit(main(sys.argv[1:]))
