"""Atomic file writes: write to a temporary file beside the target, then replace it.

A failure at any point leaves the old file (or no file) in place, never a half-written one,
and is reported as an :class:`~shuifa.errors.OutputError` with a Chinese message.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import OutputError


def explain_os_error(exc: OSError, target: Path) -> OutputError:
    """Turn an OSError while writing ``target`` into a Chinese message with what to do."""
    name = str(target)
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return OutputError(f"磁盘空间不足，无法写入“{name}”。", hint="请清理磁盘空间或换一个保存位置后重试。")
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return OutputError(
            f"无法写入“{name}”：文件被其他程序占用或没有写入权限。",
            hint="如果该文件正在 WPS 或 Word 中打开，请先关闭它；或换一个保存位置后重试。",
        )
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOENT:
        return OutputError(f"保存位置“{target.parent}”不存在。", hint="请选择一个已存在的文件夹。")
    if isinstance(exc, IsADirectoryError):
        return OutputError(f"“{name}”是一个文件夹，不能作为输出文件。", hint="请输入文件名。")
    return OutputError(f"写入“{name}”失败：{exc.strerror or exc}。", hint="请检查保存位置后重试。")


@contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces ``target``.

    The caller writes the whole file to the yielded path. If the block raises, the temporary
    file is removed and ``target`` is untouched.
    """
    target = Path(target)
    if target.is_dir():
        raise explain_os_error(IsADirectoryError(errno.EISDIR, "is a directory"), target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise explain_os_error(exc, target) from exc
    tmp = Path(tmp_name)
    try:
        yield tmp
        _fsync(tmp)
        os.replace(tmp, target)
    except OSError as exc:
        _remove(tmp)
        raise explain_os_error(exc, target) from exc
    except BaseException:
        _remove(tmp)
        raise


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: str | os.PathLike[str], text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def write_with(target: str | os.PathLike[str], writer: Callable[[Path], None]) -> None:
    """Call ``writer(tmp_path)`` and move the result into place atomically."""
    with atomic_path(target) as tmp:
        writer(tmp)


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
