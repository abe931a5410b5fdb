"""The centre page for one duty: its text, requirement fields, status and the three editors.

One widget serves every duty; each duty's editors keep their own QTextDocument (created on first
visit), so switching is cheap and undo/redo history survives moving between duties.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
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
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..model import (
    PERIODS,
    REQUIREMENT_KINDS,
    STATUSES,
    Node,
    Report,
    Requirement,
    RequirementValue,
    requirement_met,
)
from .fields import TextField, new_document
from .look import HINT_STYLE, STATE_COLORS, STATE_NAMES

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


def value_label(req: Requirement) -> str:
    """The name of the value the official enters. A count per half-year/quarter/month is entered as the
    year's total (the requirement reads ``≥ 2 次/年（每半年 ≥ 1 次）``), so its label says so."""
    name = req.label or REQUIREMENT_KINDS.get(req.kind, "数值")
    if req.kind == "count" and (req.per or "year") != "year":
        name += "（全年）"
    return name


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
    """One line of the 量化要求 box: the value widget, the stated requirement and ✓/✗.

    Rows are made once per grid line and reused for every duty (:meth:`show`); the value widget of each
    kind (date / rate / count) is made on first need and kept, so switching duties creates no widgets.
    """

    def __init__(self, grid: QGridLayout, row: int, on_edit: Callable[[RequirementRow], None]) -> None:
        self.grid, self.row, self._on_edit = grid, row, on_edit
        self.req: Requirement | None = None
        self.year: int | None = None
        self.empty_date = QDate()
        self.name = QLabel()
        self.name.setWordWrap(True)
        self.need = QLabel()
        self.mark = QLabel()
        self.mark.setMinimumWidth(70)
        self._widgets: dict[str, QAbstractSpinBox] = {}
        self.widget: QAbstractSpinBox = self._widget("count")
        grid.addWidget(self.name, row, 0)
        grid.addWidget(self.need, row, 2)
        grid.addWidget(self.mark, row, 3)
        self.labels = [self.name, self.need, self.mark]
        for x in self.labels:
            x.hide()  # until show(): a row may be made ahead of need

    def _widget(self, kind: str) -> QAbstractSpinBox:
        kind = kind if kind in ("deadline", "rate") else "count"
        w = self._widgets.get(kind)
        if w is not None:
            return w
        if kind == "deadline":
            d = QDateEdit()
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy年M月d日")
            d.setSpecialValueText("未填写")
            d.dateChanged.connect(lambda *_: self._on_edit(self))
            w = d
        elif kind == "rate":
            r = RateBox()
            r.setRange(-1, 100)
            r.setDecimals(1)
            r.setSuffix(" %")
            r.setSpecialValueText("未填写")
            r.valueChanged.connect(lambda *_: self._on_edit(self))
            w = r
        else:
            c = CountBox()
            c.setRange(-1, 999999)
            c.setSpecialValueText("未填写")
            c.valueChanged.connect(lambda *_: self._on_edit(self))
            w = c
        w.setMinimumWidth(130)
        w.hide()
        self.grid.addWidget(w, self.row, 1)
        self._widgets[kind] = w
        return w

    def prepare(self, kind: str) -> None:
        self._widget(kind)

    def show(self, req: Requirement, value: RequirementValue | None, year: int) -> None:
        """Show ``req`` and its value (the caller ignores the change signals while loading)."""
        self.req, self.year = req, year
        name = value_label(req)
        self.name.setText(name)
        tip = f"清单原文：{req.text}"
        if name.endswith("（全年）"):
            tip += f"\n{PERIODS.get(req.per or '', '')}的次数请合计为全年总数填写（要求 {req.describe()}）"
        self.name.setToolTip(tip)
        self.need.setText(f"要求 {req.describe()}")
        self.need.setToolTip(req.text)
        w = self._widget(req.kind)
        if isinstance(w, QDateEdit):
            self.empty_date = QDate(year, 1, 1).addDays(-1)
            w.setDateRange(self.empty_date, QDate(year + 2, 12, 31))
            w.setDate(QDate.fromString(value.date, "yyyy-MM-dd") if value and value.date else self.empty_date)
        elif isinstance(w, RateBox):
            w.setValue(value.value if value and value.value is not None else -1)
        else:
            assert isinstance(w, CountBox)
            w.setSuffix(" 日" if req.kind == "duration" else " 次")
            w.setValue(int(value.value) if value and value.value is not None else -1)
        w.setAccessibleName(name)
        if w is not self.widget:
            self.widget.hide()
            self.widget = w
        for x in (w, *self.labels):
            x.show()
        self.show_met(value)

    def hide(self) -> None:
        self.req = None
        for x in (*self._widgets.values(), *self.labels):
            x.hide()

    def value(self, old: RequirementValue | None) -> RequirementValue:
        note = old.note if old else ""
        w = self.widget
        if isinstance(w, QDateEdit):
            d = w.date()
            return RequirementValue(date=None if d == self.empty_date else d.toString("yyyy-MM-dd"), note=note)
        v = w.value()  # type: ignore[attr-defined]
        return RequirementValue(value=None if v < 0 else float(v), note=note)

    def show_met(self, val: RequirementValue | None) -> None:
        assert self.req is not None
        met = requirement_met(self.req, val, self.year)
        if met is None:
            self.mark.setText("")
        elif met:
            self.mark.setText(f"<span style='color:{STATE_COLORS['done']}'>✓ 已达到</span>")
        else:
            self.mark.setText(f"<span style='color:{STATE_COLORS['unmet']}'>✗ 未达到</span>")


class _GrowOnly(QObject):
    """Holds a widget at a fixed height: the tallest its content has needed, until its width changes.

    A fixed size also keeps its children's size changes (a longer text) from re-laying out the page."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self.width = -1
        self.height = 0
        widget.installEventFilter(self)

    def fit(self) -> None:
        """The content changed: grow when it needs more room."""
        layout = self.widget.layout()
        w = self.widget.width()
        if w != self.width:
            self.width, self.height = w, 0
        need = layout.totalHeightForWidth(w) if layout.hasHeightForWidth() else layout.totalSizeHint().height()
        if need > self.height:
            self.height = need
            self.widget.setFixedHeight(need)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if obj is self.widget and event.type() == QEvent.Type.Resize and event.size().width() != self.width:
            self.fit()
        return False


class DutyEditor(QScrollArea):
    changed = Signal(str)  # duty id whose entry changed

    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.duty: Node | None = None
        self._docs: dict[tuple[str, str], QTextDocument] = {}
        self._pool: list[RequirementRow] = []  # made once, reused for every duty
        self._rows: list[RequirementRow] = []  # the rows of the current duty
        self._loading = False
        self._chained = 0  # value widgets in the tab chain so far
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        self.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(8)

        # The head (path, text, units, 量化要求) only ever grows while stepping through duties: a shorter
        # duty leaves space below its text instead of moving every editor up, and the next longer one
        # moving them down again (which re-lays out and repaints the whole page on every switch).
        self.head = QWidget()
        hl = QVBoxLayout(self.head)
        hl.setContentsMargins(0, 0, 0, 0)
        hl.setSpacing(8)
        self.path_label = QLabel()
        self.path_label.setStyleSheet(HINT_STYLE)
        self.path_label.setWordWrap(True)
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tf = self.title_label.font()
        tf.setPointSizeF(tf.pointSizeF() + 2)
        tf.setBold(True)
        self.title_label.setFont(tf)
        self.units_label = QLabel()
        self.units_label.setStyleSheet(HINT_STYLE)
        self.units_label.setWordWrap(True)
        hl.addWidget(self.path_label)
        hl.addWidget(self.title_label)
        hl.addWidget(self.units_label)

        self.req_box = QGroupBox("量化要求")
        self.req_grid = QGridLayout(self.req_box)
        self.req_grid.setColumnStretch(4, 1)
        hl.addWidget(self.req_box)
        hl.addStretch(1)
        lay.addWidget(self.head)
        self._grow = _GrowOnly(self.head)

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
        self.state_label.setFixedSize(  # fixed: a new state never re-lays out the page
            self.state_label.fontMetrics().horizontalAdvance("● 未达量化要求") + 8, self.state_label.sizeHint().height()
        )
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
        # a push button with a menu sizes itself for the menu arrow (a tool button's arrow covered the text)
        self.quote_button = QPushButton("引用去年内容")
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
            values = entry.values if entry else {}
            while len(self._pool) < len(duty.requirements):
                self._pool.append(RequirementRow(self.req_grid, len(self._pool), self._value_edited))
            for row, req in zip(self._pool, duty.requirements, strict=False):
                row.show(req, values.get(req.id), self.report.year)
            for row in self._pool[len(duty.requirements) :]:
                row.hide()
            self._rows = self._pool[: len(duty.requirements)]
            self.req_box.setVisible(bool(duty.requirements))
            self._show_status(entry.status if entry else "")
            for key, f in self.fields.items():
                f.set_document(self._doc(duty.id, key, getattr(entry, key) if entry else ""))
            self._show_previous(duty)
            self._chain_tab_order()
            self._grow.fit()
            self._show_state()
        finally:
            self._loading = False
        self.verticalScrollBar().setValue(0)

    def _chain_tab_order(self) -> None:
        """Tab follows reading order: the requirement fields, 落实情况, 履职情况, 存在问题, 改进措施,
        佐证材料, then last year's box. Value widgets are made on first need (after the page), so Qt
        would put them last in the window's chain (Tab from a count jumped to the tree's filter); the
        chain is re-made only when widgets were added (hidden ones are skipped by Tab)."""
        chain: list[QWidget] = [w for row in self._pool for w in row._widgets.values()]
        if len(chain) == self._chained:
            return
        self._chained = len(chain)
        chain += list(self.status_buttons.values())
        chain += [f.editor for f in self.fields.values()]
        chain += [self.quote_button, self.prev_text]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _show_previous(self, duty: Node) -> None:
        """Last year's text beside the editors. The box stays (empty) on duties without one when the
        report has any, so the editors keep their width and are not re-laid out on every switch."""
        prev = self.report.previous.get(duty.id)
        has_prev = prev is not None and any((prev.performance, prev.problems, prev.improvements))
        any_prev = has_prev or any(p.performance or p.problems or p.improvements for p in self.report.previous.values())
        self.prev_box.setVisible(any_prev)
        self.quote_button.setEnabled(has_prev)
        if not any_prev:
            return
        year = f"{self.report.previous_year}年度" if self.report.previous_year else "上年度"
        self.prev_box.setTitle(f"{year}填写的内容（仅供参考）")
        if not has_prev:
            self.prev_text.setPlainText("")
            self.prev_text.setPlaceholderText(f"{year}没有填写这一项。")
            return
        assert prev is not None
        parts = [
            f"【{FIELDS[k]}】\n{getattr(prev, k).strip()}"
            for k in ("performance", "problems", "improvements")
            if getattr(prev, k).strip()
        ]
        self.prev_text.setPlainText("\n\n".join(parts))

    def prepare(self, duty: Node) -> bool:
        """Make what a duty's first visit needs ahead of it, in idle time: its documents, and requirement
        rows with the value widgets of its kinds. False when there was nothing left to make."""
        if (duty.id, "performance") in self._docs:
            return False
        entry = self.report.entries.get(duty.id)
        for key in self.fields:
            self._doc(duty.id, key, getattr(entry, key) if entry else "")
        for i, req in enumerate(duty.requirements):
            if i == len(self._pool):
                self._pool.append(RequirementRow(self.req_grid, i, self._value_edited))
            self._pool[i].prepare(req.kind)
        return True

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
        if self.duty is None:
            return
        state = self.report.duty_state(self.duty)
        self.state_label.setText(f"<span style='color:{STATE_COLORS[state]}'>● {STATE_NAMES[state]}</span>")

    # ---------------------------------------------------------------- editing
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
        f.select(start, length)
        self.ensureWidgetVisible(f)

    def focus_first(self) -> None:
        self.fields["performance"].editor.setFocus()
