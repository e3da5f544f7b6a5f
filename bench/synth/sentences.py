"""Figure sentences, target sentences and filler prose drawn from the phrase lists."""

from __future__ import annotations

import functools
import random
from collections.abc import Callable

from bench.synth.figures import Doc, cn4
from bench.synth.regions import Region
from bench.synth.words import ACTS, EFFS, MEANS, OBJS, PRINCIPLES


def s_recon(d: Doc) -> list[str]:
    f = d.fact("reconsideration")
    n = d.num
    out = [d.rng.choice((
        (f"全年共收到行政复议申请{n(f['received'], '件', False)},受理{f['accepted']}件,审结{f['concluded']}件,"
        f"结案率{d.pct(d.rate(f['concluded'], f['accepted']))}。"),
        (f"共收到行政复议申请{f['received']}件,依法受理{f['accepted']}件,不予受理{f['not_accepted']}件;"
        f"审结{f['concluded']}件,结案率达{d.pct(d.rate(f['concluded'], f['accepted']))}。"),
        (f"全年新收行政复议案件{f['received']}件,上年结转{f['carried']}件,已办结{f['concluded']}件,"
        f"办结率{d.pct(d.rate(f['concluded'], f['accepted']))}。"),
        f"依法办理行政复议案件{n(f['accepted'], '件')}。",
    ))]
    if d.rng.random() < 0.6 and f["concluded"] > 0:
        out.append(
            f"审结的案件中,维持{f['upheld']}件,驳回{f['rejected']}件,撤销、变更、确认违法或责令履行{f['corrected']}件,"
            f"经调解和解后申请人撤回{f['settled']}件,纠错率{d.pct(d.rate(f['corrected'], f['concluded']))}。")
    return out


def s_lit(d: Doc) -> list[str]:
    f = d.fact("litigation")
    return [d.rng.choice((
        f"全年发生行政诉讼案件{f['cases']}件,败诉{f['lost']}件,败诉率{d.pct(d.rate(f['lost'], f['cases']))}。",
        f"办理行政应诉案件{d.num(f['cases'], '件')},行政机关负责人出庭应诉率达{d.pct(f['head_rate'])}。",
        (f"行政机关负责人出庭应诉{f['appear']}人次,出庭应诉率{d.pct(f['head_rate'])},"
         f"同比提高{d.rng.randint(1, 9)}个百分点。"),
        (f"以{d.organ}为被告的一审行政诉讼案件{f['cases']}件,其中败诉{f['lost']}件,"
        f"行政机关负责人出庭应诉率{d.pct(f['head_rate'])}。"),
    ))]


def s_med(d: Doc) -> list[str]:
    f = d.fact("mediation")
    w, u = d.region.word, f["unit"]
    return [d.rng.choice((
        (f"全{w}{f['orgs']}个人民调解组织共排查调处各类矛盾纠纷{f['disputes']}{u},调解成功{f['resolved']}{u},"
        f"调解成功率达{d.pct(d.rate(f['resolved'], f['disputes']))}。"),
        f"累计调处矛盾纠纷{d.num(f['disputes'], u)},调解成功率达{d.pct(d.rate(f['resolved'], f['disputes']))}。",
        (f"开展矛盾纠纷排查{d.rng.randint(4, 40)}次,化解矛盾纠纷{d.num(f['disputes'], u)},"
         f"防止民转刑案件{d.rng.randint(0, 9)}起。"),
    ))]


def s_aid(d: Doc) -> list[str]:
    f = d.fact("legal_aid")
    out = [d.rng.choice((
        f"全年共办理法律援助案件{d.num(f['cases'], '件')},为受援人挽回经济损失{d.money(f['money'])}。",
        (f"受理法律援助案件{f['cases']}件,其中刑事法律援助案件{int(f['cases'] * 0.4)}件,"
         f"提供法律咨询{d.num(f['consult'], '人次')}。"),
        f"办理法律援助案件{f['cases']}件,法律顾问为群众提供法律服务{d.num(f['consult'], '件次')}。",
    ))]
    return out


def s_disc(d: Doc) -> list[str]:
    f = d.fact("disclosure")
    return [d.rng.choice((
        (f"全年主动公开政府信息{d.num(f['proactive'], '条')},受理政府信息公开申请{f['requests']}件,"
         "均在法定期限内答复办结。"),
        f"通过政府门户网站主动公开各类政府信息{f['proactive']}条,办结依申请公开{f['requests']}件。",
        f"主动公开政府信息{d.num(f['proactive'], '条')}。",
    ))]


def s_norm(d: Doc) -> list[str]:
    f = d.fact("normdocs")
    issued = max(1, int(f["reviewed"] * 0.6))
    return [d.rng.choice((
        f"全年审查规范性文件{f['reviewed']}件,报送备案{issued}件,报备率{d.pct(f['filing_rate'])}。",
        f"制定出台规范性文件{issued}件,全部按规定报送备案,报备率、及时率和规范率均为100{d.pct_sign}。",
        f"对{d.num(f['reviewed'], '件')}规范性文件进行合法性审查,提出修改意见{d.rng.randint(5, 90)}条。",
        f"集中清理规范性文件{f['cleaned']}件,废止{f['cleaned'] // 4}件,修改{f['cleaned'] // 6}件。",
    ))]


def s_dec(d: Doc) -> list[str]:
    f = d.fact("decisions")
    h = f["hearings"]
    hs = cn4(h) if h and d.rng.random() < 0.3 else str(h)
    return [d.rng.choice((
        f"组织重大行政决策听证会{hs}次,对{f['major']}项重大行政决策事项进行合法性审查。",
        f"将{f['major']}项事项纳入重大行政决策事项目录,严格履行公众参与、专家论证、风险评估、合法性审查、集体讨论决定等法定程序。",
    ))]


def s_con(d: Doc) -> list[str]:
    f = d.fact("contracts")
    return [d.rng.choice((
        f"审查政府合同{f['reviewed']}份,涉及金额{d.money(f['amount'])}。",
        f"法律顾问参与审查各类合同{d.num(f['reviewed'], '件')},提出法律意见{d.rng.randint(20, 400)}条。",
    ))]


def s_enf(d: Doc) -> list[str]:
    f = d.fact("enforcement")
    w = d.region.word
    return [d.rng.choice((
        f"全年查处各类行政执法案件{d.num(f['cases'], '件')},作出行政处罚决定{int(f['cases'] * 0.7)}件。",
        f"组织行政执法人员培训{d.num(f['trained'], '人次')},全{w}持证执法人员{f['certified']}人。",
        f"开展行政执法案卷评查,抽查案卷{f['files']}卷,发现问题{d.rng.randint(5, 60)}个,均已督促整改。",
        f"全{w}具有行政执法资格的人员{f['certified']}人,办理行政处罚案件{f['cases']}件。",
    ))]


def s_train(d: Doc) -> list[str]:
    f = d.fact("training")
    k = f["lectures"]
    ks = cn4(k) if d.rng.random() < 0.3 else str(k)
    return [d.rng.choice((
        f"全年举办法治讲座{ks}次,组织{f['exam']}名国家工作人员参加学法用法考试,参考率100{d.pct_sign}。",
        f"组织政府常务会议学法{ks}次,举办领导干部法治专题讲座{d.rng.randint(1, 6)}场。",
        f"坚持领导干部会前学法制度,全年开展集体学法{ks}次。",
    ))]


def s_pet(d: Doc) -> list[str]:
    f = d.fact("petitions")
    return [d.rng.choice((
        f"全年共受理信访事项{d.num(f['cases'], '件')},按期办结率{d.pct(d.rng.uniform(95, 100))}。",
        f"受理群众来信来访{f['cases']}件(批次),化解信访积案{d.rng.randint(1, 40)}件。",
    ))]


def s_serv(d: Doc) -> list[str]:
    f = d.fact("services")
    return [d.rng.choice((
        f"政务服务事项网上可办率达{d.pct(f['online'])},办结率达{d.pct(f['done'])}。",
        f"{f['items']}项政务服务事项实现“最多跑一次”,政务服务办结率{d.pct(f['done'])}。",
    ))]


def s_lic(d: Doc) -> list[str]:
    f = d.fact("licensing")
    return [f"全年办理行政许可事项{d.num(f['decisions'], '件')},群众满意率{d.pct(d.rng.uniform(97, 100))}。"]


def s_sup(d: Doc) -> list[str]:
    f = d.fact("supervision")
    return [f"办理人大代表建议{f['nprc']}件、政协委员提案{f['cppcc']}件,办复率100{d.pct_sign}。"]


SENTENCES: dict[str, Callable[[Doc], list[str]]] = {
    "reconsideration": s_recon, "litigation": s_lit, "mediation": s_med, "legal_aid": s_aid,
    "disclosure": s_disc, "normdocs": s_norm, "decisions": s_dec, "contracts": s_con,
    "enforcement": s_enf, "training": s_train, "petitions": s_pet, "services": s_serv,
    "licensing": s_lic, "supervision": s_sup,
}


def targets(d: Doc, k: int) -> list[str]:
    """Goal sentences as plans write them (kind = target)."""
    r = d.rng
    s = d.pct_sign
    pool = (
        f"行政机关负责人出庭应诉率不低于{r.choice((80, 85, 90, 95))}{s}",
        f"行政机关负责人出庭应诉率达到100{s}",
        f"行政诉讼败诉率低于{r.choice((5, 8, 10, 15))}{s}",
        f"行政诉讼败诉率控制在{r.choice((5, 10))}{s}以内",
        f"每年至少举办{r.randint(2, 4)}次以上法治讲座",
        f"全年组织政府常务会议学法不少于{cn4(r.choice((4, 6, 12)))}次",
        f"规范性文件报备率、及时率、规范率达到100{s}",
        f"人民调解成功率达到{r.choice((95, 96, 98))}{s}以上",
        f"行政复议案件结案率达到{r.choice((90, 95))}{s}以上",
        f"政务服务事项办结率达到100{s}",
        f"行政执法人员每人每年接受法律知识培训不少于{r.choice((40, 60))}学时",
        f"力争全年办理法律援助案件{d.sz(300, 20) // 10 * 10}件以上",
        f"主动公开政府信息不少于{d.sz(3000, 100) // 100 * 100}条",
        f"矛盾纠纷排查化解率达到{r.choice((95, 98))}{s}以上",
    )
    picks = r.sample(range(len(pool)), min(k, len(pool)))
    lead = ("确保", "力争", "要求", "实现", "目标是")
    return [f"{r.choice(lead)}{pool[i]}。" for i in picks]


def filler_sentence(r: random.Random, word: str = "{w}") -> str:
    """One sentence of generic 法治 prose from the phrase lists."""
    t = r.randrange(8)
    if t == 0:
        return f"{r.choice(ACTS)}{r.choice(OBJS)},{r.choice(EFFS)}。"
    if t == 1:
        return f"坚持{r.choice(PRINCIPLES)},{r.choice(ACTS)}{r.choice(OBJS)},{r.choice(ACTS)}{r.choice(OBJS)}。"
    if t == 2:
        return (f"一是{r.choice(ACTS)}{r.choice(OBJS)};二是{r.choice(ACTS)}{r.choice(OBJS)};"
                f"三是{r.choice(ACTS)}{r.choice(OBJS)}。")
    if t == 3:
        m1, m2 = r.sample(MEANS, 2)
        return f"通过{m1}、{m2}等方式,{r.choice(EFFS)}。"
    if t == 4:
        a1, a2 = r.choice(ACTS), r.choice(ACTS)
        return f"全{word}上下{a1}{r.choice(OBJS)},{a2}{r.choice(OBJS)},{r.choice(EFFS)}。"
    if t == 5:
        return f"把{r.choice(OBJS)}作为{r.choice(('重要抓手', '重点任务', '关键环节', '基础工程'))},{r.choice(EFFS)}。"
    if t == 6:
        return f"{r.choice(MEANS)},{r.choice(ACTS)}{r.choice(OBJS)}工作落地见效。"
    return f"围绕{r.choice(OBJS)},{r.choice(ACTS)}{r.choice(OBJS)},推动{r.choice(OBJS)}走深走实。"


POOL_SIZE = 1 << 15
POOL_SEED = 20150101  # fixed: the pool is the same for every run and every seed


@functools.lru_cache(maxsize=1)
def sentence_pool() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Pre-drawn filler sentences (~0.1 s once); drawing them per use was half the run time.

    Returns (plain, regional); regional ones hold "{w}" for 全县/全市/… .
    """
    r = random.Random(POOL_SEED)
    drawn = [filler_sentence(r) for _ in range(POOL_SIZE)]
    return tuple(x for x in drawn if "{w}" not in x), tuple(x for x in drawn if "{w}" in x)


def filler(d: Doc, k: int | None = None) -> str:
    """k (default 2-5) generic sentences; about one in eight names the place level (全县上下…)."""
    r = d.rng
    plain, regional = sentence_pool()
    n_plain, n_regional = len(plain), len(regional)
    out = []
    for _ in range(k or 2 + int(r.random() * 4)):
        x = r.random()
        if x < 0.125:
            out.append(regional[int(x * 8 * n_regional)].replace("{w}", d.region.word))
        else:
            out.append(plain[int((x - 0.125) / 0.875 * n_plain)])
    return "".join(out)


def ideology(year: int) -> str:
    """The guiding-thought formula of the year, so old and new reports read differently."""
    if year <= 2016:
        return ("坚持以邓小平理论、“三个代表”重要思想、科学发展观为指导,"
                "深入贯彻党的十八大和十八届三中、四中、五中全会精神")
    if year <= 2019:
        return "坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的十九大精神"
    if year <= 2022:
        return "坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想"
    return "坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻党的二十大精神,深入学习贯彻习近平法治思想"


def leaders(region: Region) -> str:
    w = region.word
    if w == "地区":
        return "地委、行署"
    if w == "盟":
        return "盟委、行署"
    return f"{w}委、{w}政府"
