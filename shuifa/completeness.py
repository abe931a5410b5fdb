"""How the app names a duty (the tree, the 体检's findings, a refused save's clipboard).

The completeness check that lived here became the 体检 (:mod:`shuifa.checkup`, docs/checkup.md): a
部分落实/未落实 duty without a problem is ``problem-missing`` there, and 下一步工作打算 is never reported
missing (a report's measures are its next steps).
"""

from __future__ import annotations

from .model import Node


def duty_title(node: Node, width: int = 30) -> str:
    """A duty's numbering and the start of its text, e.g. ``（一）履行推进法治建设第一责任人…``."""
    text = (node.title or node.text).strip().replace("\n", " ")
    if len(text) > width:
        text = text[:width] + "…"
    return f"{node.label}{text}".strip()
