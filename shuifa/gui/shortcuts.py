"""The keyboard shortcuts, in one table (menus use it, and 帮助 → 快捷键一览 shows it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

#: action name -> key sequences (first one shown in the menu)
SHORTCUTS: dict[str, tuple[str, ...]] = {
    "new": ("Ctrl+N",),
    "import_shufa": ("Ctrl+I",),
    "export": ("Ctrl+E",),
    "save": ("Ctrl+S",),
    "back": ("Ctrl+W",),
    "quit": ("Ctrl+Q",),
    "undo": ("Ctrl+Z",),
    "redo": ("Ctrl+Y", "Ctrl+Shift+Z"),
    "find": ("Ctrl+F",),
    "find_next": ("F3",),
    "next": ("Alt+Down", "Ctrl+PgDown"),
    "prev": ("Alt+Up", "Ctrl+PgUp"),
    "next_unfinished": ("F8",),
    "mark_done": ("Ctrl+D",),
    "mark_done_next": ("Ctrl+Return",),
    "only_unfinished": ("Ctrl+Shift+U",),
    "preview": ("F5",),
    "compose": ("F6",),
    "check": ("F7",),
    "focus_tree": ("Ctrl+L",),
    "shortcuts": ("F1",),
}


def sequences(name: str) -> list[QKeySequence]:
    return [QKeySequence(s) for s in SHORTCUTS.get(name, ())]


def shown(name: str) -> str:
    return "，".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in SHORTCUTS.get(name, ()))


class ShortcutsDialog(QDialog):
    def __init__(self, rows: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        """``rows``: (menu, action text, shortcut text)."""
        super().__init__(parent)
        self.setWindowTitle("快捷键一览")
        self.resize(520, 560)
        table = QTableWidget(len(rows), 3)
        table.setHorizontalHeaderLabels(["菜单", "操作", "快捷键"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnToContents(0)
        table.resizeColumnToContents(2)
        note = "在任何输入框中都可以用 Ctrl+Z 撤销、Ctrl+Y 重做；所有修改自动保存。"
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        bb.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        bb.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(table, 1)
        from PySide6.QtWidgets import QLabel

        lab = QLabel(note)
        lab.setWordWrap(True)
        lab.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(lab)
        lay.addWidget(bb)
        self.table = table
