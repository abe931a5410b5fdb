"""Find across the duties' text, everything written for them (incl. notes) and the report-level pages."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..model import REPORT_PARTS, Report
from .duty_editor import FIELDS
from .duty_tree_model import duty_title
from .look import HINT_STYLE


@dataclass(frozen=True)
class Hit:
    key: str  # duty id or "part:<name>"
    field: str  # an entry field, a part name, or "duty" (the duty's own text)
    start: int
    length: int
    context: str


def search(report: Report, needle: str) -> list[Hit]:
    """Every occurrence of ``needle`` (case-insensitive), in walk order."""
    needle = needle.strip()
    if not needle:
        return []
    low = needle.lower()
    hits: list[Hit] = []

    def scan(key: str, field: str, text: str, where: str) -> None:
        lt = text.lower()
        i = lt.find(low)
        while i >= 0:
            a, b = max(0, i - 12), min(len(text), i + len(needle) + 16)
            ctx = ("…" if a else "") + text[a:b].replace("\n", " ") + ("…" if b < len(text) else "")
            hits.append(Hit(key, field, i, len(needle), f"{where}：{ctx}"))
            i = lt.find(low, i + len(needle))

    for key, title in REPORT_PARTS.items():
        scan(f"part:{key}", key, report.parts.get(key, ""), title)
    for duty in report.duties():
        name = duty_title(duty, 14)
        scan(duty.id, "duty", f"{duty.title}{duty.text}", f"{name} · 职责原文")
        e = report.entries.get(duty.id)
        if e is not None:
            for f, title in FIELDS.items():
                scan(duty.id, f, getattr(e, f), f"{name} · {title}")
    for item in report.carry_over:
        scan("part:rectification", "carry", item.note, "上年度问题整改 · 整改说明")
    return hits


class FindPanel(QWidget):
    jump = Signal(object)  # Hit

    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("查找职责原文、已填写内容和备注（Ctrl+F）")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel()
        self.count.setStyleSheet(HINT_STYLE)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.edit)
        lay.addWidget(self.count)
        lay.addWidget(self.list, 1)
        self.hits: list[Hit] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self.run)
        self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(self.next_hit)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)

    def run(self) -> None:
        self._timer.stop()
        self.hits = search(self.report, self.edit.text())
        self.list.clear()
        for h in self.hits:
            item = QListWidgetItem(h.context)
            self.list.addItem(item)
        text = self.edit.text().strip()
        self.count.setText(f"找到 {len(self.hits)} 处" if text else "")

    def next_hit(self) -> None:
        """Go to the next result (Enter in the box, F3)."""
        if self._timer.isActive() or not self.hits:
            self.run()
        if not self.hits:
            return
        row = (self.list.currentRow() + 1) % len(self.hits)
        self.list.setCurrentRow(row)
        self.jump.emit(self.hits[row])

    def _activated(self, item: QListWidgetItem) -> None:
        row = self.list.row(item)
        if 0 <= row < len(self.hits):
            self.jump.emit(self.hits[row])

    def focus_search(self) -> None:
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
