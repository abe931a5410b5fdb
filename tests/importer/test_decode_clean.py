"""Bytes → text and the line cleanup."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuifa.errors import InvalidFileError
from shuifa.importer import import_file, import_text
from shuifa.importer.clean import clean_lines, fullwidth_punct, is_chrome, strip_fillers, strip_pinyin
from shuifa.importer.decode import decode_bytes


def test_decode_variants() -> None:
    s = "一、主要职责\n1.每年至少举办2次法治专题讲座。"
    assert decode_bytes(s.encode("gbk"))[0] == s
    assert decode_bytes(b"\xef\xbb\xbf" + s.encode())[0] == s
    assert decode_bytes(b"\xff\xfe" + s.encode("utf-16-le"))[0] == s
    assert decode_bytes(s.encode("utf-16-be"))[0] == s
    assert decode_bytes("㐀中文".encode("gb18030"))[0] == "㐀中文"


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "空文件"),
        (b"   \n\n", "空文件"),
        (b"%PDF-1.7 binary", "PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "图片"),
        (bytes(range(256)) * 20, "不是可读的文本文件"),
    ],
)
def test_unreadable_files(tmp_path: Path, data: bytes, needle: str) -> None:
    p = tmp_path / "x.txt"
    p.write_bytes(data)
    with pytest.raises(InvalidFileError) as exc:
        import_file(p)
    assert needle in exc.value.message


def test_too_large_and_missing(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    with pytest.raises(InvalidFileError) as exc:
        import_file(big)
    assert "10 MB" in exc.value.message
    with pytest.raises(InvalidFileError):
        import_file(tmp_path / "nothing.txt")
    with pytest.raises(InvalidFileError):
        import_file(tmp_path)
    old = tmp_path / "old.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 50)
    with pytest.raises(InvalidFileError) as exc:
        import_file(old)
    assert "另存为" in exc.value.hint


def test_empty_paste() -> None:
    with pytest.raises(InvalidFileError):
        import_text("   \n ")


def test_pinyin_and_fillers() -> None:
    assert strip_pinyin("關(guān)於印發(fā)《方案》") == "關於印發《方案》"
    # Chinese in brackets, years and English abbreviations are not pinyin
    assert strip_pinyin("市委依法治市辦(市司法局)(2021—2025年)(PDF)") == "市委依法治市辦(市司法局)(2021—2025年)(PDF)"
    assert strip_pinyin("手机(app)和網(wǎng)站(zhan)") == "手机(app)和網站"
    assert strip_fillers("????石嘴山市人民政府") == "石嘴山市人民政府"
    assert strip_fillers("?一、總體要求") == "一、總體要求"
    assert strip_fillers("法治?政府") == "法治政府"


def test_fullwidth_punctuation() -> None:
    assert fullwidth_punct("(一)坚持党的领导,做到:依法;") == "（一）坚持党的领导，做到：依法；"
    assert fullwidth_punct("时间10:30,共1,000人") == "时间10:30，共1,000人"
    assert fullwidth_punct("Hello, world (test)") == "Hello, world (test)"
    assert fullwidth_punct("普法清单.") == "普法清单。"
    assert fullwidth_punct("“12.4”国家宪法日") == "“12.4”国家宪法日"


def test_chrome_lines() -> None:
    for line in (
        "您现在所在的位置：首页 > 政策文件",
        "发布时间：2023-01-01 来源：司法局",
        "【字号：大 中 小】",
        "分享到：",
        "— 3 —",
        "第 2 页 共 5 页",
        "12",
    ):
        assert is_chrome(line), line
    for line in (
        "一、基本原则",
        "1.每年至少听取一次法治建设工作汇报。",
        "来源于群众的意见要及时回应，做到件件有回音。",
    ):
        assert not is_chrome(line), line


def test_clean_keeps_line_numbers() -> None:
    text = "# 标题\n\n浏览次数：5\n(一)  坚持 党的 领导,\n"
    lines, _ = clean_lines(text)
    assert lines == ["标题", "", "", "（一）坚持党的领导，", ""]


def test_truncated_or_damaged_utf8_stays_utf8() -> None:
    s = "一、主要职责\n1.每年至少举办2次法治专题讲座。" * 5
    data = s.encode()
    assert decode_bytes(data[:-1]) == (s[:-1], "utf-8")
    damaged = bytearray(data)
    damaged[40] = 0xFF
    text, enc = decode_bytes(bytes(damaged))
    assert enc == "utf-8" and text.count("\ufffd") >= 1 and text.startswith("一、主要职责")
    assert decode_bytes(s.encode("gbk"))[1] == "gb18030"


def test_table_column_roles() -> None:
    from shuifa.importer.tables import layout

    def roles(header: list[str]) -> tuple:
        lay = layout([header, ["1"] * len(header)])
        return lay.seq, lay.cats, lay.content, lay.units

    assert roles(["序号", "职责事项", "具体内容", "责任人"]) == (0, [1], 2, None)
    assert roles(["职责", "具体内容"]) == (None, [0], 1, None)
    assert roles(["序号", "职责内容", "责任单位"]) == (0, [], 1, 2)
    assert roles(["序号", "类别", "职责", "具体内容"]) == (0, [1, 2], 3, None)
    assert roles(["序号", "工作任务", "责任单位", "完成时限"]) == (0, [], 1, 2)


def test_title_and_page_meta_on_one_line() -> None:
    from shuifa.importer import import_text

    res = import_text(
        "东湖县党政主要负责人履行推进法治建设第一责任人职责清单　　发布时间：2023-04-12　　来源：县司法局\n"
        "一、县委主要负责人职责\n1.每年至少听取2次法治建设工作汇报。\n2.推动落实述法制度。\n"
        "相关链接：\n东湖县人民政府\n东湖县司法局\n"
    )
    dl = res.duty_list
    assert dl.title == "东湖县党政主要负责人履行推进法治建设第一责任人职责清单"
    assert dl.date == "2023-04-12"
    assert [n.text for n in dl.duties()] == ["每年至少听取2次法治建设工作汇报。", "推动落实述法制度。"]
