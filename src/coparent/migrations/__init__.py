"""The steps that upgrade saved documents from one schema version to the next.

Each kind has one function per version step, registered with
:func:`coparent.versions.register_migration`. A step is a list of small, pure JSON-to-JSON
changes, one per concern (the case record, the plan's areas, the schedule), applied in order.
Migrations name the JSON keys of old versions, so they live here and not in the model.
Importing this package registers them; :mod:`coparent.convert` imports it before upgrading.
"""

from __future__ import annotations

from . import v1_to_v2

__all__ = ["v1_to_v2"]
