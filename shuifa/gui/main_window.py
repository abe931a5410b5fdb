"""The main window: the start page or a report's walk-through, menus, status bar, session memory."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QMenu, QPushButton, QStackedWidget, QWidget

from .. import APP_NAME
from ..errors import ShuifaError
from ..model import Report
from ..store import Store
from . import dialogs, messages
from .look import app_icon
from .report_view import STATE_KEY, ReportView
from .shortcuts import SHORTCUTS, ShortcutsDialog, sequences
from .start_page import StartPage

GEOMETRY_KEY = "gui.geometry"
LAYOUT_KEY = "gui.layout"
UNDO_DELETE_MS = 10000
SHUFA_FILTER = "述法报告交换文件 (*.shufa);;所有文件 (*)"

CLERK_ACTIONS: tuple[tuple[str, str], ...] = (
    ("import_many", "批量导入 .shufa 文件…"),
    ("batch_export", "批量导出 Word/PDF…"),
    ("summary", "述法情况汇总表…"),
    ("evaluation_form", "述法评议表（民主测评表）…"),
    ("enter_grades", "录入测评结果…"),
    ("print_reports", "打印…"),
    ("next_year", "为下一年度新建报告…"),
)


def window_title(report: Report | None) -> str:
    if report is None:
        return APP_NAME
    name = report.official.name or "（未填写姓名）"
    return f"{APP_NAME} — {name} {report.year}年度述法报告"


class MainWindow(QMainWindow):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.view: ReportView | None = None
        self.setWindowIcon(app_icon())
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(960, 620)
        self.resize(1360, 860)
        self.start = StartPage(store)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start)
        self.setCentralWidget(self.stack)
        self.actions_by_name: dict[str, QAction] = {}
        self._build_status_bar()
        self._build_menus()
        self._deleted: list[str] = []
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self._undo_expired)

        s = self.start
        s.open_report.connect(self.open_report)
        s.new_report.connect(self.new_report)
        s.duplicate.connect(self.duplicate)
        s.delete.connect(self.delete)
        s.import_shufa.connect(self.import_shufa)
        s.files_dropped.connect(self.import_dropped)
        s.export_shufa.connect(self.export_shufa)
        s.export_document.connect(self.export_document)
        self._fill_clerk_menu(s.clerk_menu)
        self._update_actions()

    # ---------------------------------------------------------------- chrome
    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        self.undo_button = QPushButton("撤销删除")
        self.undo_button.setFlat(True)
        self.undo_button.setStyleSheet("color: #1F4E79; text-decoration: underline;")
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo_delete)
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #4B5563; padding: 0 8px;")
        sb.addWidget(self.undo_button)
        sb.addPermanentWidget(self.saved_label)

    def _action(self, name: str, text: str, slot, menu: QMenu) -> QAction:
        a = QAction(text, self)
        seqs = sequences(name)
        if seqs:
            a.setShortcuts(seqs)
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        a.triggered.connect(lambda _checked=False: slot())
        menu.addAction(a)
        self.actions_by_name[name] = a
        return a

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("文件(&F)")
        self._action("new", "新建报告…", self.new_report, m)
        self._action("back", "返回报告列表", self.show_start, m)
        m.addSeparator()
        self._action("import_shufa", "导入 .shufa 文件…", self.import_shufa, m)
        self._action("export_shufa", "导出为 .shufa 文件…", lambda: self.export_shufa(self._ids()), m)
        self._action("export", "导出 Word/PDF…", lambda: self.export_document(self._ids()), m)
        m.addSeparator()
        self._action("save", "立即保存", self.save_now, m)
        self._action("backups", "备份与恢复…", self.show_backups, m)
        m.addSeparator()
        self._action("quit", "退出", self.close, m)

        m = mb.addMenu("编辑(&E)")
        self._action("undo", "撤销", lambda: self._edit_call("undo"), m)
        self._action("redo", "重做", lambda: self._edit_call("redo"), m)
        m.addSeparator()
        self._action("find", "查找…", lambda: self._view_call(lambda v: v.show_side("find")), m)
        self._action("find_next", "查找下一个", lambda: self._view_call(lambda v: v.finder.next_hit()), m)

        m = mb.addMenu("逐项填写(&G)")
        self._action("next", "下一项职责", lambda: self._view_call(lambda v: v.step(1)), m)
        self._action("prev", "上一项职责", lambda: self._view_call(lambda v: v.step(-1)), m)
        self._action("next_unfinished", "下一项未完成的职责", lambda: self._view_call(lambda v: v.next_unfinished()), m)
        m.addSeparator()
        self._action("mark_done", "标记为“已落实”", lambda: self._view_call(lambda v: v.mark_done()), m)
        self._action(
            "mark_done_next",
            "标记“已落实”并转到下一项未完成",
            lambda: self._view_call(lambda v: v.mark_done_and_next()),
            m,
        )
        m.addSeparator()
        a = self._action(
            "only_unfinished", "只看未完成", lambda: self._view_call(lambda v: v.only_unfinished.toggle()), m
        )
        a.setCheckable(True)
        self._action("focus_tree", "转到职责列表", lambda: self._view_call(lambda v: v.tree.setFocus()), m)

        m = mb.addMenu("查看(&V)")
        self._action("preview", "报告预览", lambda: self._view_call(lambda v: v.show_side("preview")), m)
        self._action("check", "体检", lambda: self._view_call(lambda v: v.show_side("check")), m)
        self._action("compose", "成稿（要点、顺序、篇幅）", lambda: self._view_call(lambda v: v.show_compose()), m)

        self.clerk_menu = mb.addMenu("汇总与批量(&B)")
        self._fill_clerk_menu(self.clerk_menu)

        m = mb.addMenu("帮助(&H)")
        self._action("shortcuts", "快捷键一览", self.show_shortcuts, m)
        self._action("about", "关于述法助手", self.about, m)

    def _fill_clerk_menu(self, menu: QMenu) -> None:
        for name, text in CLERK_ACTIONS:
            menu.addAction(text, lambda n=name: self.clerk(n))

    def _update_actions(self) -> None:
        in_report = self.view is not None
        for name in (
            "back",
            "save",
            "find",
            "find_next",
            "next",
            "prev",
            "next_unfinished",
            "mark_done",
            "mark_done_next",
            "only_unfinished",
            "focus_tree",
            "preview",
            "check",
            "compose",
        ):
            self.actions_by_name[name].setEnabled(in_report)
        self.actions_by_name["save"].setEnabled(True)

    def _ids(self) -> list[str]:
        if self.view is not None:
            return [self.view.report.id]
        return self.start.selected_ids()

    def _view_call(self, fn) -> None:
        if self.view is not None:
            fn(self.view)

    def _edit_call(self, method: str) -> None:
        w = QApplication.focusWidget()
        if w is not None and hasattr(w, method):
            getattr(w, method)()

    def status(self, text: str, ms: int = 6000) -> None:
        self.statusBar().showMessage(text, ms)

    def show_backups(self) -> None:
        from .backups_dialog import show_backups

        show_backups(self)

    # ---------------------------------------------------------------- report open/close
    def open_report(self, report_id: str, key: str | None = None) -> bool:
        if not self.close_view():
            return False
        try:
            report = self.store.load_report(report_id)
        except ShuifaError as exc:
            messages.show_error(self, exc, "无法打开报告")
            self.start.reload()
            return False
        view = ReportView(self.store, report)
        view.restore_layout(self.store.get_state(LAYOUT_KEY))
        view.title_changed.connect(self._update_title)
        view.saved.connect(lambda t: self._set_saved(f"已自动保存 {t}"))
        view.save_failed.connect(lambda t: self._set_saved(t, error=True))
        view.status.connect(self.status)
        view.reopen_requested.connect(lambda rid: QTimer.singleShot(0, lambda: self.reopen(rid)))
        view.only_unfinished.toggled.connect(self.actions_by_name["only_unfinished"].setChecked)
        self.actions_by_name["only_unfinished"].setChecked(view.only_unfinished.isChecked())
        self.view = view
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        keys = view.model.duty_keys()
        if not key or not view.go_to(key):
            first = next(
                (k for k in keys if view.report.duty_state(view.model.node(k)) in ("empty", "in_progress")), None
            )
            view.go_to(first or (keys[0] if keys else "part:official"))
        view.write_state()
        self._set_saved("所有修改自动保存")
        self._update_title()
        self._update_actions()
        QTimer.singleShot(0, lambda: self._focus_editor(view))
        return True

    def _focus_editor(self, view: ReportView) -> None:
        if self.view is view and not view.current_key.startswith("part:"):
            view.duty_editor.focus_first()

    def reopen(self, report_id: str) -> None:
        if self.view is not None:
            self.view.autosave.stopped = True  # the unsaved text went to the clipboard
        key = self.view.current_key if self.view else None
        self._drop_view()
        self.open_report(report_id, key)

    def close_view(self) -> bool:
        """Save and close the open report. False when the user chose to stay (unsaved changes)."""
        if self.view is None:
            return True
        if not self.view.close_report() and not self.view.autosave.stopped:
            if not messages.confirm(
                self,
                "有修改尚未保存到数据文件。",
                "关闭后这些修改会丢失。建议先点“取消”，排除问题后按 Ctrl+S 重试。",
                ok="仍然关闭",
            ):
                return False
        self._remember_layout()
        self._drop_view()
        return True

    def _drop_view(self) -> None:
        if self.view is None:
            return
        self.stack.removeWidget(self.view)
        self.view.deleteLater()
        self.view = None
        self._update_actions()

    def show_start(self) -> None:
        if not self.close_view():
            return
        try:
            self.store.set_state(STATE_KEY, None)
        except ShuifaError:
            pass
        self.start.reload()
        self.stack.setCurrentWidget(self.start)
        self.saved_label.clear()
        self._update_title()

    def restore_session(self) -> None:
        """Reopen the report and duty that were open when the app last stopped (or was killed)."""
        geo = self.store.get_state(GEOMETRY_KEY)
        if isinstance(geo, str):
            self.restoreGeometry(QByteArray.fromBase64(geo.encode()))
        state = self.store.get_state(STATE_KEY)
        if isinstance(state, dict) and state.get("report"):
            if any(s.id == state["report"] for s in self.start.summaries):
                self.open_report(state["report"], state.get("key") or None)

    def _update_title(self) -> None:
        self.setWindowTitle(window_title(self.view.report if self.view else None))

    def _set_saved(self, text: str, error: bool = False) -> None:
        self.saved_label.setText(text)
        self.saved_label.setStyleSheet(f"color: {'#C8372D' if error else '#4B5563'}; padding: 0 8px;")

    def save_now(self) -> None:
        if self.view is None:
            self.status("所有修改都已自动保存。")
            return
        if self.view.save_now():
            self.status("已保存。")

    def _remember_layout(self) -> None:
        try:
            if self.view is not None:
                self.store.set_state(LAYOUT_KEY, self.view.layout_state())
            self.store.set_state(GEOMETRY_KEY, bytes(self.saveGeometry().toBase64()).decode())
        except ShuifaError:
            pass

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.view is not None:
            if not self.view.close_report() and not self.view.autosave.stopped:
                if not messages.confirm(self, "有修改尚未保存到数据文件。", "退出后这些修改会丢失。", ok="仍然退出"):
                    event.ignore()
                    return
        self._remember_layout()
        if self._deleted:
            self._undo_expired()
        event.accept()

    # ---------------------------------------------------------------- start-page operations
    def new_report(self) -> None:
        from .new_report_dialog import NewReportDialog

        dlg = NewReportDialog(self.store, self)
        if dialogs.run(dlg) != QDialog.DialogCode.Accepted or dlg.report is None:
            return
        try:
            self.store.create_report(dlg.report)
        except ShuifaError as exc:
            messages.show_error(self, exc, "无法创建报告")
            return
        self.open_report(dlg.report.id, "part:official" if not dlg.report.official.unit else None)

    def duplicate(self, ids: list[str]) -> None:
        new = []
        for rid in ids:
            try:
                new.append(self.store.duplicate_report(rid).id)
            except ShuifaError as exc:
                messages.show_error(self, exc, "无法复制报告")
        self.start.reload(select=new)
        if new:
            self.status(f"已复制 {len(new)} 份报告。")

    def delete(self, ids: list[str]) -> None:
        names = [f"{s.name} {s.year}年度" for s in self.start.summaries if s.id in ids]
        text = f"删除“{names[0]}”的述法报告吗？" if len(names) == 1 else f"删除选中的 {len(names)} 份述法报告吗？"
        if not messages.confirm(self, text, "删除后 10 秒内可以在窗口底部点“撤销删除”恢复。", ok="删除"):
            return
        done = []
        for rid in ids:
            try:
                self.store.delete_report(rid)
                done.append(rid)
            except ShuifaError as exc:
                messages.show_error(self, exc, "无法删除报告")
        self.start.reload()
        if done:
            self._deleted = done
            self.undo_button.setText(f"已删除 {len(done)} 份报告 · 撤销删除")
            self.undo_button.show()
            self._undo_timer.start(UNDO_DELETE_MS)

    def undo_delete(self) -> None:
        restored = []
        for rid in self._deleted:
            try:
                self.store.restore_report(rid)
                restored.append(rid)
            except ShuifaError as exc:
                messages.show_error(self, exc, "无法撤销删除")
        self._undo_expired()
        self.start.reload(select=restored)
        self.status(f"已恢复 {len(restored)} 份报告。")

    def _undo_expired(self) -> None:
        self._deleted = []
        self._undo_timer.stop()
        self.undo_button.hide()

    def import_dropped(self, paths: list[str]) -> None:
        """.shufa files dropped on the start page: one is imported here, several by the clerk's import."""
        if len(paths) == 1:
            self.import_shufa(paths[0])
        else:
            from . import clerk

            new = clerk.import_many(self, self.store, paths)
            self.start.reload(select=list(new or []))

    def import_shufa(self, path: str | None = None) -> None:
        path = path or dialogs.open_file(self, "导入述法报告", SHUFA_FILTER)
        if not path:
            return
        from ..exchange import read_report

        try:
            report = read_report(path)
        except Exception as exc:  # noqa: BLE001
            messages.show_error(self, exc, "无法导入")
            return
        try:
            if not self._store_imported(report):
                return
        except ShuifaError as exc:
            messages.show_error(self, exc, "无法导入")
            return
        self.start.reload(select=[report.id])
        self.status(f"已导入“{Path(path).name}”。")

    def _store_imported(self, report: Report) -> bool:
        """Store a report read from one .shufa file; False when the user cancelled.

        One already in the list (the same id, even deleted, or the same official, unit and year) is
        replaced or kept as a second copy, as the user chooses. A file whose id belongs to ANOTHER
        official's report is imported as a new report (a new id) and the user is told: that report
        is never named as the file's nor replaced. Replacing keeps the clerk's recorded 评议 votes
        unless the file carries its own. (The clerk's many-file import, :mod:`shuifa.clerk.importing`,
        matches names with spaces stripped and gives an id clash a new id without asking; this single
        import keeps asking.)"""
        from ..clerk import importing
        from ..model import new_id

        o = report.official
        note = ""
        clash = importing.id_owner_clash(self.store, report)
        if clash is not None:
            report.id = new_id()
            note = (
                f"文件中的报告编号与已有的“{importing.describe_summary(clash)}”的报告相同，"
                f"已把“{importing.describe_official(o.name, o.unit, report.year)}”作为新报告导入，"
                f"“{clash.name}”的报告未作改动。"
            )
        same = self.store.find_reports(o.name, o.unit, report.year)
        if not same and report.id not in {s.id for s in self.store.list_reports(include_deleted=True)}:
            self.store.create_report(report)
            if note:
                messages.info(self, note, title="已作为新报告导入")
            return True
        who = f"{o.unit} {o.name} {report.year}年度".strip()
        detail = "“替换”用导入的文件覆盖已有报告（已录入的评议结果保留）；“保留两份”把导入的作为另一份报告。"
        answer = messages.ask(
            self,
            f"{who}的述法报告已在列表中。",
            ("替换", "保留两份", "取消"),
            default="保留两份",
            detail=f"{note}\n{detail}" if note else detail,
            title="报告已存在",
        )
        if answer == "取消":
            return False
        if answer == "替换":
            importing.replace_stored(self.store, report, same[0].id if same else report.id)
        else:
            report.id = new_id()
            self.store.create_report(report)
        return True

    def export_shufa(self, ids: list[str]) -> None:
        from ..exchange import write_report
        from .export_dialog import default_dir, file_stem

        if not ids:
            return
        self.save_now_quiet()
        try:
            if len(ids) == 1:
                report = self._load(ids[0])
                suggested = str(default_dir() / (file_stem(report, "shufa-report") + ".shufa"))
                path = dialogs.save_file(self, "导出为 .shufa 文件", suggested, SHUFA_FILTER)
                if not path:
                    return
                if not path.lower().endswith(".shufa"):
                    path += ".shufa"
                write_report(report, path)
                self.status(f"已导出到 {path}")
            else:
                folder = dialogs.choose_folder(self, "导出到文件夹", str(default_dir()))
                if not folder:
                    return
                from .clerk.batchdlg import ask_overwrite

                out = Path(folder)
                reports = [self._load(rid) for rid in ids]
                try:
                    present = {p.name.lower() for p in out.iterdir()}
                except OSError:
                    present = set()
                used: set[str] = set()

                def free(stem: str, avoid_present: bool) -> str:
                    cand, n = stem, 2
                    while f"{cand}.shufa".lower() in used or (avoid_present and f"{cand}.shufa".lower() in present):
                        cand, n = f"{stem}-{n}", n + 1
                    used.add(f"{cand}.shufa".lower())
                    return f"{cand}.shufa"

                # two reports of the same person and year never share a name inside one export
                stems = [file_stem(r, "shufa-report") for r in reports]
                names = [free(stem, False) for stem in stems]
                existing = [n for n in names if n.lower() in present]
                choice = ask_overwrite(self, existing, title="导出")
                if choice is None:
                    return
                if choice == "number" and existing:  # keep what is there: every name avoids it
                    used.clear()
                    names = [free(stem, True) for stem in stems]
                written = 0
                for report, name in zip(reports, names, strict=True):
                    write_report(report, out / name)
                    written += 1
                text = f"已导出 {written} 份报告到 {folder}"
                if existing and choice == "overwrite":
                    text += f"，覆盖了 {len(existing)} 个原有的同名文件"
                elif existing:
                    text += f"；原有的 {len(existing)} 个同名文件已保留，新文件名加了编号"
                self.status(text)
                if existing:
                    messages.info(self, text + "。", title="导出")
        except ShuifaError as exc:
            messages.show_error(self, exc, "导出失败")

    def _load(self, report_id: str) -> Report:
        if self.view is not None and self.view.report.id == report_id:
            return self.view.report
        return self.store.load_report(report_id)

    def save_now_quiet(self) -> None:
        if self.view is not None:
            self.view.autosave.flush()

    def export_document(self, ids: list[str]) -> None:
        if not ids:
            return
        if len(ids) > 1:
            self.clerk("batch_export")
            return
        from .export_dialog import ExportDialog

        self.save_now_quiet()
        try:
            report = self._load(ids[0])
        except ShuifaError as exc:
            messages.show_error(self, exc)
            return
        kind = self.view.preview.current_kind() if self.view else "shufa-report"
        try:
            dlg = ExportDialog(self.store, report, self, kind)
        except Exception as exc:  # noqa: BLE001 - e.g. a broken user template: say so, keep working
            messages.show_error(self, exc, "无法导出")
            return
        dialogs.run(dlg)
        if dlg.fix is not None:  # 去修改 after the 体检
            self.show_finding(report.id, dlg.fix)

    def show_finding(self, report_id: str, finding) -> None:
        """去修改 after an export's 体检 question: the report open at the finding's place, the 体检 beside it."""
        if (self.view is None or self.view.report.id != report_id) and not self.open_report(report_id):
            return
        assert self.view is not None
        self.view.show_side("check")
        self.view.check.go(finding.where)

    def clerk(self, name: str) -> None:
        """Run one of the 汇总与批量 operations on the selected reports (or the open one)."""
        from . import clerk

        ids = self._ids()
        self.save_now_quiet()
        if name == "import_many":
            new = clerk.import_many(self, self.store)
            if self.view is None:
                self.start.reload(select=list(new or []))
            return
        if not ids:
            messages.info(self, "请先在报告列表中选择报告（可按住 Ctrl 或 Shift 多选）。")
            return
        if name == "next_year":
            new_id = clerk.next_year(self, self.store, ids[0])
            if new_id:
                self.open_report(new_id)
            return
        getattr(clerk, name)(self, self.store, ids)
        if self.view is None:
            self.start.reload()
        elif name == "enter_grades":
            # the grades were saved into the open report from outside the view: reload it, so the
            # view's next save does not meet a changed report
            key = self.view.current_key
            self._remember_layout()
            self._drop_view()
            self.open_report(ids[0], key)

    # ---------------------------------------------------------------- help
    def show_shortcuts(self) -> None:
        rows = []
        for menu_action in self.menuBar().actions():
            menu = menu_action.menu()
            if menu is None:
                continue
            title = menu_action.text().split("(")[0]
            for a in menu.actions():
                if a.isSeparator() or not a.shortcuts():
                    continue
                keys = "，".join(s.toString(s.SequenceFormat.NativeText) for s in a.shortcuts())
                rows.append((title, a.text(), keys))
        dialogs.run(ShortcutsDialog(rows, self))

    def about(self) -> None:
        from .. import __version__

        messages.info(
            self,
            f"{APP_NAME} {__version__}",
            "按本单位的职责清单逐条起草年度述法报告：自动保存、实时预览、体检，"
            "按 GB/T 9704 格式导出 Word/PDF。所有数据保存在本机，无需联网。\n"
            f"数据文件：{self.store.path}",
            title="关于",
        )


__all__ = ["MainWindow", "SHORTCUTS", "window_title"]
