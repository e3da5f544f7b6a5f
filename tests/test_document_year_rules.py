"""Years of documents the blind batches of sessions 21 and 22 showed misread (each case fails on the code before its
rule)."""

from __future__ import annotations

from etl.extract.metadata import metadata_of


def test_news_of_a_work_report_heard_at_a_spring_congress_is_of_the_year_before() -> None:
    # a page dated in January tells of an organ's work report heard at the congress: the report reviews the year before
    text = ("五年来 全省检察机关共办理各类案件30余万件\n发布时间:2023-01-16 19:16 来源:某某日报\n"
            "今天下午,某省第十四届人民代表大会第一次会议举行第二次全体会议,省人民检察院代理检察长作省人民检察院工作报告。"
            "报告显示,五年来,全省检察机关共办理各类案件317606件。")
    assert metadata_of(text).year == 2022


def test_a_headline_naming_its_own_event_is_dated_by_its_page() -> None:
    # …工作协调会召开 over a page stamp: the meeting is the item's event, whatever running total (截止目前) it quotes
    text = ("无锡市法律援助中心驻看守所工作站 工作协调会召开\n2021-07-20 09:28:00\n为贯彻有关精神,推动值班律师工作做实,"
            "中心召开工作协调会。截止目前,工作站共为犯罪嫌疑人提供法律帮助300余人次。")
    assert metadata_of(text).year == 2021


def test_this_year_comes_after_the_last_whole_year_it_compares_with() -> None:
    # 今年第一季度… beside a centre opened 2020年底, or a share compared with 2021年全年: an undated item of the year after
    text = ("2020年底,某市公共法律服务中心正式启用。运行已三个月,中心做了哪些事?\n"
            "今年第一季度,中心已经提供线下各类咨询6000余人次,办理法律援助案件300余件。")
    assert metadata_of(text).year == 2021
    text = ("某县矛盾纠纷化解中心今年以来共接待来访群众1200批次,与2021年全年相比增长22.1%,调解成功率98%。")
    assert metadata_of(text).year == 2022


def test_a_cut_off_at_a_years_end_is_that_year() -> None:
    # 截至2017年末 is the year reported on, not a past year this year is compared with
    text = "【律师业务概况】截至2017年末,全省有律师事务所1200家。今年新设律师事务所80家。"
    assert metadata_of(text).year == 2017


def test_a_sites_clock_and_a_founding_date_are_no_events_of_the_item() -> None:
    # a page's clock (2024年04月25日 星期四) over an undated item dates nothing
    text = "某某网 2024年04月25日 星期四\n某区人民调解委员会成功调解一起邻里纠纷,化解矛盾纠纷56件。"
    assert metadata_of(text).year is None
    # …nor does the day a hotline or a centre was founded (于2019年11月1日正式开通运行): the start of what is reported on
    text = "某市政府服务热线于2019年11月1日正式开通运行,累计受理群众诉求12万件,办结率99%。"
    assert metadata_of(text).year is None
    # a dated event of the item's own is still its year
    text = "2022年3月,调委会与驻地企业签订协议,调解矛盾纠纷30件。"
    assert metadata_of(text).year == 2022


def test_a_plans_period_on_the_line_under_its_title() -> None:
    # "…三年发展规划" / "(2024—2026年)": the period belongs to the title; a plan for several years is of its first, and
    # a 规划 with its period is a plan (not the report the body's 2017年…以来 would make it)
    text = ("某市公证行业三年发展规划\n(2024—2026年)\n公证是法律服务的重要组成部分,2017年新一轮公证体制改革启动以来,"
            "我市积极推进公证改革。到2026年,全市公证机构达到12家。")
    meta = metadata_of(text)
    assert (meta.year, meta.doc_type) == (2024, "work_plan")
    assert metadata_of("某省公共法律服务体系建设规划(2022-2025年)\n为加快建设公共法律服务体系,制定本规划。").year == 2022


def test_a_report_on_several_years_named_with_its_period() -> None:
    # 发布《…状况报告(2014-2019年)》白皮书: a review of several years is of its last, as a title's span is
    text = ("某市发布法治政府建设白皮书\n6月9日,某市政府召开新闻发布会,发布《某市法治政府建设状况报告(2014-2019年)》白皮书。"
            "白皮书围绕2014年至2019年全市依法行政工作,总结了成效。")
    assert metadata_of(text).year == 2019


def test_requests_carried_into_a_year_date_the_report_the_year_before() -> None:
    # 1件结转2023年度继续办理 in a disclosure report that names no year of its own: the report is of 2022
    text = ("(二)依申请公开情况\n全年共收到政府信息公开申请4件,其中3件已书面答复,1件结转2023年度继续办理。"
            "发生1起有关政府信息公开的行政复议案件。")
    assert metadata_of(text).year == 2022


def test_an_undated_report_opening_with_the_year_it_started_is_of_that_year() -> None:
    # 2023年以来,我县坚持… with no other year and no date: a year's report written as that year closes; 自2006年以来
    # counts from a start over several years and dates nothing
    text = ("2023年以来,我县坚持以习近平法治思想为指导,扎实推进法治政府建设。现将有关情况报告如下:\n"
            "一、主要工作\n全年办理行政复议案件35件,行政机关负责人出庭应诉率100%。")
    assert metadata_of(text).year == 2023
    text = ("自2006年以来,我县坚持以习近平法治思想为指导,扎实推进法治政府建设。现将有关情况报告如下:\n"
            "一、主要工作\n办理行政复议案件35件,行政机关负责人出庭应诉率100%。")
    assert metadata_of(text).year is None


def test_a_news_lead_of_something_just_done_is_of_its_page_year() -> None:
    # 近日,… over a page date: the page's own news, whatever running total (以来) it goes on to
    text = ("某县某乡开展法治教育月考活动\n2015-09-08 21:21 某某在线\n近日,某县某乡根据县依法治县领导小组办公室的通知,"
            "开展法治教育月考活动。自活动开展以来,全乡共组织学法考试3次。")
    assert metadata_of(text).year == 2015


def test_a_reply_to_a_proposal_is_of_its_page_year() -> None:
    # …第087号提案办理情况的复函 with its page date: a letter of that year
    text = ("某区政务服务管理办公室关于区政协十五届一次会议第087号提案办理情况的复函\n来源:某区政务服务管理办公室 "
            "发布时间:2022-05-19 16:25\n某某委员:\n您提出的关于优化政务服务的提案收悉,现答复如下:近年来,我区持续推进"
            "“一网通办”,政务服务事项网上可办率达98%。")
    assert metadata_of(text).year == 2022


def test_a_years_report_dated_early_in_the_next_year_is_of_the_year_before() -> None:
    # 主题分类:法治政府建设年报 with 成文时间:2026年01月28日, or a disclosure report's (一)主动公开 published in January: the
    # year before, the one reported on
    text = ("- 索 引 号:370403/2026-00187 - 主题分类:法治政府建设年报 - 发布机构:某区司法局 - 成文时间:2026年01月28日\n"
            "一年来,某区司法局坚持依法行政,全年办理行政复议案件12件,行政机关负责人出庭应诉率100%。")
    assert metadata_of(text).year == 2025
    text = ("信息来源:某区人民政府 发布时间:2026-01-29 15:56\n……\n(一)主动公开。聚焦群众关切,全年主动公开政府信息"
            "1200条。\n(二)依申请公开。全年收到政府信息公开申请9件,均已按时答复。")
    assert metadata_of(text).year == 2025


def test_a_page_the_model_calls_news_is_dated_by_news_rules() -> None:
    # a headline naming 法治政府建设 over a page stamp, a 近日 lead, 一是…三是, 下一步 and a 主办 footer: the rules' kind
    # was a report (no year named, so none), the doc_type model's is news, and news of something just done is of its
    # page's year (session 27)
    text = ("以评促改,以改促优——卷宗评查推动行政执法机关法治政府建设\n\n(发布于:2021-05-27 18:31)\n\n"
            "近日,为进一步强化行政执法监督,规范行政执法行为,县司法局聚焦行政执法案件合法性审查主线,"
            "深入开展全县行政执法案件卷宗评查工作,引领行政执法机关法治政府建设走深走实。\n\n"
            "一是领导挂帅,成立评查专班,5月17日,县司法局主要负责同志亲自安排部署评查工作,明确任务分工和时间节点。\n\n"
            "二是现场调取卷宗。为确保评查工作公平公正,专班采取直奔现场、随机抽取的方式调取各执法单位卷宗。\n\n"
            "三是逐卷评查并反馈。专班严格按照评查标准逐卷评查,如实做好记录,并将发现的问题反馈各执法单位限期整改。\n\n"
            "下一步工作中,评查专班将继续紧盯突出问题,适时开展“回头看”,推动我县法治政府建设工作向纵深推进。\n\n\n"
            "主办:某某县人民政府办公室\n")
    meta = metadata_of(text)
    assert (meta.doc_type, meta.year) == ("news", 2021)
