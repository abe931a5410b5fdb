"""Importing a file whose id is another official's report, and re-importing a corrected file
(issue 11): never destroy or misname the other report; never wipe the clerk's 评议 votes."""

from __future__ import annotations

from clerkdata import make_report

from shuifa.clerk import importing
from shuifa.clerk.importing import KEEP_BOTH, REPLACE, SKIP
from shuifa.exchange import write_report

VOTES = {"好": 20, "较好": 3, "一般": 1, "差": 0}


def _clashing_file(store, tmp_path):
    """李四's report stored; a file from 张三 that (copied from 李四's file) carries 李四's id."""
    li = make_report(name="李四", unit="乙县人民政府")
    li.entries["d3"].performance = "李四的内容"
    store.create_report(li)
    zhang = make_report(name="张三", unit="甲县人民政府")
    zhang.id = li.id
    zhang.entries["d3"].performance = "张三的内容"
    return li, write_report(zhang, tmp_path / "张三.shufa")


def test_id_of_another_officials_report_is_imported_as_a_new_report(store, tmp_path):
    for action in (REPLACE, KEEP_BOTH, SKIP):
        (tmp_path / action).mkdir()
        li, f = _clashing_file(store, tmp_path / action)
        result = importing.import_files(store, [f], on_duplicate=action)
        [(_, new_id, how)] = result.stored
        assert new_id != li.id and how == "new"
        kept = store.load_report(li.id)
        assert kept.official.name == "李四" and kept.entries["d3"].performance == "李四的内容"
        new = store.load_report(new_id)
        assert new.official.name == "张三" and new.entries["d3"].performance == "张三的内容"
        assert "编号与其他人的已有报告相同" in result.message()
        assert "乙县人民政府 李四" in result.clash_details()
        for r in store.list_reports():
            store.delete_report(r.id)


def test_id_clash_with_a_deleted_report_of_another_official_leaves_it_restorable(store, tmp_path):
    li, f = _clashing_file(store, tmp_path)
    store.delete_report(li.id)
    result = importing.import_files(store, [f], on_duplicate=REPLACE)
    assert result.report_ids[0] != li.id
    store.restore_report(li.id)
    assert store.load_report(li.id).official.name == "李四"


def test_replace_with_a_corrected_file_keeps_the_recorded_votes(store, tmp_path):
    stored = make_report()
    stored.evaluation = dict(VOTES)
    store.create_report(stored)
    corrected = make_report()  # the official's own file: no votes
    corrected.id = stored.id
    corrected.entries["d3"].performance = "改正后的内容"
    f = write_report(corrected, tmp_path / "a.shufa")
    result = importing.import_files(store, [f], on_duplicate=REPLACE)
    assert result.stored == [(f, stored.id, REPLACE)]
    again = store.load_report(stored.id)
    assert again.entries["d3"].performance == "改正后的内容"
    assert again.evaluation == VOTES


def test_replace_with_a_file_that_carries_votes_takes_the_files_votes(store, tmp_path):
    stored = make_report()
    stored.evaluation = dict(VOTES)
    store.create_report(stored)
    other = make_report()
    other.evaluation = {"好": 5, "较好": 5, "一般": 0, "差": 0}
    f = write_report(other, tmp_path / "a.shufa")
    importing.import_files(store, [f], on_duplicate=REPLACE)
    assert store.load_report(stored.id).evaluation == other.evaluation
