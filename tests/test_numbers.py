"""Table-driven cases for the number parser (etl/extract/numbers.py): text -> (value, unit, qualifier)."""

from __future__ import annotations

import pytest

from etl.extract.numbers import chinese_to_number, find_numbers

CASES = [
    ("累计调处各类民事纠纷1338宗", (1338, "宗", "exact")),
    ("审结1.2万件", (12000, "件", "exact")),
    ("清理15.8万余件", (158000, "件", "at_least")),
    ("举办二十二次", (22, "次", "exact")),
    ("受理两千多件", (2000, "件", "at_least")),
    ("涉及合同金额2000多亿元", (20000000, "万元", "at_least")),
    ("罚没收入11817.5万元", (11817.5, "万元", "exact")),
    ("采购总金额184719元", (18.4719, "万元", "exact")),
    ("调解成功率达99﹪", (99, "%", "exact")),
    ("调解成功率达99％", (99, "%", "exact")),
    ("百分之九十五点五", (95.5, "%", "exact")),
    ("出庭应诉率不低于90%", (90, "%", "at_least")),
    ("败诉率低于10%", (10, "%", "at_most")),
    ("败诉率不超过5%", (5, "%", "at_most")),
    ("每年至少组织2次以上", (2, "次", "at_least")),
    ("纠错率约19.2%", (19.2, "%", "approx")),
    ("近300件", (300, "件", "approx")),
    ("培训120多人", (120, "人", "at_least")),
    ("6000余人次", (6000, "人次", "at_least")),
    ("40多次", (40, "次", "at_least")),
    ("案件1,338件", (1338, "件", "exact")),
    ("一千三百三十八宗", (1338, "宗", "exact")),
    ("共办理100件左右", (100, "件", "approx")),
    ("控制在5%以内", (5, "%", "at_most")),
    ("共受理依申请政府信息公开事项17例", (17, "例", "exact")),  # 例 counts cases and requests too
    # a lone 百/千/万 after a word of about or over, or a count word, is a round number
    ("调解各类纠纷逾千件", (1000, "件", "at_least")),
    ("接待群众近万人次", (10000, "人次", "approx")),
    ("办理案件上千件", (1000, "件", "at_least")),
    ("调解纠纷千余件", (1000, "件", "at_least")),
    ("开展法治讲座超百场", (100, "场", "at_least")),
    # a span of time counted in 个 is a duration, not a count in 个
    ("均在20个工作日内答复", (20, "个工作日", "exact")),
    ("整改期限为3个月", (3, "个月", "exact")),
]

NOT_NUMBERS = ["统一进一步", "第一次会议", "一次性告知", "进一步规范", "统一登记、统一编号", "成千上万件", "千人计划", "百万人口",
               "四部门联合启动清理", "12部门联合印发"]  # 部门 is the word for departments, not a count in 部


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_number_cases(text: str, expected: tuple[float, str, str]) -> None:
    nums = [n for n in find_numbers(text) if n.unit]
    assert nums, f"no number found in {text!r}"
    n = nums[-1]
    value, unit, qualifier = expected
    assert n.value == pytest.approx(value)
    assert n.unit == unit
    assert n.qualifier == qualifier


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_words_with_numerals_are_not_numbers(text: str) -> None:
    assert [n for n in find_numbers(text) if n.unit] == []


@pytest.mark.parametrize(("text", "value"), [("二十二", 22), ("一千三百三十八", 1338), ("二〇二三", 2023),
                                             ("九十五点五", 95.5), ("两千", 2000), ("十", 10), ("二零零八", 2008),
                                             ("两", 2), ("三千零五", 3005), ("两万三千", 23000)])
def test_chinese_numerals(text: str, value: float) -> None:
    assert chinese_to_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "点", "点五", "万万", "亿亿亿"])
def test_what_is_no_numeral_reads_as_none(text: str) -> None:
    # cn2an alone parses the numerals: its refusals (ValueError and kin) must come back as None
    assert chinese_to_number(text) is None


def test_match_scan_is_number_rx_finditer() -> None:
    """find_numbers looks for matches only where one can start; they are NUMBER_RX.finditer's, in order."""
    import random

    from etl.extract.numbers import NUMBER_RX, _matches

    rng = random.Random(4)
    alphabet = [*"0123456789,.百分之零〇一二两三四五六七八九十千万亿余多件次人%％﹪以上内下左右元第每个项abc中国 ", "٣", "５"]
    found = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        fast = [(m.span(), m.groupdict()) for m in _matches(text)]
        assert fast == [(m.span(), m.groupdict()) for m in NUMBER_RX.finditer(text)], text
        found += len(fast)
    assert found > 10000  # 143,910 matches with this seed: the comparison saw many numbers


def test_prefix_qualifier_is_the_longest_listed_word() -> None:
    import random

    from etl.extract.numbers import PREFIX_QUALIFIER, _prefix_qualifier

    def slow(text: str, at: int) -> str | None:
        window = text[max(0, at - 4):at].removesuffix("达到").removesuffix("达").removesuffix("为")
        return next((q for word, q in PREFIX_QUALIFIER if window.endswith(word)), None)

    rng = random.Random(6)
    alphabet = [*"不少于低至超过多高逾控制在大约近接达到为足一4", ""]
    qualified = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 9)))
        for at in range(len(text) + 1):
            got = _prefix_qualifier(text, at)
            assert got == slow(text, at), (text, at)
            qualified += got is not None
    assert qualified > 1000  # 15,316 with this seed: the comparison saw many qualifiers


@pytest.mark.parametrize(("text", "value"), [("涉及金额8.3亿元", 83000), ("审结0.07万件", 700), ("1.1万件", 11000)])
def test_a_multiplied_value_is_the_written_value_exactly(text: str, value: float) -> None:
    # 8.3 * 1e4 is 83000.00000000001 in floating point; the database and the CSV must say 83000
    assert [n.value for n in find_numbers(text) if n.unit][-1] == value


def test_a_hundred_percent_in_words() -> None:
    # 百分之百 (a whole, in words): "百" alone is no numeral the converter reads
    (n,) = find_numbers("出庭应诉率达到百分之百。")
    assert (n.value, n.unit) == (100.0, "%")


@pytest.mark.parametrize("text, value", [
    ("全年共调解各类民间纠纷29 757件。", 29757),       # a yearbook's thousands apart by a space
    ("规范化调委会3\u2009457个。", 3457),                 # or by a thin space
    ("共处罚1 234 567元。", 123.4567),                  # money: kept in 万元
])
def test_thousands_grouped_by_a_space_before_a_unit(text: str, value: float) -> None:
    assert [n.value for n in find_numbers(text)] == [value]


def test_cells_apart_by_spaces_are_not_one_number() -> None:
    # a count's unit must follow the groups at once: 3 120万 is two cells (3, and 120万), not 3120万
    assert [n.value for n in find_numbers("收到申请 | 3 120万 | 合计")] == [1200000]


@pytest.mark.parametrize("text, value", [
    ("拟处罚款8 452.4元。", 0.84524),      # a decimal part after the groups
    ("挽回经济损失1 234万元。", 1234),      # a multiplier after them
])
def test_grouped_thousands_with_a_decimal_or_a_multiplier(text: str, value: float) -> None:
    assert [n.value for n in find_numbers(text)] == [value]
