"""What the 体检 finds: closed sets of codes and severities, one finding a place."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(Enum):
    BLOCK = "block"  # a reviewer would send the report back
    WARN = "warn"  # worth a look before it goes out


class Code(Enum):
    """The 体检's codes (stable: the CLI's --json prints them)."""

    NO_PROBLEMS = "no-problems"
    PROBLEM_MISSING = "problem-missing"
    MEASURE_MISSING = "measure-missing"
    NO_CAUSE = "no-cause"
    NUMBER_CONFLICT = "number-conflict"
    LIST_COPY = "list-copy"
    LAST_YEAR_COPY = "last-year-copy"
    NO_FIGURES = "no-figures"
    UNFILLED = "unfilled"
    OFFICIAL_MISSING = "official-missing"
    CARRY_OVER_OPEN = "carry-over-open"
    REQUIREMENT_UNMET = "requirement-unmet"
    OVER_LENGTH = "over-length"


SEVERITY: dict[Code, Severity] = {
    Code.NO_PROBLEMS: Severity.BLOCK,
    Code.PROBLEM_MISSING: Severity.BLOCK,
    Code.MEASURE_MISSING: Severity.WARN,
    Code.NO_CAUSE: Severity.WARN,
    Code.NUMBER_CONFLICT: Severity.BLOCK,
    Code.LIST_COPY: Severity.WARN,
    Code.LAST_YEAR_COPY: Severity.WARN,
    Code.NO_FIGURES: Severity.WARN,
    Code.UNFILLED: Severity.BLOCK,
    Code.OFFICIAL_MISSING: Severity.BLOCK,
    Code.CARRY_OVER_OPEN: Severity.BLOCK,
    Code.REQUIREMENT_UNMET: Severity.WARN,
    Code.OVER_LENGTH: Severity.WARN,
}

#: What each code means, for the app's group headings and docs/checkup.md.
TITLES: dict[Code, str] = {
    Code.NO_PROBLEMS: "没有查摆出任何问题",
    Code.PROBLEM_MISSING: "部分落实或未落实，却没有写存在问题",
    Code.MEASURE_MISSING: "写了问题，没有改进措施",
    Code.NO_CAUSE: "问题没有分析本人的主观原因",
    Code.NUMBER_CONFLICT: "同一数字前后不一致",
    Code.LIST_COPY: "履职情况照抄清单原文",
    Code.LAST_YEAR_COPY: "与去年的写法基本相同",
    Code.NO_FIGURES: "整个方面没有一个具体数字",
    Code.UNFILLED: "职责尚未填写",
    Code.OFFICIAL_MISSING: "基本信息不全",
    Code.CARRY_OVER_OPEN: "上年度问题未说明整改情况",
    Code.REQUIREMENT_UNMET: "未达到的量化要求没有写进问题",
    Code.OVER_LENGTH: "超出篇幅",
}


@dataclass(frozen=True)
class Finding:
    """One finding: ``where`` is the place to jump to (a duty id, ``part:<name>``, ``official`` or
    ``kind:<kind>``); ``also`` names further places (the other statement of a number conflict)."""

    code: Code
    message: str
    where: str
    also: tuple[str, ...] = field(default=())

    @property
    def severity(self) -> Severity:
        return SEVERITY[self.code]

    @property
    def blocks(self) -> bool:
        return self.severity is Severity.BLOCK

    def to_json(self) -> dict[str, object]:
        d: dict[str, object] = {
            "code": self.code.value,
            "severity": self.severity.value,
            "message": self.message,
            "where": self.where,
        }
        if self.also:
            d["also"] = list(self.also)
        return d
