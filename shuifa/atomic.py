"""Atomic file writes: write to a temporary file beside the target, then replace it.

A failure at any point leaves the old file (or no file) in place, never a half-written one,
and is reported as an :class:`~shuifa.errors.OutputError` with a Chinese message.
"""

from __future__ import annotations

import errno
import os
import stat
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
    if isinstance(exc, IsADirectoryError) or exc.errno == errno.EISDIR:
        return OutputError(f"“{name}”是一个文件夹，不能作为输出文件。", hint="请输入文件名。")
    if isinstance(exc, NotADirectoryError) or exc.errno == errno.ENOTDIR:
        return OutputError(
            f"无法写入“{name}”：路径中有一段是文件而不是文件夹。", hint="请检查保存位置，选择一个文件夹后重试。"
        )
    if exc.errno == errno.ENAMETOOLONG:
        return OutputError(f"文件名或路径太长：“{name}”。", hint="请换一个较短的文件名或保存位置。")
    if exc.errno in (errno.EINVAL,) or getattr(exc, "winerror", None) == 123:
        return OutputError(
            f"文件名“{target.name}”中含有不能使用的字符。", hint='文件名中不能有 \\ / : * ? " < > | 等字符。'
        )
    if exc.errno == errno.EIO:
        return OutputError(f"写入“{name}”时磁盘出错。", hint="如果是U盘或网络盘，请确认它仍然连接着，然后重试。")
    code = errno.errorcode.get(exc.errno or 0, "")
    return OutputError(f"写入“{name}”失败（系统错误 {code or exc.errno}）。", hint="请检查保存位置后重试。")


@contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces ``target``.

    The caller writes the whole file to the yielded path. If the block raises, the temporary
    file is removed and ``target`` is untouched.
    """
    target = Path(target)
    if target.is_dir():
        raise explain_os_error(IsADirectoryError(errno.EISDIR, "is a directory"), target)
    if _read_only(target):
        raise OutputError(
            f"“{target}”是只读文件，不能覆盖。",
            hint="请换一个文件名或保存位置；如确需覆盖，请先在文件属性中取消“只读”。",
        )
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise explain_os_error(exc, target) from exc
    tmp = Path(tmp_name)
    try:
        yield tmp
        _fsync(tmp)
        _set_mode(tmp, target)
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


def _read_only(target: Path) -> bool:
    """A file marked read-only (no owner write bit; Windows' read-only attribute shows the same).
    Replacing it by rename would succeed, so it is checked, not left to the OS."""
    try:
        return not (target.stat().st_mode & stat.S_IWUSR)
    except OSError:
        return False


def _read_umask() -> int:
    if os.name == "nt":
        return 0
    umask = os.umask(0o022)  # read once at import, before any worker thread writes files
    os.umask(umask)
    return umask


_UMASK = _read_umask()


def _set_mode(tmp: Path, target: Path) -> None:
    """Give the new file the mode an ordinary write would: the old file's, or 0666 less the
    umask (mkstemp makes 0600, which colleagues sharing a folder could not open)."""
    if os.name == "nt":
        return
    try:
        mode = target.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_UMASK
    try:
        os.chmod(tmp, mode)
    except OSError:
        pass


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
