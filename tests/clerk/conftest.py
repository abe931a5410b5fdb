"""Fixtures for the clerk tests: a store in the test's SHUIFA_HOME (see tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from shuifa.store import Store


@pytest.fixture
def store(shuifa_home: Path) -> Iterator[Store]:
    s = Store.open(shuifa_home / "shuifa.db", backup=False)
    yield s
    s.close()
