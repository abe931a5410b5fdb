"""The start screen: the reports in the store, newest first, and what can be done with them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model import ROLES
from ..store import ReportSummary, Store
from .look import HINT_STYLE, STATE_COLORS

COLUMNS = ("姓名", "职务", "单位", "述法人类别", "年度", "职责清单", "进度", "最后修改")
PROGRESS_COL = 6
IdRole = Qt.ItemDataRole.UserRole + 1


def format_updated(iso: str, now: datetime | None = None) -> str:
    try:
        t = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    now = now or datetime.now(t.tzinfo)
    if t.date() == now.date():
        return f"今天 {t:%H:%M}"
    if t.year == now.year:
        return f"{t.month}月{t.day}日 {t:%H:%M}"
    return f"{t.year}年{t.month}月{t.day}日"


class ProgressDelegate(QStyledItemDelegate):
    """Draws "12/52" followed by a slim progress bar (green when finished)."""

    def paint(self, painter, option, index) -> None:
        done, total = index.data(Qt.ItemDataRole.UserRole + 2) or (0, 0)
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        r = option.rect.adjusted(6, 0, -6, 0)
        text_w = option.fontMetrics.horizontalAdvance("000/000") + 4
        painter.save()
        painter.setPen(
            option.palette.color(
                option.palette.ColorRole.HighlightedText if selected else option.palette.ColorRole.Text
            )
        )
        painter.drawText(
            r.adjusted(0, 0, -(r.width() - text_w), 0),
            int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
            f"{done}/{total}",
        )
        bar = r.adjusted(text_w + 6, 0, 0, 0)
        bar.setTop(r.center().y() - 3)
        bar.setHeight(6)
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#E5E7EB"))
        painter.drawRoundedRect(bar, 3, 3)
        if total:
            fill = bar.adjusted(0, 0, -round(bar.width() * (1 - done / total)), 0)
            painter.setBrush(QColor(STATE_COLORS["done"] if done == total else "#3B82F6"))
            painter.drawRoundedRect(fill, 3, 3)
        painter.restore()


class StartPage(QWidget):
    open_report = Signal(str)
    new_report = Signal()
    duplicate = Signal(list)
    delete = Signal(list)
    import_shufa = Signal()
    export_shufa = Signal(list)
    export_document = Signal(list)
    files_dropped = Signal(list)  # paths of .shufa files dropped on the page

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        title = QLabel("我的述法报告")
        f = title.font()
        f.setPointSizeF(f.pointSizeF() + 5)
        f.setBold(True)
        title.setFont(f)
        hint = QLabel("双击打开报告；可把 .shufa 文件拖到这里导入。所有修改都会自动保存，无需手动保存。")
        hint.setStyleSheet(HINT_STYLE)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setAccessibleName("报告列表")
        self.tree.setItemDelegateForColumn(PROGRESS_COL, ProgressDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        for col, mode in enumerate(
            [
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Fixed,
                QHeaderView.ResizeMode.ResizeToContents,
            ]
        ):
            header.setSectionResizeMode(col, mode)
        header.resizeSection(1, 150)
        header.resizeSection(PROGRESS_COL, 150)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self.open_report.emit(item.data(0, IdRole)))
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        for seq, slot in (
            (QKeySequence(Qt.Key.Key_Return), self._open_selected),
            (QKeySequence(Qt.Key.Key_Enter), self._open_selected),
            (QKeySequence(QKeySequence.StandardKey.Delete), lambda: self._emit_selected(self.delete)),
        ):
            sc = QShortcut(seq, self.tree, slot)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)

        self.empty_label = QLabel("还没有报告。点击“新建报告”，按本单位的职责清单开始起草。")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setStyleSheet(HINT_STYLE + " padding: 40px;")

        self.new_button = QPushButton("新建报告…")
        self.new_button.setDefault(True)
        self.open_button = QPushButton("打开")
        self.dup_button = QPushButton("复制")
        self.delete_button = QPushButton("删除")
        self.import_button = QPushButton("导入 .shufa 文件…")
        self.export_button = QPushButton("导出 .shufa 文件…")
        self.doc_button = QPushButton("导出 Word/PDF…")
        self.clerk_button = QPushButton("汇总与批量")
        self.clerk_menu = QMenu(self.clerk_button)
        self.clerk_button.setMenu(self.clerk_menu)
        self.new_button.clicked.connect(self.new_report)
        self.open_button.clicked.connect(self._open_selected)
        self.dup_button.clicked.connect(lambda: self._emit_selected(self.duplicate))
        self.delete_button.clicked.connect(lambda: self._emit_selected(self.delete))
        self.import_button.clicked.connect(self.import_shufa)
        self.export_button.clicked.connect(lambda: self._emit_selected(self.export_shufa))
        self.doc_button.clicked.connect(lambda: self._emit_selected(self.export_document))
        self.new_button.setToolTip("新建一份述法报告（Ctrl+N）")
        self.delete_button.setToolTip("删除选中的报告（Delete），删除后可在几秒内撤销")

        buttons = QHBoxLayout()
        for b in (self.new_button, self.open_button, self.dup_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addSpacing(16)
        for b in (self.import_button, self.export_button, self.doc_button, self.clerk_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 12)
        lay.setSpacing(10)
        lay.addWidget(title)
        lay.addWidget(hint)
        lay.addLayout(buttons)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.empty_label, 1)
        self.summaries: list[ReportSummary] = []
        self.setAcceptDrops(True)
        self.tree.setAcceptDrops(False)
        self.reload()

    # ---------------------------------------------------------------- drag and drop
    @staticmethod
    def _shufa_paths(event) -> list[str]:
        md = event.mimeData()
        if not md.hasUrls():
            return []
        return [u.toLocalFile() for u in md.urls() if u.isLocalFile() and u.toLocalFile().lower().endswith(".shufa")]

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._shufa_paths(event):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._shufa_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = self._shufa_paths(event)
        if paths:
            event.acceptProposedAction()
            self.files_dropped.emit(paths)

    # ---------------------------------------------------------------- list
    def reload(self, select: list[str] | None = None) -> None:
        keep = select if select is not None else self.selected_ids()
        self.summaries = self.store.list_reports()
        sample = self.store.get_state("gui.sample_id")
        self.tree.clear()
        items = []
        for s in self.summaries:
            item = QTreeWidgetItem(
                [
                    (s.name or "（未填写姓名）") + ("（示例）" if s.id == sample else ""),
                    s.title,
                    s.unit,
                    ROLES.get(s.role, s.role),
                    f"{s.year}年度",
                    s.list_title,
                    "",
                    format_updated(s.updated),
                ]
            )
            item.setData(0, IdRole, s.id)
            item.setData(PROGRESS_COL, Qt.ItemDataRole.UserRole + 2, (s.done, s.total))
            item.setToolTip(5, s.list_title)
            item.setToolTip(2, s.unit)
            if s.id == sample:
                item.setToolTip(0, "首次使用时自动生成的示例报告，展示一份填写完整的述法报告；可以删除。")
            items.append(item)
        self.tree.addTopLevelItems(items)
        has = bool(items)
        self.tree.setVisible(has)
        self.empty_label.setVisible(not has)
        for item in items:
            if item.data(0, IdRole) in keep:
                item.setSelected(True)
        if items and not self.tree.selectedItems():
            self.tree.setCurrentItem(items[0])
        self._selection_changed()

    def selected_ids(self) -> list[str]:
        return [i.data(0, IdRole) for i in self.tree.selectedItems()]

    def select(self, report_ids: list[str]) -> None:
        self.tree.clearSelection()
        first = True
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, IdRole) in report_ids:
                if first:
                    self.tree.setCurrentItem(item, 0, QItemSelectionModel.SelectionFlag.NoUpdate)
                    first = False
                item.setSelected(True)

    def _selection_changed(self) -> None:
        n = len(self.selected_ids())
        for b in (self.dup_button, self.delete_button, self.export_button, self.doc_button):
            b.setEnabled(n >= 1)
        self.open_button.setEnabled(n == 1)

    def _open_selected(self) -> None:
        ids = self.selected_ids()
        if len(ids) >= 1:
            self.open_report.emit(ids[0])

    def _emit_selected(self, signal) -> None:
        ids = self.selected_ids()
        if ids:
            signal.emit(ids)

    def _context_menu(self, pos) -> None:
        if not self.selected_ids():
            return
        m = QMenu(self)
        m.addAction("打开", self._open_selected)
        m.addAction("复制", lambda: self._emit_selected(self.duplicate))
        m.addAction("导出 .shufa 文件…", lambda: self._emit_selected(self.export_shufa))
        m.addAction("导出 Word/PDF…", lambda: self._emit_selected(self.export_document))
        m.addSeparator()
        m.addAction("删除", lambda: self._emit_selected(self.delete))
        m.exec(self.tree.viewport().mapToGlobal(pos))
