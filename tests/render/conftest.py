"""Fixtures for the render tests (data in renderdata.py: a unique module name, so test modules of
other folders never pick up another folder's ``conftest``)."""

from __future__ import annotations

import pytest
from renderdata import filled_report

from shuifa.model import Report


@pytest.fixture
def report() -> Report:
    return filled_report()


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("SHUIFA_HOME", str(tmp_path / "home"))
