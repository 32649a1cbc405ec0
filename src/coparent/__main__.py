"""``python -m coparent``: the command line."""

from .cli import main

raise SystemExit(main())
