"""``shuifa check`` as a user runs it (a real process), and the render's warning lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from shuifa.exchange import write_report
from shuifa.lists import load_builtin
from shuifa.sample import make_sample

ROOT = Path(__file__).resolve().parents[2]


def shuifa(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "shuifa", *args], capture_output=True, text=True, env=env, cwd=ROOT)


def failing_file(tmp_path: Path) -> Path:
    report = make_sample(load_builtin("anshan-gaoxin-2023"), role="party", year=2026)
    for e in report.entries.values():
        e.problems = ""
        e.status = "na" if e.status == "na" else "done"
    return write_report(report, tmp_path / "无问题.shufa")


def test_json_strict_and_plain(tmp_path):
    path = failing_file(tmp_path)
    proc = shuifa("check", str(path), "--json", "--strict")
    assert proc.returncode == 3, proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    assert {"code": "no-problems", "severity": "block"}.items() <= findings[0].items()
    assert set(findings[0]) >= {"code", "severity", "message", "where"}
    plain = shuifa("check", str(path))
    assert plain.returncode == 0 and "阻止［no-problems］" in plain.stdout
    good = write_report(make_sample(load_builtin("anshan-gaoxin-2023"), role="party", year=2026), tmp_path / "好.shufa")
    ok = shuifa("check", str(good), "--strict")
    assert ok.returncode == 0 and "体检通过" in ok.stdout


def test_render_warns_per_blocking_finding_and_still_renders(tmp_path):
    path = failing_file(tmp_path)
    out = tmp_path / "o.docx"
    proc = shuifa("render", str(path), "-o", str(out))
    assert proc.returncode == 0 and out.exists()
    assert [line for line in proc.stderr.splitlines() if line.startswith("警告：体检：")] == [
        "警告：体检：全篇没有写一个存在问题：述法要查摆本人履职中的不足，至少写出两三个方面。"
    ]


def test_a_bad_file_is_exit_2_with_a_chinese_message(tmp_path):
    bad = tmp_path / "坏.shufa"
    bad.write_text("{", encoding="utf-8")
    proc = shuifa("check", str(bad))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and proc.stderr.strip()
