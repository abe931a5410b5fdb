"""Hostile .shufa files: legal JSON a report never holds (lone surrogates, NaN/Infinity, huge numbers, deep
nesting, control characters) is refused with a Chinese message naming the place — never a traceback, never a
truncated document; the CLI exits 2. And ``shuifa sample`` does not overwrite an existing file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from shuifa import exchange
from shuifa.cli import main
from shuifa.errors import InvalidFileError
from shuifa.model import Report, RequirementValue


def _doc(report: Report) -> dict[str, Any]:
    e = report.entry("n4")
    e.status = "done"
    e.performance = "举办讲座3次。"
    e.values["r1"] = RequirementValue(value=3)
    return exchange.report_to_document(report)


def _write_text(path: Path, text: str) -> Path:
    # surrogatepass: the file holds what a hostile writer can put there (JSON escapes are legal anyway)
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def _hostile(kind: str, doc: dict[str, Any]) -> str:
    """The file content for one kind of attack on an otherwise valid document."""
    entry = doc["report"]["entries"][0]
    if kind == "surrogate-escaped":
        entry["performance"] = "开头\udc80结尾"
        return json.dumps(doc)  # ascii: "\\udc80" — legal JSON
    if kind == "surrogate-name":
        doc["report"]["official"]["name"] = "李\ud800明"
        return json.dumps(doc)
    if kind == "control-char":
        entry["performance"] = "开头\x00结尾"
        return json.dumps(doc)
    if kind == "control-char-esc":
        doc["report"]["official"]["unit"] = "某县\x1b人民政府"
        return json.dumps(doc)
    if kind == "control-key":
        entry["values"]["r\x01"] = {"value": 1}
        return json.dumps(doc)
    if kind in ("NaN", "Infinity", "-Infinity"):
        entry["values"]["r1"]["value"] = "@@NUM@@"
        return json.dumps(doc).replace('"@@NUM@@"', kind)
    if kind == "overflow-float":
        entry["values"]["r1"]["value"] = "@@NUM@@"
        return json.dumps(doc).replace('"@@NUM@@"', "1e999")
    if kind == "huge-float":
        entry["values"]["r1"]["value"] = 1e300
        return json.dumps(doc)
    if kind == "huge-int":
        entry["values"]["r1"]["value"] = "@@NUM@@"
        return json.dumps(doc).replace('"@@NUM@@"', "9" * 5000)
    if kind == "huge-year":
        doc["report"]["year"] = "@@NUM@@"
        return json.dumps(doc).replace('"@@NUM@@"', "1" + "0" * 100000)
    if kind == "deep-100000":
        entry["values"]["r1"]["value"] = "@@NUM@@"
        return json.dumps(doc).replace('"@@NUM@@"', "[" * 100000 + "]" * 100000)
    if kind == "deep-900":
        entry["values"]["r1"]["value"] = "@@NUM@@"
        return json.dumps(doc).replace('"@@NUM@@"', "[" * 900 + "]" * 900)
    if kind == "deep-children":
        node: dict[str, Any] = doc["report"]["duty_list"]
        for i in range(400):
            child = {"id": f"deep{i}", "kind": "group", "title": "层", "children": []}
            node["children"].append(child)
            node = child
        return json.dumps(doc)
    raise AssertionError(kind)


KINDS = {
    "surrogate-escaped": "代理码",
    "surrogate-name": "代理码",
    "control-char": "控制字符",
    "control-char-esc": "控制字符",
    "control-key": "控制字符",
    "NaN": "不是有效的数字",
    "Infinity": "不是有效的数字",
    "-Infinity": "不是有效的数字",
    "overflow-float": "不是有效的数字",
    "huge-float": "过大",
    "huge-int": "过大",
    "huge-year": "过大",
    "deep-100000": "嵌套层数过多",
    "deep-900": "嵌套层数过多",
    "deep-children": "嵌套层数过多",
}

WHERE = {
    "surrogate-escaped": "填报内容 → 第1项（n4） → 履职情况",
    "surrogate-name": "报告人 → 姓名",
    "control-char": "填报内容 → 第1项（n4） → 履职情况",
    "control-char-esc": "报告人 → 单位",
    "control-key": "量化指标",
    "NaN": "量化指标 → “r1” → 数值",
    "huge-int": "量化指标 → “r1” → 数值",
    "huge-year": "报告 → 年度",
    "deep-children": "职责清单 → 下级条目",
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_hostile_values_are_refused_naming_what_and_where(small_report: Report, tmp_path: Path, kind: str) -> None:
    path = _write_text(tmp_path / "坏.shufa", _hostile(kind, _doc(small_report)))
    with pytest.raises(InvalidFileError) as info:
        exchange.read_report(path)
    message = info.value.message
    assert KINDS[kind] in message and "“坏.shufa”" in message
    if kind in WHERE:
        assert WHERE[kind] in message
    message.encode("utf-8")  # printable: no lone surrogate in the message itself


@pytest.mark.parametrize("kind", ["surrogate-escaped", "NaN", "huge-int", "deep-100000", "control-char"])
@pytest.mark.parametrize("command", ["show", "render", "check"])
def test_cli_exits_2_without_traceback(
    small_report: Report, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str, command: str
) -> None:
    path = _write_text(tmp_path / "坏.shufa", _hostile(kind, _doc(small_report)))
    args = [command, str(path)]
    if command == "render":
        args += ["-o", str(tmp_path / "out.docx")]
    assert main(args) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and KINDS[kind] in captured.err
    assert "已生成" not in captured.out
    assert not (tmp_path / "out.docx").exists()


def test_sane_values_still_read(small_report: Report, tmp_path: Path) -> None:
    doc = _doc(small_report)
    entry = doc["report"]["entries"][0]
    entry["performance"] = "第一段\t缩进\r\n第二段😀"  # tab/CR/LF and astral characters are fine
    entry["values"]["r1"]["value"] = 123456789012.5
    path = _write_text(tmp_path / "好.shufa", json.dumps(doc, ensure_ascii=False))
    report = exchange.read_report(path)
    assert report.entries["n4"].performance == "第一段\t缩进\r\n第二段😀"
    assert report.entries["n4"].values["r1"].value == 123456789012.5


def test_writer_never_writes_what_the_reader_refuses(small_report: Report, tmp_path: Path) -> None:
    report = small_report
    report.entry("n4").performance = "粘贴来的\x0b换行\x00和\udc80"
    report.official.name = "李\x07明"
    path = exchange.write_report(report, tmp_path / "a.shufa")
    back = exchange.read_report(path)
    assert back.entries["n4"].performance == "粘贴来的\n换行和\ufffd"
    assert back.official.name == "李明"


def test_sample_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "我的报告.shufa"
    out.write_text("用户自己的内容", encoding="utf-8")
    assert main(["sample", "--list", "anshan-gaoxin-2023", "--year", "2025", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "已存在" in err and "--force" in err and "Traceback" not in err
    assert out.read_text(encoding="utf-8") == "用户自己的内容"
    assert main(["sample", "--list", "anshan-gaoxin-2023", "--year", "2025", "-o", str(out), "--force"]) == 0
    assert exchange.read_report(out).year == 2025


def test_sample_refuses_a_folder_as_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "目录.shufa"
    folder.mkdir()
    assert main(["sample", "--list", "anshan-gaoxin-2023", "-o", str(folder), "--force"]) == 2
    assert "文件夹" in capsys.readouterr().err and folder.is_dir()
