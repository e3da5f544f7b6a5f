"""The faster forms of extraction's hot spots give what the forms they replaced gave (issue 15, session 6).

Why: each rewrite (a pattern that starts with the character it drops, a pattern tried only where the words
every match holds are, a document's positions found once) is exact only by an argument about the pattern;
these tests hold each one against the old form on random strings made of the characters the patterns care
about and on the real texts of tests/gold/texts, so a later edit of a pattern that breaks the argument fails.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from etl.extract import (
    meta_dates,
    meta_kind,
    meta_level,
    meta_text,
    meta_town,
    numbers,
    prose,
    scorer,
    sentence,
    tables,
)
from etl.extract import tokens as tok
from etl.extract.gazetteer import gazetteer
from etl.read import normalise as norm

GOLD = sorted((Path(__file__).resolve().parent / "gold" / "texts").glob("*.txt"))


def _gold_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in GOLD[::3]]


def _random_texts(alphabet: str, n: int, longest: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(n)]


# --- normalise: the two patterns that now start with the character they drop -------------------------------------
_OLD_SPLIT_DECIMAL = re.compile(r"[ \t]+(?<=\d[.·][ \t])(?=\d{1,3}[%\u4e00-\u9fff])"
                                r"|[ \t]+(?<=\d\.\d[ \t])(?=\d{1,3}[%\u4e00-\u9fff])")
_OLD_LONE_NUMBER = re.compile(r"(?<=[\u4e00-\u9fff])[ \t]*\n[ \t]*(\d[\d.,]*)[ \t]*\n[ \t]*"
                              r"(?=(?:件|条|宗|起|次|人次|场|个|份|项|万|亿|%)(?:$|[^\u4e00-\u9fff\d]|[\u4e00-\u9fff][^\n]))",
                              re.M)


def test_normalise_patterns_find_what_the_old_ones_found() -> None:
    texts = _random_texts("12 \t\n.·%件条次人收到了a,", 20000, 14, 1) + _gold_texts()
    texts += ["率为99·5 9%", "50. 81%的", "1.2 3件", "主动公开政府信息\n5928\n条", "收到 \n 12 \n件,"]
    assert sum(bool(_OLD_SPLIT_DECIMAL.search(t)) for t in texts) >= 5  # the samples hold what each pattern drops
    assert sum(bool(_OLD_LONE_NUMBER.search(t)) for t in texts) >= 5
    for t in texts:
        assert [m.span() for m in norm._SPLIT_DECIMAL.finditer(t)] == [m.span() for m in _OLD_SPLIT_DECIMAL.finditer(t)], t
        assert [(m.span(), m.span(1)) for m in norm._LONE_NUMBER.finditer(t)] == \
            [(m.span(), m.span(1)) for m in _OLD_LONE_NUMBER.finditer(t)], t


# --- metadata: the dateline mask around anchor words, and patterns run only where their words are -----------------
def test_masked_opening_equals_the_whole_text_substitution() -> None:
    alphabet = "新华社海口北京本报记者日电讯月在召开举行网台12()(): \n,。甲乙丙"
    texts = _random_texts(alphabet, 6000, 90, 2) + [t[:6000] for t in _gold_texts()]
    texts += ["新华社海口12月7日电 " * 3 + "在拉萨召开" + "甲" * 30 + "(记者 张三)" + "每日甘肃网兰州讯" * 2]
    assert sum(bool(meta_text._NOT_SUBJECT.search(t)) for t in texts) > 500
    for t in texts:
        expected = meta_text._NOT_SUBJECT.sub(lambda m: " " * len(m.group()), t)
        assert meta_text._masked_opening.__wrapped__(t) == expected, t


_NEEDS = [  # (the words every match holds, the pattern)
    (meta_level._COURT_SPEAKS_TAIL, meta_level._COURT_SPEAKS),
    (meta_level._DEPT_YEAR_TAIL, meta_level._DEPT_YEAR),
    (meta_level._BUREAU_WORDS, meta_level._BUREAU),
    (meta_level._DEPT_WORDS, meta_level._DEPT),
    (meta_kind._MEDIA_WORDS, meta_kind.MEDIA),
    (meta_kind._THIRD_PERSON_TAIL, meta_kind.THIRD_PERSON),
    (meta_town._TOWN_SUBJECT_TAIL, meta_town._TOWN_SUBJECT),
    (meta_town._TOWN_AUTHOR_TAIL, meta_town._TOWN_AUTHOR),
]


_EXAMPLES = ["山东省法院向社会发布", "记者从四川高院召开的发布会获悉", "大同市文物局2021年度行政执法数据表", "全省共办理",
             "北京市共受理", "县司法局以", "来源:新华网", "(记者 张三)", "新华社海口12月7日电", "每日甘肃网兰州讯",
             "县司法局党组高度重视", "。市法院坚持", "观胜镇党委坚持", ",兴发乡在", "唐村镇政府编制2020年政府信息公开年度报告",
             "礼让街街道办事处发布了本报告", "某某市人大常委会法工委", "省政府办公厅", "市执法支队"]


@pytest.mark.parametrize(("words", "rx"), _NEEDS, ids=[rx.pattern[:30] for _, rx in _NEEDS])
def test_every_match_holds_its_words(words: re.Pattern[str], rx: re.Pattern[str]) -> None:
    """Each match found (in real texts and in strings made of the pattern's own characters) contains the words."""
    alphabet = "".join(sorted({c for c in rx.pattern + words.pattern if "\u4e00" <= c <= "\u9fff"})) + "20年 ,。\n(记"
    noise = _random_texts(alphabet, 4000, 40, 3)
    rng = random.Random(33)
    texts = noise + _gold_texts() + _EXAMPLES + [rng.choice(noise) + e + rng.choice(noise) for e in _EXAMPLES * 50]
    matched = 0
    for t in texts:
        for m in rx.finditer(t):
            matched += 1
            assert words.search(m.string, m.start(), m.end() + 40), (rx.pattern, m.group(0))
        assert (meta_level._needs(words, rx, t) is None) == (rx.search(t) is None)
    assert matched > 0  # the strings did exercise the pattern


def test_area_scope_yes_or_no_as_the_pattern() -> None:
    texts = _random_texts("全省市区县州旗共累计年甲乙,1\n", 20000, 12, 11) + _gold_texts() + _EXAMPLES
    assert sum(bool(meta_level._AREA_SCOPE.search(t)) for t in texts) > 1000
    for t in texts:
        assert meta_level.has_area_scope(t) == bool(meta_level._AREA_SCOPE.search(t)), t


def test_media_and_third_person_helpers() -> None:
    texts = _random_texts("来源新华网记者讯日电局法院党组通过在。\n12月", 3000, 30, 4) + _gold_texts()
    assert sum(bool(meta_kind.MEDIA.search(t)) for t in texts) > 100
    for t in texts:
        assert bool(meta_kind.media_mark(t)) == bool(meta_kind.MEDIA.search(t))
        assert meta_kind.third_person(t) == meta_kind.THIRD_PERSON.findall(t)


def test_title_lines_stripped_as_before() -> None:
    texts = _random_texts("ab | \t\u3000|", 3000, 10, 5)
    assert len(texts) == 3000
    for t in texts:
        assert meta_text._strip_cells(t) == re.sub(r"[\s|]+$", "", t)


def test_place_mentions_cached_are_the_scan() -> None:
    g = gazetteer()
    texts = _gold_texts()[:60]
    assert len(texts) == 60
    for t in texts:
        first = g.mentions(t[:3000])
        assert first == list(g._mentions(t[:3000]))  # the cached answer is the scan's (``_mentions`` is uncached)
        first.clear()  # a caller's list is its own: the cached scan is unchanged
        assert g.mentions(t[:3000]) == list(g._mentions(t[:3000]))


# --- prose: bare counts, and clause bounds from positions found once ----------------------------------------------
def test_bare_counts_as_the_lookbehind_pattern() -> None:
    old = re.compile(r"(?<![\d.])\d{1,7}(?=[,,;;。、)]|$)")
    texts = _random_texts("0123456789.,;。、)案件申请共为a\n", 5000, 30, 6) + _gold_texts()
    assert sum(bool(old.search(t)) for t in texts) > 1000
    for t in texts:
        new = [m.span() for m in prose._BARE_COUNT.finditer(t)
               if not (m.start() and prose._DIGIT_OR_POINT.match(t, m.start() - 1))]
        assert new == [m.span() for m in old.finditer(t)], t


def test_stop_positions_give_the_rfind_bounds() -> None:
    rng = random.Random(7)
    texts = _random_texts("。,;a\n!:(?", 3000, 20, 7)
    assert len(texts) == 3000
    for t in texts:
        for chars in (prose.STRONG, prose.WEAK, prose.RIGHT_STOP):
            for _ in range(5):
                a, b = rng.randint(0, 22), rng.randint(0, 22)
                last = max([t.rfind(c, b, a) for c in chars] + [b - 1]) + 1
                first = min([i for i in (t.find(c, a, b) for c in chars) if i != -1], default=b)
                assert prose._rfind_any(t, chars, a, b) == last
                assert prose._find_any(t, chars, a, b) == first


def test_evidence_sentence_bounds_as_the_patterns() -> None:
    texts = _random_texts("。!?;\n甲乙 ,", 20000, 14, 8)
    assert sum(t.endswith("\n") for t in texts) > 100  # the $-before-a-final-break case is there
    for t in texts:
        m = sentence._LAST_OPEN.search(t)
        assert sentence._open_end(t) == (m.group(0) if m else "")
        m = sentence._TO_END.match(t)
        assert sentence._to_end(t) == (m.group(0) if m else "")


# --- tables and the scorer ------------------------------------------------------------------------------------------
_OLD_SPACE_ROW_HINT = re.compile(r"[\u4e00-\u9fff)]\d+(?:\.\d+)?(?:[ \t]+\d+(?:\.\d+)?)+[ \t]*$|信息内容[^\n\d|]*$", re.M)


def test_space_row_hint_as_before() -> None:
    texts = _random_texts("信息内容12 \t.)|甲\n", 8000, 24, 9) + _gold_texts()
    assert sum(bool(_OLD_SPACE_ROW_HINT.search(t)) for t in texts) > 20
    for t in texts:
        new = tables._SPACE_ROW_NUMBERS.search(t) or tables._SPACE_ROW_HEADER.search(t)
        assert bool(new) == bool(_OLD_SPACE_ROW_HINT.search(t)), t


def test_scorer_skips_only_what_drop_only_drops() -> None:
    fitted = scorer.model()
    if fitted is None or fitted.get("mode") != "drop_only":
        pytest.skip("the shipped scorer is not drop-only")

    def cand(metric: str, value: float, keep: bool, part: str | None = None) -> scorer.Candidate:
        return scorer.Candidate(metric, value, "件", "exact", "actual", f"prose-cue:{metric}", 0.9, "own", 0, part,
                                "always", keep, "共收到", "全年共收到", "")
    cands = [cand("litigation.cases", 300, True), cand("litigation.cases", 120, False, "breakdown"),
             cand("reconsideration.received", 50, True), cand("reconsideration.received", 7, False)]
    full = scorer.features(cands, "annual_report", False)
    weights, threshold = fitted["weights"], fitted["threshold"]
    expected = [c.rule_keep and scorer.probability(f, weights) >= threshold for c, f in zip(cands, full, strict=True)]
    assert scorer.decide(cands, "annual_report", False) == expected
    assert scorer.features(cands, "annual_report", False, [c.rule_keep for c in cands])[0] == full[0]


def test_token_filter_by_strip_is_the_regex_test() -> None:
    words = [w for w in _random_texts("+#&._%-a9行", 20000, 5, 10) if tok._HAN_BLOCK.fullmatch(w)]
    assert sum(not tok._CJK_OR_ALNUM.search(w) for w in words) > 100  # words of marks alone are there
    for w in words:
        assert bool(w.strip(tok._BLOCK_MARKS)) == bool(tok._CJK_OR_ALNUM.search(w)), w



def test_figure_matches_drop_only_lone_numerals(monkeypatch: pytest.MonkeyPatch) -> None:
    """``_figure_matches`` leaves out of NUMBER_RX.finditer's matches only one-character numerals without a unit
    (never figures), so find_numbers finds what it found over every match."""
    rng = random.Random(12)
    alphabet = [*"0123456789,.百分之零〇一二两三四五六七八九十千万亿余多件次人%％﹪以上内下左右元第每个项进步是中 ", "٣", "５"]
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(20000)]
    texts += [norm.normalise(t).text for t in _gold_texts()]

    def key(ms: list[re.Match[str]]) -> list[tuple]:
        return [(m.span(), tuple(m.groups())) for m in ms]

    dropped = 0
    for text in texts:
        every, got = list(numbers.NUMBER_RX.finditer(text)), list(numbers._figure_matches(text))
        left_out = set(key(every)) - set(key(got))
        assert set(key(got)) <= set(key(every)), text
        n = numbers.NUMBER_RX.groupindex["num"] - 1  # the numeral's group; every group after it is empty
        assert all(span[1] - span[0] == 1 and groups[n] in numbers.CN_DIGITS and groups[n] != "百"
                   and not any(groups[n + 1:]) for span, groups in left_out), text
        dropped += len(left_out)
    assert dropped > 1000
    fast = [numbers.find_numbers(t) for t in texts]
    monkeypatch.setattr(numbers, "_figure_matches", numbers._matches)
    assert fast == [numbers.find_numbers(t) for t in texts]


_OLD_NOT_REPORT_YEAR = re.compile(
    r"(?<!\d)(?:20[0-4]\d|19[89]\d)\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|"
    r"(?<!\d)(?:20[0-4]\d|19[89]\d)\s*年(?:度)?(?:\d{1,2}月)?(?:以来|以前|之前|前|起)|"
    r"(?<!\d)(?:20[0-4]\d|19[89]\d)\s*年[^,。;]{0,6}(?:力争|争取|要|将|目标|翻一番|翻两番|率先|基本建成|全面建成|全面实现)")
_OLD_NOT_A_YEAR = re.compile(r"《[^》]{0,60}》|20\d\d\s*年?\s*[-—–~～至到]+\s*20\d\d\s*年?|\d{4}-\d{1,2}-\d{1,2}")
_OLD_PUBLISH = re.compile(r"(?:发布日期|发布时间|发布时期|成文日期|更新时间|发文日期|印发日期|日期|稿源时间|发稿时间|发表时间"
                          r"|发表于|生成时间|录入时间|(?<![\u4e00-\u9fff])时间|【)\s*[::]?\s*"
                          r"(20[0-4]\d|19[89]\d)\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})")


def test_date_patterns_led_by_their_first_character() -> None:
    texts = _random_texts("20194 年月日度以来起前力争将,。《》-—~至到时间甲:", 30000, 24, 13) + _gold_texts()
    texts += ["2019年以来", "2020年力争", "2009年1月1日起", "《2018年报告》2017-2019年", "2009年至2012年", "2006~2010年",
              "发布时间:2021-03-05",
              "甲时间:2021年3月5日"]
    assert sum(bool(_OLD_NOT_REPORT_YEAR.search(t)) for t in texts) > 50
    for t in texts:
        assert meta_dates._NOT_REPORT_YEAR.sub("", t) == _OLD_NOT_REPORT_YEAR.sub("", t), t
        assert meta_dates._NOT_A_YEAR.sub("", t) == _OLD_NOT_A_YEAR.sub("", t), t
        new, old = meta_dates._PUBLISH.search(t), _OLD_PUBLISH.search(t)
        assert (new and (new.span(), new.groups())) == (old and (old.span(), old.groups())), t


def test_space_row_lines_need_a_last_digit() -> None:
    """Neither row pattern matches a line whose last character before its blanks is not a digit (\\d)."""
    lines = _random_texts("一、信息内容12٣ \t|.)甲+-", 30000, 16, 14)
    assert sum(bool(tables._SPACE_ROW.match(x)) for x in lines) > 100
    for line in lines:
        if not line.rstrip(" \t")[-1:].isdecimal():
            assert tables._SPACE_ROW.match(line) is None and tables._NUMBERS_ROW.match(line) is None, line
