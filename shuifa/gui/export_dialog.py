"""Export a report to Word or PDF: kind + template, runs off the GUI thread, then offers to open it.

Before it writes, the 体检: when a finding blocks, the official is asked 仍要导出 / 去修改
(:func:`~shuifa.gui.checkup_panel.export_anyway`); 去修改 closes the dialog with :attr:`ExportDialog.fix`
set to the first blocking finding, and the main window shows its place beside the 体检 panel."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..clerk.batch import sanitize_filename
from ..model import Report
from ..store import Store
from . import dialogs, messages
from .look import HINT_STYLE
from .preview_panel import KIND_TITLES
from .tasks import Task, run_task

if TYPE_CHECKING:
    from ..checkup import Finding

LAST_DIR_KEY = "gui.export_dir"


def default_dir() -> Path:
    for d in (Path.home() / "Documents", Path.home() / "文档", Path.home() / "Desktop", Path.home() / "桌面"):
        if d.is_dir():
            return d
    return Path.home()


def file_stem(report: Report, kind: str) -> str:
    o = report.official
    name = "-".join(x for x in (o.unit, o.name, f"{report.year}年度{KIND_TITLES.get(kind, '述法报告')}") if x)
    return sanitize_filename(name)  # the batch's rule: also reserved names (CON), trailing dots, length


class ExportDialog(QDialog):
    def __init__(self, store: Store, report: Report, parent: QWidget | None = None, kind: str = "shufa-report") -> None:
        super().__init__(parent)
        from ..render import list_templates

        self.store = store
        self.report = report
        self.task: Task | None = None
        self.output: Path | None = None
        self.fix: Finding | None = None  # 去修改 after the 体检: the finding to show
        self.setWindowTitle("导出报告")
        self.setMinimumWidth(620)
        self.templates = list_templates()
        self.kind = QComboBox()
        for key, title in KIND_TITLES.items():
            self.kind.addItem(title, key)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.template = QComboBox()
        self.word = QRadioButton("Word 文档（.docx，可用 WPS 打开修改）")
        self.pdf = QRadioButton("PDF（用于打印和报送）")
        self.word.setChecked(True)
        fmt = QButtonGroup(self)
        fmt.addButton(self.word)
        fmt.addButton(self.pdf)
        last = store.get_state(LAST_DIR_KEY) if store else None
        self.folder = Path(last) if last and Path(last).is_dir() else default_dir()
        self.path = QLineEdit()
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        prow = QHBoxLayout()
        prow.addWidget(self.path, 1)
        prow.addWidget(browse)
        self.pdf_note = QLabel()
        self.pdf_note.setWordWrap(True)
        self.pdf_note.setStyleSheet(HINT_STYLE)

        form = QFormLayout()
        form.addRow("文稿：", self.kind)
        form.addRow("模板：", self.template)
        fl = QVBoxLayout()
        fl.addWidget(self.word)
        fl.addWidget(self.pdf)
        fl.addWidget(self.pdf_note)
        form.addRow("格式：", fl)
        form.addRow("保存到：", prow)
        bb = dialogs.ok_cancel(self, "导出", self.start)
        self.ok = bb.button(QDialogButtonBox.StandardButton.Ok)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(bb)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.word.toggled.connect(lambda _on: self._suggest())
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.template.clear()
        for t in self.templates:
            if t.kind == kind:
                self.template.addItem(t.title + ("" if t.builtin else "（自定义）"), t)
        self._suggest()

    def _ext(self) -> str:
        return ".docx" if self.word.isChecked() else ".pdf"

    def default_name(self) -> str:
        """单位-姓名-年度文稿.docx/.pdf for the kind and format chosen."""
        return file_stem(self.report, self.kind.currentData()) + self._ext()

    def _suggest(self) -> None:
        cur = self.path.text().strip()
        folder = self.folder
        if cur:
            p = Path(cur).expanduser()
            folder = p if p.is_dir() else p.parent
        self.path.setText(str(folder / self.default_name()))
        if self.pdf.isChecked():
            from ..render import find_soffice

            self.pdf_note.setText(
                "PDF 由 LibreOffice 转换生成。"
                if find_soffice()
                else "未检测到 LibreOffice，无法生成 PDF；请先导出 Word 再在 WPS 中另存为 PDF。"
            )
        else:
            self.pdf_note.setText("")
        self.pdf_note.setVisible(bool(self.pdf_note.text()))  # no empty gap under the formats

    def _browse(self) -> None:
        filt = "Word 文档 (*.docx)" if self.word.isChecked() else "PDF 文件 (*.pdf)"
        path = dialogs.save_file(self, "导出到", self.path.text(), filt)
        if path:
            self.path.setText(path)

    def target(self) -> Path:
        """The file to write. An existing folder typed into 保存到 gets the file inside it, under the
        default name (单位-姓名-年度文稿); a name without the format's extension gets it."""
        text = self.path.text().strip()
        p = Path(text).expanduser()
        ext = self._ext()
        if p.is_dir() or text.endswith(("/", "\\")):
            return p / self.default_name()
        if p.suffix.lower() != ext:
            p = p.with_name(p.name + ext) if p.suffix.lower() not in (".docx", ".pdf") else p.with_suffix(ext)
        return p

    def start(self) -> None:
        if not self.path.text().strip():
            messages.warn(self, "请选择保存位置。", "在“保存到”中填写文件名，或点“浏览…”选择文件夹和文件名。")
            return
        out = self.target()
        if str(out) != self.path.text().strip():
            self.path.setText(str(out))  # show where it really goes (a folder typed: the file inside it)
        folder = out.parent
        if not folder.is_dir():
            what = "不是文件夹" if folder.exists() else "不存在"
            messages.warn(
                self,
                f"保存位置“{folder}”{what}，无法导出。",
                "请点“浏览…”选择一个已有的文件夹，或先在文件管理器中新建这个文件夹，再点“导出”。",
                title="无法导出",
            )
            return
        if not self._checked():
            return
        if out.exists() and not messages.confirm(self, f"“{out.name}”已存在，要替换它吗？", ok="替换"):
            return
        template = self.template.currentData() or self.kind.currentData()
        as_pdf = self.pdf.isChecked()
        report = self.report

        def work(progress):
            from ..render import render_docx, render_pdf

            progress(0, 1, "正在生成 PDF（需要 LibreOffice，请稍候）…" if as_pdf else "正在生成 Word 文档…")
            path = render_pdf(report, template, out) if as_pdf else render_docx(report, template, out)
            progress(1, 1, "完成")
            return path

        self.ok.setEnabled(False)
        self.task = run_task(self, "正在导出", work, self._done, self._failed)

    def _checked(self) -> bool:
        """The 体检 before writing: True to go on (nothing blocks, or 仍要导出); on 去修改 the dialog
        closes with :attr:`fix` set."""
        from ..checkup import check
        from .checkup_panel import export_anyway

        try:
            findings = check(self.report)
        except Exception:  # noqa: BLE001 - a failing check must never stop an export
            return True
        if export_anyway(self, findings):
            return True
        self.fix = next(f for f in findings if f.blocks)
        self.reject()
        return False

    def _done(self, path: Path) -> None:
        self.output = Path(path)
        try:
            self.store.set_state(LAST_DIR_KEY, str(self.output.parent))
        except Exception:  # noqa: BLE001 - remembering the folder is a nicety
            pass
        self.accept()
        answer = messages.ask(
            self.parentWidget(),
            f"已导出到：{self.output}",
            ("打开文件", "打开所在文件夹", "关闭"),
            default="打开文件",
            title="导出完成",
        )
        if answer == "打开文件":
            open_in_system(self.output)
        elif answer == "打开所在文件夹":
            open_in_system(self.output.parent)

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        messages.show_error(self, exc, "导出失败")


def open_in_system(path: Path) -> bool:
    """Open the exported file (or its folder); when the system cannot, advice for that kind of file."""
    from .clerk.common import cannot_open_advice

    ok = QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    if not ok:
        what = "文件夹" if path.is_dir() else "文件"
        messages.warn(None, f"无法用系统程序打开{what}“{path}”。", cannot_open_advice(path), title="无法打开")
    return ok
