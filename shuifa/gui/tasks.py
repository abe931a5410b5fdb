"""Long work (batch render, PDF conversion, import) off the GUI thread, with progress.

``run_task(parent, title, fn, on_done)`` runs ``fn(progress)`` in a worker thread while a
modal progress dialog shows ``progress(done, total, text)`` updates and offers 取消.
``fn`` checks ``progress.cancelled`` to stop early. ``on_done(result)`` runs on the GUI
thread; an exception is shown through :mod:`shuifa.gui.messages` (or given to ``on_error``).
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from . import messages


class Progress:
    """Passed to the worker function: report progress, check for cancel."""

    def __init__(self, emit: Callable[[int, int, str], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int, text: str = "") -> None:
        self._emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Worker(QThread):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.progress = Progress(self.progressed.emit)

    def run(self) -> None:
        try:
            result = self.fn(self.progress)
        except BaseException as exc:  # shown to the user on the GUI thread
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class Task(QObject):
    """A running task; keep a reference until ``finished`` is emitted."""

    finished = Signal()

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        show_dialog: bool = True,
    ) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.worker = _Worker(fn)
        self.on_done = on_done
        self.on_error = on_error
        self.result: Any = None
        self.error: BaseException | None = None
        self.dialog: QProgressDialog | None = None
        if show_dialog:
            dlg = QProgressDialog(title, "取消", 0, 0, parent)
            dlg.setWindowTitle(title)
            dlg.setWindowModality(Qt.WindowModality.WindowModal)
            dlg.setMinimumDuration(300)
            dlg.setAutoClose(False)
            dlg.setAutoReset(False)
            dlg.canceled.connect(self.cancel)
            self.dialog = dlg
        self.worker.progressed.connect(self._on_progress)
        self.worker.succeeded.connect(self._on_success)
        self.worker.failed.connect(self._on_failure)
        self.worker.finished.connect(self._on_finished)
        self.worker.start()

    @property
    def progress(self) -> Progress:
        return self.worker.progress

    def cancel(self) -> None:
        self.worker.progress.cancel()
        if self.dialog:
            self.dialog.setLabelText("正在取消…")

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self.dialog:
            self.dialog.setMaximum(max(total, 0))
            self.dialog.setValue(min(done, total) if total else 0)
            if text:
                self.dialog.setLabelText(text)

    def _on_success(self, result: Any) -> None:
        self.result = result
        if self.dialog:
            self.dialog.close()
        if self.on_done:
            self.on_done(result)

    def _on_failure(self, exc: BaseException) -> None:
        self.error = exc
        if self.dialog:
            self.dialog.close()
        if self.on_error:
            self.on_error(exc)
        else:
            messages.show_error(self.parent_widget, exc)

    def _on_finished(self) -> None:
        self.finished.emit()


_running: set[Task] = set()


def run_task(
    parent: QWidget | None,
    title: str,
    fn: Callable[[Progress], Any],
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    show_dialog: bool = True,
) -> Task:
    """Start ``fn`` in a worker thread; returns the Task (tests wait on ``task.finished``)."""
    task = Task(parent, title, fn, on_done, on_error, show_dialog)
    _running.add(task)
    task.finished.connect(lambda: _running.discard(task))
    return task


class BackgroundWorker:
    """One long-lived daemon thread that runs jobs in order (the 成稿's composer, the 体检): no thread start
    per job (which made the GUI thread wait for the new thread to run). A job is ``fn(arg, serial)``; its
    result goes to ``emit`` (a bound Qt signal's emit, so it reaches the GUI thread queued). While a job
    runs, the interpreter switches threads every ``switch_s`` seconds, so the GUI thread is never kept
    waiting long for the GIL."""

    def __init__(self, name: str, switch_s: float) -> None:
        self.name = name
        self.switch_s = switch_s
        self._jobs: queue.SimpleQueue[tuple[Callable[[Any, int], Any], Any, int, Callable[[Any], None]]]
        self._jobs = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def submit(self, fn: Callable[[Any, int], Any], arg: Any, serial: int, emit: Callable[[Any], None]) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
                self._thread.start()
        self._jobs.put((fn, arg, serial, emit))

    def _run(self) -> None:
        while True:
            fn, arg, serial, emit = self._jobs.get()
            before = sys.getswitchinterval()
            sys.setswitchinterval(min(before, self.switch_s))
            try:
                result = fn(arg, serial)
            finally:
                sys.setswitchinterval(before)
            try:
                emit(result)
            except RuntimeError:  # the receiver was closed meanwhile
                pass
            del fn, arg, emit, result


def launch_latest(
    owner: Any, worker: BackgroundWorker, fn: Callable[[Any, int], Any], copy: Callable[[Any], Any]
) -> None:
    """Run ``fn`` on a copy of ``owner.report`` in ``worker`` (or at once when ``owner.threaded`` is off,
    in tests), for the owners that always show the latest result (the composer, the 体检): the copy is
    numbered with ``owner._serial``, ``owner.stale``/``_running`` say where it stands, the result
    arrives through ``owner._done`` (``owner._finished`` when run at once)."""
    t0 = time.perf_counter()
    snap = copy(owner.report)
    owner.snapshot_ms = (time.perf_counter() - t0) * 1000
    owner._serial += 1
    owner.stale = False
    owner._running = True
    if not owner.threaded:
        owner._finished(fn(snap, owner._serial))
        return
    worker.submit(fn, snap, owner._serial, owner._done.emit)
