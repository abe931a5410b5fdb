"""The foundation's command line: lists, sample, show; Chinese errors with exit code 2; no Qt."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shuifa import exchange
from shuifa.cli import main
from shuifa.lists import builtin_ids, load_builtin
from shuifa.model import REPORTER_ROLES
from shuifa.sample import make_sample
from shuifa.store import Store

ROOT = Path(__file__).resolve().parents[2]

EXPECTED = {
    "anshan-gaoxin-2023": {"common": 25},
    "niuxintuo-town-2023": {"party": 24, "government": 28},
    "zhejiang-province-2018": {"party": 28, "government": 27},
    "shizuishan-eight-actions-2023": {"common": 51},
}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "shuifa", *args], capture_output=True, text=True, env=env, cwd=ROOT)


def test_lists_json_counts() -> None:
    proc = run_cli("lists", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {d["id"]: d["roles"] for d in data} == EXPECTED
    for d in data:
        assert set(d) == {"id", "title", "issuer", "date", "duty_count", "roles"}
        assert d["duty_count"] == sum(d["roles"].values())
        assert d["title"] and d["issuer"] and len(d["date"]) == 10


def test_lists_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lists"]) == 0
    out = capsys.readouterr().out
    assert "niuxintuo-town-2023" in out and "党委主要负责人 24 条" in out and "政府主要负责人 28 条" in out


def test_sample_then_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "样例.shufa"
    assert (
        main(["sample", "--list", "niuxintuo-town-2023", "--role", "government", "--year", "2025", "-o", str(out)]) == 0
    )
    report = exchange.read_report(out)
    assert report.year == 2025 and report.official.role == "government"
    assert len(report.duties()) == 28
    capsys.readouterr()
    assert main(["show", str(out)]) == 0
    text = capsys.readouterr().out
    assert "政府主要负责人" in text and "2025年" in text
    done, total = report.progress()
    assert f"已填写 {done}/{total} 条职责" in text
    unmet = report.unmet_requirements()
    assert (f"未达到的量化要求：{len(unmet)} 项" in text) if unmet else ("未达到的量化要求：无" in text)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "不存在.shufa"], "找不到文件"),
        (["sample", "--list", "no-such-list", "-o", "x.shufa"], "no-such-list"),
        (["frobnicate"], "无效的选项"),
        (["show"], "缺少必需的参数"),
    ],
)
def test_bad_input_chinese_message_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "shuifa", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"},
    )
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_garbled_file_show(tmp_path: Path) -> None:
    bad = tmp_path / "坏文件.shufa"
    bad.write_bytes(os.urandom(2000))
    proc = run_cli("show", str(bad))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "坏文件.shufa" in proc.stderr


def test_cli_does_not_import_qt() -> None:
    code = (
        "import sys, shuifa.cli as c; c.build_parser();"
        "c.main(['lists', '--json']);"
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT', file=sys.stderr)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}
    )
    assert proc.stderr.strip().endswith("NOQT")


@pytest.mark.parametrize("list_id", sorted(EXPECTED))
def test_every_sample_survives_store_exchange_store(list_id: str, tmp_path: Path) -> None:
    dl = load_builtin(list_id)
    roles = [r for r in REPORTER_ROLES if r in dl.roles()] or ["party"]
    store = Store.open(tmp_path / "a.db")
    other = Store.open(tmp_path / "b.db")
    for role in roles:
        report = make_sample(dl, role=role, year=2025)
        store.create_report(report)
        loaded = store.load_report(report.id)
        path = exchange.write_report(loaded, tmp_path / f"{list_id}-{role}.shufa")
        other.create_report(exchange.read_report(path))
        back = other.load_report(report.id)
        assert back.to_dict() == loaded.to_dict()
        assert back.to_dict()["entries"] == report.to_dict()["entries"]
        assert len(back.entries) >= len(back.duties())


def test_builtin_ids() -> None:
    assert builtin_ids() == sorted(EXPECTED)


def test_templates_lists_unusable_user_files(shuifa_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from docx import Document

    folder = shuifa_home / "templates"
    folder.mkdir(parents=True)
    doc = Document()
    doc.add_paragraph("一份没有任何填充标记的普通文档")
    doc.save(folder / "普通文档.docx")
    assert main(["templates"]) == 0
    out = capsys.readouterr().out
    assert "shufa-report" in out and "以下文件不能作为模板使用" in out and "普通文档.docx" in out


def test_show_counts_carry_over(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from shuifa.model import CarryOverItem

    report = make_sample(load_builtin("anshan-gaoxin-2023"), year=2025)
    report.carry_over = [
        CarryOverItem(id="c1", problem="问题一", state="done", note="已整改"),
        CarryOverItem(id="c2", problem="问题二"),
    ]
    path = exchange.write_report(report, tmp_path / "r.shufa")
    assert main(["show", str(path)]) == 0
    assert "上年度问题整改：2 项（已整改 1，未填写 1）" in capsys.readouterr().out


def test_next_year_never_overwrites_another_file(tmp_path: Path) -> None:
    this_year = exchange.write_report(
        make_sample(load_builtin("anshan-gaoxin-2023"), year=2025), tmp_path / "2025.shufa"
    )
    other = tmp_path / "其他报告.shufa"
    other.write_bytes(this_year.read_bytes())
    before = other.read_bytes()
    assert main(["next-year", str(this_year), "-o", str(other)]) == 2
    assert other.read_bytes() == before
    assert main(["next-year", str(this_year), "-o", str(other), "--force"]) == 0
    assert exchange.read_report(other).year == 2026


def test_schema_error_names_fields_in_chinese(small_report, tmp_path: Path) -> None:
    doc = exchange.report_to_document(small_report)
    doc["report"]["parts"]["study"] = "学" * 200001
    path = tmp_path / "huge.shufa"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(Exception, match="学法用法 的文字太长"):
        exchange.read_report(path)
