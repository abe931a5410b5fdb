"""Requirements found in duty texts: kind, minimum, period, deadline, and the label the official sees."""

from __future__ import annotations

import pytest

from shuifa.importer.requirements import extract_requirements


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每年至少举办2次法治专题讲座。", [("count", 2, "year", None, "法治专题讲座举办次数")]),
        (
            "组织党委常委会会议每年至少听取一次法治建设工作汇报。",
            [("count", 1, "year", None, "法治建设工作汇报听取次数")],
        ),
        (
            "政府常务会议每半年听取一次法治政府建设工作汇报。",
            [("count", 1, "half-year", None, "法治政府建设工作汇报听取次数")],
        ),
        ("每年举办2期以上法治专题讲座。", [("count", 2, "year", None, "法治专题讲座举办期数")]),
        ("每年党委理论学习中心组学法不少于一次。", [("count", 1, "year", None, "党委理论学习中心组学法次数")]),
        (
            "组织召开镇党委法治建设委员会会议，每年至少1次。",
            [("count", 1, "year", None, "镇党委法治建设委员会会议召开次数")],
        ),
        ("每年开展不少于2次法治督察。", [("count", 2, "year", None, "法治督察开展次数")]),
        ("每季度听取一次工作汇报。", [("count", 1, "quarter", None, "工作汇报听取次数")]),
        ("每月至少开展一次法治宣传活动。", [("count", 1, "month", None, "法治宣传活动开展次数")]),
        (
            "每年专题听取上一年度本地区法治政府建设情况汇报。",
            [("count", 1, "year", None, "上一年度本地区法治政府建设情况汇报听取次数")],
        ),
        (
            "每年3月1日前，镇政府应当向镇党委报告上一年度法治政府建设情况。",
            [("deadline", None, None, "03-01", "上一年度法治政府建设情况报告日期")],
        ),
        ("每年11月底前完成年度考核。", [("deadline", None, None, "11-30", "年度考核完成日期")]),
        ("行政机关负责人出庭应诉率达到100%。", [("rate", 100, None, None, "行政机关负责人出庭应诉率")]),
        ("投诉举报办结率达到90%以上。", [("rate", 90, None, None, "投诉举报办结率")]),
        ("出庭应诉率不低于90%。", [("rate", 90, None, None, "出庭应诉率")]),
        ("征求意见期限一般不少于30日。", [("duration", 30, None, None, "征求意见期限（日）")]),
        ("听证公告期不少于10个工作日。", [("duration", 10, None, None, "听证公告期（工作日）")]),
        # not requirements
        ("于2024年6月30日前完成清理。", []),
        ("按照第十二次全会精神，落实一次性告知制度。", []),
        ("力争到2025年，全市2个项目获得示范命名。", []),
        ("报备率、及时率、规范率达到规定要求。", []),
        ("全面推行“一件事一次办”。", []),
    ],
)
def test_requirement(text: str, expected: list[tuple]) -> None:
    got = [(r.kind, r.min, r.per, r.deadline, r.label) for r in extract_requirements(text)]
    assert got == expected


def test_ids_and_source_phrase() -> None:
    reqs = extract_requirements("政府常务会、政府各部门会前学法每年不少于4次，专题法治讲座不少于2期。")
    assert [r.id for r in reqs] == ["r1", "r2"]
    assert [r.text for r in reqs] == ["政府常务会、政府各部门会前学法每年不少于4次", "专题法治讲座不少于2期"]
    assert reqs[0].describe() == "≥ 4 次/年"


def test_requirement_inside_brackets_gets_its_own_clean_label() -> None:
    reqs = extract_requirements(
        "每年至少组织县委理论学习中心组开展4次集体学法（其中习近平法治思想专题学习不少于1次）。"
    )
    got = [(r.kind, r.min, r.per, r.label) for r in reqs]
    assert got == [
        ("count", 4, "year", "县委理论学习中心组集体学法次数"),
        ("count", 1, "year", "习近平法治思想专题学习次数"),
    ]
    assert reqs[0].text == "每年至少组织县委理论学习中心组开展4次集体学法"
    assert reqs[1].text == "其中习近平法治思想专题学习不少于1次"


@pytest.mark.parametrize(
    "text",
    [
        "每年至少组织县委理论学习中心组开展4次集体学法（其中习近平法治思想专题学习不少于1次）。",
        "每年开展2次（含）以上法治督察。",
        "政府常务会议（含专题会议）每年学法不少于4次。",
        "（每年至少听取2次汇报），并每半年（含）召开1次会议（",
        "）每年举办2期以上（市、县）法治讲座（",
        "行政诉讼案件败诉率控制在5%以内（不含撤诉案件）。",
    ],
)
def test_labels_have_balanced_brackets_and_no_leading_punctuation(text: str) -> None:
    for r in extract_requirements(text):
        assert r.label
        assert r.label[0] not in "，。；：、）)（(", r.label
        depth = 0
        for ch in r.label:
            depth += ch in "（("
            depth -= ch in "）)"
            assert depth >= 0, r.label
        assert depth == 0, r.label


@pytest.mark.parametrize(
    ("text", "bound", "label"),
    [
        ("行政诉讼案件败诉率控制在5%以内。", ("max", 5), "行政诉讼案件败诉率"),
        ("行政复议纠错率控制在10%以下。", ("max", 10), "行政复议纠错率"),
        ("行政诉讼败诉率不超过8%。", ("max", 8), "行政诉讼败诉率"),
        ("行政执法案卷不合格率不高于5%。", ("max", 5), "行政执法案卷不合格率"),
        ("一审败诉率低于10%。", ("max", 10), "一审败诉率"),
        ("执法人员培训率达到95%以上。", ("min", 95), "执法人员培训率"),
        ("出庭应诉率不低于90%。", ("min", 90), "出庭应诉率"),
    ],
)
def test_rate_bounds(text: str, bound: tuple[str, int], label: str) -> None:
    (r,) = extract_requirements(text)
    assert r.kind == "rate" and r.label == label
    assert (r.min, r.max) == ((bound[1], None) if bound[0] == "min" else (None, bound[1]))
    assert r.describe() == ("≥ " if bound[0] == "min" else "≤ ") + f"{bound[1]}%"


def test_a_huge_sentence_is_cut_so_time_stays_linear() -> None:
    # one "sentence" of 200 000 characters (no 。；): pieces of at most MAX_SENTENCE are read
    from shuifa.importer.requirements import MAX_SENTENCE, _bounded

    text = "每年至少" + "开展4次学法，" * 30000
    pieces = _bounded([text])
    assert max(len(p) for p in pieces) <= MAX_SENTENCE
    assert "".join(pieces) == text
    reqs = extract_requirements(text)
    assert (reqs[0].label, reqs[0].min, reqs[0].per) == ("学法次数", 4, "year")
