"""导入多份报告: files or a folder → store, asking what to do with duplicates."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...clerk import importing
from ...clerk.importing import ACTIONS, ImportItem
from ...store import Store
from .. import messages
from . import common

#: Order of the choices in the combo boxes; the first is the default (the safe one).
CHOICES: tuple[str, ...] = (importing.SKIP, importing.REPLACE, importing.KEEP_BOTH)


class DuplicateDialog(QDialog):
    """All duplicates of one import at once: a choice per file, and one to set them all."""

    def __init__(self, items: Sequence[ImportItem], what: Sequence[Sequence[str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("发现重复的报告")
        self.items = list(items)
        self.resize(860, 360)
        lay = QVBoxLayout(self)
        lay.addWidget(
            QLabel(
                f"以下 {len(items)} 个文件与已有报告的姓名、单位和年度相同。请选择每个文件的处理方式："
                "“替换已有报告”用文件内容覆盖已有报告，“保留两份”另存为新报告，“跳过”不导入该文件。"
            )
        )
        lay.itemAt(0).widget().setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel("全部设为："))
        self.all_combo = QComboBox()
        self.all_combo.addItem("（逐个选择）", None)
        for key in CHOICES:
            self.all_combo.addItem(ACTIONS[key], key)
        self.all_combo.currentIndexChanged.connect(self._set_all)
        row.addWidget(self.all_combo)
        row.addStretch(1)
        lay.addLayout(row)

        self.table = QTableWidget(len(items), 4)
        self.table.setHorizontalHeaderLabels(["文件", "报告人", "与之重复", "处理方式"])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.combos: list[QComboBox] = []
        for i, (item, dup) in enumerate(zip(items, what, strict=True)):
            self.table.setItem(i, 0, QTableWidgetItem(item.path.name))
            self.table.setItem(i, 1, QTableWidgetItem(item.describe()))
            cell = QTableWidgetItem("；".join(dup))
            cell.setToolTip("\n".join(dup))
            self.table.setItem(i, 2, cell)
            combo = QComboBox()
            for key in CHOICES:
                combo.addItem(ACTIONS[key], key)
            self.table.setCellWidget(i, 3, combo)
            self.combos.append(combo)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        lay.addWidget(self.table)
        common.add_buttons(self, lay, "导入", "取消导入")

    def _set_all(self) -> None:
        key = self.all_combo.currentData()
        if key is None:
            return
        for combo in self.combos:
            combo.setCurrentIndex(CHOICES.index(key))

    def set_action(self, row: int, action: str) -> None:
        self.combos[row].setCurrentIndex(CHOICES.index(action))

    def actions(self) -> list[str]:
        return [c.currentData() for c in self.combos]

    def apply(self) -> None:
        for item, action in zip(self.items, self.actions(), strict=True):
            item.action = action


def import_many(parent: QWidget | None, store: Store, paths: Sequence[str] | None = None) -> list[str]:
    """Import several .shufa files or folders; returns the ids of the reports stored."""
    chosen = list(paths) if paths is not None else common.choose_import_paths(parent)
    if not chosen:
        return []
    items, exc = common.run_blocking(
        parent, "正在读取报告文件", lambda p: importing.read_files(chosen, progress=p, cancel=lambda: p.cancelled)
    )
    if exc is not None:
        common.show_error(parent, exc, title="无法导入")
        return []
    if not items:
        return []
    groups = importing.duplicate_groups(store, items)
    if groups:
        order = sorted(groups)
        dlg = DuplicateDialog([items[i] for i in order], [groups[i] for i in order], parent)
        try:
            if not common.exec_dialog(dlg):
                messages.info(parent, "已取消导入，没有保存任何报告。", title="导入报告")
                return []
            dlg.apply()
        finally:
            dlg.deleteLater()
    try:
        result = importing.store_items(store, items, default=importing.SKIP)
    except Exception as exc:
        common.show_error(parent, exc, title="导入未完成")
        return []
    detail = []
    if result.invalid:
        detail.append("无法导入的文件及原因：\n" + result.invalid_details())
    if result.id_clashes:
        detail.append("编号与他人报告相同的文件：\n" + result.clash_details())
    if result.invalid:
        messages.warn(parent, result.message(), "\n\n".join(detail), title="导入报告")
    else:
        messages.info(parent, result.message(), "\n\n".join(detail), title="导入报告")
    return result.report_ids
