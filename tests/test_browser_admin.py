"""The leaders' and analysts' pages in a real browser: 周报 (with its offline HTML and CSV exports),
数据质量 (a correction made and reverted by clicking), 导入 (an upload through the file chooser), and the
admin password refusing a wrong guess. Screenshots go to test-artifacts/ for a person to look at.

The module builds its own database in a folder that also holds the report files: the import page and
corrections write beside the database (DATA/uploads/, DATA/corrections.jsonl), so the shared ``test_db``
stays untouched. Skipped (with the reason) only when /usr/bin/chromium is missing.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from browser_support import (  # skips this module when /usr/bin/chromium is missing
    ARTIFACTS,
    app_page,
    chromium,
    no_error_box,
    open_page,
    plotly_charts,
    settle_quietly,
    shot_whole,
    streamlit_server,
)
from conftest import SYNTHETIC_REPORT, fetch_one
from corpora import SEEDS, SHARED_CORPUS, texts
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Route

pytestmark = pytest.mark.browser

ADMIN_ENV = "REPORTS_ADMIN_PASSWORD"
PASSWORD = "正确的口令-浏览器"
YEAR = 2024
# Two years of one city and its plan, so the brief has totals with a change, a missed target and big moves.
EXTRA_REPORTS = {
    "xining_2023.txt": "西宁市2023年法治政府建设年度报告\n2023年,西宁市坚持依法行政。全年共收到行政复议申请100件,"
                       "受理行政复议案件90件。\n行政机关负责人出庭应诉率达到85%。全市人民调解组织调解纠纷2000件。\n",
    "xining_2024.txt": "西宁市2024年法治政府建设年度报告\n2024年,西宁市坚持依法行政。全年共收到行政复议申请160件,"
                       "受理行政复议案件150件。\n行政机关负责人出庭应诉率达到88%。全市调解纠纷(含家庭、邻里等各类)共计2600件。\n",
    "xining_plan_2024.txt": "西宁市2024年法治政府建设工作要点\n一、主要目标\n行政机关负责人出庭应诉率不低于95%。\n",
}
BROKEN = ("broken.pdf", b"%PDF-1.4 not really a pdf")  # shows up under 导入错误
UPLOAD_TITLE = "格尔木市2025年法治政府建设年度报告"
UPLOAD_TEXT = (f"{UPLOAD_TITLE}\n"
               "2025年,格尔木市深入推进依法行政,加快建设法治政府。\n"
               "全年共收到行政复议申请12件,依法受理行政复议案件10件。\n"
               "行政机关负责人出庭应诉率达到100%。\n")


@dataclass(frozen=True)
class AdminData:
    db: Path
    week: str  # a day of the week the reports were added (the brief counts them as new)
    doc_id: str  # 西宁市2024年法治政府建设年度报告
    figure_id: str  # its 收到行政复议申请160件




@pytest.fixture(scope="module")
def admin_data(tmp_path_factory: pytest.TempPathFactory) -> AdminData:
    """Seeds + corpus + the 西宁 reports + one broken file, built with the database in the same folder."""
    from etl.load.build import build

    data = tmp_path_factory.mktemp("admin_browser_data")
    for src in texts(SEEDS) + texts(SHARED_CORPUS):
        shutil.copy(src, data / src.name)
    (data / "zz_synthetic.txt").write_text(SYNTHETIC_REPORT, encoding="utf-8")
    for name, text in EXTRA_REPORTS.items():
        (data / name).write_text(text, encoding="utf-8")
    (data / BROKEN[0]).write_bytes(BROKEN[1])
    db = data / "reports.duckdb"
    build(data, db, progress=False)
    week = fetch_one(db, "SELECT max(added_at)::DATE FROM documents_current")[0].isoformat()
    doc_id, figure_id, value = fetch_one(
        db, "SELECT doc_id, figure_id, value FROM figures_current WHERE path = 'xining_2024.txt' "
            "AND metric = 'reconsideration.received'")
    assert value == 160
    return AdminData(db, week, doc_id, figure_id)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as b:
        yield b


@pytest.fixture(scope="module")
def server(admin_data: AdminData, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Single-user local mode: no admin password, whatever the environment says."""
    with streamlit_server(admin_data.db, tmp_path_factory.mktemp("streamlit_admin"), {ADMIN_ENV: None}) as url:
        yield url


@pytest.fixture(scope="module")
def page(browser: Browser) -> Iterator[Page]:
    with app_page(browser) as pg:
        yield pg


def grid_rows(frame: Locator) -> list[list[str]]:
    """The cells of a ``st.dataframe`` as text, from the accessible table glide-data-grid keeps beside its canvas
    (only the rows currently drawn, i.e. the first screenful)."""
    frame.locator('[role="gridcell"]').first.wait_for(state="attached")
    return [row.locator('[role="gridcell"]').all_inner_texts()
            for row in frame.locator('[role="row"]').all() if row.locator('[role="gridcell"]').count()]


def grid_headers(frame: Locator) -> list[str]:
    frame.locator('[role="columnheader"]').first.wait_for(state="attached")
    return [t.strip() for t in frame.locator('[role="columnheader"]').all_inner_texts()]


def frame_with(page: Page, header: str) -> Locator:
    """The visible ``st.dataframe`` that has a column ``header``."""
    frame = page.locator('[data-testid="stDataFrame"]').filter(
        has=page.locator('[role="columnheader"]', has_text=header))
    frame.first.wait_for()
    return frame.first


def pick(page: Page, label: str, option: str) -> None:
    """Choose the option containing ``option`` in the selectbox labelled ``label`` (typing narrows the list)."""
    box = page.get_by_role("combobox", name=label, exact=True)
    box.click()
    box.fill(option)
    page.get_by_role("option").filter(has_text=option).first.click()
    settle_quietly(page)
    assert option in box.input_value()


# --- 周报 -----------------------------------------------------------------------------------------------------

def brief_values(page: Page, server: str, admin_data: AdminData) -> list[str]:
    """Open the weekly brief on the week the reports were added; the numbers on its cards."""
    open_page(page, f"{server}/brief?week={admin_data.week}&byear={YEAR}", "周报", "待处理的数据质量问题")
    settle_quietly(page)
    no_error_box(page)
    return [v.strip() for v in page.locator(".brief-value").all_inner_texts()]


def choose_action(page: Page, action: str) -> None:
    """Pick one of the quality page's 要做的更正 radio options."""
    page.get_by_test_id("stRadioGroup").get_by_text(action, exact=True).click()
    settle_quietly(page)


def confirm_figure(page: Page, server: str, doc_id: str, label: str) -> None:
    """An analyst checks a 待核 figure against the text on the quality page and confirms it."""
    open_page(page, f"{server}/quality?doc={doc_id}", "数据质量", "要做的更正")
    settle_quietly(page)
    choose_action(page, "确认数值无误")  # the default action; clicked as a person would
    pick(page, "待核的数字", label)
    form = page.locator('[data-testid="stForm"]').filter(has_text="确认无误")
    form.get_by_role("button", name="确认无误").click()
    page.get_by_text("已保存").first.wait_for()
    settle_quietly(page)
    no_error_box(page)


def test_brief_page_and_its_offline_html_and_csv(page: Page, server: str, browser: Browser, admin_data: AdminData,
                                                 tmp_path: Path) -> None:
    values = brief_values(page, server, admin_data)
    assert {"160件", "88%"} <= set(values), values  # 西宁's totals for the year
    assert "2 项" in values  # 88% misses both plans' targets (青海省 ≥90%, 西宁市 ≥95%)
    # 2600 read with its cue far from the number (调解纠纷(含…)共计2600件), a family often wrong on unseen reports
    # (etl/extract/catalog/confidence.toml): 待核, out of the brief until an analyst confirms it
    assert "2,600件" not in values, values
    confirm_figure(page, server, admin_data.doc_id, "调解纠纷:2,600件")
    rows = grid_rows(frame_with(page, "提取方式"))
    (row,) = [r for r in rows if any("2,600" in c or "2600" in c for c in r)] or [rows]
    assert "待核" not in row, row  # confirmed: no longer marked

    values = brief_values(page, server, admin_data)
    main = page.inner_text('[data-testid="stMain"]')
    for text in ("本周新增报告", "未达到规划目标", "待处理的数据问题", f"主要指标:{YEAR} 年与 {YEAR - 1} 年",
                 f"未达到规划目标的地区({YEAR} 年)", "变化最大的指标", "各地区明细", "收到行政复议申请"):
        assert text in main, text
    assert {"160件", "88%", "2,600件"} <= set(values), values
    assert "2 项" in values  # 88% misses both plans' targets (青海省 ≥90%, 西宁市 ≥95%)
    for card in page.locator(".brief-value").all():  # projector-size and not cut off
        size = float(card.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
        assert size >= 40, size
        assert card.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    plotly_charts(page, 4)  # new reports by type, one headline metric, missed targets, biggest moves
    shot_whole(page, "brief")

    with page.expect_download() as info:
        page.get_by_role("button", name="导出 HTML(可离线打开)").click()
    exported = tmp_path / info.value.suggested_filename
    info.value.save_as(exported)
    assert exported.suffix == ".html" and exported.name.startswith("周报_")
    check_offline_html(browser, exported)

    with page.expect_download() as info:
        page.get_by_role("button", name="导出 CSV").click()
    csv = tmp_path / info.value.suggested_filename
    info.value.save_as(csv)
    data = csv.read_bytes()
    assert csv.suffix == ".csv" and data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").splitlines()
    assert lines[0].startswith("部分,地区,指标,单位,年份,数值,限定")
    assert any(line.startswith("主要指标,青海省/西宁市,收到行政复议申请,件,2024,160") for line in lines), lines[:20]


def check_offline_html(browser: Browser, path: Path) -> None:
    """Open the exported file in a fresh context that may load nothing but files: charts must draw, no errors."""
    context = browser.new_context(viewport={"width": 1440, "height": 1200}, locale="zh-CN")
    blocked: list[str] = []
    errors: list[str] = []

    def only_files(route: Route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    def on_console(msg: ConsoleMessage) -> None:
        if msg.type == "error":
            errors.append(msg.text)

    try:
        context.route("**/*", only_files)
        pg = context.new_page()
        pg.set_default_timeout(60_000)
        pg.on("console", on_console)
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        pg.goto(path.as_uri())
        expected = path.read_text(encoding="utf-8").count('class="plotly-graph-div"')
        assert expected >= 4  # new reports, headline metrics, missed targets, biggest moves
        pg.locator(".js-plotly-plot .main-svg").nth(expected - 1).wait_for()
        plots = pg.locator(".js-plotly-plot")
        assert plots.count() == expected
        for plot in plots.all():  # each chart really drew its bars
            assert plot.locator(".barlayer .point").count() >= 1
        assert pg.locator("h1").inner_text() == "法治政府建设周报"
        values = [v.strip() for v in pg.locator(".card .value").all_inner_texts()]
        assert {"160件", "88%", "2,600件", "2 项"} <= set(values), values
        assert "行政机关负责人出庭应诉率不低于95%" in pg.inner_text("body")
        pg.wait_for_timeout(500)  # let the charts' resize handlers run before the screenshot
        pg.screenshot(path=str(ARTIFACTS / "brief_export.png"), full_page=True)
        assert errors == [], errors
        assert blocked == [], blocked  # everything the page needs is inside the file
    finally:
        context.close()


# --- 数据质量 -----------------------------------------------------------------------------------------------

def test_quality_page_sections(page: Page, server: str, admin_data: AdminData, tmp_path: Path) -> None:
    open_page(page, f"{server}/quality", "数据质量", "每份报告提取出的数字个数")
    settle_quietly(page)
    no_error_box(page)
    metrics = page.locator('[data-testid="stMetric"]').all_inner_texts()
    labels = [m.split("\n")[0].strip() for m in metrics]
    assert labels == ["报告", "地区未识别", "年份未识别", "类型未识别", "一致性问题", "导入错误", "生效的更正", "失效的更正"]
    assert any(m.split("\n")[0] == "导入错误" and m.split()[-1] == "1" for m in metrics), metrics
    docs = frame_with(page, "实际数")
    headers = grid_headers(docs)
    expected = ["标题", "地区", "层级", "年份", "类型", "数字", "实际数", "目标数", "已更正", "检查问题"]
    # the grid only renders the columns that fit the window; those it shows come in this order
    assert len(headers) >= 8 and headers[:10] == expected[:len(headers[:10])], headers
    rows = [dict(zip(headers, r, strict=True)) for r in grid_rows(docs)]
    con = duckdb.connect(str(admin_data.db), read_only=True)
    try:  # the page lists documents by file path, with their figure counts
        expected = con.execute("SELECT coalesce(d.title, d.path), count(f.figure_id) FROM documents_current d "
                               "LEFT JOIN figures_current f USING (doc_id) GROUP BY d.doc_id, d.title, d.path, d.part "
                               "ORDER BY d.path, d.part LIMIT ?", [len(rows)]).fetchall()
    finally:
        con.close()
    assert len(rows) >= 5
    assert [(r["标题"], int(r["数字"])) for r in rows] == [(t, n) for t, n in expected]
    assert all(int(r["数字"]) == int(r["实际数"]) + int(r["目标数"]) for r in rows)
    shot_whole(page, "quality_documents")
    # the download reads the whole list when clicked (the page reads only the rows it shows): every report, in order
    with page.expect_download() as info:
        page.get_by_role("button", name="下载 CSV").first.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    listed = list(csv.DictReader(io.StringIO(saved.read_bytes().decode("utf-8-sig"))))
    documents = next(int(m.split()[-1].replace(",", "")) for m in metrics if m.split("\n")[0].strip() == "报告")
    assert saved.name.startswith("每份报告的数字") and len(listed) == documents > len(rows) - 1
    assert [(r["标题"], int(r["数字"])) for r in listed[:len(rows)]] == [(t, n) for t, n in expected]

    page.get_by_role("tab", name="信息不全的报告").click()
    unknown = frame_with(page, "缺少")
    missing = {row[1] for row in grid_rows(unknown)}
    assert missing and missing <= {"地区", "年份", "类型", "地区、年份", "地区、类型", "年份、类型", "地区、年份、类型"}
    shot_whole(page, "quality_unknown")

    page.get_by_role("tab", name="导入错误").click()
    errors = frame_with(page, "原因")
    rows = grid_rows(errors)
    assert [r[0] for r in rows] == [BROKEN[0]] and rows[0][2]  # the file and a reason
    no_error_box(page)
    shot_whole(page, "quality_errors")


def figure_row(page: Page, evidence: str) -> dict[str, str]:
    """The row of the open report's figures table whose 原文 is ``evidence`` (header -> cell); the table shows
    no ids."""
    frame = frame_with(page, "提取方式")
    headers = grid_headers(frame)
    rows = [dict(zip(headers, r, strict=True)) for r in grid_rows(frame)]
    (row,) = [r for r in rows if r["原文"] == evidence]
    return row


def active_corrections(page: Page) -> int:
    """The "生效的更正" card's number."""
    card = page.get_by_test_id("stMetric").filter(has_text="生效的更正")
    return int(card.get_by_test_id("stMetricValue").inner_text())


def test_correct_a_figure_in_the_browser_then_revert(page: Page, server: str, admin_data: AdminData) -> None:
    fid = admin_data.figure_id
    (evidence,) = fetch_one(admin_data.db, "SELECT evidence FROM figures_current WHERE figure_id = ?", [fid])
    open_page(page, f"{server}/quality?doc={admin_data.doc_id}", "数据质量", "要做的更正")
    settle_quietly(page)
    no_error_box(page)
    assert "地区:青海省/西宁市" in page.inner_text('[data-testid="stMain"]')
    assert figure_row(page, evidence)["数值"] == "160件"
    before = active_corrections(page)  # the brief test confirmed one 待核 figure
    choose_action(page, "修改数值")
    pick(page, "数字", "收到行政复议申请:160件")
    form = page.locator('[data-testid="stForm"]').filter(has_text="保存更正")
    form.get_by_label("数值(件)").fill("165")
    form.get_by_label("理由(必填)").fill("浏览器测试:原文另有补充数字")
    form.get_by_role("button", name="保存更正").click()
    page.get_by_text("已保存:修改数值").wait_for()
    settle_quietly(page)
    no_error_box(page)
    row = figure_row(page, evidence)
    assert (row["数值"], row["已更正"]) == ("165件", "true"), row
    assert f"更正记录({before + 1} 条)" in page.inner_text('[data-testid="stMain"]')
    assert active_corrections(page) == before + 1
    log_frame = frame_with(page, "理由")
    log = [dict(zip(grid_headers(log_frame), r, strict=True)) for r in grid_rows(log_frame)]
    assert ("修改数值", "生效", "西宁市2024年法治政府建设年度报告", "收到行政复议申请", "数值=165.0", "数值=160.0",
            "浏览器测试:原文另有补充数字") in [(c["操作"], c["状态"], c["报告"], c["指标"], c["改为"], c["原值"], c["理由"])
                                              for c in log]
    assert fetch_one(admin_data.db, "SELECT value, corrected FROM figures_current WHERE figure_id = ?", [fid]) == (
        165.0, True)
    shot_whole(page, "quality_corrected")
    # a fresh load (as after a restart) shows the corrected value in the picker as well
    page.reload()
    page.get_by_text("要做的更正").wait_for()
    settle_quietly(page)
    choose_action(page, "修改数值")
    assert page.get_by_role("combobox", name="数字", exact=True).input_value().startswith("收到行政复议申请:165件")

    revert = page.locator('[data-testid="stForm"]').filter(has_text="撤销哪一条更正")
    offered = revert.get_by_role("combobox", name="撤销哪一条更正").input_value()
    assert "修改数值" in offered and "浏览器测试:原文另有补充数字" in offered  # the latest correction is offered first
    revert.get_by_label("理由(必填)").fill("浏览器测试结束,恢复原值")
    revert.get_by_role("button", name="撤销", exact=True).click()
    page.get_by_text("已撤销。").wait_for()
    settle_quietly(page)
    no_error_box(page)
    row = figure_row(page, evidence)
    assert (row["数值"], row["已更正"]) == ("160件", "false"), row
    assert fetch_one(admin_data.db, "SELECT value, corrected FROM figures_current WHERE figure_id = ?", [fid]) == (
        160.0, False)
    assert active_corrections(page) == before
    shot_whole(page, "quality_reverted")


# --- 导入 -----------------------------------------------------------------------------------------------------

def reports_count(page: Page, server: str) -> int:
    open_page(page, f"{server}/reports", "报告", "在上表中点选一行")
    settle_quietly(page)
    no_error_box(page)
    caption = page.get_by_text("共 ").filter(has_text="份报告").first.inner_text()
    return int(caption.split("共 ")[1].split(" 份报告")[0])


def test_upload_a_report_and_find_it_in_the_reports_list(page: Page, server: str, admin_data: AdminData,
                                                         tmp_path: Path) -> None:
    before = reports_count(page, server)
    report = tmp_path / f"{UPLOAD_TITLE}.txt"
    report.write_text(UPLOAD_TEXT, encoding="utf-8")

    open_page(page, f"{server}/import_reports", "导入报告", "重建数据库")
    settle_quietly(page)
    no_error_box(page)
    go = page.get_by_role("button", name="导入并更新数据库")
    assert go.is_disabled()
    with page.expect_file_chooser() as chooser:
        page.locator('[data-testid="stFileUploaderDropzone"] button').click()
    chooser.value.set_files(str(report))
    page.locator(f'[data-testid="stFileChipName"][title="{report.name}"]').wait_for()  # the chosen file is listed
    settle_quietly(page)
    assert go.is_enabled()
    shot_whole(page, "import_chosen")
    go.click()
    page.get_by_text("已导入 1 个文件").wait_for(timeout=180_000)
    settle_quietly(page)
    no_error_box(page)
    imported = frame_with(page, "保存")
    headers = grid_headers(imported)
    rows = [dict(zip(headers, r, strict=True)) for r in grid_rows(imported)]
    assert [(r["文件"], r["保存"], r["标题"]) for r in rows] == [(f"uploads/{report.name}", "新文件", UPLOAD_TITLE)]
    assert (admin_data.db.parent / "uploads" / report.name).read_text(encoding="utf-8") == UPLOAD_TEXT
    shot_whole(page, "import_done")

    assert reports_count(page, server) == before + 1
    search = page.get_by_role("textbox", name="全文搜索")
    search.fill("格尔木")
    search.press("Enter")
    page.get_by_text("找到 1 份报告").wait_for()
    settle_quietly(page)
    no_error_box(page)
    listed = frame_with(page, "标题")
    assert [r[0] for r in grid_rows(listed)] == [UPLOAD_TITLE]
    shot_whole(page, "reports_after_import")


# --- admin password -------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def guarded_server(admin_data: AdminData, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with streamlit_server(admin_data.db, tmp_path_factory.mktemp("streamlit_guarded"), {ADMIN_ENV: PASSWORD}) as url:
        yield url


def test_wrong_admin_password_is_refused_on_the_import_page(browser: Browser, guarded_server: str) -> None:
    with app_page(browser) as pg:
        open_page(pg, f"{guarded_server}/import_reports", "导入报告", "导入报告和重建数据库需要管理员密码")
        settle_quietly(pg)
        no_error_box(pg)
        assert "需要管理员密码" in pg.inner_text('[data-testid="stSidebar"]')
        uploader = pg.locator('[data-testid="stFileUploader"]')
        assert uploader.count() == 0
        pg.get_by_label("管理员密码").fill("错误的口令")
        pg.get_by_role("button", name="登录").click()
        pg.get_by_text("密码错误,已拒绝。").wait_for()
        settle_quietly(pg)
        no_error_box(pg)
        assert uploader.count() == 0 and pg.get_by_role("button", name="导入并更新数据库").count() == 0
        shot_whole(pg, "import_refused")
        # the right password opens the same form: the refusal above was the password's doing
        pg.get_by_label("管理员密码").fill(PASSWORD)
        pg.get_by_role("button", name="登录").click()
        uploader.wait_for()
        settle_quietly(pg)
        assert pg.get_by_text("密码错误,已拒绝。").count() == 0
        assert "已以管理员身份登录" in pg.inner_text('[data-testid="stSidebar"]')
