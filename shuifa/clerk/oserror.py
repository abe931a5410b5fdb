"""Chinese wording for operating-system errors in the clerk tools.

The system's own text (``exc.strerror``: "Not a directory", "Permission denied" …) is English on
most machines and never reaches the user: writing a file goes through
:func:`shuifa.atomic.explain_os_error`; creating a folder and reading a file are worded here.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from .. import atomic
from ..errors import InvalidFileError, OutputError, ShuifaError


def _code(exc: OSError) -> str:
    return errno.errorcode.get(exc.errno or 0, str(exc.errno or "未知"))


def _file_ancestor(path: Path) -> Path | None:
    """The first existing ancestor of ``path`` (or itself) that is not a folder."""
    for p in [*reversed(path.parents), path]:
        if p.exists() and not p.is_dir():
            return p
    return None


def folder_error(exc: OSError, folder: Path) -> OutputError:
    """A folder (with its parents) could not be created."""
    blocker = _file_ancestor(folder)
    if exc.errno == errno.ENOTDIR or blocker is not None or isinstance(exc, FileExistsError):
        where = blocker or folder
        return OutputError(
            f"无法创建文件夹“{folder}”：“{where}”是一个文件，不是文件夹。",
            hint="请选择其他位置，或换一个文件夹名称。",
        )
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(
            f"无法创建文件夹“{folder}”：没有写入权限（或该位置只读）。",
            hint="请选择自己有写入权限的文件夹，例如“文档”或桌面上的文件夹。",
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(f"磁盘空间不足，无法创建文件夹“{folder}”。", hint="请清理磁盘空间或换一个保存位置。")
    if exc.errno == errno.ENAMETOOLONG:
        return OutputError(f"文件夹路径太长：“{folder}”。", hint="请选择层级较浅的位置或较短的名称。")
    return OutputError(
        f"无法创建文件夹“{folder}”（系统错误 {_code(exc)}）。",
        hint="如果该位置在U盘或网络盘上，请确认它仍然连接着；或选择其他位置。",
    )


def read_error(exc: OSError, path: Path) -> InvalidFileError:
    """A file could not be read."""
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOENT:
        return InvalidFileError(f"找不到文件“{path}”（可能已被移动或删除）。", hint="请检查文件名和位置。")
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return InvalidFileError(f"没有权限读取“{path}”。", hint="请检查文件权限，或把文件复制到自己的文件夹后再试。")
    if isinstance(exc, IsADirectoryError) or exc.errno == errno.EISDIR:
        return InvalidFileError(f"“{path}”是一个文件夹，不是文件。")
    return InvalidFileError(
        f"读取“{path}”失败（系统错误 {_code(exc)}）。",
        hint="如果文件在U盘或网络盘上，请确认它仍然连接着；或把文件复制到本机后再试。",
    )


def chinese_error(exc: BaseException) -> BaseException:
    """``exc`` itself, or for an OSError a ShuifaError worded in Chinese (for showing it)."""
    if isinstance(exc, ShuifaError) or not isinstance(exc, OSError):
        return exc
    if exc.filename:
        return atomic.explain_os_error(exc, Path(os.fsdecode(exc.filename)))
    return ShuifaError(
        f"操作没有完成：系统错误 {_code(exc)}。", hint="请检查文件位置和权限后重试；如反复出现，请联系管理员。"
    )
