"""Live preview of the report text (``shuifa.render.preview_text``), refreshed as the official types.

Refreshes are debounced and skipped while the panel is hidden; the render package is imported on the
first refresh, after the window is already up.
"""

from __future__ import annotations

import importlib
import sys
import threading
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ..model import Report
from .look import editor_font

KIND_TITLES: dict[str, str] = {
    "shufa-report": "书面述法报告",
    "shuzhi-section": "述职报告述法部分",
    "speech": "现场述法发言稿",
}
DEBOUNCE_MS = 500
_render_ready = threading.Event()
_preloading = False
#: Set by the app (``app.run``): the render package is imported by a background thread, never on the
#: GUI thread. Left False elsewhere (tests, scripts), where the first preview imports it directly.
background_import = False


def preload_render() -> None:
    """Import the render package (docxtpl, python-docx, jinja2: ~0.3 s) in a background thread after
    start-up, so neither the first window nor the first preview waits for it."""
    global _preloading
    if _preloading or _render_ready.is_set():
        return
    _preloading = True

    def work() -> None:
        try:
            importlib.import_module("shuifa.render")
        finally:
            _render_ready.set()

    threading.Thread(target=work, name="preload-render", daemon=True).start()


def render_loaded() -> bool:
    return _render_ready.is_set() or ("shuifa.render" in sys.modules and not _preloading)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix (binary search over slice comparisons, which run in C)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def minutes_label(minutes: float) -> str:
    if minutes < 1:
        return "不到 1 分钟"
    return f"约 {round(minutes)} 分钟" if minutes >= 1.5 else "约 1 分钟"


class PreviewPanel(QWidget):
    def __init__(self, report: Report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.kind = QComboBox()
        for key, title in KIND_TITLES.items():
            self.kind.addItem(title, key)
        self.kind.setToolTip("预览哪一种文稿")
        self.stats = QLabel()
        self.stats.setStyleSheet("color: #374151;")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(editor_font())
        self.text.setPlaceholderText("填写内容后，这里显示将要导出的报告全文。")
        head = QHBoxLayout()
        head.addWidget(self.kind)
        head.addStretch(1)
        head.addWidget(self.stats)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(head)
        lay.addWidget(self.text, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self._stale = True
        self._shown = ""  # the text shown, as plain text
        self._chars = 0
        self._speech_tail = ""  # " · 现场发言稿约 N 分钟", kept until recomputed
        self._speech_timer = QTimer(self)
        self._speech_timer.setSingleShot(True)
        self._speech_timer.setInterval(0)
        self._speech_timer.timeout.connect(self._update_speech)
        self.last_ms = 0.0
        self.text.document().setUndoRedoEnabled(False)
        self.kind.currentIndexChanged.connect(self.refresh)

    def schedule(self) -> None:
        """The report changed: refresh soon (when visible)."""
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self._timer.start(0 if render_loaded() else 150)

    def _show_text(self, new: str) -> None:
        """Show ``new``, replacing only what changed: typing changes a few characters of a text of tens of
        thousands, and laying all of it out again would block the GUI thread for several milliseconds."""
        old = self._shown
        if new == old:
            return
        self._shown = new
        if not old or len(new.encode("utf-16-le")) != 2 * len(new) or self.text.document().isEmpty():
            bar = self.text.verticalScrollBar()  # (Qt counts UTF-16 units: a character beyond U+FFFF
            pos = bar.value()  # would shift the positions below, so such a text is replaced whole)
            self.text.setPlainText(new)
            bar.setValue(pos)
            return
        head = _common_prefix(old, new)
        tail = _common_prefix(old[head:][::-1], new[head:][::-1])
        cur = QTextCursor(self.text.document())
        cur.setPosition(head)
        cur.setPosition(len(old) - tail, QTextCursor.MoveMode.KeepAnchor)
        cur.insertText(new[head : len(new) - tail])

    def current_kind(self) -> str:
        return self.kind.currentData()

    def refresh(self) -> None:
        if not render_loaded() and (background_import or _preloading):
            preload_render()  # no-op when already running
            self._timer.start(100)  # the background import is still running: try again shortly
            return
        from ..render import preview_text

        t0 = time.perf_counter()
        try:
            pv = preview_text(self.report, self.current_kind())
        except Exception as exc:  # a preview must never take the editor down
            self.stats.setText("预览暂不可用")
            self.text.setPlainText(f"无法生成预览：{exc}")
            self._shown = ""  # shown whole next time
            return
        self._stale = False
        self._show_text(pv.text)
        self._chars = pv.chars
        if self.current_kind() == "speech":
            self._speech_tail = ""
            self.stats.setText(f"共 {pv.chars} 字 · 发言{minutes_label(pv.minutes)}")
        else:  # the written text's length, and (on the next turn of the event loop) the speech's time
            self.stats.setText(f"共 {pv.chars} 字{self._speech_tail}")
            self._speech_timer.start()
        self.last_ms = (time.perf_counter() - t0) * 1000

    def _update_speech(self) -> None:
        """How long the on-site speech would take, beside the written text's length: a render of its own,
        so that neither refresh keeps the GUI thread long."""
        if self.current_kind() == "speech":
            return
        from ..render import preview_text

        try:
            speech = preview_text(self.report, "speech")
        except Exception:  # noqa: BLE001 - a preview must never take the editor down
            self._speech_tail = ""
        else:
            self._speech_tail = f" · 现场发言稿{minutes_label(speech.minutes)}"
        self.stats.setText(f"共 {self._chars} 字{self._speech_tail}")
        self.stats.setToolTip("现场发言按每分钟约 220 字估算")
