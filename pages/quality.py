"""数据质量: figure counts per document, documents with unknown region/year/type, consistency-check findings,
ingest errors — and corrections: edit, delete or add a figure, fix a document's region/year/type, revert.

Corrections are appended to DATA/corrections.jsonl (etl/after/corrections.py, through etl/api.py) and applied
to the live database at once; every rebuild applies them again. Changing data needs the admin password when one is configured.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import auth, db, downloads, empty_state, failures, filters, links, queries, rule_labels
from dashboard.format import DOC_TYPE_LABELS, KIND_LABELS, LEVEL_LABELS, doc_type_label, for_display, format_value, level_label
from dashboard.safe_text import plain
from etl import api

QUALIFIER_LABELS = {"exact": "精确", "at_least": "不少于(≥)", "at_most": "不超过(≤)", "approx": "约(≈)"}
_FLASH = "quality_flash"


def data_dir() -> Path:
    """Corrections live in the data folder (DATA/corrections.jsonl, etl/paths.py), which every build reads."""
    return db.data_dir()


def _save(c: dict) -> None:
    """Append a correction, refresh the live database, and say so after the rerun.

    The correction forms' widgets are cleared so they show the new values, not the ones just typed. When the
    disk refuses the save (full, read-only) ``failures.SaveFailed`` says so and the forms keep what was typed.
    """
    saved = failures.save_correction(c, db.db_path(), data_dir())
    label = api.ACTION_LABELS[c["action"]]
    _flash(f"已保存:{label}。所有页面立即显示更正后的数据。", f"{label}{failures.NOT_LIVE}", saved)


def _flash(live_text: str, logged_text: str, saved: failures.Saved) -> None:
    """Say after the rerun what was saved: ``live_text`` when the pages show it, else ``logged_text``."""
    st.session_state[_FLASH] = (live_text if saved.live else logged_text, saved.live)
    _reset_forms()
    st.rerun()


_FORM_KEYS = ("q_value_", "q_qual_", "q_kind_", "q_add_", "q_doc_region_", "q_doc_level_", "q_doc_year_",
              "q_doc_type_", "q_revert_id")


def _reset_forms() -> None:
    """Forget the typed values so the forms show what the database now holds.

    The chosen report, action, figure and the author stay: after saving, the same figure's form shows its
    new value (and after a revert, the reverted one), with an empty reason.
    """
    for key in [k for k in st.session_state if isinstance(k, str) and
                (k.startswith(_FORM_KEYS) or k.endswith("_reason")) and not k.endswith("_author")]:
        del st.session_state[key]


def _held(key: str, value: object) -> str:
    """``key`` for a widget that shows ``value`` (what the database holds) unless the user has typed something.

    The value is put into the session state *before* the widget is drawn instead of being its default:
    Streamlit then sends it to the browser as a set value, so a form still on screen after a save or a
    revert shows the new value (a changed default alone leaves the browser's widget as it was).
    """
    if key not in st.session_state:
        st.session_state[key] = value
    return key


def _author_and_reason(key: str) -> tuple[str, str]:
    c1, c2 = st.columns([1, 3])
    author = c1.text_input("更正人", value=auth.default_author(), key=f"{key}_author", max_chars=60)
    reason = c2.text_input("理由(必填)", key=_held(f"{key}_reason", ""), max_chars=500,
                           placeholder="例如:原文为“受理349件”,提取成了上一句的数字")
    return author.strip(), reason.strip()


def _try_save(make: Callable[[], dict]) -> None:
    try:
        c = make()
        auth.remember_author(c["author"])
        _save(c)
    except (api.CorrectionError, failures.SaveFailed) as exc:
        st.error(plain(exc))


def _value_problem(value: float, unit: str) -> str | None:
    """Why a value cannot be right for its unit (rates are 0–100%, counts are not negative), or None."""
    if unit == "%" and not 0 <= value <= 100:
        return "比率必须在 0–100% 之间"
    if value < 0:
        return "数值不能为负数"
    return None


MAX_DOC_OPTIONS = int(os.environ.get("REPORTS_QUALITY_MAX_OPTIONS", "2000"))  # documents in the 选择报告 list


def _doc_labels(rows: pd.DataFrame) -> list[str]:
    """``标题 · 地区 · 2023年 · 类型`` per row (the 选择报告 list; by columns: 2,000 rows by ``iterrows`` took 0.3 s)."""
    return [f"{t} · {r if isinstance(r, str) else '未识别地区'} · {'' if pd.isna(y) else f'{int(y)}年 · '}"
            f"{doc_type_label(d)}"
            for t, r, y, d in zip(rows["title"], rows["region_name"], rows["year"], rows["doc_type"], strict=True)]


def _describe(payload: object) -> str:
    """A correction's JSON payload as short Chinese text: ``{"value": 12}`` -> ``数值=12``."""
    if not isinstance(payload, str) or not payload:
        return ""
    try:
        data = json.loads(payload)
    except ValueError:
        return payload
    names = {"value": "数值", "qualifier": "限定", "kind": "类别", "metric": "指标", "unit": "单位", "evidence": "原文",
             "province": "省", "city": "市", "county": "县", "town": "镇", "region_code": "区划代码",
             "region_name": "地区", "level": "层级", "year": "年份", "doc_type": "类型", "start": None, "end": None}
    parts = []
    for k, v in data.items():
        if names.get(k, k) is None:
            continue
        if k == "qualifier":
            v = QUALIFIER_LABELS.get(v, v)
        elif k == "kind":
            v = KIND_LABELS.get(v, v)
        elif k == "doc_type":
            v = doc_type_label(v)
        elif k == "level":
            v = level_label(v)
        parts.append(f"{names.get(k, k)}={'(空)' if v is None else v}")
    return ";".join(parts)


f = filters.current()
st.title("数据质量")
if st.session_state.get(_FLASH):
    flash, live = st.session_state.pop(_FLASH)
    (st.success if live else st.warning)(flash)

s = queries.quality_summary(f)
cards = st.columns(8)
for col, (label, key) in zip(cards, [("报告", "documents"), ("地区未识别", "unknown_region"),
                                     ("年份未识别", "unknown_year"), ("类型未识别", "unknown_type"),
                                     ("一致性问题", "check_warnings"), ("导入错误", "ingest_errors"),
                                     ("生效的更正", "corrections"), ("失效的更正", "orphaned")], strict=True):
    value = s[key] + (s["check_errors"] if key == "check_warnings" else 0)
    col.metric(label, value)
if not s["documents"]:  # say so plainly: no report is not "every report recognised"
    st.info(empty_state.empty_message(f, "当前筛选条件下没有报告,以下各项都是 0。"))

TABS = ["每份报告的数字", "信息不全的报告", "一致性检查", "导入错误", "更正"]
# a link with ?doc=... (from another page, or after saving a correction) opens the corrections tab
tab_docs, tab_unknown, tab_checks, tab_errors, tab_corr = st.tabs(
    TABS, default=TABS[-1] if filters.page_param("doc") else TABS[0], key="q_tabs")

DOC_COLUMNS = {"title": "标题", "region_name": "地区", "层级": "层级", "year": "年份", "类型": "类型", "figures": "数字",
               "actual": "实际数", "target": "目标数", "corrected": "已更正", "checks": "检查问题", "chars": "字数",
               "path": "文件", "打开": "打开"}


def _docs_table(rows: pd.DataFrame, with_links: bool) -> pd.DataFrame:
    """``rows`` of ``quality_documents`` with Chinese headers; the reader's link only for rows shown (not in downloads)."""
    shown = rows.assign(层级=rows["level"].map(level_label), 类型=rows["doc_type"].map(doc_type_label),
                        region_name=rows["region_name"].fillna("未识别地区"))
    if with_links:
        shown = shown.assign(打开=rows["doc_id"].map(links.report_link))
    return downloads.frame_for_download(shown, DOC_COLUMNS)


# what a report lacks, by the bits no_region*4 + no_year*2 + no_type: "地区、年份" ...
_MISSING = ["、".join(w for w, bit in (("地区", 4), ("年份", 2), ("类型", 1)) if k & bit) for k in range(8)]


def _missing(rows: pd.DataFrame) -> list[str]:
    codes = rows["no_region"].astype(int) * 4 + rows["no_year"].astype(int) * 2 + rows["no_type"].astype(int)
    return [_MISSING[c] for c in codes]


def _unknown_table(rows: pd.DataFrame) -> pd.DataFrame:
    return downloads.frame_for_download(rows.assign(缺少=_missing(rows), 类型=rows["doc_type"].map(doc_type_label),
                                                    region_name=rows["region_name"].fillna("未识别地区")), {
        "title": "标题", "缺少": "缺少", "region_name": "地区", "year": "年份", "类型": "类型", "path": "文件"})


with tab_docs:
    st.caption("每份报告提取出的数字个数(实际数 / 目标数),其中经过更正的个数,以及一致性检查发现的问题数。"
               "0 个数字的报告值得打开看看。")
    downloads.grid_note(s["documents"], downloads.GRID_ROWS)
    st.dataframe(for_display(_docs_table(queries.quality_documents(f, limit=downloads.GRID_ROWS), with_links=True)),
                 hide_index=True, key="q_docs", column_config={"打开": st.column_config.LinkColumn(display_text="阅读")})
    downloads.download_buttons(lambda: _docs_table(queries.quality_documents(f), with_links=False), "每份报告的数字",
                               "q_docs_dl", empty=not s["documents"])

with tab_unknown:
    st.caption("没有识别出地区、年份或类型的报告不会出现在按地区、年份的图表中。可在“更正”中补上。")
    if not s["documents"]:
        st.info("当前筛选条件下没有报告(0 份),无从检查。")
    elif not s["unknown_any"]:
        st.success("所有报告都识别出了地区、年份和类型。")
    else:
        downloads.grid_note(s["unknown_any"], downloads.GRID_ROWS)
        unknown = queries.quality_documents(f, limit=downloads.GRID_ROWS, missing_only=True)
        st.dataframe(for_display(_unknown_table(unknown)), hide_index=True, key="q_unknown")
        downloads.download_buttons(lambda: _unknown_table(queries.quality_documents(f, missing_only=True)),
                                   "信息不全的报告", "q_unknown_dl")

with tab_checks:
    checks = queries.quality_checks(f)
    st.caption("构建后自动运行的一致性检查(如受理数大于收到数、比率超过 100%、与上年相比变化异常)。")
    if not s["documents"] and checks.empty:
        st.info("当前筛选条件下没有报告(0 份),无从检查。")
    elif checks.empty:
        st.success("一致性检查没有发现问题。")
    else:
        # the check's name in words and how many figures it concerns (the message gives their values), no ids
        ctable = downloads.frame_for_download(
            checks.assign(级别=checks["severity"].map({"error": "错误", "warning": "警告"}).fillna(checks["severity"]),
                          检查=checks["check_name"].map(api.CHECK_LABELS).fillna("其他检查")),
            {"级别": "级别", "检查": "检查", "message": "说明", "title": "报告", "region_name": "地区",
             "year": "年份", "figures": "涉及的数字(个)"})
        st.dataframe(for_display(ctable), hide_index=True, key="q_checks")
        downloads.download_buttons(ctable, "一致性检查", "q_checks_dl")

with tab_errors:
    errors = queries.ingest_errors()
    if errors.empty:
        st.success("所有文件都已成功读取。")
    else:
        st.caption("这些文件没有计入数据库(其余文件不受影响)。技术细节可在表格中查看。")
        stages = {"read": "读取", "decode": "解码", "extract": "提取", "segment": "分篇", "dedupe": "重复文件",
                  "corrections": "更正记录"}
        errors = errors.assign(stage=errors["stage"].map(stages).fillna(errors["stage"]))
        etable = downloads.frame_for_download(errors, {"path": "文件", "stage": "阶段", "message": "原因",
                                                       "detail": "技术细节"})
        st.dataframe(for_display(etable), hide_index=True, key="q_errors")
        downloads.download_buttons(etable, "导入错误", "q_errors_dl")

with tab_corr:
    log = queries.corrections_log()
    st.caption("更正单独记录在数据目录的更正记录里(谁、何时、改了什么、为什么),叠加在提取结果之上,"
               "每次重建和重新提取后都会自动重新应用,可以撤销。更正过的数字在各页和下载中标为“已更正”。")
    allowed = auth.require_admin("修改数据", "quality")

    st.subheader("选择报告")
    # 100k options cost seconds to label and megabytes to send to the browser: the first MAX_DOC_OPTIONS, and the one
    # a link asks for
    opts = queries.quality_documents(f, limit=MAX_DOC_OPTIONS, missing_first=True)
    wanted = filters.page_param("doc")
    if s["documents"] > MAX_DOC_OPTIONS:
        st.caption(f"共 {s['documents']:,} 份报告,下拉列表只列出前 {MAX_DOC_OPTIONS:,} 份(缺地区、缺年份的在前);"
                   "请用侧栏的地区、年份等筛选缩小范围,或从“报告全文”页的链接进入。")
    if wanted and wanted not in set(opts["doc_id"]):
        opts = pd.concat([opts, queries.quality_documents(f, doc_id=wanted)], ignore_index=True)
    ids = opts["doc_id"].tolist()
    labels = dict(zip(opts["doc_id"], _doc_labels(opts), strict=True))
    doc_id = st.selectbox("报告", ids, index=ids.index(wanted) if wanted in ids else None,
                          format_func=lambda d: labels.get(d, d), key="q_doc", placeholder="选择一份报告(可输入标题搜索)")
    if doc_id:
        filters.set_page_param("doc", doc_id)
        doc = queries.document(doc_id) or {}
        figs = queries.document_figures(doc_id)
        st.markdown(f"**地区**:{plain(doc.get('region_name') or '未识别')} · **层级**:{level_label(doc.get('level'))} · "
                    f"**年份**:{'未识别' if pd.isna(doc.get('year')) else int(doc['year'])} · "
                    f"**类型**:{doc_type_label(doc.get('doc_type'))}"
                    f"{' · (已更正)' if doc.get('corrected') else ''}")
        shown_figs = figs.assign(
            数值=[format_value(v, u, q) for v, u, q in zip(figs["value"], figs["unit"], figs["qualifier"], strict=True)],
            类别=figs["kind"].map(KIND_LABELS), 已更正=figs["corrected"],
            提取方式=rule_labels.describe_all(figs["rule"], figs["metric"]),
            待核=["待核" if r else "已核实" if c else "" for r, c in zip(figs["needs_review"], figs["confirmed"], strict=True)])
        # no id column: the figure to correct is chosen below by its label, value and sentence
        st.dataframe(for_display(downloads.frame_for_download(shown_figs, {"label": "指标", "数值": "数值", "类别": "类别",
                                                               "evidence": "原文", "提取方式": "提取方式",
                                                               "待核": "待核", "已更正": "已更正"})),
                     hide_index=True, key="q_doc_figs")

        if allowed:
            act = st.radio("要做的更正", ["确认数值无误", "修改数值", "删除数值", "补录数值", "修改报告的地区/年份/类型"],
                           horizontal=True, key="q_action")
            fig_ids = figs["figure_id"].tolist()
            fig_labels = {r.figure_id: f"{r.label}:{format_value(r.value, r.unit, r.qualifier)}({r.evidence})"
                          for r in figs.itertuples(index=False)}
            if act == "确认数值无误":
                pending = figs[figs["needs_review"]]
                if pending.empty:
                    st.info("这份报告没有待核的数字。")
                else:
                    fid = st.selectbox("待核的数字", pending["figure_id"].tolist(),
                                       format_func=lambda x: fig_labels.get(x, x), key="q_confirm_fig")
                    row = pending[pending["figure_id"] == fid].iloc[0]
                    with st.form("q_confirm_form"):
                        st.caption("核对原文后确认:数值不变,此后不再标“待核”,并进入周报。")
                        author, reason = _author_and_reason("q_confirm")
                        submitted = st.form_submit_button("确认无误", key="q_confirm_submit")
                    if submitted:
                        _try_save(lambda: api.make_correction("edit_figure", author=author, reason=reason or "核对原文,确认无误",
                                                    figure_id=fid, doc_id=doc_id,
                                                    payload={"value": float(row["value"])},
                                                    old={"value": float(row["value"])}))
            elif act in ("修改数值", "删除数值"):
                if not fig_ids:
                    st.info("这份报告没有数字;可以“补录数值”。")
                else:
                    fid = st.selectbox("数字", fig_ids, format_func=lambda x: fig_labels.get(x, x), key="q_fig")
                    row = figs[figs["figure_id"] == fid].iloc[0]
                    old = {"value": float(row["value"]), "qualifier": row["qualifier"], "kind": row["kind"]}
                    with st.form("q_fig_form"):
                        if act == "修改数值":
                            c1, c2, c3 = st.columns(3)
                            # keys carry the figure id: a widget keeps its state per key, so another figure
                            # must not inherit the value typed for the previous one
                            value = c1.number_input(f"数值({row['unit']})", format="%g",
                                                    key=_held(f"q_value_{fid}", float(row["value"])))
                            qualifier = c2.selectbox("限定", list(QUALIFIER_LABELS),
                                                     key=_held(f"q_qual_{fid}", row["qualifier"]),
                                                     format_func=QUALIFIER_LABELS.get)
                            kind = c3.selectbox("类别", list(KIND_LABELS), format_func=KIND_LABELS.get,
                                                key=_held(f"q_kind_{fid}", row["kind"]))
                        author, reason = _author_and_reason("q_fig")
                        submitted = st.form_submit_button("保存更正" if act == "修改数值" else "删除这个数字", key="q_fig_submit")
                    if submitted:
                        if act == "修改数值":
                            new = {"value": float(value), "qualifier": qualifier, "kind": kind}
                            payload = {k: v for k, v in new.items() if v != old[k]}
                            problem = _value_problem(float(value), str(row["unit"]))
                            if problem:
                                st.error(problem)
                            elif not payload:
                                st.warning("没有改动。")
                            else:
                                _try_save(lambda: api.make_correction("edit_figure", author=author, reason=reason,
                                                            figure_id=fid, doc_id=doc_id, payload=payload,
                                                            old={k: old[k] for k in payload}))
                        else:
                            _try_save(lambda: api.make_correction("delete_figure", author=author, reason=reason, figure_id=fid,
                                                        doc_id=doc_id, old={**old, "metric": row["metric"],
                                                                            "evidence": row["evidence"]}))
            elif act == "补录数值":
                catalog = queries.metric_catalog()
                units = dict(zip(catalog["metric"], catalog["unit"], strict=True))
                mlabels = {r.metric: f"{r.label}({r.unit})" for r in catalog.itertuples(index=False)}
                with st.form("q_add_form"):
                    metric = st.selectbox("指标", catalog["metric"].tolist(), format_func=mlabels.get, key="q_add_metric")
                    c1, c2, c3 = st.columns(3)
                    value = c1.number_input("数值", value=0.0, format="%g", key="q_add_value")
                    qualifier = c2.selectbox("限定", list(QUALIFIER_LABELS), format_func=QUALIFIER_LABELS.get,
                                             key="q_add_qual")
                    kind = c3.selectbox("类别", list(KIND_LABELS), format_func=KIND_LABELS.get, key="q_add_kind")
                    evidence = st.text_input("原文证据(从报告中原样复制含这个数字的文字)", key="q_add_evidence",
                                             max_chars=500)
                    author, reason = _author_and_reason("q_add")
                    submitted = st.form_submit_button("补录", key="q_add_submit")
                if submitted:
                    text = doc.get("text") or ""
                    start = text.find(evidence) if evidence.strip() else -1
                    problem = _value_problem(float(value), units[metric])
                    if problem:
                        st.error(problem)
                    elif start < 0:
                        st.error("在报告原文中找不到这段证据文字,请从原文原样复制。")
                    else:
                        payload = {"metric": metric, "value": float(value), "unit": units[metric],
                                   "qualifier": qualifier, "kind": kind, "evidence": evidence, "start": start,
                                   "end": start + len(evidence)}
                        _try_save(lambda: api.make_correction("add_figure", author=author, reason=reason, doc_id=doc_id,
                                                    payload=payload))
            else:
                regions = queries.region_choices()
                rlabels = dict(zip(regions["code"], regions["label"], strict=True))
                codes = regions["code"].tolist()
                current_code = doc.get("region_code") if isinstance(doc.get("region_code"), str) else None
                levels = list(LEVEL_LABELS)
                types = list(DOC_TYPE_LABELS)
                with st.form("q_doc_form"):
                    code = st.selectbox("地区", codes, format_func=lambda c: f"{rlabels.get(c, c)}({c})",
                                        key=_held(f"q_doc_region_{doc_id}", current_code if current_code in codes
                                                  else None),
                                        placeholder="选择地区(可输入名称搜索)")
                    c1, c2, c3 = st.columns(3)
                    level = c1.selectbox("层级", levels, format_func=level_label,
                                         key=_held(f"q_doc_level_{doc_id}", doc.get("level") or "unknown"))
                    year_now = doc.get("year")
                    year_text = c2.text_input("年份(留空表示未知)", key=_held(
                        f"q_doc_year_{doc_id}", "" if year_now is None or pd.isna(year_now) else str(int(year_now))))
                    doc_type = c3.selectbox("类型", types, format_func=doc_type_label,
                                            key=_held(f"q_doc_type_{doc_id}", doc.get("doc_type") or "other"))
                    author, reason = _author_and_reason("q_doc")
                    submitted = st.form_submit_button("保存更正", key="q_doc_submit")
                if submitted:
                    payload: dict = {}
                    old: dict = {}
                    try:
                        if code and code != current_code:
                            payload.update(api.region_payload(code, level))
                        elif level != doc.get("level"):
                            payload["level"] = level
                        year_new = int(year_text) if year_text.strip() else None
                        if year_new != (None if year_now is None or pd.isna(year_now) else int(year_now)):
                            payload["year"] = year_new
                        if doc_type != doc.get("doc_type"):
                            payload["doc_type"] = doc_type
                        for k in payload:
                            v = doc.get(k)
                            old[k] = None if v is None or (isinstance(v, float) and math.isnan(v)) else (
                                int(v) if k == "year" else v)
                    except ValueError:
                        st.error("年份必须是整数")
                    except api.CorrectionError as exc:
                        st.error(plain(exc))
                    else:
                        if not payload:
                            st.warning("没有改动。")
                        else:
                            _try_save(lambda: api.make_correction("edit_document", author=author, reason=reason, doc_id=doc_id,
                                                        payload=payload, old=old))

    st.subheader(f"更正记录({len(log)} 条)")
    if log.empty:
        st.caption("还没有更正。")
    else:
        status = log["status"].map(api.STATUS_LABELS)
        ltable = pd.DataFrame({
            "时间": log["created_at"], "更正人": log["author"], "操作": log["action"].map(api.ACTION_LABELS),
            "状态": status, "报告": log["title"], "指标": log["label"],
            "改为": log["payload"].map(lambda p: _describe(p)), "原值": log["old"].map(lambda p: _describe(p)),
            "理由": log["reason"]})  # a correction is told apart by its time (to the second in downloads)
        st.dataframe(for_display(ltable), hide_index=True, key="q_log",
                     column_config={"时间": st.column_config.DatetimeColumn(format="YYYY-MM-DD HH:mm")})
        downloads.download_buttons(ltable, "更正记录", "q_log_dl")
        if (log["status"] == "orphaned").any():
            st.warning("“目标已不存在”的更正:它所指的数字或报告在重新提取后已不存在(原文件被修改或删除)。"
                       "记录保留,不会丢失;如不再需要,可以撤销。")
        revertable = log[log["status"].isin(["active", "orphaned"])]
        if allowed and not revertable.empty:
            rlabels_ = {r.correction_id: f"{r.created_at:%m-%d %H:%M} {api.ACTION_LABELS[r.action]} · "
                                         f"{r.label if isinstance(r.label, str) else (r.title or '')} · {r.reason}"
                        for r in revertable.itertuples(index=False)}
            with st.form("q_revert_form"):
                target = st.selectbox("撤销哪一条更正", list(rlabels_), format_func=rlabels_.get, key="q_revert_id")
                author, reason = _author_and_reason("q_revert")
                submitted = st.form_submit_button("撤销", key="q_revert_submit")
            if submitted:
                try:
                    auth.remember_author(author)
                    saved = failures.revert_correction(target, author=author, reason=reason, db_path=db.db_path(),
                                                       data_dir=data_dir())
                except (api.CorrectionError, failures.SaveFailed) as exc:
                    st.error(plain(exc))
                else:
                    _flash("已撤销。", f"撤销{failures.NOT_LIVE}", saved)

