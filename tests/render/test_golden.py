"""Golden files: the 牛心坨镇 sample report rendered in each kind, paragraph by paragraph (style, text).

Regenerate after an intended change with ``SHUIFA_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_golden.py``
and read the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import TODAY
from helpers import paragraphs

from shuifa.render import preview_text, render_docx

GOLDEN = Path(__file__).parent / "golden"
sample = pytest.importorskip("shuifa.sample")


def sample_report(role: str):
    from shuifa.lists import load_builtin

    return sample.make_sample(load_builtin("niuxintuo-town-2023"), role=role, year=2025, seed=0)


@pytest.mark.parametrize("kind", ["shufa-report", "shuzhi-section", "speech"])
@pytest.mark.parametrize("role", ["party", "government"])
def test_sample_matches_golden(tmp_path, kind, role):
    report = sample_report(role)
    out = render_docx(report, kind, tmp_path / "o.docx", today=TODAY)
    got = "".join(f"{style or '-'}\t{text}\n" for style, text in paragraphs(out))
    golden = GOLDEN / f"niuxintuo-{role}-{kind}.txt"
    if os.environ.get("SHUIFA_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
    # and the live preview says the same, line for line
    assert [t for t in got.rstrip("\n").split("\n")] == [f"{s or '-'}\t{t}" for s, t in paragraphs(out)] and [
        t for _, t in paragraphs(out)
    ] == preview_text(report, kind, today=TODAY).text.split("\n")
