"""A clerk's tools against hostile input: a bad file in a bulk import is refused with its reason and nothing
from it is stored, the others are; a name or unit that looks like a formula stays text in the 汇总表 .xlsx."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clerkdata import make_report
from openpyxl import load_workbook

from shuifa.clerk import importing, summary
from shuifa.exchange import report_to_document, write_report


def _hostile_file(path: Path, kind: str) -> Path:
    doc = report_to_document(make_report(name="坏人", unit="坏单位"))
    text = json.dumps(doc)
    if kind == "surrogate":
        doc["report"]["official"]["name"] = "坏\udc80人"
        text = json.dumps(doc)
    elif kind == "nan":
        doc["report"]["entries"][0]["values"] = {"r1": {"value": "@@"}}
        text = json.dumps(doc).replace('"@@"', "NaN")
    elif kind == "huge":
        text = text.replace('"year": 2026', '"year": ' + "9" * 5000)
    elif kind == "deep":
        doc["report"]["entries"][0]["values"] = {"r1": {"value": "@@"}}
        text = json.dumps(doc).replace('"@@"', "[" * 100000 + "]" * 100000)
    elif kind == "control":
        doc["report"]["official"]["unit"] = "坏\x00单位"
        text = json.dumps(doc)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("kind", ["surrogate", "nan", "huge", "deep", "control"])
def test_one_hostile_file_is_refused_and_the_others_are_imported(store, tmp_path, kind):
    a = write_report(make_report(name="张三", unit="甲县人民政府"), tmp_path / "1-张三.shufa")
    bad = _hostile_file(tmp_path / "2-坏.shufa", kind)
    b = write_report(make_report(name="李四", unit="乙县人民政府"), tmp_path / "3-李四.shufa")
    result = importing.import_files(store, [a, bad, b])
    assert [p.name for p, _, _ in result.stored] == ["1-张三.shufa", "3-李四.shufa"]
    [(path, reason)] = result.invalid
    assert path == bad and "2-坏.shufa" in reason and "损坏" in reason
    assert sorted(r.name for r in store.list_reports()) == ["张三", "李四"]
    for r in store.list_reports():  # what was stored loads back whole
        store.load_report(r.id)


def test_a_file_the_store_cannot_take_is_refused_before_anything_is_stored(store, tmp_path, monkeypatch):
    """Even when something slips past the reader, no file stops the import halfway."""
    from shuifa.clerk import importing as mod

    a = write_report(make_report(name="张三", unit="甲县人民政府"), tmp_path / "1.shufa")
    b = write_report(make_report(name="李四", unit="乙县人民政府"), tmp_path / "2.shufa")
    real = mod.read_report

    def read(path):
        report = real(path)
        if path == b:
            report.official.name = "李\udc80四"  # as if the reader had let it through
        return report

    monkeypatch.setattr(mod, "read_report", read)
    result = importing.import_files(store, [b, a])
    assert [p for p, _, _ in result.stored] == [a]
    assert [p for p, _ in result.invalid] == [b]
    assert [r.name for r in store.list_reports()] == ["张三"]


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://x","点我")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1", "=cmd|' /C calc'!A0"],
)
def test_formula_like_names_and_units_stay_text_in_the_xlsx(tmp_path, name):
    reports = [make_report(name=name, unit=name), make_report(name="李四", unit="=1+2")]
    path = summary.write_summary(reports, tmp_path / "汇总.xlsx", title="=标题")
    ws = load_workbook(path).active
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    assert name in texts and "=1+2" in texts and "=标题" in texts
    for c in cells:
        if isinstance(c.value, str) and c.value[:1] in "=+-@\t\r":
            assert c.data_type == "s" and c.quotePrefix
    # the raw sheet XML holds no <f> element at all
    import zipfile

    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet
