"""New report: the official's details, reporter category, year, and the duty list to report against."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import lists
from ..errors import ShuifaError
from ..model import REPORTER_ROLES, ROLES, DutyList, Official, Report, default_year
from ..store import Store
from . import dialogs, messages

ListRole = Qt.ItemDataRole.UserRole + 1
IMPORT_FILTER = "职责清单 (*.txt *.md *.docx *.htm *.html);;所有文件 (*)"


def role_summary(dl: DutyList) -> str:
    counts = dl.role_counts()
    parts = [f"{ROLES.get(r, r).replace('主要负责人', '')} {n} 项" for r, n in counts.items() if r != "common"]
    if counts.get("common"):
        parts.append(f"{'共同' if parts else '共'} {counts['common']} 项")
    return "、".join(parts) or "没有可填写的职责"


class PasteDialog(QDialog):
    """Paste a duty list copied from a web page or document."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("粘贴职责清单")
        self.resize(640, 480)
        self.name = QLineEdit()
        self.name.setPlaceholderText("清单名称（可不填，导入后可修改）")
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText("从网页、WPS 或 Word 中复制职责清单全文，粘贴到这里。")
        bb = dialogs.ok_cancel(self, "识别清单", self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.name)
        lay.addWidget(self.text, 1)
        lay.addWidget(bb)


class NewReportDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle("新建述法报告")
        self.setMinimumSize(720, 560)
        self.report: Report | None = None
        self._lists: dict[str, DutyList] = {}

        who = QGroupBox("述法人")
        form = QFormLayout(who)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.name = QLineEdit()
        self.name.setPlaceholderText("如：张三")
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("如：县委书记、镇长、局长")
        self.unit = QLineEdit()
        self.unit.setPlaceholderText("如：中共××县委员会、××县人民政府、××县司法局")
        self.role = QComboBox()
        for r in REPORTER_ROLES:
            self.role.addItem(ROLES[r], r)
        self.year = QSpinBox()
        self.year.setRange(2016, 2100)
        self.year.setValue(default_year())
        self.year.setSuffix(" 年度")
        form.addRow("姓名：", self.name)
        form.addRow("职务：", self.title_edit)
        form.addRow("单位：", self.unit)
        form.addRow("述法人类别：", self.role)
        form.addRow("述法年度：", self.year)

        which = QGroupBox("职责清单（按哪份清单逐条述法）")
        wl = QVBoxLayout(which)
        self.lists = QTreeWidget()
        self.lists.setHeaderLabels(["清单", "职责"])
        self.lists.setRootIsDecorated(True)
        self.lists.setAccessibleName("职责清单")
        self.lists.header().setStretchLastSection(False)
        self.lists.header().setSectionResizeMode(0, self.lists.header().ResizeMode.Stretch)
        self.lists.header().setSectionResizeMode(1, self.lists.header().ResizeMode.ResizeToContents)
        self.walk = QLabel()
        self.walk.setWordWrap(True)
        self.walk.setStyleSheet("color: #374151;")
        self.import_button = QPushButton("从文件导入清单…")
        self.import_button.setToolTip("读取 .txt、.docx 或网页另存的清单，核对后保存，以后新建报告可直接选用")
        self.paste_button = QPushButton("粘贴清单文本…")
        row = QHBoxLayout()
        row.addWidget(self.import_button)
        row.addWidget(self.paste_button)
        row.addStretch(1)
        wl.addWidget(self.lists, 1)
        wl.addWidget(self.walk)
        wl.addLayout(row)

        self.buttons = dialogs.ok_cancel(self, "创建报告", self._accept)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

        lay = QVBoxLayout(self)
        lay.addWidget(who)
        lay.addWidget(which, 1)
        lay.addWidget(self.buttons)

        self.import_button.clicked.connect(self.import_from_file)
        self.paste_button.clicked.connect(self.import_from_paste)
        self.lists.currentItemChanged.connect(lambda *_: self._update_walk())
        self.role.currentIndexChanged.connect(lambda *_: self._update_walk())
        self.fill_lists()

    # ---------------------------------------------------------------- lists
    def fill_lists(self, select: str | None = None) -> None:
        self.lists.clear()
        self._lists.clear()
        groups = []
        builtin = QTreeWidgetItem(["内置清单", ""])
        for list_id in lists.builtin_ids():
            try:
                dl = lists.load_builtin(list_id)
            except ShuifaError:
                continue
            self._add_list(builtin, dl, f"builtin:{list_id}")
        groups.append(builtin)
        try:
            user = self.store.user_lists()
        except ShuifaError:
            user = []
        if user:
            mine = QTreeWidgetItem(["已导入的清单", ""])
            for dl in user:
                self._add_list(mine, dl, f"user:{dl.id}")
            groups.append(mine)
        for g in groups:
            g.setFlags(Qt.ItemFlag.ItemIsEnabled)
            f = g.font(0)
            f.setBold(True)
            g.setFont(0, f)
        self.lists.addTopLevelItems(groups)
        self.lists.expandAll()
        target = select
        if target is None and groups and groups[0].childCount():
            target = groups[0].child(0).data(0, ListRole)
        self.select_list(target)

    def _add_list(self, parent: QTreeWidgetItem, dl: DutyList, key: str) -> None:
        item = QTreeWidgetItem(parent, [dl.title or "（未命名清单）", role_summary(dl)])
        item.setData(0, ListRole, key)
        meta = "，".join(x for x in (dl.issuer, dl.date or "") if x)
        item.setToolTip(0, dl.title + (f"\n{meta}" if meta else ""))
        self._lists[key] = dl

    def select_list(self, key: str | None) -> None:
        for i in range(self.lists.topLevelItemCount()):
            g = self.lists.topLevelItem(i)
            for j in range(g.childCount()):
                if g.child(j).data(0, ListRole) == key:
                    self.lists.setCurrentItem(g.child(j))
                    return

    def selected_list(self) -> DutyList | None:
        item = self.lists.currentItem()
        key = item.data(0, ListRole) if item else None
        return self._lists.get(key) if key else None

    def _update_walk(self) -> None:
        dl = self.selected_list()
        if dl is None:
            self.walk.setText("请选择一份职责清单，或导入本单位的清单。")
            self.ok.setEnabled(False)
            return
        role = self.role.currentData()
        n = len(dl.duties(role))
        note = ""
        if dl.roles() and role not in dl.roles():
            note = "（清单没有专门针对该类别的职责，将列出全部职责，不涉及的可标为“不涉及”）"
        self.walk.setText(f"按“{ROLES[role]}”需逐条填写 {n} 项职责{note}。")
        self.ok.setEnabled(n > 0)

    # ---------------------------------------------------------------- importing
    def import_from_file(self) -> None:
        path = dialogs.open_file(self, "导入职责清单", IMPORT_FILTER)
        if not path:
            return
        from ..importer import import_file

        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = import_file(path)
        except Exception as exc:  # noqa: BLE001 - shown as a Chinese message
            QGuiApplication.restoreOverrideCursor()
            messages.show_error(self, exc, "无法导入清单")
            return
        QGuiApplication.restoreOverrideCursor()
        self.review(result)

    def import_from_paste(self) -> None:
        dlg = PasteDialog(self)
        if dialogs.run(dlg) != QDialog.DialogCode.Accepted:
            return
        from ..importer import import_text

        try:
            result = import_text(dlg.text.toPlainText(), name=dlg.name.text().strip() or "粘贴的文本")
        except Exception as exc:  # noqa: BLE001
            messages.show_error(self, exc, "无法识别清单")
            return
        if dlg.name.text().strip():
            result.duty_list.title = dlg.name.text().strip()
        self.review(result)

    def review(self, result) -> None:
        from .import_review import ImportReviewDialog

        dlg = ImportReviewDialog(result, self)
        if dialogs.run(dlg) != QDialog.DialogCode.Accepted:
            return
        dl = dlg.duty_list
        try:
            self.store.save_list(dl)
        except ShuifaError as exc:
            messages.show_error(self, exc, "无法保存清单")
            return
        self.fill_lists(select=f"user:{dl.id}")
        roles = dl.roles()
        if roles and self.role.currentData() not in roles:
            self.role.setCurrentIndex(self.role.findData(roles[0]))

    # ---------------------------------------------------------------- accept
    def _accept(self) -> None:
        name = self.name.text().strip()
        if not name:
            messages.warn(self, "请填写述法人的姓名。", "姓名会出现在报告标题下的署名中。")
            self.name.setFocus()
            return
        dl = self.selected_list()
        if dl is None:
            messages.warn(self, "请选择一份职责清单。", "没有合适的清单时，可点“从文件导入清单…”导入本单位的清单。")
            return
        official = Official(name, self.title_edit.text().strip(), self.unit.text().strip(), self.role.currentData())
        self.report = Report.new(official, self.year.value(), dl)
        self.accept()
