"""政府信息公开工作年度报告: the 2019/2021 template tables (columns add up) and their flattened forms."""

from __future__ import annotations

import random

from bench.synth.body import Block, Built, draw_date, heading, new_doc, render_table, sub_heading
from bench.synth.figures import Doc, trim
from bench.synth.regions import Region, dept_name, gov
from bench.synth.sentences import filler, s_disc
from bench.synth.words import CN_ORD, PROBLEMS

GK_COLS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
GK_RESULTS: tuple[tuple[str, str, float], ...] = (  # (group, row label, weight)
    ("(一)予以公开", "", 0.36),
    ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "", 0.09),
    ("(三)不予公开", "1.属于国家秘密", 0.002),
    ("", "2.其他法律行政法规禁止公开", 0.005),
    ("", "3.危及“三安全一稳定”", 0.005),
    ("", "4.保护第三方合法权益", 0.01),
    ("", "5.属于三类内部事务信息", 0.01),
    ("", "6.属于四类过程性信息", 0.01),
    ("", "7.属于行政执法案卷", 0.005),
    ("", "8.属于行政查询事项", 0.005),
    ("(四)无法提供", "1.本机关不掌握相关政府信息", 0.28),
    ("", "2.没有现成信息需要另行制作", 0.03),
    ("", "3.补正后申请内容仍不明确", 0.02),
    ("(五)不予处理", "1.信访举报投诉类申请", 0.03),
    ("", "2.重复申请", 0.02),
    ("", "3.要求提供公开出版物", 0.005),
    ("", "4.无正当理由大量反复申请", 0.005),
    ("", "5.要求行政机关确认或重新出具已获取信息", 0.005),
    ("(六)其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 0.04),
    ("", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 0.002),
    ("", "3.其他", 0.02),
)


def gk_tables(d: Doc, reg: Region, department: bool) -> tuple[list[list[str]], list[list[str]], list[list[str]]]:
    r = d.rng
    y = d.year
    t1: list[list[str]] = []
    county = reg.level == "county" or department
    if y >= 2021:
        iss = d.sz(8)
        t1 += [["第二十条第(一)项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]]
        if county:
            t1.append(["规章", *r.choice((["/", "/", "/"], ["0", "0", "0"], ["", "", ""]))])
        else:
            t1.append(["规章", str(r.randint(0, 4)), str(r.randint(0, 3)), str(d.sz(6))])
        t1.append(["行政规范性文件", str(iss), str(r.randint(0, iss)), str(iss + d.sz(40))])
        t1 += [["第二十条第(五)项"], ["信息内容", "本年处理决定数量"], ["行政许可", str(d.sz(3000))]]
        t1 += [["第二十条第(六)项"], ["信息内容", "本年处理决定数量"],
               ["行政处罚", str(d.sz(400))], ["行政强制", str(d.sz(20))]]
        t1 += [["第二十条第(八)项"], ["信息内容", "本年收费金额(单位:万元)"],
               ["行政事业性收费", trim(d.sz(300) + r.random(), 2)]]
    else:
        made = d.sz(6)
        t1 += [["第二十条第(一)项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
               ["规章", "0", "0", "0"], ["规范性文件", str(made), str(made), str(made + d.sz(30))]]
        t1 += [["第二十条第(五)项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]]
        for label in ("行政许可", "其他对外管理服务事项"):
            prev, delta = d.sz(200), r.randint(-5, 30)
            t1.append([label, str(prev), f"{delta:+d}" if delta else "0", str(d.sz(2000))])
        t1 += [["第二十条第(六)项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]]
        for label in ("行政处罚", "行政强制"):
            t1.append([label, str(d.sz(100)), "0", str(d.sz(300))])
        t1 += [["第二十条第(八)项"], ["信息内容", "上一年项目数量", "本年增/减"],
               ["行政事业性收费", str(d.sz(10)), "0"]]
        t1 += [["第二十条第(九)项"], ["信息内容", "采购项目数量", "采购总金额"],
               ["政府集中采购", str(d.sz(20)), f"{d.sz(200000)}元"]]

    # 表二: per applicant column, new + carried = results + carried forward
    f = d.fact("disclosure")
    total_new = f["requests"]
    shares = (0.85, 0.08, 0.005, 0.01, 0.03, 0.025)
    new = [0] * 6
    for c in r.choices(range(6), shares, k=total_new):
        new[c] += 1
    carried = [r.randint(0, 2) if (c == 0 or r.random() < 0.1) and r.random() < 0.4 else 0 for c in range(6)]
    forward = [min(new[c] + carried[c], r.randint(0, 3)) if r.random() < 0.35 else 0 for c in range(6)]
    weights = [w for _, _, w in GK_RESULTS]
    matrix = [[0] * 6 for _ in GK_RESULTS]
    for c in range(6):
        for k in r.choices(range(len(GK_RESULTS)), weights, k=new[c] + carried[c] - forward[c]):
            matrix[k][c] += 1

    def row(cells: list[int]) -> list[str]:
        return [str(v) for v in cells] + [str(sum(cells))]

    t2: list[list[str]] = [
        ["(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况"],
        ["自然人", "法人或其他组织", "总计"],
        ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"],
        ["一、本年新收政府信息公开申请数量", *row(new)],
        ["二、上年结转政府信息公开申请数量", *row(carried)],
    ]
    done = [0] * 6
    results = GK_RESULTS if y >= 2021 else (*GK_RESULTS[:18], ("(六)其他处理", "", 0.0))
    for k, (group, label, _) in enumerate(results):
        vals = matrix[k] if k < len(matrix) else [0] * 6
        if y < 2021 and group == "(六)其他处理":
            vals = [sum(matrix[j][c] for j in range(18, len(GK_RESULTS))) for c in range(6)]
        done = [a + b for a, b in zip(done, vals, strict=True)]
        lead = ["三、本年度办理结果"] if k == 0 else []
        t2.append([*lead, *(x for x in (group, label) if x), *row(vals)])
    t2.append(["(七)总计", *row(done)])
    t2.append(["四、结转下年度继续办理", *row(forward)])
    f["answered"] = sum(done)

    # 表三: 行政复议 + 行政诉讼 (未经复议直接起诉 / 复议后起诉), 5 columns each
    def five(scale: int) -> list[int]:
        v = [r.randint(0, scale) if r.random() < 0.5 else 0 for _ in range(4)]
        return [*v, sum(v)]

    big = 1 if county else 4
    t3 = [["行政复议", "行政诉讼"],
          ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
          ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
          [str(v) for v in five(3 * big) + five(2 * big) + five(big)]]
    return t1, t2, t3


def build_gk_annual(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    pick = r.random()
    department = pick >= 0.65
    if pick < 0.5:
        organ = gov(reg)
    elif pick < 0.65:
        organ = gov(reg) + ("办公厅" if reg.level == "province" else "办公室")
    else:
        organ = dept_name(r, reg)
    d = new_doc(r, reg, year, organ, department)
    title = r.choice((f"{organ}{year}年政府信息公开工作年度报告", f"{organ}{year}年度政府信息公开工作年度报告"))
    f = d.fact("disclosure")
    blocks: list[Block] = [Block(
        f"本年度报告根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求编制,"
        f"本报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。", padding_ok=True)]
    table = year >= 2019
    blocks.append(heading(0, "总体情况"))
    blocks.append(sub_heading(0, "主动公开"))
    blocks.append(Block(f"{year}年,{organ}{s_disc(d)[0]}" + filler(d, 1), padding_ok=True))
    blocks.append(sub_heading(1, "依申请公开"))
    blocks.append(Block(f"全年共收到政府信息公开申请{f['requests']}件,均在法定期限内予以答复。" + filler(d, 1)))
    blocks.append(sub_heading(2, "政府信息管理"))
    blocks.append(Block(filler(d, 2), padding_ok=True))
    blocks.append(sub_heading(3, "平台建设"))
    blocks.append(Block(filler(d, 1), padding_ok=True))
    blocks.append(sub_heading(4, "监督保障"))
    blocks.append(Block(f"全年开展政务公开培训{r.randint(1, 12)}次。" + filler(d, 1), padding_ok=True))
    if table:
        style = r.choices(("pipes", "pipes2", "cells_blank", "cells", "tabs"), (0.45, 0.1, 0.2, 0.15, 0.1))[0]
        t1, t2, t3 = gk_tables(d, reg, department)
        blocks.append(heading(1, "主动公开政府信息情况"))
        blocks.append(Block(render_table(t1, style), prose=False))
        blocks.append(heading(2, "收到和处理政府信息公开申请情况"))
        blocks.append(Block(render_table(t2, style), prose=False))
        blocks.append(heading(3, "政府信息公开行政复议、行政诉讼情况"))
        blocks.append(Block(render_table(t3, style), prose=False))
        d.has_table = True
    else:  # 2008-2018 style: prose only
        granted = int(f["requests"] * r.uniform(0.5, 0.9))
        blocks.append(heading(1, "主动公开政府信息情况"))
        blocks.append(Block(f"{year}年,通过政府网站、政务微博等渠道主动公开政府信息{f['proactive']}条。"
                            + filler(d, 1)))
        blocks.append(heading(2, "依申请公开政府信息和不予公开政府信息情况"))
        blocks.append(Block(f"全年共受理政府信息公开申请{f['requests']}件,其中同意公开{granted}件,"
                            f"部分公开{(f['requests'] - granted) // 2}件,不予公开{(f['requests'] - granted) // 4}件。"))
        blocks.append(heading(3, "因政府信息公开申请行政复议、提起行政诉讼的情况"))
        blocks.append(Block(f"全年因政府信息公开被申请行政复议{r.randint(0, 3)}件,被提起行政诉讼{r.randint(0, 2)}件。"))
    blocks.append(heading(4, "存在的主要问题及改进情况"))
    blocks.append(Block(f"{year}年,我{'单位' if department else reg.word}政府信息公开工作仍存在一些问题:"
                        + ";".join(f"{CN_ORD[j]}是{p}" for j, p in enumerate(r.sample(PROBLEMS, 2))) + "。"
                        + filler(d, 2), padding_ok=True))
    blocks.append(heading(5, "其他需要报告的事项"))
    blocks.append(Block(r.choice(("本年度未收取信息处理费。",
                                  "依据《政府信息公开信息处理费管理办法》收取信息处理费0元。",
                                  "无其他需要报告的事项。"))))
    date = draw_date(r, year + 1, (1, 3))
    return Built(title, "annual_report", organ, date, blocks, table=table), d
