"""Printing through PDF: reports → .docx → PDF (one LibreOffice run) → the system's printing.

- Windows: ``os.startfile(pdf, "print")`` hands each PDF to the default PDF program's print verb.
- Linux (统信UOS, 麒麟 …) and macOS: ``lp`` (CUPS) with the default printer.
Where no printer is set up, or LibreOffice is missing, :class:`PrintError` says so in Chinese;
the GUI then offers to open the PDFs (the viewer can print or save them for another machine).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from .. import paths
from ..errors import ShuifaError


class PrintError(ShuifaError):
    """Printing is not possible on this machine (no printer, no print command)."""


def print_folder() -> Path:
    """A fresh folder under the user-data folder for the files of one print job."""
    d = paths.data_home() / "print" / datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    d.mkdir(parents=True, exist_ok=True)
    return d


def lp_command() -> str | None:
    return shutil.which("lp")


def default_printer() -> str | None:
    """The name of the default CUPS printer, or None (no CUPS, or no printer set up)."""
    lpstat = shutil.which("lpstat")
    if not lpstat:
        return None
    try:
        out = subprocess.run([lpstat, "-d"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    # "system default destination: HP_LaserJet" (or a localised line ending with the name)
    if ":" in out and "no system default" not in out.lower():
        name = out.rsplit(":", 1)[1].strip()
        return name or None
    return None


def can_print() -> tuple[bool, str]:
    """(True, "") when printing can be attempted, else (False, Chinese reason + what to do)."""
    if sys.platform == "win32":
        return True, ""
    if not lp_command():
        return False, (
            "这台电脑没有安装打印服务（CUPS 的 lp 命令），无法直接打印。"
            "可以先生成 PDF 并打开，再从阅读器中打印，或复制到连接打印机的电脑上打印。"
        )
    if not default_printer():
        return False, (
            "这台电脑没有设置默认打印机。请在系统设置中添加打印机并设为默认；"
            "也可以先生成 PDF 并打开，再从阅读器中打印，或复制到连接打印机的电脑上打印。"
        )
    return True, ""


def send_to_printer(pdfs: Sequence[Path]) -> str:
    """Send the PDFs to the default printer; returns a Chinese confirmation. Raises PrintError."""
    if not pdfs:
        raise PrintError("没有可打印的文件。")
    if sys.platform == "win32":
        for pdf in pdfs:
            try:
                os.startfile(str(pdf), "print")  # type: ignore[attr-defined]
            except OSError as exc:
                raise PrintError(
                    f"无法打印“{pdf.name}”：系统没有可用于打印 PDF 的程序或打印机。",
                    hint="请安装 PDF 阅读器（如 WPS、福昕阅读器）并设置默认打印机；也可打开 PDF 后手动打印。",
                ) from exc
        return f"已将 {len(pdfs)} 份文件交给系统打印。"
    ok, reason = can_print()
    if not ok:
        raise PrintError(reason)
    lp = lp_command()
    assert lp is not None
    try:
        proc = subprocess.run([lp, *map(str, pdfs)], capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired as exc:
        raise PrintError(
            "打印命令 2 分钟内没有响应。", hint="请检查打印服务是否正常；也可打开 PDF 后手动打印。"
        ) from exc
    except (OSError, subprocess.SubprocessError) as exc:
        raise PrintError(
            "无法调用系统的打印命令（lp）。", hint="请检查打印服务（CUPS）是否正常；也可打开 PDF 后手动打印。"
        ) from exc
    if proc.returncode != 0:
        said = (proc.stderr or proc.stdout).strip()
        raise PrintError(
            "打印服务没有接受打印任务。",
            hint="请检查打印机是否开机、联网；也可打开 PDF 后手动打印。"
            + (f"（打印命令的提示：{said}）" if said else ""),
        )
    return f"已将 {len(pdfs)} 份文件发送到打印机“{default_printer()}”。"
