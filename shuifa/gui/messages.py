"""Every message box of the app goes through here, so tests can answer dialogs.

Tests install an answerer with :func:`set_answerer`: a callable receiving a :class:`Message`
and returning the chosen button text (or None for the default). Without one, a real
QMessageBox is shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtWidgets import QMessageBox, QWidget

from ..errors import ShuifaError


@dataclass
class Message:
    level: str  # "info" | "warning" | "error" | "question"
    title: str
    text: str
    detail: str = ""
    buttons: Sequence[str] = field(default_factory=lambda: ("确定",))
    default: str = "确定"


Answerer = Callable[[Message], str | None]
_answerer: Answerer | None = None
#: Every message shown (for tests and diagnostics), newest last.
history: list[Message] = []


def set_answerer(answerer: Answerer | None) -> None:
    global _answerer
    _answerer = answerer


def show(parent: QWidget | None, msg: Message) -> str:
    """Show ``msg`` and return the text of the button chosen."""
    history.append(msg)
    if _answerer is not None:
        answer = _answerer(msg)
        return answer if answer in msg.buttons else msg.default
    icons = {
        "info": QMessageBox.Icon.Information,
        "warning": QMessageBox.Icon.Warning,
        "error": QMessageBox.Icon.Critical,
        "question": QMessageBox.Icon.Question,
    }
    box = QMessageBox(icons.get(msg.level, QMessageBox.Icon.NoIcon), msg.title, msg.text, parent=parent)
    if msg.detail:
        box.setInformativeText(msg.detail)
    buttons = {}
    for text in msg.buttons:
        role = (
            QMessageBox.ButtonRole.RejectRole if text in ("取消", "否", "跳过") else QMessageBox.ButtonRole.AcceptRole
        )
        buttons[box.addButton(text, role)] = text
        if text == msg.default:
            box.setDefaultButton(list(buttons)[-1])
    box.exec()
    return buttons.get(box.clickedButton(), msg.default)


def info(parent: QWidget | None, text: str, detail: str = "", title: str = "提示") -> None:
    show(parent, Message("info", title, text, detail))


def warn(parent: QWidget | None, text: str, detail: str = "", title: str = "注意") -> None:
    show(parent, Message("warning", title, text, detail))


def error(parent: QWidget | None, text: str, detail: str = "", title: str = "出错了") -> None:
    show(parent, Message("error", title, text, detail))


def show_error(parent: QWidget | None, exc: BaseException, title: str = "出错了") -> None:
    """Show an exception: a ShuifaError as its Chinese message and hint, anything else as a
    generic Chinese message (the technical text goes in the detail line)."""
    if isinstance(exc, ShuifaError):
        error(parent, exc.message, exc.hint, title)
    else:
        error(
            parent,
            "操作没有完成，出现了意外错误。",
            f"请重试；如反复出现，请联系管理员。（{type(exc).__name__}: {exc}）",
            title,
        )


def ask(
    parent: QWidget | None,
    text: str,
    buttons: Sequence[str] = ("确定", "取消"),
    default: str | None = None,
    detail: str = "",
    title: str = "请确认",
) -> str:
    """Ask a question; returns the chosen button's text."""
    return show(parent, Message("question", title, text, detail, tuple(buttons), default or buttons[0]))


def confirm(parent: QWidget | None, text: str, detail: str = "", ok: str = "确定", title: str = "请确认") -> bool:
    return ask(parent, text, (ok, "取消"), ok, detail, title) == ok
