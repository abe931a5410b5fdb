"""The single-file import (导入 on the start page) and id clashes / votes (issue 11)."""

from __future__ import annotations

from clerkdata import make_report

from shuifa.exchange import write_report

VOTES = {"好": 20, "较好": 3, "一般": 1, "差": 0}


def test_file_with_another_officials_id_never_replaces_or_names_that_report(window, store, tmp_path, answers):
    li = make_report(name="李四", unit="乙县人民政府")
    li.entries["d3"].performance = "李四的内容"
    store.create_report(li)
    zhang = make_report(name="张三", unit="甲县人民政府")
    zhang.id = li.id
    f = write_report(zhang, tmp_path / "张三.shufa")
    answers.when("已在列表中", "替换")  # were it asked, the user would replace
    w = window()
    w.import_shufa(str(f))
    assert not any("李四" in m.text and "已在列表中" in m.text for m in answers.shown)
    kept = store.load_report(li.id)
    assert kept.official.name == "李四" and kept.entries["d3"].performance == "李四的内容"
    [new] = [s for s in store.list_reports() if s.name == "张三"]
    assert new.id != li.id
    note = answers.shown[-1].text
    assert "作为新报告导入" in note and "李四" in note and "张三" in note


def test_clash_and_a_real_duplicate_replaces_the_duplicate_only(window, store, tmp_path, answers):
    li = make_report(name="李四", unit="乙县人民政府")
    store.create_report(li)
    old_zhang = make_report(name="张三", unit="甲县人民政府")
    store.create_report(old_zhang)
    zhang = make_report(name="张三", unit="甲县人民政府")
    zhang.id = li.id
    zhang.entries["d3"].performance = "新内容"
    f = write_report(zhang, tmp_path / "张三.shufa")
    answers.when("已在列表中", "替换")
    w = window()
    w.import_shufa(str(f))
    asked = next(m for m in answers.shown if "已在列表中" in m.text)
    assert "张三" in asked.text and "李四" in asked.detail
    assert store.load_report(li.id).official.name == "李四"
    assert store.load_report(old_zhang.id).entries["d3"].performance == "新内容"
    assert len(store.list_reports()) == 2


def test_replacing_with_a_corrected_file_keeps_the_clerks_votes(window, store, tmp_path, answers):
    stored = make_report()
    stored.evaluation = dict(VOTES)
    store.create_report(stored)
    corrected = make_report()
    corrected.id = stored.id
    corrected.entries["d3"].performance = "改正后的内容"
    f = write_report(corrected, tmp_path / "a.shufa")
    answers.when("已在列表中", "替换")
    w = window()
    w.import_shufa(str(f))
    again = store.load_report(stored.id)
    assert again.entries["d3"].performance == "改正后的内容" and again.evaluation == VOTES
    assert len(store.list_reports()) == 1
