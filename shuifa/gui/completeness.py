"""The completeness check's panel: lists :func:`shuifa.completeness.findings` (plain logic, no Qt),
and activating an entry jumps to its duty or page."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ..completeness import CATEGORIES, Finding, findings
from ..model import Report
from .look import STATE_COLORS, state_icon


class CompletenessPanel(QWidget):
    jump = Signal(str)  # key

    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        refresh = QPushButton("重新检查")
        refresh.clicked.connect(self.refresh)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setIconSize(QSize(14, 14))
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        head = QHBoxLayout()
        head.addWidget(self.summary, 1)
        head.addWidget(refresh)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(head)
        lay.addWidget(self.list, 1)
        self.items: list[Finding] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(800)
        self._timer.timeout.connect(self.refresh)

    def schedule(self) -> None:
        """The report changed: check again soon while the panel is shown."""
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        self.items = findings(self.report)
        row = self.list.currentRow()
        self.list.clear()
        done, total = self.report.progress()
        if not self.items:
            self.summary.setText(
                f"<span style='color:{STATE_COLORS['done']}'>✓ 检查通过：{total} 项职责均已填写完整。</span>"
            )
            return
        self.summary.setText(f"已完成 {done}/{total} 项职责，还有 {len(self.items)} 处需要处理（单击跳转）：")
        bold = QFont(self.list.font())
        bold.setBold(True)
        icons = {"empty": "empty", "unfinished": "in_progress", "unmet": "unmet", "no_improvement": "in_progress"}
        for cat, title in CATEGORIES.items():
            group = [f for f in self.items if f.category == cat]
            if not group:
                continue
            head = QListWidgetItem(f"{title}（{len(group)}）")
            head.setFont(bold)
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            head.setForeground(QBrush(QColor("#111827")))
            self.list.addItem(head)
            for f in group:
                item = QListWidgetItem(f.text)
                item.setData(Qt.ItemDataRole.UserRole, f.key)
                item.setIcon(state_icon(icons.get(cat, "na")))
                self.list.addItem(item)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)

    def _activated(self, item: QListWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if key:
            self.jump.emit(key)
