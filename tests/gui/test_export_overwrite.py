"""Exporting several reports as .shufa files never replaces same-named files silently (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuifa.exchange import read_report
from shuifa.gui import dialogs
from shuifa.gui.clerk.batchdlg import OVERWRITE_BUTTONS
from shuifa.model import Official, Report

NAME = "中共测试县委员会-李明-2025年度书面述法报告.shufa"


def _stored(store, small_list, n=2):
    reports = [
        Report.new(Official("李明", "县委书记", "中共测试县委员会", "party"), 2025, small_list) for _ in range(n)
    ]
    for r in reports:
        store.create_report(r)
    return [r.id for r in reports]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    out = tmp_path / "导出"
    out.mkdir()
    dialogs.set_file_answerer(lambda kind, title, suggested: str(out))
    return out


def _ask(answers):
    return [m for m in answers.seen if tuple(m.buttons) == OVERWRITE_BUTTONS]


def test_two_reports_of_the_same_person_get_two_files(window, store, folder, answers, small_list):
    w = window()
    w.export_shufa(_stored(store, small_list))
    assert sorted(p.name for p in folder.iterdir()) == sorted([NAME, NAME.replace(".shufa", "-2.shufa")])
    assert not _ask(answers)  # nothing was there: nothing asked


def test_existing_files_are_kept_with_numbered_names(window, store, folder, answers, small_list):
    (folder / NAME).write_bytes(b"old")
    w = window()
    answers.queue = [OVERWRITE_BUTTONS[1]]
    w.export_shufa(_stored(store, small_list))
    asked = _ask(answers)
    assert len(asked) == 1 and NAME in asked[0].detail
    assert (folder / NAME).read_bytes() == b"old"
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([NAME, NAME.replace(".shufa", "-2.shufa"), NAME.replace(".shufa", "-3.shufa")])
    read_report(folder / NAME.replace(".shufa", "-3.shufa"))
    final = answers.seen[-1].text
    assert "已导出 2 份" in final and "1 个同名文件已保留" in final


def test_overwrite_replaces_and_cancel_writes_nothing(window, store, folder, answers, small_list):
    (folder / NAME).write_bytes(b"old")
    w = window()
    ids = _stored(store, small_list)
    answers.queue = [OVERWRITE_BUTTONS[2]]
    w.export_shufa(ids)
    assert [p.name for p in folder.iterdir()] == [NAME] and (folder / NAME).read_bytes() == b"old"
    answers.queue = [OVERWRITE_BUTTONS[0]]
    w.export_shufa(ids)
    assert (folder / NAME).read_bytes() != b"old"
    read_report(folder / NAME)
    assert len(list(folder.iterdir())) == 2
    assert "覆盖了 1 个" in answers.seen[-1].text
