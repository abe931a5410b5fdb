"""The centre page for one duty: its text, requirement fields, status and the three editors.

One widget serves every duty; each duty's editors keep their own QTextDocument (created on first
visit), so switching is cheap and undo/redo history survives moving between duties.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..model import REQUIREMENT_KINDS, STATUSES, Node, Report, Requirement, RequirementValue, requirement_met
from .fields import TextField, new_document
from .look import STATE_COLORS

FIELDS: dict[str, str] = {
    "performance": "履职情况",
    "problems": "存在问题",
    "improvements": "改进措施",
    "evidence": "佐证材料与备注",
}
PLACEHOLDERS: dict[str, str] = {
    "performance": "写明做了什么、做了多少，例如：全年主持召开党委会专题研究法治建设工作4次，审议重大事项12项……",
    "problems": "本项职责履行中存在的问题和不足，没有可不填。",
    "improvements": "针对上述问题的改进措施和下一步打算。",
    "evidence": "会议纪要、文件编号、台账等佐证材料的线索，便于核对（可不填）。",
}
STATUS_ORDER = ("done", "partial", "undone", "na")


def _short(text: str, n: int) -> str:
    text = text.strip().replace("\n", " ")
    return text if len(text) <= n else text[: n - 1] + "…"


class _SelectAllOnFocus:
    """Spin boxes showing 未填写: the first keystroke replaces it (no need to select it first)."""

    def focusInEvent(self, event) -> None:  # noqa: N802
        super().focusInEvent(event)  # type: ignore[misc]
        if self.value() == self.minimum():  # type: ignore[attr-defined]
            QTimer.singleShot(0, self.selectAll)  # type: ignore[attr-defined]


class CountBox(_SelectAllOnFocus, QSpinBox):
    pass


class RateBox(_SelectAllOnFocus, QDoubleSpinBox):
    pass


class RequirementRow:
    """The value widget, the stated requirement and ✓/✗ for one Requirement."""

    def __init__(
        self, req: Requirement, value: RequirementValue | None, year: int, grid: QGridLayout, row: int
    ) -> None:
        self.req = req
        name = QLabel(req.label or f"{REQUIREMENT_KINDS.get(req.kind, '数值')}")
        name.setToolTip(f"清单原文：{req.text}")
        name.setWordWrap(True)
        self.widget: QAbstractSpinBox
        if req.kind == "deadline":
            w = QDateEdit()
            w.setCalendarPopup(True)
            w.setDisplayFormat("yyyy年M月d日")
            self.empty_date = QDate(year, 1, 1).addDays(-1)
            w.setMinimumDate(self.empty_date)
            w.setMaximumDate(QDate(year + 2, 12, 31))
            w.setSpecialValueText("未填写")
            w.setDate(QDate.fromString(value.date, "yyyy-MM-dd") if value and value.date else self.empty_date)
            self.widget = w
        elif req.kind == "rate":
            w2 = RateBox()
            w2.setRange(-1, 100)
            w2.setDecimals(1)
            w2.setSuffix(" %")
            w2.setSpecialValueText("未填写")
            w2.setValue(value.value if value and value.value is not None else -1)
            self.widget = w2
        else:
            w3 = CountBox()
            w3.setRange(-1, 999999)
            w3.setSuffix(" 日" if req.kind == "duration" else " 次")
            w3.setSpecialValueText("未填写")
            w3.setValue(int(value.value) if value and value.value is not None else -1)
            self.widget = w3
        self.widget.setAccessibleName(name.text())
        self.widget.setMinimumWidth(130)
        need = QLabel(f"要求 {req.describe()}")
        need.setToolTip(req.text)
        self.mark = QLabel()
        self.mark.setMinimumWidth(70)
        grid.addWidget(name, row, 0)
        grid.addWidget(self.widget, row, 1)
        grid.addWidget(need, row, 2)
        grid.addWidget(self.mark, row, 3)
        self.labels = [name, need, self.mark]

    def value(self, old: RequirementValue | None) -> RequirementValue:
        note = old.note if old else ""
        w = self.widget
        if isinstance(w, QDateEdit):
            d = w.date()
            return RequirementValue(date=None if d == self.empty_date else d.toString("yyyy-MM-dd"), note=note)
        v = w.value()  # type: ignore[attr-defined]
        return RequirementValue(value=None if v < 0 else float(v), note=note)

    def show_met(self, val: RequirementValue | None) -> None:
        met = requirement_met(self.req, val)
        if met is None:
            self.mark.setText("")
        elif met:
            self.mark.setText(f"<span style='color:{STATE_COLORS['done']}'>✓ 已达到</span>")
        else:
            self.mark.setText(f"<span style='color:{STATE_COLORS['unmet']}'>✗ 未达到</span>")

    def remove(self) -> None:
        for w in [self.widget, *self.labels]:
            w.hide()
            w.deleteLater()


class DutyEditor(QScrollArea):
    changed = Signal(str)  # duty id whose entry changed

    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.duty: Node | None = None
        self._docs: dict[tuple[str, str], QTextDocument] = {}
        self._rows: list[RequirementRow] = []
        self._loading = False
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(8)

        self.path_label = QLabel()
        self.path_label.setStyleSheet("color: #6B7280;")
        self.path_label.setWordWrap(True)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tf = self.title_label.font()
        tf.setPointSizeF(tf.pointSizeF() + 2)
        tf.setBold(True)
        self.title_label.setFont(tf)
        self.units_label = QLabel()
        self.units_label.setStyleSheet("color: #6B7280;")
        self.units_label.setWordWrap(True)
        lay.addWidget(self.path_label)
        lay.addWidget(self.title_label)
        lay.addWidget(self.units_label)

        self.req_box = QGroupBox("量化要求")
        self.req_grid = QGridLayout(self.req_box)
        self.req_grid.setColumnStretch(4, 1)
        lay.addWidget(self.req_box)

        status_row = QHBoxLayout()
        status_row.addWidget(QLabel("<b>落实情况</b>"))
        self.status_group = QButtonGroup(self)
        self.status_buttons: dict[str, QRadioButton] = {}
        for i, key in enumerate(STATUS_ORDER):
            b = QRadioButton(STATUSES[key])
            self.status_group.addButton(b, i)
            self.status_buttons[key] = b
            status_row.addWidget(b)
        status_row.addStretch(1)
        self.state_label = QLabel()
        status_row.addWidget(self.state_label)
        lay.addLayout(status_row)
        self.status_group.idClicked.connect(self._status_clicked)

        columns = QHBoxLayout()
        columns.setSpacing(12)
        editors = QVBoxLayout()
        editors.setSpacing(10)
        self.fields: dict[str, TextField] = {}
        for key, title in FIELDS.items():
            f = TextField(title, PLACEHOLDERS[key], 140 if key == "performance" else 70 if key != "evidence" else 50)
            f.edited.connect(lambda text, k=key: self._text_edited(k, text))
            self.fields[key] = f
            editors.addWidget(f, {"performance": 4, "problems": 2, "improvements": 2, "evidence": 1}[key])
        columns.addLayout(editors, 1)

        self.prev_box = QGroupBox()
        pl = QVBoxLayout(self.prev_box)
        self.prev_text = QPlainTextEdit()
        self.prev_text.setReadOnly(True)
        self.prev_text.setStyleSheet("background: #F7F5EF;")
        self.quote_button = QToolButton()
        self.quote_button.setText("引用去年内容")
        self.quote_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.quote_button)
        for key in ("performance", "problems", "improvements"):
            menu.addAction(f"引用去年的{FIELDS[key]}", lambda k=key: self.quote_previous(k))
        self.quote_button.setMenu(menu)
        self.quote_button.setToolTip("把去年的内容插入今年的编辑框，再按今年的情况修改（可用 Ctrl+Z 撤销）")
        pl.addWidget(self.quote_button, 0, Qt.AlignmentFlag.AlignLeft)
        pl.addWidget(self.prev_text, 1)
        columns.addWidget(self.prev_box, 1)
        lay.addLayout(columns, 1)

    # ---------------------------------------------------------------- showing
    def show_duty(self, duty: Node, path: list[Node]) -> None:
        # No setUpdatesEnabled(False) here: it would repaint the whole page; Qt coalesces the updates of
        # the widgets that really change into one paint.
        self._loading = True
        try:
            self.duty = duty
            entry = self.report.entries.get(duty.id)
            self.path_label.setText(" › ".join(_short(g.heading() or g.text, 22) for g in path))
            self.title_label.setText(f"{duty.label} {duty.title or ''}{duty.text}".strip())
            units = "、".join(duty.responsible_units)
            self.units_label.setText(f"责任单位：{units}" if units else "")
            self.units_label.setVisible(bool(units))
            for r in self._rows:
                r.remove()
            self._rows = []
            for i, req in enumerate(duty.requirements):
                row = RequirementRow(
                    req, entry.values.get(req.id) if entry else None, self.report.year, self.req_grid, i
                )
                row.show_met(entry.values.get(req.id) if entry else None)
                self._connect_row(row)
                self._rows.append(row)
            self.req_box.setVisible(bool(duty.requirements))
            self._show_status(entry.status if entry else "")
            for key, f in self.fields.items():
                f.set_document(self._doc(duty.id, key, getattr(entry, key) if entry else ""))
            prev = self.report.previous.get(duty.id)
            has_prev = prev is not None and any((prev.performance, prev.problems, prev.improvements))
            self.prev_box.setVisible(has_prev)
            if has_prev:
                assert prev is not None
                year = f"{self.report.previous_year}年度" if self.report.previous_year else "上年度"
                self.prev_box.setTitle(f"{year}填写的内容（仅供参考）")
                parts = [
                    f"【{FIELDS[k]}】\n{getattr(prev, k).strip()}"
                    for k in ("performance", "problems", "improvements")
                    if getattr(prev, k).strip()
                ]
                self.prev_text.setPlainText("\n\n".join(parts))
            self._show_state()
        finally:
            self._loading = False
        self.verticalScrollBar().setValue(0)

    def _doc(self, duty_id: str, key: str, text: str) -> QTextDocument:
        doc = self._docs.get((duty_id, key))
        if doc is None:
            doc = new_document(text, self)
            self._docs[(duty_id, key)] = doc
        return doc

    def _show_status(self, status: str) -> None:
        self.status_group.setExclusive(False)
        for key, b in self.status_buttons.items():
            b.setChecked(key == status)
        self.status_group.setExclusive(True)

    def _show_state(self) -> None:
        from .look import STATE_NAMES

        if self.duty is None:
            return
        state = self.report.duty_state(self.duty)
        self.state_label.setText(f"<span style='color:{STATE_COLORS[state]}'>● {STATE_NAMES[state]}</span>")

    # ---------------------------------------------------------------- editing
    def _connect_row(self, row: RequirementRow) -> None:
        w = row.widget
        sig = w.dateChanged if isinstance(w, QDateEdit) else w.valueChanged  # type: ignore[attr-defined]
        sig.connect(lambda *_: self._value_edited(row))

    def _value_edited(self, row: RequirementRow) -> None:
        if self._loading or self.duty is None:
            return
        entry = self.report.entry(self.duty.id)
        val = row.value(entry.values.get(row.req.id))
        entry.values[row.req.id] = val
        row.show_met(val)
        self._emit()

    def _status_clicked(self, button_id: int) -> None:
        if self._loading or self.duty is None:
            return
        self.report.entry(self.duty.id).status = STATUS_ORDER[button_id]
        self._emit()

    def _text_edited(self, key: str, text: str) -> None:
        if self._loading or self.duty is None:
            return
        setattr(self.report.entry(self.duty.id), key, text)
        self._emit()

    def _emit(self) -> None:
        assert self.duty is not None
        self._show_state()
        self.changed.emit(self.duty.id)

    def set_status(self, status: str) -> None:
        """Choose a status as if clicked (mark done)."""
        if self.duty is None:
            return
        self._show_status(status)
        self.report.entry(self.duty.id).status = status
        self._emit()

    def quote_previous(self, key: str) -> None:
        """Insert last year's text for ``key`` into this year's editor (one undo step)."""
        if self.duty is None:
            return
        prev = self.report.previous.get(self.duty.id)
        text = getattr(prev, key, "") if prev else ""
        if text.strip():
            self.fields[key].insert_paragraphs(text)

    def select_text(self, key: str, start: int, length: int) -> None:
        """Select a found text in one of the editors."""
        f = self.fields.get(key)
        if f is None:
            return
        cur = f.editor.textCursor()
        cur.setPosition(start)
        cur.setPosition(start + length, cur.MoveMode.KeepAnchor)
        f.editor.setTextCursor(cur)
        f.editor.setFocus()
        self.ensureWidgetVisible(f)

    def focus_first(self) -> None:
        self.fields["performance"].editor.setFocus()
