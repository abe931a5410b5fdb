"""体检: what a reviewer would send back, found before the report goes out (Qt-free; used by the CLI's
``shuifa check``, ``render``/``batch`` warnings and the app's 体检 panel and export check).
See docs/checkup.md."""

from __future__ import annotations

from .findings import SEVERITY, TITLES, Code, Finding, Severity
from .rules import check

__all__ = ["SEVERITY", "TITLES", "Code", "Finding", "Severity", "blocking", "check"]


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.blocks]
