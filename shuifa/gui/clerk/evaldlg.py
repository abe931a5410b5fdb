"""述法评议表: make the printable form (title, meeting date, speaking order), and enter the
collected grades back (votes per grade per speaker)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...clerk import evaluation as core
from ...clerk.batch import sanitize_filename
from ...clerk.summary import good_rate
from ...model import GRADES, Report
from ...store import Store
from .. import messages
from . import common


def meeting_year(reports: Sequence[Report]) -> int:
    """The year a set of speakers is evaluated for (the most common report year)."""
    years = Counter(r.year for r in reports)
    return max(years, key=lambda y: (years[y], y)) if years else 0


def order_key(year: int) -> str:
    """Store state key: the speaking order (report ids) of the last 评议表 made for ``year``."""
    return f"clerk.evaluation.order.{year}"


def forms_key(year: int) -> str:
    """Store state key: the number of returned 评议表 entered for ``year``'s meeting."""
    return f"clerk.evaluation.forms.{year}"


def stable_order(reports: Sequence[Report], speaking: Sequence[str] | None = None) -> list[Report]:
    """A fixed order for the results-entry rows: the speaking order of the 评议表 when known, the
    others after them by unit and name. Never by "last modified": rows must not move while votes
    are entered (a vote would land on the wrong official)."""
    pos = {rid: i for i, rid in enumerate(speaking or ()) if isinstance(rid, str)}
    return sorted(
        reports,
        key=lambda r: (
            pos.get(r.id, len(pos)),
            r.official.unit.strip(),
            r.official.name.strip(),
            r.official.title.strip(),
            r.id,
        ),
    )


def _state(store: Store, key: str, default: object) -> object:
    try:
        return store.get_state(key, default)
    except Exception:
        return default  # remembered settings must never stop the dialog


def _remember(store: Store, key: str, value: object) -> None:
    try:
        store.set_state(key, value)
    except Exception:
        pass  # remembering must never undo the real work


class EvaluationFormDialog(QDialog):
    """Title, meeting date, 填表说明 and the speaking order of the 评议表."""

    def __init__(self, reports: Sequence[Report], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reports = list(reports)
        self.setWindowTitle("生成述法评议表")
        self.resize(640, 560)
        lay = QVBoxLayout(self)
        form = QFormLayout()
        self.title_edit = QLineEdit(core.default_title(self.reports))
        form.addRow("标题：", self.title_edit)
        date_row = QHBoxLayout()
        self.date_check = QCheckBox("填写会议日期")
        self.date_check.setChecked(True)
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.date_check.toggled.connect(self.date_edit.setEnabled)
        date_row.addWidget(self.date_check)
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        form.addRow("会议日期：", date_row)
        self.rater_edit = QLineEdit(core.DEFAULT_RATER_LINE)
        self.rater_edit.setPlaceholderText("不填（不记名评议）；如需可写，例如：评议人类别：□领导干部 □群众代表")
        self.rater_edit.setToolTip("写在表格下方的一行。评议表不记名，请不要要求填写评议人姓名。")
        form.addRow("评议人栏（可选）：", self.rater_edit)
        self.instructions = QPlainTextEdit(core.DEFAULT_INSTRUCTIONS)
        self.instructions.setFixedHeight(70)
        form.addRow("填表说明：", self.instructions)
        lay.addLayout(form)

        lay.addWidget(QLabel("述法人（按发言顺序，可调整）："))
        body = QHBoxLayout()
        self.speakers = QListWidget()
        for r in self.reports:
            item_text = f"{r.official.unit}　{r.official.name}　{r.official.title}"
            self.speakers.addItem(item_text)
            self.speakers.item(self.speakers.count() - 1).setData(Qt.ItemDataRole.UserRole, r.id)
        body.addWidget(self.speakers, 1)
        side = QVBoxLayout()
        self.up_button = QPushButton("上移")
        self.down_button = QPushButton("下移")
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        side.addWidget(self.up_button)
        side.addWidget(self.down_button)
        side.addStretch(1)
        body.addLayout(side)
        lay.addLayout(body, 1)
        common.add_buttons(self, lay, "生成评议表…")

    def move(self, delta: int) -> None:
        row = self.speakers.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.speakers.count():
            return
        item = self.speakers.takeItem(row)
        self.speakers.insertItem(target, item)
        self.speakers.setCurrentRow(target)

    def ordered_reports(self) -> list[Report]:
        by_id = {r.id: r for r in self.reports}
        return [by_id[self.speakers.item(i).data(Qt.ItemDataRole.UserRole)] for i in range(self.speakers.count())]

    def meeting_date(self) -> date | None:
        return self.date_edit.date().toPython() if self.date_check.isChecked() else None


def evaluation_form(parent: QWidget | None, store: Store, report_ids: Sequence[str]) -> Path | None:
    """Make the 评议表 (.docx) for the selected speakers; returns the file written."""
    reports = common.load_reports(parent, store, report_ids)
    if reports is None:
        return None
    dlg = EvaluationFormDialog(reports, parent)
    try:
        if not common.exec_dialog(dlg):
            return None
        title = dlg.title_edit.text().strip() or core.default_title(reports)
        start = Path(common.default_folder(store, "evaluation")) / f"{sanitize_filename(title)}.docx"
        chosen = common.choose_save_path(parent, "保存评议表", str(start), "Word 文档 (*.docx)")
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        try:
            core.write_form(
                dlg.ordered_reports(),
                path,
                title=title,
                meeting_date=dlg.meeting_date(),
                instructions=dlg.instructions.toPlainText().strip(),
                rater_line=dlg.rater_edit.text().strip(),
            )
        except Exception as exc:
            common.show_error(parent, exc, title="评议表未保存")
            return None
        common.remember_folder(store, "evaluation", path.parent)
        ordered = dlg.ordered_reports()
        _remember(store, order_key(meeting_year(ordered)), [r.id for r in ordered])
        if (
            messages.ask(parent, f"评议表已保存到：\n{path}", ("打开", "关闭"), default="关闭", title="已保存")
            == "打开"
        ):
            common.open_or_explain(parent, path)
        return path
    finally:
        dlg.deleteLater()


class GradesDialog(QDialog):
    """A row per speaker: votes for 好/较好/一般/差 (spin boxes), the total and 好评率."""

    FIXED = ("单位", "姓名", "职务")

    def __init__(
        self,
        reports: Sequence[Report],
        parent: QWidget | None = None,
        *,
        order: Sequence[str] | None = None,
        forms: int = 0,
    ) -> None:
        super().__init__(parent)
        self.reports = stable_order(reports, order)
        self.setWindowTitle("录入评议结果")
        self.resize(900, 480)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel("收回评议表："))
        self.forms = QSpinBox()
        self.forms.setRange(0, 9999)
        self.forms.setSuffix(" 份")
        self.forms.setSpecialValueText("不核对")
        self.forms.setToolTip("填写收回的评议表份数后，每位述法人的票数合计超过该数时会提醒。")
        self.forms.valueChanged.connect(self._refresh_all)
        top.addWidget(self.forms)
        top.addStretch(1)
        lay.addLayout(top)
        cols = [*self.FIXED, *GRADES, "合计", "好评率"]
        self.table = QTableWidget(len(self.reports), len(cols))
        self.table.setHorizontalHeaderLabels(cols)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.spins: list[dict[str, QSpinBox]] = []
        for r, report in enumerate(self.reports):
            o = report.official
            for c, text in enumerate((o.unit, o.name, o.title)):
                self.table.setItem(r, c, QTableWidgetItem(text))
            row_spins: dict[str, QSpinBox] = {}
            for g, grade in enumerate(GRADES):
                spin = QSpinBox()
                spin.setRange(0, 9999)
                spin.setValue(int(report.evaluation.get(grade, 0)))
                spin.setAccessibleName(f"{o.name} {grade}")
                spin.valueChanged.connect(lambda _v, row=r: self._refresh(row))
                self.table.setCellWidget(r, len(self.FIXED) + g, spin)
                row_spins[grade] = spin
            self.spins.append(row_spins)
            for c in (len(cols) - 2, len(cols) - 1):
                item = QTableWidgetItem("")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
            self._refresh(r)
        self.table.resizeColumnsToContents()
        self._reserve_width(len(cols) - 2, "9999")
        self._reserve_width(len(cols) - 1, "100.0%")
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)
        if isinstance(forms, int) and not isinstance(forms, bool) and 0 < forms <= self.forms.maximum():
            self.forms.setValue(forms)
        lay.addWidget(QLabel("票数全部为 0 表示尚未评议。保存后，评议结果显示在述法情况汇总表中。"))
        common.add_buttons(self, lay, "保存", on_ok=self._try_accept)

    def _reserve_width(self, column: int, widest: str) -> None:
        """Make ``column`` wide enough for the widest text it can show (it changes as votes are
        typed, and a rate such as 100.0% must never be cut to "100.…")."""
        margin = self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1
        fm = self.table.fontMetrics()
        needed = fm.horizontalAdvance(widest) + 2 * margin + fm.averageCharWidth()
        header = self.table.horizontalHeader().sectionSizeHint(column)
        self.table.setColumnWidth(column, max(self.table.columnWidth(column), header, needed))

    def votes(self, row: int) -> dict[str, int]:
        return {g: s.value() for g, s in self.spins[row].items()}

    def set_votes(self, row: int, votes: dict[str, int]) -> None:
        for g, n in votes.items():
            self.spins[row][g].setValue(n)

    def _refresh(self, row: int) -> None:
        votes = self.votes(row)
        total = sum(votes.values())
        ncol = self.table.columnCount()
        total_item = self.table.item(row, ncol - 2)
        rate_item = self.table.item(row, ncol - 1)
        if total_item is None or rate_item is None:
            return
        total_item.setText(str(total))
        warning = core.check_against_forms(votes, self.forms.value())
        total_item.setToolTip(warning)
        total_item.setForeground(Qt.GlobalColor.red if warning else Qt.GlobalColor.black)
        rate = good_rate(votes)
        rate_item.setText("" if rate is None else f"{rate:.1f}%")

    def _refresh_all(self) -> None:
        for r in range(len(self.reports)):
            self._refresh(r)

    def problems(self) -> list[str]:
        out = []
        for r, report in enumerate(self.reports):
            warning = core.check_against_forms(self.votes(r), self.forms.value())
            if warning:
                out.append(f"{report.official.name}：{warning}")
        return out

    def _try_accept(self) -> None:
        issues = self.problems()
        if issues and not messages.confirm(
            self, "有述法人的票数合计超过收回的评议表份数，仍要保存吗？", "\n".join(issues), ok="仍然保存"
        ):
            return
        self.accept()


def enter_grades(parent: QWidget | None, store: Store, report_ids: Sequence[str]) -> int:
    """Enter the collected votes; returns how many reports were saved."""
    reports = common.load_reports(parent, store, report_ids)
    if reports is None:
        return 0
    year = meeting_year(reports)
    order = _state(store, order_key(year), None)
    forms = _state(store, forms_key(year), 0)
    dlg = GradesDialog(
        reports,
        parent,
        order=order if isinstance(order, list) else None,
        forms=forms if isinstance(forms, int) else 0,
    )
    try:
        if not common.exec_dialog(dlg):
            return 0
        if dlg.forms.value() != forms:
            _remember(store, forms_key(year), dlg.forms.value())
        saved = 0
        for r, report in enumerate(dlg.reports):
            votes = dlg.votes(r)
            if votes == {g: int(report.evaluation.get(g, 0)) for g in GRADES}:
                continue  # unchanged
            try:
                core.set_grades(store, report.id, votes)
            except Exception as exc:
                common.show_error(parent, exc, title="评议结果未全部保存")
                return saved
            saved += 1
        messages.info(
            parent, f"已保存 {saved} 位述法人的评议结果。" if saved else "评议结果没有变化。", title="录入评议结果"
        )
        return saved
    finally:
        dlg.deleteLater()
