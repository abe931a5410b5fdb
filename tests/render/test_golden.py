"""Golden files: the 牛心坨镇 sample report rendered in each kind, paragraph by paragraph (style, text),
then the annex table row by row (``表格`` and its cells joined by ｜).

The input is pinned too (``golden/niuxintuo-ROLE.shufa``, made by ``shuifa.sample.make_sample``), so the
sample generator can evolve without moving these. Regenerate both after an intended change with
``SHUIFA_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_golden.py`` and read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from render_helpers import paragraphs
from renderdata import TODAY

from shuifa.render import KINDS, preview_text, render_docx

GOLDEN = Path(__file__).parent / "golden"
UPDATE = bool(os.environ.get("SHUIFA_UPDATE_GOLDEN"))


def sample_report(role: str):
    from shuifa.exchange import read_report, write_report

    pinned = GOLDEN / f"niuxintuo-{role}.shufa"
    if UPDATE and not getattr(sample_report, f"done_{role}", False):
        from shuifa.lists import load_builtin
        from shuifa.sample import make_sample

        write_report(make_sample(load_builtin("niuxintuo-town-2023"), role=role, year=2025, seed=0), pinned)
        setattr(sample_report, f"done_{role}", True)
    return read_report(pinned)


def table_rows(path: Path) -> list[list[str]]:
    import docx

    return [[c.text for c in row.cells] for t in docx.Document(str(path)).tables for row in t.rows]


@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("role", ["party", "government"])
def test_sample_matches_golden(tmp_path, kind, role):
    report = sample_report(role)
    out = render_docx(report, kind, tmp_path / "o.docx", today=TODAY)
    paras = paragraphs(out)
    rows = table_rows(out)
    got = "".join(f"{style or '-'}\t{text}\n" for style, text in paras)
    got += "".join(f"表格\t{'｜'.join(cells)}\n" for cells in rows)
    golden = GOLDEN / f"niuxintuo-{role}-{kind}.txt"
    if UPDATE:
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
    # and the live preview says the same, line for line: the document's paragraphs, then the annex table's
    # rows under their header (the preview's blank line before 附件 is a page break in the document, and the
    # document has an empty paragraph between the annex title and its table)
    texts = [t for _, t in paras]
    preview = preview_text(report, kind, today=TODAY).text.split("\n")
    if kind == "shufa-report":
        assert rows[0] == ["职责", "清单要求", "完成情况", "是否达标"] and len(rows) > 1
        label = preview.index("附件")
        assert preview[label - 1] == "" and texts[-1] == ""
        texts = texts[:-1] + ["｜".join(r) for r in rows[1:]]
        preview = preview[: label - 1] + preview[label:]
    else:
        assert rows == []
    assert texts == preview
