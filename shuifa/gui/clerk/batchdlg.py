"""批量导出 and 打印: many reports × one template → a folder of .docx (and PDF), or the printer.

Before a batch export, the 体检 of every report (off the GUI thread): when one would be sent back,
the clerk is asked 仍要导出 / 去修改; 去修改 exports nothing and opens the first such report at its first
blocking finding beside the 体检 panel (through the main window's ``show_finding``)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...clerk import printing
from ...clerk.batch import BatchResult, existing_outputs, render_batch
from ...model import Report
from ...store import Store
from .. import messages
from ..checkup_panel import EXPORT_BUTTONS, EXPORT_QUESTION_TITLE, grouped
from . import common

if TYPE_CHECKING:
    from ...checkup import Finding

#: The export question names at most this many reports (the rest as a count).
NAMED_REPORTS = 10


def template_choices() -> list[tuple[str, str]]:
    """(title shown, template name) for every template, built-in first."""
    from ...render import list_templates

    return [(t.title, t.name) for t in list_templates()]


def libreoffice_available() -> bool:
    from ...render import find_soffice

    return find_soffice() is not None


NO_LIBREOFFICE = (
    "这台电脑没有安装 LibreOffice，无法生成 PDF。",
    "可以只生成 Word 文档，再用 WPS 或 Word 打开后打印或另存为 PDF；"
    "如需直接生成 PDF，请安装 LibreOffice（统信UOS、麒麟可在应用商店安装）。",
)


class BatchDialog(QDialog):
    """Template, output folder and the PDF option for a batch."""

    def __init__(self, store: Store, count: int, parent: QWidget | None = None, *, printing_mode: bool = False):
        super().__init__(parent)
        self.setWindowTitle("打印报告" if printing_mode else "批量导出")
        self.resize(560, 200)
        lay = QVBoxLayout(self)
        verb = "打印" if printing_mode else "导出"
        lay.addWidget(QLabel(f"将{verb}所选的 {count} 份报告。"))
        form = QFormLayout()
        self.template_combo = QComboBox()
        for title, name in template_choices():
            self.template_combo.addItem(title, name)
        form.addRow("模板：", self.template_combo)
        self.folder_edit = QLineEdit(common.default_folder(store, "batch"))
        self.browse = QPushButton("浏览…")
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.browse)
        self.pdf_check = QCheckBox("同时生成 PDF（用 LibreOffice 转换）")
        if not printing_mode:
            form.addRow("保存到文件夹：", row)
            form.addRow("", self.pdf_check)
            form.addRow("", QLabel("文件名为“单位-姓名-年度.docx”；文件夹中同名的文件会被替换。"))
        else:
            self.folder_edit.hide()
            self.browse.hide()
        lay.addLayout(form)
        common.add_buttons(self, lay, "打印" if printing_mode else "开始导出")

    def _browse(self) -> None:
        folder = common.choose_folder(self, "选择保存位置", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def template(self) -> str:
        return str(self.template_combo.currentData())

    def set_template(self, name: str) -> None:
        self.template_combo.setCurrentIndex(max(0, self.template_combo.findData(name)))

    def folder(self) -> Path:
        return Path(self.folder_edit.text().strip()).expanduser()


#: The buttons of the question asked when files of the same names are already in the folder.
OVERWRITE_BUTTONS = ("覆盖", "另存为新名称（加编号）", "取消")
NAMED_FILES = 10


def _listing(lines: list[str], most: int, unit: str) -> list[str]:
    """The first ``most`` lines of a question's detail, and how many more there are."""
    more = [f"……还有 {len(lines) - most} {unit}"] if len(lines) > most else []
    return lines[:most] + more


def ask_overwrite(parent: QWidget | None, names: Sequence[str], title: str = "文件已存在") -> str | None:
    """Ask once about files already there: "overwrite", "number" (new names with -2, -3 …) or None
    (取消). Without such files: "number" (nothing is asked)."""
    if not names:
        return "number"
    lines = _listing([f"■ {n}" for n in names], NAMED_FILES, "个")
    answer = messages.ask(
        parent,
        f"保存位置已有 {len(names)} 个同名文件。要覆盖它们，还是把新文件另存为新名称（加编号）？",
        OVERWRITE_BUTTONS,
        default=OVERWRITE_BUTTONS[1],
        detail="\n".join(lines),
        title=title,
    )
    if answer == OVERWRITE_BUTTONS[0]:
        return "overwrite"
    if answer == OVERWRITE_BUTTONS[1]:
        return "number"
    return None


def _run_batch(
    parent: QWidget | None,
    title: str,
    reports: Sequence[Report],
    template: str,
    folder: Path,
    pdf: bool,
    overwrite: bool = False,
) -> BatchResult | None:
    result, exc = common.run_blocking(
        parent,
        title,
        lambda p: render_batch(
            reports, template, folder, pdf=pdf, progress=p, cancel=lambda: p.cancelled, overwrite=overwrite
        ),
    )
    if exc is not None:
        common.show_error(parent, exc, title="未能完成")
        return None
    return result


def blocked_reports(parent: QWidget | None, reports: Sequence[Report]) -> list[tuple[Report, list[Finding]]]:
    """The reports a reviewer would send back, with their blocking findings (checked in a worker with
    the progress dialog; 取消 there skips the rest of the 体检, never the export)."""

    def work(progress):
        from ...checkup import check

        out = []
        for i, r in enumerate(reports):
            if progress.cancelled:
                break
            progress(i, len(reports), f"正在体检：{r.official.name or r.official.unit or '报告'}")
            try:
                found = [f for f in check(r) if f.blocks]
            except Exception:  # noqa: BLE001 - a failing check must never stop an export
                continue
            if found:
                out.append((r, found))
        return out

    result, _exc = common.run_blocking(parent, "正在体检", work)
    return result or []


def _report_name(r: Report) -> str:
    o = r.official
    who = "".join(x for x in (o.unit, o.name) if x) or "（未填写姓名）"
    return f"{who} {r.year}年度"


def export_anyway(parent: QWidget | None, blocked: Sequence[tuple[Report, list[Finding]]]) -> bool:
    """Ask 仍要导出 / 去修改 when a report would be sent back; True to export."""
    if not blocked:
        return True
    from ...checkup import TITLES

    lines = _listing(
        [
            f"■ {_report_name(r)}：" + "；".join(f"{TITLES[code]} {len(group)} 处" for code, group in grouped(found))
            for r, found in blocked
        ],
        NAMED_REPORTS,
        "份",
    )
    answer = messages.ask(
        parent,
        f"体检发现 {len(blocked)} 份报告有问题，报送后会被退回。建议先修改，再导出。",
        EXPORT_BUTTONS,
        default=EXPORT_BUTTONS[0],
        detail="\n".join(lines),
        title=EXPORT_QUESTION_TITLE,
    )
    return answer == EXPORT_BUTTONS[0]


def batch_export(parent: QWidget | None, store: Store, report_ids: Sequence[str]) -> BatchResult | None:
    """Export the selected reports with one template into a folder (Word, optionally PDF)."""
    reports = common.load_reports(parent, store, report_ids)
    if reports is None:
        return None
    dlg = BatchDialog(store, len(reports), parent)
    try:
        if not common.exec_dialog(dlg):
            return None
        folder = dlg.folder()
        if not str(folder).strip() or str(folder) == ".":
            messages.warn(parent, "请选择保存位置。")
            return None
        blocked = blocked_reports(parent, reports)
        if not export_anyway(parent, blocked):
            show = getattr(parent, "show_finding", None)  # the main window: open it at the place
            if callable(show):
                report, found = blocked[0]
                show(report.id, found[0])
            return None
        pdf = dlg.pdf_check.isChecked()
        if pdf and not libreoffice_available():
            if not messages.confirm(parent, NO_LIBREOFFICE[0], NO_LIBREOFFICE[1], ok="只生成 Word 文档"):
                return None
            pdf = False
        choice = ask_overwrite(parent, existing_outputs(reports, folder, pdf=pdf), title="批量导出")
        if choice is None:
            return None
        result = _run_batch(parent, "正在批量导出", reports, dlg.template(), folder, pdf, choice == "overwrite")
        if result is None:
            return None
        common.remember_folder(store, "batch", folder)
        detail = result.failed_details()
        level_text = result.message() + f"\n保存在：{folder}"
        buttons = ("打开文件夹", "关闭")
        if result.failed:
            messages.warn(parent, level_text, "未能生成的报告：\n" + detail, title="批量导出")
        elif messages.ask(parent, level_text, buttons, default="打开文件夹", title="批量导出") == "打开文件夹":
            common.open_or_explain(parent, folder)
        return result
    finally:
        dlg.deleteLater()


def print_reports(parent: QWidget | None, store: Store, report_ids: Sequence[str]) -> list[Path]:
    """Print the selected reports: Word → PDF (one LibreOffice run) → the system's printing.

    Returns the PDFs made (they stay in the user-data ``print`` folder)."""
    reports = common.load_reports(parent, store, report_ids)
    if reports is None:
        return []
    if not libreoffice_available():
        messages.warn(parent, "无法打印：" + NO_LIBREOFFICE[0], NO_LIBREOFFICE[1], title="打印报告")
        return []
    can, reason = printing.can_print()
    open_instead = False
    if not can:
        if (
            messages.ask(
                parent, reason, ("生成 PDF 并打开", "取消"), default="生成 PDF 并打开", title="没有可用的打印机"
            )
            != "生成 PDF 并打开"
        ):
            return []
        open_instead = True
    dlg = BatchDialog(store, len(reports), parent, printing_mode=True)
    try:
        if not common.exec_dialog(dlg):
            return []
        folder = printing.print_folder()
        result = _run_batch(parent, "正在准备打印", reports, dlg.template(), folder, pdf=True)
        if result is None:
            return []
        if result.cancelled or not result.pdf:
            if not result.cancelled:
                messages.warn(parent, "没有生成可打印的文件。", result.failed_details(), title="打印报告")
            shutil.rmtree(folder, ignore_errors=True)
            return []
        if open_instead:
            common.open_or_explain(parent, folder if len(result.pdf) > 1 else result.pdf[0])
            messages.info(parent, f"已生成 {len(result.pdf)} 份 PDF，保存在：\n{folder}", title="打印报告")
            return result.pdf
        try:
            text = printing.send_to_printer(result.pdf)
        except Exception as exc:
            common.show_error(parent, exc, title="打印失败")
            common.open_or_explain(parent, folder)
            return result.pdf
        messages.info(parent, text, result.failed_details(), title="打印报告")
        return result.pdf
    finally:
        dlg.deleteLater()
