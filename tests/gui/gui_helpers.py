"""Helpers shared by the GUI tests (imported as a plain module; tests/ has no packages)."""

from __future__ import annotations

from pathlib import Path

from shuifa.lists import load_builtin
from shuifa.model import Official, Report

DATA = Path(__file__).resolve().parent / "data"
SEED = DATA / "niuxintuo-town-2023.txt"


def blank_report(role: str = "party") -> Report:
    """A new, empty report on the built-in 牛心坨镇 list."""
    return Report.new(
        Official("王五", "镇党委书记", "中共牛心坨镇委员会", role), 2025, load_builtin("niuxintuo-town-2023")
    )


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` as a user would: ASCII through key presses, Chinese through
    input-method commits (how a pinyin IME delivers 汉字), one character at a time."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        if ch.isascii() and ch.isprintable():
            QTest.keyClick(widget, ch)
        else:
            ev = QInputMethodEvent("", [])
            ev.setCommitString(ch)
            QApplication.sendEvent(widget, ev)
    QApplication.processEvents()
