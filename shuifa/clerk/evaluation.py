"""述法评议表 (民主测评表): the printable form for the meeting, and the collected grades.

The form has one row per speaker (序号, 单位, 姓名, 职务), a tick box under each grade
(好 / 较好 / 一般 / 差) and a column for 意见建议; the title and the meeting date are editable, and
a 填表说明 closes it. The form is anonymous (不记名, as 民主测评 usually is): it has no line for the
评议人's name; a clerk who wants one (e.g. 评议人类别) types it as the optional 评议人栏. The grades collected at the meeting are entered
back as votes per grade (``report.evaluation``), saved with ``store.save_header`` and shown as a
tally in the 述法情况汇总表.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import atomic
from ..errors import ShuifaError
from ..model import GRADES, Report
from ..store import Store

TICK_BOX = "□"
DEFAULT_INSTRUCTIONS = (
    "填表说明：请在每位述法人对应的评议等次栏内打“√”，每人只选一个等次；"
    "未选或多选的视为无效。意见建议可另附页。本表不记名，会后当场收回。"
)
#: Anonymous form: no 评议人 line unless the clerk adds one (it must not ask for a name).
DEFAULT_RATER_LINE = ""


def default_title(reports: Sequence[Report]) -> str:
    years = sorted({r.year for r in reports})
    year = f"{years[-1]}年度" if years else ""
    return f"{year}党政主要负责人述法评议表"


def chinese_date(d: date) -> str:
    """GB/T 9704 date: Arabic digits, no padding — 2026年12月5日."""
    return f"{d.year}年{d.month}月{d.day}日"


def parse_date(text: str) -> date:
    """A meeting date from ``2026-12-05``, ``2026/12/5``, ``2026.12.5`` or ``2026年12月5日``."""
    import re

    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", text or "")
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    raise ShuifaError(f"会议日期“{text}”无法识别。", hint="请写成 2026-12-05 或 2026年12月5日。")


@dataclass
class FormSettings:
    title: str
    meeting_date: date | None = None
    instructions: str = DEFAULT_INSTRUCTIONS
    rater_line: str = DEFAULT_RATER_LINE

    def date_line(self) -> str:
        return f"会议时间：{chinese_date(self.meeting_date)}" if self.meeting_date else "会议时间：______年____月____日"


def speaker_rows(reports: Sequence[Report]) -> list[list[str]]:
    """序号, 单位, 姓名, 职务 for each speaker, in the order given (the speaking order)."""
    return [[str(i), r.official.unit, r.official.name, r.official.title] for i, r in enumerate(reports, 1)]


def write_form(
    reports: Sequence[Report],
    path: str | os.PathLike[str],
    title: str | None = None,
    meeting_date: date | None = None,
    instructions: str = DEFAULT_INSTRUCTIONS,
    rater_line: str = DEFAULT_RATER_LINE,
) -> Path:
    """Write the 评议表 as a .docx (landscape A4, GB/T 9704 margins, header row repeated)."""
    from .docx_tables import evaluation_document

    if not reports:
        raise ShuifaError("没有选择述法人，无法生成评议表。", hint="请先选择要参加评议的报告。")
    settings = FormSettings(title or default_title(reports), meeting_date, instructions, rater_line)
    doc = evaluation_document(settings, speaker_rows(reports))
    path = Path(path)
    atomic.write_with(path, lambda tmp: doc.save(str(tmp)))
    return path


def clean_votes(votes: Mapping[str, object]) -> dict[str, int]:
    """Votes per grade as non-negative integers; raises ShuifaError (Chinese) on anything else."""
    out: dict[str, int] = {}
    for grade in GRADES:
        raw = votes.get(grade, 0)
        try:
            n = int(str(raw).strip() or 0)
        except ValueError as exc:
            raise ShuifaError(f"“{grade}”的票数“{raw}”不是整数。", hint="请填写 0 或正整数。") from exc
        if n < 0:
            raise ShuifaError(f"“{grade}”的票数不能是负数（{n}）。", hint="请填写 0 或正整数。")
        out[grade] = n
    unknown = [k for k in votes if k not in GRADES]
    if unknown:
        raise ShuifaError(f"未知的评议等次：{'、'.join(unknown)}。", hint=f"等次只有：{'、'.join(GRADES)}。")
    return out


def set_grades(store: Store, report_id: str, votes: Mapping[str, object]) -> Report:
    """Save the collected votes of one speaker (all zero clears the result)."""
    clean = clean_votes(votes)
    report = store.load_report(report_id)
    report.evaluation = clean if any(clean.values()) else {}
    store.save_header(report)
    return report


def check_against_forms(votes: Mapping[str, int], forms: int) -> str:
    """A Chinese warning when a speaker has more votes than forms were collected, else ""."""
    total = sum(int(v) for v in votes.values())
    if forms and total > forms:
        return f"票数合计 {total} 超过收回的评议表 {forms} 份"
    return ""
