"""A thin QAbstractItemModel over the duties a report walks, in the list's own groups.

Keys identify rows: a duty's id, ``part:<name>`` for the report-level pages (基本信息, 开篇, 学法用法 …),
``group:<id>`` for groups. The model reads state straight from the Report; the view calls
:meth:`DutyTreeModel.refresh` when an entry changes.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..model import REPORT_PARTS, Node, Report
from .look import STATE_NAMES, state_icon

KeyRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2

#: Report-level pages, in the order shown above the duties.
PAGES: dict[str, str] = {"part:official": "基本信息", **{f"part:{k}": v for k, v in REPORT_PARTS.items()}}
PAGES_KEY = "group:__pages__"
UNFINISHED = ("empty", "in_progress", "unmet")

_Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()


class _Item:
    __slots__ = ("key", "kind", "node", "text", "parent", "children", "row")

    def __init__(self, key: str, kind: str, node: Node | None, text: str, parent: _Item | None) -> None:
        self.key = key
        self.kind = kind  # "root" | "group" | "duty" | "page"
        self.node = node
        self.text = text
        self.parent = parent
        self.children: list[_Item] = []
        self.row = 0
        if parent is not None:
            self.row = len(parent.children)
            parent.children.append(self)


def duty_title(node: Node, width: int = 30) -> str:
    text = (node.title or node.text).strip().replace("\n", " ")
    if len(text) > width:
        text = text[:width] + "…"
    return f"{node.label}{text}".strip()


class DutyTreeModel(QAbstractItemModel):
    def __init__(self, report: Report, parent=None) -> None:
        super().__init__(parent)
        self.report = report
        self._root = _Item("", "root", None, "", None)
        self._by_key: dict[str, _Item] = {}
        self._duty_order: list[str] = []
        self.rebuild()

    # ---------------------------------------------------------------- building
    def rebuild(self) -> None:
        """Re-read the walked duties (after the reporter category changed)."""
        self.beginResetModel()
        root = _Item("", "root", None, "", None)
        by_key: dict[str, _Item] = {}
        pages = _Item(PAGES_KEY, "group", None, "报告总体部分", root)
        by_key[PAGES_KEY] = pages
        for key, title in PAGES.items():
            by_key[key] = _Item(key, "page", None, title, pages)
        order: list[str] = []
        for path, duty in self.report.duty_paths():
            parent = root
            for g in path:
                gkey = f"group:{g.id}"
                item = by_key.get(gkey)
                if item is None:
                    item = _Item(gkey, "group", g, g.heading() or duty_title(g), parent)
                    by_key[gkey] = item
                parent = item
            by_key[duty.id] = _Item(duty.id, "duty", duty, duty_title(duty), parent)
            order.append(duty.id)
        self._root, self._by_key, self._duty_order = root, by_key, order
        self.endResetModel()

    def duty_keys(self) -> list[str]:
        return list(self._duty_order)

    def node(self, key: str) -> Node | None:
        item = self._by_key.get(key)
        return item.node if item else None

    def index_for(self, key: str) -> QModelIndex:
        item = self._by_key.get(key)
        if item is None or item.parent is None:
            return QModelIndex()
        return self.createIndex(item.row, 0, item)

    def refresh(self, key: str) -> None:
        idx = self.index_for(key)
        if idx.isValid():
            self.dataChanged.emit(idx, idx, [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole, StateRole])

    def refresh_all(self) -> None:
        for key in self._duty_order:
            self.refresh(key)

    # ---------------------------------------------------------------- model API
    def _item(self, index: _Index) -> _Item:
        return index.internalPointer() if index.isValid() else self._root  # type: ignore[return-value]

    def index(self, row: int, column: int, parent: _Index = _NO_INDEX) -> QModelIndex:
        p = self._item(parent)
        if column != 0 or not 0 <= row < len(p.children):
            return QModelIndex()
        return self.createIndex(row, 0, p.children[row])

    def parent(self, index: _Index = _NO_INDEX) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        p = self._item(index).parent
        if p is None or p is self._root:
            return QModelIndex()
        return self.createIndex(p.row, 0, p)

    def rowCount(self, parent: _Index = _NO_INDEX) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._item(parent).children)

    def columnCount(self, parent: _Index = _NO_INDEX) -> int:
        return 1

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._item(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return item.text
        if role == KeyRole:
            return item.key
        if item.kind == "duty":
            assert item.node is not None
            if role in (Qt.ItemDataRole.DecorationRole, StateRole, Qt.ItemDataRole.ToolTipRole):
                state = self.report.duty_state(item.node)
                if role == Qt.ItemDataRole.DecorationRole:
                    return state_icon(state)
                if role == StateRole:
                    return state
                return f"{item.node.label}{item.node.text}\n状态：{STATE_NAMES[state]}"
        elif item.kind == "group":
            if role == Qt.ItemDataRole.FontRole:
                f = QFont()
                f.setBold(True)
                return f
            if role == Qt.ItemDataRole.ToolTipRole and item.node is not None:
                return item.node.heading()
        elif item.kind == "page":
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#1F4E79"))
        return None


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
        if key.startswith("group:"):
            return False  # shown through recursive filtering when a child is
        return idx.data(StateRole) in UNFINISHED
