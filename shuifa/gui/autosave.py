"""Never lose work: every edit reaches the store within a second, without a Save button.

Editors change the in-memory :class:`~shuifa.model.Report` directly and call
:meth:`AutoSaver.entry_changed` / :meth:`AutoSaver.header_changed`. The first unsaved change
starts a single-shot timer (not restarted by further typing, so continuous typing is still saved
every ``delay`` ms); :meth:`flush` writes every dirty entry (``Store.save_entry``, ~1 ms each)
and the header. The view also flushes on duty switch, on Ctrl+S and on close.
"""

from __future__ import annotations

import time
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from ..errors import ConflictError, StoreError
from ..model import Report
from ..store import Store

DELAY_MS = 400
RETRY_MS = 5000


class AutoSaver(QObject):
    saved = Signal(str)  # time of the save, "HH:MM:SS"
    failed = Signal(object)  # StoreError (store unavailable, disk full…); retried
    conflict = Signal(object)  # ConflictError; saving stops until the report is reopened

    def __init__(self, store: Store, report: Report, parent: QObject | None = None, delay_ms: int = DELAY_MS) -> None:
        super().__init__(parent)
        self.store = store
        self.report = report
        self._dirty: set[str] = set()
        self._header = False
        self.stopped = False
        self.last_saved: datetime | None = None
        self.last_error: StoreError | None = None
        #: What a ConflictError refused: a duty id, or "" for the report-level data (header).
        self.conflict_key: str | None = None
        self._changed_since_conflict = False
        #: Longest flush so far in milliseconds (the benchmark reads it).
        self.max_flush_ms = 0.0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)

    # ---------------------------------------------------------------- marking
    def entry_changed(self, duty_id: str) -> None:
        self._dirty.add(duty_id)
        self._changed_since_conflict = self.stopped
        self._arm()

    def header_changed(self) -> None:
        self._header = True
        self._changed_since_conflict = self.stopped
        self._arm()

    def _arm(self) -> None:
        if not self._timer.isActive() and not self.stopped:
            self._timer.start()

    @property
    def pending(self) -> bool:
        return bool(self._dirty) or self._header

    @property
    def unsaved_duties(self) -> list[str]:
        """The duties whose changes are not in the store yet."""
        return sorted(self._dirty)

    @property
    def header_unsaved(self) -> bool:
        return self._header

    # ---------------------------------------------------------------- saving
    def flush(self) -> bool:
        """Write everything unsaved now. True when nothing is left unsaved."""
        self._timer.stop()
        if not self.pending:
            return True
        if self.stopped:
            if self._changed_since_conflict and isinstance(self.last_error, ConflictError):
                # typed on after a refused save: say it again, so that text reaches the clipboard too
                self._changed_since_conflict = False
                self.conflict.emit(self.last_error)
            return False
        t0 = time.perf_counter()
        saving = ""
        try:
            for duty_id in sorted(self._dirty):
                saving = duty_id
                entry = self.report.entries.get(duty_id)
                if entry is not None:
                    self.store.save_entry(self.report, entry)
                self._dirty.discard(duty_id)
            saving = ""
            if self._header:
                self.store.save_header(self.report)
                self._header = False
        except ConflictError as exc:
            self.stopped = True
            self.conflict_key = saving
            self.last_error = exc
            self.conflict.emit(exc)
            return False
        except StoreError as exc:
            first = self.last_error is None
            self.last_error = exc
            if first:
                self.failed.emit(exc)
            self._timer.start(RETRY_MS)
            return False
        finally:
            self.max_flush_ms = max(self.max_flush_ms, (time.perf_counter() - t0) * 1000)
        self.last_error = None
        self.last_saved = datetime.now()
        self.saved.emit(self.last_saved.strftime("%H:%M:%S"))
        return True
