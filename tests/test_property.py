"""Property tests (hypothesis) for the numeral parser and the extractor.

Two promises are checked on arbitrary and on report-like strings:
- ``find_numbers``, ``chinese_to_number`` and ``process_text`` never raise;
- every figure's span points at its evidence (``evidence == part_text[start:end]``)
  and the evidence holds the figure's number, so the reader can always show
  where a value came from.
"""

from __future__ import annotations

import math
import re

import cn2an
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from etl.extract.numbers import CN_DIGITS, chinese_to_number, find_numbers, parse_digits
from etl.extract.pipeline import process_text
from etl.extract.prose import _bare_counts
from etl.read.normalise import normalise

FAST = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

CUES = ("全年共收到行政复议申请", "受理行政复议案件", "已全部办结", "审结", "维持", "纠错", "驳回", "撤回",
        "行政诉讼案件", "行政机关负责人出庭应诉", "出庭应诉率达", "调解成功率为", "调解各类纠纷", "人民调解组织",
        "主动公开政府信息", "依申请公开", "收到政府信息公开申请", "举办法治讲座", "培训", "审查规范性文件",
        "法律援助案件", "开展行政执法检查", "同比增长", "占全部案件的", "力争", "确保", "不低于", "2023年",
        "全国", "市本级", "我县", "我市", "区政府", "累计", "其中", "本级政府")
UNITS = ("件", "宗", "起", "次", "人次", "场", "场次", "人", "名", "条", "份", "个", "项", "%", "％", "﹪", "万元",
         "亿元", "元", "个百分点", "余件", "多次", "万余件", "")
QUALIFIERS = ("", "", "近", "约", "超过", "逾", "不少于", "不超过", "不足", "达", "达到", "为", "共")
SUFFIXES = ("", "", "以上", "以内", "左右", "余")
PUNCT = (",", "。", ";", "、", ":", "\n", "\n\n", " ", "|", " | ", "(", ")", "，", "。\n")
TRADITIONAL = ("報告", "機關", "審結", "復議", "區(qū)", "發(fā)")
HEADINGS = ("第一篇:", "第二篇 ", "篇一\n", "【第三篇】", "一、", "(二)")


def _numeral(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(("int", "float", "comma", "fullwidth", "chinese", "digits_cn", "pct_cn", "spaced",
                                 "huge")))
    n = draw(st.integers(min_value=0, max_value=2_000_000))
    if kind == "float":
        return f"{n / 100:.2f}"
    if kind == "comma":
        return f"{n:,}"
    if kind == "fullwidth":
        return str(n).translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    if kind == "chinese":
        return cn2an.an2cn(n % 100_000)
    if kind == "digits_cn":
        return "".join("〇一二三四五六七八九"[int(c)] for c in str(n))
    if kind == "pct_cn":
        return "百分之" + cn2an.an2cn(n % 101)
    if kind == "huge":  # more digits than a float holds
        return "9" * draw(st.integers(min_value=300, max_value=500))
    if kind == "spaced" and n >= 10:
        s = str(n)
        return s[0] + " " + s[1:]
    return str(n)


@st.composite
def report_text(draw: st.DrawFn) -> str:
    """Sentences of cue + qualifier + number + unit, with the noise real files carry."""
    pieces = []
    for _ in range(draw(st.integers(min_value=1, max_value=14))):
        choice = draw(st.integers(min_value=0, max_value=9))
        if choice <= 5:
            pieces.append(draw(st.sampled_from(CUES)) + draw(st.sampled_from(QUALIFIERS)) + _numeral(draw)
                          + draw(st.sampled_from(UNITS)) + draw(st.sampled_from(SUFFIXES)))
        elif choice == 6:
            pieces.append(draw(st.sampled_from(HEADINGS)))
        elif choice == 7:
            pieces.append(draw(st.sampled_from(TRADITIONAL)))
        elif choice == 8:
            cells = draw(st.lists(st.one_of(st.sampled_from(("行政复议", "总计", "维持", "信息内容", "纠错", "/", "")),
                                            st.integers(0, 9999).map(str)), min_size=2, max_size=8))
            pieces.append("\n| " + " | ".join(cells) + " |\n")
        else:
            pieces.append(draw(st.text(max_size=12)))
        pieces.append(draw(st.sampled_from(PUNCT)))
    return "".join(pieces)


ANY_TEXT = st.one_of(st.text(max_size=300), report_text())


@FAST
@given(ANY_TEXT)
def test_find_numbers_never_raises_and_spans_hold_the_number(text: str) -> None:
    numbers = find_numbers(text)  # the property holds for none found too: the point is that it never raises
    assert all(0 <= n.start <= n.num_start < n.end <= len(text) for n in numbers), numbers
    assert all(text[n.start:n.end] == n.raw for n in numbers), numbers
    assert all(re.search(rf"[\d{CN_DIGITS}]", n.raw) for n in numbers), numbers


@FAST
@given(st.one_of(st.text(max_size=40), st.text(alphabet=CN_DIGITS + "点", max_size=20)))
def test_chinese_to_number_never_raises(s: str) -> None:
    value = chinese_to_number(s)
    assert value is None or isinstance(value, float)


@FAST
@given(st.integers(min_value=0, max_value=99_999_999))
def test_chinese_numerals_round_trip(n: int) -> None:
    """cn2an's own spelling of n (一千三百三十八, 两千, 二十二) reads back as n."""
    assert chinese_to_number(cn2an.an2cn(n)) == n
    assert chinese_to_number(cn2an.an2cn(n).replace("二", "两", 1)) in (n, None) or n < 2


def _numbers_within(part_text: str, start: int, end: int) -> list[float]:
    """Values of the number expressions whose original span lies inside [start, end) (same normalising).

    Counts a report leaves without a unit after a case noun (共收复议申请0) are numbers too (extract._bare_counts).
    """
    m = normalise(part_text)
    out = []
    for n in _bare_counts(m.text, find_numbers(m.text)):
        a, b = m.span(n.start, n.end)
        if start <= a and b <= end:
            out.append(round(n.value, 4))
    return out


def _check_figures(text: str) -> int:
    docs = process_text(text)
    assert docs or not text
    count = 0
    for doc in docs:
        assert doc.text == text[doc.start:doc.end]
        for f in doc.figures:
            count += 1
            assert 0 <= f.start < f.end <= len(doc.text), f
            assert f.evidence == doc.text[f.start:f.end], f
            assert math.isfinite(f.value), f
            assert f.as_dict()["value"] == pytest.approx(f.value), f  # the build stores figures through as_dict
            if f.rule.startswith("prose"):
                assert round(f.value, 4) in _numbers_within(doc.text, f.start, f.end), f
            elif f.rule == "table:disclosure-3":  # a sum of several cells of the row
                assert re.search(r"\d", f.evidence), f
            else:  # a table cell
                cells = [parse_digits(c.strip()) for c in normalise(f.evidence).text.split("|")]
                assert f.value in cells or f"{f.value:g}" in f.evidence, f
    return count


@FAST
@given(ANY_TEXT)
@example("共收复议申请0")  # a count without a unit after a case noun, at the very end
@example("全年受理行政复议案件" + "9" * 400 + "件。")
def test_process_text_never_raises_and_evidence_points_at_the_number(text: str) -> None:
    _check_figures(text)


def test_report_strategy_does_produce_figures() -> None:
    """The generated sentences really reach the figure checks above (not an empty loop)."""
    text = "全年共收到行政复议申请1,338件,已全部办结。调解成功率为98.5%。举办法治讲座二十二场次。"
    assert _check_figures(text) >= 2
