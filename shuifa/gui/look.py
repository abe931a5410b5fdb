"""Look and feel: the CJK font, the app icon and the per-duty state icons."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QApplication

from ..paths import RESOURCES

ICONS = RESOURCES / "icons"

#: Preferred UI font families, best first: Windows, macOS, domestic Linux (UOS/麒麟), Debian/Ubuntu.
CJK_FAMILIES: tuple[str, ...] = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "思源黑体",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "文泉驿微米黑",
    "Sarasa UI SC",
    "Droid Sans Fallback",
    "SimHei",
    "SimSun",
)

#: Secondary text (hints, counts, a duty's path): one grey everywhere.
HINT_STYLE = "color: #6B7280;"

#: Colours for the duty states (also used by the start page progress).
STATE_COLORS: dict[str, str] = {
    "empty": "#9AA0A6",
    "in_progress": "#E8A33D",
    "done": "#2E8B57",
    "na": "#7B8794",
    "unmet": "#C8372D",
}
STATE_NAMES: dict[str, str] = {
    "empty": "尚未填写",
    "in_progress": "正在填写",
    "done": "已填写",
    "na": "不涉及",
    "unmet": "未达量化要求",
}


def pick_cjk_family(families: list[str] | None = None) -> str | None:
    """The first installed preferred CJK family, else any family that can render 汉字."""
    installed = families if families is not None else QFontDatabase.families()
    lower = {f.lower(): f for f in installed}
    for name in CJK_FAMILIES:
        if name.lower() in lower:
            return lower[name.lower()]
    if families is None:
        for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
            if "mono" not in f.lower():
                return f
    return None


def apply_font(app: QApplication) -> QFont:
    """Give the app a readable CJK font at no less than 10 pt."""
    font = QFont(app.font())
    family = pick_cjk_family()
    if family:
        font.setFamilies([family, *font.families()])
    if font.pointSizeF() < 10:
        font.setPointSizeF(10.5)
    app.setFont(font)
    return font


def editor_font() -> QFont:
    """The font of the text editors: the UI font one step larger, for long Chinese text."""
    f = QFont(QApplication.font())
    f.setPointSizeF(max(f.pointSizeF(), 10) + 1)
    return f


@cache
def app_icon() -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256):
        p = ICONS / f"shuifa-{size}.png"
        if p.is_file():
            icon.addFile(str(p))
    return icon


@cache
def state_icon(state: str) -> QIcon:
    """A small round icon per duty state, drawn (crisp at any DPI)."""
    icon = QIcon()
    for size in (16, 24, 32, 48):
        icon.addPixmap(_state_pixmap(state, size))
    return icon


def _state_pixmap(state: str, size: int) -> QPixmap:
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = QColor(STATE_COLORS.get(state, "#9AA0A6"))
    w = max(1.5, size / 10)
    r = QRectF(w, w, size - 2 * w, size - 2 * w)
    pen = QPen(color, w)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    if state == "empty":
        p.setPen(pen)
        p.drawEllipse(r)
    elif state == "in_progress":
        p.setPen(pen)
        p.drawEllipse(r)
        p.setBrush(color)
        p.setPen(Qt.PenStyle.NoPen)
        p.drawPie(r, 90 * 16, 180 * 16)
    else:
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawEllipse(r)
        white = QPen(QColor("white"), w * 1.2)
        white.setCapStyle(Qt.PenCapStyle.RoundCap)
        p.setPen(white)
        s = size
        if state == "done":
            p.drawPolyline([QPointF(s * 0.28, s * 0.52), QPointF(s * 0.44, s * 0.68), QPointF(s * 0.72, s * 0.36)])
        elif state == "na":
            p.drawLine(QPointF(s * 0.3, s * 0.5), QPointF(s * 0.7, s * 0.5))
        elif state == "unmet":
            p.drawLine(QPointF(s * 0.5, s * 0.26), QPointF(s * 0.5, s * 0.58))
            p.drawPoint(QPointF(s * 0.5, s * 0.73))
    p.end()
    return pm


def char_count(text: str) -> int:
    """Characters as officials count them: everything but whitespace."""
    return sum(1 for ch in text if not ch.isspace())
