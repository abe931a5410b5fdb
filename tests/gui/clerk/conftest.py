"""Fixtures for the clerk dialogs: a store, scripted answers to message boxes, and the test data
of tests/clerk (clerkdata.py)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "clerk"))

from shuifa.gui import messages  # noqa: E402
from shuifa.store import Store  # noqa: E402


@pytest.fixture
def store(shuifa_home: Path) -> Iterator[Store]:
    s = Store.open(shuifa_home / "shuifa.db", backup=False)
    yield s
    s.close()


class Answers:
    """Answers message boxes by a rule per question text; records what was shown."""

    def __init__(self) -> None:
        self.rules: list[tuple[str, str]] = []
        self.shown: list[messages.Message] = []

    def when(self, text_part: str, button: str) -> None:
        self.rules.append((text_part, button))

    def __call__(self, msg: messages.Message) -> str | None:
        self.shown.append(msg)
        for part, button in self.rules:
            if part in msg.text:
                return button
        return None  # the default button

    def texts(self) -> list[str]:
        return [m.text for m in self.shown]


@pytest.fixture
def answers() -> Iterator[Answers]:
    a = Answers()
    messages.set_answerer(a)
    yield a
    messages.set_answerer(None)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Callable[[Callable], None]:
    """``dialogs(fill)``: every dialog the clerk functions open is handed to ``fill(dialog)``,
    which sets it up as a user would and returns True to accept it."""
    from shuifa.gui.clerk import common

    def install(fill: Callable) -> None:
        monkeypatch.setattr(common, "exec_dialog", fill)

    return install
