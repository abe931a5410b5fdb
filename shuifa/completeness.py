"""The completeness check: what is still missing before a report can be handed in.

Plain logic over the :class:`~shuifa.model.Report` (no Qt): the desktop app lists the findings
and jumps to each one's duty or page; anything else (a CLI, a batch check) can use them too.
"""

from __future__ import annotations

from dataclasses import dataclass

from .compose.wording import value_text
from .model import Node, Report, requirement_met


@dataclass(frozen=True)
class Finding:
    category: str  # one of CATEGORIES
    key: str  # duty id or "part:<name>"
    text: str


CATEGORIES: dict[str, str] = {  # most serious first
    "unmet": "未达到量化要求",
    "no_improvement": "写了问题但没有改进措施",
    "unfinished": "尚未写完的职责（未选落实情况或履职情况为空）",
    "no_value": "量化要求尚未填写数值",
    "parts": "报告其他部分",
    "empty": "尚未填写的职责",
}


def duty_title(node: Node, width: int = 30) -> str:
    """A duty's numbering and the start of its text, e.g. ``（一）履行推进法治建设第一责任人…``."""
    text = (node.title or node.text).strip().replace("\n", " ")
    if len(text) > width:
        text = text[:width] + "…"
    return f"{node.label}{text}".strip()


def findings(report: Report) -> list[Finding]:
    """Everything still missing, duty by duty in the list's order, then the report-level parts.

    Requirements are judged in the report's year (a deadline's date must fall in that year's cycle)."""
    out: list[Finding] = []
    for duty in report.duties():
        name = duty_title(duty, 24)
        state = report.duty_state(duty)
        e = report.entries.get(duty.id)
        if state == "empty" or e is None:
            out.append(Finding("empty", duty.id, name))
            continue
        if e.status == "na":
            continue
        if state == "in_progress":
            missing = "履职情况为空" if e.status else "未选落实情况"
            out.append(Finding("unfinished", duty.id, f"{name}（{missing}）"))
        if e.problems.strip() and not e.improvements.strip():
            out.append(Finding("no_improvement", duty.id, name))
        for req in duty.requirements:
            val = e.values.get(req.id)
            met = requirement_met(req, val, report.year)
            what = req.label or req.text
            if met is False:
                assert val is not None
                got = value_text(req, val)
                out.append(Finding("unmet", duty.id, f"{name}：{what} 填写 {got}，要求 {req.describe()}"))
            elif met is None:
                out.append(Finding("no_value", duty.id, f"{name}：{what}（要求 {req.describe()}）"))
    if not report.official.name.strip() or not report.official.unit.strip():
        out.append(Finding("parts", "part:official", "基本信息：姓名或单位未填写"))
    if not report.parts.get("next_steps", "").strip():
        out.append(Finding("parts", "part:next_steps", "下一步工作打算尚未填写"))
    pending = [c for c in report.carry_over if not c.state]
    if pending:
        out.append(Finding("parts", "part:rectification", f"上年度问题整改情况：{len(pending)} 个问题未说明整改情况"))
    return out
