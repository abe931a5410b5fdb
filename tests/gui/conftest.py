"""GUI test fixtures: offscreen Qt, a private SHUIFA_HOME per test, answered dialogs."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before any Qt import

from collections.abc import Callable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from shuifa.gui import dialogs, messages  # noqa: E402
from shuifa.store import Store  # noqa: E402


class Answers:
    """Answers message boxes: the next queued answer, else ``default`` (None → the box's default)."""

    def __init__(self) -> None:
        self.queue: list[str] = []
        self.default: str | None = None
        self.seen: list[messages.Message] = []

    def __call__(self, msg: messages.Message) -> str | None:
        self.seen.append(msg)
        return self.queue.pop(0) if self.queue else self.default

    def texts(self) -> list[str]:
        return [m.text for m in self.seen]


@pytest.fixture(autouse=True)
def answers() -> Iterator[Answers]:
    a = Answers()
    messages.set_answerer(a)
    dialogs.set_file_answerer(lambda kind, title, suggested: None)
    dialogs.set_dialog_driver(lambda dlg: 0)
    yield a
    messages.set_answerer(None)
    dialogs.set_file_answerer(None)
    dialogs.set_dialog_driver(None)


@pytest.fixture
def store(shuifa_home: Path) -> Iterator[Store]:
    s = Store.open()
    yield s
    s.close()


@pytest.fixture
def app(qapp):
    from shuifa.gui.app import install_chinese_qt
    from shuifa.gui.look import app_icon, apply_font

    apply_font(qapp)
    install_chinese_qt(qapp)
    qapp.setWindowIcon(app_icon())
    return qapp


@pytest.fixture
def window(app, store: Store, qtbot) -> Callable[..., object]:
    """A MainWindow on ``store``; call it to get the (shown) window."""
    from shuifa.gui.main_window import MainWindow

    made = []

    def make():
        w = MainWindow(store)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        made.append(w)
        return w

    yield make
    for w in made:
        if w.view is not None:
            w.view.autosave.flush()
