"""Report-level pages: 基本信息 (the official), 开篇, 学法用法, 重大事项依法决策, 上年度问题整改情况, 下一步工作打算."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..model import RECTIFY_STATES, REPORT_PARTS, REPORTER_ROLES, ROLES, Report
from .fields import TextField
from .look import HINT_STYLE

HINTS: dict[str, str] = {
    "opening": "开篇一段：本人任职情况、年度法治建设总体情况，以“现将本人××年度述法工作情况报告如下：”收尾（可不填，导出时使用标准开篇）。",
    "study": "个人学法用法：学习习近平法治思想、参加理论学习中心组学法、旁听庭审、法治讲座等，写明次数。",
    "decisions": "参与重大事项依法决策：重大决策事项数、合法性审查、法律顾问参与、集体讨论决定等情况。",
    "rectification": "上年度述法中提出的问题整改情况的补充说明（逐条情况在上方填写）。",
    "next_steps": "下一步工作打算：针对存在的问题，下一年度推进法治建设的主要措施。",
}


class PartsEditor(QStackedWidget):
    header_changed = Signal()  # anything saved with save_header changed
    official_changed = Signal()  # name/title/unit/year (window title)
    role_changed = Signal()  # the reporter category (duties walked) changed

    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.pages: dict[str, QWidget] = {}
        self.fields: dict[str, TextField] = {}
        self.carry_widgets: dict[str, tuple[QComboBox, TextField]] = {}
        # Pages are built on first use (the rectification page alone can hold dozens of editors).
        self._builders: dict[str, object] = {"part:official": self._official_page}
        for key, title in REPORT_PARTS.items():
            if key == "rectification":
                self._builders[f"part:{key}"] = self._rectification_page
            else:
                self._builders[f"part:{key}"] = lambda k=key, t=title: self._text_page(k, t)

    def page(self, key: str) -> QWidget:
        """The page for ``key``, built when first needed."""
        page = self.pages.get(key)
        if page is None:
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(self._builders[key]())  # type: ignore[operator]
            self.pages[key] = page = scroll
            self.addWidget(scroll)
        return page

    def show_page(self, key: str) -> None:
        self.setCurrentWidget(self.page(key))

    def has_page(self, key: str) -> bool:
        return key in self._builders

    @staticmethod
    def _page(title: str, hint: str = "") -> tuple[QWidget, QVBoxLayout]:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(8)
        t = QLabel(title)
        f = t.font()
        f.setPointSizeF(f.pointSizeF() + 2)
        f.setBold(True)
        t.setFont(f)
        lay.addWidget(t)
        if hint:
            h = QLabel(hint)
            h.setWordWrap(True)
            h.setStyleSheet(HINT_STYLE)
            lay.addWidget(h)
        return w, lay

    # ---------------------------------------------------------------- 基本信息
    def _official_page(self) -> QWidget:
        w, lay = self._page("基本信息", "述法人的信息出现在报告的标题、署名和汇总表中。")
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        o = self.report.official
        self.name_edit = QLineEdit(o.name)
        self.title_edit = QLineEdit(o.title)
        self.unit_edit = QLineEdit(o.unit)
        self.role_combo = QComboBox()
        for r in REPORTER_ROLES:
            self.role_combo.addItem(ROLES[r], r)
        self.role_combo.setCurrentIndex(max(0, self.role_combo.findData(o.role)))
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2016, 2100)
        self.year_spin.setSuffix(" 年度")
        self.year_spin.setValue(self.report.year)
        form.addRow("姓名：", self.name_edit)
        form.addRow("职务：", self.title_edit)
        form.addRow("单位：", self.unit_edit)
        form.addRow("述法人类别：", self.role_combo)
        form.addRow("述法年度：", self.year_spin)
        lay.addLayout(form)
        dl = self.report.duty_list
        box = QGroupBox("职责清单")
        bl = QVBoxLayout(box)
        info = QLabel()
        info.setWordWrap(True)
        info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        meta = "，".join(x for x in (dl.issuer, dl.date or "") if x)
        info.setText(f"{dl.title}" + (f"（{meta}）" if meta else ""))
        self.walk_label = QLabel()
        self.walk_label.setStyleSheet(HINT_STYLE)
        bl.addWidget(info)
        bl.addWidget(self.walk_label)
        lay.addWidget(box)
        lay.addStretch(1)
        self._update_walk_label()
        self.name_edit.textEdited.connect(lambda t: self._official("name", t))
        self.title_edit.textEdited.connect(lambda t: self._official("title", t))
        self.unit_edit.textEdited.connect(lambda t: self._official("unit", t))
        self.role_combo.currentIndexChanged.connect(self._role)
        self.year_spin.valueChanged.connect(self._year)
        return w

    def _update_walk_label(self) -> None:
        n = len(self.report.duties())
        self.walk_label.setText(f"按“{ROLES[self.report.official.role]}”需逐条填写 {n} 项职责。")

    def _official(self, attr: str, text: str) -> None:
        setattr(self.report.official, attr, text.strip())
        self.header_changed.emit()
        self.official_changed.emit()

    def _role(self) -> None:
        self.report.official.role = self.role_combo.currentData()
        self._update_walk_label()
        self.header_changed.emit()
        self.role_changed.emit()

    def _year(self, year: int) -> None:
        self.report.year = year
        self.header_changed.emit()
        self.official_changed.emit()

    # ---------------------------------------------------------------- free-text parts
    def _text_page(self, key: str, title: str) -> QWidget:
        w, lay = self._page(title, HINTS.get(key, ""))
        f = TextField(title, "", 260)
        f.set_text(self.report.parts.get(key, ""))
        f.edited.connect(lambda text, k=key: self._part(k, text))
        self.fields[key] = f
        lay.addWidget(f, 1)
        return w

    def _part(self, key: str, text: str) -> None:
        self.report.parts[key] = text
        self.header_changed.emit()

    # ---------------------------------------------------------------- 上年度问题整改情况
    def _rectification_page(self) -> QWidget:
        w, lay = self._page("上年度问题整改情况")
        items = self.report.carry_over
        if items:
            year = f"{self.report.previous_year}年度" if self.report.previous_year else "上年度"
            note = QLabel(f"以下 {len(items)} 个问题来自{year}述法报告，请逐条说明整改情况。")
        else:
            note = QLabel(
                "这份报告没有从上年度带入的问题（用“生成下一年度报告”新建的报告会自动带入）。如有整改情况，可在下方自由填写。"
            )
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        lay.addWidget(note)
        for i, item in enumerate(items, 1):
            box = QGroupBox(f"问题 {i}")
            bl = QVBoxLayout(box)
            p = QLabel(f"<b>存在问题：</b>{_esc(item.problem)}")
            p.setWordWrap(True)
            p.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            bl.addWidget(p)
            if item.improvement:
                m = QLabel(f"<b>当时的改进措施：</b>{_esc(item.improvement)}")
                m.setWordWrap(True)
                m.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                bl.addWidget(m)
            form = QFormLayout()
            combo = QComboBox()
            for k, v in RECTIFY_STATES.items():
                combo.addItem(v, k)
            combo.setCurrentIndex(max(0, combo.findData(item.state)))
            form.addRow("整改情况：", combo)
            bl.addLayout(form)
            nf = TextField("整改说明", "采取了哪些措施、取得什么效果；整改中的写明进度和时限。", 70)
            nf.editor.setMaximumHeight(130)
            combo.setMaximumWidth(220)
            nf.set_text(item.note)
            bl.addWidget(nf)
            combo.currentIndexChanged.connect(lambda _i, it=item, c=combo: self._carry_state(it, c.currentData()))
            nf.edited.connect(lambda text, it=item: self._carry_note(it, text))
            self.carry_widgets[item.id] = (combo, nf)
            lay.addWidget(box)
        f = TextField("其他整改情况", HINTS["rectification"], 120)
        f.set_text(self.report.parts.get("rectification", ""))
        f.edited.connect(lambda text: self._part("rectification", text))
        self.fields["rectification"] = f
        lay.addWidget(f, 1)
        return w

    def _carry_state(self, item, state: str) -> None:
        item.state = state
        self.header_changed.emit()

    def _carry_note(self, item, text: str) -> None:
        item.note = text
        self.header_changed.emit()

    def select_text(self, key: str, start: int, length: int) -> None:
        """Select found text in a part's editor (``key`` is a REPORT_PARTS name)."""
        self.page(f"part:{key}")
        f = self.fields.get(key)
        if f is None:
            return
        f.select(start, length)

    def focus_first(self, key: str) -> None:
        self.page(key)
        if key == "part:official":
            self.name_edit.setFocus()
        elif key.removeprefix("part:") in self.fields:
            self.fields[key.removeprefix("part:")].editor.setFocus()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
