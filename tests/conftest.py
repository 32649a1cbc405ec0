"""Shared pytest configuration: Hypothesis profiles (CI runs the thorough one), and fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile(
    "dev",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# A smoke run that finds failures fast: few examples, no shrinking (HYPOTHESIS_PROFILE=quick).
settings.register_profile(
    "quick",
    max_examples=10,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    """A folder with the review meeting's three versions: sian.json, tom.json, agreed.json."""
    import coparent
    from coparent._demo_data import last_agreed_version, parent_a_version, parent_b_version

    coparent.dump(parent_a_version(), tmp_path / "sian.json")
    coparent.dump(parent_b_version(), tmp_path / "tom.json")
    coparent.dump(last_agreed_version(), tmp_path / "agreed.json")
    return tmp_path
