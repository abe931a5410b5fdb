"""成稿: the official's composition choices over the core's proposal (``report.plan``), kind by kind.

The page decides nothing itself: the core (:mod:`shuifa.compose`) proposes topics, points, problems
and each kind's text within its budget; the page shows that proposal, writes what the official
changes into ``report.plan`` (saved with the report header by the AutoSaver) and asks the
:class:`Composer` to compose again.

:class:`Composer` composes off the GUI thread: one recompose of a 300-duty report (``prepare`` and
the four kinds) takes ~40 ms of CPU, far more than a frame. The GUI thread only copies the report's
mutable parts (~1 ms for 300 duties) and shows the result; the worker composes that copy, so typing
on never races it. The preview panel and this page share one Composer (all four kinds per run), so
switching the kind shows at once.
"""

from __future__ import annotations

import copy
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..model import Report
from ..plan import SPEAKING_RATE_RANGE, CompositionPlan
from . import messages
from .look import HINT_STYLE
from .tasks import BackgroundWorker, launch_latest

if TYPE_CHECKING:
    from ..compose import Composition, Material

#: The 成稿 page's key in the report view (a report-level page).
COMPOSE_KEY = "part:compose"
PAGE_TITLE = "成稿"
#: Recompose this long after the last edit on the page (typing a lead, a tick, a move).
RECOMPOSE_MS = 150

GREY = "#9AA0A6"
AMBER = "#B45309"
RED = "#C8372D"
GREEN = "#2E8B57"
FALLBACK_NOTE = "（未能自动归类，请确认）"
KeyRole = Qt.ItemDataRole.UserRole + 1
TypeRole = Qt.ItemDataRole.UserRole + 2
_F = Qt.ItemFlag
TOPIC_FLAGS = _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsEditable | _F.ItemIsDragEnabled | _F.ItemIsDropEnabled
POINT_FLAGS = _F.ItemIsEnabled | _F.ItemIsSelectable | _F.ItemIsEditable | _F.ItemIsDragEnabled | _F.ItemIsUserCheckable


# --------------------------------------------------------------------------- composing off the GUI thread


@dataclass(frozen=True)
class Length:
    """A composition's length against its budget, worked out in the worker (counting is not free)."""

    chars: int
    high: int
    low: int
    minutes: float
    rate: int
    verdict: str

    @property
    def over(self) -> bool:
        return self.chars > self.high


@dataclass
class Composed:
    """One run of the composer: the proposal and every kind composed from one copy of the report, with
    each kind's printed text and length."""

    serial: int
    material: Material | None
    docs: dict[str, Composition] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)  # kind → "\n".join(composition.lines())
    lengths: dict[str, Length] = field(default_factory=dict)
    worker_ms: float = 0.0  # composing, in the worker thread
    error: str = ""


def snapshot(report: Report) -> Report:
    """A copy of what composing and the 体检 read and the GUI thread may change meanwhile (entries, parts,
    plan, carry-over, official, scope); the duty list is shared (nothing edits it while a report is open)."""
    snap = copy.copy(report)
    snap.official = copy.copy(report.official)
    entries = {}
    for k, e in report.entries.items():
        c = copy.copy(e)
        c.values = dict(e.values)
        entries[k] = c
    snap.entries = entries
    snap.parts = dict(report.parts)
    snap.carry_over = [copy.copy(c) for c in report.carry_over]
    snap.plan = CompositionPlan.from_dict(report.plan.to_dict())
    snap.scope = copy.deepcopy(report.scope)  # the duties walked depend on it
    return snap


def compose_all(report: Report, serial: int = 0) -> Composed:
    """The proposal and all four kinds (no Qt: runs in the worker thread)."""
    t0 = time.perf_counter()
    try:
        from ..compose import KINDS, compose, prepare

        material = prepare(report)
        docs = {k: compose(report, k, material=material) for k in KINDS}
        texts = {k: "\n".join(c.lines()) for k, c in docs.items()}
        lengths = {}
        for k, c in docs.items():
            chars = c.chars
            minutes = round(chars / c.rate, 1) if c.rate else 0.0
            lengths[k] = Length(chars, c.budget.high, c.budget.low, minutes, c.rate, c.budget.verdict(chars))
    except Exception as exc:  # noqa: BLE001 - a composition error must never take the editor down
        ms = (time.perf_counter() - t0) * 1000
        return Composed(serial, None, worker_ms=ms, error=f"{type(exc).__name__}: {exc}")
    return Composed(serial, material, docs, texts, lengths, (time.perf_counter() - t0) * 1000)


#: While composing, the worker gives the GIL back to the GUI thread after at most this long (Python's
#: default is 5 ms, and a GUI-thread turn waits for the GIL each time it calls back into Python).
COMPOSE_SWITCH_S = 0.001
_WORKER = BackgroundWorker("compose", COMPOSE_SWITCH_S)


class Composer(QObject):
    """Composes the report in the worker thread for the widgets that show compositions (consumers).

    ``changed(delay)`` after an edit: recompose ``delay`` ms after the last one, when a consumer is
    visible (otherwise on its next ``want()``). At most one composition runs; an edit meanwhile runs
    one more after it. ``composed(Composed)`` is emitted on the GUI thread.
    """

    composed = Signal(object)
    _done = Signal(object)
    #: False composes on the GUI thread (scripts that need the result at once).
    threaded = True

    def __init__(self, report: Report, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.latest: Composed | None = None
        self.stale = True
        self._serial = 0
        self._running = False
        self._again = False
        self._consumers: list[QWidget] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run)
        self._done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        #: GUI-thread time of the last start (copying the report), ms; and the worker's time, ms.
        self.snapshot_ms = 0.0
        self.worker_ms = 0.0

    def add_consumer(self, widget: QWidget) -> None:
        self._consumers.append(widget)

    def wanted(self) -> bool:
        return any(w.isVisible() for w in self._consumers)

    @property
    def serial(self) -> int:
        """The number of the last composition started."""
        return self._serial

    @property
    def busy(self) -> bool:
        return self._running or self._timer.isActive()

    def changed(self, delay_ms: int = RECOMPOSE_MS) -> None:
        """The report changed: compose again ``delay_ms`` after the last change (while shown)."""
        self.stale = True
        if self.wanted():
            self._timer.start(delay_ms)

    def want(self) -> None:
        """A consumer was shown: compose now when the last composition is out of date."""
        if self.stale and not self.busy:
            self._timer.start(0)

    def run(self) -> None:
        self._timer.stop()
        if self._running:
            self._again = True
            return
        launch_latest(self, _WORKER, compose_all, snapshot)

    def _finished(self, result: Composed) -> None:
        self._running = False
        self.worker_ms = result.worker_ms
        self.latest = result
        self.composed.emit(result)
        if self._again:
            self._again = False
            self.run()

    def compose_now(self) -> Composed:
        """Compose on the calling thread and publish it (tests, scripts)."""
        self._timer.stop()
        self._serial += 1
        self.stale = False
        result = compose_all(snapshot(self.report), self._serial)
        self.latest = result
        self.composed.emit(result)
        return result


# --------------------------------------------------------------------------- small helpers


def _kinds() -> dict[str, str]:
    from ..compose import KINDS

    return KINDS


def minutes_text(minutes: float) -> str:
    if minutes < 1:
        return "不到 1 分钟"
    return f"约 {round(minutes)} 分钟" if minutes >= 1.5 else "约 1 分钟"


def length_line(kind: str, n: Length) -> str:
    """“共 N 字 / 上限 M 字” (and the speaking time for a speech or outline), from the composition."""
    line = f"共 {n.chars} 字 / 上限 {n.high} 字"
    if kind in ("speech", "speech-outline"):
        line += f" · {minutes_text(n.minutes)}，按每分钟 {n.rate} 字"
    return line


def length_color(n: Length) -> str:
    if n.over:
        return RED
    if n.verdict:
        return AMBER
    return GREEN


def _shorten(text: str, n: int) -> str:
    text = text.replace("\n", " ").strip()
    return text if len(text) <= n else text[: n - 1] + "…"


def plan_text(report: Report) -> str:
    """The official's 成稿 edits in words (what goes to the clipboard when a save is refused)."""
    from ..compose.topics import topic_data

    plan = report.plan
    topics = topic_data().topics
    lines: list[str] = []
    if plan.title.strip():
        lines.append(f"标题：{plan.title}")
    if plan.byline.strip():
        lines.append(f"署名：{plan.byline}")
    if plan.date:
        lines.append(f"落款日期：{plan.date}")
    for tid, text in plan.headings.items():
        name = topics[tid].short if tid in topics else tid
        lines.append(f"【{name}】标题：{text}")
    duties = {f"duty:{d.id}": f"{d.label}{_shorten(d.title or d.text, 20)}" for d in report.duties()}
    parts = {"study": "学法用法", "decisions": "重大事项依法决策"}
    for key, text in plan.leads.items():
        where = duties.get(key, key)
        if key.startswith("part:") and key.count(":") == 2:
            _, part, n = key.split(":")
            where = f"{parts.get(part, part)}第{int(n) + 1}段" if n.isdigit() else key
        lines.append(f"要点小标题（{where}）：{text}")
    for label, values in (
        ("问题标题", plan.problem_heads),
        ("原因", plan.problem_causes),
        ("措施", plan.measure_leads),
    ):
        for tid, text in values.items():
            name = topics[tid].short if tid in topics else tid
            lines.append(f"【{name}】{label}：{text}")
    for cid, text in plan.rect_names.items():
        lines.append(f"上年度问题简称（{cid}）：{text}")
    if plan.topic_of or plan.point_order or plan.topic_order or plan.merged or plan.kinds:
        lines.append("（另有要点的归类、顺序、合并和取舍调整，重新打开报告后请在“成稿”页核对。）")
    return "\n".join(lines)


# --------------------------------------------------------------------------- the points tree


class PointTree(QTreeWidget):
    """Topics (top level) → points. A point can be dragged within its topic or into another one, a topic
    among the topics; anything else is refused. The move is made here, then ``moved`` says which topics
    changed (the page writes the plan)."""

    moved = Signal(bool, list)  # topics reordered, topic ids whose points changed
    undo_requested = Signal()  # 编辑 → 撤销 (Ctrl+Z) while the tree has the focus

    def undo(self) -> None:
        """Called by the window's 撤销 on the focused widget, as it calls a text field's own undo."""
        self.undo_requested.emit()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels(["要点小标题（勾选 = 写入本稿）", "固定", "来源"])
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setAccessibleName("履职情况要点")
        h = self.header()
        h.setStretchLastSection(True)
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setColumnWidth(0, 300)

    @staticmethod
    def is_topic(item: QTreeWidgetItem | None) -> bool:
        return item is not None and item.data(0, TypeRole) == "topic"

    def drop_place(self, pos: QPoint) -> tuple[QTreeWidgetItem | None, int] | None:
        """Where a drop at ``pos`` (viewport coordinates) puts the current item: (parent topic or None
        for the top level, row), or None when it cannot go there."""
        dragged = self.currentItem()
        if dragged is None:
            return None
        target = self.itemAt(pos)
        if target is None:  # below the last row: a topic goes last; a point nowhere
            return (None, self.topLevelItemCount()) if self.is_topic(dragged) else None
        rect = self.visualItemRect(target)
        y = pos.y() - rect.top()
        where = "above" if y < rect.height() / 4 else "below" if y > rect.height() * 3 / 4 else "on"
        if self.is_topic(dragged):
            topic = target if self.is_topic(target) else target.parent()
            row = self.indexOfTopLevelItem(topic)
            return None, row + (1 if where == "below" and topic is target else 0)
        if self.is_topic(target):
            if where == "above":  # above a topic heading: the end of the topic before it
                i = self.indexOfTopLevelItem(target)
                if i == 0:
                    return target, 0
                prev = self.topLevelItem(i - 1)
                return prev, prev.childCount()
            return target, (0 if where == "below" and target.isExpanded() else target.childCount())
        parent = target.parent()
        row = parent.indexOfChild(target)
        return parent, row + (0 if where == "above" else 1)

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        super().dragMoveEvent(event)
        if event.source() is self:
            if self.drop_place(event.position().toPoint()) is None:
                event.ignore()
            else:
                event.accept()

    def dropEvent(self, event) -> None:  # noqa: N802
        place = self.drop_place(event.position().toPoint())
        if place is None:
            event.ignore()
            return
        self.move_current(*place)
        # the item is moved already: an ignored action keeps Qt from removing the "source" row after the drag
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()

    def move_current(self, parent: QTreeWidgetItem | None, row: int) -> None:
        """Move the current item to ``row`` of ``parent`` (None: the top level) and say so."""
        item = self.currentItem()
        if item is None:
            return
        old_parent = item.parent()
        if parent is None:
            old = self.indexOfTopLevelItem(item)
            if row > old:
                row -= 1
            if row == old:
                return
            expanded = item.isExpanded()
            self.takeTopLevelItem(old)
            self.insertTopLevelItem(row, item)
            item.setExpanded(expanded)
            self.setCurrentItem(item)
            self.moved.emit(True, [])
            return
        old = old_parent.indexOfChild(item)
        if old_parent is parent:
            if row > old:
                row -= 1
            if row == old:
                return
        old_parent.takeChild(old)
        parent.insertChild(min(row, parent.childCount()), item)
        parent.setExpanded(True)
        self.setCurrentItem(item)
        touched = [old_parent.data(0, KeyRole)]
        if parent is not old_parent:
            touched.append(parent.data(0, KeyRole))
        self.moved.emit(False, touched)

    def structure(self) -> list[tuple[str, list[str]]]:
        """(topic id, point keys) as shown, top to bottom."""
        out = []
        for i in range(self.topLevelItemCount()):
            t = self.topLevelItem(i)
            out.append((t.data(0, KeyRole), [t.child(j).data(0, KeyRole) for j in range(t.childCount())]))
        return out


# --------------------------------------------------------------------------- the page


#: The plan's parts 撤销调整 restores (the points' arrangement; report fields have their own undo).
ARRANGEMENT = ("topic_of", "topic_order", "point_order", "headings", "leads", "merged", "kinds")
#: How many arrangements 撤销调整 can go back.
UNDO_STEPS = 100


def _arrangement(plan: CompositionPlan) -> dict[str, Any]:
    d = plan.to_dict()
    return {k: d[k] for k in ARRANGEMENT}


class ComposePage(QWidget):
    changed = Signal()  # report.plan changed (saved with the report header)
    kind_changed = Signal(str)
    status = Signal(str)

    def __init__(self, report: Report, composer: Composer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ..compose.topics import topic_data

        self.report = report
        self.composer = composer
        self.kinds = _kinds()
        self._topics = topic_data().topics
        self._kind = "shufa-report"
        self._result: Composed | None = None
        self._unshown: Composed | None = None
        self._points: dict[str, Any] = {}  # point key → Point (latest proposal)
        self._topic_of: dict[str, str] = {}  # point key → topic id, as shown
        self._items: dict[str, QTreeWidgetItem] = {}  # topic ids and point keys
        self._leads: dict[str, str] = {}  # point key → lead shown
        self._headings: dict[str, str] = {}  # topic id → heading shown
        self._looks: dict[str, tuple] = {}  # point key → (kind, included, dropped, pinned, fallback) shown
        self._history: list[dict[str, Any]] = [_arrangement(report.plan)]  # for 撤销调整, oldest first
        self._problem_keys: list[str] = []
        self._problem_rows: dict[str, tuple[QLineEdit, QLineEdit, QLineEdit, QLabel]] = {}
        self._rect_keys: list[str] = []
        self._rect_edits: dict[str, QLineEdit] = {}
        #: Compositions started before the page's last edit are not shown (they would undo a move).
        self._min_serial = 0
        #: GUI-thread time of the last update from a composition, ms.
        self.last_apply_ms = 0.0

        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(6)
        title = QLabel(PAGE_TITLE)
        f = title.font()
        f.setPointSizeF(f.pointSizeF() + 2)
        f.setBold(True)
        title.setFont(f)
        title.setToolTip("决定每种文稿写哪些要点、按什么顺序、用什么小标题；所有修改自动保存")

        # ---- title, kind; length
        row = QHBoxLayout()
        row.setSpacing(8)
        self.kind = QComboBox()
        for key, name in self.kinds.items():
            self.kind.addItem(name, key)
        self.kind.setAccessibleName("文稿种类")
        kind_label = QLabel("文稿：")
        kind_label.setBuddy(self.kind)
        self.reset_button = QPushButton("恢复自动方案…")
        self.reset_button.setToolTip("撤销在本页所做的调整，回到系统自动提出的方案")
        row.addWidget(title)
        row.addSpacing(12)
        row.addWidget(kind_label)
        row.addWidget(self.kind)
        row.addStretch(1)
        row.addWidget(self.reset_button)
        lay.addLayout(row)
        hint = QLabel("右侧“预览”就是导出的全文；所有修改自动保存。")
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        lay.addWidget(hint)
        self.length_bar = QProgressBar()
        self.length_bar.setTextVisible(False)
        self.length_bar.setFixedHeight(10)
        self.length_bar.setMinimumWidth(80)
        self.length_label = QLabel("正在成稿…")
        self.length_label.setAccessibleName("篇幅")
        length = QHBoxLayout()
        length.setSpacing(10)
        length.addWidget(self.length_label)
        length.addWidget(self.length_bar, 1)
        lay.addLayout(length)
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.verdict_label.hide()
        self.omitted_label = QLabel()
        self.omitted_label.setWordWrap(True)
        self.omitted_label.setStyleSheet(HINT_STYLE)
        self.omitted_label.hide()
        lay.addWidget(self.verdict_label)
        lay.addWidget(self.omitted_label)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._points_tab(), "履职情况要点")
        self.tabs.addTab(self._problems_tab(), "问题与措施")
        self.tabs.addTab(self._fields_tab(), "标题与落款")
        lay.addWidget(self.tabs, 1)

        self.kind.currentIndexChanged.connect(self._kind_picked)
        self.reset_button.clicked.connect(self.reset)
        composer.add_consumer(self)
        composer.composed.connect(self._composed)

    # ================================================================ building
    def _points_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.setSpacing(6)
        note = QLabel("双击或按 F2 改小标题（清空恢复建议），拖动调整顺序和归类；灰色：本稿没有写入。")
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        lay.addWidget(note)
        self.tree = PointTree()
        lay.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.up_button = QPushButton("上移")
        self.up_button.setToolTip("Ctrl+↑")
        self.down_button = QPushButton("下移")
        self.down_button.setToolTip("Ctrl+↓")
        self.merge_button = QPushButton("合并到上一条")
        self.merge_button.setToolTip("把这一条的内容并入同一部分的上一条要点")
        self.unmerge_button = QPushButton("取消合并")
        self.move_combo = QComboBox()
        self.move_combo.setAccessibleName("移到哪一部分")
        self.move_combo.setToolTip("把选中的要点移到另一部分")
        self.move_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.move_combo.setMinimumContentsLength(8)
        self.move_button = QPushButton("移动")
        self.move_button.setToolTip("把选中的要点移到左边所选的部分（排在最后）")
        move_label = QLabel("移到：")
        move_label.setBuddy(self.move_combo)
        for b in (self.up_button, self.down_button, self.merge_button, self.unmerge_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        moves = QHBoxLayout()
        moves.addWidget(move_label)
        moves.addWidget(self.move_combo)
        moves.addWidget(self.move_button)
        moves.addStretch(1)
        self.undo_button = QPushButton("撤销调整")
        self.undo_button.setToolTip("撤销上一次对要点的调整（归类、顺序、勾选、固定、合并、小标题）；Ctrl+Z")
        moves.addWidget(self.undo_button)
        lay.addLayout(moves)

        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.merge_button.clicked.connect(self.merge_selected)
        self.unmerge_button.clicked.connect(self.unmerge_selected)
        self.move_button.clicked.connect(lambda: self.move_selected_to(self.move_combo.currentData()))
        self.undo_button.clicked.connect(self.undo)
        self.tree.undo_requested.connect(self.undo)
        for seq, delta in (("Ctrl+Up", -1), ("Ctrl+Down", 1)):
            sc = QShortcut(QKeySequence(seq), self.tree)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda d=delta: self.move_selected(d))
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.moved.connect(self._tree_moved)
        self._update_buttons()
        return w

    def _problems_tab(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        self.problems_layout = QVBoxLayout(inner)
        self.problems_layout.setContentsMargins(8, 8, 8, 8)
        self.problems_layout.setSpacing(8)
        note = QLabel(
            "“存在的问题和不足”按方面归并，每个方面一个小标题和原因分析；“下一步工作打算”逐条回应。"
            "留空的框使用灰色显示的建议写法。"
        )
        note.setWordWrap(True)
        note.setStyleSheet(HINT_STYLE)
        self.problems_layout.addWidget(note)
        self.problems_box = QVBoxLayout()
        self.problems_box.setSpacing(8)
        self.problems_layout.addLayout(self.problems_box)
        self.rect_group = QGroupBox("上年度问题的简称（写作“关于‘……’的问题”）")
        self.rect_form = QFormLayout(self.rect_group)
        self.rect_group.hide()
        self.problems_layout.addWidget(self.rect_group)
        self.problems_layout.addStretch(1)
        scroll.setWidget(inner)
        return scroll

    def _fields_tab(self) -> QWidget:
        from ..compose.documents import default_byline, default_title

        w = QWidget()
        form = QFormLayout(w)
        form.setContentsMargins(8, 12, 8, 8)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setVerticalSpacing(10)
        plan = self.report.plan
        self.title_edit = QLineEdit(plan.title)
        self.title_edit.setToolTip("书面述法报告的标题；留空使用灰色显示的默认标题")
        self.byline_edit = QLineEdit(plan.byline)
        self.byline_edit.setToolTip("标题下的署名；留空使用灰色显示的写法")
        self._default_title, self._default_byline = default_title, default_byline
        self._update_placeholders()
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.date_edit.setAccessibleName("落款日期")
        self.date_today = QCheckBox("默认为导出当天")
        d = QDate.fromString(plan.date, Qt.DateFormat.ISODate) if plan.date else QDate()
        self.date_edit.setDate(d if d.isValid() else QDate.currentDate())
        self.date_today.setChecked(not (plan.date and d.isValid()))
        self.date_edit.setEnabled(not self.date_today.isChecked())
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.date_today)
        date_row.addStretch(1)
        self.annex_check = QCheckBox("附表：职责清单落实情况对照表")
        self.annex_check.setToolTip("附在书面述法报告之后，逐项列出量化要求和完成情况")
        self.annex_check.setChecked(plan.annex)
        self.rate_spin = QSpinBox()
        self.rate_spin.setRange(*SPEAKING_RATE_RANGE)
        self.rate_spin.setSingleStep(10)
        self.rate_spin.setSuffix(" 字/分钟")
        self.rate_spin.setValue(plan.speaking_rate)
        self.rate_spin.setAccessibleName("语速")
        rate_note = QLabel("现场发言按此语速估算时长；发言稿以 8 分钟为限。")
        rate_note.setStyleSheet(HINT_STYLE)
        rate_row = QHBoxLayout()
        rate_row.addWidget(self.rate_spin)
        rate_row.addWidget(rate_note, 1)
        form.addRow("书面报告标题：", self.title_edit)
        form.addRow("署名：", self.byline_edit)
        form.addRow("落款日期：", date_row)
        form.addRow("附件：", self.annex_check)
        form.addRow("语速：", rate_row)

        self.title_edit.textEdited.connect(lambda t: self._set_plan("title", t))
        self.byline_edit.textEdited.connect(lambda t: self._set_plan("byline", t))
        self.date_today.toggled.connect(self._date_changed)
        self.date_edit.dateChanged.connect(self._date_changed)
        self.annex_check.toggled.connect(lambda on: self._set_plan("annex", on))
        self.rate_spin.valueChanged.connect(lambda v: self._set_plan("speaking_rate", v))
        return w

    def _update_placeholders(self) -> None:
        self.title_edit.setPlaceholderText(self._default_title(self.report, "shufa-report"))
        self.byline_edit.setPlaceholderText(self._default_byline(self.report))

    # ================================================================ showing a composition
    def current_kind(self) -> str:
        return self._kind

    def set_kind(self, kind: str) -> None:
        i = self.kind.findData(kind)
        if i >= 0 and i != self.kind.currentIndex():
            self.kind.setCurrentIndex(i)

    def _kind_picked(self) -> None:
        self._kind = self.kind.currentData()
        self.kind_changed.emit(self._kind)
        if self._result is not None:
            self._apply(self._result)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._update_placeholders()  # name, unit, year or role may have changed
        latest = self.composer.latest
        if (
            latest is not None
            and latest.serial >= self._min_serial
            and (self._unshown is not None or self._result is None)
        ):
            self._apply(latest)
        self.composer.want()

    def _composed(self, result: Composed) -> None:
        if result.serial < self._min_serial:
            return  # composed before the page's last edit: the next one follows
        if not self.isVisible():
            self._unshown = result
            return
        self._apply(result)

    def _apply(self, result: Composed) -> None:
        t0 = time.perf_counter()
        self._unshown = None
        if result.error or result.material is None:
            self.length_label.setText("暂时无法成稿")
            self.verdict_label.setText(f"成稿出错：{result.error}")
            self.verdict_label.setStyleSheet(f"color: {RED};")
            self.verdict_label.show()
            return
        self._result = result
        c = result.docs[self._kind]
        self._show_length(c, result.lengths[self._kind])
        self._sync_tree(result.material, c)
        self._sync_problems(result.material, c)
        self._update_buttons()
        self.last_apply_ms = (time.perf_counter() - t0) * 1000

    def composition(self) -> Composition | None:
        """The composition of the kind shown (None until the first one arrives)."""
        return self._result.docs.get(self._kind) if self._result else None

    def _show_length(self, c: Composition, n: Length) -> None:
        color = length_color(n)
        self.length_label.setText(length_line(c.kind, n))
        style = f"color: {color}; font-weight: bold;" if color != GREEN else ""
        if self.length_label.styleSheet() != style:
            self.length_label.setStyleSheet(style)
        self.length_label.setToolTip(f"建议 {n.low}–{n.high} 字" if n.low else f"不超过 {n.high} 字")
        self.length_bar.setRange(0, max(n.high, 1))
        self.length_bar.setValue(min(n.chars, n.high))
        style = f"QProgressBar::chunk {{ background: {color}; }}"
        if self.length_bar.styleSheet() != style:
            self.length_bar.setStyleSheet(style)
        self.verdict_label.setText(n.verdict)
        style = f"color: {color};"
        if self.verdict_label.styleSheet() != style:
            self.verdict_label.setStyleSheet(style)
        self.verdict_label.setVisible(bool(n.verdict))
        self.omitted_label.setText("\n".join(c.omitted))
        self.omitted_label.setVisible(bool(c.omitted))

    # ---------------------------------------------------------------- the tree
    def _wanted_structure(self, material: Material) -> list[tuple[str, list[str]]]:
        """Every topic of the role (those without points too, so points can be moved there), in the
        order the core uses: the plan's order, then the role's."""
        from ..compose.topics import topic_data

        role = topic_data().role(self.report.official.role).topics
        shown = {t.id: [p.key for p in t.points] for t in material.topics}
        order = [t.id for t in material.topics]
        plan_order = [t for t in self.report.plan.topic_order if t in role]
        all_order = plan_order + [t for t in role if t not in plan_order]
        for tid in all_order:  # empty topics where the core would put them
            if tid not in shown:
                i = all_order.index(tid)
                before = [t for t in all_order[:i] if t in order]
                order.insert(order.index(before[-1]) + 1 if before else 0, tid)
                shown[tid] = []
        return [(tid, shown[tid]) for tid in order]

    def _sync_tree(self, material: Material, c: Composition) -> None:
        from ..compose.topics import MappedBy

        self._points = {p.key: p for t in material.topics for p in t.points}
        headings = {t.id: t.heading for t in material.topics}
        wanted = self._wanted_structure(material)
        self.tree.blockSignals(True)
        try:
            rebuild = wanted != self.tree.structure() or not self._items
            if rebuild:  # new items, filled in before they join the tree (no view updates per setter)
                state = self._tree_state()
                self._new_items(wanted)
            for tid, keys in wanted:
                self._update_topic(tid, headings.get(tid), keys, c)
                for k in keys:
                    self._update_point(self._points[k], c, MappedBy.FALLBACK)
            if rebuild:
                self._show_items(wanted, *state)
        finally:
            self.tree.blockSignals(False)
        self._fill_move_combo(wanted)

    def _tree_state(self) -> tuple[str | None, set[str], int]:
        current = self.tree.currentItem()
        key = current.data(0, KeyRole) if current is not None else None
        collapsed = {k for k, it in self._items.items() if PointTree.is_topic(it) and not it.isExpanded()}
        return key, collapsed, self.tree.verticalScrollBar().value()

    def _new_items(self, wanted: list[tuple[str, list[str]]]) -> None:
        self._items, self._leads, self._headings, self._looks, self._topic_of = {}, {}, {}, {}, {}
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for tid, keys in wanted:
            t = QTreeWidgetItem(["", "", ""])
            t.setData(0, KeyRole, tid)
            t.setData(0, TypeRole, "topic")
            t.setFlags(TOPIC_FLAGS)
            t.setFont(0, bold)
            self._items[tid] = t
            for k in keys:
                p = QTreeWidgetItem(["", "", ""])
                p.setData(0, KeyRole, k)
                p.setData(0, TypeRole, "point")
                p.setFlags(POINT_FLAGS)
                p.setToolTip(1, "固定：无论篇幅如何，本稿一定写入这一条")
                t.addChild(p)
                self._items[k] = p
                self._topic_of[k] = tid

    def _show_items(
        self, wanted: list[tuple[str, list[str]]], key: str | None, collapsed: set[str], scroll: int
    ) -> None:
        self.tree.clear()
        self.tree.addTopLevelItems([self._items[tid] for tid, _ in wanted])
        for tid, _ in wanted:
            self._items[tid].setExpanded(tid not in collapsed)
            self._items[tid].setFirstColumnSpanned(True)  # the heading in full
        if key in self._items:
            self.tree.setCurrentItem(self._items[key])
        self.tree.verticalScrollBar().setValue(scroll)

    def _update_topic(self, tid: str, heading: str | None, keys: list[str], c: Composition) -> None:
        it = self._items[tid]
        topic = self._topics[tid]
        text = heading or self.report.plan.headings.get(tid, "").strip() or topic.heading_for(self.report.official.role)
        if self._headings.get(tid) != text:
            it.setText(0, text)
            self._headings[tid] = text
        n_in = sum(1 for k in keys if k in c.included)
        if keys:
            info = f"{topic.short}：共 {len(keys)} 条要点，{self.kinds[self._kind]}写入 {n_in} 条"
        else:
            info = f"{topic.short}：暂无要点（可以把要点移到这里）"
        tip = f"{text}\n{info}\n双击或按 F2 修改这一部分的标题，清空恢复默认"
        if it.toolTip(0) != tip:
            it.setToolTip(0, tip)
        grey = not n_in
        if it.data(0, Qt.ItemDataRole.ForegroundRole) is None and grey:
            it.setForeground(0, QBrush(QColor(GREY)))
        elif not grey and it.data(0, Qt.ItemDataRole.ForegroundRole) is not None:
            it.setData(0, Qt.ItemDataRole.ForegroundRole, None)

    def _update_point(self, p: Any, c: Composition, fallback_mark: Any) -> None:
        it = self._items[p.key]
        fallback = p.mapped == fallback_mark
        if self._leads.get(p.key) != p.lead:
            it.setText(0, p.lead)
            self._leads[p.key] = p.lead
        label = p.label
        if len(p.sources) > 1:
            label += f"（已并入 {len(p.sources) - 1} 条）"
        if fallback:
            label += FALLBACK_NOTE
        if it.text(2) != label:
            it.setText(2, label)
            body = "".join(p.sentences)
            it.setToolTip(2, f"{p.label}\n\n{_shorten(body, 300)}" if body else p.label)
        kc = self.report.plan.kinds.get(self._kind)
        dropped = kc is not None and p.key in kc.dropped
        pinned = kc is not None and p.key in kc.pinned
        included = p.key in c.included
        look = (self._kind, included, dropped, pinned, fallback)
        if self._looks.get(p.key) == look:
            return
        self._looks[p.key] = look
        it.setCheckState(0, Qt.CheckState.Unchecked if dropped else Qt.CheckState.Checked)
        it.setCheckState(1, Qt.CheckState.Checked if pinned else Qt.CheckState.Unchecked)
        brush = QBrush() if included else QBrush(QColor(GREY))
        it.setForeground(0, brush)
        it.setForeground(2, QBrush(QColor(AMBER)) if fallback else brush)
        f = it.font(0)
        f.setStrikeOut(dropped)
        it.setFont(0, f)
        name = self.kinds[self._kind]
        if included:
            state = f"已写入{name}"
        elif dropped:
            state = f"不写入{name}（勾选即恢复）"
        else:
            state = f"{name}篇幅所限，这一条未写入；勾选“固定”可保留"
        it.setToolTip(0, f"{p.lead}\n{state}\n双击或按 F2 修改小标题")

    def _fill_move_combo(self, wanted: list[tuple[str, list[str]]]) -> None:
        ids = [tid for tid, _ in wanted]
        if [self.move_combo.itemData(i) for i in range(self.move_combo.count())] == ids:
            return
        self.move_combo.blockSignals(True)
        self.move_combo.clear()
        for tid in ids:
            self.move_combo.addItem(self._topics[tid].short, tid)
        self.move_combo.blockSignals(False)

    # ---------------------------------------------------------------- editing in the tree
    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        key = item.data(0, KeyRole)
        plan = self.report.plan
        if PointTree.is_topic(item):
            if column != 0:
                return
            text = item.text(0).strip()
            proposed = self._topics[key].heading_for(self.report.official.role)
            if text == self._headings.get(key):
                return
            if not text or text == proposed:
                plan.headings.pop(key, None)
                self._set_item_text(item, 0, proposed)
                self._headings[key] = proposed
            else:
                plan.headings[key] = text
                self._headings[key] = text
            self._edited()
            return
        p = self._points.get(key)
        if column == 0:
            text = item.text(0).strip()
            if text != self._leads.get(key):
                proposed = p.proposed_lead if p is not None else ""
                if not text or text == proposed:
                    plan.leads.pop(key, None)
                    self._set_item_text(item, 0, proposed)
                    self._leads[key] = proposed
                else:
                    plan.leads[key] = text
                    self._leads[key] = text
                    from ..compose.sentences import MAX_LEAD_CHARS

                    if len(text) > MAX_LEAD_CHARS:
                        self.status.emit(f"小标题“{text}”有 {len(text)} 个字，一般不超过 {MAX_LEAD_CHARS} 个字。")
                self._edited()
            checked = item.checkState(0) == Qt.CheckState.Checked
            choices = plan.kinds.get(self._kind)
            was_dropped = choices is not None and key in choices.dropped
            if checked == was_dropped:  # the tick changed
                self.set_included(key, checked)
        elif column == 1:
            pinned = item.checkState(1) == Qt.CheckState.Checked
            choices = plan.kinds.get(self._kind)
            if pinned != (choices is not None and key in choices.pinned):
                self.set_pinned(key, pinned)

    def _set_item_text(self, item: QTreeWidgetItem, column: int, text: str) -> None:
        self.tree.blockSignals(True)
        try:
            item.setText(column, text)
        finally:
            self.tree.blockSignals(False)

    def set_included(self, key: str, on: bool) -> None:
        """写入本稿 (``on``) or not, for the kind shown."""
        c = self.report.plan.choices(self._kind)
        if on:
            c.dropped = [k for k in c.dropped if k != key]
        else:
            if key not in c.dropped:
                c.dropped.append(key)
            c.pinned = [k for k in c.pinned if k != key]
        self._looks.pop(key, None)
        self._edited()

    def set_pinned(self, key: str, on: bool) -> None:
        """固定 (always written) for the kind shown; pinning a dropped point takes it back in."""
        c = self.report.plan.choices(self._kind)
        if on:
            if key not in c.pinned:
                c.pinned.append(key)
            c.dropped = [k for k in c.dropped if k != key]
        else:
            c.pinned = [k for k in c.pinned if k != key]
        self._looks.pop(key, None)
        self._edited()

    def _tree_moved(self, topics_moved: bool, touched: list[str]) -> None:
        """The tree was rearranged (drag, 上移/下移, 移到): write the new arrangement into the plan."""
        plan = self.report.plan
        structure = self.tree.structure()
        if topics_moved:
            plan.topic_order = [tid for tid, _ in structure]
        for tid, keys in structure:
            if tid not in touched:
                continue
            plan.point_order[tid] = list(keys)
            for k in keys:
                if self._topic_of.get(k) != tid:
                    point = self._points.get(k)
                    if point is not None and point.proposed_topic == tid:
                        plan.topic_of.pop(k, None)  # back where the rules put it: no move to remember
                    else:
                        plan.topic_of[k] = tid
                    self._topic_of[k] = tid
        self._edited()

    def selected(self) -> QTreeWidgetItem | None:
        return self.tree.currentItem()

    def select(self, key: str) -> bool:
        it = self._items.get(key)
        if it is None:
            return False
        self.tree.setCurrentItem(it)
        return True

    def move_selected(self, delta: int) -> None:
        """上移 (-1) / 下移 (+1): a point within its topic, a topic among the topics."""
        it = self.selected()
        if it is None:
            self.status.emit("请先在列表中选中一条要点或一个部分。")
            return
        if PointTree.is_topic(it):
            i = self.tree.indexOfTopLevelItem(it) + delta
            if not 0 <= i < self.tree.topLevelItemCount():
                self.status.emit("已经是第一部分。" if delta < 0 else "已经是最后一部分。")
                return
            self.tree.move_current(None, i + (1 if delta > 0 else 0))
        else:
            parent = it.parent()
            i = parent.indexOfChild(it) + delta
            if not 0 <= i < parent.childCount():
                self.status.emit("已经是这一部分的第一条。" if delta < 0 else "已经是这一部分的最后一条。")
                return
            self.tree.move_current(parent, i + (1 if delta > 0 else 0))
        self.tree.setFocus()

    def move_selected_to(self, tid: str | None) -> None:
        """移到: the selected point to the end of topic ``tid``."""
        it = self.selected()
        if it is None or PointTree.is_topic(it) or tid not in self._items:
            self.status.emit("请先选中一条要点，再选择要移到的部分。")
            return
        target = self._items[tid]
        if it.parent() is target:
            self.status.emit("这一条已经在这一部分中。")
            return
        self.tree.move_current(target, target.childCount())
        self.status.emit(f"已移到“{self._topics[tid].short}”。")

    def merge_selected(self) -> None:
        """合并到上一条: the selected point's content joins the point above it in the same topic."""
        it = self.selected()
        if it is None or PointTree.is_topic(it):
            self.status.emit("请先选中要合并的要点。")
            return
        parent = it.parent()
        i = parent.indexOfChild(it)
        if i == 0:
            self.status.emit("这是这一部分的第一条，上面没有可以合并的要点。")
            return
        key, target = it.data(0, KeyRole), parent.child(i - 1).data(0, KeyRole)
        self.report.plan.merged[key] = target
        self.tree.blockSignals(True)
        parent.removeChild(it)  # gone at once; the target shows the merged count after recomposing
        self.tree.blockSignals(False)
        self._items.pop(key, None)
        self.tree.setCurrentItem(self._items[target])
        self._edited()
        self.status.emit("已合并到上一条；选中这一条点“取消合并”可以拆开。")

    def _merged_into(self, key: str) -> list[str]:
        merged = self.report.plan.merged
        out, todo = [], [key]
        while todo:
            t = todo.pop()
            for k, v in merged.items():
                if v == t and k not in out:
                    out.append(k)
                    todo.append(k)
        return out

    def unmerge_selected(self) -> None:
        it = self.selected()
        key = it.data(0, KeyRole) if it is not None else None
        inner = self._merged_into(key) if key else []
        if not inner:
            self.status.emit("选中的要点没有合并其他要点。")
            return
        for k in inner:
            self.report.plan.merged.pop(k, None)
        self._edited()

    def _update_buttons(self) -> None:
        self.undo_button.setEnabled(len(self._history) > 1)
        it = self.tree.currentItem()
        point = it is not None and not PointTree.is_topic(it)
        self.up_button.setEnabled(it is not None)
        self.down_button.setEnabled(it is not None)
        self.merge_button.setEnabled(point)
        self.move_button.setEnabled(point)
        self.unmerge_button.setEnabled(point and bool(self._merged_into(it.data(0, KeyRole))))

    # ---------------------------------------------------------------- problems
    def _sync_problems(self, material: Material, c: Composition) -> None:
        from ..compose.material import rect_name

        problems = [p for p in material.problems if p.key in self._topics and (p.texts or p.measures)]
        keys = [p.key for p in problems]
        plan = self.report.plan
        if keys != self._problem_keys:
            self._problem_keys = keys
            self._build_problems(keys)
        bodies: dict[str, str] = {}  # problem key → its printed text (kinds that print problems apart)
        for sec in c.sections:
            for b in sec.blocks:
                if b.kind == "problem" and b.key:
                    k = b.key.split("#")[0]
                    bodies[k] = bodies.get(k, "") + b.text
        name = self.kinds[self._kind]
        for p in problems:
            head, cause, measure, state = self._problem_rows[p.key]
            topic = self._topics[p.key]
            head.setPlaceholderText(topic.problem_head)
            measure.setPlaceholderText(topic.measure_lead)
            proposed = getattr(p, "proposed_cause", "") or topic.cause
            cause.setPlaceholderText(proposed)
            cause.setToolTip(f"建议写法：{proposed}\n留空即用建议写法；写了就用你写的。")
            texts = "；".join(_shorten(t.rstrip("。；;"), 40) for t in p.texts[:2]) or "（只有改进措施）"
            if not bodies:
                mark = ""
            elif p.key not in bodies:
                mark = f"{name}篇幅所限，这一方面未写入。"
            elif not plan.problem_causes.get(p.key, "").strip() and proposed not in bodies[p.key]:
                mark = f"已写入{name}；原文已写明原因，灰色的建议原因不再另加。"
            else:
                mark = f"已写入{name}。"
            state.setText(f"{mark}\n原文：{texts}" if mark else f"原文：{texts}")
        items = material.rect_items
        rkeys = [r.key for r in items]
        if rkeys != self._rect_keys:
            self._rect_keys = rkeys
            while self.rect_form.rowCount():
                self.rect_form.removeRow(0)
            self._rect_edits = {}
            problems_by_id = {c.id: c.problem for c in self.report.carry_over}
            for n, r in enumerate(items, start=1):
                e = QLineEdit(plan.rect_names.get(r.key, ""))
                e.setPlaceholderText(rect_name(problems_by_id.get(r.key, r.name)))
                e.setMaxLength(30)
                e.textEdited.connect(lambda t, k=r.key: self._set_map("rect_names", k, t))
                self._rect_edits[r.key] = e
                self.rect_form.addRow(f"问题 {n}：", e)
            self.rect_group.setVisible(bool(items))

    def _build_problems(self, keys: list[str]) -> None:
        while self.problems_box.count():
            w = self.problems_box.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self._problem_rows = {}
        plan = self.report.plan
        for key in keys:
            topic = self._topics[key]
            box = QGroupBox(f"{topic.short}方面")
            form = QFormLayout(box)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            head = QLineEdit(plan.problem_heads.get(key, ""))
            head.setAccessibleName(f"{topic.short}：问题小标题")
            cause = QLineEdit(plan.problem_causes.get(key, ""))
            cause.setAccessibleName(f"{topic.short}：原因分析")
            measure = QLineEdit(plan.measure_leads.get(key, ""))
            measure.setAccessibleName(f"{topic.short}：措施小标题")
            state = QLabel()
            state.setWordWrap(True)
            state.setStyleSheet(HINT_STYLE)
            form.addRow("问题小标题：", head)
            form.addRow("原因分析：", cause)
            form.addRow("措施小标题：", measure)
            form.addRow(state)
            head.textEdited.connect(lambda t, k=key: self._set_map("problem_heads", k, t))
            cause.textEdited.connect(lambda t, k=key: self._set_map("problem_causes", k, t))
            measure.textEdited.connect(lambda t, k=key: self._set_map("measure_leads", k, t))
            self._problem_rows[key] = (head, cause, measure, state)
            self.problems_box.addWidget(box)
        if not keys:
            empty = QLabel("还没有填写存在问题或改进措施。")
            empty.setStyleSheet(HINT_STYLE)
            self.problems_box.addWidget(empty)

    # ---------------------------------------------------------------- report fields
    def _set_plan(self, attr: str, value: Any) -> None:
        if getattr(self.report.plan, attr) != value:
            setattr(self.report.plan, attr, value)
            self._edited()

    def _set_map(self, attr: str, key: str, text: str) -> None:
        values: dict[str, str] = getattr(self.report.plan, attr)
        if text.strip():
            values[key] = text
        else:
            values.pop(key, None)
        self._edited()

    def _date_changed(self, *_: object) -> None:
        today = self.date_today.isChecked()
        self.date_edit.setEnabled(not today)
        self._set_plan("date", None if today else self.date_edit.date().toString(Qt.DateFormat.ISODate))

    # ---------------------------------------------------------------- saving, resetting
    def _edited(self) -> None:
        now = _arrangement(self.report.plan)
        if now != self._history[-1]:
            self._history = [*self._history[-(UNDO_STEPS - 1) :], now]
        self._recompose()

    def undo(self) -> None:
        """撤销调整: the points' arrangement as it was before the last change to it."""
        if len(self._history) < 2:
            return
        self._history.pop()
        previous = CompositionPlan.from_dict(self._history[-1])
        for attr in ARRANGEMENT:
            setattr(self.report.plan, attr, getattr(previous, attr))
        self._looks.clear()
        self._recompose()
        self.status.emit("已撤销上一次调整。")

    def _recompose(self) -> None:
        self._min_serial = self.composer.serial + 1
        self.changed.emit()
        self.composer.changed(RECOMPOSE_MS)
        self._update_buttons()

    def reset(self) -> None:
        """恢复自动方案, after a confirm: this kind's choices only, or every composition edit."""
        name = self.kinds[self._kind]
        only, every = f"只恢复{name}的取舍", "全部恢复自动方案"
        answer = messages.ask(
            self,
            f"恢复“{name}”的自动方案？",
            (only, every, "取消"),
            default="取消",
            detail=(
                f"“{only}”：清除在{name}中“写入本稿”“固定”的勾选。\n"
                f"“{every}”：还清除各种文稿共用的调整：要点的归类、顺序、小标题、合并，"
                "部分标题，问题与措施的改写。标题、署名、落款日期、附表和语速不变。"
            ),
        )
        plan = self.report.plan
        if answer == only:
            plan.kinds.pop(self._kind, None)
        elif answer == every:
            plan.kinds.clear()
            for values in (
                plan.topic_of,
                plan.point_order,
                plan.headings,
                plan.leads,
                plan.merged,
                plan.problem_heads,
                plan.problem_causes,
                plan.measure_leads,
            ):
                values.clear()
            plan.topic_order = []
            for head, cause, measure, _ in self._problem_rows.values():
                head.clear()
                cause.clear()
                measure.clear()
        else:
            return
        self._looks.clear()
        self._edited()
        self.status.emit("已恢复自动方案。（可用“撤销调整”找回）")


__all__ = ["COMPOSE_KEY", "Composed", "ComposePage", "Composer", "PointTree", "compose_all", "plan_text", "snapshot"]
