"""体检: the side panel that lists what a reviewer would send back (:func:`shuifa.checkup.check`, Qt-free),
grouped by what is wrong, blocking groups (阻止) first; activating an entry jumps to its place.

``check`` takes 17–50 ms on a 300-duty report, more than a frame, so it never runs on the GUI thread
while the official types: an edit schedules a check :data:`CHECK_DELAY_MS` after the last one (while
the panel is shown); the GUI thread copies the report's mutable parts (~1 ms for 300 duties, the
Composer's :func:`~shuifa.gui.compose_page.snapshot`) and one long-lived worker thread checks the
copy. The list is rebuilt only when the findings changed, and a long group (300 unfilled duties)
shows its first :data:`SHOWN_PER_GROUP` entries until the official asks for all, so showing a result
stays far below a frame as well.

Places (a finding's ``where``): a duty id or ``part:<name>`` are passed on through :attr:`jump` as they
are; ``kind:<kind>`` (a kind over its budget) jumps to the 成稿 page (``part:compose``) and asks for that
kind through :attr:`kind_wanted`.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..completeness import duty_title
from ..model import REPORT_PARTS, Report
from .compose_page import snapshot
from .look import HINT_STYLE, STATE_COLORS, state_icon
from .tasks import BackgroundWorker, launch_latest

if TYPE_CHECKING:  # the checks (and the composer they use) are imported on first use, not at start-up
    from ..checkup import Code, Finding

#: Check again this long after the last edit (while the panel is shown).
CHECK_DELAY_MS = 800
#: A group lists this many findings until the official asks for all of them.
SHOWN_PER_GROUP = 12
#: While checking, the worker gives the GIL back to the GUI thread after at most this long.
CHECK_SWITCH_S = 0.0002
COMPOSE_KEY = "part:compose"

RED = STATE_COLORS["unmet"]
AMBER = "#B45309"
GREEN = STATE_COLORS["done"]
SEVERITY_WORDS = {"block": "阻止", "warn": "提示"}
PlaceRole = Qt.ItemDataRole.UserRole
MoreRole = Qt.ItemDataRole.UserRole + 1


# --------------------------------------------------------------------------- places (no Qt)


def place_of(where: str) -> tuple[str, str]:
    """(the view's key, the kind to select) for a finding's ``where``: ``kind:speech`` is the 成稿 page
    with 现场述法发言稿 selected; ``official`` (older findings) is the 基本信息 page."""
    if where.startswith("kind:"):
        return COMPOSE_KEY, where.removeprefix("kind:")
    if where == "official":
        return "part:official", ""
    return where, ""


@dataclass
class Checked:
    """One run of the 体检 over a copy of the report, with what the panel needs to name places."""

    serial: int
    findings: list[Finding] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # place → its name (group-qualified when labels repeat)
    paths: dict[str, str] = field(default_factory=dict)  # duty id → its groups, for the tooltip
    prefixes: dict[str, str] = field(default_factory=dict)  # duty id → its group's label, where labels repeat
    progress: tuple[int, int] = (0, 0)  # (filled in, walked)
    worker_ms: float = 0.0
    error: str = ""

    @property
    def blocking(self) -> list[Finding]:
        return [f for f in self.findings if f.blocks]


def _place_names(report: Report, findings: Sequence[Finding]) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Names of the places the findings point to. Duties are named by their label and the start of
    their text; when the label repeats in the report (twelve “（二）” under different articles), the
    nearest group's label goes in front (“第六条（二）…”)."""
    wanted = {f.where for f in findings} | {k for f in findings for k in f.also}
    names: dict[str, str] = {}
    paths: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    duty_paths = report.duty_paths()
    labels = Counter(n.label for _, n in duty_paths)
    for path, node in duty_paths:
        if node.id not in wanted:
            continue
        title = duty_title(node, 24)
        group = next((g for g in reversed(path) if g.label.strip()), None)
        if labels[node.label] > 1 and group is not None:
            prefixes[node.id] = group.label.strip()
            title = prefixes[node.id] + title
        names[node.id] = title
        paths[node.id] = " › ".join(g.heading() or duty_title(g) for g in path)
    pages = {"part:official": "基本信息", COMPOSE_KEY: "成稿", **{f"part:{k}": v for k, v in REPORT_PARTS.items()}}
    for key in wanted:
        if key in names:
            continue
        page, kind = place_of(key)
        if kind:
            from ..compose import KINDS

            names[key] = f"成稿（{KINDS.get(kind, kind)}）"
        elif page in pages:
            names[key] = pages[page]
    return names, paths, prefixes


def run_check(report: Report, serial: int = 0) -> Checked:
    """The 体检 of ``report`` and the names of its places (no Qt: runs in the worker thread)."""
    t0 = time.perf_counter()
    try:
        from ..checkup import check

        findings = check(report)
        names, paths, prefixes = _place_names(report, findings)
        progress = report.progress()
    except Exception as exc:  # noqa: BLE001 - a failing check must never take the editor down
        ms = (time.perf_counter() - t0) * 1000
        return Checked(serial, worker_ms=ms, error=f"{type(exc).__name__}: {exc}")
    return Checked(serial, findings, names, paths, prefixes, progress, (time.perf_counter() - t0) * 1000)


def finding_text(f: Finding, prefixes: dict[str, str]) -> str:
    """A finding as the panel lists it: under its group's heading, without repeating the heading, and
    with the duty's group label where labels repeat."""
    from ..checkup import TITLES

    text = f.message.removeprefix(TITLES[f.code] + "：")
    prefix = prefixes.get(f.where, "")
    if prefix and not text.startswith(prefix):
        text = prefix + text
    return text


def grouped(findings: Sequence[Finding]) -> list[tuple[Code, list[Finding]]]:
    """Findings by code, blocking codes first, each in the order ``check`` found them."""
    groups: dict[Code, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.code, []).append(f)
    return sorted(groups.items(), key=lambda kv: not kv[1][0].blocks)


# --------------------------------------------------------------------------- the worker

_WORKER = BackgroundWorker("checkup", CHECK_SWITCH_S)


# --------------------------------------------------------------------------- the panel


class CheckupPanel(QWidget):
    """The 体检 tab: ``jump(key)`` to a duty / report-level page, ``kind_wanted(kind)`` right after a jump
    to the 成稿 page for a kind's finding; ``checked(Checked)`` after each check is shown."""

    jump = Signal(str)
    kind_wanted = Signal(str)
    checked = Signal(object)
    _done = Signal(object)
    #: False checks on the GUI thread (scripts that need the result at once).
    threaded = True

    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.latest: Checked | None = None
        self.stale = True
        self._serial = 0
        self._running = False
        self._again = False
        self._shown: tuple | None = None
        self._expanded: set[str] = set()  # codes whose whole group is listed
        #: GUI-thread times of the last start (copying the report) and of showing the last result, ms.
        self.snapshot_ms = 0.0
        self.show_ms = 0.0

        title = QLabel("体检")
        big = QFont(title.font())
        big.setPointSizeF(big.pointSizeF() + 2)
        big.setBold(True)
        title.setFont(big)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setFont(_larger(self.summary.font()))
        self.hint = QLabel("标“阻止”的，报送后会被退回，导出前请先改好；标“提示”的，建议修改。单击一条，转到它的位置。")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(HINT_STYLE)
        self.busy_label = QLabel("正在检查…")
        self.busy_label.setStyleSheet(HINT_STYLE)
        self.busy_label.setVisible(False)
        self.refresh_button = QPushButton("重新检查")
        self.refresh_button.setToolTip("修改后会自动重新检查；也可以点这里立即检查")
        self.refresh_button.clicked.connect(self.refresh)
        self.list = QListWidget()
        self.list.setAccessibleName("体检结果")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setFont(_larger(self.list.font()))
        self.list.setIconSize(QSize(16, 16))
        self.list.setSpacing(1)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addWidget(self.busy_label)
        head.addStretch(1)
        head.addWidget(self.refresh_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(head)
        lay.addWidget(self.summary)
        lay.addWidget(self.hint)
        lay.addWidget(self.list, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        self._done.connect(self._finished, Qt.ConnectionType.QueuedConnection)

    # ---------------------------------------------------------------- checking
    @property
    def findings(self) -> list[Finding]:
        """The findings of the last check shown."""
        return self.latest.findings if self.latest else []

    @property
    def busy(self) -> bool:
        return self._running or self._timer.isActive()

    @property
    def serial(self) -> int:
        """The number of the last check started."""
        return self._serial

    def schedule(self) -> None:
        """The report changed: check again soon while the panel is shown (else when it is shown)."""
        self.stale = True
        if self.isVisible():
            self._timer.start(CHECK_DELAY_MS)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.stale and not self._running:
            self._timer.start(0)

    def refresh(self) -> None:
        """Check now, in the worker thread; the result is shown when it arrives."""
        self._timer.stop()
        if self._running:
            self._again = True
            return
        self.busy_label.setVisible(True)
        launch_latest(self, _WORKER, run_check, snapshot)

    def check_now(self) -> Checked:
        """Check on the calling thread and show it (tests, scripts, the screenshot)."""
        self._timer.stop()
        self._serial += 1
        self.stale = False
        result = run_check(snapshot(self.report), self._serial)
        self._show(result)
        return result

    def _finished(self, result: Checked) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.refresh()  # an edit came in meanwhile: this result is already out of date
        if result.serial >= (self.latest.serial if self.latest else 0):
            self._show(result)
        self.busy_label.setVisible(self._running)

    # ---------------------------------------------------------------- showing
    def _show(self, result: Checked) -> None:
        t0 = time.perf_counter()
        self.latest = result
        self._summarize(result)
        shown = (tuple((f.code, f.message, f.where, f.also) for f in result.findings), frozenset(self._expanded))
        if shown != self._shown:
            self._shown = shown
            self._fill(result)
        self.show_ms = (time.perf_counter() - t0) * 1000
        self.checked.emit(result)

    def _summarize(self, r: Checked) -> None:
        done, total = r.progress
        filled = f"已填写 {done}/{total} 项职责。"
        if r.error:
            self.summary.setText(f"<span style='color:{RED}'>体检没有完成（{r.error}）。</span>请点“重新检查”。")
            return
        blocks = len(r.blocking)
        warns = len(r.findings) - blocks
        if not r.findings:
            text = f"<span style='color:{GREEN}'>✓ 体检通过：没有发现会被退回的问题。</span>"
        elif not blocks:
            text = (
                f"<span style='color:{GREEN}'>✓ 没有会被退回的问题。</span>"
                f"另有 <b style='color:{AMBER}'>提示 {warns} 处</b>，建议修改。"
            )
        else:
            text = f"<b style='color:{RED}'>阻止 {blocks} 处</b>"
            if warns:
                text += f"，<b style='color:{AMBER}'>提示 {warns} 处</b>"
            text += "。"
        self.summary.setText(f"{text} {filled}")
        self.hint.setVisible(bool(r.findings))

    def _fill(self, r: Checked) -> None:
        from ..checkup import TITLES

        current = self.list.currentItem()
        keep = current.data(PlaceRole) if current is not None else None
        self.list.setUpdatesEnabled(False)
        try:
            self.list.clear()
            bold = QFont(self.list.font())
            bold.setBold(True)
            for code, group in grouped(r.findings):
                blocks = group[0].blocks
                color = RED if blocks else AMBER
                head = QListWidgetItem(f"{SEVERITY_WORDS[group[0].severity.value]} · {TITLES[code]}（{len(group)} 处）")
                head.setFont(bold)
                head.setFlags(Qt.ItemFlag.NoItemFlags)
                head.setForeground(QBrush(QColor(color)))
                self.list.addItem(head)
                icon = state_icon("unmet" if blocks else "in_progress")
                shown = group if code.value in self._expanded else group[:SHOWN_PER_GROUP]
                for f in shown:
                    item = QListWidgetItem(icon, finding_text(f, r.prefixes))
                    item.setData(PlaceRole, f.where)
                    item.setForeground(QBrush(QColor("#111827")))
                    tip = r.paths.get(f.where) or r.names.get(f.where, "")
                    item.setToolTip(f"{f.message}\n位置：{tip}（单击转到）" if tip else f.message)
                    self.list.addItem(item)
                    if keep is not None and f.where == keep:
                        self.list.setCurrentItem(item)
                        keep = None
                    for other in f.also:
                        also = QListWidgetItem(f"　　另一处：{r.names.get(other, other)}（单击转到）")
                        also.setData(PlaceRole, other)
                        also.setForeground(QBrush(QColor("#374151")))
                        also.setToolTip(r.paths.get(other, ""))
                        self.list.addItem(also)
                if len(shown) < len(group):
                    more = QListWidgetItem(f"　……还有 {len(group) - len(shown)} 处，单击全部列出")
                    more.setData(MoreRole, code.value)
                    more.setForeground(QBrush(QColor("#1F4E79")))
                    self.list.addItem(more)
        finally:
            self.list.setUpdatesEnabled(True)

    # ---------------------------------------------------------------- jumping
    def _activated(self, item: QListWidgetItem) -> None:
        more = item.data(MoreRole)
        if more:
            self._expanded.add(more)
            if self.latest is not None:
                self._show(self.latest)
            return
        where = item.data(PlaceRole)
        if where:
            self.go(where)

    def go(self, where: str) -> None:
        """Jump to a finding's place (see :func:`place_of`)."""
        key, kind = place_of(where)
        self.jump.emit(key)
        if kind:
            self.kind_wanted.emit(kind)

    def texts(self) -> list[str]:
        """What the list shows, row by row (tests, diagnostics)."""
        return [self.list.item(i).text() for i in range(self.list.count())]


def _larger(font: QFont) -> QFont:
    """The UI font one step larger (findings are read carefully, in a narrow panel)."""
    f = QFont(font if font.pointSizeF() > 0 else QApplication.font())
    f.setPointSizeF(max(f.pointSizeF(), 10) + 1)
    return f


# --------------------------------------------------------------------------- before an export


def blocking_text(findings: Sequence[Finding], per_group: int = 3) -> str:
    """The blocking findings as the export question lists them: a line per group, a few entries each."""
    from ..checkup import TITLES

    lines: list[str] = []
    for code, group in grouped([f for f in findings if f.blocks]):
        lines.append(f"■ {TITLES[code]}（{len(group)} 处）")
        for f in group[:per_group]:
            lines.append("　· " + f.message.removeprefix(TITLES[code] + "："))
        if len(group) > per_group:
            lines.append(f"　· ……还有 {len(group) - per_group} 处")
    return "\n".join(lines)


EXPORT_QUESTION_TITLE = "体检：报送后会被退回"
EXPORT_BUTTONS = ("仍要导出", "去修改")


def export_anyway(parent: QWidget | None, findings: Sequence[Finding]) -> bool:
    """Before an export: with a blocking finding, ask (through :mod:`~shuifa.gui.messages`) whether
    to export anyway. True: export (nothing blocks, or 仍要导出); False: 去修改."""
    from . import messages

    blocking = [f for f in findings if f.blocks]
    if not blocking:
        return True
    answer = messages.ask(
        parent,
        f"体检发现 {len(blocking)} 处问题，报送后会被退回。建议先修改，再导出。",
        EXPORT_BUTTONS,
        default=EXPORT_BUTTONS[0],
        detail=blocking_text(blocking),
        title=EXPORT_QUESTION_TITLE,
    )
    return answer == EXPORT_BUTTONS[0]
