"""为下一年度新建报告."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...clerk.nextyear import make_next_year
from ...store import Store
from .. import messages
from . import common


def next_year(parent: QWidget | None, store: Store, report_id: str) -> str | None:
    """Create next year's report from ``report_id`` after confirming; returns the new id (or the
    id of an existing report for that year when the user chooses to open it), None when cancelled."""
    try:
        report = store.load_report(report_id)
    except Exception as exc:
        common.show_error(parent, exc)
        return None
    new = make_next_year(report)
    o = report.official
    who = f"{o.unit} {o.name}".strip() or "该报告人"
    existing = store.find_reports(o.name, o.unit, new.year)
    if existing:
        choice = messages.ask(
            parent,
            f"{who} 的 {new.year} 年度报告已经存在。",
            ("打开已有报告", "仍然新建", "取消"),
            default="打开已有报告",
            detail="“仍然新建”会再建一份同年度的报告，两份并存。",
            title="为下一年度新建报告",
        )
        if choice == "打开已有报告":
            return existing[0].id
        if choice != "仍然新建":
            return None
    detail = (
        f"复制报告人信息和职责清单（{report.duty_list.title}），年度改为 {new.year} 年。\n"
        f"本年度列出的 {len(new.carry_over)} 条存在问题及改进措施转入“上年度问题整改情况”，请在新报告中逐条填写整改情况。\n"
        f"本年度 {len(new.previous)} 条职责的内容作为参考显示在每条职责旁，不会复制到新报告正文。"
    )
    if not messages.confirm(
        parent, f"为 {who} 新建 {new.year} 年度述法报告？", detail, ok="新建", title="为下一年度新建报告"
    ):
        return None
    try:
        store.create_report(new)
    except Exception as exc:
        common.show_error(parent, exc, title="未能新建报告")
        return None
    return new.id
