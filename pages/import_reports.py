"""导入: upload report files (.txt/.html/.docx/.pdf), store them under DATA/uploads/, run the ETL with a
progress bar; the new reports show on every page at once (the app reconnects when the database file changes).
Also "重建数据库" for files copied into the data folder by hand. Both need the admin password when one is set.
"""

from __future__ import annotations

import math

import streamlit as st

from dashboard import auth, db, downloads, failures, filters, links, queries, recovery, uploads
from dashboard.format import doc_type_label, for_display
from dashboard.safe_text import plain

_RESULT = "import_result"
_CONFIRM = "import_confirm_empty"  # set when a build found no report while the dashboard has some


def _run_build(label: str, allow_empty: bool = False) -> uploads.BuildOutcome:
    """The ETL on the data folder (REPORTS_DATA) with a progress bar; an unreadable database is set aside first,
    a build that would empty the dashboard asks first, messages are fit to show."""
    bar = st.progress(0.0, text=label)

    def update(fraction: float, text: str) -> None:
        bar.progress(fraction, text=text)

    outcome = recovery.rebuild(update, allow_empty=allow_empty)
    st.session_state[_CONFIRM] = outcome.refused_empty
    return outcome


def _live_documents() -> int | None:
    """Reports in the dashboard now (None when the database cannot be read)."""
    try:
        return int(db.query_uncached("SELECT count(*) AS n FROM documents")["n"].iloc[0])
    except Exception:  # the confirmation must show even when the count cannot be had
        return None


def _confirm_empty_rebuild() -> None:
    """The confirmation step: say what would happen, rebuild only when the user insists."""
    n = _live_documents()
    note = st.empty()
    note.warning(f"新的构建在数据目录中没有读到任何报告,而看板当前有 {'—' if n is None else n} 份报告;"
               "继续重建将清空看板上的全部报告和数字。请先确认数据目录(设置 REPORTS_DATA)是否正确。"
               "数据库尚未改动。")
    c1, c2 = st.columns(2)
    if c1.button("仍然重建(清空看板)", type="primary", key="import_confirm_go"):
        outcome = _run_build("正在重建……", allow_empty=True)
        note.empty()
        if outcome.ok:
            st.success("重建完成:看板已清空。")
        else:
            st.error(f"重建失败:{plain(outcome.message)}")
    elif c2.button("取消", key="import_confirm_cancel"):
        st.session_state[_CONFIRM] = False
        st.rerun()


filters.current()  # routes a first request straight to this page through app.py (sidebar, navigation)
st.title("导入报告")
limit = uploads.max_bytes()
st.caption(f"支持 .txt、.html、.docx、.pdf,每个文件不超过 {limit / 2**20:g} MB(文件类型按内容检查)。"
           f"文件保存在数据目录的 {uploads.UPLOAD_DIR}/ 下,同名但内容不同的文件不会被覆盖。")

if not auth.require_admin("导入报告和重建数据库", "import"):
    st.stop()

files = st.file_uploader("选择报告文件", type=sorted(x.lstrip(".") for x in uploads.ALLOWED),
                         accept_multiple_files=True, key="import_files", max_upload_size=max(1, math.ceil(limit / 2**20)),
                         help=f"可一次选择多个文件;每个文件不超过 {limit / 2**20:g} MB,更大的文件会被拒绝。")
if st.button("导入并更新数据库", type="primary", disabled=not files, key="import_go"):
    stored: list[uploads.Stored] = []
    refused: list[tuple[str, str]] = []
    for up in files or []:
        try:
            stored.append(failures.store_upload(db.data_dir(), up.name, up.getvalue(), limit))
        except uploads.UploadError as exc:  # refused, or not saved (disk full, read-only folder): the rest go on
            refused.append((up.name, str(exc)))
    outcome = None
    if stored:
        outcome = _run_build(f"正在处理 {len(stored)} 个文件……")
    st.session_state[_RESULT] = {
        "stored": [(s.rel, s.status) for s in stored], "refused": refused,
        "ok": None if outcome is None else outcome.ok, "message": "" if outcome is None else outcome.message,
        "summary": {} if outcome is None else outcome.summary}

result = st.session_state.get(_RESULT)
if result:
    for name, why in result["refused"]:
        st.error(f"未导入 {plain(name)}:{plain(why)}")  # a file name is the uploader's text, not Markdown
    if result["ok"] is False:
        st.error(f"文件已保存,但数据库更新失败:{plain(result['message'])}")
    elif result["stored"]:
        notes = {"new": "新文件", "same": "与已有文件相同,未重复保存", "renamed": "已有同名文件,另存为新名称"}
        summary = result["summary"]
        st.success(f"已导入 {len(result['stored'])} 个文件,数据库已更新"
                   f"(共 {summary.get('documents', '—')} 份报告,{summary.get('figures', '—')} 个数字)。"
                   "各页面已显示新报告。")
        docs = queries.uploaded_documents([rel for rel, _ in result["stored"]])
        status = dict(result["stored"])
        table = docs.assign(保存=docs["path"].map(lambda p: notes.get(status.get(p, ""), "")),
                            error=docs["error"].fillna(""),
                            类型=docs["doc_type"].map(lambda t: doc_type_label(t) if isinstance(t, str) else ""),
                            打开=docs["doc_id"].map(links.report_link))
        shown = downloads.frame_for_download(table, {
            "path": "文件", "保存": "保存", "title": "标题", "region_name": "地区", "year": "年份", "类型": "类型",
            "figures": "数字", "error": "问题", "打开": "打开"})
        st.dataframe(for_display(shown), hide_index=True, key="import_docs", column_config={
            "打开": st.column_config.LinkColumn(display_text="阅读")})

st.divider()
st.subheader("重建数据库")
st.caption("把文件直接复制到数据目录后,点这里读取新增或改动的文件(未改动的文件不会重新提取)。更正会自动重新应用。")
if st.button("重建数据库", key="import_rebuild"):
    outcome = _run_build("正在重建……")
    if outcome.ok:
        s = outcome.summary
        st.success(f"重建完成:{s.get('files_seen', '—')} 个文件,新读取 {s.get('files_read', '—')} 个,"
                   f"{s.get('documents', '—')} 份报告,{s.get('figures', '—')} 个数字,{s.get('errors', '—')} 个错误。")
    elif not outcome.refused_empty:
        st.error(f"重建失败:{plain(outcome.message)}")
if st.session_state.get(_CONFIRM):
    _confirm_empty_rebuild()
