"""述法情况汇总表: a preview of the table with export to Excel (.xlsx) and Word (.docx)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...clerk import summary as core
from ...clerk.batch import sanitize_filename
from ...model import Report
from ...store import Store
from .. import messages
from . import common


class SummaryDialog(QDialog):
    def __init__(self, store: Store, reports: Sequence[Report], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.reports = list(reports)
        self.written: list[Path] = []
        self.setWindowTitle("述法情况汇总表")
        self.resize(1100, 520)
        lay = QVBoxLayout(self)
        row = QHBoxLayout()
        row.addWidget(QLabel("标题："))
        self.title_edit = QLineEdit(core.default_title(self.reports))
        row.addWidget(self.title_edit, 1)
        lay.addLayout(row)

        rows = core.summary_rows(self.reports)
        head = core.headers(rows)
        values = core.table_values(rows)
        self.table = QTableWidget(len(values), len(head))
        self.table.setHorizontalHeaderLabels(head)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(False)
        for r, line in enumerate(values):
            for c, v in enumerate(line):
                item = QTableWidgetItem(str(v))
                if isinstance(v, int):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(r, c, item)
        if core.with_grades(rows):
            for r, sr in enumerate(rows):
                if sr.has_grades():
                    self.table.item(r, head.index("好评率")).setToolTip(core.tally_text(sr.evaluation))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(head.index("单位"), QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.table, 1)
        graded = sum(1 for r in rows if r.has_grades())
        note = f"共 {len(rows)} 份报告" + (f"，其中 {graded} 份已录入评议结果。" if graded else "；尚未录入评议结果。")
        self.note = QLabel(note)
        lay.addWidget(self.note)

        buttons = QHBoxLayout()
        self.xlsx_button = QPushButton("导出 Excel…")
        self.docx_button = QPushButton("导出 Word…")
        close = QPushButton("关闭")
        self.xlsx_button.clicked.connect(lambda: self.export(".xlsx"))
        self.docx_button.clicked.connect(lambda: self.export(".docx"))
        close.clicked.connect(self.accept)
        buttons.addStretch(1)
        for b in (self.xlsx_button, self.docx_button, close):
            buttons.addWidget(b)
        lay.addLayout(buttons)

    def export(self, suffix: str) -> Path | None:
        title = self.title_edit.text().strip() or core.default_title(self.reports)
        start = Path(common.default_folder(self.store, "summary")) / f"{sanitize_filename(title)}{suffix}"
        file_filter = "Excel 工作簿 (*.xlsx)" if suffix == ".xlsx" else "Word 文档 (*.docx)"
        chosen = common.choose_save_path(self, "保存汇总表", str(start), file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        try:
            core.write_summary(self.reports, path, title)
        except Exception as exc:
            common.show_error(self, exc, title="汇总表未保存")
            return None
        common.remember_folder(self.store, "summary", path.parent)
        self.written.append(path)
        if messages.ask(self, f"汇总表已保存到：\n{path}", ("打开", "关闭"), default="关闭", title="已保存") == "打开":
            common.open_or_explain(self, path)
        return path


def summary(parent: QWidget | None, store: Store, report_ids: Sequence[str]) -> list[Path]:
    """Show the 述法情况汇总表 for the selected reports; returns the files exported."""
    reports = common.load_reports(parent, store, report_ids)
    if reports is None:
        return []
    dlg = SummaryDialog(store, reports, parent)
    try:
        common.exec_dialog(dlg)
        return dlg.written
    finally:
        dlg.deleteLater()
