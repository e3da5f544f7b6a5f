"""Wordings the reviews of session 11's rules and its blind batches showed them getting wrong: what is read and what is not.

Each sentence is written from how these reports phrase a figure (not copied from a labelled text).
"""

from __future__ import annotations

import pytest

from etl.extract.pipeline import process_text


def figures(text: str) -> set[tuple[str, float]]:
    return {(f.metric, f.value) for d in process_text(text) for f in d.figures}


@pytest.mark.parametrize("text, expected", [
    # a review's outcome in the sentence before, or other acts counted beside, leave a penalty count the organ's own
    ("全年办理行政复议案件12件,其中维持10件。全年作出行政处罚决定356件。", ("enforcement.penalty_decisions", 356)),
    ("全年共办理行政许可1200件、行政确认35件,作出行政处罚决定356件。", ("enforcement.penalty_decisions", 356)),
    ("全年办理行政复议案件12件,其中维持10件。全年查处各类违法案件356件。", ("enforcement.cases", 356)),
    # documents and contracts each with its own count: the contracts' count stays
    ("全县审查规范性文件15件、合同20件。", ("contracts.reviewed", 20)),
    # law study by a legal-aid body's own staff, or on the legal aid law, is law study
    ("县法律援助中心组织干部职工集中学法12次。", ("training.law_lectures", 12)),
    ("围绕法律援助法实施,县政府常务会议开展会前学法4次。", ("training.law_lectures", 4)),
])
def test_what_the_first_review_keeps(text: str, expected: tuple[str, float]) -> None:
    assert expected in figures(text)


@pytest.mark.parametrize("text, expected", [
    # 涉嫌 (suspected) names the whole caseload, not a subject category
    ("全年共立案查处涉嫌违法案件126件,查结涉嫌违法案件118件。", ("enforcement.cases", 126)),
    # penalties decided, written with 的
    ("全年共立案1200件,作出行政处罚的案件860件。", ("enforcement.penalty_decisions", 860)),
])
def test_what_the_second_review_keeps(text: str, expected: tuple[str, float]) -> None:
    assert expected in figures(text)


def test_yao_in_a_bulletins_name_sets_no_goal() -> None:
    got = {(f.metric, f.kind) for d in process_text("2022年,我局通过政府网站公开政务要情、工作动态等信息1200条。")
           for f in d.figures}
    assert got == {("disclosure.proactive_items", "actual")}


@pytest.mark.parametrize("text, absent", [
    # acts disputed in the requests, however sorted: no penalty, no coercive measure, no intake count
    ("收到的行政复议申请中,行政处罚15件,行政强制5件,行政确认6件。",
     {"enforcement.penalty_decisions", "enforcement.coercive_measures", "reconsideration.received"}),
    # a bare 一审 clause after a loss count is the losses'
    ("全县行政诉讼败诉案件6件,其中,一审4件。", {"litigation.cases"}),
    # a review's requests carried forward are no disclosure requests
    ("全年收到行政复议申请50件,审结45件,5件结转下年度办理。", {"disclosure.requests_carried_forward"}),
    # requests carried forward to be answered are not answered
    ("全年收到政府信息公开申请20件,已答复17件,3件结转下年度继续答复。", {("disclosure.requests_answered", 3)}),
])
def test_what_the_first_review_drops(text: str, absent: set) -> None:
    got = figures(text)
    assert not absent & ({m for m, _ in got} | got)


def test_a_rate_under_a_heading_that_names_its_area() -> None:
    """The section heading above names the area for a rate as it does for a count (batch-38 development half)."""
    text = ("某某市人民政府关于2021年度法治政府建设情况的报告\n二、办理行政复议案件情况\n"
            "市司法局介绍,2021年度全市各级机关共办理案件813件,同比增长65%,创历史新高,审结案件728件,办理质效稳步提升。\n"
            "以确认违法、撤销、变更、责令履行等直接纠错69件,直接纠错率为9.48%。\n")
    assert ("reconsideration.correction_rate", 9.48) in figures(text)


def test_a_sectors_own_administrative_cases_are_no_lawsuits() -> None:
    """水/林业/治安行政案件 a bureau handles are its enforcement cases, not suits against it (batch-39 development half)."""
    got = figures("某某县水利局2022年法治政府建设工作报告\n全年共办理水行政案件3件,罚款2万元。")
    assert not {m for m, _ in got} & {"litigation.cases"}
    # the kinds of an organ's own acts listed before 等其他行政案件 are its enforcement categories (a statistics report)
    got = figures("某市2024年行政执法工作情况报告\n全市共完成行政许可案件3100件,行政强制、行政征收、行政确认、行政给付等其他"
                  "行政案件9360件。")
    assert ("litigation.cases", 9360) not in got
    assert ("litigation.cases", 75) in figures("某市2024年法治政府建设年度报告\n全年共办理行政诉讼案件75件。")
    # …but suits over those kinds of acts are suits (县政府作为被告应诉涉及行政处罚、行政强制…等行政案件)
    sued = figures("某县人民政府2023年法治政府建设年度报告\n全年县政府作为被告应诉涉及行政处罚、行政强制、行政征收等行政案件"
                   "86件,行政机关负责人出庭应诉率100%。")
    assert ("litigation.cases", 86) in sued


def test_a_change_opening_its_clause_is_no_count() -> None:
    """减少行政立案9件: by how much the filings fell, not a count of cases (batch-39 development half)."""
    got = figures("某县人民法院行政审判工作情况\n截至目前共接待咨询18人次,减少行政立案9件。")
    assert not [v for m, v in got if v == 9]


@pytest.mark.parametrize("text, expected", [
    # the level reached after a change is a count (third review)
    ("全年受理行政复议案件:下降至45件。", ("reconsideration.accepted", 45)),
    # a legal-aid body's referral window is no referral count
    ("县法律援助中心依托便民服务指引窗口办理法律援助案件360件。", ("legal_aid.cases", 360)),
    # the total of what was published, named with 相关/各类
    ("全年通过县政府门户网站主动公开各类相关信息1523条。", ("disclosure.proactive_items", 1523)),
])
def test_what_the_third_review_keeps(text: str, expected: tuple[str, float]) -> None:
    assert expected in figures(text)


@pytest.mark.parametrize("text, absent", [
    # a rate whose own sentences name another area takes no area from the heading above (third review)
    ("五、行政复议和行政应诉工作\n全县各级行政机关高度重视行政应诉工作,不断提升应诉能力和水平。"
     "全县行政机关作为被告的行政诉讼案件42件,已审结38件,结案率90.5%。", {"reconsideration.conclusion_rate"}),
    # a sector's enforcement cases, however handled, are no lawsuits
    ("县林业局全年共查结林业行政案件36起。", {"litigation.cases"}),
    ("县交通运输局全年办理交通运输行政案件320件。", {"litigation.cases"}),
    # a review's share closed by settlement is no conclusion rate
    ("行政复议调解和解结案率达35%。", {"reconsideration.conclusion_rate"}),
    # a change against last year is no count
    ("全年受理行政复议案件45件,与上年相比减少行政复议案件9件。", {("reconsideration.accepted", 9)}),
])
def test_what_the_third_review_drops(text: str, absent: set) -> None:
    got = figures(text)
    assert not absent & ({m for m, _ in got} | got)


def test_goods_seized_are_no_enforcement_cases() -> None:
    """查获…卷烟 N件 counts seized goods by the piece; the cases are the 查处…案件 before them."""
    got = figures("某市烟草专卖局2023年法治政府建设年度报告\n全年共查处涉烟案件312起,查获各类违法卷烟4765件,案值336万元。")
    assert ("enforcement.cases", 312) in got
    assert ("enforcement.cases", 4765) not in got
    other = figures("某县烟草专卖局2023年工作总结\n全年共查处涉烟违法案件86起,查扣违法卷烟1206件,查获假烟、私烟306件。")
    assert {v for m, v in other if m == "enforcement.cases"} == {86}


def test_a_courts_first_instance_intake_said_as_shou_an() -> None:
    """受案 is the courts' word for cases taken in (一审受案4656件、结案3478件)."""
    got = figures("某省2023年行政审判工作情况\n今年以来,全省法院受理的各类行政诉讼案件中,一审受案465件、结案347件。")
    assert ("litigation.cases", 465) in got


def test_law_study_of_the_lower_party_committees_is_theirs() -> None:
    """全县各级党委(党组)专题学习法律100余场次 adds up the lower committees' sessions, not the organ's own law study."""
    got = figures("某县2023年法治政府建设年度报告\n县政府常务会议会前学法12次,全县各级党委(党组)专题学习法律100余场次。")
    assert ("training.law_lectures", 12) in got
    assert ("training.law_lectures", 100) not in got


def test_the_share_of_a_loss_count_is_the_loss_rate() -> None:
    """判决行政机关败诉的1121件,占8.17%: the share after a count that names the losses is the loss rate."""
    got = figures("某省2023年行政审判情况\n全省各级法院受理各类行政案件2162件,判决行政机关败诉的112件,占5.18%。")
    assert ("litigation.lost", 112) in got
    assert ("litigation.loss_rate", 5.18) in got


def test_a_share_clause_is_read_with_the_clause_before_it() -> None:
    """负责人出庭应诉的87件,占诉讼案件的21.75%: the share names its numerator in the clause before; 占比 (a share among the
    losses themselves) is no rate."""
    got = figures("某市2023年行政应诉工作情况\n全年共办理行政诉讼案件400件,行政机关负责人出庭应诉的87件,占诉讼案件的21.75%。")
    assert ("litigation.head_appearance_rate", 21.75) in got
    spread = figures("某省2023年行政审判情况\n全省行政机关败诉率为16.3%,县级政府部门和乡镇政府合计败诉案件1531件,占比57.1%。")
    assert {v for m, v in spread if m == "litigation.loss_rate"} == {16.3}


def test_the_share_of_corrections_said_as_jiuzheng_is_the_correction_rate() -> None:
    """纠正(含撤销、变更…)原行政行为的942件,占结案数的7.3%: 纠正 names the corrections as 纠错 does."""
    got = figures("某省2012年行政复议工作情况\n全省审结行政复议案件1290件,纠正(含撤销、变更、确认违法、责令履行)原行政行为的94件,"
                  "占结案数的7.3%。")
    assert ("reconsideration.correction_rate", 7.3) in got


_COURTS = "某省2023年行政审判白皮书\n全省法院审结一审行政案件12000件,行政机关败诉1800件,败诉率15%。"


@pytest.mark.parametrize("text, rates", [
    # a share of the losses themselves, of another place's, of a part (其中), of another year: no rate of its own
    (_COURTS + "其中以县级政府为被告的败诉案件620件,占败诉案件总数的34.4%。", {("litigation.loss_rate", 15)}),
    (_COURTS + "县级政府部门和乡镇政府合计败诉案件1531件,占全部败诉案件的85.1%。", {("litigation.loss_rate", 15)}),
    ("杭州市2023年法治政府建设年度报告\n全市法院审结行政案件1500件,行政机关败诉案件90件,占全省的7.2%。", set()),
    ("某市2023年法治政府建设年度报告\n全年共办理行政诉讼案件400件,行政机关负责人出庭应诉306件,其中主要负责人出庭应诉26件,"
     "占出庭应诉案件的8.5%。", set()),
    ("某县2023年法治政府建设年度报告\n全年判决行政机关败诉12件,2022年败诉20件,占10%。", set()),
    ("某市2023年行政复议工作报告\n全年审结行政复议案件1000件,决定维持、驳回等不予纠正的案件600件,占审结案件的60%。", set()),
    ("某省2023年行政审判白皮书\n全省判决行政机关败诉1800件,占15%,其中一审判决败诉1200件,占一审结案的12%。",
     {("litigation.loss_rate", 15)}),
])
def test_shares_that_are_no_rate_of_the_count_before(text: str, rates: set) -> None:
    got = {(m, v) for m, v in figures(text) if m.endswith("_rate")}
    assert got == rates
