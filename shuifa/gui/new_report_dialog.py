"""New report: the official's details, reporter category, year, the duty list to report against, and —
for a department head, a 班子其他成员 or a township head — which of its duties they report on
(the rule of :mod:`shuifa.scope`, ticked by default; the official ticks more or fewer, saved as
``Report.scope``)."""

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
from ..model import REPORTER_ROLES, ROLES, DutyList, Node, Official, Report, Scope, default_year
from ..scope import SIDES, default_paths, infer_side, member_topic, names_units, scope_between, unit_match
from ..store import Store
from . import dialogs, messages

ListRole = Qt.ItemDataRole.UserRole + 1
DutyRole = Qt.ItemDataRole.UserRole + 2
#: Categories whose duties depend on more than the role (unit, 分管 area, side): the dialog asks.
SCOPED_ROLES = ("department", "member", "township")
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
        self.setMinimumSize(760, 680)
        self.report: Report | None = None
        self._lists: dict[str, DutyList] = {}
        self._ticks: dict[str, bool] = {}  # duty id → the official's own tick (over the rule's default)
        self._default: list[str] = []  # the rule's duties for what the form says now
        self._side_touched = False

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

        # ---- which of the list's duties this official reports on
        self.scope_box = QGroupBox("本人述职范围")
        sl = QVBoxLayout(self.scope_box)
        self.side_row = QWidget()
        sr = QHBoxLayout(self.side_row)
        sr.setContentsMargins(0, 0, 0, 0)
        self.side = QComboBox()
        for key, text in SIDES.items():
            self.side.addItem(text, key)
        self.side.setAccessibleName("本人是")
        side_label = QLabel("本人是：")
        side_label.setBuddy(self.side)
        sr.addWidget(side_label)
        sr.addWidget(self.side)
        sr.addStretch(1)
        self.scope_hint = QLabel()
        self.scope_hint.setWordWrap(True)
        self.scope_hint.setStyleSheet("color: #374151;")
        self.scope_list = QTreeWidget()
        self.scope_list.setHeaderLabels(["职责（勾选的逐条述法）", "依据"])
        self.scope_list.setAccessibleName("本人述职范围")
        self.scope_list.setRootIsDecorated(True)
        self.scope_list.header().setStretchLastSection(False)
        self.scope_list.header().setSectionResizeMode(0, self.scope_list.header().ResizeMode.Stretch)
        self.scope_list.header().setSectionResizeMode(1, self.scope_list.header().ResizeMode.ResizeToContents)
        self.scope_list.setMinimumHeight(180)  # several duties visible at once, also on a 768-pixel screen
        sl.addWidget(self.side_row)
        sl.addWidget(self.scope_hint)
        sl.addWidget(self.scope_list, 1)

        self.buttons = dialogs.ok_cancel(self, "创建报告", self._accept)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

        lay = QVBoxLayout(self)
        lay.addWidget(who)
        lay.addWidget(which, 2)
        lay.addWidget(self.scope_box, 3)
        lay.addWidget(self.buttons)

        self.import_button.clicked.connect(self.import_from_file)
        self.paste_button.clicked.connect(self.import_from_paste)
        self.lists.currentItemChanged.connect(lambda *_: self._reset_scope())
        self.role.currentIndexChanged.connect(lambda *_: self._reset_scope())
        self.unit.textChanged.connect(lambda *_: self._update_walk())
        self.title_edit.textChanged.connect(lambda *_: self._title_changed())
        self.side.activated.connect(lambda *_: self._side_chosen())
        self.scope_list.itemChanged.connect(self._ticked)
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

    # ---------------------------------------------------------------- 述职范围
    def official(self) -> Official:
        """The official as the form says now."""
        return Official(
            self.name.text().strip(), self.title_edit.text().strip(), self.unit.text().strip(), self.role.currentData()
        )

    def current_side(self) -> str:
        """The township head's side (党委 / 政府), "" when the category or the list does not need one."""
        dl = self.selected_list()
        if self.role.currentData() != "township" or dl is None or "township" in dl.roles():
            return ""
        if "party" not in dl.roles() and "government" not in dl.roles():
            return ""
        return self.side.currentData()

    def _reset_scope(self) -> None:
        """Another list or category: the rule's default again, none of the earlier ticks."""
        self._ticks.clear()
        self._update_walk()

    def _title_changed(self) -> None:
        if not self._side_touched:
            inferred = infer_side(self.official())
            if inferred:
                self.side.setCurrentIndex(self.side.findData(inferred))
        self._update_walk()

    def _side_chosen(self) -> None:
        self._side_touched = True
        self._ticks.clear()
        self._update_walk()

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        duty_id = item.data(0, DutyRole)
        if column != 0 or not duty_id:
            return
        self._ticks[duty_id] = item.checkState(0) == Qt.CheckState.Checked
        self._update_label()

    def chosen_ids(self) -> list[str]:
        """The duties this official reports on, as ticked (the rule's default where not ticked)."""
        dl = self.selected_list()
        if dl is None:
            return []
        if self.role.currentData() not in SCOPED_ROLES:
            return list(self._default)
        default = set(self._default)
        return [n.id for _, n in _reportable(dl) if self._ticks.get(n.id, n.id in default)]

    def chosen_scope(self) -> Scope:
        return scope_between(self._default, self.chosen_ids(), self.current_side())

    def _reason(self, dl: DutyList, path: list[Node], duty: Node, default: bool) -> str:
        """Why the rule gives (or does not give) a duty, in the 依据 column."""
        role = self.role.currentData()
        if role == "department" and duty.responsible_units:
            match = unit_match(self.unit.text(), duty.responsible_units)
            return {"own": "本单位", "all": "各部门"}.get(match, "其他单位")
        if role == "member" and default:
            return "学法、决策" if member_topic(dl, path, duty) else ROLES.get(duty.role, "")
        if duty.role in ("party", "government"):
            return "党委" if duty.role == "party" else "政府"
        return "共同" if default and duty.role == "common" else ""

    def _update_walk(self) -> None:
        dl = self.selected_list()
        if dl is None:
            self.walk.setText("请选择一份职责清单，或导入本单位的清单。")
            self.ok.setEnabled(False)
            self.scope_box.setVisible(False)
            return
        role = self.role.currentData()
        self._default = [n.id for _, n in default_paths(dl, self.official(), Scope(side=self.current_side()))]
        scoped = role in SCOPED_ROLES
        self.scope_box.setVisible(scoped)
        roles = dl.roles()
        self.side_row.setVisible(
            role == "township" and "township" not in roles and ("party" in roles or "government" in roles)
        )
        if scoped:
            self._fill_scope(dl)
        self._update_label()

    def _fill_scope(self, dl: DutyList) -> None:
        default = set(self._default)
        self.scope_list.blockSignals(True)
        try:
            self.scope_list.clear()
            groups: dict[tuple[str, ...], QTreeWidgetItem] = {}
            for path, duty in _reportable(dl):
                key = tuple(g.id for g in path)
                parent = groups.get(key)
                if parent is None:
                    heading = " › ".join(_short(g.heading()) for g in path[-2:] if g.heading()) or "职责"
                    parent = QTreeWidgetItem([heading, ""])
                    parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
                    parent.setToolTip(0, "\n".join(g.heading() for g in path if g.heading()))
                    self.scope_list.addTopLevelItem(parent)
                    groups[key] = parent
                on = self._ticks.get(duty.id, duty.id in default)
                item = QTreeWidgetItem(
                    parent, [f"{duty.label}{duty.text}", self._reason(dl, path, duty, duty.id in default)]
                )
                item.setData(0, DutyRole, duty.id)
                item.setFlags(
                    Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
                )
                item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                tip = f"{duty.label}{duty.text}"
                if duty.responsible_units:
                    tip += f"\n责任单位：{'、'.join(duty.responsible_units)}"
                item.setToolTip(0, tip)
            self.scope_list.expandAll()
        finally:
            self.scope_list.blockSignals(False)

    def _update_label(self) -> None:
        dl = self.selected_list()
        if dl is None:
            return
        role = self.role.currentData()
        n = len(self.chosen_ids())
        note = ""
        if role not in SCOPED_ROLES and dl.roles() and role not in dl.roles():
            note = "（清单没有专门针对该类别的职责，将列出全部职责，不涉及的可标为“不涉及”）"
        self.walk.setText(f"按“{ROLES[role]}”需逐条填写 {n} 项职责{note}。")
        self.ok.setEnabled(n > 0)
        if role in SCOPED_ROLES:
            self.scope_hint.setText(self._hint(dl, role))

    def _hint(self, dl: DutyList, role: str) -> str:
        d = len(self._default)
        extra = "勾选的职责逐条述法；创建后也可在职责列表中右键“加入本人述职范围”或“移出”。"
        if role == "department":
            if not names_units(dl):
                return f"清单没有写明责任单位：已勾选政府（部门）方面和共同的职责 {d} 项。{extra}"
            unit = self.unit.text().strip()
            if not unit:
                return f"清单写明了各项任务的责任单位：请在上方填写单位，以找出由本单位负责的任务（现只勾选了面向各部门的 {d} 项）。{extra}"
            own = sum(1 for i in range(self._count_items()) if self._item(i).text(1) == "本单位")
            return (
                f"清单写明了各项任务的责任单位：已勾选责任单位中有“{unit}”的 {own} 项、面向各部门（或未列单位）的 "
                f"{d - own} 项；由其他单位负责的任务，确属本单位承担的可勾选加入。{extra}"
            )
        if role == "member":
            if "member" in dl.roles():
                return f"已勾选清单中班子其他成员的职责和共同职责 {d} 项。{extra}"
            return (
                f"班子其他成员重点述个人学法、参与重大事项依法决策和分管领域依法履职：已勾选学法和依法决策方面的 {d} 项，"
                f"请再勾选本人分管领域的职责。{extra}"
            )
        if "township" in dl.roles():
            return f"已勾选清单中乡镇（街道）的职责和共同职责 {d} 项。{extra}"
        side = self.current_side()
        if side in dl.roles():
            which = "党委" if side == "party" else "政府"
            return f"按本人分工述法：已勾选{which}方面的职责和共同职责 {d} 项。{extra}"
        return f"已勾选清单的全部职责 {d} 项。{extra}"

    def _groups(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.scope_list.topLevelItemCount()):
            g = self.scope_list.topLevelItem(i)
            if g is not None:
                out.append(g)
        return out

    def _count_items(self) -> int:
        return sum(g.childCount() for g in self._groups())

    def _item(self, index: int) -> QTreeWidgetItem:
        for g in self._groups():
            if index < g.childCount():
                item = g.child(index)
                assert item is not None
                return item
            index -= g.childCount()
        raise IndexError(index)

    def scope_items(self) -> dict[str, QTreeWidgetItem]:
        """duty id → its row in the 本人述职范围 list."""
        out = {}
        for i in range(self._count_items()):
            item = self._item(i)
            out[item.data(0, DutyRole)] = item
        return out

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
        official = self.official()
        report = Report.new(official, self.year.value(), dl)
        if official.role in SCOPED_ROLES:
            report.scope = self.chosen_scope()
        self.report = report
        self.accept()


def _short(text: str, width: int = 16) -> str:
    return text if len(text) <= width else text[:width] + "…"


def _reportable(dl: DutyList) -> list[tuple[list[Node], Node]]:
    return [(p, n) for p, n in dl.walk() if n.is_duty and n.reportable]
