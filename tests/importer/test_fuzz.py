"""No input crashes the importer: it returns a result or raises InvalidFileError."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shuifa.errors import InvalidFileError
from shuifa.importer import import_file, import_text

from .helpers import SEED_IDS, seed_text

SEEDS_TEXT = [seed_text(i) for i in SEED_IDS] + [seed_text("jinchang-shufa-scheme")]
FRAGMENTS = [
    "\t",
    "|",
    "| 序号 | 职责内容 | 责任单位 |",
    "序号\t职责\t内容",
    "第三条",
    "（一）",
    "1.",
    "一、",
    "①",
    "（责任单位：",
    "）",
    "每年至少",
    "2次",
    "%",
    "關(guān)",
    "?",
    "\n",
    "2023年5月29日",
    "《",
    "》的通知",
    "##",
    "　",
]


def _check(text: str) -> None:
    try:
        res = import_text(text, "测试")
    except InvalidFileError as exc:
        assert exc.message
        return
    dl = res.duty_list
    assert dl.duties()
    ids = [n.id for _, n in dl.walk()]
    assert ids == [f"n{i}" for i in range(1, len(ids) + 1)]
    for _, n in dl.walk():
        assert n.source_lines is not None
        assert 1 <= n.source_lines[0] <= n.source_lines[1] <= len(res.source_lines)
    res.to_json_dict()


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(SEEDS_TEXT)).split("\n")
    for _ in range(draw(st.integers(0, 12))):
        op = draw(st.integers(0, 5))
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if not lines:
            break
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, draw(st.sampled_from(FRAGMENTS)) + draw(st.text(max_size=20)))
        elif op == 2:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3:
            cut = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:cut]
        elif op == 4:
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + draw(st.sampled_from(FRAGMENTS)) + lines[i][pos:]
        else:
            lines = lines[: i + 1]
    return "\n".join(lines)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_seed())
def test_mutated_seeds(text: str) -> None:
    _check(text)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("一二三四五六七八九十第章节条（）()、.．1234567890①②每年至少次%责任单位：\n 　?關(guān)《》通知")
        ),
        max_size=400,
    )
)
def test_structured_noise(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".docx", ""]))
def test_random_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    p = tmp_path / f"f{suffix}"
    p.write_bytes(data)
    try:
        import_file(p)
    except InvalidFileError as exc:
        assert exc.message


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=1, max_size=400), pos=st.integers(0, 5000))
def test_corrupted_docx(tmp_path: Path, data: bytes, pos: int) -> None:
    from .docx_builder import new_document, numbered, save

    src = tmp_path / "ok.docx"
    if not src.exists():
        d = new_document()
        d.add_paragraph("某局职责清单")
        numbered(d, "主要职责", 1, 0)
        numbered(d, "每年至少举办2次法治讲座。", 1, 2)
        save(d, src)
    raw = bytearray(src.read_bytes())
    pos = pos % len(raw)
    raw[pos : pos + len(data)] = data
    p = tmp_path / "bad.docx"
    p.write_bytes(bytes(raw))
    try:
        import_file(p)
    except InvalidFileError as exc:
        assert exc.message


_XML_BITS = [b"<w:tc>", b"</w:tr>", b"<w:vMerge/>", b'<w:gridSpan w:val="99"/>', b'w:val="-3"', b"%9", b"\xff"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    part=st.sampled_from(["word/document.xml", "word/numbering.xml"]),
    edits=st.lists(
        st.tuples(st.integers(0, 10**6), st.integers(0, 2), st.sampled_from(_XML_BITS)), min_size=1, max_size=6
    ),
)
def test_mutated_docx_xml(tmp_path: Path, part: str, edits: list[tuple[int, int, bytes]]) -> None:
    """Malformed XML inside a valid zip (what a half-broken editor writes)."""
    import io
    import zipfile

    from .docx_builder import new_document, numbered, save

    src = tmp_path / "ok.docx"
    if not src.exists():
        d = new_document()
        d.add_paragraph("某局职责清单")
        numbered(d, "主要职责", 1, 0)
        numbered(d, "每年至少举办2次法治讲座。", 1, 2)
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text = "职责"
        t.cell(0, 1).text = "具体内容"
        t.cell(1, 0).text = "学法"
        t.cell(1, 1).text = "带头学法。"
        save(d, src)
    z = zipfile.ZipFile(src)
    data = bytearray(z.read(part))
    for pos, op, bit in edits:
        p = pos % len(data)
        if op == 0:
            del data[p : p + 20]
        elif op == 1:
            data[p:p] = bit
        else:
            data[p] = (data[p] + 1) % 256
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zo:
        for info in z.infolist():
            zo.writestr(info.filename, bytes(data) if info.filename == part else z.read(info.filename))
    bad = tmp_path / "bad.docx"
    bad.write_bytes(out.getvalue())
    try:
        import_file(bad)
    except InvalidFileError as exc:
        assert exc.message
