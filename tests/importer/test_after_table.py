"""Text after a list's items — below a Word table, or after the last numbered item of a plain text —
is not part of the last duty: the 落款 (issuer + date) is read as such, and a closing 解释/施行
sentence is context (附则-like), never a duty's text. (QA: table-list.docx, table-list4.docx.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from shuifa.importer import import_file, import_text

from .docx_builder import merge_down, new_document, save

TITLE = "XX县司法局党政主要负责人履行推进法治建设第一责任人职责清单"
ROWS = [
    ("1", "学法用法", "每年至少举办2次法治专题讲座，带头讲法治课。"),
    ("2", "依法决策", "严格执行重大行政决策程序，合法性审查率达到100%。"),
    ("3", "依法决策", "每半年听取一次法治建设工作汇报。"),
    ("4", "普法", "落实“谁执法谁普法”普法责任制。"),
]
CLOSING = "本清单由县委依法治县办负责解释，自印发之日起施行。"


def _table_docx(path: Path, after: list[str], rows=ROWS) -> Path:
    d = new_document()
    d.add_paragraph(TITLE)
    t = d.add_table(rows=len(rows) + 1, cols=3)
    for i, h in enumerate(["序号", "职责", "具体内容"]):
        t.cell(0, i).text = h
    for r, row in enumerate(rows, 1):
        for c, v in enumerate(row):
            first, *more = v.split("\n")
            t.cell(r, c).text = first
            for extra in more:  # a separate paragraph in the cell
                t.cell(r, c).add_paragraph(extra)
    merge_down(t, 1, 2, 3)
    t.cell(2, 1).text = "依法决策"
    for text in after:
        d.add_paragraph(text)
    return save(d, path)


def _texts(res) -> list[str]:
    return [n.text for n in res.duty_list.duties()]


def _check(res, last_text: str = ROWS[-1][2]) -> None:
    dl = res.duty_list
    assert len(dl.duties()) == len(ROWS)
    assert _texts(res)[-1] == last_text
    assert not any("不完整" in w.message or "截断" in w.message for w in res.warnings), res.warnings


@pytest.mark.parametrize(
    ("after", "issuer", "date", "context"),
    [
        ([CLOSING, "中共XX县司法局党组", "2024年3月5日"], "中共XX县司法局党组", "2024-03-05", [CLOSING]),
        (["中共XX县司法局党组", "2024年3月5日"], "中共XX县司法局党组", "2024-03-05", []),
        (
            [CLOSING.rstrip("。"), "中共丰宁县司法局党组", "2024年3月5日"],
            "中共丰宁县司法局党组",
            "2024-03-05",
            [CLOSING.rstrip("。")],
        ),
        ([CLOSING], "", None, [CLOSING]),
        (
            ["注：表中“具体内容”为本局主要负责人应当履行的职责。"],
            "",
            None,
            ["注：表中“具体内容”为本局主要负责人应当履行的职责。"],
        ),
    ],
    ids=["closing+issuer+date", "issuer+date", "closing-no-period", "closing-only", "note"],
)
def test_paragraphs_after_a_table_do_not_join_its_last_duty(tmp_path, after, issuer, date, context):
    res = import_file(_table_docx(tmp_path / "清单.docx", after))
    _check(res)
    dl = res.duty_list
    assert (dl.issuer, dl.date) == (issuer, date)
    # the closing sentence / note is kept as context (shown, not reported on), complete
    notes = [n.text for _, n in dl.walk() if not n.reportable]
    assert notes == context
    assert all(n.reportable for n in dl.duties())
    doc = res.to_json_dict()
    assert doc["issuer"] == issuer and doc["date"] == date
    assert [d["text"] for d in doc["duties"]][-1] == ROWS[-1][2]


def test_a_cell_with_several_paragraphs_still_makes_one_duty(tmp_path):
    rows = [*ROWS[:-1], ("4", "普法", "落实“谁执法谁普法”普法责任制。\n每年公布普法责任清单。")]
    res = import_file(_table_docx(tmp_path / "清单.docx", [CLOSING, "中共XX县司法局党组", "2024年3月5日"], rows))
    _check(res, "落实“谁执法谁普法”普法责任制。\n每年公布普法责任清单。")


def test_a_numbered_section_after_a_table_is_read_as_usual(tmp_path):
    res = import_file(_table_docx(tmp_path / "清单.docx", ["5.推进法治政府建设示范创建。", CLOSING]))
    assert _texts(res)[-2:] == [ROWS[-1][2], "推进法治政府建设示范创建。"]


PLAIN = """XX县司法局党政主要负责人履行推进法治建设第一责任人职责清单

一、学法用法
1.每年至少举办2次法治专题讲座，带头讲法治课。
二、依法决策
2.严格执行重大行政决策程序，合法性审查率达到100%。
3.每半年听取一次法治建设工作汇报。
三、普法
4.落实“谁执法谁普法”普法责任制。
{after}
"""


@pytest.mark.parametrize(
    ("after", "issuer", "context"),
    [
        (f"{CLOSING}\n\n中共XX县司法局党组\n2024年3月5日", "中共XX县司法局党组", [CLOSING]),
        (f"{CLOSING.rstrip('。')}\n中共丰宁县司法局党组\n2024年3月5日", "中共丰宁县司法局党组", [CLOSING.rstrip("。")]),
        ("中共XX县司法局党组\n2024年3月5日", "中共XX县司法局党组", []),
        ("本清单自印发之日起施行。", "", ["本清单自印发之日起施行。"]),
        ("未尽事宜由县委依法治县办负责解释。", "", ["未尽事宜由县委依法治县办负责解释。"]),
    ],
    ids=["closing+issuer+date", "closing-no-period", "issuer+date", "closing-only", "未尽事宜"],
)
def test_plain_text_list_ending_with_closing_lines(after, issuer, context):
    res = import_text(PLAIN.format(after=after))
    _check(res)
    assert res.duty_list.issuer == issuer
    assert [n.text for _, n in res.duty_list.walk() if not n.reportable] == context


def test_closing_sentence_inside_a_supplementary_section_stays_there():
    res = import_text(PLAIN.format(after=f"四、附则\n{CLOSING}"))
    _check(res)
    assert res.duty_list.context_headings() == ["四、附则"]
    fuze = res.duty_list.children[-1]
    assert (fuze.title or fuze.text) and CLOSING in (fuze.text + "".join(c.text for c in fuze.children))
