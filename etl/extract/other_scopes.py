"""Whether a sentence gives another, wider scope's figures: the nation's (全国…) or, in a county's or town's report, the
province's (全省法院共受理…). A comparison with that scope (居全国前列, 低于全省均值), a distinction (在全国率先), an honour
or a drive it runs (申报全国先进司法所, 按照全省统一部署) and an audience from across it (为全国各地群众) name no other
scope for the figures around them."""

from __future__ import annotations

import re

_ELSEWHERE = re.compile(r"全国|全世界|国务院各部门")


def _compared_with(scope: str, own_words: str) -> re.Pattern[str]:
    """A ranking or comparison against a wider scope (居全国前列, 低于全省均值): it names no other scope for the
    figures around it."""
    rank = "前列|前茅|第[一二三四五六七八九十\\d]+|领先"
    return re.compile(f"(?:居|位居|居于|位列|列|走在|名列)(?:{scope})[^,。;]{{0,4}}(?:{rank})|"
                      f"(?:高于|低于|超过|优于|好于|略高于|略低于)(?:{scope})[^,。;]{{0,6}}(?:均值|平均(?:水平|值|数)?|水平)|"
                      f"(?:{scope})(?:{own_words})")


# a comparison with the nation (居于全国前列, 低于全国均值, 全国第一) names no other scope for the figures around it
_COMPARED_WITH_NATION = _compared_with("全国", "前列|领先|均值|平均水平|率先|首个|首家|首创|"
                                                "第[一二三四五六七八九十\\d]+(?![审次批期届])")
# people from across the nation (为全国各地群众, 来自全国各地的律师), a national honour sought or won (申报全国先进司法所)
# and a national drive (全国安全生产大检查期间) name no other scope for the figures after them (a national meeting's or
# ceremony's figures stay the nation's)
_NATION_NAMES_NO_SCOPE = re.compile(r"全国各地(?=[^,。;]{0,4}(?:群众|当事人|来电|网民|律师|游客|企业))|"
                                    r"(?:获评|荣获|评为|被评为|申报|创建|争创|入选)[^,。;]{0,6}全国|"
                                    r"全国(?=[^,。;、]{0,8}(?:大检查|统一部署|宪法日|法治宣传日))")
# a county's or town's report quoting its province (全省法院共受理…): never the county's own figure
_PROVINCE_WIDE = re.compile(r"全(?:省|自治区)")
# …but the county's own figure after an honour, a drive or a test the province runs (获评全省…先进, 按照全省统一部署)
_PROVINCE_HONOUR = re.compile(r"评为|获评|荣获|示范|先进|部署|试点|考核|唯一|排名|表彰")
_COMPARED_WITH_PROVINCE = _compared_with("全省|全自治区",
                                         "前列|领先|均值|平均水平|率先|首个|首家|第[一二三四五六七八九十\\d]+")


def names_the_nation(sentence_left: str) -> bool:
    """The sentence before the number speaks of the nation's figures (a national organ's own report aside)."""
    return bool(_ELSEWHERE.search(_NATION_NAMES_NO_SCOPE.sub("", _COMPARED_WITH_NATION.sub("", sentence_left))))


def quotes_the_province(left: str, sentence_left: str) -> bool:
    """The number's clause gives the province's figure (in a county's or town's report)."""
    return bool(_PROVINCE_WIDE.search(_COMPARED_WITH_PROVINCE.sub("", left))) and not _PROVINCE_HONOUR.search(sentence_left)
