"""Clerk dialogs (汇总与批量 menu): import many reports, batch export, 述法情况汇总表, 述法评议表,
entering grades, printing, and 为下一年度新建报告. The core is :mod:`shuifa.clerk`."""

from __future__ import annotations

from .batchdlg import batch_export, print_reports
from .evaldlg import enter_grades, evaluation_form
from .importdlg import import_many
from .nextyeardlg import next_year
from .summarydlg import summary

__all__ = [
    "batch_export",
    "enter_grades",
    "evaluation_form",
    "import_many",
    "next_year",
    "print_reports",
    "summary",
]
