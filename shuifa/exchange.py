"""The exchange file: one report as UTF-8 JSON (``*.shufa``), format ``shuifa.report``.

The format is documented in ``docs/exchange.md`` and defined by the JSON Schema
``shuifa/shufa.schema.json``. Reading validates the whole file before anything is built,
so an invalid file yields one clear Chinese message and nothing half-imported.

Versions: 1 — the report without a composition plan; 2 — adds ``report.plan`` (成稿设置, the
official's composition choices, :class:`shuifa.plan.CompositionPlan`), and — optional, so without a
new version — ``report.scope`` (述职范围, the duties the official added to or removed from the walk,
:class:`shuifa.model.Scope`; a file without it reads as the empty scope). A version-1 file still reads:
it has no plan, which is the same as an empty plan — take the automatic composition. Files are
always written as the current version; a newer version than this program knows is refused.
"""

from __future__ import annotations

import errno
import json
import math
import os
import re
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__, atomic
from .errors import InvalidFileError
from .model import ROLES, Report, now_iso

FORMAT_ID = "shuifa.report"
FORMAT_VERSION = 2  # 2: report.plan (成稿设置); 1 is still read, as an empty plan
SUFFIX = ".shufa"
MAX_BYTES = 50 * 1024 * 1024
SCHEMA_PATH = Path(__file__).with_name("shufa.schema.json")
#: Deepest nesting of lists/objects a file may have (a real report is under 30: each duty-list level is two).
MAX_DEPTH = 64
#: Largest magnitude of a number in a file (beyond it a float no longer holds an integer exactly).
MAX_NUMBER = 10**15
#: Control characters a text may not contain (tab, line feed and carriage return are allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")

_FIELD_NAMES = {
    "report": "报告",
    "official": "报告人",
    "name": "姓名",
    "title": "职务/标题",
    "unit": "单位",
    "role": "类别",
    "year": "年度",
    "duty_list": "职责清单",
    "children": "下级条目",
    "entries": "填报内容",
    "requirements": "量化要求",
    "values": "量化指标",
    "parts": "报告其他部分",
    "carry_over": "上年度问题整改",
    "evaluation": "评议结果",
    "status": "落实情况",
    "opening": "开篇",
    "study": "学法用法",
    "decisions": "重大事项依法决策",
    "rectification": "上年度问题整改情况",
    "next_steps": "下一步工作打算",
    "performance": "履职情况",
    "problems": "存在问题",
    "improvements": "改进措施",
    "evidence": "佐证材料",
    "text": "正文",
    "label": "编号",
    "problem": "问题",
    "improvement": "整改措施",
    "note": "说明",
    "previous": "上年度参考内容",
    "value": "数值",
    "date": "日期",
    "format": "格式标识",
    "version": "格式版本",
    "plan": "成稿设置",
    "pinned": "保留要点",
    "dropped": "删去要点",
    "scope": "述职范围",
    "added": "加入的职责",
    "removed": "移出的职责",
    "side": "党政分工",
}

#: Names of the plan's fields, where they differ from (or are missing in) ``_FIELD_NAMES``.
_PLAN_FIELD_NAMES = {
    "title": "标题",
    "byline": "署名",
    "date": "落款日期",
    "annex": "附表",
    "speaking_rate": "语速",
    "topic_of": "要点所属板块",
    "topic_order": "板块顺序",
    "point_order": "要点顺序",
    "headings": "板块标题",
    "leads": "要点引语",
    "merged": "合并要点",
    "kinds": "各类文稿取舍",
    "problem_heads": "问题标题",
    "problem_causes": "问题原因",
    "measure_leads": "措施引语",
    "rect_names": "整改事项简称",
}

#: Objects whose keys are data (ids, point keys, grades), not field names: a key under one is quoted, not
#: translated (a topic id "study" is not the part 学法用法).
_DATA_MAPS = frozenset(
    {"values", "previous", "evaluation", "topic_of", "point_order", "headings", "leads", "merged", "kinds"}
    | {"problem_heads", "problem_causes", "measure_leads", "rect_names"}
)


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@cache
def _validator() -> Any:
    """The reference validator: used to describe what is wrong (its errors carry the path)."""
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


@cache
def _fast_check() -> Any:
    """A compiled validator (fastjsonschema), ~25× faster: a valid file — nearly every file — is
    passed by it alone; only a file it rejects goes to the reference validator for the message."""
    import fastjsonschema

    return fastjsonschema.compile(schema())


def _schema_errors(doc: Any) -> list[Any]:
    import fastjsonschema

    try:
        _fast_check()(doc)
        return []
    except fastjsonschema.JsonSchemaException:
        # The reference validator decides (it does not check "format", so the two can disagree
        # only on a malformed date, which it accepts as before).
        return sorted(_validator().iter_errors(doc), key=lambda e: list(e.absolute_path))


def report_to_document(report: Report) -> dict[str, Any]:
    body = report.to_dict()
    if report.scope.is_empty():  # optional within version 2: an empty one is left out, for earlier readers
        body.pop("scope", None)
    return {
        "format": FORMAT_ID,
        "version": FORMAT_VERSION,
        "app": f"述法助手 {__version__}",
        "exported": now_iso(),
        "report": body,
    }


def dumps(report: Report) -> str:
    # The writer never writes what the reader refuses: control characters (a pasted vertical tab or
    # form feed becomes a line break) and lone surrogates (→ U+FFFD) are cleaned on the way out.
    return json.dumps(_clean(report_to_document(report)), ensure_ascii=False, indent=1, allow_nan=False)


def _clean_text(text: str) -> str:
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, dict):
        return {_clean_text(k) if isinstance(k, str) else k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def write_report(report: Report, path: str | os.PathLike[str]) -> Path:
    """Write ``report`` to ``path`` atomically (a temp file moved into place)."""
    path = Path(path)
    atomic.write_text(path, dumps(report))
    return path


def read_report(path: str | os.PathLike[str]) -> Report:
    """Read and validate a ``.shufa`` file. Raises InvalidFileError (Chinese) when it is not valid."""
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InvalidFileError(f"“{name}”是一个文件夹，不是述法报告文件。", hint="请选择扩展名为 .shufa 的文件。")
        if size > MAX_BYTES:
            raise InvalidFileError(
                f"“{name}”太大（{size // (1024 * 1024)} MB），不像是述法报告文件。", hint="请确认选择的是 .shufa 文件。"
            )
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InvalidFileError(f"找不到文件“{path}”。", hint="请检查文件名和位置。") from exc
    except PermissionError as exc:
        raise InvalidFileError(
            f"没有权限读取“{path}”。", hint="请检查文件权限，或把文件复制到自己的文件夹后再试。"
        ) from exc
    except OSError as exc:
        raise InvalidFileError(
            f"读取“{path}”失败（系统错误 {errno.errorcode.get(exc.errno or 0, exc.errno)}）。",
            hint="如果文件在U盘或网络盘上，请确认它仍然连接着；或把文件复制到本机后再试。",
        ) from exc
    return loads(data, name=name)


def loads(data: bytes | str, *, name: str = "文件") -> Report:
    """Parse and validate exchange-file content."""
    if isinstance(data, bytes):
        if data.startswith(b"PK\x03\x04"):
            raise InvalidFileError(
                f"“{name}”是 Word 文档或压缩包，不是述法报告文件（.shufa）。",
                hint="职责清单请用“导入职责清单”；报告文件由述法助手“导出 .shufa”生成。",
            )
        if data.startswith(b"%PDF"):
            raise InvalidFileError(
                f"“{name}”是 PDF 文件，不是述法报告文件（.shufa）。", hint="报告文件由述法助手“导出 .shufa”生成。"
            )
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidFileError(
                f"“{name}”不是 UTF-8 编码的述法报告文件（第 {exc.start + 1} 个字节无法识别），可能已损坏或不是 .shufa 文件。",
                hint="请让对方重新从述法助手导出后发送。",
            ) from exc
    else:
        text = data
    try:
        doc = json.loads(text, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        raise InvalidFileError(
            f"“{name}”内容不完整或已损坏（第 {exc.lineno} 行第 {exc.colno} 列附近格式错误）。",
            hint="文件可能在传输中被截断，请让对方重新导出后发送。",
        ) from exc
    except RecursionError:
        raise InvalidFileError(
            f"“{name}”的内容嵌套层数过多（超过 {MAX_DEPTH} 层），不是述法助手导出的报告文件，可能已损坏或被篡改。",
            hint="请让对方用述法助手重新导出后发送；不要手工修改 .shufa 文件。",
        ) from None
    except (ValueError, OverflowError, MemoryError):
        raise InvalidFileError(
            f"“{name}”内容无法解析，可能已损坏或被篡改。",
            hint="请让对方用述法助手重新导出后发送；不要手工修改 .shufa 文件。",
        ) from None
    _check_values(doc, name)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_ID:
        raise InvalidFileError(
            f"“{name}”不是述法助手的报告文件（缺少格式标识 {FORMAT_ID}）。",
            hint="报告文件由述法助手“导出 .shufa”生成；职责清单请用“导入职责清单”。",
        )
    version = doc.get("version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        raise InvalidFileError(
            f"“{name}”由更新版本的述法助手导出（格式版本 {version}，本程序支持到 {FORMAT_VERSION}）。",
            hint="请升级述法助手后再导入。",
        )
    errors = _schema_errors(doc)
    if errors:
        raise InvalidFileError(
            f"“{name}”的内容不符合报告文件格式：{_describe(errors[0], doc)}。"
            + (f"（另有 {len(errors) - 1} 处问题）" if len(errors) > 1 else ""),
            hint="请让对方用述法助手重新导出后发送；不要手工修改 .shufa 文件。",
        )
    # Version 1 → 2: a version-1 report has no "plan"; Report.from_dict reads a missing plan as the empty
    # one (take the automatic composition), which is all the migration there is.
    report = Report.from_dict(doc["report"])
    _check_consistency(report, name)
    return report


class _HugeInt:
    """Stands for an integer literal too long to be a real value (converting it could take long or
    fail on Python's digit limit); :func:`_check_values` refuses it, naming where it is."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


def _parse_int(literal: str) -> int | _HugeInt:
    return int(literal) if len(literal) <= 18 else _HugeInt(len(literal))


def _check_values(doc: Any, name: str) -> None:
    """Refuse what JSON allows but a report never holds: NaN/Infinity, numbers too large, lone
    surrogates and control characters in texts (or field names), nesting too deep. Iterative, so no
    document can exhaust the stack here; the first problem found is named with its place."""
    stack: list[tuple[Any, list[Any]]] = [(doc, [])]
    while stack:
        value, path = stack.pop()
        problem = ""
        if isinstance(value, str):
            problem = _text_problem(value)
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, _HugeInt):
            problem = f"的数值过大（{value.digits} 位数字）"
        elif isinstance(value, float) and not math.isfinite(value):
            problem = "不是有效的数字（NaN 或无穷大）"
        elif isinstance(value, (int, float)):
            if abs(value) > MAX_NUMBER:
                problem = f"的数值 {value:.6g} 过大（不能超过 10^15）"
        elif isinstance(value, (dict, list)):
            if len(path) >= MAX_DEPTH:
                problem = f"嵌套层数过多（超过 {MAX_DEPTH} 层）"
            elif isinstance(value, dict):
                for key, item in value.items():
                    key_problem = _text_problem(key)
                    if key_problem:
                        _refuse_value(doc, path, f"中的名称“{_shown(key)}”{key_problem}", name)
                    stack.append((item, [*path, key]))
            else:
                stack.extend((item, [*path, i]) for i, item in enumerate(value))
        if problem:
            _refuse_value(doc, path, problem, name)


def _text_problem(text: str) -> str:
    m = _SURROGATE.search(text)
    if m:
        return f"含有无效的字符（第 {m.start() + 1} 个字符是不成对的代理码 U+{ord(m.group()):04X}）"
    m = _CONTROL.search(text)
    if m:
        return f"含有不可见的控制字符（第 {m.start() + 1} 个字符 U+{ord(m.group()):04X}）"
    return ""


def _shown(text: str) -> str:
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("\ufffd", text))
    return text if len(text) <= 30 else text[:30] + "…"


def _refuse_value(doc: Any, path: list[Any], problem: str, name: str) -> None:
    if len(path) > 12:  # a deep path is named by its start
        where = _path_text(path[:12], doc if isinstance(doc, dict) else {}) + " → …"
    else:
        where = _path_text(path, doc if isinstance(doc, dict) else {})
    where = _SURROGATE.sub("\ufffd", _CONTROL.sub("\ufffd", where))  # a label on the way may carry one
    raise InvalidFileError(
        f"“{name}”的内容不符合报告文件格式：{where} {problem}，文件可能已损坏或被篡改。",
        hint="请让对方用述法助手重新导出后发送；不要手工修改 .shufa 文件。",
    )


def _check_consistency(report: Report, name: str) -> None:
    ids: set[str] = set()
    duty_ids: set[str] = set()
    for _, node in report.duty_list.walk():
        if node.id in ids:
            raise InvalidFileError(
                f"“{name}”的职责清单中编号“{node.id}”重复出现，文件已损坏。", hint="请让对方重新导出。"
            )
        ids.add(node.id)
        if node.is_duty:
            duty_ids.add(node.id)
    for duty_id in report.entries:
        if duty_id not in duty_ids:
            raise InvalidFileError(
                f"“{name}”中有填报内容对应的职责“{duty_id}”不在职责清单里，文件已损坏。", hint="请让对方重新导出。"
            )
    for what, chosen in (("加入", report.scope.added), ("移出", report.scope.removed)):
        for duty_id in chosen:
            if duty_id not in duty_ids:
                raise InvalidFileError(
                    f"“{name}”中{what}述职范围的职责“{duty_id}”不在职责清单里，文件已损坏。", hint="请让对方重新导出。"
                )
    if report.plan.date:  # the schema checks the shape (YYYY-MM-DD), not that the day exists
        try:
            date.fromisoformat(report.plan.date)
        except ValueError:
            raise InvalidFileError(
                f"“{name}”的内容不符合报告文件格式：报告 → 成稿设置 → 落款日期 “{report.plan.date}”不是有效的日期。",
                hint="请让对方用述法助手重新导出后发送；不要手工修改 .shufa 文件。",
            ) from None


def _path_text(path: list[Any], doc: dict[str, Any]) -> str:
    parts: list[str] = []
    node: Any = doc
    ctx = ""  # "plan": inside the plan (its own field names); "data": the key names a thing, not a field
    for key in path:
        if ctx == "data" and not isinstance(key, int):
            parts.append(f"“{key}”")
            ctx = ""
            try:
                node = node[key]
            except (KeyError, TypeError):
                node = None
            continue
        names = _PLAN_FIELD_NAMES if ctx == "plan" else {}
        ctx = "plan" if key == "plan" else "data" if key in _DATA_MAPS else ""
        if isinstance(key, int):
            label = ""
            try:
                node = node[key]
                if isinstance(node, dict):
                    label = node.get("label") or node.get("duty_id") or ""
            except (IndexError, KeyError, TypeError):
                node = None
            parts.append(f"第{key + 1}项{f'（{label}）' if label else ''}")
        else:
            parts.append(names.get(key) or _FIELD_NAMES.get(key, key))
            try:
                node = node[key]
            except (KeyError, TypeError):
                node = None
    return " → ".join(parts) if parts else "文件顶层"


def _describe(err: Any, doc: dict[str, Any]) -> str:
    where = _path_text(list(err.absolute_path), doc)
    v = err.validator
    if "propertyNames" in err.absolute_schema_path:  # the key itself is wrong, not its value
        return f"{where} 中的名称“{err.instance}”无效"
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return f"{where} 缺少“{_FIELD_NAMES.get(missing, missing)}”"
    if v == "type":
        types = {
            "string": "文字",
            "integer": "整数",
            "number": "数字",
            "object": "对象",
            "array": "列表",
            "boolean": "是/否",
            "null": "空",
        }
        want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        return f"{where} 应为{'或'.join(types.get(t, t) for t in want)}"
    if v in ("enum", "const"):
        if list(err.absolute_path)[-1:] == ["role"]:
            return f"{where} 的值“{err.instance}”不是有效的类别（可用：{'、'.join(f'{k}（{v}）' for k, v in ROLES.items())}）"
        return f"{where} 的值“{err.instance}”无效"
    if v == "additionalProperties":
        known = err.schema.get("properties", {})
        extra = [str(k) for k in err.instance if k not in known] if isinstance(err.instance, dict) else []
        return f"{where} 含有无法识别的字段" + (f"“{'、'.join(extra)}”" if extra else "")
    if v in ("minimum", "maximum"):
        lo, hi = err.schema.get("minimum"), err.schema.get("maximum")
        if lo is not None and hi is not None:
            want = f"应在 {lo}–{hi} 之间"
        else:
            want = f"应不小于 {lo}" if hi is None else f"应不大于 {hi}"
        return f"{where} 的值 {err.instance} 超出范围（{want}）"
    if v == "pattern":
        return f"{where} 的格式不对（“{err.instance}”）"
    if v == "maxLength":
        return f"{where} 的文字太长"
    if v == "minLength":
        return f"{where} 不能为空"
    if v in ("maxItems", "maxProperties"):
        return f"{where} 的条目太多"
    return f"{where} 无效"
