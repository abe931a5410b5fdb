"""Screenshots of the real app for the README and docs/gui.md: ``python scripts/screenshots.py``.

Runs the app offscreen on a private, temporary store (a sample report, a half-finished report, a
report for the following year), drives it to each screen and saves ``docs/screenshots/*.png``;
``report-page1.png`` … are printed pages of the sample (each kind, and the annex) as LibreOffice prints them
(skipped with a message when soffice or pdftoppm is missing).
Run it again after changing the GUI so the pictures stay current.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SHUIFA_HOME"] = tempfile.mkdtemp(prefix="shuifa-shots-")

from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from shuifa.gui.app import ensure_sample, make_app  # noqa: E402
from shuifa.lists import load_builtin  # noqa: E402
from shuifa.model import Official, Report  # noqa: E402
from shuifa.store import Store  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
SEEDS = [
    ROOT / "tests" / "gui" / "data" / "niuxintuo-town-2023.txt",
    ROOT.parent / "shared" / "seeds" / "niuxintuo-town-2023.txt",
]


def settle(ms: int = 250) -> None:
    QApplication.processEvents()
    QTest.qWait(ms)


def save(widget: QWidget, name: str) -> Path:
    settle()
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(f"已保存 {path.relative_to(ROOT)}")
    return path


#: (kind, page, picture) for the printed pages shown in the README: page 1 of each kind and the
#: 书面 report's annex (its last page).
PAGES = (
    ("shufa-report", 1, "report-page1"),
    ("shufa-report", -1, "report-annex"),
    ("shuzhi-section", 1, "shuzhi-section-page1"),
    ("speech", 1, "speech-page1"),
    ("speech-outline", 1, "speech-outline-page1"),
)


def report_pages(report: Report) -> list[Path]:
    """Printed pages of the sample as pictures: each kind rendered to PDF by LibreOffice
    (``shuifa.render.render_pdf``), the page converted with pdftoppm at 70 dpi."""
    import shutil
    import subprocess

    from shuifa.render import find_soffice, render_pdf

    if find_soffice() is None or shutil.which("pdftoppm") is None:
        missing = "LibreOffice (soffice)" if find_soffice() is None else "pdftoppm（poppler-utils）"
        print(f"跳过报告页面图片：未安装 {missing}")
        return []
    out = []
    with tempfile.TemporaryDirectory(prefix="shuifa-page-") as tmp:
        pdfs: dict[str, Path] = {}
        for kind, page, name in PAGES:
            if kind not in pdfs:
                pdfs[kind] = render_pdf(report, kind, Path(tmp) / f"{kind}.pdf")
            pdf = pdfs[kind]
            if page < 0:
                info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60).stdout
                page = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
            stem = OUT / name
            subprocess.run(
                ["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
                check=True,
                timeout=120,
            )
            path = stem.with_suffix(".png")
            print(f"已保存 {path.relative_to(ROOT)}")
            out.append(path)
    return out


def half_done(store: Store) -> Report:
    """A report in progress: a few duties written, one requirement unmet, one problem without a fix."""
    r = Report.new(
        Official("李建国", "镇长", "牛心坨镇人民政府", "government"), 2025, load_builtin("niuxintuo-town-2023")
    )
    duties = r.duties()
    e = r.entry(duties[0].id)
    e.status = "done"
    e.performance = "全年主持召开镇政府常务会议专题研究法治政府建设工作3次，审议规范性文件2件。"
    e = r.entry(duties[1].id)
    e.status = "partial"
    e.performance = "组织镇政府领导班子集体学法4次，班子成员旁听庭审1次。"
    e.problems = "学法形式比较单一，以集中学习文件为主。"
    for d in duties:
        if d.requirements and d.requirements[0].kind == "count":
            e = r.entry(d.id)
            e.status = "done"
            e.performance = "按要求听取有关工作汇报。"
            from shuifa.model import RequirementValue

            e.values[d.requirements[0].id] = RequirementValue(value=0)
            break
    store.create_report(r)
    return r


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_app(["shuifa-screenshots"])
    store = Store.open()
    sample_id = ensure_sample(store)
    assert sample_id is not None
    from shuifa.clerk.nextyear import make_next_year

    QTest.qWait(1100)  # distinct change times, so the list order is stable
    half = half_done(store)
    QTest.qWait(1100)
    nxt = make_next_year(store.load_report(sample_id))
    store.create_report(nxt)

    from shuifa.gui.main_window import MainWindow

    win = MainWindow(store)
    win.resize(1360, 860)
    win.show()
    win.start.reload()
    win.start.select([sample_id])
    save(win, "start")

    # the walk-through on the sample: a duty with a requirement, preview beside it
    win.open_report(sample_id)
    v = win.view
    assert v is not None
    key = next((k for k in v.model.duty_keys() if v.model.node(k).requirements), v.model.duty_keys()[0])
    v.go_to(key)
    v.show_side("preview")
    settle(900)
    save(win, "walkthrough")

    # the 成稿 page: topics and points of the written report, the preview beside it
    v.show_compose()
    v.show_side("preview")
    settle(1200)
    save(win, "compose")

    # a half-finished report: the 体检, only unfinished duties
    win.open_report(half.id)
    v = win.view
    v.only_unfinished.setChecked(True)
    v.show_side("check")
    v.go_to(v.model.duty_keys()[1])
    v.check.check_now()
    save(win, "checkup")

    # next year's report: last year's text beside the editor, and the carry-over page
    win.open_report(nxt.id)
    v = win.view
    v.only_unfinished.setChecked(False)
    with_prev = next(k for k in v.model.duty_keys() if k in v.report.previous)
    v.go_to(with_prev)
    v.show_side("preview")
    settle(700)
    save(win, "previous_year")
    v.go_to("part:rectification")
    save(win, "rectification")

    # find across duties and notes
    v.go_to(v.model.duty_keys()[0])
    v.show_side("find")
    v.finder.edit.setText("法治")
    v.finder.run()
    v.finder.next_hit()
    save(win, "find")

    # dialogs
    from shuifa.gui.new_report_dialog import NewReportDialog

    dlg = NewReportDialog(store, win)
    dlg.name.setText("张三")
    dlg.title_edit.setText("县委书记")
    dlg.unit.setText("中共××县委员会")
    dlg.select_list("builtin:zhejiang-province-2018")
    dlg.show()
    save(dlg, "new_report")
    dlg.close()

    seed = next((p for p in SEEDS if p.is_file()), None)
    if seed is not None:
        from shuifa.gui.import_review import ImportReviewDialog
        from shuifa.importer import import_file

        res = import_file(seed)
        rd = ImportReviewDialog(res, win)
        rd.resize(1280, 800)
        warned = next((w.node_id for w in res.warnings if w.node_id), None)
        if warned and warned in rd._items:
            rd.tree.setCurrentItem(rd._items[warned])
        rd.show()
        save(rd, "import_review")
        rd.close()

    from shuifa.gui.export_dialog import ExportDialog

    ed = ExportDialog(store, store.load_report(sample_id), win)
    ed.show()
    save(ed, "export")
    ed.close()

    win.close()
    report_pages(store.load_report(sample_id))
    store.close()
    app.quit()
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    os._exit(code)  # skip interpreter teardown of Qt objects
