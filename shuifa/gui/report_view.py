"""The walk-through of one report: duty tree (left), editor (centre), preview / check / find (right).

The centre also shows the report-level pages and the 成稿 page (key ``part:compose``, listed last under
报告总体部分), which shares the background :class:`~shuifa.gui.compose_page.Composer` with the preview.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QStandardItem
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QLabel,
    QMenu,
    QProgressBar,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..completeness import duty_title
from ..errors import ShuifaError, StoreError
from ..model import RECTIFY_STATES, Report
from ..scope import add_duty, default_paths, remove_duty
from ..store import Store
from . import messages
from .autosave import AutoSaver
from .checkup_panel import CheckupPanel
from .compose_page import COMPOSE_KEY, PAGE_TITLE, ComposePage, Composer, plan_text
from .duty_editor import FIELDS, DutyEditor
from .duty_tree_model import OFFER_PREFIX, PAGES, PAGES_KEY, UNFINISHED, DutyTreeModel, KeyRole, TreeFilter
from .find import FindPanel, Hit
from .parts_editor import PartsEditor
from .preview_panel import PreviewPanel

STATE_KEY = "gui.current"
STATE_DELAY_MS = 300
PREPARE_DELAY_MS = 250  # after opening: let the window paint first
PREPARE_BUDGET_S = 0.004  # idle work per event-loop turn, so a key press never waits longer


class ReportView(QWidget):
    title_changed = Signal()
    saved = Signal(str)  # "HH:MM:SS"
    save_failed = Signal(str)  # short text for the status bar
    status = Signal(str)  # a transient status-bar message
    reopen_requested = Signal(str)  # report id (after a conflict)

    def __init__(self, store: Store, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.report = report
        self.current_key = ""
        self._syncing = False
        self._year = report.year
        self.autosave = AutoSaver(store, report, self)
        self.autosave.saved.connect(self.saved)
        self.autosave.saved.connect(lambda _t: self._unsaved_pages.clear())
        self._unsaved_pages: list[str] = []  # report-level pages edited since the last save, in order
        self.autosave.failed.connect(self._save_failed)
        self.autosave.conflict.connect(self._conflict)

        # ---- left: progress, filter, tree
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(6, 6, 0, 6)
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setFixedHeight(8)
        self.only_unfinished = QCheckBox("只看未完成")
        self.only_unfinished.setToolTip("只列出尚未填写、正在填写或未达量化要求的职责")
        self.model = DutyTreeModel(report, self)
        self.filter = TreeFilter(self)
        self.filter.setSourceModel(self.model)
        self.tree = QTreeView()
        self.tree.setModel(self.filter)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName("职责列表")
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._tree_menu)
        self._add_compose_item()
        self.tree.expandAll()
        ll.addWidget(self.progress_label)
        ll.addWidget(self.progress_bar)
        ll.addWidget(self.only_unfinished)
        ll.addWidget(self.tree, 1)

        # ---- centre
        self.duty_editor = DutyEditor(report)
        self.parts_editor = PartsEditor(report)
        self.compose_page: ComposePage | None = None  # built on first use
        self.centre = QStackedWidget()
        self.centre.addWidget(self.duty_editor)
        self.centre.addWidget(self.parts_editor)

        # ---- right
        # one background composer for the preview and the 成稿 page (all kinds each run)
        self.composer = Composer(report, self)
        self.preview = PreviewPanel(report, composer=self.composer)
        self.check = CheckupPanel(report)
        self.finder = FindPanel(report)
        self.side = QTabWidget()
        self.side.addTab(self.preview, "预览")
        self.side.addTab(self.check, "体检")
        self.side.addTab(self.finder, "查找")

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.centre)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([340, 620, 420])
        self.splitter.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)

        self._state_timer = QTimer(self)
        self._state_timer.setSingleShot(True)
        self._state_timer.setInterval(STATE_DELAY_MS)
        self._state_timer.timeout.connect(self.write_state)
        # Idle time prepares the duties' documents ahead of their first visit, nearest to the open one first.
        self._prepare_timer = QTimer(self)
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.timeout.connect(self._prepare_some)
        self._prepare_timer.start(PREPARE_DELAY_MS)

        self.tree.selectionModel().currentChanged.connect(self._tree_current)
        self.tree.activated.connect(self._tree_activated)  # Enter / double-click: start writing
        self.only_unfinished.toggled.connect(self._filter_toggled)
        self.duty_editor.changed.connect(self._entry_changed)
        self.parts_editor.header_changed.connect(self._header_changed)
        self.parts_editor.official_changed.connect(self.title_changed)
        self.parts_editor.official_changed.connect(self._official_changed)
        self.parts_editor.role_changed.connect(self._role_changed)
        self.preview.kind.currentIndexChanged.connect(self._preview_kind_changed)
        self.check.jump.connect(lambda key: self.go_to(key, focus=True))
        self.check.kind_wanted.connect(self.preview.set_kind)  # kind:<kind> → that kind on 成稿 and the preview
        self.finder.jump.connect(self._find_jump)
        self._update_progress()

    # ---------------------------------------------------------------- navigation
    def go_to(self, key: str, *, focus: bool = False) -> bool:
        """Show a duty (by id) or a report-level page (``part:…``). False when there is no such key."""
        if key == COMPOSE_KEY:
            pass  # always there
        elif key.startswith("part:"):
            if not self.parts_editor.has_page(key):
                return False
        elif not self.model.has_duty(key):
            return False
        if key != self.current_key:
            self.autosave.flush()  # save on duty switch
            if key == COMPOSE_KEY:
                self.centre.setCurrentWidget(self.compose())
            elif key.startswith("part:"):
                self.parts_editor.show_page(key)
                self.centre.setCurrentWidget(self.parts_editor)
            else:
                node = self.model.node(key)
                assert node is not None
                self.duty_editor.show_duty(node, self.model.path(key))
                self.centre.setCurrentWidget(self.duty_editor)
            self.current_key = key
            self._select_in_tree(key)
            self._state_timer.start()
        if focus:
            if key == COMPOSE_KEY:
                self.compose().kind.setFocus()
            elif key.startswith("part:"):
                self.parts_editor.focus_first(key)
            else:
                self.duty_editor.focus_first()
        return True

    # ---------------------------------------------------------------- 成稿
    def compose(self) -> ComposePage:
        """The 成稿 page, built on first use."""
        if self.compose_page is None:
            page = ComposePage(self.report, self.composer)
            page.set_kind(self.preview.current_kind())
            page.changed.connect(self._compose_changed)
            page.kind_changed.connect(self.preview.set_kind)
            page.status.connect(self.status)
            self.centre.addWidget(page)
            self.compose_page = page
        return self.compose_page

    def show_compose(self) -> None:
        """The 成稿 page beside the preview of the same kind."""
        self.go_to(COMPOSE_KEY, focus=True)
        self.show_side("preview")

    def _preview_kind_changed(self) -> None:
        if self.compose_page is not None:
            self.compose_page.set_kind(self.preview.current_kind())

    def _compose_changed(self) -> None:
        """report.plan changed on the 成稿 page: saved with the header (the page recomposes itself)."""
        if COMPOSE_KEY not in self._unsaved_pages:
            self._unsaved_pages.append(COMPOSE_KEY)
        self.autosave.header_changed()

    def _add_compose_item(self) -> None:
        """成稿, last under 报告总体部分 (the duty tree model lists the pages it knows of)."""
        pages = self.model.itemFromIndex(self.model.index_for(PAGES_KEY))
        item = QStandardItem(PAGE_TITLE)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        item.setData(COMPOSE_KEY, KeyRole)
        item.setForeground(QBrush(QColor("#1F4E79")))
        item.setToolTip("成稿：选择各种文稿写哪些要点、顺序和小标题，看篇幅（F6）")
        if pages is not None:
            pages.appendRow(item)
        self._compose_item = item

    def _source_index(self, key: str) -> QModelIndex:
        if key == COMPOSE_KEY:
            return self._compose_item.index()
        return self.model.index_for(key)

    def _prepare_some(self) -> None:
        keys = self.model.duty_keys()
        here = max(self.model.position(self.current_key), 0)
        # next duties first (stepping on), then the previous ones
        order = keys[here:] + keys[:here][::-1]
        t0 = time.perf_counter()
        for k in order:
            node = self.model.node(k)
            if node is not None and self.duty_editor.prepare(node) and time.perf_counter() - t0 > PREPARE_BUDGET_S:
                self._prepare_timer.start(0)
                return

    def _select_in_tree(self, key: str) -> None:
        self._syncing = True  # selection changes made here must not navigate
        try:
            idx = self.filter.mapFromSource(self._source_index(key))
            if self.filter.only_unfinished and self.filter.keep_key != key:
                # the duty left leaves the list when it was finished meanwhile, the open one stays listed:
                # only these two rows are filtered again (re-filtering the whole tree took ~10 ms)
                old, self.filter.keep_key = self.filter.keep_key, key
                self.model.touch(old)
                self.model.touch(key)
                idx = self.filter.mapFromSource(self._source_index(key))
                parent = idx.parent()
                while parent.isValid():  # a group that just came back into the list
                    self.tree.expand(parent)
                    parent = parent.parent()
            if not idx.isValid():
                return
            self.tree.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            # scroll only when needed, and then centre it: stepping on needs no scrolling for a while
            if not self.tree.viewport().rect().contains(self.tree.visualRect(idx)):
                self.tree.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
        finally:
            self._syncing = False

    def _tree_current(self, current, _previous) -> None:
        if self._syncing or not current.isValid():
            return
        key = current.data(KeyRole)
        if key and key.startswith(OFFER_PREFIX):
            self.status.emit("这项职责不在本人述职范围内：双击或右键选“加入本人述职范围”即可填写。")
        elif key and not key.startswith("group:"):
            self.go_to(key)

    def _tree_activated(self, index) -> None:
        key = index.data(KeyRole)
        if key and key.startswith(OFFER_PREFIX):
            self.add_duty(key.removeprefix(OFFER_PREFIX))
        elif key and not key.startswith("group:"):
            self.go_to(key, focus=True)

    # ---------------------------------------------------------------- 述职范围 (the duties walked)
    def _tree_menu(self, pos) -> None:
        index = self.tree.indexAt(pos)
        menu = self.tree_menu(index.data(KeyRole) if index.isValid() else "")
        if menu is not None:
            menu.exec(self.tree.viewport().mapToGlobal(pos))

    def tree_menu(self, key: str) -> QMenu | None:
        """The duty tree's context menu for row ``key``: take an offered duty in, or a walked one out."""
        if not key:
            return None
        menu = QMenu(self)
        if key.startswith(OFFER_PREFIX):
            duty_id = key.removeprefix(OFFER_PREFIX)
            menu.addAction("加入本人述职范围", lambda: self.add_duty(duty_id))
        elif self.model.has_duty(key):
            menu.addAction("移出本人述职范围（报告中不再出现）", lambda: self.remove_duty(key))
        else:
            return None
        return menu

    def add_duty(self, duty_id: str) -> bool:
        """Take an offered duty into the walk, save the choice, and open it."""
        node = self.report.duty_list.find(duty_id)
        if node is None or not node.is_duty or self.model.has_duty(duty_id):
            return False
        default = [n.id for _, n in default_paths(self.report.duty_list, self.report.official, self.report.scope)]
        add_duty(self.report.scope, duty_id, default)
        self._scope_changed()
        self.go_to(duty_id, focus=True)
        self.status.emit(f"已加入本人述职范围：{duty_title(node, 24)}")
        return True

    def remove_duty(self, duty_id: str) -> bool:
        """Take a duty out of the walk (what was written on it stays in the report, and comes back
        when the duty is added again) and save the choice."""
        if not self.model.has_duty(duty_id):
            return False
        node = self.model.node(duty_id)
        keys = self.model.duty_keys()
        at = keys.index(duty_id)
        remove_duty(self.report.scope, duty_id)
        self._scope_changed()
        if self.current_key == duty_id:
            rest = self.model.duty_keys()
            self.current_key = ""  # the duty left the tree: go on with the one that took its place
            self.go_to(rest[min(at, len(rest) - 1)] if rest else "part:official")
        e = self.report.entries.get(duty_id)
        kept = "，已填写的内容仍保留，重新加入即可恢复" if e is not None and not e.is_empty() else ""
        name = duty_title(node, 24) if node is not None else duty_id
        self.status.emit(f"已移出本人述职范围：{name}（可在“其他职责（可选加入）”中重新加入）{kept}")
        return True

    def _scope_changed(self) -> None:
        """report.scope changed: saved with the header at once, and the tree walks the new duties."""
        self.autosave.header_changed()
        self.autosave.flush()
        self._rewalk()
        self.check.schedule()

    def _official_changed(self) -> None:
        """The unit or 职务 may change the duties walked (a department's 责任单位, a township's side)."""
        walked = [n.id for _, n in self.report.duty_paths()]
        offered = [n.id for _, n in self.report.offered_paths()]
        if walked != self.model.duty_keys() or offered != self.model.offered_keys():
            self._rewalk()
            self.check.schedule()

    def step(self, delta: int) -> None:
        """Next (+1) / previous (-1) duty; from a report-level page, the first / last duty."""
        keys = self.model.duty_keys()
        if not keys:
            return
        if self.model.has_duty(self.current_key):
            i = self.model.position(self.current_key) + delta
            if not 0 <= i < len(keys):
                self.status.emit("已经是最后一项职责。" if delta > 0 else "已经是第一项职责。")
                return
        else:
            i = 0 if delta > 0 else len(keys) - 1
        self.go_to(keys[i], focus=self._editing())

    def next_unfinished(self) -> bool:
        keys = self.model.duty_keys()
        start = self.model.position(self.current_key) + 1
        for k in keys[start:] + keys[:start]:
            node = self.model.node(k)
            if k != self.current_key and node is not None and self.report.duty_state(node) in UNFINISHED:
                self.go_to(k, focus=True)
                return True
        self.status.emit("所有职责都已填写。可在“体检”中再核对一遍。")
        return False

    def mark_done(self) -> None:
        if self.current_key.startswith("part:") or not self.current_key:
            self.status.emit("请先选择一项职责。")
            return
        self.duty_editor.set_status("done")
        e = self.report.entries.get(self.current_key)
        if e is None or not e.performance.strip():
            self.status.emit("已标记为“已落实”，请再填写履职情况，这项职责才算完成。")

    def mark_done_and_next(self) -> None:
        self.mark_done()
        self.next_unfinished()

    def _editing(self) -> bool:
        w = QApplication.focusWidget()
        return w is not None and self.centre.isAncestorOf(w)

    def show_side(self, name: str) -> None:
        self.side.setCurrentWidget({"preview": self.preview, "check": self.check, "find": self.finder}[name])
        if name == "find":
            self.finder.focus_search()

    def _find_jump(self, hit: Hit) -> None:
        self.go_to(hit.key)
        if hit.key.startswith("part:"):
            if hit.field != "carry":
                self.parts_editor.select_text(hit.field, hit.start, hit.length)
        elif hit.field in FIELDS:
            self.duty_editor.select_text(hit.field, hit.start, hit.length)

    def _filter_toggled(self, on: bool) -> None:
        self._syncing = True
        try:
            self.filter.set_only_unfinished(on, self.current_key)
            self.tree.expandAll()
        finally:
            self._syncing = False
        if self.current_key:
            self._select_in_tree(self.current_key)

    # ---------------------------------------------------------------- changes
    def _entry_changed(self, duty_id: str) -> None:
        self.autosave.entry_changed(duty_id)
        self.model.refresh(duty_id)
        self._update_progress()
        self.preview.schedule()
        self.check.schedule()

    def _header_changed(self) -> None:
        if self.current_key.startswith("part:") and self.current_key not in self._unsaved_pages:
            self._unsaved_pages.append(self.current_key)
        self.autosave.header_changed()
        if self.report.year != self._year:  # deadlines are judged in the report year's cycle
            self._year = self.report.year
            self.model.refresh_all()
            self._update_progress()
        self.preview.schedule()
        self.check.schedule()

    def _role_changed(self) -> None:
        self._rewalk()

    def _rewalk(self) -> None:
        """Re-read the duties walked (the category, unit, side or the official's choice changed)."""
        self.model.rebuild()
        self.check.schedule()
        self._add_compose_item()
        self._prepare_timer.start(PREPARE_DELAY_MS)  # duties of the new walk
        self.tree.expandAll()
        self._select_in_tree(self.current_key)
        self._update_progress()
        if hasattr(self.parts_editor, "walk_label"):  # the 基本信息 page is built on first use
            self.parts_editor._update_walk_label()
        self.preview.schedule()

    def _update_progress(self) -> None:
        done, total = self.model.progress()
        self.progress_label.setText(f"已填写 <b>{done}</b>/{total}")
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(done)

    # ---------------------------------------------------------------- saving
    def save_now(self) -> bool:
        ok = self.autosave.flush()
        self.write_state()
        if ok and self.autosave.last_saved is None:
            self.status.emit("没有需要保存的修改，所有内容都已保存。")
        return ok

    def write_state(self) -> None:
        self._state_timer.stop()
        try:
            self.store.set_state(STATE_KEY, {"report": self.report.id, "key": self.current_key})
        except StoreError:
            pass  # the next switch tries again; losing the position never loses text

    def close_report(self) -> bool:
        """Save everything before the view goes away. False when something could not be saved."""
        ok = self.autosave.flush()
        self.write_state()
        return ok

    def _save_failed(self, exc: StoreError) -> None:
        self.save_failed.emit("未能保存，稍后自动重试")
        messages.show_error(self, exc, "未能保存")

    def _conflict(self, exc: ShuifaError) -> None:
        """Another window changed what this one was saving: nothing is overwritten, and nothing typed
        here is lost either — every unsaved duty / page goes to the clipboard, named in the message."""
        self.save_failed.emit("未能保存：这份报告在其他窗口中被修改")
        items = self.unsaved_items()
        names = "、".join(f"“{name}”" for name, _ in items) or "本次修改"
        if items:
            if len(items) == 1:
                clip = items[0][1]
            else:
                clip = "\n\n".join(f"==== {name} ====\n{text}" for name, text in items)
            QApplication.clipboard().setText(clip)
            where = "、".join(f"“{name}”" for name, _ in items)
            detail = (
                f"本窗口中{where}的内容已复制到剪贴板。\n"
                "下一步：先关闭另一个述法助手窗口；再点“重新打开报告”，"
                f"找到{where}，核对另一窗口写入的内容后，把剪贴板中的内容粘贴（Ctrl+V）进去，会自动保存。"
            )
        else:
            detail = "下一步：先关闭另一个述法助手窗口，再点“重新打开报告”。"
        text = f"{names}没有保存：这份报告已在另一个述法助手窗口或程序中被修改，为避免覆盖对方的内容，本次修改未保存。"
        answer = messages.ask(self, text, ("重新打开报告", "稍后处理"), detail=detail, title="保存冲突")
        if answer == "重新打开报告":
            self.reopen_requested.emit(self.report.id)

    def unsaved_items(self) -> list[tuple[str, str]]:
        """(name, text) of every duty and report-level page whose changes are not saved yet; the one
        the save was refused for first."""
        keys = self.autosave.unsaved_duties
        first = self.autosave.conflict_key
        if first and first in keys:
            keys = [first] + [k for k in keys if k != first]
        out: list[tuple[str, str]] = []
        for k in keys:
            node = self.model.node(k)
            text = self._duty_text(k)
            if node is not None and text:
                out.append((duty_title(node, 24), text))
        if self.autosave.header_unsaved:
            pages = list(self._unsaved_pages)
            if not pages and self.current_key.startswith("part:"):
                pages = [self.current_key]
            for key in pages:
                text = self._page_text(key)
                if text:
                    out.append((PAGE_TITLE if key == COMPOSE_KEY else PAGES.get(key, key), text))
        return out

    def _duty_text(self, duty_id: str) -> str:
        e = self.report.entries.get(duty_id)
        if e is None:
            return ""
        return "\n\n".join(f"【{t}】\n{getattr(e, k)}" for k, t in FIELDS.items() if getattr(e, k).strip())

    def _page_text(self, key: str) -> str:
        """The text of a report-level page as the user entered it."""
        r = self.report
        if key == COMPOSE_KEY:
            return plan_text(r)
        name = key.removeprefix("part:")
        if name == "official":
            o = r.official
            return f"姓名：{o.name}\n职务：{o.title}\n单位：{o.unit}\n述法年度：{r.year}年度"
        if name == "rectification":
            parts = []
            for i, c in enumerate(r.carry_over, 1):
                lines = [f"【问题 {i}】{c.problem}", f"整改情况：{RECTIFY_STATES.get(c.state, c.state)}"]
                if c.note.strip():
                    lines.append(f"整改说明：{c.note}")
                parts.append("\n".join(lines))
            if r.parts.get("rectification", "").strip():
                parts.append(f"【其他整改情况】\n{r.parts['rectification']}")
            return "\n\n".join(parts)
        return r.parts.get(name, "")

    # ---------------------------------------------------------------- layout memory
    def layout_state(self) -> dict:
        return {
            "splitter": self.splitter.sizes(),
            "side": self.side.currentIndex(),
            "only_unfinished": self.only_unfinished.isChecked(),
            "preview_kind": self.preview.current_kind(),
        }

    def restore_layout(self, state: dict | None) -> None:
        if not state:
            return
        sizes = state.get("splitter")
        if isinstance(sizes, list) and len(sizes) == 3 and all(isinstance(s, int) and s > 0 for s in sizes):
            self.splitter.setSizes(sizes)
        side = state.get("side")
        if isinstance(side, int) and 0 <= side < self.side.count():
            self.side.setCurrentIndex(side)
        i = self.preview.kind.findData(state.get("preview_kind"))
        if i >= 0:
            self.preview.kind.setCurrentIndex(i)
        self.only_unfinished.setChecked(bool(state.get("only_unfinished")))
