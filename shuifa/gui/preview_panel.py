"""Live preview of the document exactly as it will be printed, for each kind, refreshed as the official types.

The text is ``Composition.lines()`` of :func:`shuifa.compose.compose` (what the render prints), and
the length line comes from the same composition (its budget, verdict and speaking time). Composing
runs off the GUI thread in the report view's :class:`~shuifa.gui.compose_page.Composer` (shared
with the 成稿 page); refreshes are debounced and skipped while the panel is hidden.
"""

from __future__ import annotations

import importlib
import sys
import threading
import time

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ..model import Report
from .compose_page import AMBER, RED, Composed, Composer, length_color, minutes_text
from .look import editor_font


def __getattr__(name: str):
    """``KIND_TITLES`` (the export dialog's list): :data:`shuifa.compose.KINDS`, imported on first use
    so that starting the app does not load the composer on the GUI thread."""
    if name == "KIND_TITLES":
        from ..compose import KINDS

        return KINDS
    raise AttributeError(name)


DEBOUNCE_MS = 500
_render_ready = threading.Event()
_preloading = False
#: Set by the app (``app.run``): the render package (export) is imported by a background thread, never
#: on the GUI thread. The preview does not need it: it composes through :mod:`shuifa.compose`.
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
    return minutes_text(minutes)


class PreviewPanel(QWidget):
    def __init__(self, report: Report, parent: QWidget | None = None, composer: Composer | None = None) -> None:
        super().__init__(parent)
        from ..compose import KINDS

        self.report = report
        self.composer = composer if composer is not None else Composer(report, self)
        self.kind = QComboBox()
        for key, title in KINDS.items():
            self.kind.addItem(title, key)
        self.kind.setToolTip("预览哪一种文稿")
        self.stats = QLabel()
        self.stats.setStyleSheet("color: #374151;")
        self.stats.setWordWrap(True)  # a line of its own: wraps in a narrow pane instead of being cut
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(editor_font())
        self.text.setPlaceholderText("填写内容后，这里显示将要导出的报告全文。")
        head = QHBoxLayout()
        head.addWidget(self.kind)
        head.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(head)
        lay.addWidget(self.stats)
        lay.addWidget(self.text, 1)
        self._shown = ""  # the text shown, as plain text
        self._latest: Composed | None = None
        self.last_ms = 0.0
        self.text.document().setUndoRedoEnabled(False)
        self.kind.currentIndexChanged.connect(self._show_latest)
        self.composer.add_consumer(self)
        self.composer.composed.connect(self._composed)

    def schedule(self) -> None:
        """The report changed: compose again when typing pauses (when visible)."""
        self.composer.changed(DEBOUNCE_MS)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self.composer.latest is not None and self.composer.latest is not self._latest:
            self._composed(self.composer.latest)
        self.composer.want()

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

    def set_kind(self, kind: str) -> None:
        i = self.kind.findData(kind)
        if i >= 0 and i != self.kind.currentIndex():
            self.kind.setCurrentIndex(i)

    def refresh(self) -> None:
        """Compose now (in the background) and show the result when it arrives."""
        self.composer.run()

    def _composed(self, result: Composed) -> None:
        self._latest = result
        if self.isVisible():
            self._show_latest()

    def _show_latest(self) -> None:
        result = self._latest
        if result is None:
            return
        t0 = time.perf_counter()
        if result.error:
            self.stats.setText("预览暂不可用")
            self.stats.setToolTip("")
            self.text.setPlainText(f"无法生成预览：{result.error}")
            self._shown = ""  # shown whole next time
            return
        kind = self.current_kind()
        n = result.lengths[kind]
        self._show_text(result.texts[kind])
        line = f"共 {n.chars} 字 / 上限 {n.high} 字"
        if kind == "speech":
            line += f" · 发言{minutes_label(n.minutes)}"
        elif kind == "speech-outline":
            line += f" · {minutes_label(n.minutes)}"
        else:
            line += f" · 现场发言稿{minutes_label(result.lengths['speech'].minutes)}"
        self.stats.setText(line)
        color = length_color(n)
        style = f"color: {color}; font-weight: bold;" if color in (RED, AMBER) else "color: #374151;"
        if self.stats.styleSheet() != style:
            self.stats.setStyleSheet(style)
        tip = [n.verdict] if n.verdict else []
        tip.append(f"发言时长按每分钟 {n.rate} 字估算（可在“成稿”页修改语速）")
        self.stats.setToolTip("\n".join(tip))
        self.last_ms = (time.perf_counter() - t0) * 1000
