"""Importing many .shufa files: folders, duplicates (replace / keep both / skip), invalid files."""

from __future__ import annotations

from pathlib import Path

import pytest
from clerkdata import make_report

from shuifa.clerk import importing
from shuifa.clerk.importing import KEEP_BOTH, REPLACE, SKIP, Decision
from shuifa.errors import InvalidFileError
from shuifa.exchange import write_report


def _files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, unit in (("张三", "甲县人民政府"), ("李四", "乙县人民政府"), ("王五", "丙县司法局")):
        out[name] = write_report(make_report(name=name, unit=unit), folder / f"{name}.shufa")
    return out


def test_folder_import_stores_every_report_with_its_content(store, tmp_path):
    files = _files(tmp_path / "in" / "sub")
    (tmp_path / "in" / "说明.txt").write_text("不是报告", encoding="utf-8")
    result = importing.import_files(store, [tmp_path / "in"])
    assert len(result.stored) == 3 and not result.invalid and not result.skipped
    names = sorted(r.name for r in store.list_reports())
    assert names == ["张三", "李四", "王五"]
    loaded = store.load_report(result.stored[0][1])
    assert loaded.entries["d3"].problems.startswith("个别执法人员")
    assert set(files) == {p.stem for p, _, _ in result.stored}


def test_invalid_files_are_listed_with_chinese_reason_and_nothing_from_them_is_stored(store, tmp_path):
    good = write_report(make_report(), tmp_path / "好.shufa")
    broken = tmp_path / "坏.shufa"
    broken.write_text(good.read_text(encoding="utf-8")[:200], encoding="utf-8")  # truncated in transit
    word = tmp_path / "不是报告.shufa"
    word.write_bytes(b"PK\x03\x04\xff\xfe garbage")
    result = importing.import_files(store, [good, broken, word])
    assert [p.name for p, _, _ in result.stored] == ["好.shufa"]
    reasons = dict((p.name, why) for p, why in result.invalid)
    assert set(reasons) == {"坏.shufa", "不是报告.shufa"}
    assert "损坏" in reasons["坏.shufa"] or "不完整" in reasons["坏.shufa"]
    assert "不是述法报告文件" in reasons["不是报告.shufa"] or "UTF-8" in reasons["不是报告.shufa"]
    assert len(store.list_reports()) == 1
    assert "2 个文件无法导入" in result.message()


def test_duplicate_skip_leaves_the_store_unchanged(store, tmp_path):
    first = make_report()
    store.create_report(first)
    again = make_report()
    again.entries["d3"].performance = "新的内容"
    f = write_report(again, tmp_path / "a.shufa")
    result = importing.import_files(store, [f], on_duplicate=SKIP)
    assert result.skipped == [f] and not result.stored
    [only] = store.list_reports()
    assert store.load_report(only.id).entries["d3"].performance == "开展执法案卷评查。"


def test_duplicate_replace_keeps_the_id_and_takes_the_file_content(store, tmp_path):
    first = make_report()
    store.create_report(first)
    again = make_report()
    again.entries["d3"].performance = "新的内容"
    f = write_report(again, tmp_path / "a.shufa")
    result = importing.import_files(store, [f], on_duplicate=REPLACE)
    assert result.stored == [(f, first.id, REPLACE)]
    [only] = store.list_reports()
    assert only.id == first.id
    assert store.load_report(first.id).entries["d3"].performance == "新的内容"


def test_duplicate_keep_both_and_same_file_twice_gets_a_new_id(store, tmp_path):
    report = make_report()
    f = write_report(report, tmp_path / "a.shufa")
    importing.import_files(store, [f])
    result = importing.import_files(store, [f], on_duplicate=KEEP_BOTH)
    assert len(result.stored) == 1 and result.stored[0][1] != report.id
    assert len(store.find_reports("张三", "某县人民政府", 2026)) == 2


def test_choose_per_file_and_for_all(store, tmp_path):
    for name in ("甲", "乙", "丙"):
        store.create_report(make_report(name=name))
    files = [write_report(make_report(name=n), tmp_path / f"{n}.shufa") for n in ("甲", "乙", "丙")]
    asked: list[str] = []

    def choose(item, existing):
        asked.append(item.report.official.name)
        assert existing and existing[0].name == item.report.official.name
        if item.report.official.name == "甲":
            return Decision(KEEP_BOTH)
        return Decision(SKIP, for_all=True)

    result = importing.import_files(store, files, on_duplicate=choose)
    assert asked == ["甲", "乙"]  # 丙 follows the "for all" of 乙
    assert [p.name for p in result.skipped] == ["乙.shufa", "丙.shufa"]
    assert len(store.find_reports("甲", "某县人民政府", 2026)) == 2


def test_duplicates_inside_one_import_are_detected(store, tmp_path):
    a = write_report(make_report(), tmp_path / "a.shufa")
    b = write_report(make_report(), tmp_path / "b.shufa")
    items = importing.read_files([a, b])
    groups = importing.duplicate_groups(store, items)
    assert list(groups) == [1] and "a.shufa" in groups[1][0]
    result = importing.store_items(store, items, default=SKIP)
    assert [p.name for p in result.skipped] == ["b.shufa"]


def test_missing_path_and_empty_folder_are_chinese_errors(tmp_path):
    with pytest.raises(InvalidFileError, match="找不到"):
        importing.collect_files([tmp_path / "没有"])
    (tmp_path / "空").mkdir()
    with pytest.raises(InvalidFileError, match="没有找到述法报告文件"):
        importing.collect_files([tmp_path / "空"])


def test_read_reports_refuses_a_set_with_an_invalid_file(tmp_path):
    good = write_report(make_report(), tmp_path / "好.shufa")
    (tmp_path / "坏.shufa").write_text("{}", encoding="utf-8")
    with pytest.raises(InvalidFileError) as info:
        importing.read_reports([tmp_path])
    assert "坏.shufa" in info.value.message and "好.shufa" not in info.value.message
    assert len(importing.read_reports([good])) == 1
