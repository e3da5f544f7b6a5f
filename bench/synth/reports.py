"""Builders of the prose documents: 法治政府建设年度报告, plans, 复议/调解/法律援助 reports, briefings."""

from __future__ import annotations

import random

from bench.synth.body import Block, Built, draw_date, heading, new_doc, render_table, sub_heading
from bench.synth.figures import Doc
from bench.synth.regions import Region, dept_name, gov, justice, region_name
from bench.synth.sentences import (
    SENTENCES,
    filler,
    ideology,
    leaders,
    s_aid,
    s_lit,
    s_med,
    s_recon,
    s_train,
    targets,
)
from bench.synth.words import ACTS, CN_ORD, EFFS, OBJS, PROBLEMS, TOPICS


def build_fz_annual(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    department = r.random() < 0.2
    organ = dept_name(r, reg) if department else gov(reg)
    d = new_doc(r, reg, year, organ, department)
    who = organ if department else region_name(r, reg)
    title = r.choice((
        f"{who}{year}年法治政府建设年度报告",
        f"{who}{year}年度法治政府建设年度报告",
        f"{who}关于{year}年法治政府建设情况的报告",
        f"{who}{year}年度法治政府建设工作情况报告",
        f"{who}{year}年依法行政工作总结" if year <= 2019 else f"{who}{year}年法治政府建设工作报告",
        f"{organ}关于法治政府建设工作情况的报告",
    ))
    blocks: list[Block] = [Block(
        f"{year}年,{who}在{leaders(reg)}的坚强领导下,{ideology(year)},{filler(d, 1)[:-1]},"
        f"法治政府建设各项工作取得积极成效。现将有关情况报告如下:", padding_ok=True)]
    heads = (f"{year}年法治政府建设主要举措和成效", "主要工作及成效", "推进法治政府建设的主要举措")
    blocks.append(heading(0, r.choice(heads)))
    topics = sorted(r.sample(range(len(TOPICS)), r.randint(4, len(TOPICS))))
    for i, ti in enumerate(topics):
        name, groups = TOPICS[ti]
        blocks.append(sub_heading(i, name))
        sents = [s for g in groups if r.random() < 0.8 for s in SENTENCES[g](d)]
        para = filler(d, r.randint(1, 3))
        cut = r.randint(0, len(sents))
        blocks.append(Block(filler(d, 1) + "".join(sents[:cut]) + para + "".join(sents[cut:]), padding_ok=True))
    k = 1
    blocks.append(heading(k, "存在的不足和原因"))
    blocks.append(Block(f"{year}年,我{reg.word}法治政府建设虽然取得了一定成效,但仍存在一些不足:"
                        + ";".join(f"{CN_ORD[j]}是{p}" for j, p in enumerate(r.sample(PROBLEMS, 3))) + "。",
                        padding_ok=True))
    if year >= 2019 and not department:
        k += 1
        blocks.append(heading(k, "党政主要负责人履行推进法治建设第一责任人职责情况"))
        blocks.append(Block(filler(d, 2) + "".join(s_train(d)), padding_ok=True))
    k += 1
    blocks.append(heading(k, f"{year + 1}年推进法治政府建设的主要安排"))
    blocks.append(Block(filler(d, 2) + "".join(targets(d, r.randint(1, 3))), padding_ok=True))
    date = draw_date(r, year + 1, (1, 3)) if r.random() < 0.85 else draw_date(r, year, (12, 12))
    return Built(title, "annual_report", organ, date, blocks), d


def build_plan(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    organ = gov(reg) if r.random() < 0.7 else justice(reg)
    d = new_doc(r, reg, year, organ, False)
    who = region_name(r, reg)
    kind = r.choice(("工作要点", "实施方案", "工作计划"))
    topic = r.choice(("法治政府建设", "依法行政", "法治政府建设", "行政复议", "人民调解"))
    title = {
        "工作要点": f"{who}{year}年{topic}工作要点",
        "实施方案": f"{who}{year}年{topic}实施方案",
        "工作计划": f"{who}{year}年{topic}工作计划",
    }[kind]
    blocks: list[Block] = []
    if r.random() < 0.4:
        short = f"{reg.abbr}政办发〔{year}〕{r.randint(1, 120)}号"
        blocks.append(Block(short, prose=False))
        blocks.append(Block(f"关于印发《{title}》的通知", prose=False))
        lower = "乡镇人民政府" if reg.level == "county" else "区县人民政府"
        blocks.append(Block(f"各{lower},{reg.word}政府各部门:", prose=False))
        blocks.append(Block(f"现将《{title}》印发给你们,请结合实际,认真贯彻落实。"))
        blocks.append(Block(title, prose=False))
    why = f"为{r.choice(ACTS)}{r.choice(OBJS)},{ideology(year)},结合我{reg.word}实际,制定本{kind[-2:]}。"
    blocks.append(Block(why, padding_ok=True))
    blocks.append(heading(0, "指导思想"))
    blocks.append(Block(filler(d, 2), padding_ok=True))
    blocks.append(heading(1, "工作目标"))
    blocks.append(Block(f"到{year}年底," + filler(d, 1) + "".join(targets(d, r.randint(2, 5))), padding_ok=True))
    blocks.append(heading(2, "主要任务"))
    for i in range(r.randint(5, 14)):
        depts = "、".join(dept_name(r, reg)[len(reg.full):] for _ in range(r.randint(1, 3)))
        tgt = "".join(targets(d, 1)) if r.random() < 0.3 else ""
        task = f"{i + 1}.{r.choice(ACTS)}{r.choice(OBJS)}。{filler(d, r.randint(1, 2))}{tgt}(责任单位:{depts})"
        blocks.append(Block(task))
    blocks.append(heading(3, "保障措施"))
    blocks.append(Block(filler(d, 3), padding_ok=True))
    date = draw_date(r, year, (1, 4)) if r.random() < 0.85 else draw_date(r, year - 1, (12, 12))
    return Built(title, {"工作要点": "work_points", "实施方案": "implementation_plan", "工作计划": "work_plan"}[kind],
                 organ, date, blocks), d


def build_fy_report(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    organ = justice(reg) if r.random() < 0.6 else gov(reg)
    d = new_doc(r, reg, year, organ, False)
    who = region_name(r, reg)
    title = r.choice((f"{who}{year}年行政复议工作情况报告", f"{organ}{year}年度行政复议工作总结",
                      f"{who}{year}年行政复议和行政应诉工作报告", f"{organ}关于{year}年度行政复议工作情况的报告"))
    blocks: list[Block] = [Block(f"{year}年,{organ}{ideology(year)}," + filler(d, 1), padding_ok=True)]
    blocks.append(heading(0, "案件办理情况"))
    blocks.append(Block("".join(s_recon(d)) + filler(d, 1), padding_ok=True))
    f = d.fact("reconsideration")
    table = r.random() < 0.45
    if table:
        style = r.choices(("pipes", "pipes2", "cells_blank", "tabs"), (0.5, 0.2, 0.2, 0.1))[0]
        rows = [["类别", "上年结转", "本年新收", "受理", "审结", "维持", "驳回", "纠错", "调解和解撤回", "未审结"],
                ["行政复议案件", *(str(v) for v in (
                    f["carried"], f["received"], f["accepted"], f["concluded"], f["upheld"], f["rejected"],
                    f["corrected"], f["settled"], f["accepted"] + f["carried"] - f["concluded"]))]]
        blocks.append(Block("具体情况见下表。"))
        blocks.append(Block(render_table(rows, style), prose=False))
        d.has_table = True
    blocks.append(heading(1, "行政应诉情况"))
    blocks.append(Block("".join(s_lit(d)) + filler(d, 1), padding_ok=True))
    blocks.append(heading(2, "主要做法"))
    blocks.append(Block(filler(d, 3), padding_ok=True))
    blocks.append(heading(3, "存在问题及下一步打算"))
    blocks.append(Block(filler(d, 2) + "".join(targets(d, 1)), padding_ok=True))
    date = draw_date(r, year + 1, (1, 4))
    return Built(title, "annual_report", organ, date, blocks, table=table), d


def _distinct(a: list[str], b: list[str]) -> list[str]:
    """Two draws of figure sentences, without saying the same sentence twice."""
    return a + [x for x in b if x not in a]


def build_tj_report(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    organ = justice(reg)
    d = new_doc(r, reg, year, organ, False)
    who = region_name(r, reg)
    title = r.choice((f"{who}{year}年人民调解工作总结", f"{organ}关于{year}年度人民调解工作情况的报告",
                      f"{who}{year}年矛盾纠纷排查化解工作情况汇报"))
    blocks = [Block(f"{year}年,全{reg.word}人民调解工作{ideology(year)[2:]},{filler(d, 1)}", padding_ok=True),
              heading(0, "基本情况"), Block("".join(_distinct(s_med(d), s_med(d))) + filler(d, 1), padding_ok=True),
              heading(1, "主要做法"), Block(filler(d, 3), padding_ok=True),
              heading(2, "存在问题"), Block(filler(d, 2), padding_ok=True),
              heading(3, f"{year + 1}年工作打算"), Block(filler(d, 1) + "".join(targets(d, 2)), padding_ok=True)]
    return Built(title, "annual_report", organ, draw_date(r, year, (11, 12)), blocks), d


def build_aid_report(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    organ = justice(reg)
    d = new_doc(r, reg, year, organ, False)
    who = region_name(r, reg)
    title = r.choice((f"{who}{year}年法律援助工作总结", f"{organ}{year}年法律援助工作情况报告",
                      f"{who}{year}年公共法律服务和法律援助工作总结"))
    blocks = [Block(f"{year}年,{organ}{ideology(year)},{filler(d, 1)}", padding_ok=True),
              heading(0, "工作成效"), Block("".join(s_aid(d)) + filler(d, 1), padding_ok=True),
              sub_heading(0, "公共法律服务"),
              Block(f"全{reg.word}建成公共法律服务站(室){d.sz(150, 5)}个。" + filler(d, 1), padding_ok=True),
              heading(1, "存在的问题"), Block(filler(d, 2), padding_ok=True),
              heading(2, "下一步工作计划"), Block(filler(d, 1) + "".join(targets(d, 2)), padding_ok=True)]
    date = draw_date(r, year, (11, 12)) if r.random() < 0.5 else draw_date(r, year + 1, (1, 2))
    return Built(title, "annual_report", organ, date, blocks), d


def build_briefing(r: random.Random, reg: Region, year: int) -> tuple[Built, Doc]:
    organ = gov(reg) if r.random() < 0.5 else justice(reg)
    d = new_doc(r, reg, year, organ, False)
    who = region_name(r, reg)
    news = r.random() < 0.5
    if news:
        title = f"{who}扎实推进法治政府建设"
        intro = f"{year}年以来,{who}{r.choice(ACTS)}{r.choice(OBJS)},{r.choice(EFFS)}。记者从{justice(reg)}获悉,"
    else:
        title = f"{who}法治政府建设工作汇报材料"
        intro = f"近年来,{who}在{leaders(reg)}的领导下,{r.choice(ACTS)}{r.choice(OBJS)}。"
    groups = r.sample(sorted(SENTENCES), r.randint(3, 6))
    blocks = [Block(intro + "".join(SENTENCES[groups[0]](d)), padding_ok=True)]
    for g in groups[1:]:
        blocks.append(Block(filler(d, 1) + "".join(SENTENCES[g](d)), padding_ok=True))
    if not news:
        since = max(2013, year - r.randint(2, 5))
        blocks.append(Block(f"{since}年以来,累计审查规范性文件{d.sz(150, 10)}件,"
                            f"累计办理法律援助案件{d.sz(1200, 30)}件。"))
    return Built(title, "news" if news else "briefing", organ, draw_date(r, year, (3, 12)), blocks), d
