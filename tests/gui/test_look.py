"""Fonts, icons and the title bar."""

from __future__ import annotations

from shuifa.gui.look import app_icon, char_count, pick_cjk_family, state_icon
from shuifa.gui.main_window import window_title


def test_cjk_family_preference():
    assert pick_cjk_family(["DejaVu Sans", "Noto Sans CJK SC", "Microsoft YaHei"]) == "Microsoft YaHei"
    assert pick_cjk_family(["wenquanyi micro hei"]) == "wenquanyi micro hei"
    assert pick_cjk_family(["DejaVu Sans"]) is None


def test_app_font_renders_chinese(app):
    from PySide6.QtGui import QFontMetrics

    fm = QFontMetrics(app.font())
    assert all(fm.inFont(ch) for ch in "述法助手履职情况")


def test_icons(app):
    assert not app_icon().isNull()
    assert app_icon().availableSizes()
    for s in ("empty", "in_progress", "done", "na", "unmet"):
        assert not state_icon(s).pixmap(16, 16).isNull()


def test_char_count_and_title():
    assert char_count("一、 学法\n 用法 ") == 6
    assert window_title(None) == "述法助手"


def test_qt_texts_are_chinese(app):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QPlainTextEdit

    assert QCoreApplication.translate("QWidgetTextControl", "&Undo") == "撤消(&U)"
    editor = QPlainTextEdit()
    menu = editor.createStandardContextMenu()
    assert any(a.text().startswith("撤消") for a in menu.actions())
