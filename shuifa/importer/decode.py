"""Bytes → text: BOMs, UTF-8, UTF-16 without BOM, GBK/GB18030, then charset-normalizer's best guess.

Raises :class:`~shuifa.errors.InvalidFileError` for input that is not text (binary, images, archives).
"""

from __future__ import annotations

import codecs

from ..errors import InvalidFileError

MAX_BYTES = 10 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of binary formats users pick by mistake.
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF 文件"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"BM", ""),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"\xd0\xcf\x11\xe0", "旧版 Word（.doc）或 WPS（.wps）文件"),
    (b"PK\x03\x04", "压缩包或 Office 文件"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"{\\rtf", "RTF 文件"),
)


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic) and kind:
            return kind
    return None


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: many zero bytes on one side of the pairs."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zero = sum(1 for b in sample[0::2] if b == 0)
    odd_zero = sum(1 for b in sample[1::2] if b == 0)
    half = len(sample) / 2
    if odd_zero > 0.3 * half and even_zero < 0.05 * half:
        return "utf-16-le"
    if even_zero > 0.3 * half and odd_zero < 0.05 * half:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    bad = sum(
        1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\ufffd" or 0x7F <= ord(ch) < 0xA0
    )
    return bad / len(sample)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a character cut at the end (a truncated copy) or a few damaged bytes: still UTF-8.
    (GB18030 would otherwise accept the bytes and turn the whole text into mojibake.)"""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:
            try:
                return data[: exc.start].decode("utf-8")
            except UnicodeDecodeError:
                return None
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    cjk = sum(1 for ch in text[:20000] if "\u4e00" <= ch <= "\u9fff")
    if bad <= max(4, len(text) // 1000) and cjk >= 20 * bad:
        return text
    return None


def decode_bytes(data: bytes, name: str = "文件") -> tuple[str, str]:
    """(text, encoding name) of ``data``; InvalidFileError when it is not text."""
    if len(data) > MAX_BYTES:
        raise InvalidFileError(
            f"“{name}”太大（{len(data) / 1024 / 1024:.1f} MB），职责清单不会超过 10 MB。",
            hint="请确认选择的是职责清单本身，或只复制清单正文后粘贴导入。",
        )
    if not data.strip():
        raise InvalidFileError(f"“{name}”是空文件。", hint="请选择含有职责清单正文的文件。")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc
            except UnicodeDecodeError:
                break
    kind = _binary_kind(data)
    if kind:
        raise InvalidFileError(
            f"“{name}”是{kind}，不是文本或 Word（.docx）文件。",
            hint="请在 WPS 或 Word 中打开它，另存为 .docx 或 .txt 后再导入；扫描件需先做文字识别。",
        )
    utf8 = _mostly_utf8(data)
    if utf8 is not None:
        return utf8, "utf-8"
    candidates: list[str] = []
    enc16 = _looks_utf16(data)
    if enc16:
        candidates.append(enc16)
    candidates += ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _control_ratio(text) < 0.02:
            return text, enc
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200000]).best()
    except Exception:  # noqa: BLE001 - a detector failure means we cannot read it
        best = None
    if best is not None and best.encoding:
        try:
            text = data.decode(best.encoding, errors="replace")
        except (LookupError, UnicodeDecodeError):
            text = ""
        if text and _control_ratio(text) < 0.02 and text.count("\ufffd") < max(3, len(text) // 200):
            return text, best.encoding
    raise InvalidFileError(
        f"“{name}”不是可读的文本文件（可能是图片、压缩包或其他二进制文件）。",
        hint="请导入 .txt、.md 或 .docx 格式的职责清单，或复制清单正文后粘贴导入。",
    )
