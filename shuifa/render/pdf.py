"""PDF through LibreOffice (``soffice --headless --convert-to pdf``).

- soffice is looked up in ``SHUIFA_SOFFICE``, on PATH (soffice, libreoffice) and in the usual
  install folders on Windows, macOS and domestic Linux (统信UOS, 麒麟 put it under /opt).
- Several .docx files are converted in ONE LibreOffice run (starting it costs seconds).
- LibreOffice runs with its own profile in a temporary folder (``-env:UserInstallation``), so it
  works while the user has LibreOffice open, and never touches the user's settings.
- Files are converted in a temporary folder and then moved into place atomically.
"""

from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from .. import atomic
from ..errors import OutputError
from ..model import Report

#: Seconds LibreOffice may take: a start-up allowance plus this much per file.
START_TIMEOUT = 90.0
PER_FILE_TIMEOUT = 60.0


def _not_installed() -> OutputError:
    return OutputError(
        "没有找到 LibreOffice，无法生成 PDF。",
        hint=(
            "请安装 LibreOffice（免费，https://zh-cn.libreoffice.org/ ，统信UOS/麒麟可在应用商店安装）后重试；"
            "也可以先生成 .docx，再在 WPS 或 Word 中用“输出为 PDF”保存。"
        ),
    )


def _candidates() -> list[Path]:
    out: list[Path] = []
    env = os.environ.get("SHUIFA_SOFFICE")
    if env:
        out.append(Path(env))
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            out.append(Path(found))
    if sys.platform == "win32":
        for base in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)"), r"C:\Program Files"):
            if base:
                out.append(Path(base) / "LibreOffice" / "program" / "soffice.exe")
    elif sys.platform == "darwin":
        out.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    else:
        out.append(Path("/usr/lib/libreoffice/program/soffice"))
        out.extend(sorted(Path("/opt").glob("libreoffice*/program/soffice"), reverse=True))
    return out


def find_soffice() -> Path | None:
    """The LibreOffice executable, or None when it is not installed."""
    for p in _candidates():
        if p.is_file() and os.access(p, os.X_OK):
            return p
    return None


#: For each font the templates name, stand-ins in order of preference. LibreOffice ignores w:altName,
#: so the private profile gets a font replacement table, with pairs only for fonts fontconfig lacks
#: ("Always": LibreOffice counts a font fontconfig merely falls back for as present).
FONT_STAND_INS: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "AR PL UMing CN", "Source Han Serif SC"),
    "楷体_GB2312": ("楷体", "KaiTi", "STKaiti", "AR PL UKai CN", "cwTeXKai", "Noto Serif CJK SC"),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong", "Noto Serif CJK SC", "AR PL UMing CN", "宋体"),
    "黑体": ("SimHei", "Noto Sans CJK SC", "WenQuanYi Zen Hei", "Source Han Sans SC", "Droid Sans Fallback"),
    "宋体": ("SimSun", "Noto Serif CJK SC", "AR PL UMing CN", "Source Han Serif SC", "WenQuanYi Zen Hei"),
}


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Font families fontconfig knows (empty where there is no fc-list, e.g. on Windows)."""
    exe = shutil.which("fc-list")
    if not exe:
        return frozenset()
    try:
        out = subprocess.run([exe, ":", "family"], capture_output=True, timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    names: set[str] = set()
    for line in out.decode("utf-8", "replace").splitlines():
        names.update(x.strip() for x in line.split(",") if x.strip())
    return frozenset(names)


def font_replacements() -> list[tuple[str, str]]:
    """(font the document names, installed stand-in) for each missing font that has one."""
    have = installed_families()
    if not have:
        return []
    pairs = []
    for font, stand_ins in FONT_STAND_INS.items():
        if font in have:
            continue
        for alt in stand_ins:
            if alt in have:
                pairs.append((font, alt))
                break
    return pairs


def _write_profile(profile: Path) -> None:
    """A LibreOffice user profile holding only the font replacement table."""
    pairs = font_replacements()
    if not pairs:
        return
    nodes = "".join(
        f'<node oor:name="_{i}" oor:op="replace">'
        '<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>'
        '<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>'
        f'<prop oor:name="ReplaceFont" oor:op="fuse"><value>{escape(a)}</value></prop>'
        f'<prop oor:name="SubstituteFont" oor:op="fuse"><value>{escape(b)}</value></prop></node>'
        for i, (a, b) in enumerate(pairs)
    )
    xcu = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        '<item oor:path="/org.openoffice.Office.Common/Font/Substitution">'
        '<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>'
        f'<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">{nodes}</item>'
        "</oor:items>\n"
    )
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(xcu, encoding="utf-8")


def _is_cancelled(cancel: Any) -> bool:
    if cancel is None:
        return False
    if hasattr(cancel, "is_set"):
        return bool(cancel.is_set())
    return bool(cancel())


def _unique_names(paths: list[Path], suffix: str) -> list[str]:
    """``stem + suffix`` for each path, ``stem-2``, ``stem-3`` … on a clash (without regard to case),
    also with a name that already ends in ``-2``."""
    used: set[str] = set()
    out = []
    for p in paths:
        name, n = f"{p.stem}{suffix}", 2
        while name.lower() in used:
            name, n = f"{p.stem}-{n}{suffix}", n + 1
        used.add(name.lower())
        out.append(name)
    return out


def _run_soffice(inputs: list[Path], work: Path, progress: Callable[[int, int], Any] | None, cancel: Any) -> Path:
    """Convert ``inputs`` (already in ``work``/in) to PDFs in ``work``/out; returns the out folder."""
    soffice = find_soffice()
    if soffice is None:
        raise _not_installed()
    out_dir = work / "out"
    out_dir.mkdir()
    profile = work / "profile"
    _write_profile(profile)
    cmd = [
        str(soffice),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(out_dir),
        *[str(p) for p in inputs],
    ]
    try:
        proc = subprocess.Popen(
            cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=str(work)
        )
    except OSError as exc:
        raise OutputError(
            f"无法启动 LibreOffice（{soffice}）：{exc}。", hint="请检查 LibreOffice 是否安装完整。"
        ) from exc
    lines: queue.Queue[bytes] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(x) for x in iter(proc.stdout.readline, b"")], daemon=True)  # type: ignore[union-attr]
    reader.start()
    total = len(inputs)
    deadline = time.monotonic() + START_TIMEOUT + PER_FILE_TIMEOUT * total
    done = -1
    output: list[str] = []
    try:
        while True:
            finished = proc.poll() is not None
            while not lines.empty():
                output.append(lines.get().decode("utf-8", "replace").strip())
            count = sum(1 for p in out_dir.glob("*.pdf"))
            if progress is not None and count != done:
                done = count
                progress(min(count, total), total)
            if finished:
                break
            if _is_cancelled(cancel):
                raise OutputError("已取消生成 PDF。")
            if time.monotonic() > deadline:
                raise OutputError(
                    "LibreOffice 长时间没有完成转换，已停止。", hint="请关闭其他程序后重试，或先生成 .docx。"
                )
            time.sleep(0.1)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        reader.join(timeout=2)
        if proc.stdout is not None:
            proc.stdout.close()
    if proc.returncode != 0 and not any(out_dir.glob("*.pdf")):
        detail = "；".join(x for x in output if x)[-300:]
        raise OutputError(
            f"LibreOffice 转换失败（退出码 {proc.returncode}）。{detail}", hint="请确认文件能在 LibreOffice 中打开。"
        )
    return out_dir


def convert_to_pdf(
    docx_paths: list[Path],
    out_dir: Path,
    progress: Callable[[int, int], Any] | None = None,
    cancel: Callable[[], bool] | Any | None = None,
) -> list[Path]:
    """Convert several .docx files to PDF in one LibreOffice run.

    Each ``X.docx`` becomes ``out_dir/X.pdf`` (a second file with the same name becomes ``X-2.pdf``).
    ``progress(done, total)`` is called as files finish; ``cancel`` is a callable returning True (or a
    ``threading.Event``) to stop. Raises OutputError (Chinese) when LibreOffice is missing or fails;
    files already converted are kept, none is half-written.
    """
    paths = [Path(p) for p in docx_paths]
    if not paths:
        return []
    for p in paths:
        if not p.is_file():
            raise OutputError(f"找不到要转换的文件“{p}”。")
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise atomic.explain_os_error(FileNotFoundError(2, "No such directory"), out_dir / "x.pdf")
    names = _unique_names(paths, ".pdf")
    with tempfile.TemporaryDirectory(prefix="shuifa-pdf-") as tmp:
        work = Path(tmp)
        in_dir = work / "in"
        in_dir.mkdir()
        inputs = []
        for i, p in enumerate(paths):
            # Copies with plain names: no clash of equal names, no lock on the originals.
            dst = in_dir / f"f{i:04d}{p.suffix.lower() or '.docx'}"
            shutil.copyfile(p, dst)
            inputs.append(dst)
        produced = _run_soffice(inputs, work, progress, cancel)
        results = []
        missing = []
        for i, name in enumerate(names):
            src = produced / f"f{i:04d}.pdf"
            if not src.is_file() or src.stat().st_size == 0:
                missing.append(paths[i].name)
                continue
            target = out_dir / name
            atomic.write_with(target, lambda tmp_path, s=src: shutil.copyfile(s, tmp_path))
            results.append(target)
        if missing:
            raise OutputError(
                "LibreOffice 没能转换以下文件：" + "、".join(missing) + "。",
                hint="请确认这些文件能在 LibreOffice 中打开。",
            )
        if progress is not None:
            progress(len(paths), len(paths))
        return results


def render_pdf(
    report: Report,
    template: Any = "shufa-report",
    out_path: str | Path | None = None,
    *,
    today: date | None = None,
) -> Path:
    """Render to .docx in a temporary folder, convert with LibreOffice, move the PDF to ``out_path``."""
    if out_path is None:
        raise TypeError("render_pdf() needs out_path")
    from .docx import render_docx

    out = Path(out_path)
    if find_soffice() is None:
        raise _not_installed()
    with tempfile.TemporaryDirectory(prefix="shuifa-render-") as tmp:
        docx_path = Path(tmp) / f"{out.stem or 'report'}.docx"
        render_docx(report, template, docx_path, today=today)
        pdf_dir = Path(tmp) / "pdf"
        pdf_dir.mkdir()
        (pdf,) = convert_to_pdf([docx_path], pdf_dir)
        atomic.write_with(out, lambda t: shutil.copyfile(pdf, t))
    return out
