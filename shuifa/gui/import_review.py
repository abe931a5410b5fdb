"""The importer's review screen: the parsed tree beside the source text, warnings highlighted,
and editing (edit / merge / split / delete / re-role / group↔duty) before the list is accepted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model import ROLES, DutyList, Node, new_id
from . import dialogs, messages
from .look import editor_font

IdRole = Qt.ItemDataRole.UserRole + 1
SELECTED = QColor("#D6E6FA")
WARNED = QColor("#FFF1B8")
KIND_NAMES = {"duty": "职责", "group": "分组"}


def _short(text: str, n: int = 40) -> str:
    text = text.replace("\n", " ").strip()
    return text if len(text) <= n else text[:n] + "…"


class ImportReviewDialog(QDialog):
    def __init__(self, result, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("核对导入的职责清单")
        self.resize(1180, 760)
        self.duty_list: DutyList = DutyList.from_dict(result.duty_list.to_dict())
        self.warnings = list(result.warnings)
        self.source_lines: list[str] = list(result.source_lines)
        self._loading = False

        # ---- list metadata
        self.title = QLineEdit(self.duty_list.title)
        self.issuer = QLineEdit(self.duty_list.issuer)
        self.date = QLineEdit(self.duty_list.date or "")
        self.date.setPlaceholderText("YYYY-MM-DD")
        meta = QHBoxLayout()
        meta.addWidget(QLabel("清单名称："))
        meta.addWidget(self.title, 3)
        meta.addWidget(QLabel("制定机关："))
        meta.addWidget(self.issuer, 2)
        meta.addWidget(QLabel("日期："))
        meta.addWidget(self.date, 1)

        # ---- tree + node editor
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["编号", "内容", "角色", "类型"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setAccessibleName("识别出的清单结构")
        h = self.tree.header()
        h.setStretchLastSection(False)
        h.setSectionResizeMode(0, h.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(1, h.ResizeMode.Stretch)
        h.setSectionResizeMode(2, h.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(3, h.ResizeMode.ResizeToContents)
        self.label = QLineEdit()
        self.node_title = QLineEdit()
        self.text = QPlainTextEdit()
        self.text.setMinimumHeight(60)
        self.role = QComboBox()
        for r, name in ROLES.items():
            self.role.addItem(name, r)
        self.kind = QComboBox()
        for k, name in KIND_NAMES.items():
            self.kind.addItem(name, k)
        self.reportable = QCheckBox("需要逐条述法（取消则作为背景内容，如基本原则、附则）")
        form = QFormLayout()
        form.addRow("编号：", self.label)
        form.addRow("标题：", self.node_title)
        form.addRow("正文：", self.text)
        row = QHBoxLayout()
        row.addWidget(QLabel("角色："))
        row.addWidget(self.role)
        row.addWidget(QLabel("类型："))
        row.addWidget(self.kind)
        row.addStretch(1)
        form.addRow(row)
        form.addRow(self.reportable)
        self.merge_button = QPushButton("与下一项合并")
        self.split_button = QPushButton("在光标处拆分")
        self.split_button.setToolTip("把正文从光标处拆成两项（先在“正文”中点到要拆开的位置）")
        self.delete_button = QPushButton("删除")
        ops = QHBoxLayout()
        for b in (self.merge_button, self.split_button, self.delete_button):
            ops.addWidget(b)
        ops.addStretch(1)
        editor = QWidget()
        el = QVBoxLayout(editor)
        el.setContentsMargins(0, 0, 0, 0)
        el.addLayout(ops)
        el.addLayout(form)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.tree)
        left.addWidget(editor)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)
        left.setSizes([460, 240])
        self.text.setMaximumHeight(110)

        # ---- source
        self.source = QPlainTextEdit()
        self.source.setReadOnly(True)
        self.source.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.source.setFont(editor_font())
        width = len(str(len(self.source_lines)))
        self.source.setPlainText("\n".join(f"{i:>{width}} │ {line}" for i, line in enumerate(self.source_lines, 1)))
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel("原文（蓝色为选中项所在行，黄色为需要核对的行）"))
        rl.addWidget(self.source, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([620, 520])

        # ---- warnings, summary, buttons
        self.warning_list = QListWidget()
        self.warning_list.setMaximumHeight(96)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        bb = dialogs.ok_cancel(self, "确认并保存清单", self._accept)

        lay = QVBoxLayout(self)
        lay.addLayout(meta)
        lay.addWidget(split, 1)
        lay.addWidget(QLabel(f"需要核对的地方（{len(self.warnings)} 处，单击定位）："))
        lay.addWidget(self.warning_list)
        lay.addWidget(self.summary)
        lay.addWidget(bb)

        for w in self.warnings:
            where = f"第 {w.line} 行：" if w.line else ""
            item = QListWidgetItem(f"{where}{w.message}")
            item.setBackground(QBrush(WARNED))
            self.warning_list.addItem(item)
        rows = max(1, min(4, len(self.warnings)))
        self.warning_list.setMaximumHeight(rows * self.fontMetrics().height() + 14)
        self.warning_list.itemClicked.connect(self._warning_clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._show_node())
        self.label.textEdited.connect(lambda t: self._edit("label", t.strip()))
        self.node_title.textEdited.connect(lambda t: self._edit("title", t.strip()))
        self.text.textChanged.connect(lambda: self._edit("text", self.text.toPlainText().strip()))
        self.role.activated.connect(lambda _i: self._set_role(self.role.currentData()))
        self.kind.activated.connect(lambda _i: self._edit("kind", self.kind.currentData()))
        self.reportable.clicked.connect(lambda on: self._set_reportable(on))
        self.merge_button.clicked.connect(self.merge_next)
        self.split_button.clicked.connect(self.split_at_cursor)
        self.delete_button.clicked.connect(self.delete_selected)
        self.rebuild()

    # ---------------------------------------------------------------- tree
    def rebuild(self, select: str | None = None) -> None:
        self.tree.clear()
        self._items: dict[str, QTreeWidgetItem] = {}
        warned = {w.node_id for w in self.warnings if w.node_id}

        def add(nodes: list[Node], parent) -> None:
            for n in nodes:
                item = QTreeWidgetItem(parent, ["", "", "", ""])
                item.setData(0, IdRole, n.id)
                self._items[n.id] = item
                self._paint(item, n, n.id in warned)
                add(n.children, item)

        add(self.duty_list.children, self.tree.invisibleRootItem())
        self.tree.expandAll()
        if select and select in self._items:
            self.tree.setCurrentItem(self._items[select])
        elif self.tree.topLevelItemCount():
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_summary()
        self._paint_source()

    def _paint(self, item: QTreeWidgetItem, n: Node, warned: bool = False) -> None:
        item.setText(0, n.label)
        item.setText(1, _short(n.title or n.text) if n.kind == "group" else _short(n.text))
        item.setText(2, ROLES.get(n.role, n.role).replace("主要负责人", ""))
        item.setText(3, KIND_NAMES.get(n.kind, n.kind) if n.reportable else "背景")
        item.setToolTip(1, n.text or n.title)
        f = item.font(1)
        f.setBold(n.kind == "group")
        for c in range(4):
            item.setFont(c, f)
            item.setForeground(c, QBrush(QColor("#111827" if n.reportable else "#9CA3AF")))
            if warned:
                item.setBackground(c, QBrush(WARNED))

    def current_node(self) -> Node | None:
        item = self.tree.currentItem()
        return self.duty_list.find(item.data(0, IdRole)) if item else None

    def _siblings(self, node: Node) -> list[Node]:
        path = self.duty_list.path_of(node.id)
        return path[-1].children if path else self.duty_list.children

    def _show_node(self) -> None:
        n = self.current_node()
        self._loading = True
        try:
            for w in (self.label, self.node_title, self.text, self.role, self.kind, self.reportable):
                w.setEnabled(n is not None)
            if n is None:
                return
            self.label.setText(n.label)
            self.node_title.setText(n.title)
            self.text.setPlainText(n.text)
            self.role.setCurrentIndex(max(0, self.role.findData(n.role)))
            self.kind.setCurrentIndex(max(0, self.kind.findData(n.kind)))
            self.reportable.setChecked(n.reportable)
        finally:
            self._loading = False
        self._paint_source()

    def _paint_source(self) -> None:
        """Highlight warned lines (yellow) and the selected node's lines (blue), and scroll to them."""
        doc = self.source.document()
        sels: list[QTextEdit.ExtraSelection] = []

        def line_sel(line: int, color: QColor) -> QTextEdit.ExtraSelection | None:
            block = doc.findBlockByNumber(line - 1)
            if not block.isValid():
                return None
            s = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(color)
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
            s.format = fmt
            s.cursor = QTextCursor(block)
            return s

        for w in self.warnings:
            if w.line:
                s = line_sel(w.line, WARNED)
                if s:
                    sels.append(s)
        n = self.current_node()
        if n is not None and n.source_lines:
            first, last = n.source_lines
            for line in range(first, last + 1):
                s = line_sel(line, SELECTED)
                if s:
                    sels.append(s)
            self._scroll_to(first)
        self.source.setExtraSelections(sels)

    def _scroll_to(self, line: int) -> None:
        block = self.source.document().findBlockByNumber(max(0, line - 1))
        if block.isValid():
            cur = QTextCursor(block)
            self.source.setTextCursor(cur)
            self.source.centerCursor()

    def _warning_clicked(self, item: QListWidgetItem) -> None:
        w = self.warnings[self.warning_list.row(item)]
        if w.node_id and w.node_id in self._items:
            self.tree.setCurrentItem(self._items[w.node_id])
        if w.line:
            self._scroll_to(w.line)

    # ---------------------------------------------------------------- editing
    def _edit(self, attr: str, value) -> None:
        if self._loading:
            return
        n = self.current_node()
        if n is None:
            return
        setattr(n, attr, value)
        self._paint(self.tree.currentItem(), n)
        self._update_summary()

    def _selected_nodes(self) -> list[Node]:
        out = []
        for item in self.tree.selectedItems() or ([self.tree.currentItem()] if self.tree.currentItem() else []):
            n = self.duty_list.find(item.data(0, IdRole))
            if n is not None:
                out.append(n)
        return out

    def _set_role(self, role: str) -> None:
        """Re-role the selected nodes and everything inside them."""
        if self._loading:
            return
        self._apply_to_selected_subtrees(lambda x: setattr(x, "role", role))

    def _set_reportable(self, on: bool) -> None:
        self._apply_to_selected_subtrees(lambda x: setattr(x, "reportable", on))

    def _apply_to_selected_subtrees(self, change: Callable[[Node], None]) -> None:
        """Apply ``change`` to the selected nodes and everything inside them, then repaint."""
        for n in self._selected_nodes():
            stack = [n]
            while stack:
                x = stack.pop()
                change(x)
                stack.extend(x.children)
                if x.id in self._items:
                    self._paint(self._items[x.id], x)
        self._update_summary()

    def merge_next(self) -> None:
        n = self.current_node()
        if n is None:
            return
        sib = self._siblings(n)
        i = sib.index(n)
        if i + 1 >= len(sib):
            messages.info(self, "这是同一层级的最后一项，没有可以合并的下一项。")
            return
        m = sib[i + 1]
        n.text = (n.text + m.text) if n.text and m.text else (n.text or m.text)
        if not n.title:
            n.title = m.title
        reqs = n.requirements + m.requirements
        for k, r in enumerate(reqs, 1):
            r.id = f"r{k}"
        n.requirements = reqs
        n.responsible_units = list(dict.fromkeys(n.responsible_units + m.responsible_units))
        n.children.extend(m.children)
        if n.source_lines or m.source_lines:
            spans = [s for s in (n.source_lines, m.source_lines) if s]
            n.source_lines = (min(s[0] for s in spans), max(s[1] for s in spans))
        del sib[i + 1]
        self.rebuild(select=n.id)

    def split_at_cursor(self) -> None:
        n = self.current_node()
        if n is None:
            return
        text = self.text.toPlainText()
        pos = self.text.textCursor().position()
        head, tail = text[:pos].strip(), text[pos:].strip()
        if not head or not tail:
            messages.info(self, "请先在“正文”中把光标放到要拆开的位置（不能在开头或结尾）。")
            return
        n.text = head
        new = Node(
            id=new_id(),
            kind=n.kind,
            label="",
            text=tail,
            role=n.role,
            reportable=n.reportable,
            responsible_units=list(n.responsible_units),
            source_lines=n.source_lines,
        )
        new.requirements = [r for r in n.requirements if r.text and r.text in tail]
        n.requirements = [r for r in n.requirements if r not in new.requirements]
        sib = self._siblings(n)
        sib.insert(sib.index(n) + 1, new)
        self.rebuild(select=new.id)

    def delete_selected(self) -> None:
        nodes = self._selected_nodes()
        if not nodes:
            return
        inner = sum(1 for n in nodes for _ in _descendants(n))
        if inner and not messages.confirm(self, f"所选内容包含 {inner} 个下级项，将一并删除。确定删除吗？", ok="删除"):
            return
        for n in nodes:
            if self.duty_list.find(n.id) is not None:
                self._siblings(n).remove(n)
        self.rebuild()

    # ---------------------------------------------------------------- finish
    def _update_summary(self) -> None:
        counts = self.duty_list.role_counts()
        total = sum(counts.values())
        parts = [f"{ROLES.get(r, r)} {c} 项" for r, c in counts.items()]
        ctx = "、".join(self.duty_list.context_headings())
        self.summary.setText(
            f"共识别出 <b>{total}</b> 项需要述法的职责（{'，'.join(parts) or '无'}）"
            + (f"；作为背景内容：{ctx}" if ctx else "")
        )

    def _accept(self) -> None:
        self.duty_list.title = self.title.text().strip() or self.duty_list.title
        self.duty_list.issuer = self.issuer.text().strip()
        date = self.date.text().strip()
        if date and not _iso_date(date):
            messages.warn(self, f"日期“{date}”的格式不对。", "请按 2023-07-21 的格式填写清单的印发日期，或留空。")
            return
        self.duty_list.date = date or None
        if not self.duty_list.title:
            messages.warn(self, "请填写清单名称。")
            return
        if not self.duty_list.duties():
            messages.warn(self, "清单里没有需要述法的职责。", "请把职责项的类型设为“职责”，并勾选“需要逐条述法”。")
            return
        self.accept()


def _iso_date(text: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10


def _descendants(n: Node):
    for c in n.children:
        yield c
        yield from _descendants(c)
