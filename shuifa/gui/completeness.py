"""The completeness check: what is still missing before the report can be handed in.

:func:`findings` is plain logic over the Report; :class:`CompletenessPanel` lists them, and
activating an entry jumps to its duty or page.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from ..model import Report, requirement_met
from .duty_tree_model import duty_title
from .look import STATE_COLORS, state_icon


@dataclass(frozen=True)
class Finding:
    category: str  # one of CATEGORIES
    key: str  # duty id or "part:<name>"
    text: str


CATEGORIES: dict[str, str] = {  # most serious first
    "unmet": "未达到量化要求",
    "no_improvement": "写了问题但没有改进措施",
    "unfinished": "尚未写完的职责（未选落实情况或履职情况为空）",
    "no_value": "量化要求尚未填写数值",
    "parts": "报告其他部分",
    "empty": "尚未填写的职责",
}


def findings(report: Report) -> list[Finding]:
    out: list[Finding] = []
    for duty in report.duties():
        name = duty_title(duty, 24)
        state = report.duty_state(duty)
        e = report.entries.get(duty.id)
        if state == "empty":
            out.append(Finding("empty", duty.id, name))
            continue
        assert e is not None
        if e.status == "na":
            continue
        if state == "in_progress":
            missing = "未选落实情况" if not e.status else "履职情况为空"
            if e.status and not e.performance.strip():
                missing = "履职情况为空"
            out.append(Finding("unfinished", duty.id, f"{name}（{missing}）"))
        if e.problems.strip() and not e.improvements.strip():
            out.append(Finding("no_improvement", duty.id, name))
        for req in duty.requirements:
            val = e.values.get(req.id)
            met = requirement_met(req, val)
            if met is False:
                assert val is not None
                got = val.date if req.kind == "deadline" else f"{val.value:g}"
                out.append(
                    Finding("unmet", duty.id, f"{name}：{req.label or req.text} 填写 {got}，要求 {req.describe()}")
                )
            elif met is None:
                out.append(Finding("no_value", duty.id, f"{name}：{req.label or req.text}（要求 {req.describe()}）"))
    if not report.official.name.strip() or not report.official.unit.strip():
        out.append(Finding("parts", "part:official", "基本信息：姓名或单位未填写"))
    if not report.parts.get("next_steps", "").strip():
        out.append(Finding("parts", "part:next_steps", "下一步工作打算尚未填写"))
    pending = [c for c in report.carry_over if not c.state]
    if pending:
        out.append(Finding("parts", "part:rectification", f"上年度问题整改情况：{len(pending)} 个问题未说明整改情况"))
    return out


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
