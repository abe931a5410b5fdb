import json
from pathlib import Path

import pytest

from shuifa import exchange
from shuifa.errors import InvalidFileError, OutputError
from shuifa.model import CarryOverItem, PreviousEntry, Report, RequirementValue
from shuifa.store import Store


def filled(report: Report) -> Report:
    e = report.entry("n4")
    e.status = "done"
    e.performance = '举办讲座3次 & 专题培训<2>场，"引号"也保留。\n第二段。'
    e.problems = "学法形式单一。"
    e.improvements = "丰富学法形式。"
    e.evidence = "会议纪要"
    e.values["r1"] = RequirementValue(value=3, note="含线上")
    report.entry("n5").values["r1"] = RequirementValue(date="2026-02-20")
    report.parts["opening"] = "现将本人2025年度述法工作情况报告如下："
    report.carry_over.append(
        CarryOverItem(id="c1", problem="去年问题", improvement="去年措施", duty_id="n4", state="done", note="已完成")
    )
    report.previous["n4"] = PreviousEntry("去年的履职", "去年的问题", "去年的措施")
    report.previous_year = 2024
    report.evaluation = {"好": 30, "较好": 5, "一般": 1, "差": 0}
    return report


def test_round_trip_is_lossless(small_report: Report, tmp_path: Path) -> None:
    report = filled(small_report)
    path = exchange.write_report(report, tmp_path / "李明-2025.shufa")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "shuifa.report" and doc["version"] == 2
    assert "举办讲座3次 & 专题培训<2>场" in path.read_text(encoding="utf-8")  # readable UTF-8, not \\u escapes
    again = exchange.read_report(path)
    assert again.to_dict() == report.to_dict()


def test_store_exchange_store_round_trip(small_report: Report, tmp_path: Path) -> None:
    report = filled(small_report)
    store = Store.open()
    store.create_report(report)
    exchange.write_report(store.load_report(report.id), tmp_path / "a.shufa")
    other = Store.open(tmp_path / "other.db")
    other.create_report(exchange.read_report(tmp_path / "a.shufa"))
    back = other.load_report(report.id)
    a, b = back.to_dict(), report.to_dict()
    for d in (a, b):
        d.pop("updated")
        for e in d["entries"]:
            e.pop("updated")
    assert a == b


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "内容不完整或已损坏"),
        (b"\xff\xfe\x00garbage\x81", "不是 UTF-8"),
        (b'{"format": "other"}', "不是述法助手的报告文件"),
        (b'{"format": "shuifa.report", "version": 9, "report": {}}', "更新版本"),
        (b'{"format": "shuifa.report", "version": 1, "report": {"id": "x"}}', "缺少"),
        (b'{"format": "shuifa.report", "version": 1', "内容不完整"),
    ],
)
def test_invalid_files_get_chinese_messages(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.shufa"
    path.write_bytes(content)
    with pytest.raises(InvalidFileError, match=message):
        exchange.read_report(path)


def test_schema_violations_name_the_place(small_report: Report, tmp_path: Path) -> None:
    doc = exchange.report_to_document(filled(small_report))
    doc["report"]["entries"][0]["status"] = "finished"
    path = tmp_path / "bad.shufa"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InvalidFileError, match="填报内容 → 第1项（n4） → 落实情况"):
        exchange.read_report(path)


def test_entry_for_unknown_duty_refused(small_report: Report, tmp_path: Path) -> None:
    doc = exchange.report_to_document(filled(small_report))
    doc["report"]["entries"][0]["duty_id"] = "n999"
    path = tmp_path / "bad.shufa"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(InvalidFileError, match="n999"):
        exchange.read_report(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InvalidFileError, match="找不到文件"):
        exchange.read_report(tmp_path / "none.shufa")
    with pytest.raises(InvalidFileError, match="文件夹"):
        exchange.read_report(tmp_path)


def test_failed_write_leaves_old_file(small_report: Report, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.shufa"
    exchange.write_report(small_report, path)
    before = path.read_bytes()

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    import shuifa.atomic as atomic

    monkeypatch.setattr(atomic.os, "replace", boom)
    small_report.parts["opening"] = "新内容"
    with pytest.raises(OutputError, match="磁盘空间不足"):
        exchange.write_report(small_report, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.shufa"]  # no temp file left behind


def test_word_and_pdf_files_named_as_such(tmp_path: Path) -> None:
    from docx import Document

    doc = tmp_path / "清单.shufa"
    Document().save(doc)
    with pytest.raises(InvalidFileError, match="Word 文档"):
        exchange.read_report(doc)
    pdf = tmp_path / "报告.shufa"
    pdf.write_bytes(b"%PDF-1.7\n...")
    with pytest.raises(InvalidFileError, match="PDF 文件"):
        exchange.read_report(pdf)
