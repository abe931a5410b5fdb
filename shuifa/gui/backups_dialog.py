"""文件 → 备份与恢复…: the store's backups (time, reports, size, 完好/损坏) and restoring one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..errors import ShuifaError
from ..store import BackupInfo, Store, backup_folder, list_backups
from . import dialogs, messages

COLUMNS = ("备份时间", "报告数", "大小", "状态")


def format_size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB"


class BackupsDialog(QDialog):
    """Lists the backups; 恢复所选备份 asks for confirmation, then puts the chosen one in place."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.restored: BackupInfo | None = None
        self.setWindowTitle("备份与恢复")
        self.resize(560, 360)
        lay = QVBoxLayout(self)
        folder = backup_folder(store.path)
        lay.addWidget(
            QLabel(
                f"述法助手每小时自动备份一次数据文件，保留最近 10 份（最近一份完好的备份不会被删除）。\n备份文件夹：{folder}"
            )
        )
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.table)
        self.empty = QLabel("还没有备份。")
        lay.addWidget(self.empty)
        row = QHBoxLayout()
        self.backup_button = QPushButton("立即备份")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton("恢复所选备份…")
        self.restore_button.clicked.connect(self.restore_selected)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        row.addWidget(self.backup_button)
        row.addStretch(1)
        row.addWidget(self.restore_button)
        row.addWidget(close)
        lay.addLayout(row)
        self.table.itemSelectionChanged.connect(self._update)
        self.reload()

    def reload(self) -> None:
        self.backups = list_backups(self.store.path)
        self.table.setRowCount(len(self.backups))
        for i, b in enumerate(self.backups):
            cells = (f"{b.time:%Y-%m-%d %H:%M:%S}", f"{b.reports} 份", format_size(b.size), "完好" if b.ok else "损坏")
            for j, text in enumerate(cells):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.empty.setVisible(not self.backups)
        good = next((i for i, b in enumerate(self.backups) if b.ok), None)
        if good is not None:
            self.table.selectRow(good)
        self._update()

    def rows(self) -> list[list[str]]:
        """The table as text (for tests)."""
        return [
            [self.table.item(i, j).text() for j in range(self.table.columnCount())]
            for i in range(self.table.rowCount())
        ]

    def selected(self) -> BackupInfo | None:
        rows = {i.row() for i in self.table.selectedItems()}
        return self.backups[min(rows)] if rows else None

    def select(self, index: int) -> None:
        self.table.selectRow(index)

    def _update(self) -> None:
        b = self.selected()
        self.restore_button.setEnabled(b is not None and b.ok)

    def backup_now(self) -> None:
        try:
            self.store.backup()
        except ShuifaError as exc:
            messages.show_error(self, exc, "备份没有完成")
            return
        self.reload()

    def restore_selected(self) -> None:
        b = self.selected()
        if b is None:
            return
        if not b.ok:
            messages.warn(self, "这份备份已损坏，不能用来恢复。", "请选择一份状态为“完好”的备份。")
            return
        if not messages.confirm(
            self,
            f"用 {b.time:%Y年%m月%d日 %H:%M} 的备份（{b.reports} 份报告）替换现在的数据？",
            "此后所做的修改会被替换。现在的数据会先另存为“shuifa.db.before-restore-日期时间”，不会删除。",
            ok="恢复",
            title="从备份恢复",
        ):
            return
        try:
            kept = self.store.restore_from(b.path)
        except ShuifaError as exc:
            messages.show_error(self, exc, "恢复没有完成")
            return
        self.restored = b
        messages.info(self, "已从备份恢复。", f"恢复前的数据已另存为“{kept}”。", title="已从备份恢复")
        self.accept()


def show_backups(window) -> bool:
    """Run the dialog from the main window; after a restore the window shows the restored report list."""
    if window.view is not None and not window.close_view():
        return False
    dlg = BackupsDialog(window.store, window)
    dialogs.run(dlg)
    if dlg.restored is None:
        return False
    window.show_start()
    window.start.reload()
    return True
