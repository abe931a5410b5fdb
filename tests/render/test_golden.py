"""Golden files: the 牛心坨镇 sample report rendered in each kind, paragraph by paragraph (style, text).

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

from shuifa.render import preview_text, render_docx

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


@pytest.mark.parametrize("kind", ["shufa-report", "shuzhi-section", "speech"])
@pytest.mark.parametrize("role", ["party", "government"])
def test_sample_matches_golden(tmp_path, kind, role):
    report = sample_report(role)
    out = render_docx(report, kind, tmp_path / "o.docx", today=TODAY)
    got = "".join(f"{style or '-'}\t{text}\n" for style, text in paragraphs(out))
    golden = GOLDEN / f"niuxintuo-{role}-{kind}.txt"
    if UPDATE:
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")
    # and the live preview says the same, line for line
    assert [t for t in got.rstrip("\n").split("\n")] == [f"{s or '-'}\t{t}" for s, t in paragraphs(out)] and [
        t for _, t in paragraphs(out)
    ] == preview_text(report, kind, today=TODAY).text.split("\n")
