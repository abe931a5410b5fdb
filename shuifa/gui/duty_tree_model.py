"""The duty tree: the duties a report walks, in the list's own groups, with each duty's state.

A thin model: it holds only what the tree shows (label, state icon, key) and reads everything from
the Report. It is a QStandardItemModel so painting never calls into Python (a Python ``data()``
costs about twice the paint time per row); the view calls :meth:`DutyTreeModel.refresh` when an
entry changes. Keys identify rows: a duty's id, ``part:<name>`` for the report-level pages
(基本信息, 开篇, 学法用法 …), ``group:<id>`` for groups, and — under 其他职责（可选加入） at the end —
``offer:<id>`` for the duties of the list the official does not report on but may add
(:meth:`shuifa.model.Report.offered_paths`).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from ..completeness import duty_title
from ..model import REPORT_PARTS, Node, Report
from .look import STATE_NAMES, state_icon

KeyRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2

#: Report-level pages, in the order shown above the duties.
PAGES: dict[str, str] = {"part:official": "基本信息", **{f"part:{k}": v for k, v in REPORT_PARTS.items()}}
PAGES_KEY = "group:__pages__"
OFFERED_KEY = "group:__offered__"
OFFERED_TITLE = "其他职责（可选加入）"
OFFER_PREFIX = "offer:"
UNFINISHED = ("empty", "in_progress", "unmet")
FINISHED = ("done", "na", "unmet")  # as Report.progress counts them

_Index = QModelIndex | QPersistentModelIndex
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class DutyTreeModel(QStandardItemModel):
    def __init__(self, report: Report, parent=None) -> None:
        super().__init__(parent)
        self.report = report
        self._items: dict[str, QStandardItem] = {}
        self._nodes: dict[str, Node] = {}
        self._duty_order: list[str] = []
        self._paths: dict[str, list[Node]] = {}  # duty id → its groups
        self._position: dict[str, int] = {}  # duty id → index in the walk
        self._finished: set[str] = set()  # duties counted as finished in the progress
        self._bold = QFont()
        self._bold.setBold(True)
        self._page_brush = QBrush(QColor("#1F4E79"))
        self._offer_brush = QBrush(QColor("#6B7280"))
        self._offered: list[str] = []
        self.rebuild()

    # ---------------------------------------------------------------- building
    def _new(self, key: str, text: str) -> QStandardItem:
        item = QStandardItem(text)
        item.setFlags(_FLAGS)
        item.setData(key, KeyRole)
        self._items[key] = item
        return item

    def rebuild(self) -> None:
        """Re-read the walked duties (after the reporter category changed)."""
        self.clear()
        self._items, self._nodes, self._duty_order = {}, {}, []
        self._paths, self._position, self._finished = {}, {}, set()
        self._offered = []
        # Build the tree detached, then insert it with one signal.
        top: list[QStandardItem] = []
        pages = self._new(PAGES_KEY, "报告总体部分")
        pages.setFont(self._bold)
        top.append(pages)
        for key, title in PAGES.items():
            page = self._new(key, title)
            page.setForeground(self._page_brush)
            pages.appendRow(page)
        for path, duty in self.report.duty_paths():
            parent: QStandardItem | None = None
            for g in path:
                gkey = f"group:{g.id}"
                item = self._items.get(gkey)
                if item is None:
                    item = self._new(gkey, g.heading() or duty_title(g))
                    item.setFont(self._bold)
                    item.setToolTip(g.heading())
                    self._nodes[gkey] = g
                    if parent is None:
                        top.append(item)
                    else:
                        parent.appendRow(item)
                parent = item
            item = self._new(duty.id, duty_title(duty))
            self._nodes[duty.id] = duty
            self._paths[duty.id] = path
            self._position[duty.id] = len(self._duty_order)
            self._show_state(item, duty)
            if parent is None:
                top.append(item)
            else:
                parent.appendRow(item)
            self._duty_order.append(duty.id)
        offered = self.report.offered_paths()
        if offered:
            group = self._new(OFFERED_KEY, f"{OFFERED_TITLE} {len(offered)} 项")
            group.setFont(self._bold)
            group.setForeground(self._offer_brush)
            group.setToolTip("清单中不在本人述职范围内的职责。双击一项，或右键选“加入本人述职范围”，即可加入并填写。")
            for path, duty in offered:
                key = OFFER_PREFIX + duty.id
                item = self._new(key, duty_title(duty))
                item.setForeground(self._offer_brush)
                where = " / ".join(g.heading() for g in path if g.heading())
                item.setToolTip(
                    (f"{where}\n" if where else "")
                    + f"{duty.label}{duty.text}"
                    + (f"\n责任单位：{'、'.join(duty.responsible_units)}" if duty.responsible_units else "")
                    + "\n不在本人述职范围内：双击或右键“加入本人述职范围”"
                )
                self._nodes[key] = duty
                self._paths[key] = path
                group.appendRow(item)
                self._offered.append(duty.id)
            top.append(group)
        self.invisibleRootItem().appendRows(top)

    def _show_state(self, item: QStandardItem, duty: Node) -> None:
        state = self.report.duty_state(duty)
        if state in FINISHED:
            self._finished.add(duty.id)
        else:
            self._finished.discard(duty.id)
        tip = f"{duty.label}{duty.text}\n状态：{STATE_NAMES[state]}"
        if item.data(StateRole) == state and item.toolTip() == tip:
            return
        item.setData(state, StateRole)
        item.setIcon(state_icon(state))
        item.setToolTip(tip)

    # ---------------------------------------------------------------- lookups
    def duty_keys(self) -> list[str]:
        return list(self._duty_order)

    def offered_keys(self) -> list[str]:
        """Ids of the duties offered (not walked), in the list's order."""
        return list(self._offered)

    def has_duty(self, key: str) -> bool:
        return key in self._position

    def position(self, key: str) -> int:
        """Index of duty ``key`` in the walk, -1 when it is not walked."""
        return self._position.get(key, -1)

    def path(self, key: str) -> list[Node]:
        """The groups above duty ``key`` (outermost first)."""
        return self._paths.get(key, [])

    def progress(self) -> tuple[int, int]:
        """(finished, total) as ``Report.progress`` counts them, kept up to date by :meth:`refresh`."""
        return len(self._finished), len(self._duty_order)

    def node(self, key: str) -> Node | None:
        return self._nodes.get(key)

    def index_for(self, key: str) -> QModelIndex:
        item = self._items.get(key)
        return item.index() if item is not None else QModelIndex()

    def refresh(self, key: str) -> None:
        """The entry of duty ``key`` changed: update its state icon (only when it changed)."""
        item, node = self._items.get(key), self._nodes.get(key)
        if item is not None and node is not None and node.is_duty:
            self._show_state(item, node)

    def touch(self, key: str) -> None:
        """Have the filter look at row ``key`` again (its data is unchanged)."""
        item = self._items.get(key)
        if item is not None:
            item.emitDataChanged()

    def refresh_all(self) -> None:
        """Something every duty's state depends on changed (the report year)."""
        for key in self._duty_order:
            self.refresh(key)


class TreeFilter(QSortFilterProxyModel):
    """ "只看未完成": hides finished duties (groups stay while they hold an unfinished duty)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.only_unfinished = False
        self.keep_key = ""  # the current duty stays visible even once finished
        self.setRecursiveFilteringEnabled(True)

    def set_only_unfinished(self, on: bool, keep_key: str = "") -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9
            self.beginFilterChange()
            self.only_unfinished, self.keep_key = on, keep_key
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.only_unfinished, self.keep_key = on, keep_key
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self.only_unfinished:
            return True
        src = self.sourceModel()
        idx = src.index(source_row, 0, source_parent)
        key = idx.data(KeyRole)
        if key.startswith("part:") or key == PAGES_KEY or key == self.keep_key:
            return True
        if key.startswith("group:") or key.startswith(OFFER_PREFIX):
            return False  # groups: shown through recursive filtering when a child is; offered: not walked
        return idx.data(StateRole) in UNFINISHED
