import errno
import os
import stat
import sys
from pathlib import Path

import pytest

from shuifa import atomic
from shuifa.errors import OutputError


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_new_file_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "报告.docx"
    atomic.write_bytes(target, b"data")
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~atomic._UMASK
    assert stat.S_IMODE(target.stat().st_mode) & 0o044  # others in the office can read it


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "a.shufa"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    atomic.write_text(target, "新")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert target.read_text(encoding="utf-8") == "新"


def test_path_under_a_file_gets_chinese_message(tmp_path: Path) -> None:
    (tmp_path / "iamafile").write_text("x")
    with pytest.raises(OutputError) as err:
        atomic.write_bytes(tmp_path / "iamafile" / "e.docx", b"x")
    text = f"{err.value.message}{err.value.hint}"
    assert "不是文件夹" in text
    assert not any(
        "a" <= ch.lower() <= "z" for ch in text.replace("iamafile", "").replace("e.docx", "").replace(str(tmp_path), "")
    )


def test_missing_folder_and_directory_target(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="不存在"):
        atomic.write_bytes(tmp_path / "没有这个文件夹" / "a.docx", b"x")
    with pytest.raises(OutputError, match="是一个文件夹"):
        atomic.write_bytes(tmp_path, b"x")


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.ENOSPC, "磁盘空间不足"), (errno.EACCES, "占用"), (errno.EROFS, "没有写入权限"), (errno.EIO, "磁盘出错")],
)
def test_os_errors_explained_in_chinese(code: int, words: str, tmp_path: Path) -> None:
    err = atomic.explain_os_error(OSError(code, os.strerror(code)), tmp_path / "x.docx")
    assert words in err.message + err.hint
    assert os.strerror(code) not in err.message + err.hint


def test_failure_inside_the_block_leaves_target_alone(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("旧内容", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic.atomic_path(target) as tmp:
            tmp.write_text("写了一半", encoding="utf-8")
            raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "旧内容"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_read_only_target_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "已定稿.docx"
    target.write_bytes(b"final")
    os.chmod(target, 0o444)
    with pytest.raises(OutputError, match="只读"):
        atomic.write_bytes(target, b"new")
    assert target.read_bytes() == b"final"
    assert [p.name for p in tmp_path.iterdir()] == ["已定稿.docx"]
