"""``shuifa import FILE [--json]`` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .helpers import seed_path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from shuifa.cli import main; sys.exit(main())", "import", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )


def test_json_output() -> None:
    proc = _run(str(seed_path("shizuishan-eight-actions-2023")), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["title"] == "石嘴山市推进法治政府建设“八大提升行动”实施方案"
    assert data["date"] == "2023-09-14"
    assert len(data["duties"]) == 51
    first = data["duties"][0]
    assert first["path"] == ["二、目标任务", "（一）实施法治政府建设示范创建提升行动"]
    assert first["responsible_units"][0] == "市委依法治市办（市司法局）"
    assert data["context"] == ["一、总体要求", "三、工作要求"]


def test_readable_summary() -> None:
    proc = _run(str(seed_path("niuxintuo-town-2023")))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "共识别职责 52 条（党委主要负责人 24 条，政府主要负责人 28 条）" in out
    assert "编号不连续" in out and "（24）" in out
    assert "Traceback" not in out + proc.stderr


def test_errors_exit_2_in_chinese(tmp_path: Path) -> None:
    bad = tmp_path / "图片.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    proc = _run(str(bad))
    assert proc.returncode == 2
    assert "错误：" in proc.stderr and "图片" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = _run(str(seed_path("jinchang-shufa-scheme")))
    assert proc.returncode == 2
    assert "没有找到职责清单" in proc.stderr


def test_json_upper_bound_rate(tmp_path: Path) -> None:
    f = tmp_path / "清单.txt"
    f.write_text(
        "某县政府主要负责人法治建设职责清单\n"
        "1.严格落实行政机关负责人出庭应诉制度，出庭应诉率达到100%。\n"
        "2.加强行政应诉工作，行政诉讼案件败诉率控制在5%以内。\n",
        encoding="utf-8",
    )
    proc = _run(str(f), "--json")
    assert proc.returncode == 0, proc.stderr
    duties = json.loads(proc.stdout)["duties"]
    assert duties[0]["requirements"][0]["min"] == 100 and duties[0]["requirements"][0]["max"] is None
    r = duties[1]["requirements"][0]
    assert set(r) == {"kind", "min", "max", "per", "deadline", "text"}
    assert (r["kind"], r["min"], r["max"], r["text"]) == ("rate", None, 5, "行政诉讼案件败诉率控制在5%以内")
    text = _run(str(f)).stdout
    assert "要求：行政诉讼案件败诉率 ≤ 5%" in text
